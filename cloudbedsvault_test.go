package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsvault"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// paymentsOpts lifts the rate limit and retries, which only slow these tests down.
var paymentsOpts = []hospitality.Option{
	hospitality.WithRateLimit(transport.RateLimit{Disabled: true}),
	hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1}),
}

// The documents of Pay-by-Link, the Payment Element keys and the Payments Vault declare only an
// HTTP bearer scheme: every CloudbedsConfig credential goes out as Authorization: Bearer, an API
// key included, and never as the PMS APIs' x-api-key header.
func TestCloudbedsPaymentsSendBearer(t *testing.T) {
	var mu sync.Mutex
	var seen []http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"api_keys": [], "id": "0197a3c2-5b1e-7d40-9c8a-3e2f6b7d1a90"}`)
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	creds := []struct {
		name string
		cfg  hospitality.CloudbedsConfig
		want string
	}{
		{"api key", hospitality.CloudbedsConfig{APIKey: "cbat_payments_key"}, "Bearer cbat_payments_key"},
		{"token source", hospitality.CloudbedsConfig{TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "access-token-1"})}, "Bearer access-token-1"},
	}
	calls := []struct {
		name string
		call func(cfg hospitality.CloudbedsConfig) error
	}{
		{"pay-by-link", func(cfg hospitality.CloudbedsConfig) error {
			cfg.BaseURL = srv.URL
			c, err := cloudbedspaybylink.New(hospitality.ConnectCloudbedsPayByLink(ctx, cfg, paymentsOpts...))
			if err == nil {
				_, err = c.GetPayByLinkWithResponse(ctx, "x", &cloudbedspaybylink.GetPayByLinkParams{PropertyID: "210643"})
			}
			return err
		}},
		{"payment element", func(cfg hospitality.CloudbedsConfig) error {
			cfg.BaseURL = srv.URL
			c, err := cloudbedspaymentelement.New(hospitality.ConnectCloudbedsPaymentElement(ctx, cfg, paymentsOpts...))
			if err == nil {
				_, err = c.ListAPIKeysWithResponse(ctx, &cloudbedspaymentelement.ListAPIKeysParams{})
			}
			return err
		}},
		{"vault", func(cfg hospitality.CloudbedsConfig) error {
			cfg.BaseURL = srv.URL
			c, err := cloudbedsvault.New(hospitality.ConnectCloudbedsPaymentsVault(ctx, cfg, paymentsOpts...))
			if err == nil {
				_, err = c.TokenizeCardWithResponse(ctx, &cloudbedsvault.TokenizeCardParams{}, cloudbedsvault.Card{CardNumber: "4111111111111111"})
			}
			return err
		}},
	}
	for _, cr := range creds {
		for _, call := range calls {
			t.Run(cr.name+"/"+call.name, func(t *testing.T) {
				mu.Lock()
				seen = nil
				mu.Unlock()
				if err := call.call(cr.cfg); err != nil {
					t.Fatalf("call = %v", err)
				}
				mu.Lock()
				defer mu.Unlock()
				if len(seen) != 1 {
					t.Fatalf("server saw %d requests, want 1", len(seen))
				}
				if got := seen[0].Get("Authorization"); got != cr.want {
					t.Errorf("Authorization = %q, want %q", got, cr.want)
				}
				if got := seen[0].Get("X-Api-Key"); got != "" {
					t.Errorf("x-api-key = %q, want none (the document declares only a bearer scheme)", got)
				}
			})
		}
	}
}

// Regression: a vault error answer that echoes the card data of the request — in its message, in
// a field error, in plain text, with the digits grouped — must not bring the card number or the
// CVV into the error text, the APIError's fields or a log line.
func TestCloudbedsPaymentsVaultErrorsHideCardData(t *testing.T) {
	const pan, cvv = "4111111111111111", "737"
	echoes := []struct {
		name, contentType, body string
	}{
		{"message", "application/json", `{"message": "card_number 4111111111111111 with cvv 737 was declined"}`},
		{"field errors", "application/json", `{"errors": {"card_number": ["4111111111111111 is not accepted"], "cvv": ["737"]}}`},
		{"plain text", "text/plain", "declined: 4111111111111111 / 737"},
		{"grouped digits", "application/json", `{"message": "card 4111 1111 1111 1111 declined"}`},
		{"another card number", "application/json", `{"message": "stored card 5555-5555-5555-4444 conflicts"}`},
	}
	for _, tc := range echoes {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(http.StatusUnprocessableEntity)
				fmt.Fprint(w, tc.body)
			}))
			t.Cleanup(srv.Close)
			var logs strings.Builder
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			c, err := cloudbedsvault.New(hospitality.ConnectCloudbedsPaymentsVault(context.Background(), hospitality.CloudbedsConfig{
				APIKey: "cbat_payments_key", BaseURL: srv.URL,
			}, append(paymentsOpts, hospitality.WithLogger(logger))...))
			if err != nil {
				t.Fatalf("ConnectCloudbedsPaymentsVault: %v", err)
			}
			_, err = c.TokenizeCardWithResponse(context.Background(), &cloudbedsvault.TokenizeCardParams{}, cloudbedsvault.Card{
				CardNumber: pan, CVV: cvv, CardholderName: "Ana Silva", Expiration: cloudbedsvault.Expiration{Month: "08", Year: "2030"}})
			var ae *hospitality.APIError
			if !errors.As(err, &ae) || ae.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("TokenizeCard = %v, want a 422 *APIError", err)
			}
			kept := []string{err.Error(), ae.Message, string(ae.Body), fmt.Sprint(ae.Fields), logs.String()}
			// The CVV is looked for as the answers echo it ("cvv 737", ["737"], "/ 737"): three
			// digits alone also turn up in ports, request ids and durations.
			for _, secret := range []string{pan, "4111 1111 1111 1111", "5555-5555-5555-4444", "cvv " + cvv, `"` + cvv + `"`, "/ " + cvv} {
				for _, s := range kept {
					if strings.Contains(s, secret) {
						t.Errorf("%q leaks into %q", secret, s)
					}
				}
			}
			if !strings.Contains(err.Error()+string(ae.Body), "REDACTED") {
				t.Errorf("error %v (body %s) does not show where card data was removed", err, ae.Body)
			}
		})
	}
}

func TestCloudbedsPaymentsConfig(t *testing.T) {
	ctx := context.Background()
	constructors := []struct {
		name string
		new  func(hospitality.CloudbedsConfig) error
	}{
		{"ConnectCloudbedsPayByLink", func(c hospitality.CloudbedsConfig) error {
			_, err := cloudbedspaybylink.New(hospitality.ConnectCloudbedsPayByLink(ctx, c))
			return err
		}},
		{"ConnectCloudbedsPaymentElement", func(c hospitality.CloudbedsConfig) error {
			_, err := cloudbedspaymentelement.New(hospitality.ConnectCloudbedsPaymentElement(ctx, c))
			return err
		}},
		{"ConnectCloudbedsPaymentsVault", func(c hospitality.CloudbedsConfig) error {
			_, err := cloudbedsvault.New(hospitality.ConnectCloudbedsPaymentsVault(ctx, c))
			return err
		}},
	}
	bad := []struct {
		name string
		cfg  hospitality.CloudbedsConfig
	}{
		{"no credential", hospitality.CloudbedsConfig{}},
		{"two credentials", hospitality.CloudbedsConfig{APIKey: "cbat_x", TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})}},
		{"plain http base", hospitality.CloudbedsConfig{APIKey: "cbat_x", BaseURL: "http://api.example.com"}},
	}
	for _, k := range constructors {
		for _, tc := range bad {
			t.Run(k.name+"/"+tc.name, func(t *testing.T) {
				if err := k.new(tc.cfg); err == nil {
					t.Errorf("%s(%+v) = nil error, want one", k.name, tc.cfg)
				}
			})
		}
	}
	// The vault's host is its own: DiscoverHost, which names the PMS host, is ignored (no I/O).
	c, err := cloudbedsvault.New(hospitality.ConnectCloudbedsPaymentsVault(ctx, hospitality.CloudbedsConfig{APIKey: "cbat_x", DiscoverHost: true,
		MetadataURL: "https://127.0.0.1:1/unreachable"}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPaymentsVault with DiscoverHost = %v, want no discovery", err)
	}
	if got := strings.TrimSuffix(c.ClientInterface.(*cloudbedsvault.Client).Server, "/"); got != cloudbedsvault.DefaultServer {
		t.Errorf("vault server = %q, want %q", got, cloudbedsvault.DefaultServer)
	}
}
