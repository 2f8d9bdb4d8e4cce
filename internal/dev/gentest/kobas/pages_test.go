package kobas_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// pagesClient returns a typed client for srv carrying the credentials Kobas requires.
func pagesClient(t *testing.T, srv *spectest.Server, opts ...kobas.ClientOption) *kobas.ClientWithResponses {
	t.Helper()
	creds := spectest.Headers("Authorization", "Bearer test-access-token", "x-kobas-company-id", "1234")
	opts = append([]kobas.ClientOption{kobas.WithRequestEditorFn(creds)}, opts...)
	c, err := kobas.NewClientWithResponses(srv.BaseURL(), opts...)
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", srv.BaseURL(), err)
	}
	return c
}

// pagesFake answers a Kobas offset/limit list from a data set of n records numbered from 1.
type pagesFake struct {
	n          int  // records in the data set
	defLimit   int  // page size when the request sends no limit
	maxLimit   int  // largest page size the server applies (0: no cap)
	withTotal  bool // report the total
	failOffset int  // answer 500 at this offset (0: never, as no test fails the first page)
}

// handler serves pages of f; item renders record id as a JSON object.
func (f pagesFake) handler(item func(id int) string) (http.HandlerFunc, *spectest.RequestLog) {
	log := &spectest.RequestLog{}
	return func(w http.ResponseWriter, r *http.Request) {
		log.Add(r.URL.RawQuery)
		q := r.URL.Query()
		offset, limit := 0, f.defLimit
		if v := q.Get("offset"); v != "" {
			offset, _ = strconv.Atoi(v)
		}
		if v := q.Get("limit"); v != "" {
			limit, _ = strconv.Atoi(v)
		}
		if f.maxLimit > 0 && limit > f.maxLimit {
			limit = f.maxLimit
		}
		w.Header().Set("Content-Type", "application/json")
		if f.failOffset > 0 && offset == f.failOffset {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"code":"internal","message":"database unavailable"}`)
			return
		}
		var items []string
		for id := offset + 1; id <= min(offset+limit, f.n); id++ {
			items = append(items, item(id))
		}
		total := ""
		if f.withTotal {
			total = fmt.Sprintf(`,"total":%d`, f.n)
		}
		fmt.Fprintf(w, `{"data":[%s],"limit":%d,"offset":%d%s}`, strings.Join(items, ","), limit, offset, total)
	}, log
}

func staffJSON(id int) string {
	return fmt.Sprintf(`{"id":%d,"franchisee_id":1,"venue_id":12,"first_name":"Staff","surname":"Member%d",`+
		`"name":"Staff Member%d","dob":"1900-01-01","start_date":"2021-04-12","end_date":"0000-00-00",`+
		`"is_current_employee":1,"m_date":"2024-03-01 09:15:00","c_date":"2021-04-01 12:00:00"}`, id, id, id)
}

func shiftJSON(id int) string {
	return fmt.Sprintf(`{"id":%d,"venue_id":12,"charge_venue_id":12,"role_id":4,"date":"2024-05-17",`+
		`"start_time":"18:00:00","end_time":"02:00:00","minutes_rostered":480,"hours_rostered":"8.00",`+
		`"minutes_on_break":30,"minutes_worked":465,"hours_worked":7.75,"approved":1,"time_in":"17:55:00",`+
		`"time_out":"02:10:00","tips":"12.40","hours_training":0,"has_clocked_in":1,"has_break":1,`+
		`"is_holiday":0,"is_day_off":0,"is_cover_shift":0,"m_date":"2024-05-18 02:11:03",`+
		`"c_date":"2024-05-10 10:00:00","holiday_amount_of_day":0}`, id)
}

func TestListStaffIter(t *testing.T) {
	tests := []struct {
		name   string
		fake   pagesFake
		params kobas.ListStaffParams
		want   []int
		wantQ  []string
	}{
		{
			name:   "short page ends",
			fake:   pagesFake{n: 7, defLimit: 50},
			params: kobas.ListStaffParams{Limit: new(3)},
			want:   spectest.Span(1, 7),
			wantQ:  []string{"limit=3&offset=0", "limit=3&offset=3", "limit=3&offset=6"},
		},
		{
			name:   "empty page ends",
			fake:   pagesFake{n: 9, defLimit: 50},
			params: kobas.ListStaffParams{Limit: new(3)},
			want:   spectest.Span(1, 9),
			wantQ:  []string{"limit=3&offset=0", "limit=3&offset=3", "limit=3&offset=6", "limit=3&offset=9"},
		},
		{
			name:   "total ends without an empty page",
			fake:   pagesFake{n: 9, defLimit: 50, withTotal: true},
			params: kobas.ListStaffParams{Limit: new(3)},
			want:   spectest.Span(1, 9),
			wantQ:  []string{"limit=3&offset=0", "limit=3&offset=3", "limit=3&offset=6"},
		},
		{
			name:  "server default page size from the answer's limit",
			fake:  pagesFake{n: 8, defLimit: 3},
			want:  spectest.Span(1, 8),
			wantQ: []string{"offset=0", "offset=3", "offset=6"},
		},
		{
			name:   "server caps the page size below the one asked",
			fake:   pagesFake{n: 7, defLimit: 50, maxLimit: 3},
			params: kobas.ListStaffParams{Limit: new(10)},
			want:   spectest.Span(1, 7),
			wantQ:  []string{"limit=10&offset=0", "limit=10&offset=3", "limit=10&offset=6"},
		},
		{
			name:   "starts at the caller's offset",
			fake:   pagesFake{n: 9, defLimit: 50},
			params: kobas.ListStaffParams{Limit: new(3), Offset: new(2)},
			want:   spectest.Span(3, 9),
			wantQ:  []string{"limit=3&offset=2", "limit=3&offset=5", "limit=3&offset=8"},
		},
		{
			name:  "nothing to list",
			fake:  pagesFake{n: 0, defLimit: 50},
			wantQ: []string{"offset=0"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Kobas)
			h, fake := tc.fake.handler(staffJSON)
			srv.Handle("listStaff", h)
			c := pagesClient(t, srv)

			got, errs := spectest.Drain(c.ListStaffIter(context.Background(), &tc.params), func(s kobas.Staff) int { return s.ID })
			if len(errs) > 0 {
				t.Fatalf("ListStaffIter() errors = %v, want none", errs)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ListStaffIter() ids = %v, want %v", got, tc.want)
			}
			if q := fake.Requests(); !slices.Equal(q, tc.wantQ) {
				t.Errorf("ListStaffIter() queries = %q, want %q", q, tc.wantQ)
			}
			if tc.params.Offset != nil && *tc.params.Offset != 2 {
				t.Errorf("ListStaffIter() changed the caller's params.Offset to %d", *tc.params.Offset)
			}
		})
	}
}

func TestListStaffShiftsIter(t *testing.T) {
	srv := spectest.New(t, specs.Kobas)
	h, fake := pagesFake{n: 5, defLimit: 2}.handler(shiftJSON)
	srv.Handle("listStaffShifts", h)
	c := pagesClient(t, srv)

	got, errs := spectest.Drain(c.ListStaffShiftsIter(context.Background(), 301, &kobas.ListStaffShiftsParams{}),
		func(s kobas.Shift) int { return s.ID })
	if len(errs) > 0 {
		t.Fatalf("ListStaffShiftsIter(301) errors = %v, want none", errs)
	}
	if want := spectest.Span(1, 5); !slices.Equal(got, want) {
		t.Errorf("ListStaffShiftsIter(301) ids = %v, want %v", got, want)
	}
	if q, want := fake.Requests(), []string{"offset=0", "offset=2", "offset=4"}; !slices.Equal(q, want) {
		t.Errorf("ListStaffShiftsIter(301) queries = %q, want %q", q, want)
	}
	req, _ := srv.LastRequest("listStaffShifts")
	if got, want := req.URL.Path, "/staff/301/shifts"; !strings.HasSuffix(got, want) {
		t.Errorf("ListStaffShiftsIter(301) path = %q, want suffix %q", got, want)
	}
}

func TestListStaffIterErrors(t *testing.T) {
	t.Run("500 ends the iteration with one error", func(t *testing.T) {
		srv := spectest.New(t, specs.Kobas)
		h, fake := pagesFake{n: 9, defLimit: 3, failOffset: 3}.handler(staffJSON)
		srv.Handle("listStaff", h)
		c := pagesClient(t, srv)

		got, errs := spectest.Drain(c.ListStaffIter(context.Background(), &kobas.ListStaffParams{}),
			func(s kobas.Staff) int { return s.ID })
		if want := spectest.Span(1, 3); !slices.Equal(got, want) {
			t.Errorf("ListStaffIter() ids = %v, want %v", got, want)
		}
		if len(errs) != 1 {
			t.Fatalf("ListStaffIter() errors = %v, want exactly one", errs)
		}
		if got, want := errs[0].Error(), "kobas: ListStaff offset 3: unexpected status 500"; got != want {
			t.Errorf("ListStaffIter() error = %q, want %q", got, want)
		}
		if n := len(fake.Requests()); n != 2 {
			t.Errorf("ListStaffIter() sent %d requests, want 2", n)
		}
	})

	t.Run("transport error is wrapped", func(t *testing.T) {
		srv := spectest.New(t, specs.Kobas)
		h, fake := pagesFake{n: 9, defLimit: 3}.handler(staffJSON)
		srv.Handle("listStaff", h)
		errDown := errors.New("network down")
		doer := &spectest.FailingDoer{OK: 1, Err: errDown}
		c := pagesClient(t, srv, kobas.WithHTTPClient(doer))

		got, errs := spectest.Drain(c.ListStaffIter(context.Background(), &kobas.ListStaffParams{}),
			func(s kobas.Staff) int { return s.ID })
		if want := spectest.Span(1, 3); !slices.Equal(got, want) {
			t.Errorf("ListStaffIter() ids = %v, want %v", got, want)
		}
		if len(errs) != 1 || !errors.Is(errs[0], errDown) {
			t.Fatalf("ListStaffIter() errors = %v, want one wrapping %v", errs, errDown)
		}
		if got, want := errs[0].Error(), "kobas: ListStaff offset 3: "; !strings.HasPrefix(got, want) {
			t.Errorf("ListStaffIter() error = %q, want prefix %q", got, want)
		}
		if n := len(fake.Requests()); n != 1 {
			t.Errorf("ListStaffIter() reached the server %d times, want 1", n)
		}
	})
}

func TestListStaffIterStops(t *testing.T) {
	t.Run("break sends no further request", func(t *testing.T) {
		srv := spectest.New(t, specs.Kobas)
		h, fake := pagesFake{n: 9, defLimit: 3}.handler(staffJSON)
		srv.Handle("listStaff", h)
		c := pagesClient(t, srv)

		var got []int
		for s, err := range c.ListStaffIter(context.Background(), &kobas.ListStaffParams{}) {
			if err != nil {
				t.Fatalf("ListStaffIter() error = %v", err)
			}
			got = append(got, s.ID)
			if len(got) == 3 {
				break
			}
		}
		if want := spectest.Span(1, 3); !slices.Equal(got, want) {
			t.Errorf("ListStaffIter() ids = %v, want %v", got, want)
		}
		if q, want := fake.Requests(), []string{"offset=0"}; !slices.Equal(q, want) {
			t.Errorf("ListStaffIter() queries after break = %q, want %q", q, want)
		}
	})

	t.Run("cancelled ctx ends the iteration", func(t *testing.T) {
		srv := spectest.New(t, specs.Kobas)
		h, fake := pagesFake{n: 9, defLimit: 3}.handler(staffJSON)
		srv.Handle("listStaff", h)
		c := pagesClient(t, srv)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var got []int
		var errs []error
		for s, err := range c.ListStaffIter(ctx, &kobas.ListStaffParams{}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, s.ID)
			if s.ID == 3 {
				cancel()
			}
		}
		if want := spectest.Span(1, 3); !slices.Equal(got, want) {
			t.Errorf("ListStaffIter() ids = %v, want %v", got, want)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("ListStaffIter() errors = %v, want one wrapping context.Canceled", errs)
		}
		if n := len(fake.Requests()); n != 1 {
			t.Errorf("ListStaffIter() sent %d requests, want 1", n)
		}
	})

	t.Run("already cancelled ctx sends nothing", func(t *testing.T) {
		srv := spectest.New(t, specs.Kobas)
		h, fake := pagesFake{n: 9, defLimit: 3}.handler(staffJSON)
		srv.Handle("listStaff", h)
		c := pagesClient(t, srv)

		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		got, errs := spectest.Drain(c.ListStaffIter(ctx, &kobas.ListStaffParams{}), func(s kobas.Staff) int { return s.ID })
		if len(got) != 0 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("ListStaffIter(cancelled) = %v, %v; want no items and one context.Canceled", got, errs)
		}
		if got, want := errs[0].Error(), "kobas: ListStaff: context canceled"; got != want {
			t.Errorf("ListStaffIter(cancelled) error = %q, want %q", got, want)
		}
		if n := len(fake.Requests()); n != 0 {
			t.Errorf("ListStaffIter(cancelled) sent %d requests, want 0", n)
		}
	})
}

// TestListStaffIterParams pins the params convention the iterators share with <Op>WithResponse:
// a *ListStaffParams, nil for none; and the iterator advances the offset on its own copy, so the
// caller's params (the struct and every value its pointers reach) are the same after the loop
// and one value serves a second loop alike.
func TestListStaffIterParams(t *testing.T) {
	t.Run("nil params sends none", func(t *testing.T) {
		srv := spectest.New(t, specs.Kobas)
		h, fake := pagesFake{n: 5, defLimit: 2}.handler(staffJSON)
		srv.Handle("listStaff", h)
		c := pagesClient(t, srv)

		got, errs := spectest.Drain(c.ListStaffIter(context.Background(), nil), func(s kobas.Staff) int { return s.ID })
		if len(errs) > 0 {
			t.Fatalf("ListStaffIter(nil) errors = %v, want none", errs)
		}
		if want := spectest.Span(1, 5); !slices.Equal(got, want) {
			t.Errorf("ListStaffIter(nil) ids = %v, want %v", got, want)
		}
		if q, want := fake.Requests(), []string{"offset=0", "offset=2", "offset=4"}; !slices.Equal(q, want) {
			t.Errorf("ListStaffIter(nil) queries = %q, want %q", q, want)
		}
	})

	t.Run("the caller's params are never modified", func(t *testing.T) {
		srv := spectest.New(t, specs.Kobas)
		h, fake := pagesFake{n: 7, defLimit: 50}.handler(staffJSON)
		srv.Handle("listStaff", h)
		c := pagesClient(t, srv)

		limit, offset := 2, 1
		params := &kobas.ListStaffParams{Limit: &limit, Offset: &offset}
		before := *params
		for loop := 1; loop <= 2; loop++ {
			got, errs := spectest.Drain(c.ListStaffIter(context.Background(), params), func(s kobas.Staff) int { return s.ID })
			if len(errs) > 0 {
				t.Fatalf("loop %d: ListStaffIter() errors = %v, want none", loop, errs)
			}
			if want := spectest.Span(2, 7); !slices.Equal(got, want) {
				t.Errorf("loop %d: ListStaffIter() ids = %v, want %v", loop, got, want)
			}
			if params.Offset != before.Offset || params.Limit != before.Limit {
				t.Errorf("loop %d: ListStaffIter() replaced the caller's pointers: %+v, want %+v", loop, *params, before)
			}
			if offset != 1 || limit != 2 {
				t.Errorf("loop %d: ListStaffIter() wrote through the caller's pointers: offset %d, limit %d; want 1, 2", loop, offset, limit)
			}
		}
		once := []string{"limit=2&offset=1", "limit=2&offset=3", "limit=2&offset=5", "limit=2&offset=7"}
		if q, want := fake.Requests(), slices.Concat(once, once); !slices.Equal(q, want) {
			t.Errorf("ListStaffIter() queries of two loops = %q, want %q", q, want)
		}
	})
}
