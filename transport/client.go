package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Version is the version of the SDK, sent in the default User-Agent.
const Version = "0.1.0"

// DefaultUserAgent is the User-Agent sent when neither the request nor
// [Config.UserAgent] sets one: "hospitality-go/<version> (<go version>)".
var DefaultUserAgent = "hospitality-go/" + Version + " (" + runtime.Version() + ")"

// Default values used for the zero fields of [Config].
const (
	// DefaultTimeout bounds each attempt, including reading the response body.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxResponseBytes bounds the body of a successful answer: far
	// above any real page of the providers' APIs (the largest seen are a few
	// megabytes), low enough that a broken or hostile server cannot exhaust
	// memory.
	DefaultMaxResponseBytes = 64 << 20
	// maxErrorBody is how much of an error response body is read and kept.
	maxErrorBody = 1 << 20
)

// ErrResponseTooLarge is wrapped in the error returned when a response body
// is longer than [Config.MaxResponseBytes]: by [Client.Do] when the
// Content-Length or a body it buffers says so, and by the body's Read when a
// streamed body passes the limit. Nothing beyond the limit is read.
var ErrResponseTooLarge = errors.New("transport: response body too large")

// ErrInsecureURL is wrapped in the error returned when a request would send
// credentials over plain http to a host that is not loopback. Only https is
// accepted, except for 127.0.0.0/8, ::1 and localhost.
var ErrInsecureURL = errors.New("transport: only https is accepted (plain http for loopback hosts only)")

// Middleware wraps each attempt of a request, in the style of openai-go's
// option.WithMiddleware. It receives the request as it will be sent (headers,
// authorization and body applied) and calls next to send it; it may change
// the request, inspect or replace the response, or return an error without
// calling next. Middleware runs inside the retry loop, once per attempt, and
// must be safe for concurrent use.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends a request to the next middleware or to the network.
type MiddlewareNext = func(req *http.Request) (*http.Response, error)

// Config configures a [Client]. The zero value of every field selects a
// documented default; only Profile should always be set.
type Config struct {
	// Profile declares what is particular to the API the client talks to:
	// name, default rate limits, error decoding and classification, the
	// success member of 2xx answers and fixed headers.
	Profile Profile

	// Base is the round tripper that sends attempts over the network. The
	// default is a clone of http.DefaultTransport with dial and TLS handshake
	// timeouts (and a 30-second response header timeout when Timeout is
	// negative, as the attempt timeout covers that wait otherwise), shared by
	// all clients. Go's transparent gzip decompression stays on.
	Base http.RoundTripper
	// HTTPClient, when set, sends attempts instead of an internal client
	// built on Base. Its Transport, Timeout and cookie jar apply; its
	// redirect policy does not: API calls never follow redirects (a 3xx
	// answer is returned as an [*APIError] matching [ErrRedirect]), so
	// credentials and tenant headers never reach another host, scheme or
	// port. The client is copied, not modified.
	HTTPClient *http.Client
	// Timeout bounds each attempt, from sending the request to closing the
	// response body, inside the caller's context. Zero means
	// [DefaultTimeout]; a negative value means no per-attempt timeout.
	Timeout time.Duration
	// MaxResponseBytes bounds the body of a successful answer, on every path
	// that reads it: a body Do buffers (the [Profile.SuccessMember] check) fails
	// at once, a streamed body fails in Read when it passes the limit, both
	// with an error wrapping [ErrResponseTooLarge] that names the limit.
	// Zero means [DefaultMaxResponseBytes]; a negative value means no limit.
	// Error bodies are always cut at 1 MiB.
	MaxResponseBytes int64

	// Header holds static headers set on every request that does not already
	// carry them (for example a tenant id), on top of [Profile.Header].
	Header http.Header
	// UserAgent replaces [DefaultUserAgent] for requests without one.
	UserAgent string

	// Authorize adds credentials to a request. It is called on every
	// attempt, on a copy of the caller's request, so a retry never sends a
	// stale token. auth.Bearer and auth.APIKey fit here.
	Authorize func(ctx context.Context, req *http.Request) error
	// Reauthorize is called once after an HTTP 401 with the rejected
	// request, to invalidate its credential (auth's CachedSource.Reject fits
	// here). The request is then sent exactly once more with Authorize
	// re-applied, if its body can be replayed; a second 401 is returned.
	Reauthorize func(ctx context.Context, rejected *http.Request) error

	// Retry configures retries; the zero value means [RetryPolicy] defaults.
	Retry RetryPolicy
	// RateLimit configures client-side rate limiting; its zero fields take
	// the profile's [Profile.RateLimit].
	RateLimit RateLimit
	// RateLimitKey returns the identity requests are rate limited by (for
	// example a client id or user id). The default hashes the Authorization
	// or x-api-key header. The key is only kept as a hash.
	RateLimitKey func(req *http.Request) string

	// Logger receives one Debug record per attempt, with credentials
	// redacted. Nil disables logging.
	Logger *slog.Logger
	// Middleware wraps every attempt; the first element is the outermost.
	Middleware []Middleware
	// Observer, when set, is told of every call, attempt, retry and
	// rate-limit wait, for tracing and metrics. Nil costs nothing.
	Observer Observer
}

// Client sends requests through the transport chain: static headers,
// authorization, client-side rate limiting, per-attempt timeout, retries,
// middleware, logging and error decoding. Its [Client.Do] method satisfies
// the HttpRequestDoer interface of every generated client. A Client is safe
// for concurrent use; share one per provider and credential set.
type Client struct {
	provider  Provider
	profile   Profile
	timeout   time.Duration
	maxBody   int64 // negative: no limit
	header    http.Header
	userAgent string
	// userAgentValue is shared by all requests; its capacity equals its
	// length, so an Add on a request's header copies it.
	userAgentValue []string
	authorize      func(context.Context, *http.Request) error
	reauthorize    func(context.Context, *http.Request) error
	rateKey        func(*http.Request) string
	send           MiddlewareNext
	logger         *slog.Logger
	retry          RetryPolicy
	budget         *budget
	limits         resolvedLimits
	reg            *registry
	observer       Observer

	// Hooks replaced by tests.
	now    func() time.Time
	sleep  func(ctx context.Context, d time.Duration) error
	jitter func(n int64) int64 // uniform in [0, n)
}

// Client satisfies the HttpRequestDoer interface of oapi-codegen clients.
var _ interface {
	Do(req *http.Request) (*http.Response, error)
} = (*Client)(nil)

// New returns a Client for cfg. It does no I/O.
func New(cfg Config) *Client {
	c := &Client{
		provider:    cfg.Profile.Name,
		profile:     cfg.Profile,
		timeout:     cfg.Timeout,
		userAgent:   cfg.UserAgent,
		authorize:   cfg.Authorize,
		reauthorize: cfg.Reauthorize,
		rateKey:     cfg.RateLimitKey,
		logger:      cfg.Logger,
		retry:       cfg.Retry.withDefaults(),
		reg:         globalRegistry,
		observer:    cfg.Observer,
		now:         time.Now,
		sleep:       sleepContext,
		jitter:      rand.Int64N,
	}
	if c.provider == "" {
		c.provider = "api"
	}
	if c.timeout == 0 {
		c.timeout = DefaultTimeout
	}
	c.maxBody = cfg.MaxResponseBytes
	if c.maxBody == 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	if c.userAgent == "" {
		c.userAgent = DefaultUserAgent
	}
	c.userAgentValue = []string{c.userAgent}[:1:1]
	if len(cfg.Header) > 0 || len(cfg.Profile.Header) > 0 {
		c.header = cfg.Header.Clone()
		if c.header == nil {
			c.header = make(http.Header, len(cfg.Profile.Header))
		}
		for k, vs := range cfg.Profile.Header {
			if _, ok := c.header[k]; !ok {
				c.header[k] = slices.Clone(vs)
			}
		}
		for k, vs := range c.header {
			c.header[k] = vs[:len(vs):len(vs)]
		}
	}
	c.budget = newBudget(c.retry.Budget)
	c.limits = resolveLimits(&cfg.Profile, cfg.RateLimit)

	hc := cfg.HTTPClient
	if hc == nil {
		base := cfg.Base
		if base == nil {
			base = defaultBase(c.timeout < 0)
		}
		hc = &http.Client{Transport: base}
	} else {
		cp := *hc
		hc = &cp
	}
	hc.CheckRedirect = refuseRedirect
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	hc.Transport = locationGuard{rt}
	send := func(r *http.Request) (*http.Response, error) {
		resp, err := hc.Do(r)
		if resp != nil {
			if loc, ok := resp.Header[heldLocation]; ok {
				resp.Header["Location"] = loc
				delete(resp.Header, heldLocation)
			}
		}
		return resp, err
	}
	for i := len(cfg.Middleware) - 1; i >= 0; i-- {
		m, next := cfg.Middleware[i], send
		if m == nil {
			continue
		}
		send = func(r *http.Request) (*http.Response, error) { return m(r, next) }
	}
	c.send = send
	return c
}

// heldLocation is where [locationGuard] keeps a redirect's Location header.
const heldLocation = "X-Hospitality-Held-Location"

// locationGuard hides the Location header of a 3xx answer from
// http.Client, which would otherwise parse it before consulting the
// redirect policy and, when it is malformed, fail the call with an error
// that quotes it (losing the answer). [Client.Do] puts it back.
type locationGuard struct{ rt http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (g locationGuard) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := g.rt.RoundTrip(r)
	if err == nil && resp != nil && resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc, ok := resp.Header["Location"]; ok {
			resp.Header[heldLocation] = loc
			delete(resp.Header, "Location")
		}
	}
	return resp, err
}

// refuseRedirect is the redirect policy of every API call: the 3xx answer
// itself is returned, so no header set for the configured host (credentials,
// tenant ids) is ever sent to the place it names.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// defaultBase returns the shared default round tripper: bounded dials and TLS
// handshakes, and up to 16 idle connections per host. A client's per-attempt
// timeout bounds the wait for response headers too, so only clients without
// one (headerTimeout) get a transport with a 30-second ResponseHeaderTimeout;
// the others are spared its per-request timer.
func defaultBase(headerTimeout bool) http.RoundTripper {
	if headerTimeout {
		return defaultBaseHeaderTimeout()
	}
	return defaultBaseNoHeaderTimeout()
}

var (
	defaultBaseNoHeaderTimeout = sync.OnceValue(func() http.RoundTripper { return newBase(0) })
	defaultBaseHeaderTimeout   = sync.OnceValue(func() http.RoundTripper { return newBase(30 * time.Second) })
)

// newBase returns a transport like http.DefaultTransport with the timeouts
// of defaultBase.
func newBase(responseHeaderTimeout time.Duration) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ResponseHeaderTimeout = responseHeaderTimeout
	t.ExpectContinueTimeout = time.Second
	t.MaxIdleConnsPerHost = 16
	return t
}

// Do sends req through the chain and returns the response of the last
// attempt. It never modifies req.
//
// A response with a 2xx status is returned as is (when the profile names a
// [Profile.SuccessMember], after checking that its JSON body does not set
// that member to false: a body that starts with the member set to true is
// streamed, any other is buffered for the check and can still be read). Any other status returns
// (nil, *APIError) with the body read and closed; the error keeps status,
// headers and body. Transport failures return (nil, err) with secrets
// removed from the URL in the message.
//
// Do never follows redirects (a 3xx is an *APIError matching
// [ErrRedirect]), refuses plain http except to loopback hosts
// ([ErrInsecureURL]), and bounds a successful body to
// [Config.MaxResponseBytes] ([ErrResponseTooLarge]). After an answer that
// refuses the credential (a 401, or any answer the profile's
// [Profile.Classify] marks [ErrUnauthorized]) it calls [Config.Reauthorize] once and
// sends the request once more; if a credential cannot then be had, the
// error joins the token failure and the *APIError of the refused answer.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	if c.observer != nil {
		return c.observed(req)
	}
	return c.do(req, nil)
}

// do implements Do; st, when not nil, receives what an [Observer] is told.
func (c *Client) do(req *http.Request, st *callState) (*http.Response, error) {
	ctx := req.Context()
	opts := optionsFrom(ctx)
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	maxAttempts := c.retry.MaxAttempts
	if opts != nil && opts.maxAttempts > 0 {
		maxAttempts = opts.maxAttempts
	}
	if !replayable || !c.retryAllowed(req, opts) {
		maxAttempts = 1
	}
	bodyOwned := req.Body != nil // req.Body still needs closing if nothing is sent
	if err := c.checkURL(req); err != nil {
		c.closeBody(req, bodyOwned)
		return nil, err
	}

	var (
		lastErr  error
		lastCost int
		reauthed bool
	)
	for attempt := 1; ; attempt++ {
		a := c.newAttempt(req, opts)
		a.call = st
		r := &a.req
		if c.authorize != nil {
			if err := c.authorize(ctx, r); err != nil {
				c.closeBody(req, bodyOwned)
				if lastErr != nil {
					// The answer that led here (a 401 whose credential was
					// dropped, or a failure being retried) is kept, so
					// errors.As still reaches its *APIError.
					return nil, fmt.Errorf("transport: %s: authorize: %w (previous attempt: %w)", c.provider, err, lastErr)
				}
				return nil, fmt.Errorf("transport: %s: authorize: %w", c.provider, err)
			}
		}
		var waitStart time.Time
		if st != nil {
			waitStart = c.now()
		}
		err := c.throttle(ctx, r)
		if st != nil {
			// Below a millisecond is the limiter's bookkeeping, not a wait.
			if d := c.now().Sub(waitStart); d >= time.Millisecond {
				st.obs.RateLimitWait(d)
			}
		}
		if err != nil {
			c.closeBody(req, bodyOwned)
			if lastErr != nil {
				return nil, fmt.Errorf("%w (previous attempt: %w)", err, lastErr)
			}
			return nil, err
		}
		if attempt > 1 || reauthed {
			if req.GetBody != nil {
				body, err := req.GetBody()
				if err != nil {
					return nil, fmt.Errorf("transport: %s: replay request body: %w", c.provider, err)
				}
				r.Body = body
			}
		}
		bodyOwned = false

		actx, cancel := ctx, context.CancelFunc(nil)
		if c.needsTimeout(ctx) {
			actx, cancel = context.WithTimeout(ctx, c.timeout)
			// After the rate limit wait, which the timeout must not cover.
			// WithContext's copy is inlined and stays on the stack.
			*r = *r.WithContext(actx)
		}
		// The clock is read for the debug log only (it costs a system call on some VMs).
		var start time.Time
		if c.logger != nil || st != nil {
			start = c.now()
		}
		if st != nil {
			st.attempts++
		}
		resp, err := c.send(r)
		if err != nil {
			timedOut := ctx.Err() == nil && actx.Err() != nil
			if cancel != nil {
				cancel()
			}
			lastErr = c.sendError(r, err, timedOut)
			if ctx.Err() != nil || attempt >= maxAttempts || !(timedOut || retryableError(err)) {
				c.logAttempt(ctx, a, attemptInfo{attempt: attempt, start: start, err: lastErr})
				return nil, lastErr
			}
			lastCost = retryCost
			if timedOut {
				lastCost = timeoutCost
			}
			wait := c.backoff(attempt)
			c.logAttempt(ctx, a, attemptInfo{attempt: attempt, start: start, err: lastErr, wait: wait, retrying: true})
			if err := c.waitRetry(ctx, wait, lastCost, lastErr); err != nil {
				return nil, err
			}
			continue
		}

		var apiErr *APIError
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			var err error
			if c.profile.SuccessMember != "" && isJSONBody(r, resp) {
				apiErr, err = c.checkSuccess(a, resp, cancel)
			} else {
				err = c.limitBody(r, resp, &a.body, cancel)
			}
			if err != nil {
				c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, reqID: requestID(resp.Header), err: err})
				return nil, err
			}
			if apiErr == nil {
				if attempt == 1 {
					c.budget.release(successRefund)
				} else {
					c.budget.release(lastCost)
				}
				c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, reqID: requestID(resp.Header)})
				return resp, nil
			}
		} else {
			body, rerr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
			resp.Body.Close()
			timedOut := ctx.Err() == nil && actx.Err() != nil
			if cancel != nil {
				cancel()
			}
			if rerr != nil && retryableStatus(resp.StatusCode) {
				// Other statuses are never retried: their APIError below keeps
				// the status and what was read of the body.
				lastErr = c.sendError(r, fmt.Errorf("read %d response body: %w", resp.StatusCode, rerr), timedOut)
				if ctx.Err() != nil || attempt >= maxAttempts {
					c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, err: lastErr})
					return nil, lastErr
				}
				lastCost = retryCost
				wait := c.backoff(attempt)
				c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, err: lastErr, wait: wait, retrying: true})
				if err := c.waitRetry(ctx, wait, lastCost, lastErr); err != nil {
					return nil, err
				}
				continue
			}
			apiErr = c.newAPIError(a, resp, body)
		}
		lastErr = apiErr

		if c.reauthorize != nil && !reauthed && apiErr.needsReauthorization() {
			// Drop the rejected credential; when the request can be sent
			// again, send it once more with a fresh one (not a retry).
			reauthed = true
			if err := c.reauthorize(ctx, r); err != nil {
				c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, reqID: apiErr.RequestID, err: apiErr})
				return nil, fmt.Errorf("transport: %s: reauthorize after %d: %w (%w)", c.provider, apiErr.StatusCode, err, apiErr)
			}
			if replayable {
				c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, reqID: apiErr.RequestID, err: apiErr, reauth: true})
				attempt--
				continue
			}
		}

		wait := c.backoff(attempt)
		if apiErr.RetryAfter > 0 {
			wait = apiErr.RetryAfter
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			// Hold every request of this credential until the provider's time.
			c.adapt(r, wait)
		}
		if attempt >= maxAttempts || !retryableStatus(resp.StatusCode) {
			c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, reqID: apiErr.RequestID, err: apiErr})
			return nil, apiErr
		}
		if apiErr.RetryAfter > c.retry.MaxRetryAfter {
			err := fmt.Errorf("%w (the provider asks to wait %v, more than MaxRetryAfter %v): %w",
				ErrRetryAfterTooLong, roundWait(apiErr.RetryAfter), c.retry.MaxRetryAfter, apiErr)
			c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, reqID: apiErr.RequestID, err: err})
			return nil, err
		}
		lastCost = retryCost
		c.logAttempt(ctx, a, attemptInfo{attempt: attempt, status: resp.StatusCode, start: start, reqID: apiErr.RequestID, err: apiErr, wait: wait, retrying: true, retryAfter: apiErr.RetryAfter})
		if err := c.waitRetry(ctx, wait, lastCost, apiErr); err != nil {
			return nil, err
		}
	}
}

// attempt is what one attempt of [Client.Do] needs beyond the caller's
// request, gathered in one allocation: the copy of the request that is sent,
// its URL, room for its header values, and the wrapper of the response body.
type attempt struct {
	req    http.Request
	url    url.URL
	values [4]string
	body   attemptBody

	// orig and opts are the caller's request and options the attempt was
	// made from; secrets is filled by [Client.secrets] when needed.
	orig    *http.Request
	opts    *requestOptions
	secrets *secretSet
	call    *callState // nil unless an Observer watches the call
}

// newAttempt returns a copy of the caller's request for one attempt, with
// the static, per-request and User-Agent headers set. As with
// [http.Request.Clone], the URL, the header and trailer (names and values)
// and TransferEncoding are copies, so nothing done to the attempt's request
// reaches req; the body, GetBody and the context are shared.
func (c *Client) newAttempt(req *http.Request, opts *requestOptions) *attempt {
	a := new(attempt)
	a.orig, a.opts = req, opts
	a.req = *req
	if req.URL != nil {
		a.url = *req.URL
		a.req.URL = &a.url
	}
	extra := len(c.header) + 2 // static headers, User-Agent, Authorization
	if opts != nil {
		extra += len(opts.header) + 1
	}
	h := a.cloneHeader(req.Header, extra)
	for k, vs := range c.header {
		if _, ok := h[k]; !ok {
			h[k] = vs // capacity == length: an Add copies
		}
	}
	if _, ok := h["User-Agent"]; !ok {
		h["User-Agent"] = c.userAgentValue
	}
	if opts != nil {
		for k, vs := range opts.header {
			h[k] = vs[:len(vs):len(vs)]
		}
		if opts.idempotencyKey != "" {
			h["Idempotency-Key"] = []string{opts.idempotencyKey}
		}
	}
	a.req.Header = h
	if req.Trailer != nil {
		a.req.Trailer = req.Trailer.Clone()
	}
	if req.TransferEncoding != nil {
		a.req.TransferEncoding = slices.Clone(req.TransferEncoding)
	}
	return a
}

// cloneHeader is [http.Header.Clone] with room for extra more names, which
// keeps the values in a.values when they fit. Every value slice has its
// capacity equal to its length, so an Add on the copy never writes into a
// neighbour's values.
func (a *attempt) cloneHeader(h http.Header, extra int) http.Header {
	nv := 0
	for _, vs := range h {
		nv += len(vs)
	}
	var sv []string
	if nv <= len(a.values) {
		sv = a.values[:nv]
	} else {
		sv = make([]string, nv)
	}
	h2 := make(http.Header, len(h)+extra)
	for k, vs := range h {
		if vs == nil {
			h2[k] = nil
			continue
		}
		n := copy(sv, vs)
		h2[k] = sv[:n:n]
		sv = sv[n:]
	}
	return h2
}

// needsTimeout reports whether an attempt gets its own timeout context: not
// when the timeout is off, nor when ctx's deadline comes first anyway.
func (c *Client) needsTimeout(ctx context.Context) bool {
	if c.timeout <= 0 {
		return false
	}
	dl, ok := ctx.Deadline()
	return !ok || time.Until(dl) > c.timeout
}

// closeBody closes the caller's request body when Do returns before handing
// it to the network, as the http.RoundTripper contract asks.
func (c *Client) closeBody(req *http.Request, owned bool) {
	if owned && req.Body != nil {
		req.Body.Close()
	}
}

// checkURL refuses a request that would leave over plain http for a host
// that is not loopback.
func (c *Client) checkURL(r *http.Request) error {
	u := r.URL
	if u == nil || u.Scheme == "https" || strings.EqualFold(u.Scheme, "https") {
		return nil
	}
	if strings.EqualFold(u.Scheme, "http") && isLoopbackHost(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("transport: %s: %s %s: %w", c.provider, methodName(r.Method), RedactURL(u), ErrInsecureURL)
}

// isLoopbackHost reports whether host is localhost or a loopback IP address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// limitBody hands resp's body to the caller through b, which ends the
// attempt's timeout on Close and enforces the client's body limit.
func (c *Client) limitBody(r *http.Request, resp *http.Response, b *attemptBody, cancel context.CancelFunc) error {
	if c.maxBody >= 0 && resp.ContentLength > c.maxBody {
		resp.Body.Close()
		if cancel != nil {
			cancel()
		}
		return c.tooLarge(r)
	}
	if cancel == nil && c.maxBody < 0 {
		return nil
	}
	b.rc, b.cancel = resp.Body, cancel
	if c.maxBody >= 0 {
		b.limited, b.left, b.c, b.r = true, c.maxBody, c, r
	}
	resp.Body = b
	return nil
}

// tooLarge is the error for a response body longer than the client's limit.
func (c *Client) tooLarge(r *http.Request) error {
	return fmt.Errorf("%w: %s: %s %s: longer than the %s limit (MaxResponseBytes)",
		ErrResponseTooLarge, c.provider, methodName(r.Method), RedactURL(r.URL), formatBytes(c.maxBody))
}

// formatBytes writes n as "64 MiB", "512 KiB" or "1000 bytes".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// sendError wraps a failure to get a response, with the URL redacted.
func (c *Client) sendError(r *http.Request, err error, timedOut bool) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		ue.URL = RedactURL(r.URL)
	} else {
		m := methodName(r.Method)
		err = &url.Error{Op: m[:1] + strings.ToLower(m[1:]), URL: RedactURL(r.URL), Err: err}
	}
	if timedOut {
		return fmt.Errorf("transport: %s: attempt timed out after %v: %w", c.provider, c.timeout, err)
	}
	return fmt.Errorf("transport: %s: %w", c.provider, err)
}

// newAPIError builds the error for a non-success answer whose body was read.
//
// Everything it keeps passes through the attempt's secret set, so no
// credential the request carried survives in Code, Message, Fields, Body or
// Header, however the provider echoes it.
func (c *Client) newAPIError(a *attempt, resp *http.Response, body []byte) *APIError {
	r := &a.req
	sec := c.secrets(a)
	e := &APIError{
		Provider:   c.provider,
		StatusCode: resp.StatusCode,
		Method:     methodName(r.Method),
		URL:        sec.scrubString(RedactURL(r.URL)),
		RequestID:  sec.scrubString(requestID(resp.Header)),
		Header:     sec.scrubHeader(resp.Header),
	}
	if v := resp.Header["Retry-After"]; len(v) > 0 {
		e.RetryAfter, _ = parseRetryAfter(v[0], c.now())
	}
	if c.profile.DecodeError != nil {
		c.profile.DecodeError(e, body)
	} else {
		DecodeErrorBody(e, body)
	}
	if c.profile.Classify != nil {
		c.profile.Classify(e, body)
	}
	classifyBlock(e, body)
	if e.Is(ErrRedirect) {
		e.Message = redirectMessage(r.URL, resp.Header.Get("Location"))
	}
	e.Code = sec.scrubString(e.Code)
	e.Message = sec.scrubString(e.Message)
	for i := range e.Fields {
		f := &e.Fields[i]
		f.Field = sec.scrubString(f.Field)
		f.Pointer = sec.scrubString(f.Pointer)
		f.Code = sec.scrubString(f.Code)
		f.Message = sec.scrubString(f.Message)
	}
	e.Body = sec.scrub(body)
	return e
}

// secrets returns the credential values attempt a carried, gathered once per
// attempt and only when something is kept or logged: every header value the
// Authorize hook set or changed (any value of the attempt that neither the
// caller's request, the static headers nor the per-request options gave), the
// values of credential headers however they were set (Authorization,
// Proxy-Authorization, X-Api-Key, Cookie and similar), and the values of
// secret query parameters.
func (c *Client) secrets(a *attempt) *secretSet {
	if a.secrets != nil {
		return a.secrets
	}
	s := new(secretSet)
	a.secrets = s
	for k, vs := range a.req.Header {
		switch {
		case isSecretName(k):
		case k == "User-Agent" || k == "Idempotency-Key":
			continue
		default:
			given, ok := a.orig.Header[k]
			if !ok {
				given, ok = c.header[k]
			}
			if !ok && a.opts != nil {
				given = a.opts.header[k]
			}
			if slices.Equal(given, vs) {
				continue
			}
		}
		s.addHeader(a.req.Header, k)
	}
	if u := a.req.URL; u != nil && u.RawQuery != "" {
		for part := range strings.SplitSeq(u.RawQuery, "&") {
			name, v, ok := strings.Cut(part, "=")
			if n, err := url.QueryUnescape(name); err == nil {
				name = n
			}
			if !ok || !isSecretName(name) {
				continue
			}
			if dv, err := url.QueryUnescape(v); err == nil {
				v = dv
			}
			s.add(v)
		}
	}
	if u := a.req.URL; u != nil && u.User != nil {
		if pw, ok := u.User.Password(); ok {
			s.add(pw)
		}
	}
	return s
}

// redirectMessage describes a redirect the client did not follow.
func redirectMessage(from *url.URL, location string) string {
	if location == "" {
		return "redirect without a Location not followed"
	}
	to, err := from.Parse(location)
	if err != nil {
		return "redirect to a malformed Location not followed"
	}
	if strings.EqualFold(from.Scheme, "https") && !strings.EqualFold(to.Scheme, "https") {
		return "redirect to " + RedactURL(to) + " refused: it would downgrade https to plain " + strings.ToLower(to.Scheme)
	}
	return "redirect to " + RedactURL(to) + " not followed: API calls never follow redirects"
}

// checkSuccess checks a 2xx JSON body for the profile's success member set
// to false.
//
// APIs that report failures this way put the member first. When the body
// starts with that member and a true value (true, 1, "true" or "1"; see
// [successPrefix]), only those first bytes are read and the body is streamed
// to the caller, who must close it (which also ends the attempt's timeout).
// Any other start, or one longer than the peek buffer, is buffered whole and
// checked with [successFailure]; resp.Body is then the buffered copy. Both
// paths judge by the first top-level member of that name, so a body takes
// the same verdict whichever path reads it; a later duplicate member is
// ignored by both (and encoding/json, which keeps the last one, would then
// show the false value in the decoded result rather than hide it).
func (c *Client) checkSuccess(a *attempt, resp *http.Response, cancel context.CancelFunc) (*APIError, error) {
	r, b := &a.req, &a.body
	n, verdict, eof := 0, prefixMore, false
	var err error
	for n < len(b.peek) && verdict == prefixMore {
		var m int
		m, err = resp.Body.Read(b.peek[n:])
		n += m
		if err != nil {
			break
		}
		verdict = successPrefix(b.peek[:n], c.profile.SuccessMember)
	}
	if err == io.EOF {
		eof, err = true, nil
	}
	limited := c.maxBody >= 0
	if limited && (resp.ContentLength > c.maxBody || int64(n) > c.maxBody) {
		resp.Body.Close()
		if cancel != nil {
			cancel()
		}
		return nil, c.tooLarge(r)
	}
	if err == nil && verdict == prefixSuccess && !eof {
		b.rc, b.cancel, b.buf = resp.Body, cancel, b.peek[:n]
		if limited {
			b.limited, b.left, b.c, b.r = true, c.maxBody-int64(n), c, r
		}
		resp.Body = b
		return nil, nil
	}

	body := b.peek[:n]
	over := false
	if err == nil && !eof {
		var buf bytes.Buffer
		if resp.ContentLength > 0 && resp.ContentLength < 64<<20 {
			buf.Grow(int(resp.ContentLength) + bytes.MinRead)
		} else {
			buf.Grow(len(body) + bytes.MinRead)
		}
		buf.Write(body)
		var rest io.Reader = resp.Body
		if limited {
			// One byte more than allowed tells a body at the limit from a longer one.
			rest = io.LimitReader(resp.Body, c.maxBody-int64(n)+1)
		}
		_, err = buf.ReadFrom(rest)
		body = buf.Bytes()
		over = limited && int64(len(body)) > c.maxBody
	}
	resp.Body.Close()
	if cancel != nil {
		cancel()
	}
	if over {
		return nil, c.tooLarge(r)
	}
	if err != nil {
		return nil, c.sendError(r, fmt.Errorf("read response body: %w", err), false)
	}
	if successFailure(body, c.profile.SuccessMember) {
		return c.newAPIError(a, resp, body), nil
	}
	b.rc, b.cancel, b.buf = http.NoBody, nil, body
	resp.Body = b
	resp.ContentLength = int64(len(body))
	return nil, nil
}

// isJSONBody reports whether resp may carry a JSON document worth checking.
func isJSONBody(r *http.Request, resp *http.Response) bool {
	if r.Method == http.MethodHead || resp.StatusCode == http.StatusNoContent || resp.ContentLength == 0 {
		return false
	}
	ct := resp.Header["Content-Type"]
	return len(ct) == 0 || strings.Contains(ct[0], "json")
}

// methodName returns the request method, GET when empty.
func methodName(m string) string {
	if m == "" {
		return http.MethodGet
	}
	return m
}

// attemptBody is the response body handed to the caller: the bytes already
// read (buf) followed by the rest of rc. Closing it closes rc and releases
// the attempt's timeout.
type attemptBody struct {
	rc     io.ReadCloser
	cancel context.CancelFunc
	buf    []byte
	peek   [peekSize]byte

	// With limited set, at most left more bytes may be read from rc; c
	// and r name the limit and the request in the error.
	limited bool
	left    int64
	c       *Client
	r       *http.Request
}

// Read returns the buffered bytes first, then reads from the network. Past
// the client's body limit it returns an error wrapping
// [ErrResponseTooLarge], and keeps returning it.
func (b *attemptBody) Read(p []byte) (int, error) {
	if len(b.buf) > 0 {
		n := copy(p, b.buf)
		b.buf = b.buf[n:]
		return n, nil
	}
	if !b.limited {
		return b.rc.Read(p)
	}
	if b.left < 0 {
		return 0, b.c.tooLarge(b.r)
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	if int64(n) > b.left {
		n, b.left = int(b.left), -1
		return n, b.c.tooLarge(b.r)
	}
	b.left -= int64(n)
	return n, err
}

// Close closes the body and releases the attempt's timer.
func (b *attemptBody) Close() error {
	err := b.rc.Close()
	if b.cancel != nil {
		b.cancel()
	}
	return err
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
