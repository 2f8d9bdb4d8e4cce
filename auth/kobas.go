package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// KobasTokenURL is the Kobas OAuth 2 token endpoint.
const KobasTokenURL = "https://oauth.kobas.co.uk/access_token"

// kobasCompanyParam names the company id in the token request's query,
// header and form body, and on every API call.
const kobasCompanyParam = "x-kobas-company-id"

// kobasTokenTTL is the documented token lifetime, assumed when a token
// response has no expires_in.
const kobasTokenTTL = time.Hour

// KobasConfig configures a Kobas client-credentials token source.
type KobasConfig struct {
	// ClientID and ClientSecret are the OAuth 2 client credentials.
	ClientID, ClientSecret string
	// CompanyID selects the Kobas company (tenant). It is sent in the token
	// request's query string, header and form body.
	CompanyID string
	// Scopes are the requested scopes, sent space-separated; nil or empty
	// means ["integration"].
	Scopes []string
	// TokenURL overrides [KobasTokenURL]. It must be https, except for
	// loopback hosts.
	TokenURL string
	// HTTPClient sends token requests; nil means a client with a
	// [DefaultHTTPTimeout] timeout. Redirects are never followed.
	HTTPClient *http.Client
	// Store, if set, persists tokens under a key made of the client id and
	// company id (never the secret).
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

// Validate reports every missing required field (ClientID, ClientSecret,
// CompanyID) and a TokenURL that is not https, as [ConfigError] values
// joined with [errors.Join].
func (c KobasConfig) Validate() error {
	errs := requireFields("kobas", namedValue{"ClientID", c.ClientID}, namedValue{"ClientSecret", c.ClientSecret}, namedValue{"CompanyID", c.CompanyID})
	if err := checkTokenURL("kobas", "TokenURL", c.tokenURL()); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (c KobasConfig) tokenURL() string {
	if c.TokenURL != "" {
		return c.TokenURL
	}
	return KobasTokenURL
}

func (c KobasConfig) scope() string {
	if len(c.Scopes) == 0 {
		return "integration"
	}
	return strings.Join(c.Scopes, " ")
}

// decodeOptions says how a Kobas token response is read.
func (c KobasConfig) decodeOptions(now func() time.Time) decodeOptions {
	return decodeOptions{
		provider:   "kobas",
		now:        now,
		defaultTTL: kobasTokenTTL,
		secrets:    []string{c.ClientSecret},
	}
}

// StoreKey returns the key under which tokens for c are kept in a
// [TokenStore]: "kobas:<client id>:<company id>".
func (c KobasConfig) StoreKey() string {
	return "kobas:" + c.ClientID + ":" + c.CompanyID
}

// KobasTokenSource returns a [CachedSource] that obtains Kobas access tokens
// with the client-credentials grant: a form POST to the token URL with the
// company id added to the query string and sent as the x-kobas-company-id
// header, and grant_type, client_id, client_secret, scope and
// x-kobas-company-id in the body. Kobas tokens last an hour and come
// without a refresh token, so a new one is fetched EarlyExpiry before
// expiry.
//
// ctx is used only to find an *http.Client stored under [oauth2.HTTPClient]
// when cfg.HTTPClient is nil; cancelling it does not affect the source. If
// cfg is invalid (see [KobasConfig.Validate]), every Token call returns the
// validation error. The returned source is safe for concurrent use.
func KobasTokenSource(ctx context.Context, cfg KobasConfig) *CachedSource {
	cfg.Scopes = append([]string(nil), cfg.Scopes...)
	invalid := cfg.Validate()
	client := tokenHTTPClient(ctx, cfg.HTTPClient)
	now := nowFunc(cfg.Now)
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		if invalid != nil {
			return nil, invalid
		}
		u, err := url.Parse(cfg.tokenURL())
		if err != nil {
			return nil, &ConfigError{Provider: "kobas", Field: "TokenURL", Problem: "is not a valid URL"}
		}
		q := u.Query()
		q.Set(kobasCompanyParam, cfg.CompanyID)
		u.RawQuery = q.Encode()

		req := formRequest(u.String(), url.Values{
			"grant_type":      {"client_credentials"},
			"client_id":       {cfg.ClientID},
			"client_secret":   {cfg.ClientSecret},
			"scope":           {cfg.scope()},
			kobasCompanyParam: {cfg.CompanyID},
		})
		req.header = http.Header{http.CanonicalHeaderKey(kobasCompanyParam): {cfg.CompanyID}}
		resp, err := req.send(ctx, client, "kobas")
		if err != nil {
			return nil, err
		}
		return resp.decode(cfg.decodeOptions(now))
	}
	return NewCachedSource(fetch, CacheOptions{
		Provider:    "kobas",
		Grant:       GrantClientCredentials,
		Key:         cfg.StoreKey(),
		Store:       cfg.Store,
		EarlyExpiry: cfg.EarlyExpiry,
		Now:         now,
		OnSaveError: cfg.OnSaveError,
	})
}
