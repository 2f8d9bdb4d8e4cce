package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/hospitality-sdk/hospitality-go/transport"
	"golang.org/x/oauth2"
)

// LockingStore is a [TokenStore] that can also serialise the refresh of one
// key across every process sharing the store. A [CachedSource] whose store
// is a LockingStore refreshes a connection once per expiry however many
// processes use it: it takes the key's lock, re-reads the store, refreshes
// only when the stored token is still stale, saves through the lock and
// releases it.
//
// Saving connection X never rewrites connection Y: a LockingStore keeps one
// record per key.
//
// A wrapper that embeds a LockingStore and overrides Save must override
// Lock too, since a refresh saves through [RefreshLock.Save].
//
// Implementations must be safe for concurrent use.
type LockingStore interface {
	TokenStore
	// Lock takes the refresh lock of key, waiting while another holder (in
	// this process or another) has it, until ctx is done. The lock has a
	// lease: a holder that dies or stalls loses it after a bound the store
	// documents, and another process may take it. The caller must call
	// [RefreshLock.Unlock] when done.
	Lock(ctx context.Context, key string) (RefreshLock, error)
}

// RefreshLock is a held refresh lock returned by [LockingStore.Lock]. Its
// methods are safe for concurrent use, and Unlock may be called more than
// once.
type RefreshLock interface {
	// Load returns the token stored under the lock's key as the holder
	// sees it, or (nil, nil) when there is none. A store whose lock holds a
	// resource (a database transaction, a pooled connection) reads through
	// it, so a holder never needs a second one: with a bounded pool, as
	// many refreshes as the pool has connections can then run at once
	// without waiting on each other.
	Load(ctx context.Context) (*oauth2.Token, error)
	// Save stores tok under the lock's key only while the lock is still
	// held (a fenced write): when the lease was lost, Save stores nothing
	// and returns an error matching [ErrLockLost].
	Save(ctx context.Context, tok *oauth2.Token) error
	// Unlock releases the lock if it is still held.
	Unlock(ctx context.Context) error
}

var (
	// ErrLockLost matches the error of a [RefreshLock.Save] made after the
	// lock's lease ended; the token was not stored.
	ErrLockLost = errors.New("auth: refresh lock lost")
	// ErrConsentRequired is [transport.ErrConsentRequired]: a [CachedSource]
	// returns an error matching it when the provider refused the refresh
	// token for good (OAuth invalid_grant, still refused after re-reading
	// the store). The account owner must approve the application again; the
	// error also unwraps to the provider's [*TokenError].
	ErrConsentRequired = transport.ErrConsentRequired
)

// acquireChan takes the one slot of ch, or fails when ctx is done first.
func acquireChan(ctx context.Context, ch chan struct{}) error {
	select {
	case ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// chanLock is a RefreshLock held as the slot of a channel; release, if
// set, runs on Unlock before the slot is given back.
type chanLock struct {
	ch      chan struct{}
	load    func(context.Context) (*oauth2.Token, error)
	save    func(context.Context, *oauth2.Token) error
	release func()
	once    sync.Once
	mu      sync.Mutex
	done    bool
}

func (l *chanLock) Load(ctx context.Context) (*oauth2.Token, error) {
	return l.load(ctx)
}

func (l *chanLock) Save(ctx context.Context, tok *oauth2.Token) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done {
		return fmt.Errorf("auth: save after unlock: %w", ErrLockLost)
	}
	return l.save(ctx, tok)
}

func (l *chanLock) Unlock(context.Context) error {
	l.once.Do(func() {
		l.mu.Lock()
		l.done = true
		l.mu.Unlock()
		if l.release != nil {
			l.release()
		}
		<-l.ch
	})
	return nil
}
