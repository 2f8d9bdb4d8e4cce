package cloudbedsgroups_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestProfilesIter pages through profiles: the filters and the page size go out on every
// request, each answer's nextPageToken comes back as pageToken, and the iterator stops at an
// answer whose nextPageToken is null (how Cloudbeds marks the last page).
func TestProfilesIter(t *testing.T) {
	tests := []struct {
		name     string
		n, limit int
		want     []string // the query of each request
	}{
		{"one page", 2, 5, []string{"limit=5&profileType=GROUP%2CCOMPANY"}},
		{"three pages", 5, 2, []string{"limit=2&profileType=GROUP%2CCOMPANY", "limit=2&pageToken=c2&profileType=GROUP%2CCOMPANY",
			"limit=2&pageToken=c4&profileType=GROUP%2CCOMPANY"}},
		{"empty", 0, 3, []string{"limit=3&profileType=GROUP%2CCOMPANY"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsGroupProfile)
			log := &spectest.RequestLog{}
			srv.Handle("listAllProfiles", func(w http.ResponseWriter, r *http.Request) {
				q := r.URL.Query()
				log.Add(q.Encode())
				if r.Header.Get("x-organization-id") != "9" {
					t.Errorf("x-organization-id = %q, want 9", r.Header.Get("x-organization-id"))
				}
				from, _ := strconv.Atoi(q.Get("pageToken")[min(1, len(q.Get("pageToken"))):])
				size, _ := strconv.Atoi(q.Get("limit"))
				body := `{"data": [`
				for i := from; i < min(from+size, tc.n); i++ {
					if i > from {
						body += ","
					}
					body += fmt.Sprintf(`{"id": "%d", "code": "P%d", "name": "Profile %d", "status": "ACTIVE"}`, 1907481861900001+i, i, i)
				}
				body += `], "nextPageToken": null}`
				if from+size < tc.n {
					body = body[:len(body)-len(`null}`)] + fmt.Sprintf(`"c%d"}`, from+size)
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, body)
			})
			c, err := cloudbedsgroups.NewClientWithResponses(srv.BaseURL(),
				cloudbedsgroups.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
			if err != nil {
				t.Fatalf("NewClientWithResponses = %v", err)
			}
			params := cloudbedsgroups.ListAllProfilesParams{OrganizationID: 9, Limit: new(tc.limit),
				ProfileType: &cloudbedsgroups.ProfileTypes{cloudbedsgroups.GROUP, cloudbedsgroups.COMPANY}}
			codes, errs := spectest.Drain(c.ListAllProfilesIter(t.Context(), &params),
				func(p cloudbedsgroups.Profile) string { return p.Code })
			if len(errs) != 0 {
				t.Fatalf("ListAllProfilesIter errors = %v", errs)
			}
			if len(codes) != tc.n {
				t.Errorf("ListAllProfilesIter yielded %d profiles (%v), want %d", len(codes), codes, tc.n)
			}
			if got := log.Requests(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("requests = %q, want %q", got, tc.want)
			}
		})
	}
}
