package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"

	"golang.org/x/oauth2"
	"golang.org/x/sync/singleflight"
)

// Editor changes an outgoing request, typically by adding credentials. Its
// signature is that of every generated client's RequestEditorFn and of the
// transport's Authorize hook, so one value plugs into all of them:
//
//	kobas.WithRequestEditorFn(auth.Bearer(ts))
type Editor = func(ctx context.Context, req *http.Request) error

// ContextTokenSource is implemented by token sources that honour a context,
// such as [CachedSource]. [Bearer] prefers TokenContext over Token when the
// source implements it, so a request's cancellation also ends its wait for a
// token.
type ContextTokenSource interface {
	// TokenContext returns a valid token or an error, returning early when
	// ctx is done.
	TokenContext(ctx context.Context) (*oauth2.Token, error)
}

// errNoToken is returned by Bearer when a source yields no token.
var errNoToken = errors.New("auth: token source returned no access token")

// Bearer returns an Editor that sets "Authorization: Bearer <token>" from
// ts on every request (the token's own type is used when it has one, as
// [oauth2.Token.Type] normalises it). Errors from ts are returned unchanged,
// so callers can inspect them with errors.As (for example a *[TokenError]),
// and the request is then not sent.
//
// The request's context bounds the wait for a token: a [ContextTokenSource]
// gets it through TokenContext. A plain [oauth2.TokenSource] (such as one
// from x/oauth2) has no context, so when the request's context can end,
// ts.Token runs on a goroutine of its own that concurrent requests share,
// and a request whose context ends first returns the context's error
// (wrapped, errors.Is matches it) while that Token call runs on, bounded
// only by ts itself. The Editor is safe for concurrent use if ts is.
func Bearer(ts oauth2.TokenSource) Editor {
	cs, _ := ts.(*CachedSource)
	cts, _ := ts.(ContextTokenSource)
	if cs == nil && cts == nil {
		cts = &contextSource{ts: ts}
	}
	var last atomic.Pointer[authzValue]
	return func(ctx context.Context, req *http.Request) error {
		var (
			value string
			tok   *oauth2.Token
			err   error
		)
		if cs != nil {
			// The cached token's header value, without copying the token.
			value, tok, err = cs.authorization(ctx)
		} else {
			tok, err = cts.TokenContext(ctx)
		}
		if err != nil {
			return err
		}
		if value == "" {
			if tok == nil || tok.AccessToken == "" {
				return errNoToken
			}
			value = authzFor(&last, tok)
		}
		ensureHeader(req)
		req.Header.Set("Authorization", value)
		return nil
	}
}

// contextSource gives a plain oauth2.TokenSource a TokenContext that
// returns when ctx ends. Concurrent calls share one ts.Token call, so a
// source that hangs holds one goroutine, not one per caller.
type contextSource struct {
	ts    oauth2.TokenSource
	group singleflight.Group
}

// TokenContext returns ts.Token's result, or ctx's error (wrapped) when ctx
// ends first. A context that can never end calls ts.Token directly.
func (s *contextSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	if ctx.Done() == nil {
		return s.ts.Token()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("auth: token source: %w", err)
	}
	ch := s.group.DoChan("token", func() (any, error) { return s.ts.Token() })
	select {
	case r := <-ch:
		tok, _ := r.Val.(*oauth2.Token)
		return tok, r.Err
	case <-ctx.Done():
		return nil, fmt.Errorf("auth: token source: %w", ctx.Err())
	}
}

// authzValue is an Authorization header value and the token it was built
// from.
type authzValue struct {
	access, typ, value string
}

// authzFor returns tok's Authorization header value, as
// [oauth2.Token.SetAuthHeader] writes it, reusing the value built for the
// previous token when tok carries the same access token and type.
func authzFor(last *atomic.Pointer[authzValue], tok *oauth2.Token) string {
	if v := last.Load(); v != nil && v.access == tok.AccessToken && v.typ == tok.TokenType {
		return v.value
	}
	v := &authzValue{access: tok.AccessToken, typ: tok.TokenType, value: tok.Type() + " " + tok.AccessToken}
	last.Store(v)
	return v.value
}

// Header returns an Editor that sets the header name to value on every
// request, replacing any earlier value; for example the tenant headers
// "x-kobas-company-id" and "Property". It is safe for concurrent use.
func Header(name, value string) Editor {
	return func(_ context.Context, req *http.Request) error {
		ensureHeader(req)
		req.Header.Set(name, value)
		return nil
	}
}

// APIKey returns an Editor that sends key in the header named header on
// every request, e.g. APIKey("x-api-key", key). An empty key makes every
// request fail with an error (naming the header, not the key) rather than
// go out unauthenticated. It is safe for concurrent use.
func APIKey(header, key string) Editor {
	return func(_ context.Context, req *http.Request) error {
		if key == "" {
			return errors.New("auth: api key for header " + header + " is empty")
		}
		ensureHeader(req)
		req.Header.Set(header, key)
		return nil
	}
}

// ensureHeader gives a hand-built request a header map to write into.
func ensureHeader(req *http.Request) {
	if req.Header == nil {
		req.Header = make(http.Header)
	}
}
