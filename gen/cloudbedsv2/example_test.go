package cloudbedsv2_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// fakeCloudbeds starts a stand-in for api.cloudbeds.com on loopback. It insists on a bearer token
// and the x-property-id header, pages through five rate plans and accepts point-of-sale checks.
func fakeCloudbeds() *httptest.Server {
	plans := []string{"Standard", "Non-refundable", "Breakfast included", "Long stay", "Corporate"}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /rates/v1/rate-plans", func(w http.ResponseWriter, r *http.Request) {
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		page := []map[string]any{}
		for i := offset; i < len(plans) && i < offset+limit; i++ {
			// Identifiers and paging numbers arrive as strings, as the live service sends them.
			page = append(page, map[string]any{
				"id": strconv.Itoa(301 + i), "propertyId": 12345, "isActive": true,
				"name": map[string]string{"en": plans[i]}, "createdAt": "2025-01-10 09:00:00",
			})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"limit": strconv.Itoa(limit), "offset": strconv.Itoa(offset), "data": page})
	})
	mux.HandleFunc("POST /folio/v1/checks", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Idempotency-Key") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"message": "Idempotency-Key header is required", "code": "INVALID_REQUEST"}`)
			return
		}
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"data": {"checkNumber": "T12-0042", "checkId": "chk_7f3a91", "notice": null}}`)
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" || r.Header.Get("x-property-id") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message": "missing credentials"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// bearerToken is a request editor adding a bearer token; in real code use the auth package's
// editors with a cached token source (or auth.APIKey for an x-api-key).
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example pages through every rate plan with offset and limit, stopping at the first short
// page, the way every paginated v2 list works.
func ExampleClientWithResponses_ListRatePlansWithResponse() {
	srv := fakeCloudbeds()
	defer srv.Close()

	c, err := cloudbedsv2.NewClientWithResponses(srv.URL, cloudbedsv2.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	limit := 2
	for offset := 0; ; offset += limit {
		res, err := c.ListRatePlansWithResponse(ctx, &cloudbedsv2.ListRatePlansParams{
			PropertyIDs: "12345", Offset: &offset, Limit: &limit,
		})
		if err != nil {
			log.Fatal(err)
		}
		if res.JSON200 == nil {
			log.Fatalf("list rate plans: status %d", res.StatusCode())
		}
		plans := *res.JSON200.Data
		for _, p := range plans {
			fmt.Printf("%s %s (created %s)\n", p.ID, (*p.Name)["en"], p.CreatedAt.Format("2006-01-02"))
		}
		if len(plans) < limit {
			break
		}
	}
	// Output:
	// 301 Standard (created 2025-01-10)
	// 302 Non-refundable (created 2025-01-10)
	// 303 Breakfast included (created 2025-01-10)
	// 304 Long stay (created 2025-01-10)
	// 305 Corporate (created 2025-01-10)
}

// This example posts a bar check to a reservation's folio. The Idempotency-Key makes a retry of
// the same post safe; the error answers of v2 decode into typed values per status code.
func ExampleClientWithResponses_CreateCheckWithResponse() {
	srv := fakeCloudbeds()
	defer srv.Close()

	c, err := cloudbedsv2.NewClientWithResponses(srv.URL, cloudbedsv2.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	reservation := "8123456789012"
	body := cloudbedsv2.CheckCreateRequest{
		ReservationID: &reservation,
		Items: &[]cloudbedsv2.CheckItem{{
			ItemType: cloudbedsv2.PRODUCT, ItemName: "IPA 0.5 l", ItemQuantity: 2,
			ItemAmount: &cloudbedsv2.MoneyInput{Amount: "1300", CurrencyCode: "USD"},
		}},
	}
	for _, key := range []string{"", "pos-7731-check-0042"} {
		res, err := c.CreateCheckWithResponse(context.Background(),
			&cloudbedsv2.CreateCheckParams{PropertyIDs: "12345", IdempotencyKey: key}, body)
		var missing *wire.ParameterError
		if errors.As(err, &missing) {
			fmt.Println("not sent:", err) // a required header left empty never leaves the client
			continue
		}
		if err != nil {
			log.Fatal(err)
		}
		switch {
		case res.JSON201 != nil:
			fmt.Println("posted check", res.JSON201.Data.CheckID)
		case res.JSON400 != nil:
			fmt.Printf("rejected: %s (%s)\n", res.JSON400.Message, *res.JSON400.Code)
		}
	}
	// Output:
	// not sent: wire: createCheck: required header parameter Idempotency-Key is not set
	// posted check chk_7f3a91
}
