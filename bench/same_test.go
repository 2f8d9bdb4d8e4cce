package bench_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
)

// TestSameRequests checks that BenchmarkCall compares like with like: for each call the SDK and
// the hand-written client send the same method, path, query and header names (the values may
// differ only in User-Agent), and both get the canned answer.
func TestSameRequests(t *testing.T) {
	bodies := map[string][]byte{
		kobasTokenPath:                     kobasTokenBody,
		kobasBase + "/venue":               venuesBody,
		cloudbedsBase + "/getReservations": cloudbedsPage,
	}
	canned := cannedServer(t, bodies)
	var (
		mu   sync.Mutex
		seen []string
	)
	// record forwards to the canned server and keeps a line per API request.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != kobasTokenPath {
			var names []string
			for k, vs := range r.Header {
				v := strings.Join(vs, ",")
				if k == "User-Agent" {
					v = "*"
				}
				names = append(names, k+"="+v)
			}
			slices.Sort(names)
			mu.Lock()
			seen = append(seen, r.Method+" "+r.URL.RequestURI()+" "+strings.Join(names, " "))
			mu.Unlock()
		}
		r.URL.Scheme, r.URL.Host, r.RequestURI = "http", strings.TrimPrefix(canned.URL, "http://"), ""
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err != nil {
			t.Error(err)
			return
		}
		defer resp.Body.Close()
		w.Header()["Content-Type"] = resp.Header["Content-Type"]
		w.WriteHeader(resp.StatusCode)
		buf := make([]byte, 32<<10)
		for {
			n, err := resp.Body.Read(buf)
			w.Write(buf[:n])
			if err != nil {
				break
			}
		}
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	hc := &http.Client{}

	// last returns the line of the latest request.
	last := func() string {
		mu.Lock()
		defer mu.Unlock()
		if len(seen) == 0 {
			return ""
		}
		return seen[len(seen)-1]
	}

	kc, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: benchClientID, ClientSecret: benchClientSecret, CompanyID: benchCompanyID,
		BaseURL: srv.URL + kobasBase, TokenURL: srv.URL + kobasTokenPath,
	}, noLimit))
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := kc.ListVenuesWithResponse(ctx); err != nil || resp.JSON200 == nil || len(*resp.JSON200) != 3 {
		t.Fatalf("ListVenuesWithResponse() = %v, want 3 venues", err)
	}
	sdk := last()
	if vs, err := handVenues(ctx, hc, srv.URL+kobasBase); err != nil || len(vs) != 3 {
		t.Fatalf("handVenues() = %d venues, %v; want 3", len(vs), err)
	}
	if hand := last(); hand != sdk {
		t.Errorf("Kobas venues:\nSDK  sends %s\nhand sends %s", sdk, hand)
	}

	cc := newCloudbedsSDK(t, srv.URL+cloudbedsBase)
	propertyID, page, size, guests := benchPropertyID, 1, 100, true
	resp, err := cc.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{
		PropertyID: &propertyID, PageNumber: &page, PageSize: &size, IncludeGuestsDetails: &guests,
	})
	if err != nil || resp.JSON200 == nil || len(resp.JSON200.Data) != 100 {
		t.Fatalf("GetReservationsWithResponse() = %v, want 100 reservations", err)
	}
	sdk = last()
	if p, err := handReservations(ctx, hc, srv.URL+cloudbedsBase); err != nil || len(p.Data) != 100 {
		t.Fatalf("handReservations() = %v, want 100 reservations", err)
	}
	if hand := last(); hand != sdk {
		t.Errorf("Cloudbeds getReservations:\nSDK  sends %s\nhand sends %s", sdk, hand)
	}
}
