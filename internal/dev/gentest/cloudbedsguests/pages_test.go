package cloudbedsguests_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// items writes n JSON objects numbered from, built by one.
func items(from, to int, one func(i int) string) string {
	s := ""
	for i := from; i < to; i++ {
		if i > from {
			s += ","
		}
		s += one(i)
	}
	return s
}

// TestProfilesIter pages through profiles with offset and limit: each request advances offset by
// the page size, and the iterator stops on a short page or when offset reaches the total.
func TestProfilesIter(t *testing.T) {
	tests := []struct {
		name      string
		n, limit  int
		withTotal bool
		want      []string // the query of each request
	}{
		{"one short page", 2, 5, false, []string{"limit=5&offset=0"}},
		{"short last page", 5, 2, false, []string{"limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4"}},
		{"exact pages end at the total", 4, 2, true, []string{"includeTotal=true&limit=2&offset=0", "includeTotal=true&limit=2&offset=2"}},
		{"empty", 0, 3, false, []string{"limit=3&offset=0"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsGuestProfiles)
			log := &spectest.RequestLog{}
			srv.Handle("listProfiles", func(w http.ResponseWriter, r *http.Request) {
				q := r.URL.Query()
				log.Add(q.Encode())
				from, _ := strconv.Atoi(q.Get("offset"))
				size, _ := strconv.Atoi(q.Get("limit"))
				total := ""
				if q.Get("includeTotal") == "true" {
					total = fmt.Sprintf(`"total": %d, `, tc.n)
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"offset": %d, "limit": %d, %s"data": [%s]}`, from, size, total,
					items(from, min(from+size, tc.n), func(i int) string { return fmt.Sprintf(`{"id": "%d", "photoId": "%d"}`, 88120001+i, i) }))
			})
			c, err := cloudbedsguests.NewClientWithResponses(srv.BaseURL(),
				cloudbedsguests.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
			if err != nil {
				t.Fatalf("NewClientWithResponses = %v", err)
			}
			limit := tc.limit
			params := cloudbedsguests.ListProfilesParams{OrganizationID: "9", Limit: &limit}
			if tc.withTotal {
				yes := true
				params.IncludeTotal = &yes
			}
			ids, errs := spectest.Drain(c.ListProfilesIter(t.Context(), &params), func(p cloudbedsguests.ProfileResponse) string { return *p.ID })
			if len(errs) != 0 {
				t.Fatalf("ListProfilesIter errors = %v", errs)
			}
			if len(ids) != tc.n {
				t.Errorf("ListProfilesIter yielded %d profiles (%v), want %d", len(ids), ids, tc.n)
			}
			if got := log.Requests(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("requests = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestMergesIter pages through the merge history with page and perPage, the wire names of the
// iterator's PageNumber and PageSize.
func TestMergesIter(t *testing.T) {
	srv := spectest.New(t, specs.CloudbedsGuestProfiles)
	log := &spectest.RequestLog{}
	const n = 3
	srv.Handle("listMerges", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		log.Add(q.Encode())
		page, _ := strconv.Atoi(q.Get("page"))
		per, _ := strconv.Atoi(q.Get("perPage"))
		from := (page - 1) * per
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"offset": %d, "limit": %d, "total": %d, "data": [%s]}`, from, per, n,
			items(from, min(from+per, n), func(i int) string {
				return fmt.Sprintf(`{"id": "%d", "eventType": "merge", "mergedAt": "2025-02-1%d 12:00:00"}`, 7300001+i, i)
			}))
	})
	c, err := cloudbedsguests.NewClientWithResponses(srv.BaseURL(),
		cloudbedsguests.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
	if err != nil {
		t.Fatalf("NewClientWithResponses = %v", err)
	}
	per := 2
	ids, errs := spectest.Drain(c.ListMergesIter(t.Context(), &cloudbedsguests.ListMergesParams{OrganizationID: "9", PageSize: &per}),
		func(m cloudbedsguests.ProfileMerge) string { return *m.ID + "@" + m.MergedAt.Format("2006-01-02") })
	if len(errs) != 0 {
		t.Fatalf("ListMergesIter errors = %v", errs)
	}
	if want := "[7300001@2025-02-10 7300002@2025-02-11 7300003@2025-02-12]"; fmt.Sprint(ids) != want {
		t.Errorf("ListMergesIter = %v, want %s", ids, want)
	}
	if got, want := log.Requests(), []string{"page=1&perPage=2", "page=2&perPage=2"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests = %q, want %q", got, want)
	}
}
