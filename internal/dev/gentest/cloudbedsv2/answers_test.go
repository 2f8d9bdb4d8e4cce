package cloudbedsv2_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Regression: upstream declares money amounts free strings, and our spec and wire.Decimal
// admitted only decimal numbers, so an amount such as "n/a" failed the whole answer. The fake
// checks each answer against our spec before the typed client decodes it.
func TestEventAmountsInUpstreamForms(t *testing.T) {
	srv := spectest.New(t, specs.CloudbedsV2)
	srv.JSON("getEvent", http.StatusOK, `{"success": true, "data": {"id": "48213", "eventCode": "EV-2025-031",
		"name": "Silva & Costa wedding", "status": "definite",
		"total": {"amount": "12439", "currencyCode": "USD"}, "grandTotal": {"amount": 12439, "currencyCode": "USD"},
		"paidValue": {"amount": "", "currencyCode": "USD"}, "balanceDue": {"amount": "n/a", "currencyCode": "USD"},
		"createdAt": "2025-07-14T15:00:00+02:00", "updatedAt": "2025-07-14 15:00:00"}}`)
	c := newClient(t, srv)
	res, err := c.GetEventWithResponse(context.Background(), "48213", &cloudbedsv2.GetEventParams{PropertyIDs: propertyID})
	if err != nil {
		t.Fatalf("GetEventWithResponse() = %v", err)
	}
	checkStatus(t, "getEvent", res.StatusCode(), http.StatusOK, res.Body)
	if res.JSON200 == nil {
		t.Fatalf("getEvent JSON200 = nil, want the event")
	}
	ev := res.JSON200.Data
	amounts := []struct {
		name  string
		got   wire.Decimal
		want  string
		valid bool
	}{
		{"total", ev.Total.Amount, "12439", true},
		{"grandTotal from a number", ev.GrandTotal.Amount, "12439", true},
		{"paidValue empty", ev.PaidValue.Amount, "", true},
		{"balanceDue free text", ev.BalanceDue.Amount, "n/a", false},
	}
	for _, a := range amounts {
		if string(a.got) != a.want || a.got.Valid() != a.valid {
			t.Errorf("%s amount = %q (valid %v), want %q (valid %v)", a.name, a.got, a.got.Valid(), a.want, a.valid)
		}
	}
	// createdAt in upstream's format Y-m-d\TH:i:sP, updatedAt in the SQL form Cloudbeds also sends.
	if want := time.Date(2025, 7, 14, 13, 0, 0, 0, time.UTC); !ev.CreatedAt.Equal(want) || ev.CreatedAt.Raw != "" {
		t.Errorf("createdAt = %v (raw %q), want %v", ev.CreatedAt.Time, ev.CreatedAt.Raw, want)
	}
	if want := time.Date(2025, 7, 14, 15, 0, 0, 0, time.UTC); !ev.UpdatedAt.Equal(want) || ev.UpdatedAt.Raw != "" {
		t.Errorf("updatedAt = %v (raw %q), want %v", ev.UpdatedAt.Time, ev.UpdatedAt.Raw, want)
	}
}

// Regression: door-lock keys carried createdAt and updatedAt as plain strings, the only v2
// timestamps not decoded as times. Both forms Cloudbeds sends now decode, and any other text is
// kept in Raw.
func TestDoorLockKeyTimestamps(t *testing.T) {
	tests := []struct {
		name, createdAt, updatedAt string
		wantCreated, wantUpdated   time.Time
		wantRaw                    string
	}{
		{"upstream format and SQL", `"2025-07-14T15:00:00+02:00"`, `"2025-07-15 09:30:00"`,
			time.Date(2025, 7, 14, 13, 0, 0, 0, time.UTC), time.Date(2025, 7, 15, 9, 30, 0, 0, time.UTC), ""},
		{"UTC and null", `"2025-07-14T15:00:00+00:00"`, `null`,
			time.Date(2025, 7, 14, 15, 0, 0, 0, time.UTC), time.Time{}, ""},
		{"text kept", `"2025-07-14T15:00:00+02:00"`, `"yesterday"`,
			time.Date(2025, 7, 14, 13, 0, 0, 0, time.UTC), time.Time{}, "yesterday"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.CloudbedsV2)
			srv.JSON("updateDoorLockKey", http.StatusOK, `{"keyId": "dlk_00231", "propertyId": "12345",
				"reservationId": "8123456789012", "subReservationId": "8123456789012-1", "issuerId": "frontdesk-2",
				"rooms": ["101"], "commonRooms": [], "startDateTime": "2025-07-14T15:00:00+02:00",
				"endDateTime": "2025-07-17T11:00:00+02:00", "keyType": "key_card", "status": "completed",
				"createdAt": `+tc.createdAt+`, "updatedAt": `+tc.updatedAt+`}`)
			c := newClient(t, srv)
			status := cloudbedsv2.DoorLockKeyUpdateRequestStatusCompleted
			res, err := c.UpdateDoorLockKeyWithResponse(context.Background(), "dlk_00231",
				&cloudbedsv2.UpdateDoorLockKeyParams{PropertyIDs: propertyID}, cloudbedsv2.DoorLockKeyUpdateRequest{Status: &status})
			if err != nil {
				t.Fatalf("UpdateDoorLockKeyWithResponse() = %v", err)
			}
			checkStatus(t, "updateDoorLockKey", res.StatusCode(), http.StatusOK, res.Body)
			key := res.JSON200
			if !key.CreatedAt.Equal(tc.wantCreated) || !key.UpdatedAt.Time.Equal(tc.wantUpdated) || key.UpdatedAt.Raw != tc.wantRaw {
				t.Errorf("createdAt %v, updatedAt %v (raw %q); want %v, %v (raw %q)",
					key.CreatedAt.Time, key.UpdatedAt.Time, key.UpdatedAt.Raw, tc.wantCreated, tc.wantUpdated, tc.wantRaw)
			}
		})
	}
}
