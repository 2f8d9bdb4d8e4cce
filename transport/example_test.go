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
		fmt.Printf("server saw tenant %s, auth %q\n", r.Header.Get("X-Tenant-Id"), r.Header.Get("Authorization"))
		io.WriteString(w, `[{"id":1,"name":"The Crown"}]`)
	}))
	defer srv.Close()

	c := transport.New(transport.Config{
		Profile: transport.Profile{Name: "shop", RateLimit: transport.RateLimit{Limit: 10, Burst: 10}},
		Header:  http.Header{"X-Tenant-Id": {"1234"}},
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
	// server saw tenant 1234, auth "Bearer example-token"
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

	c := transport.New(transport.Config{Profile: transport.Profile{Name: "spaces"}})
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
		Profile: transport.Profile{Name: "hotel"},
		Retry:   transport.RetryPolicy{BaseDelay: 1}, // retry at once in this example
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

// ExampleProfile declares an API that reports failures with HTTP 200 and
// "ok": false, and whose expired tokens come back as 403 with a message: the
// transport turns the first into an *APIError and gives the second the
// single refresh-and-retry of a 401.
func ExampleProfile() {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Header.Get("Authorization") == "Bearer old":
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `{"ok":false,"message":"token expired"}`)
		case r.URL.Path == "/missing":
			io.WriteString(w, `{"ok":false,"message":"no such booking"}`)
		default:
			io.WriteString(w, `{"ok":true,"data":[]}`)
		}
	}))
	defer srv.Close()

	token := "old"
	profile := transport.Profile{
		Name:          "bookings",
		SuccessMember: "ok",
		Classify: func(e *transport.APIError, _ []byte) {
			switch {
			case strings.Contains(e.Message, "token expired"):
				e.Kind = transport.ErrUnauthorized
			case strings.Contains(e.Message, "no such"):
				e.Kind = transport.ErrNotFound
			}
		},
	}
	c := transport.New(transport.Config{
		Profile: profile,
		Authorize: func(_ context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+token)
			return nil
		},
		Reauthorize: func(context.Context, *http.Request) error { token = "new"; return nil },
	})
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/list", nil)
	resp, err := c.Do(req)
	if err == nil {
		resp.Body.Close()
		fmt.Println("list:", resp.StatusCode, "after", calls, "requests")
	}
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/missing", nil)
	_, err = c.Do(req)
	fmt.Println("missing:", errors.Is(err, transport.ErrNotFound))
	// Output:
	// list: 200 after 2 requests
	// missing: true
}
