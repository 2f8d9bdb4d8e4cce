package auth_test

import (
	"context"
	"errors"
	"fmt"
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

// By default the token request is form-encoded (the encoding a client tested
// against the service found to work); OctotableJSONFirst sends the
// documented JSON body instead.
func TestOctotableTokenRequest(t *testing.T) {
	tests := []struct {
		name            string
		encoding        auth.OctotableTokenEncoding
		wantContentType string
		wantBody        string
	}{
		{name: "default is form", encoding: auth.OctotableFormFirst, wantContentType: "application/x-www-form-urlencoded", wantBody: octotableFormBody},
		{name: "JSON first", encoding: auth.OctotableJSONFirst, wantContentType: "application/json", wantBody: octotableJSONBody},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeServer(t, jsonAnswer(http.StatusOK,
				`{"access_token":"octo-access-1","expires_in":1440,"type":"Bearer"}`))
			ts := octotableSource(t, srv, newClock(), func(c *auth.OctotableConfig) { c.TokenEncoding = tc.encoding })

			tok, err := ts.Token()
			if err != nil {
				t.Fatalf("Token() error = %v, want nil", err)
			}
			if tok.AccessToken != "octo-access-1" || tok.TokenType != "Bearer" {
				t.Errorf("Token() = %q %q, want %q %q", tok.TokenType, tok.AccessToken, "Bearer", "octo-access-1")
			}
			if tok.RefreshToken != "" {
				t.Errorf("Token().RefreshToken = %q, want none", tok.RefreshToken)
			}
			if want := t0.Add(1440 * time.Second); !tok.Expiry.Equal(want) {
				t.Errorf("Token().Expiry = %v, want %v", tok.Expiry, want)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("token requests = %d, want 1", len(reqs))
			}
			checkOctotableRequest(t, reqs[0], tc.wantContentType, tc.wantBody)
		})
	}
}

// refuse415 answers 415 to token requests of the given content type and
// numbered tokens to the others.
func refuse415(contentType string) func(w http.ResponseWriter, r recorded, n int) {
	return func(w http.ResponseWriter, r recorded, n int) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Content-Type") == contentType {
			w.WriteHeader(http.StatusUnsupportedMediaType)
			fmt.Fprintf(w, `{"success":false,"error":{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Content type '%s' not supported"}}`, contentType)
			return
		}
		fmt.Fprintf(w, `{"access_token":"octo-access-%d","expires_in":1440,"type":"Bearer"}`, n)
	}
}

// The server refuses the first encoding with 415: the source retries in the
// other encoding at once and uses it straight away afterwards.
func TestOctotable415SwitchesEncoding(t *testing.T) {
	const (
		form = "application/x-www-form-urlencoded"
		js   = "application/json"
	)
	tests := []struct {
		name     string
		encoding auth.OctotableTokenEncoding
		refuse   string
		want     [3][2]string // content type and body of the three requests
	}{
		{
			name: "form refused, JSON fallback", encoding: auth.OctotableFormFirst, refuse: form,
			want: [3][2]string{{form, octotableFormBody}, {js, octotableJSONBody}, {js, octotableJSONBody}},
		},
		{
			name: "JSON refused, form fallback", encoding: auth.OctotableJSONFirst, refuse: js,
			want: [3][2]string{{js, octotableJSONBody}, {form, octotableFormBody}, {form, octotableFormBody}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeServer(t, refuse415(tc.refuse))
			ts := octotableSource(t, srv, newClock(), func(c *auth.OctotableConfig) { c.TokenEncoding = tc.encoding })

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
				t.Fatalf("token requests = %d, want 3", len(reqs))
			}
			for i, w := range tc.want {
				checkOctotableRequest(t, reqs[i], w[0], w[1])
			}
		})
	}
}

// Concurrent fetches after a 415 all see the remembered choice.
func TestOctotable415Concurrent(t *testing.T) {
	srv := newFakeServer(t, refuse415("application/x-www-form-urlencoded"))
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
	formReqs := 0
	for _, r := range srv.Requests() {
		if r.Header.Get("Content-Type") == "application/x-www-form-urlencoded" {
			formReqs++
		}
	}
	if formReqs != 1 {
		t.Errorf("form token requests = %d, want 1", formReqs)
	}
}

// A 415 to the fallback too is reported, not retried again.
func TestOctotable415Twice(t *testing.T) {
	srv := newFakeServer(t, jsonAnswer(http.StatusUnsupportedMediaType, `{"message":"unsupported"}`))
	ts := octotableSource(t, srv, newClock(), nil)
	_, err := ts.Token()
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusUnsupportedMediaType || te.Message != "unsupported" {
		t.Fatalf("Token() error = %v, want *auth.TokenError with status 415 and message %q", err, "unsupported")
	}
	if n := srv.Count(); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}
}

// Other failures are not retried in the other encoding.
func TestOctotableErrorNoFallback(t *testing.T) {
	srv := newFakeServer(t, jsonAnswer(http.StatusUnauthorized,
		`{"success":false,"error":{"code":"UNAUTHORIZED","message":"invalid client credentials","class_name":"UnauthorizedException"}}`))
	ts := octotableSource(t, srv, newClock(), nil)
	_, err := ts.Token()
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusUnauthorized || te.Code != "UNAUTHORIZED" || te.Message != "invalid client credentials" {
		t.Fatalf("Token() error = %v, want *auth.TokenError 401 UNAUTHORIZED", err)
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
	assertNoSecrets(t, "Token() error", err.Error(), testSecret)
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
		{name: "JSON first", mutate: func(c *auth.OctotableConfig) { c.TokenEncoding = auth.OctotableJSONFirst }},
		{name: "unknown encoding", mutate: func(c *auth.OctotableConfig) { c.TokenEncoding = 7 }, wantField: "TokenEncoding"},
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
	tests := []struct {
		name     string
		property string
		want     string
	}{
		{name: "client only", want: "octotable:public_abc"},
		{name: "per property", property: "999643", want: "octotable:public_abc:999643"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := auth.OctotableConfig{ClientID: "public_abc", ClientSecret: testSecret, Property: tc.property}
			if got := cfg.StoreKey(); got != tc.want {
				t.Errorf("StoreKey() = %q, want %q", got, tc.want)
			}
		})
	}
}

// Tokens for two restaurants of one client are stored apart: the second
// source does not pick up the first one's token.
func TestOctotableStorePerProperty(t *testing.T) {
	store := auth.NewMemoryStore()
	srv := newFakeServer(t, numberedTokens)
	clock := newClock()
	a := octotableSource(t, srv, clock, func(c *auth.OctotableConfig) { c.Store, c.Property = store, "1" })
	b := octotableSource(t, srv, clock, func(c *auth.OctotableConfig) { c.Store, c.Property = store, "2" })
	ta, err := a.Token()
	if err != nil {
		t.Fatalf("property 1 Token() error = %v, want nil", err)
	}
	tb, err := b.Token()
	if err != nil {
		t.Fatalf("property 2 Token() error = %v, want nil", err)
	}
	if ta.AccessToken == tb.AccessToken || srv.Count() != 2 {
		t.Errorf("tokens = %q, %q after %d requests, want two different tokens from 2 requests", ta.AccessToken, tb.AccessToken, srv.Count())
	}
	for key, want := range map[string]string{"octotable:public_abc:1": ta.AccessToken, "octotable:public_abc:2": tb.AccessToken} {
		got, err := store.Load(context.Background(), key)
		if err != nil || got == nil || got.AccessToken != want {
			t.Errorf("store.Load(%q) = %v, %v, want token %q", key, got, err, want)
		}
	}
}
