package octotable_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// pagesClient returns a typed client for srv carrying a bearer token and the Property header.
func pagesClient(t *testing.T, srv *spectest.Server) *octotable.ClientWithResponses {
	t.Helper()
	creds := spectest.Headers("Authorization", "Bearer test-access-token", "Property", "999643")
	c, err := octotable.NewClientWithResponses(srv.BaseURL(), octotable.WithRequestEditorFn(creds))
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", srv.BaseURL(), err)
	}
	return c
}

// cursorFake answers listReservations from a data set of n reservations numbered from 1, paging
// with cursors of the form "c<offset>".
type cursorFake struct {
	n        int    // reservations in the data set
	limit    int    // page size when the request sends no limit
	last     string // how the last page ends: "absent", "null" or "empty" next_cursor
	fail     string // answer 500 to this cursor ("" never)
	repeat   bool   // answer every page with the cursor "c0"
	pageSize []int  // sizes of the pages, overriding limit (an empty page ends the data)
}

func (f cursorFake) handler() (http.HandlerFunc, *spectest.RequestLog) {
	log := &spectest.RequestLog{}
	return func(w http.ResponseWriter, r *http.Request) {
		log.Add(r.URL.RawQuery)
		q := r.URL.Query()
		w.Header().Set("Content-Type", "application/json")
		cur := q.Get("next_cursor")
		if f.fail != "" && cur == f.fail {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"success":false,"error":{"code":"INTERNAL","message":"try later"}}`)
			return
		}
		offset, _ := strconv.Atoi(strings.TrimPrefix(cur, "c"))
		limit := f.limit
		if v := q.Get("limit"); v != "" {
			limit, _ = strconv.Atoi(v)
		}
		if f.pageSize != nil {
			limit, offset = 0, 0
			page, _ := strconv.Atoi(strings.TrimPrefix(cur, "c"))
			for i, size := range f.pageSize {
				if i == page {
					limit = size
					break
				}
				offset += size
			}
		}
		end := min(offset+limit, f.n)
		var items []string
		for id := offset + 1; id <= end; id++ {
			items = append(items, fmt.Sprintf(
				`{"id":%d,"pax":2,"status":"CONFIRMED","start_date":"2025-06-12","start_hour":"20:30:00"}`, id))
		}
		next := fmt.Sprintf(`,"next_cursor":"c%d"`, end)
		if f.pageSize != nil {
			page, _ := strconv.Atoi(strings.TrimPrefix(cur, "c"))
			next = fmt.Sprintf(`,"next_cursor":"c%d"`, page+1)
		}
		if end >= f.n && f.pageSize == nil {
			switch f.last {
			case "absent":
				next = ""
			case "null":
				next = `,"next_cursor":null`
			case "empty":
				next = `,"next_cursor":""`
			}
		}
		if f.repeat {
			next = `,"next_cursor":"c0"`
		}
		fmt.Fprintf(w, `{"data":[%s]%s}`, strings.Join(items, ","), next)
	}, log
}

// reservationID is the id of a reservation.
func reservationID(r octotable.Reservation) int64 { return r.ID }

func TestListReservationsIter(t *testing.T) {
	tests := []struct {
		name   string
		fake   cursorFake
		params octotable.ListReservationsParams
		want   []int64
		wantQ  []string
	}{
		{
			name:   "absent cursor ends",
			fake:   cursorFake{n: 7, limit: 50, last: "absent"},
			params: octotable.ListReservationsParams{Limit: new(3)},
			want:   spectest.Span[int64](1, 7),
			wantQ:  []string{"limit=3", "next_cursor=c3&limit=3", "next_cursor=c6&limit=3"},
		},
		{
			name:   "null cursor ends",
			fake:   cursorFake{n: 6, limit: 50, last: "null"},
			params: octotable.ListReservationsParams{Limit: new(2)},
			want:   spectest.Span[int64](1, 6),
			wantQ:  []string{"limit=2", "next_cursor=c2&limit=2", "next_cursor=c4&limit=2"},
		},
		{
			name:  "empty cursor ends",
			fake:  cursorFake{n: 9, limit: 3, last: "empty"},
			want:  spectest.Span[int64](1, 9),
			wantQ: []string{"", "next_cursor=c3", "next_cursor=c6"},
		},
		{
			name:  "empty page ends although a cursor is sent",
			fake:  cursorFake{n: 6, limit: 3, last: "c6"},
			want:  spectest.Span[int64](1, 6),
			wantQ: []string{"", "next_cursor=c3", "next_cursor=c6"},
		},
		{
			name:  "a short page does not end a cursor list",
			fake:  cursorFake{n: 6, pageSize: []int{3, 1, 2}, last: "absent"},
			want:  spectest.Span[int64](1, 6),
			wantQ: []string{"", "next_cursor=c1", "next_cursor=c2", "next_cursor=c3"},
		},
		{
			name:   "resumes from the caller's cursor",
			fake:   cursorFake{n: 9, limit: 3, last: "absent"},
			params: octotable.ListReservationsParams{NextCursor: new("c3")},
			want:   spectest.Span[int64](4, 9),
			wantQ:  []string{"next_cursor=c3", "next_cursor=c6"},
		},
		{
			name:   "filters go with every page",
			fake:   cursorFake{n: 4, limit: 2, last: "absent"},
			params: octotable.ListReservationsParams{TextSearch: new("devis")},
			want:   spectest.Span[int64](1, 4),
			wantQ:  []string{"text_search=devis", "next_cursor=c2&text_search=devis"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Octotable)
			h, log := tc.fake.handler()
			srv.Handle("listReservations", h)
			c := pagesClient(t, srv)

			got, errs := spectest.Drain(c.ListReservationsIter(context.Background(), &tc.params), reservationID)
			if len(errs) > 0 {
				t.Fatalf("ListReservationsIter() errors = %v, want none", errs)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ListReservationsIter() ids = %v, want %v", got, tc.want)
			}
			if q := log.Requests(); !slices.Equal(q, tc.wantQ) {
				t.Errorf("ListReservationsIter() queries = %q, want %q", q, tc.wantQ)
			}
			if tc.params.NextCursor != nil && *tc.params.NextCursor != "c3" {
				t.Errorf("ListReservationsIter() changed the caller's params.NextCursor to %q", *tc.params.NextCursor)
			}
		})
	}
}

func TestListReservationsIterErrors(t *testing.T) {
	tests := []struct {
		name    string
		fake    cursorFake
		want    []int64
		wantErr string
		wantN   int
	}{
		{
			name:    "500 on the second page",
			fake:    cursorFake{n: 9, limit: 3, last: "absent", fail: "c3"},
			want:    spectest.Span[int64](1, 3),
			wantErr: "octotable: ListReservations page 2: unexpected status 500",
			wantN:   2,
		},
		{
			name:    "a cursor that does not advance",
			fake:    cursorFake{n: 9, limit: 3, repeat: true},
			want:    slices.Concat(spectest.Span[int64](1, 3), spectest.Span[int64](1, 3)),
			wantErr: "octotable: ListReservations page 2: the next cursor repeats the current one",
			wantN:   2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Octotable)
			h, log := tc.fake.handler()
			srv.Handle("listReservations", h)
			c := pagesClient(t, srv)

			got, errs := spectest.Drain(c.ListReservationsIter(context.Background(), &octotable.ListReservationsParams{}), reservationID)
			if !slices.Equal(got, tc.want) {
				t.Errorf("ListReservationsIter() ids = %v, want %v", got, tc.want)
			}
			if len(errs) != 1 || errs[0].Error() != tc.wantErr {
				t.Errorf("ListReservationsIter() errors = %v, want [%s]", errs, tc.wantErr)
			}
			if n := len(log.Requests()); n != tc.wantN {
				t.Errorf("ListReservationsIter() sent %d requests, want %d", n, tc.wantN)
			}
		})
	}
}

func TestListReservationsIterStops(t *testing.T) {
	t.Run("break sends no further request", func(t *testing.T) {
		srv := spectest.New(t, specs.Octotable)
		h, log := cursorFake{n: 9, limit: 3, last: "absent"}.handler()
		srv.Handle("listReservations", h)
		c := pagesClient(t, srv)

		var got []int64
		for r, err := range c.ListReservationsIter(context.Background(), &octotable.ListReservationsParams{}) {
			if err != nil {
				t.Fatalf("ListReservationsIter() error = %v", err)
			}
			got = append(got, r.ID)
			if len(got) == 4 {
				break
			}
		}
		if want := spectest.Span[int64](1, 4); !slices.Equal(got, want) {
			t.Errorf("ListReservationsIter() ids = %v, want %v", got, want)
		}
		if q, want := log.Requests(), []string{"", "next_cursor=c3"}; !slices.Equal(q, want) {
			t.Errorf("ListReservationsIter() queries after break = %q, want %q", q, want)
		}
	})

	t.Run("cancelled ctx ends the iteration", func(t *testing.T) {
		srv := spectest.New(t, specs.Octotable)
		h, log := cursorFake{n: 9, limit: 3, last: "absent"}.handler()
		srv.Handle("listReservations", h)
		c := pagesClient(t, srv)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var got []int64
		var errs []error
		for r, err := range c.ListReservationsIter(ctx, &octotable.ListReservationsParams{}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, r.ID)
			if r.ID == 3 {
				cancel()
			}
		}
		if want := spectest.Span[int64](1, 3); !slices.Equal(got, want) {
			t.Errorf("ListReservationsIter() ids = %v, want %v", got, want)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("ListReservationsIter() errors = %v, want one wrapping context.Canceled", errs)
		}
		if n := len(log.Requests()); n != 1 {
			t.Errorf("ListReservationsIter() sent %d requests, want 1", n)
		}
	})
}

// TestListReservationsIterParams pins the params convention for a cursor: nil params is the first
// page, and the iterator follows next_cursor on its own copy, so the caller's params keep their
// cursor and one value serves a second loop alike.
func TestListReservationsIterParams(t *testing.T) {
	srv := spectest.New(t, specs.Octotable)
	h, log := cursorFake{n: 5, limit: 2, last: "absent"}.handler()
	srv.Handle("listReservations", h)
	c := pagesClient(t, srv)

	got, errs := spectest.Drain(c.ListReservationsIter(context.Background(), nil), reservationID)
	if want := spectest.Span[int64](1, 5); len(errs) > 0 || !slices.Equal(got, want) {
		t.Fatalf("ListReservationsIter(nil) = %v, %v; want %v, no errors", got, errs, want)
	}
	if q, want := log.Requests(), []string{"", "next_cursor=c2", "next_cursor=c4"}; !slices.Equal(q, want) {
		t.Errorf("ListReservationsIter(nil) queries = %q, want %q", q, want)
	}

	cursor := "c2"
	params := &octotable.ListReservationsParams{NextCursor: &cursor}
	before := *params
	for loop := 1; loop <= 2; loop++ {
		got, errs := spectest.Drain(c.ListReservationsIter(context.Background(), params), reservationID)
		if want := spectest.Span[int64](3, 5); len(errs) > 0 || !slices.Equal(got, want) {
			t.Errorf("loop %d: ListReservationsIter(c2) = %v, %v; want %v, no errors", loop, got, errs, want)
		}
		if params.NextCursor != before.NextCursor || cursor != "c2" {
			t.Errorf("loop %d: ListReservationsIter() modified the caller's cursor: %p → %q, want %p → \"c2\"", loop, params.NextCursor, cursor, before.NextCursor)
		}
	}
}
