package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/sandbox/phpform"
)

// Cloudbeds v1.3 list defaults: pageSize is 100 for reservations and guest lists.
const cloudbedsDefaultPageSize = 100

// cloudbedsNightlyRate is the sandbox's price of one room for one night.
const cloudbedsNightlyRate = 120.5

// cloudbedsState keeps Cloudbeds v1.3 reservations and guests: created, read, listed with
// pageNumber/pageSize (count and total), changed and cancelled consistently.
type cloudbedsState struct {
	cb  *cloudbedsSandbox
	now func() time.Time

	mu           sync.Mutex
	nextRes      int64
	nextGuest    int64
	roomTypes    map[string]string // room type id → name
	reservations map[string]*cbReservation
	guests       map[string]*cbGuest
}

type cbReservation struct {
	id, status, sourceID, sourceName, thirdParty, arrival string
	guestIDs                                              []string // the main guest first
	rooms                                                 []*cbRoom
	created, modified                                     time.Time
}

type cbRoom struct {
	subID, roomTypeID, roomID string
	start, end                string // YYYY-MM-DD
	adults, children          int
}

type cbGuest struct {
	id                                                                 string
	firstName, lastName, gender, email, phone, cellPhone, country, zip string
	address1, address2, city, state, birthDate                         string
	created, modified                                                  time.Time
}

func newCloudbedsState(cb *cloudbedsSandbox) error {
	st := &cloudbedsState{cb: cb, now: cb.s.opts.Now, nextRes: 9100000000, nextGuest: 70000,
		roomTypes: map[string]string{}, reservations: map[string]*cbReservation{}, guests: map[string]*cbGuest{}}
	var types cloudbeds.GetRoomTypesResult
	var seed cloudbeds.GetReservationsResult
	var guest cloudbeds.GetGuestResult
	for id, v := range map[string]any{"getRoomTypes": &types, "getReservations": &seed, "getGuest": &guest} {
		if err := cb.v1.exampleOf(id, v); err != nil {
			return err
		}
	}
	for _, t := range types.Data {
		st.roomTypes[string(t.RoomTypeID)] = t.RoomTypeName
	}
	// The documented example reservation and its guest are there from the start.
	for _, r := range seed.Data {
		res := &cbReservation{id: string(r.ReservationID), status: r.Status, sourceID: string(r.SourceID),
			sourceName: r.SourceName, thirdParty: r.ThirdPartyIdentifier, guestIDs: []string{string(r.GuestID)},
			created: r.DateCreated.Time, modified: r.DateModified.Time}
		for _, rm := range r.Rooms {
			res.rooms = append(res.rooms, &cbRoom{subID: string(rm.SubReservationID), roomTypeID: string(rm.RoomTypeID),
				start: r.StartDate.Format(time.DateOnly), end: r.EndDate.Format(time.DateOnly),
				adults: int(rm.Adults.Int), children: int(rm.Children.Int)})
			if _, ok := st.roomTypes[string(rm.RoomTypeID)]; !ok {
				st.roomTypes[string(rm.RoomTypeID)] = rm.RoomTypeName
			}
		}
		st.reservations[res.id] = res
		// An absent data object decodes as the zero Guest.
		if g := guest.Data; !reflect.ValueOf(g).IsZero() {
			st.guests[string(r.GuestID)] = &cbGuest{id: string(r.GuestID), firstName: g.FirstName, lastName: g.LastName,
				gender: g.Gender, email: g.Email, phone: g.Phone, cellPhone: g.CellPhone,
				country: g.Country, zip: g.Zip, address1: g.Address, address2: g.Address2,
				city: g.City, state: g.State, birthDate: cbDate(g.BirthDate.Time),
				created: r.DateCreated.Time, modified: r.DateModified.Time}
		}
	}
	for id, op := range map[string]opFunc{
		"postReservation": st.postReservation,
		"getReservation":  st.getReservation,
		"getReservations": st.getReservations,
		"putReservation":  st.putReservation,
		"getGuest":        st.getGuest,
		"getGuestList":    st.getGuestList,
		"postGuest":       st.postGuest,
		"putGuest":        st.putGuest,
	} {
		cb.v1.ops[id] = op
	}
	return nil
}

func cbDeref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func cbDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func cbSQLTime(t time.Time) string { return t.UTC().Format(time.DateTime) }

// readForm decodes a validated PHP-style form body into v through the schema of operationID. When
// that fails it answers the Cloudbeds error and returns false.
func (st *cloudbedsState) readForm(w http.ResponseWriter, operationID string, body []byte, v any) bool {
	if err := st.decodeForm(operationID, body, v); err != nil {
		cloudbedsFail(w, "Invalid request body: "+err.Error())
		return false
	}
	return true
}

// reservation returns the reservation with id, or answers the Cloudbeds error and returns nil when
// there is none. st.mu must be held.
func (st *cloudbedsState) reservation(w http.ResponseWriter, id string) *cbReservation {
	res := st.reservations[id]
	if res == nil {
		cloudbedsFail(w, "Reservation not found")
	}
	return res
}

// decodeForm decodes a validated PHP-style form body into v through the schema of operationID.
func (st *cloudbedsState) decodeForm(operationID string, body []byte, v any) error {
	tree, err := phpform.Parse(string(body))
	if err != nil {
		return err
	}
	b, err := json.Marshal(phpform.Coerce(tree, st.cb.v1.schemaOf(operationID)))
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func (res *cbReservation) span() (start, end string) {
	for _, rm := range res.rooms {
		if start == "" || rm.start < start {
			start = rm.start
		}
		if rm.end > end {
			end = rm.end
		}
	}
	return start, end
}

func cbNights(start, end string) int {
	a, err1 := time.Parse(time.DateOnly, start)
	b, err2 := time.Parse(time.DateOnly, end)
	if err1 != nil || err2 != nil || !b.After(a) {
		return 0
	}
	return int(b.Sub(a).Hours() / 24)
}

// cbRoomStatus is the per-room status; note Cloudbeds' "cancelled" here against "canceled" for
// reservations.
func cbRoomStatus(status string) string {
	switch status {
	case "canceled":
		return "cancelled"
	case "checked_in":
		return "in_house"
	case "checked_out":
		return "checked_out"
	}
	return "not_checked_in"
}

func (res *cbReservation) total() float64 {
	var t float64
	for _, rm := range res.rooms {
		t += float64(cbNights(rm.start, rm.end)) * cloudbedsNightlyRate
	}
	return t
}

func (st *cloudbedsState) guestName(id string) string {
	if g := st.guests[id]; g != nil {
		return strings.TrimSpace(g.firstName + " " + g.lastName)
	}
	return ""
}

func (st *cloudbedsState) dailyRates(rm *cbRoom) []map[string]any {
	rates := []map[string]any{}
	d, err := time.Parse(time.DateOnly, rm.start)
	for i := 0; err == nil && i < cbNights(rm.start, rm.end); i++ {
		rates = append(rates, map[string]any{"date": d.AddDate(0, 0, i).Format(time.DateOnly), "rate": cloudbedsNightlyRate})
	}
	return rates
}

func (st *cloudbedsState) roomLine(rm *cbRoom) map[string]any {
	return map[string]any{
		"subReservationID": rm.subID, "roomTypeID": rm.roomTypeID, "roomTypeName": st.roomTypes[rm.roomTypeID],
		"adults": strconv.Itoa(rm.adults), "children": strconv.Itoa(rm.children), "startDate": rm.start, "endDate": rm.end,
		"dailyRates": st.dailyRates(rm), "roomTotal": fmt.Sprintf("%.2f", float64(cbNights(rm.start, rm.end))*cloudbedsNightlyRate),
	}
}

// guestEntry renders a guest in a reservation's guestList.
func (st *cloudbedsState) guestEntry(res *cbReservation, id string) map[string]any {
	g := st.guests[id]
	if g == nil {
		return map[string]any{"guestID": id}
	}
	return map[string]any{
		"guestID": g.id, "guestName": st.guestName(id), "guestFirstName": g.firstName, "guestLastName": g.lastName,
		"guestGender": g.gender, "guestEmail": g.email, "guestPhone": g.phone, "guestCellPhone": g.cellPhone,
		"guestAddress": g.address1, "guestAddress2": g.address2, "guestCity": g.city, "guestState": g.state,
		"guestCountry": g.country, "guestZip": g.zip, "guestBirthdate": g.birthDate, "isMainGuest": id == res.guestIDs[0],
		"isAnonymized": false, "assignedRoom": false, "customFields": []any{},
	}
}

// full renders a reservation as getReservation's data.
func (st *cloudbedsState) full(res *cbReservation) map[string]any {
	start, end := res.span()
	unassigned := []map[string]any{}
	for _, rm := range res.rooms {
		unassigned = append(unassigned, st.roomLine(rm))
	}
	guestList := map[string]any{}
	for _, id := range res.guestIDs {
		guestList[id] = st.guestEntry(res, id)
	}
	total := res.total()
	main := st.guests[res.guestIDs[0]]
	email := ""
	if main != nil {
		email = main.email
	}
	return map[string]any{
		"propertyID": st.cb.s.creds.CloudbedsPropertyID, "reservationID": res.id, "status": res.status,
		"guestName": st.guestName(res.guestIDs[0]), "guestEmail": email, "isAnonymized": false, "guestList": guestList,
		"dateCreated": cbSQLTime(res.created), "dateModified": cbSQLTime(res.modified), "estimatedArrivalTime": res.arrival,
		"source": res.sourceName, "sourceID": res.sourceID, "thirdPartyIdentifier": res.thirdParty,
		"total": total, "balance": total,
		"balanceDetailed": map[string]any{"suggestedDeposit": fmt.Sprintf("%.2f", total), "subTotal": total,
			"additionalItems": 0, "taxesFees": 0, "grandTotal": total, "paid": 0},
		"assigned": []any{}, "unassigned": unassigned, "cardsOnFile": []any{}, "customFields": []any{},
		"startDate": start, "endDate": end,
	}
}

// summary renders a reservation as an item of getReservations.
func (st *cloudbedsState) summary(res *cbReservation, withGuests bool) map[string]any {
	start, end := res.span()
	adults, children := 0, 0
	rooms := []map[string]any{}
	for _, rm := range res.rooms {
		adults += rm.adults
		children += rm.children
		rooms = append(rooms, map[string]any{
			"roomTypeID": rm.roomTypeID, "roomTypeName": st.roomTypes[rm.roomTypeID], "subReservationID": rm.subID,
			"guestID": res.guestIDs[0], "guestName": st.guestName(res.guestIDs[0]),
			"adults": strconv.Itoa(rm.adults), "children": strconv.Itoa(rm.children),
			"roomCheckIn": rm.start, "roomCheckOut": rm.end, "roomStatus": cbRoomStatus(res.status),
		})
	}
	out := map[string]any{
		"propertyID": st.cb.s.creds.CloudbedsPropertyID, "reservationID": res.id, "status": res.status,
		"dateCreated": cbSQLTime(res.created), "dateModified": cbSQLTime(res.modified),
		"guestID": res.guestIDs[0], "profileID": res.guestIDs[0], "guestName": st.guestName(res.guestIDs[0]),
		"startDate": start, "endDate": end, "adults": strconv.Itoa(adults), "children": strconv.Itoa(children),
		"balance": res.total(), "sourceName": res.sourceName, "sourceID": res.sourceID,
		"thirdPartyIdentifier": res.thirdParty, "rooms": rooms, "customFields": []any{},
	}
	if withGuests {
		list := map[string]any{}
		for _, id := range res.guestIDs {
			list[id] = st.guestEntry(res, id)
		}
		out["guestList"] = list
	}
	return out
}

func (st *cloudbedsState) postReservation(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in cloudbeds.PostReservationForm
	if !st.readForm(w, "postReservation", body, &in) {
		return
	}
	start, end := in.StartDate.Format(time.DateOnly), in.EndDate.Format(time.DateOnly)
	switch {
	case !in.EndDate.After(in.StartDate.Time):
		cloudbedsFail(w, "Parameter endDate must be after startDate")
		return
	case len(in.Rooms) == 0:
		cloudbedsFail(w, "Parameter rooms is required")
		return
	}
	people := func(roomTypeID string, list []cloudbeds.PostReservationAdult) int {
		n := 0
		for _, a := range list {
			if a.RoomTypeID == roomTypeID {
				n += a.Quantity
			}
		}
		return n
	}
	children := make([]cloudbeds.PostReservationAdult, len(in.Children))
	for i, c := range in.Children {
		children[i] = cloudbeds.PostReservationAdult(c)
	}

	st.mu.Lock()
	defer st.mu.Unlock()
	for i, rm := range in.Rooms {
		if _, ok := st.roomTypes[rm.RoomTypeID]; !ok {
			cloudbedsFail(w, fmt.Sprintf("Invalid roomTypeID %q in rooms[%d]", rm.RoomTypeID, i))
			return
		}
		if rm.Quantity < 1 {
			cloudbedsFail(w, fmt.Sprintf("Parameter rooms[%d][quantity] must be at least 1", i))
			return
		}
	}
	now := st.now().UTC().Truncate(time.Second)
	st.nextRes++
	st.nextGuest++
	res := &cbReservation{id: strconv.FormatInt(st.nextRes, 10), status: "confirmed", sourceID: cbDeref(in.SourceID),
		thirdParty: cbDeref(in.ThirdPartyIdentifier), arrival: cbDeref(in.EstimatedArrivalTime), created: now, modified: now}
	if res.sourceID == "" {
		res.sourceID = "s-1"
	}
	res.sourceName = "Sandbox"
	if !in.DateCreated.IsZero() {
		res.created = in.DateCreated.Time
	}
	g := &cbGuest{id: strconv.FormatInt(st.nextGuest, 10), firstName: in.GuestFirstName, lastName: in.GuestLastName,
		email: in.GuestEmail, phone: cbDeref(in.GuestPhone), country: in.GuestCountry, zip: in.GuestZip, created: now, modified: now}
	if in.GuestGender != nil {
		g.gender = string(*in.GuestGender)
	}
	res.guestIDs = []string{g.id}
	n := 0
	for _, rm := range in.Rooms {
		adults, kids := people(rm.RoomTypeID, in.Adults), people(rm.RoomTypeID, children)
		for q := 0; q < rm.Quantity; q++ {
			n++
			room := &cbRoom{subID: fmt.Sprintf("%s-%d", res.id, n), roomTypeID: rm.RoomTypeID, roomID: cbDeref(rm.RoomID),
				start: start, end: end}
			if q == 0 { // the occupancy of a room type goes with its first room
				room.adults, room.children = adults, kids
			}
			res.rooms = append(res.rooms, room)
		}
	}
	st.reservations[res.id] = res
	st.guests[g.id] = g
	unassigned := []map[string]any{}
	for _, rm := range res.rooms {
		line := st.roomLine(rm)
		delete(line, "startDate")
		delete(line, "endDate")
		unassigned = append(unassigned, line)
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{
		"success": true, "reservationID": res.id, "status": res.status, "guestID": g.id,
		"guestFirstName": g.firstName, "guestLastName": g.lastName, "guestGender": g.gender, "guestEmail": g.email,
		"startDate": start, "endDate": end, "dateCreated": cbSQLTime(res.created), "grandTotal": res.total(),
		"unassigned": unassigned,
	})
}

func (st *cloudbedsState) getReservation(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	id := r.URL.Query().Get("reservationID")
	st.mu.Lock()
	defer st.mu.Unlock()
	res := st.reservation(w, id)
	if res == nil {
		return
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": st.full(res)})
}

// page cuts items to Cloudbeds' pageNumber (from 1) and pageSize, answering count and total.
func cbPage[T any](q url.Values, items []T) (out []T, count, total int, msg string) {
	number, size := 1, cloudbedsDefaultPageSize
	if v := q.Get("pageNumber"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, 0, 0, "Parameter pageNumber must be a positive integer"
		}
		number = n
	}
	if v := q.Get("pageSize"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, 0, 0, "Parameter pageSize must be a positive integer"
		}
		size = n
	}
	out = []T{}
	// Compare before multiplying: a huge pageNumber must not overflow into a negative offset.
	if len(items) > 0 && number-1 <= (len(items)-1)/size {
		from := (number - 1) * size
		out = items[from:min(from+size, len(items))]
	}
	return out, len(out), len(items), ""
}

// cbInRange reports whether v lies within the optional bounds from and to (inclusive); values
// compare as text, which orders "YYYY-MM-DD[ HH:MM:SS]" correctly.
func cbInRange(v, from, to string) bool {
	if from != "" && v < from {
		return false
	}
	if to != "" {
		if len(to) == len(time.DateOnly) && len(v) > len(to) {
			v = v[:len(to)]
		}
		if v > to {
			return false
		}
	}
	return true
}

func (st *cloudbedsState) getReservations(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	st.mu.Lock()
	defer st.mu.Unlock()
	var all []*cbReservation
	for _, res := range st.reservations {
		start, end := res.span()
		g := st.guests[res.guestIDs[0]]
		switch {
		case q.Get("status") != "" && res.status != q.Get("status"),
			q.Get("guestID") != "" && !slices.Contains(res.guestIDs, q.Get("guestID")),
			q.Get("firstName") != "" && (g == nil || !strings.EqualFold(g.firstName, q.Get("firstName"))),
			q.Get("lastName") != "" && (g == nil || !strings.EqualFold(g.lastName, q.Get("lastName"))),
			q.Get("roomTypeID") != "" && !slices.ContainsFunc(res.rooms, func(rm *cbRoom) bool { return rm.roomTypeID == q.Get("roomTypeID") }),
			q.Get("sourceReservationId") != "" && res.thirdParty != q.Get("sourceReservationId"),
			!cbInRange(start, q.Get("checkInFrom"), q.Get("checkInTo")),
			!cbInRange(end, q.Get("checkOutFrom"), q.Get("checkOutTo")),
			!cbInRange(cbSQLTime(res.created), q.Get("resultsFrom"), q.Get("resultsTo")),
			!cbInRange(cbSQLTime(res.modified), q.Get("modifiedFrom"), q.Get("modifiedTo")):
			continue
		}
		all = append(all, res)
	}
	recent := q.Get("sortByRecent") == "true" || q.Get("sortByRecent") == "1"
	slices.SortFunc(all, func(a, b *cbReservation) int {
		if recent {
			if c := b.modified.Compare(a.modified); c != 0 {
				return c
			}
			return strings.Compare(b.id, a.id)
		}
		if c := a.created.Compare(b.created); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	items, count, total, msg := cbPage(q, all)
	if msg != "" {
		cloudbedsFail(w, msg)
		return
	}
	withGuests := q.Get("includeGuestsDetails") == "true" || q.Get("includeGuestsDetails") == "1"
	data := make([]map[string]any, 0, len(items))
	for _, res := range items {
		data = append(data, st.summary(res, withGuests))
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": data, "count": count, "total": total})
}

// cbStatusChange reports whether a reservation may go from one status to another.
func cbStatusChange(from, to string) bool {
	if from == to {
		return true
	}
	switch from {
	case "canceled", "checked_out", "no_show":
		return false // final
	case "checked_in":
		return to == "checked_out"
	}
	return true
}

func (st *cloudbedsState) putReservation(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in cloudbeds.PutReservationForm
	if !st.readForm(w, "putReservation", body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	res := st.reservation(w, in.ReservationID)
	if res == nil {
		return
	}
	// Work on a copy so that a rejected change leaves the reservation as it was.
	next := *res
	next.rooms = make([]*cbRoom, len(res.rooms))
	for i, rm := range res.rooms {
		c := *rm
		next.rooms[i] = &c
	}
	if in.Status != nil {
		to := string(*in.Status)
		if !cbStatusChange(res.status, to) {
			cloudbedsFail(w, fmt.Sprintf("Reservation status cannot be changed from %s to %s", res.status, to))
			return
		}
		next.status = to
	}
	if in.EstimatedArrivalTime != nil {
		next.arrival = *in.EstimatedArrivalTime
	}
	if !in.CheckoutDate.IsZero() {
		for _, rm := range next.rooms {
			rm.end = in.CheckoutDate.Format(time.DateOnly)
		}
	}
	for i, change := range in.Rooms {
		var rm *cbRoom
		for _, c := range next.rooms {
			if change.SubReservationID != nil && c.subID == *change.SubReservationID {
				rm = c
			}
		}
		if rm == nil {
			cloudbedsFail(w, fmt.Sprintf("Parameter rooms[%d][subReservationID]: no such room in reservation %s", i, res.id))
			return
		}
		if change.RoomTypeID != nil {
			if _, ok := st.roomTypes[*change.RoomTypeID]; !ok {
				cloudbedsFail(w, fmt.Sprintf("Invalid roomTypeID %q in rooms[%d]", *change.RoomTypeID, i))
				return
			}
			rm.roomTypeID = *change.RoomTypeID
		}
		if !change.CheckinDate.IsZero() {
			rm.start = change.CheckinDate.Format(time.DateOnly)
		}
		if !change.CheckoutDate.IsZero() {
			rm.end = change.CheckoutDate.Format(time.DateOnly)
		}
		if change.Adults != nil {
			rm.adults = *change.Adults
		}
		if change.Children != nil {
			rm.children = *change.Children
		}
	}
	for _, rm := range next.rooms {
		if cbNights(rm.start, rm.end) < 1 {
			cloudbedsFail(w, "The checkout date must be after the check-in date")
			return
		}
	}
	next.modified = st.now().UTC().Truncate(time.Second)
	st.reservations[res.id] = &next
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": map[string]any{}})
}

// guestData renders a guest as getGuest's data.
func (st *cloudbedsState) guestData(g *cbGuest) map[string]any {
	return map[string]any{
		"firstName": g.firstName, "lastName": g.lastName, "gender": g.gender, "email": g.email, "phone": g.phone,
		"cellPhone": g.cellPhone, "country": g.country, "address": g.address1, "address2": g.address2, "city": g.city,
		"zip": g.zip, "state": g.state, "birthDate": g.birthDate, "customFields": []any{}, "isAnonymized": false,
		"guestOptIn": false, "isMerged": false,
	}
}

func (st *cloudbedsState) getGuest(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	st.mu.Lock()
	defer st.mu.Unlock()
	id := q.Get("guestID")
	if rid := q.Get("reservationID"); rid != "" {
		res := st.reservation(w, rid)
		if res == nil {
			return
		}
		if id == "" {
			id = res.guestIDs[0]
		} else if !slices.Contains(res.guestIDs, id) {
			cloudbedsFail(w, "Guest not found in this reservation")
			return
		}
	}
	if id == "" {
		cloudbedsFail(w, "Parameter guestID or reservationID is required")
		return
	}
	g := st.guests[id]
	if g == nil {
		cloudbedsFail(w, "Guest not found")
		return
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": st.guestData(g)})
}

// latest returns the most recently created reservation of guest id.
func (st *cloudbedsState) latest(id string) *cbReservation {
	var out *cbReservation
	for _, res := range st.reservations {
		if slices.Contains(res.guestIDs, id) && (out == nil || res.created.After(out.created) ||
			res.created.Equal(out.created) && res.id > out.id) {
			out = res
		}
	}
	return out
}

func (st *cloudbedsState) getGuestList(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	st.mu.Lock()
	defer st.mu.Unlock()
	type row struct {
		g   *cbGuest
		res *cbReservation
	}
	var all []row
	for _, g := range st.guests {
		res := st.latest(g.id)
		if res == nil {
			continue
		}
		start, end := res.span()
		switch {
		case q.Get("status") != "" && res.status != q.Get("status"),
			q.Get("guestFirstName") != "" && !strings.EqualFold(g.firstName, q.Get("guestFirstName")),
			q.Get("guestLastName") != "" && !strings.EqualFold(g.lastName, q.Get("guestLastName")),
			q.Get("guestEmail") != "" && !strings.EqualFold(g.email, q.Get("guestEmail")),
			q.Get("excludeSecondaryGuests") == "true" && res.guestIDs[0] != g.id,
			!cbInRange(start, q.Get("checkInFrom"), q.Get("checkInTo")),
			!cbInRange(end, q.Get("checkOutFrom"), q.Get("checkOutTo")),
			!cbInRange(cbSQLTime(g.created), q.Get("resultsFrom"), q.Get("resultsTo")):
			continue
		}
		all = append(all, row{g, res})
	}
	byCreation := q.Get("sortBy") == "creation"
	slices.SortFunc(all, func(a, b row) int {
		ta, tb := a.g.modified, b.g.modified
		if byCreation {
			ta, tb = a.g.created, b.g.created
		}
		if c := tb.Compare(ta); c != 0 {
			return c
		}
		return strings.Compare(b.g.id, a.g.id)
	})
	items, count, total, msg := cbPage(q, all)
	if msg != "" {
		cloudbedsFail(w, msg)
		return
	}
	data := map[string]any{}
	for _, it := range items {
		g := it.g
		data[g.id] = map[string]any{
			"reservationID": it.res.id, "guestID": g.id, "guestName": st.guestName(g.id), "guestEmail": g.email,
			"dateCreated": cbSQLTime(g.created), "dateModified": cbSQLTime(g.modified), "isMainGuest": it.res.guestIDs[0] == g.id,
			"isAnonymized": false, "guestFirstName": g.firstName, "guestLastName": g.lastName, "guestGender": g.gender,
			"guestPhone": g.phone, "guestCellPhone": g.cellPhone, "guestAddress1": g.address1, "guestAddress2": g.address2,
			"guestCity": g.city, "guestState": g.state, "guestCountry": g.country, "guestZip": g.zip,
			"guestBirthDate": g.birthDate, "status": it.res.status, "guestOptIn": false, "isMerged": false,
		}
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": data, "count": count, "total": total})
}

func (st *cloudbedsState) postGuest(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in cloudbeds.PostGuestForm
	if !st.readForm(w, "postGuest", body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	res := st.reservation(w, in.ReservationID)
	if res == nil {
		return
	}
	now := st.now().UTC().Truncate(time.Second)
	st.nextGuest++
	g := &cbGuest{id: strconv.FormatInt(st.nextGuest, 10), firstName: in.GuestFirstName, lastName: in.GuestLastName,
		email: in.GuestEmail, country: in.GuestCountry, created: now, modified: now}
	cbApplyGuest(g, cbGuestChange{in.GuestGender, in.GuestPhone, in.GuestCellPhone, in.GuestAddress1, in.GuestAddress2,
		in.GuestCity, in.GuestState, in.GuestZip, cbDate(in.GuestBirthDate.Time)})
	st.guests[g.id] = g
	res.guestIDs = append(res.guestIDs, g.id)
	res.modified = now
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "guestID": g.id})
}

// cbGuestChange holds the optional guest fields postGuest and putGuest share.
type cbGuestChange struct {
	gender                                                 any
	phone, cellPhone, address1, address2, city, state, zip *string
	birthDate                                              string
}

func cbApplyGuest(g *cbGuest, c cbGuestChange) {
	switch v := c.gender.(type) {
	case *cloudbeds.PostGuestFormGuestGender:
		if v != nil {
			g.gender = string(*v)
		}
	case *cloudbeds.PutGuestFormGuestGender:
		if v != nil {
			g.gender = string(*v)
		}
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&g.phone, c.phone}, {&g.cellPhone, c.cellPhone}, {&g.address1, c.address1}, {&g.address2, c.address2},
		{&g.city, c.city}, {&g.state, c.state}, {&g.zip, c.zip}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if c.birthDate != "" {
		g.birthDate = c.birthDate
	}
}

func (st *cloudbedsState) putGuest(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in cloudbeds.PutGuestForm
	if !st.readForm(w, "putGuest", body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	g := st.guests[in.GuestID]
	if g == nil {
		cloudbedsFail(w, "Guest not found")
		return
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&g.firstName, in.GuestFirstName}, {&g.lastName, in.GuestLastName}, {&g.email, in.GuestEmail}, {&g.country, in.GuestCountry}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	cbApplyGuest(g, cbGuestChange{in.GuestGender, in.GuestPhone, in.GuestCellPhone, in.GuestAddress1, in.GuestAddress2,
		in.GuestCity, in.GuestState, in.GuestZip, cbDate(in.GuestBirthDate.Time)})
	g.modified = st.now().UTC().Truncate(time.Second)
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true})
}
