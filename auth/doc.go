// Package auth supplies credentials to the hospitality API clients: token
// sources for each provider's OAuth 2 flow, a cache that makes them cheap
// and safe to share, stores that persist tokens, and request editors that
// put credentials on outgoing requests.
//
// # Pieces
//
// An [Editor] is a func(context.Context, *http.Request) error. [Bearer]
// sets "Authorization: Bearer <token>" from any [oauth2.TokenSource];
// [Header] sets a fixed header such as Kobas' x-kobas-company-id or
// OctoTable's Property; [APIKey] sends an API key header.
//
// A [CachedSource] wraps a [FetchFunc] (one request to a token endpoint). It
// hands out the cached token until [CacheOptions.EarlyExpiry] before it
// expires, runs at most one fetch at a time however many goroutines ask,
// and forgets a token rejected by the API through [CachedSource.Invalidate]
// or [CachedSource.Reject]. [KobasTokenSource] and [OctotableTokenSource]
// build CachedSources for those providers' client-credentials flows from a
// [KobasConfig] or [OctotableConfig].
//
// Cloudbeds uses the authorization-code flow: [CloudbedsConfig.AuthCodeURL]
// builds the consent URL with a random state, [CloudbedsCallback] checks
// the state and extracts the code, [CloudbedsConfig.Exchange] trades it for
// a token whose bound properties [CloudbedsResources] reports, and
// [CloudbedsTokenSource] or [CloudbedsStoredTokenSource] keep it fresh with
// the refresh_token grant. API keys ([CloudbedsAPIKey],
// [CloudbedsConfig.ExchangeAPIKey]) are the alternative credential, and
// [CloudbedsConfig.DiscoverAPIURL] finds a property's API host.
//
// Cobot uses the authorization-code flow with PKCE (S256) and state:
// [CobotConfig.AuthCodeURL], [CobotCallback], [CobotConfig.Exchange], for
// confidential and public clients alike. Cobot tokens are long-lived and never
// refreshed ([CobotStoredTokenSource] reports [ErrCobotAuthorizationRequired]
// when one is no longer usable); [CobotConfig.CreateSpaceToken] creates
// space-owned tokens for long-running integrations, and [NewCobotOIDC]
// verifies OpenID Connect ID tokens (signature through discovery and JWKS,
// issuer, audience, expiry, subject, authorized party and the sign-in's
// nonce) and fetches userinfo.
//
// Both authorization-code flows read the redirect back to the app the same
// way: a missing or different state is [ErrStateMismatch] (also
// [ErrCloudbedsStateMismatch] or [ErrCobotStateMismatch]), and an error the
// provider reported is a *[CallbackError] naming the provider.
//
// A [TokenStore] persists tokens across processes: [MemoryStore] for tests
// and short-lived programs, [FileStore] for a JSON file written atomically
// with mode 0600. A CachedSource with a Store uses a still-valid stored
// token instead of fetching, and saves every new token before returning it.
//
// Token endpoint failures are *[TokenError] values carrying the provider,
// HTTP status, provider error code and message and a redacted body excerpt;
// configuration mistakes are *[ConfigError] values naming the field. No
// error produced by this package contains a client secret, token or
// authorization code. Token URLs must use https, except on loopback hosts.
//
// # Wiring into generated clients
//
// Editors have the signature of every generated client's RequestEditorFn,
// so the same values plug into each provider's client:
//
//	ts := auth.KobasTokenSource(ctx, auth.KobasConfig{
//		ClientID: id, ClientSecret: secret, CompanyID: company,
//	})
//	c, err := kobas.NewClientWithResponses(kobas.DefaultServer,
//		kobas.WithRequestEditorFn(auth.Bearer(ts)),
//		kobas.WithRequestEditorFn(auth.Header("x-kobas-company-id", company)))
//
// # Wiring into the transport
//
// Applying credentials in the transport rather than in a request editor
// lets a retried request carry a fresh token. transport.Config takes an
// Editor-shaped Authorize hook, applied on every attempt, and a Reauthorize
// hook called after a 401 before the single retry:
//
//	transport.Config{
//		Authorize:   auth.Bearer(ts),
//		Reauthorize: ts.Reject,
//	}
//
// Reject invalidates only the token the rejected request carried, so when
// many concurrent requests fail with 401 the source fetches one new token,
// not one per request.
package auth
