package hospitality_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// Regression: cobot.GetSpaceExternalBookingsParams{} sent filter[from]=0001-01-01T00:00:00Z, a
// forgotten required parameter going out as a fake date. It is now a client-side error naming
// the parameter, and nothing is sent.
func TestNewCobotRequiredDateParameters(t *testing.T) {
	var requests atomic.Int32
	var query atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		query.Store(r.URL.RawQuery)
		w.Header().Set("Content-Type", "application/vnd.api+json")
		fmt.Fprint(w, `{"data":[]}`)
	}))
	t.Cleanup(srv.Close)
	ctx := context.Background()
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "user-token"}),
		BaseURL:     srv.URL,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true})))
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2024, 5, 14, 9, 0, 0, 0, time.UTC)
	day := openapi_types.Date{Time: from}
	tests := []struct {
		name string
		call func() error
		want string // the parameter named; "" when the request must go out
	}{
		{"date-times forgotten", func() error {
			_, err := c.GetSpaceExternalBookingsWithResponse(ctx, "sp-1", &cobot.GetSpaceExternalBookingsParams{})
			return err
		}, "filter[from]"},
		{"nil params", func() error {
			_, err := c.GetSpaceExternalBookingsWithResponse(ctx, "sp-1", nil)
			return err
		}, "filter[from]"},
		{"date-time to forgotten", func() error {
			_, err := c.GetSpaceExternalBookingsWithResponse(ctx, "sp-1", &cobot.GetSpaceExternalBookingsParams{FilterFrom: from})
			return err
		}, "filter[to]"},
		{"dates forgotten", func() error {
			_, err := c.GetSpaceMembershipsWithResponse(ctx, "sp-1", &cobot.GetSpaceMembershipsParams{FilterTo: day})
			return err
		}, "filter[from]"},
		{"iterator", func() error {
			for _, err := range c.GetSpaceExternalBookingsIter(ctx, "sp-1", &cobot.GetSpaceExternalBookingsParams{FilterTo: from}) {
				return err
			}
			return nil
		}, "filter[from]"},
		{"all set", func() error {
			_, err := c.GetSpaceExternalBookingsWithResponse(ctx, "sp-1", &cobot.GetSpaceExternalBookingsParams{FilterFrom: from, FilterTo: from.Add(time.Hour)})
			return err
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := requests.Load()
			err := tc.call()
			sent := requests.Load() - before
			if tc.want == "" {
				if err != nil || sent != 1 {
					t.Fatalf("call = %v with %d requests, want nil with 1", err, sent)
				}
				if q, _ := query.Load().(string); strings.Contains(q, "0001-01-01") {
					t.Errorf("query = %s, want no zero date", q)
				}
				return
			}
			var pe *hospitality.ParameterError
			if !errors.As(err, &pe) || !errors.Is(err, hospitality.ErrMissingParameter) {
				t.Fatalf("call = %v, want a *ParameterError matching ErrMissingParameter", err)
			}
			if pe.Name != tc.want || pe.In != "query" || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v (Name %q, In %q), want it to name query parameter %s", err, pe.Name, pe.In, tc.want)
			}
			if sent != 0 {
				t.Errorf("%d requests sent, want none", sent)
			}
		})
	}
}

// Regression: Cobot's either-or request shapes were merged into one object, so a typed body
// could carry both branches (a booking extra with id and productId, a payment and a payment
// method, a net and a gross price), which upstream rejects. Each is a union now: a value holds
// exactly one branch.
func TestCobotRequestUnions(t *testing.T) {
	var extra cobot.BookingExtraChange
	if err := extra.FromExistingBookingExtra(cobot.ExistingBookingExtra{ID: "ex-1", Quantity: "1.0"}); err != nil {
		t.Fatal(err)
	}
	if err := extra.FromNewBookingExtra(cobot.NewBookingExtra{ProductID: "p-1", Quantity: "2.0"}); err != nil {
		t.Fatal(err)
	}
	var price cobot.CreateEventPrice
	if err := price.FromGrossAmountWithCurrency(cobot.GrossAmountWithCurrency{Gross: "47.6", Currency: "EUR"}); err != nil {
		t.Fatal(err)
	}
	var paid cobot.CreateExternalBookingRelationships
	if err := paid.FromExternalBookingPaymentMethodRelationships(cobot.ExternalBookingPaymentMethodRelationships{
		Resource:      cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "er-1", Type: "externalResources"}},
		PaymentMethod: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "pm-1", Type: "paymentMethods"}},
	}); err != nil {
		t.Fatal(err)
	}
	var extraItem cobot.CreateSubscriptionExtrasItem
	if err := extraItem.FromCreateSubscriptionExternalBookingsExtra(cobot.CreateSubscriptionExternalBookingsExtra{
		ID: "x-1", Type: cobot.CreateSubscriptionExternalBookingsExtraTypeExternalBookingsSubscriptionExtras,
		Tier: &cobot.CreateSubscriptionExtrasItemTier{ID: "t-1"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"booking extra", extra, `{"productId":"p-1","quantity":"2.0"}`},
		{"event price", price, `{"currency":"EUR","gross":"47.6"}`},
		{"external booking payment", paid, `{"paymentMethod":{"data":{"id":"pm-1","type":"paymentMethods"}},"resource":{"data":{"id":"er-1","type":"externalResources"}}}`},
		{"subscription extra", extraItem, `{"id":"x-1","tier":{"id":"t-1"},"type":"externalBookingsSubscriptionExtras"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.v)
			if err != nil {
				t.Fatal(err)
			}
			var got, want any
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			_ = json.Unmarshal([]byte(tc.want), &want)
			gb, _ := json.Marshal(got)
			wb, _ := json.Marshal(want)
			if string(gb) != string(wb) {
				t.Errorf("json.Marshal = %s, want %s", gb, wb)
			}
		})
	}
}
