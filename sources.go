package hospitality

import (
	"context"
	"crypto/sha256"
	"net/http"
	"reflect"
	"runtime"
	"sync"
	"weak"

	"golang.org/x/oauth2"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// sourceKey names one OAuth connection in the process: the provider, the app's client id, and
// either the token store and key the connection's tokens are kept under or a hash of the token the
// caller passed in. Clients built for the same connection share one token source, whichever
// constructor built them, so two clients never refresh the same refresh token concurrently (with
// rotating refresh tokens that would lose the connection).
type sourceKey struct {
	provider, clientID, storeKey string
	store                        auth.TokenStore // nil when keyed by token
	token                        [32]byte
}

// sources holds the live token sources by connection; an entry goes away with the last client
// that uses its source.
var sources = struct {
	sync.Mutex
	m map[sourceKey]weak.Pointer[auth.CachedSource]
}{m: map[sourceKey]weak.Pointer[auth.CachedSource]{}}

// storeSourceKey returns the key of the connection kept in store under storeKey, and false when
// store cannot be told apart from others (its dynamic type is not comparable).
func storeSourceKey(provider, clientID string, store auth.TokenStore, storeKey string) (sourceKey, bool) {
	if store == nil || !reflect.TypeOf(store).Comparable() {
		return sourceKey{}, false
	}
	return sourceKey{provider: provider, clientID: clientID, storeKey: storeKey, store: store}, true
}

// tokenSourceKey returns the key of the connection that starts from tok: the hash of its refresh
// token, or of its access token when it has none.
func tokenSourceKey(provider, clientID string, tok *oauth2.Token) (sourceKey, bool) {
	v := tok.RefreshToken
	if v == "" {
		v = tok.AccessToken
	}
	if v == "" {
		return sourceKey{}, false
	}
	return sourceKey{provider: provider, clientID: clientID, token: sha256.Sum256([]byte(v))}, true
}

// sharedSource returns the live source for key, or the one mk builds, kept for the next caller.
func sharedSource(key sourceKey, mk func() *auth.CachedSource) *auth.CachedSource {
	sources.Lock()
	defer sources.Unlock()
	if wp, ok := sources.m[key]; ok {
		if s := wp.Value(); s != nil {
			return s
		}
	}
	s := mk()
	wp := weak.Make(s)
	sources.m[key] = wp
	runtime.AddCleanup(s, func(key sourceKey) {
		sources.Lock()
		if cur, ok := sources.m[key]; ok && cur == wp {
			delete(sources.m, key)
		}
		sources.Unlock()
	}, key)
	return s
}

// oauthBearer validates the OAuth configuration cfg and authorizes with the connection's token
// source (see [bearer]): fromToken's, starting from tok, when tok is set, and otherwise
// fromStore's, which continues from the token kept in store under storeKey. Sources are shared
// per connection of provider and clientID (see [sourceKey]).
func oauthBearer[C interface{ Validate() error }](ctx context.Context, cfg C, tok *oauth2.Token,
	provider, clientID string, store auth.TokenStore, storeKey string,
	fromToken func(context.Context, C, *oauth2.Token) *auth.CachedSource,
	fromStore func(context.Context, C) *auth.CachedSource,
) (authorize, reject func(context.Context, *http.Request) error, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	mk := func() *auth.CachedSource {
		if tok != nil {
			return fromToken(ctx, cfg, tok)
		}
		return fromStore(ctx, cfg)
	}
	key, ok := storeSourceKey(provider, clientID, store, storeKey)
	if tok != nil {
		key, ok = tokenSourceKey(provider, clientID, tok)
	}
	var src *auth.CachedSource
	if ok {
		src = sharedSource(key, mk)
	} else {
		src = mk()
	}
	authorize, reject = bearer(src)
	return authorize, reject, nil
}
