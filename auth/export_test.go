package auth

import (
	"testing"
	"time"
)

// SetOIDCBackgroundTimeout makes NewCobotOIDC give clients without a
// Timeout d instead of DefaultHTTPTimeout, until t ends. Tests using it must
// not run in parallel with tests that create a CobotOIDC.
func SetOIDCBackgroundTimeout(t testing.TB, d time.Duration) {
	t.Helper()
	old := oidcBackgroundTimeout
	oidcBackgroundTimeout = d
	t.Cleanup(func() { oidcBackgroundTimeout = old })
}
