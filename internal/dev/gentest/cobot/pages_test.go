package cobot_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// pagesClient returns a typed client for srv with a synthetic bearer token and the JSON:API
// Accept header.
func pagesClient(t *testing.T, srv *spectest.Server) *cobot.ClientWithResponses {
	t.Helper()
	editor := spectest.Headers("Authorization", "Bearer synthetic-token", "Accept", "application/vnd.api+json")
	c, err := cobot.NewClientWithResponses(srv.BaseURL(), cobot.WithRequestEditorFn(editor))
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", srv.BaseURL(), err)
	}
	return c
}

// pagesFake answers a JSON:API collection by page[number] and page[size] from n resources with
// ids "r1".."rn".
type pagesFake struct {
	n        int    // resources in the collection
	kind     string // resource type
	links    bool   // send links, with next null on the last page
	meta     bool   // send meta with totalPages and currentPage
	noNextAt int    // page whose links carry no next although more data follows (0: none)
	failPage int    // answer 402 on this page (0: never)
}

func (f pagesFake) handler() (http.HandlerFunc, *spectest.RequestLog) {
	log := &spectest.RequestLog{}
	return func(w http.ResponseWriter, r *http.Request) {
		raw, _ := url.QueryUnescape(r.URL.RawQuery)
		log.Add(raw)
		q := r.URL.Query()
		page, size := 1, 72
		if v := q.Get("page[number]"); v != "" {
			page, _ = strconv.Atoi(v)
		}
		if v := q.Get("page[size]"); v != "" {
			size, _ = strconv.Atoi(v)
		}
		w.Header().Set("Content-Type", "application/vnd.api+json")
		if page == f.failPage {
			w.WriteHeader(http.StatusPaymentRequired)
			fmt.Fprint(w, `{"errors":[{"status":"402","title":"Payment required","detail":"Add-on missing."}]}`)
			return
		}
		var items []string
		for id := (page-1)*size + 1; id <= min(page*size, f.n); id++ {
			items = append(items, fmt.Sprintf(`{"id":"r%d","type":%q}`, id, f.kind))
		}
		pages := max(1, (f.n+size-1)/size)
		var extra string
		if f.meta {
			extra += fmt.Sprintf(`,"meta":{"totalPages":%d,"currentPage":%d}`, pages, page)
		}
		if f.links {
			next := "null"
			if page < pages && page != f.noNextAt {
				next = fmt.Sprintf(`"/x?page[number]=%d&page[size]=%d"`, page+1, size)
			}
			extra += fmt.Sprintf(`,"links":{"self":"/x?page[number]=%d&page[size]=%d","next":%s}`, page, size, next)
		}
		fmt.Fprintf(w, `{"data":[%s]%s}`, strings.Join(items, ","), extra)
	}, log
}

func pagesSeq(from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, "r"+strconv.Itoa(i))
	}
	return out
}

func pagesQueries(size int, pages ...int) []string {
	var out []string
	for _, p := range pages {
		out = append(out, fmt.Sprintf("page[number]=%d&page[size]=%d", p, size))
	}
	return out
}

func TestListEventTagsIter(t *testing.T) {
	size3 := cobot.ListEventTagsParams{PageSize: new(3)}
	tests := []struct {
		name   string
		fake   pagesFake
		params cobot.ListEventTagsParams
		want   []string
		wantQ  []string
	}{
		{
			name:   "no next link and the last page end",
			fake:   pagesFake{n: 7, links: true, meta: true},
			params: size3,
			want:   pagesSeq(1, 7),
			wantQ:  pagesQueries(3, 1, 2, 3),
		},
		{
			name:   "links alone: a null next ends",
			fake:   pagesFake{n: 9, links: true},
			params: size3,
			want:   pagesSeq(1, 9),
			wantQ:  pagesQueries(3, 1, 2, 3),
		},
		{
			name:   "links alone: a missing next ends although pages remain",
			fake:   pagesFake{n: 9, links: true, noNextAt: 2},
			params: size3,
			want:   pagesSeq(1, 6),
			wantQ:  pagesQueries(3, 1, 2),
		},
		{
			name:   "meta alone: the current page reaching totalPages ends",
			fake:   pagesFake{n: 9, meta: true},
			params: size3,
			want:   pagesSeq(1, 9),
			wantQ:  pagesQueries(3, 1, 2, 3),
		},
		{
			name:   "neither: a short page ends",
			fake:   pagesFake{n: 8},
			params: size3,
			want:   pagesSeq(1, 8),
			wantQ:  pagesQueries(3, 1, 2, 3),
		},
		{
			name:   "neither: an empty page ends",
			fake:   pagesFake{n: 6},
			params: size3,
			want:   pagesSeq(1, 6),
			wantQ:  pagesQueries(3, 1, 2, 3),
		},
		{
			name:   "starts at the caller's page",
			fake:   pagesFake{n: 8, links: true, meta: true},
			params: cobot.ListEventTagsParams{PageSize: new(2), PageNumber: new(2)},
			want:   pagesSeq(3, 8),
			wantQ:  pagesQueries(2, 2, 3, 4),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Cobot)
			tc.fake.kind = "eventTags"
			h, log := tc.fake.handler()
			srv.Handle("list-event-tags", h)
			c := pagesClient(t, srv)

			var got []string
			for tag, err := range c.ListEventTagsIter(context.Background(), "c9a9e1e2", &tc.params) {
				if err != nil {
					t.Fatalf("ListEventTagsIter() error = %v", err)
				}
				got = append(got, tag.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ListEventTagsIter() ids = %v, want %v", got, tc.want)
			}
			if q := log.Requests(); !slices.Equal(q, tc.wantQ) {
				t.Errorf("ListEventTagsIter() queries = %q, want %q", q, tc.wantQ)
			}
			req, _ := srv.LastRequest("list-event-tags")
			if got, want := req.URL.Path, "/spaces/c9a9e1e2/events/tags"; got != want {
				t.Errorf("ListEventTagsIter() path = %q, want %q", got, want)
			}
		})
	}
}

func TestGetExternalResourcesIterErrorsAndStops(t *testing.T) {
	params := cobot.GetExternalResourcesParams{PageSize: new(3)}
	fake := pagesFake{n: 9, kind: "externalResources", links: true, meta: true}

	t.Run("402 ends the iteration with one error", func(t *testing.T) {
		srv := spectest.New(t, specs.Cobot)
		f := fake
		f.failPage = 2
		h, log := f.handler()
		srv.Handle("get-external-resources", h)
		c := pagesClient(t, srv)

		var got []string
		var errs []error
		for r, err := range c.GetExternalResourcesIter(context.Background(), "c9a9e1e2", &params) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, r.ID)
		}
		if want := pagesSeq(1, 3); !slices.Equal(got, want) {
			t.Errorf("GetExternalResourcesIter() ids = %v, want %v", got, want)
		}
		want := "cobot: GetExternalResources page 2: unexpected status 402"
		if len(errs) != 1 || errs[0].Error() != want {
			t.Errorf("GetExternalResourcesIter() errors = %v, want [%s]", errs, want)
		}
		if n := len(log.Requests()); n != 2 {
			t.Errorf("GetExternalResourcesIter() sent %d requests, want 2", n)
		}
	})

	t.Run("break sends no further request", func(t *testing.T) {
		srv := spectest.New(t, specs.Cobot)
		h, log := fake.handler()
		srv.Handle("get-external-resources", h)
		c := pagesClient(t, srv)

		for r, err := range c.GetExternalResourcesIter(context.Background(), "c9a9e1e2", &params) {
			if err != nil {
				t.Fatalf("GetExternalResourcesIter() error = %v", err)
			}
			if r.ID == "r3" {
				break
			}
		}
		if q, want := log.Requests(), pagesQueries(3, 1); !slices.Equal(q, want) {
			t.Errorf("GetExternalResourcesIter() queries after break = %q, want %q", q, want)
		}
	})

	t.Run("cancelled ctx ends the iteration", func(t *testing.T) {
		srv := spectest.New(t, specs.Cobot)
		h, log := fake.handler()
		srv.Handle("get-external-resources", h)
		c := pagesClient(t, srv)

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var got []string
		var errs []error
		for r, err := range c.GetExternalResourcesIter(ctx, "c9a9e1e2", &params) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, r.ID)
			if r.ID == "r4" {
				cancel()
			}
		}
		if want := pagesSeq(1, 6); !slices.Equal(got, want) {
			t.Errorf("GetExternalResourcesIter() ids = %v, want %v", got, want)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("GetExternalResourcesIter() errors = %v, want one wrapping context.Canceled", errs)
		}
		if n := len(log.Requests()); n != 2 {
			t.Errorf("GetExternalResourcesIter() sent %d requests, want 2", n)
		}
	})
}

// TestGetExternalResourcesIterParams pins the params convention for JSON:API pages: nil params
// asks from page 1, and the iterator advances page[number] on its own copy, never on the
// caller's value.
func TestGetExternalResourcesIterParams(t *testing.T) {
	srv := spectest.New(t, specs.Cobot)
	h, log := pagesFake{n: 5, kind: "externalResources", links: true, meta: true}.handler()
	srv.Handle("get-external-resources", h)
	c := pagesClient(t, srv)

	var got []string
	for r, err := range c.GetExternalResourcesIter(context.Background(), "c9a9e1e2", nil) {
		if err != nil {
			t.Fatalf("GetExternalResourcesIter(nil) error = %v", err)
		}
		got = append(got, r.ID)
	}
	if want := pagesSeq(1, 5); !slices.Equal(got, want) {
		t.Errorf("GetExternalResourcesIter(nil) ids = %v, want %v", got, want)
	}

	page, size := cobot.PageNumber(2), cobot.PageSize(2)
	params := &cobot.GetExternalResourcesParams{PageNumber: &page, PageSize: &size}
	before := *params
	n0 := len(log.Requests())
	for loop := 1; loop <= 2; loop++ {
		got = got[:0]
		for r, err := range c.GetExternalResourcesIter(context.Background(), "c9a9e1e2", params) {
			if err != nil {
				t.Fatalf("loop %d: GetExternalResourcesIter(page 2) error = %v", loop, err)
			}
			got = append(got, r.ID)
		}
		if want := pagesSeq(3, 5); !slices.Equal(got, want) {
			t.Errorf("loop %d: GetExternalResourcesIter(page 2) ids = %v, want %v", loop, got, want)
		}
		if params.PageNumber != before.PageNumber || params.PageSize != before.PageSize || page != 2 || size != 2 {
			t.Errorf("loop %d: GetExternalResourcesIter() modified the caller's params: page %d, size %d", loop, page, size)
		}
	}
	if q, want := log.Requests()[n0:], slices.Concat(pagesQueries(2, 2, 3), pagesQueries(2, 2, 3)); !slices.Equal(q, want) {
		t.Errorf("GetExternalResourcesIter() queries of two loops = %q, want %q", q, want)
	}
}
