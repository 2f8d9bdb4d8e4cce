package main

import (
	"bytes"
	"strings"
	"testing"
)

// sample is the output of three interleaved runs, the second on a slow machine.
const sample = `goos: linux
BenchmarkCall/KobasVenues/SDK-2    	   18093	     66000 ns/op	   10257 B/op	     105 allocs/op
BenchmarkCall/KobasVenues/Hand-2   	   19860	     60000 ns/op	    8375 B/op	     101 allocs/op
BenchmarkCallPaired/KobasVenues-2  	    7046	    158542 ns/op	     75000 hand-ns/call	     81000 sdk-ns/call	         1.080 sdk/hand
PASS
BenchmarkCall/KobasVenues/SDK-2    	   18093	     99000 ns/op	   10257 B/op	     104 allocs/op
BenchmarkCall/KobasVenues/Hand-2   	   19860	     90000 ns/op	    8375 B/op	     101 allocs/op
BenchmarkCallPaired/KobasVenues-2  	    7046	    258542 ns/op	    125000 hand-ns/call	    140000 sdk-ns/call	         1.120 sdk/hand
BenchmarkCall/KobasVenues/SDK-2    	   18093	     63000 ns/op	   10257 B/op	     104 allocs/op
BenchmarkCall/KobasVenues/Hand-2   	   19860	     60000 ns/op	    8375 B/op	     101 allocs/op
BenchmarkCallPaired/KobasVenues-2  	    7046	    158542 ns/op	     76000 hand-ns/call	     81700 sdk-ns/call	         1.075 sdk/hand
`

func TestCallTable(t *testing.T) {
	res, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res["BenchmarkCallPaired/KobasVenues"]["sdk/hand"]); got != 3 {
		t.Fatalf("parsed %d paired runs, want 3", got)
	}
	var out bytes.Buffer
	callTable(&out, res, "large call")
	// Medians: 81700 and 76000 ns per call, ratio 1.080; allocations 104 and 101.
	want := "| small: Kobas GET /venue, 3 venues | 81700 | 76000 | 1.08× | 10257 | 8375 | 1.22× | 104 | 101 | 1.03× | time met, allocs met |"
	if !strings.Contains(out.String(), want) {
		t.Errorf("callTable() =\n%s\nwant a line\n%s", out.String(), want)
	}
	if !strings.Contains(out.String(), "| large: large call | not measured |") {
		t.Errorf("callTable() =\n%s\nwant the large call reported as not measured", out.String())
	}
}

func TestVerdictOverTarget(t *testing.T) {
	res, err := parse(strings.NewReader(strings.ReplaceAll(sample, "1.0", "1.2")))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	callTable(&out, res, "large call")
	if !strings.Contains(out.String(), "time **not met**") {
		t.Errorf("callTable() with ratios over 1.10 =\n%s\nwant time **not met**", out.String())
	}
}

func TestPiecesTable(t *testing.T) {
	const raw = `BenchmarkDoBaseline-2   296220   740.0 ns/op   840 B/op   10 allocs/op
BenchmarkDoKobas-2      100426  2740 ns/op   2569 B/op   20 allocs/op
BenchmarkDecodeInt-2    14706858   16.60 ns/op   301.15 MB/s   0 B/op   0 allocs/op
BenchmarkDecodeSQLDateTime-2   2330904   102.7 ns/op   204.47 MB/s   0 B/op   0 allocs/op
BenchmarkDecodeStruct-2   138175   1696 ns/op   118.51 MB/s   256 B/op   4 allocs/op
BenchmarkDecode/CloudbedsReservations/Plain-2   490   2416904 ns/op   403217 B/op   8918 allocs/op
`
	res, err := parse(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	piecesTable(&out, res)
	for _, want := range []string{
		"| transport chain, Kobas GET (in-memory round tripper) vs bare http.Client.Do | 2740 | 20 | 740 ns, 10 allocs (3.70×, +2.0 µs) |",
		// Only the scalar types count in the range: not the struct, not the page of BenchmarkDecode.
		"| wire: one scalar value (2 types and forms: ints, floats, bools, ids, decimals, dates) | 17–103 | ≤ 0 | — |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("piecesTable() =\n%s\nwant a line\n%s", out.String(), want)
		}
	}
	if strings.Contains(out.String(), "form.Encode") {
		t.Errorf("piecesTable() lists a piece that was not measured:\n%s", out.String())
	}
}

func TestSandboxTable(t *testing.T) {
	const raw = `BenchmarkSandbox/OctotableRead-2   1   650000000 ns/op   40800 canned-req/s   3400 prism-req/s   34000 req/s   10.0 x-prism
BenchmarkSandbox/OctotableRead-2   1   650000000 ns/op   3000 prism-req/s   36000 req/s   12.0 x-prism
BenchmarkSandbox/OctotableRead-2   1   650000000 ns/op   3500 prism-req/s   28000 req/s   8.0 x-prism
BenchmarkSandbox/CloudbedsPostReservation-2   1   200000000 ns/op   10000 req/s
BenchmarkSandboxNetHTTP/OctotableRead-2   1   650000000 ns/op   2900 prism-req/s   14500 req/s   5.0 x-prism
BenchmarkSandboxHandler/OctotableRead-2   200000   4400 ns/op   2456 B/op   47 allocs/op
`
	const old = `BenchmarkSandbox/OctotableRead-2   1   650000000 ns/op   3300 prism-req/s   26000 req/s   7.9 x-prism
BenchmarkSandboxHandler/OctotableRead-2   200000   6900 ns/op   5136 B/op   91 allocs/op
`
	res, err := parse(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	before, err := parse(strings.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	sandboxTable(&out, res, before, "")
	for _, want := range []string{
		// Medians: 34000 and 3400 req/s, the runs' ratios 10.0; the handler 4.4 µs, 47 allocations.
		"| OctoTable GET /reservations, 3 query filters | 34000 | 3400 | 10.0× | 8.0–12.0× | **not met** | 40800 | 12.0× | 4.4 | 47 | 14500 | 2900 | 5.0× | 26000 | 7.9× | 6.9 | 91 |",
		"| Cloudbeds v1.3 POST /postReservation, PHP-style form (rooms[0][roomTypeID]=…) | 10000 | cannot serve it | — | — | — | — | — | — | — | — | — | — |",
		"Prism 5.16 answers 415",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("sandboxTable() =\n%s\nwant a line containing\n%s", out.String(), want)
		}
	}
	if strings.Contains(out.String(), "OctoTable POST") {
		t.Errorf("sandboxTable() lists an operation that was not measured:\n%s", out.String())
	}
}

// fleetRaw is the fleet part of a raw output: BenchmarkFleetFileStore and BenchmarkLimiterReserve
// as bench/RESULTS.md has them, BenchmarkLimiterFleet as stores/redis prints it.
const fleetRaw = `pkg: github.com/hospitality-sdk/hospitality-go/bench
BenchmarkFleetFileStore-2   	       1	20143464063 ns/op	         0 invalid-grants	         0 lockouts	         0.9850 token-requests/expiry
--- BENCH: BenchmarkFleetFileStore-2
    fleet_test.go:41: 8 processes × 4 connections, 20s, tokens 1s–2s (mean 1.473s): token requests 107 (per connection [27 26 28 26], ideal 27.2; 0.98 per expiry), refused 0, lockouts 0; callers: 24807 calls, invalid_grant 0, consent 0, other errors 0, API 401 0, save errors 0
PASS
ok  	github.com/hospitality-sdk/hospitality-go/bench	20.164s
pkg: github.com/hospitality-sdk/hospitality-go/stores/redis
BenchmarkLimiterReserve/Local-2         	 4574227	       261.3 ns/op	     136 B/op	       3 allocs/op
BenchmarkLimiterReserve/Local-2         	 4532941	       255.4 ns/op	     136 B/op	       3 allocs/op
BenchmarkLimiterReserve/Local-2         	 4826292	       255.8 ns/op	     136 B/op	       3 allocs/op
BenchmarkLimiterReserve/Redis-2         	   54483	     21509 ns/op	     617 B/op	      19 allocs/op
BenchmarkLimiterReserve/Redis-2         	   62034	     18478 ns/op	     617 B/op	      19 allocs/op
BenchmarkLimiterReserve/Redis-2         	   62197	     18540 ns/op	     617 B/op	      19 allocs/op
PASS
BenchmarkLimiterFleet-2   	       1	22353806205 ns/op	         2.000 429-after-warmup	       112.0 accepted	        93.68 share-%
--- BENCH: BenchmarkLimiterFleet-2
    limiter_test.go:261: 4 processes, 20s: 112 accepted (93.7 % of 5 req/s after warm-up), 429 at the provider 3 (2 after warm-up); callers: 109 ok, 0 errors ()
PASS
`

func TestFleetTable(t *testing.T) {
	res, err := parse(strings.NewReader(fleetRaw))
	if err != nil {
		t.Fatal(err)
	}
	logged, err := parseLogs(strings.NewReader(fleetRaw))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(logged["BenchmarkFleetFileStore"]); got != 1 {
		t.Fatalf("parsed %d log lines of BenchmarkFleetFileStore, want 1: %q", got, logged)
	}
	var out bytes.Buffer
	fleetTable(&out, res, logged)
	for _, want := range []string{
		"### 3b. Fleet mode (issue 14)",
		// 0.985 per expiry: 0.4 token requests per connection under the ideal of 27.2.
		"| FileStore, 8 processes × 4 connections | 20s | 107 (27 26 28 26) | 27.2 | 0.985 (-0.4) | 0 | 0 | 24807 | per expiry met, lockouts met, invalid_grant met |",
		// Medians: 255.8 and 18540 ns.
		"| in process | 256 | 136 | 3 |",
		"| Redis, one round trip | 18540 | 617 | 19 |",
		"| difference (Redis − in process) | +18.3 µs (72×) | +481 | +16 |",
		"| Redis limiter, 4 processes | 20s | 112 | 93.7 % | 2 | 3 | share **not met**, 429s **not met** |",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("fleetTable() =\n%s\nwant a line\n%s", out.String(), want)
		}
	}
}

func TestFleetTableNotMeasured(t *testing.T) {
	// The fleet benchmark's figures without its log line; the others missing.
	const raw = "BenchmarkFleetFileStore-2   1   20143464063 ns/op   0 invalid-grants   2 lockouts   1.3 token-requests/expiry\n"
	res, err := parse(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	logged, err := parseLogs(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	fleetTable(&out, res, logged)
	for _, want := range []string{
		"| FileStore | — | — | — | 1.300 | 2 | 0 | — | lockouts **not met**, invalid_grant met |",
		"| in process | not measured |||",
		"| Redis, one round trip | not measured |||",
		"| difference (Redis − in process) | not measured |||",
		"| Redis limiter | not measured ||||||",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("fleetTable() =\n%s\nwant a line\n%s", out.String(), want)
		}
	}
}
