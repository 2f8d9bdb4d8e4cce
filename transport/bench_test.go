package transport

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// cannedTransport answers every request with the same small JSON body,
// without a network, so benchmarks measure the chain's own overhead.
type cannedTransport struct {
	status int
	body   string
	ctype  string
}

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    c.status,
		Header:        http.Header{"Content-Type": {c.ctype}},
		Body:          io.NopCloser(strings.NewReader(c.body)),
		ContentLength: int64(len(c.body)),
		Request:       r,
	}, nil
}

func benchmarkDo(b *testing.B, cfg Config) {
	c := New(cfg)
	c.reg = newRegistry()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://api.example.test/v3/staff?limit=50", nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+secretToken)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkDoBaseline is the same round trip without the chain, through a
// plain http.Client.
func BenchmarkDoBaseline(b *testing.B) {
	hc := &http.Client{Transport: cannedTransport{200, `{"data":[]}`, "application/json"}}
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v3/staff?limit=50", nil)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func BenchmarkDoKobas(b *testing.B) {
	benchmarkDo(b, Config{
		Provider: Kobas,
		Base:     cannedTransport{200, `{"data":[]}`, "application/json"},
		Header:   http.Header{"X-Kobas-Company-Id": {"1234"}},
		Authorize: func(ctx context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+secretToken)
			return nil
		},
	})
}

func BenchmarkDoCloudbedsSuccessCheck(b *testing.B) {
	body := `{"success":true,"data":[` + strings.Repeat(`{"propertyID":"12345","propertyName":"Hotel"},`, 200) + `{}],"count":201,"total":201}`
	benchmarkDo(b, Config{
		Provider:  Cloudbeds,
		Base:      cannedTransport{200, body, "application/json"},
		RateLimit: RateLimit{Limit: 1e9, Burst: 1 << 30},
	})
}

func BenchmarkDoRateLimited(b *testing.B) {
	benchmarkDo(b, Config{
		Provider:  Cobot,
		Base:      cannedTransport{200, `{"data":[]}`, "application/vnd.api+json"},
		RateLimit: RateLimit{Limit: 1e9, Burst: 1 << 30},
	})
}

func BenchmarkDoAPIError(b *testing.B) {
	c := New(Config{Provider: Octotable, Base: cannedTransport{404, `{"success":false,"error":{"code":"RESOURCE_NOT_FOUND","message":"The specified table ID does not exist.","class_name":"ResourceNotFoundException"}}`, "application/json"}})
	c.reg = newRegistry()
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/tables/1", nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Do(req); err == nil {
			b.Fatal("want an error")
		}
	}
}
