package hospitality_test

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
)

// serveJSON answers every request with body as contentType.
func serveJSON(t *testing.T, contentType, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestUnknownFields pins issue 18's "raw access for fields the spec does not know": members a
// typed answer has no field for were dropped without a trace; UnknownFields returns each with its
// JSON Pointer and raw value, at any depth, through wire.Map entries and slices, and nothing for a
// document every member of which is known (Cobot's meta and included resources included).
func TestUnknownFields(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		call func(t *testing.T) (any, error)
		want map[string]string
	}{
		{"cloudbeds getReservations page", func(t *testing.T) (any, error) {
			c, err := cloudbeds.NewClientWithResponses(serveJSON(t, "application/json", `{
  "success": true, "count": 1, "total": 1, "pageCursor": "c-2",
  "data": [{"reservationID": "8123", "guestName": "Ann Lee", "status": "confirmed",
    "guestList": {"G-1": {"guestName": "Ann Lee", "loyaltyTier": "gold"}},
    "rooms": [{"roomTypeID": "77", "roomSmartLock": {"vendor": "acme", "code": 1}}],
    "channelMeta": {"otaRef": "BK-1"}},
   {"reservationID": "8124", "guestName": "Bo Chen", "status": "checked_in"}]}`))
			if err != nil {
				t.Fatal(err)
			}
			return c.GetReservationsWithResponse(ctx, nil)
		}, map[string]string{
			"/pageCursor":                       `"c-2"`,
			"/data/0/guestList/G-1/loyaltyTier": `"gold"`,
			"/data/0/rooms/0/roomSmartLock":     `{"vendor": "acme", "code": 1}`,
			"/data/0/channelMeta":               `{"otaRef": "BK-1"}`,
		}},
		{"cobot JSON:API document", func(t *testing.T) (any, error) {
			c, err := cobot.NewClientWithResponses(serveJSON(t, "application/vnd.api+json", `{
  "data": {"id": "sp-1", "type": "spaces",
    "attributes": {"name": "Co-Up", "subdomain": "co-up", "carbonNeutral": true, "hourFormat": 24},
    "relationships": {}, "meta": {"anything": {"goes": 1}}},
  "jsonapi": {"version": "1.1"}, "included": [{"id": "x", "type": "whatever", "attributes": {"any": 1}}]}`))
			if err != nil {
				t.Fatal(err)
			}
			return c.GetSpaceWithResponse(ctx, "sp-1", nil)
		}, map[string]string{"/data/attributes/carbonNeutral": `true`}},
		{"everything known", func(t *testing.T) (any, error) {
			c, err := cloudbeds.NewClientWithResponses(serveJSON(t, "application/json",
				`{"success": true, "count": 0, "total": 0, "data": []}`))
			if err != nil {
				t.Fatal(err)
			}
			return c.GetReservationsWithResponse(ctx, nil)
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rsp, err := tc.call(t)
			if err != nil {
				t.Fatal(err)
			}
			got, err := hospitality.UnknownFields(rsp)
			if err != nil {
				t.Fatalf("UnknownFields = %v", err)
			}
			keys := slices.Sorted(maps.Keys(got))
			if len(got) != len(tc.want) {
				t.Errorf("UnknownFields = %v, want the keys of %v", keys, tc.want)
			}
			for k, v := range tc.want {
				if string(got[k]) != v {
					t.Errorf("UnknownFields()[%q] = %s, want %s", k, got[k], v)
				}
			}
		})
	}
}

func TestUnknownFieldsNotAResponse(t *testing.T) {
	for _, v := range []any{nil, 42, (*cloudbeds.GetReservationsResponse)(nil), struct{ Body string }{}} {
		if _, err := hospitality.UnknownFields(v); err == nil {
			t.Errorf("UnknownFields(%#v) = nil error, want one", v)
		}
	}
	if got, err := hospitality.UnknownFields(&cloudbeds.GetReservationsResponse{Body: []byte(`{"x":1}`)}); got != nil || err != nil {
		t.Errorf("UnknownFields(no decoded field) = %v, %v, want nil, nil", got, err)
	}
}
