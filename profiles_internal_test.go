package hospitality

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// mustGet builds a GET request or fails the test.
func mustGet(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestCloudbedsSignInAgain pins the bugs where Cloudbeds' "Access token is
// invalid or has expired." (HTTP 200 or 403) was a validation error with no
// refresh, the messages that mean the connection is gone had no sentinel of
// their own, and an HTML or empty 403 from a firewall counted as a refused
// credential.
func TestCloudbedsSignInAgain(t *testing.T) {
	tests := []struct {
		name       string
		provider   transport.Profile
		status     int
		body       string
		ctype      string
		wantReauth bool
		want       error
		notWant    error
		attempts   int32
	}{
		{"expired token with 200", cloudbedsProfile, 200, `{"success":false,"message":"Access token is invalid or has expired."}`, "application/json", true, nil, nil, 2},
		{"expired token with 403", cloudbedsProfile, 403, `{"success":false,"message":"Access token is invalid or has expired."}`, "application/json", true, nil, nil, 2},
		{"v2 expired token with 403", cloudbedsV2Profile, 403, `{"message":"Access token is invalid or has expired."}`, "application/json", true, nil, nil, 2},
		{"application disconnected", cloudbedsProfile, 200, `{"success":false,"message":"Application is not available to be connected to this property."}`, "application/json", false, ErrConsentRequired, ErrValidation, 1},
		{"approver inactive", cloudbedsProfile, 403, `{"success":false,"message":"User who approved this connection is not active anymore"}`, "application/json", false, ErrConsentRequired, nil, 1},
		{"scope missing", cloudbedsProfile, 200, `{"success":false,"message":"Scope required for this call was not granted by property."}`, "application/json", false, ErrForbidden, ErrValidation, 1},
		{"waf html 403", cloudbedsProfile, 403, `<html><head><title>Access Denied</title></head><body>blocked</body></html>`, "text/html", false, ErrUnavailable, ErrForbidden, 1},
		{"empty 403", cloudbedsProfile, 403, ``, "text/plain", false, ErrUnavailable, ErrForbidden, 1},
		{"html 503 is an outage", cloudbedsProfile, 503, `<html><body>Service Unavailable</body></html>`, "text/html", false, ErrUnavailable, ErrUnauthorized, 3},
		{"json 403 stays forbidden", cloudbedsProfile, 403, `{"success":false,"message":"You don't have access to this property"}`, "application/json", false, ErrForbidden, ErrUnavailable, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				if calls.Add(1) > 1 && r.Header.Get("Authorization") == "Bearer fresh-token-1234" {
					io.WriteString(w, `{"success":true,"data":[]}`)
					return
				}
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			}))
			t.Cleanup(srv.Close)
			var reauths atomic.Int32
			token := "stale-token-1234"
			c := transport.New(transport.Config{
				Retry:     transport.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond},
				RateLimit: transport.RateLimit{Disabled: true},
				Profile:   tc.provider,
				Authorize: func(_ context.Context, r *http.Request) error {
					r.Header.Set("Authorization", "Bearer "+token)
					return nil
				},
				Reauthorize: func(context.Context, *http.Request) error {
					reauths.Add(1)
					token = "fresh-token-1234"
					return nil
				},
			})
			resp, err := c.Do(mustGet(t, srv.URL+"/api/v1.3/getHotels"))
			if tc.wantReauth {
				if err != nil {
					t.Fatalf("Do() error = %v, want success after one refresh", err)
				}
				resp.Body.Close()
			} else {
				if tc.want != nil && !errors.Is(err, tc.want) {
					t.Errorf("Do() error = %v, want %v", err, tc.want)
				}
				if tc.notWant != nil && errors.Is(err, tc.notWant) {
					t.Errorf("Do() error = %v matches %v", err, tc.notWant)
				}
			}
			if got, want := reauths.Load(), map[bool]int32{true: 1, false: 0}[tc.wantReauth]; got != want {
				t.Errorf("reauthorizations = %d, want %d", got, want)
			}
			if got := calls.Load(); got != tc.attempts {
				t.Errorf("requests = %d, want %d", got, tc.attempts)
			}
		})
	}
}

func TestCloudbedsSuccessFalseSentinels(t *testing.T) {
	tests := []struct {
		message string
		want    error
		not     []error
	}{
		{"Reservation not found", ErrNotFound, []error{ErrForbidden, ErrValidation}},
		{"Guest does not exist", ErrNotFound, nil},
		{"You don't have access to property ID 12", ErrForbidden, []error{ErrNotFound}},
		{"Parameter endDate must be after startDate", ErrValidation, []error{ErrNotFound, ErrForbidden}},
	}
	for _, tc := range tests {
		t.Run(tc.message, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"success":false,"message":%q}`, tc.message)
			}))
			t.Cleanup(srv.Close)
			c := transport.New(transport.Config{Profile: cloudbedsProfile, RateLimit: transport.RateLimit{Disabled: true}})
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1.3/getReservation", nil)
			_, err := c.Do(req)
			if !errors.Is(err, tc.want) {
				t.Errorf("Do() error %v does not match %v", err, tc.want)
			}
			for _, n := range tc.not {
				if errors.Is(err, n) {
					t.Errorf("Do() error %v also matches %v", err, n)
				}
			}
		})
	}
}

// TestProfileRateLimits checks each API's documented default limit.
func TestProfileRateLimits(t *testing.T) {
	tests := []struct {
		profile   transport.Profile
		limit     rate.Limit
		burst     int
		endpoints int
	}{
		{cobotProfile, 1, 1, 1},
		{cloudbedsProfile, 5, 1, 0},
		{cloudbedsV2Profile, 5, 1, 0},
		{kobasProfile, 10, 10, 0},
		{octotableProfile, 0, 0, 0},
	}
	for _, tc := range tests {
		got := tc.profile.RateLimit
		if got.Limit != tc.limit || got.Burst != tc.burst || len(got.Endpoints) != tc.endpoints {
			t.Errorf("%s limit = %v/s burst %d, %d endpoint limits; want %v/s burst %d, %d",
				tc.profile.Name, got.Limit, got.Burst, len(got.Endpoints), tc.limit, tc.burst, tc.endpoints)
		}
	}
	if got := cobotProfile.RateLimit.Endpoints[0].Limit; got != rate.Every(10*time.Second) {
		t.Errorf("Cobot memberships limit = %v/s, want 6 per minute", got)
	}
	if cloudbedsProfile.LimitGroup != cloudbedsV2Profile.LimitGroup {
		t.Error("Cloudbeds v1.3 and v2 must share one limit group (Cloudbeds limits per client)")
	}
}

func TestIsCobotAPI1Memberships(t *testing.T) {
	tests := []struct {
		method, url string
		want        bool
	}{
		{"GET", "https://co-up.cobot.me/api/memberships", true},
		{"GET", "https://www.cobot.me/api/memberships/", true},
		{"GET", "https://co-up.cobot.me/api/memberships?page=2", true},
		{"POST", "https://co-up.cobot.me/api/memberships", false},
		{"GET", "https://co-up.cobot.me/api/memberships/123", false},
		{"GET", "https://api.cobot.me/api/memberships", false},
		{"GET", "https://evilcobot.me/api/memberships", false},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest(tc.method, tc.url, nil)
		if got := isCobotAPI1Memberships(req); got != tc.want {
			t.Errorf("isCobotAPI1Memberships(%s %s) = %v, want %v", tc.method, tc.url, got, tc.want)
		}
	}
}
