package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"
	"golang.org/x/time/rate"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// spaceDoc is a minimal JSON:API space document.
const spaceDoc = `{"data":{"id":"sp-1","type":"spaces","attributes":{"name":"Hub","subdomain":"hub"}}}`

func TestNewCobotHeadersAndErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Accept"); got != "application/vnd.api+json" {
			t.Errorf("Accept = %q, want application/vnd.api+json", got)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer user-token" {
			t.Errorf("Authorization = %q, want the bearer token", got)
		}
		w.Header().Set("Content-Type", "application/vnd.api+json")
		switch r.URL.Path {
		case "/spaces/sp-1":
			fmt.Fprint(w, spaceDoc)
		case "/spaces/addon":
			w.WriteHeader(http.StatusPaymentRequired)
			fmt.Fprint(w, `{"errors":[{"status":"402","code":"addon_missing","title":"Add-on required","detail":"The space needs the bookings add-on"}]}`)
		default:
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, `{"errors":[{"status":"422","title":"is invalid","detail":"name can't be blank","source":{"pointer":"/data/attributes/name"}}]}`)
		}
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "user-token"}),
		BaseURL:     srv.URL,
	}))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.GetSpaceWithResponse(ctx, "sp-1", nil)
	if err != nil {
		t.Fatalf("GetSpace: %v", err)
	}
	if res.ApplicationVndAPIJSON200 == nil || res.ApplicationVndAPIJSON200.Data.ID != "sp-1" {
		t.Errorf("GetSpace decoded %s, want space sp-1", res.Body)
	}

	_, err = c.GetSpaceWithResponse(ctx, "addon", nil)
	if !errors.Is(err, hospitality.ErrPaymentRequired) {
		t.Errorf("402 answer: %v, want ErrPaymentRequired", err)
	}
	_, err = c.GetSpaceWithResponse(ctx, "bad", nil)
	var apiErr *hospitality.APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, hospitality.ErrValidation) {
		t.Fatalf("422 answer: %v, want an APIError matching ErrValidation", err)
	}
	if len(apiErr.Fields) != 1 || apiErr.Fields[0].Pointer != "/data/attributes/name" {
		t.Errorf("422 fields = %+v, want the pointer /data/attributes/name", apiErr.Fields)
	}
}

// TestNewCobotBurstStaysUnderLimit sends 200 calls from 8 goroutines through one client against a
// fake that answers 429 whenever its own token bucket (the same rate, scaled from Cobot's 60 per
// minute to 100 per second) is empty. The client's limiter keeps calls under the limit, and no
// 429 reaches a caller.
func TestNewCobotBurstStaysUnderLimit(t *testing.T) {
	const perSecond = 100
	server := rate.NewLimiter(perSecond, 3) // small tolerance for scheduling jitter on loopback
	var served, limited atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !server.Allow() {
			limited.Add(1)
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		served.Add(1)
		w.Header().Set("Content-Type", "application/vnd.api+json")
		fmt.Fprint(w, spaceDoc)
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "burst-token"}),
		BaseURL:     srv.URL,
	}, hospitality.WithRateLimit(transport.RateLimit{Limit: perSecond, Burst: 1})))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var failed atomic.Int64
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 25 {
				if _, err := c.GetSpaceWithResponse(ctx, "sp-1", nil); err != nil {
					failed.Add(1)
					t.Errorf("GetSpace: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	// No call may fail with a 429. The fake may still answer an occasional 429 when scheduling
	// jitter on a loaded machine bunches arrivals at this scaled-up rate (the transport then
	// pauses and retries); a client without a limiter gets dozens.
	if served.Load() != 200 || failed.Load() != 0 || limited.Load() > 20 {
		t.Errorf("served %d, answered 429 %d times, failed %d; want 200, at most a few, 0", served.Load(), limited.Load(), failed.Load())
	}
	t.Logf("%d calls served, %d answered 429 by the fake, 0 returned to callers", served.Load(), limited.Load())
}

func TestNewCobotConfigErrors(t *testing.T) {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})
	tests := []struct {
		name string
		cfg  hospitality.CobotConfig
		v1   bool
		want string
	}{
		{"no credential", hospitality.CobotConfig{}, false, "TokenSource or OAuth is required"},
		{"token without oauth", hospitality.CobotConfig{Token: &oauth2.Token{AccessToken: "x"}}, false, "needs OAuth"},
		{"bad subdomain", hospitality.CobotConfig{TokenSource: ts, Subdomain: "evil.example/x"}, true, "not a DNS label"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.v1 {
				_, err = cobotv1.New(hospitality.ConnectCobotV1(context.Background(), tc.cfg))
			} else {
				_, err = cobot.New(hospitality.ConnectCobot(context.Background(), tc.cfg))
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "hospitality: cobot") {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestNewCobotV1SpaceHost(t *testing.T) {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})
	// The space host is derived from the subdomain; the base transport sees the request and
	// refuses it, so nothing leaves the machine.
	var host string
	refuse := funcTransport(func(r *http.Request) (*http.Response, error) {
		host = r.URL.Scheme + "://" + r.URL.Host + r.URL.Path
		return nil, errors.New("refused by the test")
	})
	c, err := cobotv1.New(hospitality.ConnectCobotV1(context.Background(), hospitality.CobotConfig{TokenSource: ts, Subdomain: "my-space"},
		hospitality.WithBaseTransport(refuse), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListMembershipsWithResponse(context.Background()); err == nil {
		t.Fatal("ListMemberships through a refusing transport: no error")
	}
	if want := "https://my-space.cobot.me/api/memberships"; host != want {
		t.Errorf("ListMemberships went to %q, want %q", host, want)
	}
}

// funcTransport is an [http.RoundTripper] made of a function.
type funcTransport func(*http.Request) (*http.Response, error)

func (f funcTransport) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestNewCobotContentType pins a bug: requests without a body other than GET (DELETE a booking,
// POST to publish an event) went out without Content-Type, which Cobot requires on every non-GET
// request.
func TestNewCobotContentType(t *testing.T) {
	type seen struct{ method, path, contentType, accept string }
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- seen{r.Method, r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Accept")}
		w.Header().Set("Content-Type", "application/vnd.api+json")
		if r.Method == http.MethodDelete {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		fmt.Fprint(w, spaceDoc)
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "user-token"}),
		BaseURL:     srv.URL,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true})))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		call func() error
		want seen
	}{
		{"GET carries none", func() error { _, err := c.GetSpaceWithResponse(ctx, "sp-1", nil); return err },
			seen{"GET", "/spaces/sp-1", "", "application/vnd.api+json"}},
		{"bodyless DELETE", func() error { _, err := c.DeleteSpaceBookingWithResponse(ctx, "b-1"); return err },
			seen{"DELETE", "/bookings/b-1", "application/vnd.api+json", "application/vnd.api+json"}},
		{"bodyless POST", func() error { _, err := c.PublishAdminEventWithResponse(ctx, "e-1"); return err },
			seen{"POST", "/events/e-1/publication", "application/vnd.api+json", "application/vnd.api+json"}},
		{"explicit Content-Type kept", func() error {
			_, err := c.UpdateSpaceBookingWithBodyWithResponse(ctx, "b-1", "application/vnd.api+json", strings.NewReader(`{"data":{"type":"bookings","id":"b-1"}}`))
			return err
		}, seen{"PATCH", "/bookings/b-1", "application/vnd.api+json", "application/vnd.api+json"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); err != nil {
				t.Fatalf("call: %v", err)
			}
			if s := <-got; s != tc.want {
				t.Errorf("request = %+v, want %+v", s, tc.want)
			}
		})
	}
}

// TestNewCobotRejectedTokenNeedsReauthorization: Cobot has no refresh grant, so a 401 makes the
// client forget the token, and the call (and every later one, without a request) reports that
// the user must authorize the app again.
func TestNewCobotRejectedTokenNeedsReauthorization(t *testing.T) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if got := r.Header.Get("Authorization"); got != "Bearer revoked-token" {
			t.Errorf("Authorization = %q, want the stored token", got)
		}
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"errors":[{"status":"401","title":"Unauthorized","detail":"invalid token"}]}`)
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		OAuth:   &auth.CobotConfig{ClientID: "client-1"},
		Token:   &oauth2.Token{AccessToken: "revoked-token", TokenType: "Bearer"},
		BaseURL: srv.URL,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true})))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		_, err := c.GetSpaceWithResponse(ctx, "sp-1", nil)
		if !errors.Is(err, auth.ErrCobotAuthorizationRequired) {
			t.Errorf("GetSpace call %d error = %v, want auth.ErrCobotAuthorizationRequired", i+1, err)
		}
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("requests sent = %d, want 1 (no retry without a new token)", got)
	}
}
