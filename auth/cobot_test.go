package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	jose "github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// Synthetic Cobot values.
const (
	cobotRedirect    = "https://app.example.test/cobot/callback"
	cobotVerifier    = "fixed-verifier-0123456789-abcdefghijklmnopqrstu"
	cobotAccessToken = "cobot-user-token-0123"
	cobotSpaceToken  = "cobot-space-token-4567"
	cobotSpaceID     = "c9a9e0a4b1b7e0b5f0e2c1d3a4b5c6d7"
)

// cobotChallenge computes the S256 challenge independently of x/oauth2.
func cobotChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// cobotGrant is what the fake authorization server remembers per code.
type cobotGrant struct {
	clientID, redirect, challenge string
	used                          bool
}

// fakeCobot is a loopback fake of www.cobot.me: the authorization and token
// endpoints (with PKCE S256 checking) and API 1 access_tokens.
type fakeCobot struct {
	*fakeServer
	secret string // expected client secret; "" for a public client

	mu     sync.Mutex
	grants map[string]*cobotGrant
	issued int
}

func newFakeCobot(t *testing.T, secret string) *fakeCobot {
	t.Helper()
	f := &fakeCobot{secret: secret, grants: make(map[string]*cobotGrant)}
	f.fakeServer = newFakeServer(t, f.answer)
	return f
}

// config returns a CobotConfig pointed at the fake.
func (f *fakeCobot) config(clock *fakeClock) auth.CobotConfig {
	return auth.CobotConfig{
		ClientID:     testClientID,
		ClientSecret: f.secret,
		RedirectURL:  cobotRedirect,
		Scopes:       []string{"read_user", "read_memberships"},
		AuthURL:      f.URL + "/oauth/authorize",
		TokenURL:     f.URL + "/oauth/access_token",
		APIURL:       f.URL + "/api",
		HTTPClient:   f.Client(),
		Now:          clock.Now,
	}
}

func cobotJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func (f *fakeCobot) answer(w http.ResponseWriter, r recorded, _ int) {
	switch {
	case r.Method == http.MethodGet && r.Path == "/oauth/authorize":
		f.authorize(w, r)
	case r.Method == http.MethodPost && r.Path == "/oauth/access_token":
		f.token(w, r)
	case r.Method == http.MethodPost && strings.HasPrefix(r.Path, "/api/access_tokens/") && strings.HasSuffix(r.Path, "/space"):
		user := strings.TrimSuffix(strings.TrimPrefix(r.Path, "/api/access_tokens/"), "/space")
		if r.Header.Get("Authorization") != "Bearer "+user || user != cobotAccessToken {
			cobotJSON(w, http.StatusUnauthorized, `{"error":"invalid_token"}`)
			return
		}
		var body struct {
			SpaceID string `json:"space_id"`
		}
		if json.Unmarshal([]byte(r.Body), &body) != nil || body.SpaceID != cobotSpaceID {
			cobotJSON(w, http.StatusForbidden, `{"message":"not an admin of this space"}`)
			return
		}
		cobotJSON(w, http.StatusOK, `{"scope":["read","read_memberships"],"token":"`+cobotSpaceToken+`","client_id":"`+testClientID+`"}`)
	case strings.HasPrefix(r.Path, "/api/access_tokens/"):
		tok := strings.TrimPrefix(r.Path, "/api/access_tokens/")
		if tok != cobotAccessToken || r.Header.Get("Authorization") != "Bearer "+tok {
			cobotJSON(w, http.StatusNotFound, `{"error":"not_found","error_description":"no token `+tok+`"}`)
			return
		}
		switch r.Method {
		case http.MethodGet:
			cobotJSON(w, http.StatusOK, `{"scope":["read","read_user"]}`)
		case http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		default:
			cobotJSON(w, http.StatusMethodNotAllowed, `{"error":"method_not_allowed"}`)
		}
	default:
		cobotJSON(w, http.StatusNotFound, `{"error":"not_found"}`)
	}
}

// authorize plays the consent page: it checks the request, remembers the
// challenge under a new code and redirects back with code and state.
func (f *fakeCobot) authorize(w http.ResponseWriter, r recorded) {
	q, _ := url.ParseQuery(r.RawQuery)
	if q.Get("response_type") != "code" || q.Get("client_id") != testClientID ||
		q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("state") == "" {
		cobotJSON(w, http.StatusBadRequest, `{"error":"invalid_request"}`)
		return
	}
	f.mu.Lock()
	f.issued++
	code := fmt.Sprintf("code-%d", f.issued)
	f.grants[code] = &cobotGrant{clientID: q.Get("client_id"), redirect: q.Get("redirect_uri"), challenge: q.Get("code_challenge")}
	f.mu.Unlock()
	back, _ := url.Parse(q.Get("redirect_uri"))
	back.RawQuery = url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
	w.Header().Set("Location", back.String())
	w.WriteHeader(http.StatusFound)
}

// token checks client authentication, the code, the redirect URI and the
// PKCE verifier against the remembered challenge.
func (f *fakeCobot) token(w http.ResponseWriter, r recorded) {
	form, err := url.ParseQuery(r.Body)
	if err != nil || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
		cobotJSON(w, http.StatusBadRequest, `{"error":"invalid_request"}`)
		return
	}
	if form.Get("grant_type") != "authorization_code" {
		cobotJSON(w, http.StatusBadRequest, `{"error":"unsupported_grant_type"}`)
		return
	}
	_, hasSecret := form["client_secret"]
	if form.Get("client_id") != testClientID || hasSecret != (f.secret != "") || form.Get("client_secret") != f.secret {
		cobotJSON(w, http.StatusUnauthorized, `{"error":"invalid_client"}`)
		return
	}
	code := form.Get("code")
	f.mu.Lock()
	g := f.grants[code]
	ok := g != nil && !g.used
	if ok {
		g.used = true
	}
	f.mu.Unlock()
	if !ok || g.redirect != form.Get("redirect_uri") {
		cobotJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"code `+code+` is invalid"}`)
		return
	}
	if v := form.Get("code_verifier"); v == "" || cobotChallenge(v) != g.challenge {
		cobotJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"PKCE verification failed for `+v+`"}`)
		return
	}
	cobotJSON(w, http.StatusOK, `{"access_token":"`+cobotAccessToken+`","token_type":"Bearer","scope":"read_user read_memberships","created_at":1747310400}`)
}

// cobotAuthorize follows the authorization URL to the fake consent page and
// returns the redirect back to the app as a request, without following it.
func cobotAuthorize(t *testing.T, f *fakeCobot, authURL string) *http.Request {
	t.Helper()
	client := *f.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(authURL)
	if err != nil {
		t.Fatalf("GET authorization URL: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorization status = %d, want %d", resp.StatusCode, http.StatusFound)
	}
	back, err := http.NewRequest(http.MethodGet, resp.Header.Get("Location"), nil)
	if err != nil {
		t.Fatalf("redirect back: %v", err)
	}
	return back
}

func TestCobotAuthorizationCodeFlow(t *testing.T) {
	tests := []struct {
		name   string
		secret string
	}{
		{name: "confidential client", secret: testSecret},
		{name: "public client", secret: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeCobot(t, tc.secret)
			store := auth.NewMemoryStore()
			cfg := f.config(newClock())
			cfg.Store = store

			areq, err := cfg.AuthCodeURL()
			if err != nil {
				t.Fatalf("AuthCodeURL() error = %v", err)
			}
			if len(areq.Verifier) != 43 || areq.State == "" || areq.Nonce != "" {
				t.Errorf("AuthCodeURL() = verifier %d chars, state %q, nonce %q; want 43 chars, a state, no nonce", len(areq.Verifier), areq.State, areq.Nonce)
			}
			code, err := auth.CobotCallback(cobotAuthorize(t, f, areq.URL), areq.State)
			if err != nil {
				t.Fatalf("CobotCallback() error = %v", err)
			}
			tok, err := cfg.Exchange(context.Background(), code, areq.Verifier)
			if err != nil {
				t.Fatalf("Exchange() error = %v", err)
			}
			if tok.AccessToken != cobotAccessToken || tok.TokenType != "Bearer" || !tok.Expiry.IsZero() {
				t.Errorf("Exchange() = %q %q expiry %v, want %q Bearer, no expiry", tok.AccessToken, tok.TokenType, tok.Expiry, cobotAccessToken)
			}
			if got := tok.Extra("scope"); got != "read_user read_memberships" {
				t.Errorf("Exchange().Extra(scope) = %v, want %q", got, "read_user read_memberships")
			}

			reqs := f.Requests()
			if len(reqs) != 2 {
				t.Fatalf("requests = %d, want 2", len(reqs))
			}
			authz, _ := url.ParseQuery(reqs[0].RawQuery)
			if got, want := authz.Get("code_challenge"), cobotChallenge(areq.Verifier); got != want {
				t.Errorf("code_challenge = %q, want %q", got, want)
			}
			if got, want := authz.Get("scope"), "read_user read_memberships"; got != want {
				t.Errorf("scope = %q, want %q", got, want)
			}
			wantBody := "client_id=" + testClientID
			if tc.secret != "" {
				wantBody += "&client_secret=" + tc.secret
			}
			wantBody += "&code=code-1&code_verifier=" + areq.Verifier +
				"&grant_type=authorization_code&redirect_uri=" + url.QueryEscape(cobotRedirect)
			r := reqs[1]
			checkFields(t, "token request", []fieldCheck{
				{"method", r.Method, http.MethodPost},
				{"path", r.Path, "/oauth/access_token"},
				{"query", r.RawQuery, ""},
				{"Content-Type", r.Header.Get("Content-Type"), "application/x-www-form-urlencoded"},
				{"Accept", r.Header.Get("Accept"), "application/json"},
				{"Authorization", r.Header.Get("Authorization"), ""},
				{"body", r.Body, wantBody},
			})

			saved, err := store.Load(context.Background(), "cobot:"+testClientID)
			if err != nil || saved == nil || saved.AccessToken != cobotAccessToken {
				t.Errorf("store.Load(cobot:%s) = %v, %v; want the exchanged token", testClientID, saved, err)
			}
		})
	}
}

func TestCobotExchangeRejected(t *testing.T) {
	tests := []struct {
		name       string
		verifier   string // sent to Exchange
		code       string // "" means the issued code
		wantStatus int
		wantCode   string
	}{
		{name: "PKCE verifier mismatch", verifier: "another-verifier-abcdefghijklmnopqrstuvwxyz012", wantStatus: 400, wantCode: "invalid_grant"},
		{name: "unknown code", verifier: cobotVerifier, code: "code-999", wantStatus: 400, wantCode: "invalid_grant"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeCobot(t, testSecret)
			cfg := f.config(newClock())
			authURL, err := cfg.AuthCodeURLWithState("state-1", cobotVerifier)
			if err != nil {
				t.Fatalf("AuthCodeURLWithState() error = %v", err)
			}
			code, err := auth.CobotCallback(cobotAuthorize(t, f, authURL), "state-1")
			if err != nil {
				t.Fatalf("CobotCallback() error = %v", err)
			}
			if tc.code != "" {
				code = tc.code
			}
			_, err = cfg.Exchange(context.Background(), code, tc.verifier)
			var te *auth.TokenError
			if !errors.As(err, &te) {
				t.Fatalf("Exchange() error = %v, want *auth.TokenError", err)
			}
			if te.Provider != "cobot" || te.StatusCode != tc.wantStatus || te.Code != tc.wantCode {
				t.Errorf("Exchange() error = %s %d %s, want cobot %d %s", te.Provider, te.StatusCode, te.Code, tc.wantStatus, tc.wantCode)
			}
			assertNoSecrets(t, "Exchange() error", err.Error(), testSecret, code, tc.verifier, cobotVerifier)
			assertNoSecrets(t, "TokenError.Body", te.Body, testSecret, code, tc.verifier, cobotVerifier)
		})
	}

	t.Run("code used twice", func(t *testing.T) {
		f := newFakeCobot(t, "")
		cfg := f.config(newClock())
		authURL, err := cfg.AuthCodeURLWithState("state-1", cobotVerifier)
		if err != nil {
			t.Fatalf("AuthCodeURLWithState() error = %v", err)
		}
		code, err := auth.CobotCallback(cobotAuthorize(t, f, authURL), "state-1")
		if err != nil {
			t.Fatalf("CobotCallback() error = %v", err)
		}
		if _, err := cfg.Exchange(context.Background(), code, cobotVerifier); err != nil {
			t.Fatalf("first Exchange() error = %v", err)
		}
		_, err = cfg.Exchange(context.Background(), code, cobotVerifier)
		var te *auth.TokenError
		if !errors.As(err, &te) || te.StatusCode != http.StatusBadRequest || te.Code != "invalid_grant" {
			t.Fatalf("second Exchange() error = %v, want *auth.TokenError 400 invalid_grant", err)
		}
		assertNoSecrets(t, "second Exchange() error", err.Error(), code, cobotVerifier)
	})
}

func TestCobotAuthCodeURL(t *testing.T) {
	challenge := cobotChallenge(cobotVerifier)
	common := "client_id=" + testClientID + "&code_challenge=" + challenge + "&code_challenge_method=S256" +
		"&redirect_uri=" + url.QueryEscape(cobotRedirect) + "&response_type=code"
	tests := []struct {
		name   string
		mutate func(*auth.CobotConfig)
		opts   []oauth2.AuthCodeOption
		want   string
	}{
		{
			name: "default host",
			want: "https://www.cobot.me/oauth/authorize?" + common + "&scope=read_user+read_bookings&state=st-1",
		},
		{
			name:   "in-space app at the space subdomain",
			mutate: func(c *auth.CobotConfig) { c.Subdomain = "co-up" },
			want:   "https://co-up.cobot.me/oauth/authorize?" + common + "&scope=read_user+read_bookings&state=st-1",
		},
		{
			name: "AuthURL wins over Subdomain",
			mutate: func(c *auth.CobotConfig) {
				c.Subdomain = "co-up"
				c.AuthURL = "https://spaces.example.test/oauth/authorize"
			},
			want: "https://spaces.example.test/oauth/authorize?" + common + "&scope=read_user+read_bookings&state=st-1",
		},
		{
			name:   "no scopes",
			mutate: func(c *auth.CobotConfig) { c.Scopes = nil },
			want:   "https://www.cobot.me/oauth/authorize?" + common + "&state=st-1",
		},
		{
			name: "extra option",
			opts: []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("nonce", "n-1")},
			want: "https://www.cobot.me/oauth/authorize?" + strings.Replace(common, "&redirect_uri", "&nonce=n-1&redirect_uri", 1) +
				"&scope=read_user+read_bookings&state=st-1",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := auth.CobotConfig{ClientID: testClientID, ClientSecret: testSecret, RedirectURL: cobotRedirect, Scopes: []string{"read_user", "read_bookings"}}
			if tc.mutate != nil {
				tc.mutate(&cfg)
			}
			got, err := cfg.AuthCodeURLWithState("st-1", cobotVerifier, tc.opts...)
			if err != nil {
				t.Fatalf("AuthCodeURLWithState() error = %v", err)
			}
			if got != tc.want {
				t.Errorf("AuthCodeURLWithState() =\n%s\nwant\n%s", got, tc.want)
			}
			assertNoSecrets(t, "AuthCodeURLWithState()", got, testSecret, cobotVerifier)
		})
	}

	t.Run("openid adds a nonce", func(t *testing.T) {
		cfg := auth.CobotConfig{ClientID: testClientID, RedirectURL: cobotRedirect, Scopes: []string{"openid", "email"}}
		areq, err := cfg.AuthCodeURL()
		if err != nil {
			t.Fatalf("AuthCodeURL() error = %v", err)
		}
		u, _ := url.Parse(areq.URL)
		q := u.Query()
		if areq.Nonce == "" || q.Get("nonce") != areq.Nonce || q.Get("state") != areq.State ||
			q.Get("code_challenge") != cobotChallenge(areq.Verifier) || q.Get("scope") != "openid email" {
			t.Errorf("AuthCodeURL() = %+v, want nonce, state and challenge in the URL", areq)
		}
		again, err := cfg.AuthCodeURL()
		if err != nil {
			t.Fatalf("AuthCodeURL() error = %v", err)
		}
		if again.State == areq.State || again.Verifier == areq.Verifier || again.Nonce == areq.Nonce {
			t.Errorf("AuthCodeURL() twice gave the same state, verifier or nonce")
		}
	})
}

func TestCobotConfigErrors(t *testing.T) {
	tests := []struct {
		name      string
		mutate    func(*auth.CobotConfig)
		state     string
		verifier  string
		wantField string // a *ConfigError field, or "" for a plain error
		wantText  string
	}{
		{name: "missing client id", mutate: func(c *auth.CobotConfig) { c.ClientID = "" }, wantField: "ClientID"},
		{name: "missing redirect", mutate: func(c *auth.CobotConfig) { c.RedirectURL = "" }, wantField: "RedirectURL"},
		{name: "relative redirect", mutate: func(c *auth.CobotConfig) { c.RedirectURL = "/callback" }, wantField: "RedirectURL"},
		{name: "subdomain with a path", mutate: func(c *auth.CobotConfig) { c.Subdomain = "evil.example/x" }, wantField: "Subdomain"},
		{name: "subdomain with a dot", mutate: func(c *auth.CobotConfig) { c.Subdomain = "a.b" }, wantField: "Subdomain"},
		{name: "http auth url", mutate: func(c *auth.CobotConfig) { c.AuthURL = "http://cobot.example/oauth/authorize" }, wantField: "AuthURL"},
		{name: "http token url", mutate: func(c *auth.CobotConfig) { c.TokenURL = "http://cobot.example/oauth/access_token" }, wantField: "TokenURL"},
		{name: "empty state", state: "-", wantText: "auth: cobot authorization url: state is empty"},
		{name: "empty verifier", verifier: "-", wantText: "auth: cobot authorization url: pkce verifier is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := auth.CobotConfig{ClientID: testClientID, ClientSecret: testSecret, RedirectURL: cobotRedirect}
			if tc.mutate != nil {
				tc.mutate(&cfg)
			}
			state, verifier := "st-1", cobotVerifier
			if tc.state == "-" {
				state = ""
			}
			if tc.verifier == "-" {
				verifier = ""
			}
			_, err := cfg.AuthCodeURLWithState(state, verifier)
			if err == nil {
				t.Fatalf("AuthCodeURLWithState() error = nil, want an error")
			}
			assertNoSecrets(t, "AuthCodeURLWithState() error", err.Error(), testSecret, cobotVerifier)
			if tc.wantField != "" {
				var ce *auth.ConfigError
				if !errors.As(err, &ce) || ce.Field != tc.wantField || ce.Provider != "cobot" {
					t.Errorf("AuthCodeURLWithState() error = %v, want a cobot *ConfigError for %s", err, tc.wantField)
				}
			}
			if tc.wantText != "" && err.Error() != tc.wantText {
				t.Errorf("AuthCodeURLWithState() error = %q, want %q", err, tc.wantText)
			}
			if _, err := cfg.Exchange(context.Background(), "code-1", verifier); err == nil {
				t.Errorf("Exchange() error = nil, want an error")
			}
		})
	}

	t.Run("public client is valid", func(t *testing.T) {
		cfg := auth.CobotConfig{ClientID: testClientID, RedirectURL: cobotRedirect, Subdomain: "co-up"}
		if err := cfg.Validate(); err != nil {
			t.Errorf("Validate() = %v, want nil", err)
		}
	})
}

func TestCobotCallback(t *testing.T) {
	tests := []struct {
		name     string
		query    string
		state    string
		wantCode string
		wantErr  error  // matched with errors.Is
		wantCB   string // CallbackError.Code
		wantText string
	}{
		{name: "code and state", query: "code=abc&state=st-1", state: "st-1", wantCode: "abc"},
		{name: "state mismatch", query: "code=abc&state=st-2", state: "st-1", wantErr: auth.ErrCobotStateMismatch},
		{name: "state missing", query: "code=abc", state: "st-1", wantErr: auth.ErrCobotStateMismatch},
		{name: "state prefix", query: "code=abc&state=st-", state: "st-1", wantErr: auth.ErrCobotStateMismatch},
		{name: "state twice", query: "code=abc&state=st-1&state=st-1", state: "st-1", wantErr: auth.ErrCobotStateMismatch},
		{name: "provider error with wrong state", query: "error=access_denied&state=st-2", state: "st-1", wantErr: auth.ErrCobotStateMismatch},
		{
			name: "provider error", query: "error=access_denied&error_description=The+user+denied+access&state=st-1", state: "st-1",
			wantCB: "access_denied", wantText: "auth: cobot callback: authorization failed: access_denied: The user denied access",
		},
		{name: "no code", query: "state=st-1", state: "st-1", wantText: "auth: cobot callback: no authorization code"},
		{name: "no expected state", query: "code=abc&state=", state: "", wantText: "auth: cobot callback: expected state is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := http.NewRequest(http.MethodGet, cobotRedirect+"?"+tc.query, nil)
			if err != nil {
				t.Fatal(err)
			}
			code, err := auth.CobotCallback(r, tc.state)
			if code != tc.wantCode {
				t.Errorf("CobotCallback(%q) code = %q, want %q", tc.query, code, tc.wantCode)
			}
			switch {
			case tc.wantErr != nil:
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("CobotCallback(%q) error = %v, want %v", tc.query, err, tc.wantErr)
				}
			case tc.wantCB != "":
				var cbe *auth.CallbackError
				if !errors.As(err, &cbe) || cbe.Provider != "cobot" || cbe.Code != tc.wantCB {
					t.Errorf("CobotCallback(%q) error = %v, want *CallbackError cobot %s", tc.query, err, tc.wantCB)
				}
			case tc.wantText == "" && err != nil:
				t.Errorf("CobotCallback(%q) error = %v, want nil", tc.query, err)
			}
			if tc.wantText != "" && (err == nil || err.Error() != tc.wantText) {
				t.Errorf("CobotCallback(%q) error = %v, want %q", tc.query, err, tc.wantText)
			}
		})
	}
}

func TestCobotTokenSource(t *testing.T) {
	tests := []struct {
		name    string
		expiry  time.Duration // from t0; 0 means none
		early   time.Duration
		advance time.Duration
		wantOK  bool
		wantMsg string
	}{
		{name: "no expiry, long after", advance: 365 * 24 * time.Hour, wantOK: true},
		{name: "valid until expiry", expiry: time.Hour, advance: time.Hour - time.Second, wantOK: true},
		{name: "expired", expiry: time.Hour, advance: time.Hour, wantMsg: "expired"},
		{name: "early expiry", expiry: time.Hour, early: time.Minute, advance: 59 * time.Minute, wantMsg: "expired"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newClock()
			tok := &oauth2.Token{AccessToken: cobotAccessToken, TokenType: "Bearer"}
			if tc.expiry > 0 {
				tok.Expiry = t0.Add(tc.expiry)
			}
			cfg := auth.CobotConfig{ClientID: testClientID, Now: clock.Now, EarlyExpiry: tc.early}
			ts := auth.CobotTokenSource(context.Background(), cfg, tok)
			clock.Advance(tc.advance)
			got, err := ts.Token()
			if tc.wantOK {
				if err != nil || got.AccessToken != cobotAccessToken {
					t.Errorf("Token() = %v, %v; want %q", got, err, cobotAccessToken)
				}
				return
			}
			if !errors.Is(err, auth.ErrCobotAuthorizationRequired) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("Token() error = %v, want ErrCobotAuthorizationRequired mentioning %q", err, tc.wantMsg)
			}
			assertNoSecrets(t, "Token() error", fmt.Sprint(err), cobotAccessToken)
		})
	}

	t.Run("rejected after 401", func(t *testing.T) {
		ts := auth.CobotTokenSource(context.Background(), auth.CobotConfig{ClientID: testClientID}, &oauth2.Token{AccessToken: cobotAccessToken})
		if got := mustToken(t, ts); got != cobotAccessToken {
			t.Fatalf("Token() = %q, want %q", got, cobotAccessToken)
		}
		ts.Invalidate(cobotAccessToken)
		_, err := ts.Token()
		if !errors.Is(err, auth.ErrCobotAuthorizationRequired) {
			t.Errorf("Token() after Invalidate error = %v, want ErrCobotAuthorizationRequired", err)
		}
	})

	t.Run("no token", func(t *testing.T) {
		_, err := auth.CobotTokenSource(context.Background(), auth.CobotConfig{ClientID: testClientID}, nil).Token()
		if !errors.Is(err, auth.ErrCobotAuthorizationRequired) {
			t.Errorf("Token() error = %v, want ErrCobotAuthorizationRequired", err)
		}
	})
}

func TestCobotStoredTokenSource(t *testing.T) {
	ctx := context.Background()
	key := "cobot:" + testClientID

	t.Run("no store", func(t *testing.T) {
		_, err := auth.CobotStoredTokenSource(ctx, auth.CobotConfig{ClientID: testClientID}).Token()
		var ce *auth.ConfigError
		if !errors.As(err, &ce) || ce.Field != "Store" {
			t.Errorf("Token() error = %v, want *ConfigError for Store", err)
		}
	})

	t.Run("empty store", func(t *testing.T) {
		cfg := auth.CobotConfig{ClientID: testClientID, Store: auth.NewMemoryStore()}
		_, err := auth.CobotStoredTokenSource(ctx, cfg).Token()
		want := `auth: cobot token: no usable token; the user must authorize the app again: no token stored under key "cobot:client-abc"`
		if !errors.Is(err, auth.ErrCobotAuthorizationRequired) || err.Error() != want {
			t.Errorf("Token() error = %v, want %q", err, want)
		}
	})

	t.Run("expired stored token", func(t *testing.T) {
		store := auth.NewMemoryStore()
		store.Save(ctx, key, &oauth2.Token{AccessToken: cobotAccessToken, Expiry: t0.Add(-time.Minute)})
		cfg := auth.CobotConfig{ClientID: testClientID, Store: store, Now: newClock().Now}
		_, err := auth.CobotStoredTokenSource(ctx, cfg).Token()
		want := "auth: cobot token: no usable token; the user must authorize the app again: the stored token expired at 2025-05-15T11:59:00Z"
		if err == nil || err.Error() != want {
			t.Errorf("Token() error = %v, want %q", err, want)
		}
	})

	t.Run("later process, rejection, re-authorization", func(t *testing.T) {
		store := auth.NewFileStore(filepath.Join(t.TempDir(), "tokens.json"))
		f := newFakeCobot(t, testSecret)
		cfg := f.config(newClock())
		cfg.Store = store
		authURL, err := cfg.AuthCodeURLWithState("st-1", cobotVerifier)
		if err != nil {
			t.Fatal(err)
		}
		code, err := auth.CobotCallback(cobotAuthorize(t, f, authURL), "st-1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cfg.Exchange(ctx, code, cobotVerifier); err != nil {
			t.Fatalf("Exchange() error = %v", err)
		}

		// A later process with the same file.
		later := cfg
		later.Store = auth.NewFileStore(store.Path())
		ts := auth.CobotStoredTokenSource(ctx, later)
		if got := mustToken(t, ts); got != cobotAccessToken {
			t.Fatalf("Token() = %q, want %q", got, cobotAccessToken)
		}
		ts.Invalidate(cobotAccessToken)
		_, err = ts.Token()
		want := "auth: cobot token: no usable token; the user must authorize the app again: the stored token was rejected"
		if err == nil || err.Error() != want {
			t.Errorf("Token() after Invalidate error = %v, want %q", err, want)
		}

		// The user authorizes again (in any process); the source picks it up.
		if err := store.Save(ctx, key, &oauth2.Token{AccessToken: "cobot-user-token-new", TokenType: "Bearer"}); err != nil {
			t.Fatal(err)
		}
		if got := mustToken(t, ts); got != "cobot-user-token-new" {
			t.Errorf("Token() after re-authorization = %q, want %q", got, "cobot-user-token-new")
		}
	})
}

func TestCobotCreateSpaceToken(t *testing.T) {
	ctx := context.Background()
	f := newFakeCobot(t, testSecret)
	store := auth.NewFileStore(filepath.Join(t.TempDir(), "tokens.json"))
	cfg := f.config(newClock())
	cfg.Store = store

	tok, err := cfg.CreateSpaceToken(ctx, cobotAccessToken, cobotSpaceID)
	if err != nil {
		t.Fatalf("CreateSpaceToken() error = %v", err)
	}
	if tok.AccessToken != cobotSpaceToken || tok.TokenType != "Bearer" || !tok.Expiry.IsZero() {
		t.Errorf("CreateSpaceToken() = %q %q %v, want %q Bearer no expiry", tok.AccessToken, tok.TokenType, tok.Expiry, cobotSpaceToken)
	}
	if got := tok.Extra("client_id"); got != testClientID {
		t.Errorf("CreateSpaceToken().Extra(client_id) = %v, want %q", got, testClientID)
	}
	if got, ok := tok.Extra("scope").([]any); !ok || fmt.Sprint(got) != "[read read_memberships]" {
		t.Errorf("CreateSpaceToken().Extra(scope) = %v, want [read read_memberships]", tok.Extra("scope"))
	}

	reqs := f.Requests()
	if len(reqs) != 1 {
		t.Fatalf("requests = %d, want 1", len(reqs))
	}
	r := reqs[0]
	checkFields(t, "space token request", []fieldCheck{
		{"method", r.Method, http.MethodPost},
		{"path", r.Path, "/api/access_tokens/" + cobotAccessToken + "/space"},
		{"Authorization", r.Header.Get("Authorization"), "Bearer " + cobotAccessToken},
		{"Content-Type", r.Header.Get("Content-Type"), "application/json"},
		{"Accept", r.Header.Get("Accept"), "application/json"},
		{"body", r.Body, `{"space_id":"` + cobotSpaceID + `"}`},
	})

	wantKey := "cobot:" + testClientID + ":space:" + cobotSpaceID
	if got := cfg.SpaceStoreKey(cobotSpaceID); got != wantKey {
		t.Errorf("SpaceStoreKey() = %q, want %q", got, wantKey)
	}
	saved, err := auth.NewFileStore(store.Path()).Load(ctx, wantKey)
	if err != nil || saved == nil || saved.AccessToken != cobotSpaceToken {
		t.Fatalf("FileStore.Load(%q) = %v, %v; want the space token", wantKey, saved, err)
	}
	if got, ok := saved.Extra("scope").([]any); !ok || len(got) != 2 {
		t.Errorf("stored Extra(scope) = %v, want the two scopes", saved.Extra("scope"))
	}

	// A later process uses the stored space-owned token.
	later := cfg
	later.Store = auth.NewFileStore(store.Path())
	if got := mustToken(t, auth.CobotSpaceTokenSource(ctx, later, cobotSpaceID)); got != cobotSpaceToken {
		t.Errorf("CobotSpaceTokenSource().Token() = %q, want %q", got, cobotSpaceToken)
	}
	_, err = auth.CobotSpaceTokenSource(ctx, later, "other-space").Token()
	if !errors.Is(err, auth.ErrCobotAuthorizationRequired) {
		t.Errorf("CobotSpaceTokenSource(other-space).Token() error = %v, want ErrCobotAuthorizationRequired", err)
	}
}

func TestCobotCreateSpaceTokenErrors(t *testing.T) {
	tests := []struct {
		name       string
		userToken  string
		spaceID    string
		answer     func(http.ResponseWriter, recorded, int) // nil means the fake Cobot
		closed     bool
		wantStatus int
		wantText   string
	}{
		{name: "not an admin", userToken: cobotAccessToken, spaceID: "other-space", wantStatus: 403,
			wantText: "auth: cobot token request: HTTP 403 Forbidden: not an admin of this space"},
		{name: "invalid user token", userToken: "cobot-user-token-bad", spaceID: cobotSpaceID, wantStatus: 401,
			wantText: "auth: cobot token request: HTTP 401 Unauthorized: invalid_token"},
		{name: "answer without token", userToken: cobotAccessToken, spaceID: cobotSpaceID, wantStatus: 200,
			answer:   jsonAnswer(200, `{"scope":["read"]}`),
			wantText: "auth: cobot token request: HTTP 200 OK: missing token"},
		{name: "answer echoing the token", userToken: cobotAccessToken, spaceID: cobotSpaceID, wantStatus: 500,
			answer: jsonAnswer(500, `{"message":"failed for `+cobotAccessToken+`"}`)},
		{name: "server unreachable", userToken: cobotAccessToken, spaceID: cobotSpaceID, closed: true},
		{name: "empty user token", spaceID: cobotSpaceID, wantText: "auth: cobot space token: user access token is empty"},
		{name: "empty space id", userToken: cobotAccessToken, wantText: "auth: cobot space token: space id is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeCobot(t, testSecret)
			cfg := f.config(newClock())
			if tc.answer != nil {
				cfg.APIURL = newFakeServer(t, tc.answer).URL + "/api"
			}
			if tc.closed {
				f.Close()
			}
			store := auth.NewMemoryStore()
			cfg.Store = store
			tok, err := cfg.CreateSpaceToken(context.Background(), tc.userToken, tc.spaceID)
			if err == nil || tok != nil {
				t.Fatalf("CreateSpaceToken() = %v, %v; want an error", tok, err)
			}
			assertNoSecrets(t, "CreateSpaceToken() error", err.Error(), tc.userToken, cobotSpaceToken, testSecret)
			if tc.wantStatus != 0 {
				var te *auth.TokenError
				if !errors.As(err, &te) || te.StatusCode != tc.wantStatus {
					t.Errorf("CreateSpaceToken() error = %v, want *TokenError with status %d", err, tc.wantStatus)
				} else {
					assertNoSecrets(t, "TokenError.Body", te.Body, tc.userToken)
				}
			}
			if tc.wantText != "" && err.Error() != tc.wantText {
				t.Errorf("CreateSpaceToken() error = %q, want %q", err, tc.wantText)
			}
			if saved, _ := store.Load(context.Background(), cfg.SpaceStoreKey(tc.spaceID)); saved != nil {
				t.Errorf("store holds %v after a failure, want nothing", saved)
			}
		})
	}
}

// --- OpenID Connect ---

// cobotKey is the fake issuer's RSA signing key, generated once per test
// binary.
var cobotKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

// cobotOtherKey signs tokens the issuer never published.
var cobotOtherKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

const cobotKeyID = "cobot-key-1"

// fakeCobotIssuer serves discovery, JWKS and userinfo on loopback.
type fakeCobotIssuer struct {
	*fakeServer
}

func newFakeCobotIssuer(t *testing.T) *fakeCobotIssuer {
	t.Helper()
	iss := &fakeCobotIssuer{}
	iss.fakeServer = newFakeServer(t, func(w http.ResponseWriter, r recorded, _ int) {
		base := iss.URL
		switch r.Path {
		case "/.well-known/openid-configuration":
			cobotJSON(w, 200, `{"issuer":"`+base+`","authorization_endpoint":"`+base+`/oauth/authorize",`+
				`"token_endpoint":"`+base+`/oauth/access_token","userinfo_endpoint":"`+base+`/api/userinfo",`+
				`"jwks_uri":"`+base+`/jwks.json","scopes_supported":["openid","email","profile"],`+
				`"response_types_supported":["code"],"grant_types_supported":["authorization_code"],`+
				`"code_challenge_methods_supported":["S256"],"token_endpoint_auth_methods_supported":["none"],`+
				`"id_token_signing_alg_values_supported":["RS256"]}`)
		case "/jwks.json":
			set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &cobotKey().PublicKey, KeyID: cobotKeyID, Algorithm: "RS256", Use: "sig"}}}
			b, _ := json.Marshal(set)
			cobotJSON(w, 200, string(b))
		case "/api/userinfo":
			if r.Header.Get("Authorization") != "Bearer "+cobotAccessToken {
				cobotJSON(w, 401, `{"error":"invalid_token","error_description":"bad token `+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")+`"}`)
				return
			}
			cobotJSON(w, 200, `{"sub":"user-42","email":"jane@example.test","email_verified":true,"name":"Jane Fonda"}`)
		default:
			cobotJSON(w, 404, `{"error":"not_found"}`)
		}
	})
	return iss
}

// countPath returns how many requests the issuer received for path.
func (iss *fakeCobotIssuer) countPath(path string) int {
	n := 0
	for _, r := range iss.Requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// cobotSign signs claims as a compact JWS with go-jose.
func cobotSign(t *testing.T, alg jose.SignatureAlgorithm, key any, kid string, claims map[string]any) string {
	t.Helper()
	jwk := jose.JSONWebKey{Key: key, KeyID: kid}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: jwk}, (&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		t.Fatalf("NewSigner: %v", err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	s, err := jws.CompactSerialize()
	if err != nil {
		t.Fatalf("CompactSerialize: %v", err)
	}
	return s
}

// cobotClaims returns valid claims for the issuer at base.
func cobotClaims(base string) map[string]any {
	return map[string]any{
		"iss":            base,
		"sub":            "user-42",
		"aud":            testClientID,
		"exp":            t0.Add(time.Hour).Unix(),
		"iat":            t0.Unix(),
		"nonce":          "nonce-1",
		"email":          "jane@example.test",
		"email_verified": "true",
		"name":           "Jane Fonda",
		"locale":         "de",
	}
}

func newCobotOIDC(t *testing.T, iss *fakeCobotIssuer) *auth.CobotOIDC {
	t.Helper()
	o, err := auth.NewCobotOIDC(context.Background(), auth.CobotConfig{
		ClientID:   testClientID,
		Issuer:     iss.URL,
		HTTPClient: iss.Client(),
		Now:        newClock().Now,
	})
	if err != nil {
		t.Fatalf("NewCobotOIDC() error = %v", err)
	}
	return o
}

func TestCobotOIDCVerify(t *testing.T) {
	iss := newFakeCobotIssuer(t)
	o := newCobotOIDC(t, iss)
	ctx := context.Background()

	valid := cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, cobotClaims(iss.URL))
	got, err := o.Verify(ctx, valid, "nonce-1")
	if err != nil {
		t.Fatalf("Verify(valid) error = %v", err)
	}
	want := auth.CobotIDToken{
		Issuer: iss.URL, Subject: "user-42", Audience: []string{testClientID},
		Expiry: t0.Add(time.Hour), IssuedAt: t0, Nonce: "nonce-1",
		Email: "jane@example.test", EmailVerified: true, Name: "Jane Fonda",
	}
	if got.Issuer != want.Issuer || got.Subject != want.Subject || fmt.Sprint(got.Audience) != fmt.Sprint(want.Audience) ||
		!got.Expiry.Equal(want.Expiry) || !got.IssuedAt.Equal(want.IssuedAt) || got.Nonce != want.Nonce ||
		got.Email != want.Email || got.EmailVerified != want.EmailVerified || got.Name != want.Name {
		t.Errorf("Verify(valid) = %+v, want %+v", *got, want)
	}
	var extra struct {
		Locale string `json:"locale"`
	}
	if err := got.Claims(&extra); err != nil || extra.Locale != "de" {
		t.Errorf("Claims() = %+v, %v; want locale de", extra, err)
	}

	// The exchanged token carries the ID token as an extra.
	tok := (&oauth2.Token{AccessToken: cobotAccessToken}).WithExtra(map[string]any{"id_token": valid})
	if got, err := o.VerifyToken(ctx, tok, "nonce-1"); err != nil || got.Subject != "user-42" {
		t.Errorf("VerifyToken() = %v, %v; want subject user-42", got, err)
	}
	if _, err := o.VerifyToken(ctx, &oauth2.Token{AccessToken: cobotAccessToken}, "nonce-1"); err == nil {
		t.Errorf("VerifyToken(no id_token) error = nil, want an error")
	}
	if ep := o.Endpoint(); ep.AuthURL != iss.URL+"/oauth/authorize" || ep.TokenURL != iss.URL+"/oauth/access_token" {
		t.Errorf("Endpoint() = %+v, want the discovered endpoints", ep)
	}
}

func TestCobotOIDCVerifyRejects(t *testing.T) {
	iss := newFakeCobotIssuer(t)
	o := newCobotOIDC(t, iss)
	enc := base64.RawURLEncoding

	with := func(change func(map[string]any)) map[string]any {
		c := cobotClaims(iss.URL)
		change(c)
		return c
	}
	tests := []struct {
		name     string
		token    func() string
		wantText string // substring of the error
	}{
		{
			name: "wrong audience",
			token: func() string {
				return cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, with(func(c map[string]any) { c["aud"] = "another-client" }))
			},
			wantText: "expected audience",
		},
		{
			name: "wrong issuer",
			token: func() string {
				return cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, with(func(c map[string]any) { c["iss"] = "https://evil.example.test" }))
			},
			wantText: "issued by a different provider",
		},
		{
			name: "expired",
			token: func() string {
				return cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, with(func(c map[string]any) { c["exp"] = t0.Add(-time.Second).Unix() }))
			},
			wantText: "token is expired",
		},
		{
			name:     "bad signature (key not published, known key id)",
			token:    func() string { return cobotSign(t, jose.RS256, cobotOtherKey(), cobotKeyID, cobotClaims(iss.URL)) },
			wantText: "failed to verify signature",
		},
		{
			name: "tampered payload",
			token: func() string {
				parts := strings.Split(cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, cobotClaims(iss.URL)), ".")
				b, _ := json.Marshal(with(func(c map[string]any) { c["sub"] = "admin" }))
				return parts[0] + "." + enc.EncodeToString(b) + "." + parts[2]
			},
			wantText: "failed to verify signature",
		},
		{
			name: "alg none",
			token: func() string {
				b, _ := json.Marshal(cobotClaims(iss.URL))
				return enc.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc.EncodeToString(b) + "."
			},
			wantText: "malformed jwt",
		},
		{
			name:     "unknown key id",
			token:    func() string { return cobotSign(t, jose.RS256, cobotKey(), "cobot-key-unknown", cobotClaims(iss.URL)) },
			wantText: "failed to verify signature",
		},
		{
			name: "HS256 with the public key as secret",
			token: func() string {
				pub := cobotKey().PublicKey
				return cobotSign(t, jose.HS256, pub.N.Bytes(), cobotKeyID, cobotClaims(iss.URL))
			},
			wantText: "malformed jwt",
		},
		{
			name:     "not a JWT",
			token:    func() string { return "not-a-jwt" },
			wantText: "malformed jwt",
		},
		{
			name:     "empty",
			token:    func() string { return "" },
			wantText: "auth: cobot id token: empty token",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := tc.token()
			got, err := o.Verify(context.Background(), raw, "nonce-1")
			if err == nil {
				t.Fatalf("Verify() = %+v, want an error", got)
			}
			if !strings.HasPrefix(err.Error(), "auth: cobot id token") || !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("Verify() error = %q, want prefix %q and %q", err, "auth: cobot id token", tc.wantText)
			}
			if raw != "" {
				assertNoSecrets(t, "Verify() error", err.Error(), raw)
			}
		})
	}

	t.Run("expiry error is inspectable", func(t *testing.T) {
		raw := cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, with(func(c map[string]any) { c["exp"] = t0.Add(-time.Minute).Unix() }))
		_, err := o.Verify(context.Background(), raw, "nonce-1")
		var exp *oidc.TokenExpiredError
		if !errors.As(err, &exp) || !exp.Expiry.Equal(t0.Add(-time.Minute)) {
			t.Errorf("Verify(expired) error = %v, want *oidc.TokenExpiredError at %v", err, t0.Add(-time.Minute))
		}
	})

	t.Run("unknown key id refetches the key set", func(t *testing.T) {
		before := iss.countPath("/jwks.json")
		raw := cobotSign(t, jose.RS256, cobotKey(), "cobot-key-rotated", cobotClaims(iss.URL))
		if _, err := o.Verify(context.Background(), raw, "nonce-1"); err == nil {
			t.Fatalf("Verify(unknown kid) error = nil, want an error")
		}
		if got := iss.countPath("/jwks.json") - before; got != 1 {
			t.Errorf("JWKS fetches for an unknown key id = %d, want 1", got)
		}
	})
}

func TestNewCobotOIDCErrors(t *testing.T) {
	iss := newFakeCobotIssuer(t)
	tests := []struct {
		name     string
		cfg      auth.CobotConfig
		wantText string
	}{
		{name: "issuer mismatch", cfg: auth.CobotConfig{ClientID: testClientID, Issuer: strings.Replace(iss.URL, "127.0.0.1", "localhost", 1), HTTPClient: iss.Client()},
			wantText: "auth: cobot oidc discovery: oidc: issuer URL provided to client (\"http://localhost:"},
		{name: "no discovery document", cfg: auth.CobotConfig{ClientID: testClientID, Issuer: iss.URL + "/other", HTTPClient: iss.Client()},
			wantText: "auth: cobot oidc discovery: 404 Not Found"},
		{name: "no client id", cfg: auth.CobotConfig{Issuer: iss.URL}, wantText: "auth: cobot config: ClientID is required"},
		{name: "http issuer", cfg: auth.CobotConfig{ClientID: testClientID, Issuer: "http://cobot.example"},
			wantText: "auth: cobot config: Issuer must use https (http is accepted only for loopback hosts)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := auth.NewCobotOIDC(context.Background(), tc.cfg)
			if err == nil || o != nil {
				t.Fatalf("NewCobotOIDC() = %v, %v; want an error", o, err)
			}
			if !strings.HasPrefix(err.Error(), tc.wantText) {
				t.Errorf("NewCobotOIDC() error = %q, want prefix %q", err, tc.wantText)
			}
		})
	}
}

// Regression: endpoints named by the discovery document were trusted even
// over plain http, so signing keys could be fetched from a forgeable source.
func TestNewCobotOIDCDiscoveredHTTP(t *testing.T) {
	var iss *fakeServer
	iss = newFakeServer(t, func(w http.ResponseWriter, _ recorded, _ int) {
		cobotJSON(w, 200, `{"issuer":"`+iss.URL+`","authorization_endpoint":"https://cobot.example/oauth/authorize",`+
			`"token_endpoint":"https://cobot.example/oauth/access_token","userinfo_endpoint":"http://cobot.example/api/userinfo",`+
			`"jwks_uri":"http://cobot.example/jwks.json","id_token_signing_alg_values_supported":["RS256"]}`)
	})
	o, err := auth.NewCobotOIDC(context.Background(), auth.CobotConfig{ClientID: testClientID, Issuer: iss.URL, HTTPClient: iss.Client()})
	if err == nil || o != nil {
		t.Fatalf("NewCobotOIDC() = %v, %v; want an error", o, err)
	}
	want := "auth: cobot oidc discovery: userinfo_endpoint must use https (http is accepted only for loopback hosts)\n" +
		"auth: cobot oidc discovery: jwks_uri must use https (http is accepted only for loopback hosts)"
	if err.Error() != want {
		t.Errorf("NewCobotOIDC() error = %q, want %q", err, want)
	}
}

func TestCobotOIDCUserInfo(t *testing.T) {
	iss := newFakeCobotIssuer(t)
	o := newCobotOIDC(t, iss)
	ctx := context.Background()

	ts := auth.CobotTokenSource(ctx, auth.CobotConfig{ClientID: testClientID}, &oauth2.Token{AccessToken: cobotAccessToken, TokenType: "Bearer"})
	info, err := o.UserInfo(ctx, ts)
	if err != nil {
		t.Fatalf("UserInfo() error = %v", err)
	}
	if info.Subject != "user-42" || info.Email != "jane@example.test" || !info.EmailVerified || info.Name != "Jane Fonda" {
		t.Errorf("UserInfo() = %+v, want user-42 jane@example.test verified Jane Fonda", *info)
	}
	var all map[string]any
	if err := info.Claims(&all); err != nil || len(all) != 4 {
		t.Errorf("UserInfo().Claims() = %v, %v; want 4 claims", all, err)
	}
	var last recorded
	for _, r := range iss.Requests() {
		if r.Path == "/api/userinfo" {
			last = r
		}
	}
	if last.Method != http.MethodGet || last.Header.Get("Authorization") != "Bearer "+cobotAccessToken {
		t.Errorf("userinfo request = %s Authorization %q, want GET with the bearer token", last.Method, last.Header.Get("Authorization"))
	}

	t.Run("rejected token", func(t *testing.T) {
		bad := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "cobot-user-token-revoked"})
		_, err := o.UserInfo(ctx, bad)
		if err == nil || !strings.HasPrefix(err.Error(), "auth: cobot userinfo: 401") {
			t.Fatalf("UserInfo(revoked) error = %v, want prefix %q", err, "auth: cobot userinfo: 401")
		}
		assertNoSecrets(t, "UserInfo() error", err.Error(), "cobot-user-token-revoked")
	})

	t.Run("token source error", func(t *testing.T) {
		_, err := o.UserInfo(ctx, auth.CobotTokenSource(ctx, auth.CobotConfig{}, nil))
		if !errors.Is(err, auth.ErrCobotAuthorizationRequired) {
			t.Errorf("UserInfo() error = %v, want ErrCobotAuthorizationRequired", err)
		}
	})
}

// TestCobotOIDCConcurrent verifies tokens and fetches userinfo from many
// goroutines at once, for the race detector.
func TestCobotOIDCConcurrent(t *testing.T) {
	iss := newFakeCobotIssuer(t)
	o := newCobotOIDC(t, iss)
	raw := cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, cobotClaims(iss.URL))
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cobotAccessToken})
	if _, err := o.Verify(context.Background(), raw, "nonce-1"); err != nil { // loads the key set
		t.Fatalf("Verify() error = %v", err)
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if _, err := o.Verify(context.Background(), raw, "nonce-1"); err != nil {
				t.Errorf("Verify() error = %v", err)
			}
			if _, err := o.UserInfo(context.Background(), ts); err != nil {
				t.Errorf("UserInfo() error = %v", err)
			}
		})
	}
	wg.Wait()
	if got := iss.countPath("/jwks.json"); got != 1 {
		t.Errorf("JWKS fetches = %d, want 1", got)
	}
}

func TestCobotTokenScopesAndRevoke(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		call       func(cfg auth.CobotConfig, tok string) (string, error)
		token      string
		wantMethod string
		want       string
		wantStatus int // of a *TokenError; 0 means success
	}{
		{
			name: "scopes", token: cobotAccessToken, wantMethod: http.MethodGet, want: "[read read_user]",
			call: func(cfg auth.CobotConfig, tok string) (string, error) {
				s, err := cfg.TokenScopes(ctx, tok)
				return fmt.Sprint(s), err
			},
		},
		{
			name: "scopes of an unknown token", token: "cobot-user-token-unknown", wantMethod: http.MethodGet, wantStatus: 404,
			call: func(cfg auth.CobotConfig, tok string) (string, error) {
				s, err := cfg.TokenScopes(ctx, tok)
				return fmt.Sprint(s), err
			},
		},
		{
			name: "revoke", token: cobotAccessToken, wantMethod: http.MethodDelete, want: "<nil>",
			call: func(cfg auth.CobotConfig, tok string) (string, error) {
				err := cfg.RevokeToken(ctx, tok)
				return fmt.Sprint(err), err
			},
		},
		{
			name: "revoke an unknown token", token: "cobot-user-token-unknown", wantMethod: http.MethodDelete, wantStatus: 404,
			call: func(cfg auth.CobotConfig, tok string) (string, error) {
				err := cfg.RevokeToken(ctx, tok)
				return fmt.Sprint(err), err
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeCobot(t, testSecret)
			got, err := tc.call(f.config(newClock()), tc.token)
			if tc.wantStatus == 0 {
				if err != nil || got != tc.want {
					t.Errorf("%s = %s, %v; want %s", tc.name, got, err, tc.want)
				}
			} else {
				var te *auth.TokenError
				if !errors.As(err, &te) || te.StatusCode != tc.wantStatus {
					t.Fatalf("%s error = %v, want *TokenError %d", tc.name, err, tc.wantStatus)
				}
				assertNoSecrets(t, tc.name+" error", err.Error()+te.Body, tc.token)
			}
			reqs := f.Requests()
			if len(reqs) != 1 {
				t.Fatalf("requests = %d, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tc.wantMethod || r.Path != "/api/access_tokens/"+tc.token ||
				r.Header.Get("Authorization") != "Bearer "+tc.token || r.Body != "" {
				t.Errorf("request = %s %s Authorization %q body %q, want %s /api/access_tokens/%s with the bearer token, no body",
					r.Method, r.Path, r.Header.Get("Authorization"), r.Body, tc.wantMethod, tc.token)
			}
		})
	}

	t.Run("empty token", func(t *testing.T) {
		if _, err := (auth.CobotConfig{}).TokenScopes(ctx, ""); err == nil || err.Error() != "auth: cobot token scopes: access token is empty" {
			t.Errorf("TokenScopes(\"\") error = %v, want %q", err, "auth: cobot token scopes: access token is empty")
		}
		if err := (auth.CobotConfig{}).RevokeToken(ctx, ""); err == nil || err.Error() != "auth: cobot token revocation: access token is empty" {
			t.Errorf("RevokeToken(\"\") error = %v, want %q", err, "auth: cobot token revocation: access token is empty")
		}
	})
}

func TestCobotCreateSpaceTokenOAuthName(t *testing.T) {
	srv := newFakeServer(t, jsonAnswer(http.StatusCreated, `{"scope":["read"],"access_token":"`+cobotSpaceToken+`"}`))
	cfg := auth.CobotConfig{ClientID: testClientID, APIURL: srv.URL + "/api", HTTPClient: srv.Client()}
	tok, err := cfg.CreateSpaceToken(context.Background(), cobotAccessToken, cobotSpaceID)
	if err != nil {
		t.Fatalf("CreateSpaceToken() error = %v", err)
	}
	if tok.AccessToken != cobotSpaceToken || tok.Extra("access_token") != nil {
		t.Errorf("CreateSpaceToken() = %q extra access_token %v, want %q and no extra", tok.AccessToken, tok.Extra("access_token"), cobotSpaceToken)
	}
}

// Regression (#12): Verify never checked the nonce, so an ID token issued
// for another sign-in (another nonce, or none) verified; nor did it require
// a subject or check the authorized party.
func TestCobotOIDCVerifyClaims(t *testing.T) {
	iss := newFakeCobotIssuer(t)
	o := newCobotOIDC(t, iss)
	with := func(change func(map[string]any)) map[string]any {
		c := cobotClaims(iss.URL)
		change(c)
		return c
	}
	tests := []struct {
		name      string
		claims    map[string]any
		nonce     string // expected nonce passed to Verify
		wantText  string // the whole error, or "" for success
		wantNonce bool   // the error is ErrCobotNonceMismatch
	}{
		{name: "good", claims: cobotClaims(iss.URL), nonce: "nonce-1"},
		{name: "azp is the client id", claims: with(func(c map[string]any) { c["azp"] = testClientID }), nonce: "nonce-1"},
		{name: "wrong nonce", claims: with(func(c map[string]any) { c["nonce"] = "nonce-of-another-sign-in" }), nonce: "nonce-1",
			wantText: "auth: cobot id token: nonce does not match the authorization request: the token carries another nonce", wantNonce: true},
		{name: "nonce prefix", claims: with(func(c map[string]any) { c["nonce"] = "nonce-" }), nonce: "nonce-1",
			wantText: "auth: cobot id token: nonce does not match the authorization request: the token carries another nonce", wantNonce: true},
		{name: "no nonce", claims: with(func(c map[string]any) { delete(c, "nonce") }), nonce: "nonce-1",
			wantText: "auth: cobot id token: nonce does not match the authorization request: the token carries no nonce", wantNonce: true},
		{name: "empty expected nonce", claims: cobotClaims(iss.URL), nonce: "",
			wantText: "auth: cobot id token: expected nonce is empty (pass the CobotAuthRequest.Nonce of this sign-in)"},
		{name: "empty expected nonce, token without nonce", claims: with(func(c map[string]any) { delete(c, "nonce") }), nonce: "",
			wantText: "auth: cobot id token: expected nonce is empty (pass the CobotAuthRequest.Nonce of this sign-in)"},
		{name: "no sub", claims: with(func(c map[string]any) { delete(c, "sub") }), nonce: "nonce-1",
			wantText: "auth: cobot id token: no subject (sub claim)"},
		{name: "empty sub", claims: with(func(c map[string]any) { c["sub"] = "" }), nonce: "nonce-1",
			wantText: "auth: cobot id token: no subject (sub claim)"},
		{name: "wrong azp", claims: with(func(c map[string]any) { c["azp"] = "another-client" }), nonce: "nonce-1",
			wantText: "auth: cobot id token: authorized party (azp claim) is not the client id"},
		{name: "empty azp", claims: with(func(c map[string]any) { c["azp"] = "" }), nonce: "nonce-1",
			wantText: "auth: cobot id token: authorized party (azp claim) is not the client id"},
		{name: "azp not a string", claims: with(func(c map[string]any) { c["azp"] = []string{testClientID} }), nonce: "nonce-1",
			wantText: "auth: cobot id token: authorized party (azp claim) is not the client id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			raw := cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, tc.claims)
			tok := (&oauth2.Token{AccessToken: cobotAccessToken}).WithExtra(map[string]any{"id_token": raw})
			for call, verify := range map[string]func() (*auth.CobotIDToken, error){
				"Verify":      func() (*auth.CobotIDToken, error) { return o.Verify(context.Background(), raw, tc.nonce) },
				"VerifyToken": func() (*auth.CobotIDToken, error) { return o.VerifyToken(context.Background(), tok, tc.nonce) },
			} {
				got, err := verify()
				if tc.wantText == "" {
					if err != nil || got.Subject != "user-42" || got.Nonce != tc.nonce {
						t.Errorf("%s() = %+v, %v; want subject user-42 and nonce %q", call, got, err, tc.nonce)
					}
					continue
				}
				if err == nil || got != nil {
					t.Fatalf("%s() = %+v, %v; want error %q", call, got, err, tc.wantText)
				}
				if err.Error() != tc.wantText {
					t.Errorf("%s() error = %q, want %q", call, err, tc.wantText)
				}
				if errors.Is(err, auth.ErrCobotNonceMismatch) != tc.wantNonce {
					t.Errorf("errors.Is(%s() error, ErrCobotNonceMismatch) = %v, want %v", call, !tc.wantNonce, tc.wantNonce)
				}
				nonce, _ := tc.claims["nonce"].(string)
				assertNoSecrets(t, call+"() error", err.Error(), raw, nonce, tc.nonce, "another-client")
			}
		})
	}
}

// Regression (#12): endpoints of the discovery document that go-oidc uses
// or Endpoint hands out (the device authorization endpoint was not checked)
// must use https, and may not carry user information.
func TestNewCobotOIDCDiscoveredEndpoints(t *testing.T) {
	fields := []string{"authorization_endpoint", "token_endpoint", "device_authorization_endpoint", "userinfo_endpoint", "jwks_uri"}
	bad := []struct{ name, url, problem string }{
		{"http", "http://cobot.example/x", "must use https (http is accepted only for loopback hosts)"},
		{"user information", "https://user:pw@cobot.example/x", "must not contain user information"},
		{"relative", "/x", "must be an absolute URL"},
	}
	for _, field := range fields {
		for _, b := range bad {
			t.Run(field+"/"+b.name, func(t *testing.T) {
				var iss *fakeServer
				iss = newFakeServer(t, func(w http.ResponseWriter, _ recorded, _ int) {
					doc := map[string]any{"issuer": iss.URL, "id_token_signing_alg_values_supported": []string{"RS256"}}
					for _, f := range fields {
						doc[f] = iss.URL + "/" + f
					}
					doc[field] = b.url
					body, _ := json.Marshal(doc)
					cobotJSON(w, 200, string(body))
				})
				o, err := auth.NewCobotOIDC(context.Background(), auth.CobotConfig{ClientID: testClientID, Issuer: iss.URL, HTTPClient: iss.Client()})
				want := "auth: cobot oidc discovery: " + field + " " + b.problem
				if err == nil || o != nil || err.Error() != want {
					t.Errorf("NewCobotOIDC() = %v, %v; want error %q", o, err, want)
				}
				if err != nil {
					assertNoSecrets(t, "NewCobotOIDC() error", err.Error(), "pw", "cobot.example")
				}
			})
		}
	}
}
