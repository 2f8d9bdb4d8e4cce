package drift_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/drift"
)

// TestReportFile writes a collector's report to a file, reads it back and merges it with another
// process's report.
func TestReportFile(t *testing.T) {
	d, _ := newDetector(t, 1)
	for _, body := range []string{`[{"id":12,"name":"The Crown","vat_number":"GB1"}]`, `[{"id":"12","name":"The Crown"}]`} {
		req, _ := http.NewRequest(http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
		d.Middleware()(req, answer(200, body))
	}
	name := filepath.Join(t.TempDir(), "drift.json")
	if err := d.Collector().WriteFile(name); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("report file mode = %v, %v, want 0600", fi.Mode().Perm(), err)
	}
	raw, _ := os.ReadFile(name)
	if !bytes.Contains(raw, []byte(`"format": "hospitality-drift-report/v1"`)) || !bytes.Contains(raw, []byte(`"path": "/0/vat_number"`)) {
		t.Errorf("report file:\n%s", raw)
	}
	got, err := drift.ReadReport(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := d.Collector().Report()
	if len(got) != 2 || got[0].Path != want[0].Path || got[1].Path != want[1].Path || !got[0].First.Equal(want[0].First) {
		t.Fatalf("ReadReport() = %+v, want %+v", got, want)
	}

	earlier := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	other := drift.Report{{Provider: "kobas", Operation: "listVenues", Kind: drift.UnknownField, Path: "/0/vat_number",
		Count: 4, First: earlier, Last: earlier, Excerpt: "GB9"}}
	m := drift.Merge(got, other)
	if len(m) != 2 {
		t.Fatalf("Merge() = %+v, want 2 entries", m)
	}
	for _, e := range m {
		if e.Path == "/0/vat_number" && (e.Count != 5 || !e.First.Equal(earlier) || e.Excerpt != "GB1") {
			t.Errorf("merged entry = %+v, want count 5, first %v, latest excerpt GB1", e, earlier)
		}
	}
}

func TestReadReportErrors(t *testing.T) {
	for _, tc := range []struct{ name, file string }{
		{"not JSON", `{`},
		{"another format", `{"format":"something/v9","entries":[]}`},
		{"entry without kind", `{"format":"hospitality-drift-report/v1","entries":[{"provider":"kobas","operation":"x"}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := drift.ReadReport(strings.NewReader(tc.file)); err == nil || !strings.HasPrefix(err.Error(), "drift: ") {
				t.Errorf("ReadReport() error = %v, want a drift: error", err)
			}
		})
	}
}
