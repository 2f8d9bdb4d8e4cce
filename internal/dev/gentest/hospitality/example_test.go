package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"log"
	"net/http"
	"net/http/httptest"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// ExampleNewKobas lists venues through a Kobas client. The sandbox stands in for Kobas here;
// against the real API, leave BaseURL and TokenURL empty.
func ExampleConnectKobas() {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	creds := sb.Credentials()

	ctx := context.Background()
	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID:     creds.KobasClientID,
		ClientSecret: creds.KobasClientSecret,
		CompanyID:    creds.KobasCompanyID,
		BaseURL:      srv.URL + sandbox.KobasAPIPath,
		TokenURL:     srv.URL + sandbox.KobasTokenPath,
	}))
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.ListVenuesWithResponse(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, v := range *res.JSON200 {
		fmt.Println(v.ID, v.Name)
	}
	// Output:
	// 1 Crown Inns Group
	// 12 The Crown
}

// ExampleAPIError shows how a refused call surfaces: one error type for every provider, matched
// with errors.As for details or errors.Is for the kind.
func ExampleAPIError() {
	// A stand-in Kobas that answers every call with 404 in Kobas' error shape.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/token" {
			fmt.Fprint(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"t"}`)
			return
		}
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"code":"not_found","message":"no such venue"}`)
	}))
	defer srv.Close()

	ctx := context.Background()
	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: "id", ClientSecret: "secret", CompanyID: "1234",
		BaseURL: srv.URL + "/v3", TokenURL: srv.URL + "/token",
	}))
	if err != nil {
		log.Fatal(err)
	}
	_, err = c.GetVenueWithResponse(ctx, 99, nil)

	var apiErr *hospitality.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code, apiErr.Message)
	}
	fmt.Println(errors.Is(err, hospitality.ErrNotFound))
	// Output:
	// 404 not_found no such venue
	// true
}
