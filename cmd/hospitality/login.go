package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/spf13/cobra"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cobotDefaultScopes are requested when login cobot gets no --scopes: an ID token (openid,
// email, profile) and what the examples read and book.
var cobotDefaultScopes = []string{"openid", "email", "profile", "read_user", "read_spaces", "read_memberships",
	"read_resources", "read_bookings", "write_bookings"}

// loginOptions are login's flags.
type loginOptions struct {
	sandbox                bool
	clientID, clientSecret string
	apiKey                 string
	useAPIKey              bool
	scopes                 []string
	company, property      string
	subdomain              string
	redirectURL            string
	noBrowser, saveSecret  bool
	timeout                time.Duration
}

const loginLong = `login signs in to a provider and stores the token in the user's config directory
(tokens.json, mode 0600, through the SDK's auth.FileStore; sandbox sign-ins in sandbox/).

  cloudbeds  OAuth 2 authorization code (default), or an API key (--api-key)
  cobot      OAuth 2 authorization code with PKCE; the OpenID Connect ID token is verified (nonce included)
  kobas      OAuth 2 client credentials (--company)
  octotable  OAuth 2 client credentials (--property)

Authorization-code sign-ins listen on a loopback redirect URI (--redirect-url, default
` + defaultRedirectURL + `: register it with your app), print the consent URL and open a browser when
one is available, check the state that comes back and exchange the code.

Client ids and secrets come from the flags, from HOSPITALITY_<PROVIDER>_CLIENT_ID,
HOSPITALITY_<PROVIDER>_CLIENT_SECRET (and HOSPITALITY_CLOUDBEDS_API_KEY), or a prompt that does
not echo (pass - as the flag's value to be asked). Secrets are not written to disk unless
--save-secret is given; without it, "api" asks the environment again when a token must be renewed.
With --sandbox every value defaults to the sandbox's synthetic credentials.`

const loginExample = `  hospitality login cloudbeds --sandbox
  hospitality login cobot --sandbox --scopes openid,email,read_bookings
  HOSPITALITY_KOBAS_CLIENT_ID=… HOSPITALITY_KOBAS_CLIENT_SECRET=… hospitality login kobas --company 1234
  hospitality login octotable --client-id my-app --client-secret - --property 999643
  hospitality login cloudbeds --api-key`

func newLoginCmd(s streams) *cobra.Command {
	var o loginOptions
	c := &cobra.Command{
		Use:       "login <provider>",
		Short:     "Sign in to Cloudbeds, Cobot, Kobas or OctoTable and store the token",
		Long:      loginLong,
		Example:   loginExample,
		Args:      exactArgs(1),
		ValidArgs: providers,
		RunE: func(c *cobra.Command, args []string) error {
			if err := checkProvider(args[0]); err != nil {
				return err
			}
			return login(c.Context(), s, args[0], o)
		},
	}
	f := c.Flags()
	f.BoolVar(&o.sandbox, "sandbox", false, "sign in to the sandbox (in-process, or "+sandboxURLEnv+")")
	f.StringVar(&o.clientID, "client-id", "", "OAuth client id (default $HOSPITALITY_<PROVIDER>_CLIENT_ID)")
	f.StringVar(&o.clientSecret, "client-secret", "", "OAuth client secret, - to be asked (default $HOSPITALITY_<PROVIDER>_CLIENT_SECRET)")
	f.BoolVar(&o.useAPIKey, "api-key", false, "cloudbeds: sign in with an API key ($HOSPITALITY_CLOUDBEDS_API_KEY, or asked)")
	f.StringSliceVar(&o.scopes, "scopes", nil, "scopes to request, comma-separated (cobot default: "+strings.Join(cobotDefaultScopes, ",")+")")
	f.StringVar(&o.company, "company", "", "kobas: company id")
	f.StringVar(&o.property, "property", "", "octotable: restaurant (Property header); cloudbeds: X-PROPERTY-ID to send")
	f.StringVar(&o.subdomain, "subdomain", "", "cobot: the space's subdomain, for API 1 memberships and webhooks")
	f.StringVar(&o.redirectURL, "redirect-url", "", "loopback redirect URI to listen on (default "+defaultRedirectURL+"; any free port for an in-process sandbox)")
	f.BoolVar(&o.noBrowser, "no-browser", false, "print the consent URL without opening a browser")
	f.BoolVar(&o.saveSecret, "save-secret", false, "also store the client secret (in clear, mode 0600) so tokens can be renewed without asking")
	f.DurationVar(&o.timeout, "timeout", loginTimeout, "how long to wait for the consent")
	return c
}

// login runs the provider's sign-in and stores the result.
func login(ctx context.Context, s streams, provider string, o loginOptions) error {
	if o.useAPIKey && provider != "cloudbeds" {
		return usageError("login: --api-key is for cloudbeds only")
	}
	h, err := openHome(o.sandbox)
	if err != nil {
		return err
	}
	interactive := provider == "cobot" || provider == "cloudbeds" && !o.useAPIKey
	var l *loopback
	if interactive {
		redirect := o.redirectURL
		if redirect == "" {
			redirect = defaultRedirectURL
			if root, err := sandboxRoot(); err != nil {
				return err
			} else if o.sandbox && root == "" {
				redirect = "http://127.0.0.1:0/callback" // the in-process sandbox accepts any port
			}
		}
		if l, err = listenLoopback(redirect); err != nil {
			return err
		}
		defer l.close()
	}
	redirect := ""
	if l != nil {
		redirect = l.url
	}
	e, err := openEnv(o.sandbox, redirect)
	if err != nil {
		return err
	}
	defer e.close()
	sc := sandbox.DefaultCredentials
	def := func(v string) string { // a sandbox default, "" for the real providers
		if e.sandboxed() {
			return v
		}
		return ""
	}
	id := credential{provider: provider, what: "CLIENT_ID", label: titles[provider] + " client id"}
	secret := credential{provider: provider, what: "CLIENT_SECRET", label: titles[provider] + " client secret", secret: true}
	p := &profile{Provider: provider, Scopes: o.scopes, LoggedInAt: time.Now().UTC()}
	if !e.inProcess {
		p.SandboxURL = e.root
	}
	var clientSecret string
	resolve := func(defID, defSecret string, secretRequired bool) error {
		if p.ClientID, err = id.resolve(s, o.clientID, def(defID)); err != nil {
			return err
		}
		if p.ClientID == "" {
			return usageError("login %s: a client id is required (--client-id or %s)", provider, envName(provider, "CLIENT_ID"))
		}
		if clientSecret, err = secret.resolve(s, o.clientSecret, def(defSecret)); err != nil {
			return err
		}
		if clientSecret == "" && secretRequired {
			return usageError("login %s: a client secret is required (--client-secret, %s, or - to be asked)", provider, envName(provider, "CLIENT_SECRET"))
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	store := h.store()
	switch {
	case provider == "cloudbeds" && o.useAPIKey:
		key, err := credential{provider: provider, what: "API_KEY", label: "Cloudbeds API key", secret: true}.resolve(s, o.apiKey, def(sc.CloudbedsAPIKey))
		if err != nil {
			return err
		}
		if key == "" {
			return usageError("login cloudbeds --api-key: an API key is required (%s, or asked at a terminal)", envName(provider, "API_KEY"))
		}
		p.Method, p.StoreKey, p.PropertyID = methodAPIKey, "cloudbeds:api-key", o.property
		if err := store.Save(ctx, p.StoreKey, &oauth2.Token{AccessToken: key, TokenType: "api-key"}); err != nil {
			return err
		}
	case provider == "cloudbeds":
		if err := resolve(sc.CloudbedsClientID, sc.CloudbedsClientSecret, true); err != nil {
			return err
		}
		p.Method, p.StoreKey, p.PropertyID, p.RedirectURL = methodOAuth, "cloudbeds:"+p.ClientID, o.property, l.url
		app := auth.CloudbedsConfig{ClientID: p.ClientID, ClientSecret: clientSecret, RedirectURL: l.url, Scopes: o.scopes,
			BaseURL: e.cloudbedsAPI(), Store: store, StoreKey: p.StoreKey}
		consentURL, state, err := app.AuthCodeURL()
		if err != nil {
			return err
		}
		q, err := l.await(ctx, s, consentURL, o.noBrowser)
		if err != nil {
			return err
		}
		code, err := auth.CloudbedsCallbackValues(q, state)
		if err != nil {
			return loginFailure("cloudbeds", err)
		}
		tok, err := app.Exchange(ctx, code)
		if err != nil {
			return loginFailure("cloudbeds", err)
		}
		for _, r := range auth.CloudbedsResources(tok) {
			p.Resources = append(p.Resources, r.Type+" "+r.ID)
		}
	case provider == "cobot":
		if err := resolve(sc.CobotClientID, sc.CobotClientSecret, false); err != nil {
			return err
		}
		if len(p.Scopes) == 0 {
			p.Scopes = cobotDefaultScopes
		}
		p.Method, p.StoreKey, p.Subdomain, p.RedirectURL = methodOAuth, "cobot:"+p.ClientID, o.subdomain, l.url
		if p.Subdomain == "" && e.sandboxed() {
			p.Subdomain = sc.CobotSubdomain
		}
		app := cobotApp(e, p, clientSecret, store)
		app.RedirectURL = l.url
		req, err := app.AuthCodeURL()
		if err != nil {
			return err
		}
		q, err := l.await(ctx, s, req.URL, o.noBrowser)
		if err != nil {
			return err
		}
		if err := cobotFinish(ctx, app, p, req, q); err != nil {
			return err
		}
	case provider == "kobas":
		if err := resolve(sc.KobasClientID, sc.KobasClientSecret, true); err != nil {
			return err
		}
		p.Method, p.CompanyID = methodClientCredentials, o.company
		if p.CompanyID == "" {
			p.CompanyID = def(sc.KobasCompanyID)
		}
		if p.CompanyID == "" {
			return usageError("login kobas: --company is required")
		}
		cfg := auth.KobasConfig{ClientID: p.ClientID, ClientSecret: clientSecret, CompanyID: p.CompanyID, Scopes: o.scopes,
			TokenURL: e.kobasToken(), Store: store}
		p.StoreKey = cfg.StoreKey()
		if _, err := auth.KobasTokenSource(ctx, cfg).TokenContext(ctx); err != nil {
			return loginFailure("kobas", err)
		}
	case provider == "octotable":
		if err := resolve(sc.OctotableClientID, sc.OctotableClientSecret, true); err != nil {
			return err
		}
		p.Method, p.PropertyID = methodClientCredentials, o.property
		if p.PropertyID == "" && e.sandboxed() {
			p.PropertyID = fmt.Sprint(sc.OctotablePropertyID)
		}
		if p.PropertyID == "" {
			return usageError("login octotable: --property is required")
		}
		cfg := auth.OctotableConfig{ClientID: p.ClientID, ClientSecret: clientSecret, Property: p.PropertyID,
			AuthBaseURL: e.octotableAuth(), Store: store}
		p.StoreKey = cfg.StoreKey()
		if _, err := auth.OctotableTokenSource(ctx, cfg).TokenContext(ctx); err != nil {
			return loginFailure("octotable", err)
		}
	}
	if o.saveSecret {
		p.ClientSecret = clientSecret
	}
	if err := h.put(p); err != nil {
		return err
	}
	where := ""
	if e.sandboxed() {
		where = " (sandbox)"
	}
	fmt.Fprintf(s.out, "Logged in to %s%s: %s\n", titles[provider], where, describeProfile(p))
	fmt.Fprintf(s.out, "Token saved in %s (mode 0600).\n", h.tokenPath())
	return nil
}

// loginFailure is a failed sign-in: exit code 3 when the provider refused it, 1 when it could not
// be reached.
func loginFailure(provider string, err error) error {
	var te *auth.TokenError
	if errors.As(err, &te) || errors.Is(err, auth.ErrCobotNonceMismatch) || !isNetworkError(err) {
		return authError("login %s: %w", provider, err)
	}
	return fmt.Errorf("login %s: %w", provider, err)
}

// isNetworkError reports whether err is a failure to reach the server.
func isNetworkError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &ne) || errors.As(err, &oe) || errors.As(err, &de)
}

// titles are the providers' display names.
var titles = map[string]string{"cloudbeds": "Cloudbeds", "cobot": "Cobot", "kobas": "Kobas", "octotable": "OctoTable"}

// describeProfile is one line about p with no secret in it.
func describeProfile(p *profile) string {
	var parts []string
	switch p.Method {
	case methodAPIKey:
		parts = append(parts, "API key")
	case methodOAuth:
		parts = append(parts, "OAuth as client "+p.ClientID)
	case methodClientCredentials:
		parts = append(parts, "client credentials of "+p.ClientID)
	}
	if p.Name != "" || p.Email != "" {
		parts = append(parts, fmt.Sprintf("user %s <%s>", p.Name, p.Email))
	}
	if len(p.Resources) > 0 {
		parts = append(parts, strings.Join(p.Resources, ", "))
	}
	if p.CompanyID != "" {
		parts = append(parts, "company "+p.CompanyID)
	}
	if p.PropertyID != "" {
		parts = append(parts, "property "+p.PropertyID)
	}
	if p.Subdomain != "" {
		parts = append(parts, "space "+p.Subdomain)
	}
	return strings.Join(parts, ", ")
}

// cobotApp is the Cobot OAuth app of p in e.
func cobotApp(e *env, p *profile, secret string, store auth.TokenStore) auth.CobotConfig {
	return auth.CobotConfig{ClientID: p.ClientID, ClientSecret: secret, RedirectURL: p.RedirectURL, Scopes: p.Scopes,
		AuthURL: e.cobotAuthorize(), TokenURL: e.cobotToken(), Issuer: e.cobotIssuer(), APIURL: e.cobotAccessAPI(),
		Store: store, StoreKey: p.StoreKey}
}

// cobotFinish checks the callback's state, exchanges the code with the PKCE verifier and, when
// the app asked for openid, verifies the ID token (signature, issuer, audience, expiry, nonce).
// A token whose ID token fails verification is removed from the store again.
func cobotFinish(ctx context.Context, app auth.CobotConfig, p *profile, req *auth.CobotAuthRequest, q url.Values) error {
	code, err := auth.CobotCallbackValues(q, req.State)
	if err != nil {
		return loginFailure("cobot", err)
	}
	tok, err := app.Exchange(ctx, code, req.Verifier)
	if err != nil {
		return loginFailure("cobot", err)
	}
	if !slices.Contains(app.Scopes, "openid") {
		return nil
	}
	fail := func(err error) error {
		app.Store.Save(context.WithoutCancel(ctx), p.StoreKey, nil)
		return loginFailure("cobot", err)
	}
	idp, err := auth.NewCobotOIDC(ctx, app)
	if err != nil {
		return fail(err)
	}
	who, err := idp.VerifyToken(ctx, tok, req.Nonce)
	if err != nil {
		return fail(err)
	}
	p.Subject, p.Name, p.Email = who.Subject, who.Name, who.Email
	return nil
}

// loopback is the redirect URI's listener on 127.0.0.1.
type loopback struct {
	url  string // the redirect URI, with the port actually listened on
	srv  *http.Server
	got  chan url.Values
	path string
}

// listenLoopback listens on the host and port of redirect, which must be http on 127.0.0.1 (or
// ::1); port 0 picks a free one.
func listenLoopback(redirect string) (*loopback, error) {
	u, err := url.Parse(redirect)
	if err != nil || u.Scheme != "http" || u.Port() == "" {
		return nil, usageError("login: --redirect-url %q must be http://127.0.0.1:<port>/<path>", redirect)
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		return nil, usageError("login: --redirect-url %q is not on a loopback address (127.0.0.1 or ::1)", redirect)
	}
	ln, err := net.Listen("tcp", u.Host)
	if err != nil {
		return nil, fmt.Errorf("login: listening for the redirect: %w", err)
	}
	u.Host = ln.Addr().String()
	if u.Path == "" {
		u.Path = "/"
	}
	l := &loopback{url: u.String(), got: make(chan url.Values, 1), path: u.Path}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+u.Path, func(w http.ResponseWriter, r *http.Request) {
		select {
		case l.got <- r.URL.Query():
		default: // only the first redirect counts
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		msg := "Signed in. You can close this window and return to the terminal."
		if e := r.URL.Query().Get("error"); e != "" {
			msg = "Sign-in failed: " + e + ". Return to the terminal."
		}
		fmt.Fprintf(w, "<!doctype html><title>hospitality</title><p>%s</p>\n", html.EscapeString(msg))
	})
	l.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go l.srv.Serve(ln)
	return l, nil
}

// await shows the consent URL, opens a browser unless told not to, and waits for the redirect.
func (l *loopback) await(ctx context.Context, s streams, consentURL string, noBrowser bool) (url.Values, error) {
	fmt.Fprintf(s.err, "Open this URL in a browser to approve the sign-in (waiting on %s):\n\n  %s\n\n", l.url, consentURL)
	if !noBrowser && openBrowser(consentURL) {
		fmt.Fprintln(s.err, "(a browser was opened)")
	}
	select {
	case q := <-l.got:
		return q, nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, authError("login: no answer from the browser in time")
		}
		return nil, ctx.Err()
	}
}

func (l *loopback) close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.srv.Shutdown(ctx)
}

// openBrowser starts the platform's URL opener when one is available, and reports whether it
// did. On Linux and the BSDs it needs a graphical session.
func openBrowser(u string) bool {
	var name string
	var args []string
	switch runtime.GOOS {
	case "darwin":
		name, args = "open", []string{u}
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", u}
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return false
		}
		name, args = "xdg-open", []string{u}
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return false
	}
	cmd := exec.Command(path, args...)
	if err := cmd.Start(); err != nil {
		return false
	}
	go cmd.Wait()
	return true
}
