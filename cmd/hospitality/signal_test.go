//go:build unix

package main

import (
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
)

// TestSandboxCommandStopsOnSignal sends the test process a real SIGINT or SIGTERM once the
// sandbox is serving (its handler is installed before the banner is printed) and expects a
// graceful shutdown: run returns nil, the listener is closed.
func TestSandboxCommandStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			var out syncBuffer
			done := make(chan error, 1)
			go func() {
				done <- run(context.Background(), []string{"sandbox", "-addr", "127.0.0.1:0"}, streams{in: strings.NewReader(""), out: &out, err: &out})
			}()
			waitForBanner(t, &out, done)
			root := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`).FindStringSubmatch(out.String())
			if root == nil {
				t.Fatalf("sandbox banner lacks its URL:\n%s", out.String())
			}
			res, err := http.Get(root[1] + "/cobot/.well-known/openid-configuration")
			if err != nil {
				t.Fatalf("sandbox not serving before the signal: %v", err)
			}
			res.Body.Close()

			if err := syscall.Kill(os.Getpid(), sig); err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatalf("run(sandbox) after %v = %v, want nil", sig, err)
			}
			if !strings.Contains(out.String(), "shutting down") {
				t.Errorf("sandbox output after %v lacks %q:\n%s", sig, "shutting down", out.String())
			}
			if res, err := http.Get(root[1] + "/cobot/.well-known/openid-configuration"); err == nil {
				res.Body.Close()
				t.Errorf("sandbox still answers after %v: %s", sig, res.Status)
			}
		})
	}
}
