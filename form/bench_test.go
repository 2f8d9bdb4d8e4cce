package form_test

import (
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

func BenchmarkEncodePostReservation(b *testing.B) {
	day := time.Date(2025, 6, 12, 0, 0, 0, 0, time.UTC)
	body := benchReservation{
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
	b.ReportAllocs()
	for b.Loop() {
		if _, err := form.Encode(body); err != nil {
			b.Fatal(err)
		}
	}
}
