package sandbox_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// Example_cloudbeds runs the Cloudbeds OAuth flow against a sandbox without a browser: the consent
// URL with auto_approve=1 redirects straight back with the code, which the SDK exchanges.
func Example_cloudbeds() {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := sb.Start("127.0.0.1:0"); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	defer sb.Close(ctx)

	creds := sb.Credentials()
	cfg := auth.CloudbedsConfig{
		ClientID: creds.CloudbedsClientID, ClientSecret: creds.CloudbedsClientSecret,
		RedirectURL: creds.CloudbedsRedirectURL, Scopes: []string{"read:reservation"},
		BaseURL: sb.URL() + sandbox.CloudbedsAPIPath,
	}
	authURL, state, err := cfg.AuthCodeURL()
	if err != nil {
		log.Fatal(err)
	}
	// Read the redirect instead of following it: the app's redirect URI is not served.
	browser := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := browser.Get(authURL + "&auto_approve=1")
	if err != nil {
		log.Fatal(err)
	}
	res.Body.Close()
	back, err := url.Parse(res.Header.Get("Location"))
	if err != nil {
		log.Fatal(err)
	}
	code, err := auth.CloudbedsCallbackValues(back.Query(), state)
	if err != nil {
		log.Fatal(err)
	}
	tok, err := cfg.Exchange(ctx, code)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(auth.CloudbedsResources(tok))

	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{OAuth: &cfg, Token: tok, BaseURL: sb.URL() + sandbox.CloudbedsAPIPath}))
	if err != nil {
		log.Fatal(err)
	}
	list, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(list.JSON200.Total, "reservation:", list.JSON200.Data[0].GuestName)
	// Output:
	// [{property 172938}]
	// 1 reservation: Ana Silva
}
