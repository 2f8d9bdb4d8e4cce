package transport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// ExampleNew sends a request through the chain: static headers and
// authorization are added to every attempt, and a 2xx answer comes back as
// a plain *http.Response.
func ExampleNew() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Printf("server saw company %s, auth %q\n", r.Header.Get("x-kobas-company-id"), r.Header.Get("Authorization"))
		io.WriteString(w, `[{"id":1,"name":"The Crown"}]`)
	}))
	defer srv.Close()

	c := transport.New(transport.Config{
		Provider: transport.Kobas,
		Header:   http.Header{"X-Kobas-Company-Id": {"1234"}},
		Authorize: func(ctx context.Context, req *http.Request) error {
			req.Header.Set("Authorization", "Bearer example-token")
			return nil
		},
	})
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v3/venue", nil)
	resp, err := c.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	// Output:
	// server saw company 1234, auth "Bearer example-token"
	// 200 [{"id":1,"name":"The Crown"}]
}

// ExampleAPIError shows how a provider's error answer is inspected with
// errors.As and classified with errors.Is.
func ExampleAPIError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		io.WriteString(w, `{"errors":[{"source":{"pointer":"/data/attributes/name"},"detail":"can't be blank"}]}`)
	}))
	defer srv.Close()

	c := transport.New(transport.Config{Provider: transport.Cobot})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/spaces/x/resources", strings.NewReader(`{"data":{}}`))
	_, err := c.Do(req)

	var apiErr *transport.APIError
	if errors.As(err, &apiErr) {
		fmt.Println("status:", apiErr.StatusCode)
		for _, f := range apiErr.Fields {
			fmt.Printf("field %s (%s): %s\n", f.Field, f.Pointer, f.Message)
		}
	}
	fmt.Println("validation error:", errors.Is(err, transport.ErrValidation))
	fmt.Println("not found:", errors.Is(err, transport.ErrNotFound))
	// Output:
	// status: 422
	// field name (/data/attributes/name): can't be blank
	// validation error: true
	// not found: false
}

// ExampleWithIdempotencyKey makes a POST retryable: the same key is sent on
// every attempt, so the provider applies the operation once.
func ExampleWithIdempotencyKey() {
	attempts := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts++
		fmt.Printf("attempt %d, Idempotency-Key %s\n", attempts, r.Header.Get("Idempotency-Key"))
		if attempts == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()

	c := transport.New(transport.Config{
		Provider: transport.CloudbedsV2,
		Retry:    transport.RetryPolicy{BaseDelay: 1}, // retry at once in this example
	})
	ctx := transport.WithIdempotencyKey(context.Background(), "3f6c1d9e-0b7a-4c55-9d1e-5a7b2c8e4f10")
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/folio/v1/checks", strings.NewReader(`{"amount":"12.50"}`))
	resp, err := c.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// attempt 1, Idempotency-Key 3f6c1d9e-0b7a-4c55-9d1e-5a7b2c8e4f10
	// attempt 2, Idempotency-Key 3f6c1d9e-0b7a-4c55-9d1e-5a7b2c8e4f10
	// 201
}
