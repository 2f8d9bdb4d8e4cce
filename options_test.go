package hospitality_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// recordingTransport records the method and path of every request it carries.
type recordingTransport struct {
	mu    sync.Mutex
	paths []string
}

func (rt *recordingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rt.mu.Lock()
	rt.paths = append(rt.paths, r.Method+" "+r.URL.Path)
	rt.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func (rt *recordingTransport) seen() string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return strings.Join(rt.paths, ", ")
}

// flakyKobas issues tokens and answers /v3/venue with 503 for the first fail calls.
func flakyKobas(t *testing.T, fail int32) (url string, venueCalls *atomic.Int32, userAgents func() []string) {
	t.Helper()
	venueCalls = new(atomic.Int32)
	var mu sync.Mutex
	var uas []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/access_token":
			fmt.Fprint(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"tok-opt-SECRET"}`)
		case "/v3/venue":
			mu.Lock()
			uas = append(uas, r.Header.Get("User-Agent"))
			mu.Unlock()
			if venueCalls.Add(1) <= fail {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprint(w, `{"code":"unavailable","message":"try later"}`)
				return
			}
			fmt.Fprint(w, `[{"id":12,"name":"The Crown"}]`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, venueCalls, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), uas...)
	}
}

func TestKobasOptions(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		fail  int32 // 503 answers before success
		opts  func(rt *recordingTransport, mw *atomic.Int32, logs *bytes.Buffer) []hospitality.Option
		check func(t *testing.T, err error, calls int32, uas []string, rt *recordingTransport, mw int32, logs string)
	}{
		{
			name: "WithHTTPClient carries token and API requests",
			opts: func(rt *recordingTransport, _ *atomic.Int32, _ *bytes.Buffer) []hospitality.Option {
				return []hospitality.Option{hospitality.WithHTTPClient(&http.Client{Transport: rt})}
			},
			check: func(t *testing.T, err error, _ int32, uas []string, rt *recordingTransport, _ int32, _ string) {
				if err != nil {
					t.Fatalf("ListVenues: %v", err)
				}
				if got, want := rt.seen(), "POST /access_token, GET /v3/venue"; got != want {
					t.Errorf("requests through the client = %q, want %q", got, want)
				}
				if len(uas) != 1 || uas[0] != transport.DefaultUserAgent {
					t.Errorf("User-Agent = %q, want %q", uas, transport.DefaultUserAgent)
				}
			},
		},
		{
			name: "WithBaseTransport carries token and API requests",
			opts: func(rt *recordingTransport, _ *atomic.Int32, _ *bytes.Buffer) []hospitality.Option {
				return []hospitality.Option{hospitality.WithBaseTransport(rt)}
			},
			check: func(t *testing.T, err error, _ int32, _ []string, rt *recordingTransport, _ int32, _ string) {
				if err != nil {
					t.Fatalf("ListVenues: %v", err)
				}
				if got, want := rt.seen(), "POST /access_token, GET /v3/venue"; got != want {
					t.Errorf("requests through the transport = %q, want %q", got, want)
				}
			},
		},
		{
			name: "default retries a 503",
			fail: 1,
			opts: func(*recordingTransport, *atomic.Int32, *bytes.Buffer) []hospitality.Option {
				return []hospitality.Option{hospitality.WithRetry(transport.RetryPolicy{BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond})}
			},
			check: func(t *testing.T, err error, calls int32, _ []string, _ *recordingTransport, _ int32, _ string) {
				if err != nil || calls != 2 {
					t.Errorf("ListVenues error = %v after %d calls, want success after 2", err, calls)
				}
			},
		},
		{
			name: "WithRetry one attempt",
			fail: 1,
			opts: func(*recordingTransport, *atomic.Int32, *bytes.Buffer) []hospitality.Option {
				return []hospitality.Option{hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})}
			},
			check: func(t *testing.T, err error, calls int32, _ []string, _ *recordingTransport, _ int32, _ string) {
				var apiErr *hospitality.APIError
				if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Code != "unavailable" {
					t.Errorf("ListVenues error = %v, want the 503 APIError", err)
				}
				if calls != 1 {
					t.Errorf("calls = %d, want 1", calls)
				}
			},
		},
		{
			name: "WithMiddleware WithUserAgent WithTimeout",
			opts: func(_ *recordingTransport, mw *atomic.Int32, _ *bytes.Buffer) []hospitality.Option {
				return []hospitality.Option{
					hospitality.WithUserAgent("test-agent/1"),
					hospitality.WithTimeout(time.Hour),
					hospitality.WithMiddleware(func(r *http.Request, next transport.MiddlewareNext) (*http.Response, error) {
						mw.Add(1)
						dl, ok := r.Context().Deadline()
						if left := time.Until(dl); !ok || left > time.Hour || left < 59*time.Minute {
							return nil, fmt.Errorf("attempt deadline in %v (set %v), want about an hour", left, ok)
						}
						if r.Header.Get("Authorization") == "" || r.Header.Get("x-kobas-company-id") != "77" {
							return nil, errors.New("middleware saw a request without credentials or company id")
						}
						return next(r)
					}),
				}
			},
			check: func(t *testing.T, err error, _ int32, uas []string, _ *recordingTransport, mw int32, _ string) {
				if err != nil {
					t.Fatalf("ListVenues: %v", err)
				}
				if mw != 1 {
					t.Errorf("middleware calls = %d, want 1", mw)
				}
				if len(uas) != 1 || uas[0] != "test-agent/1" {
					t.Errorf("User-Agent = %q, want test-agent/1", uas)
				}
			},
		},
		{
			name: "WithLogger records each attempt redacted",
			fail: 1,
			opts: func(_ *recordingTransport, _ *atomic.Int32, logs *bytes.Buffer) []hospitality.Option {
				return []hospitality.Option{
					hospitality.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
					hospitality.WithRetry(transport.RetryPolicy{BaseDelay: time.Nanosecond, MaxDelay: time.Nanosecond}),
				}
			},
			check: func(t *testing.T, err error, _ int32, _ []string, _ *recordingTransport, _ int32, logs string) {
				if err != nil {
					t.Fatalf("ListVenues: %v", err)
				}
				if n := strings.Count(logs, `msg="transport: attempt"`); n != 2 {
					t.Errorf("log records = %d, want 2:\n%s", n, logs)
				}
				if !strings.Contains(logs, "attempt=1") || !strings.Contains(logs, "status=503") ||
					!strings.Contains(logs, "attempt=2") || !strings.Contains(logs, "request_header.Authorization=REDACTED") {
					t.Errorf("log = %s, want attempts 1 and 2, the 503 and Authorization redacted", logs)
				}
				if strings.Contains(logs, "SECRET") || strings.Contains(logs, "csecret") {
					t.Errorf("log leaks a credential:\n%s", logs)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			url, calls, uas := flakyKobas(t, tc.fail)
			var (
				rt   recordingTransport
				mw   atomic.Int32
				logs bytes.Buffer
			)
			c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
				ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
				BaseURL: url + "/v3", TokenURL: url + "/access_token",
			}, tc.opts(&rt, &mw, &logs)...))
			if err != nil {
				t.Fatalf("ConnectKobas: %v", err)
			}
			_, err = c.ListVenuesWithResponse(ctx)
			tc.check(t, err, calls.Load(), uas(), &rt, mw.Load(), logs.String())
		})
	}
}

// TestNewCloudbedsDiscoveryUsesBaseTransport pins that host discovery with an API key went
// through http.DefaultClient instead of the transport the caller configured.
func TestNewCloudbedsDiscoveryUsesBaseTransport(t *testing.T) {
	ctx := context.Background()
	api := newFakeCloudbeds(t)
	var rt recordingTransport
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
		APIKey: "cbat_test_key", DiscoverHost: true, MetadataURL: api.srv.URL + "/api/v1.3/oauth/metadata",
	}, hospitality.WithBaseTransport(&rt)))
	if err != nil {
		t.Fatalf("ConnectCloudbeds: %v", err)
	}
	if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); err != nil {
		t.Fatalf("GetReservations: %v", err)
	}
	if got, want := rt.seen(), "GET /api/v1.3/oauth/metadata, GET /api/v1.3/getReservations"; got != want {
		t.Errorf("requests through the base transport = %q, want %q", got, want)
	}
}

// TestNewCloudbedsOAuthTokenClient checks that OAuth token requests go through WithHTTPClient's
// client when the auth configuration names none.
func TestNewCloudbedsOAuthTokenClient(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/v1.3/access_token":
			fmt.Fprint(w, `{"access_token":"access-2","refresh_token":"refresh-2","expires_in":3600,"token_type":"Bearer"}`)
		default:
			fmt.Fprint(w, `{"success":true,"data":[],"count":0,"total":0}`)
		}
	}))
	t.Cleanup(srv.Close)
	var rt recordingTransport
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
		OAuth: &auth.CloudbedsConfig{
			ClientID: "live1_client", ClientSecret: "client-secret", RedirectURL: "https://app.example/callback",
			BaseURL: srv.URL + "/api/v1.3", Store: auth.NewMemoryStore(),
		},
		// Expired, so the first call refreshes it.
		Token:   &oauth2.Token{AccessToken: "access-1", RefreshToken: "refresh-1", TokenType: "Bearer", Expiry: time.Now().Add(-time.Hour)},
		BaseURL: srv.URL + "/api/v1.3",
	}, hospitality.WithHTTPClient(&http.Client{Transport: &rt})))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); err != nil {
		t.Fatalf("GetReservations: %v", err)
	}
	if got, want := rt.seen(), "POST /api/v1.3/access_token, GET /api/v1.3/getReservations"; got != want {
		t.Errorf("requests through the client = %q, want %q", got, want)
	}
}

// TestWithMaxResponseBytes pins the bug where a successful answer was read whole with no cap:
// through a constructor, an answer longer than the limit fails with an error naming it, and one
// within it decodes.
func TestWithMaxResponseBytes(t *testing.T) {
	ctx := context.Background()
	url, _, _ := flakyKobas(t, 0) // answers 30 bytes of venues
	for _, tc := range []struct {
		limit   int64
		wantErr bool
	}{{16, true}, {1 << 10, false}, {-1, false}} {
		t.Run(fmt.Sprint(tc.limit), func(t *testing.T) {
			c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
				ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
				BaseURL: url + "/v3", TokenURL: url + "/access_token",
			}, hospitality.WithMaxResponseBytes(tc.limit)))
			if err != nil {
				t.Fatalf("ConnectKobas: %v", err)
			}
			res, err := c.ListVenuesWithResponse(ctx)
			if tc.wantErr {
				if !errors.Is(err, hospitality.ErrResponseTooLarge) || !strings.Contains(err.Error(), "16 bytes limit") {
					t.Fatalf("ListVenues() error = %v, want ErrResponseTooLarge naming the 16 bytes limit", err)
				}
				return
			}
			if err != nil || res.JSON200 == nil || len(*res.JSON200) != 1 {
				t.Fatalf("ListVenues() = %v, %v; want one venue", res, err)
			}
		})
	}
}
