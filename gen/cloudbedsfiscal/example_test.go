package cloudbedsfiscal_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
)

// fakeFiscal starts a stand-in for the Fiscal Documents API on loopback: two pages of documents
// chained by a page token (amounts as numbers or strings, dates without an offset, as the live
// service sends them), invoice creation, and a status update that refuses a move the lifecycle
// does not allow.
func fakeFiscal() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /fiscal-document/v1/fiscal-documents", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("pageToken") == "" {
			fmt.Fprint(w, `{"fiscalDocuments": [
				{"id": "5001", "number": "INV-0001", "kind": "INVOICE", "status": "OPEN", "amount": 230.5, "files": []},
				{"id": "5003", "number": "REC-0001", "kind": "RECEIPT", "status": "OPEN", "amount": "50.00", "files": []}],
				"nextPageToken": "p2"}`)
			return
		}
		fmt.Fprint(w, `{"fiscalDocuments": [{"id": "5004", "number": "PF-0001", "kind": "PRO_FORMA_INVOICE", "status": "ACCEPTED",
			"amount": 230.5, "createdAt": "2025-02-15 08:00:00", "files": []}]}`)
	})
	mux.HandleFunc("POST /fiscal-document/v1/fiscal-documents/invoice", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			SourceID int64 `json:"sourceId"`
		}
		if json.NewDecoder(r.Body).Decode(&in) != nil || in.SourceID == 0 {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id": "5101", "kind": "INVOICE", "status": "OPEN"}`)
	})
	mux.HandleFunc("PUT /fiscal-document/v1/fiscal-documents/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"id": "r-1", "timestamp": "2025-03-01T10:00:00Z", "errorCode": "INVALID_STATUS_TRANSITION",
			"errorDetails": "Fiscal document %s cannot move from OPEN to COMPLETED_INTEGRATION"}`, r.PathValue("id"))
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" || r.Header.Get("X-Property-ID") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error": "access_denied", "message": "missing credentials"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// bearerToken is a request editor adding a bearer token; in real code use the auth package's
// editors with a cached token source, or hospitality.ConnectCloudbedsFiscalDocuments.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example walks every fiscal document with the generated iterator, which sends each
// answer's nextPageToken back as pageToken until an answer has none.
func ExampleClientWithResponses_GetFiscalDocumentsIter() {
	srv := fakeFiscal()
	defer srv.Close()
	c, err := cloudbedsfiscal.NewClientWithResponses(srv.URL, cloudbedsfiscal.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	for doc, err := range c.GetFiscalDocumentsIter(context.Background(), &cloudbedsfiscal.GetFiscalDocumentsParams{PropertyID: 172938}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %s %s %.2f\n", *doc.Number, *doc.Kind, *doc.Status, float64(doc.Amount))
	}
	// Output:
	// INV-0001 INVOICE OPEN 230.50
	// REC-0001 RECEIPT OPEN 50.00
	// PF-0001 PRO_FORMA_INVOICE ACCEPTED 230.50
}

// This example issues an invoice for two transactions of a reservation, then reports a status
// the lifecycle refuses: the typed JSON400 field carries the API's error body.
func ExampleClientWithResponses_CreateInvoiceWithResponse() {
	srv := fakeFiscal()
	defer srv.Close()
	c, err := cloudbedsfiscal.NewClientWithResponses(srv.URL, cloudbedsfiscal.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	inv, err := c.CreateInvoiceWithResponse(ctx, &cloudbedsfiscal.CreateInvoiceParams{PropertyID: 172938},
		cloudbedsfiscal.CreateInvoiceJSONRequestBody{TransactionIds: []int64{700001, 700002}, SourceID: 9876543210,
			SourceKind: cloudbedsfiscal.SourceKindRESERVATION})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*inv.JSON200.ID, *inv.JSON200.Kind, *inv.JSON200.Status)

	status := cloudbedsfiscal.FiscalDocumentStatusCOMPLETEDINTEGRATION
	res, err := c.PutFiscalDocumentWithResponse(ctx, 5101, &cloudbedsfiscal.PutFiscalDocumentParams{PropertyID: 172938},
		cloudbedsfiscal.PutFiscalDocumentJSONRequestBody{Status: &status})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.StatusCode(), *res.JSON400.ErrorCode)
	// Output:
	// 5101 INVOICE OPEN
	// 400 INVALID_STATUS_TRANSITION
}
