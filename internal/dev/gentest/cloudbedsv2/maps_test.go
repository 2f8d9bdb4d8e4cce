package cloudbedsv2_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestRatePlanEmptyMapsAsArrays pins the bug where a rate plan whose texts or interval prices
// were an empty map sent as [] (PHP's json_encode) failed to decode. The fake checks the answer
// against our spec before the typed client decodes it.
func TestRatePlanEmptyMapsAsArrays(t *testing.T) {
	tests := []struct {
		name, body string
		check      func(t *testing.T, p cloudbedsv2.RatePlan)
	}{
		{"empty maps as arrays", `{"id": "301", "name": [], "description": [], "namePrivate": {}, "terms": null,
			"intervals": [{"name": "High season", "ratePlanId": "301", "roomTypeId": "77", "startDate": "2025-07-01", "endDate": "2025-08-31", "days": [], "adultDays": [], "childDays": {"1": []}}]}`,
			func(t *testing.T, p cloudbedsv2.RatePlan) {
				if p.Name == nil || len(*p.Name) != 0 || p.Description == nil || len(*p.Description) != 0 || p.NamePrivate == nil {
					t.Errorf("name %v, description %v, namePrivate %v; want empty maps", p.Name, p.Description, p.NamePrivate)
				}
				if p.Terms != nil {
					t.Errorf("terms = %v, want nil for null", *p.Terms)
				}
				iv := (*p.Intervals)[0]
				if iv.AdultDays == nil || len(*iv.AdultDays) != 0 {
					t.Errorf("adultDays = %v, want an empty map", iv.AdultDays)
				}
				if inner, ok := (*iv.ChildDays)["1"]; !ok || inner == nil || len(inner) != 0 {
					t.Errorf("childDays = %v, want day 1 with an empty map", *iv.ChildDays)
				}
			}},
		{"maps as objects", `{"id": "301", "name": {"en": "Flexible", "pt-br": "Flexível"},
			"intervals": [{"ratePlanId": "301", "roomTypeId": "77", "startDate": "2025-07-01", "endDate": "2025-08-31", "days": [], "adultDays": {"1": {"2": "120.50", "3": 140}}}]}`,
			func(t *testing.T, p cloudbedsv2.RatePlan) {
				if p.Name == nil || (*p.Name)["en"] != "Flexible" || (*p.Name)["pt-br"] != "Flexível" {
					t.Errorf("name = %v, want en Flexible and pt-br Flexível", p.Name)
				}
				days := *(*p.Intervals)[0].AdultDays
				if days["1"]["2"] != 120.5 || days["1"]["3"] != 140 {
					t.Errorf("adultDays = %v, want 1 → {2: 120.5, 3: 140}", days)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsV2)
			srv.JSON("getRatePlan", http.StatusOK, tc.body)
			c := newClient(t, srv)
			res, err := c.GetRatePlanWithResponse(context.Background(), "301", &cloudbedsv2.GetRatePlanParams{PropertyIDs: propertyID})
			if err != nil {
				t.Fatalf("GetRatePlanWithResponse() = %v", err)
			}
			checkStatus(t, "getRatePlan", res.StatusCode(), http.StatusOK, res.Body)
			if res.JSON200 == nil {
				t.Fatalf("getRatePlan JSON200 = nil, want a decoded plan; body %s", res.Body)
			}
			tc.check(t, *res.JSON200)
		})
	}
}
