package cloudbeds_test

import (
	"context"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// The answers below carry what the live API sends and the upstream document does not admit:
// numbers as strings, "YYYY-MM-DD HH:MM:SS" date-times, unknown enum values, flags as strings,
// and balanceDetailed as either an object or a list. The fake validates each against our spec
// before the typed client decodes it.

const wantReservationsQuery = "propertyID=172938&status=confirmed&resultsFrom=2025-05-01+00%3A00%3A00" +
	"&modifiedTo=2025-05-31+23%3A59%3A59&checkInFrom=2025-06-01&includeGuestsDetails=true&pageNumber=1&pageSize=100"

func TestGetReservationsQuirks(t *testing.T) {
	srv, c := quirkyServer(t, "getReservations", `{
		"success": true, "count": "2", "total": 31,
		"data": [{
			"propertyID": "172938", "reservationID": "8829301744", "guestID": 55501,
			"dateCreated": "2025-05-20 09:41:27", "dateModified": "0000-00-00 00:00:00",
			"status": "pending_payment_review", "guestName": "Ana Silva",
			"startDate": "2025-06-12", "endDate": "2025-06-14",
			"adults": "2", "children": 0, "balance": "180.50", "sourceID": "s-2",
			"allotmentBlockCode": null, "customFields": [],
			"rooms": [{"roomTypeID": 77, "roomStatus": "cancelled", "adults": "2", "children": "",
			           "isRoomLocked": "0", "roomTypeIsVirtual": false, "subReservationID": "8829301744-1"}]
		}, {
			"propertyID": 172938, "reservationID": "8829301745", "status": "canceled",
			"adults": 1, "children": "1", "balance": 0, "dateCreated": "2025-05-21 18:02:00",
			"startDate": "2025-07-01", "endDate": "2025-07-03"
		}]
	}`)
	params := &cloudbeds.GetReservationsParams{
		PropertyID:  ptr("172938"),
		Status:      ptr(cloudbeds.GetReservationsParamsStatusConfirmed),
		CheckInFrom: ptr(date("2025-06-01")),
		ResultsFrom: ptr(sqlTime("2025-05-01 00:00:00")),
		// A time in any zone goes out as its wall clock in Cloudbeds' layout, never RFC 3339.
		ModifiedTo:           &wire.SQLDateTime{Time: time.Date(2025, 5, 31, 23, 59, 59, 0, time.FixedZone("WEST", 3600))},
		IncludeGuestsDetails: ptr(true),
		PageNumber:           ptr(1),
		PageSize:             ptr(100),
	}
	r, err := c.GetReservationsWithResponse(context.Background(), params)
	check(t, "getReservations", r, err)
	if t.Failed() {
		return
	}
	// Only the parameters that were set go out; the date is YYYY-MM-DD and the date-time keeps
	// the Cloudbeds layout.
	req, _ := srv.LastRequest("getReservations")
	if got := req.URL.RawQuery; got != wantReservationsQuery {
		t.Errorf("getReservations query = %q, want %q", got, wantReservationsQuery)
	}
	got := r.JSON200
	if !bool(got.Success) || got.Count != 2 || got.Total != 31 || len(got.Data) != 2 {
		t.Fatalf("envelope = success %v count %d total %d items %d, want true 2 31 2", got.Success, got.Count, got.Total, len(got.Data))
	}
	first, second := got.Data[0], got.Data[1]
	checks := []struct {
		name      string
		got, want any
	}{
		{"adults from string", int64(first.Adults.Int), int64(2)},
		{"children from number", int64(first.Children.Int), int64(0)},
		{"balance kept exact", string(first.Balance), "180.50"},
		{"guestID from number", string(first.GuestID), "55501"},
		{"propertyID from number", string(second.PropertyID), "172938"},
		{"unknown status decodes", first.Status, "pending_payment_review"},
		{"dateCreated", first.DateCreated.Time, time.Date(2025, 5, 20, 9, 41, 27, 0, time.UTC)},
		{"zero dateModified is empty", first.DateModified.IsZero(), true},
		{"startDate", first.StartDate.String(), "2025-06-12"},
		{"room type id from number", string(first.Rooms[0].RoomTypeID), "77"},
		{"room status spelling", first.Rooms[0].RoomStatus, "cancelled"},
		{"empty children string", int64(first.Rooms[0].Children.Int), int64(0)},
		{"isRoomLocked from string", bool(first.Rooms[0].IsRoomLocked), false},
		{"children from string", int64(second.Children.Int), int64(1)},
	}
	for _, tc := range checks {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func TestGetReservationBalanceDetailed(t *testing.T) {
	tests := []struct {
		name      string
		balance   string
		wantPaid  string
		wantItems int
	}{
		{"object", `{"suggestedDeposit": "72.00", "subTotal": 240, "additionalItems": 0, "taxesFees": 21.6, "grandTotal": 261.6, "paid": 81.1}`, "81.1", 1},
		{"list", `[{"suggestedDeposit": 72, "subTotal": "240.00", "grandTotal": "261.60", "paid": "81.10"}, {"paid": 0}]`, "81.10", 2},
		{"empty list", `[]`, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, c := quirkyServer(t, "getReservation", `{"success": true, "data": {
				"propertyID": "172938", "reservationID": "8829301744", "status": "checked_in",
				"total": "261.60", "balance": 180.5, "balanceDetailed": `+tc.balance+`,
				"guestList": {"55501": {"guestID": "55501", "guestFirstName": "Ana", "isMainGuest": true}},
				"cardsOnFile": [{"cardID": "310", "cardNumber": "1111", "cardType": "elo"}],
				"assigned": [{"roomTotal": "240.00", "adults": "2", "dailyRates": [{"date": "2025-06-12", "rate": "120.00"}]}]
			}}`)
			r, err := c.GetReservationWithResponse(context.Background(), &cloudbeds.GetReservationParams{ReservationID: "8829301744", PropertyID: ptr("172938")})
			check(t, "getReservation", r, err)
			if t.Failed() {
				return
			}
			res := r.JSON200.Data
			var items []cloudbeds.ReservationBalanceDetailedObject
			if obj, err := res.BalanceDetailed.AsReservationBalanceDetailedObject(); err == nil && tc.name == "object" {
				items = append(items, obj)
			} else if list, err := res.BalanceDetailed.AsReservationBalanceDetailedList(); err == nil {
				items = list
			} else {
				t.Fatalf("balanceDetailed decodes as neither form: %v", err)
			}
			if len(items) != tc.wantItems {
				t.Fatalf("balanceDetailed items = %d, want %d", len(items), tc.wantItems)
			}
			if tc.wantItems > 0 && string(items[0].Paid) != tc.wantPaid {
				t.Errorf("balanceDetailed paid = %q, want %q", items[0].Paid, tc.wantPaid)
			}
			if got := string(res.Total); got != "261.60" {
				t.Errorf("total = %q, want 261.60", got)
			}
			if got := res.CardsOnFile[0].CardType; got != "elo" {
				t.Errorf("cardType = %q, want the unlisted brand elo", got)
			}
			if got := res.GuestList["55501"].GuestFirstName; got != "Ana" {
				t.Errorf("guestList[55501].guestFirstName = %q, want Ana", got)
			}
			if got := string(res.Assigned[0].RoomTotal); got != "240.00" {
				t.Errorf("assigned[0].roomTotal = %q, want 240.00", got)
			}
		})
	}
}

func TestPostReservationTopLevelAnswer(t *testing.T) {
	_, c := quirkyServer(t, "postReservation", `{"success": true, "reservationID": "8829301744",
		"status": "confirmed", "guestID": 55501, "guestFirstName": "Ana", "guestLastName": "Silva",
		"startDate": "2025-06-12", "endDate": "2025-06-14", "dateCreated": "2025-05-20 09:41:27",
		"grandTotal": "261.60",
		"unassigned": [{"subReservationID": "8829301744-1", "roomTypeID": "77", "adults": "2", "children": "0",
		                "roomTotal": 240, "dailyRates": [{"date": "2025-06-12", "rate": 120}]}]}`)
	r, err := c.PostReservationWithFormdataBodyWithResponse(context.Background(), reservationBody())
	check(t, "postReservation", r, err)
	if t.Failed() {
		return
	}
	got := r.JSON200
	if string(got.ReservationID) != "8829301744" || string(got.GuestID) != "55501" || string(got.GrandTotal) != "261.60" {
		t.Errorf("postReservation = id %q guest %q total %q, want 8829301744 55501 261.60", got.ReservationID, got.GuestID, got.GrandTotal)
	}
	if got.DateCreated.String() != "2025-05-20 09:41:27" {
		t.Errorf("dateCreated = %q, want 2025-05-20 09:41:27", got.DateCreated.String())
	}
	u := got.Unassigned[0]
	if u.Adults.Int != 2 || string(u.RoomTotal) != "240" || string(u.DailyRates[0].Rate) != "120" {
		t.Errorf("unassigned[0] = adults %d roomTotal %q rate %q, want 2 240 120", u.Adults.Int, u.RoomTotal, u.DailyRates[0].Rate)
	}
}

func TestEnvelopeQuirks(t *testing.T) {
	t.Run("metadata success as string", func(t *testing.T) {
		_, c := quirkyServer(t, "getMetadata", `{"success": "true", "data": {"api": {"url": "https://api.cloudbeds.com/api/v1.3"}}}`)
		r, err := c.GetMetadataWithResponse(context.Background())
		check(t, "getMetadata", r, err)
		if t.Failed() {
			return
		}
		if !bool(r.JSON200.Success.Bool) || r.JSON200.Data.API.URL != "https://api.cloudbeds.com/api/v1.3" {
			t.Errorf("getMetadata = %v %q, want true and the API URL", r.JSON200.Success, r.JSON200.Data.API.URL)
		}
	})
	t.Run("failure on HTTP 200", func(t *testing.T) {
		_, c := quirkyServer(t, "getHotels", `{"success": false, "message": "User who approved this connection is not active anymore"}`)
		r, err := c.GetHotelsWithResponse(context.Background(), &cloudbeds.GetHotelsParams{})
		check(t, "getHotels", r, err)
		if t.Failed() {
			return
		}
		if bool(r.JSON200.Success) || r.JSON200.Message == "" {
			t.Errorf("getHotels = success %v message %v, want false with a message", r.JSON200.Success, r.JSON200.Message)
		}
	})
	t.Run("rooms grouped by property", func(t *testing.T) {
		_, c := quirkyServer(t, "getRooms", `{"success": true, "count": 1, "total": 1, "data": [{"propertyID": "172938",
			"rooms": [{"roomID": "77-1", "roomName": "101", "maxGuests": "3", "isPrivate": "1", "isVirtual": 0,
			           "roomBlocked": false, "roomTypeID": 77, "linkedRoomTypeQty": [{"roomTypeId": "78", "roomQty": "2"}]}]}]}`)
		r, err := c.GetRoomsWithResponse(context.Background(), &cloudbeds.GetRoomsParams{PropertyIDs: ptr("172938,172939")})
		check(t, "getRooms", r, err)
		if t.Failed() {
			return
		}
		room := r.JSON200.Data[0].Rooms[0]
		if room.MaxGuests != 3 || !bool(room.IsPrivate) || bool(room.IsVirtual) || string(room.RoomTypeID) != "77" || room.LinkedRoomTypeQty[0].RoomQty != 2 {
			t.Errorf("room = %+v, want maxGuests 3, private, not virtual, type 77, linked qty 2", room)
		}
	})
}

// TestEmptyMapsAsArrays pins the bug where a field declared as a JSON object failed the whole
// answer when PHP's json_encode sent an empty map as []. Every such field must decode [] (and a
// list keyed 0, 1, ...) as well as an object; the fake checks each body against our spec first.
func TestEmptyMapsAsArrays(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, op, body string
		call           func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error)
		check          func(t *testing.T, r any)
	}{
		{"getReservation guestList", "getReservation",
			`{"success": true, "data": {"reservationID": "8829301744", "guestList": [], "balanceDetailed": []}}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetReservationWithResponse(ctx, &cloudbeds.GetReservationParams{ReservationID: "8829301744"})
			},
			func(t *testing.T, r any) {
				d := r.(*cloudbeds.GetReservationResponse).JSON200.Data
				if d.GuestList == nil || len(d.GuestList) != 0 || string(d.ReservationID) != "8829301744" {
					t.Errorf("guestList = %#v, reservationID %q; want an empty map and 8829301744", d.GuestList, d.ReservationID)
				}
			}},
		{"getReservation guestRequirements as list", "getReservation",
			`{"success": true, "data": {"guestList": {"55501": {"guestID": "55501", "guestRequirements": [{"code": "crib"}]},
				"55502": {"guestID": "55502", "guestRequirements": []}}}}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetReservationWithResponse(ctx, &cloudbeds.GetReservationParams{ReservationID: "8829301744"})
			},
			func(t *testing.T, r any) {
				gl := r.(*cloudbeds.GetReservationResponse).JSON200.Data.GuestList
				first, ok := gl["55501"].GuestRequirements["0"].(map[string]any)
				if !ok || first["code"] != "crib" || len(gl["55502"].GuestRequirements) != 0 {
					t.Errorf("guestRequirements = %v and %v, want {0: {code: crib}} and empty", gl["55501"].GuestRequirements, gl["55502"].GuestRequirements)
				}
			}},
		{"getReservations guestList", "getReservations",
			`{"success": true, "count": 1, "total": 1, "data": [{"reservationID": "8829301744", "guestList": []}]}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{IncludeGuestsDetails: ptr(true)})
			},
			func(t *testing.T, r any) {
				d := r.(*cloudbeds.GetReservationsResponse).JSON200.Data
				if len(d) != 1 || d[0].GuestList == nil || len(d[0].GuestList) != 0 {
					t.Errorf("data = %#v, want one reservation with an empty guestList", d)
				}
			}},
		{"getReservationsWithRateDetails maps and balance", "getReservationsWithRateDetails",
			`{"success": true, "count": 1, "total": 1, "data": [{"reservationID": "8829301744", "guestList": [],
				"detailedRates": [], "balanceDetailed": [], "rooms": [{"roomTypeID": "77", "detailedRoomRates": []}]}]}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetReservationsWithRateDetailsWithResponse(ctx, &cloudbeds.GetReservationsWithRateDetailsParams{})
			},
			func(t *testing.T, r any) {
				d := r.(*cloudbeds.GetReservationsWithRateDetailsResponse).JSON200.Data[0]
				if d.GuestList == nil || d.DetailedRates == nil || d.Rooms[0].DetailedRoomRates == nil {
					t.Errorf("guestList %#v, detailedRates %#v, detailedRoomRates %#v; want empty maps", d.GuestList, d.DetailedRates, d.Rooms[0].DetailedRoomRates)
				}
				if list, err := d.BalanceDetailed.AsReservationBalanceDetailedList(); err != nil || len(list) != 0 {
					t.Errorf("balanceDetailed = %v, %v; want an empty list", list, err)
				}
			}},
		{"getReservationsWithRateDetails rates by date", "getReservationsWithRateDetails",
			`{"success": true, "data": [{"detailedRates": {"2025-06-12": 120.5}, "balanceDetailed": {"paid": "81.10"},
				"rooms": [{"detailedRoomRates": {"2025-06-12": "120.50"}}]}]}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetReservationsWithRateDetailsWithResponse(ctx, &cloudbeds.GetReservationsWithRateDetailsParams{})
			},
			func(t *testing.T, r any) {
				d := r.(*cloudbeds.GetReservationsWithRateDetailsResponse).JSON200.Data[0]
				if d.DetailedRates["2025-06-12"] != 120.5 || d.Rooms[0].DetailedRoomRates["2025-06-12"] != "120.50" {
					t.Errorf("detailedRates %v, detailedRoomRates %v; want 120.5 and \"120.50\" on 2025-06-12", d.DetailedRates, d.Rooms[0].DetailedRoomRates)
				}
				if obj, err := d.BalanceDetailed.AsReservationBalanceDetailedObject(); err != nil || obj.Paid != "81.10" {
					t.Errorf("balanceDetailed paid = %q, %v; want 81.10", obj.Paid, err)
				}
			}},
		{"getGuestList without matches", "getGuestList", `{"success": true, "count": 0, "total": 0, "data": []}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetGuestListWithResponse(ctx, &cloudbeds.GetGuestListParams{})
			},
			func(t *testing.T, r any) {
				if d := r.(*cloudbeds.GetGuestListResponse).JSON200.Data; d == nil || len(d) != 0 {
					t.Errorf("data = %#v, want an empty map", d)
				}
			}},
		{"getGuest guestRequirements", "getGuest", `{"success": true, "data": {"guestID": "55501", "guestRequirements": []}}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetGuestWithResponse(ctx, &cloudbeds.GetGuestParams{})
			},
			func(t *testing.T, r any) {
				if d := r.(*cloudbeds.GetGuestResponse).JSON200.Data; d.GuestRequirements == nil || len(d.GuestRequirements) != 0 {
					t.Errorf("guestRequirements = %#v, want an empty map", d.GuestRequirements)
				}
			}},
		{"getUsers without users", "getUsers", `{"success": true, "data": []}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.GetUsersWithResponse(ctx, &cloudbeds.GetUsersParams{})
			},
			func(t *testing.T, r any) {
				if d := r.(*cloudbeds.GetUsersResponse).JSON200.Data; d == nil || len(d) != 0 {
					t.Errorf("data = %#v, want an empty map", d)
				}
			}},
		{"putReservation empty data", "putReservation", `{"success": true, "data": []}`,
			func(c *cloudbeds.ClientWithResponses) (interface{ StatusCode() int }, error) {
				return c.PutReservationWithFormdataBodyWithResponse(ctx, putReservationBody())
			},
			func(t *testing.T, r any) {
				if d := r.(*cloudbeds.PutReservationResponse).JSON200.Data; d == nil || len(d) != 0 {
					t.Errorf("data = %#v, want an empty map", d)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, c := quirkyServer(t, tc.op, tc.body)
			r, err := tc.call(c)
			check(t, tc.op, r, err)
			if t.Failed() {
				return
			}
			tc.check(t, r)
		})
	}
}

// Regression: upstream declares adults and children free strings (getReservations) and our
// spec and wire.Int admitted only whole numbers, so one such value failed the whole page. The
// number forms still decode into Int; any other text is kept in Raw.
func TestGuestCountsInUpstreamForms(t *testing.T) {
	_, c := quirkyServer(t, "getReservations", `{"success": true, "count": 2, "total": 2, "data": [{
		"propertyID": "172938", "reservationID": "8829301744", "status": "confirmed",
		"dateCreated": "2025-05-20 09:41:27", "startDate": "2025-06-12", "endDate": "2025-06-14",
		"adults": "2 adults", "children": "1.5", "balance": 0,
		"rooms": [{"roomTypeID": "77", "adults": "", "children": "n/a", "subReservationID": "8829301744-1"}]
	}, {
		"propertyID": "172938", "reservationID": "8829301745", "status": "confirmed",
		"dateCreated": "2025-05-21 18:02:00", "startDate": "2025-07-01", "endDate": "2025-07-03",
		"adults": 3, "children": "1", "balance": 0
	}]}`)
	r, err := c.GetReservationsWithResponse(context.Background(), &cloudbeds.GetReservationsParams{})
	check(t, "getReservations", r, err)
	if t.Failed() {
		return
	}
	first, second := r.JSON200.Data[0], r.JSON200.Data[1]
	tests := []struct {
		name string
		got  wire.Count
		want wire.Count
	}{
		{"text", first.Adults, wire.Count{Raw: "2 adults"}},
		{"fraction", first.Children, wire.Count{Raw: "1.5"}},
		{"empty string", first.Rooms[0].Adults, wire.Count{}},
		{"room text", first.Rooms[0].Children, wire.Count{Raw: "n/a"}},
		{"number", second.Adults, wire.Count{Int: 3}},
		{"numeric string", second.Children, wire.Count{Int: 1}},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %+v, want %+v", tc.name, tc.got, tc.want)
		}
	}
}

// Regression: getTaxesAndFees declares amountAdult, amountChild, the rate-based rate and
// percentage and the date ranges' maxLength string-or-number without a pattern, like amount; our
// spec admitted only numbers and numeric strings there, and wire.Int failed on text.
func TestTaxesAndFeesInUpstreamForms(t *testing.T) {
	_, c := quirkyServer(t, "getTaxesAndFees", `{"success": true, "data": [{"feeID": "f1", "amount": "10%",
		"amountAdult": "5.00", "amountChild": "free", "amountType": "fixed_per_person",
		"amountRateBased": [{"rate": "100.00", "percentage": "10 %"}],
		"dateRanges": [{"range": "2025-06-01/2025-08-31", "amount": 12.5, "amountAdult": 4, "maxLength": "unlimited"}]}]}`)
	r, err := c.GetTaxesAndFeesWithResponse(context.Background(), &cloudbeds.GetTaxesAndFeesParams{})
	check(t, "getTaxesAndFees", r, err)
	if t.Failed() {
		return
	}
	fee := r.JSON200.Data[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"amountAdult", fee.AmountAdult, wire.Decimal("5.00")},
		{"amountAdult valid", fee.AmountAdult.Valid(), true},
		{"amountChild kept", fee.AmountChild, wire.Decimal("free")},
		{"amountChild not valid", fee.AmountChild.Valid(), false},
		{"rate", fee.AmountRateBased[0].Rate, wire.Decimal("100.00")},
		{"percentage kept", fee.AmountRateBased[0].Percentage, wire.Decimal("10 %")},
		{"range amountAdult from a number", fee.DateRanges[0].AmountAdult, wire.Decimal("4")},
		{"range maxLength kept", fee.DateRanges[0].MaxLength, wire.Count{Raw: "unlimited"}},
	}
	for _, tc := range checks {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

// getMetadata's success is a string upstream ("true") and a boolean elsewhere; every form of a
// flag decodes.
func TestMetadataSuccessForms(t *testing.T) {
	for _, v := range []string{`"true"`, `true`, `1`, `"1"`, `"TRUE"`} {
		t.Run(v, func(t *testing.T) {
			_, c := quirkyServer(t, "getMetadata", `{"success": `+v+`, "data": {"api": {"url": "https://api.cloudbeds.com/api/v1.3"}}}`)
			r, err := c.GetMetadataWithResponse(context.Background())
			check(t, "getMetadata", r, err)
			if t.Failed() {
				return
			}
			if !bool(r.JSON200.Success.Bool) || !r.JSON200.Success.Valid() {
				t.Errorf("getMetadata success %s = %+v, want true", v, r.JSON200.Success)
			}
		})
	}
}

// Regression: upstream types getMetadata's success a free string; text that is no boolean
// failed the whole answer (the API host lookup). It is kept in Raw and the answer decodes.
func TestMetadataSuccessFreeText(t *testing.T) {
	_, c := quirkyServer(t, "getMetadata", `{"success": "DmpVde", "data": {"api": {"url": "https://api.cloudbeds.com/api/v1.3"}}}`)
	r, err := c.GetMetadataWithResponse(context.Background())
	check(t, "getMetadata", r, err)
	if t.Failed() {
		return
	}
	if got := r.JSON200.Success; got != (wire.Flag{Raw: "DmpVde"}) || r.JSON200.Data.API.URL != "https://api.cloudbeds.com/api/v1.3" {
		t.Errorf("getMetadata = %+v %q, want the text kept and the API URL", got, r.JSON200.Data.API.URL)
	}
}
