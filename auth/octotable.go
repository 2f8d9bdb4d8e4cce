package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
)

// OctotableAuthBaseURL is the base of the OctoTable authorization server;
// the token endpoint is this plus "/oauth2/token".
const OctotableAuthBaseURL = "https://api.octotable.com/octotable-auth/api/v2"

// OctotableTokenEncoding selects how an OctoTable token request body is
// encoded first. OctoTable's documentation shows a JSON body, while a client
// tested against the service found that JSON is refused with 415 and only a
// form body works, so whichever encoding is tried first, the other one is
// tried once after a 415.
type OctotableTokenEncoding int

const (
	// OctotableFormFirst, the default, sends an
	// application/x-www-form-urlencoded body and falls back to JSON once if
	// the server answers 415 Unsupported Media Type.
	OctotableFormFirst OctotableTokenEncoding = iota
	// OctotableJSONFirst sends a JSON body, as the documentation shows, and
	// falls back to a form body once if the server answers 415.
	OctotableJSONFirst
)

// OctotableConfig configures an OctoTable client-credentials token source.
type OctotableConfig struct {
	// ClientID and ClientSecret are the OAuth 2 client credentials.
	ClientID, ClientSecret string
	// AuthBaseURL overrides [OctotableAuthBaseURL]; the token endpoint is
	// AuthBaseURL + "/oauth2/token".
	AuthBaseURL string
	// TokenURL, if set, is the full token endpoint and overrides
	// AuthBaseURL. It must be https, except for loopback hosts.
	TokenURL string
	// TokenEncoding selects the encoding of the first token request; the
	// zero value is [OctotableFormFirst].
	TokenEncoding OctotableTokenEncoding
	// Property, if set, is the restaurant (the Property header value) the
	// tokens are used for. It only adds to the [TokenStore] key, so tokens
	// for different restaurants of one client are stored apart: OctoTable
	// tokens carry a property_id claim and may be bound to one restaurant.
	Property string
	// ExpiresInUnit is the unit of the response's expires_in, whose unit
	// OctoTable does not document; zero means time.Second.
	ExpiresInUnit time.Duration
	// HTTPClient sends token requests; nil means a client with a
	// [DefaultHTTPTimeout] timeout. Redirects are never followed.
	HTTPClient *http.Client
	// Store, if set, persists tokens under a key made of the client id
	// (never the secret).
	Store TokenStore
	// EarlyExpiry is how long before expiry a token is replaced; zero means
	// [DefaultEarlyExpiry].
	EarlyExpiry time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// OnSaveError, if set, is told when Store fails to save a fetched token
	// (see [CacheOptions]).
	OnSaveError func(error)
}

// Validate reports every missing required field (ClientID, ClientSecret),
// a token URL that is not https, an unknown TokenEncoding and a negative
// ExpiresInUnit, as [ConfigError] values joined with [errors.Join]. The URL error names TokenURL when it is set and
// AuthBaseURL otherwise.
func (c OctotableConfig) Validate() error {
	errs := requireFields("octotable", namedValue{"ClientID", c.ClientID}, namedValue{"ClientSecret", c.ClientSecret})
	field := "AuthBaseURL"
	if c.TokenURL != "" {
		field = "TokenURL"
	}
	if err := checkTokenURL("octotable", field, c.tokenURL()); err != nil {
		errs = append(errs, err)
	}
	if c.TokenEncoding != OctotableFormFirst && c.TokenEncoding != OctotableJSONFirst {
		errs = append(errs, &ConfigError{Provider: "octotable", Field: "TokenEncoding", Problem: "is not a known encoding"})
	}
	if c.ExpiresInUnit < 0 {
		errs = append(errs, &ConfigError{Provider: "octotable", Field: "ExpiresInUnit", Problem: "must not be negative"})
	}
	return errors.Join(errs...)
}

func (c OctotableConfig) tokenURL() string {
	if c.TokenURL != "" {
		return c.TokenURL
	}
	base := c.AuthBaseURL
	if base == "" {
		base = OctotableAuthBaseURL
	}
	return strings.TrimRight(base, "/") + "/oauth2/token"
}

// decodeOptions says how an OctoTable token response is read.
func (c OctotableConfig) decodeOptions(now func() time.Time) decodeOptions {
	return decodeOptions{
		provider:      "octotable",
		now:           now,
		expiresInUnit: c.ExpiresInUnit,
		jwtExpiry:     true,
		secrets:       []string{c.ClientSecret},
	}
}

// StoreKey returns the key under which tokens for c are kept in a
// [TokenStore]: "octotable:<client id>", or
// "octotable:<client id>:<property>" when Property is set.
func (c OctotableConfig) StoreKey() string {
	if c.Property != "" {
		return "octotable:" + c.ClientID + ":" + c.Property
	}
	return "octotable:" + c.ClientID
}

// octotableJSONBody is the documented JSON token request; the field order
// is fixed.
type octotableJSONBody struct {
	GrantType    string `json:"grant_type"`
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

// OctotableTokenSource returns a [CachedSource] that obtains OctoTable
// access tokens with the client-credentials grant: a POST of grant_type,
// client_id and client_secret with "Accept: application/json" to the token
// endpoint. By default (see [OctotableConfig.TokenEncoding]) the body is
// form-encoded; if the server answers 415 Unsupported Media Type, the
// request is repeated once as JSON, and every later request of this source
// uses JSON straight away. [OctotableJSONFirst] reverses the order.
//
// The response may name the token type "type" instead of "token_type"
// (default "Bearer"). The token expires expires_in × cfg.ExpiresInUnit
// after it was fetched, or at the access token's JWT "exp" claim if that is
// earlier (only the payload is decoded, to read exp; the signature is not
// checked). A JWT exp that is not in the future, as seen by cfg.Now, is
// ignored as clock skew. OctoTable issues no refresh tokens.
//
// ctx is used only to find an *http.Client stored under [oauth2.HTTPClient]
// when cfg.HTTPClient is nil; cancelling it does not affect the source. If
// cfg is invalid (see [OctotableConfig.Validate]), every Token call returns
// the validation error. The returned source is safe for concurrent use.
func OctotableTokenSource(ctx context.Context, cfg OctotableConfig) *CachedSource {
	invalid := cfg.Validate()
	client := tokenHTTPClient(ctx, cfg.HTTPClient)
	now := nowFunc(cfg.Now)
	var switched atomic.Bool // set once the server has refused the first encoding with 415
	decode := cfg.decodeOptions(now)
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		if invalid != nil {
			return nil, invalid
		}
		tokenURL := cfg.tokenURL()
		form := formRequest(tokenURL, url.Values{
			"grant_type":    {"client_credentials"},
			"client_id":     {cfg.ClientID},
			"client_secret": {cfg.ClientSecret},
		})
		body, err := json.Marshal(octotableJSONBody{
			GrantType:    "client_credentials",
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
		})
		if err != nil {
			return nil, fmt.Errorf("auth: octotable token request: %w", err)
		}
		jsonReq := tokenRequest{url: tokenURL, contentType: "application/json", body: body}
		first, second := form, jsonReq
		if cfg.TokenEncoding == OctotableJSONFirst {
			first, second = jsonReq, form
		}
		if !switched.Load() {
			resp, err := first.send(ctx, client, "octotable")
			if err != nil {
				return nil, err
			}
			if resp.status != http.StatusUnsupportedMediaType {
				return resp.decode(decode)
			}
			switched.Store(true)
		}
		resp, err := second.send(ctx, client, "octotable")
		if err != nil {
			return nil, err
		}
		return resp.decode(decode)
	}
	return NewCachedSource(fetch, CacheOptions{
		Provider:    "octotable",
		Grant:       GrantClientCredentials,
		Key:         cfg.StoreKey(),
		Store:       cfg.Store,
		EarlyExpiry: cfg.EarlyExpiry,
		Now:         now,
		OnSaveError: cfg.OnSaveError,
	})
}
