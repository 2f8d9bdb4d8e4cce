package otelhospitality_test

import (
	"context"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
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

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
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
// is refused once (a token refresh) and retried twice after 503 answers — the call's span with
// one child span per token fetch — and that no attribute holds a credential.
func TestOneCallWithRetriesAndRefresh(t *testing.T) {
	ctx := context.Background()
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	url := fakeKobas(t)
	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: "kobas-client", ClientSecret: clientSecret, CompanyID: "77",
		BaseURL: url + "/v3", TokenURL: url + "/access_token",
	}, hospitality.WithRetry(hospitality.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}),
		otelhospitality.Option(otelhospitality.WithTracerProvider(tp), otelhospitality.WithMeterProvider(mp))))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListVenuesWithResponse(ctx); err != nil {
		t.Fatalf("ListVenues: %v", err)
	}

	ended := spans.Ended()
	if len(ended) != 3 {
		t.Fatalf("spans = %d, want the call's and one per token fetch (3)", len(ended))
	}
	s := ended[2]
	if s.Name() != "kobas.listVenues" {
		t.Errorf("span name = %q, want kobas.listVenues", s.Name())
	}
	if s.Parent().IsValid() {
		t.Errorf("call span has parent %v, want a root span", s.Parent().SpanID())
	}
	// The first fetch, then the one after the 401: children of the call's span.
	for i, ts := range ended[:2] {
		if got := spanLine(ts); got != "kobas token client hospitality.outcome=ok hospitality.provider=kobas hospitality.token.grant=client_credentials" {
			t.Errorf("token span %d = %q", i, got)
		}
		if ts.Parent().SpanID() != s.SpanContext().SpanID() || ts.SpanContext().TraceID() != s.SpanContext().TraceID() {
			t.Errorf("token span %d has parent %v, want the call's span %v", i, ts.Parent().SpanID(), s.SpanContext().SpanID())
		}
	}
	if !ended[1].StartTime().After(ended[0].EndTime()) && !ended[1].StartTime().Equal(ended[0].EndTime()) {
		t.Errorf("second token fetch starts before the first ends")
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

	points := collect(t, reader)
	for k, want := range map[string]string{
		"hospitality.client.attempts{hospitality.operation=listVenues,hospitality.provider=kobas}":                                        "4",
		"hospitality.client.retries{hospitality.operation=listVenues,hospitality.provider=kobas,hospitality.retry.reason=status_503}":     "2",
		"hospitality.client.retries{hospitality.operation=listVenues,hospitality.provider=kobas,hospitality.retry.reason=reauthorize}":    "1",
		"hospitality.client.call.duration{hospitality.operation=listVenues,hospitality.outcome=ok,hospitality.provider=kobas}":            "count=1",
		"hospitality.client.token.fetches{hospitality.outcome=ok,hospitality.provider=kobas,hospitality.token.grant=client_credentials}":  "2",
		"hospitality.client.token.duration{hospitality.outcome=ok,hospitality.provider=kobas,hospitality.token.grant=client_credentials}": "count=2",
	} {
		if points[k] != want {
			t.Errorf("metric %s = %q, want %q (all: %v)", k, points[k], want, points)
		}
	}
	if len(points) != 6 {
		t.Errorf("metric points = %d, want 6: %v", len(points), points)
	}

	checkNoSecrets(t, ended, points, clientSecret, tokenA, tokenB)
}

// checkNoSecrets fails if any attribute of any span, event or metric point holds a secret.
func checkNoSecrets(t *testing.T, spans []sdktrace.ReadOnlySpan, points map[string]string, secrets ...string) {
	t.Helper()
	var all []string
	for _, s := range spans {
		all = append(all, s.Name(), s.Status().Description)
		for _, kv := range s.Attributes() {
			all = append(all, string(kv.Key)+"="+kv.Value.String())
		}
		for _, e := range s.Events() {
			all = append(all, e.Name)
			for _, kv := range e.Attributes {
				all = append(all, string(kv.Key)+"="+kv.Value.String())
			}
		}
	}
	for k, v := range points {
		all = append(all, k, v)
	}
	for _, v := range all {
		for _, secret := range secrets {
			if strings.Contains(v, secret) {
				t.Errorf("attribute %q holds a credential", v)
			}
		}
	}
}

// spanLine is a span's name, kind and sorted attributes.
func spanLine(s sdktrace.ReadOnlySpan) string {
	var kv []string
	for _, a := range s.Attributes() {
		kv = append(kv, string(a.Key)+"="+a.Value.String())
	}
	sort.Strings(kv)
	return s.Name() + " " + s.SpanKind().String() + " " + strings.Join(kv, " ")
}

// collect reads every metric point: "name{attrs}" → value (histograms: their count).
func collect(t *testing.T, reader *sdkmetric.ManualReader) map[string]string {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(context.Background(), &rm); err != nil {
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
	return points
}

// TestTokenRefreshOutsideACall checks that a Cloudbeds refresh_token grant made outside any
// call is a root span, and that a refused refresh is a failure classed by its OAuth error code,
// with neither the refresh token nor the client secret in any attribute.
func TestTokenRefreshOutsideACall(t *testing.T) {
	const (
		cbSecret  = "cloudbeds-client-secret-77aa"
		refreshA  = "cloudbeds-refresh-token-aaaa"
		refreshB  = "cloudbeds-refresh-token-bbbb"
		accessNew = "cloudbeds-access-token-cccc"
	)
	var refreshes atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if refreshes.Add(1) == 1 {
			fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3600,"access_token":%q,"refresh_token":%q}`, accessNew, refreshB)
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":"invalid_grant","error_description":"refresh token %s was revoked"}`, r.FormValue("refresh_token"))
	}))
	t.Cleanup(srv.Close)

	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	obs, err := otelhospitality.NewObserver(otelhospitality.WithTracerProvider(tp), otelhospitality.WithMeterProvider(mp))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	clock := func() time.Time { return now }
	ctx := auth.WithTokenObserver(context.Background(), obs)
	ts := auth.CloudbedsTokenSource(ctx, auth.CloudbedsConfig{ClientID: "cb-client", ClientSecret: cbSecret,
		TokenURL: srv.URL + "/access_token", Now: clock},
		&oauth2.Token{AccessToken: "expired", RefreshToken: refreshA, Expiry: now.Add(-time.Minute)})
	if _, err := ts.TokenContext(ctx); err != nil {
		t.Fatalf("first refresh: %v", err)
	}
	now = now.Add(2 * time.Hour) // the new token expired too: refresh again, refused
	if _, err := ts.TokenContext(ctx); err == nil {
		t.Fatal("second refresh succeeded, want invalid_grant")
	}

	ended := spans.Ended()
	var got []string
	for _, s := range ended {
		if s.Parent().IsValid() {
			t.Errorf("span %q has a parent, want a root span", s.Name())
		}
		got = append(got, spanLine(s)+" status="+s.Status().Code.String())
	}
	want := []string{
		"cloudbeds token client hospitality.outcome=ok hospitality.provider=cloudbeds hospitality.token.grant=refresh_token status=Unset",
		"cloudbeds token client error.type=invalid_grant hospitality.outcome=invalid_grant hospitality.provider=cloudbeds hospitality.token.grant=refresh_token status=Error",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("spans:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	points := collect(t, reader)
	wantPoints := map[string]string{
		"hospitality.client.token.fetches{hospitality.outcome=ok,hospitality.provider=cloudbeds,hospitality.token.grant=refresh_token}":             "1",
		"hospitality.client.token.fetches{hospitality.outcome=invalid_grant,hospitality.provider=cloudbeds,hospitality.token.grant=refresh_token}":  "1",
		"hospitality.client.token.failures{error.type=invalid_grant,hospitality.provider=cloudbeds,hospitality.token.grant=refresh_token}":          "1",
		"hospitality.client.token.duration{hospitality.outcome=ok,hospitality.provider=cloudbeds,hospitality.token.grant=refresh_token}":            "count=1",
		"hospitality.client.token.duration{hospitality.outcome=invalid_grant,hospitality.provider=cloudbeds,hospitality.token.grant=refresh_token}": "count=1",
	}
	for k, v := range wantPoints {
		if points[k] != v {
			t.Errorf("metric %s = %q, want %q", k, points[k], v)
		}
	}
	if len(points) != len(wantPoints) {
		t.Errorf("metric points = %v, want %d", points, len(wantPoints))
	}
	checkNoSecrets(t, ended, points, cbSecret, refreshA, refreshB, accessNew, "expired")
}

// A fetch without an observer in its context reports nothing.
func TestTokenFetchUnobserved(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	if _, err := otelhospitality.NewObserver(otelhospitality.WithTracerProvider(tp)); err != nil {
		t.Fatal(err)
	}
	ts := auth.NewCachedSource(func(context.Context) (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: "t"}, nil
	}, auth.CacheOptions{Provider: "kobas"})
	if _, err := ts.Token(); err != nil {
		t.Fatal(err)
	}
	if n := len(spans.Ended()); n != 0 {
		t.Errorf("spans = %d, want 0", n)
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
