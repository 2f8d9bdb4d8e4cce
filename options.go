package hospitality

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// Version is the SDK's version, sent in the User-Agent header.
const Version = transport.Version

// An Option changes how a constructor such as [ConnectKobas] builds its client. Options apply to every
// provider.
type Option func(*settings)

// settings collects what the options set; the constructors turn it into a [transport.Config].
type settings struct {
	httpClient *http.Client
	base       http.RoundTripper
	timeout    time.Duration
	retry      *transport.RetryPolicy
	rateLimit  *transport.RateLimit
	maxBody    int64
	observer   transport.Observer
	logger     *slog.Logger
	middleware []transport.Middleware
	userAgent  string
}

// WithBaseTransport sets the round tripper that carries requests, for API calls and token
// requests alike. The default is a tuned clone of [http.DefaultTransport]; [WithHTTPClient]
// takes precedence.
func WithBaseTransport(rt http.RoundTripper) Option {
	return func(s *settings) { s.base = rt }
}

// WithHTTPClient sets the HTTP client that carries requests, for API calls and token requests
// alike, for example one with its own Transport, proxy or cookie jar. It takes precedence over
// [WithBaseTransport]. Its Timeout, when set, bounds each attempt of an API call, each token
// request and Cloudbeds host discovery, in addition to [WithTimeout]. Neither API calls nor token
// requests follow redirects, whatever its CheckRedirect says.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) { s.httpClient = hc }
}

// WithTimeout sets the time limit of each attempt of an API call, inside the caller's context,
// and of each token request and Cloudbeds host discovery. The default is
// [transport.DefaultTimeout] for API attempts and [auth.DefaultHTTPTimeout] for the others; a
// negative d turns the API attempt limit off and leaves the others at their default.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) { s.timeout = d }
}

// WithRetry replaces the retry policy (attempts, backoff, Retry-After cap, retry budget).
func WithRetry(p transport.RetryPolicy) Option {
	return func(s *settings) { s.retry = &p }
}

// WithRateLimit replaces the provider's default client-side rate limit. A limiter set with
// [WithLimiter] is kept.
func WithRateLimit(rl transport.RateLimit) Option {
	return func(s *settings) {
		if rl.Limiter == nil && s.rateLimit != nil {
			rl.Limiter = s.rateLimit.Limiter
		}
		s.rateLimit = &rl
	}
}

// WithLimiter shares the client's rate limits and 429 pauses through l, for example the Redis
// limiter of the stores/redis module, so that every worker sharing a credential stays within the
// provider's limit together. The limits themselves stay the provider's (or [WithRateLimit]'s).
func WithLimiter(l transport.Limiter) Option {
	return func(s *settings) {
		if s.rateLimit == nil {
			s.rateLimit = &transport.RateLimit{}
		}
		rl := *s.rateLimit
		rl.Limiter = l
		s.rateLimit = &rl
	}
}

// WithMaxResponseBytes bounds the body of a successful answer to n bytes (default
// [transport.DefaultMaxResponseBytes], 64 MiB, far above any real page). A longer answer fails
// with an error wrapping [ErrResponseTooLarge] that names the limit, without reading past it;
// streamed bodies stay streamed. A negative n removes the limit. Error bodies are always cut at
// 1 MiB.
func WithMaxResponseBytes(n int64) Option {
	return func(s *settings) { s.maxBody = n }
}

// WithObserver reports every call, attempt, retry and rate-limit wait to o, for tracing and
// metrics (the otelhospitality module provides an OpenTelemetry observer). Calls carry the
// operation id when the context names it ([transport.WithOperation]).
func WithObserver(o transport.Observer) Option {
	return func(s *settings) { s.observer = o }
}

// WithLogger sends a debug record of every attempt to l, with credentials redacted.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) { s.logger = l }
}

// WithMiddleware adds middleware around every request, outermost first.
func WithMiddleware(m ...transport.Middleware) Option {
	return func(s *settings) { s.middleware = append(s.middleware, m...) }
}

// WithUserAgent replaces the User-Agent header sent on every request (by default
// [transport.DefaultUserAgent]).
func WithUserAgent(ua string) Option {
	return func(s *settings) { s.userAgent = ua }
}

func collect(opts []Option) settings {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	return s
}

// transportConfig builds the shared chain for the API profile p; header holds the provider's fixed
// headers and auth its per-attempt credentials.
func (s settings) transportConfig(p transport.Profile, header http.Header, authorize, reauthorize func(ctx context.Context, req *http.Request) error) transport.Config {
	cfg := transport.Config{
		Profile:          p,
		MaxResponseBytes: s.maxBody,
		Observer:         s.observer,
		Base:             s.base,
		HTTPClient:       s.httpClient,
		Timeout:          s.timeout,
		Header:           header,
		UserAgent:        s.userAgent,
		Authorize:        authorize,
		Reauthorize:      reauthorize,
		Logger:           s.logger,
		Middleware:       s.middleware,
	}
	if s.retry != nil {
		cfg.Retry = *s.retry
	}
	if s.rateLimit != nil {
		cfg.RateLimit = *s.rateLimit
	}
	return cfg
}

// bearer returns the per-attempt authorizer that sends ts's token as a bearer token and, when ts
// can forget a token the API rejected (as an [auth.CachedSource] can), the 401 hook that does so;
// reject is nil otherwise.
func bearer(ts oauth2.TokenSource) (authorize, reject func(context.Context, *http.Request) error) {
	if r, ok := ts.(interface {
		Reject(context.Context, *http.Request) error
	}); ok {
		reject = r.Reject
	}
	return auth.Bearer(ts), reject
}

// tokenClient is the HTTP client used for token requests and Cloudbeds host discovery: the same
// client or base transport as API calls, never following redirects (a request carrying a client
// secret or credential is not re-sent to another location), with an overall time limit: the one
// of [WithTimeout] when set, the client's own Timeout when it is shorter, and
// [auth.DefaultHTTPTimeout] when neither is set.
func (s settings) tokenClient() *http.Client {
	var hc http.Client
	if s.httpClient != nil {
		hc = *s.httpClient
	} else {
		hc.Transport = s.base
		if hc.Transport == nil {
			hc.Transport = http.DefaultTransport
		}
	}
	if s.timeout > 0 && (hc.Timeout <= 0 || s.timeout < hc.Timeout) {
		hc.Timeout = s.timeout
	}
	if hc.Timeout <= 0 {
		hc.Timeout = auth.DefaultHTTPTimeout
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}
