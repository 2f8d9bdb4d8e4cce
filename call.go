package hospitality

import (
	"context"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// The per-call settings and the option types, re-exported so that a typical program imports this
// package and one gen/<api> package only. Each is the transport's own; see there for details.
type (
	// RetryPolicy configures retries: attempts, backoff, the Retry-After cap and the retry
	// budget. Pass it to [WithRetry].
	RetryPolicy = transport.RetryPolicy
	// RateLimit configures client-side rate limiting; pass it to [WithRateLimit].
	RateLimit = transport.RateLimit
	// EndpointLimit is a further rate limit for the requests it matches, inside a [RateLimit].
	EndpointLimit = transport.EndpointLimit
	// Middleware wraps each attempt of a request; pass it to [WithMiddleware].
	Middleware = transport.Middleware
	// MiddlewareNext sends a request on to the next middleware or the network.
	MiddlewareNext = transport.MiddlewareNext
	// FieldError is one problem with one field of a request, in [APIError.Fields].
	FieldError = transport.FieldError
)

// WithIdempotent returns a copy of ctx declaring that calls made with it are safe to repeat, so
// the SDK may retry them even when their method is POST or PATCH.
func WithIdempotent(ctx context.Context) context.Context { return transport.WithIdempotent(ctx) }

// WithIdempotencyKey returns a copy of ctx under which calls carry "Idempotency-Key: key" (the
// same value on every attempt) and may be retried whatever their method. Cloudbeds API v2
// requires it on its folio check and gratuity operations.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return transport.WithIdempotencyKey(ctx, key)
}

// WithoutRetry returns a copy of ctx under which calls are sent exactly once (the single
// refresh-and-retry after a refused token still applies).
func WithoutRetry(ctx context.Context) context.Context { return transport.WithoutRetry(ctx) }

// WithMaxAttempts returns a copy of ctx under which calls make at most n attempts, overriding the
// retry policy. It does not make a non-idempotent call retryable.
func WithMaxAttempts(ctx context.Context, n int) context.Context {
	return transport.WithMaxAttempts(ctx, n)
}

// WithHeader returns a copy of ctx under which calls carry the header name: value, replacing any
// value the request or the client sets.
func WithHeader(ctx context.Context, name, value string) context.Context {
	return transport.WithHeader(ctx, name, value)
}
