package sandbox

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Cobot API 2 pages: page[size] defaults to 72 (the spec caps it at 200).
const cobotDefaultPageSize = 72

// cobotState keeps the Cobot space's memberships, bookings and webhook subscriptions.
type cobotState struct {
	c *cobot

	mu            sync.Mutex
	memberships   []*cobotMembership // in seed order
	bookings      map[string]*cobotBooking
	subscriptions []*cobotSubscription
	nextSub       int

	bookingTmpl    map[string]any // attributes of the spec's booking example
	membershipTmpl map[string]any // attributes of the spec's membership example
}

// cobotMembership is one member of the space.
type cobotMembership struct {
	id, name, email, phone, company string
	confirmed                       time.Time
	canceled                        *time.Time
	customerNumber                  int
	user                            string // the user's id when the member is the sandbox user
}

// cobotBooking is one booking of a resource.
type cobotBooking struct {
	id         string
	membership string // empty for an admin booking without a member
	resource   string
	from, to   time.Time
	attrs      map[string]any // everything else, in API 2 form
}

// cobotSubscription is an API 1 webhook subscription.
type cobotSubscription struct {
	ID          string `json:"id"`
	Event       string `json:"event"`
	URL         string `json:"url"`
	Active      bool   `json:"active"`
	CallbackURL string `json:"callback_url"`
}

// The seeded members: the sandbox's user first.
var cobotSeedMembers = []struct{ name, email, phone, company, confirmed string }{
	{cobotUserName, cobotUserEmail, "+49 30 1234567", "Keller & Rossi GmbH", "2023-01-02"},
	{"Jonas Weber", "jonas.weber@example.org", "+49 30 7654321", "", "2023-03-15"},
	{"Aylin Demir", "aylin.demir@example.org", "+49 40 5550101", "Demir Design", "2023-06-01"},
	{"Tomás Ortega", "tomas.ortega@example.org", "+34 91 5550123", "", "2023-09-18"},
	{"Grace Okafor", "grace.okafor@example.org", "+44 20 7946 0958", "Okafor Labs Ltd", "2024-01-08"},
	{"Lena Novak", "lena.novak@example.org", "+420 2 5550 1234", "", "2024-02-12"},
	{"Pierre Martin", "pierre.martin@example.org", "+33 1 5550 1234", "Atelier Martin", "2024-04-22"},
}

func newCobotState(c *cobot) (*cobotState, error) {
	st := &cobotState{c: c, bookings: map[string]*cobotBooking{}, nextSub: 48214}
	var booking, membership struct {
		Data struct {
			ID            string         `json:"id"`
			Attributes    map[string]any `json:"attributes"`
			Relationships map[string]any `json:"relationships"`
		} `json:"data"`
	}
	if err := cobotExampleDoc(c.api2, "get-booking", &booking); err != nil {
		return nil, err
	}
	if err := cobotExampleDoc(c.api2, "get-membership", &membership); err != nil {
		return nil, err
	}
	st.bookingTmpl, st.membershipTmpl = booking.Data.Attributes, membership.Data.Attributes
	ids := []string{"75a3f1a6f033140094c49bfd81f87c06", "c6680e0e8c9c154c40d83e168ae5a3aa"} // the spec's membership examples
	for i, m := range cobotSeedMembers {
		id := cobotNewID()
		if i < len(ids) {
			id = ids[i]
		}
		confirmed, _ := time.Parse(time.DateOnly, m.confirmed)
		cm := &cobotMembership{id: id, name: m.name, email: m.email, phone: m.phone, company: m.company,
			confirmed: confirmed, customerNumber: 1042 + i}
		if i == 0 {
			cm.user = cobotUserID
		}
		st.memberships = append(st.memberships, cm)
	}
	// Three bookings in the example's week, for the first two members.
	resource := "19f04f3cc7b6431bf547da051ba9ae60"
	for i, m := range []int{0, 0, 1} {
		from := time.Date(2024, 5, 14+i, 9, 0, 0, 0, time.UTC)
		b := &cobotBooking{id: cobotNewID(), membership: st.memberships[m].id, resource: resource, from: from, to: from.Add(2 * time.Hour),
			attrs: cobotClone(st.bookingTmpl)}
		delete(b.attrs, "recurrence")
		delete(b.attrs, "recurringId")
		st.bookings[b.id] = b
	}
	return st, nil
}

// cobotExampleDoc decodes the API 2 example answer of operationID.
func cobotExampleDoc(a *api, operationID string, v any) error {
	for _, item := range a.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID != operationID {
				continue
			}
			for code := 200; code < 300; code++ {
				if ref := op.Responses.Status(code); ref != nil && ref.Value != nil {
					if mt := ref.Value.Content.Get(cobotJSONAPI); mt != nil {
						b, err := json.Marshal(mt.Example)
						if err != nil {
							return err
						}
						return json.Unmarshal(b, v)
					}
				}
			}
		}
	}
	return fmt.Errorf("sandbox: cobot: no example answer for %q", operationID)
}

// cobotClone deep-copies a JSON object: the maps and slices it is made of are copied, so that
// changing the copy at any depth leaves m as it was. It encodes as m does.
func cobotClone(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cobotCloneValue(v)
	}
	return out
}

func cobotCloneValue(v any) any {
	switch x := v.(type) {
	case nil, string, bool, float64, int, json.Number:
		return x
	case map[string]any:
		return cobotClone(x)
	case []any:
		if x == nil {
			return x
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cobotCloneValue(e)
		}
		return out
	case []map[string]any:
		if x == nil {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = cobotClone(e)
		}
		return out
	default:
		// Anything else (typed slices and maps the handlers stored) through JSON, as before.
		b, _ := json.Marshal(x)
		var out any
		json.Unmarshal(b, &out)
		return out
	}
}

// ops returns the stateful operations of API 2 or API 1.
func (st *cobotState) ops(a *api) map[string]opFunc {
	if a == st.c.api1 {
		return map[string]opFunc{
			"getAccessToken":            st.c.getAccessToken,
			"revokeAccessToken":         st.c.revokeAccessToken,
			"createSpaceAccessToken":    st.c.createSpaceAccessToken,
			"listMemberships":           st.listMembershipsV1,
			"getMembership":             st.getMembershipV1,
			"listWebhookSubscriptions":  st.listSubscriptions,
			"createWebhookSubscription": st.createSubscription,
			"deleteWebhookSubscription": st.deleteSubscription,
		}
	}
	return map[string]opFunc{
		"create-admin-booking":      st.createBooking,
		"create-membership-booking": st.createBooking,
		"get-booking":               st.getBooking,
		"update-space-booking":      st.updateBooking,
		"delete-space-booking":      st.deleteBooking,
		"get-space-bookings":        st.listBookings,
		"get-membership-bookings":   st.listBookings,
		"get-membership":            st.getMembership,
		"get-space-memberships":     st.listMemberships,
	}
}

// cobotFail writes an API 2 error with an optional JSON pointer into the request document.
func cobotFail(w http.ResponseWriter, status int, detail, pointer string) {
	e := map[string]any{"status": strconv.Itoa(status), "title": http.StatusText(status), "detail": detail}
	if pointer != "" {
		e["source"] = map[string]string{"pointer": pointer}
	}
	cobotWriteDoc(w, cobotJSONAPI, status, map[string]any{"errors": []any{e}})
}

// cobotResourceObject renders a JSON:API resource object.
func cobotResourceObject(id, typ string, attrs, rels map[string]any) map[string]any {
	return map[string]any{"id": id, "type": typ, "attributes": attrs, "relationships": rels}
}

// cobotToOne renders a to-one cobotRelationship; an empty id gives data null.
func cobotToOne(id, typ string) map[string]any {
	if id == "" {
		return map[string]any{"data": nil}
	}
	return map[string]any{"data": map[string]string{"id": id, "type": typ}}
}

func (st *cobotState) membershipDoc(m *cobotMembership) map[string]any {
	attrs := cobotClone(st.membershipTmpl)
	attrs["name"], attrs["email"], attrs["phone"] = m.name, m.email, m.phone
	attrs["company"] = cobotNullable(m.company)
	attrs["confirmedAt"] = m.confirmed.Format(time.DateOnly)
	attrs["canceledAt"] = nil
	if m.canceled != nil {
		attrs["canceledAt"] = m.canceled.Format(time.DateOnly)
	}
	return cobotResourceObject(m.id, "memberships", attrs, map[string]any{
		"space":          cobotToOne(CobotSpaceID, "spaces"),
		"team":           cobotToOne("", "teams"),
		"bookingCredits": map[string]any{"links": map[string]any{"related": CobotAPIPath + "/memberships/" + m.id + "/booking_credits"}},
	})
}

func cobotNullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (st *cobotState) bookingDoc(b *cobotBooking) map[string]any {
	attrs := cobotClone(b.attrs)
	attrs["from"], attrs["to"] = b.from.UTC().Format(time.RFC3339), b.to.UTC().Format(time.RFC3339)
	return cobotResourceObject(b.id, "bookings", attrs, map[string]any{
		"membership":      cobotToOne(b.membership, "memberships"),
		"space":           cobotToOne(CobotSpaceID, "spaces"),
		"resource":        cobotToOne(b.resource, "resources"),
		"event":           cobotToOne("", "events"),
		"externalBooking": cobotToOne("", "externalBookings"),
	})
}

func (st *cobotState) membership(id string) *cobotMembership {
	for _, m := range st.memberships {
		if m.id == id {
			return m
		}
	}
	return nil
}

func (st *cobotState) getMembership(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.membership(params["id"])
	if m == nil {
		cobotFail(w, http.StatusNotFound, "No membership with this id.", "")
		return
	}
	cobotWriteDoc(w, cobotJSONAPI, http.StatusOK, map[string]any{"data": st.membershipDoc(m)})
}

// listMemberships lists the memberships active at some time between filter[from] and
// filter[to] (dates): confirmed by the end and not canceled before the start.
func (st *cobotState) listMemberships(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	if params["spaceId"] != CobotSpaceID {
		cobotFail(w, http.StatusNotFound, "No space with this id.", "")
		return
	}
	q := r.URL.Query()
	from, err1 := time.Parse(time.DateOnly, q.Get("filter[from]"))
	to, err2 := time.Parse(time.DateOnly, q.Get("filter[to]"))
	if err1 != nil || err2 != nil {
		cobotFail(w, http.StatusBadRequest, "filter[from] and filter[to] must be dates (YYYY-MM-DD).", "")
		return
	}
	st.mu.Lock()
	var items []any
	for _, m := range st.memberships {
		if !m.confirmed.After(to) && (m.canceled == nil || !m.canceled.Before(from)) {
			items = append(items, st.membershipDoc(m))
		}
	}
	st.mu.Unlock()
	cobotWritePage(w, r, items, nil)
}

// cobotBookingInput is the part of a create or update document the sandbox reads.
type cobotBookingInput struct {
	Data struct {
		ID         string `json:"id"`
		Attributes struct {
			From             *string           `json:"from"`
			To               *string           `json:"to"`
			Title            *string           `json:"title"`
			URL              *string           `json:"url"`
			Comments         *string           `json:"comments"`
			AttendeesMessage *string           `json:"attendeesMessage"`
			Units            *int              `json:"units"`
			Attendees        *[]map[string]any `json:"attendees"`
			CustomPrice      *struct {
				Net string `json:"net"`
			} `json:"customPrice"`
			BookingExtras *[]struct {
				ID        string `json:"id"`
				ProductID string `json:"productId"`
				Quantity  string `json:"quantity"`
			} `json:"bookingExtras"`
		} `json:"attributes"`
		Relationships struct {
			Resource   *cobotRelationship `json:"resource"`
			Membership *cobotRelationship `json:"membership"`
		} `json:"relationships"`
	} `json:"data"`
}

type cobotRelationship struct {
	Data *struct {
		ID string `json:"id"`
	} `json:"data"`
}

func (rel *cobotRelationship) id() string {
	if rel == nil || rel.Data == nil {
		return ""
	}
	return rel.Data.ID
}

// apply copies the input's attributes and relationships onto b, reporting the first problem
// as a detail and a JSON pointer.
func (st *cobotState) apply(b *cobotBooking, in *cobotBookingInput) (string, string) {
	a := in.Data.Attributes
	for _, f := range []struct {
		v    *string
		t    *time.Time
		name string
	}{{a.From, &b.from, "from"}, {a.To, &b.to, "to"}} {
		if f.v == nil {
			continue
		}
		t, err := time.Parse(time.RFC3339, *f.v)
		if err != nil {
			return "must be an ISO 8601 date-time with a time zone offset", "/data/attributes/" + f.name
		}
		*f.t = t.UTC().Truncate(time.Second)
	}
	if !b.from.Before(b.to) {
		return "must be after from", "/data/attributes/to"
	}
	if id := in.Data.Relationships.Resource.id(); id != "" {
		b.resource = id
	} else if in.Data.Relationships.Resource != nil {
		return "a booking needs a resource", "/data/relationships/resource"
	}
	if rel := in.Data.Relationships.Membership; rel != nil {
		if id := rel.id(); id != "" && st.membership(id) == nil {
			return "No membership with this id.", "/data/relationships/membership/data/id"
		}
		b.membership = rel.id()
	}
	for k, v := range map[string]*string{"title": a.Title, "url": a.URL, "comments": a.Comments, "attendeesMessage": a.AttendeesMessage} {
		if v != nil {
			b.attrs[k] = *v
		}
	}
	if a.Units != nil {
		if *a.Units < 1 {
			return "must be at least 1", "/data/attributes/units"
		}
		b.attrs["units"] = *a.Units
	}
	if a.Attendees != nil {
		b.attrs["attendees"] = *a.Attendees
	}
	if a.CustomPrice != nil {
		price, ok := cobotGross(a.CustomPrice.Net, b.attrs["name"])
		if !ok {
			return "must be a cobotDecimal number", "/data/attributes/customPrice/net"
		}
		b.attrs["hasCustomPrice"], b.attrs["price"], b.attrs["estimatedPayablePrice"] = true, price, price
	}
	if a.BookingExtras != nil {
		// An extra is either one the booking has (id: only its quantity changes) or a new one
		// made from a product (productId); the document's oneOf has already refused both.
		productOf := map[string]string{}
		if old, ok := b.attrs["bookingExtras"].([]any); ok {
			for _, o := range old {
				if m, ok := o.(map[string]any); ok {
					id, _ := m["id"].(string)
					productOf[id], _ = m["productId"].(string)
				}
			}
		}
		extras := []any{}
		for _, e := range *a.BookingExtras {
			id, product := e.ID, e.ProductID
			if id == "" {
				id = cobotNewID()
			} else {
				product = productOf[id] // an id the booking lacks keeps no product, as in the examples
			}
			extras = append(extras, map[string]any{"id": id, "productId": product, "name": "Extra", "description": nil,
				"accountingCode": nil, "pricing": map[string]any{"quantity": e.Quantity, "unit": "item"}})
		}
		b.attrs["bookingExtras"] = extras
	}
	return "", ""
}

// cobotGross prices net with the example's 19 % tax.
func cobotGross(net string, name any) (map[string]any, bool) {
	n, ok := new(big.Rat).SetString(net)
	if !ok {
		return nil, false
	}
	gross := new(big.Rat).Mul(n, big.NewRat(119, 100))
	return map[string]any{"net": cobotDecimal(n), "gross": cobotDecimal(gross), "currency": "EUR",
		"taxes": []any{map[string]any{"name": name, "rate": "19.0", "amount": cobotDecimal(n)}}}, true
}

// cobotDecimal formats r the way Cobot does: at least one decimal, at most two.
func cobotDecimal(r *big.Rat) string {
	s := strings.TrimRight(r.FloatString(2), "0")
	if strings.HasSuffix(s, ".") {
		s += "0"
	}
	return s
}

func (st *cobotState) createBooking(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in cobotBookingInput
	if !cobotReadJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	b := &cobotBooking{id: cobotNewID(), attrs: cobotClone(st.bookingTmpl)}
	for k, v := range map[string]any{"hasCustomPrice": false, "attendees": []any{}, "bookingExtras": []any{}, "units": 1,
		"title": nil, "url": nil, "comments": nil, "attendeesMessage": nil, "canUpdate": true} {
		b.attrs[k] = v
	}
	delete(b.attrs, "recurrence")
	delete(b.attrs, "recurringId")
	if id, ok := params["membershipId"]; ok {
		if st.membership(id) == nil {
			cobotFail(w, http.StatusNotFound, "No membership with this id.", "")
			return
		}
		if rel := in.Data.Relationships.Membership.id(); rel != "" && rel != id {
			cobotFail(w, http.StatusUnprocessableEntity, "must be the membership of the URL", "/data/relationships/membership/data/id")
			return
		}
		b.membership = id
	}
	if detail, pointer := st.apply(b, &in); detail != "" {
		cobotFail(w, http.StatusUnprocessableEntity, detail, pointer)
		return
	}
	st.bookings[b.id] = b
	cobotWriteDoc(w, cobotJSONAPI, http.StatusCreated, map[string]any{"data": st.bookingDoc(b)})
}

// booking returns the booking with id, or answers 404 and returns nil when there is none. st.mu
// must be held.
func (st *cobotState) booking(w http.ResponseWriter, id string) *cobotBooking {
	b := st.bookings[id]
	if b == nil {
		cobotFail(w, http.StatusNotFound, "No booking with this id.", "")
	}
	return b
}

// cobotReadJSON decodes a JSON request document into v, or answers 400 and returns false.
func cobotReadJSON(w http.ResponseWriter, body []byte, v any) bool {
	if err := json.Unmarshal(body, v); err != nil {
		cobotFail(w, http.StatusBadRequest, "The request document is not valid JSON.", "")
		return false
	}
	return true
}

func (st *cobotState) getBooking(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	b := st.booking(w, params["id"])
	if b == nil {
		return
	}
	cobotWriteDoc(w, cobotJSONAPI, http.StatusOK, map[string]any{"data": st.bookingDoc(b)})
}

func (st *cobotState) updateBooking(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in cobotBookingInput
	if !cobotReadJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	old := st.booking(w, params["id"])
	if old == nil {
		return
	}
	if in.Data.ID != params["id"] {
		cobotFail(w, http.StatusConflict, "The id in the document does not match the URL.", "/data/id")
		return
	}
	b := &cobotBooking{id: old.id, membership: old.membership, resource: old.resource, from: old.from, to: old.to, attrs: cobotClone(old.attrs)}
	if detail, pointer := st.apply(b, &in); detail != "" {
		cobotFail(w, http.StatusUnprocessableEntity, detail, pointer)
		return
	}
	st.bookings[b.id] = b
	cobotWriteDoc(w, cobotJSONAPI, http.StatusOK, map[string]any{"data": st.bookingDoc(b)})
}

func (st *cobotState) deleteBooking(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.booking(w, params["id"]) == nil {
		return
	}
	delete(st.bookings, params["id"])
	w.WriteHeader(http.StatusNoContent)
}

// listBookings lists the bookings of the space or of one membership that overlap
// filter[from]..filter[to], by start time.
func (st *cobotState) listBookings(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	q := r.URL.Query()
	from, err1 := time.Parse(time.RFC3339, q.Get("filter[from]"))
	to, err2 := time.Parse(time.RFC3339, q.Get("filter[to]"))
	if err1 != nil || err2 != nil {
		cobotFail(w, http.StatusBadRequest, "filter[from] and filter[to] must be ISO 8601 date-times.", "")
		return
	}
	st.mu.Lock()
	member, byMember := params["membershipId"]
	switch {
	case byMember && st.membership(member) == nil:
		st.mu.Unlock()
		cobotFail(w, http.StatusNotFound, "No membership with this id.", "")
		return
	case !byMember && params["spaceId"] != CobotSpaceID:
		st.mu.Unlock()
		cobotFail(w, http.StatusNotFound, "No space with this id.", "")
		return
	}
	var found []*cobotBooking
	for _, b := range st.bookings {
		if b.from.Before(to) && b.to.After(from) && (!byMember || b.membership == member) {
			found = append(found, b)
		}
	}
	slices.SortFunc(found, func(a, b *cobotBooking) int {
		if c := a.from.Compare(b.from); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	items := make([]any, len(found))
	for i, b := range found {
		items[i] = st.bookingDoc(b)
	}
	st.mu.Unlock()
	cobotWritePage(w, r, items, map[string]any{"totalBookings": len(items)})
}

// cobotWritePage answers one page of items with JSON:API links and meta. The links keep the
// request's other query parameters and are relative to the host, like Cobot's.
func cobotWritePage(w http.ResponseWriter, r *http.Request, items []any, meta map[string]any) {
	q := r.URL.Query()
	number, size := 1, cobotDefaultPageSize
	if n, err := strconv.Atoi(q.Get("page[number]")); err == nil && n > 0 {
		number = n
	}
	if n, err := strconv.Atoi(q.Get("page[size]")); err == nil && n > 0 {
		size = n
	}
	total := (len(items) + size - 1) / size
	start := len(items) // past the last page; also keeps (number-1)*size from overflowing
	if number-1 <= len(items)/size {
		start = min((number-1)*size, len(items))
	}
	end := min(start+size, len(items))
	data := items[start:end]
	if data == nil {
		data = []any{}
	}
	var keys []string
	for k := range q {
		if k != "page[number]" && k != "page[size]" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var base strings.Builder
	base.WriteString(r.URL.Path + "?")
	for _, k := range keys {
		for _, v := range q[k] {
			base.WriteString(k + "=" + url.QueryEscape(v) + "&")
		}
	}
	link := func(n int) any {
		return fmt.Sprintf("%spage[number]=%d&page[size]=%d", base.String(), n, size)
	}
	links := map[string]any{"self": link(number), "first": link(1), "prev": nil, "next": nil, "last": link(max(total, 1))}
	if number > 1 {
		links["prev"] = link(min(number-1, max(total, 1)))
	}
	if number < total {
		links["next"] = link(number + 1)
	}
	m := map[string]any{"totalPages": total, "currentPage": number}
	for k, v := range meta {
		m[k] = v
	}
	cobotWriteDoc(w, cobotJSONAPI, http.StatusOK, map[string]any{"data": data, "links": links, "meta": m})
}
