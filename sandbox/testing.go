package sandbox

import (
	"context"
	"testing"
)

// Start runs a sandbox on a free loopback port for the duration of a test and returns it; it is
// closed when the test and its subtests finish. Point clients at [Server.URL] plus the API's path
// constant (for example [KobasAPIPath]) and use [Server.Credentials]:
//
//	sb := sandbox.Start(t, sandbox.Options{})
//	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
//		ClientID: sb.Credentials().KobasClientID, ...,
//		BaseURL:  sb.URL() + sandbox.KobasAPIPath, TokenURL: sb.URL() + sandbox.KobasTokenPath,
//	}))
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	sb, err := New(opts)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	if err := sb.Start("127.0.0.1:0"); err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	t.Cleanup(func() { sb.Close(context.Background()) })
	return sb
}
