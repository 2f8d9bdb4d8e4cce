package auth

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// Cobot endpoints. In-space apps (running in an iframe inside a space)
// authorize at the space's own host instead, see [CobotConfig.Subdomain].
const (
	// CobotAuthURL is the Cobot OAuth 2 authorization endpoint.
	CobotAuthURL = "https://www.cobot.me/oauth/authorize"
	// CobotTokenURL is the Cobot OAuth 2 token endpoint.
	CobotTokenURL = "https://www.cobot.me/oauth/access_token"
	// CobotIssuer is the Cobot OpenID Connect issuer; its discovery document
	// is at CobotIssuer + "/.well-known/openid-configuration".
	CobotIssuer = "https://www.cobot.me"
	// CobotAPIURL is the base of Cobot's user-level API 1 endpoints, which
	// include the access token management used by
	// [CobotConfig.CreateSpaceToken], [CobotConfig.TokenScopes] and
	// [CobotConfig.RevokeToken].
	CobotAPIURL = "https://www.cobot.me/api"
)

var (
	// ErrCobotAuthorizationRequired is returned (wrapped) by a Cobot token
	// source that has no usable token: Cobot documents no refresh grant, so
	// once a token has expired, been rejected with 401 (see
	// [CachedSource.Reject]) or was never stored, the user must authorize
	// the app again (or a space-owned token must be created again).
	ErrCobotAuthorizationRequired = errors.New("auth: cobot token: no usable token; the user must authorize the app again")
)

// CobotConfig configures the Cobot OAuth 2 authorization-code flow with
// PKCE, OpenID Connect ([NewCobotOIDC]) and space-owned tokens
// ([CobotConfig.CreateSpaceToken]).
//
// Cobot documents a confidential flow (client secret in the token request)
// while its discovery document advertises public clients (PKCE only, no
// secret); both work: leave ClientSecret empty for a public client. PKCE
// (S256) is always used.
//
// Cobot documents no refresh grant and no token lifetime: access tokens are
// long-lived. Keep them in a [TokenStore] and treat a 401 as "authorize
// again".
type CobotConfig struct {
	// ClientID is the app's OAuth 2 client id.
	ClientID string
	// ClientSecret is the app's client secret, sent in the token request
	// body. Empty means a public client, authenticated by PKCE alone.
	ClientSecret string
	// RedirectURL is the redirect URI registered for the app; Cobot sends
	// the authorization code there. The authorization URL and Exchange
	// require it.
	RedirectURL string
	// Scopes are the permissions requested, sent space-separated, e.g.
	// "read_user read_memberships"; add "openid" (and "email", "profile")
	// to receive an ID token. Empty means no scope parameter.
	Scopes []string
	// Subdomain is the space's subdomain for in-space apps (apps running
	// in an iframe inside a space), which must authorize at
	// https://<subdomain>.cobot.me/oauth/authorize. Empty means
	// [CobotAuthURL]. AuthURL, when set, takes precedence.
	Subdomain string
	// AuthURL, if set, is the full authorization endpoint, overriding
	// [CobotAuthURL] and Subdomain.
	AuthURL string
	// TokenURL, if set, is the full token endpoint, overriding
	// [CobotTokenURL].
	TokenURL string
	// Issuer, if set, is the OpenID Connect issuer used by [NewCobotOIDC],
	// overriding [CobotIssuer].
	Issuer string
	// APIURL, if set, is the base of the user-level API 1 endpoints,
	// overriding [CobotAPIURL].
	APIURL string
	// HTTPClient sends token, discovery, key and userinfo requests; nil
	// means a client with a [DefaultHTTPTimeout] timeout. Redirects are
	// never followed.
	HTTPClient *http.Client
	// Store, if set, persists tokens: Exchange saves the user token under
	// StoreKey and CreateSpaceToken saves a space-owned token under
	// [CobotConfig.SpaceStoreKey], where [CobotStoredTokenSource] and
	// [CobotSpaceTokenSource] find them in later processes.
	Store TokenStore
	// StoreKey is the key the user token is kept under in Store; empty
	// means "cobot:<client id>". An app acting for several users must give
	// each user their own key, e.g. "cobot:<client id>:<user id>". It must
	// not contain secrets.
	StoreKey string
	// EarlyExpiry is how long before its expiry a token stops being handed
	// out by a token source. Zero means at expiry: no Cobot token can be
	// refreshed, so there is nothing to replace it with early.
	EarlyExpiry time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// OnSaveError, if set, is told when Store fails to save a token (see
	// [CacheOptions]); the token is still returned.
	OnSaveError func(error)
}

// cobotSubdomain is one DNS label.
var cobotSubdomain = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

// Validate reports a missing ClientID, a Subdomain that is not a single DNS
// label, endpoint URLs that are not https (http is accepted only for
// loopback hosts) and a RedirectURL, when set, that is not absolute, as
// [ConfigError] values joined with [errors.Join]. ClientSecret is optional.
// Validate does not require RedirectURL; the calls that send it do.
func (c CobotConfig) Validate() error {
	errs := requireFields("cobot", namedValue{"ClientID", c.ClientID})
	if c.Subdomain != "" && !cobotSubdomain.MatchString(c.Subdomain) {
		errs = append(errs, &ConfigError{Provider: "cobot", Field: "Subdomain", Problem: "must be a single DNS label (lower-case letters, digits and hyphens)"})
	}
	for _, e := range []struct{ field, url string }{
		{"AuthURL", c.authURL()},
		{"TokenURL", c.tokenURL()},
		{"Issuer", c.issuer()},
		{"APIURL", c.apiURL()},
	} {
		if e.field == "AuthURL" && c.AuthURL == "" && c.Subdomain != "" {
			continue // derived from a checked Subdomain
		}
		if err := checkTokenURL("cobot", e.field, e.url); err != nil {
			errs = append(errs, err)
		}
	}
	if c.RedirectURL != "" {
		if err := checkRedirectURL("cobot", c.RedirectURL); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (c CobotConfig) authURL() string {
	switch {
	case c.AuthURL != "":
		return c.AuthURL
	case c.Subdomain != "":
		return "https://" + c.Subdomain + ".cobot.me/oauth/authorize"
	}
	return CobotAuthURL
}

func (c CobotConfig) tokenURL() string {
	if c.TokenURL != "" {
		return c.TokenURL
	}
	return CobotTokenURL
}

func (c CobotConfig) issuer() string {
	if c.Issuer != "" {
		return c.Issuer
	}
	return CobotIssuer
}

func (c CobotConfig) apiURL() string {
	if c.APIURL != "" {
		return strings.TrimRight(c.APIURL, "/")
	}
	return CobotAPIURL
}

func (c CobotConfig) storeKey() string {
	return defaultStoreKey(c.StoreKey, "cobot", c.ClientID)
}

// SpaceStoreKey returns the key a space-owned token for spaceID is kept
// under in Store: the user token's key (StoreKey, or "cobot:<client id>")
// followed by ":space:<space id>".
func (c CobotConfig) SpaceStoreKey(spaceID string) string {
	return c.storeKey() + ":space:" + spaceID
}

// oauth2Config is the x/oauth2 view of c, used to build authorization URLs.
func (c CobotConfig) oauth2Config() *oauth2.Config {
	return &oauth2.Config{
		ClientID:    c.ClientID,
		RedirectURL: c.RedirectURL,
		Scopes:      slices.Clone(c.Scopes),
		Endpoint: oauth2.Endpoint{
			AuthURL:   c.authURL(),
			TokenURL:  c.tokenURL(),
			AuthStyle: oauth2.AuthStyleInParams,
		},
	}
}

// CobotAuthRequest is one authorization attempt made by
// [CobotConfig.AuthCodeURL]: the URL to send the user to and the values to
// keep with the user's session (never in the browser) until Cobot
// redirects back.
type CobotAuthRequest struct {
	// URL is the authorization URL.
	URL string
	// State is the random state the URL carries; pass it to
	// [CobotCallback].
	State string
	// Verifier is the PKCE code verifier whose S256 challenge the URL
	// carries; pass it to [CobotConfig.Exchange].
	Verifier string
	// Nonce is the random OpenID Connect nonce the URL carries when Scopes
	// include "openid" (empty otherwise). The verified ID token's nonce
	// ([CobotIDToken].Nonce) must equal it.
	Nonce string
}

// AuthCodeURL starts an authorization: it generates a random state, a PKCE
// verifier ([oauth2.GenerateVerifier]) and, when Scopes include "openid", a
// nonce, and returns them with the authorization URL built by
// [CobotConfig.AuthCodeURLWithState]. opts add further query parameters
// (for example [oauth2.SetAuthURLParam]).
func (c CobotConfig) AuthCodeURL(opts ...oauth2.AuthCodeOption) (*CobotAuthRequest, error) {
	req := &CobotAuthRequest{State: rand.Text(), Verifier: oauth2.GenerateVerifier()}
	if slices.Contains(c.Scopes, "openid") {
		req.Nonce = rand.Text()
		opts = append(slices.Clone(opts), oauth2.SetAuthURLParam("nonce", req.Nonce))
	}
	u, err := c.AuthCodeURLWithState(req.State, req.Verifier, opts...)
	if err != nil {
		return nil, err
	}
	req.URL = u
	return req, nil
}

// AuthCodeURLWithState returns the authorization URL for a state and PKCE
// verifier chosen by the caller. state must be unguessable and single-use;
// verifier should come from [oauth2.GenerateVerifier]. The URL is the
// authorization endpoint (www.cobot.me, or the space's host when Subdomain
// is set) with response_type=code, client_id, redirect_uri, scope
// (space-separated, omitted when Scopes is empty), state, and the S256
// code_challenge and code_challenge_method ([oauth2.S256ChallengeOption]).
// It needs ClientID and RedirectURL but not the secret. It adds no nonce:
// when Scopes include "openid", add one (oauth2.SetAuthURLParam("nonce",
// n), n random and single-use, as [CobotConfig.AuthCodeURL] does) and pass
// n to [CobotOIDC.Verify], which refuses an ID token without it.
func (c CobotConfig) AuthCodeURLWithState(state, verifier string, opts ...oauth2.AuthCodeOption) (string, error) {
	var errs []error
	if err := c.Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.RedirectURL == "" {
		errs = append(errs, checkRedirectURL("cobot", ""))
	}
	if state == "" {
		errs = append(errs, errors.New("auth: cobot authorization url: state is empty"))
	}
	if verifier == "" {
		errs = append(errs, errors.New("auth: cobot authorization url: pkce verifier is empty"))
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	opts = append(slices.Clone(opts), oauth2.S256ChallengeOption(verifier))
	return c.oauth2Config().AuthCodeURL(state, opts...), nil
}

// CobotCallback reads the redirect Cobot sent to the app's redirect URI and
// returns the authorization code from its query string. See
// [CobotCallbackValues] for the checks made.
func CobotCallback(r *http.Request, state string) (code string, err error) {
	return callbackRequestCode("cobot", r, state)
}

// CobotCallbackValues returns the authorization code from the redirect's
// query parameters q. state is [CobotAuthRequest].State for this attempt.
// The state is checked first, in constant time: a missing or different
// state gives [ErrCobotStateMismatch] (which is also [ErrStateMismatch])
// whatever else q holds. Then an "error" parameter gives a
// *[CallbackError] with Provider "cobot", and a missing code an error.
func CobotCallbackValues(q url.Values, state string) (code string, err error) {
	return callbackCode("cobot", q, state)
}

// Exchange trades an authorization code for a token: a form POST to the
// token endpoint of grant_type=authorization_code, code, redirect_uri,
// client_id, the PKCE code_verifier and, for a confidential client,
// client_secret (in the body, never HTTP Basic). verifier is
// [CobotAuthRequest].Verifier. A token without expires_in never expires
// (Cobot tokens are long-lived); an ID token, when "openid" was requested,
// is in the token's "id_token" extra (see [CobotOIDC.VerifyToken]). If
// c.Store is set, the token is saved under the store key before Exchange
// returns it.
//
// The request is sent with the package's token machinery rather than
// [oauth2.Config.Exchange] with [oauth2.VerifierOption], so that a
// rejected code or verifier gives a *[TokenError] whose text never holds
// the code, verifier or secret, and redirects are never followed. ctx
// bounds the request and may carry an *http.Client under
// [oauth2.HTTPClient], used when c.HTTPClient is nil.
func (c CobotConfig) Exchange(ctx context.Context, code, verifier string) (*oauth2.Token, error) {
	return ObserveTokenFetch(ctx, TokenFetch{Provider: "cobot", Grant: GrantAuthorizationCode},
		func(ctx context.Context) (*oauth2.Token, error) { return c.exchange(ctx, code, verifier) })
}

// exchange is [CobotConfig.Exchange] without the observer.
func (c CobotConfig) exchange(ctx context.Context, code, verifier string) (*oauth2.Token, error) {
	var errs []error
	if err := c.Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.RedirectURL == "" {
		errs = append(errs, checkRedirectURL("cobot", ""))
	}
	if code == "" {
		errs = append(errs, errors.New("auth: cobot token exchange: authorization code is empty"))
	}
	if verifier == "" {
		errs = append(errs, errors.New("auth: cobot token exchange: pkce verifier is empty"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	form := url.Values{
		"grant_type":    {"authorization_code"},
		"client_id":     {c.ClientID},
		"code":          {code},
		"redirect_uri":  {c.RedirectURL},
		"code_verifier": {verifier},
	}
	if c.ClientSecret != "" {
		form.Set("client_secret", c.ClientSecret)
	}
	resp, err := formRequest(c.tokenURL(), form).send(ctx, tokenHTTPClient(ctx, c.HTTPClient), "cobot")
	if err != nil {
		return nil, err
	}
	tok, err := resp.decode(c.decodeOptions(code, verifier))
	if err != nil {
		return nil, err
	}
	saveToken(ctx, "cobot", c.Store, c.storeKey(), tok, c.OnSaveError)
	return tok, nil
}

// decodeOptions says how a Cobot token response is read; secrets are the
// values sent besides the client secret (code, verifier).
func (c CobotConfig) decodeOptions(secrets ...string) decodeOptions {
	return decodeOptions{
		provider: "cobot",
		now:      nowFunc(c.Now),
		secrets:  append([]string{c.ClientSecret}, secrets...),
	}
}

// CobotTokenSource returns a [CachedSource] that hands out tok, typically
// the result of [CobotConfig.Exchange] or [CobotConfig.CreateSpaceToken],
// until it expires (EarlyExpiry before, if set; never, if it has no
// expiry). Cobot has no refresh grant, so once tok has expired or has been
// rejected (see [CachedSource.Reject]), Token calls fail with
// [ErrCobotAuthorizationRequired]. cfg.Store is not used: Exchange and
// CreateSpaceToken already saved the token; use [CobotStoredTokenSource] to
// continue from the store in a later process.
//
// ctx is not used; it is accepted for symmetry with the other token
// sources. The returned source is safe for concurrent use.
func CobotTokenSource(ctx context.Context, cfg CobotConfig, tok *oauth2.Token) *CachedSource {
	seed := copyToken(tok)
	now := nowFunc(cfg.Now)
	var used atomic.Bool
	fetch := func(context.Context) (*oauth2.Token, error) {
		switch {
		case seed == nil || seed.AccessToken == "":
			return nil, fmt.Errorf("%w: no token given", ErrCobotAuthorizationRequired)
		case used.Load():
			return nil, fmt.Errorf("%w: the token expired or was rejected", ErrCobotAuthorizationRequired)
		case !seed.Expiry.IsZero() && !now().Before(seed.Expiry.Add(-cobotEarly(cfg))):
			return nil, fmt.Errorf("%w: the token expired at %s", ErrCobotAuthorizationRequired, seed.Expiry.UTC().Format(time.RFC3339))
		}
		used.Store(true)
		return copyToken(seed), nil
	}
	return NewCachedSource(fetch, CacheOptions{
		Provider:    "cobot",
		Key:         cfg.storeKey(),
		EarlyExpiry: cobotCacheEarly(cfg),
		Now:         now,
	})
}

// CobotStoredTokenSource returns a [CachedSource] that hands out the user
// token stored in cfg.Store under the store key (see
// [CobotConfig.Exchange]), so a later process continues without asking the
// user to consent again. It reads the store whenever it has no usable
// token, so a token saved by a new authorization (in any process sharing
// the store) is picked up. With no token stored, or an expired or rejected
// one, Token calls fail with [ErrCobotAuthorizationRequired]; without a
// Store, with a *[ConfigError]. The returned source is safe for concurrent
// use.
func CobotStoredTokenSource(ctx context.Context, cfg CobotConfig) *CachedSource {
	return cobotStoredSource(cfg, cfg.storeKey())
}

// CobotSpaceTokenSource returns a [CachedSource] that hands out the
// space-owned token for spaceID stored in cfg.Store by
// [CobotConfig.CreateSpaceToken] (under [CobotConfig.SpaceStoreKey]), for
// long-running integrations in processes other than the one that created
// it. It behaves like [CobotStoredTokenSource]. The returned source is safe
// for concurrent use.
func CobotSpaceTokenSource(ctx context.Context, cfg CobotConfig, spaceID string) *CachedSource {
	return cobotStoredSource(cfg, cfg.SpaceStoreKey(spaceID))
}

func cobotStoredSource(cfg CobotConfig, key string) *CachedSource {
	now := nowFunc(cfg.Now)
	store := cfg.Store
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		if store == nil {
			return nil, &ConfigError{Provider: "cobot", Field: "Store", Problem: "is required"}
		}
		// The cache found no usable token in the store; say why.
		stored, err := store.Load(ctx, key)
		switch {
		case err != nil:
			return nil, fmt.Errorf("auth: cobot token store load: %w", err)
		case stored == nil || stored.AccessToken == "":
			return nil, fmt.Errorf("%w: no token stored under key %q", ErrCobotAuthorizationRequired, key)
		case !stored.Expiry.IsZero() && !now().Before(stored.Expiry.Add(-cobotEarly(cfg))):
			return nil, fmt.Errorf("%w: the stored token expired at %s", ErrCobotAuthorizationRequired, stored.Expiry.UTC().Format(time.RFC3339))
		}
		return nil, fmt.Errorf("%w: the stored token was rejected", ErrCobotAuthorizationRequired)
	}
	return NewCachedSource(fetch, CacheOptions{
		Provider:    "cobot",
		Key:         key,
		Store:       store,
		EarlyExpiry: cobotCacheEarly(cfg),
		Now:         now,
	})
}

// cobotEarly is the effective early-expiry margin: EarlyExpiry, or none.
func cobotEarly(cfg CobotConfig) time.Duration {
	return max(cfg.EarlyExpiry, 0)
}

// cobotCacheEarly maps cobotEarly onto CacheOptions.EarlyExpiry, where zero
// means the default margin and a negative value means none.
func cobotCacheEarly(cfg CobotConfig) time.Duration {
	if e := cobotEarly(cfg); e > 0 {
		return e
	}
	return -1
}

// maxCobotResponse bounds how much of an API 1 response body is read.
const maxCobotResponse = 1 << 20

// cobotSpaceTokenBody is the request body of the space-owned token call.
type cobotSpaceTokenBody struct {
	SpaceID string `json:"space_id"`
}

// CreateSpaceToken creates a space-owned access token for long-running
// integrations: a user token stops working when its user is no longer an
// admin of the space, a space-owned token does not. It calls API 1
// POST {APIURL}/access_tokens/{userAccessToken}/space with the JSON body
// {"space_id": spaceID}, authenticated with userAccessToken as a bearer
// token, and returns the new token (no expiry; its "scope" and
// "client_id" extras as Cobot answered them). If c.Store is set, the token
// is saved under [CobotConfig.SpaceStoreKey] before it is returned, where
// [CobotSpaceTokenSource] finds it.
//
// A refusal gives a *[TokenError] with the status and Cobot's message.
// Because the user token is part of the request URL, no error returned
// here includes the URL. ctx bounds the request and may carry an
// *http.Client under [oauth2.HTTPClient], used when c.HTTPClient is nil.
func (c CobotConfig) CreateSpaceToken(ctx context.Context, userAccessToken, spaceID string) (*oauth2.Token, error) {
	var errs []error
	if err := checkTokenURL("cobot", "APIURL", c.apiURL()); err != nil {
		errs = append(errs, err)
	}
	if userAccessToken == "" {
		errs = append(errs, errors.New("auth: cobot space token: user access token is empty"))
	}
	if strings.TrimSpace(spaceID) == "" {
		errs = append(errs, errors.New("auth: cobot space token: space id is empty"))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	body, err := json.Marshal(cobotSpaceTokenBody{SpaceID: spaceID})
	if err != nil {
		return nil, fmt.Errorf("auth: cobot space token: %w", err)
	}
	resp, err := c.accessTokenCall(ctx, http.MethodPost, userAccessToken, "/space", body, "auth: cobot space token")
	if err != nil {
		return nil, err
	}
	tok, err := decodeCobotSpaceToken(resp.status, resp.contentType, resp.body, userAccessToken)
	if err != nil {
		return nil, err
	}
	saveToken(ctx, "cobot", c.Store, c.SpaceStoreKey(spaceID), tok, c.OnSaveError)
	return tok, nil
}

// TokenScopes asks Cobot which scopes accessToken grants: API 1
// GET {APIURL}/access_tokens/{accessToken}, authenticated with the token
// itself, answering {"scope": [...]}. The scopes of a user token can be
// narrower than requested when some of the user's admin permissions in a
// space have been revoked. A token Cobot does not know gives a
// *[TokenError]; no error contains the token.
func (c CobotConfig) TokenScopes(ctx context.Context, accessToken string) ([]string, error) {
	if err := cobotCheckTokenCall(c, accessToken, "auth: cobot token scopes"); err != nil {
		return nil, err
	}
	resp, err := c.accessTokenCall(ctx, http.MethodGet, accessToken, "", nil, "auth: cobot token scopes")
	if err != nil {
		return nil, err
	}
	return decodeCobotScopes(resp.status, resp.contentType, resp.body, accessToken)
}

// decodeCobotScopes reads the answer {"scope": [...]} of the token scopes
// call; failures are *TokenError values with accessToken redacted.
func decodeCobotScopes(status int, contentType string, body []byte, accessToken string) ([]string, error) {
	secrets := []string{accessToken}
	if status < 200 || status > 299 {
		_, err := decodeTokenResponse(status, contentType, body, decodeOptions{provider: "cobot", secrets: secrets})
		return nil, err
	}
	var info struct {
		Scope json.RawMessage `json:"scope"`
	}
	if err := json.Unmarshal(body, &info); err != nil {
		return nil, &TokenError{Provider: "cobot", StatusCode: status, Reason: "response is not a JSON object", Body: bodyExcerpt(body, secrets)}
	}
	var scopes []string
	if json.Unmarshal(info.Scope, &scopes) != nil {
		// Tolerate the OAuth form: one space-separated string.
		var s string
		if json.Unmarshal(info.Scope, &s) != nil {
			return nil, &TokenError{Provider: "cobot", StatusCode: status, Reason: "missing or invalid scope", Body: bodyExcerpt(body, secrets)}
		}
		scopes = strings.Fields(s)
	}
	return scopes, nil
}

// RevokeToken revokes accessToken: API 1 DELETE
// {APIURL}/access_tokens/{accessToken}, authenticated with the token
// itself; Cobot answers 204. Remove the token from any [TokenStore]
// yourself (Save with a nil token deletes it from the package's stores).
// A refusal gives a *[TokenError]; no error contains the token.
func (c CobotConfig) RevokeToken(ctx context.Context, accessToken string) error {
	if err := cobotCheckTokenCall(c, accessToken, "auth: cobot token revocation"); err != nil {
		return err
	}
	resp, err := c.accessTokenCall(ctx, http.MethodDelete, accessToken, "", nil, "auth: cobot token revocation")
	if err != nil {
		return err
	}
	if resp.status < 200 || resp.status > 299 {
		_, err := decodeTokenResponse(resp.status, resp.contentType, resp.body, decodeOptions{provider: "cobot", secrets: []string{accessToken}})
		return err
	}
	return nil
}

func cobotCheckTokenCall(c CobotConfig, accessToken, prefix string) error {
	var errs []error
	if err := checkTokenURL("cobot", "APIURL", c.apiURL()); err != nil {
		errs = append(errs, err)
	}
	if accessToken == "" {
		errs = append(errs, errors.New(prefix+": access token is empty"))
	}
	return errors.Join(errs...)
}

// accessTokenCall sends one API 1 request to
// {APIURL}/access_tokens/{token}{suffix}, authenticated with token, and
// returns the answer. The URL holds the token, so errors never quote it.
func (c CobotConfig) accessTokenCall(ctx context.Context, method, token, suffix string, body []byte, prefix string) (tokenResponse, error) {
	endpoint := c.apiURL() + "/access_tokens/" + url.PathEscape(token) + suffix
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, endpoint, rd)
	if err != nil {
		return tokenResponse{}, errors.New(prefix + ": cannot build the request")
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := tokenHTTPClient(ctx, c.HTTPClient).Do(req)
	if err != nil {
		return tokenResponse{}, cobotTransportError(prefix, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxCobotResponse))
	if err != nil {
		return tokenResponse{}, fmt.Errorf("%s: reading response (HTTP %d): %w", prefix, resp.StatusCode, cobotUnwrapURLError(err))
	}
	return tokenResponse{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: data}, nil
}

// decodeCobotSpaceToken reads the answer {"scope": [...], "token": "...",
// "client_id": "..."}; failures are *TokenError values with the user token
// and any "token" member redacted.
func decodeCobotSpaceToken(status int, contentType string, body []byte, userToken string) (*oauth2.Token, error) {
	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	parsed := dec.Decode(&raw) == nil && raw != nil
	secrets := []string{userToken}
	if parsed {
		for _, k := range []string{"token", "access_token"} {
			if s, ok := raw[k].(string); ok {
				secrets = append(secrets, s)
			}
		}
	}
	if status < 200 || status > 299 || !parsed {
		// decodeTokenResponse maps non-2xx answers (OAuth, {"message"} and
		// {"error"} shapes) and non-JSON bodies to a *TokenError.
		_, err := decodeTokenResponse(status, contentType, body, decodeOptions{provider: "cobot", secrets: secrets})
		return nil, err
	}
	access, _ := raw["token"].(string)
	if access == "" {
		access, _ = raw["access_token"].(string) // the OAuth name, tolerated
	}
	if access == "" {
		return nil, &TokenError{Provider: "cobot", StatusCode: status, Reason: "missing token", Body: bodyExcerpt(body, secrets)}
	}
	delete(raw, "token") // the access token is not an extra
	delete(raw, "access_token")
	return (&oauth2.Token{AccessToken: access, TokenType: "Bearer"}).WithExtra(raw), nil
}

// cobotTransportError wraps a client error without the request URL, which
// may hold a token.
func cobotTransportError(prefix string, err error) error {
	return fmt.Errorf("%s: %w", prefix, cobotUnwrapURLError(err))
}

// cobotUnwrapURLError drops the *url.Error layer, whose text quotes the URL.
func cobotUnwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
