package cloudbedsfiscal_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestFiscalDocumentsIter pages through fiscal documents: the filters reach the wire as their own
// query parameters (lists repeated) beside pageToken and limit, and the iterator stops when an
// answer carries no nextPageToken.
func TestFiscalDocumentsIter(t *testing.T) {
	tests := []struct {
		name     string
		n, limit int
		want     []string // the query of each request
	}{
		{"one page", 2, 5, []string{"kinds=INVOICE&kinds=RECEIPT&limit=5&statuses=OPEN"}},
		{"three pages", 5, 2, []string{"kinds=INVOICE&kinds=RECEIPT&limit=2&statuses=OPEN",
			"kinds=INVOICE&kinds=RECEIPT&limit=2&pageToken=2&statuses=OPEN", "kinds=INVOICE&kinds=RECEIPT&limit=2&pageToken=4&statuses=OPEN"}},
		{"empty", 0, 3, []string{"kinds=INVOICE&kinds=RECEIPT&limit=3&statuses=OPEN"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsFiscalDocuments)
			log := &spectest.RequestLog{}
			srv.Handle("getFiscalDocuments", func(w http.ResponseWriter, r *http.Request) {
				q := r.URL.Query()
				log.Add(q.Encode())
				from, _ := strconv.Atoi(q.Get("pageToken"))
				size, _ := strconv.Atoi(q.Get("limit"))
				var docs []string
				for i := from; i < min(from+size, tc.n); i++ {
					docs = append(docs, fmt.Sprintf(`{"id": "%d", "kind": "INVOICE", "status": "OPEN", "amount": "%d.50", "files": []}`, 5001+i, i))
				}
				body := `{"fiscalDocuments": [` + strings.Join(docs, ",") + "]"
				if from+size < tc.n {
					body += fmt.Sprintf(`, "nextPageToken": "%d"`, from+size)
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, body+"}")
			})
			c, err := cloudbedsfiscal.NewClientWithResponses(srv.BaseURL(),
				cloudbedsfiscal.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
			if err != nil {
				t.Fatalf("NewClientWithResponses = %v", err)
			}
			limit := int32(tc.limit)
			params := &cloudbedsfiscal.GetFiscalDocumentsParams{PropertyID: 172938, Limit: &limit,
				Kinds:    &[]cloudbedsfiscal.FiscalDocumentKind{cloudbedsfiscal.FiscalDocumentKindINVOICE, cloudbedsfiscal.FiscalDocumentKindRECEIPT},
				Statuses: &[]cloudbedsfiscal.FiscalDocumentStatus{cloudbedsfiscal.FiscalDocumentStatusOPEN}}
			ids, errs := spectest.Drain(c.GetFiscalDocumentsIter(t.Context(), params),
				func(d cloudbedsfiscal.FiscalDocumentDetailedResponse) string { return *d.ID })
			if len(errs) != 0 {
				t.Fatalf("GetFiscalDocumentsIter errors = %v", errs)
			}
			if len(ids) != tc.n {
				t.Errorf("GetFiscalDocumentsIter yielded %d documents (%v), want %d", len(ids), ids, tc.n)
			}
			if got := log.Requests(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("requests = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDocumentTransactionsIter pages through a document's transactions, the document id in the
// path on every page.
func TestDocumentTransactionsIter(t *testing.T) {
	srv := spectest.New(t, specs.CloudbedsFiscalDocuments)
	log := &spectest.RequestLog{}
	srv.Handle("getFiscalDocumentTransactionsById", func(w http.ResponseWriter, r *http.Request) {
		log.Add(r.URL.Path + "?" + r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("pageToken") == "" {
			fmt.Fprint(w, `{"transactions": [{"id": "700001", "amount": 200}], "nextPageToken": "t2"}`)
			return
		}
		fmt.Fprint(w, `{"transactions": [{"id": "700002", "amount": "30.50"}]}`)
	})
	c, err := cloudbedsfiscal.NewClientWithResponses(srv.BaseURL(),
		cloudbedsfiscal.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
	if err != nil {
		t.Fatalf("NewClientWithResponses = %v", err)
	}
	var amounts []float64
	for tx, err := range c.GetFiscalDocumentTransactionsByIDIter(t.Context(), "5001", &cloudbedsfiscal.GetFiscalDocumentTransactionsByIDParams{PropertyID: 172938}) {
		if err != nil {
			t.Fatalf("GetFiscalDocumentTransactionsByIDIter: %v", err)
		}
		amounts = append(amounts, float64(tx.Amount))
	}
	if fmt.Sprint(amounts) != "[200 30.5]" {
		t.Errorf("amounts = %v, want [200 30.5]", amounts)
	}
	want := []string{"/fiscal-document/v1/fiscal-documents/5001/transactions?", "/fiscal-document/v1/fiscal-documents/5001/transactions?pageToken=t2"}
	if got := log.Requests(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("requests = %q, want %q", got, want)
	}
}
