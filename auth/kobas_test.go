package auth_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// kobasSource returns a Kobas token source pointed at srv with a fake clock.
func kobasSource(t *testing.T, srv *fakeServer, clock *fakeClock, mutate func(*auth.KobasConfig)) *auth.CachedSource {
	t.Helper()
	cfg := auth.KobasConfig{
		ClientID:     testClientID,
		ClientSecret: testSecret,
		CompanyID:    testCompanyID,
		TokenURL:     srv.URL + "/access_token",
		HTTPClient:   srv.Client(),
		Now:          clock.Now,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	return auth.KobasTokenSource(context.Background(), cfg)
}

func TestKobasTokenRequest(t *testing.T) {
	tests := []struct {
		name      string
		scopes    []string
		status    int
		wantScope string
	}{
		{name: "default scope, 200", status: http.StatusOK, wantScope: "integration"},
		{name: "default scope, 201", status: http.StatusCreated, wantScope: "integration"},
		{name: "several scopes", scopes: []string{"integration", "read"}, status: http.StatusOK, wantScope: "integration+read"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeServer(t, jsonAnswer(tc.status,
				`{"token_type":"Bearer","expires_in":3600,"access_token":"kobas-access-1"}`))
			clock := newClock()
			ts := kobasSource(t, srv, clock, func(c *auth.KobasConfig) { c.Scopes = tc.scopes })

			tok, err := ts.Token()
			if err != nil {
				t.Fatalf("Token() error = %v, want nil", err)
			}
			if tok.AccessToken != "kobas-access-1" || tok.TokenType != "Bearer" {
				t.Errorf("Token() = %q %q, want %q %q", tok.TokenType, tok.AccessToken, "Bearer", "kobas-access-1")
			}
			if want := t0.Add(time.Hour); !tok.Expiry.Equal(want) {
				t.Errorf("Token().Expiry = %v, want %v", tok.Expiry, want)
			}

			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("token requests = %d, want 1", len(reqs))
			}
			r := reqs[0]
			checkFields(t, "token request", []fieldCheck{
				{"method", r.Method, http.MethodPost},
				{"path", r.Path, "/access_token"},
				{"query", r.RawQuery, "x-kobas-company-id=1234"},
				{"Content-Type", r.Header.Get("Content-Type"), "application/x-www-form-urlencoded"},
				{"Accept", r.Header.Get("Accept"), "application/json"},
				{"x-kobas-company-id header", r.Header.Get("X-Kobas-Company-Id"), testCompanyID},
				{"Authorization header", r.Header.Get("Authorization"), ""},
				{"body", r.Body, "client_id=client-abc&client_secret=" + testSecret +
					"&grant_type=client_credentials&scope=" + tc.wantScope + "&x-kobas-company-id=1234"},
			})
		})
	}
}

// A TokenURL that already has a query keeps it; the company id is added.
func TestKobasTokenURLKeepsQuery(t *testing.T) {
	srv := newFakeServer(t, numberedTokens)
	ts := kobasSource(t, srv, newClock(), func(c *auth.KobasConfig) {
		c.TokenURL = srv.URL + "/oauth/access_token?training=1"
	})
	if _, err := ts.Token(); err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	r := srv.Requests()[0]
	if r.Path != "/oauth/access_token" || r.RawQuery != "training=1&x-kobas-company-id=1234" {
		t.Errorf("token request URL = %s?%s, want /oauth/access_token?training=1&x-kobas-company-id=1234", r.Path, r.RawQuery)
	}
}

// Without expires_in, a Kobas token is assumed to last the documented hour.
func TestKobasDefaultLifetime(t *testing.T) {
	srv := newFakeServer(t, jsonAnswer(http.StatusOK, `{"token_type":"Bearer","access_token":"kobas-access-1"}`))
	ts := kobasSource(t, srv, newClock(), nil)
	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	if want := t0.Add(time.Hour); !tok.Expiry.Equal(want) {
		t.Errorf("Token().Expiry = %v, want %v", tok.Expiry, want)
	}
}

func TestKobasValidate(t *testing.T) {
	valid := auth.KobasConfig{ClientID: testClientID, ClientSecret: testSecret, CompanyID: testCompanyID}
	tests := []struct {
		name       string
		mutate     func(*auth.KobasConfig)
		wantFields []string
	}{
		{name: "valid", mutate: func(*auth.KobasConfig) {}},
		{name: "missing client id", mutate: func(c *auth.KobasConfig) { c.ClientID = "" }, wantFields: []string{"ClientID"}},
		{name: "missing secret", mutate: func(c *auth.KobasConfig) { c.ClientSecret = "" }, wantFields: []string{"ClientSecret"}},
		{name: "missing company", mutate: func(c *auth.KobasConfig) { c.CompanyID = " " }, wantFields: []string{"CompanyID"}},
		{name: "http token url", mutate: func(c *auth.KobasConfig) { c.TokenURL = "http://oauth.example.com/access_token" }, wantFields: []string{"TokenURL"}},
		{name: "everything missing", mutate: func(c *auth.KobasConfig) { *c = auth.KobasConfig{} }, wantFields: []string{"ClientID", "ClientSecret", "CompanyID"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid
			tc.mutate(&cfg)
			err := cfg.Validate()
			if len(tc.wantFields) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want errors for %v", tc.wantFields)
			}
			var ce *auth.ConfigError
			if !errors.As(err, &ce) || ce.Provider != "kobas" {
				t.Errorf("Validate() = %v, want a kobas *auth.ConfigError", err)
			}
			for _, f := range tc.wantFields {
				if !strings.Contains(err.Error(), f) {
					t.Errorf("Validate() = %q, want it to name %s", err, f)
				}
			}
			assertNoSecrets(t, "Validate()", err.Error(), testSecret)
		})
	}
}

// An invalid configuration fails every Token call without any request.
func TestKobasInvalidConfigNoRequest(t *testing.T) {
	srv := newFakeServer(t, numberedTokens)
	ts := kobasSource(t, srv, newClock(), func(c *auth.KobasConfig) { c.CompanyID = "" })
	_, err := ts.Token()
	var ce *auth.ConfigError
	if !errors.As(err, &ce) || ce.Field != "CompanyID" {
		t.Errorf("Token() error = %v, want *auth.ConfigError for CompanyID", err)
	}
	if n := srv.Count(); n != 0 {
		t.Errorf("token requests = %d, want 0", n)
	}
}

func TestKobasStoreKey(t *testing.T) {
	cfg := auth.KobasConfig{ClientID: testClientID, ClientSecret: testSecret, CompanyID: testCompanyID}
	if got, want := cfg.StoreKey(), "kobas:client-abc:1234"; got != want {
		t.Errorf("StoreKey() = %q, want %q", got, want)
	}
}

// A valid token in the store is used without a token request; a fetched
// token is saved under the client id + company id key.
func TestKobasStore(t *testing.T) {
	clock := newClock()
	store := auth.NewMemoryStore()
	cfg := auth.KobasConfig{ClientID: testClientID, ClientSecret: testSecret, CompanyID: testCompanyID}

	srv := newFakeServer(t, numberedTokens)
	ts := kobasSource(t, srv, clock, func(c *auth.KobasConfig) { c.Store = store })
	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	saved, err := store.Load(context.Background(), cfg.StoreKey())
	if err != nil || saved == nil || saved.AccessToken != tok.AccessToken {
		t.Fatalf("store.Load(%q) = %v, %v, want the fetched token %q", cfg.StoreKey(), saved, err, tok.AccessToken)
	}

	// A second source (a new process) sharing the store does not fetch.
	srv2 := newFakeServer(t, numberedTokens)
	ts2 := kobasSource(t, srv2, clock, func(c *auth.KobasConfig) { c.Store = store })
	tok2, err := ts2.Token()
	if err != nil {
		t.Fatalf("second source Token() error = %v, want nil", err)
	}
	if tok2.AccessToken != tok.AccessToken {
		t.Errorf("second source Token() = %q, want stored %q", tok2.AccessToken, tok.AccessToken)
	}
	if n := srv2.Count(); n != 0 {
		t.Errorf("second source token requests = %d, want 0", n)
	}
}

// Kobas access tokens are JWTs with fractional iat/nbf/exp and scopes that
// are JSON-encoded strings; the source never parses them and relies on
// expires_in alone, even when the JWT's exp is earlier.
func TestKobasIgnoresJWTClaims(t *testing.T) {
	exp := fmt.Sprintf("%d.148065", t0.Add(10*time.Minute).Unix())
	jwt := fakeJWT(`{"aud":"client-abc","iat":1699630899.148065,"nbf":1699630899.148065,"exp":` + exp +
		`,"sub":"","scopes":["{\"id\":2,\"identifier\":\"integration\",\"description\":\"Scope for a company 'Integration member' using oAuth API\"}"]}`)
	srv := newFakeServer(t, jsonAnswer(http.StatusOK, `{"token_type":"Bearer","expires_in":3600,"access_token":"`+jwt+`"}`))
	ts := kobasSource(t, srv, newClock(), nil)
	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	if tok.AccessToken != jwt {
		t.Errorf("Token().AccessToken = %q, want the JWT as sent", tok.AccessToken)
	}
	if want := t0.Add(time.Hour); !tok.Expiry.Equal(want) {
		t.Errorf("Token().Expiry = %v, want %v (expires_in, not the JWT exp)", tok.Expiry, want)
	}
}

// Kobas issues no refresh token: a new client-credentials token is fetched
// DefaultEarlyExpiry before the hour is up, and not before.
func TestKobasRefetchBeforeExpiry(t *testing.T) {
	srv := newFakeServer(t, numberedTokens)
	clock := newClock()
	ts := kobasSource(t, srv, clock, nil)
	steps := []struct {
		advance time.Duration
		want    string
	}{
		{0, "tok-1"},
		{58*time.Minute + 59*time.Second, "tok-1"},
		{2 * time.Second, "tok-2"}, // 59m01s: inside the one-minute margin
	}
	for _, st := range steps {
		clock.Advance(st.advance)
		tok, err := ts.Token()
		if err != nil {
			t.Fatalf("Token() at %v error = %v, want nil", clock.Now().Sub(t0), err)
		}
		if tok.AccessToken != st.want {
			t.Errorf("Token() at %v = %q, want %q", clock.Now().Sub(t0), tok.AccessToken, st.want)
		}
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("token requests = %d, want 2", len(reqs))
	}
	if reqs[1].Body != reqs[0].Body || !strings.Contains(reqs[1].Body, "grant_type=client_credentials") {
		t.Errorf("second token request body = %q, want the client-credentials grant again %q", reqs[1].Body, reqs[0].Body)
	}
}
