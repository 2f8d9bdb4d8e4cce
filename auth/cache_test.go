package auth_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"golang.org/x/oauth2"
)

// countingFetch returns a FetchFunc handing out "tok-<n>" tokens that expire
// ttl after clock's current time, and a counter of its calls.
func countingFetch(clock *fakeClock, ttl time.Duration) (auth.FetchFunc, *atomic.Int64) {
	var n atomic.Int64
	return func(context.Context) (*oauth2.Token, error) {
		i := n.Add(1)
		return &oauth2.Token{AccessToken: fmt.Sprintf("tok-%d", i), TokenType: "Bearer", Expiry: clock.Now().Add(ttl)}, nil
	}, &n
}

// mustToken calls Token and fails the test on error.
func mustToken(t *testing.T, ts oauth2.TokenSource) string {
	t.Helper()
	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	return tok.AccessToken
}

// 1000 concurrent callers on a cold cache cause exactly one token request.
func TestCachedSourceColdCacheOneFetch(t *testing.T) {
	srv := newFakeServer(t, numberedTokens)
	ts := kobasSource(t, srv, newClock(), nil)

	const callers = 1000
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			<-start
			tok, err := ts.TokenContext(context.Background())
			if err != nil {
				t.Errorf("TokenContext() error = %v, want nil", err)
				return
			}
			if tok.AccessToken != "tok-1" {
				t.Errorf("TokenContext() = %q, want %q", tok.AccessToken, "tok-1")
			}
		})
	}
	close(start)
	wg.Wait()
	if n := srv.Count(); n != 1 {
		t.Errorf("token requests for %d concurrent callers = %d, want 1", callers, n)
	}
}

func TestCachedSourceRefreshAhead(t *testing.T) {
	tests := []struct {
		name      string
		ttl       time.Duration
		early     time.Duration
		stillGood time.Duration // elapsed time at which tok-1 is still served
		refetch   time.Duration // elapsed time at which tok-2 is fetched
	}{
		{name: "default 60s margin", ttl: time.Hour, stillGood: 59*time.Minute - time.Second, refetch: 59 * time.Minute},
		{name: "custom 5m margin", ttl: time.Hour, early: 5 * time.Minute, stillGood: 55*time.Minute - time.Nanosecond, refetch: 55 * time.Minute},
		{name: "negative margin: until expiry", ttl: time.Hour, early: -1, stillGood: time.Hour - time.Nanosecond, refetch: time.Hour},
		{name: "short-lived token: margin capped at half", ttl: time.Minute, stillGood: 29 * time.Second, refetch: 30 * time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newClock()
			fetch, n := countingFetch(clock, tc.ttl)
			ts := auth.NewCachedSource(fetch, auth.CacheOptions{Provider: "test", EarlyExpiry: tc.early, Now: clock.Now})

			if got := mustToken(t, ts); got != "tok-1" {
				t.Fatalf("Token() = %q, want tok-1", got)
			}
			clock.Advance(tc.stillGood)
			if got := mustToken(t, ts); got != "tok-1" {
				t.Errorf("Token() after %v = %q, want tok-1 (cached)", tc.stillGood, got)
			}
			clock.Advance(tc.refetch - tc.stillGood)
			if got := mustToken(t, ts); got != "tok-2" {
				t.Errorf("Token() after %v = %q, want tok-2 (refetched)", tc.refetch, got)
			}
			if got := n.Load(); got != 2 {
				t.Errorf("fetches = %d, want 2", got)
			}
		})
	}
}

// A token without expiry is served until it is invalidated.
func TestCachedSourceNoExpiry(t *testing.T) {
	clock := newClock()
	fetch, n := countingFetch(clock, 0)
	noExpiry := func(ctx context.Context) (*oauth2.Token, error) {
		tok, err := fetch(ctx)
		tok.Expiry = time.Time{}
		return tok, err
	}
	ts := auth.NewCachedSource(noExpiry, auth.CacheOptions{Now: clock.Now})
	mustToken(t, ts)
	clock.Advance(365 * 24 * time.Hour)
	if got := mustToken(t, ts); got != "tok-1" || n.Load() != 1 {
		t.Errorf("Token() a year later = %q after %d fetches, want tok-1 after 1", got, n.Load())
	}
}

func TestCachedSourceInvalidate(t *testing.T) {
	clock := newClock()
	fetch, n := countingFetch(clock, time.Hour)
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Now: clock.Now})

	steps := []struct {
		invalidate  string
		want        string
		wantFetches int64
	}{
		{invalidate: "", want: "tok-1", wantFetches: 1},
		{invalidate: "some-other-token", want: "tok-1", wantFetches: 1}, // stale: ignored
		{invalidate: "tok-1", want: "tok-2", wantFetches: 2},            // current: dropped
		{invalidate: "tok-1", want: "tok-2", wantFetches: 2},            // now stale
		{invalidate: "tok-2", want: "tok-3", wantFetches: 3},
	}
	for i, s := range steps {
		ts.Invalidate(s.invalidate)
		if got := mustToken(t, ts); got != s.want || n.Load() != s.wantFetches {
			t.Errorf("step %d: Invalidate(%q); Token() = %q after %d fetches, want %q after %d",
				i, s.invalidate, got, n.Load(), s.want, s.wantFetches)
		}
	}
}

func TestCachedSourceReject(t *testing.T) {
	tests := []struct {
		name          string
		authorization string
		wantRefetch   bool
	}{
		{name: "current bearer token", authorization: "Bearer tok-1", wantRefetch: true},
		{name: "lower-case scheme", authorization: "bearer tok-1", wantRefetch: true},
		{name: "stale bearer token", authorization: "Bearer tok-0"},
		{name: "no header"},
		{name: "basic auth", authorization: "Basic dG9rLTE="},
		{name: "scheme only", authorization: "Bearer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newClock()
			fetch, n := countingFetch(clock, time.Hour)
			ts := auth.NewCachedSource(fetch, auth.CacheOptions{Now: clock.Now})
			mustToken(t, ts)

			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
			if tc.authorization != "" {
				req.Header.Set("Authorization", tc.authorization)
			}
			if err := ts.Reject(context.Background(), req); err != nil {
				t.Fatalf("Reject() = %v, want nil", err)
			}
			want, wantFetches := "tok-1", int64(1)
			if tc.wantRefetch {
				want, wantFetches = "tok-2", 2
			}
			if got := mustToken(t, ts); got != want || n.Load() != wantFetches {
				t.Errorf("Token() after Reject(%q) = %q after %d fetches, want %q after %d",
					tc.authorization, got, n.Load(), want, wantFetches)
			}
		})
	}
}

// 50 requests rejected at once with the same token cause one refetch.
func TestCachedSourceConcurrentRejects(t *testing.T) {
	clock := newClock()
	fetch, n := countingFetch(clock, time.Hour)
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Now: clock.Now})
	editor := auth.Bearer(ts)

	reqs := make([]*http.Request, 50)
	for i := range reqs {
		reqs[i] = httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
		if err := editor(context.Background(), reqs[i]); err != nil {
			t.Fatalf("Bearer() error = %v, want nil", err)
		}
	}
	var wg sync.WaitGroup
	for _, req := range reqs {
		wg.Go(func() {
			if err := ts.Reject(req.Context(), req); err != nil {
				t.Errorf("Reject() = %v, want nil", err)
			}
			if err := editor(req.Context(), req); err != nil {
				t.Errorf("Bearer() error = %v, want nil", err)
			}
			if got := req.Header.Get("Authorization"); got != "Bearer tok-2" {
				t.Errorf("Authorization after Reject = %q, want %q", got, "Bearer tok-2")
			}
		})
	}
	wg.Wait()
	if got := n.Load(); got != 2 {
		t.Errorf("fetches = %d, want 2 (initial + one after the 401s)", got)
	}
}

// The 401 flow a transport runs: the API rejects the first token; Reject,
// re-authorize, retry once; the retry carries a fresh token.
func TestCachedSource401Flow(t *testing.T) {
	tokenSrv := newFakeServer(t, numberedTokens)
	api := newFakeServer(t, func(w http.ResponseWriter, r recorded, _ int) {
		if r.Header.Get("Authorization") != "Bearer tok-2" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	ts := kobasSource(t, tokenSrv, newClock(), nil)
	authorize, reauthorize := auth.Bearer(ts), ts.Reject

	do := func(ctx context.Context) *http.Response {
		t.Helper()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, api.URL+"/v3/venue", nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := authorize(ctx, req); err != nil {
			t.Fatalf("authorize: %v", err)
		}
		resp, err := api.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusUnauthorized {
			if err := reauthorize(ctx, req); err != nil {
				t.Fatalf("reauthorize: %v", err)
			}
			retry := req.Clone(ctx)
			if err := authorize(ctx, retry); err != nil {
				t.Fatalf("authorize retry: %v", err)
			}
			resp, err = api.Client().Do(retry)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
		}
		return resp
	}
	if resp := do(context.Background()); resp.StatusCode != http.StatusOK {
		t.Errorf("status after retry = %d, want 200", resp.StatusCode)
	}
	if n := tokenSrv.Count(); n != 2 {
		t.Errorf("token requests = %d, want 2 (initial + one refresh)", n)
	}
	if n := api.Count(); n != 2 {
		t.Errorf("API requests = %d, want 2 (rejected + retry)", n)
	}
	// The fresh token is now cached: the next call needs no token request.
	if resp := do(context.Background()); resp.StatusCode != http.StatusOK {
		t.Errorf("status of the next call = %d, want 200", resp.StatusCode)
	}
	if n := tokenSrv.Count(); n != 2 {
		t.Errorf("token requests after the next call = %d, want 2", n)
	}
}

type ctxKey struct{}

// A waiting caller whose context ends returns early; the fetch itself runs
// on, detached from that cancellation but bounded by FetchTimeout and
// carrying the context's values, and serves the other callers.
func TestCachedSourceCallerCancel(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var fetches atomic.Int64
	fetch := func(ctx context.Context) (*oauth2.Token, error) {
		fetches.Add(1)
		close(started)
		<-release
		if err := ctx.Err(); err != nil {
			t.Errorf("fetch context error = %v, want nil", err)
		}
		if _, ok := ctx.Deadline(); !ok {
			t.Error("fetch context has no deadline, want FetchTimeout")
		}
		if v := ctx.Value(ctxKey{}); v != "caller-value" {
			t.Errorf("fetch context value = %v, want %q", v, "caller-value")
		}
		return &oauth2.Token{AccessToken: "tok-1"}, nil
	}
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Provider: "test", FetchTimeout: time.Hour})

	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "caller-value"))
	first := make(chan error, 1)
	go func() {
		_, err := ts.TokenContext(ctx)
		first <- err
	}()
	<-started
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("TokenContext(cancelled ctx) error = %v, want context.Canceled", err)
	}

	second := make(chan string, 1)
	go func() {
		tok, err := ts.TokenContext(context.Background())
		if err != nil {
			t.Errorf("second TokenContext() error = %v, want nil", err)
			second <- ""
			return
		}
		second <- tok.AccessToken
	}()
	close(release)
	if got := <-second; got != "tok-1" {
		t.Errorf("second TokenContext() = %q, want tok-1", got)
	}
	if got := fetches.Load(); got != 1 {
		t.Errorf("fetches = %d, want 1", got)
	}
}

// A context that is already done fails fast when no token is cached.
func TestCachedSourceDoneContext(t *testing.T) {
	fetch, n := countingFetch(newClock(), time.Hour)
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ts.TokenContext(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("TokenContext(done ctx) error = %v, want context.Canceled", err)
	}
	if n.Load() != 0 {
		t.Errorf("fetches = %d, want 0", n.Load())
	}
}

// Errors are returned to the waiting callers but not cached.
func TestCachedSourceErrorNotCached(t *testing.T) {
	var calls atomic.Int64
	fetch := func(context.Context) (*oauth2.Token, error) {
		if calls.Add(1) == 1 {
			return nil, &auth.TokenError{Provider: "test", StatusCode: 503}
		}
		return &oauth2.Token{AccessToken: "tok-2"}, nil
	}
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{})
	_, err := ts.Token()
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != 503 {
		t.Fatalf("first Token() error = %v, want *auth.TokenError 503", err)
	}
	if got := mustToken(t, ts); got != "tok-2" {
		t.Errorf("second Token() = %q, want tok-2", got)
	}
}

// A fetch that yields no token is an error, not a cached empty token.
func TestCachedSourceEmptyFetch(t *testing.T) {
	tests := []struct {
		name string
		tok  *oauth2.Token
	}{
		{name: "nil token"},
		{name: "empty access token", tok: &oauth2.Token{RefreshToken: "rt-1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var fetches atomic.Int64
			ts := auth.NewCachedSource(func(context.Context) (*oauth2.Token, error) {
				fetches.Add(1)
				return tc.tok, nil
			}, auth.CacheOptions{Provider: "test"})
			const want = "auth: test token: fetch returned no access token"
			for i := range 2 {
				if tok, err := ts.Token(); err == nil || err.Error() != want {
					t.Errorf("Token() call %d = %v, %v; want error %q", i+1, tok, err, want)
				}
			}
			if got := fetches.Load(); got != 2 {
				t.Errorf("fetches = %d, want 2 (nothing cached)", got)
			}
		})
	}
}

// Callers get copies: changing a returned token does not change the cache.
func TestCachedSourceReturnsCopies(t *testing.T) {
	clock := newClock()
	fetch, _ := countingFetch(clock, time.Hour)
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Now: clock.Now})
	tok, err := ts.Token()
	if err != nil {
		t.Fatal(err)
	}
	tok.AccessToken = "mutated"
	if got := mustToken(t, ts); got != "tok-1" {
		t.Errorf("Token() after mutating a returned token = %q, want tok-1", got)
	}
}
