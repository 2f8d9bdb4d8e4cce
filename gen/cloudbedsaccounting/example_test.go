package cloudbedsaccounting_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
)

// fakeAccounting starts a stand-in for the Accounting API on loopback: two pages of deposit
// transactions chained by a page token, and a transaction search. Amounts arrive as numbers or
// strings, as the live service sends them.
func fakeAccounting() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /accounting/v1.0/deposits/transactions", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("pageToken") == "" {
			fmt.Fprint(w, `{"content": [{"id": "710001", "amount": 150, "availableAmount": "150.00", "currency": "USD"},
				{"id": "710002", "amount": "80.50", "availableAmount": 0, "currency": "USD"}], "nextPageToken": "t2"}`)
			return
		}
		fmt.Fprint(w, `{"content": [{"id": "710003", "amount": 42, "availableAmount": 42, "currency": "USD"}]}`)
	})
	mux.HandleFunc("POST /accounting/v1.0/transactions", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Filters struct{ Field, Operator, Value string } `json:"filters"`
		}
		json.NewDecoder(r.Body).Decode(&in)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"transactions": [{"id": "700001", "sourceId": %q, "amount": 180, "currency": "USD",
			"transactionDatetime": "2025-03-01 23:59:00"}]}`, in.Filters.Value)
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
// editors with a cached token source, or hospitality.ConnectCloudbedsAccounting.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example walks every deposit transaction with the generated iterator, which sends each
// answer's nextPageToken back as pageToken until an answer has none.
func ExampleClientWithResponses_GetDepositTransactionsIter() {
	srv := fakeAccounting()
	defer srv.Close()
	c, err := cloudbedsaccounting.NewClientWithResponses(srv.URL, cloudbedsaccounting.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	for tx, err := range c.GetDepositTransactionsIter(context.Background(), &cloudbedsaccounting.GetDepositTransactionsParams{PropertyID: 172938}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %s %.2f available %.2f\n", *tx.ID, *tx.Currency, float64(tx.Amount), float64(tx.AvailableAmount))
	}
	// Output:
	// 710001 USD 150.00 available 150.00
	// 710002 USD 80.50 available 0.00
	// 710003 USD 42.00 available 42.00
}

// This example searches the posted transactions of one reservation with a field condition.
func ExampleClientWithResponses_ListTransactionsWithResponse() {
	srv := fakeAccounting()
	defer srv.Close()
	c, err := cloudbedsaccounting.NewClientWithResponses(srv.URL, cloudbedsaccounting.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	var filters cloudbedsaccounting.Filters
	var value cloudbedsaccounting.AnyValue = "4417001"
	if err := filters.FromFieldFilter(cloudbedsaccounting.FieldFilter{
		Field: "sourceId", Operator: cloudbedsaccounting.Equals, Value: &value,
	}); err != nil {
		log.Fatal(err)
	}
	res, err := c.ListTransactionsWithResponse(context.Background(),
		&cloudbedsaccounting.ListTransactionsParams{PropertyID: 172938},
		cloudbedsaccounting.ListTransactionsJSONRequestBody{Filters: filters})
	if err != nil {
		log.Fatal(err)
	}
	for _, tx := range *res.JSON200.Transactions {
		fmt.Println(*tx.ID, *tx.SourceID, float64(tx.Amount), tx.TransactionDatetime.Format("2006-01-02 15:04"))
	}
	// Output:
	// 700001 4417001 180 2025-03-01 23:59
}
