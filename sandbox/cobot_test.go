package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/time/rate"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// noRedirect stops at the authorization endpoint's redirect, as a browser hands it to the app.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// cobotScopes are the scopes the tests' app asks for.
var cobotScopes = []string{"openid", "email", "profile", "read_user", "read_bookings", "write_bookings", "read_memberships"}

// cobotConfig points the SDK's Cobot OAuth configuration at the sandbox; secret selects a
// confidential client, otherwise a public one that relies on PKCE.
func cobotConfig(root string, c sandbox.Credentials, secret bool, scopes ...string) auth.CobotConfig {
	cfg := auth.CobotConfig{
		ClientID: c.CobotClientID, RedirectURL: c.CobotRedirectURL, Scopes: scopes,
		AuthURL: root + sandbox.CobotAuthorizePath, TokenURL: root + sandbox.CobotTokenPath,
		Issuer: root + sandbox.CobotPath, APIURL: root + sandbox.CobotAccessTokensBase,
	}
	if secret {
		cfg.ClientSecret = c.CobotClientSecret
	}
	return cfg
}

// cobotAuthorize runs the authorization request with the consent auto-approved and returns the
// request and the code from the redirect.
func cobotAuthorize(t *testing.T, cfg auth.CobotConfig) (*auth.CobotAuthRequest, string) {
	t.Helper()
	req, err := cfg.AuthCodeURL(oauth2.SetAuthURLParam(sandbox.CobotConsentParam, "approve"))
	if err != nil {
		t.Fatalf("AuthCodeURL: %v", err)
	}
	res, err := noRedirect.Get(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		t.Fatalf("GET authorization URL: status %d, want 302", res.StatusCode)
	}
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := loc.Scheme+"://"+loc.Host+loc.Path, cfg.RedirectURL; got != want {
		t.Fatalf("redirected to %s, want the registered %s", got, want)
	}
	code, err := auth.CobotCallbackValues(loc.Query(), req.State)
	if err != nil {
		t.Fatalf("CobotCallbackValues: %v", err)
	}
	return req, code
}

// cobotRaw sends a request with the JSON:API Accept header and, if token is set, a bearer token.
func cobotRaw(t *testing.T, method, u, token, contentType, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/vnd.api+json")
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// noLimit turns the SDK's client-side limit off, so tests are not paced at 60 calls a minute.
func noLimit() hospitality.Option {
	return hospitality.WithRateLimit(transport.RateLimit{Disabled: true})
}

// jsonAPIError is the first error object of a JSON:API error document.
type jsonAPIError struct {
	Status, Title, Detail, Code string
	Source                      struct{ Pointer, Parameter string }
}

func firstError(t *testing.T, body []byte) jsonAPIError {
	t.Helper()
	var doc struct{ Errors []jsonAPIError }
	if err := json.Unmarshal(body, &doc); err != nil || len(doc.Errors) == 0 {
		t.Fatalf("body %s is not a JSON:API error document", body)
	}
	return doc.Errors[0]
}

// TestCobot runs the Cobot tests that share one sandbox with the default options; loading the
// documents makes each sandbox costly to build.
func TestCobot(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	for _, tt := range []struct {
		name string
		test func(*testing.T, *sandbox.Server, string)
	}{
		{"PKCE round trip", testCobotPKCERoundTrip},
		{"consent page", testCobotConsentPage},
		{"authorization request rejected", testCobotAuthorizeRejects},
		{"space-owned token", testCobotSpaceToken},
		{"discovery and keys", testCobotDiscoveryAndKeys},
		{"userinfo", testCobotUserInfoRejects},
		{"booking lifecycle", testCobotBookingLifecycle},
		{"memberships", testCobotMemberships},
		{"request validation", testCobotValidation},
		{"example answers", testCobotExamples},
		{"answers match the documents", testCobotAnswersMatchSpec},
		{"huge page number", testCobotHugePageNumber},
		{"media types", testCobotMediaTypes},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, sb, root) })
	}
}

// TestCobotWithClock runs the tests that move the sandbox's clock: code and token expiry and the
// rate limits, here 3 requests per hour per token and 1 for API 1's memberships list (each test
// uses tokens of its own).
func TestCobotWithClock(t *testing.T) {
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	sb, root := start(t, sandbox.Options{Now: clock, CodeLifetime: 10 * time.Minute, TokenLifetime: time.Hour,
		CobotRateLimit: 3, CobotRateWindow: time.Hour, CobotMembershipsRateLimit: 1})
	for _, tt := range []struct {
		name string
		test func(*testing.T, *sandbox.Server, string, func(time.Duration))
	}{
		{"token endpoint rejects", testCobotTokenEndpointRejects},
		{"token expiry and scopes", testCobotTokenExpiryAndScopes},
		{"rate limit", testCobotRateLimit},
		{"API 1 memberships rate limit", testCobotMembershipsRateLimit},
	} {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, sb, root, advance) })
	}
}

func testCobotPKCERoundTrip(t *testing.T, sb *sandbox.Server, root string) {
	for _, confidential := range []bool{false, true} {
		name := map[bool]string{false: "public client", true: "confidential client"}[confidential]
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			cfg := cobotConfig(root, sb.Credentials(), confidential, cobotScopes...)
			req, code := cobotAuthorize(t, cfg)
			tok, err := cfg.Exchange(ctx, code, req.Verifier)
			if err != nil {
				t.Fatalf("Exchange: %v", err)
			}
			if tok.TokenType != "bearer" || tok.Expiry.IsZero() || tok.Extra("scope") != strings.Join(cobotScopes, " ") {
				t.Errorf("token = type %q, expiry %v, scope %v; want bearer, an expiry and the requested scopes", tok.TokenType, tok.Expiry, tok.Extra("scope"))
			}

			oidc, err := auth.NewCobotOIDC(ctx, cfg)
			if err != nil {
				t.Fatalf("NewCobotOIDC: %v", err)
			}
			id, err := oidc.VerifyToken(ctx, tok, req.Nonce)
			if err != nil {
				t.Fatalf("VerifyToken: %v", err)
			}
			if id.Issuer != root+sandbox.CobotPath || !slices.Equal(id.Audience, []string{cfg.ClientID}) || id.Nonce != req.Nonce || req.Nonce == "" {
				t.Errorf("ID token iss %q aud %v nonce %q, want %q, [%s], %q", id.Issuer, id.Audience, id.Nonce, root+sandbox.CobotPath, cfg.ClientID, req.Nonce)
			}
			if id.Subject == "" || id.Email != "maria.keller@example.org" || !id.EmailVerified || id.Name != "Maria Keller" {
				t.Errorf("ID token sub %q email %q (verified %v) name %q, want the sandbox user", id.Subject, id.Email, id.EmailVerified, id.Name)
			}
			if !id.Expiry.After(id.IssuedAt) {
				t.Errorf("ID token exp %v not after iat %v", id.Expiry, id.IssuedAt)
			}
			info, err := oidc.UserInfo(ctx, oauth2.StaticTokenSource(tok))
			if err != nil {
				t.Fatalf("UserInfo: %v", err)
			}
			if info.Subject != id.Subject || info.Email != id.Email || info.Name != id.Name {
				t.Errorf("userinfo = %+v, want the ID token's claims", info)
			}

			c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{OAuth: &cfg, Token: tok, BaseURL: root + sandbox.CobotAPIPath}, noLimit()))
			if err != nil {
				t.Fatal(err)
			}
			user, err := c.GetUserWithResponse(ctx, nil)
			if err != nil {
				t.Fatalf("GetUser: %v", err)
			}
			if user.ApplicationVndAPIJSON200 == nil || user.ApplicationVndAPIJSON200.Data.ID != id.Subject {
				t.Errorf("GetUser = %s, want the user %s of the ID token", user.Body, id.Subject)
			}
			scopes, err := cfg.TokenScopes(ctx, tok.AccessToken)
			if err != nil || !slices.Equal(scopes, cobotScopes) {
				t.Errorf("TokenScopes = %v, %v; want %v", scopes, err, cobotScopes)
			}
		})
	}
}

func testCobotConsentPage(t *testing.T, sb *sandbox.Server, root string) {
	cfg := cobotConfig(root, sb.Credentials(), false, "read_user", "read_bookings")
	req, err := cfg.AuthCodeURL()
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Get(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("consent page: status %d, Content-Type %q; want 200 text/html", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{cfg.ClientID, "<code>read_user</code>", "<code>read_bookings</code>", "Maria Keller", `name="decision" value="approve"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("consent page lacks %q", want)
		}
	}
	m := regexp.MustCompile(`name="request_id" value="([0-9a-f]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("consent page has no request_id field:\n%s", page)
	}
	post := func(decision string) *http.Response {
		res, err := noRedirect.PostForm(root+sandbox.CobotAuthorizePath, url.Values{"request_id": {string(m[1])}, "decision": {decision}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	res = post("approve")
	loc, _ := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusFound {
		t.Fatalf("approve: status %d, want 302", res.StatusCode)
	}
	code, err := auth.CobotCallbackValues(loc.Query(), req.State)
	if err != nil {
		t.Fatalf("callback after approval: %v", err)
	}
	if _, err := cfg.Exchange(context.Background(), code, req.Verifier); err != nil {
		t.Errorf("Exchange after approval: %v", err)
	}
	if res := post("approve"); res.StatusCode != http.StatusBadRequest {
		t.Errorf("second approval of the same request: status %d, want 400", res.StatusCode)
	}

	// Denial, here through the auto-approve parameter's other value.
	req, _ = cfg.AuthCodeURL(oauth2.SetAuthURLParam(sandbox.CobotConsentParam, "deny"))
	res, err = noRedirect.Get(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, _ = url.Parse(res.Header.Get("Location"))
	_, err = auth.CobotCallbackValues(loc.Query(), req.State)
	var ce *auth.CallbackError
	if !errors.As(err, &ce) || ce.Code != "access_denied" {
		t.Errorf("callback after denial: %v, want a CallbackError access_denied", err)
	}
}

func testCobotAuthorizeRejects(t *testing.T, sb *sandbox.Server, root string) {
	c := sb.Credentials()
	valid := url.Values{"response_type": {"code"}, "client_id": {c.CobotClientID}, "redirect_uri": {c.CobotRedirectURL},
		"scope": {"read_user"}, "state": {"st"}, "code_challenge": {strings.Repeat("a", 43)}, "code_challenge_method": {"S256"},
		sandbox.CobotConsentParam: {"approve"}}
	tests := []struct {
		name      string
		change    map[string]string
		wantPage  bool   // answered on the page, never redirected
		wantError string // OAuth error in the redirect
	}{
		{name: "unknown client", change: map[string]string{"client_id": "someone-else"}, wantPage: true},
		{name: "unregistered redirect URI", change: map[string]string{"redirect_uri": "https://evil.example/cb"}, wantPage: true},
		{name: "implicit grant", change: map[string]string{"response_type": "token"}, wantError: "unsupported_response_type"},
		{name: "plain PKCE", change: map[string]string{"code_challenge_method": "plain"}, wantError: "invalid_request"},
		{name: "PKCE method missing", change: map[string]string{"code_challenge_method": ""}, wantError: "invalid_request"},
		{name: "short challenge", change: map[string]string{"code_challenge": "abc"}, wantError: "invalid_request"},
		{name: "unknown scope", change: map[string]string{"scope": "read_user launch_rockets"}, wantError: "invalid_scope"},
		{name: "bad consent value", change: map[string]string{sandbox.CobotConsentParam: "maybe"}, wantError: "invalid_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := url.Values{}
			for k, v := range valid {
				q[k] = v
			}
			for k, v := range tt.change {
				if v == "" {
					q.Del(k)
				} else {
					q.Set(k, v)
				}
			}
			res, err := noRedirect.Get(root + sandbox.CobotAuthorizePath + "?" + q.Encode())
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if tt.wantPage {
				if res.StatusCode != http.StatusBadRequest || res.Header.Get("Location") != "" {
					t.Errorf("status %d, Location %q; want 400 and no redirect", res.StatusCode, res.Header.Get("Location"))
				}
				return
			}
			loc, _ := url.Parse(res.Header.Get("Location"))
			if res.StatusCode != http.StatusFound || loc.Query().Get("error") != tt.wantError || loc.Query().Get("state") != "st" {
				t.Errorf("status %d, redirect %s; want 302 with error=%s and the state", res.StatusCode, loc, tt.wantError)
			}
		})
	}
}

func testCobotTokenEndpointRejects(t *testing.T, sb *sandbox.Server, root string, advance func(time.Duration)) {
	ctx := context.Background()
	creds := sb.Credentials()
	public := cobotConfig(root, creds, false, "read_user")

	post := func(form url.Values) (int, string) {
		t.Helper()
		res, err := http.PostForm(root+sandbox.CobotTokenPath, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var body struct{ Error string }
		json.NewDecoder(res.Body).Decode(&body)
		return res.StatusCode, body.Error
	}
	form := func(code, verifier string, extra ...string) url.Values {
		f := url.Values{"grant_type": {"authorization_code"}, "client_id": {creds.CobotClientID}, "code": {code},
			"redirect_uri": {creds.CobotRedirectURL}, "code_verifier": {verifier}}
		for i := 0; i+1 < len(extra); i += 2 {
			if extra[i+1] == "" {
				f.Del(extra[i])
			} else {
				f.Set(extra[i], extra[i+1])
			}
		}
		return f
	}

	t.Run("wrong verifier through the SDK", func(t *testing.T) {
		req, code := cobotAuthorize(t, public)
		_, err := public.Exchange(ctx, code, oauth2.GenerateVerifier())
		var te *auth.TokenError
		if !errors.As(err, &te) || te.StatusCode != 400 || te.Code != "invalid_grant" {
			t.Fatalf("Exchange with another verifier: %v, want a TokenError 400 invalid_grant", err)
		}
		if _, err := public.Exchange(ctx, code, req.Verifier); err != nil {
			t.Errorf("Exchange with the right verifier after a failed attempt: %v", err)
		}
	})
	t.Run("reused code revokes its token", func(t *testing.T) {
		req, code := cobotAuthorize(t, public)
		tok, err := public.Exchange(ctx, code, req.Verifier)
		if err != nil {
			t.Fatal(err)
		}
		if res, _ := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", tok.AccessToken, "", ""); res.StatusCode != 200 {
			t.Fatalf("GET /user with the new token: %d", res.StatusCode)
		}
		_, err = public.Exchange(ctx, code, req.Verifier)
		var te *auth.TokenError
		if !errors.As(err, &te) || te.StatusCode != 400 || te.Code != "invalid_grant" {
			t.Fatalf("second Exchange of one code: %v, want a TokenError 400 invalid_grant", err)
		}
		if res, _ := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", tok.AccessToken, "", ""); res.StatusCode != 401 {
			t.Errorf("GET /user with the token of a replayed code: %d, want 401", res.StatusCode)
		}
	})

	tests := []struct {
		name       string
		cfg        auth.CobotConfig
		form       func(code, verifier string) url.Values
		advance    time.Duration
		wantStatus int
		wantError  string
	}{
		{name: "missing verifier", cfg: public, form: func(c, v string) url.Values { return form(c, v, "code_verifier", "") },
			wantStatus: 400, wantError: "invalid_grant"},
		{name: "malformed verifier", cfg: public, form: func(c, v string) url.Values { return form(c, v, "code_verifier", "short") },
			wantStatus: 400, wantError: "invalid_grant"},
		{name: "wrong client secret", cfg: public, form: func(c, v string) url.Values { return form(c, v, "client_secret", "guess") },
			wantStatus: 401, wantError: "invalid_client"},
		{name: "unknown client", cfg: public, form: func(c, v string) url.Values { return form(c, v, "client_id", "other") },
			wantStatus: 401, wantError: "invalid_client"},
		{name: "other redirect URI", cfg: public, form: func(c, v string) url.Values { return form(c, v, "redirect_uri", "http://127.0.0.1/other") },
			wantStatus: 400, wantError: "invalid_grant"},
		{name: "missing redirect URI", cfg: public, form: func(c, v string) url.Values { return form(c, v, "redirect_uri", "") },
			wantStatus: 400, wantError: "invalid_grant"},
		{name: "unknown code", cfg: public, form: func(c, v string) url.Values { return form("nope", v) },
			wantStatus: 400, wantError: "invalid_grant"},
		{name: "password grant", cfg: public, form: func(c, v string) url.Values { return form(c, v, "grant_type", "password") },
			wantStatus: 400, wantError: "unsupported_grant_type"},
		{name: "expired code", cfg: public, form: func(c, v string) url.Values { return form(c, v) }, advance: 10 * time.Minute,
			wantStatus: 400, wantError: "invalid_grant"},
		{name: "code still valid", cfg: public, form: func(c, v string) url.Values { return form(c, v) }, advance: 9 * time.Minute,
			wantStatus: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, code := cobotAuthorize(t, tt.cfg)
			advance(tt.advance)
			status, e := post(tt.form(code, req.Verifier))
			if status != tt.wantStatus || e != tt.wantError {
				t.Errorf("token request: %d %q, want %d %q", status, e, tt.wantStatus, tt.wantError)
			}
		})
	}

	t.Run("public client without PKCE", func(t *testing.T) {
		q := url.Values{"response_type": {"code"}, "client_id": {creds.CobotClientID}, "redirect_uri": {creds.CobotRedirectURL},
			"scope": {"read_user"}, sandbox.CobotConsentParam: {"approve"}}
		res, err := noRedirect.Get(root + sandbox.CobotAuthorizePath + "?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc, _ := url.Parse(res.Header.Get("Location"))
		code := loc.Query().Get("code")
		if status, e := post(form(code, "", "code_verifier", "")); status != 401 || e != "invalid_client" {
			t.Errorf("exchange without PKCE or secret: %d %q, want 401 invalid_client", status, e)
		}
		// A confidential client may use the documented flow without PKCE.
		if status, e := post(form(code, "", "code_verifier", "", "client_secret", creds.CobotClientSecret)); status != 200 {
			t.Errorf("exchange with the secret and no PKCE: %d %q, want 200", status, e)
		}
	})
}

func testCobotTokenExpiryAndScopes(t *testing.T, sb *sandbox.Server, root string, advance func(time.Duration)) {
	ctx := context.Background()
	tok := sb.CobotTestToken("read_user")
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok}), BaseURL: root + sandbox.CobotAPIPath}, noLimit()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetUserWithResponse(ctx, nil); err != nil {
		t.Fatalf("GetUser with read_user: %v", err)
	}

	// Cobot documents the scheme in lower case.
	lower, _ := http.NewRequest("GET", root+sandbox.CobotAPIPath+"/user", nil)
	lower.Header.Set("Authorization", "bearer "+tok)
	lower.Header.Set("Accept", "application/vnd.api+json")
	res, err := http.DefaultClient.Do(lower)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("GET /user with a lower-case bearer scheme: %d, want 200", res.StatusCode)
	}

	// A scope the token lacks: 403 with a JSON:API error and an insufficient_scope challenge.
	_, err = c.GetBookingWithResponse(ctx, "any", nil)
	if !errors.Is(err, hospitality.ErrForbidden) {
		t.Errorf("GetBooking without read_bookings: %v, want ErrForbidden", err)
	}
	res, body := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/bookings/any", tok, "", "")
	if e := firstError(t, body); res.StatusCode != 403 || e.Status != "403" || !strings.Contains(e.Detail, "read_bookings") ||
		!strings.Contains(res.Header.Get("WWW-Authenticate"), `error="insufficient_scope"`) || res.Header.Get("Content-Type") != "application/vnd.api+json" {
		t.Errorf("GET /bookings/any without read_bookings: %d %s %q", res.StatusCode, body, res.Header.Get("WWW-Authenticate"))
	}

	// Past its lifetime the token is refused with 401.
	advance(time.Hour)
	_, err = c.GetUserWithResponse(ctx, nil)
	if !errors.Is(err, hospitality.ErrUnauthorized) {
		t.Errorf("GetUser with an expired token: %v, want ErrUnauthorized", err)
	}
	res, body = cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", tok, "", "")
	if e := firstError(t, body); res.StatusCode != 401 || e.Status != "401" || !strings.Contains(e.Detail, "expired") ||
		!strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("GET /user with an expired token: %d %s %q", res.StatusCode, body, res.Header.Get("WWW-Authenticate"))
	}
	if res, _ := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", "", "", ""); res.StatusCode != 401 {
		t.Errorf("GET /user without a token: %d, want 401", res.StatusCode)
	}
}

func testCobotSpaceToken(t *testing.T, sb *sandbox.Server, root string) {
	ctx := context.Background()
	cfg := cobotConfig(root, sb.Credentials(), true, cobotScopes...)
	req, code := cobotAuthorize(t, cfg)
	user, err := cfg.Exchange(ctx, code, req.Verifier)
	if err != nil {
		t.Fatal(err)
	}

	_, err = cfg.CreateSpaceToken(ctx, user.AccessToken, "not-my-space")
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != 422 {
		t.Errorf("CreateSpaceToken for another space: %v, want a TokenError 422", err)
	}
	space, err := cfg.CreateSpaceToken(ctx, user.AccessToken, sandbox.CobotSpaceID)
	if err != nil {
		t.Fatalf("CreateSpaceToken: %v", err)
	}
	if space.AccessToken == "" || space.AccessToken == user.AccessToken || !space.Expiry.IsZero() || space.Extra("client_id") != cfg.ClientID {
		t.Errorf("space token = %+v (client_id %v), want a new non-expiring token of the app", space, space.Extra("client_id"))
	}
	wantScopes := []string{"read_user", "read_bookings", "write_bookings", "read_memberships"}
	if got, err := cfg.TokenScopes(ctx, space.AccessToken); err != nil || !slices.Equal(got, wantScopes) {
		t.Errorf("TokenScopes(space token) = %v, %v; want %v (the user's API scopes)", got, err, wantScopes)
	}
	if _, err := cfg.CreateSpaceToken(ctx, space.AccessToken, sandbox.CobotSpaceID); !errors.As(err, &te) || te.StatusCode != 422 {
		t.Errorf("CreateSpaceToken from a space token: %v, want a TokenError 422", err)
	}

	// The user disconnects: the user token stops working, the space-owned one does not.
	if err := cfg.RevokeToken(ctx, user.AccessToken); err != nil {
		t.Fatalf("RevokeToken: %v", err)
	}
	if _, err := cfg.TokenScopes(ctx, user.AccessToken); !errors.As(err, &te) || te.StatusCode != 404 {
		t.Errorf("TokenScopes of a revoked token: %v, want a TokenError 404", err)
	}
	if err := cfg.RevokeToken(ctx, user.AccessToken); !errors.As(err, &te) || te.StatusCode != 404 {
		t.Errorf("RevokeToken twice: %v, want a TokenError 404", err)
	}
	if res, _ := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", user.AccessToken, "", ""); res.StatusCode != 401 {
		t.Errorf("API 2 with a revoked token: %d, want 401", res.StatusCode)
	}
	v1, err := cobotv1.New(hospitality.ConnectCobotV1(ctx, hospitality.CobotConfig{
		TokenSource: auth.CobotTokenSource(ctx, cfg, space), BaseURL: root + sandbox.CobotV1APIPath}, noLimit()))
	if err != nil {
		t.Fatal(err)
	}
	members, err := v1.ListMembershipsWithResponse(ctx)
	if err != nil || members.JSON200 == nil || len(*members.JSON200) == 0 {
		t.Errorf("API 1 ListMemberships with the space token: %v", err)
	}
}

func testCobotRateLimit(t *testing.T, sb *sandbox.Server, root string, advance func(time.Duration)) {
	tok, other := sb.CobotTestToken(), sb.CobotTestToken()
	get := func(tok string) (*http.Response, []byte) {
		return cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", tok, "", "")
	}
	for i := range 3 {
		if res, _ := get(tok); res.StatusCode != 200 {
			t.Fatalf("request %d within the limit: %d", i+1, res.StatusCode)
		}
	}
	res, body := get(tok)
	if e := firstError(t, body); res.StatusCode != 429 || e.Status != "429" || res.Header.Get("Retry-After") != "1200" {
		t.Errorf("4th request in an hour: %d, Retry-After %q, %s; want 429 and 1200 s (one slot frees every 20 min)",
			res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	res, body = cobotRaw(t, "GET", root+sandbox.CobotAccessTokensBase+"/access_tokens/"+tok, tok, "", "")
	if res.StatusCode != 429 || res.Header.Get("Retry-After") != "1200" || !strings.Contains(string(body), `"errors"`) {
		t.Errorf("API 1 over the limit: %d %s, want 429 with Retry-After", res.StatusCode, body)
	}
	if res, _ := get(other); res.StatusCode != 200 {
		t.Errorf("another token: %d, want 200 (the limit is per token)", res.StatusCode)
	}
	advance(19 * time.Minute)
	if res, _ := get(tok); res.StatusCode != 429 || res.Header.Get("Retry-After") != "60" {
		t.Errorf("after 19 min: %d, Retry-After %q; want 429 and 60", res.StatusCode, res.Header.Get("Retry-After"))
	}
	advance(time.Minute)
	if res, _ := get(tok); res.StatusCode != 200 {
		t.Errorf("after 20 min: %d, want 200", res.StatusCode)
	}
}

// testCobotMembershipsRateLimit: API 1's GET /api/memberships has a bucket of its own (1 per hour
// here) besides the general one (3 per hour); a refused request takes from neither.
func testCobotMembershipsRateLimit(t *testing.T, sb *sandbox.Server, root string, advance func(time.Duration)) {
	tok := sb.CobotTestToken()
	list := func() (*http.Response, []byte) {
		return cobotRaw(t, "GET", root+sandbox.CobotV1APIPath+"/api/memberships", tok, "", "")
	}
	if res, body := list(); res.StatusCode != 200 {
		t.Fatalf("first memberships list: %d %s", res.StatusCode, body)
	}
	res, body := list()
	if res.StatusCode != 429 || res.Header.Get("Retry-After") != "3600" || !strings.Contains(string(body), "rate limit of 1 requests") {
		t.Errorf("second memberships list in the hour: %d, Retry-After %q, %s; want 429, 3600 s and the memberships limit",
			res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	// The general bucket gave one request to the first list and none to the refused one: two left.
	for i := range 2 {
		if res, body := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", tok, "", ""); res.StatusCode != 200 {
			t.Fatalf("API 2 request %d after the refused list: %d %s, want 200", i+1, res.StatusCode, body)
		}
	}
	if res, _ := cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/user", tok, "", ""); res.StatusCode != 429 {
		t.Errorf("4th general request in the hour: %d, want 429", res.StatusCode)
	}
	// The bucket refills over the window (the token itself expires at the hour).
	advance(59 * time.Minute)
	if res, _ := list(); res.StatusCode != 429 || res.Header.Get("Retry-After") != "60" {
		t.Errorf("memberships list after 59 min: %d, Retry-After %q; want 429 and 60", res.StatusCode, res.Header.Get("Retry-After"))
	}
}

// statusCounter counts the answers a handler gives by status.
type statusCounter struct {
	http.ResponseWriter
	tooMany *atomic.Int64
}

func (w statusCounter) WriteHeader(code int) {
	if code == http.StatusTooManyRequests {
		w.tooMany.Add(1)
	}
	w.ResponseWriter.WriteHeader(code)
}

// countingSandbox starts a sandbox with opts on loopback and counts its 429 answers.
func countingSandbox(t *testing.T, opts sandbox.Options) (*sandbox.Server, string, *atomic.Int64) {
	t.Helper()
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	tooMany := new(atomic.Int64)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sb.ServeHTTP(statusCounter{w, tooMany}, r)
	}))
	t.Cleanup(srv.Close)
	return sb, srv.URL, tooMany
}

// TestCobotRateLimitSDKBurst shrinks the window to 5 requests per 200 ms: a burst through an SDK
// client limited to the same rate gets no 429, while raw requests beyond it get 429 with
// Retry-After.
func TestCobotRateLimitSDKBurst(t *testing.T) {
	ctx := context.Background()
	const limit, window = 5, 200 * time.Millisecond
	sb, root, tooMany := countingSandbox(t, sandbox.Options{CobotRateLimit: limit, CobotRateWindow: window})

	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: sb.CobotTestToken()}), BaseURL: root + sandbox.CobotAPIPath},
		hospitality.WithRateLimit(transport.RateLimit{Limit: rate.Every(window / limit), Burst: 1})))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 15)
	for range 3 {
		wg.Go(func() {
			for range 5 {
				if _, err := c.GetUserWithResponse(ctx, nil); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("GetUser in a paced burst: %v", err)
	}
	t.Logf("429 answers the SDK absorbed: %d", tooMany.Load())

	// Ten raw requests at once on a sandbox whose clock stands still, so the bucket never
	// refills: exactly five pass, the rest wait for a slot (40 ms, so Retry-After rounds up to
	// one second).
	frozen := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	still, stillRoot := start(t, sandbox.Options{CobotRateLimit: limit, CobotRateWindow: window,
		Now: func() time.Time { return frozen }})
	tok := still.CobotTestToken()
	var limited atomic.Int64
	for range 10 {
		wg.Go(func() {
			res, _ := cobotRaw(t, "GET", stillRoot+sandbox.CobotAPIPath+"/user", tok, "", "")
			if res.StatusCode == http.StatusTooManyRequests {
				limited.Add(1)
				if got := res.Header.Get("Retry-After"); got != "1" {
					t.Errorf("Retry-After = %q, want 1 (seconds, rounded up)", got)
				}
			}
		})
	}
	wg.Wait()
	if got := limited.Load(); got != 10-limit {
		t.Errorf("10 simultaneous requests under a limit of %d per %v: %d answered 429, want %d", limit, window, got, 10-limit)
	}
}

func testCobotDiscoveryAndKeys(t *testing.T, _ *sandbox.Server, root string) {
	var disc map[string]any
	res, body := cobotRaw(t, "GET", root+sandbox.CobotDiscoveryPath, "", "", "")
	if err := json.Unmarshal(body, &disc); err != nil || res.StatusCode != 200 {
		t.Fatalf("discovery: %d %s", res.StatusCode, body)
	}
	iss := root + sandbox.CobotPath
	for k, want := range map[string]string{
		"issuer": iss, "authorization_endpoint": root + sandbox.CobotAuthorizePath, "token_endpoint": root + sandbox.CobotTokenPath,
		"jwks_uri": root + sandbox.CobotJWKSPath, "userinfo_endpoint": root + sandbox.CobotUserInfoPath,
	} {
		if disc[k] != want {
			t.Errorf("discovery %s = %v, want %s", k, disc[k], want)
		}
	}
	if got := disc["code_challenge_methods_supported"]; !slices.Equal(toStrings(got), []string{"S256"}) {
		t.Errorf("code_challenge_methods_supported = %v, want [S256]", got)
	}
	_, body = cobotRaw(t, "GET", root+sandbox.CobotPath+"/.well-known/oauth-authorization-server", "", "", "")
	var as map[string]any
	json.Unmarshal(body, &as)
	if as["issuer"] != iss {
		t.Errorf("oauth-authorization-server issuer = %v, want %s", as["issuer"], iss)
	}

	var set struct {
		Keys []struct{ Kty, Alg, Use, Kid, N, E string }
	}
	_, body = cobotRaw(t, "GET", root+sandbox.CobotJWKSPath, "", "", "")
	if err := json.Unmarshal(body, &set); err != nil || len(set.Keys) != 1 {
		t.Fatalf("JWKS = %s, want one key", body)
	}
	k := set.Keys[0]
	if k.Kty != "RSA" || k.Alg != "RS256" || k.Use != "sig" || k.Kid == "" || len(k.N) < 340 || k.E != "AQAB" {
		t.Errorf("JWKS key = %+v, want a 2048-bit RSA RS256 signing key with a kid", k)
	}
	if strings.Contains(string(body), `"d"`) {
		t.Errorf("JWKS publishes the private exponent: %s", body)
	}

	var prm map[string]any
	_, body = cobotRaw(t, "GET", root+sandbox.CobotAPIPath+"/.well-known/oauth-protected-resource", "", "", "")
	json.Unmarshal(body, &prm)
	if prm["resource"] != root+sandbox.CobotAPIPath || !slices.Equal(toStrings(prm["authorization_servers"]), []string{iss}) {
		t.Errorf("protected resource metadata = %s", body)
	}
}

func testCobotUserInfoRejects(t *testing.T, sb *sandbox.Server, root string) {
	tests := []struct {
		name   string
		token  string
		status int
	}{
		{"no token", "", 401},
		{"unknown token", "nope", 401},
		{"no openid scope", sb.CobotTestToken("read_user"), 403},
		{"openid", sb.CobotTestToken("openid"), 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := cobotRaw(t, "GET", root+sandbox.CobotUserInfoPath, tt.token, "", "")
			if res.StatusCode != tt.status {
				t.Errorf("userinfo: %d %s, want %d", res.StatusCode, body, tt.status)
			}
			if tt.status == 200 && string(body) != `{"sub":"776e9edf3b7d0ceb5f7213005a95863a"}`+"\n" {
				t.Errorf("userinfo with openid only = %s, want the subject alone", body)
			}
		})
	}
}

func toStrings(v any) []string {
	var out []string
	if a, ok := v.([]any); ok {
		for _, x := range a {
			s, _ := x.(string)
			out = append(out, s)
		}
	}
	return out
}

// TestCobotMembershipsLimitSDK scales Cobot's limits to a 300 ms window (60 requests, and 6 for
// API 1's memberships list): a burst of 12 memberships lists through an SDK client whose endpoint
// limit matches the sandbox's all succeed, paced by the client; a burst with the endpoint limit
// removed runs into the sandbox's 429s (it sends up to 60 lists, so that even a slow machine
// exceeds 6 per window, and stops at the first failure).
func TestCobotMembershipsLimitSDK(t *testing.T) {
	ctx := context.Background()
	const window = 300 * time.Millisecond
	sb, root, tooMany := countingSandbox(t, sandbox.Options{CobotRateLimit: 60, CobotRateWindow: window})
	isList := func(r *http.Request) bool {
		return r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/api/memberships")
	}

	// burst sends up to n lists through a new client and returns how many succeeded before the
	// first failure.
	burst := func(endpoints []transport.EndpointLimit, n int) (ok int) {
		c, err := cobotv1.New(hospitality.ConnectCobotV1(ctx, hospitality.CobotConfig{
			TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: sb.CobotTestToken()}),
			BaseURL:     root + sandbox.CobotV1APIPath,
		}, hospitality.WithRateLimit(transport.RateLimit{Limit: rate.Every(window / 60), Burst: 1, Endpoints: endpoints}),
			hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})))
		if err != nil {
			t.Fatal(err)
		}
		for ; ok < n; ok++ {
			if resp, err := c.ListMembershipsWithResponse(ctx); err != nil || resp.JSON200 == nil {
				break
			}
		}
		return ok
	}

	paced := []transport.EndpointLimit{{Name: "memberships", Match: isList, Limit: rate.Every(window / 6), Burst: 1}}
	if ok := burst(paced, 12); ok != 12 || tooMany.Load() != 0 {
		t.Errorf("12 lists paced at 6 per %v: %d succeeded before a failure, %d answered 429; want 12 and 0", window, ok, tooMany.Load())
	}
	tooMany.Store(0)
	if ok := burst([]transport.EndpointLimit{}, 60); ok == 60 || tooMany.Load() == 0 {
		t.Errorf("60 lists without the endpoint limit: %d succeeded, %d answered 429; want the sandbox to refuse one", ok, tooMany.Load())
	}
}

// testCobotMediaTypes: API 2 answers 406 to a request that does not accept JSON:API and 415 to a
// request other than GET that is not labelled JSON:API, bodyless DELETEs included; the SDK's
// client labels every such request, so deleting a booking through it works.
func testCobotMediaTypes(t *testing.T, sb *sandbox.Server, root string) {
	ctx := context.Background()
	tok := sb.CobotTestToken()
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok}), BaseURL: root + sandbox.CobotAPIPath}, noLimit()))
	if err != nil {
		t.Fatal(err)
	}
	booking := func() string {
		t.Helper()
		from := wire.DateTime{Time: time.Date(2033, 3, 1, 9, 0, 0, 0, time.UTC)}
		res, err := c.CreateAdminBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, cobot.CreateBooking{Data: cobot.CreateBookingData{
			Type:       cobot.CreateBookingDataTypeBookings,
			Attributes: cobot.CreateBookingAttributes{From: from, To: wire.DateTime{Time: from.Add(time.Hour)}},
			Relationships: &cobot.CreateBookingRelationships{
				Resource: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "r", Type: "resources"}},
			},
		}})
		if err != nil || res.ApplicationVndAPIJSON201 == nil {
			t.Fatalf("CreateAdminBooking = %v, %v; want a booking", res, err)
		}
		return res.ApplicationVndAPIJSON201.Data.ID
	}
	id := booking()
	tests := []struct {
		name, method, path, accept, contentType string
		status                                  int
	}{
		{"no Accept", "GET", "/user", "", "", 406},
		{"plain JSON accepted", "GET", "/user", "application/json", "", 406},
		{"JSON:API with a parameter", "GET", "/user", "application/vnd.api+json; ext=bulk", "", 406},
		{"JSON:API among others", "GET", "/user", "application/json, application/vnd.api+json", "", 200},
		{"PDF download", "GET", "/invoices/abc.pdf", "application/pdf", "", 200},
		{"bodyless DELETE without Content-Type", "DELETE", "/bookings/" + id, "application/vnd.api+json", "", 415},
		{"bodyless DELETE as JSON", "DELETE", "/bookings/" + id, "application/vnd.api+json", "application/json", 415},
		{"bodyless DELETE as a form upload", "DELETE", "/bookings/" + id, "application/vnd.api+json", "multipart/form-data; boundary=x", 415},
		{"bodyless DELETE as JSON:API", "DELETE", "/bookings/" + id, "application/vnd.api+json", "application/vnd.api+json", 204},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, root+sandbox.CobotAPIPath+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+tok)
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Fatalf("%s %s (Accept %q, Content-Type %q) = %d %s, want %d", tc.method, tc.path, tc.accept, tc.contentType, res.StatusCode, body, tc.status)
			}
			if tc.status >= 400 {
				if e := firstError(t, body); e.Status != strconv.Itoa(tc.status) || res.Header.Get("Content-Type") != "application/vnd.api+json" {
					t.Errorf("%s %s error = %+v (Content-Type %q), want a JSON:API error with status %d", tc.method, tc.path, e, res.Header.Get("Content-Type"), tc.status)
				}
			}
		})
	}

	// Through the SDK, a bodyless DELETE is labelled JSON:API and succeeds.
	id = booking()
	res, err := c.DeleteSpaceBookingWithResponse(ctx, id)
	if err != nil || res.StatusCode() != http.StatusNoContent {
		t.Fatalf("DeleteSpaceBooking through the SDK = %v, %v; want 204", res, err)
	}
	if _, err := c.GetBookingWithResponse(ctx, id, nil); !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("GetBooking after the SDK's DELETE: %v, want ErrNotFound", err)
	}
}
