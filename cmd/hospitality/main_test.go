package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestDemo(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"demo"}, streams{in: strings.NewReader(""), out: &out, err: &out}); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"== Kobas",
		"GET venue: 2 venues",
		`tax rate "20%" (= 20%)`,
		"wrong secret: ", "HTTP 401",
		"== Octotable",
		"POST /reservations: #40000001",
		"now for 4, CANCELLED (DELETE cancels)",
		"following next_cursor): 2 reservations",
		"== Cloudbeds",
		"consent page approved, redirected with code and state; token for property 172938",
		"GET getReservation: 9100000001 confirmed",
		"GET getReservations via GetReservationsIter (pageSize=2): 2 reservations",
		"== Cobot",
		"ID token verified (RS256 via JWKS): Maria Keller <maria.keller@example.org>",
		"via GetMembershipBookingsIter (page[size]=2, links.next): 3 bookings",
		"provider   authentication",
		"every request validated against specs/",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
	// The table's counts are the sandbox's own, so they add up to the closing line.
	for _, row := range []string{
		`Kobas\s+client credentials \(form\)\s+2\s+3\s+2 venues`,
		`Octotable\s+client credentials \(form\)\s+1\s+8\s+reservation #40000001`,
		`Cloudbeds\s+OAuth code via the consent page\s+1\s+6\s+reservation 9100000001`,
		`Cobot\s+OAuth code \+ PKCE, OIDC ID token\s+1\s+5\s+3 meeting rooms booked`,
		`: 5 token requests and 22 API requests,`,
	} {
		if !regexp.MustCompile(row).MatchString(out.String()) {
			t.Errorf("demo output lacks a line matching %s:\n%s", row, out.String())
		}
	}
	if strings.Contains(out.String(), "not-the-secret") {
		t.Errorf("demo output leaks the wrong secret:\n%s", out.String())
	}
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no command", nil, "a command is required"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"help", []string{"--help"}, ""},
		{"sandbox bad address", []string{"sandbox", "-addr", "10.0.0.1:8080"}, "not a loopback address"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tc.args, streams{in: strings.NewReader(""), out: &out, err: &out})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("run(%q) = %v, want error containing %q", tc.args, err, tc.wantErr)
			}
		})
	}
}

func TestSandboxCommandStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"sandbox", "-addr", "127.0.0.1:0"}, streams{in: strings.NewReader(""), out: &out, err: &out})
	}()
	waitForBanner(t, &out, done)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	for _, want := range []string{"listening on http://127.0.0.1:", "hospitality.ConnectKobas", "hospitality.ConnectCloudbeds",
		"auth.CobotConfig", "sandbox_consent=approve", "shutting down"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("sandbox output lacks %q:\n%s", want, out.String())
		}
	}
}

// waitForBanner waits until the sandbox command has printed its last snippet, failing the test
// if the command ends first.
func waitForBanner(t *testing.T, out *syncBuffer, done <-chan error) {
	t.Helper()
	for !strings.Contains(out.String(), "hospitality.ConnectCobot") {
		select {
		case err := <-done:
			t.Fatalf("sandbox exited early: %v\n%s", err, out.String())
		case <-time.After(time.Millisecond):
		}
	}
}
