package transport

import (
	"context"
	"fmt"
	"hash/maphash"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// RateLimit configures client-side rate limiting. Limits apply per provider
// and per credential: requests are grouped by [Config.RateLimitKey], or by a
// hash of their Authorization or x-api-key header, and each group has its own
// token bucket (golang.org/x/time/rate). Waiting honours the caller's
// context; a wait that would pass its deadline fails at once with
// [ErrWaitExceedsDeadline]. Clients with the same provider, limits and
// credential share buckets, so several clients cannot exceed a limit
// together.
//
// When a 429 answer still reaches the client, every request with the same
// credential pauses for the Retry-After period (or the retry backoff when
// the header is missing), even for providers without a configured limit.
type RateLimit struct {
	// Disabled turns client-side limiting and 429 adaptation off.
	Disabled bool
	// Limit is the sustained rate in requests per second; use
	// rate.Every(time.Minute/60) for 60 per minute. Zero means the
	// profile's [Profile.RateLimit]; rate.Inf means no limit.
	Limit rate.Limit
	// Burst is how many requests may go at once. Zero means the profile's
	// burst when Limit is zero too, else 1, which keeps any window of
	// 1/Limit seconds per request within the limit.
	Burst int
	// Endpoints are further limits for requests they match, applied on top
	// of Limit. Nil means the profile's; an empty, non-nil slice means
	// none.
	Endpoints []EndpointLimit
	// Limiter, if set, replaces the in-process token buckets and 429
	// pauses with a shared [Limiter], such as a Redis one, so that workers
	// in several processes sharing a credential stay within its limit
	// together and all pause when one of them gets a 429. Requests are keyed
	// by [LimiterKey] of the profile's limit group and the credential; the
	// rules are the resolved Limit, Burst and Endpoints above. When the
	// limiter fails, the call fails with an error matching
	// [ErrLimiterUnavailable] and is not sent.
	Limiter Limiter
}

// EndpointLimit is a rate limit for the requests its Match function selects,
// such as a stricter limit on one expensive list operation.
type EndpointLimit struct {
	// Name identifies the limit; limits with the same name and rate share
	// buckets.
	Name string
	// Match selects the requests the limit applies to.
	Match func(req *http.Request) bool
	// Limit is the sustained rate in requests per second.
	Limit rate.Limit
	// Burst is how many requests may go at once; zero means 1.
	Burst int
}

// limitRule is a resolved limit.
type limitRule struct {
	name  string
	match func(*http.Request) bool // nil for the provider-wide limit
	limit rate.Limit
	burst int
}

// resolvedLimits is a RateLimit with defaults applied.
type resolvedLimits struct {
	disabled bool
	shared   Limiter  // nil: the in-process registry
	provider Provider // limiter namespace, the profile's LimitGroup
	rules    []limitRule
}

func resolveLimits(p *Profile, rl RateLimit) resolvedLimits {
	if rl.Disabled {
		return resolvedLimits{disabled: true}
	}
	res := resolvedLimits{provider: p.limitGroup(), shared: rl.Limiter}
	def := p.RateLimit
	limit, burst := rl.Limit, rl.Burst
	if limit == 0 {
		limit = def.Limit
		if burst == 0 {
			burst = def.Burst
		}
	}
	if limit > 0 && limit != rate.Inf {
		res.rules = append(res.rules, limitRule{name: "", limit: limit, burst: max(burst, 1)})
	}
	eps := rl.Endpoints
	if eps == nil {
		eps = def.Endpoints
	}
	for _, e := range eps {
		if e.Match == nil || e.Limit <= 0 || e.Limit == rate.Inf {
			continue
		}
		res.rules = append(res.rules, limitRule{name: e.Name, match: e.Match, limit: e.Limit, burst: max(e.Burst, 1)})
	}
	return res
}

// registry holds the limiters and 429 pauses of every client in the
// process, keyed by provider and hashed credential.
type registry struct {
	seed    maphash.Seed
	npauses atomic.Int32 // len(pauses), read without the lock

	mu        sync.Mutex
	limiters  map[limiterKey]*limiterEntry
	pauses    map[credKey]time.Time
	lastSweep time.Time
}

type credKey struct {
	provider Provider
	cred     uint64
}

type limiterKey struct {
	credKey
	rule  string
	limit rate.Limit
	burst int
}

type limiterEntry struct {
	lim     *rate.Limiter
	lastUse time.Time
}

// maxIdleLimiters is the registry size above which limiters idle for
// limiterIdle, and 429 pauses that have ended, are dropped.
const (
	maxIdleLimiters = 1024
	limiterIdle     = 10 * time.Minute
)

var globalRegistry = newRegistry()

func newRegistry() *registry {
	return &registry{
		seed:     maphash.MakeSeed(),
		limiters: make(map[limiterKey]*limiterEntry),
		pauses:   make(map[credKey]time.Time),
	}
}

// credential returns the hashed identity r is rate limited by; the raw
// value is never stored.
func (c *Client) credential(r *http.Request) uint64 {
	s := c.credentialString(r)
	if s == "" {
		return 0
	}
	return maphash.String(c.reg.seed, s)
}

// credentialString is the identity r is rate limited by, in the clear.
func (c *Client) credentialString(r *http.Request) string {
	switch {
	case c.rateKey != nil:
		return c.rateKey(r)
	case len(r.Header["Authorization"]) > 0:
		return r.Header["Authorization"][0]
	default:
		return r.Header.Get("X-Api-Key")
	}
}

// throttle waits until r may be sent under the client's limits and any 429
// pause of its credential.
func (c *Client) throttle(ctx context.Context, r *http.Request) error {
	l := &c.limits
	if l.shared != nil && !l.disabled {
		return c.throttleShared(ctx, r)
	}
	if l.disabled || (len(l.rules) == 0 && c.reg.npauses.Load() == 0) {
		return nil
	}
	key := credKey{provider: l.provider, cred: c.credential(r)}
	now := c.now()
	var (
		wait time.Duration
		buf  [4]*rate.Reservation
		res  = buf[:0]
	)
	reg := c.reg
	reg.mu.Lock()
	// from is when the limiters may next release a request: the end of a 429 pause, so that
	// requests queued during the pause leave one slot apart instead of all at once.
	from := now
	if until, ok := reg.pauses[key]; ok {
		if until.After(now) {
			wait, from = until.Sub(now), until
			if wait > c.retry.MaxRetryAfter {
				reg.mu.Unlock()
				return fmt.Errorf("%w: %s: the provider asked this credential to wait until %s (%v more, above MaxRetryAfter %v): %w",
					ErrRetryAfterTooLong, c.provider, until.UTC().Format(time.RFC3339), roundWait(wait), c.retry.MaxRetryAfter, ErrRateLimited)
			}
		} else {
			delete(reg.pauses, key)
			reg.npauses.Store(int32(len(reg.pauses)))
		}
	}
	for _, rule := range l.rules {
		if rule.match != nil && !rule.match(r) {
			continue
		}
		lk := limiterKey{credKey: key, rule: rule.name, limit: rule.limit, burst: rule.burst}
		e := reg.limiters[lk]
		if e == nil {
			reg.sweepLocked(now)
			e = &limiterEntry{lim: rate.NewLimiter(rule.limit, rule.burst)}
			reg.limiters[lk] = e
		}
		e.lastUse = now
		rv := e.lim.ReserveN(from, 1)
		res = append(res, rv)
		wait = max(wait, rv.DelayFrom(now))
	}
	reg.mu.Unlock()

	if wait <= 0 {
		return nil
	}
	cancel := func() {
		for _, rv := range res {
			rv.CancelAt(now)
		}
	}
	if dl, ok := ctx.Deadline(); ok && now.Add(wait).After(dl) {
		cancel()
		return fmt.Errorf("transport: %s: rate limit wait of %v: %w", c.provider, wait.Round(time.Millisecond), ErrWaitExceedsDeadline)
	}
	if err := c.sleep(ctx, wait); err != nil {
		cancel()
		return fmt.Errorf("transport: %s: rate limit wait: %w", c.provider, err)
	}
	return nil
}

// sweepLocked drops idle limiters when the registry grows large, at most
// once a minute.
func (reg *registry) sweepLocked(now time.Time) {
	if len(reg.limiters) < maxIdleLimiters || now.Sub(reg.lastSweep) < time.Minute {
		return
	}
	reg.lastSweep = now
	for k, e := range reg.limiters {
		if now.Sub(e.lastUse) > limiterIdle {
			delete(reg.limiters, k)
		}
	}
}

// maxPause bounds how long one 429 can hold a credential, whatever its
// Retry-After says.
const maxPause = 24 * time.Hour

// adapt pauses r's credential for d after a 429: the Retry-After period,
// or the retry backoff when the provider gave none. A pause longer than
// [RetryPolicy.MaxRetryAfter] is not waited out: requests of the credential
// fail at once until it ends (see throttle).
func (c *Client) adapt(r *http.Request, d time.Duration) {
	if c.limits.disabled || d <= 0 {
		return
	}
	d = min(d, maxPause)
	if sh := c.limits.shared; sh != nil {
		// Best effort: a limiter that is down fails the next Reserve anyway.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 5*time.Second)
		defer cancel()
		_ = sh.Pause(ctx, LimiterKey(c.limits.provider, c.credentialString(r)), c.now().Add(d))
		return
	}
	key := credKey{provider: c.limits.provider, cred: c.credential(r)}
	now := c.now()
	until := now.Add(d)
	reg := c.reg
	reg.mu.Lock()
	if len(reg.pauses) >= maxIdleLimiters {
		// A pause is otherwise only dropped when its credential sends again.
		for k, u := range reg.pauses {
			if !u.After(now) {
				delete(reg.pauses, k)
			}
		}
	}
	if cur, ok := reg.pauses[key]; !ok || cur.Before(until) {
		reg.pauses[key] = until
		reg.npauses.Store(int32(len(reg.pauses)))
	}
	reg.mu.Unlock()
}

// throttleShared is throttle for a shared [Limiter].
func (c *Client) throttleShared(ctx context.Context, r *http.Request) error {
	l := &c.limits
	var buf [4]LimitRule
	rules := buf[:0]
	for _, rule := range l.rules {
		if rule.match != nil && !rule.match(r) {
			continue
		}
		rules = append(rules, LimitRule{Name: rule.name, Limit: rule.limit, Burst: rule.burst})
	}
	now := c.now()
	res, err := l.shared.Reserve(ctx, LimiterKey(l.provider, c.credentialString(r)), rules)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("transport: %s: rate limit: %w", c.provider, ctx.Err())
		}
		return fmt.Errorf("transport: %s: %w: %w", c.provider, ErrLimiterUnavailable, err)
	}
	cancel := func() {
		if res.Cancel != nil {
			res.Cancel()
		}
	}
	if !res.PausedUntil.IsZero() {
		if wait := res.PausedUntil.Sub(now); wait > c.retry.MaxRetryAfter {
			cancel()
			return fmt.Errorf("%w: %s: the provider asked this credential to wait until %s (%v more, above MaxRetryAfter %v): %w",
				ErrRetryAfterTooLong, c.provider, res.PausedUntil.UTC().Format(time.RFC3339), roundWait(wait), c.retry.MaxRetryAfter, ErrRateLimited)
		}
	}
	wait := res.Delay
	if wait <= 0 {
		return nil
	}
	if dl, ok := ctx.Deadline(); ok && now.Add(wait).After(dl) {
		cancel()
		return fmt.Errorf("transport: %s: rate limit wait of %v: %w", c.provider, wait.Round(time.Millisecond), ErrWaitExceedsDeadline)
	}
	if err := c.sleep(ctx, wait); err != nil {
		cancel()
		return fmt.Errorf("transport: %s: rate limit wait: %w", c.provider, err)
	}
	return nil
}

// NewLocalLimiter returns a [Limiter] of in-process token buckets
// (golang.org/x/time/rate) and pauses, private to the returned value: the
// semantics of the default registry, for tests and for clients that must
// not share limits with the rest of the process. It is safe for concurrent
// use.
func NewLocalLimiter() Limiter {
	return &localLimiter{reg: newRegistry()}
}

// localLimiter is the registry behind the Limiter interface.
type localLimiter struct {
	reg *registry
}

func (ll *localLimiter) Reserve(ctx context.Context, key string, rules []LimitRule) (Reservation, error) {
	reg := ll.reg
	ck := credKey{cred: maphash.String(reg.seed, key)}
	now := time.Now()
	var res Reservation
	reg.mu.Lock()
	defer reg.mu.Unlock()
	from := now
	if until, ok := reg.pauses[ck]; ok {
		if until.After(now) {
			res.Delay, res.PausedUntil, from = until.Sub(now), until, until
		} else {
			delete(reg.pauses, ck)
		}
	}
	var rvs []*rate.Reservation
	for _, rule := range rules {
		lk := limiterKey{credKey: ck, rule: rule.Name, limit: rule.Limit, burst: max(rule.Burst, 1)}
		e := reg.limiters[lk]
		if e == nil {
			reg.sweepLocked(now)
			e = &limiterEntry{lim: rate.NewLimiter(rule.Limit, max(rule.Burst, 1))}
			reg.limiters[lk] = e
		}
		e.lastUse = now
		rv := e.lim.ReserveN(from, 1)
		rvs = append(rvs, rv)
		res.Delay = max(res.Delay, rv.DelayFrom(now))
	}
	res.Cancel = func() {
		for _, rv := range rvs {
			rv.CancelAt(now)
		}
	}
	if dl, ok := ctx.Deadline(); ok && now.Add(res.Delay).After(dl) {
		res.Cancel()
		res.Cancel = nil
	}
	return res, nil
}

func (ll *localLimiter) Pause(_ context.Context, key string, until time.Time) error {
	reg := ll.reg
	ck := credKey{cred: maphash.String(reg.seed, key)}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	if cur, ok := reg.pauses[ck]; !ok || cur.Before(until) {
		reg.pauses[ck] = until
		reg.npauses.Store(int32(len(reg.pauses)))
	}
	return nil
}
