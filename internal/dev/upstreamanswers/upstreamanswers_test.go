package upstreamanswers_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/upstreamanswers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// runFixture runs the tool on testdata/ours.yaml against testdata/upstream.yaml.
func runFixture(t *testing.T, n int, seed uint64, exceptions []upstreamanswers.Exception) *upstreamanswers.Report {
	t.Helper()
	target := upstreamanswers.Target{
		API:       "fixture",
		Spec:      readTestdata(t, "ours.yaml"),
		NewClient: func(server string) (any, error) { return &fixtureClient{server: server}, nil },
	}
	rep, err := upstreamanswers.Run(context.Background(), target, readTestdata(t, "upstream.yaml"),
		upstreamanswers.Options{N: n, Seed: seed, Exceptions: exceptions})
	if err != nil {
		t.Fatalf("Run() error = %v", err)
	}
	return rep
}

func fixtureExceptions(t *testing.T) []upstreamanswers.Exception {
	t.Helper()
	ex, err := upstreamanswers.ParseExceptions(bytes.NewReader(readTestdata(t, "exceptions.txt")))
	if err != nil {
		t.Fatalf("ParseExceptions(exceptions.txt) error = %v", err)
	}
	return ex
}

func TestRunCounts(t *testing.T) {
	rep := runFixture(t, 20, 1, fixtureExceptions(t))
	got := map[string][4]int{}
	for _, o := range rep.Operations {
		got[o.OperationID] = [4]int{o.Answers, o.Decoded, o.Partial, o.Failed}
	}
	tests := []struct {
		name string
		op   string
		want [4]int // answers, decoded, partial, failed
	}{
		// Upstream's beds is a string, ours an integer: every answer has at least one room.
		{"type mismatch in a list", "listRooms", [4]int{20, 0, 20, 0}},
		{"type mismatch at the top", "getRoom", [4]int{20, 0, 20, 0}},
		// enum, date-time with offsets and fractions, a 3.1 nullable number.
		{"compatible types", "getHealth", [4]int{20, 20, 0, 0}},
		{"no upstream JSON answer", "ping", [4]int{0, 0, 0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got[tc.op] != tc.want {
				t.Errorf("%s [answers decoded partial failed] = %v, want %v", tc.op, got[tc.op], tc.want)
			}
		})
	}
	if a, d, p, f := rep.Totals(); a != 60 || d != 20 || p != 40 || f != 0 {
		t.Errorf("Totals() = %d, %d, %d, %d, want 60, 20, 40, 0", a, d, p, f)
	}
	if got := rep.Unexplained(); got != 20 {
		t.Errorf("Unexplained() = %d, want 20 (listRooms; getRoom is an exception)", got)
	}
}

func TestRunFailures(t *testing.T) {
	rep := runFixture(t, 20, 1, fixtureExceptions(t))
	type failure struct {
		Operation, Path     string
		Partial             bool
		Count               int
		Upstream, Ours      string
		Inconsistent, Excep bool
	}
	var got []failure
	for _, f := range rep.Failures {
		got = append(got, failure{f.Operation, f.Path, f.Partial, f.Count, f.Upstream, f.Ours, f.Inconsistent, f.Exception != ""})
		if !strings.HasPrefix(f.Excerpt, `"`) {
			t.Errorf("%s %s: Excerpt = %q, want the offending string", f.Operation, f.Path, f.Excerpt)
		}
	}
	want := []failure{
		{"getRoom", "/beds", true, 20, "string", "*int", true, true},
		{"listRooms", "/data/*/beds", true, 20, "string", "*int", false, false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Failures = %+v\nwant %+v", got, want)
	}
	if len(rep.Unused) != 0 {
		t.Errorf("Unused = %+v, want none", rep.Unused)
	}
}

func TestRunDeterministic(t *testing.T) {
	a, b := runFixture(t, 10, 7, nil), runFixture(t, 10, 7, nil)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two runs with seed 7 differ:\n%+v\n%+v", a, b)
	}
	c := runFixture(t, 10, 8, nil)
	if reflect.DeepEqual(a.Failures, c.Failures) {
		t.Errorf("runs with seeds 7 and 8 gave the same failures (excerpts %q), want different answers", a.Failures[0].Excerpt)
	}
}

func TestReportGolden(t *testing.T) {
	rep := runFixture(t, 20, 1, append(fixtureExceptions(t), upstreamanswers.Exception{Operation: "getHealth", Path: "/status", Reason: "stale", Line: 9}))
	var buf bytes.Buffer
	if err := rep.Write(&buf, true); err != nil {
		t.Fatalf("Write() error = %v", err)
	}
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := string(readTestdata(t, "report.golden")); buf.String() != want {
		t.Errorf("Write() =\n%s\nwant (testdata/report.golden; -update rewrites it)\n%s", buf.String(), want)
	}
}

func TestParseExceptions(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []upstreamanswers.Exception
		wantErr string
	}{
		{
			name: "comments, blank lines, paths and -",
			in:   "# header\n\ngetRoom /data/*/beds  upstream says string, its example a number\nping - no body upstream\n",
			want: []upstreamanswers.Exception{
				{Operation: "getRoom", Path: "/data/*/beds", Reason: "upstream says string, its example a number", Line: 3},
				{Operation: "ping", Path: "", Reason: "no body upstream", Line: 4},
			},
		},
		{name: "no reason", in: "getRoom /beds\n", wantErr: "line 1"},
		{name: "not a pointer", in: "getRoom beds because\n", wantErr: "not a JSON Pointer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := upstreamanswers.ParseExceptions(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseExceptions(%q) error = %v, want one containing %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseExceptions(%q) error = %v", tc.in, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseExceptions(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}
