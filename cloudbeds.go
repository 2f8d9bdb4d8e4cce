package hospitality

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/form"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// CloudbedsConfig configures [ConnectCloudbeds] (PMS API v1.3) and [ConnectCloudbedsV2] (API v2). Set
// exactly one credential: APIKey, or OAuth (with Token, or a token saved in OAuth.Store by
// [auth.CloudbedsConfig.Exchange]), or TokenSource.
//
// Every URL field, OAuth's included, must be an absolute https URL when set (http is accepted
// only for loopback hosts) that names a host and has no user info or fragment, and a base URL no
// query; the constructors report any other as an [*auth.ConfigError] naming the field.
type CloudbedsConfig struct {
	// APIKey authenticates with the x-api-key header, Cloudbeds' preferred credential.
	APIKey string
	// OAuth configures OAuth 2 tokens refreshed with the refresh_token grant. Without Token the
	// token is loaded from OAuth.Store, so a new process continues without new consent.
	OAuth *auth.CloudbedsConfig
	// Token is the token pair obtained by [auth.CloudbedsConfig.Exchange]; it needs OAuth.
	Token *oauth2.Token
	// TokenSource supplies bearer tokens from elsewhere (for example one shared by several
	// clients). A source with a Reject method (such as [auth.CachedSource]) gets the SDK's single
	// refresh-and-retry after a 401.
	TokenSource oauth2.TokenSource
	// PropertyID, when set, is sent as X-PROPERTY-ID on every API v1.3 request. (API v2 takes
	// x-property-id as a parameter of each operation.)
	PropertyID string
	// BaseURL overrides the API base (for example a property's own host, or the sandbox). It moves
	// the OAuth endpoints too: when OAuth.BaseURL is empty, token, consent and metadata requests go
	// to BaseURL for API v1.3, and to BaseURL's scheme and host plus /api/v1.3 for API v2.
	// OAuth.BaseURL, AuthURL, TokenURL and MetadataURL override that for a split host.
	BaseURL string
	// TokenStore persists OAuth tokens; it fills OAuth.Store when that is unset. Tokens are saved
	// before use, so a rotated refresh token is never lost.
	TokenStore auth.TokenStore
	// Now returns the current time for token expiry; it fills OAuth.Now when that is unset. Nil
	// means time.Now.
	Now func() time.Time
	// OnSaveError, if set, is told when the token store fails to save a token (the token is still
	// used); it fills OAuth.OnSaveError when that is unset.
	OnSaveError func(error)
	// DiscoverHost asks Cloudbeds' /oauth/metadata which API host serves the credential's
	// property and uses it, unless BaseURL is set. It costs one request when the client is built.
	// The URL it names is held to the rules of BaseURL, or the constructor fails.
	DiscoverHost bool
	// MetadataURL overrides where DiscoverHost asks; the default is OAuth's metadata URL, or
	// https://api.cloudbeds.com/api/v1.3/oauth/metadata.
	MetadataURL string
}

// checkURLs validates every URL of cfg, OAuth's included, with [checkURL].
func (cfg CloudbedsConfig) checkURLs() error {
	fields := []urlField{{"BaseURL", cfg.BaseURL, true}, {"MetadataURL", cfg.MetadataURL, false}}
	if o := cfg.OAuth; o != nil {
		fields = append(fields,
			urlField{"OAuth.BaseURL", o.BaseURL, true},
			urlField{"OAuth.AuthURL", o.AuthURL, false},
			urlField{"OAuth.TokenURL", o.TokenURL, false},
			urlField{"OAuth.MetadataURL", o.MetadataURL, false})
	}
	return checkURLs("cloudbeds", fields...)
}

// cloudbedsProfile is what the transport needs to know of Cloudbeds PMS API v1.3: 5 requests per
// second per client (shared with API v2), failures reported as HTTP 200 with "success": false,
// and the wording that tells a failure's meaning (see [classifyCloudbeds]).
var cloudbedsProfile = transport.Profile{
	Name:          "cloudbeds",
	LimitGroup:    "cloudbeds",
	RateLimit:     transport.RateLimit{Limit: 5, Burst: 1}, // 10 for technology partners: WithRateLimit
	SuccessMember: "success",
	Classify:      classifyCloudbeds,
}

// cloudbedsV2Profile is Cloudbeds API v2: real status codes, the same per-client limit as v1.3,
// and the same wording for expired tokens and lost connections.
var cloudbedsV2Profile = transport.Profile{
	Name:       "cloudbeds-v2",
	LimitGroup: "cloudbeds",
	RateLimit:  transport.RateLimit{Limit: 5, Burst: 1},
	Classify:   classifyCloudbeds,
}

// cloudbedsKinds maps wording in the message of a Cloudbeds failure to the sentinel it means. The
// first match wins; the wording is matched in lower case. The first three groups apply whatever
// the status (Cloudbeds sends "Access token is invalid or has expired." with 200 or 403); the last
// two only to answers sent with a 2xx status, where the status says nothing.
var cloudbedsKinds = []struct {
	words     []string
	kind      error
	anyStatus bool
}{
	{[]string{"application is not available to be connected", "who approved this connection is not active",
		"connection is not active", "connection has been revoked", "connection was revoked"}, ErrConsentRequired, true},
	{[]string{"access token is invalid", "token is invalid or has expired", "access token has expired",
		"invalid access token", "access token expired", "token has been revoked", "invalid api key", "api key is invalid"}, ErrUnauthorized, true},
	{[]string{"scope required", "not granted by property", "insufficient scope"}, ErrForbidden, true},
	{[]string{"not found", "does not exist", "doesn't exist", "no such", "unknown"}, ErrNotFound, false},
	{[]string{"access denied", "don't have access", "do not have access", "no access", "not allowed", "permission", "unauthorized"}, ErrForbidden, false},
}

// classifyCloudbeds sets e.Kind for a Cloudbeds failure from its message: for an answer sent with
// a 2xx status any message sets a kind ([ErrValidation] when no wording matches); for other
// statuses only the wording that means sign in again, consent again or a missing scope does. An
// empty 403 is a firewall block ([ErrUnavailable]), as an HTML one is.
func classifyCloudbeds(e *APIError, body []byte) {
	msg := strings.ToLower(e.Message)
	ok := e.StatusCode >= 200 && e.StatusCode < 300
	for _, k := range cloudbedsKinds {
		if !k.anyStatus && !ok {
			continue
		}
		for _, w := range k.words {
			if strings.Contains(msg, w) {
				e.Kind = k.kind
				return
			}
		}
	}
	switch {
	case ok:
		e.Kind = ErrValidation
	case e.StatusCode == http.StatusForbidden && len(bytes.TrimSpace(body)) == 0:
		e.Kind = ErrUnavailable
	}
}

// credentials returns the per-attempt authorizer and the 401 hook for cfg's credential.
func (cfg CloudbedsConfig) credentials(ctx context.Context) (authorize, reject func(context.Context, *http.Request) error, err error) {
	set := 0
	for _, ok := range []bool{cfg.APIKey != "", cfg.OAuth != nil, cfg.TokenSource != nil} {
		if ok {
			set++
		}
	}
	switch {
	case set != 1:
		return nil, nil, errors.New("exactly one of APIKey, OAuth or TokenSource is required")
	case cfg.Token != nil && cfg.OAuth == nil:
		return nil, nil, errors.New("a Token needs OAuth (the client credentials that refresh it)")
	case cfg.APIKey != "":
		return auth.CloudbedsAPIKey(cfg.APIKey), nil, nil
	case cfg.TokenSource != nil:
		authorize, reject = bearer(cfg.TokenSource)
		return authorize, reject, nil
	}
	o := cfg.OAuth
	return oauthBearer(ctx, *o, cfg.Token, "cloudbeds", o.ClientID, o.Store, o.StoreKey,
		auth.CloudbedsTokenSource, auth.CloudbedsStoredTokenSource)
}

// discover returns the API origin (scheme and host) Cloudbeds names for the credential. The
// request goes through the same base transport as API calls, whatever the credential.
func (cfg CloudbedsConfig) discover(ctx context.Context, s settings, authorize func(context.Context, *http.Request) error) (*url.URL, error) {
	var ac auth.CloudbedsConfig
	if cfg.OAuth != nil {
		ac = *cfg.OAuth
	}
	if ac.HTTPClient == nil {
		ac.HTTPClient = s.tokenClient()
	}
	if cfg.MetadataURL != "" {
		ac.MetadataURL = cfg.MetadataURL
	}
	raw, err := ac.DiscoverAPIURL(ctx, authorize)
	if err != nil {
		return nil, err
	}
	// auth checks the scheme; hold the answer to every rule a configured BaseURL meets.
	if err := checkURL("cloudbeds", "data.api.url", raw, true); err != nil {
		var ce *auth.ConfigError
		if errors.As(err, &ce) {
			return nil, fmt.Errorf("discovered API URL %q %s", raw, ce.Problem)
		}
		return nil, fmt.Errorf("discovered API URL: %w", err)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("discovered API URL: %w", err)
	}
	return u, nil
}

// ConnectCloudbeds returns a connection to the Cloudbeds PMS API v1.3 (gen/cloudbeds's New builds
// the typed client on it) wired with the configured credential, the optional X-PROPERTY-ID header
// and the shared transport chain: Cloudbeds' 5 requests per second per client, retries, and typed
// errors — including the answers Cloudbeds sends with HTTP 200 and "success": false, which come
// back as an [*APIError] like any other failure. Form bodies reach the wire PHP-style
// (rooms[0][roomTypeID]=…), with exact decimals and dates.
//
// It does no I/O unless DiscoverHost is set. The connection is safe for concurrent use.
func ConnectCloudbeds(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, false)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedsDefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds: %w", err)
		}
		if strings.Trim(u.Path, "/") == "" {
			u.Path = "/api/v1.3" // the metadata names the host; the version path is ours
		}
		base = u.String()
	}
	var header http.Header
	if cfg.PropertyID != "" {
		header = http.Header{}
		header.Set(auth.CloudbedsPropertyHeader, cfg.PropertyID)
	}
	tc := s.transportConfig(cloudbedsProfile, header, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbeds", base, doer), nil
}

// withShared returns cfg with a copy of its OAuth configuration that takes what the root
// configuration sets once for every provider: the token requests' HTTP client (the same base
// transport as API calls), TokenStore, Now, OnSaveError, and the OAuth base moved with BaseURL
// (v2: the API v2 base, whose OAuth endpoints live under /api/v1.3 on the same host). Fields the
// OAuth configuration sets itself win.
func (cfg CloudbedsConfig) withShared(s settings, v2 bool) CloudbedsConfig {
	if cfg.OAuth == nil {
		return cfg
	}
	oc := *cfg.OAuth
	if oc.HTTPClient == nil {
		oc.HTTPClient = s.tokenClient()
	}
	if oc.Store == nil {
		oc.Store = cfg.TokenStore
	}
	if oc.Now == nil {
		oc.Now = cfg.Now
	}
	if oc.OnSaveError == nil {
		oc.OnSaveError = cfg.OnSaveError
	}
	if oc.BaseURL == "" && cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
		if v2 {
			if u, err := url.Parse(cfg.BaseURL); err == nil {
				oc.BaseURL = u.Scheme + "://" + u.Host + "/api/v1.3"
			}
		}
	}
	cfg.OAuth = &oc
	return cfg
}

// ConnectCloudbedsV2 returns a connection to the Cloudbeds API v2 (gen/cloudbedsv2's New builds the
// typed client on it) wired with the configured credential and the shared transport chain
// (Cloudbeds' 5 requests per second per client, retries, typed errors; POSTs that carry an
// Idempotency-Key are retried safely). Failed calls return an error that unwraps to [*APIError].
//
// It does no I/O unless DiscoverHost is set. The connection is safe for concurrent use.
func ConnectCloudbedsV2(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds v2: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, true)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds v2: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedsv2DefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds v2: %w", err)
		}
		base = u.Scheme + "://" + u.Host
	}
	tc := s.transportConfig(cloudbedsV2Profile, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbedsv2", base, doer, checkCreateItems), nil
}

// createItemsTargets are the members of a createItems body (POST /item/v1/items) of which
// exactly one must be set: the folio the items are posted to.
var createItemsTargets = [...]string{"reservationId", "houseAccountId", "groupCode"}

// checkCreateItems refuses a createItems request whose body sets none or more than one of
// reservationId, houseAccountId and groupCode, before it is sent: the spec states the rule as a
// oneOf that the generated body type cannot carry. A null member counts as unset. Other requests,
// and bodies that are no JSON object, pass unchecked.
func checkCreateItems(_ context.Context, req *http.Request) error {
	if req.Method != http.MethodPost || !strings.HasSuffix(req.URL.Path, "/item/v1/items") || req.GetBody == nil {
		return nil
	}
	rc, err := req.GetBody()
	if err != nil {
		return nil
	}
	defer rc.Close()
	var members map[string]json.RawMessage
	if json.NewDecoder(rc).Decode(&members) != nil {
		return nil
	}
	var set []string
	for _, name := range createItemsTargets {
		if v, ok := members[name]; ok && string(bytes.TrimSpace(v)) != "null" {
			set = append(set, name)
		}
	}
	if len(set) == 1 {
		return nil
	}
	got := "none is set"
	if len(set) > 1 {
		got = strings.Join(set[:len(set)-1], ", ") + " and " + set[len(set)-1] + " are set"
	}
	return fmt.Errorf("hospitality: cloudbeds v2: createItems needs exactly one of reservationId, houseAccountId or groupCode; %s: %w", got, ErrValidation)
}

// The ways a Cloudbeds v1 form body (POST and PUT of the PMS API v1.3) can write booleans and
// date-times, for [WithFormBooleans] and [WithFormDateTimes]. Each is the form package's own.
type (
	// FormBooleans names how form bodies write booleans.
	FormBooleans = form.Booleans
	// FormDateTimes names how form bodies write date-times.
	FormDateTimes = form.DateTimes
)

const (
	// FormBooleansNumeric writes 1 and 0, the default (what PHP clients of Cloudbeds send).
	FormBooleansNumeric = form.BooleansNumeric
	// FormBooleansWords writes true and false, the literal booleans the upstream document declares.
	FormBooleansWords = form.BooleansWords
	// FormDateTimesSQL writes "2006-01-02 15:04:05", the default: the DateTime layout Cloudbeds'
	// tech specs give.
	FormDateTimesSQL = form.DateTimesSQL
	// FormDateTimesRFC3339 writes RFC 3339 with the value's offset, the format date-time the
	// upstream document declares.
	FormDateTimesRFC3339 = form.DateTimesRFC3339
)

// WithFormBooleans returns a copy of ctx under which the form bodies of Cloudbeds v1 calls made
// with it write booleans as b. The default, [FormBooleansNumeric], sends 1 and 0; each field's
// description in specs/cloudbeds.yaml gives the evidence for that choice.
func WithFormBooleans(ctx context.Context, b FormBooleans) context.Context {
	return form.WithBooleans(ctx, b)
}

// WithFormDateTimes returns a copy of ctx under which the form bodies of Cloudbeds v1 calls made
// with it write date-times as d. The default sends "2006-01-02 15:04:05" (wire.SQLDateTime's own
// form); [FormDateTimesRFC3339] sends RFC 3339 instead. Dates (wire.Date) are not affected.
func WithFormDateTimes(ctx context.Context, d FormDateTimes) context.Context {
	return form.WithDateTimes(ctx, d)
}

// rateLimitKey keys the client-side limit by OAuth client id, since Cloudbeds limits requests
// per client rather than per token (a refreshed token must not start a fresh bucket). Other
// credentials keep the transport's default key, the credential itself.
func (cfg CloudbedsConfig) rateLimitKey() func(*http.Request) string {
	if cfg.OAuth == nil || cfg.OAuth.ClientID == "" {
		return nil
	}
	key := "cloudbeds-client:" + cfg.OAuth.ClientID
	return func(*http.Request) string { return key }
}
