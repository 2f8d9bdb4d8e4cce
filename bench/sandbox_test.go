package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
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
// keep-alive connections, the same for the sandbox and for Prism.
const (
	loadRequests = 2000
	loadWorkers  = 8
	// warmUpRequests are sent to each target, untimed, before the first round: Prism's
	// JavaScript is compiled as it runs, and its first requests are several times slower.
	warmUpRequests = 200
)

// prismEnv names, per API document, the environment variable holding the root URL of a
// Stoplight Prism mock of that document (scripts/bench.sh starts one per document). Without it
// BenchmarkSandbox measures the sandbox alone.
var prismEnv = map[string]string{
	"octotable": "HOSPITALITY_BENCH_PRISM_OCTOTABLE",
	"cloudbeds": "HOSPITALITY_BENCH_PRISM_CLOUDBEDS",
	"cobot":     "HOSPITALITY_BENCH_PRISM_COBOT",
}

// loadTarget is a server under load: the API base URL (paths as in the spec) and the headers
// that authenticate a request.
type loadTarget struct {
	base   string
	header http.Header
	// roomID and serviceID are OctoTable ids the target knows, for the write.
	roomID, serviceID int64
}

// loadOp is one measured operation, sent alike to every target.
type loadOp struct {
	name string
	api  string // the document: "octotable", "cloudbeds" or "cobot"
	// noPrism, when set, says why Prism cannot serve the operation: the sandbox is measured
	// alone.
	noPrism string
	// pairs is how many sandbox and Prism rounds each iteration sends, alternating: more for the
	// operations Prism serves fast, whose rounds are short and noisy.
	pairs int
	req   func(t loadTarget) (*http.Request, error)
	// ok reports whether a 2xx answer is a success; nil accepts every 2xx. Cloudbeds v1.3
	// answers most failures, validation included, with 200 and "success": false.
	ok func(body []byte) bool
}

// cloudbedsSuccess accepts Cloudbeds v1.3 answers that report success.
func cloudbedsSuccess(body []byte) bool { return bytes.Contains(body, []byte(`"success":true`)) }

// Bodies of the writes, valid against their documents.
const (
	octotableReservation = `{"start_date":"2025-06-12","start_hour":"20:30:00","pax":4,"channel":"OCTOTABLE_ADMIN",` +
		`"service_id":%d,"room_id":%d,"customer":{"first_name":"Ana","last_name":"Silva","email":"ana@example.com",` +
		`"phone":"+351912345678"},"notes":"window table","special_request":"birthday"}`
	// cloudbedsGuest adds a guest to the documented example reservation, which the sandbox seeds.
	cloudbedsGuest = "reservationID=8829301744&guestFirstName=Bruno&guestLastName=Costa&guestEmail=bruno%40example.com" +
		"&guestCountry=PT&guestGender=M&guestPhone=%2B351912345678&guestCity=Porto&guestZip=4050-123&guestBirthDate=1990-04-02"
	// cloudbedsReservation sends rooms, adults and children PHP-style (arrays of objects).
	cloudbedsReservation = "startDate=2025-07-01&endDate=2025-07-03&guestFirstName=Ana&guestLastName=Silva&guestCountry=PT" +
		"&guestZip=4050-123&guestEmail=ana%40example.com&paymentMethod=cash&estimatedArrivalTime=15:30" +
		"&rooms[0][roomTypeID]=77&rooms[0][quantity]=1&adults[0][roomTypeID]=77&adults[0][quantity]=2" +
		"&children[0][roomTypeID]=77&children[0][quantity]=0&sendEmailConfirmation=0"
	// cobotBooking is a JSON:API document for POST /bookings, for a membership the sandbox seeds.
	cobotBooking = `{"data":{"type":"bookings","attributes":{"from":"2031-05-14T09:00:00Z","to":"2031-05-14T11:00:00Z",` +
		`"title":"Quarterly planning","units":1,"comments":"Please set up the projector.","customPrice":{"net":"40.0"},` +
		`"attendees":[{"email":"maria.keller@example.org"}]},"relationships":{"resource":{"data":` +
		`{"id":"51eab28bfaab31418e9301fc7c5c9a01","type":"resources"}},"membership":{"data":` +
		`{"id":"75a3f1a6f033140094c49bfd81f87c06","type":"memberships"}}}}}`
)

func post(url, contentType, body string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err == nil {
		req.Header.Set("Content-Type", contentType)
	}
	return req, err
}

// loadOps are the measured operations: reads with query filters and writes in each body
// encoding the sandbox validates (JSON, PHP-style forms, JSON:API).
var loadOps = []loadOp{
	{name: "OctotableRead", pairs: 5, api: "octotable", req: func(t loadTarget) (*http.Request, error) {
		return http.NewRequest(http.MethodGet, t.base+"/reservations?limit=20&start_date=2025-01-01&status[]=CONFIRMED", nil)
	}},
	{name: "OctotableWrite", pairs: 5, api: "octotable", req: func(t loadTarget) (*http.Request, error) {
		return post(t.base+"/reservations", "application/json", fmt.Sprintf(octotableReservation, t.serviceID, t.roomID))
	}},
	{name: "CloudbedsGetReservations", pairs: 2, api: "cloudbeds", ok: cloudbedsSuccess, req: func(t loadTarget) (*http.Request, error) {
		return http.NewRequest(http.MethodGet, t.base+"/getReservations?status=confirmed&checkInFrom=2025-01-01"+
			"&checkInTo=2025-12-31&resultsFrom=2025-01-01%2000:00:00&includeGuestsDetails=true&sortByRecent=true"+
			"&pageNumber=1&pageSize=20", nil)
	}},
	{name: "CloudbedsPostGuest", pairs: 2, api: "cloudbeds", ok: cloudbedsSuccess, req: func(t loadTarget) (*http.Request, error) {
		return post(t.base+"/postGuest", "application/x-www-form-urlencoded", cloudbedsGuest)
	}},
	{name: "CloudbedsPostReservation", pairs: 2, api: "cloudbeds", ok: cloudbedsSuccess,
		noPrism: "Prism 5.16 answers 415: it cannot deserialize arrays of objects in a form body",
		req: func(t loadTarget) (*http.Request, error) {
			return post(t.base+"/postReservation", "application/x-www-form-urlencoded", cloudbedsReservation)
		}},
	{name: "CobotCreateBooking", pairs: 1, api: "cobot", req: func(t loadTarget) (*http.Request, error) {
		return post(t.base+"/bookings", "application/vnd.api+json", cobotBooking)
	}},
}

// BenchmarkSandbox measures the requests per second the sandbox serves with full validation
// (route, parameters, body schema, credentials and scopes, provider checks) under a concurrent
// loopback load; each round sends 2000 requests from 8 workers, and each iteration sends the
// operation's number of rounds. When scripts/bench.sh has started Prism on the same document,
// every sandbox round is paired with the same round sent to Prism, the order alternating, and
// the benchmark reports both rates and their ratio (req/s, prism-req/s, x-prism), so that a
// noisy neighbour slows both sides alike. The load generator (loadgen_test.go) sends a request
// prepared once over one keep-alive connection per worker and discards the answers as it reads
// them, so that it takes as little of the 2 CPUs as it can from either server.
func BenchmarkSandbox(b *testing.B) { benchmarkSandbox(b, rawGenerator) }

// BenchmarkSandboxNetHTTP is BenchmarkSandbox with a net/http client as the load generator, as
// it was before: the same rounds, workers and pairing, to show how much of the machine the
// generator itself takes.
func BenchmarkSandboxNetHTTP(b *testing.B) { benchmarkSandbox(b, stdGenerator) }

func benchmarkSandbox(b *testing.B, gen string) {
	for _, op := range loadOps {
		b.Run(op.name, func(b *testing.B) {
			// A fresh sandbox per operation: the writes add records the reads would list.
			sb, _ := sandboxTarget(b, op.api)
			pt, havePrism := prismTarget(b, op.api)
			havePrism = havePrism && op.noPrism == ""
			sbLoad := newLoad(b, sb, op, gen)
			var prismLoad *load // nil without Prism: its rounds are skipped
			if havePrism {
				prismLoad = newLoad(b, pt, op, gen)
			}
			// An untimed warm-up per target checks it accepts the operation and opens the connections.
			sbLoad.warmUp(b)
			if havePrism {
				prismLoad.warmUp(b)
				prismSettle()
			}
			// The ceiling: a server that reads each request and replays the sandbox's answer,
			// without validating or computing anything, under the same load.
			cannedLoad := newLoad(b, cannedTarget(b, sb, op), op, gen)
			cannedLoad.warmUp(b)
			var sbTime, prismTime, cannedTime time.Duration
			rounds := 0
			for b.Loop() {
				for range op.pairs {
					first, second := sbLoad, prismLoad
					if rounds%2 == 1 {
						first, second = prismLoad, sbLoad
					}
					for _, l := range []*load{first, second, cannedLoad} {
						if l == prismLoad && !havePrism {
							continue
						}
						d := l.round(b)
						switch l {
						case sbLoad:
							sbTime += d
						case prismLoad:
							prismTime += d
							prismSettle()
						default:
							cannedTime += d
						}
					}
					rounds++
				}
			}
			sbRate := float64(loadRequests*rounds) / sbTime.Seconds()
			b.ReportMetric(sbRate, "req/s")
			b.ReportMetric(float64(loadRequests*rounds)/cannedTime.Seconds(), "canned-req/s")
			if havePrism {
				prismRate := float64(loadRequests*rounds) / prismTime.Seconds()
				b.ReportMetric(prismRate, "prism-req/s")
				b.ReportMetric(sbRate/prismRate, "x-prism")
			}
		})
	}
}

// prismSettle waits, untimed, for Prism to finish what it does after a burst (Node.js collects its
// garbage then), which would otherwise take a core from the round that follows.
func prismSettle() { time.Sleep(250 * time.Millisecond) }

// cannedTarget records the sandbox's answer to op and starts a loopback server that reads every
// request's body and answers it with the same status, headers and body.
func cannedTarget(b *testing.B, sb loadTarget, op loadOp) loadTarget {
	b.Helper()
	req, err := op.req(sb)
	if err != nil {
		b.Fatal(err)
	}
	for k, v := range sb.header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	header := resp.Header.Clone()
	header.Del("Date")
	header.Del("Content-Length")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	u, err := url.Parse(sb.base)
	if err != nil {
		b.Fatal(err)
	}
	t := sb
	t.base = srv.URL + u.Path
	return t
}

// BenchmarkSandboxHandler serves the operations of BenchmarkSandbox by calling the sandbox's
// handler directly, one request at a time and without a network, so that ns/op and allocs/op
// are the sandbox's own cost per request (validation and answer), not the HTTP stack's or the
// load generator's.
func BenchmarkSandboxHandler(b *testing.B) {
	for _, op := range loadOps {
		b.Run(op.name, func(b *testing.B) {
			t, sb := sandboxTarget(b, op.api)
			req, err := op.req(t)
			if err != nil {
				b.Fatal(err)
			}
			for k, v := range t.header {
				req.Header[k] = v
			}
			// The same request each time: only its body is rewound, so that what is counted
			// is the handler's work.
			var body []byte
			if req.Body != nil {
				body, _ = io.ReadAll(req.Body)
			}
			rd := bytes.NewReader(body)
			req.Body = io.NopCloser(rd)
			req.RequestURI = req.URL.RequestURI()
			req.URL.Scheme, req.URL.Host = "", ""
			w := &discardWriter{header: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				rd.Reset(body)
				req.Body = io.NopCloser(rd)
				clear(w.header)
				w.status, w.body = 0, w.body[:0]
				sb.ServeHTTP(w, req)
				if w.status == 0 {
					w.status = http.StatusOK
				}
				if w.status < 200 || w.status > 299 || op.ok != nil && !op.ok(w.body) {
					b.Fatalf("%s = %d %s, want success", op.name, w.status, w.body)
				}
			}
		})
	}
}

// discardWriter is a reusable http.ResponseWriter that keeps the status and the body.
type discardWriter struct {
	header http.Header
	status int
	body   []byte
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *discardWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.body = append(w.body, p...)
	return len(p), nil
}

// sandboxTarget starts a sandbox on loopback and returns the API of the document named by api
// with valid credentials, and the sandbox itself. Cobot's per-token rate limit is lifted: the
// load is far beyond 60 requests a minute.
func sandboxTarget(b *testing.B, api string) (loadTarget, *sandbox.Server) {
	b.Helper()
	sb, err := sandbox.New(sandbox.Options{CobotRateLimit: math.MaxInt32})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	b.Cleanup(srv.Close)
	creds := sb.Credentials()
	var t loadTarget
	switch api {
	case "octotable":
		tok, err := auth.OctotableTokenSource(context.Background(), auth.OctotableConfig{
			ClientID: creds.OctotableClientID, ClientSecret: creds.OctotableClientSecret,
			AuthBaseURL: srv.URL + sandbox.OctotableAuthPath,
		}).Token()
		if err != nil {
			b.Fatal(err)
		}
		t = loadTarget{base: srv.URL + sandbox.OctotableAPIPath, header: http.Header{
			"Authorization": {"Bearer " + tok.AccessToken},
			"Property":      {strconv.FormatInt(creds.OctotablePropertyID, 10)},
		}}
		t.roomID, t.serviceID = knownIDs(b, t)
	case "cloudbeds":
		t = loadTarget{base: srv.URL + sandbox.CloudbedsAPIPath, header: http.Header{"X-Api-Key": {creds.CloudbedsAPIKey}}}
	case "cobot":
		t = loadTarget{base: srv.URL + sandbox.CobotAPIPath, header: http.Header{
			"Authorization": {"Bearer " + sb.CobotTestToken()},
			"Accept":        {"application/vnd.api+json"},
		}}
	default:
		b.Fatalf("sandboxTarget(%q): unknown API", api)
	}
	return t, sb
}

// prismTarget returns the Prism mock of the document named by api, with the headers the
// document's security schemes ask for (Prism checks that they are present), and whether
// scripts/bench.sh started one.
func prismTarget(b *testing.B, api string) (loadTarget, bool) {
	b.Helper()
	root := os.Getenv(prismEnv[api])
	if root == "" {
		return loadTarget{}, false
	}
	t := loadTarget{base: strings.TrimSuffix(root, "/")}
	switch api {
	case "octotable":
		t.header = http.Header{"Authorization": {"Bearer bench-prism-token"}, "Property": {"999643"}}
		t.roomID, t.serviceID = knownIDs(b, t)
	case "cloudbeds":
		t.header = http.Header{"X-Api-Key": {"bench-prism-key"}}
	case "cobot":
		t.header = http.Header{"Authorization": {"Bearer bench-prism-token"}, "Accept": {"application/vnd.api+json"}}
	}
	return t, true
}

// knownIDs returns the first room and service an OctoTable target lists.
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

// load sends one operation to one target over its own keep-alive connections, with the load
// generator of loadgen_test.go: the request is built and serialised once.
type load struct {
	client loadClient
	ok     func([]byte) bool
}

func newLoad(b *testing.B, t loadTarget, op loadOp, gen string) *load {
	b.Helper()
	req, err := op.req(t)
	if err != nil {
		b.Fatal(err)
	}
	for k, v := range t.header {
		req.Header[k] = v
	}
	client, err := newLoadClient(gen, req)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(client.close)
	return &load{client: client, ok: op.ok}
}

func (l *load) warmUp(b *testing.B) {
	b.Helper()
	if res := runLoad(l.client, warmUpRequests, loadWorkers, l.ok, true); res.failed() {
		b.Fatalf("warm-up: %s", res)
	}
}

// round sends loadRequests requests from loadWorkers workers and returns the wall time; any
// failure fails the benchmark, naming the statuses.
func (l *load) round(b *testing.B) time.Duration {
	b.Helper()
	res := runLoad(l.client, loadRequests, loadWorkers, l.ok, false)
	if res.failed() {
		b.Fatalf("load: %s", res)
	}
	return res.elapsed
}

// loadResult counts the answers of one round.
type loadResult struct {
	elapsed  time.Duration
	statuses map[int]int
	rejected int // 2xx answers that ok refused
	errs     int
	firstErr error
	sample   string // body of the first failed answer
}

func (r loadResult) failed() bool {
	if r.errs > 0 || r.rejected > 0 {
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
	fmt.Fprintf(&b, "rejected=%d errors=%d", r.rejected, r.errs)
	if r.firstErr != nil {
		fmt.Fprintf(&b, " first error: %v", r.firstErr)
	}
	if r.sample != "" {
		fmt.Fprintf(&b, " first failure body: %q", r.sample)
	}
	return b.String()
}

// runLoad sends n requests from workers goroutines, each on its own connection and taking the
// next request as soon as its previous answer is read, and returns the wall time and the
// answers. ok, when not nil, judges the body of each 2xx answer. Bodies are kept (copied into the
// connection's buffer) only for ok or when keepBodies is set (the warm-up, so that a failure
// shows the answer); otherwise they are discarded as they are read.
func runLoad(client loadClient, n, workers int, ok func([]byte) bool, keepBodies bool) loadResult {
	var (
		next atomic.Int64
		mu   sync.Mutex
		wg   sync.WaitGroup
		res  = loadResult{statuses: map[int]int{}}
	)
	conns := make([]*loadConn, workers)
	for i := range conns {
		conns[i] = client.conn()
	}
	start := time.Now()
	for _, c := range conns {
		wg.Go(func() {
			// Statuses are counted in a small array, not a map, on the hot path.
			var local [600]int
			var errs, rejected int
			var firstErr error
			var sample string
			keep := ok != nil || keepBodies
			for next.Add(1) <= int64(n) {
				status, body, err := client.do(c, keep)
				if err != nil {
					errs++
					if firstErr == nil {
						firstErr = err
					}
					continue
				}
				if status >= 0 && status < len(local) {
					local[status]++
				}
				success := status >= 200 && status <= 299
				if success && ok != nil && !ok(body) {
					success = false
					rejected++
				}
				if !success && sample == "" {
					sample = fmt.Sprintf("status %d: %s", status, body)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for c, k := range local {
				if k > 0 {
					res.statuses[c] += k
				}
			}
			res.errs += errs
			res.rejected += rejected
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
	for _, c := range conns {
		client.release(c)
	}
	return res
}
