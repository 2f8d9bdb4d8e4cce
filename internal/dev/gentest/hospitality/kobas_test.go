package hospitality_test

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// startSandbox serves a fresh sandbox on loopback for one test.
func startSandbox(t *testing.T, opts sandbox.Options) (*sandbox.Server, string) {
	t.Helper()
	sb, err := sandbox.New(opts)
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	return sb, srv.URL
}

func kobasSandboxConfig(sb *sandbox.Server, root string) hospitality.KobasConfig {
	c := sb.Credentials()
	return hospitality.KobasConfig{
		ClientID: c.KobasClientID, ClientSecret: c.KobasClientSecret, CompanyID: c.KobasCompanyID,
		BaseURL: root + sandbox.KobasAPIPath, TokenURL: root + sandbox.KobasTokenPath,
	}
}

func TestNewKobasAgainstSandbox(t *testing.T) {
	ctx := context.Background()
	sb, root := startSandbox(t, sandbox.Options{})
	c, err := kobas.New(hospitality.ConnectKobas(ctx, kobasSandboxConfig(sb, root)))
	if err != nil {
		t.Fatalf("ConnectKobas: %v", err)
	}
	// Many concurrent calls on a cold cache share one token.
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := c.ListVenuesWithResponse(ctx)
			if err != nil {
				t.Errorf("ListVenues: %v", err)
				return
			}
			if res.JSON200 == nil || len(*res.JSON200) == 0 {
				t.Errorf("ListVenues: no venues decoded from %s", res.Body)
			}
		}()
	}
	wg.Wait()
	if tokens, calls := sb.Stats(); tokens != 1 || calls != 20 {
		t.Errorf("sandbox stats = %d token requests, %d calls; want 1, 20", tokens, calls)
	}
}

func TestNewKobasConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  hospitality.KobasConfig
		want string
	}{
		{"missing company", hospitality.KobasConfig{ClientID: "id", ClientSecret: "s"}, "CompanyID"},
		{"missing client id", hospitality.KobasConfig{ClientSecret: "s", CompanyID: "1"}, "ClientID"},
		{"plain http token url", hospitality.KobasConfig{ClientID: "id", ClientSecret: "s", CompanyID: "1", TokenURL: "http://oauth.example/access_token"}, "https"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := kobas.New(hospitality.ConnectKobas(context.Background(), tc.cfg))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "hospitality: kobas: ") {
				t.Errorf("ConnectKobas(%+v) error = %v, want one naming %q", tc.cfg, err, tc.want)
			}
		})
	}
}

// fakeKobas is a hand-rolled Kobas whose API can reject a token once, answer errors and gzip.
type fakeKobas struct {
	tokens   atomic.Int64
	reject   atomic.Value // access token the API answers 401 to
	mu       sync.Mutex
	seenAuth []string
}

func (f *fakeKobas) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/access_token":
		n := f.tokens.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"tok-%d"}`, n)
	case "/v3/venue":
		f.mu.Lock()
		f.seenAuth = append(f.seenAuth, r.Header.Get("Authorization"))
		f.mu.Unlock()
		if rej, _ := f.reject.Load().(string); r.Header.Get("Authorization") == "Bearer "+rej {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"code":"unauthorized","message":"token expired"}`)
			return
		}
		if r.Header.Get("x-kobas-company-id") != "77" || r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Accept") != "application/json" {
			w.WriteHeader(http.StatusForbidden) // Kobas' clients send these on every call
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		fmt.Fprint(gz, `[{"id":12,"parent_id":null,"is_parent":false,"name":"The Crown","sname":"Crown"}]`)
		gz.Close()
	case "/v3/venue/404":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-ID", "req-42")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":"not_found","message":"venue 404 does not exist"}`)
	default:
		http.NotFound(w, r)
	}
}

func newFakeKobasClient(t *testing.T) (*fakeKobas, *kobas.ClientWithResponses) {
	t.Helper()
	f := &fakeKobas{}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c, err := kobas.New(hospitality.ConnectKobas(context.Background(), hospitality.KobasConfig{
		ClientID: "cid", ClientSecret: "csecret", CompanyID: "77",
		BaseURL: srv.URL + "/v3", TokenURL: srv.URL + "/access_token",
	}))
	if err != nil {
		t.Fatalf("ConnectKobas: %v", err)
	}
	return f, c
}

func TestNewKobasRefreshesOnceAfter401(t *testing.T) {
	ctx := context.Background()
	f, c := newFakeKobasClient(t)
	f.reject.Store("tok-1") // the first token is revoked server-side
	res, err := c.ListVenuesWithResponse(ctx)
	if err != nil {
		t.Fatalf("ListVenues: %v", err)
	}
	if got := (*res.JSON200)[0].Name; got != "The Crown" {
		t.Errorf("venue name = %q, want The Crown (gzip body decoded)", got)
	}
	if got := f.tokens.Load(); got != 2 {
		t.Errorf("token requests = %d, want 2 (initial + one refresh)", got)
	}
	if want := []string{"Bearer tok-1", "Bearer tok-2"}; fmt.Sprint(f.seenAuth) != fmt.Sprint(want) {
		t.Errorf("Authorization headers seen = %q, want %q", f.seenAuth, want)
	}
}

func TestNewKobasAPIError(t *testing.T) {
	_, c := newFakeKobasClient(t)
	_, err := c.GetVenueWithResponse(context.Background(), 404, nil)
	var apiErr *hospitality.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("GetVenue error = %v, want an *APIError", err)
	}
	if apiErr.StatusCode != 404 || apiErr.Code != "not_found" || apiErr.Message != "venue 404 does not exist" || apiErr.RequestID != "req-42" {
		t.Errorf("APIError = %+v, want status 404, code not_found, message, request id req-42", apiErr)
	}
	if !errors.Is(err, hospitality.ErrNotFound) {
		t.Errorf("errors.Is(%v, ErrNotFound) = false, want true", err)
	}
	if strings.Contains(err.Error(), "tok-") || strings.Contains(err.Error(), "csecret") {
		t.Errorf("error text %q leaks a credential", err)
	}
}

func TestKobasWindows(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skipf("no tzdata: %v", err)
	}
	start := time.Date(2024, 5, 17, 5, 30, 0, 0, london)
	// The community EPoS client sends a two-digit year and an unpadded hour.
	short := func(t time.Time) string {
		return fmt.Sprintf("%s%d:%s", t.Format("06-01-02T"), t.Hour(), t.Format("04:05"))
	}
	tests := []struct {
		name   string
		until  time.Time
		step   time.Duration
		format hospitality.KobasDateFormat
		want   []string // "from_date to_date" per window
	}{
		{name: "one window", until: start.Add(24 * time.Hour), want: []string{"2024-05-17T05:30:00 2024-05-18T05:30:00"}},
		{name: "steps with a short last window", until: start.Add(30 * time.Hour), step: 12 * time.Hour, want: []string{
			"2024-05-17T05:30:00 2024-05-17T17:30:00",
			"2024-05-17T17:30:00 2024-05-18T05:30:00",
			"2024-05-18T05:30:00 2024-05-18T11:30:00",
		}},
		{name: "exact multiple", until: start.Add(2 * time.Hour), step: time.Hour, want: []string{
			"2024-05-17T05:30:00 2024-05-17T06:30:00",
			"2024-05-17T06:30:00 2024-05-17T07:30:00",
		}},
		{name: "custom format", until: start.Add(time.Hour), format: short, want: []string{"24-05-17T5:30:00 24-05-17T6:30:00"}},
		{name: "until equals from", until: start},
		{name: "until before from", until: start.Add(-time.Hour), step: time.Minute},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			prev := start
			for w := range hospitality.KobasWindows(start, tc.until, tc.step, tc.format) {
				if !w.From.Equal(prev) || !w.To.After(w.From) {
					t.Errorf("window %v..%v does not continue from %v", w.From, w.To, prev)
				}
				prev = w.To
				got = append(got, w.FromDate+" "+w.ToDate)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("KobasWindows(%v, %v, %v) = %q, want %q", start, tc.until, tc.step, got, tc.want)
			}
		})
	}
}

// A polling window's values go into the from_date and to_date query parameters unchanged.
func TestKobasWindowsQuery(t *testing.T) {
	var (
		mu      sync.Mutex
		queries []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/access_token" {
			fmt.Fprint(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"tok"}`)
			return
		}
		mu.Lock()
		queries = append(queries, r.URL.Path+"?"+r.URL.RawQuery)
		mu.Unlock()
		fmt.Fprint(w, `[]`)
	}))
	t.Cleanup(srv.Close)
	c, err := kobas.New(hospitality.ConnectKobas(context.Background(), hospitality.KobasConfig{
		ClientID: "cid", ClientSecret: "csecret", CompanyID: "77", BaseURL: srv.URL + "/v3", TokenURL: srv.URL + "/access_token",
	}))
	if err != nil {
		t.Fatalf("ConnectKobas: %v", err)
	}
	from := time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC)
	for w := range hospitality.KobasWindows(from, from.Add(48*time.Hour), 24*time.Hour, nil) {
		if _, err := c.ListVenuePaymentsWithResponse(context.Background(), &kobas.ListVenuePaymentsParams{FromDate: &w.FromDate, ToDate: &w.ToDate}); err != nil {
			t.Fatalf("ListVenuePayments: %v", err)
		}
	}
	want := []string{
		"/v3/venue/payments?from_date=2024-05-17T00%3A00%3A00&to_date=2024-05-18T00%3A00%3A00",
		"/v3/venue/payments?from_date=2024-05-18T00%3A00%3A00&to_date=2024-05-19T00%3A00%3A00",
	}
	if fmt.Sprint(queries) != fmt.Sprint(want) {
		t.Errorf("requests = %q, want %q", queries, want)
	}
}

// This example splits two days into daily polling windows, formatted for the from_date and
// to_date parameters of ListVenuePayments and ListSalesOrders.
func ExampleKobasWindows() {
	from := time.Date(2024, 5, 17, 5, 30, 0, 0, time.UTC)
	for w := range hospitality.KobasWindows(from, from.Add(48*time.Hour), 24*time.Hour, nil) {
		fmt.Println(w.FromDate, "→", w.ToDate)
	}
	// Output:
	// 2024-05-17T05:30:00 → 2024-05-18T05:30:00
	// 2024-05-18T05:30:00 → 2024-05-19T05:30:00
}
