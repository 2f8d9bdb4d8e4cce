package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// leakListener is "another host": a loopback listener on another port that
// records every request it receives.
type leakListener struct {
	*httptest.Server
	mu   sync.Mutex
	seen []http.Header
}

func newLeakListener(t *testing.T) *leakListener {
	t.Helper()
	l := &leakListener{}
	l.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.seen = append(l.seen, r.Header.Clone())
		l.mu.Unlock()
		io.WriteString(w, `{"success":true}`)
	}))
	t.Cleanup(l.Close)
	return l
}

func (l *leakListener) requests() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.seen)
}

// credentialConfig authorizes every attempt with a bearer token, an API key
// and a header of its own, and sets the tenant headers statically.
func credentialConfig(p Profile) Config {
	return Config{
		Profile: p,
		Header: http.Header{
			"X-Kobas-Company-Id": {"1234"}, "Property": {"999643"}, "X-Property-Id": {"172938"},
		},
		Authorize: func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+secretToken)
			r.Header.Set("X-Api-Key", "cbat_"+secretToken)
			r.Header.Set("X-Custom-Auth", "custom-"+secretToken)
			return nil
		},
	}
}

// TestRedirectsNotFollowed pins the bug where the API client used Go's
// default redirect policy: a 302 or 307 to another host received
// x-api-key and the tenant headers (Go strips only Authorization and
// cookies), and a same-host https to http redirect sent every credential in
// cleartext.
func TestRedirectsNotFollowed(t *testing.T) {
	for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(fmt.Sprintf("cross host %d", status), func(t *testing.T) {
			other := newLeakListener(t)
			api := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, other.URL+"/stolen?api_key=abc", status)
			})
			c, _ := newTestClient(t, credentialConfig(Kobas))
			_, err := c.Do(mustRequest(t, context.Background(), http.MethodPost, api.URL+"/v3/venue", strings.NewReader("{}")))
			var apiErr *APIError
			if !errors.As(err, &apiErr) || !errors.Is(err, ErrRedirect) || apiErr.StatusCode != status {
				t.Fatalf("Do() error = %v, want *APIError %d matching ErrRedirect", err, status)
			}
			if !strings.Contains(err.Error(), "redirect to "+other.URL+"/stolen?api_key=REDACTED not followed") {
				t.Errorf("Do() error = %q, want it to name the Location, redacted", err)
			}
			if n := other.requests(); n != 0 {
				t.Errorf("the other host received %d requests, want 0: %v", n, other.seen)
			}
		})
	}
	t.Run("user client follows redirects", func(t *testing.T) {
		other := newLeakListener(t)
		api := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/", http.StatusFound)
		})
		cfg := credentialConfig(Cloudbeds)
		cfg.HTTPClient = &http.Client{} // Go's default policy: follow up to 10
		c, _ := newTestClient(t, cfg)
		_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, api.URL+"/api/v1.3/getHotels", nil))
		if !errors.Is(err, ErrRedirect) || other.requests() != 0 {
			t.Fatalf("Do() error = %v, other host saw %d requests; want ErrRedirect and none", err, other.requests())
		}
		if cfg.HTTPClient.CheckRedirect != nil {
			t.Error("the caller's http.Client was modified")
		}
	})
	t.Run("downgrade to http", func(t *testing.T) {
		plain := newLeakListener(t)
		api := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// Same host, plain http, another port: the cleartext downgrade.
			http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusMovedPermanently)
		}))
		t.Cleanup(api.Close)
		cfg := credentialConfig(CloudbedsV2)
		cfg.HTTPClient = api.Client()
		c, _ := newTestClient(t, cfg)
		_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, api.URL+"/reservations/v1/reservations", nil))
		if !errors.Is(err, ErrRedirect) || !strings.Contains(err.Error(), "refused: it would downgrade https to plain http") {
			t.Fatalf("Do() error = %v, want a refused downgrade", err)
		}
		if n := plain.requests(); n != 0 {
			t.Errorf("the http listener received %d requests, want 0", n)
		}
	})
}

// TestPlainHTTPRefused pins the bug where an API base URL over plain http
// to a remote host was accepted and keys went out in cleartext.
func TestPlainHTTPRefused(t *testing.T) {
	var sent atomic.Int32
	cfg := credentialConfig(Cloudbeds)
	cfg.Base = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent.Add(1)
		return &http.Response{StatusCode: 200, Body: http.NoBody, Header: http.Header{}, Request: r}, nil
	})
	c, _ := newTestClient(t, cfg)
	for _, u := range []string{"http://api.example.com/api/v1.3/getHotels?key=" + secretToken, "HTTP://10.0.0.1/x", "ftp://api.example.com/x"} {
		_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, u, nil))
		if !errors.Is(err, ErrInsecureURL) || strings.Contains(err.Error(), secretToken) {
			t.Errorf("Do(%s) error = %v, want ErrInsecureURL without the key", u, err)
		}
	}
	for _, u := range []string{"http://127.0.0.1:9/x", "http://[::1]:9/x", "http://localhost:9/x", "https://api.example.com/x"} {
		if _, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, u, nil)); err != nil {
			t.Errorf("Do(%s) error = %v, want none", u, err)
		}
	}
	if got := sent.Load(); got != 4 {
		t.Errorf("requests sent = %d, want 4 (only https and loopback)", got)
	}
}

// endless is a response body that never ends.
type endless struct{ n atomic.Int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n.Add(int64(len(p)))
	return len(p), nil
}
func (e *endless) Close() error { return nil }

// TestResponseBodyLimit pins the bug where successful answers were read
// with no cap: a 200 MB answer cost +519 MB of memory (+912 MB on the
// Cloudbeds success-check path) and an endless stream ran out of memory.
func TestResponseBodyLimit(t *testing.T) {
	const limit = 1 << 20
	tests := []struct {
		name     string
		provider Profile
		length   int64 // Content-Length, -1 for none
		body     string
		wantDo   bool // the error comes from Do (buffered or Content-Length), not from Read
	}{
		{"stream without length", Kobas, -1, "", false},
		{"stream with length", Kobas, 200 << 20, "", true},
		{"cloudbeds success first, streamed", Cloudbeds, -1, `{"success":true,"data":"`, false},
		{"cloudbeds buffered check", Cloudbeds, -1, `{"data":"`, true},
		{"cloudbeds buffered with length", Cloudbeds, 200 << 20, `{"data":"`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := &endless{}
			cfg := Config{Profile: tc.provider, MaxResponseBytes: limit}
			cfg.Base = roundTripFunc(func(r *http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, ContentLength: tc.length, Request: r,
					Header: http.Header{"Content-Type": {"application/json"}},
					Body: struct {
						io.Reader
						io.Closer
					}{io.MultiReader(strings.NewReader(tc.body), src), src}}, nil
			})
			c, _ := newTestClient(t, cfg)
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "https://api.example.com/x", nil))
			if err == nil {
				if tc.wantDo {
					t.Fatal("Do() error = nil, want ErrResponseTooLarge from Do")
				}
				var n int64
				n, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if n > limit {
					t.Errorf("read %d bytes, want at most the %d limit", n, limit)
				}
			}
			if !errors.Is(err, ErrResponseTooLarge) || !strings.Contains(err.Error(), "longer than the 1 MiB limit (MaxResponseBytes)") {
				t.Fatalf("error = %v, want ErrResponseTooLarge naming the limit", err)
			}
			if got := src.n.Load(); got > 2*limit {
				t.Errorf("read %d bytes from the network, want about the %d limit", got, limit)
			}
		})
	}
	t.Run("at the limit", func(t *testing.T) {
		body := strings.Repeat("b", limit)
		srv := newServer(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) })
		c, _ := newTestClient(t, Config{Profile: Kobas, MaxResponseBytes: limit})
		resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := readAll(t, resp); len(got) != limit {
			t.Errorf("read %d bytes, want %d", len(got), limit)
		}
	})
}

// TestResponseBodyLimitMemory reads a 200 MB answer through the default
// client chain with a 8 MiB limit: the call fails naming the limit and the
// bytes allocated stay near the limit, not the answer's size.
func TestResponseBodyLimitMemory(t *testing.T) {
	const size, limit = 200 << 20, 8 << 20
	chunk := []byte(strings.Repeat("x", 64<<10))
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		for sent := 0; sent < size; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	for _, p := range []Profile{Kobas, Cloudbeds} {
		t.Run(string(p.Name), func(t *testing.T) {
			c, _ := newTestClient(t, Config{Profile: p, MaxResponseBytes: limit})
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
			if err == nil {
				_, err = io.ReadAll(resp.Body) // as the generated clients read
				resp.Body.Close()
			}
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrResponseTooLarge) || !strings.Contains(err.Error(), "8 MiB") {
				t.Fatalf("error = %v, want ErrResponseTooLarge naming 8 MiB", err)
			}
			// io.ReadAll doubles its buffer up to the limit (about 2× it); the
			// race detector adds its own. 200 MB read whole would be far above.
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 8*limit {
				t.Errorf("allocated %d MiB reading a 200 MB answer, want under %d MiB", grew>>20, 8*limit>>20)
			}
		})
	}
}

// TestUnauthorizedKeepsAPIError pins the bug where, with a token source
// that cannot produce a new token after a 401 (a revoked Cobot token), Do
// returned only the token error: errors.Is(err, ErrUnauthorized) was false
// and errors.As found no *APIError.
func TestUnauthorizedKeepsAPIError(t *testing.T) {
	tokenErr := errors.New("auth: cobot: the token was revoked and cannot be refreshed")
	var calls atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"errors":[{"title":"Unauthorized","detail":"access token revoked"}]}`)
	})
	var authorized atomic.Int32
	c, _ := newTestClient(t, Config{
		Profile: Cobot,
		Authorize: func(_ context.Context, r *http.Request) error {
			if authorized.Add(1) > 1 {
				return tokenErr
			}
			r.Header.Set("Authorization", "Bearer "+secretToken)
			return nil
		},
		Reauthorize: func(context.Context, *http.Request) error { return nil },
	})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/api/spaces/x", nil))
	var apiErr *APIError
	if !errors.Is(err, ErrUnauthorized) || !errors.As(err, &apiErr) || !errors.Is(err, tokenErr) {
		t.Fatalf("Do() error = %v, want ErrUnauthorized, *APIError and the token error joined", err)
	}
	if apiErr.Message != "Unauthorized: access token revoked" {
		t.Errorf("APIError.Message = %q, want the provider's message", apiErr.Message)
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("requests = %d, want 1", got)
	}
}

// TestClassifyReauthorizes pins the bugs where an expired token reported
// with HTTP 200 or 403 (Cloudbeds' "Access token is invalid or has
// expired.") was a validation error with no refresh, and an HTML 403 from a
// firewall counted as a refused credential: a profile's Kind drives the
// single refresh-and-retry, and an HTML 403 is ErrUnavailable. The real
// Cloudbeds wording is tested with its profile in the root package.
func TestClassifyReauthorizes(t *testing.T) {
	tests := []struct {
		name       string
		provider   Profile
		status     int
		body       string
		ctype      string
		wantReauth bool
		want       error
		notWant    error
		attempts   int32
	}{
		{"expired token with 200", Cloudbeds, 200, `{"success":false,"message":"Access token is invalid or has expired."}`, "application/json", true, nil, nil, 2},
		{"expired token with 403", Cloudbeds, 403, `{"success":false,"message":"Access token is invalid or has expired."}`, "application/json", true, nil, nil, 2},
		{"v2 expired token with 403", CloudbedsV2, 403, `{"message":"Access token is invalid or has expired."}`, "application/json", true, nil, nil, 2},
		{"application disconnected", Cloudbeds, 200, `{"success":false,"message":"Application is not available to be connected to this property."}`, "application/json", false, ErrConsentRequired, ErrValidation, 1},
		{"waf html 403", Cloudbeds, 403, `<html><head><title>Access Denied</title></head><body>blocked</body></html>`, "text/html", false, ErrUnavailable, ErrForbidden, 1},
		{"html 503 is an outage", Cloudbeds, 503, `<html><body>Service Unavailable</body></html>`, "text/html", false, ErrUnavailable, ErrUnauthorized, 3},
		{"json 403 stays forbidden", Cloudbeds, 403, `{"success":false,"message":"You don't have access to this property"}`, "application/json", false, ErrForbidden, ErrUnavailable, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				if calls.Add(1) > 1 && r.Header.Get("Authorization") == "Bearer fresh-token-1234" {
					io.WriteString(w, `{"success":true,"data":[]}`)
					return
				}
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			})
			var reauths atomic.Int32
			token := "stale-token-1234"
			c, _ := newTestClient(t, Config{
				Profile: tc.provider,
				Authorize: func(_ context.Context, r *http.Request) error {
					r.Header.Set("Authorization", "Bearer "+token)
					return nil
				},
				Reauthorize: func(context.Context, *http.Request) error {
					reauths.Add(1)
					token = "fresh-token-1234"
					return nil
				},
			})
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/api/v1.3/getHotels", nil))
			if tc.wantReauth {
				if err != nil {
					t.Fatalf("Do() error = %v, want success after one refresh", err)
				}
				resp.Body.Close()
			} else {
				if tc.want != nil && !errors.Is(err, tc.want) {
					t.Errorf("Do() error = %v, want %v", err, tc.want)
				}
				if tc.notWant != nil && errors.Is(err, tc.notWant) {
					t.Errorf("Do() error = %v matches %v", err, tc.notWant)
				}
			}
			if got, want := reauths.Load(), map[bool]int32{true: 1, false: 0}[tc.wantReauth]; got != want {
				t.Errorf("reauthorizations = %d, want %d", got, want)
			}
			if got := calls.Load(); got != tc.attempts {
				t.Errorf("requests = %d, want %d", got, tc.attempts)
			}
		})
	}
}
