package cloudbedspaymentelement_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestListAPIKeysIter pages through Payment Element keys: page_token carries the answer's
// next_page_token, page_size and the property filter reach the wire on every request, and the
// iterator stops when next_page_token is null.
func TestListAPIKeysIter(t *testing.T) {
	tests := []struct {
		name     string
		n, limit int
		want     []string // the query of each request
	}{
		{"one page", 2, 5, []string{"page_size=5&property_ids=210643"}},
		{"three pages", 5, 2, []string{"page_size=2&property_ids=210643", "page_size=2&page_token=c2&property_ids=210643",
			"page_size=2&page_token=c4&property_ids=210643"}},
		{"empty", 0, 3, []string{"page_size=3&property_ids=210643"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsPaymentElement)
			log := &spectest.RequestLog{}
			srv.Handle("listAPIKeys", func(w http.ResponseWriter, r *http.Request) {
				q := r.URL.Query()
				log.Add(q.Encode())
				from, _ := strconv.Atoi(strings.TrimPrefix(q.Get("page_token"), "c"))
				size, _ := strconv.Atoi(q.Get("page_size"))
				var keys []string
				for i := from; i < min(from+size, tc.n); i++ {
					keys = append(keys, fmt.Sprintf(`{"identity": "pek_%02d", "property_ids": [210643], "status": "active",
						"created_at": "2025-06-01T10:00:00.000000Z", "revoked_at": null}`, i))
				}
				next := "null"
				if from+size < tc.n {
					next = fmt.Sprintf(`"c%d"`, from+size)
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"api_keys": [%s], "next_page_token": %s}`, strings.Join(keys, ","), next)
			})
			c, err := cloudbedspaymentelement.NewClientWithResponses(srv.BaseURL(),
				cloudbedspaymentelement.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
			if err != nil {
				t.Fatalf("NewClientWithResponses = %v", err)
			}
			limit := tc.limit
			params := cloudbedspaymentelement.ListAPIKeysParams{Limit: &limit, PropertyIDs: &[]string{"210643"}}
			ids, errs := spectest.Drain(c.ListAPIKeysIter(t.Context(), &params),
				func(k cloudbedspaymentelement.APIKey) string { return *k.Identity + "@" + string((*k.PropertyIDs)[0]) })
			if len(errs) != 0 {
				t.Fatalf("ListAPIKeysIter errors = %v", errs)
			}
			if len(ids) != tc.n {
				t.Errorf("ListAPIKeysIter yielded %d keys (%v), want %d", len(ids), ids, tc.n)
			}
			for _, id := range ids {
				if !strings.HasSuffix(id, "@210643") {
					t.Errorf("key %s: the numeric property id did not decode as 210643", id)
				}
			}
			if got := log.Requests(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("requests = %q, want %q", got, tc.want)
			}
		})
	}
}
