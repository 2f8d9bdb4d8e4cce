package cobotv1_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
)

// Subscribe to confirmed memberships on a space's host. In production the base URL comes from
// cobotv1.NewSpaceServer("canal-works").
func ExampleClientWithResponses_CreateWebhookSubscriptionWithResponse() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"id":"48214","event":"confirmed_membership","url":"https://canal-works.cobot.me/api/subscriptions/48214","active":true,"callback_url":"https://hooks.example.org/m"}`)
	}))
	defer srv.Close()

	c, err := cobotv1.NewClientWithResponses(srv.URL)
	if err != nil {
		panic(err)
	}
	res, err := c.CreateWebhookSubscriptionWithResponse(context.Background(), cobotv1.WebhookSubscriptionRequest{
		Event:       "confirmed_membership",
		CallbackURL: "https://hooks.example.org/m",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.StatusCode(), res.JSON201.ID, *res.JSON201.Active)
	// Output: 201 48214 true
}

// NewSpaceServer builds the per-space base URL.
func ExampleNewSpaceServer() {
	u, err := cobotv1.NewSpaceServer("canal-works")
	if err != nil {
		panic(err)
	}
	fmt.Println(u)
	// Output: https://canal-works.cobot.me
}
