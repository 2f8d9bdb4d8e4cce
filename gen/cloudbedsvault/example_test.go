package cloudbedsvault_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsvault"
)

// fakeVault starts a stand-in for the Payments Vault on loopback that stores any card and answers
// a payment method id.
func fakeVault() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Method != http.MethodPost || r.URL.Path != "/vault/v1/tokens/card" || r.Header.Get("Authorization") == "" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message": "Missing or invalid JWT token"}`)
			return
		}
		fmt.Fprint(w, `{"id": "0197a3c2-5b1e-7d40-9c8a-3e2f6b7d1a90"}`)
	}))
}

// bearerToken is a request editor adding a bearer token; in real code use
// hospitality.ConnectCloudbedsPaymentsVault, which sends the Cloudbeds credential as one and keeps card
// data out of its errors.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example stores a test card and keeps only the payment method id the vault answers.
func ExampleClientWithResponses_TokenizeCardWithResponse() {
	srv := fakeVault()
	defer srv.Close()
	c, err := cloudbedsvault.NewClientWithResponses(srv.URL, cloudbedsvault.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	property := "210643"
	res, err := c.TokenizeCardWithResponse(context.Background(), &cloudbedsvault.TokenizeCardParams{PropertyID: &property},
		cloudbedsvault.Card{CardNumber: "4111111111111111", CVV: "123", CardholderName: "Ana Silva",
			Expiration: cloudbedsvault.Expiration{Month: "08", Year: "2030"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.StatusCode(), res.JSON200.ID)
	// Output:
	// 200 0197a3c2-5b1e-7d40-9c8a-3e2f6b7d1a90
}
