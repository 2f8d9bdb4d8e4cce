package drift_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/drift"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// answer returns a middleware chain's final step answering status and body.
func answer(status int, body string) transport.MiddlewareNext {
	return func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	}
}

func newDetector(t *testing.T, rate float64) (*drift.Detector, *[]drift.Event) {
	t.Helper()
	var mu sync.Mutex
	var events []drift.Event
	d, err := drift.New(drift.Options{SampleRate: rate, MaxPerSecond: 1e6, Sync: true, OnEvent: func(e drift.Event) {
		mu.Lock()
		events = append(events, e)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	return d, &events
}

// TestDetectsDrift answers Kobas' listVenues with an added field, a removed required field, a
// changed type, and Octotable's getReservation with a new enum value and an undeclared status:
// each is reported once with its path, and the caller gets the answer unchanged.
func TestDetectsDrift(t *testing.T) {
	tests := []struct {
		name, url, body string
		status          int
		want            []string // kind path
	}{
		{"matching answer", "https://api.kobas.co.uk/v3/venue", `[{"id":12,"name":"The Crown","sname":"Crown"}]`, 200, nil},
		{"added field", "https://api.kobas.co.uk/v3/venue", `[{"id":12,"name":"The Crown","vat_number":"GB1"}]`, 200,
			[]string{"unknown_field /0/vat_number"}},
		{"removed required field", "https://api.kobas.co.uk/v3/venue", `[{"id":1,"name":"Group"},{"id":12}]`, 200,
			[]string{"missing_required /1/name"}},
		{"changed type", "https://api.kobas.co.uk/v3/venue", `[{"id":"12","name":"The Crown"}]`, 200,
			[]string{"wrong_type /0/id"}},
		{"undeclared status", "https://api.octotable.com/octotable-pms/api/v2/properties", `{}`, 418,
			[]string{"undeclared_status "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, events := newDetector(t, 1)
			req, _ := http.NewRequest(http.MethodGet, tc.url, nil)
			resp, err := d.Middleware()(req, answer(tc.status, tc.body))
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := io.ReadAll(resp.Body); string(b) != tc.body {
				t.Errorf("body handed on = %q, want %q unchanged", b, tc.body)
			}
			var got []string
			for _, e := range *events {
				got = append(got, e.Kind+" "+e.Path)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("events = %v, want %v", got, tc.want)
			}
			rep := d.Collector().Report()
			if len(rep) != len(tc.want) {
				t.Errorf("report has %d entries, want %d", len(rep), len(tc.want))
			}
		})
	}
}

// TestNewEnumValue reports a value outside a response enum.
func TestNewEnumValue(t *testing.T) {
	d, events := newDetector(t, 1)
	req, _ := http.NewRequest(http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
	req = req.WithContext(drift.WithProvider(context.Background(), "kobas"))
	d.Middleware()(req, answer(200, `[{"id":12,"name":"The Crown","is_parent":"maybe"}]`))
	if len(*events) != 1 || (*events)[0].Path != "/0/is_parent" {
		t.Errorf("events = %+v, want one at /0/is_parent", *events)
	}
}

// TestSampling validates about the configured share of answers, and none at rate 0.
func TestSampling(t *testing.T) {
	d, events := newDetector(t, 0.1)
	for range 2000 {
		req, _ := http.NewRequest(http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
		d.Middleware()(req, answer(200, `[{"id":"x","name":"The Crown"}]`))
	}
	if n := len(*events); n < 120 || n > 280 {
		t.Errorf("validated %d of 2000 answers at 10 %%, want about 200", n)
	}
}

// TestReportAggregates counts repeated mismatches once per path.
func TestReportAggregates(t *testing.T) {
	d, _ := newDetector(t, 1)
	for range 3 {
		req, _ := http.NewRequest(http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
		d.Middleware()(req, answer(200, `[{"id":12,"name":"The Crown","vat_number":"GB1"}]`))
	}
	rep := d.Collector().Report()
	if len(rep) != 1 || rep[0].Count != 3 || rep[0].Operation != "listVenues" {
		t.Fatalf("report = %+v, want one entry seen 3 times for listVenues", rep)
	}
	var b strings.Builder
	rep.WriteTo(&b)
	if !strings.Contains(b.String(), "unknown_field") || !strings.Contains(b.String(), "/0/vat_number") {
		t.Errorf("report text = %q", b.String())
	}
}
