package cloudbedsv2_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// pagesClient returns a typed client for srv with a synthetic bearer token.
func pagesClient(t *testing.T, srv *spectest.Server) *cloudbedsv2.ClientWithResponses {
	t.Helper()
	bearer := spectest.Headers("Authorization", "Bearer synthetic-access-token")
	c, err := cloudbedsv2.NewClientWithResponses(srv.BaseURL(), cloudbedsv2.WithRequestEditorFn(bearer))
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", srv.BaseURL(), err)
	}
	return c
}

// pagesFake answers getAddons by offset and limit from n add-ons with ids 1..n.
type pagesFake struct {
	n          int // add-ons in the data set
	maxLimit   int // largest page size the server applies (0: no cap)
	failOffset int // answer 500 at this offset (0: never)
}

func (f pagesFake) handler() (http.HandlerFunc, *spectest.RequestLog) {
	log := &spectest.RequestLog{}
	return func(w http.ResponseWriter, r *http.Request) {
		log.Add(r.Header.Get("x-property-id") + " " + r.URL.RawQuery)
		q := r.URL.Query()
		offset, limit := 0, 100
		if v := q.Get("offset"); v != "" {
			offset, _ = strconv.Atoi(v)
		}
		if v := q.Get("limit"); v != "" {
			limit, _ = strconv.Atoi(v)
		}
		if f.maxLimit > 0 && limit > f.maxLimit {
			limit = f.maxLimit
		}
		if f.failOffset > 0 && offset == f.failOffset {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, `{"message":"Internal error","code":null}`)
			return
		}
		var items []string
		for id := offset + 1; id <= min(offset+limit, f.n); id++ {
			// Ids and amounts arrive as strings or as numbers.
			items = append(items, fmt.Sprintf(`{"id":"%d","name":"Add-on %d","description":"Extra","productId":%d,`+
				`"price":{"amount":"1800","currencyCode":"USD"}}`, id, id, 4400+id))
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"offset":%d,"limit":"%d","data":[%s]}`, offset, limit, strings.Join(items, ","))
	}, log
}

// addonID is the numeric id of an add-on.
func addonID(a cloudbedsv2.Addon) int {
	n, _ := strconv.Atoi(string(a.ID))
	return n
}

func TestGetAddonsIter(t *testing.T) {
	tests := []struct {
		name   string
		fake   pagesFake
		params cloudbedsv2.GetAddonsParams
		want   []int
		wantQ  []string
	}{
		{
			name:   "short page ends",
			fake:   pagesFake{n: 7},
			params: cloudbedsv2.GetAddonsParams{PropertyIDs: "12345", Limit: new(3)},
			want:   spectest.Span(1, 7),
			wantQ:  []string{"12345 limit=3&offset=0", "12345 limit=3&offset=3", "12345 limit=3&offset=6"},
		},
		{
			name:   "empty page ends",
			fake:   pagesFake{n: 6},
			params: cloudbedsv2.GetAddonsParams{PropertyIDs: "12345", Limit: new(2)},
			want:   spectest.Span(1, 6),
			wantQ: []string{"12345 limit=2&offset=0", "12345 limit=2&offset=2", "12345 limit=2&offset=4",
				"12345 limit=2&offset=6"},
		},
		{
			name:   "the page size the answer reports wins over the one asked",
			fake:   pagesFake{n: 7, maxLimit: 3},
			params: cloudbedsv2.GetAddonsParams{PropertyIDs: "12345,12346", Limit: new(500), Filters: new("name:contains:a")},
			want:   spectest.Span(1, 7),
			wantQ: []string{"12345,12346 limit=500&offset=0&filters=name%3Acontains%3Aa",
				"12345,12346 limit=500&offset=3&filters=name%3Acontains%3Aa",
				"12345,12346 limit=500&offset=6&filters=name%3Acontains%3Aa"},
		},
		{
			name:   "starts at the caller's offset",
			fake:   pagesFake{n: 8},
			params: cloudbedsv2.GetAddonsParams{PropertyIDs: "12345", Limit: new(3), Offset: new(1)},
			want:   spectest.Span(2, 8),
			wantQ:  []string{"12345 limit=3&offset=1", "12345 limit=3&offset=4", "12345 limit=3&offset=7"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsV2)
			h, log := tc.fake.handler()
			srv.Handle("getAddons", h)
			c := pagesClient(t, srv)

			got, errs := spectest.Drain(c.GetAddonsIter(context.Background(), &tc.params), addonID)
			if len(errs) > 0 {
				t.Fatalf("GetAddonsIter() errors = %v, want none", errs)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("GetAddonsIter() ids = %v, want %v", got, tc.want)
			}
			if q := log.Requests(); !slices.Equal(q, tc.wantQ) {
				t.Errorf("GetAddonsIter() requests = %q, want %q", q, tc.wantQ)
			}
		})
	}
}

func TestGetAddonsIterErrorsAndStops(t *testing.T) {
	params := cloudbedsv2.GetAddonsParams{PropertyIDs: "12345", Limit: new(3)}

	t.Run("500 ends the iteration with one error", func(t *testing.T) {
		srv := spectest.New(t, specs.CloudbedsV2)
		h, log := pagesFake{n: 9, failOffset: 6}.handler()
		srv.Handle("getAddons", h)
		c := pagesClient(t, srv)

		got, errs := spectest.Drain(c.GetAddonsIter(context.Background(), &params), addonID)
		if want := spectest.Span(1, 6); !slices.Equal(got, want) {
			t.Errorf("GetAddonsIter() ids = %v, want %v", got, want)
		}
		want := "cloudbedsv2: GetAddons offset 6: unexpected status 500"
		if len(errs) != 1 || errs[0].Error() != want {
			t.Errorf("GetAddonsIter() errors = %v, want [%s]", errs, want)
		}
		if n := len(log.Requests()); n != 3 {
			t.Errorf("GetAddonsIter() sent %d requests, want 3", n)
		}
	})

	t.Run("break sends no further request", func(t *testing.T) {
		srv := spectest.New(t, specs.CloudbedsV2)
		h, log := pagesFake{n: 9}.handler()
		srv.Handle("getAddons", h)
		c := pagesClient(t, srv)

		n := 0
		for _, err := range c.GetAddonsIter(context.Background(), &params) {
			if err != nil {
				t.Fatalf("GetAddonsIter() error = %v", err)
			}
			if n++; n == 4 {
				break
			}
		}
		if q, want := log.Requests(), []string{"12345 limit=3&offset=0", "12345 limit=3&offset=3"}; !slices.Equal(q, want) {
			t.Errorf("GetAddonsIter() requests after break = %q, want %q", q, want)
		}
	})

	t.Run("cancelled ctx ends the iteration", func(t *testing.T) {
		srv := spectest.New(t, specs.CloudbedsV2)
		h, log := pagesFake{n: 9}.handler()
		srv.Handle("getAddons", h)
		c := pagesClient(t, srv)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var errs []error
		n := 0
		for _, err := range c.GetAddonsIter(ctx, &params) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if n++; n == 2 {
				cancel()
			}
		}
		if n != 3 {
			t.Errorf("GetAddonsIter() yielded %d items, want 3 (the page already fetched)", n)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("GetAddonsIter() errors = %v, want one wrapping context.Canceled", errs)
		}
		if n := len(log.Requests()); n != 1 {
			t.Errorf("GetAddonsIter() sent %d requests, want 1", n)
		}
	})
}
