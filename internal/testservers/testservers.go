// Package testservers starts real Redis and PostgreSQL servers for tests:
// Debian's redis-server and PostgreSQL binaries, on a free loopback port,
// with their data in the test's temporary directory, stopped when the test
// ends. When a binary is missing the test is skipped with a message saying
// what to install, except when the environment variable CI is "true": in CI
// the servers must run, so the test fails instead.
package testservers

import (
	"bytes"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TB is the part of [testing.TB] the servers need; [RunMain] provides one
// outside a test.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
	TempDir() string
	Cleanup(func())
}

// Server is a running (or stopped) server process.
type Server struct {
	// Addr is the loopback host:port the server listens on.
	Addr string

	t       TB
	name    string
	args    []string
	cred    *syscall.Credential
	sig     syscall.Signal // stop signal
	ready   []string       // command that succeeds once the server serves, after it listens
	mu      sync.Mutex
	cmd     *exec.Cmd
	out     *bytes.Buffer
	stopped chan struct{}
}

// missing skips or fails t for a missing binary.
func missing(t TB, what, install string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("testservers: %s not found; CI must run this test (install Debian's %s, see .ci/run)", what, install)
	}
	t.Skipf("testservers: %s not found; install Debian's %s to run this test (CI=true makes it fail instead)", what, install)
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testservers: %v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Redis starts redis-server on a loopback port with its directory in
// t.TempDir(), without persistence unless extra arguments (appended to the
// command line, so they win) turn it on, and stops it at the end of the
// test.
func Redis(t TB, extra ...string) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		missing(t, "redis-server", "redis-server package")
	}
	dir := t.TempDir()
	port := freePort(t)
	s := &Server{
		t:    t,
		name: bin,
		Addr: "127.0.0.1:" + strconv.Itoa(port),
		sig:  syscall.SIGTERM,
		args: []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
			"--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"},
	}
	s.args = append(s.args, extra...)
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// postgresBin finds the directory of initdb and postgres: $HOSPITALITY_PG_BIN,
// the newest /usr/lib/postgresql/*/bin, or $PATH.
func postgresBin() string {
	if d := os.Getenv("HOSPITALITY_PG_BIN"); d != "" {
		return d
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	return ""
}

// Postgres initialises a cluster in t.TempDir() (trust authentication,
// superuser "postgres", fsync off), starts it on a loopback port and stops
// it at the end of the test. PostgreSQL refuses to run as root, so under
// root the server runs as the "postgres" (or "nobody") user.
func Postgres(t TB) *Server {
	t.Helper()
	bin := postgresBin()
	if bin == "" {
		missing(t, "PostgreSQL's initdb and postgres", "postgresql package")
	}
	dir := t.TempDir()
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			u, err = user.Lookup("nobody")
		}
		if err != nil {
			t.Fatalf("testservers: running as root and no postgres or nobody user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		// The test's temporary directories are 0700 and root's.
		for d := dir; d != os.TempDir() && d != "/" && d != "."; d = filepath.Dir(d) {
			if err := os.Chmod(d, 0o755); err != nil {
				break
			}
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			t.Fatalf("testservers: %v", err)
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		t.Fatalf("testservers: initdb: %v\n%s", err, out)
	}
	port := freePort(t)
	s := &Server{
		t:     t,
		name:  filepath.Join(bin, "postgres"),
		Addr:  "127.0.0.1:" + strconv.Itoa(port),
		cred:  cred,
		sig:   syscall.SIGINT, // fast shutdown: SIGTERM would wait for clients to leave
		ready: []string{filepath.Join(bin, "pg_isready"), "-q", "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-U", "postgres"},
		args: []string{"-D", data, "-p", strconv.Itoa(port), "-k", dir, "-c", "listen_addresses=127.0.0.1",
			"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"},
	}
	s.Start()
	t.Cleanup(s.Stop)
	return s
}

// DSN returns a connection string for the "postgres" database.
func (s *Server) DSN() string {
	return "postgres://postgres@" + s.Addr + "/postgres?sslmode=disable"
}

// Start starts the server (again, after Stop, on the same port and data)
// and waits until it accepts connections.
func (s *Server) Start() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return
	}
	cmd := exec.Command(s.name, s.args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	out := new(bytes.Buffer)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("testservers: starting %s: %v", filepath.Base(s.name), err)
	}
	stopped := make(chan struct{})
	go func() { _ = cmd.Wait(); close(stopped) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", s.Addr, time.Second)
		if err == nil {
			c.Close()
			if len(s.ready) == 0 || exec.Command(s.ready[0], s.ready[1:]...).Run() == nil {
				break
			}
		}
		select {
		case <-stopped:
			s.t.Fatalf("testservers: %s exited: %s", filepath.Base(s.name), out)
		default:
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			s.t.Fatalf("testservers: %s did not listen on %s within 30s: %s", filepath.Base(s.name), s.Addr, out)
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.cmd, s.out, s.stopped = cmd, out, stopped
}

// Stop stops the server (SIGTERM for Redis, SIGINT, a fast shutdown, for
// PostgreSQL; SIGKILL after 10 s) and waits for it.
func (s *Server) Stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(s.sig)
	select {
	case <-s.stopped:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.stopped
	}
	s.cmd = nil
}

// String describes the server for test messages.
func (s *Server) String() string {
	return fmt.Sprintf("%s on %s", filepath.Base(s.name), s.Addr)
}

// mainTB is the TB of RunMain.
type mainTB struct {
	dir      string
	cleanups []func()
}

type skipped struct{ msg string }

func (m *mainTB) Helper() {}
func (m *mainTB) Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	m.cleanup()
	os.Exit(1)
}
func (m *mainTB) Skipf(format string, args ...any) { panic(skipped{fmt.Sprintf(format, args...)}) }
func (m *mainTB) TempDir() string {
	d, err := os.MkdirTemp(m.dir, "srv")
	if err != nil {
		m.Fatalf("testservers: %v", err)
	}
	return d
}
func (m *mainTB) Cleanup(f func()) { m.cleanups = append(m.cleanups, f) }
func (m *mainTB) cleanup() {
	for i := len(m.cleanups) - 1; i >= 0; i-- {
		m.cleanups[i]()
	}
	m.cleanups = nil
	os.RemoveAll(m.dir)
}

// RunMain is for TestMain: it starts a server with start (Redis or
// Postgres) for the package's examples, hands it to use, runs m, stops the
// server and returns m's code. When the server's binaries are missing (and
// CI is not "true"), it says so and runs the tests only (-test.run=^Test,
// unless -test.run is set), whose own servers then skip.
func RunMain(m *testing.M, start func(TB) *Server, use func(*Server)) (code int) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "testservers")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	tb := &mainTB{dir: dir}
	defer tb.cleanup()
	func() {
		defer func() {
			if r := recover(); r != nil {
				sk, ok := r.(skipped)
				if !ok {
					panic(r)
				}
				fmt.Fprintln(os.Stderr, sk.msg, "(examples not run)")
				if f := flag.Lookup("test.run"); f != nil && f.Value.String() == "" {
					_ = flag.Set("test.run", "^Test")
				}
			}
		}()
		use(start(tb))
	}()
	return m.Run()
}
