package transport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"golang.org/x/time/rate"
)

// Limiter is a rate limiter that clients may share beyond one process. The
// default, used when [RateLimit.Limiter] is nil, is an in-process registry
// of golang.org/x/time/rate token buckets shared by every client of the
// process. A shared implementation (such as the Redis one in
// github.com/hospitality-sdk/hospitality-go/stores/redis) lets a fleet of
// workers sharing a credential stay within the provider's limit together.
//
// Implementations must be safe for concurrent use.
type Limiter interface {
	// Reserve takes one slot in each of rules for a request under key and
	// returns how long the caller must wait before sending it: the longest
	// of the rules' delays, and of any pause on key (see Pause). Slots are
	// taken from the end of such a pause, so that requests queued during it
	// leave one slot apart. Reserve does not sleep. When ctx has a
	// deadline before the request could go, Reserve takes no slot and
	// returns the delay, so that callers which cannot wait do not push the
	// slots of the others back.
	Reserve(ctx context.Context, key string, rules []LimitRule) (Reservation, error)
	// Pause holds every request under key until until, the end of a 429's
	// Retry-After period, for every client sharing the limiter. A pause
	// never shortens a longer one already in place.
	Pause(ctx context.Context, key string, until time.Time) error
}

// LimitRule is one rate a request is held to: the provider-wide limit
// (Name "") or a named [EndpointLimit] that matched the request.
type LimitRule struct {
	// Name is "" for the provider-wide limit, else the EndpointLimit's name.
	Name string
	// Limit is the sustained rate in requests per second.
	Limit rate.Limit
	// Burst is how many requests may go at once; at least 1.
	Burst int
}

// Reservation is the answer of [Limiter.Reserve].
type Reservation struct {
	// Delay is how long to wait before sending; zero or less means now.
	Delay time.Duration
	// PausedUntil is the end of the key's 429 pause when one is in place,
	// else zero. A pause beyond [RetryPolicy.MaxRetryAfter] fails the call.
	PausedUntil time.Time
	// Cancel, if set, gives the slots back when the request is not sent.
	Cancel func()
}

// ErrLimiterUnavailable matches the error of a call that could not be
// rate limited because its shared [Limiter] failed (a Redis outage, say).
// The call is not sent: sending it unlimited could exceed a limit that
// every worker shares.
var ErrLimiterUnavailable = errors.New("transport: rate limiter unavailable")

// LimiterKey returns the key a shared [Limiter] sees for a request of the
// given provider (its [Profile.LimitGroup]) and credential: the provider,
// a colon and 32 hex digits of the credential's SHA-256, so processes
// sharing a credential share the key, and the limiter never sees the
// credential itself.
func LimiterKey(provider Provider, credential string) string {
	sum := sha256.Sum256([]byte(credential))
	return string(provider) + ":" + hex.EncodeToString(sum[:16])
}
