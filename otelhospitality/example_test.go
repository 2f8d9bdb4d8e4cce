package otelhospitality_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/otelhospitality"
)

// ExampleOption traces a Kobas call: one span named after the operation, with an event per
// attempt.
func ExampleOption() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/access_token" {
			fmt.Fprint(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"example-token"}`)
			return
		}
		fmt.Fprint(w, `[{"id":12,"name":"The Crown"}]`)
	}))
	defer srv.Close()

	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	ctx := context.Background()
	c, err := hospitality.NewKobas(ctx, hospitality.KobasConfig{
		ClientID: "id", ClientSecret: "secret", CompanyID: "1",
		BaseURL: srv.URL + "/v3", TokenURL: srv.URL + "/access_token",
	}, otelhospitality.Option(otelhospitality.WithTracerProvider(tp)))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := c.ListVenuesWithResponse(ctx); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spans.Ended() {
		fmt.Println(s.Name(), s.SpanKind(), len(s.Events()), "event(s)")
	}
	// Output:
	// kobas.listVenues client 1 event(s)
}
