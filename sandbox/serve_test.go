package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The provider checks after validation read the request body again: validating it in place
// must leave it readable. Regression test for a consumed body, which let a form naming another
// property through.
func TestChecksSeeTheBodyAfterValidation(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := "reservationID=8829301744&guestFirstName=Bruno&guestLastName=Costa&guestEmail=b%40example.com&guestCountry=PT&propertyID=1"
	r := httptest.NewRequest(http.MethodPost, CloudbedsAPIPath+"/postGuest", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Api-Key", s.Credentials().CloudbedsAPIKey)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if got := w.Body.String(); w.Code != http.StatusOK || !strings.Contains(got, `"success":false`) || !strings.Contains(got, "property ID 1") {
		t.Errorf("POST /postGuest with propertyID=1 = %d %s, want success:false naming property ID 1", w.Code, got)
	}
}

// Every answer carries an X-Request-ID, "sbx-" and 24 hexadecimal digits, different each time.
func TestRequestIDs(t *testing.T) {
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for range 3 {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, KobasAPIPath+"/venue", nil))
		id := w.Header().Get("X-Request-ID")
		if len(id) != len("sbx-")+24 || !strings.HasPrefix(id, "sbx-") || seen[id] {
			t.Errorf("X-Request-ID = %q, want sbx- and 24 new hex digits", id)
		}
		seen[id] = true
	}
}
