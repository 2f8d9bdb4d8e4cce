package otelhospitality_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/otelhospitality"
)

const (
	clientSecret = "kobas-client-secret-9f2c"
	tokenA       = "kobas-access-token-aaaa1111"
	tokenB       = "kobas-access-token-bbbb2222"
)

// fakeKobas issues tokenA, then tokenB; /v3/venue refuses tokenA with 401, then answers 503
// twice and 200.
func fakeKobas(t *testing.T) string {
	var tokens, venues atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/access_token":
			tok := tokenA
			if tokens.Add(1) > 1 {
				tok = tokenB
			}
			fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3600,"access_token":%q}`, tok)
		case "/v3/venue":
			if r.Header.Get("Authorization") == "Bearer "+tokenA {
				w.WriteHeader(http.StatusUnauthorized)
				fmt.Fprintf(w, `{"code":"unauthorized","message":"token %s revoked"}`, tokenA)
				return
			}
			w.Header().Set("X-Request-Id", "req-42")
			if venues.Add(1) <= 2 {
				w.WriteHeader(http.StatusServiceUnavailable)
				fmt.Fprint(w, `{"code":"unavailable","message":"try later"}`)
				return
			}
			fmt.Fprint(w, `[{"id":12,"name":"The Crown"}]`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestOneCallWithRetriesAndRefresh checks the spans, events and metric points of one call that
// is refused once (a token refresh) and retried twice after 503 answers, and that no attribute
// holds a credential.
func TestOneCallWithRetriesAndRefresh(t *testing.T) {
	ctx := context.Background()
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	url := fakeKobas(t)
	c, err := hospitality.NewKobas(ctx, hospitality.KobasConfig{
		ClientID: "kobas-client", ClientSecret: clientSecret, CompanyID: "77",
		BaseURL: url + "/v3", TokenURL: url + "/access_token",
	}, hospitality.WithRetry(hospitality.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}),
		otelhospitality.Option(otelhospitality.WithTracerProvider(tp), otelhospitality.WithMeterProvider(mp)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListVenuesWithResponse(ctx); err != nil {
		t.Fatalf("ListVenues: %v", err)
	}

	ended := spans.Ended()
	if len(ended) != 1 {
		t.Fatalf("spans = %d, want 1 per logical call", len(ended))
	}
	s := ended[0]
	if s.Name() != "kobas.listVenues" {
		t.Errorf("span name = %q, want kobas.listVenues", s.Name())
	}
	attrs := map[string]string{}
	for _, kv := range s.Attributes() {
		attrs[string(kv.Key)] = kv.Value.String()
	}
	for k, want := range map[string]string{
		"hospitality.provider": "kobas", "hospitality.operation": "listVenues", "http.request.method": "GET",
		"server.address": "127.0.0.1", "http.response.status_code": "200", "hospitality.attempts": "4",
		"hospitality.request_id": "req-42", "url.full": url + "/v3/venue",
	} {
		if attrs[k] != want {
			t.Errorf("span attribute %s = %q, want %q", k, attrs[k], want)
		}
	}
	var events []string
	for _, e := range s.Events() {
		var kv []string
		for _, a := range e.Attributes {
			if a.Key == "hospitality.attempt.duration" || a.Key == "hospitality.retry.wait" {
				continue
			}
			kv = append(kv, string(a.Key)+"="+a.Value.String())
		}
		sort.Strings(kv)
		events = append(events, e.Name+" "+strings.Join(kv, " "))
	}
	want := []string{
		"attempt error.type=unauthorized hospitality.attempt=1 http.response.status_code=401",
		"reauthorize http.response.status_code=401",
		"attempt error.type=unavailable hospitality.attempt=1 http.response.status_code=503",
		"retry_wait hospitality.retry.reason=status_503",
		"attempt error.type=unavailable hospitality.attempt=2 http.response.status_code=503",
		"retry_wait hospitality.retry.reason=status_503",
		"attempt hospitality.attempt=3 http.response.status_code=200",
	}
	if strings.Join(events, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(events, "\n"), strings.Join(want, "\n"))
	}

	var rm metricdata.ResourceMetrics
	if err := reader.Collect(ctx, &rm); err != nil {
		t.Fatal(err)
	}
	points := map[string]string{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					points[m.Name+attrString(p.Attributes)] = fmt.Sprint(p.Value)
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					points[m.Name+attrString(p.Attributes)] = fmt.Sprintf("count=%d", p.Count)
				}
			}
		}
	}
	for k, want := range map[string]string{
		"hospitality.client.attempts{hospitality.operation=listVenues,hospitality.provider=kobas}":                                     "4",
		"hospitality.client.retries{hospitality.operation=listVenues,hospitality.provider=kobas,hospitality.retry.reason=status_503}":  "2",
		"hospitality.client.retries{hospitality.operation=listVenues,hospitality.provider=kobas,hospitality.retry.reason=reauthorize}": "1",
		"hospitality.client.call.duration{hospitality.operation=listVenues,hospitality.outcome=ok,hospitality.provider=kobas}":         "count=1",
	} {
		if points[k] != want {
			t.Errorf("metric %s = %q, want %q (all: %v)", k, points[k], want, points)
		}
	}

	// No credential in any attribute of the span, its events or the metrics.
	var all []string
	for _, kv := range s.Attributes() {
		all = append(all, kv.Value.String())
	}
	for _, e := range s.Events() {
		for _, kv := range e.Attributes {
			all = append(all, kv.Value.String())
		}
	}
	for k := range points {
		all = append(all, k)
	}
	for _, v := range all {
		for _, secret := range []string{clientSecret, tokenA, tokenB} {
			if strings.Contains(v, secret) {
				t.Errorf("attribute %q holds a credential", v)
			}
		}
	}
}

func attrString(set attribute.Set) string {
	var kv []string
	for _, a := range set.ToSlice() {
		kv = append(kv, string(a.Key)+"="+a.Value.String())
	}
	sort.Strings(kv)
	return "{" + strings.Join(kv, ",") + "}"
}
