package hospitality_test

import (
	"context"
	"fmt"
	"log"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
)

// This example reads the fields of a Cloudbeds answer that the SDK's types do not know yet:
// the typed call decodes as usual, and UnknownFields lists what decoding dropped, by JSON
// Pointer, with the raw JSON values.
func ExampleUnknownFields() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"success": true, "count": 1, "total": 1,
			"data": [{"reservationID": "8123", "guestName": "Ann Lee", "loyaltyTier": "gold",
			          "rooms": [{"roomTypeID": "77", "smartLock": {"code": "4711"}}]}]}`)
	}))
	defer srv.Close()

	c, err := cloudbeds.NewClientWithResponses(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	rsp, err := c.GetReservationsWithResponse(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("typed:", rsp.JSON200.Data[0].GuestName)

	extra, err := hospitality.UnknownFields(rsp)
	if err != nil {
		log.Fatal(err)
	}
	for _, ptr := range slices.Sorted(maps.Keys(extra)) {
		fmt.Printf("unknown: %s = %s\n", ptr, extra[ptr])
	}
	// Output:
	// typed: Ann Lee
	// unknown: /data/0/loyaltyTier = "gold"
	// unknown: /data/0/rooms/0/smartLock = {"code": "4711"}
}
