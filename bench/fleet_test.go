package bench

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/internal/fleettest"
)

func TestMain(m *testing.M) {
	fleettest.MaybeWorker(func(path string) (auth.TokenStore, func(), error) {
		return auth.NewFileStore(path), func() {}, nil
	})
	os.Exit(m.Run())
}

// BenchmarkFleetFileStore runs the issue-14 fleet once per iteration (use
// -benchtime=1x): 8 processes × 4 connections sharing one FileStore for
// 20 s, access tokens living 1–2 s, rotating refresh tokens with family
// revocation. It reports token requests per expiry (1.00 is one refresh
// per token lifetime, as one process alone would do), lockouts and
// invalid_grant answers reaching callers. The Redis and PostgreSQL figures
// come from the same harness in stores/redis and stores/postgres
// (TestStoreFleet with HOSPITALITY_FLEET_DURATION=20s).
func BenchmarkFleetFileStore(b *testing.B) {
	for b.Loop() {
		rep := fleettest.Run(b, fleettest.Fleet{
			Procs: 8, Conns: 4, Duration: 20 * time.Second,
			Store: filepath.Join(b.TempDir(), "tokens.json"),
			Open: func(path string) (auth.TokenStore, func(), error) {
				return auth.NewFileStore(path), func() {}, nil
			},
		})
		total, per := rep.TokenRequests()
		b.ReportMetric(float64(total)/float64(len(per))/rep.Ideal(), "token-requests/expiry")
		b.ReportMetric(float64(rep.Lockouts()), "lockouts")
		b.ReportMetric(float64(rep.Callers.InvalidGrant+rep.Callers.Consent), "invalid-grants")
		b.Log(rep)
	}
}
