package drift_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/drift"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

var venues = `[` + strings.Repeat(`{"id":12,"parent_id":1,"is_parent":false,"name":"The Crown","sname":"Crown"},`, 49) +
	`{"id":13,"name":"The Anchor"}]`

type canned struct{}

func (canned) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(venues)), ContentLength: int64(len(venues)), Request: r}, nil
}

// BenchmarkValidate is the cost of validating one 50-venue answer (every answer sampled).
func BenchmarkValidate(b *testing.B) {
	d, err := drift.New(drift.Options{SampleRate: 1, MaxPerSecond: 1e9, Sync: true})
	if err != nil {
		b.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
	mw := d.Middleware()
	b.ReportAllocs()
	for b.Loop() {
		resp, _ := mw(req, canned{}.RoundTrip)
		io.Copy(io.Discard, resp.Body)
	}
}

// BenchmarkCall compares a call through the transport without the detector and with it at the
// default 1 % sample rate (validating on the background goroutine, as in production).
func BenchmarkCall(b *testing.B) {
	d, err := drift.New(drift.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		mw   []transport.Middleware
	}{{"without", nil}, {"sampled-1pct", []transport.Middleware{d.Middleware()}}} {
		b.Run(bc.name, func(b *testing.B) {
			c := transport.New(transport.Config{Profile: transport.Profile{Name: "kobas"}, Base: canned{},
				RateLimit: transport.RateLimit{Disabled: true}, Middleware: bc.mw})
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://api.kobas.co.uk/v3/venue", nil)
			b.ReportAllocs()
			for b.Loop() {
				resp, err := c.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}
