package sandbox

// The Cloudbeds Guest Profiles API v1.0 on the sandbox
//
// It is served under [CloudbedsGuestProfilesAPIPath], whose paths carry their own
// /guest-profiles/v1 prefix, with the same credentials as the PMS APIs (a bearer token of the
// Cloudbeds consent or the x-api-key of [Credentials]) and the same scopes. X-Organization-Id
// must name [CloudbedsOrganizationID], the organization of the sandbox's property. Failures use
// real status codes and {"code", "message", "errors"} with the status as text in code (401s keep
// the OAuth shape of the PMS APIs).
//
// Profiles and merges are stateful, seeded from the example of listProfiles: listProfiles pages
// with offset/limit (total with includeTotal=true), applies the documented filter fields with
// equals, not_equals, in, not_in, is_null, is_not_null and the comparisons, and sorts by the
// documented fields; createProfile, getProfile and updateProfile manage profiles, whose tax ids,
// company name and document number are answered masked ("*****") and read in clear through
// getProfilePiiField; anonymizeProfile erases a profile's personal data once (422 the second
// time). mergeProfiles merges two or more active profiles into the first (the others get isMerged
// and parentId), unmergeProfiles takes all or some of them out again (409 when none is left),
// listMerges pages the events with page/perPage, listMergedProfiles lists a profile's merged
// profiles and listSuggestedMerges groups active profiles of the same name. getProfileFilters
// answers the countries of the profiles. The first seeded profile has the reservations and custom
// fields of the listProfileReservations and getCustomFields examples; the statistics and sources
// of a profile are worked out from its reservations and those of the profiles merged into it.

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// CloudbedsGuestProfilesAPIPath is the base of the Cloudbeds Guest Profiles API v1.0 on the sandbox
// (the value to use as hospitality.CloudbedsConfig.BaseURL for ConnectCloudbedsGuestProfiles).
const CloudbedsGuestProfilesAPIPath = "/cloudbeds-guest-profiles"

// CloudbedsOrganizationID is the organization the sandbox's Cloudbeds property belongs to (the
// organizationID of getHotels), which the organization-wide APIs (Guest Profiles, Attribute
// Tagging) take in their X-Organization-Id header.
const CloudbedsOrganizationID = "9"

// cbGuestMasked are the profile fields answered as "*****" and read in clear with
// getProfilePiiField.
var cbGuestMasked = []string{"taxId", "companyTaxId", "companyName", "documentNumber"}

// cbGuestMask is how Cloudbeds shows a masked field.
const cbGuestMask = "*****"

// cbGuestCountries names the countries the sandbox knows, for countryName and getProfileFilters.
var cbGuestCountries = map[string]string{"PT": "Portugal", "DE": "Germany", "DK": "Denmark", "ES": "Spain",
	"FR": "France", "GB": "United Kingdom", "IT": "Italy", "US": "United States", "CA": "Canada", "BR": "Brazil"}

// cbGuestState keeps the Guest Profiles API's profiles and merges.
type cbGuestState struct {
	cb       *cloudbedsSandbox
	now      func() time.Time
	statuses []any // the guest statuses of getProfileFilters' example

	mu           sync.Mutex
	nextProfile  int64
	nextMerge    int64
	order        []string                     // profile ids in creation order
	profiles     map[string]map[string]any    // id → the profile as answered (masked)
	clear        map[string]map[string]string // id → masked field → clear value
	custom       map[string][]map[string]any  // id → custom field values
	reservations map[string][]map[string]any  // id → reservations the profile is the guest of
	events       []map[string]any             // merge and unmerge events, oldest first
	merges       map[string]*cbGuestMerge     // merge event id → its members
}

// cbGuestMerge is one merge: the surviving profile and the profiles still merged into it.
type cbGuestMerge struct {
	id, survivor, at string
	members          []string
}

// registerCloudbedsGuestProfiles mounts the Guest Profiles API next to the PMS APIs, sharing their
// credentials, and makes its profiles and merges stateful.
func registerCloudbedsGuestProfiles(cb *cloudbedsSandbox) error {
	a := &api{name: "cloudbeds-guest-profiles", prefix: CloudbedsGuestProfilesAPIPath, errorFn: cloudbedsGuestProfilesError,
		check: cbCheckOrganization, authenticate: cb.authenticate}
	if err := cb.s.mount(a, specs.CloudbedsGuestProfiles); err != nil {
		return err
	}
	st := &cbGuestState{cb: cb, now: cb.s.opts.Now, nextProfile: 88120100, nextMerge: 7300000,
		profiles: map[string]map[string]any{}, clear: map[string]map[string]string{}, custom: map[string][]map[string]any{},
		reservations: map[string][]map[string]any{}, merges: map[string]*cbGuestMerge{}}
	var seed struct {
		Data []map[string]any `json:"data"`
	}
	if err := a.exampleOf("listProfiles", &seed); err != nil {
		return err
	}
	var filters struct {
		GuestStatuses []any `json:"guestStatuses"`
	}
	if err := a.exampleOf("getProfileFilters", &filters); err != nil {
		return err
	}
	st.statuses = filters.GuestStatuses
	var custom struct {
		Data []map[string]any `json:"data"`
	}
	if err := a.exampleOf("getCustomFields", &custom); err != nil {
		return err
	}
	var res struct {
		Data []map[string]any `json:"data"`
	}
	if err := a.exampleOf("listProfileReservations", &res); err != nil {
		return err
	}
	var pii struct {
		Value string `json:"value"`
	}
	if err := a.exampleOf("getProfilePiiField", &pii); err != nil {
		return err
	}
	for i, p := range seed.Data {
		id := text(p["id"])
		p["organizationId"] = CloudbedsOrganizationID
		st.order = append(st.order, id)
		st.profiles[id] = p
		st.clear[id] = map[string]string{}
		if i == 0 {
			st.clear[id]["documentNumber"] = pii.Value
			st.custom[id] = custom.Data
			st.reservations[id] = res.Data
		}
	}
	a.ops = map[string]opFunc{
		"listProfiles":            st.listProfiles,
		"createProfile":           st.createProfile,
		"getProfile":              st.getProfile,
		"updateProfile":           st.updateProfile,
		"getProfilePiiField":      st.getProfilePiiField,
		"getProfileStats":         st.getProfileStats,
		"getProfileFilters":       st.getProfileFilters,
		"listProfileSources":      st.listProfileSources,
		"anonymizeProfile":        st.anonymizeProfile,
		"getCustomFields":         st.getCustomFields,
		"listProfileReservations": st.listProfileReservations,
		"listMergedProfiles":      st.listMergedProfiles,
		"listSuggestedMerges":     st.listSuggestedMerges,
		"listMerges":              st.listMerges,
		"mergeProfiles":           st.mergeProfiles,
		"unmergeProfiles":         st.unmergeProfiles,
	}
	return nil
}

// cloudbedsGuestProfilesError writes the Guest Profiles API's error body with the real status;
// 401s keep the OAuth shape Cloudbeds' gateway sends for every API.
func cloudbedsGuestProfilesError(w http.ResponseWriter, status int, _, msg string) {
	cbRequestID(w)
	if status == http.StatusUnauthorized {
		writeJSON(w, status, map[string]string{"error": "access_denied",
			"message": "The resource owner or authorization server denied the request. " + msg})
		return
	}
	errs := []string{}
	if status == http.StatusBadRequest {
		errs = append(errs, msg)
	}
	writeJSON(w, status, map[string]any{"code": strconv.Itoa(status), "message": msg, "errors": errs})
}

// cbCheckOrganization refuses an X-Organization-Id other than the sandbox's organization.
func cbCheckOrganization(_ *Server, r *http.Request) (int, string, string) {
	if org := strings.TrimSpace(r.Header.Get("X-Organization-Id")); org != "" && org != CloudbedsOrganizationID {
		return http.StatusForbidden, "forbidden", fmt.Sprintf("The credentials have no access to organization %s.", org)
	}
	return 0, "", ""
}

// cbCondition is one condition of a filter parameter: field, operation and value.
type cbCondition struct {
	field, op, value string
}

// cbParseFilter splits a filter parameter ("field:operation:value;…", or "field:value" for
// equals) and checks each field and operation against allowed (field → operations; nil
// operations allow any). It returns a message naming the first bad condition.
func cbParseFilter(raw string, allowed map[string][]string) ([]cbCondition, string) {
	var out []cbCondition
	for part := range strings.SplitSeq(raw, ";") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		f := strings.SplitN(part, ":", 3)
		c := cbCondition{field: f[0], op: "equals"}
		switch {
		case len(f) == 2 && (f[1] == "is_null" || f[1] == "is_not_null"):
			c.op = f[1]
		case len(f) == 2:
			c.value = f[1]
		case len(f) == 3:
			c.op, c.value = f[1], f[2]
		default:
			return nil, fmt.Sprintf("filter %q is not field:operation:value", part)
		}
		ops, ok := allowed[c.field]
		if !ok {
			return nil, fmt.Sprintf("filter field %q is not supported", c.field)
		}
		if ops != nil && !slices.Contains(ops, c.op) {
			return nil, fmt.Sprintf("filter operation %q is not supported for %s", c.op, c.field)
		}
		out = append(out, c)
	}
	return out, ""
}

// cbCompare orders two values as times, as numbers or else as text.
func cbCompare(a, b string) int {
	if ta, ok := cbTime(a); ok {
		if tb, ok := cbTime(b); ok {
			return ta.Compare(tb)
		}
	}
	if fa, err := strconv.ParseFloat(a, 64); err == nil {
		if fb, err := strconv.ParseFloat(b, 64); err == nil {
			return cmp.Compare(fa, fb)
		}
	}
	return strings.Compare(a, b)
}

// cbTime reads the date and time forms Cloudbeds sends.
func cbTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// cbHolds evaluates one condition against the value a record has for its field (nil when absent).
func cbHolds(c cbCondition, have any) bool {
	h := text(have)
	switch c.op {
	case "equals":
		return h == c.value
	case "not_equals":
		return h != c.value
	case "in", "not_in":
		return slices.Contains(strings.Split(c.value, ","), h) == (c.op == "in")
	case "is_null":
		return have == nil || h == ""
	case "is_not_null":
		return have != nil && h != ""
	case "greater_than":
		return have != nil && cbCompare(h, c.value) > 0
	case "greater_than_or_equal":
		return have != nil && cbCompare(h, c.value) >= 0
	case "less_than":
		return have != nil && cbCompare(h, c.value) < 0
	case "less_than_or_equal":
		return have != nil && cbCompare(h, c.value) <= 0
	}
	return true
}

// cbSortKey is one key of a sort parameter.
type cbSortKey struct {
	field string
	desc  bool
}

// cbParseSort reads "field,field:asc,field:desc", refusing fields not in allowed.
func cbParseSort(raw string, allowed []string) ([]cbSortKey, string) {
	var out []cbSortKey
	for part := range strings.SplitSeq(raw, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		field, dir, _ := strings.Cut(part, ":")
		if !slices.Contains(allowed, field) {
			return nil, fmt.Sprintf("sort field %q is not supported", field)
		}
		if dir != "" && dir != "asc" && dir != "desc" {
			return nil, fmt.Sprintf("sort direction %q is not asc or desc", dir)
		}
		out = append(out, cbSortKey{field: field, desc: dir == "desc"})
	}
	return out, ""
}

// cbSort orders records by keys, keeping the original order among equals.
func cbSort(records []map[string]any, keys []cbSortKey) {
	slices.SortStableFunc(records, func(a, b map[string]any) int {
		for _, k := range keys {
			if c := cbCompare(text(a[k.field]), text(b[k.field])); c != 0 {
				if k.desc {
					return -c
				}
				return c
			}
		}
		return 0
	})
}

// cbWindow reads offset and limit (validated by the spec) and cuts items to that window.
func cbWindow[T any](r *http.Request, items []T, defaultLimit int) (page []T, offset, limit int) {
	q := r.URL.Query()
	offset, _ = strconv.Atoi(q.Get("offset"))
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit <= 0 {
		limit = defaultLimit
	}
	if offset >= len(items) {
		return []T{}, offset, limit
	}
	return items[offset:min(offset+limit, len(items))], offset, limit
}

// cbPageAnswer writes {offset, limit, [total], data}, total only with includeTotal=true.
func cbPageAnswer[T any](w http.ResponseWriter, r *http.Request, items []T, defaultLimit int, withTotal bool) {
	page, offset, limit := cbWindow(r, items, defaultLimit)
	out := map[string]any{"offset": offset, "limit": limit, "data": page}
	if withTotal && r.URL.Query().Get("includeTotal") == "true" {
		out["total"] = len(items)
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, out)
}

func (st *cbGuestState) timestamp() string { return st.now().UTC().Format("2006-01-02T15:04:05-07:00") }

func (st *cbGuestState) fail(w http.ResponseWriter, status int, msg string) {
	cloudbedsGuestProfilesError(w, status, "", msg)
}

// profile returns the profile of the path's id, answering 404 when there is none.
func (st *cbGuestState) profile(w http.ResponseWriter, id string) map[string]any {
	p := st.profiles[id]
	if p == nil {
		st.fail(w, http.StatusNotFound, "Profile not found")
	}
	return p
}

// readJSON decodes a validated JSON body into v (an absent body leaves v alone), or answers 400.
func (st *cbGuestState) readJSON(w http.ResponseWriter, body []byte, v any) bool {
	if len(strings.TrimSpace(string(body))) == 0 {
		return true
	}
	if err := json.Unmarshal(body, v); err != nil {
		st.fail(w, http.StatusBadRequest, "request body: "+err.Error())
		return false
	}
	return true
}

// apply copies the fields of a create, update or merge body onto profile id, keeping masked
// fields in clear on the side.
func (st *cbGuestState) apply(id string, in map[string]any) {
	p := st.profiles[id]
	for k, v := range in {
		if slices.Contains(cbGuestMasked, k) {
			st.clear[id][k] = text(v)
			if v != nil {
				v = cbGuestMask
			}
		}
		p[k] = v
	}
	if c, ok := in["country"]; ok && in["countryName"] == nil {
		p["countryName"] = cbGuestCountries[text(c)]
	}
}

// snapshot returns a copy of the profile as answered now.
func (st *cbGuestState) snapshot(id string) map[string]any {
	out := make(map[string]any, len(st.profiles[id]))
	for k, v := range st.profiles[id] {
		out[k] = v
	}
	return out
}

// cbGuestProfileFilters are listProfiles' filter fields and their operations.
var cbGuestProfileFilters = func() map[string][]string {
	cmpOps := []string{"greater_than_or_equal", "greater_than", "less_than_or_equal", "less_than"}
	setOps := []string{"equals", "not_equals", "in", "not_in"}
	return map[string][]string{"dateModified": cmpOps, "checkinAt": cmpOps, "checkoutAt": cmpOps,
		"parentId": {"equals", "not_equals", "is_null", "is_not_null"}, "country": setOps, "status": setOps, "isRepeatGuest": setOps}
}()

// field returns what a listProfiles condition compares for profile id: the profile's own field, a
// status name for "status", and the latest stay of its reservations for checkinAt and checkoutAt.
func (st *cbGuestState) field(id, name string) any {
	p := st.profiles[id]
	switch name {
	case "status":
		if list, _ := p["statuses"].([]any); len(list) > 0 {
			s, _ := list[0].(map[string]any)
			return s["name"]
		}
		return p["statusName"]
	case "checkinAt", "checkoutAt":
		key := map[string]string{"checkinAt": "checkInAt", "checkoutAt": "checkOutAt"}[name]
		var last any
		for _, r := range st.stays(id) {
			if last == nil || cbCompare(text(r[key]), text(last)) > 0 {
				last = r[key]
			}
		}
		return last
	}
	return p[name]
}

func (st *cbGuestState) listProfiles(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	conds, msg := cbParseFilter(q.Get("filter"), cbGuestProfileFilters)
	if msg != "" {
		st.fail(w, http.StatusBadRequest, msg)
		return
	}
	keys, msg := cbParseSort(q.Get("sort"), []string{"firstName", "lastName", "email", "phone", "country", "isRepeatGuest", "dateModified"})
	if msg != "" {
		st.fail(w, http.StatusBadRequest, msg)
		return
	}
	st.mu.Lock()
	var hits []map[string]any
	for _, id := range st.order {
		if !slices.ContainsFunc(conds, func(c cbCondition) bool { return !cbHolds(c, st.field(id, c.field)) }) {
			hits = append(hits, st.snapshot(id))
		}
	}
	st.mu.Unlock()
	cbSort(hits, keys)
	if hits == nil {
		hits = []map[string]any{}
	}
	cbPageAnswer(w, r, hits, 100, true)
}

func (st *cbGuestState) createProfile(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.nextProfile++
	id := strconv.FormatInt(st.nextProfile, 10)
	now := st.timestamp()
	st.profiles[id] = map[string]any{"id": id, "organizationId": CloudbedsOrganizationID, "photoId": 0, "statusId": 0,
		"statusName": "N/A", "statuses": []any{}, "isOptIn": false, "isMerged": false, "isRepeatGuest": false,
		"dateCreated": now, "dateModified": now, "parentId": nil, "isAnonymizationAvailable": true}
	st.clear[id] = map[string]string{}
	st.order = append(st.order, id)
	st.apply(id, in)
	cbRequestID(w)
	writeJSON(w, http.StatusOK, st.snapshot(id))
}

func (st *cbGuestState) getProfile(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.profile(w, params["profileId"]) == nil {
		return
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, st.snapshot(params["profileId"]))
}

func (st *cbGuestState) updateProfile(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["profileId"]
	p := st.profile(w, id)
	if p == nil {
		return
	}
	st.apply(id, in)
	p["dateModified"] = st.timestamp()
	cbRequestID(w)
	writeJSON(w, http.StatusOK, st.snapshot(id))
}

func (st *cbGuestState) getProfilePiiField(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	q := r.URL.Query()
	name := q.Get("fieldName")
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["profileId"]
	p := st.profile(w, id)
	if p == nil {
		return
	}
	var value any
	switch {
	case q.Get("isCustomField") == "true":
		i := slices.IndexFunc(st.custom[id], func(f map[string]any) bool { return text(f["name"]) == name })
		if i < 0 {
			st.fail(w, http.StatusNotFound, "Custom field "+name+" not found")
			return
		}
		value = st.custom[id][i]["value"]
	case slices.Contains(cbGuestMasked, name):
		value = st.clear[id][name]
	default:
		v, ok := p[name]
		if !ok {
			st.fail(w, http.StatusBadRequest, "Unknown field "+name)
			return
		}
		value = v
	}
	if value != nil {
		value = text(value)
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"value": value})
}

// stays returns the reservations of profile id and of the profiles merged into it.
func (st *cbGuestState) stays(id string) []map[string]any {
	out := slices.Clone(st.reservations[id])
	for _, other := range st.order {
		if text(st.profiles[other]["parentId"]) == id {
			out = append(out, st.reservations[other]...)
		}
	}
	return out
}

func (st *cbGuestState) getProfileStats(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	conds, msg := cbParseFilter(r.URL.Query().Get("filter"), map[string][]string{"propertyId": {"equals", "in"}})
	if msg != "" {
		st.fail(w, http.StatusBadRequest, msg)
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["profileId"]
	if st.profile(w, id) == nil {
		return
	}
	out := map[string]any{"profileId": id, "propertyId": st.cb.s.creds.CloudbedsPropertyID, "reservations": 0, "nights": 0, "revenue": 0.0}
	var count, nights int
	var revenue float64
	last := ""
	for _, res := range st.stays(id) {
		prop, _ := res["property"].(map[string]any)
		if slices.ContainsFunc(conds, func(c cbCondition) bool { return !cbHolds(c, prop["id"]) }) {
			continue
		}
		totals, _ := res["totals"].(map[string]any)
		amounts, _ := res["amounts"].(map[string]any)
		n, _ := strconv.Atoi(text(totals["nights"]))
		rev, _ := strconv.ParseFloat(text(amounts["totalRevenue"]), 64)
		count, nights, revenue = count+1, nights+n, revenue+rev
		if in := text(res["checkInAt"]); in > last {
			last = in
		}
	}
	out["reservations"], out["nights"], out["revenue"] = count, nights, revenue
	if last != "" {
		out["lastVisit"] = last
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, out)
}

func (st *cbGuestState) getProfileFilters(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	seen := map[string]bool{}
	countries := []map[string]any{}
	for _, id := range st.order {
		p := st.profiles[id]
		code := text(p["country"])
		if code == "" || seen[code] || p["isMerged"] == true {
			continue
		}
		seen[code] = true
		name := text(p["countryName"])
		if name == "" {
			name = cbGuestCountries[code]
		}
		countries = append(countries, map[string]any{"code": code, "name": name})
	}
	st.mu.Unlock()
	slices.SortFunc(countries, func(a, b map[string]any) int { return strings.Compare(text(a["code"]), text(b["code"])) })
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"countries": countries, "guestStatuses": st.statuses})
}

func (st *cbGuestState) listProfileSources(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["profileId"]
	if st.profile(w, id) == nil {
		return
	}
	first := map[string]string{}
	var names []string
	for _, res := range st.stays(id) {
		src, _ := res["source"].(map[string]any)
		name, date := text(src["name"]), text(res["checkInAt"])
		if name == "" {
			continue
		}
		if d, ok := first[name]; !ok {
			names = append(names, name)
			first[name] = date
		} else if date < d {
			first[name] = date
		}
	}
	data := []map[string]any{}
	for _, n := range names {
		data = append(data, map[string]any{"name": n, "date": first[n]})
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"data": data})
}

func (st *cbGuestState) anonymizeProfile(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["profileId"]
	p := st.profile(w, id)
	if p == nil {
		return
	}
	if p["dateAnonymized"] != nil {
		st.fail(w, http.StatusUnprocessableEntity, "Profile is already anonymized")
		return
	}
	b := make([]byte, 5)
	rand.Read(b)
	now := st.timestamp()
	for k, v := range map[string]any{"firstName": "Anonymized", "lastName": "Anonymized", "email": "anonymized-" + hex.EncodeToString(b) + "@example.com",
		"phone": "", "cellPhone": "", "address1": "", "address2": "", "birthday": nil, "gender": "N/A", "documentIssueDate": nil,
		"documentExpirationDate": nil, "documentIssuingCountry": nil, "isOptIn": false, "photoId": 0,
		"dateAnonymized": now, "dateModified": now, "isAnonymizationAvailable": false} {
		p[k] = v
	}
	delete(p, "photo")
	for _, k := range cbGuestMasked {
		st.clear[id][k] = ""
		p[k] = cbGuestMask
	}
	for _, f := range st.custom[id] {
		if text(f["isPersonal"]) == "1" {
			f["value"] = ""
		}
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, st.snapshot(id))
}

func (st *cbGuestState) getCustomFields(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["profileId"]
	if st.profile(w, id) == nil {
		return
	}
	data := st.custom[id]
	if data == nil {
		data = []map[string]any{}
	}
	b, _ := json.Marshal(map[string]any{"data": data})
	cbRequestID(w)
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(b, '\n'))
}

func (st *cbGuestState) listProfileReservations(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	q := r.URL.Query()
	fields := []string{"checkinAt", "checkoutAt", "propertyId", "roomId", "roomTotal", "roomTypeId", "sourceCode", "sourceId", "status"}
	allowed := map[string][]string{}
	for _, f := range fields {
		allowed[f] = nil
	}
	conds, msg := cbParseFilter(q.Get("filter"), allowed)
	if msg != "" {
		st.fail(w, http.StatusBadRequest, msg)
		return
	}
	keys, msg := cbParseSort(q.Get("sort"), fields)
	if msg != "" {
		st.fail(w, http.StatusBadRequest, msg)
		return
	}
	st.mu.Lock()
	id := params["profileId"]
	if st.profile(w, id) == nil {
		st.mu.Unlock()
		return
	}
	var hits []map[string]any
	for _, res := range st.stays(id) {
		flat := cbReservationFields(res)
		if !slices.ContainsFunc(conds, func(c cbCondition) bool { return !cbHolds(c, flat[c.field]) }) {
			hits = append(hits, res)
		}
	}
	st.mu.Unlock()
	if len(keys) > 0 {
		slices.SortStableFunc(hits, func(a, b map[string]any) int {
			fa, fb := cbReservationFields(a), cbReservationFields(b)
			for _, k := range keys {
				if c := cbCompare(text(fa[k.field]), text(fb[k.field])); c != 0 {
					if k.desc {
						return -c
					}
					return c
				}
			}
			return 0
		})
	}
	if hits == nil {
		hits = []map[string]any{}
	}
	cbPageAnswer(w, r, hits, 100, false)
}

// cbReservationFields returns the filter and sort fields of a profile reservation.
func cbReservationFields(res map[string]any) map[string]any {
	prop, _ := res["property"].(map[string]any)
	src, _ := res["source"].(map[string]any)
	out := map[string]any{"checkinAt": res["checkInAt"], "checkoutAt": res["checkOutAt"], "propertyId": prop["id"],
		"sourceCode": src["code"], "sourceId": src["id"], "status": res["reservationStatus"]}
	if rooms, _ := res["rooms"].([]any); len(rooms) > 0 {
		room, _ := rooms[0].(map[string]any)
		out["roomId"], out["roomTypeId"] = room["roomId"], room["typeId"]
	}
	if amounts, _ := res["amounts"].(map[string]any); amounts != nil {
		out["roomTotal"] = amounts["grandTotal"]
	}
	return out
}

func (st *cbGuestState) listMergedProfiles(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	id := params["profileId"]
	if st.profile(w, id) == nil {
		st.mu.Unlock()
		return
	}
	data := []map[string]any{}
	for _, m := range st.sortedMerges() {
		if m.survivor != id {
			continue
		}
		for _, other := range m.members {
			p := st.profiles[other]
			data = append(data, map[string]any{"profileId": other, "mergeId": m.id, "firstName": text(p["firstName"]),
				"lastName": text(p["lastName"]), "email": p["email"], "phone": p["phone"], "isUnmergeEligible": true, "mergedAt": m.at})
		}
	}
	st.mu.Unlock()
	cbPageAnswer(w, r, data, 100, true)
}

// sortedMerges returns the merges that still hold profiles, oldest first.
func (st *cbGuestState) sortedMerges() []*cbGuestMerge {
	var out []*cbGuestMerge
	for _, m := range st.merges {
		if len(m.members) > 0 {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b *cbGuestMerge) int { return cmp.Compare(a.id, b.id) })
	return out
}

func (st *cbGuestState) listSuggestedMerges(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	conds, msg := cbParseFilter(r.URL.Query().Get("filter"), map[string][]string{"profileId": {"equals", "in"}})
	if msg != "" {
		st.fail(w, http.StatusBadRequest, msg)
		return
	}
	st.mu.Lock()
	groups := map[string][]string{}
	var names []string
	for _, id := range st.order {
		p := st.profiles[id]
		if p["isMerged"] == true || p["dateAnonymized"] != nil {
			continue
		}
		key := strings.ToLower(text(p["firstName"]) + " " + text(p["lastName"]))
		if _, ok := groups[key]; !ok {
			names = append(names, key)
		}
		groups[key] = append(groups[key], id)
	}
	st.mu.Unlock()
	suggestions := []map[string]any{}
	for i, key := range names {
		ids := groups[key]
		if len(ids) < 2 {
			continue
		}
		if len(conds) > 0 && !slices.ContainsFunc(ids, func(id string) bool {
			return !slices.ContainsFunc(conds, func(c cbCondition) bool { return !cbHolds(c, id) })
		}) {
			continue
		}
		sid := 1000 + i
		var members []map[string]any
		for j, id := range ids {
			pid, _ := strconv.ParseInt(id, 10, 64)
			members = append(members, map[string]any{"id": sid*10 + j, "suggestionId": sid, "profileId": pid})
		}
		org, _ := strconv.Atoi(CloudbedsOrganizationID)
		suggestions = append(suggestions, map[string]any{"id": sid, "organizationId": org, "suggestionProfile": members})
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"suggestions": suggestions})
}

func (st *cbGuestState) listMerges(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	conds, msg := cbParseFilter(q.Get("filter"), map[string][]string{"mergedAt": nil})
	if msg != "" {
		st.fail(w, http.StatusBadRequest, msg)
		return
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	per, err := strconv.Atoi(q.Get("perPage"))
	if err != nil || per < 1 {
		per = 20
	}
	st.mu.Lock()
	var hits []map[string]any
	for _, e := range st.events {
		if !slices.ContainsFunc(conds, func(c cbCondition) bool { return !cbHolds(c, e["mergedAt"]) }) {
			hits = append(hits, e)
		}
	}
	st.mu.Unlock()
	offset := (page - 1) * per
	data := []map[string]any{}
	if offset < len(hits) {
		data = hits[offset:min(offset+per, len(hits))]
	}
	out := map[string]any{"offset": offset, "limit": per, "data": data}
	if q.Get("includeTotal") == "true" {
		out["total"] = len(hits)
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, out)
}

// event records a merge or unmerge event and returns it.
func (st *cbGuestState) event(kind string, before, after []map[string]any) map[string]any {
	st.nextMerge++
	e := map[string]any{"id": strconv.FormatInt(st.nextMerge, 10), "mergedAt": st.now().UTC().Format("2006-01-02 15:04:05"),
		"eventType": kind, "beforeMergeProfiles": before, "afterMergeProfiles": after}
	st.events = append(st.events, e)
	return e
}

func (st *cbGuestState) mergeProfiles(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	var ids []string
	raw, _ := in["profileIds"].([]any)
	for _, v := range raw {
		if id := text(v); !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	delete(in, "profileIds")
	if len(ids) < 2 {
		st.fail(w, http.StatusBadRequest, "profileIds must name at least two different profiles")
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	var before []map[string]any
	for _, id := range ids {
		p := st.profiles[id]
		switch {
		case p == nil:
			st.fail(w, http.StatusNotFound, "Profile "+id+" not found")
			return
		case p["isMerged"] == true:
			st.fail(w, http.StatusBadRequest, "Profile "+id+" is already merged into "+text(p["parentId"]))
			return
		}
		before = append(before, st.snapshot(id))
	}
	survivor := ids[0]
	now := st.timestamp()
	st.apply(survivor, in)
	st.profiles[survivor]["dateModified"] = now
	for _, id := range ids[1:] {
		p := st.profiles[id]
		p["isMerged"], p["parentId"], p["dateModified"] = true, survivor, now
	}
	if len(st.stays(survivor)) > 1 {
		st.profiles[survivor]["isRepeatGuest"] = true
	}
	e := st.event("merge", before, []map[string]any{st.snapshot(survivor)})
	id := text(e["id"])
	st.merges[id] = &cbGuestMerge{id: id, survivor: survivor, at: now, members: slices.Clone(ids[1:])}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, e)
}

func (st *cbGuestState) unmergeProfiles(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		ProfileIDs []json.Number `json:"profileIds"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.merges[params["mergeId"]]
	if m == nil {
		st.fail(w, http.StatusNotFound, "Merge "+params["mergeId"]+" not found")
		return
	}
	out := m.members
	if len(in.ProfileIDs) > 0 {
		out = nil
		for _, n := range in.ProfileIDs {
			if !slices.Contains(m.members, n.String()) {
				st.fail(w, http.StatusBadRequest, "Profile "+n.String()+" is not merged by merge "+m.id)
				return
			}
			out = append(out, n.String())
		}
	}
	if len(out) == 0 {
		st.fail(w, http.StatusConflict, "Merge "+m.id+" has no profiles left to unmerge")
		return
	}
	var before []map[string]any
	now := st.timestamp()
	for _, id := range out {
		before = append(before, st.snapshot(id))
		p := st.profiles[id]
		p["isMerged"], p["parentId"], p["dateModified"] = false, nil, now
	}
	m.members = slices.DeleteFunc(m.members, func(id string) bool { return slices.Contains(out, id) })
	after := []map[string]any{st.snapshot(m.survivor)}
	for _, id := range out {
		after = append(after, st.snapshot(id))
	}
	e := st.event("unmerge", before, after)
	cbRequestID(w)
	writeJSON(w, http.StatusOK, e)
}
