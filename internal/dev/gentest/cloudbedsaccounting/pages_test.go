package cloudbedsaccounting_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestLedgersIter pages through accounts receivable ledgers: the page token and size the
// document splits out of the exploded filter object reach the wire as pageToken and pageSize next
// to the filter's own keys, and the iterator stops when an answer carries no nextPageToken.
func TestLedgersIter(t *testing.T) {
	tests := []struct {
		name     string
		n, limit int
		want     []string // the query of each request
	}{
		{"one page", 2, 5, []string{"pageSize=5&searchQuery=acme"}},
		{"three pages", 5, 2, []string{"pageSize=2&searchQuery=acme", "pageSize=2&pageToken=2&searchQuery=acme",
			"pageSize=2&pageToken=4&searchQuery=acme"}},
		{"empty", 0, 3, []string{"pageSize=3&searchQuery=acme"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsAccounting)
			log := &spectest.RequestLog{}
			srv.Handle("getAccountsReceivableLedgers", func(w http.ResponseWriter, r *http.Request) {
				q := r.URL.Query()
				log.Add(q.Encode())
				from, _ := strconv.Atoi(q.Get("pageToken"))
				size, _ := strconv.Atoi(q.Get("pageSize"))
				body := `{"content": [`
				for i := from; i < min(from+size, tc.n); i++ {
					if i > from {
						body += ","
					}
					body += fmt.Sprintf(`{"id": "%d", "name": "Ledger %d"}`, 6001+i, i)
				}
				body += "]"
				if from+size < tc.n {
					body += fmt.Sprintf(`, "nextPageToken": "%d"`, from+size)
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, body+"}")
			})
			c, err := cloudbedsaccounting.NewClientWithResponses(srv.BaseURL(),
				cloudbedsaccounting.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
			if err != nil {
				t.Fatalf("NewClientWithResponses = %v", err)
			}
			search := "acme"
			limit := int32(tc.limit)
			params := cloudbedsaccounting.GetAccountsReceivableLedgersParams{PropertyID: 172938, Limit: &limit,
				Filter: &cloudbedsaccounting.LedgerFilter{SearchQuery: &search}}
			ids, errs := spectest.Drain(c.GetAccountsReceivableLedgersIter(t.Context(), &params),
				func(l cloudbedsaccounting.AccountsReceivableLedgerResponse) string { return *l.ID })
			if len(errs) != 0 {
				t.Fatalf("GetAccountsReceivableLedgersIter errors = %v", errs)
			}
			if len(ids) != tc.n {
				t.Errorf("GetAccountsReceivableLedgersIter yielded %d ledgers (%v), want %d", len(ids), ids, tc.n)
			}
			got := log.Requests()
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("requests = %q, want %q", got, tc.want)
			}
		})
	}
}
