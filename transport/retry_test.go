package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// statusServer answers every request with status and counts attempts.
func statusServer(t *testing.T, status int, header http.Header) (url string, attempts *atomic.Int32) {
	t.Helper()
	attempts = new(atomic.Int32)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		io.Copy(io.Discard, r.Body)
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(status)
		io.WriteString(w, `{"code":"x","message":"y"}`)
	})
	return srv.URL, attempts
}

func TestRetryMatrix(t *testing.T) {
	methods := []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodPost, http.MethodPatch}
	statuses := []int{400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504}
	keys := []string{"none", "header", "context key", "context idempotent", "without retry"}
	for _, status := range statuses {
		url, attempts := statusServer(t, status, nil)
		for _, method := range methods {
			for _, key := range keys {
				t.Run(fmt.Sprintf("%s %d %s", method, status, key), func(t *testing.T) {
					attempts.Store(0)
					c, clk := newTestClient(t, Config{Profile: Kobas})
					ctx := context.Background()
					switch key {
					case "context key":
						ctx = WithIdempotencyKey(ctx, "k-1")
					case "context idempotent":
						ctx = WithIdempotent(ctx)
					case "without retry":
						ctx = WithoutRetry(ctx)
					}
					req := mustRequest(t, ctx, method, url, strings.NewReader(`{"a":1}`))
					if key == "header" {
						req.Header.Set("Idempotency-Key", "k-1")
					}
					_, err := c.Do(req)
					var apiErr *APIError
					if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
						t.Fatalf("Do() error = %v, want APIError %d", err, status)
					}
					safe := method != http.MethodPost && method != http.MethodPatch || key == "header" || key == "context key" || key == "context idempotent"
					if key == "without retry" {
						safe = false
					}
					want := int32(1)
					if safe && retryableStatus(status) {
						want = DefaultMaxAttempts
					}
					if got := attempts.Load(); got != want {
						t.Errorf("attempts = %d, want %d", got, want)
					}
					if got := int32(len(clk.Sleeps())); got != want-1 {
						t.Errorf("waits = %d, want %d", got, want-1)
					}
				})
			}
		}
	}
}

func TestRetryConnectionFailures(t *testing.T) {
	// Attempt 1: the connection is closed before any answer. Attempt 2: a
	// 503 whose body is cut short by a reset. Attempt 3: success.
	var attempts atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch attempts.Add(1) {
		case 1:
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("Hijack: %v", err)
				return
			}
			conn.Close()
		case 2:
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusServiceUnavailable)
			io.WriteString(w, `{"code":`)
			http.NewResponseController(w).Flush()
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("Hijack: %v", err)
				return
			}
			conn.Close()
		default:
			io.WriteString(w, "ok")
		}
	})
	c, clk := newTestClient(t, Config{Profile: Octotable})
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/reservations", nil))
	if err != nil {
		t.Fatalf("Do() error = %v, want success on attempt 3", err)
	}
	if got := readAll(t, resp); got != "ok" {
		t.Errorf("body = %q, want ok", got)
	}
	if got := attempts.Load(); got != 3 {
		t.Errorf("attempts = %d, want 3", got)
	}
	if want := []time.Duration{DefaultBaseDelay - 1, 2*DefaultBaseDelay - 1}; fmt.Sprint(clk.Sleeps()) != fmt.Sprint(want) {
		t.Errorf("waits = %v, want %v", clk.Sleeps(), want)
	}
}

func TestRetryConnectionFailurePOSTNotRetried(t *testing.T) {
	var attempts atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		conn, _, _ := http.NewResponseController(w).Hijack()
		conn.Close()
	})
	c, _ := newTestClient(t, Config{Profile: Octotable})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodPost, srv.URL+"/reservations?client_secret="+secretClient, strings.NewReader("{}")))
	if err == nil || !errors.Is(err, io.EOF) {
		t.Errorf("Do() error = %v, want EOF", err)
	}
	if err != nil && strings.Contains(err.Error(), secretClient) {
		t.Errorf("error %q leaks the client secret", err)
	}
	if got := attempts.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
}

func TestRetryAttemptTimeout(t *testing.T) {
	var attempts atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		<-r.Context().Done() // never answers
	})
	c, _ := newTestClient(t, Config{Profile: Kobas, Timeout: 20 * time.Millisecond, Retry: RetryPolicy{MaxAttempts: 2}})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
	if err == nil || !strings.Contains(err.Error(), "transport: kobas: attempt timed out after 20ms") || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Do() error = %v, want attempt timeout wrapping context.DeadlineExceeded", err)
	}
	if got := attempts.Load(); got != 2 {
		t.Errorf("attempts = %d, want 2", got)
	}
	if got, want := c.budget.available(), DefaultRetryBudget-timeoutCost; got != want {
		t.Errorf("budget after a timeout retry = %d, want %d", got, want)
	}
}

func TestRetryAfter(t *testing.T) {
	clkNow := newFakeClock().Now()
	tests := []struct {
		name     string
		header   string
		maxAfter time.Duration
		want     []time.Duration
	}{
		{"seconds", "2", 0, []time.Duration{2 * time.Second}},
		{"http date", clkNow.Add(5 * time.Second).UTC().Format(http.TimeFormat), 0, []time.Duration{5 * time.Second}},
		{"past date falls back to backoff", clkNow.Add(-time.Hour).UTC().Format(http.TimeFormat), 0, []time.Duration{DefaultBaseDelay - 1}},
		{"at the cap", "10", 10 * time.Second, []time.Duration{10 * time.Second}},
		{"junk falls back to backoff", "soon", 0, []time.Duration{DefaultBaseDelay - 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var attempts atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if attempts.Add(1) == 1 {
					w.Header().Set("Retry-After", tc.header)
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				io.WriteString(w, "ok")
			})
			c, clk := newTestClient(t, Config{Profile: Kobas, Retry: RetryPolicy{MaxRetryAfter: tc.maxAfter}})
			clk.t = clkNow
			resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
			if err != nil {
				t.Fatalf("Do() error = %v", err)
			}
			resp.Body.Close()
			if got := clk.Sleeps(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("waits = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRetryAfterAboveMax pins the bug where a Retry-After above
// MaxRetryAfter was cut to the cap and the retry sent early (10 s after a
// server asking for an hour), and the deadline message named the cap
// instead of the server's wait.
func TestRetryAfterAboveMax(t *testing.T) {
	tests := []struct {
		name     string
		maxAfter time.Duration
		deadline time.Duration
		sentinel error
		wantText string
	}{
		{"above MaxRetryAfter", 10 * time.Second, 0, ErrRetryAfterTooLong, "wait 1h0m0s, more than MaxRetryAfter 10s"},
		{"past the deadline", 2 * time.Hour, time.Minute, ErrWaitExceedsDeadline, "retry in 1h0m0s"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var attempts atomic.Int32
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				w.Header().Set("Retry-After", "3600")
				w.WriteHeader(http.StatusTooManyRequests)
			})
			c, clk := newTestClient(t, Config{Profile: Kobas, Retry: RetryPolicy{MaxRetryAfter: tc.maxAfter}})
			ctx := context.Background()
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithDeadline(ctx, clk.Now().Add(tc.deadline))
				defer cancel()
			}
			_, err := c.Do(mustRequest(t, ctx, http.MethodGet, srv.URL, nil))
			if !errors.Is(err, tc.sentinel) || !strings.Contains(err.Error(), tc.wantText) {
				t.Fatalf("Do() error = %v, want %v naming %q", err, tc.sentinel, tc.wantText)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.RetryAfter != time.Hour {
				t.Errorf("errors.As(*APIError) RetryAfter = %v, want 1h", apiErr)
			}
			if got := attempts.Load(); got != 1 {
				t.Errorf("attempts = %d, want 1 (never sent before the server's time)", got)
			}
			if got := clk.Sleeps(); len(got) != 0 {
				t.Errorf("waits = %v, want none", got)
			}
			// The credential stays paused: the next call fails at once too.
			_, err = c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
			if tc.deadline == 0 && (!errors.Is(err, ErrRetryAfterTooLong) || !errors.Is(err, ErrRateLimited) || attempts.Load() != 1) {
				t.Errorf("second Do() error = %v after %d attempts, want ErrRetryAfterTooLong and ErrRateLimited without sending", err, attempts.Load())
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"2", 2 * time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"0", 0, true},
		{"Thu, 15 May 2025 14:00:30 GMT", 30 * time.Second, true},
		{"Thursday, 15-May-25 14:01:00 GMT", time.Minute, true}, // RFC 850
		{"Thu May 15 14:00:10 2025", 10 * time.Second, true},    // asctime
		{"Thu, 15 May 2025 13:00:00 GMT", 0, true},
		{"99999999999999999999", time.Duration(1<<63 - 1), true},
		{"", 0, false},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{"2s", 0, false},
	}
	for _, tc := range tests {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.wantOK)
		}
	}
}

func TestBackoff(t *testing.T) {
	c, _ := newTestClient(t, Config{Profile: Kobas})
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second}
	for i, w := range want {
		if got := c.backoff(i + 1); got != w-1 {
			t.Errorf("backoff(%d) = %v, want %v (ceiling %v minus the test jitter)", i+1, got, w-1, w)
		}
	}
	if got := c.backoff(200); got != DefaultMaxDelay-1 {
		t.Errorf("backoff(200) = %v, want %v", got, DefaultMaxDelay-1)
	}
	c.jitter = func(n int64) int64 { return 0 }
	if got := c.backoff(3); got != 0 {
		t.Errorf("backoff with zero jitter = %v, want 0 (full jitter starts at zero)", got)
	}
}

func TestRetryDeadlineShortCircuit(t *testing.T) {
	url, attempts := statusServer(t, http.StatusServiceUnavailable, http.Header{"Retry-After": {"5"}})
	c, clk := newTestClient(t, Config{Profile: Octotable})
	clk.t = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := c.Do(mustRequest(t, ctx, http.MethodGet, url, nil))
	if !errors.Is(err, ErrWaitExceedsDeadline) {
		t.Fatalf("Do() error = %v, want ErrWaitExceedsDeadline", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.RetryAfter != 5*time.Second {
		t.Errorf("Do() error = %v, want it to wrap the 503 APIError with RetryAfter 5s", err)
	}
	if !strings.HasPrefix(err.Error(), "transport: wait would exceed the context deadline (retry in 5s): transport: octotable: 503") {
		t.Errorf("Error() = %q, want it to say the wait passes the deadline", err)
	}
	if got := attempts.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
	if got := clk.Sleeps(); len(got) != 0 {
		t.Errorf("waits = %v, want none", got)
	}
}

func TestRetryCancelDuringBackoff(t *testing.T) {
	url, _ := statusServer(t, http.StatusBadGateway, nil)
	c, _ := newTestClient(t, Config{Profile: Kobas, Retry: RetryPolicy{BaseDelay: time.Hour, MaxDelay: time.Hour}})
	waiting := make(chan struct{})
	c.sleep = func(ctx context.Context, d time.Duration) error {
		close(waiting)
		return sleepContext(ctx, d) // a real one-hour wait, ended by cancel
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Do(mustRequest(t, ctx, http.MethodGet, url, nil))
		done <- err
	}()
	<-waiting
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Do() error = %v, want context.Canceled", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadGateway {
		t.Errorf("Do() error = %v, want it to keep the 502 APIError", err)
	}
}

func TestRetryBodyReplay(t *testing.T) {
	const body = `{"checkId":"c-1","amount":"12.50","note":"ünïcode"}`
	var (
		mu     sync.Mutex
		bodies []string
		keys   []string
	)
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, string(b))
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		n := len(bodies)
		mu.Unlock()
		if n < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	c, _ := newTestClient(t, Config{Profile: CloudbedsV2})
	req := mustRequest(t, context.Background(), http.MethodPost, srv.URL+"/folio/v1/checks", strings.NewReader(body))
	req.Header.Set("Idempotency-Key", "idem-42")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("Do() error = %v", err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if len(bodies) != 3 {
		t.Fatalf("attempts = %d, want 3", len(bodies))
	}
	for i := range bodies {
		if bodies[i] != body || keys[i] != "idem-42" {
			t.Errorf("attempt %d: body %q key %q, want %q and idem-42", i+1, bodies[i], keys[i], body)
		}
	}
}

func TestRetryNonReplayableBody(t *testing.T) {
	url, attempts := statusServer(t, http.StatusServiceUnavailable, nil)
	c, _ := newTestClient(t, Config{Profile: Kobas})
	req := mustRequest(t, context.Background(), http.MethodPut, url, io.NopCloser(strings.NewReader(`{"a":1}`)))
	if req.GetBody != nil {
		t.Fatal("test setup: request body is replayable")
	}
	var apiErr *APIError
	if _, err := c.Do(req); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("Do() error = %v, want the 503 APIError", err)
	}
	if got := attempts.Load(); got != 1 {
		t.Errorf("attempts = %d, want 1", got)
	}
}

func TestRetryPerRequestOverrides(t *testing.T) {
	url, attempts := statusServer(t, http.StatusServiceUnavailable, nil)
	tests := []struct {
		name   string
		method string
		ctx    func(context.Context) context.Context
		want   int32
	}{
		{"max attempts 5", http.MethodGet, func(c context.Context) context.Context { return WithMaxAttempts(c, 5) }, 5},
		{"max attempts does not make POST retryable", http.MethodPost, func(c context.Context) context.Context { return WithMaxAttempts(c, 5) }, 1},
		{"idempotent POST with max attempts", http.MethodPost, func(c context.Context) context.Context { return WithMaxAttempts(WithIdempotent(c), 4) }, 4},
		{"without retry wins", http.MethodGet, func(c context.Context) context.Context { return WithoutRetry(WithMaxAttempts(c, 5)) }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			attempts.Store(0)
			c, _ := newTestClient(t, Config{Profile: Kobas})
			c.Do(mustRequest(t, tc.ctx(context.Background()), tc.method, url, strings.NewReader("{}")))
			if got := attempts.Load(); got != tc.want {
				t.Errorf("attempts = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestRetryBudget(t *testing.T) {
	// A 429 storm: every answer is 429 without Retry-After.
	url, attempts := statusServer(t, http.StatusTooManyRequests, nil)
	c, _ := newTestClient(t, Config{Profile: Kobas, Retry: RetryPolicy{MaxAttempts: 10, Budget: 2 * retryCost}})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, url, nil))
	if !errors.Is(err, ErrRetryBudgetExhausted) || !errors.Is(err, ErrRateLimited) {
		t.Fatalf("Do() error = %v, want ErrRetryBudgetExhausted wrapping a 429", err)
	}
	if got := attempts.Load(); got != 3 {
		t.Errorf("attempts with a budget of two retries = %d, want 3", got)
	}
	attempts.Store(0)
	_, err = c.Do(mustRequest(t, context.Background(), http.MethodGet, url, nil))
	if !errors.Is(err, ErrRetryBudgetExhausted) {
		t.Errorf("second Do() error = %v, want ErrRetryBudgetExhausted", err)
	}
	if got := attempts.Load(); got != 1 {
		t.Errorf("attempts once the budget is empty = %d, want 1", got)
	}
	if got := c.budget.available(); got != 0 {
		t.Errorf("budget = %d, want 0", got)
	}

	// Successes refill the budget.
	okSrv := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	for i := 0; i < 7; i++ {
		resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, okSrv.URL, nil))
		if err != nil {
			t.Fatalf("Do() error = %v", err)
		}
		resp.Body.Close()
	}
	if got, want := c.budget.available(), 7*successRefund; got != want {
		t.Errorf("budget after 7 successes = %d, want %d", got, want)
	}
}

func TestRetryBudgetUnlimited(t *testing.T) {
	b := newBudget(-1)
	for i := 0; i < 1000; i++ {
		if !b.acquire(timeoutCost) {
			t.Fatalf("unlimited budget refused retry %d", i)
		}
	}
}

func TestRetryPolicyDefaults(t *testing.T) {
	got := RetryPolicy{}.withDefaults()
	want := RetryPolicy{MaxAttempts: 3, BaseDelay: 500 * time.Millisecond, MaxDelay: 8 * time.Second, MaxRetryAfter: time.Minute, Budget: 500}
	if got != want {
		t.Errorf("RetryPolicy{}.withDefaults() = %+v, want %+v", got, want)
	}
	if got := (RetryPolicy{MaxAttempts: 1, Budget: -1}).withDefaults(); got.MaxAttempts != 1 || got.Budget != -1 {
		t.Errorf("withDefaults kept MaxAttempts, Budget = %d, %d; want 1, -1", got.MaxAttempts, got.Budget)
	}
}

func TestRetryableError(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{io.EOF, true},
		{fmt.Errorf("read: %w", io.ErrUnexpectedEOF), true},
		{context.Canceled, false},
		{errors.New("blocked by policy"), false},
		{strconv.ErrSyntax, false},
		// Regression: *url.Error is itself a net.Error, so every failure
		// http.Client returned used to count as a network failure.
		{&url.Error{Op: "Get", URL: "ftp://127.0.0.1/", Err: errors.New(`unsupported protocol scheme "ftp"`)}, false},
		{&url.Error{Op: "Get", URL: "http://127.0.0.1/", Err: errors.New("stopped after 10 redirects")}, false},
		{&url.Error{Op: "Get", URL: "http://127.0.0.1/", Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}, true},
		{&url.Error{Op: "Get", URL: "http://127.0.0.1/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("i/o timeout")}}, true},
	}
	for _, tc := range tests {
		if got := retryableError(tc.err); got != tc.want {
			t.Errorf("retryableError(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

// TestRetryClientErrorNotRetried pins the bug where a failure that is no
// network problem (here an unsupported URL scheme, reported by http.Client as
// a *url.Error) was retried with backoff.
func TestRetryClientErrorNotRetried(t *testing.T) {
	c, clk := newTestClient(t, Config{Profile: Kobas})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "ftp://127.0.0.1/x?token="+secretToken, nil))
	if !errors.Is(err, ErrInsecureURL) {
		t.Fatalf("Do() error = %v, want ErrInsecureURL", err)
	}
	if strings.Contains(err.Error(), secretToken) {
		t.Errorf("Do() error = %q, leaks the token", err)
	}
	if got := clk.Sleeps(); len(got) != 0 {
		t.Errorf("waits = %v, want none (not retried)", got)
	}
	if got := c.budget.available(); got != DefaultRetryBudget {
		t.Errorf("budget = %d, want %d (untouched)", got, DefaultRetryBudget)
	}
}

func TestRetryConnectionRefused(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	url := srv.URL
	srv.Close() // nothing listens any more
	c, clk := newTestClient(t, Config{Profile: Kobas})
	_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, url, nil))
	if err == nil || !retryableError(err) {
		t.Fatalf("Do() error = %v, want a retryable connection error", err)
	}
	if got := len(clk.Sleeps()); got != DefaultMaxAttempts-1 {
		t.Errorf("waits = %d, want %d", got, DefaultMaxAttempts-1)
	}
}

// The default transport waits for response headers without a limit of its own only when the
// client's attempt timeout covers that wait (TestRetryAttemptTimeout: a server that never answers).
func TestDefaultBaseHeaderTimeout(t *testing.T) {
	for _, tc := range []struct {
		timeout time.Duration
		want    time.Duration
	}{{0, 0}, {time.Second, 0}, {-1, 30 * time.Second}} {
		c := New(Config{Profile: Kobas, Timeout: tc.timeout})
		if c.timeout < 0 != (tc.want > 0) {
			t.Fatalf("New(Timeout: %v).timeout = %v", tc.timeout, c.timeout)
		}
		tr, ok := defaultBase(c.timeout < 0).(*http.Transport)
		if !ok {
			t.Fatalf("defaultBase is %T, want *http.Transport", defaultBase(c.timeout < 0))
		}
		if tr.ResponseHeaderTimeout != tc.want || tr.TLSHandshakeTimeout != 10*time.Second || tr.MaxIdleConnsPerHost != 16 {
			t.Errorf("Timeout %v: default transport has ResponseHeaderTimeout %v, TLS %v, idle per host %d; want %v, 10s, 16",
				tc.timeout, tr.ResponseHeaderTimeout, tr.TLSHandshakeTimeout, tr.MaxIdleConnsPerHost, tc.want)
		}
	}
}
