package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/sync/singleflight"
)

// Defaults for [CacheOptions].
const (
	// DefaultEarlyExpiry is how long before its expiry a cached token is
	// replaced when CacheOptions.EarlyExpiry is zero.
	DefaultEarlyExpiry = 60 * time.Second
	// DefaultFetchTimeout bounds one token fetch (store load, token request,
	// store save) when CacheOptions.FetchTimeout is zero.
	DefaultFetchTimeout = 30 * time.Second
)

// FetchFunc obtains a new token, typically with one request to a token
// endpoint. A [CachedSource] calls it at most once at a time.
type FetchFunc func(ctx context.Context) (*oauth2.Token, error)

// RefreshFunc obtains a new token from the previous one, typically with a
// refresh_token grant. prev is never nil and prev.RefreshToken is never empty.
type RefreshFunc func(ctx context.Context, prev *oauth2.Token) (*oauth2.Token, error)

// CacheOptions configures a [CachedSource]. The zero value is usable.
type CacheOptions struct {
	// Provider names the API in errors, e.g. "kobas".
	Provider string
	// Key identifies the token in Store. It must not contain secrets;
	// provider sources derive it from public identifiers such as the client
	// id. If empty, Provider is used, or "default" when that is empty too.
	Key string
	// Store, if set, persists tokens: it is consulted before every fetch
	// (a still-valid stored token is used instead of fetching) and every
	// newly fetched token is saved to it before it is returned.
	Store TokenStore
	// EarlyExpiry is how long before its expiry a token is replaced. Zero
	// means [DefaultEarlyExpiry]; a negative value disables early refresh.
	// For a token fetched with a lifetime shorter than twice EarlyExpiry the
	// margin is capped at half its lifetime, so short-lived tokens are still
	// used instead of being refetched on every call.
	EarlyExpiry time.Duration
	// Now returns the current time; nil means time.Now. Tests inject a clock.
	Now func() time.Time
	// FetchTimeout bounds one fetch, which runs detached from the caller's
	// cancellation so that one impatient caller cannot fail the fetch the
	// others wait for. Zero means [DefaultFetchTimeout].
	FetchTimeout time.Duration
	// OnSaveError, if set, is called (synchronously, during the fetch) when
	// Store fails to save a newly fetched token. The token is still cached
	// and returned, so the call that caused the fetch succeeds; the error
	// names the provider and the store problem but no secret.
	OnSaveError func(error)
	// Refresh, if set, is used instead of the FetchFunc when the current
	// token (cached, or loaded from Store) carries a refresh token. If the
	// refreshed token comes without a refresh token, the previous one is
	// kept, so a refresh token is never lost.
	Refresh RefreshFunc
	// Grant names the OAuth grant the FetchFunc uses (for example
	// [GrantClientCredentials]), as a [TokenObserver] is told; refreshes
	// through Refresh are reported as [GrantRefreshToken]. The SDK's own
	// sources set it: Kobas and OctoTable fetch with client credentials, a
	// Cloudbeds source's fetch refreshes the token it was started with;
	// Cobot sources never request tokens.
	Grant string
}

// CachedSource is a caching [oauth2.TokenSource] and [ContextTokenSource].
// It hands out its cached token until EarlyExpiry before the token expires,
// then fetches a new one. Whatever the number of concurrent callers, at most
// one fetch runs at a time and all callers waiting for it share its result;
// each waiting caller still returns as soon as its own context is done.
//
// After a request is rejected with 401, call [CachedSource.Reject] (or
// [CachedSource.Invalidate]) so the next Token call fetches a new token.
//
// When the Store is a [LockingStore] (FileStore, and the Redis and
// PostgreSQL stores of the stores/ modules), a refresh takes the key's
// lock, re-reads the store and refreshes only if the stored token is still
// stale, then saves through the lock: across processes sharing the store a
// connection is refreshed once per expiry. A refresh answered with OAuth
// invalid_grant re-reads the store once (another process may have rotated
// the token) before failing; the failure then matches [ErrConsentRequired]
// and is backed off (1 s, doubling to 5 min): calls fail at once without a
// token request until the backoff ends or a new token appears in the store.
//
// A CachedSource is safe for concurrent use.
type CachedSource struct {
	fetch FetchFunc
	opts  CacheOptions
	group singleflight.Group

	mu        sync.Mutex
	tok       *oauth2.Token // current token, possibly expired or rejected
	authz     string        // tok's Authorization header value, built once per token
	refreshAt time.Time     // when tok stops being served (zero: never)
	rejected  bool          // tok was invalidated
	fail      *failure      // last permanent refresh failure, if backing off
}

var (
	_ oauth2.TokenSource = (*CachedSource)(nil)
	_ ContextTokenSource = (*CachedSource)(nil)
)

// NewCachedSource returns a CachedSource that obtains tokens with fetch.
// fetch must not be nil.
func NewCachedSource(fetch FetchFunc, opts CacheOptions) *CachedSource {
	if opts.Key == "" {
		opts.Key = opts.Provider
		if opts.Key == "" {
			opts.Key = "default"
		}
	}
	if opts.EarlyExpiry == 0 {
		opts.EarlyExpiry = DefaultEarlyExpiry
	} else if opts.EarlyExpiry < 0 {
		opts.EarlyExpiry = 0
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.FetchTimeout <= 0 {
		opts.FetchTimeout = DefaultFetchTimeout
	}
	return &CachedSource{fetch: fetch, opts: opts}
}

// Token returns a valid token, fetching one if needed. It is
// TokenContext(context.Background()), for the [oauth2.TokenSource] interface.
func (s *CachedSource) Token() (*oauth2.Token, error) {
	return s.TokenContext(context.Background())
}

// TokenContext returns a copy of the cached token while it is valid, and
// otherwise waits for a new one. A fetch in progress is shared; if none is,
// this call starts one. The fetch runs on a context carrying ctx's values
// but not its cancellation, bounded by FetchTimeout. TokenContext returns
// early with ctx's error when ctx is done before the fetch completes.
func (s *CachedSource) TokenContext(ctx context.Context) (*oauth2.Token, error) {
	if tok := s.current(); tok != nil {
		return tok, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, s.ctxError(err)
	}
	ch := s.group.DoChan("token", func() (any, error) {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.opts.FetchTimeout)
		defer cancel()
		return s.obtain(fctx)
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return copyToken(r.Val.(*oauth2.Token)), nil
	case <-ctx.Done():
		return nil, s.ctxError(ctx.Err())
	}
}

func (s *CachedSource) ctxError(err error) error {
	return fmt.Errorf("auth: %s token: %w", s.provider(), err)
}

func (s *CachedSource) provider() string {
	if s.opts.Provider == "" {
		return "cached"
	}
	return s.opts.Provider
}

// current returns a copy of the cached token if it may still be served.
func (s *CachedSource) current() *oauth2.Token {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.servable() {
		return copyToken(s.tok)
	}
	return nil
}

// authorization returns the Authorization header value of the cached token
// while it may be served, without copying the token. Otherwise it returns
// what TokenContext returns, with an empty value, and the caller builds the
// value from the token.
func (s *CachedSource) authorization(ctx context.Context) (value string, tok *oauth2.Token, err error) {
	s.mu.Lock()
	if s.servable() {
		value = s.authz
		s.mu.Unlock()
		return value, nil, nil
	}
	s.mu.Unlock()
	tok, err = s.TokenContext(ctx)
	return "", tok, err
}

// servable reports whether s.tok may be handed out; s.mu must be held.
func (s *CachedSource) servable() bool {
	if s.tok == nil || s.rejected || s.tok.AccessToken == "" {
		return false
	}
	return s.refreshAt.IsZero() || s.opts.Now().Before(s.refreshAt)
}

// Backoff after the provider refused a refresh token for good: the first
// retry waits consentBackoffMin, each further one twice as long, up to
// consentBackoffMax. Meanwhile calls fail at once without a token request
// (a store read still notices a token another process saved).
const (
	consentBackoffMin = time.Second
	consentBackoffMax = 5 * time.Minute
)

// failure is a permanent refresh failure being backed off.
type failure struct {
	err          error     // returned while the backoff lasts
	refreshToken string    // the refused refresh token
	until        time.Time // end of the backoff
	wait         time.Duration
}

// obtain runs inside the single flight: it re-checks the cache, consults
// the store, then refreshes or fetches, saves, and caches the new token.
// With a [LockingStore] the refresh runs under the key's lock, after
// re-reading the store, so that processes sharing the store refresh a
// connection once.
func (s *CachedSource) obtain(ctx context.Context) (*oauth2.Token, error) {
	s.mu.Lock()
	if s.servable() {
		// A flight that ended between our cache check and DoChan already
		// produced a token.
		tok := s.tok
		s.mu.Unlock()
		return tok, nil
	}
	prev := s.tok
	fail := s.fail
	s.mu.Unlock()

	st := s.opts.Store
	if st != nil {
		stored, err := s.load(ctx, prev)
		if err != nil {
			return nil, err
		}
		if stored.usable {
			return stored.tok, nil
		}
		if stored.tok != nil && stored.tok.RefreshToken != "" {
			// The store holds the latest refresh token (it may have been
			// rotated by another process).
			prev = stored.tok
		}
	}
	if fail != nil && s.opts.Now().Before(fail.until) &&
		(prev == nil || prev.RefreshToken == "" || prev.RefreshToken == fail.refreshToken) {
		return nil, fail.err
	}

	save := func(ctx context.Context, tok *oauth2.Token) error {
		if st == nil {
			return nil
		}
		return st.Save(ctx, s.opts.Key, tok)
	}
	reload := s.load
	if ls, ok := st.(LockingStore); ok {
		lock, err := ls.Lock(ctx, s.opts.Key)
		if err != nil {
			if prev != nil && prev.RefreshToken != "" && s.opts.Refresh != nil {
				// Refreshing unlocked could reuse a refresh token another
				// process is rotating: fail instead.
				return nil, fmt.Errorf("auth: %s token store lock: %w", s.provider(), err)
			}
			// Fetching a new token (no refresh token involved) is safe
			// without the lock; saving it is then best effort.
		} else {
			defer func() {
				uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				defer cancel()
				_ = lock.Unlock(uctx)
			}()
			// Read through the lock: a store whose lock holds a pooled
			// connection must not need a second one.
			reload = func(ctx context.Context, prev *oauth2.Token) (loaded, error) {
				return s.loadWith(ctx, prev, lock.Load)
			}
			stored, err := reload(ctx, prev)
			if err != nil {
				return nil, err
			}
			if stored.usable {
				return stored.tok, nil
			}
			if stored.tok != nil && stored.tok.RefreshToken != "" {
				prev = stored.tok
			}
			save = lock.Save
		}
	}

	issued := s.opts.Now()
	tok, err := s.refreshOrFetch(ctx, prev)
	if err != nil && isInvalidGrant(err) && st != nil {
		// Another process may have rotated the refresh token since we read
		// the store: re-read once before giving up.
		again, lerr := reload(ctx, prev)
		switch {
		case lerr != nil:
		case again.usable:
			return again.tok, nil
		case again.tok != nil && again.tok.RefreshToken != "" && again.tok.RefreshToken != prev.RefreshToken:
			prev = again.tok
			issued = s.opts.Now()
			tok, err = s.refreshOrFetch(ctx, prev)
		}
	}
	if err != nil {
		if isInvalidGrant(err) && prev != nil && prev.RefreshToken != "" {
			err = s.backOff(fail, prev.RefreshToken, err)
		}
		return nil, err
	}
	if tok == nil || tok.AccessToken == "" {
		return nil, fmt.Errorf("auth: %s token: fetch returned no access token", s.provider())
	}
	tok = copyToken(tok)
	if tok.RefreshToken == "" && prev != nil && prev.RefreshToken != "" {
		tok.RefreshToken = prev.RefreshToken
	}
	saved := tok
	if saved.ExpiresIn == 0 && !saved.Expiry.IsZero() {
		// Recorded so that other processes loading the token know its
		// lifetime and refresh it when this one would (see load).
		saved = copyToken(tok)
		saved.ExpiresIn = int64(saved.Expiry.Sub(issued) / time.Second)
	}
	if err := save(ctx, saved); err != nil && s.opts.OnSaveError != nil {
		s.opts.OnSaveError(fmt.Errorf("auth: %s token store save: %w", s.provider(), err))
	}
	s.set(tok, s.refreshTime(tok, issued))
	return tok, nil
}

// loaded is what the store held for the source's key.
type loaded struct {
	tok    *oauth2.Token // nil when the store had none
	usable bool          // tok is now cached and may be served
}

// load reads the store; a stored token that differs from prev and is not
// due for refresh is cached and marked usable. When the stored token
// records its lifetime (ExpiresIn, whole seconds, which CachedSource sets
// when it saves), the early-expiry margin is capped at half of it as for a
// token fetched here, so a short-lived token another process fetched
// moments ago is used rather than refreshed again.
func (s *CachedSource) load(ctx context.Context, prev *oauth2.Token) (loaded, error) {
	return s.loadWith(ctx, prev, func(ctx context.Context) (*oauth2.Token, error) {
		return s.opts.Store.Load(ctx, s.opts.Key)
	})
}

// loadWith is load reading the store with read (the store itself, or a
// held [RefreshLock]).
func (s *CachedSource) loadWith(ctx context.Context, prev *oauth2.Token, read func(context.Context) (*oauth2.Token, error)) (loaded, error) {
	stored, err := read(ctx)
	if err != nil {
		return loaded{}, fmt.Errorf("auth: %s token store load: %w", s.provider(), err)
	}
	if stored == nil {
		return loaded{}, nil
	}
	if stored.AccessToken != "" && (prev == nil || stored.AccessToken != prev.AccessToken) {
		var issued time.Time
		if stored.ExpiresIn > 0 {
			issued = stored.Expiry.Add(-time.Duration(stored.ExpiresIn) * time.Second)
		}
		if at := s.refreshTime(stored, issued); at.IsZero() || s.opts.Now().Before(at) {
			s.set(stored, at)
			return loaded{tok: stored, usable: true}, nil
		}
	}
	return loaded{tok: stored}, nil
}

// refreshOrFetch refreshes prev when it carries a refresh token and a
// RefreshFunc is set, and fetches otherwise.
// A [TokenObserver] in ctx is told about it.
func (s *CachedSource) refreshOrFetch(ctx context.Context, prev *oauth2.Token) (tok *oauth2.Token, err error) {
	refresh := s.opts.Refresh != nil && prev != nil && prev.RefreshToken != ""
	ctx, end := s.observedFetch(ctx, refresh)
	defer func() { end(err) }()
	if refresh {
		return s.opts.Refresh(ctx, copyToken(prev))
	}
	if s.fetch == nil {
		return nil, fmt.Errorf("auth: %s token: no fetch function", s.provider())
	}
	return s.fetch(ctx)
}

// backOff records a permanent refusal of refreshToken and returns the
// error callers get until the backoff ends: it matches
// [ErrConsentRequired] and unwraps to err.
func (s *CachedSource) backOff(prevFail *failure, refreshToken string, err error) error {
	wait := consentBackoffMin
	if prevFail != nil && prevFail.refreshToken == refreshToken {
		wait = min(2*prevFail.wait, consentBackoffMax)
	}
	err = fmt.Errorf("auth: %s token: the provider refused the refresh token (invalid_grant), the connection must be approved again: %w: %w",
		s.provider(), ErrConsentRequired, err)
	s.mu.Lock()
	s.fail = &failure{err: err, refreshToken: refreshToken, until: s.opts.Now().Add(wait), wait: wait}
	s.mu.Unlock()
	return err
}

// isInvalidGrant reports whether err is a token endpoint's OAuth
// invalid_grant: the refresh token is unknown, used or revoked.
func isInvalidGrant(err error) bool {
	var te *TokenError
	return errors.As(err, &te) && te.Code == "invalid_grant"
}

// refreshTime is when tok stops being served: EarlyExpiry before its expiry,
// with the margin capped at half the lifetime when issued is known.
func (s *CachedSource) refreshTime(tok *oauth2.Token, issued time.Time) time.Time {
	if tok.Expiry.IsZero() {
		return time.Time{}
	}
	early := s.opts.EarlyExpiry
	if !issued.IsZero() {
		if half := tok.Expiry.Sub(issued) / 2; half < early {
			early = max(half, 0)
		}
	}
	return tok.Expiry.Add(-early)
}

func (s *CachedSource) set(tok *oauth2.Token, refreshAt time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok = tok
	s.authz = tok.Type() + " " + tok.AccessToken
	s.refreshAt = refreshAt
	s.rejected = false
	s.fail = nil
}

// Invalidate drops the cached token if its access token is accessToken, so
// the next Token call fetches a new one. If the cache already holds a
// different (newer) token, Invalidate does nothing: when many requests made
// with the same token are rejected at once, only the first rejection causes
// a fetch. A refresh token carried by the dropped token is kept for the
// next refresh.
func (s *CachedSource) Invalidate(accessToken string) {
	if accessToken == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok != nil && s.tok.AccessToken == accessToken {
		s.rejected = true
	}
}

// Reject invalidates the bearer token that req carried in its Authorization
// header (see [CachedSource.Invalidate]). It has the shape of an [Editor] so
// it plugs into a transport's re-authorization hook, called after a 401 and
// before the single retry. It always returns nil.
func (s *CachedSource) Reject(ctx context.Context, req *http.Request) error {
	if req == nil {
		return nil
	}
	scheme, tok, ok := strings.Cut(req.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil
	}
	s.Invalidate(strings.TrimSpace(tok))
	return nil
}

// copyToken returns a shallow copy of tok (nil for nil).
func copyToken(tok *oauth2.Token) *oauth2.Token {
	if tok == nil {
		return nil
	}
	cp := *tok
	return &cp
}
