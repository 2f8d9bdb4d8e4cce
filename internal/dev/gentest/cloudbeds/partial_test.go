package cloudbeds_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// rawServer answers every request with body as JSON, unvalidated: the answers below are ones our
// spec does not admit, as a live server may still send.
func rawServer(t *testing.T, body string) *cloudbeds.ClientWithResponses {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := cloudbeds.NewClientWithResponses(srv.URL)
	if err != nil {
		t.Fatalf("NewClientWithResponses: %v", err)
	}
	return c
}

// Regression: a postReservation answer with one field in an unexpected shape returned
// (nil, *json.UnmarshalTypeError): the new reservation's id was lost and a retry would book twice.
func TestPostReservationPartialAnswer(t *testing.T) {
	c := rawServer(t, `{"success": true, "reservationID": "8829301744", "status": "confirmed",
		"grandTotal": {"amount": "180.50", "currency": "EUR"}, "guestID": "55501"}`)
	r, err := c.PostReservationWithFormdataBodyWithResponse(context.Background(), reservationBody())
	var decErr *wire.DecodeError
	if !errors.As(err, &decErr) {
		t.Fatalf("PostReservation error = %v, want a *wire.DecodeError", err)
	}
	if r == nil || r.HTTPResponse == nil || len(r.Body) == 0 || r.JSON200 == nil {
		t.Fatalf("PostReservation response = %+v, want Body, HTTPResponse and JSON200 kept", r)
	}
	if got := string(r.JSON200.ReservationID); got != "8829301744" {
		t.Errorf("ReservationID = %q, want 8829301744", got)
	}
	if got := string(r.JSON200.GuestID); got != "55501" {
		t.Errorf("GuestID = %q, want 55501 (decoded after the odd field)", got)
	}
	if decErr.Operation != "postReservation" || decErr.Path != "/grandTotal" {
		t.Errorf("DecodeError = {%q %q}, want {postReservation /grandTotal}", decErr.Operation, decErr.Path)
	}
	if decErr.Excerpt == "" {
		t.Errorf("DecodeError.Excerpt is empty, want the offending value")
	}
}

// Regression: PHP's json_encode writes an empty associative array as [], and getHotelDetails with
// "propertyAddress": [] failed the whole call (only wire.Map fields accepted it).
func TestGetHotelDetailsPHPEmptyObject(t *testing.T) {
	c := rawServer(t, `{"success": true, "data": {"propertyID": "172938", "propertyName": "Casa Azul",
		"propertyAddress": [], "propertyPolicy": []}}`)
	r, err := c.GetHotelDetailsWithResponse(context.Background(), &cloudbeds.GetHotelDetailsParams{})
	if err != nil {
		t.Fatalf("GetHotelDetails error = %v, want nil", err)
	}
	if got := r.JSON200.Data.PropertyName; got != "Casa Azul" {
		t.Errorf("PropertyName = %q, want Casa Azul", got)
	}
	if got := r.JSON200.Data.PropertyAddress; got != (cloudbeds.GetHotelDetailsDataPropertyAddress{}) {
		t.Errorf("PropertyAddress = %+v, want the empty address", got)
	}
}

// Regression: getTaxesAndFees amounts typed wire.Decimal failed the answer on a percentage or
// any other text upstream allows, and getRoomBlocks typed an id as a decimal (a room type id
// "rt-77" failed the page). Both keep the text that was sent.
func TestNarrowFieldsKeepText(t *testing.T) {
	t.Run("getTaxesAndFees amount", func(t *testing.T) {
		c := rawServer(t, `{"success": true, "data": [{"feeID": "f1", "amount": "10%"}, {"feeID": "f2", "amount": 12.50}]}`)
		r, err := c.GetTaxesAndFeesWithResponse(context.Background(), &cloudbeds.GetTaxesAndFeesParams{})
		if err != nil {
			t.Fatalf("GetTaxesAndFees error = %v, want nil", err)
		}
		if got := []string{string(r.JSON200.Data[0].Amount), string(r.JSON200.Data[1].Amount)}; got[0] != "10%" || got[1] != "12.50" {
			t.Errorf("amounts = %q, want [10%% 12.50]", got)
		}
	})
	t.Run("getRoomBlocks roomTypeID", func(t *testing.T) {
		c := rawServer(t, `{"success": true, "data": {"propertyID": "1", "roomBlocks": [{"rooms": [{"roomTypeID": "rt-77"}, {"roomTypeID": 78}]}]}}`)
		r, err := c.GetRoomBlocksWithResponse(context.Background(), &cloudbeds.GetRoomBlocksParams{})
		if err != nil {
			t.Fatalf("GetRoomBlocks error = %v, want nil", err)
		}
		rooms := r.JSON200.Data.RoomBlocks[0].Rooms
		if got := []string{string(rooms[0].RoomTypeID), string(rooms[1].RoomTypeID)}; got[0] != "rt-77" || got[1] != "78" {
			t.Errorf("roomTypeIDs = %q, want [rt-77 78]", got)
		}
	})
}
