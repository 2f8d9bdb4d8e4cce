package auth_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/internal/fleettest"
)

func TestMain(m *testing.M) {
	fleettest.MaybeWorker(openFileStore)
	os.Exit(m.Run())
}

func openFileStore(path string) (auth.TokenStore, func(), error) {
	return auth.NewFileStore(path), func() {}, nil
}

// fleetDuration is how long the fleet tests run: 8 s by default, to keep
// `make test` short; HOSPITALITY_FLEET_DURATION=20s gives the run.
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

// Regression test for issue 14: FileStore rewrote the whole file under an
// in-process mutex only, so processes sharing it wrote back used refresh
// tokens and concurrent refreshes of one connection locked connections out
// (7 of 10 in 10 s with rotating refresh tokens).
func TestFileStoreFleet(t *testing.T) {
	if testing.Short() {
		t.Skip("fleet test: 8 processes for several seconds; not in -short")
	}
	rep := fleettest.Run(t, fleettest.Fleet{
		Procs: 8, Conns: 4, Duration: fleetDuration(t),
		Store: filepath.Join(t.TempDir(), "tokens.json"), Open: openFileStore,
	})
	fleettest.Check(t, rep)
}

// Regression test for issue 14: a process killed (SIGKILL) while holding a
// FileStore refresh lock must not block the connection: the kernel drops
// its flock and another process refreshes.
func TestFileStoreKilledLockHolder(t *testing.T) {
	took := fleettest.KillDuringRefresh(t, filepath.Join(t.TempDir(), "tokens.json"), openFileStore, 2*time.Second)
	t.Logf("refreshed %v after the kill", took)
}
