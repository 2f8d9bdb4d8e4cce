package sandbox_test

import (
	"context"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"log"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// Example starts a sandbox on a free loopback port and points an OctoTable client at it.
func Example() {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := sb.Start("127.0.0.1:0"); err != nil {
		log.Fatal(err)
	}
	defer sb.Close(context.Background())

	creds := sb.Credentials()
	ctx := context.Background()
	c, err := octotable.New(hospitality.ConnectOctotable(ctx, hospitality.OctotableConfig{
		ClientID:     creds.OctotableClientID,
		ClientSecret: creds.OctotableClientSecret,
		PropertyID:   creds.OctotablePropertyID,
		BaseURL:      sb.URL() + sandbox.OctotableAPIPath,
		AuthBaseURL:  sb.URL() + sandbox.OctotableAuthPath,
	}))
	if err != nil {
		log.Fatal(err)
	}
	rooms, err := c.ListRoomsWithResponse(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rooms.JSON200.Data {
		fmt.Println(r.ID, r.Name)
	}
	tokens, calls := sb.Stats()
	fmt.Println(tokens, "token request,", calls, "API request")
	// Output:
	// 18800 Terrace
	// 18802 Main hall
	// 1 token request, 1 API request
}
