package cloudbeds_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/form"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
)

// Form bodies write booleans as 1/0 and date-times as "YYYY-MM-DD HH:MM:SS"; a call may ask for
// the forms upstream declares (true/false, RFC 3339) instead. The fake validates every body
// against our spec, which admits both.
func TestFormBodiesPerCallForms(t *testing.T) {
	tests := []struct {
		name              string
		ctx               context.Context
		sendEmail, create string
	}{
		{"defaults", context.Background(), "0", "2025-05-20 09:41:27"},
		{"booleans as words", form.WithBooleans(context.Background(), form.BooleansWords), "false", "2025-05-20 09:41:27"},
		{"date-times in RFC 3339", form.WithDateTimes(context.Background(), form.DateTimesRFC3339), "0", "2025-05-20T09:41:27Z"},
		{"both", form.WithDateTimes(form.WithBooleans(context.Background(), form.BooleansWords), form.DateTimesRFC3339), "false", "2025-05-20T09:41:27Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			answerExamples(t, srv)
			c := newClient(t, srv)
			r, err := c.PostReservationWithFormdataBodyWithResponse(tc.ctx, reservationBody())
			check(t, "postReservation", r, err)
			put := cloudbeds.PutReservationFormdataRequestBody{ReservationID: "8829301744", PropertyID: ptr("172938"),
				SendStatusChangeEmail: ptr(true), DateCreated: sqlTime("2025-05-21 18:02:00"),
				Rooms: []cloudbeds.PutReservationRoom{{SubReservationID: ptr("8829301744-1"), AdjustPrice: ptr(true)}}}
			pr, err := c.PutReservationWithFormdataBodyWithResponse(tc.ctx, put)
			check(t, "putReservation", pr, err)
			if t.Failed() {
				return
			}
			post, _ := srv.LastRequest("postReservation")
			got, err := url.ParseQuery(string(post.Body))
			if err != nil {
				t.Fatal(err)
			}
			if v := got.Get("sendEmailConfirmation"); v != tc.sendEmail {
				t.Errorf("postReservation sendEmailConfirmation = %q, want %q", v, tc.sendEmail)
			}
			if v := got.Get("dateCreated"); v != tc.create {
				t.Errorf("postReservation dateCreated = %q, want %q", v, tc.create)
			}
			if v := got.Get("startDate"); v != "2025-06-12" {
				t.Errorf("postReservation startDate = %q, want 2025-06-12: dates keep their form", v)
			}
			putReq, _ := srv.LastRequest("putReservation")
			pg, _ := url.ParseQuery(string(putReq.Body))
			wantTrue := map[string]string{"0": "1", "false": "true"}[tc.sendEmail]
			if v := pg.Get("rooms[0][adjustPrice]"); v != wantTrue {
				t.Errorf("putReservation rooms[0][adjustPrice] = %q, want %q (nested booleans too)", v, wantTrue)
			}
		})
	}
}
