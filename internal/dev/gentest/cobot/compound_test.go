package cobot_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// Regression: the included resources of Cobot's compound documents were generic (attributes as
// a map) where upstream types them; they decode as the resources upstream lists per operation.
func TestIncludedResourcesAreTyped(t *testing.T) {
	doc := spectest.Load(t, specs.Cobot)
	srv := spectest.New(t, specs.Cobot)
	answerWithExamples(t, srv, doc)
	c := newClient(t, srv)
	ctx := context.Background()

	pass, err := c.GetDropInPassWithResponse(ctx, "dp-1", &cobot.GetDropInPassParams{})
	if err != nil || pass.ApplicationVndAPIJSON200 == nil {
		t.Fatalf("GetDropInPassWithResponse = %v, %v", pass, err)
	}
	p := pass.ApplicationVndAPIJSON200
	if p.Included == nil || len(*p.Included) == 0 {
		t.Fatal("GetDropInPass: no included invoices")
	}
	inv := (*p.Included)[0]
	if want := (*p.Data.Relationships.Invoices.Data)[0].ID; inv.ID != want || inv.Type != "invoices" || inv.Attributes == nil || inv.Attributes.Number == "" {
		t.Errorf("GetDropInPass included[0] = %+v, want the typed invoice %s", inv, want)
	}

	ev, err := c.GetEventWithResponse(ctx, "ev-1", &cobot.GetEventParams{})
	if err != nil || ev.ApplicationVndAPIJSON200 == nil {
		t.Fatalf("GetEventWithResponse = %v, %v", ev, err)
	}
	var kinds []string
	for _, item := range *ev.ApplicationVndAPIJSON200.Included {
		v, err := item.ValueByDiscriminator()
		if err != nil {
			t.Fatalf("GetEvent included: ValueByDiscriminator: %v", err)
		}
		switch r := v.(type) {
		case cobot.EventAttendance:
			if r.Relationships == nil || r.Relationships.Attendee.Data == nil {
				t.Errorf("GetEvent included attendance %s has no attendee", r.ID)
			}
			kinds = append(kinds, "attendance")
		case cobot.Membership:
			kinds = append(kinds, "membership")
		default:
			t.Errorf("GetEvent included %T, want an attendance or a membership", v)
		}
	}
	if len(kinds) != 2 {
		t.Errorf("GetEvent included = %v, want an attendance and its membership", kinds)
	}
}

// Regression: the either-or request shapes upstream documents (a booking extra by id or by
// productId, a payment or a payment method, a net or a gross price, subscription extras by type)
// were merged into one object that accepted both branches at once; the spec now refuses that.
func TestEitherOrRequestShapes(t *testing.T) {
	doc := spectest.Load(t, specs.Cobot)
	tests := []struct {
		schema string
		value  string
		ok     bool
	}{
		{"BookingExtraChange", `{"productId": "p-1", "quantity": "2.0"}`, true},
		{"BookingExtraChange", `{"id": "x-1", "quantity": "2.0"}`, true},
		{"BookingExtraChange", `{"id": "x-1", "productId": "p-1", "quantity": "2.0"}`, false},
		{"CreateEventPrice", `{"net": "40.0", "currency": "EUR"}`, true},
		{"CreateEventPrice", `{"net": "40.0", "gross": "47.6", "currency": "EUR"}`, false},
		{"CreateDropInPassPurchaseRelationships", `{"payment": {"data": {"id": "pay-1", "type": "payments"}}}`, true},
		{"CreateDropInPassPurchaseRelationships", `{"payment": {"data": {"id": "pay-1", "type": "payments"}}, "paymentMethod": {"data": {"id": "pm-1", "type": "paymentMethods"}}}`, false},
		{"CreateExternalBookingRelationships", `{"resource": {"data": {"id": "er-1", "type": "externalResources"}}}`, true},
		{"CreateExternalBookingRelationships", `{"resource": {"data": {"id": "er-1", "type": "externalResources"}}, "payment": {"data": {"id": "pay-1", "type": "payments"}}, "paymentMethod": {"data": {"id": "pm-1", "type": "paymentMethods"}}}`, false},
		{"CreateSubscriptionExtrasItem", `{"id": "x-1", "type": "externalBookingsSubscriptionExtras", "tier": {"id": "t-1"}}`, true},
		{"CreateSubscriptionExtrasItem", `{"id": "x-1", "type": "radiusSubscriptionExtras", "tier": {"id": "t-1"}}`, false},
	}
	for _, tc := range tests {
		t.Run(tc.schema+" "+tc.value, func(t *testing.T) {
			ref := doc.Components.Schemas[tc.schema]
			if ref == nil {
				t.Fatalf("no schema %s", tc.schema)
			}
			var v any
			if err := json.Unmarshal([]byte(tc.value), &v); err != nil {
				t.Fatal(err)
			}
			err := ref.Value.VisitJSON(v)
			if (err == nil) != tc.ok {
				t.Errorf("%s.VisitJSON(%s) = %v, want ok %v", tc.schema, tc.value, err, tc.ok)
			}
		})
	}
}
