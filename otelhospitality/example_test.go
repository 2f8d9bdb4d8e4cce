package otelhospitality_test

import (
	"context"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"net/http"
	"net/http/httptest"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/otelhospitality"
)

// ExampleOption traces a Kobas call: one span named after the operation, with an event per
// attempt, and a child span for the token fetch the call needed.
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
	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: "id", ClientSecret: "secret", CompanyID: "1",
		BaseURL: srv.URL + "/v3", TokenURL: srv.URL + "/access_token",
	}, otelhospitality.Option(otelhospitality.WithTracerProvider(tp))))
	if err != nil {
		fmt.Println(err)
		return
	}
	if _, err := c.ListVenuesWithResponse(ctx); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spans.Ended() {
		fmt.Println(s.Name(), s.SpanKind(), len(s.Events()), "event(s), child:", s.Parent().IsValid())
	}
	// Output:
	// kobas token client 0 event(s), child: true
	// kobas.listVenues client 1 event(s), child: false
}

// ExampleObserver reports a token fetched outside any call (at start-up, say) as a root span:
// the context carries the Observer as the source's [auth.TokenObserver].
func ExampleObserver() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"example-token"}`)
	}))
	defer srv.Close()

	spans := tracetest.NewSpanRecorder()
	obs, err := otelhospitality.NewObserver(otelhospitality.WithTracerProvider(
		sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := auth.WithTokenObserver(context.Background(), obs)
	ts := auth.KobasTokenSource(ctx, auth.KobasConfig{
		ClientID: "id", ClientSecret: "secret", CompanyID: "1", TokenURL: srv.URL + "/access_token",
	})
	if _, err := ts.TokenContext(ctx); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spans.Ended() {
		for _, kv := range s.Attributes() {
			fmt.Println(s.Name(), kv.Key, "=", kv.Value.String())
		}
	}
	// Output:
	// kobas token hospitality.provider = kobas
	// kobas token hospitality.token.grant = client_credentials
	// kobas token hospitality.outcome = ok
}
