package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// okTransport answers 200 to every request without a network.
type okTransport struct{}

func (okTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{}`)), Request: r}, nil
}

// Regression test for issue 14: limits were per process (each registry its
// own), so N workers each allowed the full rate. Clients with separate
// registries sharing one Limiter now queue behind each other.
func TestSharedLimiterAcrossRegistries(t *testing.T) {
	shared := NewLocalLimiter()
	var (
		mu     sync.Mutex
		delays []time.Duration
	)
	newClient := func() *Client {
		c := New(Config{
			Profile:      Profile{Name: "p", RateLimit: RateLimit{Limit: 10, Burst: 1}},
			RateLimit:    RateLimit{Limiter: shared},
			RateLimitKey: func(*http.Request) string { return "client-1" },
			Base:         okTransport{},
		})
		c.reg = newRegistry() // as in another process
		c.sleep = func(_ context.Context, d time.Duration) error {
			mu.Lock()
			delays = append(delays, d)
			mu.Unlock()
			return nil
		}
		return c
	}
	a, b := newClient(), newClient()
	for i := range 4 {
		c := []*Client{a, b}[i%2]
		req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/x", nil)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatalf("Do() #%d = %v", i, err)
		}
		resp.Body.Close()
	}
	// The first request goes at once; the next three wait 100, 200 and
	// 300 ms (less the few microseconds the calls took).
	if len(delays) != 3 || delays[2] < 250*time.Millisecond {
		t.Errorf("rate limit waits = %v, want three growing to about 300ms", delays)
	}
}

// failingLimiter fails every call, like a shared limiter whose Redis is down.
type failingLimiter struct{}

func (failingLimiter) Reserve(context.Context, string, []LimitRule) (Reservation, error) {
	return Reservation{}, errors.New("connection refused")
}
func (failingLimiter) Pause(context.Context, string, time.Time) error { return nil }

// A failing shared limiter fails the call; nothing is sent unlimited.
func TestSharedLimiterUnavailable(t *testing.T) {
	sent := 0
	c := New(Config{
		Profile:   Profile{Name: "p", RateLimit: RateLimit{Limit: 10, Burst: 1}},
		RateLimit: RateLimit{Limiter: failingLimiter{}},
		Base: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent++
			return okTransport{}.RoundTrip(r)
		}),
	})
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/x", nil)
	_, err := c.Do(req)
	if !errors.Is(err, ErrLimiterUnavailable) || sent != 0 {
		t.Errorf("Do() = %v with %d requests sent, want ErrLimiterUnavailable and none sent", err, sent)
	}
}

func TestLimiterKey(t *testing.T) {
	k := LimiterKey("cloudbeds", "Bearer secret-token-value")
	if strings.Contains(k, "secret") || !strings.HasPrefix(k, "cloudbeds:") || len(k) != len("cloudbeds:")+32 {
		t.Errorf("LimiterKey() = %q, want cloudbeds: and 32 hex digits, no credential", k)
	}
	if LimiterKey("cloudbeds", "a") == LimiterKey("cloudbeds", "b") {
		t.Errorf("LimiterKey() is the same for two credentials")
	}
}
