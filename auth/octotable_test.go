package auth_test

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

	"github.com/hospitality-sdk/hospitality-go/auth"
)

const octotableAuthPath = "/octotable-auth/api/v2"

// octotableSource returns an OctoTable token source pointed at srv.
func octotableSource(t *testing.T, srv *fakeServer, clock *fakeClock, mutate func(*auth.OctotableConfig)) *auth.CachedSource {
	t.Helper()
	cfg := auth.OctotableConfig{
		ClientID:     "public_abc",
		ClientSecret: testSecret,
		AuthBaseURL:  srv.URL + octotableAuthPath,
		HTTPClient:   srv.Client(),
		Now:          clock.Now,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	return auth.OctotableTokenSource(context.Background(), cfg)
}

const octotableJSONBody = `{"grant_type":"client_credentials","client_id":"public_abc","client_secret":"` + testSecret + `"}`
const octotableFormBody = "client_id=public_abc&client_secret=" + testSecret + "&grant_type=client_credentials"

// checkOctotableRequest asserts one token request's wire form.
func checkOctotableRequest(t *testing.T, r recorded, wantContentType, wantBody string) {
	t.Helper()
	checkFields(t, "token request", []fieldCheck{
		{"method", r.Method, http.MethodPost},
		{"path", r.Path, octotableAuthPath + "/oauth2/token"},
		{"query", r.RawQuery, ""},
		{"Content-Type", r.Header.Get("Content-Type"), wantContentType},
		{"Accept", r.Header.Get("Accept"), "application/json"},
		{"body", r.Body, wantBody},
	})
}

func TestOctotableTokenRequestJSON(t *testing.T) {
	srv := newFakeServer(t, jsonAnswer(http.StatusOK,
		`{"access_token":"octo-access-1","expires_in":1440,"type":"Bearer"}`))
	ts := octotableSource(t, srv, newClock(), nil)

	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	if tok.AccessToken != "octo-access-1" || tok.TokenType != "Bearer" {
		t.Errorf("Token() = %q %q, want %q %q", tok.TokenType, tok.AccessToken, "Bearer", "octo-access-1")
	}
	if want := t0.Add(1440 * time.Second); !tok.Expiry.Equal(want) {
		t.Errorf("Token().Expiry = %v, want %v", tok.Expiry, want)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("token requests = %d, want 1", len(reqs))
	}
	checkOctotableRequest(t, reqs[0], "application/json", octotableJSONBody)
}

// The server rejects JSON with 415 (as one community client observed): the
// source retries form-encoded at once and goes straight to form afterwards.
func TestOctotable415FallsBackToForm(t *testing.T) {
	srv := newFakeServer(t, func(w http.ResponseWriter, r recorded, n int) {
		if r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnsupportedMediaType)
			io.WriteString(w, `{"success":false,"error":{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Content type 'application/json' not supported"}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"octo-access-%d","expires_in":1440,"type":"Bearer"}`, n)
	})
	ts := octotableSource(t, srv, newClock(), nil)

	tok, err := ts.Token()
	if err != nil {
		t.Fatalf("first Token() error = %v, want nil", err)
	}
	if tok.AccessToken != "octo-access-2" {
		t.Errorf("first Token() = %q, want %q", tok.AccessToken, "octo-access-2")
	}
	ts.Invalidate(tok.AccessToken)
	tok, err = ts.Token()
	if err != nil {
		t.Fatalf("second Token() error = %v, want nil", err)
	}
	if tok.AccessToken != "octo-access-3" {
		t.Errorf("second Token() = %q, want %q", tok.AccessToken, "octo-access-3")
	}

	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("token requests = %d, want 3 (JSON, form, form)", len(reqs))
	}
	checkOctotableRequest(t, reqs[0], "application/json", octotableJSONBody)
	checkOctotableRequest(t, reqs[1], "application/x-www-form-urlencoded", octotableFormBody)
	checkOctotableRequest(t, reqs[2], "application/x-www-form-urlencoded", octotableFormBody)
}

// Concurrent fetches after a 415 all see the remembered choice.
func TestOctotable415Concurrent(t *testing.T) {
	srv := newFakeServer(t, func(w http.ResponseWriter, r recorded, n int) {
		if r.Header.Get("Content-Type") == "application/json" {
			w.WriteHeader(http.StatusUnsupportedMediaType)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"octo-access-%d","expires_in":1440,"type":"Bearer"}`, n)
	})
	ts := octotableSource(t, srv, newClock(), nil)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			tok, err := ts.Token()
			if err != nil {
				t.Errorf("Token() error = %v, want nil", err)
				return
			}
			ts.Invalidate(tok.AccessToken)
		})
	}
	wg.Wait()
	jsonReqs := 0
	for _, r := range srv.Requests() {
		if r.Header.Get("Content-Type") == "application/json" {
			jsonReqs++
		}
	}
	if jsonReqs != 1 {
		t.Errorf("JSON token requests = %d, want 1", jsonReqs)
	}
}

// A 415 to the form retry too is reported, not retried again.
func TestOctotable415Twice(t *testing.T) {
	srv := newFakeServer(t, jsonAnswer(http.StatusUnsupportedMediaType, `{"message":"unsupported"}`))
	ts := octotableSource(t, srv, newClock(), nil)
	_, err := ts.Token()
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusUnsupportedMediaType {
		t.Fatalf("Token() error = %v, want *auth.TokenError with status 415", err)
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}
}

func TestOctotableExpiry(t *testing.T) {
	jwt := func(exp string) string {
		return fakeJWT(`{"sub":"guest","iss":"OCTORATE-SRL","exp":` + exp + `,"property_id":44477}`)
	}
	unix := func(d time.Duration) string { return fmt.Sprint(t0.Add(d).Unix()) }
	tests := []struct {
		name   string
		token  string
		body   string // response fields besides access_token
		unit   time.Duration
		want   time.Time
		wantTy string
	}{
		{name: "not a JWT", token: "opaque", body: `"expires_in":1440,"type":"Bearer"`, want: t0.Add(1440 * time.Second), wantTy: "Bearer"},
		{name: "JWT exp earlier than expires_in", token: jwt(unix(10 * time.Minute)), body: `"expires_in":1440,"type":"Bearer"`, want: t0.Add(10 * time.Minute), wantTy: "Bearer"},
		{name: "JWT fractional exp", token: jwt(unix(10*time.Minute) + ".5"), body: `"expires_in":1440`, want: t0.Add(10*time.Minute + 500*time.Millisecond), wantTy: "Bearer"},
		{name: "JWT exp later than expires_in", token: jwt(unix(15 * 24 * time.Hour)), body: `"expires_in":1440,"type":"Bearer"`, want: t0.Add(1440 * time.Second), wantTy: "Bearer"},
		{name: "JWT exp in the past ignored", token: jwt(unix(-time.Hour)), body: `"expires_in":1440`, want: t0.Add(1440 * time.Second), wantTy: "Bearer"},
		{name: "JWT without exp", token: fakeJWT(`{"sub":"guest"}`), body: `"expires_in":1440`, want: t0.Add(1440 * time.Second), wantTy: "Bearer"},
		{name: "JWT string exp ignored", token: jwt(`"soon"`), body: `"expires_in":1440`, want: t0.Add(1440 * time.Second), wantTy: "Bearer"},
		{name: "no expires_in, JWT exp", token: jwt(unix(time.Hour)), body: `"type":"Bearer"`, want: t0.Add(time.Hour), wantTy: "Bearer"},
		{name: "minutes unit", token: "opaque", body: `"expires_in":1440,"type":"Bearer"`, unit: time.Minute, want: t0.Add(24 * time.Hour), wantTy: "Bearer"},
		{name: "token_type preferred over type", token: "opaque", body: `"expires_in":60,"token_type":"bearer","type":"Other"`, want: t0.Add(time.Minute), wantTy: "bearer"},
		{name: "no type at all", token: "opaque", body: `"expires_in":60`, want: t0.Add(time.Minute), wantTy: "Bearer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeServer(t, jsonAnswer(http.StatusOK, `{"access_token":"`+tc.token+`",`+tc.body+`}`))
			ts := octotableSource(t, srv, newClock(), func(c *auth.OctotableConfig) { c.ExpiresInUnit = tc.unit })
			tok, err := ts.Token()
			if err != nil {
				t.Fatalf("Token() error = %v, want nil", err)
			}
			if !tok.Expiry.Equal(tc.want) {
				t.Errorf("Token().Expiry = %v, want %v", tok.Expiry, tc.want)
			}
			if tok.TokenType != tc.wantTy {
				t.Errorf("Token().TokenType = %q, want %q", tok.TokenType, tc.wantTy)
			}
		})
	}
}

// TokenURL overrides AuthBaseURL.
func TestOctotableTokenURL(t *testing.T) {
	srv := newFakeServer(t, jsonAnswer(http.StatusOK, `{"access_token":"a","expires_in":1440,"type":"Bearer"}`))
	ts := octotableSource(t, srv, newClock(), func(c *auth.OctotableConfig) {
		c.AuthBaseURL = "http://example.com/ignored"
		c.TokenURL = srv.URL + "/custom/token"
	})
	if _, err := ts.Token(); err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}
	if got := srv.Requests()[0].Path; got != "/custom/token" {
		t.Errorf("token request path = %q, want %q", got, "/custom/token")
	}
}

func TestOctotableValidate(t *testing.T) {
	valid := auth.OctotableConfig{ClientID: "public_abc", ClientSecret: testSecret}
	tests := []struct {
		name      string
		mutate    func(*auth.OctotableConfig)
		wantField string
	}{
		{name: "valid defaults", mutate: func(*auth.OctotableConfig) {}},
		{name: "octorate host", mutate: func(c *auth.OctotableConfig) { c.AuthBaseURL = "https://api.octorate.com/octotable-auth/api/v2" }},
		{name: "missing client id", mutate: func(c *auth.OctotableConfig) { c.ClientID = "" }, wantField: "ClientID"},
		{name: "missing secret", mutate: func(c *auth.OctotableConfig) { c.ClientSecret = "" }, wantField: "ClientSecret"},
		{name: "http auth base", mutate: func(c *auth.OctotableConfig) { c.AuthBaseURL = "http://api.octotable.com/octotable-auth/api/v2" }, wantField: "AuthBaseURL"},
		{name: "http token url", mutate: func(c *auth.OctotableConfig) { c.TokenURL = "http://example.com/oauth2/token" }, wantField: "TokenURL"},
		{name: "negative unit", mutate: func(c *auth.OctotableConfig) { c.ExpiresInUnit = -time.Second }, wantField: "ExpiresInUnit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid
			tc.mutate(&cfg)
			err := cfg.Validate()
			if tc.wantField == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ce *auth.ConfigError
			if !errors.As(err, &ce) || ce.Field != tc.wantField || ce.Provider != "octotable" {
				t.Fatalf("Validate() = %v, want *auth.ConfigError for octotable %s", err, tc.wantField)
			}
			if !strings.Contains(err.Error(), tc.wantField) {
				t.Errorf("Validate() = %q, want it to name %s", err, tc.wantField)
			}
			assertNoSecrets(t, "Validate()", err.Error(), testSecret)
		})
	}
}

func TestOctotableStoreKey(t *testing.T) {
	cfg := auth.OctotableConfig{ClientID: "public_abc", ClientSecret: testSecret}
	if got, want := cfg.StoreKey(), "octotable:public_abc"; got != want {
		t.Errorf("StoreKey() = %q, want %q", got, want)
	}
}
