package form_test

import (
	"fmt"
	"log"
	"net/url"
	"time"

	"github.com/hospitality-sdk/hospitality-go/form"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// A reservation body with two rooms, the way Cloudbeds reads it.
func ExampleEncode() {
	type room struct {
		RoomTypeID string `json:"roomTypeID"`
		Quantity   int    `json:"quantity"`
	}
	body := struct {
		StartDate wire.Date `json:"startDate"`
		Rooms     []room    `json:"rooms"`
		Amount    float64   `json:"amount"`
		SendEmail *bool     `json:"sendEmailConfirmation,omitempty"`
		PromoCode *string   `json:"promoCode,omitempty"`
	}{
		StartDate: wire.Date{Time: time.Date(2025, 6, 12, 0, 0, 0, 0, time.UTC)},
		Rooms:     []room{{"77", 1}, {"78", 2}},
		Amount:    1000000.5,
	}
	enc, err := form.Encode(body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(enc)
	plain, _ := url.QueryUnescape(enc)
	fmt.Println(plain)
	// Output:
	// amount=1000000.5&rooms%5B0%5D%5Bquantity%5D=1&rooms%5B0%5D%5BroomTypeID%5D=77&rooms%5B1%5D%5Bquantity%5D=2&rooms%5B1%5D%5BroomTypeID%5D=78&startDate=2025-06-12
	// amount=1000000.5&rooms[0][quantity]=1&rooms[0][roomTypeID]=77&rooms[1][quantity]=2&rooms[1][roomTypeID]=78&startDate=2025-06-12
}

// Reading a PHP-style body back into a tree, as a fake server does.
func ExampleDecode() {
	vals, err := url.ParseQuery("rooms[0][roomTypeID]=77&rooms[0][quantity]=1&guestCountry=PT")
	if err != nil {
		log.Fatal(err)
	}
	tree, err := form.Decode(vals)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tree["guestCountry"], tree["rooms"])
	// Output:
	// PT [map[quantity:1 roomTypeID:77]]
}

// Marshal gives the fields before encoding, for callers that add their own.
func ExampleMarshal() {
	vals, err := form.Marshal(map[string]any{"isDeposit": true, "amount": 25.0})
	if err != nil {
		log.Fatal(err)
	}
	vals.Set("propertyID", "172938")
	fmt.Println(vals.Encode())
	// Output:
	// amount=25&isDeposit=1&propertyID=172938
}
