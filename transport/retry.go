package transport

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Retry defaults, used for the zero fields of [RetryPolicy].
const (
	DefaultMaxAttempts   = 3
	DefaultBaseDelay     = 500 * time.Millisecond
	DefaultMaxDelay      = 8 * time.Second
	DefaultMaxRetryAfter = 60 * time.Second
	DefaultRetryBudget   = 500
)

// Retry budget costs, as in aws-sdk-go-v2's retry quota: a retry takes
// retryCost tokens (timeoutCost after a timeout); a success on the first
// attempt gives successRefund back and a success after retries returns the
// cost of the last retry.
const (
	retryCost     = 5
	timeoutCost   = 10
	successRefund = 1
)

// ErrRetryBudgetExhausted is wrapped in the error returned when a request
// could have been retried but the client's retry budget is empty, which
// happens when a provider keeps failing. The budget refills as requests
// succeed.
var ErrRetryBudgetExhausted = errors.New("transport: retry budget exhausted")

// ErrWaitExceedsDeadline is wrapped in the error returned when a retry wait
// (backoff or Retry-After) or a rate limit wait would end after the context's
// deadline; Do returns at once instead of waiting in vain.
var ErrWaitExceedsDeadline = errors.New("transport: wait would exceed the context deadline")

// ErrRetryAfterTooLong is wrapped in the error returned when the provider
// asks for a wait (Retry-After, on the answer or on an earlier 429 of the
// same credential) longer than [RetryPolicy.MaxRetryAfter]. Do never sends
// before the provider's time: it returns at once, and the error names the
// wait the provider asked for ([APIError.RetryAfter] keeps it too).
var ErrRetryAfterTooLong = errors.New("transport: retry-after exceeds the configured maximum")

// RetryPolicy configures how [Client.Do] retries.
//
// Do retries connection failures (reset, refused, EOF, timeouts) and the
// statuses 429, 500, 502, 503 and 504, but only for requests that are safe
// to repeat: GET, HEAD, OPTIONS, TRACE, PUT and DELETE; POST and PATCH when
// they carry an Idempotency-Key header or the caller marked the context with
// [WithIdempotent] or [WithIdempotencyKey]. Statuses 400, 401, 403, 404, 409
// and 422 are never retried (401 has its own single refresh-and-retry, see
// [Config.Reauthorize]). A request whose body cannot be replayed (no
// GetBody) is sent once.
//
// Waits use exponential backoff with full jitter: a random duration in
// [0, min(MaxDelay, BaseDelay*2^(n-1))) before retry n. A Retry-After header
// (seconds or HTTP date) replaces the backoff; a request is never sent
// before that time. When the wait asked for is longer than MaxRetryAfter,
// or would pass the context's deadline, Do returns at once with an error
// wrapping [ErrRetryAfterTooLong] or [ErrWaitExceedsDeadline] and the
// answer's [*APIError].
type RetryPolicy struct {
	// MaxAttempts is the total number of attempts, first one included.
	// Zero means [DefaultMaxAttempts]; 1 disables retries.
	MaxAttempts int
	// BaseDelay is the backoff before the first retry. Zero means
	// [DefaultBaseDelay].
	BaseDelay time.Duration
	// MaxDelay caps the exponential backoff. Zero means [DefaultMaxDelay].
	MaxDelay time.Duration
	// MaxRetryAfter is the longest wait a Retry-After header may ask for
	// and still be waited out; a longer one ends the call with
	// [ErrRetryAfterTooLong]. Zero means [DefaultMaxRetryAfter].
	MaxRetryAfter time.Duration
	// Budget is the capacity of the client's retry token bucket. Zero means
	// [DefaultRetryBudget] (100 plain retries or 50 after timeouts when the
	// provider fails continuously); a negative value disables the budget.
	Budget int
}

// withDefaults returns p with zero fields replaced by the defaults.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = DefaultMaxAttempts
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if p.Budget == 0 {
		p.Budget = DefaultRetryBudget
	}
	return p
}

// budget is the retry token bucket shared by all requests of a Client.
type budget struct {
	mu        sync.Mutex
	tokens    int
	capacity  int
	unlimited bool
}

func newBudget(capacity int) *budget {
	if capacity < 0 {
		return &budget{unlimited: true}
	}
	return &budget{tokens: capacity, capacity: capacity}
}

// acquire takes cost tokens, reporting false when not enough are left.
func (b *budget) acquire(cost int) bool {
	if b.unlimited {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tokens < cost {
		return false
	}
	b.tokens -= cost
	return true
}

// release returns n tokens, up to the capacity.
func (b *budget) release(n int) {
	if b.unlimited {
		return
	}
	b.mu.Lock()
	if b.tokens < b.capacity {
		b.tokens = min(b.capacity, b.tokens+n)
	}
	b.mu.Unlock()
}

// available returns the tokens left.
func (b *budget) available() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.tokens
}

// backoff returns the full-jitter wait before retry number attempt (the
// attempt that just failed).
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.retry.MaxDelay
	if shift := attempt - 1; shift < 32 {
		if d := c.retry.BaseDelay << shift; d > 0 && d < ceiling {
			ceiling = d
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(c.jitter(int64(ceiling)))
}

// waitRetry takes the retry's cost from the budget and waits, unless the
// budget is empty or the wait would pass the context's deadline.
func (c *Client) waitRetry(ctx context.Context, wait time.Duration, cost int, lastErr error) error {
	if dl, ok := ctx.Deadline(); ok && c.now().Add(wait).After(dl) {
		return fmt.Errorf("%w (retry in %v): %w", ErrWaitExceedsDeadline, roundWait(wait), lastErr)
	}
	if !c.budget.acquire(cost) {
		return fmt.Errorf("%w: %w", ErrRetryBudgetExhausted, lastErr)
	}
	if err := c.sleep(ctx, wait); err != nil {
		return fmt.Errorf("transport: %s: waiting to retry: %w (previous attempt: %w)", c.provider, err, lastErr)
	}
	return nil
}

// roundWait rounds a wait for messages: to the millisecond below a minute,
// to the second above.
func roundWait(d time.Duration) time.Duration {
	if d >= time.Minute {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

// retryAllowed reports whether the request may be sent more than once.
func (c *Client) retryAllowed(req *http.Request, opts *requestOptions) bool {
	if opts != nil {
		if opts.noRetry {
			return false
		}
		if opts.idempotent || opts.idempotencyKey != "" {
			return true
		}
	}
	if idempotentMethod(req.Method) {
		return true
	}
	return req.Header.Get("Idempotency-Key") != ""
}

// idempotentMethod reports whether RFC 9110 defines the method as
// idempotent.
func idempotentMethod(m string) bool {
	switch m {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace,
		http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// retryableStatus reports whether an answer with this status may succeed
// when repeated.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableError reports whether a failure to get a response is transient:
// a reset, refused or closed connection, or a network timeout. Certificate
// problems and errors raised by middleware are not.
func retryableError(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var (
		certErr    *tls.CertificateVerificationError
		unknownCA  x509.UnknownAuthorityError
		hostErr    x509.HostnameError
		invalidErr x509.CertificateInvalidError
		recordErr  tls.RecordHeaderError
	)
	if errors.As(err, &certErr) || errors.As(err, &unknownCA) || errors.As(err, &hostErr) ||
		errors.As(err, &invalidErr) || errors.As(err, &recordErr) {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTimeout || dnsErr.IsTemporary
	}
	// http.Client wraps every failure in a *url.Error, which is itself a
	// net.Error; judge what it wraps, or an unsupported scheme or a
	// redirect policy error would count as a network failure.
	for {
		var ue *url.Error
		if !errors.As(err, &ue) {
			break
		}
		err = ue.Err
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}

// parseRetryAfter parses a Retry-After value, delta-seconds or an HTTP date,
// into a wait from now. A date in the past gives 0. It reports false for a
// missing or malformed value.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
				return time.Duration(1<<63 - 1), true
			}
			return 0, false
		}
		if n > int64((1<<63-1)/time.Second) {
			return time.Duration(1<<63 - 1), true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}

// requestOptions are per-request settings carried by the context.
type requestOptions struct {
	noRetry        bool
	idempotent     bool
	maxAttempts    int
	idempotencyKey string
	header         http.Header
}

type optionsKey struct{}

// optionsFrom returns the options stored in ctx, or nil.
func optionsFrom(ctx context.Context) *requestOptions {
	o, _ := ctx.Value(optionsKey{}).(*requestOptions)
	return o
}

// withOptions returns a context carrying a copy of the current options
// changed by f.
func withOptions(ctx context.Context, f func(*requestOptions)) context.Context {
	var o requestOptions
	if cur := optionsFrom(ctx); cur != nil {
		o = *cur
		o.header = cur.header.Clone()
	}
	f(&o)
	return context.WithValue(ctx, optionsKey{}, &o)
}

// WithoutRetry returns a copy of ctx under which [Client.Do] sends requests
// exactly once (the single refresh-and-retry after a 401 still applies).
func WithoutRetry(ctx context.Context) context.Context {
	return withOptions(ctx, func(o *requestOptions) { o.noRetry = true; o.maxAttempts = 1 })
}

// WithMaxAttempts returns a copy of ctx under which [Client.Do] makes at
// most n attempts per request, overriding [RetryPolicy.MaxAttempts]. It does
// not make a non-idempotent request retryable.
func WithMaxAttempts(ctx context.Context, n int) context.Context {
	return withOptions(ctx, func(o *requestOptions) { o.maxAttempts = max(n, 1) })
}

// WithIdempotent returns a copy of ctx declaring that requests made with it
// are safe to repeat, so [Client.Do] may retry them even when their method
// is POST or PATCH.
func WithIdempotent(ctx context.Context) context.Context {
	return withOptions(ctx, func(o *requestOptions) { o.idempotent = true })
}

// WithIdempotencyKey returns a copy of ctx under which requests carry the
// header "Idempotency-Key: key" (the same value on every attempt) and may be
// retried whatever their method. Some operations require the header.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return withOptions(ctx, func(o *requestOptions) { o.idempotencyKey = key })
}

// WithHeader returns a copy of ctx under which requests carry the header
// name: value, replacing any value set by the request or [Config.Header].
func WithHeader(ctx context.Context, name, value string) context.Context {
	return withOptions(ctx, func(o *requestOptions) {
		if o.header == nil {
			o.header = make(http.Header)
		}
		o.header.Set(name, value)
	})
}
