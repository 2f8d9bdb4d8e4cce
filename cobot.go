package hospitality

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/time/rate"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// jsonAPI is the media type of every Cobot API 2 request and answer.
const jsonAPI = "application/vnd.api+json"

// CobotConfig configures [ConnectCobot] (API 2) and [ConnectCobotV1] (API 1). Set TokenSource, or OAuth
// (with Token, or a token saved in OAuth.Store by [auth.CobotConfig.Exchange]).
//
// Every URL field, OAuth's included, must be an absolute https URL when set (http is accepted
// only for loopback hosts) that names a host and has no user info or fragment, and a base URL no
// query; the constructors report any other as an [*auth.ConfigError] naming the field.
type CobotConfig struct {
	// TokenSource supplies bearer tokens, for example [auth.CobotSpaceTokenSource] for a
	// space-owned token or [auth.CobotStoredTokenSource] for a user's token.
	TokenSource oauth2.TokenSource
	// OAuth names the app whose token is used; Cobot tokens are long-lived and not refreshed.
	OAuth *auth.CobotConfig
	// Token is the token obtained by [auth.CobotConfig.Exchange]; it needs OAuth.
	Token *oauth2.Token
	// BaseURL overrides the API base. (Cobot serves OAuth on another host, www.cobot.me, so the
	// OAuth endpoints are set in OAuth.)
	BaseURL string
	// TokenStore keeps the user's token; it fills OAuth.Store when that is unset.
	TokenStore auth.TokenStore
	// Now returns the current time for token expiry; it fills OAuth.Now when that is unset.
	Now func() time.Time
	// OnSaveError, if set, is told when the token store fails to save a token; it fills
	// OAuth.OnSaveError when that is unset.
	OnSaveError func(error)
	// Subdomain selects a space's API 1 host, https://<subdomain>.cobot.me, for [ConnectCobotV1]
	// (memberships and webhook subscriptions). Without it API 1 calls go to https://www.cobot.me,
	// where the access-token operations live.
	Subdomain string
}

// cobotProfile is what the transport needs to know of Cobot (API 2 and API 1): 60 requests per
// minute per user, and 6 per minute on API 1's GET /api/memberships, both documented; JSON:API
// error documents, which the transport's generic decoder reads.
var cobotProfile = transport.Profile{
	Name: "cobot",
	RateLimit: transport.RateLimit{
		Limit: rate.Every(time.Minute / 60),
		Burst: 1,
		Endpoints: []transport.EndpointLimit{{
			Name:  "cobot-api1-memberships",
			Match: isCobotAPI1Memberships,
			Limit: rate.Every(time.Minute / 6),
			Burst: 1,
		}},
	},
}

// isCobotAPI1Memberships matches GET https://<space>.cobot.me/api/memberships.
func isCobotAPI1Memberships(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != "" {
		return false
	}
	host := r.URL.Hostname()
	if !strings.HasSuffix(host, ".cobot.me") || host == "api.cobot.me" {
		return false
	}
	return strings.TrimSuffix(r.URL.Path, "/") == "/api/memberships"
}

// checkURLs validates every URL of cfg, OAuth's included, with [checkURL].
func (cfg CobotConfig) checkURLs() error {
	fields := []urlField{{"BaseURL", cfg.BaseURL, true}}
	if o := cfg.OAuth; o != nil {
		fields = append(fields,
			urlField{"OAuth.AuthURL", o.AuthURL, false},
			urlField{"OAuth.TokenURL", o.TokenURL, false},
			urlField{"OAuth.APIURL", o.APIURL, true})
	}
	return checkURLs("cobot", fields...)
}

func (cfg CobotConfig) credentials(ctx context.Context) (authorize, reject func(context.Context, *http.Request) error, err error) {
	switch {
	case cfg.TokenSource != nil && cfg.OAuth != nil:
		return nil, nil, errors.New("set TokenSource or OAuth, not both")
	case cfg.Token != nil && cfg.OAuth == nil:
		return nil, nil, errors.New("a Token needs OAuth")
	case cfg.TokenSource != nil:
		authorize, reject = bearer(cfg.TokenSource)
		return authorize, reject, nil
	case cfg.OAuth == nil:
		return nil, nil, errors.New("a TokenSource or OAuth is required")
	}
	oc := *cfg.OAuth
	if oc.Store == nil {
		oc.Store = cfg.TokenStore
	}
	if oc.Now == nil {
		oc.Now = cfg.Now
	}
	if oc.OnSaveError == nil {
		oc.OnSaveError = cfg.OnSaveError
	}
	return oauthBearer(ctx, oc, cfg.Token, "cobot", oc.ClientID, oc.Store, oc.StoreKey,
		auth.CobotTokenSource, auth.CobotStoredTokenSource)
}

// ConnectCobot returns a connection to the Cobot API 2 (gen/cobot's New builds the typed client on
// it): bearer authentication, the JSON:API Accept header on every request and the JSON:API
// Content-Type on every request other than GET (bodyless ones such as DELETE /bookings/{id}
// included, as Cobot demands), and the shared transport chain with Cobot's documented limit of 60
// requests per minute per user token (a 429 still reaching the client pauses that token for
// Retry-After). Failed calls return an error that unwraps to [*APIError], with JSON:API field
// pointers in its Fields and [ErrPaymentRequired] for a missing paid add-on. A required parameter
// left unset (filter[from] of GetSpaceExternalBookingsParams{}) is a [*ParameterError] naming it,
// and nothing is sent.
//
// It does no I/O. The connection is safe for concurrent use.
func ConnectCobot(ctx context.Context, cfg CobotConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cobot: %w", err)
	}
	s := collect(opts)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cobot: %w", err)
	}
	header := http.Header{}
	header.Set("Accept", jsonAPI)
	doer := transport.New(s.transportConfig(cobotProfile, header, authorize, reject))
	return newConnection("cobot", orDefault(cfg.BaseURL, cobotDefaultServer), doer, jsonAPIContentType), nil
}

// jsonAPIContentType labels every API 2 request other than GET and HEAD as JSON:API, as Cobot
// requires ("non-GET requests MUST send a Content-Type: application/vnd.api+json header"). The
// generated code labels requests that carry a body; this covers those without one (DELETE, and
// POSTs such as publishing an event) and leaves a Content-Type already set alone.
func jsonAPIContentType(_ context.Context, req *http.Request) error {
	if req.Method != http.MethodGet && req.Method != http.MethodHead && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", jsonAPI)
	}
	return nil
}

// ConnectCobotV1 returns a connection to the Cobot API 1 (gen/cobotv1's New builds the typed client
// on it) for what API 2 lacks: access tokens (inspect, revoke, create space-owned tokens) on
// www.cobot.me, and memberships and webhook subscriptions on a space's own host (set Subdomain).
// The transport applies Cobot's per-user limit and the lower limit of 6 requests per minute on API
// 1 memberships.
//
// It does no I/O. The connection is safe for concurrent use.
func ConnectCobotV1(ctx context.Context, cfg CobotConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cobot v1: %w", err)
	}
	s := collect(opts)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cobot v1: %w", err)
	}
	base := cfg.BaseURL
	if base == "" {
		base = cobotv1DefaultServer
		if cfg.Subdomain != "" {
			if !validSubdomain(cfg.Subdomain) {
				return nil, fmt.Errorf("hospitality: cobot v1: Subdomain %q is not a DNS label (letters, digits, hyphens)", cfg.Subdomain)
			}
			base = cobotSpaceServer(cfg.Subdomain)
			if err := checkURL("cobot", "Subdomain", base, true); err != nil {
				return nil, fmt.Errorf("hospitality: cobot v1: %w", err)
			}
		}
	}
	doer := transport.New(s.transportConfig(cobotProfile, nil, authorize, reject))
	return newConnection("cobotv1", base, doer), nil
}

// validSubdomain reports whether s is one DNS label, so it cannot redirect requests elsewhere.
func validSubdomain(s string) bool {
	if len(s) == 0 || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
