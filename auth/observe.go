package auth

import (
	"context"

	"golang.org/x/oauth2"
)

// OAuth grants a [TokenObserver] is told about, as the token request's
// grant_type names them.
const (
	GrantClientCredentials = "client_credentials"
	GrantRefreshToken      = "refresh_token"
	GrantAuthorizationCode = "authorization_code"
)

// TokenObserver is told about token fetches and refreshes, for tracing and
// metrics: every fetch or refresh a [CachedSource] runs (not the calls it
// answers from its cache or store), every authorization-code exchange
// ([CloudbedsConfig.Exchange], [CobotConfig.Exchange]) and every fetch
// wrapped in [ObserveTokenFetch]. It never sees a credential: only the provider, the
// grant and the outcome. The SDK's OpenTelemetry adapter implements it and
// plugs itself into the context of every call it observes, so a fetch made
// for a call (the 401 → refresh → retry path included) is reported inside
// that call; put one in a context with [WithTokenObserver] to observe
// fetches made outside calls.
//
// Its method must be safe for concurrent use and return quickly.
type TokenObserver interface {
	// StartTokenFetch is called before a fetch. It returns the context
	// the fetch runs in (for example one carrying a span, so the token
	// request carries it too) and a function called once with the
	// outcome, which may be nil.
	StartTokenFetch(ctx context.Context, f TokenFetch) (context.Context, func(TokenFetchResult))
}

// TokenFetch names a token fetch for a [TokenObserver].
type TokenFetch struct {
	// Provider names the API, e.g. "kobas" ([CacheOptions.Provider]).
	Provider string
	// Grant is the OAuth grant the fetch uses ([GrantClientCredentials],
	// [GrantRefreshToken], [GrantAuthorizationCode], another grant_type),
	// or "" when the source does not say (see [CacheOptions.Grant]).
	Grant string
}

// TokenFetchResult is the outcome of a token fetch.
type TokenFetchResult struct {
	// Err is the fetch's failure, nil for a success. Errors of this
	// package never contain a secret, token or code.
	Err error
}

type tokenObserverKey struct{}

// WithTokenObserver returns a copy of ctx carrying o: token fetches made
// with the returned context (or one derived from it) are reported to o. A
// nil o removes the observer.
func WithTokenObserver(ctx context.Context, o TokenObserver) context.Context {
	return context.WithValue(ctx, tokenObserverKey{}, o)
}

// TokenObserverFrom returns the [TokenObserver] [WithTokenObserver] stored
// in ctx, or nil.
func TokenObserverFrom(ctx context.Context) TokenObserver {
	o, _ := ctx.Value(tokenObserverKey{}).(TokenObserver)
	return o
}

// ObserveTokenFetch runs fetch, reporting it as f to the [TokenObserver] in
// ctx, if any. It is for fetches outside a [CachedSource], such as an
// authorization-code exchange:
//
//	tok, err := auth.ObserveTokenFetch(ctx,
//		auth.TokenFetch{Provider: "cloudbeds", Grant: auth.GrantAuthorizationCode},
//		func(ctx context.Context) (*oauth2.Token, error) { return cfg.Exchange(ctx, code) })
func ObserveTokenFetch(ctx context.Context, f TokenFetch, fetch FetchFunc) (tok *oauth2.Token, err error) {
	if o := TokenObserverFrom(ctx); o != nil {
		var end func(TokenFetchResult)
		ctx, end = o.StartTokenFetch(ctx, f)
		if end != nil {
			defer func() { end(TokenFetchResult{Err: err}) }()
		}
	}
	return fetch(ctx)
}

// observedFetch returns the context the source's fetch or refresh runs in
// and the function to call with its outcome (a no-op without an observer).
func (s *CachedSource) observedFetch(ctx context.Context, refresh bool) (context.Context, func(error)) {
	o := TokenObserverFrom(ctx)
	if o == nil {
		return ctx, func(error) {}
	}
	grant := s.opts.Grant
	if refresh {
		grant = GrantRefreshToken
	}
	ctx, end := o.StartTokenFetch(ctx, TokenFetch{Provider: s.opts.Provider, Grant: grant})
	if end == nil {
		return ctx, func(error) {}
	}
	return ctx, func(err error) { end(TokenFetchResult{Err: err}) }
}
