package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
)

// hangingServer answers API calls at once and never answers a request whose path is hang: its
// handler blocks until the test ends. It reports how many requests reached the hanging path.
func hangingServer(t *testing.T, hang string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	release := make(chan struct{})
	var hung atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == hang {
			hung.Add(1)
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"success":true,"data":[]}`)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first, so Close does not wait for the handler
	return srv, &hung
}

// isTimeout reports whether err is a deadline or a network timeout.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// TestTokenRequestsHonourTimeout pins a bug: WithTimeout bounded API attempts but not token
// requests or Cloudbeds host discovery, which kept a fixed 30-second limit, so a hanging token
// endpoint held a call configured for 2 seconds for 30.
func TestTokenRequestsHonourTimeout(t *testing.T) {
	const limit = 300 * time.Millisecond
	expired := func() *oauth2.Token {
		return &oauth2.Token{AccessToken: "a", RefreshToken: "r", TokenType: "Bearer", Expiry: time.Now().Add(-time.Hour)}
	}
	tests := []struct {
		name string
		hang string // path of the endpoint that never answers
		opts []hospitality.Option
		call func(ctx context.Context, url string, opts []hospitality.Option) error
	}{
		{
			name: "kobas token", hang: "/access_token", opts: []hospitality.Option{hospitality.WithTimeout(limit)},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
					BaseURL: url + "/v3", TokenURL: url + "/access_token"}, opts...))
				if err != nil {
					return err
				}
				_, err = c.ListVenuesWithResponse(ctx)
				return err
			},
		},
		{
			name: "kobas token with base transport", hang: "/access_token",
			opts: []hospitality.Option{hospitality.WithTimeout(limit), hospitality.WithBaseTransport(http.DefaultTransport)},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
					BaseURL: url + "/v3", TokenURL: url + "/access_token"}, opts...))
				if err != nil {
					return err
				}
				_, err = c.ListVenuesWithResponse(ctx)
				return err
			},
		},
		{
			name: "kobas token with a client without timeout", hang: "/access_token",
			opts: []hospitality.Option{hospitality.WithTimeout(limit), hospitality.WithHTTPClient(&http.Client{})},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
					BaseURL: url + "/v3", TokenURL: url + "/access_token"}, opts...))
				if err != nil {
					return err
				}
				_, err = c.ListVenuesWithResponse(ctx)
				return err
			},
		},
		{
			name: "kobas token with the client's timeout", hang: "/access_token",
			opts: []hospitality.Option{hospitality.WithHTTPClient(&http.Client{Timeout: limit})},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
					BaseURL: url + "/v3", TokenURL: url + "/access_token"}, opts...))
				if err != nil {
					return err
				}
				_, err = c.ListVenuesWithResponse(ctx)
				return err
			},
		},
		{
			name: "octotable token", hang: "/auth/oauth2/token", opts: []hospitality.Option{hospitality.WithTimeout(limit)},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				c, err := octotable.New(hospitality.ConnectOctotable(ctx, hospitality.OctotableConfig{ClientID: "cid", ClientSecret: "csecret", PropertyID: 4101,
					BaseURL: url + "/pms", AuthBaseURL: url + "/auth"}, opts...))
				if err != nil {
					return err
				}
				_, err = c.ListReservationsWithResponse(ctx, &octotable.ListReservationsParams{})
				return err
			},
		},
		{
			name: "cloudbeds refresh", hang: "/api/v1.3/access_token", opts: []hospitality.Option{hospitality.WithTimeout(limit)},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
					OAuth: &auth.CloudbedsConfig{ClientID: "cid", ClientSecret: "csecret", BaseURL: url + "/api/v1.3"},
					Token: expired(), BaseURL: url + "/api/v1.3",
				}, opts...))
				if err != nil {
					return err
				}
				_, err = c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{})
				return err
			},
		},
		{
			name: "cloudbeds discovery", hang: "/api/v1.3/oauth/metadata", opts: []hospitality.Option{hospitality.WithTimeout(limit)},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				_, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
					APIKey: "cbat_test_key", DiscoverHost: true, MetadataURL: url + "/api/v1.3/oauth/metadata",
				}, opts...))
				return err
			},
		},
		{
			name: "cloudbeds v2 discovery", hang: "/api/v1.3/oauth/metadata", opts: []hospitality.Option{hospitality.WithTimeout(limit)},
			call: func(ctx context.Context, url string, opts []hospitality.Option) error {
				_, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(ctx, hospitality.CloudbedsConfig{
					APIKey: "cbat_test_key", DiscoverHost: true, MetadataURL: url + "/api/v1.3/oauth/metadata",
				}, opts...))
				return err
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv, hung := hangingServer(t, tc.hang)
			done := make(chan error, 1)
			go func() { done <- tc.call(context.Background(), srv.URL, tc.opts) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(10 * time.Second): // a third of the 30-second default
				t.Fatalf("call still blocked on the hanging %s after 10s, want the %v limit to end it", tc.hang, limit)
			}
			if !isTimeout(err) {
				t.Errorf("error = %v, want a deadline or timeout error", err)
			}
			if hung.Load() == 0 {
				t.Errorf("no request reached %s; the error came from elsewhere", tc.hang)
			}
		})
	}
}

// TestTokenRequestsDoNotFollowRedirects checks that a token endpoint answering with a redirect
// does not get the client secret re-sent to the place it names, whichever client carries it.
func TestTokenRequestsDoNotFollowRedirects(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	t.Cleanup(other.Close)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(srv.Close)
	follow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	for _, opts := range [][]hospitality.Option{nil, {hospitality.WithHTTPClient(follow)}, {hospitality.WithBaseTransport(http.DefaultTransport)}} {
		c, err := kobas.New(hospitality.ConnectKobas(context.Background(), hospitality.KobasConfig{ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
			BaseURL: srv.URL + "/v3", TokenURL: srv.URL + "/access_token"}, opts...))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ListVenuesWithResponse(context.Background()); err == nil {
			t.Errorf("ListVenues with a redirecting token endpoint: no error")
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("redirect target saw %d requests, want 0", n)
	}
}
