package cloudbedsv2_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestErrorResponses checks that the v2 error bodies are declared per status code and decode into
// their typed fields, including the application/problem+json answers of the add-on service.
func TestErrorResponses(t *testing.T) {
	srv := spectest.New(t, specs.CloudbedsV2)
	c := newClient(t, srv)
	ctx := context.Background()

	tests := []struct {
		name   string
		op     string
		status int
		ctype  string
		body   string
		check  func(t *testing.T)
	}{
		{
			name: "400 with field errors", op: "createRatePlan", status: http.StatusBadRequest, ctype: "application/json",
			body: `{"message": "Validation failed", "code": "INVALID_REQUEST", "errors": [{"field": "roomTypeId", "message": "unknown room type"}]}`,
			check: func(t *testing.T) {
				res, err := c.CreateRatePlanWithResponse(ctx, &cloudbedsv2.CreateRatePlanParams{PropertyIDs: propertyID},
					cloudbedsv2.RatePlanCreateRequest{RoomTypeID: 9, Name: map[string]string{"en": "X"}, NamePrivate: map[string]string{"en": "X"}, Description: map[string]string{"en": "X"}})
				if err != nil {
					t.Fatalf("CreateRatePlanWithResponse() = %v", err)
				}
				got := res.JSON400
				if got == nil || got.Message != "Validation failed" || *got.Code != "INVALID_REQUEST" || (*got.Errors)[0].Field != "roomTypeId" {
					t.Errorf("JSON400 = %+v, want message, code and the roomTypeId field error", got)
				}
			},
		},
		{
			name: "403 forbidden", op: "getRatePlan", status: http.StatusForbidden, ctype: "application/json",
			body: `{"message": "Missing scope read:rate"}`,
			check: func(t *testing.T) {
				res, err := c.GetRatePlanWithResponse(ctx, "301", &cloudbedsv2.GetRatePlanParams{PropertyIDs: propertyID})
				if err != nil {
					t.Fatalf("GetRatePlanWithResponse() = %v", err)
				}
				if got := res.JSON403; got == nil || *got.Message != "Missing scope read:rate" {
					t.Errorf("JSON403 = %+v, want the scope message", got)
				}
			},
		},
		{
			name: "404 not found", op: "getEvent", status: http.StatusNotFound, ctype: "application/json",
			body: `{"message": "Event not found", "code": "NOT_FOUND"}`,
			check: func(t *testing.T) {
				res, err := c.GetEventWithResponse(ctx, "1", &cloudbedsv2.GetEventParams{PropertyIDs: propertyID})
				if err != nil {
					t.Fatalf("GetEventWithResponse() = %v", err)
				}
				if got := res.JSON404; got == nil || *got.Code != "NOT_FOUND" {
					t.Errorf("JSON404 = %+v, want code NOT_FOUND", got)
				}
			},
		},
		{
			name: "409 idempotency conflict", op: "createGratuity", status: http.StatusConflict, ctype: "application/json",
			body: `{"message": "Idempotency key reused with a different body", "code": "IDEMPOTENCY_CONFLICT",
				"errors": [{"field": "Idempotency-Key", "message": "already used", "details": {"firstSeen": "2025-07-14 09:00:00"}}]}`,
			check: func(t *testing.T) {
				res, err := c.CreateGratuityWithResponse(ctx, &cloudbedsv2.CreateGratuityParams{PropertyIDs: propertyID, IdempotencyKey: "k1"},
					cloudbedsv2.GratuityCreateRequest{GroupCode: ptr("G1"), Gratuities: []cloudbedsv2.GratuityInput{{Amount: &cloudbedsv2.MoneyInput{Amount: "100", CurrencyCode: "USD"}}}})
				if err != nil {
					t.Fatalf("CreateGratuityWithResponse() = %v", err)
				}
				if got := res.JSON409; got == nil || *got.Code != "IDEMPOTENCY_CONFLICT" || (*got.Errors)[0].Field != "Idempotency-Key" {
					t.Errorf("JSON409 = %+v, want the idempotency conflict", got)
				}
			},
		},
		{
			name: "500 server error", op: "listRatePlans", status: http.StatusInternalServerError, ctype: "application/json",
			body: `{"message": "Internal error", "code": null}`,
			check: func(t *testing.T) {
				res, err := c.ListRatePlansWithResponse(ctx, &cloudbedsv2.ListRatePlansParams{PropertyIDs: propertyID})
				if err != nil {
					t.Fatalf("ListRatePlansWithResponse() = %v", err)
				}
				if got := res.JSON500; got == nil || got.Message != "Internal error" || got.Code != nil {
					t.Errorf("JSON500 = %+v, want message without code", got)
				}
			},
		},
		{
			name: "401 as problem+json", op: "getAddons", status: http.StatusUnauthorized, ctype: "application/problem+json",
			body: `{"message": "Invalid token"}`,
			check: func(t *testing.T) {
				res, err := c.GetAddonsWithResponse(ctx, &cloudbedsv2.GetAddonsParams{PropertyIDs: propertyID})
				if err != nil {
					t.Fatalf("GetAddonsWithResponse() = %v", err)
				}
				if got := res.ApplicationProblemJSON401; got == nil || *got.Message != "Invalid token" {
					t.Errorf("ApplicationProblemJSON401 = %+v, want the token message", got)
				}
			},
		},
		{
			name: "429 falls to default", op: "getSystem", status: http.StatusTooManyRequests, ctype: "application/json",
			body: `{"message": "Too many requests", "code": "RATE_LIMITED"}`,
			check: func(t *testing.T) {
				res, err := c.GetSystemWithResponse(ctx, &cloudbedsv2.GetSystemParams{PropertyIDs: propertyID})
				if err != nil {
					t.Fatalf("GetSystemWithResponse() = %v", err)
				}
				if got := res.JSONDefault; got == nil || *got.Code != "RATE_LIMITED" || res.StatusCode() != http.StatusTooManyRequests {
					t.Errorf("JSONDefault = %+v (status %d), want RATE_LIMITED with 429", got, res.StatusCode())
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv.Handle(tc.op, func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Type", tc.ctype)
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			})
			tc.check(t)
		})
	}
}
