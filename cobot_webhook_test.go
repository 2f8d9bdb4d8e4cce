package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
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
		// Regression: the length of numbers and the depth of nesting were unbounded (issue #12).
		{name: "million-digit number", body: `{"url":"https://co-up.cobot.me/api/x","id":` + strings.Repeat("1", 1_000_000) + `}`,
			wantErr: "hospitality: cobot webhook: number is longer than 64 characters (at byte 43)"},
		{name: "33 levels of nesting", body: `{"url":"https://co-up.cobot.me/api/x","o":` + strings.Repeat(`{"o":`, 32) + `1` + strings.Repeat("}", 33),
			wantErr: "hospitality: cobot webhook: nesting is deeper than 32 levels (at byte 197)"},
		{name: "limit checked before decoding", body: `{"id":` + strings.Repeat("1", 1_000_000),
			wantErr: "hospitality: cobot webhook: number is longer than 64 characters (at byte 6)"},
		{name: "brackets and digits inside strings do not count", body: `{"url":"https://co-up.cobot.me/api/x","t":"` + strings.Repeat(`[\"1`, 1000) + `"}`,
			wantURL: "https://co-up.cobot.me/api/x"},
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
		{"million-digit number", http.MethodPost, `{"url":"https://co-up.cobot.me/api/memberships/1","id":` + strings.Repeat("1", 1_000_000) + `}`, nil, http.StatusBadRequest, false},
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
	other := newCobotResourceServer(t) // the same host, another port
	ctx := context.Background()
	c, err := hospitality.ConnectCobotV1(ctx, hospitality.CobotConfig{
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
		{name: "another port on 127.0.0.1", url: other.URL + "/api/memberships/1", wantErr: `is not on the client's host "` + host + `"`},
		{name: "localhost for 127.0.0.1", url: "http://localhost:" + strconv.Itoa(srv.Listener.Addr().(*net.TCPAddr).Port) + "/api/memberships/1",
			wantErr: "is not on the client's host"},
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
			if o := other.requests(); len(o) != 0 {
				t.Errorf("FetchCobotWebhook(%s) sent %q to the other port, want nothing", tc.url, o)
			}
		})
	}
}

// TestCobotWebhookTargetScheme checks, without a network, that a delivery for a space's https
// host is fetched only over https from that host and port, and that one naming another space is
// refused.
func TestCobotWebhookTargetScheme(t *testing.T) {
	var got []string
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.String()+" "+r.Header.Get("Authorization"))
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"id":"1"}`)), Request: r}, nil
	})
	ctx := context.Background()
	c, err := hospitality.ConnectCobotV1(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "space-token"}),
		Subdomain:   "co-up",
	}, hospitality.WithBaseTransport(rt), hospitality.WithRateLimit(transport.RateLimit{Disabled: true}))
	if err != nil {
		t.Fatal(err)
	}
	const httpsOnly = "hospitality: cobot webhook fetch: auth: cobot config: CobotWebhook.URL must use https (http is accepted only for loopback hosts)"
	tests := []struct {
		name, url string
		wantSent  string // the one request sent; "" for none
		wantErr   string // substring of the error when nothing is sent
	}{
		{name: "https", url: "https://co-up.cobot.me/api/memberships/1", wantSent: "https://co-up.cobot.me/api/memberships/1 Bearer space-token"},
		{name: "host case", url: "https://CO-UP.cobot.me/api/memberships/1", wantSent: "https://CO-UP.cobot.me/api/memberships/1 Bearer space-token"},
		{name: "explicit default port", url: "https://co-up.cobot.me:443/api/memberships/1", wantSent: "https://co-up.cobot.me:443/api/memberships/1 Bearer space-token"},
		// Regression: an http URL was upgraded rather than refused; the rule is https (http only
		// on loopback hosts) with exactly the client's scheme (issue #12).
		{name: "http downgrade", url: "http://co-up.cobot.me/api/memberships/1", wantErr: httpsOnly},
		{name: "http on port 443", url: "http://co-up.cobot.me:443/api/memberships/1", wantErr: httpsOnly},
		{name: "another port", url: "https://co-up.cobot.me:8443/api/memberships/1", wantErr: `is not on the client's host "co-up.cobot.me"`},
		{name: "another space", url: "https://other.cobot.me/api/memberships/1", wantErr: `is not on the client's host "co-up.cobot.me"`},
		{name: "look-alike host", url: "https://co-up.cobot.me.evil.example/api/memberships/1", wantErr: `is not on the client's host "co-up.cobot.me"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got = nil
			body, err := hospitality.FetchCobotWebhook(ctx, c, &hospitality.CobotWebhook{URL: tc.url})
			if tc.wantSent == "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || len(got) != 0 {
					t.Errorf("FetchCobotWebhook(%s) = %s, %v, sent %q; want an error containing %q and nothing sent", tc.url, body, err, got, tc.wantErr)
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

// A delivery is read only through a Cobot API 1 connection: one made for another API (here Cobot
// API 2, whose token may be a user's) is refused before anything is sent, and so is none.
func TestFetchCobotWebhookForeignConnection(t *testing.T) {
	ctx := context.Background()
	v2, err := hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "user-token"}),
	})
	if err != nil {
		t.Fatal(err)
	}
	hook := &hospitality.CobotWebhook{URL: "https://co-up.cobot.me/api/x"}
	for _, tc := range []struct {
		name string
		conn *hospitality.Connection
		want string
	}{
		{"Cobot API 2", v2, `hospitality: cobot webhook fetch: the connection is for the "cobot" API; deliveries are read through ConnectCobotV1`},
		{"nil", nil, "hospitality: cobot webhook fetch: nil connection or delivery"},
	} {
		if _, err := hospitality.FetchCobotWebhook(ctx, tc.conn, hook); err == nil || err.Error() != tc.want {
			t.Errorf("FetchCobotWebhook(%s connection) error = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// newCobotV1Client returns the SDK's Cobot API 1 connection for base with the token
// "space-token", one attempt per request and no rate limit, plus opts.
func newCobotV1Client(t *testing.T, base string, opts ...hospitality.Option) *hospitality.Connection {
	t.Helper()
	opts = append([]hospitality.Option{hospitality.WithRateLimit(transport.RateLimit{Disabled: true}),
		hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})}, opts...)
	c, err := hospitality.ConnectCobotV1(context.Background(), hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "space-token"}),
		BaseURL:     base,
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Regression: FetchCobotWebhook followed redirects, and Go's http.Client keeps the Authorization
// header on a redirect to the same host name whatever the port or scheme, so a 302 to another
// port on the space's host received the space's token (issue #12). The SDK's transport now
// refuses redirects, whatever HTTP client it was given, and FetchCobotWebhook refuses an answer
// that came through one.
func TestFetchCobotWebhookRedirect(t *testing.T) {
	other := newCobotResourceServer(t) // 127.0.0.1, another port
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/memberships/elsewhere":
			http.Redirect(w, r, other.URL+"/api/memberships/1", http.StatusFound)
		case "/api/memberships/moved":
			http.Redirect(w, r, "/api/memberships/1", http.StatusMovedPermanently)
		default:
			io.WriteString(w, `{"id":"1"}`)
		}
	}))
	t.Cleanup(srv.Close)
	follows := &http.Client{} // follows redirects, keeping Authorization on the same host name
	clients := []struct {
		name string
		c    *hospitality.Connection
	}{
		{"ConnectCobotV1", newCobotV1Client(t, srv.URL)},
		{"ConnectCobotV1 with an http.Client that follows redirects", newCobotV1Client(t, srv.URL, hospitality.WithHTTPClient(follows))},
	}
	for _, cl := range clients {
		for _, p := range []string{"/api/memberships/elsewhere", "/api/memberships/moved"} {
			t.Run(cl.name+" "+p, func(t *testing.T) {
				before := len(other.requests())
				got, err := hospitality.FetchCobotWebhook(context.Background(), cl.c, &hospitality.CobotWebhook{URL: srv.URL + p})
				if err == nil || !strings.HasPrefix(err.Error(), "hospitality: cobot webhook fetch: ") || !strings.Contains(err.Error(), "redirect") || got != nil {
					t.Errorf("FetchCobotWebhook(%s) = %s, %v; want nil and an error about the redirect", p, got, err)
				}
				if reqs := other.requests()[before:]; len(reqs) != 0 {
					t.Errorf("the redirect target on another port got %q, want no request", reqs)
				}
			})
		}
	}
}

func TestFetchCobotWebhookBodyLimit(t *testing.T) {
	const limit = 10 << 20
	exact := `"` + strings.Repeat("a", limit-2) + `"`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/exact":
			io.WriteString(w, exact)
		case "/api/over":
			io.WriteString(w, exact+" ") // still JSON, one byte over
		}
	}))
	t.Cleanup(srv.Close)
	c := newCobotV1Client(t, srv.URL)
	ctx := context.Background()

	got, err := hospitality.FetchCobotWebhook(ctx, c, &hospitality.CobotWebhook{URL: srv.URL + "/api/exact"})
	if err != nil || len(got) != limit {
		t.Errorf("FetchCobotWebhook(10 MiB answer) = %d bytes, %v; want %d bytes, nil", len(got), err, limit)
	}
	// Regression: a larger answer was cut at 10 MiB and then reported as "not JSON" (issue #12).
	got, err = hospitality.FetchCobotWebhook(ctx, c, &hospitality.CobotWebhook{URL: srv.URL + "/api/over"})
	want := "hospitality: cobot webhook fetch: GET " + srv.URL + "/api/over: the answer is larger than the 10 MiB limit"
	if err == nil || err.Error() != want || got != nil {
		t.Errorf("FetchCobotWebhook(10 MiB + 1 answer) = %d bytes, %v; want nil, %q", len(got), err, want)
	}
}

func TestFetchCobotWebhookDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/slow-body" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"id":`)
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first, so that Close does not wait for handlers

	tests := []struct {
		name    string
		path    string
		ctx     func() (context.Context, context.CancelFunc)
		opts    []hospitality.Option
		wantErr error
	}{
		{name: "caller's deadline, no answer", path: "/api/stalled",
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 50*time.Millisecond)
			},
			opts: []hospitality.Option{hospitality.WithTimeout(-1)}, wantErr: context.DeadlineExceeded},
		{name: "caller's deadline, stalled body", path: "/api/slow-body",
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 50*time.Millisecond)
			},
			opts: []hospitality.Option{hospitality.WithTimeout(-1)}, wantErr: context.DeadlineExceeded},
		{name: "caller cancels", path: "/api/stalled",
			ctx: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			},
			opts: []hospitality.Option{hospitality.WithTimeout(-1)}, wantErr: context.Canceled},
		{name: "client's attempt timeout, stalled body", path: "/api/slow-body",
			ctx:  func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) },
			opts: []hospitality.Option{hospitality.WithTimeout(50 * time.Millisecond)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newCobotV1Client(t, srv.URL, tc.opts...)
			ctx, cancel := tc.ctx()
			defer cancel()
			start := time.Now()
			got, err := hospitality.FetchCobotWebhook(ctx, c, &hospitality.CobotWebhook{URL: srv.URL + tc.path})
			if err == nil || (tc.wantErr != nil && !errors.Is(err, tc.wantErr)) {
				t.Errorf("FetchCobotWebhook(%s) = %s, %v; want an error wrapping %v", tc.path, got, err, tc.wantErr)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("FetchCobotWebhook(%s) took %v, want it to end soon after the 50ms limit", tc.path, d)
			}
		})
	}
}
