package cloudbeds_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Creating a reservation for two rooms. The body goes out form-encoded with PHP-style keys; the
// answer carries its fields at the top level, not under data.
func Example_createReservation() {
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		vals, _ := url.ParseQuery(string(body))
		fmt.Println(r.Method, r.URL.Path)
		fmt.Println("rooms[1][roomTypeID] =", vals.Get("rooms[1][roomTypeID]"))
		fmt.Println("startDate =", vals.Get("startDate"), "sendEmailConfirmation =", vals.Get("sendEmailConfirmation"))
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"success": true, "reservationID": "8829301744", "status": "confirmed",
			"grandTotal": "261.60", "dateCreated": "2025-05-20 09:41:27"}`)
	}))
	defer fake.Close()

	// Production code passes cloudbeds.DefaultServer and an auth editor (bearer token or x-api-key).
	c, err := cloudbeds.NewClientWithResponses(fake.URL + "/api/v1.3")
	if err != nil {
		log.Fatal(err)
	}
	day := func(y int, m time.Month, d int) wire.Date {
		return wire.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
	}
	noEmail := false
	r, err := c.PostReservationWithFormdataBodyWithResponse(context.Background(), cloudbeds.PostReservationFormdataRequestBody{
		StartDate:             day(2025, 6, 12),
		EndDate:               day(2025, 6, 14),
		GuestFirstName:        "Ana",
		GuestLastName:         "Silva",
		GuestCountry:          "PT",
		GuestZip:              "4050-123",
		GuestEmail:            "ana.silva@example.com",
		Rooms:                 []cloudbeds.PostReservationRoom{{RoomTypeID: "77", Quantity: 1}, {RoomTypeID: "78", Quantity: 1}},
		Adults:                []cloudbeds.PostReservationAdult{{RoomTypeID: "77", Quantity: 2}, {RoomTypeID: "78", Quantity: 1}},
		Children:              []cloudbeds.PostReservationChild{{RoomTypeID: "77", Quantity: 0}, {RoomTypeID: "78", Quantity: 0}},
		PaymentMethod:         cloudbeds.PostReservationFormPaymentMethodCash,
		SendEmailConfirmation: &noEmail,
	})
	if err != nil {
		log.Fatal(err)
	}
	res := r.JSON200
	fmt.Println("reservation", res.ReservationID, "total", res.GrandTotal, "created", res.DateCreated.Format("2 Jan 2006 15:04"))
	// Output:
	// POST /api/v1.3/postReservation
	// rooms[1][roomTypeID] = 78
	// startDate = 2025-06-12 sendEmailConfirmation = 0
	// reservation 8829301744 total 261.60 created 20 May 2025 09:41
}

// Listing the day's arrivals with the iterator, which follows pageNumber until total is reached.
// Counts arrive as strings or numbers and decode either way.
func Example_listArrivals() {
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		fmt.Println("pageNumber =", q.Get("pageNumber"), "checkInFrom =", q.Get("checkInFrom"), "status =", q.Get("status"))
		w.Header().Set("Content-Type", "application/json")
		switch q.Get("pageNumber") {
		case "1":
			io.WriteString(w, `{"success": true, "count": 2, "total": "3", "data": [
				{"reservationID": "8829301744", "guestName": "Ana Silva", "adults": "2", "children": 0, "balance": "180.50"},
				{"reservationID": 8829301745, "guestName": "Rui Costa", "adults": 1, "children": "1", "balance": 0}]}`)
		default:
			io.WriteString(w, `{"success": true, "count": "1", "total": 3, "data": [
				{"reservationID": "8829301746", "guestName": "Inês Sousa", "adults": "1", "children": "", "balance": "95.00"}]}`)
		}
	}))
	defer fake.Close()

	c, err := cloudbeds.NewClientWithResponses(fake.URL + "/api/v1.3")
	if err != nil {
		log.Fatal(err)
	}
	today := wire.Date{Time: time.Date(2025, 6, 12, 0, 0, 0, 0, time.UTC)}
	confirmed := cloudbeds.GetReservationsParamsStatusConfirmed
	size := 2
	arrivals := c.GetReservationsIter(context.Background(), &cloudbeds.GetReservationsParams{
		CheckInFrom: &today,
		CheckInTo:   &today,
		Status:      &confirmed,
		PageSize:    &size,
	})
	for res, err := range arrivals {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %s: %s adults, %s children, balance %s\n", res.ReservationID, res.GuestName, res.Adults, res.Children, res.Balance)
	}
	// Output:
	// pageNumber = 1 checkInFrom = 2025-06-12 status = confirmed
	// 8829301744 Ana Silva: 2 adults, 0 children, balance 180.50
	// 8829301745 Rui Costa: 1 adults, 1 children, balance 0
	// pageNumber = 2 checkInFrom = 2025-06-12 status = confirmed
	// 8829301746 Inês Sousa: 1 adults, 0 children, balance 95.00
}
