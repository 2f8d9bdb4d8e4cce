package cobot_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// vnd registers a fixed JSON:API answer; spectest's JSON helper would label it application/json,
// which the document does not allow.
func vnd(srv *spectest.Server, operationID string, status int, body string) {
	srv.Handle(operationID, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", vndJSON)
		w.WriteHeader(status)
		io.WriteString(w, body)
	})
}

const bookingJSON = `{
  "data": {
    "id": "b8f21a71ac8df98d29de357180d27358",
    "type": "bookings",
    "attributes": {
      "from": "2024-05-14T12:00:00Z", "to": "2024-05-14T14:00:00Z", "units": 1,
      "title": "Design review", "url": null, "comments": null, "attendeesMessage": null,
      "attendees": [{"email": "jonas.weber@example.org"}],
      "price": {"net": "40.0", "gross": "47.6", "currency": "EUR", "taxes": [{"rate": "19.0", "name": "VAT", "amount": "7.6"}]},
      "bookingExtras": [{"id": "e1", "productId": "p1", "name": "Projector", "description": null, "accountingCode": null,
        "pricing": {"quantity": "2.0", "unit": "item"}}],
      "canUpdate": true, "cancellationPeriod": 24, "hasCustomPrice": false,
      "attributeAddedLater": "ignored by older clients"
    },
    "relationships": {
      "space": {"data": {"id": "c9a9e1e2c0f74f5d9e1b2a3c4d5e6f70", "type": "spaces"}},
      "resource": {"data": {"id": "a4a99a71ac8df98d29de357180d273d3", "type": "resources"}},
      "membership": {"data": null},
      "externalBooking": {"data": null},
      "recurringBookings": {"links": {"related": "/recurring_bookings/a3281b61"}}
    }
  },
  "included": [{"id": "a4a99a71ac8df98d29de357180d273d3", "type": "resources", "attributes": {"name": "Harbour Room", "capacity": 8}}]
}`

func TestGetBookingDecodesJSONAPI(t *testing.T) {
	srv := spectest.New(t, specs.Cobot)
	vnd(srv, "get-booking", http.StatusOK, bookingJSON)
	c := newClient(t, srv)

	res, err := c.GetBookingWithResponse(context.Background(), "b8f21a71ac8df98d29de357180d27358", nil)
	if err != nil {
		t.Fatalf("GetBookingWithResponse: %v", err)
	}
	doc := res.ApplicationVndAPIJSON200
	if doc == nil {
		t.Fatalf("GetBookingWithResponse: no typed body; status %d, body %s", res.StatusCode(), res.Body)
	}
	a := doc.Data.Attributes
	wantFrom := time.Date(2024, 5, 14, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		got, want any
	}{
		{"type", doc.Data.Type, "bookings"},
		{"from", a.From.Time.Equal(wantFrom), true},
		{"to-from", a.To.Sub(a.From.Time), 2 * time.Hour},
		{"net", a.Price.Net, wire.Decimal("40.0")},
		{"gross", a.Price.Gross, wire.Decimal("47.6")},
		{"tax rate", a.Price.Taxes[0].Rate, wire.Decimal("19.0")},
		{"extra quantity", (*a.BookingExtras)[0].Pricing.Quantity, wire.Decimal("2.0")},
		{"url null", a.URL == nil, true},
		{"resource id", doc.Data.Relationships.Resource.Data.ID, "a4a99a71ac8df98d29de357180d273d3"},
		{"membership null", doc.Data.Relationships.Membership.Data == nil, true},
		{"external booking null", doc.Data.Relationships.ExternalBooking.Data == nil, true},
		{"recurring link", *doc.Data.Relationships.RecurringBookings.Links.Related, "/recurring_bookings/a3281b61"},
		{"included type", (*doc.Included)[0].Type, "resources"},
		{"included name", (*(*doc.Included)[0].Attributes)["name"], "Harbour Room"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("GetBooking %s = %v, want %v", tc.name, tc.got, tc.want)
			}
		})
	}
}

func TestCreateMembershipBookingWire(t *testing.T) {
	srv := spectest.New(t, specs.Cobot)
	vnd(srv, "create-membership-booking", http.StatusCreated, bookingJSON)
	c := newClient(t, srv)

	from := wire.DateTime{Time: time.Date(2024, 5, 14, 14, 0, 0, 0, time.FixedZone("CEST", 2*3600))}
	to := wire.DateTime{Time: from.Add(2 * time.Hour)}
	title := "Design review"
	body := cobot.CreateBooking{Data: cobot.CreateBookingData{
		Type:       cobot.CreateBookingDataTypeBookings,
		Attributes: cobot.CreateBookingAttributes{From: from, To: to, Title: &title},
		Relationships: &cobot.CreateBookingRelationships{
			Resource: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "a4a99a71ac8df98d29de357180d273d3", Type: "resources"}},
		},
	}}
	res, err := c.CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse(context.Background(), "m-42", body)
	if err != nil {
		t.Fatalf("CreateMembershipBooking: %v", err)
	}
	if res.StatusCode() != http.StatusCreated || res.ApplicationVndAPIJSON201 == nil {
		t.Fatalf("CreateMembershipBooking status = %d, typed = %v, want 201 with a document", res.StatusCode(), res.ApplicationVndAPIJSON201)
	}
	req, _ := srv.LastRequest("create-membership-booking")
	const wantBody = `{"data":{"attributes":{"from":"2024-05-14T14:00:00+02:00","title":"Design review","to":"2024-05-14T16:00:00+02:00"},"relationships":{"resource":{"data":{"id":"a4a99a71ac8df98d29de357180d273d3","type":"resources"}}},"type":"bookings"}}`
	tests := []struct{ name, got, want string }{
		{"method", req.Method, http.MethodPost},
		{"path", req.URL.Path, "/memberships/m-42/bookings"},
		{"content type", req.Header.Get("Content-Type"), vndJSON},
		{"accept", req.Header.Get("Accept"), vndJSON},
		{"body", string(req.Body), wantBody},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("request %s = %q, want %q", tc.name, tc.got, tc.want)
			}
		})
	}
}

func TestCollectionQueryEncoding(t *testing.T) {
	srv := spectest.New(t, specs.Cobot)
	vnd(srv, "get-space-bookings", http.StatusOK, `{"data":[],"meta":{"totalPages":3,"currentPage":2},
	  "links":{"self":"/spaces/s1/bookings?page[number]=2","first":"/spaces/s1/bookings?page[number]=1","prev":"/spaces/s1/bookings?page[number]=1","next":"/spaces/s1/bookings?page[number]=3","last":"/spaces/s1/bookings?page[number]=3"}}`)
	c := newClient(t, srv)
	page, size := 2, 200
	include := []cobot.GetSpaceBookingsParamsInclude{"membership", "event"}
	res, err := c.GetSpaceBookingsWithResponse(context.Background(), "s1", &cobot.GetSpaceBookingsParams{
		FilterFrom: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		FilterTo:   time.Date(2024, 5, 31, 23, 59, 59, 0, time.UTC),
		Include:    &include,
		PageNumber: &page,
		PageSize:   &size,
		Fields:     &cobot.Fields{"bookings": "from,to,title"},
	})
	if err != nil {
		t.Fatalf("GetSpaceBookings: %v", err)
	}
	list := res.ApplicationVndAPIJSON200
	if list == nil || list.Meta == nil || list.Meta.TotalPages == nil || list.Meta.TotalPages.Int != 3 {
		t.Fatalf("GetSpaceBookings meta = %+v, want totalPages 3", list)
	}
	if next := list.Links.Next; next == nil || *next != "/spaces/s1/bookings?page[number]=3" {
		t.Errorf("GetSpaceBookings links.next = %v, want the third page", next)
	}
	req, _ := srv.LastRequest("get-space-bookings")
	q := req.URL.Query()
	tests := []struct{ key, want string }{
		{"filter[from]", "2024-05-01T00:00:00Z"},
		{"filter[to]", "2024-05-31T23:59:59Z"},
		{"include", "membership,event"},
		{"page[number]", "2"},
		{"page[size]", "200"},
		{"fields[bookings]", "from,to,title"},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			if got := q[tc.key]; len(got) != 1 || got[0] != tc.want {
				t.Errorf("query %s = %q, want [%q]", tc.key, got, tc.want)
			}
		})
	}
}

func TestErrorDocuments(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		errs    func(*cobot.CreateExternalBookingResponse) *cobot.ErrorDocument
		detail  string
		pointer string
	}{
		{
			name:   "402 add-on missing",
			status: http.StatusPaymentRequired,
			body:   `{"errors":[{"title":"Payment required","detail":"The space has no external bookings add-on."}]}`,
			errs:   func(r *cobot.CreateExternalBookingResponse) *cobot.ErrorDocument { return r.ApplicationVndAPIJSON402 },
			detail: "The space has no external bookings add-on.",
		},
		{
			name:    "422 invalid attribute",
			status:  http.StatusUnprocessableEntity,
			body:    `{"errors":[{"status":"422","source":{"pointer":"/data/attributes/email"},"detail":"is invalid"}]}`,
			errs:    func(r *cobot.CreateExternalBookingResponse) *cobot.ErrorDocument { return r.ApplicationVndAPIJSON422 },
			detail:  "is invalid",
			pointer: "/data/attributes/email",
		},
		{
			name:   "400 not bookable",
			status: http.StatusBadRequest,
			body:   `{"errors":[{"detail":"Resource is closed at that time."}]}`,
			errs:   func(r *cobot.CreateExternalBookingResponse) *cobot.ErrorDocument { return r.ApplicationVndAPIJSON400 },
			detail: "Resource is closed at that time.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := spectest.New(t, specs.Cobot)
			vnd(srv, "create-external-booking", tc.status, tc.body)
			c := newClient(t, srv)
			doc := spectest.Load(t, specs.Cobot)
			res, err := c.CreateExternalBookingWithApplicationVndAPIPlusJSONBodyWithResponse(context.Background(),
				body[cobot.CreateExternalBooking](t, doc, "create-external-booking"))
			if err != nil {
				t.Fatalf("CreateExternalBooking: %v", err)
			}
			e := tc.errs(res)
			if e == nil || len(e.Errors) != 1 {
				t.Fatalf("CreateExternalBooking %d: typed errors = %v, want one error", tc.status, e)
			}
			if got := *e.Errors[0].Detail; got != tc.detail {
				t.Errorf("errors[0].detail = %q, want %q", got, tc.detail)
			}
			var pointer string
			if s := e.Errors[0].Source; s != nil && s.Pointer != nil {
				pointer = *s.Pointer
			}
			if pointer != tc.pointer {
				t.Errorf("errors[0].source.pointer = %q, want %q", pointer, tc.pointer)
			}
		})
	}
}

func TestInvoiceOpenEnumsAndDecimals(t *testing.T) {
	srv := spectest.New(t, specs.Cobot)
	doc := spectest.Load(t, specs.Cobot)
	_, _, example := firstSuccess(t, doc.Paths.Find("/invoices/{id}").Get)
	// Start from the document's example and change what real answers vary in.
	var m map[string]any
	if err := json.Unmarshal(example, &m); err != nil {
		t.Fatal(err)
	}
	attrs := m["data"].(map[string]any)["attributes"].(map[string]any)
	attrs["paidStatus"] = "partiallyRefunded" // a value newer than this SDK
	attrs["paidAmount"] = "12.345"
	attrs["paidDate"] = nil
	b, _ := json.Marshal(m)
	vnd(srv, "get-invoice", http.StatusOK, string(b))
	c := newClient(t, srv)

	res, err := c.GetInvoiceWithResponse(context.Background(), "inv-1", nil)
	if err != nil || res.ApplicationVndAPIJSON200 == nil {
		t.Fatalf("GetInvoice = %v, %v; want a typed document", res, err)
	}
	a := res.ApplicationVndAPIJSON200.Data.Attributes
	if a.PaidStatus != "partiallyRefunded" {
		t.Errorf("paidStatus = %q, want %q", a.PaidStatus, "partiallyRefunded")
	}
	if a.PaidAmount != "12.345" {
		t.Errorf("paidAmount = %q, want %q", a.PaidAmount, "12.345")
	}
	if !a.PaidDate.IsZero() {
		t.Errorf("paidDate = %v, want empty for null", a.PaidDate)
	}
}

// TestGetInvoicePDF checks GET /invoices/{id}.pdf on the wire with a plain fake: the ".pdf" suffix
// on the id, the download token and e_invoice in the query, and the PDF bytes handed back as-is.
func TestGetInvoicePDF(t *testing.T) {
	var gotPath, gotQuery string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath, gotQuery = r.URL.Path, r.URL.RawQuery
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.7\n%%EOF\n")
	}))
	t.Cleanup(srv.Close)
	c, err := cobot.NewClientWithResponses(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	token, eInvoice := "pdf-token-123", true
	res, err := c.GetInvoicePDFWithResponse(context.Background(), "14c12f62", &cobot.GetInvoicePDFParams{Token: &token, EInvoice: &eInvoice})
	if err != nil {
		t.Fatalf("GetInvoicePDF: %v", err)
	}
	tests := []struct{ name, got, want string }{
		{"path", gotPath, "/invoices/14c12f62.pdf"},
		{"query", gotQuery, "token=pdf-token-123&e_invoice=true"},
		{"body", string(res.Body), "%PDF-1.7\n%%EOF\n"},
		{"content type", res.HTTPResponse.Header.Get("Content-Type"), "application/pdf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("GetInvoicePDF %s = %q, want %q", tc.name, tc.got, tc.want)
			}
		})
	}
}
