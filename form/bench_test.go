package form_test

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/form"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// benchReservation mirrors the generated Cloudbeds postReservation form.
type benchReservation struct {
	PropertyID            *string            `json:"propertyID,omitempty"`
	StartDate             wire.Date          `json:"startDate"`
	EndDate               wire.Date          `json:"endDate"`
	GuestFirstName        string             `json:"guestFirstName"`
	GuestLastName         string             `json:"guestLastName"`
	GuestCountry          string             `json:"guestCountry"`
	GuestZip              string             `json:"guestZip"`
	GuestEmail            string             `json:"guestEmail"`
	GuestPhone            *string            `json:"guestPhone,omitempty"`
	Rooms                 []benchRoom        `json:"rooms"`
	Adults                []benchOccupancy   `json:"adults"`
	Children              []benchOccupancy   `json:"children"`
	CustomFields          []custom           `json:"customFields,omitempty"`
	PaymentMethod         string             `json:"paymentMethod"`
	DateCreated           wire.SQLDateTime   `json:"dateCreated,omitempty"`
	SendEmailConfirmation *bool              `json:"sendEmailConfirmation,omitempty"`
	GuestRequirements     []map[string]any   `json:"guestRequirements,omitempty"`
	Extra                 map[string]float64 `json:"extra,omitempty"`
}

type benchRoom struct {
	RoomTypeID string  `json:"roomTypeID"`
	Quantity   int     `json:"quantity"`
	RoomID     *string `json:"roomID,omitempty"`
	RoomRateID *string `json:"roomRateID,omitempty"`
}

type benchOccupancy struct {
	RoomTypeID string  `json:"roomTypeID"`
	Quantity   int     `json:"quantity"`
	RoomID     *string `json:"roomID,omitempty"`
}

// postReservationBody is a realistic Cloudbeds postReservation form: two rooms, occupancy per
// room, a custom field and a guest requirement.
func postReservationBody() benchReservation {
	day := time.Date(2025, 6, 12, 0, 0, 0, 0, time.UTC)
	return benchReservation{
		PropertyID:     ptr("172938"),
		StartDate:      wire.Date{Time: day},
		EndDate:        wire.Date{Time: day.AddDate(0, 0, 2)},
		GuestFirstName: "Ana", GuestLastName: "Silva", GuestCountry: "PT", GuestZip: "4050-123",
		GuestEmail: "ana.silva@example.com", GuestPhone: ptr("+351 912 345 678"),
		Rooms:                 []benchRoom{{RoomTypeID: "77", Quantity: 1}, {RoomTypeID: "78", Quantity: 1, RoomID: ptr("78-3")}},
		Adults:                []benchOccupancy{{RoomTypeID: "77", Quantity: 2}, {RoomTypeID: "78", Quantity: 1, RoomID: ptr("78-3")}},
		Children:              []benchOccupancy{{RoomTypeID: "77", Quantity: 1}, {RoomTypeID: "78", Quantity: 0, RoomID: ptr("78-3")}},
		CustomFields:          []custom{{FieldName: "arrival_flight", FieldValue: "TP1947"}},
		PaymentMethod:         "credit",
		DateCreated:           wire.SQLDateTime{Time: day.Add(-72 * time.Hour)},
		SendEmailConfirmation: ptr(false),
		GuestRequirements:     []map[string]any{{"crib": "1"}},
	}
}

// BenchmarkEncodePostReservation measures form.Encode of postReservationBody, as the generated
// Cloudbeds client encodes a form body.
func BenchmarkEncodePostReservation(b *testing.B) {
	body := postReservationBody()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := form.Encode(body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodePostReservationHand is the same body written by hand into url.Values, the
// baseline for BenchmarkEncodePostReservation (TestHandEncodingMatches checks the bytes agree).
func BenchmarkEncodePostReservationHand(b *testing.B) {
	body := postReservationBody()
	b.ReportAllocs()
	for b.Loop() {
		_ = handEncode(body)
	}
}

// handEncode writes body the way a developer would without the form package.
func handEncode(r benchReservation) string {
	v := url.Values{}
	v.Set("propertyID", *r.PropertyID)
	v.Set("startDate", r.StartDate.Format("2006-01-02"))
	v.Set("endDate", r.EndDate.Format("2006-01-02"))
	v.Set("guestFirstName", r.GuestFirstName)
	v.Set("guestLastName", r.GuestLastName)
	v.Set("guestCountry", r.GuestCountry)
	v.Set("guestZip", r.GuestZip)
	v.Set("guestEmail", r.GuestEmail)
	v.Set("guestPhone", *r.GuestPhone)
	for i, room := range r.Rooms {
		p := "rooms[" + strconv.Itoa(i) + "]"
		v.Set(p+"[roomTypeID]", room.RoomTypeID)
		v.Set(p+"[quantity]", strconv.Itoa(room.Quantity))
		if room.RoomID != nil {
			v.Set(p+"[roomID]", *room.RoomID)
		}
	}
	for name, occ := range map[string][]benchOccupancy{"adults": r.Adults, "children": r.Children} {
		for i, o := range occ {
			p := name + "[" + strconv.Itoa(i) + "]"
			v.Set(p+"[roomTypeID]", o.RoomTypeID)
			v.Set(p+"[quantity]", strconv.Itoa(o.Quantity))
			if o.RoomID != nil {
				v.Set(p+"[roomID]", *o.RoomID)
			}
		}
	}
	for i, c := range r.CustomFields {
		p := "customFields[" + strconv.Itoa(i) + "]"
		v.Set(p+"[fieldName]", c.FieldName)
		v.Set(p+"[fieldValue]", c.FieldValue)
	}
	v.Set("paymentMethod", r.PaymentMethod)
	v.Set("dateCreated", r.DateCreated.Format("2006-01-02 15:04:05"))
	if r.SendEmailConfirmation != nil {
		v.Set("sendEmailConfirmation", map[bool]string{true: "1", false: "0"}[*r.SendEmailConfirmation])
	}
	for i, req := range r.GuestRequirements {
		for k, x := range req {
			v.Set("guestRequirements["+strconv.Itoa(i)+"]["+k+"]", x.(string))
		}
	}
	return v.Encode()
}

func TestHandEncodingMatches(t *testing.T) {
	got, err := form.Encode(postReservationBody())
	if err != nil {
		t.Fatal(err)
	}
	if want := handEncode(postReservationBody()); got != want {
		t.Errorf("form.Encode =\n%s\nhand-written =\n%s", got, want)
	}
}
