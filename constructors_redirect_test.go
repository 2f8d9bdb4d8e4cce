package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// TestConstructorsDoNotFollowRedirects pins a bug: API calls followed redirects, and Go re-sends
// every header but Authorization and Cookie to another host, so x-api-key, x-kobas-company-id,
// Property and X-PROPERTY-ID went wherever a 3xx answer pointed. The redirect target here is the
// same loopback machine under another host name (localhost), which Go treats as another host.
func TestConstructorsDoNotFollowRedirects(t *testing.T) {
	var (
		mu   sync.Mutex
		leak []string
	)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leak = append(leak, fmt.Sprintf("%s %s %v", r.Method, r.URL.Path, r.Header))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"success":true,"data":[]}`)
	}))
	t.Cleanup(other.Close)
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/access_token", "/auth/oauth2/token":
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"access_token":"tok","token_type":"Bearer","expires_in":3600}`)
		default:
			http.Redirect(w, r, otherURL+r.URL.Path, http.StatusTemporaryRedirect)
		}
	}))
	t.Cleanup(srv.Close)
	// A fresh token per client, so Cobot's per-token rate limit makes no call wait for another.
	ts := func(name string) oauth2.TokenSource {
		return oauth2.StaticTokenSource(&oauth2.Token{AccessToken: fmt.Sprintf("tok-%s-%d", name, time.Now().UnixNano())})
	}
	ctx := context.Background()

	tests := []struct {
		name string
		call func() error
	}{
		{"ConnectKobas", func() error {
			c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
				BaseURL: srv.URL + "/v3", TokenURL: srv.URL + "/access_token"}))
			if err != nil {
				return err
			}
			_, err = c.ListVenuesWithResponse(ctx)
			return err
		}},
		{"ConnectOctotable", func() error {
			c, err := octotable.New(hospitality.ConnectOctotable(ctx, hospitality.OctotableConfig{ClientID: "cid", ClientSecret: "csecret", PropertyID: 4101,
				BaseURL: srv.URL + "/pms", AuthBaseURL: srv.URL + "/auth"}))
			if err != nil {
				return err
			}
			_, err = c.ListReservationsWithResponse(ctx, &octotable.ListReservationsParams{})
			return err
		}},
		{"ConnectCloudbeds", func() error {
			c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{APIKey: "cbat_test_key", PropertyID: "172938", BaseURL: srv.URL + "/api/v1.3"}))
			if err != nil {
				return err
			}
			_, err = c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{})
			return err
		}},
		{"ConnectCloudbedsV2", func() error {
			c, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(ctx, hospitality.CloudbedsConfig{APIKey: "cbat_test_key_v2", BaseURL: srv.URL}))
			if err != nil {
				return err
			}
			_, err = c.ListRatePlansWithResponse(ctx, &cloudbedsv2.ListRatePlansParams{PropertyIDs: "172938"})
			return err
		}},
		{"ConnectCobot", func() error {
			c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{TokenSource: ts("v2"), BaseURL: srv.URL}))
			if err != nil {
				return err
			}
			_, err = c.GetUserWithResponse(ctx, &cobot.GetUserParams{})
			return err
		}},
		{"ConnectCobotV1", func() error {
			c, err := cobotv1.New(hospitality.ConnectCobotV1(ctx, hospitality.CobotConfig{TokenSource: ts("v1"), BaseURL: srv.URL}))
			if err != nil {
				return err
			}
			_, err = c.ListWebhookSubscriptionsWithResponse(ctx)
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			leak = nil
			mu.Unlock()
			err := tc.call()
			mu.Lock()
			defer mu.Unlock()
			if len(leak) != 0 {
				t.Errorf("redirect followed to another host: %q", leak)
			}
			if !errors.Is(err, transport.ErrRedirect) {
				t.Errorf("call answered with a redirect: error = %v, want one matching transport.ErrRedirect", err)
			}
		})
	}
}
