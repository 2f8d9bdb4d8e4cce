package main

import (
	"math"
	"strings"
	"testing"
)

// interleaved is the output of three interleaved runs: the machine slows down in the second
// run, for both sides alike.
const interleaved = `goos: linux
BenchmarkCall/KobasVenues/SDK-2    	   18093	     66000 ns/op	   10257 B/op	     105 allocs/op
BenchmarkCall/KobasVenues/Hand-2   	   19860	     60000 ns/op	    8375 B/op	     101 allocs/op
PASS
BenchmarkCall/KobasVenues/SDK-2    	   18093	     99000 ns/op	   10257 B/op	     104 allocs/op
BenchmarkCall/KobasVenues/Hand-2   	   19860	     90000 ns/op	    8375 B/op	     101 allocs/op
BenchmarkCall/KobasVenues/SDK-2    	   18093	     63000 ns/op	   10257 B/op	     104 allocs/op
BenchmarkCall/KobasVenues/Hand-2   	   19860	     60000 ns/op	    8375 B/op	     101 allocs/op
`

func TestPairedRatio(t *testing.T) {
	res, err := parse(strings.NewReader(interleaved))
	if err != nil {
		t.Fatal(err)
	}
	const sdk, hand = "BenchmarkCall/KobasVenues/SDK", "BenchmarkCall/KobasVenues/Hand"
	if got := len(res[sdk]["ns/op"]); got != 3 {
		t.Fatalf("parsed %d SDK runs, want 3", got)
	}
	// Pairs: 1.10, 1.10, 1.05 → median 1.10; the ratio of the medians would be 66000/60000 too,
	// but a slow first run of one side only would not cancel out.
	if got := res.pairedRatio(sdk, hand, "ns/op"); math.Abs(got-1.10) > 1e-9 {
		t.Errorf("pairedRatio = %v, want 1.10", got)
	}
	if got, _ := res.median(sdk, "allocs/op"); got != 104 {
		t.Errorf("median allocs = %v, want 104", got)
	}
	// Unpaired runs fall back to the ratio of the medians.
	res[hand]["ns/op"] = res[hand]["ns/op"][:2]
	if got := res.pairedRatio(sdk, hand, "ns/op"); math.Abs(got-66000.0/75000) > 1e-9 {
		t.Errorf("pairedRatio with unpaired runs = %v, want %v", got, 66000.0/75000)
	}
}
