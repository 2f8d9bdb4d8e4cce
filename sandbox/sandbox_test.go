package sandbox_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

func start(t *testing.T, opts sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, srv.URL
}

type answer struct {
	status int
	body   map[string]any
}

func send(t *testing.T, method, u, contentType, body string, header map[string]string) answer {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var m map[string]any
	json.Unmarshal(raw, &m) // arrays leave m nil; callers check status for those
	return answer{res.StatusCode, m}
}

func kobasToken(t *testing.T, root string, c sandbox.Credentials) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {c.KobasClientID},
		"client_secret": {c.KobasClientSecret}, "scope": {"integration"}, "x-kobas-company-id": {c.KobasCompanyID}}
	a := send(t, "POST", root+sandbox.KobasTokenPath, "application/x-www-form-urlencoded", form.Encode(), nil)
	if a.status != 200 {
		t.Fatalf("kobas token: status %d %v", a.status, a.body)
	}
	return a.body["access_token"].(string)
}

func TestKobasTokenEndpoint(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c := sb.Credentials()
	tests := []struct {
		name       string
		form       url.Values
		query      string
		header     map[string]string
		wantStatus int
		wantCode   string
	}{
		{"company id in form", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.KobasClientID}, "client_secret": {c.KobasClientSecret}, "x-kobas-company-id": {c.KobasCompanyID}}, "", nil, 200, ""},
		{"company id in query", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.KobasClientID}, "client_secret": {c.KobasClientSecret}}, "?x-kobas-company-id=" + c.KobasCompanyID, nil, 200, ""},
		{"company id in header", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.KobasClientID}, "client_secret": {c.KobasClientSecret}}, "", map[string]string{"x-kobas-company-id": c.KobasCompanyID}, 200, ""},
		{"missing company id", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.KobasClientID}, "client_secret": {c.KobasClientSecret}}, "", nil, 400, "bad_request"},
		{"wrong secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.KobasClientID}, "client_secret": {"nope"}, "x-kobas-company-id": {c.KobasCompanyID}}, "", nil, 401, "invalid_client"},
		{"wrong grant", url.Values{"grant_type": {"password"}, "client_id": {c.KobasClientID}, "client_secret": {c.KobasClientSecret}, "x-kobas-company-id": {c.KobasCompanyID}}, "", nil, 400, "unsupported_grant_type"},
		{"other company", url.Values{"grant_type": {"client_credentials"}, "client_id": {c.KobasClientID}, "client_secret": {c.KobasClientSecret}, "x-kobas-company-id": {"999"}}, "", nil, 403, "access_denied"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, "POST", root+sandbox.KobasTokenPath+tc.query, "application/x-www-form-urlencoded", tc.form.Encode(), tc.header)
			if a.status != tc.wantStatus {
				t.Fatalf("status = %d, want %d (%v)", a.status, tc.wantStatus, a.body)
			}
			if tc.wantStatus == 200 {
				if a.body["token_type"] != "Bearer" || a.body["expires_in"] != 3600.0 || a.body["access_token"] == "" {
					t.Errorf("token answer = %v, want Bearer, 3600 and a token", a.body)
				}
				return
			}
			if a.body["code"] != tc.wantCode || a.body["message"] == "" {
				t.Errorf("error answer = %v, want code %q and a message", a.body, tc.wantCode)
			}
		})
	}
}

func TestKobasAPI(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c := sb.Credentials()
	tok := kobasToken(t, root, c)
	auth := map[string]string{"Authorization": "Bearer " + tok, "x-kobas-company-id": c.KobasCompanyID}
	tests := []struct {
		name       string
		path       string
		header     map[string]string
		wantStatus int
		wantInMsg  string
	}{
		{"venues", "/venue", auth, 200, ""},
		{"no token", "/venue", map[string]string{"x-kobas-company-id": c.KobasCompanyID}, 401, "bearer token"},
		{"unknown token", "/venue", map[string]string{"Authorization": "Bearer sbx_forged", "x-kobas-company-id": c.KobasCompanyID}, 401, "access token"},
		{"other company header", "/venue", map[string]string{"Authorization": "Bearer " + tok, "x-kobas-company-id": "999"}, 403, "x-kobas-company-id"},
		{"bad parameter", "/staff?limit=abc", auth, 400, `"limit"`},
		{"unknown route", "/nowhere", auth, 404, "no kobas operation"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, "GET", root+sandbox.KobasAPIPath+tc.path, "", "", tc.header)
			if a.status != tc.wantStatus {
				t.Fatalf("status = %d, want %d (%v)", a.status, tc.wantStatus, a.body)
			}
			if tc.wantInMsg != "" && !strings.Contains(a.body["message"].(string), tc.wantInMsg) {
				t.Errorf("message = %q, want it to name %s", a.body["message"], tc.wantInMsg)
			}
		})
	}
}

func TestTokenExpiry(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	sb, root := start(t, sandbox.Options{Now: clock, TokenLifetime: time.Minute})
	c := sb.Credentials()
	tok := kobasToken(t, root, c)
	auth := map[string]string{"Authorization": "Bearer " + tok, "x-kobas-company-id": c.KobasCompanyID}
	if a := send(t, "GET", root+sandbox.KobasAPIPath+"/venue", "", "", auth); a.status != 200 {
		t.Fatalf("fresh token: status %d", a.status)
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if a := send(t, "GET", root+sandbox.KobasAPIPath+"/venue", "", "", auth); a.status != 401 {
		t.Errorf("expired token: status %d, want 401", a.status)
	}
}

func TestOctotableToken(t *testing.T) {
	tests := []struct {
		name        string
		rejectJSON  bool
		contentType string
		body        func(c sandbox.Credentials) string
		wantStatus  int
	}{
		{"json", false, "application/json", func(c sandbox.Credentials) string {
			return `{"grant_type":"client_credentials","client_id":"` + c.OctotableClientID + `","client_secret":"` + c.OctotableClientSecret + `"}`
		}, 200},
		{"form", false, "application/x-www-form-urlencoded", func(c sandbox.Credentials) string {
			return url.Values{"grant_type": {"client_credentials"}, "client_id": {c.OctotableClientID}, "client_secret": {c.OctotableClientSecret}}.Encode()
		}, 200},
		{"json rejected by switch", true, "application/json", func(c sandbox.Credentials) string {
			return `{"grant_type":"client_credentials","client_id":"` + c.OctotableClientID + `","client_secret":"` + c.OctotableClientSecret + `"}`
		}, 415},
		{"form accepted with switch", true, "application/x-www-form-urlencoded", func(c sandbox.Credentials) string {
			return url.Values{"grant_type": {"client_credentials"}, "client_id": {c.OctotableClientID}, "client_secret": {c.OctotableClientSecret}}.Encode()
		}, 200},
		{"wrong secret", false, "application/json", func(c sandbox.Credentials) string {
			return `{"grant_type":"client_credentials","client_id":"` + c.OctotableClientID + `","client_secret":"nope"}`
		}, 401},
		{"plain text", false, "text/plain", func(sandbox.Credentials) string { return "hello" }, 415},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sb, root := start(t, sandbox.Options{OctotableRejectJSON: tc.rejectJSON})
			a := send(t, "POST", root+sandbox.OctotableAuthPath+"/oauth2/token", tc.contentType, tc.body(sb.Credentials()), nil)
			if a.status != tc.wantStatus {
				t.Fatalf("status = %d, want %d (%v)", a.status, tc.wantStatus, a.body)
			}
			if tc.wantStatus == 200 {
				if a.body["type"] != "Bearer" || a.body["token_type"] != nil || a.body["access_token"] == "" {
					t.Errorf("token answer = %v, want `type` (not token_type) and a token", a.body)
				}
				return
			}
			if a.body["success"] != false || a.body["error"] == nil {
				t.Errorf("error answer = %v, want OctoTable's {success:false, error:{...}}", a.body)
			}
		})
	}
}

func TestOctotablePropertyHeader(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c := sb.Credentials()
	a := send(t, "POST", root+sandbox.OctotableAuthPath+"/oauth2/token", "application/json",
		`{"grant_type":"client_credentials","client_id":"`+c.OctotableClientID+`","client_secret":"`+c.OctotableClientSecret+`"}`, nil)
	tok := a.body["access_token"].(string)
	tests := []struct {
		name       string
		property   string
		wantStatus int
	}{
		{"right property", "999643", 200},
		{"missing property", "", 401},
		{"other property", "1", 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{"Authorization": "Bearer " + tok}
			if tc.property != "" {
				h["Property"] = tc.property
			}
			if a := send(t, "GET", root+sandbox.OctotableAPIPath+"/rooms", "", "", h); a.status != tc.wantStatus {
				t.Errorf("GET /rooms status = %d, want %d (%v)", a.status, tc.wantStatus, a.body)
			}
		})
	}
}

func TestStartRejectsNonLoopback(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"0.0.0.0:0", "10.1.2.3:8080", ":8080"} {
		if err := sb.Start(addr); err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("Start(%q) = %v, want a loopback error", addr, err)
		}
	}
}

// Regression: the sandbox answered listStaff's example whatever the offset, so an iterator with
// a limit of 1 (a full page every time) never ended.
func TestKobasPagination(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c := sb.Credentials()
	auth := map[string]string{"Authorization": "Bearer " + kobasToken(t, root, c), "x-kobas-company-id": c.KobasCompanyID}
	tests := []struct {
		name                  string
		path                  string
		wantLen               int
		wantLimit, wantOffset float64
	}{
		{"staff default page", "/staff", 1, 50, 0},
		{"staff first page", "/staff?limit=1", 1, 1, 0},
		{"staff past the end", "/staff?limit=1&offset=1", 0, 1, 1},
		{"staff far past the end", "/staff?limit=50&offset=9223372036854775807", 0, 50, 9223372036854775807},
		{"shifts first page", "/staff/301/shifts?offset=0&limit=1", 1, 1, 0},
		{"shifts past the end", "/staff/301/shifts?offset=1&limit=1", 0, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := send(t, "GET", root+sandbox.KobasAPIPath+tc.path, "", "", auth)
			data, _ := a.body["data"].([]any)
			if a.status != 200 || len(data) != tc.wantLen || a.body["limit"] != tc.wantLimit || a.body["offset"] != tc.wantOffset {
				t.Errorf("GET %s = %d %v, want 200 with %d records, limit %v, offset %v", tc.path, a.status, a.body, tc.wantLen, tc.wantLimit, tc.wantOffset)
			}
		})
	}
}

func TestKobasSearchCustomers(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c := sb.Credentials()
	auth := map[string]string{"Authorization": "Bearer " + kobasToken(t, root, c), "x-kobas-company-id": c.KobasCompanyID}
	tests := []struct {
		name    string
		query   string
		wantIDs []float64
	}{
		{"no filter", "", []float64{50311}},
		{"email, other case", "?email=ADA@example.com", []float64{50311}},
		{"email and surname", "?email=ada@example.com&surname=Lovelace", []float64{50311}},
		{"other surname", "?email=ada@example.com&surname=Byron", []float64{}},
		{"unknown email", "?email=nobody@example.com", []float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", root+sandbox.KobasAPIPath+"/customer/search"+tc.query, nil)
			for k, v := range auth {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var got []struct {
				ID float64 `json:"id"`
			}
			if err := json.NewDecoder(res.Body).Decode(&got); err != nil || res.StatusCode != 200 {
				t.Fatalf("GET /customer/search%s = %d, %v", tc.query, res.StatusCode, err)
			}
			ids := []float64{}
			for _, cu := range got {
				ids = append(ids, cu.ID)
			}
			if !slices.Equal(ids, tc.wantIDs) {
				t.Errorf("GET /customer/search%s ids = %v, want %v", tc.query, ids, tc.wantIDs)
			}
		})
	}
}
