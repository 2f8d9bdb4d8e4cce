package contract_test

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"log"
	"net/http/httptest"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// ExampleRun calls every Kobas operation through the SDK against an in-process sandbox.
func ExampleRun() {
	ctx := context.Background()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		log.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()

	c := sb.Credentials()
	client, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: c.KobasClientID, ClientSecret: c.KobasClientSecret, CompanyID: c.KobasCompanyID,
		BaseURL: srv.URL + sandbox.KobasAPIPath, TokenURL: srv.URL + sandbox.KobasTokenPath,
	}))
	if err != nil {
		log.Fatal(err)
	}
	rep, err := contract.Run(ctx, specs.Kobas, sandbox.KobasAPIPath, client, sb)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rep)
	// Output: contract: kobas 10/10 operations exercised, 0 request violations, 0 undecodable responses
}

// ExampleSample derives a valid value from a schema that has no example.
func ExampleSample() {
	s := openapi3.NewObjectSchema().
		WithProperty("arrival", openapi3.NewDateTimeSchema()).
		WithProperty("guests", openapi3.NewIntegerSchema().WithMin(1)).
		WithProperty("status", openapi3.NewStringSchema().WithEnum("confirmed", "cancelled")).
		WithRequired([]string{"arrival", "guests", "status"})
	b, _ := json.Marshal(contract.Sample(openapi3.NewSchemaRef("", s)))
	fmt.Println(string(b))
	// Output: {"arrival":"2025-06-12T10:00:00Z","guests":1,"status":"confirmed"}
}
