package cloudbeds_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// pagesClient returns a typed client for srv with a synthetic bearer token.
func pagesClient(t *testing.T, srv *spectest.Server, opts ...cloudbeds.ClientOption) *cloudbeds.ClientWithResponses {
	t.Helper()
	bearer := spectest.Headers("Authorization", "Bearer synthetic-access-token")
	opts = append([]cloudbeds.ClientOption{cloudbeds.WithRequestEditorFn(bearer)}, opts...)
	c, err := cloudbeds.NewClientWithResponses(srv.BaseURL(), opts...)
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", srv.BaseURL(), err)
	}
	return c
}

// pagesFake answers getReservations by page number from n reservations "R1".."Rn".
type pagesFake struct {
	n         int  // reservations in the data set
	defSize   int  // page size when the request sends none
	maxSize   int  // largest page size the server applies (0: no cap)
	withTotal bool // report the total
	failPage  int  // answer success:false on this page (0: never)
}

func (f pagesFake) handler() (http.HandlerFunc, *spectest.RequestLog) {
	log := &spectest.RequestLog{}
	return func(w http.ResponseWriter, r *http.Request) {
		log.Add(r.URL.RawQuery)
		q := r.URL.Query()
		page, size := 1, f.defSize
		if v := q.Get("pageNumber"); v != "" {
			page, _ = strconv.Atoi(v)
		}
		if v := q.Get("pageSize"); v != "" {
			size, _ = strconv.Atoi(v)
		}
		if f.maxSize > 0 && size > f.maxSize {
			size = f.maxSize
		}
		w.Header().Set("Content-Type", "application/json")
		if page == f.failPage {
			fmt.Fprint(w, `{"success":false,"message":"Property is not active"}`)
			return
		}
		var items []string
		for id := (page-1)*size + 1; id <= min(page*size, f.n); id++ {
			// IDs arrive as strings or numbers; adults as a numeric string.
			items = append(items, fmt.Sprintf(`{"reservationID":"R%d","guestName":"Guest %d","adults":"2",`+
				`"startDate":"2025-06-12","endDate":"2025-06-14","status":"confirmed"}`, id, id))
		}
		total := ""
		if f.withTotal {
			total = fmt.Sprintf(`,"total":"%d"`, f.n)
		}
		fmt.Fprintf(w, `{"success":true,"data":[%s],"count":%d%s}`, strings.Join(items, ","), len(items), total)
	}, log
}

// reservationNumber is n of the reservation "Rn".
func reservationNumber(r cloudbeds.ReservationSummary) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(string(r.ReservationID), "R"))
	return n
}

func TestGetReservationsIter(t *testing.T) {
	tests := []struct {
		name   string
		fake   pagesFake
		params cloudbeds.GetReservationsParams
		want   []int
		wantQ  []string
	}{
		{
			name:   "total ends without an extra request",
			fake:   pagesFake{n: 7, defSize: 100, withTotal: true},
			params: cloudbeds.GetReservationsParams{PageSize: new(3)},
			want:   spectest.Span(1, 7),
			wantQ:  []string{"pageNumber=1&pageSize=3", "pageNumber=2&pageSize=3", "pageNumber=3&pageSize=3"},
		},
		{
			name:   "total reached on a full page",
			fake:   pagesFake{n: 9, defSize: 100, withTotal: true},
			params: cloudbeds.GetReservationsParams{PageSize: new(3)},
			want:   spectest.Span(1, 9),
			wantQ:  []string{"pageNumber=1&pageSize=3", "pageNumber=2&pageSize=3", "pageNumber=3&pageSize=3"},
		},
		{
			name:   "short page ends without a total",
			fake:   pagesFake{n: 8, defSize: 100},
			params: cloudbeds.GetReservationsParams{PageSize: new(3)},
			want:   spectest.Span(1, 8),
			wantQ:  []string{"pageNumber=1&pageSize=3", "pageNumber=2&pageSize=3", "pageNumber=3&pageSize=3"},
		},
		{
			name:   "empty page ends without a total",
			fake:   pagesFake{n: 6, defSize: 100},
			params: cloudbeds.GetReservationsParams{PageSize: new(2)},
			want:   spectest.Span(1, 6),
			wantQ: []string{"pageNumber=1&pageSize=2", "pageNumber=2&pageSize=2", "pageNumber=3&pageSize=2",
				"pageNumber=4&pageSize=2"},
		},
		{
			name:   "the total wins over a server cap on the page size",
			fake:   pagesFake{n: 7, defSize: 100, maxSize: 3, withTotal: true},
			params: cloudbeds.GetReservationsParams{PageSize: new(5)},
			want:   spectest.Span(1, 7),
			wantQ:  []string{"pageNumber=1&pageSize=5", "pageNumber=2&pageSize=5", "pageNumber=3&pageSize=5"},
		},
		{
			name:   "starts at the caller's page",
			fake:   pagesFake{n: 9, defSize: 100, withTotal: true},
			params: cloudbeds.GetReservationsParams{PageSize: new(2), PageNumber: new(2)},
			want:   spectest.Span(3, 9),
			wantQ: []string{"pageNumber=2&pageSize=2", "pageNumber=3&pageSize=2", "pageNumber=4&pageSize=2",
				"pageNumber=5&pageSize=2"},
		},
		{
			name:  "server default page size",
			fake:  pagesFake{n: 5, defSize: 2},
			want:  spectest.Span(1, 5),
			wantQ: []string{"pageNumber=1", "pageNumber=2", "pageNumber=3"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Cloudbeds)
			h, log := tc.fake.handler()
			srv.Handle("getReservations", h)
			c := pagesClient(t, srv)

			got, errs := spectest.Drain(c.GetReservationsIter(context.Background(), &tc.params), reservationNumber)
			if len(errs) > 0 {
				t.Fatalf("GetReservationsIter() errors = %v, want none", errs)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("GetReservationsIter() ids = %v, want %v", got, tc.want)
			}
			if q := log.Requests(); !slices.Equal(q, tc.wantQ) {
				t.Errorf("GetReservationsIter() queries = %q, want %q", q, tc.wantQ)
			}
			if tc.params.PageNumber != nil && *tc.params.PageNumber != 2 {
				t.Errorf("GetReservationsIter() changed the caller's params.PageNumber to %d", *tc.params.PageNumber)
			}
		})
	}
}

func TestGetReservationsIterErrors(t *testing.T) {
	t.Run("success false ends the iteration with one error", func(t *testing.T) {
		srv := spectest.New(t, specs.Cloudbeds)
		h, log := pagesFake{n: 9, defSize: 3, failPage: 2}.handler()
		srv.Handle("getReservations", h)
		c := pagesClient(t, srv)

		got, errs := spectest.Drain(c.GetReservationsIter(context.Background(), &cloudbeds.GetReservationsParams{}), reservationNumber)
		if want := spectest.Span(1, 3); !slices.Equal(got, want) {
			t.Errorf("GetReservationsIter() ids = %v, want %v", got, want)
		}
		want := `cloudbeds: GetReservations page 2: the answer reports success false: "Property is not active"`
		if len(errs) != 1 || errs[0].Error() != want {
			t.Errorf("GetReservationsIter() errors = %v, want [%s]", errs, want)
		}
		if n := len(log.Requests()); n != 2 {
			t.Errorf("GetReservationsIter() sent %d requests, want 2", n)
		}
	})

	t.Run("transport error is wrapped", func(t *testing.T) {
		srv := spectest.New(t, specs.Cloudbeds)
		h, log := pagesFake{n: 9, defSize: 3}.handler()
		srv.Handle("getReservations", h)
		errDown := errors.New("network down")
		c := pagesClient(t, srv, cloudbeds.WithHTTPClient(&spectest.FailingDoer{OK: 2, Err: errDown}))

		got, errs := spectest.Drain(c.GetReservationsIter(context.Background(), &cloudbeds.GetReservationsParams{}), reservationNumber)
		if want := spectest.Span(1, 6); !slices.Equal(got, want) {
			t.Errorf("GetReservationsIter() ids = %v, want %v", got, want)
		}
		if len(errs) != 1 || !errors.Is(errs[0], errDown) {
			t.Fatalf("GetReservationsIter() errors = %v, want one wrapping %v", errs, errDown)
		}
		if got, want := errs[0].Error(), "cloudbeds: GetReservations page 3: network down"; !strings.Contains(got, want) {
			t.Errorf("GetReservationsIter() error = %q, want it to contain %q", got, want)
		}
		if n := len(log.Requests()); n != 2 {
			t.Errorf("GetReservationsIter() reached the server %d times, want 2", n)
		}
	})
}

func TestGetReservationsIterStops(t *testing.T) {
	t.Run("break sends no further request", func(t *testing.T) {
		srv := spectest.New(t, specs.Cloudbeds)
		h, log := pagesFake{n: 9, defSize: 3, withTotal: true}.handler()
		srv.Handle("getReservations", h)
		c := pagesClient(t, srv)

		var got []int
		for r, err := range c.GetReservationsIter(context.Background(), &cloudbeds.GetReservationsParams{}) {
			if err != nil {
				t.Fatalf("GetReservationsIter() error = %v", err)
			}
			got = append(got, len(got)+1)
			if r.ReservationID == "R2" {
				break
			}
		}
		if want := spectest.Span(1, 2); !slices.Equal(got, want) {
			t.Errorf("GetReservationsIter() items = %v, want %v", got, want)
		}
		if q, want := log.Requests(), []string{"pageNumber=1"}; !slices.Equal(q, want) {
			t.Errorf("GetReservationsIter() queries after break = %q, want %q", q, want)
		}
	})

	t.Run("cancelled ctx ends the iteration", func(t *testing.T) {
		srv := spectest.New(t, specs.Cloudbeds)
		h, log := pagesFake{n: 9, defSize: 3, withTotal: true}.handler()
		srv.Handle("getReservations", h)
		c := pagesClient(t, srv)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var errs []error
		items := 0
		for r, err := range c.GetReservationsIter(ctx, &cloudbeds.GetReservationsParams{}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			items++
			if r.ReservationID == "R4" {
				cancel()
			}
		}
		if items != 6 {
			t.Errorf("GetReservationsIter() yielded %d items, want 6 (the pages already fetched)", items)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("GetReservationsIter() errors = %v, want one wrapping context.Canceled", errs)
		}
		if n := len(log.Requests()); n != 2 {
			t.Errorf("GetReservationsIter() sent %d requests, want 2", n)
		}
	})
}

// TestGetReservationsIterParams pins the params convention for numbered pages: nil params asks
// from page 1, and the iterator advances pageNumber on its own copy, never on the caller's value.
func TestGetReservationsIterParams(t *testing.T) {
	srv := spectest.New(t, specs.Cloudbeds)
	h, log := pagesFake{n: 5, defSize: 2}.handler()
	srv.Handle("getReservations", h)
	c := pagesClient(t, srv)

	got, errs := spectest.Drain(c.GetReservationsIter(context.Background(), nil), reservationNumber)
	if want := spectest.Span(1, 5); len(errs) > 0 || !slices.Equal(got, want) {
		t.Fatalf("GetReservationsIter(nil) = %v, %v; want %v, no errors", got, errs, want)
	}
	if n := len(log.Requests()); n != 3 {
		t.Errorf("GetReservationsIter(nil) sent %d requests, want 3", n)
	}

	page, size := 2, 2
	params := &cloudbeds.GetReservationsParams{PageNumber: &page, PageSize: &size}
	before := *params
	for loop := 1; loop <= 2; loop++ {
		got, errs := spectest.Drain(c.GetReservationsIter(context.Background(), params), reservationNumber)
		if want := spectest.Span(3, 5); len(errs) > 0 || !slices.Equal(got, want) {
			t.Errorf("loop %d: GetReservationsIter(page 2) = %v, %v; want %v, no errors", loop, got, errs, want)
		}
		if params.PageNumber != before.PageNumber || params.PageSize != before.PageSize || page != 2 || size != 2 {
			t.Errorf("loop %d: GetReservationsIter() modified the caller's params: page %d, size %d", loop, page, size)
		}
	}
}
