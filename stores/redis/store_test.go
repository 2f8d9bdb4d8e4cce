package redis_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/internal/fleettest"
	"github.com/hospitality-sdk/hospitality-go/internal/testservers"
	hredis "github.com/hospitality-sdk/hospitality-go/stores/redis"
	goredis "github.com/redis/go-redis/v9"
	"golang.org/x/oauth2"
)

func TestMain(m *testing.M) {
	fleettest.MaybeWorker(openStore)
	maybeLimiterWorker()
	os.Exit(testservers.RunMain(m,
		func(tb testservers.TB) *testservers.Server { return testservers.Redis(tb) },
		func(s *testservers.Server) { exampleRedisAddr = s.Addr }))
}

// openStore opens a Store from "addr" or "addr lockTTL".
func openStore(spec string) (auth.TokenStore, func(), error) {
	addr, ttl, _ := strings.Cut(spec, " ")
	opts := hredis.StoreOptions{}
	if ttl != "" {
		d, err := time.ParseDuration(ttl)
		if err != nil {
			return nil, nil, err
		}
		opts.LockTTL = d
	}
	c := goredis.NewClient(&goredis.Options{Addr: addr})
	return hredis.NewStore(c, opts), func() { c.Close() }, nil
}

// fleetDuration is the length of a fleet run: $HOSPITALITY_FLEET_DURATION,
// or 8 s.
func fleetDuration(t testing.TB) time.Duration {
	t.Helper()
	if s := os.Getenv("HOSPITALITY_FLEET_DURATION"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatalf("HOSPITALITY_FLEET_DURATION=%q: %v", s, err)
		}
		return d
	}
	return 8 * time.Second
}

// Regression test for issue 14: processes sharing one credential locked
// connections out by refreshing the same rotating refresh token twice.
func TestStoreFleet(t *testing.T) {
	if testing.Short() {
		t.Skip("fleet test: 8 processes for several seconds; not in -short")
	}
	srv := testservers.Redis(t)
	rep := fleettest.Run(t, fleettest.Fleet{Procs: 8, Conns: 4, Duration: fleetDuration(t), Store: srv.Addr, Open: openStore})
	fleettest.Check(t, rep)
}

// Regression test for issue 14: a process killed while holding a refresh
// lock must not lock the connection: the lease (1 s here) runs out and the
// next process refreshes, with the token family intact.
func TestStoreKilledLockHolder(t *testing.T) {
	srv := testservers.Redis(t)
	took := fleettest.KillDuringRefresh(t, srv.Addr+" 1s", openStore, 3*time.Second)
	t.Logf("refreshed %v after the kill", took)
}

func newClient(t *testing.T, addr string) *goredis.Client {
	t.Helper()
	c := goredis.NewClient(&goredis.Options{Addr: addr, MaxRetries: -1, DialTimeout: time.Second})
	t.Cleanup(func() { c.Close() })
	return c
}

func TestStoreRoundTrip(t *testing.T) {
	srv := testservers.Redis(t)
	ctx := context.Background()
	key := make([]byte, 32)
	cipher, err := auth.NewTokenCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	c := newClient(t, srv.Addr)
	tests := []struct {
		name string
		opts hredis.StoreOptions
	}{
		{name: "plain"},
		{name: "encrypted", opts: hredis.StoreOptions{Prefix: "enc:", Cipher: cipher}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := hredis.NewStore(c, tc.opts)
			if got, err := s.Load(ctx, "conn"); got != nil || err != nil {
				t.Fatalf("Load(empty) = %v, %v, want nil, nil", got, err)
			}
			exp := time.Now().Add(time.Hour).Round(time.Second)
			want := &oauth2.Token{AccessToken: "access-secret-1", TokenType: "Bearer", RefreshToken: "refresh-secret-1", Expiry: exp}
			if err := s.Save(ctx, "conn", want); err != nil {
				t.Fatal(err)
			}
			if err := s.Save(ctx, "other", &oauth2.Token{AccessToken: "x"}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Load(ctx, "conn")
			if err != nil || got.AccessToken != want.AccessToken || got.RefreshToken != want.RefreshToken || !got.Expiry.Equal(exp) {
				t.Fatalf("Load() = %+v, %v, want %+v", got, err, want)
			}
			raw, err := c.Get(ctx, s2prefix(tc.opts)+"token:{conn}").Result()
			if err != nil {
				t.Fatal(err)
			}
			if enc := tc.opts.Cipher != nil; enc == strings.Contains(raw, "refresh-secret-1") {
				t.Errorf("raw record holds the refresh token in the clear = %v, want %v", !enc, !enc)
			}
			if err := s.Save(ctx, "conn", nil); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Load(ctx, "conn"); got != nil || err != nil {
				t.Errorf("Load(deleted) = %v, %v, want nil, nil", got, err)
			}
		})
	}
	// A record sealed with another key does not open.
	other, _ := auth.NewTokenCipher(make([]byte, 16))
	w := hredis.NewStore(c, hredis.StoreOptions{Prefix: "k:", Cipher: cipher})
	r := hredis.NewStore(c, hredis.StoreOptions{Prefix: "k:", Cipher: other})
	if err := w.Save(ctx, "conn", &oauth2.Token{AccessToken: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Load(ctx, "conn"); !errors.Is(err, auth.ErrDecrypt) {
		t.Errorf("Load(wrong key) error = %v, want auth.ErrDecrypt", err)
	}
}

func s2prefix(o hredis.StoreOptions) string {
	if o.Prefix == "" {
		return hredis.DefaultPrefix
	}
	return o.Prefix
}

// A holder whose lease ran out cannot save over the next holder's token.
func TestLockFencing(t *testing.T) {
	srv := testservers.Redis(t)
	ctx := context.Background()
	s := hredis.NewStore(newClient(t, srv.Addr), hredis.StoreOptions{LockTTL: 300 * time.Millisecond})
	first, err := s.Lock(ctx, "conn")
	if err != nil {
		t.Fatal(err)
	}
	// Stop first's renewals the way a stalled process would: delete its lock
	// as an expiry would.
	newClient(t, srv.Addr).Del(ctx, hredis.DefaultPrefix+"lock:{conn}")
	second, err := s.Lock(ctx, "conn")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Save(ctx, &oauth2.Token{AccessToken: "stale"}); !errors.Is(err, auth.ErrLockLost) {
		t.Errorf("Save() by a holder that lost the lock = %v, want auth.ErrLockLost", err)
	}
	if err := second.Save(ctx, &oauth2.Token{AccessToken: "fresh"}); err != nil {
		t.Errorf("Save() by the holder = %v, want nil", err)
	}
	_ = first.Unlock(ctx) // must not release second's lock
	lctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := s.Lock(lctx, "conn"); err == nil {
		t.Errorf("Lock() while the second holder holds it succeeded, want a timeout")
	}
	_ = second.Unlock(ctx)
	if got, _ := s.Load(ctx, "conn"); got == nil || got.AccessToken != "fresh" {
		t.Errorf("stored token = %v, want fresh", got)
	}
}

// Regression test for issue 14: Redis going away mid-run must give clear
// errors, lose no token and recover when it returns.
func TestStoreRedisGoesAway(t *testing.T) {
	srv := testservers.Redis(t, "--appendonly", "yes", "--appendfsync", "always")
	ctx := context.Background()
	p := fleettest.NewProvider(t, time.Second, time.Second)
	c := newClient(t, srv.Addr)
	s := hredis.NewStore(c, hredis.StoreOptions{})
	rt := p.Seed("conn")
	if err := s.Save(ctx, "conn", &oauth2.Token{AccessToken: "seed", RefreshToken: rt, Expiry: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	src := fleettest.NewSource(s, p.URL, "conn", nil)
	if _, err := src.TokenContext(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	time.Sleep(1100 * time.Millisecond) // the 1 s token is due for refresh
	_, err := src.TokenContext(ctx)
	if err == nil || !strings.Contains(err.Error(), "redis: token store") {
		t.Fatalf("Token() while Redis is down = %v, want an error naming the redis token store", err)
	}
	srv.Start()
	if _, err := src.TokenContext(ctx); err != nil {
		t.Fatalf("Token() after Redis returned = %v, want a token", err)
	}
	if s := p.Stats()["conn"]; s.Refused != 0 || s.Revoked || s.Issued != 2 {
		t.Errorf("provider stats = %+v, want 2 tokens issued, none refused", s)
	}
	if got, err := s.Load(ctx, "conn"); err != nil || got == nil || got.RefreshToken != p.Current("conn") {
		t.Errorf("stored refresh token is not the provider's current one (err %v)", err)
	}
}
