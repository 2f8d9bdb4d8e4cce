package otelhospitality_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/hospitality-sdk/hospitality-go/otelhospitality"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

type canned struct{}

func (canned) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`[]`)), ContentLength: 2, Request: r}, nil
}

// BenchmarkObserver measures a call through the transport without an observer, with the
// observer on a provider that does not sample (the global default), and with one recording
// every span.
func BenchmarkObserver(b *testing.B) {
	off := transport.RateLimit{Disabled: true}
	record, err := otelhospitality.NewObserver(otelhospitality.WithTracerProvider(sdktrace.NewTracerProvider()))
	if err != nil {
		b.Fatal(err)
	}
	noop, err := otelhospitality.NewObserver()
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		obs  transport.Observer
	}{{"none", nil}, {"global-noop", noop}, {"recording", record}} {
		b.Run(bc.name, func(b *testing.B) {
			c := transport.New(transport.Config{Profile: transport.Profile{Name: "kobas"}, Base: canned{}, RateLimit: off, Observer: bc.obs})
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
