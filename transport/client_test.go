package transport

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
)

// Synthetic credentials used across the tests; none of them may ever show up
// in an error string or a log record.
const (
	secretToken  = "tok-SECRET-4f1c9d"
	secretToken2 = "tok-SECRET-new-77aa"
	secretAPIKey = "key-SECRET-c0ffee"
	secretClient = "cs-SECRET-9b9b"
)

// fakeClock is the injectable clock: Sleep advances time at once and records
// the wait.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Now().Truncate(time.Second)} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps = append(f.sleeps, d)
	if d > 0 {
		f.t = f.t.Add(d)
	}
	return nil
}

func (f *fakeClock) Sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// newTestClient returns a client with a fake clock, a private rate limiter
// registry and jitter that always picks the ceiling minus one nanosecond
// (so backoff waits are deterministic).
func newTestClient(t *testing.T, cfg Config) (*Client, *fakeClock) {
	t.Helper()
	c := New(cfg)
	clk := newFakeClock()
	c.now = clk.Now
	c.sleep = clk.Sleep
	c.jitter = func(n int64) int64 { return n - 1 }
	c.reg = newRegistry()
	return c, clk
}

// newServer starts an httptest server on loopback.
func newServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// mustRequest builds a request or fails the test.
func mustRequest(t *testing.T, ctx context.Context, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		t.Fatalf("NewRequest(%s, %s): %v", method, url, err)
	}
	return req
}

// readAll reads and closes a response body.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return string(b)
}

func TestDoHeaders(t *testing.T) {
	var got http.Header
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		io.WriteString(w, `{}`)
	})
	c, _ := newTestClient(t, Config{
		Profile: Kobas,
		Header:  http.Header{"X-Kobas-Company-Id": {"1234"}, "Property": {"static"}},
		Authorize: func(ctx context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+secretToken)
			return nil
		},
	})
	ctx := WithHeader(context.Background(), "X-Extra", "yes")
	req := mustRequest(t, ctx, http.MethodGet, srv.URL+"/v3/staff", nil)
	req.Header.Set("Property", "caller")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("Do() error = %v, want nil", err)
	}
	readAll(t, resp)

	want := map[string]string{
		"X-Kobas-Company-Id": "1234",
		"Property":           "caller", // the request's own value wins over Config.Header
		"X-Extra":            "yes",
		"Authorization":      "Bearer " + secretToken,
		"User-Agent":         DefaultUserAgent,
	}
	for k, v := range want {
		if g := got.Get(k); g != v {
			t.Errorf("server saw %s = %q, want %q", k, g, v)
		}
	}
	if !strings.HasPrefix(DefaultUserAgent, "hospitality-go/"+Version+" (go") {
		t.Errorf("DefaultUserAgent = %q, want hospitality-go/%s (go...)", DefaultUserAgent, Version)
	}
	// The caller's request is never modified.
	if len(req.Header) != 1 || req.Header.Get("Authorization") != "" {
		t.Errorf("caller's request header = %v, want only Property", req.Header)
	}
}

func TestDoGzip(t *testing.T) {
	const payload = `{"data":[{"id":148129,"name":"Table 1"}]}`
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Errorf("Accept-Encoding = %q, want gzip (Go's transparent decompression)", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		io.WriteString(zw, payload)
		zw.Close()
	})
	for _, p := range []Profile{Octotable, Cloudbeds} {
		t.Run(string(p.Name), func(t *testing.T) {
			c := New(Config{Profile: p})
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/tables", nil))
			if err != nil {
				t.Fatalf("Do() error = %v", err)
			}
			if got := readAll(t, resp); got != payload {
				t.Errorf("body = %q, want %q", got, payload)
			}
			if !resp.Uncompressed {
				t.Errorf("resp.Uncompressed = false, want true")
			}
		})
	}
}

func TestDoAuthorizeEveryAttempt(t *testing.T) {
	var seen []string
	var mu sync.Mutex
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization"))
		n := len(seen)
		mu.Unlock()
		if n == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok")
	})
	var calls atomic.Int32
	c, _ := newTestClient(t, Config{
		Profile: Octotable,
		Authorize: func(ctx context.Context, r *http.Request) error {
			n := calls.Add(1)
			r.Header.Set("Authorization", "Bearer t"+string(rune('0'+n)))
			return nil
		},
	})
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
	if err != nil {
		t.Fatalf("Do() error = %v", err)
	}
	readAll(t, resp)
	if want := []string{"Bearer t1", "Bearer t2"}; strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Errorf("server saw Authorization %q, want %q", seen, want)
	}
}

func TestDoAuthorizeError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request reached the server")
	})
	body := &closeTracker{Reader: strings.NewReader("x")}
	c, _ := newTestClient(t, Config{
		Profile:   Kobas,
		Authorize: func(ctx context.Context, r *http.Request) error { return errors.New("auth: kobas token request: boom") },
	})
	req := mustRequest(t, context.Background(), http.MethodPost, srv.URL, body)
	_, err := c.Do(req)
	if err == nil || err.Error() != "transport: kobas: authorize: auth: kobas token request: boom" {
		t.Errorf("Do() error = %v, want transport: kobas: authorize: ...", err)
	}
	if !body.closed.Load() {
		t.Errorf("request body not closed after authorize failure")
	}
}

// closeTracker is a request or response body that records Close.
type closeTracker struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeTracker) Close() error { c.closed.Store(true); return nil }

// reauthServer answers 401 unless the request carries the token in good.
func reauthServer(t *testing.T, good *atomic.Value, seen *[]string, bodies *[]string, mu *sync.Mutex) *httptest.Server {
	t.Helper()
	return newServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		*seen = append(*seen, r.Header.Get("Authorization"))
		*bodies = append(*bodies, string(b))
		mu.Unlock()
		if g, _ := good.Load().(string); g == "" || r.Header.Get("Authorization") != "Bearer "+g {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			io.WriteString(w, `{"error":"access_denied","message":"The resource owner or authorization server denied the request."}`)
			return
		}
		io.WriteString(w, "ok")
	})
}

func TestDoReauthorize(t *testing.T) {
	tests := []struct {
		name        string
		acceptNew   bool // the server accepts the refreshed token
		replayable  bool
		wantSeen    []string
		wantReauths int32
		wantErr     error
	}{
		{"refresh then success", true, true, []string{"Bearer " + secretToken, "Bearer " + secretToken2}, 1, nil},
		{"second 401 is returned", false, true, []string{"Bearer " + secretToken, "Bearer " + secretToken2}, 1, ErrUnauthorized},
		{"body not replayable", true, false, []string{"Bearer " + secretToken}, 1, ErrUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var (
				mu           sync.Mutex
				seen, bodies []string
				good         atomic.Value
				token        atomic.Value
				reauths      atomic.Int32
			)
			token.Store(secretToken)
			if tc.acceptNew {
				good.Store(secretToken2)
			}
			srv := reauthServer(t, &good, &seen, &bodies, &mu)
			c, _ := newTestClient(t, Config{
				Profile: Cobot,
				Authorize: func(ctx context.Context, r *http.Request) error {
					r.Header.Set("Authorization", "Bearer "+token.Load().(string))
					return nil
				},
				Reauthorize: func(ctx context.Context, rejected *http.Request) error {
					reauths.Add(1)
					if got := rejected.Header.Get("Authorization"); got != "Bearer "+secretToken {
						t.Errorf("Reauthorize got Authorization %q, want the rejected token", got)
					}
					token.Store(secretToken2)
					return nil
				},
				RateLimit: RateLimit{Disabled: true},
			})
			var body io.Reader = strings.NewReader(`{"data":{"type":"bookings"}}`)
			if !tc.replayable {
				body = io.NopCloser(body) // no GetBody
			}
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodPost, srv.URL+"/bookings", body))
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("Do() error = %v, want nil", err)
				}
				readAll(t, resp)
			} else if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Do() error = %v, want %v", err, tc.wantErr)
			}
			if got := reauths.Load(); got != tc.wantReauths {
				t.Errorf("Reauthorize calls = %d, want %d", got, tc.wantReauths)
			}
			if strings.Join(seen, "|") != strings.Join(tc.wantSeen, "|") {
				t.Errorf("server saw Authorization %q, want %q", seen, tc.wantSeen)
			}
			for i, b := range bodies {
				if b != `{"data":{"type":"bookings"}}` {
					t.Errorf("attempt %d body = %q, want the original body", i+1, b)
				}
			}
			if err != nil && strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error %q leaks a credential", err)
			}
		})
	}
}

func TestDoReauthorizeError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusUnauthorized) })
	c, _ := newTestClient(t, Config{
		Profile:     Kobas,
		Reauthorize: func(ctx context.Context, r *http.Request) error { return errors.New("auth: kobas: store failed") },
	})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
	if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "reauthorize after 401: auth: kobas: store failed") {
		t.Errorf("Do() error = %v, want reauthorize failure wrapping a 401 APIError", err)
	}
}

func TestDoAPIError(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-ID", "req-123")
		w.Header().Set("Set-Cookie", "session="+secretToken)
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, `{"success":false,"error":{"code":"RESOURCE_NOT_FOUND","message":"The specified table ID does not exist.","class_name":"ResourceNotFoundException"}}`)
	})
	c, _ := newTestClient(t, Config{Profile: Octotable})
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/tables/9?access_token="+secretToken+"&limit=5", nil))
	if resp != nil {
		t.Errorf("Do() response = %v, want nil with an error", resp)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("Do() error = %T %v, want *APIError", err, err)
	}
	want := "transport: octotable: 404 Not Found: GET " + srv.URL + "/tables/9?access_token=REDACTED&limit=5: RESOURCE_NOT_FOUND: The specified table ID does not exist. (request id req-123)"
	if got := apiErr.Error(); got != want {
		t.Errorf("Error() = %q\nwant %q", got, want)
	}
	if !errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
		t.Errorf("errors.Is(err, ErrNotFound) = %v, errors.Is(err, ErrConflict) = %v; want true, false", errors.Is(err, ErrNotFound), errors.Is(err, ErrConflict))
	}
	if apiErr.RequestID != "req-123" || apiErr.Provider != Octotable.Name || apiErr.Method != "GET" {
		t.Errorf("APIError = %+v, want request id, provider and method set", apiErr)
	}
	if got := apiErr.Header.Get("Set-Cookie"); got != "REDACTED" {
		t.Errorf("APIError.Header Set-Cookie = %q, want REDACTED", got)
	}
	if !bytes.Contains(apiErr.Body, []byte(`"class_name":"ResourceNotFoundException"`)) {
		t.Errorf("APIError.Body = %s, want the raw body", apiErr.Body)
	}
}

func TestDoErrorBodyClosed(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusServiceUnavailable, http.StatusOK} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			var bodies []*closeTracker
			var mu sync.Mutex
			base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				b := &closeTracker{Reader: strings.NewReader(`{"code":"x","message":"y"}`)}
				mu.Lock()
				bodies = append(bodies, b)
				mu.Unlock()
				return &http.Response{StatusCode: status, Header: http.Header{}, Body: b, Request: r}, nil
			})
			c, _ := newTestClient(t, Config{Profile: Kobas, Base: base})
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "http://127.0.0.1:1/x", nil))
			if status == http.StatusOK {
				if err != nil {
					t.Fatalf("Do() error = %v", err)
				}
				resp.Body.Close()
			}
			wantN := 1
			if status == http.StatusServiceUnavailable {
				wantN = DefaultMaxAttempts
			}
			if len(bodies) != wantN {
				t.Fatalf("attempts = %d, want %d", len(bodies), wantN)
			}
			for i, b := range bodies {
				if !b.closed.Load() {
					t.Errorf("response body of attempt %d not closed", i+1)
				}
			}
		})
	}
}

// TestDoErrorBodyReadFailure pins that a failure while reading an error
// body never retries a status the retry rules exclude (it used to retry a
// 404 like a connection failure), and that a retryable status is retried.
func TestDoErrorBodyReadFailure(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		wantN   int
		wantErr error
	}{
		{"404 not retried", http.StatusNotFound, 1, ErrNotFound},
		{"409 not retried", http.StatusConflict, 1, ErrConflict},
		{"503 retried", http.StatusServiceUnavailable, DefaultMaxAttempts, io.ErrUnexpectedEOF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				n.Add(1)
				body := io.NopCloser(io.MultiReader(strings.NewReader(`{"code":"gone",`), iotest.ErrReader(io.ErrUnexpectedEOF)))
				return &http.Response{StatusCode: tc.status, Header: http.Header{}, Body: body, Request: r}, nil
			})
			c, _ := newTestClient(t, Config{Profile: Kobas, Base: base})
			_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "http://127.0.0.1:1/x", nil))
			if !errors.Is(err, tc.wantErr) {
				t.Errorf("Do() error = %v, want %v", err, tc.wantErr)
			}
			if got := int(n.Load()); got != tc.wantN {
				t.Errorf("attempts = %d, want %d", got, tc.wantN)
			}
		})
	}
}

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDoCloudbedsSuccessFalse(t *testing.T) {
	tests := []struct {
		name        string
		provider    Profile
		contentType string
		body        string
		wantErr     string // "" for success
	}{
		{"success false", Cloudbeds, "application/json; charset=utf-8",
			`{"success":false,"message":"User who approved this connection is not active anymore"}`,
			"transport: cloudbeds: 200 OK (success false): GET {URL}/getHotels: User who approved this connection is not active anymore (request id cb-1)"},
		{"success string false", Cloudbeds, "application/json", `{"success":"false","message":"x"}`,
			"transport: cloudbeds: 200 OK (success false): GET {URL}/getHotels: x (request id cb-1)"},
		{"success true", Cloudbeds, "application/json", `{"success":true,"data":[{"propertyID":"12345"}],"count":1,"total":1}`, ""},
		{"nested false ignored", Cloudbeds, "application/json", `{"data":{"success":false},"success":true}`, ""},
		{"not json", Cloudbeds, "text/plain", `{"success":false}`, ""},
		{"v2 not checked", CloudbedsV2, "application/json", `{"success":false}`, ""},
		{"kobas not checked", Kobas, "application/json", `{"success":false}`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.Header().Set("X-Request-ID", "cb-1")
				io.WriteString(w, tc.body)
			})
			c, _ := newTestClient(t, Config{Profile: tc.provider})
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/getHotels", nil))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Do() error = %v, want nil", err)
				}
				if got := readAll(t, resp); got != tc.body {
					t.Errorf("body = %q, want %q", got, tc.body)
				}
				return
			}
			want := strings.ReplaceAll(tc.wantErr, "{URL}", srv.URL)
			if err == nil || err.Error() != want {
				t.Errorf("Do() error = %v\nwant %s", err, want)
			}
		})
	}
}

func TestDoMiddleware(t *testing.T) {
	var order []string
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		order = append(order, "server:"+r.Header.Get("X-Mw"))
		io.WriteString(w, "ok")
	})
	mw := func(name string) Middleware {
		return func(r *http.Request, next MiddlewareNext) (*http.Response, error) {
			order = append(order, name+">")
			r.Header.Set("X-Mw", r.Header.Get("X-Mw")+name)
			resp, err := next(r)
			order = append(order, "<"+name)
			return resp, err
		}
	}
	c, _ := newTestClient(t, Config{Profile: Kobas, Middleware: []Middleware{mw("a"), nil, mw("b")}})
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
	if err != nil {
		t.Fatalf("Do() error = %v", err)
	}
	readAll(t, resp)
	if got, want := strings.Join(order, " "), "a> b> server:ab <b <a"; got != want {
		t.Errorf("middleware order = %q, want %q", got, want)
	}
}

func TestDoMiddlewareShortCircuit(t *testing.T) {
	c, _ := newTestClient(t, Config{Profile: Kobas, Middleware: []Middleware{
		func(r *http.Request, next MiddlewareNext) (*http.Response, error) {
			return nil, errors.New("blocked by policy")
		},
	}})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "http://127.0.0.1:1/x?api_key="+secretAPIKey, nil))
	want := `transport: kobas: Get "http://127.0.0.1:1/x?api_key=REDACTED": blocked by policy`
	if err == nil || err.Error() != want {
		t.Errorf("Do() error = %v, want %s", err, want)
	}
}
