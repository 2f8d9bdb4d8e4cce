package bench_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// Synthetic credentials and identifiers shared by the benchmarks.
const (
	benchClientID     = "bench-client"
	benchClientSecret = "bench-secret"
	benchCompanyID    = "1234"
	benchToken        = "bench-access-token"
	benchAPIKey       = "cbat_bench-api-key"
	benchPropertyID   = "172938"
)

// Paths of the canned server.
const (
	kobasBase      = "/kobas/v3"
	kobasTokenPath = "/kobas/oauth/access_token"
	cloudbedsBase  = "/cloudbeds/api/v1.3"
)

// venuesBody is a small Kobas GET /venue answer (the venue list).
var venuesBody = []byte(`[{"id":1,"name":"The Crown & Anchor","sname":"Crown","is_parent":false,"parent_id":10},` +
	`{"id":2,"name":"The Red Lion","sname":"Lion","is_parent":false,"parent_id":10},` +
	`{"id":10,"name":"Riverside Group","sname":"Group","is_parent":true,"parent_id":null}]`)

// kobasTokenBody is a Kobas client-credentials token answer.
var kobasTokenBody = []byte(`{"token_type":"Bearer","expires_in":3600,"access_token":"` + benchToken + `"}`)

// reservationTemplate is one Cloudbeds v1.3 getReservations item with guest details, in the
// shapes Cloudbeds sends (numbers as strings, dates as "YYYY-MM-DD HH:MM:SS", a guest map).
// {i} is the item's index; {i3}, {i5} and {i7} are the index zero-padded to 3, 5 and 7 digits.
const reservationTemplate = `{"propertyID":"172938","reservationID":"88293{i5}","dateCreated":"2025-05-20 09:41:27",` +
	`"dateModified":"2025-05-21 10:02:11","status":"confirmed","guestID":"55{i3}","profileID":"55{i3}",` +
	`"guestName":"Ana Silva {i}","startDate":"2025-06-12","endDate":"2025-06-14","allotmentBlockCode":"ab-2025-06",` +
	`"groupCode":"grp-689","adults":"2","children":"0","balance":180.5,"sourceName":"Website","sourceID":"s-2",` +
	`"thirdPartyIdentifier":"BK-44{i5}","subReservationID":"88293{i5}-1",` +
	`"groupInventory":[{"subReservationID":"88293{i5}-1","allotmentBlockCode":"ab-2025-06","startDate":"2025-06-12","endDate":"2025-06-14"}],` +
	`"customFields":[{"customFieldID":"14","shortcode":"arrival_flight","isActive":true,"customFieldName":"Arrival flight","customFieldValue":"TP1947"}],` +
	`"rooms":[{"roomTypeID":"77","roomTypeName":"Double Room","roomTypeIsVirtual":false,"subReservationID":"88293{i5}-1",` +
	`"isRoomLocked":false,"guestID":"55{i3}","guestName":"Ana Silva {i}","adults":"2","children":"0",` +
	`"reservationRoomID":"1122{i3}","roomID":"77-1","roomName":"101","roomCheckIn":"2025-06-12","roomCheckOut":"2025-06-14",` +
	`"roomStatus":"not_checked_in","marketName":"Leisure","marketCode":"LEI"}],` +
	`"guestList":{"55{i3}":{"guestID":"55{i3}","guestName":"Ana Silva {i}","guestFirstName":"Ana","guestLastName":"Silva",` +
	`"guestGender":"F","guestEmail":"ana.silva{i}@example.com","guestPhone":"+351 912 345 678","guestCellPhone":"+351 912 345 679",` +
	`"guestAddress":"Rua das Flores 12","guestAddress2":"","guestCity":"Porto","guestState":"Porto","guestCountry":"PT",` +
	`"guestZip":"4050-123","guestBirthdate":"1988-03-02","guestDocumentType":"passport","guestDocumentNumber":"P{i7}",` +
	`"guestDocumentIssueDate":"2020-01-15","guestDocumentIssuingCountry":"PT","guestDocumentExpirationDate":"2030-01-14",` +
	`"taxID":"213","companyTaxID":"232","companyName":"Rio Events Lda","subReservationID":"88293{i5}-1",` +
	`"startDate":"2025-06-12","endDate":"2025-06-14","assignedRoom":true,"roomID":"77-1","roomName":"101",` +
	`"roomTypeName":"Double Room","roomTypeIsVirtual":false,` +
	`"rooms":[{"reservationRoomID":"1122{i3}","roomID":"77-1","roomName":"101","roomTypeName":"Double Room",` +
	`"roomTypeIsVirtual":false,"roomTypeID":"77","roomTypeNameShort":"DBL","rateID":"901","ratePlanName":"Casa do Rio",` +
	`"roomStatus":"not_checked_in","subReservationID":"88293{i5}-1","isRoomLocked":false}],` +
	`"unassignedRooms":[],"guestRequirements":{},"customFields":[],"isAnonymized":false,"isMainGuest":true}},` +
	`"origin":"website","mealPlans":"Breakfast"}`

// reservationsPage returns a getReservations answer with n items.
func reservationsPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"success":true,"data":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		strings.NewReplacer(
			"{i}", strconv.Itoa(i),
			"{i3}", fmt.Sprintf("%03d", i),
			"{i5}", fmt.Sprintf("%05d", i),
			"{i7}", fmt.Sprintf("%07d", i),
		).WriteString(&b, reservationTemplate)
	}
	fmt.Fprintf(&b, `],"count":%d,"total":%d}`, n, 3*n)
	return []byte(b.String())
}

// cloudbedsPage is the large answer: a page of 100 reservations with guest details.
var cloudbedsPage = reservationsPage(100)

// cannedServer starts a loopback server answering fixed bodies per path; its own cost is a map
// lookup and a write, the same for the SDK and the hand-written client.
func cannedServer(tb testing.TB, bodies map[string][]byte) *httptest.Server {
	tb.Helper()
	type canned struct {
		body   []byte
		length []string
	}
	routes := make(map[string]canned, len(bodies))
	for p, body := range bodies {
		routes[p] = canned{body: body, length: []string{strconv.Itoa(len(body))}}
	}
	ctype := []string{"application/json"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		c, ok := routes[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h["Content-Type"] = ctype
		h["Content-Length"] = c.length
		w.Write(c.body)
	}))
	tb.Cleanup(srv.Close)
	return srv
}
