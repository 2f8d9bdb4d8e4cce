//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// tmux drives the command in a real terminal: a detached tmux session whose pane runs it.
type tmux struct {
	t       *testing.T
	session string
	log     string // every byte the pane printed (pipe-pane), progress lines included
}

func newTmux(t *testing.T, w *world, command string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux)")
	}
	m := &tmux{t: t, session: fmt.Sprintf("hospitality-test-%d-%d", os.Getpid(), time.Now().UnixNano()), log: filepath.Join(t.TempDir(), "pane.log")}
	env := strings.Join(w.environ(), " ")
	// The pane stays open after the command so that its last screen can be read.
	script := fmt.Sprintf("env -i %s TERM=xterm %s; echo EXIT=$?; sleep 60", env, command)
	if out, err := exec.Command("tmux", "new-session", "-d", "-s", m.session, "-x", "200", "-y", "50", script).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", m.session).Run() })
	if out, err := exec.Command("tmux", "pipe-pane", "-t", m.session, "-o", "cat >> "+m.log).CombinedOutput(); err != nil {
		t.Fatalf("tmux pipe-pane: %v\n%s", err, out)
	}
	return m
}

// screen is what the pane shows.
func (m *tmux) screen() string {
	out, err := exec.Command("tmux", "capture-pane", "-p", "-t", m.session).Output()
	if err != nil {
		m.t.Fatalf("tmux capture-pane: %v", err)
	}
	return string(out)
}

// waitFor waits until the pane shows want.
func (m *tmux) waitFor(want string) string {
	m.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s := m.screen()
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			m.t.Fatalf("the terminal never showed %q:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (m *tmux) send(keys ...string) {
	m.t.Helper()
	if out, err := exec.Command("tmux", append([]string{"send-keys", "-t", m.session}, keys...)...).CombinedOutput(); err != nil {
		m.t.Fatalf("tmux send-keys: %v\n%s", err, out)
	}
}

// TestTerminalPromptHidesSecret types the client secret at the prompt login shows with
// --client-secret -, and checks that the terminal never echoed it.
func TestTerminalPromptHidesSecret(t *testing.T) {
	w := newWorld(t)
	secret := sandbox.DefaultCredentials.KobasClientSecret
	m := newTmux(t, w, binary+" login kobas --sandbox --client-secret -")
	m.waitFor("Kobas client secret:") // capture-pane trims the trailing space
	m.send("-l", secret)
	m.send("Enter")
	screen := m.waitFor("EXIT=")
	mustContain(t, "the terminal", screen, "Logged in to Kobas (sandbox)", "EXIT=0")
	if strings.Contains(screen, secret) {
		t.Errorf("the typed secret was echoed:\n%s", screen)
	}
	w.record(screen)
}

// TestTerminalProgressLine pages through three pages with stderr on a terminal and stdout in a
// file: the progress line counts pages and items, and is cleared at the end.
func TestTerminalProgressLine(t *testing.T) {
	w := newWorld(t)
	w.ok("login", "octotable", "--sandbox")
	rooms := strings.TrimSpace(w.ok("api", "octotable", "listRooms", "--jq", ".data[0].id"))
	services := strings.TrimSpace(w.ok("api", "octotable", "listServices", "--jq", ".data[0].id"))
	body := filepath.Join(t.TempDir(), "reservation.json")
	os.WriteFile(body, fmt.Appendf(nil, `{"start_date":"2025-05-15","start_hour":"13:00:00","pax":2,"channel":"OCTOTABLE_ADMIN","service_id":%s,"room_id":%s,"customer":{"first_name":"Adam","last_name":"Devis"}}`, services, rooms), 0o600)
	for range 2 {
		w.ok("api", "octotable", "createReservation", "--input", body)
	}
	items := filepath.Join(t.TempDir(), "items.jsonl")
	m := newTmux(t, w, binary+" api octotable listReservations -p limit=1 --paginate > "+items)
	screen := m.waitFor("EXIT=")
	mustContain(t, "the terminal", screen, "EXIT=0")
	if strings.Contains(screen, "page ") {
		t.Errorf("the progress line was not cleared at the end:\n%s", screen)
	}
	var raw []byte
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		raw, _ = os.ReadFile(m.log)
		if strings.Contains(string(raw), "EXIT=") || time.Now().After(deadline) {
			break
		}
	}
	mustContain(t, "the pane's output", string(raw), "page 1: 1 items", "page 3: 3 items", "\r\x1b[K")
	lines, _ := os.ReadFile(items)
	if n := len(jsonLines(t, string(lines))); n < 3 {
		t.Errorf("stdout has %d JSON lines, want at least 3", n)
	}
	if strings.Contains(string(lines), "page ") {
		t.Errorf("the progress line went to stdout:\n%s", lines)
	}
	w.record(string(raw))
}
