package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"golang.org/x/oauth2"
)

const (
	cbRedirect     = "https://app.example.com/cloudbeds/callback"
	cbRedirectWire = "https%3A%2F%2Fapp.example.com%2Fcloudbeds%2Fcallback"
	cbResources    = `[{"type":"property","id":"12345"},{"type":"association","id":678}]`
)

// fakeCloudbeds is a loopback fake of the Cloudbeds authorization server
// and API v1.3: single-use authorization codes, refresh tokens (rotated or
// not), the API-key grants, /oauth/metadata and one API method.
type fakeCloudbeds struct {
	*fakeServer
	t *testing.T

	mu        sync.Mutex
	rotate    bool              // refresh answers carry a new refresh token
	codes     map[string]bool   // issued codes → still redeemable
	refresh   map[string]bool   // valid refresh tokens
	access    map[string]string // valid access tokens → refresh token issued with them
	issued    int
	metadata  string              // body of /oauth/metadata
	onAPICall func(access string) // runs when an API call arrives, before it is answered
}

func newFakeCloudbeds(t *testing.T, rotate bool) *fakeCloudbeds {
	t.Helper()
	f := &fakeCloudbeds{
		t: t, rotate: rotate,
		codes: map[string]bool{}, refresh: map[string]bool{}, access: map[string]string{},
		metadata: `{"success":"true","data":{"api":{"url":"https://api.cloudbeds.com/api/v1.3"}},"message":null}`,
	}
	f.fakeServer = newFakeServer(t, f.answer)
	return f
}

// config returns a CloudbedsConfig pointed at the fake.
func (f *fakeCloudbeds) config(clock *fakeClock) auth.CloudbedsConfig {
	return auth.CloudbedsConfig{
		ClientID:     testClientID,
		ClientSecret: testSecret,
		RedirectURL:  cbRedirect,
		Scopes:       []string{"read:hotel", "read:reservation"},
		BaseURL:      f.URL + "/api/v1.3",
		HTTPClient:   f.Client(),
		Now:          clock.Now,
	}
}

// issueCode registers a new single-use authorization code.
func (f *fakeCloudbeds) issueCode() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.issued++
	code := fmt.Sprintf("authcode-%d-q7Zx", f.issued)
	f.codes[code] = true
	return code
}

// countGrant returns how many token requests used grantType.
func (f *fakeCloudbeds) countGrant(grantType string) int {
	n := 0
	for _, r := range f.Requests() {
		if r.Path == "/api/v1.3/access_token" {
			if form, _ := url.ParseQuery(r.Body); form.Get("grant_type") == grantType {
				n++
			}
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func (f *fakeCloudbeds) answer(w http.ResponseWriter, r recorded, _ int) {
	switch {
	case r.Method == http.MethodGet && r.Path == "/api/v1.3/oauth":
		q, _ := url.ParseQuery(r.RawQuery)
		code := f.issueCode()
		w.Header().Set("Location", q.Get("redirect_uri")+"?"+url.Values{"code": {code}, "state": {q.Get("state")}}.Encode())
		w.WriteHeader(http.StatusFound)
	case r.Method == http.MethodPost && r.Path == "/api/v1.3/access_token":
		f.token(w, r)
	case r.Method == http.MethodGet && r.Path == "/api/v1.3/oauth/metadata":
		writeJSON(w, http.StatusOK, f.metadata)
	case r.Method == http.MethodGet && r.Path == "/api/v1.3/getHotels":
		access, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		f.mu.Lock()
		_, ok := f.access[access]
		hook := f.onAPICall
		f.mu.Unlock()
		if !ok {
			writeJSON(w, http.StatusUnauthorized, `{"error":"access_denied","message":"The resource owner or authorization server denied the request."}`)
			return
		}
		if hook != nil {
			hook(access)
		}
		writeJSON(w, http.StatusOK, `{"success":true,"data":[{"propertyID":"12345","propertyName":"Hotel Test"}]}`)
	default:
		http.NotFound(w, nil)
	}
}

func (f *fakeCloudbeds) token(w http.ResponseWriter, r recorded) {
	form, err := url.ParseQuery(r.Body)
	if err != nil || r.Header.Get("Authorization") != "" ||
		form.Get("client_id") != testClientID || form.Get("client_secret") != testSecret {
		writeJSON(w, http.StatusUnauthorized, `{"error":"invalid_client","error_description":"Client authentication failed."}`)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	newPair := func(withRefresh bool, resources bool) string {
		f.issued++
		at := fmt.Sprintf("access-%d", f.issued)
		body := map[string]any{"access_token": at, "token_type": "Bearer", "expires_in": 3600}
		rt := ""
		if withRefresh {
			rt = fmt.Sprintf("refresh-%d", f.issued)
			f.refresh[rt] = true
			body["refresh_token"] = rt
		}
		if resources {
			body["resources"] = json.RawMessage(cbResources)
		}
		f.access[at] = rt
		b, _ := json.Marshal(body)
		return string(b)
	}
	badCode := `{"error":"server_error","error_description":"The authorization code is invalid or has expired."}`
	switch form.Get("grant_type") {
	case "authorization_code", auth.CloudbedsAPIKeyGrantType:
		code := form.Get("code")
		if !f.codes[code] || form.Get("redirect_uri") != cbRedirect {
			writeJSON(w, http.StatusUnauthorized, badCode)
			return
		}
		f.codes[code] = false // single use
		if form.Get("grant_type") == auth.CloudbedsAPIKeyGrantType {
			f.issued++
			writeJSON(w, http.StatusOK, fmt.Sprintf(`{"access_token":"cbat_key%d","token_type":"Bearer","resources":%s}`, f.issued, cbResources))
			return
		}
		writeJSON(w, http.StatusOK, newPair(true, true))
	case "refresh_token":
		rt := form.Get("refresh_token")
		if !f.refresh[rt] {
			writeJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"Invalid refresh token"}`)
			return
		}
		if f.rotate {
			f.refresh[rt] = false
			writeJSON(w, http.StatusOK, newPair(true, false))
			return
		}
		body := newPair(false, false)
		var m map[string]any
		json.Unmarshal([]byte(body), &m)
		f.access[m["access_token"].(string)] = rt
		writeJSON(w, http.StatusOK, body)
	case auth.CloudbedsRefreshExchangeGrantType:
		rt := form.Get("refresh_token")
		if !f.refresh[rt] {
			writeJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"Invalid refresh token"}`)
			return
		}
		f.refresh[rt] = false
		writeJSON(w, http.StatusOK, `{"access_token":"cbat_migrated","token_type":"Bearer"}`)
	default:
		writeJSON(w, http.StatusBadRequest, `{"error":"unsupported_grant_type"}`)
	}
}

// callAPI makes one API call authorized by ts and returns the status.
func callAPI(t *testing.T, f *fakeCloudbeds, ts oauth2.TokenSource) int {
	t.Helper()
	ctx := context.Background()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.URL+"/api/v1.3/getHotels", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := auth.Bearer(ts)(ctx, req); err != nil {
		t.Fatalf("Bearer() error = %v, want nil", err)
	}
	resp, err := f.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestCloudbedsAuthCodeURL(t *testing.T) {
	tests := []struct {
		name      string
		mutate    func(*auth.CloudbedsConfig)
		wantBase  string
		wantScope string // "" means the parameter is absent
		wantExtra map[string]string
	}{
		{name: "default host", wantBase: "https://api.cloudbeds.com/api/v1.3/oauth", wantScope: "read:hotel read:reservation"},
		{name: "legacy host", mutate: func(c *auth.CloudbedsConfig) { c.BaseURL = auth.CloudbedsLegacyBaseURL },
			wantBase: "https://hotels.cloudbeds.com/api/v1.1/oauth", wantScope: "read:hotel read:reservation"},
		{name: "base with trailing slash", mutate: func(c *auth.CloudbedsConfig) { c.BaseURL = "https://api.cloudbeds.com/api/v1.2/" },
			wantBase: "https://api.cloudbeds.com/api/v1.2/oauth", wantScope: "read:hotel read:reservation"},
		{name: "auth url override keeps its query", mutate: func(c *auth.CloudbedsConfig) { c.AuthURL = "https://login.example.com/authorize?lang=en" },
			wantBase: "https://login.example.com/authorize", wantScope: "read:hotel read:reservation", wantExtra: map[string]string{"lang": "en"}},
		{name: "no scopes", mutate: func(c *auth.CloudbedsConfig) { c.Scopes = nil }, wantBase: "https://api.cloudbeds.com/api/v1.3/oauth"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := auth.CloudbedsConfig{ClientID: testClientID, RedirectURL: cbRedirect, Scopes: []string{"read:hotel", "read:reservation"}}
			if tc.mutate != nil {
				tc.mutate(&cfg)
			}
			got, state, err := cfg.AuthCodeURL()
			if err != nil {
				t.Fatalf("AuthCodeURL() error = %v, want nil", err)
			}
			u, err := url.Parse(got)
			if err != nil {
				t.Fatalf("AuthCodeURL() = %q, not a URL: %v", got, err)
			}
			if base := u.Scheme + "://" + u.Host + u.Path; base != tc.wantBase {
				t.Errorf("AuthCodeURL() endpoint = %q, want %q", base, tc.wantBase)
			}
			if len(state) != 43 {
				t.Errorf("AuthCodeURL() state = %q (%d chars), want 43 base64url characters", state, len(state))
			}
			want := url.Values{"client_id": {testClientID}, "redirect_uri": {cbRedirect}, "response_type": {"code"}, "state": {state}}
			if tc.wantScope != "" {
				want.Set("scope", tc.wantScope)
			}
			for k, v := range tc.wantExtra {
				want.Set(k, v)
			}
			if q := u.Query(); q.Encode() != want.Encode() {
				t.Errorf("AuthCodeURL() query = %q, want %q", q.Encode(), want.Encode())
			}
			if tc.wantScope != "" && !strings.Contains(u.RawQuery, "scope=read%3Ahotel+read%3Areservation") {
				t.Errorf("AuthCodeURL() raw query = %q, want space-separated scopes", u.RawQuery)
			}
			_, state2, err := cfg.AuthCodeURL()
			if err != nil || state2 == state {
				t.Errorf("second AuthCodeURL() state = %q, %v, want a different random state", state2, err)
			}
		})
	}
}

func TestCloudbedsAuthCodeURLWithState(t *testing.T) {
	cfg := auth.CloudbedsConfig{ClientID: testClientID, RedirectURL: cbRedirect, Scopes: []string{"read:hotel"}}
	got, err := cfg.AuthCodeURLWithState("st-1")
	want := "https://api.cloudbeds.com/api/v1.3/oauth?client_id=client-abc&redirect_uri=" + cbRedirectWire +
		"&response_type=code&scope=read%3Ahotel&state=st-1"
	if err != nil || got != want {
		t.Errorf("AuthCodeURLWithState(st-1) = %q, %v, want %q", got, err, want)
	}
}

func TestCloudbedsAuthCodeURLErrors(t *testing.T) {
	tests := []struct {
		name      string
		cfg       auth.CloudbedsConfig
		state     string
		wantField string
	}{
		{name: "missing redirect", cfg: auth.CloudbedsConfig{ClientID: testClientID}, state: "s", wantField: "RedirectURL"},
		{name: "relative redirect", cfg: auth.CloudbedsConfig{ClientID: testClientID, RedirectURL: "/callback"}, state: "s", wantField: "RedirectURL"},
		{name: "missing client id", cfg: auth.CloudbedsConfig{RedirectURL: cbRedirect}, state: "s", wantField: "ClientID"},
		{name: "http auth url", cfg: auth.CloudbedsConfig{ClientID: testClientID, RedirectURL: cbRedirect, AuthURL: "http://cloudbeds.example.com/oauth"}, state: "s", wantField: "AuthURL"},
		{name: "empty state", cfg: auth.CloudbedsConfig{ClientID: testClientID, RedirectURL: cbRedirect}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.cfg.AuthCodeURLWithState(tc.state)
			if err == nil {
				t.Fatalf("AuthCodeURLWithState(%q) = %q, nil, want an error", tc.state, got)
			}
			if tc.wantField == "" {
				return
			}
			var ce *auth.ConfigError
			if !errors.As(err, &ce) || ce.Field != tc.wantField {
				t.Errorf("AuthCodeURLWithState() error = %v, want *auth.ConfigError naming %s", err, tc.wantField)
			}
		})
	}
}

func TestCloudbedsCallback(t *testing.T) {
	const state = "expected-state-value"
	tests := []struct {
		name     string
		query    string
		state    string
		wantCode string
		wantErr  error // sentinel, or nil
		wantCB   *auth.CallbackError
		wantText string // substring of the error, for other errors
	}{
		{name: "ok", query: "code=authcode-1&state=" + state, state: state, wantCode: "authcode-1"},
		{name: "state mismatch", query: "code=authcode-1&state=other-state", state: state, wantErr: auth.ErrCloudbedsStateMismatch},
		{name: "state prefix only", query: "code=authcode-1&state=expected", state: state, wantErr: auth.ErrCloudbedsStateMismatch},
		{name: "state missing", query: "code=authcode-1", state: state, wantErr: auth.ErrCloudbedsStateMismatch},
		{name: "state repeated", query: "code=authcode-1&state=" + state + "&state=x", state: state, wantErr: auth.ErrCloudbedsStateMismatch},
		{name: "provider error with wrong state is a mismatch", query: "error=access_denied&state=nope", state: state, wantErr: auth.ErrCloudbedsStateMismatch},
		{name: "provider error", query: "error=access_denied&error_description=The+user+denied+access.&state=" + state, state: state,
			wantCB: &auth.CallbackError{Provider: "cloudbeds", Code: "access_denied", Description: "The user denied access."}},
		{name: "provider error description cleaned", query: "error=server_error&error_description=line1%0Aline2&state=" + state, state: state,
			wantCB: &auth.CallbackError{Provider: "cloudbeds", Code: "server_error", Description: "line1 line2"}},
		{name: "no code", query: "state=" + state, state: state, wantText: "auth: cloudbeds callback: no authorization code"},
		{name: "empty expected state", query: "code=authcode-1&state=", state: "", wantText: "auth: cloudbeds callback: expected state is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "https://app.example.com/cloudbeds/callback?"+tc.query, nil)
			q, _ := url.ParseQuery(tc.query)
			for variant, call := range map[string]func() (string, error){
				"CloudbedsCallback":       func() (string, error) { return auth.CloudbedsCallback(req, tc.state) },
				"CloudbedsCallbackValues": func() (string, error) { return auth.CloudbedsCallbackValues(q, tc.state) },
			} {
				code, err := call()
				switch {
				case tc.wantCode != "":
					if err != nil || code != tc.wantCode {
						t.Errorf("%s(%q) = %q, %v, want %q, nil", variant, tc.query, code, err, tc.wantCode)
					}
				case tc.wantErr != nil:
					if !errors.Is(err, tc.wantErr) || code != "" {
						t.Errorf("%s(%q) = %q, %v, want error %v", variant, tc.query, code, err, tc.wantErr)
					}
				case tc.wantCB != nil:
					var cb *auth.CallbackError
					if !errors.As(err, &cb) || *cb != *tc.wantCB {
						t.Errorf("%s(%q) error = %#v, want %#v", variant, tc.query, err, tc.wantCB)
					}
				default:
					if err == nil || !strings.Contains(err.Error(), tc.wantText) {
						t.Errorf("%s(%q) error = %v, want %q", variant, tc.query, err, tc.wantText)
					}
				}
			}
		})
	}
	if _, err := auth.CloudbedsCallback(nil, state); err == nil {
		t.Error("CloudbedsCallback(nil) error = nil, want an error")
	}
	cbErr := &auth.CallbackError{Provider: "cloudbeds", Code: "access_denied", Description: "denied"}
	if got, want := cbErr.Error(), "auth: cloudbeds callback: authorization failed: access_denied: denied"; got != want {
		t.Errorf("CallbackError.Error() = %q, want %q", got, want)
	}
}

// The code exchange posts exactly the documented form with the credentials
// in the body, decodes resources and saves the token; a reused code is
// rejected by the (single-use) fake and surfaces as a TokenError.
func TestCloudbedsExchange(t *testing.T) {
	clock := newClock()
	f := newFakeCloudbeds(t, true)
	store := auth.NewMemoryStore()
	cfg := f.config(clock)
	cfg.Store = store
	code := f.issueCode()

	tok, err := cfg.Exchange(context.Background(), code)
	if err != nil {
		t.Fatalf("Exchange() error = %v, want nil", err)
	}
	if tok.AccessToken != "access-2" || tok.RefreshToken != "refresh-2" || tok.TokenType != "Bearer" || !tok.Expiry.Equal(t0.Add(time.Hour)) {
		t.Errorf("Exchange() = %q/%q/%q/%v, want access-2/refresh-2/Bearer/%v", tok.AccessToken, tok.RefreshToken, tok.TokenType, tok.Expiry, t0.Add(time.Hour))
	}
	wantRes := []auth.CloudbedsResource{{Type: "property", ID: "12345"}, {Type: "association", ID: "678"}}
	if got := auth.CloudbedsResources(tok); fmt.Sprint(got) != fmt.Sprint(wantRes) {
		t.Errorf("CloudbedsResources(Exchange()) = %v, want %v", got, wantRes)
	}
	saved, _ := store.Load(context.Background(), "cloudbeds:"+testClientID)
	if saved == nil || saved.RefreshToken != "refresh-2" || fmt.Sprint(auth.CloudbedsResources(saved)) != fmt.Sprint(wantRes) {
		t.Errorf("stored token = %+v, want the exchanged token with its resources", saved)
	}

	reqs := f.Requests()
	if len(reqs) != 1 {
		t.Fatalf("requests = %d, want 1", len(reqs))
	}
	r := reqs[0]
	checkFields(t, "exchange request", []fieldCheck{
		{"method", r.Method, http.MethodPost},
		{"path", r.Path, "/api/v1.3/access_token"},
		{"query", r.RawQuery, ""},
		{"Content-Type", r.Header.Get("Content-Type"), "application/x-www-form-urlencoded"},
		{"Accept", r.Header.Get("Accept"), "application/json"},
		{"Authorization", r.Header.Get("Authorization"), ""},
		{"body", r.Body, "client_id=client-abc&client_secret=" + testSecret + "&code=" + code +
			"&grant_type=authorization_code&redirect_uri=" + cbRedirectWire},
	})

	_, err = cfg.Exchange(context.Background(), code)
	var te *auth.TokenError
	if !errors.As(err, &te) || te.Provider != "cloudbeds" || te.StatusCode != http.StatusUnauthorized || te.Code != "server_error" ||
		te.Message != "The authorization code is invalid or has expired." {
		t.Errorf("Exchange(reused code) error = %#v, want *auth.TokenError 401 server_error", err)
	}
	if err != nil {
		assertNoSecrets(t, "Exchange(reused code) error", err.Error(), testSecret, code)
	}
}

func TestCloudbedsExchangeInvalid(t *testing.T) {
	f := newFakeCloudbeds(t, true)
	tests := []struct {
		name   string
		mutate func(*auth.CloudbedsConfig)
		code   string
		want   string
	}{
		{name: "missing secret", mutate: func(c *auth.CloudbedsConfig) { c.ClientSecret = "" }, code: "c", want: "ClientSecret is required"},
		{name: "missing redirect", mutate: func(c *auth.CloudbedsConfig) { c.RedirectURL = "" }, code: "c", want: "RedirectURL is required"},
		{name: "empty code", code: "", want: "auth: cloudbeds token request: authorization code is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := f.config(newClock())
			if tc.mutate != nil {
				tc.mutate(&cfg)
			}
			if _, err := cfg.Exchange(context.Background(), tc.code); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Exchange() error = %v, want %q", err, tc.want)
			}
		})
	}
	if n := f.Count(); n != 0 {
		t.Errorf("requests = %d, want 0", n)
	}
}

// The refresh posts exactly the documented form; a rotated refresh token is
// in the store when the API call made with the new access token arrives.
func TestCloudbedsRefreshRotationPersistedBeforeUse(t *testing.T) {
	clock := newClock()
	f := newFakeCloudbeds(t, true)
	path := filepath.Join(t.TempDir(), "tokens.json")
	cfg := f.config(clock)
	cfg.Store = auth.NewFileStore(path)
	ctx := context.Background()

	tok, err := cfg.Exchange(ctx, f.issueCode())
	if err != nil {
		t.Fatalf("Exchange() error = %v, want nil", err)
	}
	var seen []string
	f.onAPICall = func(access string) {
		// Read through a separate FileStore, as another process would.
		stored, err := auth.NewFileStore(path).Load(ctx, "cloudbeds:"+testClientID)
		if err != nil || stored == nil {
			t.Errorf("store at API call = %v, %v, want a token", stored, err)
			return
		}
		f.mu.Lock()
		wantRT := f.access[access]
		f.mu.Unlock()
		seen = append(seen, access)
		if stored.AccessToken != access || stored.RefreshToken != wantRT {
			t.Errorf("store at API call with %s = %s/%s, want %s/%s", access, stored.AccessToken, stored.RefreshToken, access, wantRT)
		}
	}
	ts := auth.CloudbedsTokenSource(ctx, cfg, tok)
	if got := callAPI(t, f, ts); got != http.StatusOK {
		t.Fatalf("API call status = %d, want 200", got)
	}
	clock.Advance(time.Hour)
	if got := callAPI(t, f, ts); got != http.StatusOK {
		t.Fatalf("API call after expiry status = %d, want 200", got)
	}
	clock.Advance(time.Hour)
	if got := callAPI(t, f, ts); got != http.StatusOK {
		t.Fatalf("API call after second expiry status = %d, want 200", got)
	}
	if want := []string{"access-2", "access-3", "access-4"}; fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("access tokens used = %v, want %v", seen, want)
	}

	var refreshes []recorded
	for _, r := range f.Requests() {
		if strings.Contains(r.Body, "grant_type=refresh_token") {
			refreshes = append(refreshes, r)
		}
	}
	wantBodies := []string{
		"client_id=client-abc&client_secret=" + testSecret + "&grant_type=refresh_token&refresh_token=refresh-2",
		"client_id=client-abc&client_secret=" + testSecret + "&grant_type=refresh_token&refresh_token=refresh-3",
	}
	if len(refreshes) != len(wantBodies) {
		t.Fatalf("refresh requests = %d, want %d", len(refreshes), len(wantBodies))
	}
	for i, r := range refreshes {
		if r.Body != wantBodies[i] || r.Path != "/api/v1.3/access_token" || r.Header.Get("Authorization") != "" ||
			r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" {
			t.Errorf("refresh %d = %s %s Authorization=%q Content-Type=%q body %q, want POST /api/v1.3/access_token, no Authorization, form body %q",
				i, r.Method, r.Path, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), r.Body, wantBodies[i])
		}
	}
	// The rotated pair and the consent's resources survive in the file.
	stored, _ := auth.NewFileStore(path).Load(ctx, "cloudbeds:"+testClientID)
	if stored == nil || stored.RefreshToken != "refresh-4" || len(auth.CloudbedsResources(stored)) != 2 {
		t.Errorf("stored token = %+v, want refresh-4 with 2 resources", stored)
	}
}

// A refresh answer without refresh_token keeps the old (permanent) one, and
// one without resources keeps the previous resources.
func TestCloudbedsRefreshKeepsRefreshToken(t *testing.T) {
	clock := newClock()
	f := newFakeCloudbeds(t, false)
	store := auth.NewMemoryStore()
	cfg := f.config(clock)
	cfg.Store = store
	ctx := context.Background()
	tok, err := cfg.Exchange(ctx, f.issueCode())
	if err != nil {
		t.Fatalf("Exchange() error = %v, want nil", err)
	}
	ts := auth.CloudbedsTokenSource(ctx, cfg, tok)
	for i := range 3 {
		clock.Advance(time.Hour)
		got, err := ts.Token()
		if err != nil {
			t.Fatalf("Token() #%d error = %v, want nil", i, err)
		}
		if got.RefreshToken != "refresh-2" {
			t.Errorf("Token() #%d refresh token = %q, want refresh-2 kept", i, got.RefreshToken)
		}
		if res := auth.CloudbedsResources(got); len(res) != 2 || res[0].ID != "12345" {
			t.Errorf("CloudbedsResources(Token() #%d) = %v, want the consent's 2 resources", i, res)
		}
	}
	if n := f.countGrant("refresh_token"); n != 3 {
		t.Errorf("refresh requests = %d, want 3", n)
	}
	if saved, _ := store.Load(ctx, "cloudbeds:"+testClientID); saved == nil || saved.RefreshToken != "refresh-2" || saved.AccessToken != "access-5" {
		t.Errorf("stored token = %+v, want access-5 with refresh-2", saved)
	}
}

// The whole flow: authorize URL → consent → callback → code → token with
// resources → API call → refresh → a new process built from the FileStore
// continues without consent.
func TestCloudbedsEndToEnd(t *testing.T) {
	clock := newClock()
	f := newFakeCloudbeds(t, true)
	path := filepath.Join(t.TempDir(), "cloudbeds", "tokens.json")
	cfg := f.config(clock)
	cfg.Store = auth.NewFileStore(path)
	cfg.StoreKey = "cloudbeds:" + testClientID + ":12345"
	ctx := context.Background()

	authURL, state, err := cfg.AuthCodeURL()
	if err != nil {
		t.Fatalf("AuthCodeURL() error = %v, want nil", err)
	}
	// The user consents; the fake redirects to the redirect URI.
	noFollow := *f.Client()
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := noFollow.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, cbRedirect+"?") {
		t.Fatalf("consent answer = %d Location %q, want 302 to the redirect URI", resp.StatusCode, loc)
	}
	callback := httptest.NewRequest(http.MethodGet, loc, nil)

	// A forged callback (another state) is rejected.
	forged := httptest.NewRequest(http.MethodGet, strings.Replace(loc, "state=", "state=x", 1), nil)
	if _, err := auth.CloudbedsCallback(forged, state); !errors.Is(err, auth.ErrCloudbedsStateMismatch) {
		t.Errorf("CloudbedsCallback(forged) error = %v, want ErrCloudbedsStateMismatch", err)
	}
	code, err := auth.CloudbedsCallback(callback, state)
	if err != nil {
		t.Fatalf("CloudbedsCallback() error = %v, want nil", err)
	}
	tok, err := cfg.Exchange(ctx, code)
	if err != nil {
		t.Fatalf("Exchange() error = %v, want nil", err)
	}
	if res := auth.CloudbedsResources(tok); len(res) != 2 || res[0] != (auth.CloudbedsResource{Type: "property", ID: "12345"}) {
		t.Errorf("CloudbedsResources() = %v, want property 12345 first", res)
	}
	if _, err := cfg.Exchange(ctx, code); err == nil {
		t.Error("Exchange(reused code) error = nil, want a rejection")
	}

	ts := auth.CloudbedsTokenSource(ctx, cfg, tok)
	if got := callAPI(t, f, ts); got != http.StatusOK {
		t.Fatalf("API call status = %d, want 200", got)
	}
	clock.Advance(2 * time.Hour)
	if got := callAPI(t, f, ts); got != http.StatusOK {
		t.Fatalf("API call after refresh status = %d, want 200", got)
	}

	// A new process: only the file and the configuration.
	clock.Advance(2 * time.Hour)
	cfg2 := f.config(clock)
	cfg2.Store = auth.NewFileStore(path)
	cfg2.StoreKey = cfg.StoreKey
	ts2 := auth.CloudbedsStoredTokenSource(ctx, cfg2)
	if got := callAPI(t, f, ts2); got != http.StatusOK {
		t.Fatalf("API call from the new process status = %d, want 200", got)
	}
	grants := map[string]int{}
	for _, g := range []string{"authorization_code", "refresh_token"} {
		grants[g] = f.countGrant(g)
	}
	if grants["authorization_code"] != 2 || grants["refresh_token"] != 2 {
		t.Errorf("token requests by grant = %v, want 2 authorization_code (one rejected) and 2 refresh_token", grants)
	}
	tok2, err := ts2.Token()
	if err != nil {
		t.Fatal(err)
	}
	if res := auth.CloudbedsResources(tok2); len(res) != 2 || res[1] != (auth.CloudbedsResource{Type: "association", ID: "678"}) {
		t.Errorf("CloudbedsResources() in the new process = %v, want the consent's resources", res)
	}
}

// 1000 goroutines asking for a token after expiry cause one refresh.
func TestCloudbedsConcurrentRefresh(t *testing.T) {
	clock := newClock()
	f := newFakeCloudbeds(t, true)
	cfg := f.config(clock)
	cfg.Store = auth.NewMemoryStore()
	tok, err := cfg.Exchange(context.Background(), f.issueCode())
	if err != nil {
		t.Fatalf("Exchange() error = %v, want nil", err)
	}
	ts := auth.CloudbedsTokenSource(context.Background(), cfg, tok)
	clock.Advance(2 * time.Hour)

	const callers = 1000
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range callers {
		wg.Go(func() {
			<-start
			got, err := ts.TokenContext(context.Background())
			if err != nil {
				t.Errorf("TokenContext() error = %v, want nil", err)
				return
			}
			if got.AccessToken != "access-3" {
				t.Errorf("TokenContext() = %q, want access-3", got.AccessToken)
			}
		})
	}
	close(start)
	wg.Wait()
	if n := f.countGrant("refresh_token"); n != 1 {
		t.Errorf("refresh requests for %d concurrent callers = %d, want 1", callers, n)
	}
}

func TestCloudbedsSourceWithoutToken(t *testing.T) {
	f := newFakeCloudbeds(t, true)
	expired := &oauth2.Token{AccessToken: "old", Expiry: t0.Add(-time.Minute)}
	tests := []struct {
		name    string
		source  func(cfg auth.CloudbedsConfig) *auth.CachedSource
		wantErr error
		field   string
	}{
		{name: "empty store", source: func(cfg auth.CloudbedsConfig) *auth.CachedSource {
			cfg.Store = auth.NewMemoryStore()
			return auth.CloudbedsStoredTokenSource(context.Background(), cfg)
		}, wantErr: auth.ErrCloudbedsAuthorizationRequired},
		{name: "no store", source: func(cfg auth.CloudbedsConfig) *auth.CachedSource {
			return auth.CloudbedsStoredTokenSource(context.Background(), cfg)
		}, field: "Store"},
		{name: "nil token", source: func(cfg auth.CloudbedsConfig) *auth.CachedSource {
			return auth.CloudbedsTokenSource(context.Background(), cfg, nil)
		}, wantErr: auth.ErrCloudbedsAuthorizationRequired},
		{name: "expired token without refresh token", source: func(cfg auth.CloudbedsConfig) *auth.CachedSource {
			return auth.CloudbedsTokenSource(context.Background(), cfg, expired)
		}, wantErr: auth.ErrCloudbedsAuthorizationRequired},
		{name: "invalid config", source: func(cfg auth.CloudbedsConfig) *auth.CachedSource {
			cfg.ClientSecret = ""
			return auth.CloudbedsTokenSource(context.Background(), cfg, expired)
		}, field: "ClientSecret"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.source(f.config(newClock())).Token()
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("Token() error = %v, want %v", err, tc.wantErr)
			}
			var ce *auth.ConfigError
			if tc.field != "" && (!errors.As(err, &ce) || ce.Field != tc.field) {
				t.Errorf("Token() error = %v, want *auth.ConfigError naming %s", err, tc.field)
			}
		})
	}
	if n := f.Count(); n != 0 {
		t.Errorf("requests = %d, want 0", n)
	}
}

// A rejected refresh token surfaces as a TokenError without secrets.
func TestCloudbedsRefreshRejected(t *testing.T) {
	clock := newClock()
	f := newFakeCloudbeds(t, true)
	ts := auth.CloudbedsTokenSource(context.Background(), f.config(clock),
		&oauth2.Token{AccessToken: "old", RefreshToken: "revoked-refresh-token", Expiry: t0.Add(-time.Minute)})
	_, err := ts.Token()
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusBadRequest || te.Code != "invalid_grant" {
		t.Fatalf("Token() error = %v, want *auth.TokenError 400 invalid_grant", err)
	}
	assertNoSecrets(t, "Token() error", err.Error()+te.Body, testSecret, "revoked-refresh-token")
}

func TestCloudbedsAPIKeyGrant(t *testing.T) {
	f := newFakeCloudbeds(t, true)
	cfg := f.config(newClock())
	code := f.issueCode()
	got, err := cfg.ExchangeAPIKey(context.Background(), code)
	if err != nil {
		t.Fatalf("ExchangeAPIKey() error = %v, want nil", err)
	}
	want := auth.CloudbedsAPIKeyGrant{APIKey: "cbat_key2", Resources: []auth.CloudbedsResource{{Type: "property", ID: "12345"}, {Type: "association", ID: "678"}}}
	if fmt.Sprint(*got) != fmt.Sprint(want) {
		t.Errorf("ExchangeAPIKey() = %+v, want %+v", *got, want)
	}
	r := f.Requests()[0]
	wantBody := "client_id=client-abc&client_secret=" + testSecret + "&code=" + code +
		"&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Aapi-key&redirect_uri=" + cbRedirectWire
	if r.Method != http.MethodPost || r.Path != "/api/v1.3/access_token" || r.Body != wantBody || r.Header.Get("Authorization") != "" {
		t.Errorf("API-key grant request = %s %s Authorization=%q body %q, want POST /api/v1.3/access_token without Authorization, body %q",
			r.Method, r.Path, r.Header.Get("Authorization"), r.Body, wantBody)
	}
	if _, err := cfg.ExchangeAPIKey(context.Background(), code); err == nil {
		t.Error("ExchangeAPIKey(reused code) error = nil, want an error")
	} else {
		var te *auth.TokenError
		if !errors.As(err, &te) || te.StatusCode != http.StatusUnauthorized {
			t.Errorf("ExchangeAPIKey(reused code) error = %v, want *auth.TokenError 401", err)
		}
		assertNoSecrets(t, "ExchangeAPIKey() error", err.Error(), testSecret, code)
	}

	// The key then authorizes requests through the x-api-key header.
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/api/v1.3/getHotels", nil)
	for _, edit := range []auth.Editor{auth.CloudbedsAPIKey(got.APIKey), auth.CloudbedsPropertyID("12345")} {
		if err := edit(context.Background(), req); err != nil {
			t.Fatalf("editor error = %v, want nil", err)
		}
	}
	if k, p := req.Header.Get("x-api-key"), req.Header.Get("X-PROPERTY-ID"); k != "cbat_key2" || p != "12345" {
		t.Errorf("headers = x-api-key %q, X-PROPERTY-ID %q, want cbat_key2, 12345", k, p)
	}
	if err := auth.CloudbedsAPIKey("")(context.Background(), req); err == nil {
		t.Error("CloudbedsAPIKey(\"\") editor error = nil, want an error")
	}
}

// refresh_token_exchange trades the refresh token for a key and retires the
// stored OAuth token, so no source refreshes it (which would kill the key).
func TestCloudbedsMigrateToAPIKey(t *testing.T) {
	clock := newClock()
	f := newFakeCloudbeds(t, true)
	cfg := f.config(clock)
	cfg.Store = auth.NewMemoryStore()
	ctx := context.Background()
	tok, err := cfg.Exchange(ctx, f.issueCode())
	if err != nil {
		t.Fatalf("Exchange() error = %v, want nil", err)
	}
	ts := auth.CloudbedsTokenSource(ctx, cfg, tok)
	if _, err := ts.Token(); err != nil {
		t.Fatalf("Token() error = %v, want nil", err)
	}

	got, err := cfg.MigrateToAPIKey(ctx, tok.RefreshToken)
	if err != nil || got.APIKey != "cbat_migrated" {
		t.Fatalf("MigrateToAPIKey() = %+v, %v, want cbat_migrated", got, err)
	}
	last := f.Requests()[f.Count()-1]
	if want := "client_id=client-abc&client_secret=" + testSecret + "&grant_type=refresh_token_exchange&refresh_token=" + tok.RefreshToken; last.Body != want {
		t.Errorf("refresh_token_exchange body = %q, want %q", last.Body, want)
	}

	clock.Advance(2 * time.Hour)
	for name, src := range map[string]*auth.CachedSource{
		"running source": ts,
		"stored source":  auth.CloudbedsStoredTokenSource(ctx, cfg),
	} {
		if _, err := src.Token(); !errors.Is(err, auth.ErrCloudbedsAuthorizationRequired) {
			t.Errorf("%s Token() after migration error = %v, want ErrCloudbedsAuthorizationRequired", name, err)
		}
	}
	if n := f.countGrant("refresh_token"); n != 0 {
		t.Errorf("refresh requests after migration = %d, want 0", n)
	}
}

func TestCloudbedsDiscoverAPIURL(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		want     string
		wantText string
	}{
		{name: "string success", status: 200, body: `{"success":"true","data":{"api":{"url":"https://api.cloudbeds.com/api/v1.3/"}},"message":null}`, want: "https://api.cloudbeds.com/api/v1.3"},
		{name: "boolean success", status: 200, body: `{"success":true,"data":{"api":{"url":"https://eu.api.cloudbeds.com"}}}`, want: "https://eu.api.cloudbeds.com"},
		{name: "loopback http", status: 200, body: `{"success":"true","data":{"api":{"url":"http://127.0.0.1:9999/api/v1.3"}}}`, want: "http://127.0.0.1:9999/api/v1.3"},
		{name: "non-https rejected", status: 200, body: `{"success":"true","data":{"api":{"url":"http://api.cloudbeds.com/api/v1.3"}}}`,
			wantText: "auth: cloudbeds metadata: HTTP 200: data.api.url must use https (http is accepted only for loopback hosts)"},
		{name: "other scheme rejected", status: 200, body: `{"success":"true","data":{"api":{"url":"ftp://api.cloudbeds.com"}}}`, wantText: "data.api.url must use https"},
		{name: "relative url rejected", status: 200, body: `{"success":"true","data":{"api":{"url":"/api/v1.3"}}}`, wantText: "data.api.url must be an absolute URL"},
		{name: "user information rejected", status: 200, body: `{"success":"true","data":{"api":{"url":"https://user:pw@api.cloudbeds.com"}}}`,
			wantText: "auth: cloudbeds metadata: HTTP 200: data.api.url must not contain user information"},
		{name: "malformed body", status: 200, body: `<html>maintenance</html>`, wantText: "auth: cloudbeds metadata: HTTP 200: response is not a JSON object"},
		{name: "missing url", status: 200, body: `{"success":"true","data":[]}`, wantText: "response has no data.api.url"},
		{name: "success false", status: 200, body: `{"success":"false","message":"Property not found"}`, wantText: "success is not true: Property not found"},
		{name: "unauthorized", status: 401, body: `{"error":"access_denied","message":"The resource owner or authorization server denied the request."}`,
			wantText: "auth: cloudbeds metadata: HTTP 401: access_denied: The resource owner or authorization server denied the request."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeServer(t, jsonAnswer(tc.status, tc.body))
			cfg := auth.CloudbedsConfig{BaseURL: srv.URL + "/api/v1.3", HTTPClient: srv.Client()}
			got, err := cfg.DiscoverAPIURL(context.Background(), auth.Bearer(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "access-secret-1"})))
			if tc.wantText == "" {
				if err != nil || got != tc.want {
					t.Errorf("DiscoverAPIURL() = %q, %v, want %q, nil", got, err, tc.want)
				}
			} else {
				if err == nil || !strings.Contains(err.Error(), tc.wantText) {
					t.Errorf("DiscoverAPIURL() = %q, %v, want error containing %q", got, err, tc.wantText)
				}
				if err != nil {
					assertNoSecrets(t, "DiscoverAPIURL() error", err.Error(), "access-secret-1")
				}
			}
			r := srv.Requests()[0]
			if r.Method != http.MethodGet || r.Path != "/api/v1.3/oauth/metadata" || r.Header.Get("Authorization") != "Bearer access-secret-1" {
				t.Errorf("metadata request = %s %s Authorization=%q, want GET /api/v1.3/oauth/metadata with the bearer token",
					r.Method, r.Path, r.Header.Get("Authorization"))
			}
		})
	}
}

// The metadata call works with an API key too, and refuses an http endpoint.
func TestCloudbedsDiscoverAPIURLConfig(t *testing.T) {
	f := newFakeCloudbeds(t, true)
	cfg := f.config(newClock())
	got, err := cfg.DiscoverAPIURL(context.Background(), auth.CloudbedsAPIKey("cbat_abc"))
	if err != nil || got != "https://api.cloudbeds.com/api/v1.3" {
		t.Errorf("DiscoverAPIURL(api key) = %q, %v, want https://api.cloudbeds.com/api/v1.3", got, err)
	}
	if k := f.Requests()[0].Header.Get("x-api-key"); k != "cbat_abc" {
		t.Errorf("metadata request x-api-key = %q, want cbat_abc", k)
	}
	cfg.MetadataURL = "http://cloudbeds.example.com/oauth/metadata"
	var ce *auth.ConfigError
	if _, err := cfg.DiscoverAPIURL(context.Background(), auth.CloudbedsAPIKey("k")); !errors.As(err, &ce) || ce.Field != "MetadataURL" {
		t.Errorf("DiscoverAPIURL(http endpoint) error = %v, want *auth.ConfigError naming MetadataURL", err)
	}
	cfg.MetadataURL = ""
	if _, err := cfg.DiscoverAPIURL(context.Background(), nil); err == nil {
		t.Error("DiscoverAPIURL(nil editor) error = nil, want an error")
	}
	if f.Count() != 1 {
		t.Errorf("requests = %d, want 1", f.Count())
	}
}

func TestCloudbedsValidate(t *testing.T) {
	valid := auth.CloudbedsConfig{ClientID: testClientID, ClientSecret: testSecret}
	tests := []struct {
		name       string
		mutate     func(*auth.CloudbedsConfig)
		wantFields []string
	}{
		{name: "valid", mutate: func(*auth.CloudbedsConfig) {}},
		{name: "valid legacy host", mutate: func(c *auth.CloudbedsConfig) { c.BaseURL = auth.CloudbedsLegacyBaseURL }},
		{name: "missing credentials", mutate: func(c *auth.CloudbedsConfig) { c.ClientID, c.ClientSecret = "", "" }, wantFields: []string{"ClientID", "ClientSecret"}},
		{name: "http base", mutate: func(c *auth.CloudbedsConfig) { c.BaseURL = "http://api.cloudbeds.com/api/v1.3" }, wantFields: []string{"BaseURL"}},
		{name: "http token url", mutate: func(c *auth.CloudbedsConfig) { c.TokenURL = "http://api.cloudbeds.com/access_token" }, wantFields: []string{"TokenURL"}},
		{name: "http auth url", mutate: func(c *auth.CloudbedsConfig) { c.AuthURL = "http://hotels.cloudbeds.com/oauth" }, wantFields: []string{"AuthURL"}},
		{name: "relative redirect", mutate: func(c *auth.CloudbedsConfig) { c.RedirectURL = "callback" }, wantFields: []string{"RedirectURL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid
			tc.mutate(&cfg)
			err := cfg.Validate()
			if len(tc.wantFields) == 0 {
				if err != nil {
					t.Errorf("Validate() = %v, want nil", err)
				}
				return
			}
			var ce *auth.ConfigError
			if !errors.As(err, &ce) || ce.Provider != "cloudbeds" {
				t.Fatalf("Validate() = %v, want a cloudbeds *auth.ConfigError", err)
			}
			for _, f := range tc.wantFields {
				if !strings.Contains(err.Error(), "auth: cloudbeds config: "+f+" ") {
					t.Errorf("Validate() = %q, want it to name %s", err, f)
				}
			}
			if strings.Count(err.Error(), "BaseURL") > 1 {
				t.Errorf("Validate() = %q, want BaseURL reported once", err)
			}
			assertNoSecrets(t, "Validate()", err.Error(), testSecret)
		})
	}
}

func TestCloudbedsResources(t *testing.T) {
	tests := []struct {
		name  string
		tok   *oauth2.Token
		want  string
		empty bool
	}{
		{name: "nil token", empty: true},
		{name: "no resources", tok: &oauth2.Token{AccessToken: "a"}, empty: true},
		{name: "decoded response", tok: (&oauth2.Token{}).WithExtra(map[string]any{"resources": []any{
			map[string]any{"type": "property", "id": "1"}, map[string]any{"type": "association", "id": json.Number("22")}}}),
			want: "[{property 1} {association 22}]"},
		{name: "reloaded from a file (float ids)", tok: (&oauth2.Token{}).WithExtra(map[string]any{"resources": []any{
			map[string]any{"type": "property", "id": float64(12345)}}}), want: "[{property 12345}]"},
		{name: "entries without id skipped", tok: (&oauth2.Token{}).WithExtra(map[string]any{"resources": []any{
			map[string]any{"type": "property"}, "junk", map[string]any{"type": "property", "id": "9"}}}), want: "[{property 9}]"},
		{name: "not a list", tok: (&oauth2.Token{}).WithExtra(map[string]any{"resources": "property:1"}), empty: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := auth.CloudbedsResources(tc.tok)
			if tc.empty {
				if got != nil {
					t.Errorf("CloudbedsResources() = %v, want nil", got)
				}
				return
			}
			if fmt.Sprint(got) != tc.want {
				t.Errorf("CloudbedsResources() = %v, want %s", got, tc.want)
			}
		})
	}
}

// Cloudbeds tokens are refreshed ahead of expires_in (3600 s from the fake): by
// DefaultEarlyExpiry unless EarlyExpiry says otherwise, both for the token a
// source starts from and for one it already handed out.
func TestCloudbedsRefreshesEarly(t *testing.T) {
	tests := []struct {
		name        string
		early       time.Duration
		warm        bool // hand the token out once before the clock moves
		advance     time.Duration
		wantRefresh bool
	}{
		{name: "seed outside the default margin", advance: time.Hour - auth.DefaultEarlyExpiry - time.Second},
		{name: "seed inside the default margin", advance: time.Hour - auth.DefaultEarlyExpiry + time.Second, wantRefresh: true},
		{name: "cached token outside the default margin", warm: true, advance: time.Hour - auth.DefaultEarlyExpiry - time.Second},
		{name: "cached token inside the default margin", warm: true, advance: time.Hour - auth.DefaultEarlyExpiry + time.Second, wantRefresh: true},
		{name: "custom 5m margin, seed", early: 5 * time.Minute, advance: 55 * time.Minute, wantRefresh: true},
		{name: "custom 5m margin, cached", early: 5 * time.Minute, warm: true, advance: 55 * time.Minute, wantRefresh: true},
		{name: "custom 5m margin not reached", early: 5 * time.Minute, warm: true, advance: 55*time.Minute - time.Second},
		{name: "negative margin: used until expiry", early: -1, warm: true, advance: time.Hour - time.Second},
		{name: "negative margin: refreshed at expiry", early: -1, warm: true, advance: time.Hour, wantRefresh: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newClock()
			f := newFakeCloudbeds(t, true)
			cfg := f.config(clock)
			cfg.EarlyExpiry = tc.early
			ctx := context.Background()
			tok, err := cfg.Exchange(ctx, f.issueCode())
			if err != nil {
				t.Fatalf("Exchange() error = %v, want nil", err)
			}
			if !tok.Expiry.Equal(t0.Add(time.Hour)) {
				t.Fatalf("Exchange() expiry = %v, want %v (expires_in 3600 seconds)", tok.Expiry, t0.Add(time.Hour))
			}
			ts := auth.CloudbedsTokenSource(ctx, cfg, tok)
			if tc.warm {
				if got, err := ts.Token(); err != nil || got.AccessToken != tok.AccessToken {
					t.Fatalf("Token() = %v, %v, want %s", got, err, tok.AccessToken)
				}
			}
			clock.Advance(tc.advance)
			got, err := ts.Token()
			if err != nil {
				t.Fatalf("Token() after %v error = %v, want nil", tc.advance, err)
			}
			want, wantGrants := tok.AccessToken, 0
			if tc.wantRefresh {
				want, wantGrants = "access-3", 1
			}
			if got.AccessToken != want {
				t.Errorf("Token() after %v = %s, want %s", tc.advance, got.AccessToken, want)
			}
			if n := f.countGrant("refresh_token"); n != wantGrants {
				t.Errorf("refresh requests after %v = %d, want %d", tc.advance, n, wantGrants)
			}
		})
	}
}
