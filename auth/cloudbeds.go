package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// Cloudbeds hosts. The authorization endpoint is the base plus "/oauth",
// the token endpoint the base plus "/access_token" and the metadata
// endpoint the base plus "/oauth/metadata".
const (
	// CloudbedsBaseURL is the base of the Cloudbeds API v1.3, where the
	// current API reference places the token endpoint. It is the default
	// of [CloudbedsConfig.BaseURL].
	CloudbedsBaseURL = "https://api.cloudbeds.com/api/v1.3"
	// CloudbedsLegacyBaseURL is the base used by Cloudbeds' older OAuth
	// guides, whose consent URL is https://hotels.cloudbeds.com/api/v1.1/oauth.
	// Set it as [CloudbedsConfig.BaseURL] for apps registered against it.
	CloudbedsLegacyBaseURL = "https://hotels.cloudbeds.com/api/v1.1"
)

// Cloudbeds wire names.
const (
	// CloudbedsAPIKeyHeader is the header that carries a Cloudbeds API key.
	CloudbedsAPIKeyHeader = "x-api-key"
	// CloudbedsPropertyHeader is the optional API v1 header naming the
	// property a request is about.
	CloudbedsPropertyHeader = "X-PROPERTY-ID"
	// CloudbedsAPIKeyGrantType is the grant type that exchanges an
	// authorization code for an API key ("automatic delivery" of keys).
	CloudbedsAPIKeyGrantType = "urn:ietf:params:oauth:grant-type:api-key"
	// CloudbedsRefreshExchangeGrantType is the grant type that exchanges an
	// OAuth refresh token for an API key when a connection migrates to keys.
	CloudbedsRefreshExchangeGrantType = "refresh_token_exchange"
)

// Resource types found in [CloudbedsResource.Type].
const (
	// CloudbedsResourceProperty marks a single property (hotel).
	CloudbedsResourceProperty = "property"
	// CloudbedsResourceAssociation marks a group of properties.
	CloudbedsResourceAssociation = "association"
)

var (
	// ErrCloudbedsAuthorizationRequired is returned (possibly wrapped) by a
	// Cloudbeds token source that has no token it can use or refresh: the
	// store is empty, or the stored token has no refresh token, or it was
	// retired by [CloudbedsConfig.MigrateToAPIKey]. The property must
	// authorize the app again.
	ErrCloudbedsAuthorizationRequired = errors.New("auth: cloudbeds token: no usable token; the property must authorize the app")
)

// CloudbedsConfig configures the Cloudbeds OAuth 2 authorization-code flow,
// its refresh_token grant, the API-key grants and the per-property host
// lookup. Token requests are form-encoded POSTs with the client id and
// secret in the body (never HTTP Basic), as Cloudbeds documents.
type CloudbedsConfig struct {
	// ClientID and ClientSecret are the app's OAuth 2 client credentials.
	ClientID, ClientSecret string
	// RedirectURL is the redirect URI registered for the app; Cloudbeds
	// sends the authorization code there. It is required by the
	// authorization URL, Exchange and ExchangeAPIKey.
	RedirectURL string
	// Scopes are the permissions requested in the authorization URL, sent
	// space-separated, e.g. "read:reservation write:reservation". Empty
	// means no scope parameter (Cloudbeds then uses the app's configured
	// scopes).
	Scopes []string
	// BaseURL is the base the endpoints are derived from; empty means
	// [CloudbedsBaseURL]. Use [CloudbedsLegacyBaseURL] for the older host.
	BaseURL string
	// AuthURL, if set, is the full authorization endpoint and overrides
	// BaseURL + "/oauth".
	AuthURL string
	// TokenURL, if set, is the full token endpoint and overrides
	// BaseURL + "/access_token".
	TokenURL string
	// MetadataURL, if set, is the full metadata endpoint used by
	// DiscoverAPIURL and overrides BaseURL + "/oauth/metadata".
	MetadataURL string
	// HTTPClient sends token and metadata requests; nil means a client with
	// a [DefaultHTTPTimeout] timeout. Redirects are never followed.
	HTTPClient *http.Client
	// Store, if set, persists tokens under StoreKey: Exchange saves the
	// token it obtains, and token sources save every refreshed token before
	// handing it out, so a rotated refresh token is never lost.
	Store TokenStore
	// StoreKey is the key tokens are kept under in Store; empty means
	// "cloudbeds:<client id>". Each consent (property or association) has
	// its own tokens, so an app connected to several properties must give
	// each connection its own key, e.g. "cloudbeds:<client id>:<property id>".
	// It must not contain secrets.
	StoreKey string
	// EarlyExpiry is how long before expiry a token is refreshed; zero
	// means [DefaultEarlyExpiry], negative means at expiry.
	EarlyExpiry time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// OnSaveError, if set, is told when Store fails to save a token (see
	// [CacheOptions]); the token is still returned.
	OnSaveError func(error)
}

// Validate reports missing client credentials and endpoint URLs that are
// not https (http is accepted only for loopback hosts), as [ConfigError]
// values joined with [errors.Join]. A RedirectURL, when set, must be an
// absolute URL. Validate does not require RedirectURL; the calls that send
// it do.
func (c CloudbedsConfig) Validate() error {
	errs := requireFields("cloudbeds", namedValue{"ClientID", c.ClientID}, namedValue{"ClientSecret", c.ClientSecret})
	errs = append(errs, c.checkEndpoints()...)
	if c.RedirectURL != "" {
		if err := checkRedirectURL("cloudbeds", c.RedirectURL); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkEndpoints validates the three endpoint URLs, naming the override
// field when it is set and BaseURL otherwise. A bad BaseURL is reported once.
func (c CloudbedsConfig) checkEndpoints() []error {
	var errs []error
	baseReported := false
	for _, e := range []struct{ field, override, url string }{
		{"AuthURL", c.AuthURL, c.authURL()},
		{"TokenURL", c.TokenURL, c.tokenURL()},
		{"MetadataURL", c.MetadataURL, c.metadataURL()},
	} {
		field := e.field
		if e.override == "" {
			if baseReported {
				continue
			}
			field = "BaseURL"
		}
		if err := checkTokenURL("cloudbeds", field, e.url); err != nil {
			errs = append(errs, err)
			baseReported = baseReported || field == "BaseURL"
		}
	}
	return errs
}

func (c CloudbedsConfig) base() string {
	if c.BaseURL == "" {
		return CloudbedsBaseURL
	}
	return strings.TrimRight(c.BaseURL, "/")
}

func (c CloudbedsConfig) authURL() string {
	if c.AuthURL != "" {
		return c.AuthURL
	}
	return c.base() + "/oauth"
}

func (c CloudbedsConfig) tokenURL() string {
	if c.TokenURL != "" {
		return c.TokenURL
	}
	return c.base() + "/access_token"
}

func (c CloudbedsConfig) metadataURL() string {
	if c.MetadataURL != "" {
		return c.MetadataURL
	}
	return c.base() + "/oauth/metadata"
}

func (c CloudbedsConfig) storeKey() string {
	return defaultStoreKey(c.StoreKey, "cloudbeds", c.ClientID)
}

// AuthCodeURL returns the consent URL to send the user to, and the random
// state it carries. Keep state with the user's session and pass it to
// [CloudbedsCallback] when Cloudbeds redirects back. The URL is the
// authorization endpoint with client_id, redirect_uri, response_type=code,
// scope (space-separated, omitted when Scopes is empty) and state. It needs
// ClientID and RedirectURL, but not the secret.
func (c CloudbedsConfig) AuthCodeURL() (authURL, state string, err error) {
	state, err = newState()
	if err != nil {
		return "", "", err
	}
	authURL, err = c.AuthCodeURLWithState(state)
	if err != nil {
		return "", "", err
	}
	return authURL, state, nil
}

// AuthCodeURLWithState is [CloudbedsConfig.AuthCodeURL] with a state chosen
// by the caller, which must be unguessable and single-use (for example a
// random value bound to the user's session). An empty state is an error.
func (c CloudbedsConfig) AuthCodeURLWithState(state string) (string, error) {
	errs := requireFields("cloudbeds", namedValue{"ClientID", c.ClientID})
	if err := checkRedirectURL("cloudbeds", c.RedirectURL); err != nil {
		errs = append(errs, err)
	}
	field := "AuthURL"
	if c.AuthURL == "" {
		field = "BaseURL"
	}
	if err := checkTokenURL("cloudbeds", field, c.authURL()); err != nil {
		errs = append(errs, err)
	}
	if state == "" {
		errs = append(errs, errors.New("auth: cloudbeds authorization url: state is empty"))
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	u, err := url.Parse(c.authURL())
	if err != nil {
		return "", &ConfigError{Provider: "cloudbeds", Field: field, Problem: "is not a valid URL"}
	}
	q := u.Query()
	q.Set("client_id", c.ClientID)
	q.Set("redirect_uri", c.RedirectURL)
	q.Set("response_type", "code")
	if len(c.Scopes) > 0 {
		q.Set("scope", strings.Join(c.Scopes, " "))
	}
	q.Set("state", state)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// newState returns 32 random bytes, base64url-encoded (43 characters).
func newState() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: cloudbeds authorization url: generating state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CloudbedsCallback reads the redirect Cloudbeds sent to the app's redirect
// URI and returns the authorization code from its query string. See
// [CloudbedsCallbackValues] for the checks made.
func CloudbedsCallback(r *http.Request, state string) (code string, err error) {
	return callbackRequestCode("cloudbeds", r, state)
}

// CloudbedsCallbackValues returns the authorization code from the
// redirect's query parameters q. state is the value returned by
// [CloudbedsConfig.AuthCodeURL] for this attempt. The state is checked
// first, in constant time: a missing or different state gives
// [ErrCloudbedsStateMismatch] (which is also [ErrStateMismatch]) whatever
// else q holds. Then an "error" parameter gives a *[CallbackError] with
// Provider "cloudbeds", and a missing code an error. An authorization code
// is valid for 10 minutes and can be exchanged once.
func CloudbedsCallbackValues(q url.Values, state string) (code string, err error) {
	return callbackCode("cloudbeds", q, state)
}

// Exchange trades an authorization code for a token with the
// authorization_code grant: a form POST of grant_type, client_id,
// client_secret, redirect_uri and code to the token endpoint. The token
// carries the refresh token and the properties and associations the
// consent covers (see [CloudbedsResources]). If c.Store is set, the token is
// saved under the store key before Exchange returns it.
//
// A rejected code (expired, or already used: codes are single-use) gives a
// *[TokenError]. ctx bounds the request and may carry an *http.Client under
// [oauth2.HTTPClient], used when c.HTTPClient is nil.
func (c CloudbedsConfig) Exchange(ctx context.Context, code string) (*oauth2.Token, error) {
	tok, err := ObserveTokenFetch(ctx, TokenFetch{Provider: "cloudbeds", Grant: GrantAuthorizationCode},
		func(ctx context.Context) (*oauth2.Token, error) { return c.codeGrant(ctx, "authorization_code", code) })
	if err != nil {
		return nil, err
	}
	saveToken(ctx, "cloudbeds", c.Store, c.storeKey(), tok, c.OnSaveError)
	return tok, nil
}

// codeGrant posts a grant that redeems an authorization code.
func (c CloudbedsConfig) codeGrant(ctx context.Context, grantType, code string) (*oauth2.Token, error) {
	if err := errors.Join(c.Validate(), checkRedirectURL("cloudbeds", c.RedirectURL)); err != nil {
		return nil, err
	}
	if code == "" {
		return nil, errors.New("auth: cloudbeds token request: authorization code is empty")
	}
	_, tok, err := c.post(ctx, tokenHTTPClient(ctx, c.HTTPClient), url.Values{
		"grant_type":    {grantType},
		"client_id":     {c.ClientID},
		"client_secret": {c.ClientSecret},
		"redirect_uri":  {c.RedirectURL},
		"code":          {code},
	}, code)
	return tok, err
}

// post sends one form-encoded token request and decodes the answer. secrets
// are values besides the client secret that no error may contain.
func (c CloudbedsConfig) post(ctx context.Context, client *http.Client, form url.Values, secrets ...string) (tokenResponse, *oauth2.Token, error) {
	resp, err := formRequest(c.tokenURL(), form).send(ctx, client, "cloudbeds")
	if err != nil {
		return tokenResponse{}, nil, err
	}
	tok, err := resp.decode(c.decodeOptions(secrets...))
	return resp, tok, err
}

// decodeOptions says how a Cloudbeds token response is read; secrets are
// the values sent besides the client secret (code, refresh token).
func (c CloudbedsConfig) decodeOptions(secrets ...string) decodeOptions {
	return decodeOptions{
		provider: "cloudbeds",
		now:      nowFunc(c.Now),
		secrets:  append([]string{c.ClientSecret}, secrets...),
	}
}

// refresh runs the refresh_token grant for prev. The new token keeps prev's
// refresh token and resources when the answer omits them.
func (c CloudbedsConfig) refresh(ctx context.Context, client *http.Client, prev *oauth2.Token) (*oauth2.Token, error) {
	resp, tok, err := c.post(ctx, client, url.Values{
		"grant_type":    {"refresh_token"},
		"client_id":     {c.ClientID},
		"client_secret": {c.ClientSecret},
		"refresh_token": {prev.RefreshToken},
	}, prev.RefreshToken)
	if err != nil {
		return nil, err
	}
	if tok.RefreshToken == "" {
		tok.RefreshToken = prev.RefreshToken
	}
	if tok.Extra("resources") == nil {
		if res := prev.Extra("resources"); res != nil {
			// The decoder accepted the body as a JSON object, so this
			// parse succeeds; the extras are rebuilt with the resources.
			var raw map[string]any
			dec := json.NewDecoder(bytes.NewReader(resp.body))
			dec.UseNumber()
			if dec.Decode(&raw) == nil && raw != nil {
				raw["resources"] = res
				tok = tok.WithExtra(raw)
			}
		}
	}
	return tok, nil
}

// retired reports whether the store holds the empty token that
// MigrateToAPIKey leaves behind.
func (c CloudbedsConfig) retired(ctx context.Context) (bool, error) {
	if c.Store == nil {
		return false, nil
	}
	tok, err := c.Store.Load(ctx, c.storeKey())
	if err != nil {
		return false, fmt.Errorf("auth: cloudbeds token store load: %w", err)
	}
	return tok != nil && tok.AccessToken == "" && tok.RefreshToken == "", nil
}

// CloudbedsTokenSource returns a [CachedSource] for one Cloudbeds
// connection, starting from tok (typically the result of
// [CloudbedsConfig.Exchange]). It hands out tok while it is valid, then
// refreshes with the refresh_token grant (form POST of grant_type,
// client_id, client_secret and refresh_token). Concurrent callers share one
// refresh. A refresh answer without a refresh token keeps the previous
// refresh token, and one without resources keeps the previous resources.
//
// If cfg.Store is set it takes precedence over tok: a valid stored token is
// used as is, and the stored refresh token (which another process may have
// rotated) is the one refreshed. Every refreshed token is saved to the
// store before it is handed out. tok may be nil, which makes this
// [CloudbedsStoredTokenSource] without the Store requirement; a source with
// nothing to use or refresh fails with [ErrCloudbedsAuthorizationRequired].
//
// ctx is used only to find an *http.Client stored under [oauth2.HTTPClient]
// when cfg.HTTPClient is nil. If cfg is invalid (see
// [CloudbedsConfig.Validate]), every Token call returns the validation
// error. The returned source is safe for concurrent use.
func CloudbedsTokenSource(ctx context.Context, cfg CloudbedsConfig, tok *oauth2.Token) *CachedSource {
	return cloudbedsSource(ctx, cfg, copyToken(tok), nil)
}

// CloudbedsStoredTokenSource returns a [CachedSource] that continues a
// Cloudbeds connection from cfg.Store alone, so a new process goes on
// without asking the property to consent again: it uses the token stored
// under the store key while it is valid and refreshes it with its refresh
// token after that (see [CloudbedsTokenSource]). With nothing usable in the
// store, Token calls fail with [ErrCloudbedsAuthorizationRequired]; without
// a Store, with a *[ConfigError]. The returned source is safe for
// concurrent use.
func CloudbedsStoredTokenSource(ctx context.Context, cfg CloudbedsConfig) *CachedSource {
	var invalid error
	if cfg.Store == nil {
		invalid = &ConfigError{Provider: "cloudbeds", Field: "Store", Problem: "is required"}
	}
	return cloudbedsSource(ctx, cfg, nil, invalid)
}

func cloudbedsSource(ctx context.Context, cfg CloudbedsConfig, seed *oauth2.Token, invalid error) *CachedSource {
	cfg.Scopes = append([]string(nil), cfg.Scopes...)
	invalid = errors.Join(invalid, cfg.Validate())
	client := tokenHTTPClient(ctx, cfg.HTTPClient)
	now := nowFunc(cfg.Now)
	early := cfg.EarlyExpiry
	if early == 0 {
		early = DefaultEarlyExpiry
	} else if early < 0 {
		early = 0
	}

	refresh := func(ctx context.Context, prev *oauth2.Token) (*oauth2.Token, error) {
		if invalid != nil {
			return nil, invalid
		}
		// Refreshing after a migration to an API key would invalidate
		// the key, so a retired connection is never refreshed again.
		if gone, err := cfg.retired(ctx); err != nil {
			return nil, err
		} else if gone {
			return nil, fmt.Errorf("auth: cloudbeds token: the stored token was exchanged for an api key: %w", ErrCloudbedsAuthorizationRequired)
		}
		return cfg.refresh(ctx, client, prev)
	}
	var seedUsed atomic.Bool
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		if invalid != nil {
			return nil, invalid
		}
		if seed == nil || seedUsed.Load() {
			return nil, ErrCloudbedsAuthorizationRequired
		}
		if seed.AccessToken != "" && (seed.Expiry.IsZero() || now().Before(seed.Expiry.Add(-early))) {
			seedUsed.Store(true)
			return copyToken(seed), nil
		}
		if seed.RefreshToken == "" {
			return nil, ErrCloudbedsAuthorizationRequired
		}
		tok, err := refresh(ctx, copyToken(seed))
		if err == nil {
			seedUsed.Store(true)
		}
		return tok, err
	}
	return NewCachedSource(fetch, CacheOptions{
		Provider:    "cloudbeds",
		Grant:       GrantRefreshToken,
		Key:         cfg.storeKey(),
		Store:       cfg.Store,
		EarlyExpiry: cfg.EarlyExpiry,
		Now:         now,
		OnSaveError: cfg.OnSaveError,
		Refresh:     refresh,
	})
}

// CloudbedsResource is a property or association a Cloudbeds consent (and
// so its token or API key) is bound to.
type CloudbedsResource struct {
	// Type is [CloudbedsResourceProperty] or
	// [CloudbedsResourceAssociation]; other values are kept as sent.
	Type string `json:"type"`
	// ID is the property or association id, as a string.
	ID string `json:"id"`
}

// CloudbedsResources returns the resources list of a Cloudbeds token
// response, as kept in tok's extra data by [CloudbedsConfig.Exchange] and
// the Cloudbeds token sources and restored by [FileStore]. It returns nil
// when tok is nil or has no resources. Entries without an id are skipped;
// numeric ids are rendered in decimal.
func CloudbedsResources(tok *oauth2.Token) []CloudbedsResource {
	if tok == nil {
		return nil
	}
	var out []CloudbedsResource
	switch v := tok.Extra("resources").(type) {
	case []CloudbedsResource:
		out = append(out, v...)
	case []any:
		for _, item := range v {
			if m, ok := item.(map[string]any); ok {
				if id := idString(m["id"]); id != "" {
					out = append(out, CloudbedsResource{Type: idString(m["type"]), ID: id})
				}
			}
		}
	case []map[string]any:
		for _, m := range v {
			if id := idString(m["id"]); id != "" {
				out = append(out, CloudbedsResource{Type: idString(m["type"]), ID: id})
			}
		}
	}
	return out
}

// idString renders a JSON string or number (json.Number, or float64 as
// json.Unmarshal produces) as text.
func idString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// CloudbedsAPIKey returns an Editor that sends key in the x-api-key header,
// the Cloudbeds alternative to a bearer token (same scopes). An empty key
// makes every request fail rather than go out unauthenticated. It is safe
// for concurrent use.
func CloudbedsAPIKey(key string) Editor {
	return APIKey(CloudbedsAPIKeyHeader, key)
}

// CloudbedsPropertyID returns an Editor that sets the API v1
// X-PROPERTY-ID header to propertyID on every request. It is safe for
// concurrent use.
func CloudbedsPropertyID(propertyID string) Editor {
	return Header(CloudbedsPropertyHeader, propertyID)
}

// CloudbedsAPIKeyGrant is an API key obtained from the Cloudbeds token
// endpoint.
type CloudbedsAPIKeyGrant struct {
	// APIKey is the key to send with [CloudbedsAPIKey]. It is a secret.
	// Keys do not expire unless unused for 30 days.
	APIKey string
	// Resources lists the properties and associations the key is bound to,
	// when the response carried them.
	Resources []CloudbedsResource
}

// ExchangeAPIKey trades an authorization code delivered to the redirect
// URI ("automatic delivery" of API keys) for an API key with the
// urn:ietf:params:oauth:grant-type:api-key grant: a form POST of
// grant_type, client_id, client_secret, redirect_uri and code. The key is
// read from the response's access_token field. A rejected code gives a
// *[TokenError]. The key is not stored; keep it as the secret it is.
func (c CloudbedsConfig) ExchangeAPIKey(ctx context.Context, code string) (*CloudbedsAPIKeyGrant, error) {
	tok, err := c.codeGrant(ctx, CloudbedsAPIKeyGrantType, code)
	if err != nil {
		return nil, err
	}
	return &CloudbedsAPIKeyGrant{APIKey: tok.AccessToken, Resources: CloudbedsResources(tok)}, nil
}

// MigrateToAPIKey exchanges an OAuth refresh token for an API key with the
// refresh_token_exchange grant (form POST of grant_type, client_id,
// client_secret and refresh_token; Cloudbeds documents this grant only in
// its migration guide, so the field list is our best reading). The key,
// which starts with "cbat_", is read from the access_token field.
//
// Refreshing the OAuth token afterwards invalidates the new key. So on
// success, when c.Store is set, the token under the store key is replaced
// by an empty token: Cloudbeds token sources using that store then fail
// with [ErrCloudbedsAuthorizationRequired] instead of refreshing. Stop
// using OAuth sources for the connection anyway.
func (c CloudbedsConfig) MigrateToAPIKey(ctx context.Context, refreshToken string) (*CloudbedsAPIKeyGrant, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if refreshToken == "" {
		return nil, errors.New("auth: cloudbeds token request: refresh token is empty")
	}
	_, tok, err := c.post(ctx, tokenHTTPClient(ctx, c.HTTPClient), url.Values{
		"grant_type":    {CloudbedsRefreshExchangeGrantType},
		"client_id":     {c.ClientID},
		"client_secret": {c.ClientSecret},
		"refresh_token": {refreshToken},
	}, refreshToken)
	if err != nil {
		return nil, err
	}
	saveToken(ctx, "cloudbeds", c.Store, c.storeKey(), &oauth2.Token{}, c.OnSaveError)
	return &CloudbedsAPIKeyGrant{APIKey: tok.AccessToken, Resources: CloudbedsResources(tok)}, nil
}

// DiscoverAPIURL asks Cloudbeds which API host serves the property bound
// to a credential: GET on the metadata endpoint ({base}/oauth/metadata),
// authorized by authorize (for example [Bearer] of a token source, or
// [CloudbedsAPIKey]). It returns data.api.url from the answer
// {"success": "true", "data": {"api": {"url": ...}}} without a trailing
// slash; success may be the string "true" or the boolean true.
//
// The discovered URL must pass [CheckURL] (absolute, https; http only for
// loopback hosts) and carry no user information; anything else is an error
// naming data.api.url, as are a non-2xx status, success false (the error
// carries the message) and a body that is not the documented JSON.
// Redirects are not followed. ctx bounds the call, including the wait for
// authorize's token. No error contains the credential.
func (c CloudbedsConfig) DiscoverAPIURL(ctx context.Context, authorize Editor) (string, error) {
	field := "MetadataURL"
	if c.MetadataURL == "" {
		field = "BaseURL"
	}
	if err := checkTokenURL("cloudbeds", field, c.metadataURL()); err != nil {
		return "", err
	}
	if authorize == nil {
		return "", errors.New("auth: cloudbeds metadata: no authorization editor")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.metadataURL(), nil)
	if err != nil {
		return "", fmt.Errorf("auth: cloudbeds metadata: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if err := authorize(ctx, req); err != nil {
		return "", fmt.Errorf("auth: cloudbeds metadata: authorizing: %w", err)
	}
	resp, err := tokenHTTPClient(ctx, c.HTTPClient).Do(req)
	if err != nil {
		return "", fmt.Errorf("auth: cloudbeds metadata: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	if err != nil {
		return "", fmt.Errorf("auth: cloudbeds metadata: reading response (HTTP %d): %w", resp.StatusCode, err)
	}
	secrets := credentialValues(req)
	return parseCloudbedsMetadata(resp.StatusCode, body, secrets)
}

// credentialValues returns the credential header values of req, which no
// error may contain.
func credentialValues(req *http.Request) []string {
	var out []string
	if v := req.Header.Get(CloudbedsAPIKeyHeader); v != "" {
		out = append(out, v)
	}
	if _, tok, ok := strings.Cut(req.Header.Get("Authorization"), " "); ok && tok != "" {
		out = append(out, strings.TrimSpace(tok))
	}
	return out
}

// parseCloudbedsMetadata reads a metadata response.
func parseCloudbedsMetadata(status int, body []byte, secrets []string) (string, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("auth: cloudbeds metadata: HTTP %d: "+format, append([]any{status}, args...)...)
	}
	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil || raw == nil {
		if status < 200 || status > 299 {
			return "", fail("body: %s", bodyExcerpt(body, secrets))
		}
		return "", fail("response is not a JSON object")
	}
	code, message := errorFields(raw)
	var parts []string
	for _, s := range []string{code, message} {
		if s = bodyExcerpt([]byte(s), secrets); s != "" {
			parts = append(parts, s)
		}
	}
	detail := strings.Join(parts, ": ")
	if status < 200 || status > 299 {
		if detail == "" {
			detail = "body: " + bodyExcerpt(body, secrets)
		}
		return "", fail("%s", detail)
	}
	if !truthy(raw["success"]) {
		if detail == "" {
			detail = "no detail"
		}
		return "", fail("success is not true: %s", detail)
	}
	data, _ := raw["data"].(map[string]any)
	api, _ := data["api"].(map[string]any)
	apiURL, _ := api["url"].(string)
	apiURL = strings.TrimSpace(apiURL)
	if apiURL == "" {
		return "", fail("response has no data.api.url")
	}
	// The API host receives the credential on every call, so the host the
	// server names obeys the rule of the configured URLs.
	if err := checkDiscoveredURL(fmt.Sprintf("auth: cloudbeds metadata: HTTP %d", status), "data.api.url", apiURL); err != nil {
		return "", err
	}
	return strings.TrimRight(apiURL, "/"), nil
}

// truthy reads Cloudbeds' success flag: true, "true" (any case) or 1.
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		s := strings.TrimSpace(v)
		return strings.EqualFold(s, "true") || s == "1"
	case json.Number:
		return string(v) == "1"
	}
	return false
}
