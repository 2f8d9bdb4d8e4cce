package cobot_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// fakeCobot answers like api.cobot.me for the two calls the examples make.
func fakeCobot() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		switch r.URL.Path {
		case "/memberships/m-42/bookings":
			w.WriteHeader(http.StatusCreated)
			io.WriteString(w, `{"data":{"id":"b-1","type":"bookings","attributes":{"from":"2024-05-14T12:00:00Z","to":"2024-05-14T14:00:00Z","units":1,"title":"Design review","canUpdate":true,"cancellationPeriod":24,"price":{"net":"40.0","gross":"47.6","currency":"EUR","taxes":[]}},"relationships":{"space":{"data":{"id":"s-1","type":"spaces"}},"resource":{"data":{"id":"r-7","type":"resources"}},"externalBooking":{"data":null}}}}`)
		case "/spaces/s-1/invoices":
			if r.URL.Query().Get("page[number]") == "2" {
				io.WriteString(w, `{"data":[{"id":"inv-2","type":"invoices","attributes":{"number":"CW-2024-0043","paidStatus":"paid","payableAmount":"0.0"}}],"meta":{"totalPages":2,"currentPage":2},"links":{"next":null}}`)
				return
			}
			io.WriteString(w, `{"data":[{"id":"inv-1","type":"invoices","attributes":{"number":"CW-2024-0042","paidStatus":"unpaid","payableAmount":"226.10"}}],"meta":{"totalPages":2,"currentPage":1},"links":{"next":"/spaces/s-1/invoices?page[number]=2&page[size]=1"}}`)
		default:
			http.NotFound(w, r)
		}
	}))
}

// A member books a meeting room for two hours. Times may carry any offset; Cobot answers in UTC.
func ExampleClientWithResponses_CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse() {
	srv := fakeCobot()
	defer srv.Close()
	c, err := cobot.NewClientWithResponses(srv.URL) // cobot.DefaultServer in production, plus auth editors
	if err != nil {
		panic(err)
	}
	berlin := time.FixedZone("CEST", 2*3600)
	from := time.Date(2024, 5, 14, 14, 0, 0, 0, berlin)
	title := "Design review"
	res, err := c.CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse(context.Background(), "m-42",
		cobot.CreateBooking{Data: cobot.CreateBookingData{
			Type: cobot.CreateBookingDataTypeBookings,
			Attributes: cobot.CreateBookingAttributes{
				From:  wire.DateTime{Time: from},
				To:    wire.DateTime{Time: from.Add(2 * time.Hour)},
				Title: &title,
			},
			Relationships: &cobot.CreateBookingRelationships{
				Resource: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "r-7", Type: "resources"}},
			},
		}})
	if err != nil {
		panic(err)
	}
	b := res.ApplicationVndAPIJSON201.Data
	fmt.Println(res.StatusCode(), b.ID, b.Attributes.From.UTC().Format(time.RFC3339), b.Attributes.Price.Gross, b.Attributes.Price.Currency)
	// Output: 201 b-1 2024-05-14T12:00:00Z 47.6 EUR
}

// Invoices come in pages; the iterator follows links.next until it is null.
func ExampleClientWithResponses_GetSpaceInvoicesIter() {
	srv := fakeCobot()
	defer srv.Close()
	c, err := cobot.NewClientWithResponses(srv.URL)
	if err != nil {
		panic(err)
	}
	size := 1
	for inv, err := range c.GetSpaceInvoicesIter(context.Background(), "s-1", &cobot.GetSpaceInvoicesParams{PageSize: &size}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(inv.Attributes.Number, inv.Attributes.PaidStatus, inv.Attributes.PayableAmount)
	}
	// Output:
	// CW-2024-0042 unpaid 226.10
	// CW-2024-0043 paid 0.0
}
