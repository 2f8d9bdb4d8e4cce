package hospitality_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
)

// ExampleCobotWebhookHandler receives a Cobot webhook delivery, which only points at the changed
// resource, and reads that resource with the space's API 1 client. A fake space host stands in
// for https://<subdomain>.cobot.me.
func ExampleCobotWebhookHandler() {
	space := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"93207605","name":"Maria Keller","seen_path":%q}`, r.URL.Path)
	}))
	defer space.Close()

	ctx := context.Background()
	v1, err := hospitality.ConnectCobotV1(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "space-owned-token"}),
		BaseURL:     space.URL, // in production: Subdomain: "co-up"
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	queue := make(chan *hospitality.CobotWebhook, 1)
	receiver := httptest.NewServer(hospitality.CobotWebhookHandler(func(_ context.Context, hook *hospitality.CobotWebhook) error {
		queue <- hook // answer Cobot at once; fetch later
		return nil
	}))
	defer receiver.Close()

	// Cobot delivers an event.
	res, err := http.Post(receiver.URL, "application/json", strings.NewReader(`{"url":"`+space.URL+`/api/memberships/93207605"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	fmt.Println("answered", res.StatusCode)

	resource, err := hospitality.FetchCobotWebhook(ctx, v1, <-queue)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(resource))

	// A forged delivery pointing elsewhere is refused before the token is sent anywhere.
	_, err = hospitality.FetchCobotWebhook(ctx, v1, &hospitality.CobotWebhook{URL: "https://attacker.example/api/memberships/1"})
	fmt.Println(err != nil)
	// Output:
	// answered 200
	// {"id":"93207605","name":"Maria Keller","seen_path":"/api/memberships/93207605"}
	// true
}
