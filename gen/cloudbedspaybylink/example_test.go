package cloudbedspaybylink_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
)

// fakePayByLink starts a stand-in for the Pay-by-Link API on loopback: one link, created and read
// back, with timestamps without an offset and the amount under "amount", as the published examples
// show them.
func fakePayByLink() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /pay-by-link", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"url": "https://pay-by-link.cloudbeds.com/#/payment/3f0c5b1e-8a47-4d2b-9e61-2c7d84a1f0b3",
			"id": "3f0c5b1e-8a47-4d2b-9e61-2c7d84a1f0b3", "expires_at": "2025-06-08T10:00:00"}`)
	})
	mux.HandleFunc("GET /pay-by-link/{uuid}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id": %q, "propertyId": 210643, "folioId": null, "payByLinkStatus": "PAID",
			"completedAt": "2025-06-02T09:30:00", "expiresAt": "2025-06-08T10:00:00", "createdAt": "2025-06-01T10:00:00",
			"captureMethod": "charge", "cost": {"amount": 150.5, "currency": "USD"}, "notes": "Balance of the stay",
			"expired": false, "paid": true, "readyForPayment": false}`, r.PathValue("uuid"))
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" || r.Header.Get("X-Property-Id") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"timestamp": 1748772000000, "errors": {"authorization": ["missing credentials"]}}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// bearerToken is a request editor adding a bearer token; in real code use
// hospitality.ConnectCloudbedsPayByLink, which sends the Cloudbeds credential as one.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example creates a payment link for a reservation's balance and reads its state back.
func ExampleClientWithResponses_CreatePayByLinkWithResponse() {
	srv := fakePayByLink()
	defer srv.Close()
	c, err := cloudbedspaybylink.NewClientWithResponses(srv.URL, cloudbedspaybylink.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	notes := "Balance of the stay"
	created, err := c.CreatePayByLinkWithResponse(ctx, &cloudbedspaybylink.CreatePayByLinkParams{PropertyID: "210643"},
		cloudbedspaybylink.PayByLinkRequest{Paid: 150.5, Description: &notes,
			InventoryObject: cloudbedspaybylink.InventoryObject{Type: "reservation", ID: "4417001"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(created.JSON200.URL)
	fmt.Println("expires", created.JSON200.ExpiresAt.Format("2006-01-02 15:04"))

	got, err := c.GetPayByLinkWithResponse(ctx, created.JSON200.ID, &cloudbedspaybylink.GetPayByLinkParams{PropertyID: "210643"})
	if err != nil {
		log.Fatal(err)
	}
	link := got.JSON200
	fmt.Println(link.PayByLinkStatus, link.Cost.Amount, *link.Cost.Currency, "paid", link.CompletedAt.Format("2006-01-02 15:04"))
	// Output:
	// https://pay-by-link.cloudbeds.com/#/payment/3f0c5b1e-8a47-4d2b-9e61-2c7d84a1f0b3
	// expires 2025-06-08 10:00
	// PAID 150.5 USD paid 2025-06-02 09:30
}
