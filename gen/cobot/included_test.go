package cobot_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// dropInPassDoc is a GET /drop_in_passes/{id}?include=invoices answer.
const dropInPassDoc = `{"data": {"id": "dp-1", "type": "dropInPasses", "attributes": {},
  "relationships": {"invoices": {"data": [{"id": "inv-1", "type": "invoices"}, {"id": "inv-2", "type": "invoices"}]},
                    "contact": {"data": {"id": "c-1", "type": "contacts"}}}},
 "included": [{"id": "inv-1", "type": "invoices", "attributes": {"number": "CW-2024-0042", "payableAmount": "47.6"}}]}`

// eventAttendanceDoc is a GET /event_attendances/{id}?include=attendee answer.
const eventAttendanceDoc = `{"data": {"id": "att-1", "type": "eventAttendances",
  "attributes": {"createdAt": "2024-05-14T09:00:00Z", "numberOfAttendees": 1},
  "relationships": {"event": {"data": {"id": "ev-1", "type": "events"}}, "attendee": {"data": {"id": "m-1", "type": "memberships"}}}},
 "included": [{"id": "c-1", "type": "contacts", "attributes": {"email": "guest@example.org"}},
              {"id": "m-1", "type": "memberships", "attributes": {"name": "Maria Keller", "email": "maria.keller@example.org"}}]}`

// bookingDoc is a GET /bookings/{id}?include=resource answer, whose included resources the
// spec leaves generic.
const bookingDoc = `{"data": {"id": "b-1", "type": "bookings",
  "relationships": {"resource": {"data": {"id": "r-1", "type": "resources"}}}},
 "included": [{"id": "r-1", "type": "resources", "attributes": {"name": "Harbour Room", "capacity": 8}}]}`

// Regression: Cobot's included resources were all generic (attributes as a map), so resolving a
// relationship meant walking the JSON:API document by hand. They are typed now, and
// Included resolves a relationship to its included resource.
func TestIncluded(t *testing.T) {
	var pass cobot.DropInPassDocument
	var attendance cobot.EventAttendanceDocument
	var booking cobot.BookingDocument
	for _, d := range []struct {
		doc string
		v   any
	}{{dropInPassDoc, &pass}, {eventAttendanceDoc, &attendance}, {bookingDoc, &booking}} {
		if err := json.Unmarshal([]byte(d.doc), d.v); err != nil {
			t.Fatalf("decode %T: %v", d.v, err)
		}
	}
	invoices := *pass.Data.Relationships.Invoices.Data

	t.Run("typed", func(t *testing.T) {
		inv, err := cobot.Included[cobot.Invoice](pass.Included, &invoices[0])
		if err != nil {
			t.Fatal(err)
		}
		if inv.ID != "inv-1" || inv.Attributes == nil || inv.Attributes.Number != "CW-2024-0042" {
			t.Errorf("Included = %+v, want invoice inv-1 numbered CW-2024-0042", inv)
		}
	})
	t.Run("union", func(t *testing.T) {
		m, err := cobot.Included[cobot.Membership](attendance.Included, attendance.Data.Relationships.Attendee.Data)
		if err != nil {
			t.Fatal(err)
		}
		if m.ID != "m-1" || m.Attributes.Name == nil || *m.Attributes.Name != "Maria Keller" {
			t.Errorf("Included = %+v, want membership m-1 of Maria Keller", m)
		}
	})
	t.Run("generic", func(t *testing.T) {
		r, err := cobot.Included[cobot.Resource](booking.Included, booking.Data.Relationships.Resource.Data)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID != "r-1" || r.Attributes.Name != "Harbour Room" {
			t.Errorf("Included = %+v, want resource r-1 named Harbour Room", r)
		}
	})
	failures := []struct {
		name    string
		call    func() error
		notIncl bool
		want    string
	}{
		{"not included", func() error {
			_, err := cobot.Included[cobot.Invoice](pass.Included, &invoices[1])
			return err
		}, true, "invoices inv-2"},
		{"links nothing", func() error {
			_, err := cobot.Included[cobot.Invoice](pass.Included, nil)
			return err
		}, true, "links nothing"},
		{"no included", func() error {
			_, err := cobot.Included[cobot.Invoice]((*[]cobot.Invoice)(nil), &invoices[0])
			return err
		}, true, "invoices inv-1"},
		{"wrong type", func() error {
			_, err := cobot.Included[cobot.Contact](attendance.Included, attendance.Data.Relationships.Attendee.Data)
			return err
		}, false, "is a cobot.Membership, not a cobot.Contact"},
	}
	for _, tc := range failures {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if err == nil || errors.Is(err, wire.ErrNotIncluded) != tc.notIncl || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Included = %v, want an error saying %q (ErrNotIncluded: %v)", err, tc.want, tc.notIncl)
			}
		})
	}
}
