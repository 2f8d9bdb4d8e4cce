// Package redis keeps hospitality-go tokens in Redis and shares rate limits
// through it, for fleets of workers (replicas, cron jobs, queue consumers)
// that use one credential. It is a separate module, so that programs that
// do not use it never build go-redis.
//
// [Store] is an [auth.LockingStore]: one Redis string per connection, and
// a refresh lock per connection taken with SET NX PX and a random fencing
// value, so that a connection's rotating refresh token is refreshed once
// per expiry across every process. [Limiter] is a [transport.Limiter]: a
// GCRA (generic cell rate algorithm) in one Lua script per request, keyed
// like the SDK's in-process limiter, with a shared 429 pause.
//
// Both take any go-redis v9 client ([goredis.UniversalClient]: a single
// node, Sentinel or Cluster; the keys of one connection share a hash tag).
package redis

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	goredis "github.com/redis/go-redis/v9"
	"golang.org/x/oauth2"
)

// Defaults for [StoreOptions].
const (
	// DefaultPrefix starts every key the store and the limiter write.
	DefaultPrefix = "hospitality:"
	// DefaultLockTTL is the lease of a refresh lock. The holder renews it
	// every third of the lease while it is alive, so a killed holder
	// blocks the connection for at most one lease.
	DefaultLockTTL = 10 * time.Second
)

// StoreOptions configures a [Store]. The zero value is usable.
type StoreOptions struct {
	// Prefix starts every key; empty means [DefaultPrefix]. Tokens are
	// kept at Prefix+"token:{"+key+"}" and locks at Prefix+"lock:{"+key+"}".
	Prefix string
	// LockTTL is the lease of a refresh lock; zero means [DefaultLockTTL].
	LockTTL time.Duration
	// Cipher, if set, encrypts tokens at rest (AES-GCM with the caller's
	// key, bound to the store key). A store with a Cipher cannot read
	// tokens written without it, nor the reverse.
	Cipher *auth.TokenCipher
}

// Store is an [auth.LockingStore] in Redis. It is safe for concurrent use.
type Store struct {
	c      goredis.UniversalClient
	prefix string
	ttl    time.Duration
	cipher *auth.TokenCipher
}

var _ auth.LockingStore = (*Store)(nil)

// NewStore returns a Store using c, which the caller keeps and closes.
func NewStore(c goredis.UniversalClient, opts StoreOptions) *Store {
	s := &Store{c: c, prefix: opts.Prefix, ttl: opts.LockTTL, cipher: opts.Cipher}
	if s.prefix == "" {
		s.prefix = DefaultPrefix
	}
	if s.ttl <= 0 {
		s.ttl = DefaultLockTTL
	}
	return s
}

func (s *Store) tokenKey(key string) string { return s.prefix + "token:{" + key + "}" }
func (s *Store) lockKey(key string) string  { return s.prefix + "lock:{" + key + "}" }

// Load returns the token saved under key, or (nil, nil) when there is none.
// Errors name the operation, never a token.
func (s *Store) Load(ctx context.Context, key string) (*oauth2.Token, error) {
	b, err := s.c.Get(ctx, s.tokenKey(key)).Bytes()
	if errors.Is(err, goredis.Nil) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("redis: token store load: %w", err)
	}
	if s.cipher != nil {
		if b, err = s.cipher.Open(key, b); err != nil {
			return nil, fmt.Errorf("redis: token store load: %w", err)
		}
	}
	tok, err := auth.DecodeToken(b)
	if err != nil {
		return nil, fmt.Errorf("redis: token store load: %w", err)
	}
	return tok, nil
}

// encode returns tok's record, encrypted when the store has a Cipher.
func (s *Store) encode(key string, tok *oauth2.Token) ([]byte, error) {
	b, err := auth.EncodeToken(tok)
	if err != nil {
		return nil, fmt.Errorf("redis: token store save: %w", err)
	}
	if s.cipher != nil {
		b = s.cipher.Seal(key, b)
	}
	return b, nil
}

// Save stores tok under key, unconditionally (a refresh saves through its
// [auth.RefreshLock] instead). A nil tok deletes the key.
func (s *Store) Save(ctx context.Context, key string, tok *oauth2.Token) error {
	if tok == nil {
		if err := s.c.Del(ctx, s.tokenKey(key)).Err(); err != nil {
			return fmt.Errorf("redis: token store delete: %w", err)
		}
		return nil
	}
	b, err := s.encode(key, tok)
	if err != nil {
		return err
	}
	if err := s.c.Set(ctx, s.tokenKey(key), b, 0).Err(); err != nil {
		return fmt.Errorf("redis: token store save: %w", err)
	}
	return nil
}

// Scripts run atomically in Redis; KEYS[1] is the lock, ARGV[1] the fence.
var (
	fencedSave = goredis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
return 1`)
	fencedUnlock = goredis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)
	fencedRenew = goredis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)
)

// Lock takes key's refresh lock: SET NX PX with a random fencing value,
// retried until ctx is done while another holder has it. The lease is
// LockTTL, renewed every third of it until Unlock; a holder that dies
// loses the lock when the lease runs out. A Redis error fails at once.
func (s *Store) Lock(ctx context.Context, key string) (auth.RefreshLock, error) {
	fb := make([]byte, 16)
	_, _ = rand.Read(fb)
	fence := hex.EncodeToString(fb)
	lk := s.lockKey(key)
	wait := 2 * time.Millisecond
	for {
		ok, err := s.c.SetNX(ctx, lk, fence, s.ttl).Result()
		if err != nil {
			return nil, fmt.Errorf("redis: token store lock: %w", err)
		}
		if ok {
			break
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("redis: token store lock: %w", ctx.Err())
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
	l := &lock{s: s, key: key, fence: fence, stop: make(chan struct{})}
	l.wg.Add(1)
	go l.renew()
	return l, nil
}

// lock is a held Redis refresh lock.
type lock struct {
	s     *Store
	key   string
	fence string
	stop  chan struct{}
	once  sync.Once
	wg    sync.WaitGroup
}

func (l *lock) renew() {
	defer l.wg.Done()
	tick := time.NewTicker(l.s.ttl / 3)
	defer tick.Stop()
	for {
		select {
		case <-l.stop:
			return
		case <-tick.C:
			ctx, cancel := context.WithTimeout(context.Background(), l.s.ttl/3)
			n, err := fencedRenew.Run(ctx, l.s.c, []string{l.s.lockKey(l.key)}, l.fence, l.s.ttl.Milliseconds()).Int()
			cancel()
			if err == nil && n == 0 {
				return // lost
			}
		}
	}
}

// Load returns the key's stored token ([Store.Load]).
func (l *lock) Load(ctx context.Context) (*oauth2.Token, error) {
	return l.s.Load(ctx, l.key)
}

// Save stores tok only while the lock is held (fenced, atomically in
// Redis); otherwise it returns an error matching [auth.ErrLockLost].
func (l *lock) Save(ctx context.Context, tok *oauth2.Token) error {
	b, err := l.s.encode(l.key, tok)
	if err != nil {
		return err
	}
	n, err := fencedSave.Run(ctx, l.s.c, []string{l.s.lockKey(l.key), l.s.tokenKey(l.key)}, l.fence, b).Int()
	if err != nil {
		return fmt.Errorf("redis: token store save: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("redis: token store save: %w", auth.ErrLockLost)
	}
	return nil
}

// Unlock stops the renewal and deletes the lock if it still holds this
// lock's fencing value.
func (l *lock) Unlock(ctx context.Context) error {
	var err error
	l.once.Do(func() {
		close(l.stop)
		l.wg.Wait()
		if e := fencedUnlock.Run(ctx, l.s.c, []string{l.s.lockKey(l.key)}, l.fence).Err(); e != nil {
			err = fmt.Errorf("redis: token store unlock: %w", e)
		}
	})
	return err
}
