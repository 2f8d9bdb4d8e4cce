package redis

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/hospitality-sdk/hospitality-go/transport"
	goredis "github.com/redis/go-redis/v9"
)

// LimiterOptions configures a [Limiter]. The zero value is usable.
type LimiterOptions struct {
	// Prefix starts every key; empty means [DefaultPrefix]. A rule's state
	// is at Prefix+"rate:{"+key+"}:"+rule, a 429 pause at
	// Prefix+"pause:{"+key+"}"; keys expire once idle.
	Prefix string
	// Fallback, if set, limits requests while Redis cannot be reached
	// (for example [transport.NewLocalLimiter], with the client's limit
	// divided by the number of workers). Nil means such requests fail with
	// an error matching [transport.ErrLimiterUnavailable] and are not sent,
	// since unlimited workers could together exceed the provider's limit.
	Fallback transport.Limiter
}

// Limiter is a [transport.Limiter] shared through Redis: every rule is a
// GCRA cell in Redis, and one Lua script per request checks the key's 429
// pause and reserves a slot in every rule, with Redis' clock, so workers
// on machines with skewed clocks still space their requests correctly. A
// Limiter is safe for concurrent use.
//
// Set it as transport.RateLimit.Limiter (hospitality.WithLimiter in the
// root package); the provider's per-endpoint rules apply as usual.
type Limiter struct {
	c        goredis.UniversalClient
	prefix   string
	fallback transport.Limiter
}

var _ transport.Limiter = (*Limiter)(nil)

// NewLimiter returns a Limiter using c, which the caller keeps and closes.
func NewLimiter(c goredis.UniversalClient, opts LimiterOptions) *Limiter {
	l := &Limiter{c: c, prefix: opts.Prefix, fallback: opts.Fallback}
	if l.prefix == "" {
		l.prefix = DefaultPrefix
	}
	return l
}

// reserve: KEYS[1] is the pause, KEYS[2..] the rules; ARGV[1] is the
// longest wait the caller accepts (-1: any), then each rule's emission
// interval and burst tolerance, all in microseconds. It returns the delay
// and the pause left, in microseconds; when the delay is above the
// accepted wait, no slot is taken.
var reserve = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local from = now
local paused = 0
local pause = tonumber(redis.call('GET', KEYS[1]) or '0')
if pause > now then
  from = pause
  paused = pause - now
end
local delay = from - now
local maxwait = tonumber(ARGV[1])
local tats = {}
for i = 2, #KEYS do
  local interval = tonumber(ARGV[2*i - 2])
  local tau = tonumber(ARGV[2*i - 1])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  delay = math.max(delay, math.max(from, tat - tau) - now)
  tats[i] = math.max(tat, from) + interval
end
if maxwait >= 0 and delay > maxwait then
  return {delay, paused}
end
for i = 2, #KEYS do
  redis.call('SET', KEYS[i], string.format('%d', tats[i]), 'PX', math.ceil((tats[i] - now) / 1000) + 1000)
end
return {delay, paused}`)

// pause: KEYS[1] is the pause; ARGV[1] its length in microseconds from
// Redis' now. A longer pause in place is kept.
var pause = goredis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilv = now + tonumber(ARGV[1])
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilv > cur then
  redis.call('SET', KEYS[1], string.format('%d', untilv), 'PX', math.ceil(tonumber(ARGV[1]) / 1000) + 1000)
end
return 1`)

func (l *Limiter) pauseKey(key string) string { return l.prefix + "pause:{" + key + "}" }

// Reserve implements [transport.Limiter] with one round trip to Redis.
// Slots are not given back (Reservation.Cancel is nil): a request that is
// not sent after all costs its slot; a request whose context deadline is
// too near takes none.
func (l *Limiter) Reserve(ctx context.Context, key string, rules []transport.LimitRule) (transport.Reservation, error) {
	keys := make([]string, 0, 1+len(rules))
	args := make([]any, 0, 1+2*len(rules))
	keys = append(keys, l.pauseKey(key))
	maxWait := int64(-1)
	if dl, ok := ctx.Deadline(); ok {
		maxWait = max(time.Until(dl).Microseconds(), 0)
	}
	args = append(args, maxWait)
	for _, r := range rules {
		burst := max(r.Burst, 1)
		interval := math.Ceil(1e6 / float64(r.Limit))
		keys = append(keys, l.prefix+"rate:{"+key+"}:"+r.Name+":"+strconv.FormatFloat(float64(r.Limit), 'g', -1, 64)+":"+strconv.Itoa(burst))
		args = append(args, int64(interval), int64(interval)*int64(burst-1))
	}
	start := time.Now()
	vals, err := reserve.Run(ctx, l.c, keys, args...).Int64Slice()
	if err != nil || len(vals) != 2 {
		if l.fallback != nil && ctx.Err() == nil {
			return l.fallback.Reserve(ctx, key, rules)
		}
		if err == nil {
			err = fmt.Errorf("unexpected answer %v", vals)
		}
		return transport.Reservation{}, fmt.Errorf("redis: rate limiter: %w", err)
	}
	res := transport.Reservation{Delay: time.Duration(vals[0]) * time.Microsecond}
	if vals[1] > 0 {
		res.PausedUntil = start.Add(time.Duration(vals[1]) * time.Microsecond)
	}
	return res, nil
}

// Pause implements [transport.Limiter]: every worker sharing key waits
// until until (measured from now on Redis' clock).
func (l *Limiter) Pause(ctx context.Context, key string, until time.Time) error {
	d := time.Until(until)
	if d <= 0 {
		return nil
	}
	if err := pause.Run(ctx, l.c, []string{l.pauseKey(key)}, d.Microseconds()).Err(); err != nil {
		if l.fallback != nil {
			return l.fallback.Pause(ctx, key, until)
		}
		return fmt.Errorf("redis: rate limiter pause: %w", err)
	}
	return nil
}
