package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// windowServer is a fake provider, used as the client's round tripper, that
// enforces "at most n requests in any window" per Authorization header and
// per rule, on the fake clock, and answers 429 when a request exceeds it.
type windowServer struct {
	clk   *fakeClock
	rules []windowRule

	mu       sync.Mutex
	arrivals map[string][]time.Time // rule name + credential → arrival times
	served   int
	limited  int
}

type windowRule struct {
	name   string
	match  func(*http.Request) bool
	n      int
	window time.Duration
}

func (s *windowServer) RoundTrip(r *http.Request) (*http.Response, error) {
	now := s.clk.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.arrivals == nil {
		s.arrivals = make(map[string][]time.Time)
	}
	status := http.StatusOK
	for _, rule := range s.rules {
		if rule.match != nil && !rule.match(r) {
			continue
		}
		k := rule.name + "|" + r.Header.Get("Authorization")
		var recent []time.Time
		for _, t := range s.arrivals[k] {
			if now.Sub(t) < rule.window {
				recent = append(recent, t)
			}
		}
		recent = append(recent, now)
		s.arrivals[k] = recent
		if len(recent) > rule.n {
			status = http.StatusTooManyRequests
		}
	}
	if status == http.StatusOK {
		s.served++
	} else {
		s.limited++
	}
	return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}")), Request: r}, nil
}

func TestRateLimitBurstGetsNo429(t *testing.T) {
	all := func(*http.Request) bool { return true }
	tests := []struct {
		name     string
		provider Profile
		limit    RateLimit
		rules    []windowRule
		urls     []string
		want429  bool
	}{
		{
			name: "cloudbeds 5 per second", provider: Cloudbeds,
			rules: []windowRule{{"all", all, 5, time.Second}},
			urls:  []string{"https://api.cloudbeds.com/api/v1.3/getHotels"},
		},
		{
			name: "cloudbeds partner 10 per second", provider: Cloudbeds, limit: RateLimit{Limit: 10},
			rules: []windowRule{{"all", all, 10, time.Second}},
			urls:  []string{"https://api.cloudbeds.com/api/v1.3/getRooms"},
		},
		{
			name: "cobot 60 per minute and memberships 6 per minute", provider: Cobot,
			rules: []windowRule{{"all", all, 60, time.Minute}, {"memberships", testMemberships, 6, time.Minute}},
			urls:  []string{"https://co-up.cobot.me/api/memberships", "https://api.cobot.me/spaces/s1/bookings", "https://co-up.cobot.me/api/memberships/"},
		},
		{
			name: "kobas scaled-down window", provider: Kobas, limit: RateLimit{Limit: rate.Every(10 * time.Millisecond)},
			rules: []windowRule{{"all", all, 3, 30 * time.Millisecond}},
			urls:  []string{"https://api.kobas.co.uk/v3/venue"},
		},
		{
			name: "without the limiter the fake does answer 429", provider: Cloudbeds, limit: RateLimit{Disabled: true},
			rules: []windowRule{{"all", all, 5, time.Second}},
			urls:  []string{"https://api.cloudbeds.com/api/v1.3/getHotels"}, want429: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := &windowServer{rules: tc.rules}
			c, clk := newTestClient(t, Config{Profile: tc.provider, Base: srv, RateLimit: tc.limit, Retry: RetryPolicy{MaxAttempts: 1}})
			srv.clk = clk
			for i := 0; i < 150; i++ {
				req := mustRequest(t, context.Background(), http.MethodGet, tc.urls[i%len(tc.urls)], nil)
				req.Header.Set("Authorization", "Bearer "+secretToken)
				resp, err := c.Do(req)
				if err == nil {
					resp.Body.Close()
				}
			}
			if got := srv.limited > 0; got != tc.want429 {
				t.Errorf("429 answers = %d (served %d), want 429s %v", srv.limited, srv.served, tc.want429)
			}
		})
	}
}

func TestRateLimitKeyedPerCredential(t *testing.T) {
	srv := &windowServer{}
	c, clk := newTestClient(t, Config{Profile: Cobot, Base: srv})
	srv.clk = clk
	send := func(auth, apiKey string) {
		t.Helper()
		req := mustRequest(t, context.Background(), http.MethodGet, "https://api.cobot.me/user", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		if apiKey != "" {
			req.Header.Set("X-Api-Key", apiKey)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("Do() error = %v", err)
		}
		resp.Body.Close()
	}
	send("Bearer "+secretToken, "")  // user A: burst token
	send("Bearer "+secretToken2, "") // user B: own bucket, no wait
	send("", secretAPIKey)           // API key: own bucket, no wait
	if got := clk.Sleeps(); len(got) != 0 {
		t.Fatalf("waits for three different credentials = %v, want none", got)
	}
	send("Bearer "+secretToken, "") // user A again: waits one second
	if got, want := clk.Sleeps(), []time.Duration{time.Second}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v", got, want)
	}

	// The registry keeps hashes, never the credential.
	c.reg.mu.Lock()
	dump := fmt.Sprintf("%+v %+v", c.reg.limiters, c.reg.pauses)
	n := len(c.reg.limiters)
	c.reg.mu.Unlock()
	if n != 3 {
		t.Errorf("limiters = %d, want 3 (one per credential)", n)
	}
	for _, s := range []string{secretToken, secretToken2, secretAPIKey, "SECRET"} {
		if strings.Contains(dump, s) {
			t.Errorf("limiter registry holds %q", s)
		}
	}
}

func TestRateLimitKeyFunc(t *testing.T) {
	srv := &windowServer{}
	c, clk := newTestClient(t, Config{
		Profile:      Cloudbeds,
		Base:         srv,
		RateLimitKey: func(r *http.Request) string { return "client-id-1" }, // one Cloudbeds client id, many tokens
	})
	srv.clk = clk
	for _, tok := range []string{secretToken, secretToken2} {
		req := mustRequest(t, context.Background(), http.MethodGet, "https://api.cloudbeds.com/api/v1.3/getHotels", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("Do() error = %v", err)
		}
		resp.Body.Close()
	}
	if got, want := clk.Sleeps(), []time.Duration{200 * time.Millisecond}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v (two tokens share the client's bucket)", got, want)
	}
}

func TestRateLimitSharedAcrossClients(t *testing.T) {
	reg := newRegistry()
	clk := newFakeClock()
	srv := &windowServer{clk: clk}
	mk := func(p Profile) *Client {
		c := New(Config{Profile: p, Base: srv})
		c.now, c.sleep, c.reg = clk.Now, clk.Sleep, reg
		return c
	}
	// Cloudbeds v1 and v2 share the per-client limit.
	for _, c := range []*Client{mk(Cloudbeds), mk(CloudbedsV2)} {
		req := mustRequest(t, context.Background(), http.MethodGet, "https://api.cloudbeds.com/x", nil)
		req.Header.Set("x-api-key", secretAPIKey)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("Do() error = %v", err)
		}
		resp.Body.Close()
	}
	if got, want := clk.Sleeps(), []time.Duration{200 * time.Millisecond}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v", got, want)
	}
}

func TestRateLimitAdaptsTo429(t *testing.T) {
	var mu sync.Mutex
	limited := map[string]bool{"Bearer " + secretToken: true}
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		if limited[r.Header.Get("Authorization")] {
			delete(limited, r.Header.Get("Authorization"))
			return &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"7"}}, Body: http.NoBody, Request: r}, nil
		}
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	})
	c, clk := newTestClient(t, Config{Profile: Octotable, Base: base}) // no configured limit
	send := func(tok string) error {
		req := mustRequest(t, WithoutRetry(context.Background()), http.MethodGet, "https://api.octotable.com/octotable-pms/api/v2/tables", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := send(secretToken); !errors.Is(err, ErrRateLimited) {
		t.Fatalf("first Do() error = %v, want 429", err)
	}
	if err := send(secretToken2); err != nil {
		t.Fatalf("other credential Do() error = %v", err)
	}
	if got := clk.Sleeps(); len(got) != 0 {
		t.Fatalf("waits for another credential = %v, want none", got)
	}
	if err := send(secretToken); err != nil {
		t.Fatalf("third Do() error = %v", err)
	}
	if got, want := clk.Sleeps(), []time.Duration{7 * time.Second}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waits after 429 Retry-After: 7 = %v, want %v", got, want)
	}
	if err := send(secretToken); err != nil || len(clk.Sleeps()) != 1 {
		t.Errorf("after the pause: error %v, waits %v; want no further wait", err, clk.Sleeps())
	}
}

func TestRateLimitWaitPastDeadline(t *testing.T) {
	srv := &windowServer{}
	c, clk := newTestClient(t, Config{Profile: Cobot, Base: srv})
	clk.t = time.Now()
	srv.clk = clk
	send := func(ctx context.Context) error {
		req := mustRequest(t, ctx, http.MethodGet, "https://co-up.cobot.me/api/memberships", nil)
		req.Header.Set("Authorization", "Bearer "+secretToken)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := send(context.Background()); err != nil {
		t.Fatalf("first Do() error = %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := send(ctx)
	if !errors.Is(err, ErrWaitExceedsDeadline) || err.Error() != "transport: cobot: rate limit wait of 10s: transport: wait would exceed the context deadline" {
		t.Errorf("Do() error = %v, want the 10s memberships wait to fail fast", err)
	}
	if got := clk.Sleeps(); len(got) != 0 {
		t.Errorf("waits = %v, want none", got)
	}
	// The cancelled reservation is returned: the next caller waits 10s, not 20s.
	if err := send(context.Background()); err != nil {
		t.Fatalf("third Do() error = %v", err)
	}
	if got, want := clk.Sleeps(), []time.Duration{10 * time.Second}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v", got, want)
	}
}

// TestResolveLimits checks that a profile's limit fills the zero fields of
// the configured one.
func TestResolveLimits(t *testing.T) {
	if got := resolveLimits(&Octotable, RateLimit{}); len(got.rules) != 0 || got.disabled {
		t.Errorf("resolveLimits(no limit, zero) = %+v, want no rules, adaptation on", got)
	}
	if got := resolveLimits(&Kobas, RateLimit{}); len(got.rules) != 1 || got.rules[0].limit != 10 || got.rules[0].burst != 10 {
		t.Errorf("resolveLimits(10/s, zero) = %+v, want one rule of 10/s, burst 10", got)
	}
	if got := resolveLimits(&Cobot, RateLimit{}); len(got.rules) != 2 {
		t.Errorf("resolveLimits(with an endpoint limit, zero) rules = %d, want 2", len(got.rules))
	}
	if got := resolveLimits(&Cobot, RateLimit{Endpoints: []EndpointLimit{}}); len(got.rules) != 1 {
		t.Errorf("resolveLimits(with an endpoint limit, empty endpoints) rules = %d, want 1", len(got.rules))
	}
	if got := resolveLimits(&Kobas, RateLimit{Limit: 2}); len(got.rules) != 1 || got.rules[0].limit != 2 || got.rules[0].burst != 1 {
		t.Errorf("resolveLimits(10/s, Limit 2) = %+v, want 2/s burst 1", got)
	}
	if a, b := resolveLimits(&Cloudbeds, RateLimit{}), resolveLimits(&CloudbedsV2, RateLimit{}); a.provider != b.provider {
		t.Errorf("limit groups %q and %q differ, want one shared group", a.provider, b.provider)
	}
}

// Regression: requests queued during a 429 pause all woke at its end and left at once, so a
// provider enforcing the limit answered most of them with 429 again. They must leave one limiter
// slot apart after the pause.
func TestRateLimitPauseKeepsSpacing(t *testing.T) {
	c, _ := newTestClient(t, Config{Profile: Cobot, RateLimit: RateLimit{Limit: 1, Burst: 1, Endpoints: []EndpointLimit{}}})
	var mu sync.Mutex
	var waits []time.Duration
	c.sleep = func(_ context.Context, d time.Duration) error { // record without letting time pass
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		return nil
	}
	req := mustRequest(t, context.Background(), http.MethodGet, "https://api.cobot.me/spaces", nil)
	req.Header.Set("Authorization", "Bearer "+secretToken)
	c.adapt(req, 10*time.Second)
	for range 3 {
		if err := c.throttle(context.Background(), req); err != nil {
			t.Fatal(err)
		}
	}
	want := []time.Duration{10 * time.Second, 11 * time.Second, 12 * time.Second}
	if fmt.Sprint(waits) != fmt.Sprint(want) {
		t.Errorf("waits of three requests queued in a 10s pause at 1/s = %v, want %v", waits, want)
	}
}

// TestRateLimitPausesSwept pins that 429 pauses of credentials that never
// send again do not pile up in the process-wide registry.
func TestRateLimitPausesSwept(t *testing.T) {
	c, clk := newTestClient(t, Config{Profile: Kobas})
	for i := range maxIdleLimiters {
		c.reg.pauses[credKey{provider: Kobas.Name, cred: uint64(i + 1)}] = clk.Now().Add(-time.Second)
	}
	req := mustRequest(t, context.Background(), http.MethodGet, "http://127.0.0.1:1/x", nil)
	req.Header.Set("Authorization", "Bearer "+secretToken)
	c.adapt(req, 2*time.Second)
	if got := len(c.reg.pauses); got != 1 {
		t.Fatalf("pauses after adapt = %d, want 1 (ended pauses dropped)", got)
	}
	if got, want := c.reg.pauses[credKey{provider: Kobas.Name, cred: c.credential(req)}], clk.Now().Add(2*time.Second); !got.Equal(want) {
		t.Errorf("pause until = %v, want %v", got, want)
	}
	if got := c.reg.npauses.Load(); got != 1 {
		t.Errorf("npauses = %d, want 1", got)
	}
}
