package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

func TestParseCobotWebhook(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantURL string
		wantErr string
	}{
		{name: "pointer", body: `{"url":"https://co-up.cobot.me/api/memberships/93207605"}`,
			wantURL: "https://co-up.cobot.me/api/memberships/93207605"},
		{name: "deleted object fields kept in Raw", body: ` {"url":"https://co-up.cobot.me/api/bookings/b1","title":"Design review"}`,
			wantURL: "https://co-up.cobot.me/api/bookings/b1"},
		{name: "not an object", body: `["https://co-up.cobot.me/api/x"]`, wantErr: "hospitality: cobot webhook: payload is not a JSON object"},
		{name: "empty", body: ``, wantErr: "hospitality: cobot webhook: payload is not a JSON object"},
		{name: "no url", body: `{"id":"1"}`, wantErr: "hospitality: cobot webhook: payload has no url"},
		{name: "relative url", body: `{"url":"/api/memberships/1"}`, wantErr: `hospitality: cobot webhook: url "/api/memberships/1" is not an absolute http(s) URL`},
		{name: "other scheme", body: `{"url":"file:///etc/passwd"}`, wantErr: `hospitality: cobot webhook: url "file:///etc/passwd" is not an absolute http(s) URL`},
		{name: "credentials in url", body: `{"url":"https://a:b@co-up.cobot.me/api/x"}`, wantErr: `hospitality: cobot webhook: url "https://a:b@co-up.cobot.me/api/x" is not an absolute http(s) URL`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hook, err := hospitality.ParseCobotWebhook([]byte(tc.body))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Errorf("ParseCobotWebhook(%s) error = %v, want %q", tc.body, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCobotWebhook(%s) error = %v", tc.body, err)
			}
			if hook.URL != tc.wantURL || string(hook.Raw) != strings.TrimSpace(tc.body) {
				t.Errorf("ParseCobotWebhook(%s) = url %q raw %s, want %q and the trimmed body", tc.body, hook.URL, hook.Raw, tc.wantURL)
			}
		})
	}
}

func TestCobotWebhookHandler(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		body       string
		handleErr  error
		wantStatus int
		wantCalled bool
	}{
		{"delivery", http.MethodPost, `{"url":"https://co-up.cobot.me/api/memberships/1"}`, nil, http.StatusOK, true},
		{"unsubscribe", http.MethodPost, `{"url":"https://co-up.cobot.me/api/memberships/1"}`, fmt.Errorf("done: %w", hospitality.ErrCobotUnsubscribe), http.StatusGone, true},
		{"handler failure is retried", http.MethodPost, `{"url":"https://co-up.cobot.me/api/memberships/1"}`, errors.New("queue full"), http.StatusInternalServerError, true},
		{"not a delivery", http.MethodPost, `{"id":1}`, nil, http.StatusBadRequest, false},
		{"too large", http.MethodPost, `{"url":"https://co-up.cobot.me/api/x","pad":"` + strings.Repeat("x", 1<<20) + `"}`, nil, http.StatusRequestEntityTooLarge, false},
		{"GET", http.MethodGet, ``, nil, http.StatusMethodNotAllowed, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var called bool
			h := hospitality.CobotWebhookHandler(func(_ context.Context, hook *hospitality.CobotWebhook) error {
				called = true
				if hook.URL != "https://co-up.cobot.me/api/memberships/1" {
					t.Errorf("handle got url %q", hook.URL)
				}
				return tc.handleErr
			})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tc.method, "/hooks/cobot", strings.NewReader(tc.body)))
			if rec.Code != tc.wantStatus || called != tc.wantCalled {
				t.Errorf("%s: status %d, handle called %v; want %d, %v", tc.name, rec.Code, called, tc.wantStatus, tc.wantCalled)
			}
		})
	}
}

// cobotResourceServer is a fake space host that records the requests it gets.
type cobotResourceServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []string // "METHOD path Authorization Accept"
}

func newCobotResourceServer(t *testing.T) *cobotResourceServer {
	t.Helper()
	s := &cobotResourceServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization")+" "+r.Header.Get("Accept"))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/memberships/gone" {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `{"errors":["not found"]}`)
			return
		}
		io.WriteString(w, `{"id":"93207605","name":"Maria Keller"}`)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *cobotResourceServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.reqs...)
}

func TestFetchCobotWebhook(t *testing.T) {
	srv := newCobotResourceServer(t)
	ctx := context.Background()
	c, err := hospitality.NewCobotV1(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "space-token"}),
		BaseURL:     srv.URL,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	tests := []struct {
		name     string
		url      string
		want     string // body returned
		wantReq  string // the one request sent; "" for none
		wantErr  string // substring of the error
		notFound bool
	}{
		{name: "resource on the client's host", url: srv.URL + "/api/memberships/93207605",
			want: `{"id":"93207605","name":"Maria Keller"}`, wantReq: "GET /api/memberships/93207605 Bearer space-token application/json"},
		{name: "query kept, fragment dropped", url: srv.URL + "/api/memberships/93207605?x=1#frag",
			want: `{"id":"93207605","name":"Maria Keller"}`, wantReq: "GET /api/memberships/93207605?x=1 Bearer space-token application/json"},
		{name: "deleted resource", url: srv.URL + "/api/memberships/gone", notFound: true,
			wantReq: "GET /api/memberships/gone Bearer space-token application/json"},
		{name: "another host", url: "https://evil.example/api/memberships/1", wantErr: `is not on the client's host "` + host + `"`},
		{name: "another port", url: "http://127.0.0.1:1/api/memberships/1", wantErr: "is not on the client's host"},
		{name: "https on an http host", url: "https://" + host + "/api/memberships/1", wantErr: `does not use the client's scheme "http"`},
		{name: "outside /api/", url: srv.URL + "/oauth/access_token", wantErr: "is not an API resource below /api/"},
		{name: "dot segments", url: srv.URL + "/api/../oauth/access_token", wantErr: "is not an API resource below /api/"},
		{name: "encoded dot segments", url: srv.URL + "/api/%2e%2e/oauth/access_token", wantErr: "is not an API resource below /api/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := len(srv.requests())
			got, err := hospitality.FetchCobotWebhook(ctx, c, &hospitality.CobotWebhook{URL: tc.url})
			reqs := srv.requests()[before:]
			switch {
			case tc.notFound:
				if !errors.Is(err, hospitality.ErrNotFound) {
					t.Errorf("FetchCobotWebhook(%s) error = %v, want ErrNotFound", tc.url, err)
				}
			case tc.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), "hospitality: cobot webhook fetch: ") {
					t.Errorf("FetchCobotWebhook(%s) error = %v, want one containing %q", tc.url, err, tc.wantErr)
				}
			default:
				if err != nil || string(got) != tc.want {
					t.Errorf("FetchCobotWebhook(%s) = %s, %v; want %s", tc.url, got, err, tc.want)
				}
			}
			var wantReqs []string
			if tc.wantReq != "" {
				wantReqs = []string{tc.wantReq}
			}
			if fmt.Sprint(reqs) != fmt.Sprint(wantReqs) {
				t.Errorf("FetchCobotWebhook(%s) sent %q, want %q", tc.url, reqs, wantReqs)
			}
		})
	}
}

// TestCobotWebhookTargetUpgrade checks, without a network, that an http URL on a space's https
// host is fetched over https and that a delivery naming another space is refused.
func TestCobotWebhookTargetUpgrade(t *testing.T) {
	var got []string
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.String()+" "+r.Header.Get("Authorization"))
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"id":"1"}`)), Request: r}, nil
	})
	ctx := context.Background()
	c, err := hospitality.NewCobotV1(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "space-token"}),
		Subdomain:   "co-up",
	}, hospitality.WithBaseTransport(rt), hospitality.WithRateLimit(transport.RateLimit{Disabled: true}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, url, wantSent string
	}{
		{"http upgraded", "http://co-up.cobot.me/api/memberships/1", "https://co-up.cobot.me/api/memberships/1 Bearer space-token"},
		{"host case", "https://CO-UP.cobot.me/api/memberships/1", "https://CO-UP.cobot.me/api/memberships/1 Bearer space-token"},
		{"another space", "https://other.cobot.me/api/memberships/1", ""},
		{"look-alike host", "https://co-up.cobot.me.evil.example/api/memberships/1", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got = nil
			body, err := hospitality.FetchCobotWebhook(ctx, c, &hospitality.CobotWebhook{URL: tc.url})
			if tc.wantSent == "" {
				if err == nil || len(got) != 0 {
					t.Errorf("FetchCobotWebhook(%s) = %s, %v, sent %q; want an error and nothing sent", tc.url, body, err, got)
				}
				return
			}
			if err != nil || string(body) != `{"id":"1"}` || len(got) != 1 || got[0] != tc.wantSent {
				t.Errorf("FetchCobotWebhook(%s) = %s, %v, sent %q; want {\"id\":\"1\"} and [%q]", tc.url, body, err, got, tc.wantSent)
			}
		})
	}
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestFetchCobotWebhookForeignClient(t *testing.T) {
	c := &cobotv1.ClientWithResponses{}
	_, err := hospitality.FetchCobotWebhook(context.Background(), c, &hospitality.CobotWebhook{URL: "https://co-up.cobot.me/api/x"})
	want := "hospitality: cobot webhook fetch: client was not built by NewCobotV1 or cobotv1.NewClientWithResponses"
	if err == nil || err.Error() != want {
		t.Errorf("FetchCobotWebhook(empty client) error = %v, want %q", err, want)
	}
}
