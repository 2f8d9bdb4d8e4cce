// Package fleettest runs a fleet of real OS processes (the test binary,
// re-executed) that share one token store, against a fake OAuth provider
// with rotating refresh tokens that revokes the whole token family when a
// refresh token is used twice. It checks the guarantees of a
// [auth.LockingStore] with [auth.CachedSource]: no lockout, no
// invalid_grant reaching callers, one token request per expiry and
// connection, and recovery when a process is killed (SIGKILL) while it
// holds a refresh lock.
//
// A test package using it calls [MaybeWorker] first thing in TestMain.
package fleettest

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"golang.org/x/oauth2"
)

// Opener opens the store a spec names (a file path, a Redis address, a
// PostgreSQL DSN, as the test package decides), in a worker and in the
// test process alike. close is called when the process is done with it.
type Opener func(spec string) (store auth.TokenStore, close func(), err error)

// Provider is a fake OAuth provider: POST /token takes refresh_token
// grants and rotates the refresh token on every use; a refresh token used a
// second time revokes its family (the connection is locked out for good,
// as with providers that follow the OAuth security BCP). GET /api accepts
// an unexpired access token of a live family. Access tokens live a random
// time in [MinTTL, MaxTTL], sent as expires_in_ms.
type Provider struct {
	*httptest.Server
	MinTTL, MaxTTL time.Duration

	// Stalled receives the connection of a refresh request held by Stall.
	Stalled chan string

	mu     sync.Mutex
	fams   map[string]*family // connection → family
	rts    map[string]string  // refresh token → connection
	access map[string]grant   // access token → connection and expiry
	stall  map[string]bool
}

type family struct {
	current  string // the one valid refresh token
	revoked  bool
	stats    ConnStats
	ttlTotal time.Duration
}

type grant struct {
	conn   string
	expiry time.Time
}

// ConnStats are the provider's counts for one connection.
type ConnStats struct {
	Requests int  // token requests
	Issued   int  // tokens issued
	Refused  int  // invalid_grant answers
	Reuses   int  // refresh tokens presented a second time
	Revoked  bool // the family is revoked: a lockout
	APIOK    int  // API calls accepted
	API401   int  // API calls refused
}

// NewProvider starts a Provider on loopback, closed at the end of the test.
func NewProvider(t testing.TB, minTTL, maxTTL time.Duration) *Provider {
	p := &Provider{
		MinTTL: minTTL, MaxTTL: maxTTL,
		Stalled: make(chan string, 16),
		fams:    make(map[string]*family),
		rts:     make(map[string]string),
		access:  make(map[string]grant),
		stall:   make(map[string]bool),
	}
	p.Server = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.Close)
	return p
}

func randomString(prefix string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// Seed creates conn's family and returns its first refresh token.
func (p *Provider) Seed(conn string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	rt := randomString("rt-")
	p.fams[conn] = &family{current: rt}
	p.rts[rt] = conn
	return rt
}

// Stall makes refresh requests of conn wait until their client goes away
// (they then rotate nothing), or until Unstall.
func (p *Provider) Stall(conn string, on bool) {
	p.mu.Lock()
	p.stall[conn] = on
	p.mu.Unlock()
}

// Current returns conn's valid refresh token ("" once revoked).
func (p *Provider) Current(conn string) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if f := p.fams[conn]; f != nil && !f.revoked {
		return f.current
	}
	return ""
}

// Stats returns the counts of every connection.
func (p *Provider) Stats() map[string]ConnStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]ConnStats, len(p.fams))
	for c, f := range p.fams {
		out[c] = f.stats
	}
	return out
}

// MeanTTL is the mean lifetime of the access tokens issued so far.
func (p *Provider) MeanTTL() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	var total time.Duration
	n := 0
	for _, f := range p.fams {
		total += f.ttlTotal
		n += f.stats.Issued
	}
	if n == 0 {
		return 0
	}
	return total / time.Duration(n)
}

func (p *Provider) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/token":
		p.token(w, r)
	case "/api":
		p.api(w, r)
	default:
		http.NotFound(w, r)
	}
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != "refresh_token" {
		writeJSON(w, http.StatusBadRequest, `{"error":"unsupported_grant_type"}`)
		return
	}
	rt := r.PostForm.Get("refresh_token")
	p.mu.Lock()
	conn, ok := p.rts[rt]
	f := p.fams[conn]
	if ok && f != nil {
		f.stats.Requests++
	}
	if ok && f != nil && p.stall[conn] && !f.revoked && rt == f.current {
		p.mu.Unlock()
		p.Stalled <- conn
		for {
			select {
			case <-r.Context().Done():
				return // the client died: nothing rotated
			case <-time.After(10 * time.Millisecond):
			}
			p.mu.Lock()
			if !p.stall[conn] {
				break
			}
			p.mu.Unlock()
		}
	}
	defer p.mu.Unlock()
	switch {
	case !ok || f == nil:
		writeJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"unknown refresh token"}`)
		return
	case f.revoked:
		f.stats.Refused++
		writeJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"token family revoked"}`)
		return
	case rt != f.current:
		f.stats.Reuses++
		f.stats.Refused++
		f.revoked = true
		f.stats.Revoked = true
		writeJSON(w, http.StatusBadRequest, `{"error":"invalid_grant","error_description":"refresh token reused: family revoked"}`)
		return
	}
	n, _ := rand.Int(rand.Reader, big.NewInt(int64(p.MaxTTL-p.MinTTL)+1))
	ttl := p.MinTTL + time.Duration(n.Int64())
	at, next := randomString("at-"), randomString("rt-")
	f.current = next
	p.rts[next] = conn
	p.access[at] = grant{conn: conn, expiry: time.Now().Add(ttl)}
	f.stats.Issued++
	f.ttlTotal += ttl
	writeJSON(w, http.StatusOK, fmt.Sprintf(`{"access_token":%q,"token_type":"Bearer","refresh_token":%q,"expires_in_ms":%d}`,
		at, next, ttl.Milliseconds()))
}

func (p *Provider) api(w http.ResponseWriter, r *http.Request) {
	at := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	p.mu.Lock()
	defer p.mu.Unlock()
	g, ok := p.access[at]
	f := p.fams[g.conn]
	if !ok || f == nil || f.revoked || time.Now().After(g.expiry) {
		if f != nil {
			f.stats.API401++
		}
		writeJSON(w, http.StatusUnauthorized, `{"error":"invalid_token"}`)
		return
	}
	f.stats.APIOK++
	writeJSON(w, http.StatusOK, `{"ok":true}`)
}

// Refresh returns the refresh function for the provider at baseURL.
func Refresh(baseURL string, hc *http.Client) auth.RefreshFunc {
	return func(ctx context.Context, prev *oauth2.Token) (*oauth2.Token, error) {
		form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {prev.RefreshToken}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/token", strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := hc.Do(req)
		if err != nil {
			return nil, fmt.Errorf("fleettest: token request: %w", err)
		}
		defer resp.Body.Close()
		var body struct {
			AccessToken  string `json:"access_token"`
			TokenType    string `json:"token_type"`
			RefreshToken string `json:"refresh_token"`
			ExpiresInMS  int64  `json:"expires_in_ms"`
			Error        string `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
			return nil, fmt.Errorf("fleettest: token response: %w", err)
		}
		if resp.StatusCode != http.StatusOK {
			return nil, &auth.TokenError{Provider: "fleet", StatusCode: resp.StatusCode, Code: body.Error}
		}
		return &oauth2.Token{AccessToken: body.AccessToken, TokenType: body.TokenType, RefreshToken: body.RefreshToken,
			Expiry: time.Now().Add(time.Duration(body.ExpiresInMS) * time.Millisecond)}, nil
	}
}

// workerEnv carries a worker's spec from the test process.
const workerEnv = "HOSPITALITY_FLEETTEST_WORKER"

// resultPrefix starts the worker's result line on its stdout.
const resultPrefix = "fleettest-result: "

// readyLine is printed by a worker once its sources exist.
const readyLine = "fleettest-ready"

// workerSpec is what a worker process does.
type workerSpec struct {
	ProviderURL string
	Store       string
	Conns       []string
	Duration    time.Duration
	Callers     int           // goroutines per connection
	Interval    time.Duration // pause between a caller's calls
}

// Result is what one worker saw from the callers' side.
type Result struct {
	Calls        int      // Token calls
	InvalidGrant int      // invalid_grant errors returned to callers
	Consent      int      // errors matching auth.ErrConsentRequired
	OtherErrors  int      // other token errors (store failures…)
	API401       int      // API calls refused with a token the source handed out
	SaveErrors   int      // OnSaveError calls
	Samples      []string // a few error texts
}

func (r *Result) add(o Result) {
	r.Calls += o.Calls
	r.InvalidGrant += o.InvalidGrant
	r.Consent += o.Consent
	r.OtherErrors += o.OtherErrors
	r.API401 += o.API401
	r.SaveErrors += o.SaveErrors
	for _, s := range o.Samples {
		if len(r.Samples) < 8 {
			r.Samples = append(r.Samples, s)
		}
	}
}

// MaybeWorker runs the worker and exits when this process was started as
// one by [Run] or [KillDuringRefresh]; otherwise it returns at once. Call it
// first in TestMain.
func MaybeWorker(open Opener) {
	raw := os.Getenv(workerEnv)
	if raw == "" {
		return
	}
	var spec workerSpec
	if err := json.Unmarshal([]byte(raw), &spec); err != nil {
		fmt.Fprintln(os.Stderr, "fleettest: worker spec:", err)
		os.Exit(2)
	}
	store, closeStore, err := open(spec.Store)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fleettest: worker store:", err)
		os.Exit(2)
	}
	res := runWorker(spec, store)
	closeStore()
	b, _ := json.Marshal(res)
	fmt.Println(resultPrefix + string(b))
	os.Exit(0)
}

// NewSource returns the CachedSource a worker uses for conn.
func NewSource(store auth.TokenStore, providerURL, conn string, onSaveError func(error)) *auth.CachedSource {
	hc := &http.Client{Timeout: 10 * time.Second}
	return auth.NewCachedSource(nil, auth.CacheOptions{
		Provider: "fleet", Key: conn, Store: store,
		Refresh:     Refresh(providerURL, hc),
		OnSaveError: onSaveError,
	})
}

func runWorker(spec workerSpec, store auth.TokenStore) Result {
	var (
		mu    sync.Mutex
		total Result
		saves atomic.Int64
		wg    sync.WaitGroup
	)
	hc := &http.Client{Timeout: 10 * time.Second}
	deadline := time.Now().Add(spec.Duration)
	srcs := make([]*auth.CachedSource, len(spec.Conns))
	for i, conn := range spec.Conns {
		srcs[i] = NewSource(store, spec.ProviderURL, conn, func(error) { saves.Add(1) })
	}
	fmt.Println(readyLine)
	for _, src := range srcs {
		for range max(spec.Callers, 1) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var r Result
				for time.Now().Before(deadline) {
					r.Calls++
					ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
					tok, err := src.TokenContext(ctx)
					cancel()
					var te *auth.TokenError
					switch {
					case err == nil:
					case errors.Is(err, auth.ErrConsentRequired):
						r.Consent++
					case errors.As(err, &te) && te.Code == "invalid_grant":
						r.InvalidGrant++
					default:
						r.OtherErrors++
					}
					if err != nil {
						if len(r.Samples) < 4 {
							r.Samples = append(r.Samples, err.Error())
						}
						time.Sleep(spec.Interval)
						continue
					}
					req, _ := http.NewRequest(http.MethodGet, spec.ProviderURL+"/api", nil)
					req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
					if resp, err := hc.Do(req); err == nil {
						if resp.StatusCode == http.StatusUnauthorized {
							r.API401++
							src.Invalidate(tok.AccessToken)
						}
						resp.Body.Close()
					}
					time.Sleep(spec.Interval)
				}
				mu.Lock()
				total.add(r)
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	total.SaveErrors = int(saves.Load())
	return total
}

// Fleet describes a run: Procs processes, each with sources for the same
// Conns connections, for Duration.
type Fleet struct {
	Procs, Conns   int
	Duration       time.Duration
	MinTTL, MaxTTL time.Duration // access token lifetimes; default 1–2 s
	Store          string        // spec passed to the Opener
	Open           Opener
	Callers        int           // goroutines per connection and process; default 2
	Interval       time.Duration // default 50ms
	// During, if set, runs in the test process while the fleet works (for
	// example to stop and restart the store's server).
	During func()
}

// Report is the outcome of [Run].
type Report struct {
	Fleet    Fleet
	Provider map[string]ConnStats
	Callers  Result
	MeanTTL  time.Duration
}

// Lockouts counts revoked connections.
func (r Report) Lockouts() int {
	n := 0
	for _, s := range r.Provider {
		if s.Revoked {
			n++
		}
	}
	return n
}

// TokenRequests is the number of token requests of every connection.
func (r Report) TokenRequests() (total int, perConn []int) {
	for _, s := range r.Provider {
		total += s.Requests
		perConn = append(perConn, s.Requests)
	}
	return total, perConn
}

// Ideal is the number of token requests one process alone would make per
// connection in the run: it refreshes a token after half its lifetime.
func (r Report) Ideal() float64 {
	if r.MeanTTL == 0 {
		return 0
	}
	return float64(r.Fleet.Duration) / float64(r.MeanTTL/2)
}

// String summarises the report in one line.
func (r Report) String() string {
	total, per := r.TokenRequests()
	refused := 0
	for _, s := range r.Provider {
		refused += s.Refused
	}
	return fmt.Sprintf("%d processes × %d connections, %v, tokens %v–%v (mean %v): token requests %d (per connection %v, ideal %.1f; %.2f per expiry), refused %d, lockouts %d; callers: %d calls, invalid_grant %d, consent %d, other errors %d, API 401 %d, save errors %d",
		r.Fleet.Procs, r.Fleet.Conns, r.Fleet.Duration, r.Fleet.MinTTL, r.Fleet.MaxTTL, r.MeanTTL.Round(time.Millisecond),
		total, per, r.Ideal(), float64(total)/float64(len(per))/max(r.Ideal(), 1), refused, r.Lockouts(),
		r.Callers.Calls, r.Callers.InvalidGrant, r.Callers.Consent, r.Callers.OtherErrors, r.Callers.API401, r.Callers.SaveErrors)
}

// worker starts one worker process.
func worker(t testing.TB, spec workerSpec) (*exec.Cmd, *bufio.Scanner, *strings.Builder) {
	t.Helper()
	b, _ := json.Marshal(spec)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), workerEnv+"="+string(b))
	stderr := new(strings.Builder)
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	})
	return cmd, bufio.NewScanner(out), stderr
}

// seed saves every connection's first token (already expired, so the first
// call refreshes) in the store.
func seed(t testing.TB, p *Provider, store auth.TokenStore, conns []string) {
	t.Helper()
	for _, c := range conns {
		tok := &oauth2.Token{AccessToken: "seed-" + c, TokenType: "Bearer", RefreshToken: p.Seed(c), Expiry: time.Now().Add(-time.Minute)}
		if err := store.Save(context.Background(), c, tok); err != nil {
			t.Fatalf("seeding %s: %v", c, err)
		}
	}
}

// Run starts the provider, seeds the store, runs the fleet and returns the
// report. It fails t only for harness problems; [Check] judges the report.
func Run(t testing.TB, f Fleet) Report {
	t.Helper()
	if f.MinTTL == 0 {
		f.MinTTL, f.MaxTTL = time.Second, 2*time.Second
	}
	if f.Callers == 0 {
		f.Callers = 2
	}
	if f.Interval == 0 {
		f.Interval = 50 * time.Millisecond
	}
	p := NewProvider(t, f.MinTTL, f.MaxTTL)
	store, closeStore, err := f.Open(f.Store)
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	conns := make([]string, f.Conns)
	for i := range conns {
		conns[i] = "conn-" + strconv.Itoa(i)
	}
	seed(t, p, store, conns)

	spec := workerSpec{ProviderURL: p.URL, Store: f.Store, Conns: conns, Duration: f.Duration, Callers: f.Callers, Interval: f.Interval}
	type proc struct {
		cmd    *exec.Cmd
		out    *bufio.Scanner
		stderr *strings.Builder
	}
	procs := make([]proc, f.Procs)
	for i := range procs {
		cmd, out, stderr := worker(t, spec)
		procs[i] = proc{cmd, out, stderr}
	}
	if f.During != nil {
		f.During()
	}
	rep := Report{Fleet: f}
	for i, pr := range procs {
		var res *Result
		for pr.out.Scan() {
			if line, ok := strings.CutPrefix(pr.out.Text(), resultPrefix); ok {
				res = new(Result)
				if err := json.Unmarshal([]byte(line), res); err != nil {
					t.Fatalf("worker %d: result: %v", i, err)
				}
			}
		}
		if err := pr.cmd.Wait(); err != nil || res == nil {
			t.Fatalf("worker %d: %v (no result)\n%s", i, err, pr.stderr)
		}
		rep.Callers.add(*res)
	}
	rep.Provider = p.Stats()
	rep.MeanTTL = p.MeanTTL()
	return rep
}

// Check fails t unless the report shows no lockout, no refused token
// request, no invalid_grant or other error reaching callers, no API call
// refused, and token requests of every connection between the ideal minus
// the tokens' spread and the ideal plus one: once per expiry (a process
// alone refreshes at half a token's lifetime).
func Check(t testing.TB, r Report) {
	t.Helper()
	t.Log(r)
	if n := r.Lockouts(); n != 0 {
		t.Errorf("lockouts = %d, want 0", n)
	}
	for c, s := range r.Provider {
		if s.Refused != 0 || s.Reuses != 0 {
			t.Errorf("%s: refused token requests = %d (reuses %d), want 0", c, s.Refused, s.Reuses)
		}
		// The first refresh happens at once (the seed is expired); then one
		// per half lifetime. Each token's half life is in [Min/2, Max/2].
		hi := float64(r.Fleet.Duration)/float64(r.Fleet.MinTTL/2) + 2
		lo := float64(r.Fleet.Duration)/float64(r.Fleet.MaxTTL/2) - 1
		if float64(s.Requests) > hi || float64(s.Requests) < lo {
			t.Errorf("%s: token requests = %d, want %.0f to %.0f (one per expiry)", c, s.Requests, lo, hi)
		}
	}
	if c := r.Callers; c.InvalidGrant != 0 || c.Consent != 0 || c.OtherErrors != 0 || c.API401 != 0 {
		t.Errorf("callers saw invalid_grant %d, consent %d, other errors %d, API 401 %d, want 0 (samples: %q)",
			c.InvalidGrant, c.Consent, c.OtherErrors, c.API401, c.Samples)
	}
	if r.Callers.Calls == 0 {
		t.Errorf("callers made no calls")
	}
}

// KillDuringRefresh checks recovery from a process killed with SIGKILL
// while it holds conn's refresh lock: a worker starts a refresh, which the
// provider holds; the worker is killed; then a source in the test process
// must refresh within maxWait (the lock's lease plus slack), with the
// family intact and the new refresh token stored.
func KillDuringRefresh(t testing.TB, storeSpec string, open Opener, maxWait time.Duration) time.Duration {
	t.Helper()
	p := NewProvider(t, time.Minute, time.Minute)
	store, closeStore, err := open(storeSpec)
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	const conn = "conn-killed"
	seed(t, p, store, []string{conn})
	p.Stall(conn, true)
	cmd, out, stderr := worker(t, workerSpec{ProviderURL: p.URL, Store: storeSpec, Conns: []string{conn}, Duration: time.Minute, Callers: 1, Interval: 10 * time.Millisecond})
	go func() {
		for out.Scan() {
		}
	}()
	select {
	case <-p.Stalled:
	case <-time.After(30 * time.Second):
		t.Fatalf("the worker's refresh never reached the provider: %s", stderr)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	_ = cmd.Wait()
	p.Stall(conn, false)

	src := NewSource(store, p.URL, conn, func(err error) { t.Errorf("save error: %v", err) })
	ctx, cancel := context.WithTimeout(context.Background(), maxWait+10*time.Second)
	defer cancel()
	start := time.Now()
	tok, err := src.TokenContext(ctx)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("Token() after the kill = %v, want a token", err)
	}
	if took > maxWait {
		t.Errorf("Token() after the kill took %v, want at most %v (lock lease)", took, maxWait)
	}
	s := p.Stats()[conn]
	if s.Revoked || s.Refused != 0 || s.Issued != 1 {
		t.Errorf("provider stats = %+v, want one token issued, none refused, family live", s)
	}
	stored, err := store.Load(context.Background(), conn)
	if err != nil || stored == nil || stored.RefreshToken != p.Current(conn) || stored.AccessToken != tok.AccessToken {
		t.Errorf("stored token after recovery does not hold the provider's current refresh token (err %v)", err)
	}
	return took
}
