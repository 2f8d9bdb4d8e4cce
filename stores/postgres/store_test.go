package postgres_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/internal/fleettest"
	"github.com/hospitality-sdk/hospitality-go/internal/testservers"
	"github.com/hospitality-sdk/hospitality-go/stores/postgres"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/oauth2"
)

func TestMain(m *testing.M) {
	fleettest.MaybeWorker(openStore)
	os.Exit(testservers.RunMain(m,
		func(tb testservers.TB) *testservers.Server { return testservers.Postgres(tb) },
		func(s *testservers.Server) { examplePostgresDSN = s.DSN() }))
}

func openStore(dsn string) (auth.TokenStore, func(), error) {
	pool, err := pgxpool.New(context.Background(), dsn)
	if err != nil {
		return nil, nil, err
	}
	s := postgres.NewStore(pool, postgres.Options{})
	if err := s.Migrate(context.Background()); err != nil {
		pool.Close()
		return nil, nil, err
	}
	return s, pool.Close, nil
}

func fleetDuration(t *testing.T) time.Duration {
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
	srv := testservers.Postgres(t)
	rep := fleettest.Run(t, fleettest.Fleet{Procs: 8, Conns: 4, Duration: fleetDuration(t), Store: srv.DSN(), Open: openStore})
	fleettest.Check(t, rep)
}

// Regression test for issue 14: a process killed while holding a refresh
// lock must not lock the connection: PostgreSQL ends its session, and with
// it the advisory lock.
func TestStoreKilledLockHolder(t *testing.T) {
	srv := testservers.Postgres(t)
	took := fleettest.KillDuringRefresh(t, srv.DSN(), openStore, 3*time.Second)
	t.Logf("refreshed %v after the kill", took)
}

func TestStoreRoundTripEncrypted(t *testing.T) {
	srv := testservers.Postgres(t)
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	cipher, err := auth.NewTokenCipher(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	s := postgres.NewStore(pool, postgres.Options{Table: "public.tokens_enc", Cipher: cipher})
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("second Migrate() = %v, want nil (idempotent)", err)
	}
	want := &oauth2.Token{AccessToken: "access-secret-1", RefreshToken: "refresh-secret-1", Expiry: time.Now().Add(time.Hour).Round(time.Second)}
	if err := s.Save(ctx, "conn", want); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load(ctx, "conn")
	if err != nil || got.RefreshToken != want.RefreshToken || !got.Expiry.Equal(want.Expiry) {
		t.Fatalf("Load() = %+v, %v, want %+v", got, err, want)
	}
	var raw []byte
	if err := pool.QueryRow(ctx, "SELECT token FROM public.tokens_enc WHERE key = 'conn'").Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "refresh-secret-1") {
		t.Errorf("row holds the refresh token in the clear")
	}
	if !strings.Contains(s.Migration(), `CREATE TABLE IF NOT EXISTS "public"."tokens_enc"`) {
		t.Errorf("Migration() = %q, want the quoted table", s.Migration())
	}
}

// Regression test for issue 14: PostgreSQL going away mid-run must give
// clear errors, lose no token and recover when it returns.
func TestStorePostgresGoesAway(t *testing.T) {
	srv := testservers.Postgres(t)
	ctx := context.Background()
	store, closeStore, err := openStore(srv.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	p := fleettest.NewProvider(t, time.Second, time.Second)
	rt := p.Seed("conn")
	if err := store.Save(ctx, "conn", &oauth2.Token{AccessToken: "seed", RefreshToken: rt, Expiry: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	src := fleettest.NewSource(store, p.URL, "conn", nil)
	if _, err := src.TokenContext(ctx); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	time.Sleep(1100 * time.Millisecond)
	_, err = src.TokenContext(ctx)
	if err == nil || !strings.Contains(err.Error(), "postgres: token store") {
		t.Fatalf("Token() while PostgreSQL is down = %v, want an error naming the postgres token store", err)
	}
	srv.Start()
	if _, err := src.TokenContext(ctx); err != nil {
		t.Fatalf("Token() after PostgreSQL returned = %v, want a token", err)
	}
	if s := p.Stats()["conn"]; s.Refused != 0 || s.Revoked || s.Issued != 2 {
		t.Errorf("provider stats = %+v, want 2 tokens issued, none refused", s)
	}
	if got, err := store.Load(ctx, "conn"); err != nil || got == nil || got.RefreshToken != p.Current("conn") {
		t.Errorf("stored refresh token is not the provider's current one (err %v)", err)
	}
}

// Regression test: a refresh re-read the store through the pool while its
// lock held a pooled connection, so a pool as small as the number of
// concurrent refreshes (pgxpool's default is max(4, NumCPU): four on two
// cores) deadlocked until callers' deadlines. Reads under the lock go
// through the lock's own connection.
func TestStoreRefreshNeedsOneConnection(t *testing.T) {
	srv := testservers.Postgres(t)
	ctx := context.Background()
	for _, tc := range []struct{ poolSize, conns int }{{1, 1}, {1, 3}, {2, 4}} {
		cfg, err := pgxpool.ParseConfig(srv.DSN())
		if err != nil {
			t.Fatal(err)
		}
		cfg.MaxConns = int32(tc.poolSize)
		pool, err := pgxpool.NewWithConfig(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		store := postgres.NewStore(pool, postgres.Options{Table: fmt.Sprintf("tokens_pool%d_%d", tc.poolSize, tc.conns)})
		if err := store.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		p := fleettest.NewProvider(t, time.Hour, time.Hour)
		var wg sync.WaitGroup
		errs := make([]error, tc.conns)
		for i := range tc.conns {
			conn := fmt.Sprintf("conn-%d", i)
			rt := p.Seed(conn)
			if err := store.Save(ctx, conn, &oauth2.Token{AccessToken: "stale", RefreshToken: rt, Expiry: time.Now().Add(-time.Minute)}); err != nil {
				t.Fatal(err)
			}
			src := fleettest.NewSource(store, p.URL, conn, nil)
			wg.Add(1)
			go func() {
				defer wg.Done()
				cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
				_, errs[i] = src.TokenContext(cctx)
			}()
		}
		wg.Wait()
		pool.Close()
		for i, err := range errs {
			if err != nil {
				t.Errorf("pool of %d, %d connections refreshing: conn-%d: Token() = %v, want a token", tc.poolSize, tc.conns, i, err)
			}
		}
		for conn, s := range p.Stats() {
			if s.Issued != 1 || s.Refused != 0 {
				t.Errorf("pool of %d: %s: provider stats %+v, want one refresh", tc.poolSize, conn, s)
			}
		}
	}
}
