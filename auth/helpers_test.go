package auth_test

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Synthetic credentials used throughout the tests.
const (
	testClientID  = "client-abc"
	testSecret    = "s3cr3t-xyz-0123456789"
	testCompanyID = "1234"
)

// t0 is the fixed start of every fake clock.
var t0 = time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)

// fakeClock is an injectable, manually advanced clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *fakeClock { return &fakeClock{now: t0} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// recorded is a copy of a request received by a fake server.
type recorded struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   string
}

// fakeServer is an httptest server on loopback that records requests and
// answers with a handler.
type fakeServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []recorded
}

// newFakeServer starts a loopback server; answer writes the response for a
// recorded request (n is its 1-based index).
func newFakeServer(t *testing.T, answer func(w http.ResponseWriter, r recorded, n int)) *fakeServer {
	t.Helper()
	fs := &fakeServer{}
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("reading request body: %v", err)
		}
		rec := recorded{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body)}
		fs.mu.Lock()
		fs.reqs = append(fs.reqs, rec)
		n := len(fs.reqs)
		fs.mu.Unlock()
		answer(w, rec, n)
	}))
	t.Cleanup(fs.Close)
	return fs
}

// Requests returns the recorded requests.
func (fs *fakeServer) Requests() []recorded {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]recorded(nil), fs.reqs...)
}

// Count returns how many requests the server received.
func (fs *fakeServer) Count() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.reqs)
}

// jsonAnswer returns an answer function writing a fixed JSON response.
func jsonAnswer(status int, body string) func(http.ResponseWriter, recorded, int) {
	return func(w http.ResponseWriter, _ recorded, _ int) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// numberedTokens answers every token request with a distinct access token
// "tok-<n>" valid for an hour.
func numberedTokens(w http.ResponseWriter, _ recorded, n int) {
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"tok-%d"}`, n)
}

// fakeJWT builds an unsigned JWT-shaped token with the given JSON payload.
func fakeJWT(payload string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"typ":"JWT","alg":"RS256"}`)) + "." +
		enc.EncodeToString([]byte(payload)) + "." + enc.EncodeToString([]byte("not-a-signature"))
}

// assertNoSecrets fails if s contains any of the given secrets.
func assertNoSecrets(t *testing.T, what, s string, secrets ...string) {
	t.Helper()
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s, sec) {
			t.Errorf("%s = %q contains secret %q", what, s, sec)
		}
	}
}

// fieldCheck is one value of a recorded request and the value it should have.
type fieldCheck struct{ what, got, want string }

// checkFields reports every check whose value differs from the wanted one, as
// "<subject> <what> = got, want want".
func checkFields(t *testing.T, subject string, checks []fieldCheck) {
	t.Helper()
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s %s = %q, want %q", subject, c.what, c.got, c.want)
		}
	}
}
