package hospitality_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	hospitality "github.com/hospitality-sdk/hospitality-go"
)

// ExampleCloudbedsWebhookHandler receives a Cloudbeds event. Cloudbeds sends propertyID as a
// JSON integer next to propertyID_str, and the timestamp as fractional epoch seconds; the handler
// gets both as plain Go values. Cloudbeds does not sign deliveries, so the endpoint path is
// unguessable and the event is only a hint to read the reservation through the API.
func ExampleCloudbedsWebhookHandler() {
	mux := http.NewServeMux()
	mux.Handle("POST /hooks/cloudbeds/5d1c0e7a", hospitality.CloudbedsWebhookHandler(
		func(ctx context.Context, ev *hospitality.CloudbedsWebhookEvent) error {
			fmt.Println(ev.Event, ev.PropertyID, ev.ReservationID, ev.Time.Format("2006-01-02 15:04:05.000"))
			return nil // then, for example, GetReservation for ev.ReservationID
		}))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// What Cloudbeds posts when a reservation is created.
	res, err := http.Post(srv.URL+"/hooks/cloudbeds/5d1c0e7a", "application/json", strings.NewReader(
		`{"version":"1.0","event":"reservation/created","timestamp":1749724200.5,`+
			`"propertyID":172938,"propertyID_str":"172938","reservationID":"8829301744"}`))
	if err != nil {
		log.Fatal(err)
	}
	res.Body.Close()
	fmt.Println(res.StatusCode)
	// Output:
	// reservation/created 172938 8829301744 2025-06-12 10:30:00.500
	// 200
}
