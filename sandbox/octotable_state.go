package sandbox

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// octotableDefaultLimit is the page size of reservation lists without a limit.
const octotableDefaultLimit = 50

// octotableState keeps OctoTable reservations: created, read, listed with next_cursor, replaced
// and cancelled consistently, the way the real service behaves (DELETE cancels, it does not
// remove).
type octotableState struct {
	now func() time.Time

	mu           sync.Mutex
	nextID       int64
	reservations map[int64]octotable.Reservation
	rooms        map[int64]string
	services     map[int64]octotable.Service
}

func newOctotableState(a *api, now func() time.Time) (*octotableState, error) {
	st := &octotableState{now: now, nextID: 40000000, reservations: map[int64]octotable.Reservation{},
		rooms: map[int64]string{}, services: map[int64]octotable.Service{}}
	var rooms octotable.RoomList
	var services octotable.ServiceList
	var seed octotable.ReservationList
	for id, v := range map[string]any{"listRooms": &rooms, "listServices": &services, "listReservations": &seed} {
		if err := a.exampleOf(id, v); err != nil {
			return nil, err
		}
	}
	for _, r := range rooms.Data {
		st.rooms[r.ID] = r.Name
	}
	for _, sv := range services.Data {
		st.services[sv.ID] = sv
	}
	for _, r := range seed.Data {
		st.reservations[r.ID] = r
	}
	a.ops = map[string]opFunc{
		"createReservation": st.create,
		"getReservation":    st.get,
		"listReservations":  st.list,
		"updateReservation": st.update,
		"cancelReservation": st.cancel,
	}
	return st, nil
}

func (st *octotableState) localNow() wire.LocalDateTime {
	t := st.now().UTC().Truncate(time.Second)
	return wire.LocalDateTime{Time: time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)}
}

// fill derives the fields the server computes: room and service summaries and the end time.
func (st *octotableState) fill(r *octotable.Reservation, roomID, serviceID int64) bool {
	room, ok := st.rooms[roomID]
	if !ok {
		return false
	}
	svc, ok := st.services[serviceID]
	if !ok {
		return false
	}
	r.Room = &octotable.RoomSummary{ID: roomID, Name: &room}
	r.Service = &octotable.ServiceSummary{ID: serviceID, Name: &svc.Name}
	stay := 90
	if svc.AverageStay != nil {
		stay = *svc.AverageStay
	}
	start := r.StartDate.Time.Add(time.Duration(r.StartHour.Hour)*time.Hour + time.Duration(r.StartHour.Minute)*time.Minute + time.Duration(r.StartHour.Second)*time.Second)
	r.EndDate = wire.LocalDateTime{Time: start.Add(time.Duration(stay) * time.Minute)}
	return true
}

func (st *octotableState) create(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in octotable.ReservationCreate
	if err := decodeRequest(body, &in); err != nil {
		octotableError(w, http.StatusBadRequest, "BAD_REQUEST", "request body: "+err.Error())
		return
	}
	st.mu.Lock()
	st.nextID++
	ch := in.Channel
	r := octotable.Reservation{
		ID: st.nextID, Pax: in.Pax, Status: octotable.ReservationStatusConfirmed, Channel: &ch,
		StartDate: in.StartDate, StartHour: in.StartHour, Notes: in.Notes, SpecialRequest: in.SpecialRequest,
		LastStatusChange: st.localNow(),
		Customer: &octotable.Customer{ID: st.nextID + 1000000, FirstName: in.Customer.FirstName, LastName: in.Customer.LastName,
			Email: in.Customer.Email, Phone: in.Customer.Phone},
	}
	ok := st.fill(&r, in.RoomID, in.ServiceID)
	if ok {
		st.reservations[r.ID] = r
	}
	st.mu.Unlock()
	// The answer is encoded outside the lock: r is this request's copy.
	if !ok {
		octotableError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND", "The specified room or service does not exist.")
		return
	}
	writeAnswer(w, http.StatusCreated, octotable.ReservationList{Data: []octotable.Reservation{r}})
}

func (st *octotableState) lookup(w http.ResponseWriter, params map[string]string) (octotable.Reservation, bool) {
	id, _ := strconv.ParseInt(params["reservation_id"], 10, 64)
	r, ok := st.reservations[id]
	if !ok {
		octotableError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND", "The specified reservation ID does not exist.")
	}
	return r, ok
}

func (st *octotableState) get(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	r, ok := st.reservations[reservationID(params)]
	st.mu.Unlock()
	if !ok {
		octotableError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND", "The specified reservation ID does not exist.")
		return
	}
	writeAnswer(w, http.StatusOK, octotable.ReservationList{Data: []octotable.Reservation{r}})
}

func reservationID(params map[string]string) int64 {
	id, _ := strconv.ParseInt(params["reservation_id"], 10, 64)
	return id
}

func (st *octotableState) update(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in octotable.ReservationUpdate
	if err := decodeRequest(body, &in); err != nil {
		// The real service answers malformed updates with 500, not 400.
		octotableError(w, http.StatusInternalServerError, "INTERNAL_ERROR", "could not read the reservation: "+err.Error())
		return
	}
	if in.Customer.ID == 0 {
		// Updates replace the whole reservation and need the guest's id; without it the real
		// service fails with 500 rather than 400.
		octotableError(w, http.StatusInternalServerError, "INTERNAL_ERROR", "customer.id is required to update a reservation")
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	old, ok := st.lookup(w, params)
	if !ok {
		return
	}
	ch := in.Channel
	customer := in.Customer
	r := octotable.Reservation{
		ID: old.ID, Pax: in.Pax, Status: in.Status, Channel: &ch, StartDate: in.StartDate, StartHour: in.StartHour,
		Notes: in.Notes, SpecialRequest: in.SpecialRequest, Customer: &customer, Tables: old.Tables,
		LastStatusChange: old.LastStatusChange,
	}
	if r.Status != old.Status {
		r.LastStatusChange = st.localNow()
	}
	if !st.fill(&r, in.RoomID, in.ServiceID) {
		octotableError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND", "The specified room or service does not exist.")
		return
	}
	st.reservations[r.ID] = r
	writeAnswer(w, http.StatusOK, octotable.ReservationList{Data: []octotable.Reservation{r}})
}

func (st *octotableState) cancel(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	r, ok := st.lookup(w, params)
	if !ok {
		return
	}
	if r.Status != octotable.ReservationStatusCancelled {
		r.Status = octotable.ReservationStatusCancelled
		r.LastStatusChange = st.localNow()
		st.reservations[r.ID] = r
	}
	writeAnswer(w, http.StatusOK, octotable.ReservationList{Data: []octotable.Reservation{r}})
}

// list filters by the documented query parameters and pages with an opaque next_cursor.
func (st *octotableState) list(w http.ResponseWriter, req *http.Request, _ map[string]string, _ []byte) {
	q := req.URL.Query()
	limit := octotableDefaultLimit
	if v, err := strconv.Atoi(q.Get("limit")); err == nil && v > 0 {
		limit = v
	}
	offset := 0
	if c := q.Get("next_cursor"); c != "" {
		b, err := base64.RawURLEncoding.DecodeString(c)
		n, err2 := strconv.Atoi(string(b))
		if err != nil || err2 != nil || n < 0 {
			octotableError(w, http.StatusBadRequest, "BAD_REQUEST", "query parameter next_cursor: not a cursor this server issued")
			return
		}
		offset = n
	}
	st.mu.Lock()
	var all []octotable.Reservation
	for _, r := range st.reservations {
		if st.match(r, q) {
			all = append(all, r)
		}
	}
	st.mu.Unlock()
	slices.SortFunc(all, func(a, b octotable.Reservation) int {
		if c := a.StartDate.Compare(b.StartDate.Time); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	page := octotable.ReservationList{Data: []octotable.Reservation{}}
	if offset < len(all) {
		end := min(offset+limit, len(all))
		page.Data = all[offset:end]
		if end < len(all) {
			c := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
			page.NextCursor = &c
		}
	}
	writeAnswer(w, http.StatusOK, page)
}

func (st *octotableState) match(r octotable.Reservation, q map[string][]string) bool {
	if v := q["status[]"]; len(v) > 0 && !slices.Contains(v, string(r.Status)) {
		return false
	}
	if v := q["service_ids[]"]; len(v) > 0 && (r.Service == nil || !slices.Contains(v, strconv.FormatInt(r.Service.ID, 10))) {
		return false
	}
	if v := q["room_ids[]"]; len(v) > 0 && (r.Room == nil || !slices.Contains(v, strconv.FormatInt(r.Room.ID, 10))) {
		return false
	}
	day := r.StartDate.Format("2006-01-02")
	if v := first(q["start_date"]); v != "" && day < v {
		return false
	}
	if v := first(q["end_date"]); v != "" && day > v {
		return false
	}
	return true
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}
