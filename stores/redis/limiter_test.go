package redis_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/internal/testservers"
	hredis "github.com/hospitality-sdk/hospitality-go/stores/redis"
	"github.com/hospitality-sdk/hospitality-go/transport"
	goredis "github.com/redis/go-redis/v9"
)

const limiterWorkerEnv = "HOSPITALITY_LIMITER_WORKER"

type limiterSpec struct {
	URL, Redis string
	Duration   time.Duration
}

type limiterResult struct {
	OK, Limited, Errors int
	Sample              string
}

// fleetProfile is a provider allowing 5 requests per second per client,
// like Cloudbeds.
var fleetProfile = transport.Profile{Name: "fleet", LimitGroup: "fleet", RateLimit: transport.RateLimit{Limit: 5, Burst: 1}}

// newLimitedClient returns a client of fleetProfile sharing lim, rate
// limited by one client id.
func newLimitedClient(lim transport.Limiter) *transport.Client {
	return transport.New(transport.Config{
		Profile:      fleetProfile,
		RateLimit:    transport.RateLimit{Limiter: lim},
		RateLimitKey: func(*http.Request) string { return "client-id-1" },
	})
}

// maybeLimiterWorker runs one process of TestLimiterFleet (or
// BenchmarkLimiterFleet) and exits.
func maybeLimiterWorker() {
	raw := os.Getenv(limiterWorkerEnv)
	if raw == "" {
		return
	}
	var spec limiterSpec
	_ = json.Unmarshal([]byte(raw), &spec)
	rc := goredis.NewClient(&goredis.Options{Addr: spec.Redis})
	c := newLimitedClient(hredis.NewLimiter(rc, hredis.LimiterOptions{}))
	var (
		mu  sync.Mutex
		res limiterResult
		wg  sync.WaitGroup
	)
	deadline := time.Now().Add(spec.Duration)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, spec.URL+"/api", nil)
				resp, err := c.Do(req)
				cancel()
				mu.Lock()
				switch {
				case err != nil:
					res.Errors++
					res.Sample = err.Error()
				case resp.StatusCode == http.StatusOK:
					res.OK++
				default:
					res.Limited++
				}
				mu.Unlock()
				if resp != nil {
					resp.Body.Close()
				}
			}
		}()
	}
	wg.Wait()
	b, _ := json.Marshal(res)
	fmt.Println("limiter-result: " + string(b))
	os.Exit(0)
}

// rateFake enforces 5 requests per second per client: a GCRA with a
// tolerance of one interval (a request may arrive up to 200 ms early after
// a gap); beyond it, 429 with Retry-After: 1.
type rateFake struct {
	mu       sync.Mutex
	tat      time.Time
	start    time.Time
	warm     time.Duration
	end      time.Duration // requests after it are not counted in okWarm
	ok       atomic.Int64
	okWarm   atomic.Int64
	limited  atomic.Int64
	limitedW atomic.Int64
}

func (f *rateFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	const interval = 200 * time.Millisecond
	now := time.Now()
	f.mu.Lock()
	tat := f.tat
	if tat.Before(now) {
		tat = now
	}
	allowed := !now.Before(tat.Add(-interval))
	if allowed {
		f.tat = tat.Add(interval)
	}
	warm := now.Sub(f.start) > f.warm && now.Sub(f.start) <= f.end
	f.mu.Unlock()
	if !allowed {
		f.limited.Add(1)
		if warm {
			f.limitedW.Add(1)
		}
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	f.ok.Add(1)
	if warm {
		f.okWarm.Add(1)
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{}`)
}

// limiterFleetProcs is the number of processes of TestLimiterFleet and
// BenchmarkLimiterFleet.
const limiterFleetProcs = 4

// limiterFleetReport is the outcome of runLimiterFleet: what the provider
// accepted and refused, in the whole run and after the one-second warm-up,
// and what the callers saw.
type limiterFleetReport struct {
	Procs    int
	Duration time.Duration
	// Accepted and Limited count the provider's 200 and 429 answers;
	// AcceptedWarm and LimitedWarm those after the warm-up.
	Accepted, AcceptedWarm int64
	Limited, LimitedWarm   int64
	Callers                limiterResult
}

// Share is the fraction of the provider's limit (5 req/s) the fleet used
// after the warm-up.
func (r limiterFleetReport) Share() float64 {
	return float64(r.AcceptedWarm) / (5 * (r.Duration - time.Second).Seconds())
}

// String summarises the report in one line.
func (r limiterFleetReport) String() string {
	return fmt.Sprintf("%d processes, %v: %d accepted (%.1f %% of 5 req/s after warm-up), 429 at the provider %d (%d after warm-up); callers: %d ok, %d errors (%s)",
		r.Procs, r.Duration, r.Accepted, 100*r.Share(), r.Limited, r.LimitedWarm, r.Callers.OK, r.Callers.Errors, r.Callers.Sample)
}

// runLimiterFleet starts a fake provider enforcing 5 req/s per client and
// procs worker processes sharing a Redis limiter, each calling it from
// three goroutines for d, and returns what happened. It fails tb only for
// harness problems; the callers judge the report.
func runLimiterFleet(tb testing.TB, procs int, d time.Duration) limiterFleetReport {
	tb.Helper()
	srv := testservers.Redis(tb)
	fake := &rateFake{start: time.Now(), warm: time.Second, end: d}
	hs := httptest.NewServer(fake)
	tb.Cleanup(hs.Close)
	b, _ := json.Marshal(limiterSpec{URL: hs.URL, Redis: srv.Addr, Duration: d})
	exe, _ := os.Executable()
	var total limiterResult
	var cmds []*exec.Cmd
	var outs []*bufio.Scanner
	for range procs {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), limiterWorkerEnv+"="+string(b))
		out, _ := cmd.StdoutPipe()
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			tb.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, bufio.NewScanner(out))
	}
	for i, cmd := range cmds {
		for outs[i].Scan() {
			if line, ok := strings.CutPrefix(outs[i].Text(), "limiter-result: "); ok {
				var r limiterResult
				_ = json.Unmarshal([]byte(line), &r)
				total.OK += r.OK
				total.Limited += r.Limited
				total.Errors += r.Errors
				if r.Sample != "" {
					total.Sample = r.Sample
				}
			}
		}
		if err := cmd.Wait(); err != nil {
			tb.Fatalf("worker %d: %v", i, err)
		}
	}
	return limiterFleetReport{
		Procs: procs, Duration: d,
		Accepted: fake.ok.Load(), AcceptedWarm: fake.okWarm.Load(),
		Limited: fake.limited.Load(), LimitedWarm: fake.limitedW.Load(),
		Callers: total,
	}
}

// Regression test for issue 14: rate limits were per process, so N workers
// each allowing 5 req/s sent 5N. Four processes sharing the Redis limiter
// must use at least 95 % of the provider's limit with no 429 after a
// one-second warm-up.
func TestLimiterFleet(t *testing.T) {
	if testing.Short() {
		t.Skip("fleet test: 4 processes for several seconds; not in -short")
	}
	rep := runLimiterFleet(t, limiterFleetProcs, fleetDuration(t))
	t.Log(rep)
	if share := rep.Share(); share < 0.95 {
		t.Errorf("share of the limit = %.1f %%, want at least 95 %%", 100*share)
	}
	if n := rep.LimitedWarm; n != 0 {
		t.Errorf("429 answers after warm-up = %d, want 0", n)
	}
}

// BenchmarkLimiterFleet runs the fleet of TestLimiterFleet once, whatever
// b.N (use -benchtime=1x): 4 processes sharing the Redis limiter against a
// provider allowing 5 req/s per client, for HOSPITALITY_FLEET_DURATION (8 s
// by default). It reports the share of the limit used after the one-second
// warm-up (share-%), the 429 answers after it (429-after-warmup) and the
// requests the provider accepted in the whole run (accepted); ns/op is the
// run's wall time.
func BenchmarkLimiterFleet(b *testing.B) {
	if testing.Short() {
		b.Skip("fleet benchmark: 4 processes for several seconds; not in -short")
	}
	d := fleetDuration(b)
	start := time.Now()
	rep := runLimiterFleet(b, limiterFleetProcs, d)
	b.ReportMetric(float64(time.Since(start).Nanoseconds()), "ns/op")
	b.ReportMetric(100*rep.Share(), "share-%")
	b.ReportMetric(float64(rep.LimitedWarm), "429-after-warmup")
	b.ReportMetric(float64(rep.Accepted), "accepted")
	b.Log(rep)
}

// One worker's 429 pauses every client sharing the limiter.
func TestLimiterSharedPause(t *testing.T) {
	srv := testservers.Redis(t)
	rc := newClient(t, srv.Addr)
	a := newLimitedClient(hredis.NewLimiter(rc, hredis.LimiterOptions{}))
	b := newLimitedClient(hredis.NewLimiter(rc, hredis.LimiterOptions{}))
	var hits atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, `{}`)
	}))
	t.Cleanup(hs.Close)
	do := func(c *transport.Client) {
		req, _ := http.NewRequestWithContext(transport.WithoutRetry(context.Background()), http.MethodGet, hs.URL, nil)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
	}
	do(a) // 429: pauses the key for 1 s
	start := time.Now()
	do(b)
	if waited := time.Since(start); waited < 800*time.Millisecond {
		t.Errorf("second client waited %v after the first one's 429 with Retry-After: 1, want about 1s", waited)
	}
}

// Redis going away: the call fails with ErrLimiterUnavailable (it is not
// sent unlimited) and works again when Redis returns.
func TestLimiterRedisGoesAway(t *testing.T) {
	srv := testservers.Redis(t)
	c := newLimitedClient(hredis.NewLimiter(newClient(t, srv.Addr), hredis.LimiterOptions{}))
	var hits atomic.Int64
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1); fmt.Fprint(w, `{}`) }))
	t.Cleanup(hs.Close)
	get := func() error {
		req, _ := http.NewRequest(http.MethodGet, hs.URL, nil)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := get(); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	err := get()
	if !errorsIs(err, transport.ErrLimiterUnavailable) {
		t.Errorf("call while Redis is down = %v, want ErrLimiterUnavailable", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("requests sent = %d, want 1 (none while the limiter is down)", n)
	}
	srv.Start()
	if err := get(); err != nil {
		t.Errorf("call after Redis returned = %v, want nil", err)
	}
}

// BenchmarkLimiterReserve is the limiter's cost per call: one Redis round
// trip on loopback against the in-process token buckets.
func BenchmarkLimiterReserve(b *testing.B) {
	rules := []transport.LimitRule{{Limit: 1e9, Burst: 1 << 20}}
	b.Run("Local", func(b *testing.B) {
		lim := transport.NewLocalLimiter()
		ctx := context.Background()
		for b.Loop() {
			if _, err := lim.Reserve(ctx, "fleet:bench", rules); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Redis", func(b *testing.B) {
		srv := testservers.Redis(b)
		rc := goredis.NewClient(&goredis.Options{Addr: srv.Addr})
		b.Cleanup(func() { rc.Close() })
		lim := hredis.NewLimiter(rc, hredis.LimiterOptions{})
		ctx := context.Background()
		for b.Loop() {
			if _, err := lim.Reserve(ctx, "fleet:bench", rules); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
