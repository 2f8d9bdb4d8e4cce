package auth_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"golang.org/x/oauth2"
)

func TestTokenURLMustBeHTTPS(t *testing.T) {
	tests := []struct {
		name    string
		url     string
		wantErr bool
	}{
		{name: "https", url: "https://oauth.kobas.co.uk/access_token"},
		{name: "https with port", url: "https://auth.example.com:8443/token"},
		{name: "default", url: ""},
		{name: "http 127.0.0.1", url: "http://127.0.0.1:8080/access_token"},
		{name: "http 127.x loopback range", url: "http://127.10.20.30/access_token"},
		{name: "http ::1", url: "http://[::1]:8080/access_token"},
		{name: "http localhost", url: "http://localhost:8080/access_token"},
		{name: "http LOCALHOST", url: "http://LOCALHOST/access_token"},
		{name: "http example.com", url: "http://example.com/access_token", wantErr: true},
		{name: "http private address", url: "http://10.0.0.1/access_token", wantErr: true},
		{name: "http loopback-looking name", url: "http://127.0.0.1.example.com/access_token", wantErr: true},
		{name: "http localhost subdomain", url: "http://localhost.example.com/access_token", wantErr: true},
		{name: "ftp loopback", url: "ftp://127.0.0.1/access_token", wantErr: true},
		{name: "relative", url: "/access_token", wantErr: true},
		{name: "garbage", url: "://nope", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kcfg := auth.KobasConfig{ClientID: testClientID, ClientSecret: testSecret, CompanyID: testCompanyID, TokenURL: tc.url}
			ocfg := auth.OctotableConfig{ClientID: "public_abc", ClientSecret: testSecret, TokenURL: tc.url}
			for provider, err := range map[string]error{"kobas": kcfg.Validate(), "octotable": ocfg.Validate()} {
				if !tc.wantErr {
					if err != nil {
						t.Errorf("%s Validate() with TokenURL %q = %v, want nil", provider, tc.url, err)
					}
					continue
				}
				var ce *auth.ConfigError
				if !errors.As(err, &ce) || ce.Field != "TokenURL" {
					t.Errorf("%s Validate() with TokenURL %q = %v, want *auth.ConfigError naming TokenURL", provider, tc.url, err)
				} else if !strings.Contains(err.Error(), "TokenURL") {
					t.Errorf("%s Validate() = %q, want it to name TokenURL", provider, err)
				}
			}
		})
	}
}

// A transport failure names the provider and carries no secret.
func TestTokenRequestTransportError(t *testing.T) {
	srv := newFakeServer(t, numberedTokens)
	ts := kobasSource(t, srv, newClock(), nil)
	srv.Close()
	_, err := ts.Token()
	if err == nil {
		t.Fatal("Token() against a closed server = nil error, want an error")
	}
	if !strings.HasPrefix(err.Error(), "auth: kobas token request: ") {
		t.Errorf("Token() error = %q, want prefix %q", err, "auth: kobas token request: ")
	}
	assertNoSecrets(t, "Token() error", err.Error(), testSecret)
}

// Token requests never follow redirects, so the secret is not re-posted to
// another location; the redirect surfaces as a TokenError.
func TestTokenRequestNoRedirect(t *testing.T) {
	elsewhere := newFakeServer(t, numberedTokens)
	srv := newFakeServer(t, func(w http.ResponseWriter, _ recorded, _ int) {
		w.Header().Set("Location", elsewhere.URL+"/access_token")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	ts := kobasSource(t, srv, newClock(), nil)
	_, err := ts.Token()
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("Token() error = %v, want *auth.TokenError with status 307", err)
	}
	if n := elsewhere.Count(); n != 0 {
		t.Errorf("requests to the redirect target = %d, want 0", n)
	}
}

// Without an HTTPClient, a client stored in the context under
// oauth2.HTTPClient is used (the x/oauth2 convention).
func TestTokenRequestContextHTTPClient(t *testing.T) {
	srv := newFakeServer(t, numberedTokens)
	var used bool
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used = true
		return http.DefaultTransport.RoundTrip(r)
	})}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, client)
	ts := auth.KobasTokenSource(ctx, auth.KobasConfig{
		ClientID: testClientID, ClientSecret: testSecret, CompanyID: testCompanyID,
		TokenURL: srv.URL + "/access_token",
	})
	if _, err := ts.Token(); err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	if !used {
		t.Error("Token() did not use the context's HTTP client")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// No request that carries a credential follows a redirect: a 307 or 308
// (which keep the method and body) from any endpoint to another loopback
// port never reaches it, for every provider and every kind of call.
func TestNoRequestFollowsRedirects(t *testing.T) {
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			elsewhere := newFakeServer(t, numberedTokens)
			var srv *fakeServer
			srv = newFakeServer(t, func(w http.ResponseWriter, r recorded, _ int) {
				if r.Path == "/.well-known/openid-configuration" { // discovery names the redirecting endpoints
					base := srv.URL
					cobotJSON(w, 200, `{"issuer":"`+base+`","authorization_endpoint":"`+base+`/oauth/authorize",`+
						`"token_endpoint":"`+base+`/oauth/access_token","userinfo_endpoint":"`+base+`/api/userinfo",`+
						`"jwks_uri":"`+base+`/jwks.json","id_token_signing_alg_values_supported":["RS256"]}`)
					return
				}
				w.Header().Set("Location", elsewhere.URL+r.Path)
				w.WriteHeader(status)
			})
			cloudbeds := auth.CloudbedsConfig{ClientID: testClientID, ClientSecret: testSecret, RedirectURL: cbRedirect,
				BaseURL: srv.URL + "/api/v1.3", HTTPClient: srv.Client()}
			cobot := auth.CobotConfig{ClientID: testClientID, ClientSecret: testSecret, RedirectURL: "https://app.example.com/cb",
				TokenURL: srv.URL + "/oauth/access_token", APIURL: srv.URL + "/api", Issuer: srv.URL, HTTPClient: srv.Client()}
			oidc, err := auth.NewCobotOIDC(context.Background(), cobot)
			if err != nil {
				t.Fatalf("NewCobotOIDC() error = %v", err)
			}
			ctx := context.Background()
			calls := map[string]func() error{
				"kobas": func() error {
					_, err := kobasSource(t, srv, newClock(), nil).Token()
					return err
				},
				"octotable": func() error {
					_, err := auth.OctotableTokenSource(ctx, auth.OctotableConfig{ClientID: "public_abc", ClientSecret: testSecret,
						TokenURL: srv.URL + "/oauth2/token", HTTPClient: srv.Client()}).Token()
					return err
				},
				"cloudbeds exchange": func() error { _, err := cloudbeds.Exchange(ctx, "code-1"); return err },
				"cloudbeds refresh": func() error {
					_, err := auth.CloudbedsTokenSource(ctx, cloudbeds, &oauth2.Token{RefreshToken: "refresh-1"}).Token()
					return err
				},
				"cloudbeds migration": func() error { _, err := cloudbeds.MigrateToAPIKey(ctx, "refresh-1"); return err },
				"cloudbeds metadata": func() error {
					_, err := cloudbeds.DiscoverAPIURL(ctx, auth.CloudbedsAPIKey("cbat_key"))
					return err
				},
				"cobot exchange":     func() error { _, err := cobot.Exchange(ctx, "code-1", "verifier-1"); return err },
				"cobot space token":  func() error { _, err := cobot.CreateSpaceToken(ctx, cobotAccessToken, "space-1"); return err },
				"cobot token scopes": func() error { _, err := cobot.TokenScopes(ctx, cobotAccessToken); return err },
				"cobot userinfo": func() error {
					_, err := oidc.UserInfo(ctx, oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cobotAccessToken}))
					return err
				},
				"cobot oidc discovery": func() error {
					_, err := auth.NewCobotOIDC(ctx, auth.CobotConfig{ClientID: testClientID, Issuer: srv.URL + "/moved", HTTPClient: srv.Client()})
					return err
				},
			}
			for name, call := range calls {
				t.Run(name, func(t *testing.T) {
					before := srv.Count()
					err := call()
					if err == nil {
						t.Fatalf("error = nil, want the %d answer refused", status)
					}
					if srv.Count() == before {
						t.Errorf("no request reached the endpoint")
					}
					assertNoSecrets(t, "error", err.Error(), testSecret, cobotAccessToken, "code-1", "verifier-1", "refresh-1", "cbat_key")
				})
			}
			if n := elsewhere.Count(); n != 0 {
				t.Errorf("requests to the redirect target = %d, want 0", n)
			}
		})
	}
}
