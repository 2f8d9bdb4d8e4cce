package cloudbedspaymentelement_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
)

// fakeKeys starts a stand-in for the Payment Element key API on loopback: it issues one key and
// lists two pages of keys chained by next_page_token, with property ids as JSON numbers, as the
// published examples send them.
func fakeKeys() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/keys", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"identity": "pek_4f9c2a7d1e8b3c6a5d0f2e7b", "secret": "example-secret", "property_ids": [210643],
			"status": "active", "created_at": "2025-06-01T10:00:00.000000Z"}`)
	})
	mux.HandleFunc("GET /v1/keys", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page_token") == "" {
			fmt.Fprint(w, `{"api_keys": [{"identity": "pek_4f9c2a7d1e8b3c6a5d0f2e7b", "property_ids": [210643], "status": "active",
				"created_at": "2025-06-01T10:00:00.000000Z", "revoked_at": null}], "next_page_token": "p2"}`)
			return
		}
		fmt.Fprint(w, `{"api_keys": [{"identity": "pek_0a1b2c3d4e5f6a7b8c9d0e1f", "property_ids": ["210643"], "status": "revoked",
			"created_at": "2025-05-01T08:00:00.000000Z", "revoked_at": "2025-05-20T12:00:00.000000Z"}], "next_page_token": null}`)
	})
	return httptest.NewServer(mux)
}

// bearerToken is a request editor adding a bearer token; in real code use
// hospitality.ConnectCloudbedsPaymentElement, which sends the Cloudbeds credential as one.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example issues a key and makes the token the Payment Element web component takes for one
// property: the identity, a dot, and the base64 HMAC-SHA256 of "identity|property" under the
// secret. The secret stays on the server.
func ExampleClientWithResponses_IssueAPIKeyWithResponse() {
	srv := fakeKeys()
	defer srv.Close()
	c, err := cloudbedspaymentelement.NewClientWithResponses(srv.URL, cloudbedspaymentelement.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.IssueAPIKeyWithResponse(context.Background(), cloudbedspaymentelement.IssueAPIKeyRequest{PropertyIDs: []string{"210643"}})
	if err != nil {
		log.Fatal(err)
	}
	key := res.JSON201
	mac := hmac.New(sha256.New, []byte(key.Secret))
	fmt.Fprintf(mac, "%s|%s", key.Identity, key.PropertyIDs[0])
	token := key.Identity + "." + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	fmt.Println(key.Identity, key.Status, key.PropertyIDs)
	fmt.Println(token)
	// Output:
	// pek_4f9c2a7d1e8b3c6a5d0f2e7b active [210643]
	// pek_4f9c2a7d1e8b3c6a5d0f2e7b.RgmOAsJDM3tQo85JHf6fRKcyQjUhr9WZkkUlnP7kyX0=
}

// This example lists every key, revoked ones included, with the generated iterator, which sends
// each answer's next_page_token back as page_token until it is null.
func ExampleClientWithResponses_ListAPIKeysIter() {
	srv := fakeKeys()
	defer srv.Close()
	c, err := cloudbedspaymentelement.NewClientWithResponses(srv.URL, cloudbedspaymentelement.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	all := true
	for k, err := range c.ListAPIKeysIter(context.Background(), &cloudbedspaymentelement.ListAPIKeysParams{IncludeRevoked: &all}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*k.Identity, *k.Status, *k.PropertyIDs, k.RevokedAt.IsZero())
	}
	// Output:
	// pek_4f9c2a7d1e8b3c6a5d0f2e7b active [210643] true
	// pek_0a1b2c3d4e5f6a7b8c9d0e1f revoked [210643] false
}
