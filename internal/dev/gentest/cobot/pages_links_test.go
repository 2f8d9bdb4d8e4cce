package cobot_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// linksFake answers list-event-tags with two resources per page and, on each page in next, the
// links.next given there (a format string: %s is the base URL of the fake API).
type linksFake struct {
	next    map[int]string // page -> links.next; a page missing here has next null
	noLinks bool           // send no links at all
	last    int            // last page with data
}

func (f linksFake) handler(base func() string) (http.HandlerFunc, *[]url.Values) {
	var queries []url.Values
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		queries = append(queries, q)
		page, _ := strconv.Atoi(q.Get("page[number]"))
		if page == 0 {
			page = 1
		}
		size := 2
		if v := q.Get("page[size]"); v != "" {
			size, _ = strconv.Atoi(v)
		}
		var items []string
		if page <= f.last {
			for id := (page-1)*size + 1; id <= page*size; id++ {
				items = append(items, fmt.Sprintf(`{"id":"r%d","type":"eventTags"}`, id))
			}
		}
		links := ""
		if !f.noLinks {
			next := "null"
			if n, ok := f.next[page]; ok {
				next = strconv.Quote(strings.ReplaceAll(n, "%s", base()))
			}
			links = `,"links":{"next":` + next + `}`
		}
		w.Header().Set("Content-Type", "application/vnd.api+json")
		fmt.Fprintf(w, `{"data":[%s]%s}`, strings.Join(items, ","), links)
	}, &queries
}

// page describes a logged query as page[number]/page[size] plus filter[from] when present.
func page(q url.Values) string {
	s := "page " + q.Get("page[number]") + " size " + q.Get("page[size]")
	if v := q.Get("filter[from]"); v != "" {
		s += " from " + v
	}
	return s
}

// Issue 18: the Cobot iterators incremented page[number] and used links.next only as a stop
// signal; they now take the next page (and its query parameters) from links.next.
func TestListEventTagsIterFollowsLinksNext(t *testing.T) {
	const path = "/spaces/c9a9e1e2/events/tags"
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		fake  linksFake
		want  []string
		wantQ []string
	}{
		{
			name: "next skips from page 1 to page 3 and changes the size and a filter",
			fake: linksFake{last: 9, next: map[int]string{
				1: "%s" + path + "?page[number]=3&page[size]=3&filter[from]=2025-02-01T00:00:00Z",
			}},
			// Page 3 of size 3 holds r7..r9.
			want:  []string{"r1", "r2", "r7", "r8", "r9"},
			wantQ: []string{"page 1 size 2 from 2025-01-01T00:00:00Z", "page 3 size 3 from 2025-02-01T00:00:00Z"},
		},
		{
			name:  "a relative next is resolved against the request",
			fake:  linksFake{last: 9, next: map[int]string{1: path + "?page[number]=2&page[size]=2", 2: "?page[number]=4"}},
			want:  []string{"r1", "r2", "r3", "r4", "r7", "r8"},
			wantQ: []string{"page 1 size 2 from 2025-01-01T00:00:00Z", "page 2 size 2 from 2025-01-01T00:00:00Z", "page 4 size 2 from 2025-01-01T00:00:00Z"},
		},
		{
			name:  "without links the page numbers count up",
			fake:  linksFake{last: 2, noLinks: true},
			want:  []string{"r1", "r2", "r3", "r4"},
			wantQ: []string{"page 1 size 2 from 2025-01-01T00:00:00Z", "page 2 size 2 from 2025-01-01T00:00:00Z", "page 3 size 2 from 2025-01-01T00:00:00Z"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Cobot)
			h, queries := tc.fake.handler(srv.BaseURL)
			srv.Handle("list-event-tags", h)
			c := pagesClient(t, srv)

			var got []string
			for tag, err := range c.ListEventTagsIter(context.Background(), "c9a9e1e2", &cobot.ListEventTagsParams{PageSize: new(2), FilterFrom: &from}) {
				if err != nil {
					t.Fatalf("ListEventTagsIter() error = %v", err)
				}
				got = append(got, tag.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("ListEventTagsIter() ids = %v, want %v", got, tc.want)
			}
			var gotQ []string
			for _, q := range *queries {
				gotQ = append(gotQ, page(q))
			}
			if !slices.Equal(gotQ, tc.wantQ) {
				t.Errorf("ListEventTagsIter() requests = %q, want %q", gotQ, tc.wantQ)
			}
		})
	}
}

// A links.next the iterator cannot follow ends the loop with an error naming it, and nothing is
// sent to another host.
func TestListEventTagsIterRejectsLinksNext(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		http.Error(w, "not here", http.StatusTeapot)
	}))
	t.Cleanup(other.Close)
	otherLink := other.URL + "/spaces/c9a9e1e2/events/tags?page[number]=2&page[size]=2"

	tests := []struct {
		name, next, wantErr string
	}{
		{name: "another host", next: otherLink, wantErr: fmt.Sprintf("links.next %q is not on http://", otherLink)},
		{name: "another scheme", next: "https://%HOST%/spaces/c9a9e1e2/events/tags?page[number]=2", wantErr: "is not on http://"},
		{name: "repeats the page", next: "?page[number]=1&page[size]=2", wantErr: `links.next "?page[number]=1&page[size]=2" asks for page 1 after page 1: the pages would go back or repeat`},
		{name: "no page number", next: "?page[size]=2", wantErr: "asks for page 1 after page 1"},
		{name: "unparsable", next: "http://[::1", wantErr: `links.next "http://[::1" cannot be parsed`},
		{name: "bad page number", next: "?page[number]=two", wantErr: `carries page[number]="two", not a page number`},
		{name: "bad filter", next: "?page[number]=2&filter[from]=yesterday", wantErr: `links.next "?page[number]=2&filter[from]=yesterday": `},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Cobot)
			next := strings.ReplaceAll(tc.next, "%HOST%", strings.TrimPrefix(srv.URL(), "http://"))
			var sent atomic.Int32
			srv.Handle("list-event-tags", func(w http.ResponseWriter, r *http.Request) {
				sent.Add(1)
				w.Header().Set("Content-Type", "application/vnd.api+json")
				fmt.Fprintf(w, `{"data":[{"id":"r1","type":"eventTags"},{"id":"r2","type":"eventTags"}],"links":{"next":%s}}`, strconv.Quote(next))
			})
			c := pagesClient(t, srv)

			var got []string
			var errs []error
			for tag, err := range c.ListEventTagsIter(context.Background(), "c9a9e1e2", &cobot.ListEventTagsParams{PageSize: new(2)}) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				got = append(got, tag.ID)
			}
			if want := []string{"r1", "r2"}; !slices.Equal(got, want) {
				t.Errorf("ListEventTagsIter() ids = %v, want %v", got, want)
			}
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "cobot: ListEventTags page 1: ") || !strings.Contains(errs[0].Error(), tc.wantErr) {
				t.Errorf("ListEventTagsIter() errors = %v, want one containing %q", errs, tc.wantErr)
			}
			if n := sent.Load(); n != 1 {
				t.Errorf("ListEventTagsIter() sent %d requests, want 1", n)
			}
			if n := elsewhere.Load(); n != 0 {
				t.Errorf("ListEventTagsIter() sent %d requests to the other host, want 0", n)
			}
		})
	}
}
