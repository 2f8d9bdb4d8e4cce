package transport

import (
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
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
		Profile:   Kobas,
		Base:      cannedTransport{200, `{"data":[]}`, "application/json"},
		Header:    http.Header{"X-Kobas-Company-Id": {"1234"}},
		RateLimit: RateLimit{Limit: 1e9, Burst: 1 << 30}, // the chain, not Kobas' default 10/s
		Authorize: func(ctx context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+secretToken)
			return nil
		},
	})
}

func BenchmarkDoCloudbedsSuccessCheck(b *testing.B) {
	body := `{"success":true,"data":[` + strings.Repeat(`{"propertyID":"12345","propertyName":"Hotel"},`, 200) + `{}],"count":201,"total":201}`
	benchmarkDo(b, Config{
		Profile:   Cloudbeds,
		Base:      cannedTransport{200, body, "application/json"},
		RateLimit: RateLimit{Limit: 1e9, Burst: 1 << 30},
	})
}

func BenchmarkDoRateLimited(b *testing.B) {
	benchmarkDo(b, Config{
		Profile:   Cobot,
		Base:      cannedTransport{200, `{"data":[]}`, "application/vnd.api+json"},
		RateLimit: RateLimit{Limit: 1e9, Burst: 1 << 30},
	})
}

func BenchmarkDoAPIError(b *testing.B) {
	c := New(Config{Profile: Octotable, Base: cannedTransport{404, `{"success":false,"error":{"code":"RESOURCE_NOT_FOUND","message":"The specified table ID does not exist.","class_name":"ResourceNotFoundException"}}`, "application/json"}})
	c.reg = newRegistry()
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/tables/1", nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Do(req); err == nil {
			b.Fatal("want an error")
		}
	}
}

// hugeBody streams n bytes of a JSON string without holding them.
type hugeBody struct{ left int64 }

func (h *hugeBody) Read(p []byte) (int, error) {
	if h.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), h.left)
	for i := range p[:n] {
		p[i] = 'a'
	}
	h.left -= n
	return int(n), nil
}
func (h *hugeBody) Close() error { return nil }

// peakRSS returns the process's peak resident set (VmHWM) in bytes, after
// resetting it when reset is set; 0 where /proc is not available.
func peakRSS(reset bool) int64 {
	if reset {
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			return 0
		}
	}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkLargeAnswer reads a 200 MB answer through the chain as the
// generated clients do (io.ReadAll), with the default 64 MiB limit, and
// reports the growth of peak RSS per call ("peak-MB") beside the allocations.
func BenchmarkLargeAnswer(b *testing.B) {
	for _, p := range []Profile{Kobas, Cloudbeds} {
		b.Run(string(p.Name), func(b *testing.B) {
			c := New(Config{Profile: p, Base: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
					Body: &hugeBody{left: 200 << 20}, ContentLength: -1, Request: r}, nil
			})})
			c.reg = newRegistry()
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://api.example.test/x", nil)
			runtime.GC()
			debug.FreeOSMemory()
			base := peakRSS(true)
			b.ReportAllocs()
			for b.Loop() {
				resp, err := c.Do(req)
				if err == nil {
					_, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				if !errors.Is(err, ErrResponseTooLarge) {
					b.Fatalf("error = %v, want ErrResponseTooLarge", err)
				}
			}
			if base > 0 {
				b.ReportMetric(float64(peakRSS(false)-base)/(1<<20), "peak-MB")
			}
		})
	}
}
