package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strconv"
	"strings"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// apiInfo describes one API the api and ops commands reach.
type apiInfo struct {
	name     string // as typed: "cloudbeds-v2"
	provider string // whose sign-in it uses
	spec     []byte
	pkg      string       // the generated package
	client   reflect.Type // *<pkg>.ClientWithResponses, for the Go method names
}

// apis are the APIs by name, in the order ops lists them.
var apis = []apiInfo{
	{"cloudbeds", "cloudbeds", specs.Cloudbeds, "cloudbeds", reflect.TypeFor[*cloudbeds.ClientWithResponses]()},
	{"cloudbeds-v2", "cloudbeds", specs.CloudbedsV2, "cloudbedsv2", reflect.TypeFor[*cloudbedsv2.ClientWithResponses]()},
	{"cobot", "cobot", specs.Cobot, "cobot", reflect.TypeFor[*cobot.ClientWithResponses]()},
	{"cobot-v1", "cobot", specs.CobotV1, "cobotv1", reflect.TypeFor[*cobotv1.ClientWithResponses]()},
	{"kobas", "kobas", specs.Kobas, "kobas", reflect.TypeFor[*kobas.ClientWithResponses]()},
	{"octotable", "octotable", specs.Octotable, "octotable", reflect.TypeFor[*octotable.ClientWithResponses]()},
}

// apiNames lists the API names, for completion and errors.
func apiNames() []string {
	out := make([]string, len(apis))
	for i, a := range apis {
		out[i] = a.name
	}
	return out
}

// lookupAPI finds an API by name ("cloudbedsv2" and "cobotv1" are accepted too).
func lookupAPI(name string) (*apiInfo, error) {
	for i := range apis {
		if a := &apis[i]; a.name == name || a.pkg == name {
			return a, nil
		}
	}
	return nil, usageError("unknown api %q (want one of: %s)", name, strings.Join(apiNames(), ", "))
}

// doer sends requests; every generated client's HttpRequestDoer has this method.
type doer interface {
	Do(*http.Request) (*http.Response, error)
}

// conn is a signed-in connection to one API: the generated client's base URL, the SDK's transport
// chain built by the root constructor, and the client's request editors.
type conn struct {
	server  string
	doer    doer
	editors []func(context.Context, *http.Request) error
	env     *env
}

// generated takes the base URL, doer and editors out of a generated client.
func generated[E ~func(context.Context, *http.Request) error](server string, d doer, eds []E) (*conn, error) {
	c := &conn{server: strings.TrimRight(server, "/"), doer: d}
	for _, e := range eds {
		c.editors = append(c.editors, e)
	}
	return c, nil
}

// errNoSecret is returned when a token must be obtained again but no client secret is at hand.
func errNoSecret(provider string) error {
	return authError("%s: the stored token has expired and renewing it needs the client secret: set %s, log in again, or log in with --save-secret",
		provider, envName(provider, "CLIENT_SECRET"))
}

// secretGuard refuses every request outside the API base, so that the placeholder secret a
// constructor is given when no secret is at hand never reaches a token endpoint.
type secretGuard struct {
	base     http.RoundTripper
	apiBase  string
	provider string
}

func (g secretGuard) RoundTrip(r *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(r.URL.String(), g.apiBase) {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, errNoSecret(g.provider)
	}
	return g.base.RoundTrip(r)
}

// noSecretPlaceholder stands in for a client secret that is not at hand; secretGuard keeps it
// from being sent.
const noSecretPlaceholder = "hospitality-cli-no-secret"

// connect builds the connection to api for the stored sign-in: the sandbox one when useSandbox,
// or when there is no real sign-in for the provider but a sandbox one.
func connect(ctx context.Context, s streams, a *apiInfo, useSandbox bool) (*conn, error) {
	h, p, err := findProfile(a.provider, useSandbox)
	if err != nil {
		return nil, err
	}
	var e *env
	switch {
	case !h.sandbox:
		e = &env{close: func() {}}
	case p.SandboxURL != "" && os.Getenv(sandboxURLEnv) == "":
		e = &env{root: p.SandboxURL, close: func() {}}
	default:
		if e, err = openEnv(true, ""); err != nil {
			return nil, err
		}
	}
	c, err := build(ctx, s, a, h, p, e)
	if err != nil {
		e.close()
		return nil, err
	}
	c.env = e
	return c, nil
}

// findProfile returns the home and profile of provider's sign-in.
func findProfile(provider string, useSandbox bool) (*home, *profile, error) {
	for _, sandboxed := range []bool{useSandbox, true} {
		h, err := openHome(sandboxed)
		if err != nil {
			return nil, nil, err
		}
		p, err := h.profile(provider)
		if err != nil {
			return nil, nil, err
		}
		if p != nil {
			return h, p, nil
		}
		if useSandbox {
			break
		}
	}
	hint := ""
	if useSandbox {
		hint = " --sandbox"
	}
	return nil, nil, authError("not logged in to %s: run hospitality login %s%s", titles[provider], provider, hint)
}

// secretFor returns the client secret for renewing p's tokens: the environment, the stored one
// (--save-secret), or the sandbox's; "" when none is at hand.
func secretFor(p *profile, e *env) string {
	if v := os.Getenv(envName(p.Provider, "CLIENT_SECRET")); v != "" {
		return v
	}
	if p.ClientSecret != "" {
		return p.ClientSecret
	}
	if e.sandboxed() {
		sc := sandbox.DefaultCredentials
		return map[string]string{"cloudbeds": sc.CloudbedsClientSecret, "cobot": sc.CobotClientSecret,
			"kobas": sc.KobasClientSecret, "octotable": sc.OctotableClientSecret}[p.Provider]
	}
	return ""
}

// build constructs the API's client with the root constructor and takes its parts.
func build(ctx context.Context, s streams, a *apiInfo, h *home, p *profile, e *env) (*conn, error) {
	store := h.store()
	secret := secretFor(p, e)
	var opts []hospitality.Option
	if e.sandboxed() && p.Provider == "cobot" {
		// Cobot allows 60 requests a minute, one a second; the sandbox may be called in bursts.
		opts = append(opts, hospitality.WithRateLimit(transport.RateLimit{Limit: 50, Burst: 10}))
	}
	if e.inProcess && p.Method == methodOAuth {
		// Tokens of an earlier in-process sandbox mean nothing to this one: sign in again with the
		// sandbox's synthetic credentials, approving the consent page over HTTP.
		if err := resignIn(ctx, s, p, e, store); err != nil {
			return nil, err
		}
	}
	guard := func(apiBase string) {
		if secret == "" {
			secret = noSecretPlaceholder
			opts = append(opts, hospitality.WithBaseTransport(secretGuard{base: http.DefaultTransport, apiBase: apiBase, provider: p.Provider}))
		}
	}
	switch a.name {
	case "kobas":
		base := orDefault(e.kobasAPI(), kobas.DefaultServer)
		guard(base)
		c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{ClientID: p.ClientID, ClientSecret: secret, CompanyID: p.CompanyID,
			Scopes: p.Scopes, BaseURL: e.kobasAPI(), TokenURL: e.kobasToken(), TokenStore: store}, opts...))
		if err != nil {
			return nil, err
		}
		g := c.ClientInterface.(*kobas.Client)
		return generated(g.Server, g.Client, g.RequestEditors)
	case "octotable":
		base := orDefault(e.octotableAPI(), octotable.DefaultServer)
		guard(base)
		prop, err := strconv.ParseInt(p.PropertyID, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("octotable: stored property %q is not a number: log in again", p.PropertyID)
		}
		c, err := octotable.New(hospitality.ConnectOctotable(ctx, hospitality.OctotableConfig{ClientID: p.ClientID, ClientSecret: secret, PropertyID: prop,
			BaseURL: e.octotableAPI(), AuthBaseURL: e.octotableAuth(), TokenStore: store}, opts...))
		if err != nil {
			return nil, err
		}
		g := c.ClientInterface.(*octotable.Client)
		return generated(g.Server, g.Client, g.RequestEditors)
	case "cloudbeds", "cloudbeds-v2":
		cfg := hospitality.CloudbedsConfig{PropertyID: p.PropertyID, TokenStore: store}
		switch p.Method {
		case methodAPIKey:
			tok, err := store.Load(ctx, p.StoreKey)
			if err != nil {
				return nil, err
			}
			if tok == nil || tok.AccessToken == "" {
				return nil, authError("cloudbeds: no API key stored: run hospitality login cloudbeds --api-key")
			}
			cfg.APIKey = tok.AccessToken
		default:
			oc := &auth.CloudbedsConfig{ClientID: p.ClientID, ClientSecret: secret, RedirectURL: p.RedirectURL,
				BaseURL: e.cloudbedsAPI(), Store: store, StoreKey: p.StoreKey}
			if secret == "" {
				// Use the stored token while it lasts; renewing it needs the secret.
				cfg.TokenSource = auth.NewCachedSource(func(context.Context) (*oauth2.Token, error) {
					return nil, errNoSecret("cloudbeds")
				}, auth.CacheOptions{Provider: "cloudbeds", Key: p.StoreKey, Store: store})
			} else {
				cfg.OAuth = oc
			}
		}
		if a.name == "cloudbeds" {
			cfg.BaseURL = e.cloudbedsAPI()
			c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, cfg, opts...))
			if err != nil {
				return nil, err
			}
			g := c.ClientInterface.(*cloudbeds.Client)
			return generated(g.Server, g.Client, g.RequestEditors)
		}
		cfg.BaseURL = e.cloudbedsV2API()
		c, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(ctx, cfg, opts...))
		if err != nil {
			return nil, err
		}
		g := c.ClientInterface.(*cloudbedsv2.Client)
		return generated(g.Server, g.Client, g.RequestEditors)
	case "cobot", "cobot-v1":
		app := cobotApp(e, p, secret, store)
		cfg := hospitality.CobotConfig{OAuth: &app, TokenStore: store}
		if a.name == "cobot" {
			cfg.BaseURL = e.cobotAPI()
			c, err := cobot.New(hospitality.ConnectCobot(ctx, cfg, opts...))
			if err != nil {
				return nil, err
			}
			g := c.ClientInterface.(*cobot.Client)
			return generated(g.Server, g.Client, g.RequestEditors)
		}
		cfg.BaseURL, cfg.Subdomain = e.cobotV1API(), p.Subdomain
		if e.sandboxed() {
			cfg.Subdomain = ""
		}
		c, err := cobotv1.New(hospitality.ConnectCobotV1(ctx, cfg, opts...))
		if err != nil {
			return nil, err
		}
		g := c.ClientInterface.(*cobotv1.Client)
		return generated(g.Server, g.Client, g.RequestEditors)
	}
	return nil, fmt.Errorf("api %s: no client", a.name)
}

// resignIn signs p in again to the in-process sandbox e, approving the consent over HTTP as a
// browser would (the sandbox's auto-approve switch), and stores the new token.
func resignIn(ctx context.Context, s streams, p *profile, e *env, store auth.TokenStore) error {
	sc := sandbox.DefaultCredentials
	switch p.Provider {
	case "cloudbeds":
		app := auth.CloudbedsConfig{ClientID: sc.CloudbedsClientID, ClientSecret: sc.CloudbedsClientSecret,
			RedirectURL: sc.CloudbedsRedirectURL, Scopes: p.Scopes, BaseURL: e.cloudbedsAPI(), Store: store, StoreKey: p.StoreKey}
		consent, state, err := app.AuthCodeURL()
		if err != nil {
			return err
		}
		q, err := autoApprove(ctx, consent+"&auto_approve=1")
		if err != nil {
			return err
		}
		code, err := auth.CloudbedsCallbackValues(q, state)
		if err != nil {
			return err
		}
		if _, err := app.Exchange(ctx, code); err != nil {
			return err
		}
		p.RedirectURL = sc.CloudbedsRedirectURL
	case "cobot":
		p.RedirectURL = sc.CobotRedirectURL
		app := cobotApp(e, p, sc.CobotClientSecret, store)
		req, err := app.AuthCodeURL()
		if err != nil {
			return err
		}
		q, err := autoApprove(ctx, req.URL+"&"+sandbox.CobotConsentParam+"=approve")
		if err != nil {
			return err
		}
		if err := cobotFinish(ctx, app, p, req, q); err != nil {
			return err
		}
	}
	fmt.Fprintf(s.err, "sandbox: signed in to this command's in-process sandbox again (set %s to a running \"hospitality sandbox\" to keep tokens between commands)\n", sandboxURLEnv)
	return nil
}

// autoApprove follows a consent URL that approves at once and returns the query of the redirect.
func autoApprove(ctx context.Context, consentURL string) (url.Values, error) {
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, consentURL, nil)
	if err != nil {
		return nil, err
	}
	res, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || res.StatusCode != http.StatusFound {
		return nil, errors.New("sandbox: the consent page did not redirect back")
	}
	return loc.Query(), nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
