package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// Load generator parameters: a bounded number of requests from a fixed number of workers over
// keep-alive connections.
const (
	loadRequests = 2000
	loadWorkers  = 8
)

// prismURLEnv names the environment variable holding the root URL of a Stoplight Prism mock of
// specs/octotable.yaml (scripts/bench.sh starts one); BenchmarkPrism skips without it.
const prismURLEnv = "HOSPITALITY_BENCH_PRISM_URL"

// loadTarget is a server under load: the API base URL (paths as in the spec) and the headers
// that authenticate a request.
type loadTarget struct {
	base   string
	header http.Header
	// roomID and serviceID are ids the target knows, for the write.
	roomID, serviceID int64
}

// The measured operations, the same on every target: an OctoTable reservation list (a read with
// query parameters) and a reservation create (a JSON body validated against its schema).
var loadOps = []struct {
	name string
	req  func(t loadTarget) (*http.Request, error)
}{
	{"Read", func(t loadTarget) (*http.Request, error) {
		return http.NewRequest(http.MethodGet, t.base+"/reservations?limit=20&start_date=2025-01-01&status[]=CONFIRMED", nil)
	}},
	{"Write", func(t loadTarget) (*http.Request, error) {
		body := fmt.Sprintf(`{"start_date":"2025-06-12","start_hour":"20:30:00","pax":4,"channel":"OCTOTABLE_ADMIN",`+
			`"service_id":%d,"room_id":%d,"customer":{"first_name":"Ana","last_name":"Silva","email":"ana@example.com",`+
			`"phone":"+351912345678"},"notes":"window table","special_request":"birthday"}`, t.serviceID, t.roomID)
		req, err := http.NewRequest(http.MethodPost, t.base+"/reservations", strings.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/json")
		}
		return req, err
	}},
}

// BenchmarkSandbox measures the requests per second the sandbox serves with full validation
// (route, parameters, body schema, bearer token, Property header) under a concurrent loopback
// load; each round sends 2000 requests from 8 workers.
func BenchmarkSandbox(b *testing.B) {
	for _, op := range loadOps {
		b.Run(op.name, func(b *testing.B) {
			// A fresh sandbox per operation: the writes add reservations the reads would list.
			benchLoad(b, sandboxTarget(b), op.req)
		})
	}
}

// BenchmarkPrism sends the load of BenchmarkSandbox to the Stoplight Prism mock named by
// HOSPITALITY_BENCH_PRISM_URL, for comparison.
func BenchmarkPrism(b *testing.B) {
	root := os.Getenv(prismURLEnv)
	if root == "" {
		b.Skip(prismURLEnv + " is not set; scripts/bench.sh sets it when Prism is installed")
	}
	t := loadTarget{base: strings.TrimSuffix(root, "/"), header: http.Header{
		"Authorization": {"Bearer bench-prism-token"},
		"Property":      {"999643"},
	}}
	t.roomID, t.serviceID = knownIDs(b, t)
	for _, op := range loadOps {
		b.Run(op.name, func(b *testing.B) { benchLoad(b, t, op.req) })
	}
}

// sandboxTarget starts a sandbox on loopback and returns its OctoTable API with a valid token.
func sandboxTarget(b *testing.B) loadTarget {
	b.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	b.Cleanup(srv.Close)
	creds := sb.Credentials()
	tok, err := auth.OctotableTokenSource(context.Background(), auth.OctotableConfig{
		ClientID: creds.OctotableClientID, ClientSecret: creds.OctotableClientSecret,
		AuthBaseURL: srv.URL + sandbox.OctotableAuthPath,
	}).Token()
	if err != nil {
		b.Fatal(err)
	}
	t := loadTarget{base: srv.URL + sandbox.OctotableAPIPath, header: http.Header{
		"Authorization": {"Bearer " + tok.AccessToken},
		"Property":      {strconv.FormatInt(creds.OctotablePropertyID, 10)},
	}}
	t.roomID, t.serviceID = knownIDs(b, t)
	return t
}

// knownIDs returns the first room and service the target lists.
func knownIDs(b *testing.B, t loadTarget) (roomID, serviceID int64) {
	b.Helper()
	var list struct {
		Data []struct {
			ID int64 `json:"id"`
		} `json:"data"`
	}
	for _, x := range []struct {
		path string
		id   *int64
	}{{"/rooms", &roomID}, {"/services", &serviceID}} {
		req, err := http.NewRequest(http.MethodGet, t.base+x.path, nil)
		if err != nil {
			b.Fatal(err)
		}
		for k, v := range t.header {
			req.Header[k] = v
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err := json.Unmarshal(body, &list); err != nil || resp.StatusCode != http.StatusOK || len(list.Data) == 0 {
			b.Fatalf("GET %s = %d %q, want 200 with data", x.path, resp.StatusCode, body)
		}
		*x.id = list.Data[0].ID
	}
	return roomID, serviceID
}

// benchLoad runs rounds of loadRequests requests and reports requests per second; any answer
// other than 2xx fails the benchmark, naming the statuses.
func benchLoad(b *testing.B, t loadTarget, mk func(loadTarget) (*http.Request, error)) {
	b.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost, tr.MaxConnsPerHost = loadWorkers, loadWorkers
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	b.Cleanup(tr.CloseIdleConnections)
	newReq := func() (*http.Request, error) {
		req, err := mk(t)
		if err != nil {
			return nil, err
		}
		for k, v := range t.header {
			req.Header[k] = v
		}
		return req, nil
	}
	// One untimed request checks the target accepts the operation and opens a connection.
	if res := runLoad(hc, 1, 1, newReq); res.failed() {
		b.Fatalf("warm-up: %s", res)
	}
	var total time.Duration
	rounds := 0
	for b.Loop() {
		res := runLoad(hc, loadRequests, loadWorkers, newReq)
		if res.failed() {
			b.Fatalf("load: %s", res)
		}
		total += res.elapsed
		rounds++
	}
	b.ReportMetric(float64(loadRequests*rounds)/total.Seconds(), "req/s")
}

// loadResult counts the answers of one round.
type loadResult struct {
	elapsed  time.Duration
	statuses map[int]int
	errs     int
	firstErr error
	sample   string // body of the first non-2xx answer
}

func (r loadResult) failed() bool {
	if r.errs > 0 {
		return true
	}
	for code := range r.statuses {
		if code < 200 || code > 299 {
			return true
		}
	}
	return false
}

func (r loadResult) String() string {
	codes := make([]int, 0, len(r.statuses))
	for c := range r.statuses {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var b strings.Builder
	for _, c := range codes {
		fmt.Fprintf(&b, "%d×%d ", r.statuses[c], c)
	}
	fmt.Fprintf(&b, "errors=%d", r.errs)
	if r.firstErr != nil {
		fmt.Fprintf(&b, " first error: %v", r.firstErr)
	}
	if r.sample != "" {
		fmt.Fprintf(&b, " first failure body: %q", r.sample)
	}
	return b.String()
}

// runLoad sends n requests from workers goroutines, each taking the next request as soon as
// its previous answer is read, and returns the wall time and the answers.
func runLoad(hc *http.Client, n, workers int, newReq func() (*http.Request, error)) loadResult {
	var (
		next atomic.Int64
		mu   sync.Mutex
		wg   sync.WaitGroup
		res  = loadResult{statuses: map[int]int{}}
	)
	start := time.Now()
	for range workers {
		wg.Go(func() {
			local := map[int]int{}
			var errs int
			var firstErr error
			var sample string
			for next.Add(1) <= int64(n) {
				req, err := newReq()
				if err == nil {
					var resp *http.Response
					resp, err = hc.Do(req)
					if err == nil {
						var body bytes.Buffer
						io.Copy(&body, resp.Body)
						resp.Body.Close()
						local[resp.StatusCode]++
						if (resp.StatusCode < 200 || resp.StatusCode > 299) && sample == "" {
							sample = body.String()
						}
						continue
					}
				}
				errs++
				if firstErr == nil {
					firstErr = err
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for c, k := range local {
				res.statuses[c] += k
			}
			res.errs += errs
			if res.firstErr == nil {
				res.firstErr = firstErr
			}
			if res.sample == "" {
				res.sample = sample
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}
