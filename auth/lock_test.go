package auth_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
	"golang.org/x/oauth2"
)

var errInvalidGrant = &auth.TokenError{Provider: "test", StatusCode: 400, Code: "invalid_grant"}

// Regression test for issue 14: after the provider revoked a token family,
// every call sent another refused refresh (538 in 10 s). Now the failure
// matches ErrConsentRequired and is backed off: one request, then one per
// doubling backoff.
func TestCachedSourceConsentBackoff(t *testing.T) {
	clock := newClock()
	var requests atomic.Int64
	store := auth.NewFileStore(filepath.Join(t.TempDir(), "tokens.json"))
	ts := auth.NewCachedSource(nil, auth.CacheOptions{
		Provider: "test", Now: clock.Now, Store: store,
		Refresh: func(context.Context, *oauth2.Token) (*oauth2.Token, error) {
			requests.Add(1)
			return nil, errInvalidGrant
		},
	})
	if err := store.Save(context.Background(), "test", &oauth2.Token{AccessToken: "a", RefreshToken: "revoked", Expiry: t0.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		_, err := ts.Token()
		var te *auth.TokenError
		if !errors.Is(err, auth.ErrConsentRequired) || !errors.Is(err, transport.ErrConsentRequired) || !errors.As(err, &te) || te.Code != "invalid_grant" {
			t.Fatalf("Token() #%d error = %v, want ErrConsentRequired wrapping the TokenError", i, err)
		}
	}
	if n := requests.Load(); n != 1 {
		t.Fatalf("token requests for 50 calls = %d, want 1", n)
	}
	clock.Advance(time.Second)
	_, _ = ts.Token()
	_, _ = ts.Token()
	if n := requests.Load(); n != 2 {
		t.Errorf("token requests after the 1 s backoff = %d, want 2", n)
	}
	clock.Advance(time.Second) // the backoff is now 2 s
	_, _ = ts.Token()
	if n := requests.Load(); n != 2 {
		t.Errorf("token requests 1 s into the 2 s backoff = %d, want 2", n)
	}
	// Another process saves a token after re-consent: the backoff ends.
	_ = store.Save(context.Background(), "test", &oauth2.Token{AccessToken: "b", RefreshToken: "fresh", Expiry: t0.Add(time.Hour)})
	if tok, err := ts.Token(); err != nil || tok.AccessToken != "b" {
		t.Errorf("Token() after a new token was stored = %v, %v, want b", tok, err)
	}
}

// Regression test for issue 14: a refresh refused because another process
// rotated the refresh token meanwhile handed invalid_grant to the caller;
// the store is now re-read once first.
func TestCachedSourceInvalidGrantRereadsStore(t *testing.T) {
	clock := newClock()
	store := auth.NewMemoryStore() // not a LockingStore: the race is possible
	_ = store.Save(context.Background(), "k", &oauth2.Token{AccessToken: "a", RefreshToken: "rt-1", Expiry: t0.Add(-time.Hour)})
	var requests atomic.Int64
	ts := auth.NewCachedSource(nil, auth.CacheOptions{
		Key: "k", Now: clock.Now, Store: store,
		Refresh: func(ctx context.Context, prev *oauth2.Token) (*oauth2.Token, error) {
			requests.Add(1)
			if prev.RefreshToken == "rt-1" {
				// The other process won: it rotated rt-1 and saved its token.
				_ = store.Save(ctx, "k", &oauth2.Token{AccessToken: "theirs", RefreshToken: "rt-2", Expiry: t0.Add(time.Hour)})
				return nil, errInvalidGrant
			}
			return nil, errors.New("unexpected refresh")
		},
	})
	tok, err := ts.Token()
	if err != nil || tok.AccessToken != "theirs" {
		t.Fatalf("Token() = %v, %v, want the other process's token", tok, err)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
}

// Two FileStores on one file (as two processes would have) keep each
// other's keys: a Save merges its key into the file as it is now.
func TestFileStorePerKeyMerge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.json")
	a, b := auth.NewFileStore(path), auth.NewFileStore(path)
	ctx := context.Background()
	for i, s := range []*auth.FileStore{a, b, a, b} {
		key := []string{"x", "y"}[i%2]
		if err := s.Save(ctx, key, &oauth2.Token{AccessToken: key + "-" + string(rune('0'+i))}); err != nil {
			t.Fatal(err)
		}
	}
	for key, want := range map[string]string{"x": "x-2", "y": "y-3"} {
		if got, err := a.Load(ctx, key); err != nil || got.AccessToken != want {
			t.Errorf("Load(%q) = %v, %v, want %s", key, got, err, want)
		}
	}
}

// A FileStore lock excludes other holders until Unlock, and waiting for
// it ends with the caller's context.
func TestFileStoreLock(t *testing.T) {
	s := auth.NewFileStore(filepath.Join(t.TempDir(), "tokens.json"))
	ctx := context.Background()
	l, err := s.Lock(ctx, "k")
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := auth.NewFileStore(s.Path()).Lock(short, "k"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Lock() while held = %v, want context.DeadlineExceeded", err)
	}
	other, err := s.Lock(ctx, "other-key")
	if err != nil {
		t.Fatalf("Lock(other key) while k is held = %v, want nil", err)
	}
	_ = other.Unlock(ctx)
	if err := l.Save(ctx, &oauth2.Token{AccessToken: "saved"}); err != nil {
		t.Fatal(err)
	}
	_ = l.Unlock(ctx)
	if err := l.Save(ctx, &oauth2.Token{AccessToken: "late"}); !errors.Is(err, auth.ErrLockLost) {
		t.Errorf("Save() after Unlock = %v, want ErrLockLost", err)
	}
	again, err := s.Lock(ctx, "k")
	if err != nil {
		t.Fatalf("Lock() after Unlock = %v, want nil", err)
	}
	_ = again.Unlock(ctx)
}
