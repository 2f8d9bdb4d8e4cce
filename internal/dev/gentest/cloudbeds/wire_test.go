package cloudbeds_test

import (
	"bytes"
	"context"
	"maps"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/form"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
)

// reservationBody is a realistic postReservation form: two rooms, adults and children per room,
// a custom field, dates and a creation time.
func reservationBody() cloudbeds.PostReservationFormdataRequestBody {
	return cloudbeds.PostReservationFormdataRequestBody{
		PropertyID:     ptr("172938"),
		SourceID:       ptr("s-2"),
		StartDate:      date("2025-06-12"),
		EndDate:        date("2025-06-14"),
		GuestFirstName: "Ana",
		GuestLastName:  "Silva",
		GuestCountry:   "PT",
		GuestZip:       "4050-123",
		GuestEmail:     "ana.silva@example.com",
		GuestPhone:     ptr("+351 912 345 678"),
		Rooms: []cloudbeds.PostReservationRoom{
			{RoomTypeID: "77", Quantity: 1},
			{RoomTypeID: "78", Quantity: 1, RoomID: ptr("78-3")},
		},
		Adults: []cloudbeds.PostReservationAdult{
			{RoomTypeID: "77", Quantity: 2},
			{RoomTypeID: "78", Quantity: 1, RoomID: ptr("78-3")},
		},
		Children: []cloudbeds.PostReservationChild{
			{RoomTypeID: "77", Quantity: 1},
			{RoomTypeID: "78", Quantity: 0, RoomID: ptr("78-3")},
		},
		CustomFields:          []cloudbeds.PostReservationCustomField{{FieldName: "arrival_flight", FieldValue: "TP1947"}},
		PaymentMethod:         cloudbeds.PostReservationFormPaymentMethodCredit,
		DateCreated:           sqlTime("2025-05-20 09:41:27"),
		SendEmailConfirmation: ptr(false),
	}
}

// The exact bytes the typed client must send. Brackets are percent-encoded as PHP's own
// http_build_query does; keys are sorted.
const (
	wantPostReservation = "adults%5B0%5D%5Bquantity%5D=2&adults%5B0%5D%5BroomTypeID%5D=77" +
		"&adults%5B1%5D%5Bquantity%5D=1&adults%5B1%5D%5BroomID%5D=78-3&adults%5B1%5D%5BroomTypeID%5D=78" +
		"&children%5B0%5D%5Bquantity%5D=1&children%5B0%5D%5BroomTypeID%5D=77" +
		"&children%5B1%5D%5Bquantity%5D=0&children%5B1%5D%5BroomID%5D=78-3&children%5B1%5D%5BroomTypeID%5D=78" +
		"&customFields%5B0%5D%5BfieldName%5D=arrival_flight&customFields%5B0%5D%5BfieldValue%5D=TP1947" +
		"&dateCreated=2025-05-20+09%3A41%3A27&endDate=2025-06-14&guestCountry=PT" +
		"&guestEmail=ana.silva%40example.com&guestFirstName=Ana&guestLastName=Silva" +
		"&guestPhone=%2B351+912+345+678&guestZip=4050-123&paymentMethod=credit&propertyID=172938" +
		"&rooms%5B0%5D%5Bquantity%5D=1&rooms%5B0%5D%5BroomTypeID%5D=77" +
		"&rooms%5B1%5D%5Bquantity%5D=1&rooms%5B1%5D%5BroomID%5D=78-3&rooms%5B1%5D%5BroomTypeID%5D=78" +
		"&sendEmailConfirmation=0&sourceID=s-2&startDate=2025-06-12"

	wantPutReservation = "allotmentBlockCode=&checkoutDate=2025-06-15" +
		"&customFields%5B0%5D%5BcustomFieldName%5D=arrival_flight&customFields%5B0%5D%5BcustomFieldValue%5D=TP1951" +
		"&estimatedArrivalTime=16%3A45&propertyID=172938&reservationID=8829301744" +
		"&rooms%5B0%5D%5BadjustPrice%5D=0&rooms%5B0%5D%5Badults%5D=2&rooms%5B0%5D%5BcheckinDate%5D=2025-06-12" +
		"&rooms%5B0%5D%5BcheckoutDate%5D=2025-06-15&rooms%5B0%5D%5Bchildren%5D=0&rooms%5B0%5D%5BroomTypeID%5D=78" +
		"&rooms%5B0%5D%5BsubReservationID%5D=8829301744-1&sendStatusChangeEmail=1&status=confirmed"

	wantPostPayment = "amount=1000000.5&cardType=master&description=Deposit+at+check-in&isDeposit=1" +
		"&propertyID=172938&reservationID=8829301744&type=credit"
)

func putReservationBody() cloudbeds.PutReservationFormdataRequestBody {
	return cloudbeds.PutReservationFormdataRequestBody{
		PropertyID:           ptr("172938"),
		ReservationID:        "8829301744",
		Status:               ptr(cloudbeds.PutReservationFormStatusConfirmed),
		CheckoutDate:         date("2025-06-15"),
		EstimatedArrivalTime: ptr("16:45"),
		// An explicit empty value unlinks the allotment block.
		AllotmentBlockCode: ptr(""),
		CustomFields: []cloudbeds.PutReservationCustomField{
			{CustomFieldName: ptr("arrival_flight"), CustomFieldValue: ptr("TP1951")},
		},
		Rooms: []cloudbeds.PutReservationRoom{{
			SubReservationID: ptr("8829301744-1"),
			RoomTypeID:       ptr("78"),
			CheckinDate:      date("2025-06-12"),
			CheckoutDate:     date("2025-06-15"),
			Adults:           ptr(2),
			Children:         ptr(0),
			AdjustPrice:      ptr(false),
		}},
		SendStatusChangeEmail: ptr(true),
	}
}

func paymentBody() cloudbeds.PostPaymentFormdataRequestBody {
	return cloudbeds.PostPaymentFormdataRequestBody{
		PropertyID:    ptr("172938"),
		ReservationID: ptr("8829301744"),
		Type:          "credit",
		Amount:        1000000.5,
		CardType:      ptr("master"),
		Description:   ptr("Deposit at check-in"),
		IsDeposit:     ptr(true),
	}
}

// callHandWritten covers the operations whose bodies need care: the three form bodies whose
// bytes are pinned below and the four multipart uploads.
func callHandWritten(ctx context.Context, t *testing.T, c *cloudbeds.ClientWithResponses) {
	t.Helper()
	{
		r, err := c.PostReservationWithFormdataBodyWithResponse(ctx, reservationBody())
		check(t, "postReservation", r, err)
	}
	{
		r, err := c.PutReservationWithFormdataBodyWithResponse(ctx, putReservationBody())
		check(t, "putReservation", r, err)
	}
	{
		r, err := c.PostPaymentWithFormdataBodyWithResponse(ctx, paymentBody())
		check(t, "postPayment", r, err)
	}
	uploads := []struct {
		op     string
		fields map[string]string
		call   func(contentType string, body *bytes.Buffer) (interface{ StatusCode() int }, error)
	}{
		{"postFile", map[string]string{"propertyID": "172938"}, func(ct string, b *bytes.Buffer) (interface{ StatusCode() int }, error) {
			return c.PostFileWithBodyWithResponse(ctx, ct, b)
		}},
		{"postGuestDocument", map[string]string{"propertyID": "172938", "guestID": "55501"}, func(ct string, b *bytes.Buffer) (interface{ StatusCode() int }, error) {
			return c.PostGuestDocumentWithBodyWithResponse(ctx, ct, b)
		}},
		{"postGuestPhoto", map[string]string{"guestID": "55501"}, func(ct string, b *bytes.Buffer) (interface{ StatusCode() int }, error) {
			return c.PostGuestPhotoWithBodyWithResponse(ctx, ct, b)
		}},
		{"postReservationDocument", map[string]string{"propertyID": "172938", "reservationID": "8829301744"}, func(ct string, b *bytes.Buffer) (interface{ StatusCode() int }, error) {
			return c.PostReservationDocumentWithBodyWithResponse(ctx, ct, b)
		}},
	}
	for _, u := range uploads {
		ct, body := multipartBody(t, u.fields, "scan.pdf", []byte("%PDF-1.4 synthetic"))
		r, err := u.call(ct, body)
		check(t, u.op, r, err)
	}
}

// multipartBody builds an upload with the given fields and one file part named "file".
func multipartBody(t *testing.T, fields map[string]string, name string, content []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, k := range []string{"propertyID", "guestID", "reservationID"} {
		if v, ok := fields[k]; ok {
			if err := w.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="file"; filename="`+name+`"`)
	h.Set("Content-Type", "application/pdf")
	part, err := w.CreatePart(h)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &buf
}

// TestFormBodyWireBytes pins the exact bytes of the form bodies that carry arrays, dates,
// booleans and amounts, as the fake Cloudbeds received them after validating them.
func TestFormBodyWireBytes(t *testing.T) {
	srv := newServer(t)
	answerExamples(t, srv)
	c := newClient(t, srv)
	ctx := context.Background()

	tests := []struct {
		op   string
		call func() (interface{ StatusCode() int }, error)
		want string
	}{
		{"postReservation", func() (interface{ StatusCode() int }, error) {
			return c.PostReservationWithFormdataBodyWithResponse(ctx, reservationBody())
		}, wantPostReservation},
		{"putReservation", func() (interface{ StatusCode() int }, error) {
			return c.PutReservationWithFormdataBodyWithResponse(ctx, putReservationBody())
		}, wantPutReservation},
		{"postPayment", func() (interface{ StatusCode() int }, error) {
			return c.PostPaymentWithFormdataBodyWithResponse(ctx, paymentBody())
		}, wantPostPayment},
	}
	for _, tc := range tests {
		t.Run(tc.op, func(t *testing.T) {
			r, err := tc.call()
			check(t, tc.op, r, err)
			req, ok := srv.LastRequest(tc.op)
			if !ok {
				t.Fatalf("%s: no request recorded", tc.op)
			}
			if got := string(req.Body); got != tc.want {
				t.Errorf("%s body =\n%s\nwant\n%s", tc.op, got, tc.want)
			}
			if got, want := req.Header.Get("Content-Type"), "application/x-www-form-urlencoded"; got != want {
				t.Errorf("%s Content-Type = %q, want %q", tc.op, got, want)
			}
			if got, want := req.Method, http.MethodPost; tc.op != "putReservation" && got != want {
				t.Errorf("%s method = %s, want %s", tc.op, got, want)
			}
		})
	}
}

// TestUploadIsMultipart checks that an upload reaches the server as multipart/form-data with the
// file content intact.
func TestUploadIsMultipart(t *testing.T) {
	srv := newServer(t)
	answerExamples(t, srv)
	c := newClient(t, srv)
	ct, body := multipartBody(t, map[string]string{"propertyID": "172938", "guestID": "55501"}, "passport.pdf", []byte("%PDF-1.4 passport"))
	r, err := c.PostGuestDocumentWithBodyWithResponse(context.Background(), ct, body)
	check(t, "postGuestDocument", r, err)
	req, _ := srv.LastRequest("postGuestDocument")
	if !strings.HasPrefix(req.Header.Get("Content-Type"), "multipart/form-data; boundary=") {
		t.Errorf("Content-Type = %q, want multipart/form-data", req.Header.Get("Content-Type"))
	}
	if !bytes.Contains(req.Body, []byte("%PDF-1.4 passport")) || !bytes.Contains(req.Body, []byte(`name="guestID"`)) {
		t.Errorf("upload body lost the file or the guestID field:\n%s", req.Body)
	}
}

// quirkyServer answers one operation with a body that has the live API's quirks.
func quirkyServer(t *testing.T, op, body string) (*spectest.Server, *cloudbeds.ClientWithResponses) {
	t.Helper()
	srv := newServer(t)
	srv.JSON(op, http.StatusOK, body)
	return srv, newClient(t, srv)
}

// TestVerbs pins the HTTP method Cloudbeds expects where the method name suggests another: five
// deletes and patches are form POSTs, and the four real DELETEs carry their ids in the query
// string with no body.
func TestVerbs(t *testing.T) {
	srv := newServer(t)
	answerExamples(t, srv)
	c := newClient(t, srv)
	ctx := context.Background()
	const form = "application/x-www-form-urlencoded"

	tests := []struct {
		op          string
		call        func() (interface{ StatusCode() int }, error)
		method      string
		query, body string
		contentType string
	}{
		{"deleteAdjustment", func() (interface{ StatusCode() int }, error) {
			return c.DeleteAdjustmentWithResponse(ctx, &cloudbeds.DeleteAdjustmentParams{PropertyID: ptr("172938"), ReservationID: "8829301744", AdjustmentID: "adj-901"})
		}, http.MethodDelete, "propertyID=172938&reservationID=8829301744&adjustmentID=adj-901", "", ""},
		{"deleteGuestNote", func() (interface{ StatusCode() int }, error) {
			return c.DeleteGuestNoteWithResponse(ctx, &cloudbeds.DeleteGuestNoteParams{GuestID: "55501", NoteID: "n-5521"})
		}, http.MethodDelete, "guestID=55501&noteID=n-5521", "", ""},
		{"deleteReservationNote", func() (interface{ StatusCode() int }, error) {
			return c.DeleteReservationNoteWithResponse(ctx, &cloudbeds.DeleteReservationNoteParams{ReservationID: "8829301744", ReservationNoteID: "rn-3301"})
		}, http.MethodDelete, "reservationID=8829301744&reservationNoteID=rn-3301", "", ""},
		{"deleteWebhook", func() (interface{ StatusCode() int }, error) {
			return c.DeleteWebhookWithResponse(ctx, &cloudbeds.DeleteWebhookParams{PropertyIDs: ptr("172938,172939"), SubscriptionID: "a1b2c3d4"})
		}, http.MethodDelete, "propertyIDs=172938%2C172939&subscriptionID=a1b2c3d4", "", ""},
		{"deleteAllotmentBlock", func() (interface{ StatusCode() int }, error) {
			return c.DeleteAllotmentBlockWithFormdataBodyWithResponse(ctx, cloudbeds.DeleteAllotmentBlockFormdataRequestBody{AllotmentBlockCode: "ab-2025-06"})
		}, http.MethodPost, "", "allotmentBlockCode=ab-2025-06", form},
		{"deleteAppPropertySettings", func() (interface{ StatusCode() int }, error) {
			return c.DeleteAppPropertySettingsWithFormdataBodyWithResponse(ctx, cloudbeds.DeleteAppPropertySettingsFormdataRequestBody{Key: "sync_mode", PropertyID: ptr("172938")})
		}, http.MethodPost, "", "key=sync_mode&propertyID=172938", form},
		{"deleteRoomBlock", func() (interface{ StatusCode() int }, error) {
			return c.DeleteRoomBlockWithFormdataBodyWithResponse(ctx, cloudbeds.DeleteRoomBlockFormdataRequestBody{RoomBlockID: "rb-77"})
		}, http.MethodPost, "", "roomBlockID=rb-77", form},
		{"patchGroup", func() (interface{ StatusCode() int }, error) {
			return c.PatchGroupWithFormdataBodyWithResponse(ctx, cloudbeds.PatchGroupFormdataRequestBody{GroupCode: "grp-jazz", Name: ptr("Porto Jazz")})
		}, http.MethodPost, "", "groupCode=grp-jazz&name=Porto+Jazz", form},
		{"patchRate", func() (interface{ StatusCode() int }, error) {
			return c.PatchRateWithFormdataBodyWithResponse(ctx, cloudbeds.PatchRateFormdataRequestBody{Rates: []cloudbeds.PatchRateRate{{
				RateID: "901", Interval: cloudbeds.PatchRateRateInterval{StartDate: date("2025-06-12"), EndDate: date("2025-06-14"), Rate: 10.5}}}})
		}, http.MethodPost, "", "rates%5B0%5D%5Binterval%5D%5BendDate%5D=2025-06-14" +
			"&rates%5B0%5D%5Binterval%5D%5Brate%5D=10.5&rates%5B0%5D%5Binterval%5D%5BstartDate%5D=2025-06-12&rates%5B0%5D%5BrateID%5D=901", form},
	}
	for _, tc := range tests {
		t.Run(tc.op, func(t *testing.T) {
			r, err := tc.call()
			check(t, tc.op, r, err)
			req, ok := srv.LastRequest(tc.op)
			if !ok {
				t.Fatalf("%s: no request recorded", tc.op)
			}
			if req.Method != tc.method || req.URL.RawQuery != tc.query || string(req.Body) != tc.body || req.Header.Get("Content-Type") != tc.contentType {
				t.Errorf("%s = %s ?%s Content-Type %q body %q, want %s ?%s Content-Type %q body %q", tc.op,
					req.Method, req.URL.RawQuery, req.Header.Get("Content-Type"), req.Body, tc.method, tc.query, tc.contentType, tc.body)
			}
		})
	}
}

// TestFormEncoderReplaceable shows the way out should Cloudbeds want another encoding of nested
// form fields than the PHP-style one form.Encode writes (the documents leave it open): encode the
// typed body with form.Marshal and any writer, and send it through the WithBody variant, whose
// bytes reach the wire untouched. Here the brackets stay unescaped.
func TestFormEncoderReplaceable(t *testing.T) {
	srv := newServer(t)
	answerExamples(t, srv)
	c := newClient(t, srv)

	vals, err := form.Marshal(reservationBody())
	if err != nil {
		t.Fatalf("form.Marshal() error = %v", err)
	}
	keys := slices.Sorted(maps.Keys(vals))
	var b strings.Builder
	for _, k := range keys {
		for _, v := range vals[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(k + "=" + url.QueryEscape(v))
		}
	}
	custom := b.String()
	if !strings.Contains(custom, "&rooms[1][roomID]=78-3&") {
		t.Fatalf("custom body = %s, want unescaped brackets", custom)
	}
	r, err := c.PostReservationWithBodyWithResponse(context.Background(), "application/x-www-form-urlencoded", strings.NewReader(custom))
	check(t, "postReservation", r, err)
	req, _ := srv.LastRequest("postReservation")
	if string(req.Body) != custom {
		t.Errorf("postReservation body = %s, want %s", req.Body, custom)
	}
	// The same fields as the built-in encoder's bytes, only spelled differently.
	got, _ := url.ParseQuery(string(req.Body))
	want, _ := url.ParseQuery(wantPostReservation)
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("postReservation fields = %v, want %v", got, want)
	}
}
