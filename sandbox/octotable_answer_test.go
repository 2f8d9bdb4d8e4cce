package sandbox

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
)

// TestWriteAnswerMatchesWriteJSON checks that the OctoTable answers, encoded by writeAnswer, are
// byte for byte what writeJSON (encoding/json's Encoder) writes: the seeded reservations, a
// created one, and strings that encoding/json escapes.
func TestWriteAnswerMatchesWriteJSON(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var a *api
	for _, x := range s.apis {
		if x.name == "octotable" {
			a = x
		}
	}
	var list octotable.ReservationList
	if err := a.exampleOf("listReservations", &list); err != nil {
		t.Fatal(err)
	}
	odd := "<b>&amp; \u2028\u2029 \"quoted\" \\ \x01 é 😀 \ufffd"
	r := list.Data[0]
	r.Notes, r.SpecialRequest = &odd, &odd
	r.Customer = &octotable.Customer{ID: 7, FirstName: odd, LastName: "", Email: &odd}
	cursor := "MTA"
	values := []any{
		list,
		octotable.ReservationList{Data: []octotable.Reservation{r}, NextCursor: &cursor},
		octotable.ReservationList{Data: []octotable.Reservation{}},
		octotable.ReservationList{},
		map[string]any{"success": false, "error": map[string]string{"code": "X", "message": odd}},
	}
	for i, v := range values {
		want, got := httptest.NewRecorder(), httptest.NewRecorder()
		writeJSON(want, http.StatusCreated, v)
		writeAnswer(got, http.StatusCreated, v)
		if got.Code != want.Code || got.Body.String() != want.Body.String() ||
			got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
			t.Errorf("value %d: writeAnswer = %d %q %q\nwant %d %q %q", i, got.Code, got.Header(), got.Body,
				want.Code, want.Header(), want.Body)
		}
	}
}
