package sandbox

// The Cloudbeds Group Profile API v1.0 on the sandbox
//
// It is served under [CloudbedsGroupProfileAPIPath], whose paths carry their own
// /group-profile/v1 prefix, with the same credentials as the PMS APIs (a bearer token of the
// Cloudbeds consent or the x-api-key of [Credentials]). x-organization-id must name
// [CloudbedsGroupProfileOrganizationID] (otherwise 403 ORGANIZATION_MISMATCH) and x-property-id,
// when sent, the sandbox's property. Failures use real status codes and {"message", "code",
// "timestamp"}; a request body the document rejects answers 422 VALIDATION_ERROR with
// "fieldErrors", a bad parameter 400 INVALID_PARAMETER (401s keep the OAuth shape of the PMS
// APIs).
//
// Every operation is stateful, seeded from the document's list examples (three profiles, two
// contact persons, links, a note, a tag and a document):
//
//   - profiles: listAllProfiles filters by id, status, kind, name and code, sorts and pages with
//     pageToken/limit; createProfile takes the kind from profileType or the one member of
//     attributes and refuses a code in use (409 DUPLICATE_PROFILE_CODE); updateProfile merges
//     the fields sent and refuses a change of kind; deleteProfile removes the profile with its
//     links, notes, tags and documents.
//   - persons: createProfilePerson links a contact person (which must exist) or a guest, once per
//     kind (409 DUPLICATE_RELATIONSHIP), keeping one main contact per profile;
//     listProfilePerson, findByPersonId and unlinkProfilePerson read and remove links.
//   - contact persons: addProfileContactPerson (linked at once with profileId),
//     SearchContactPersons (ids, profileId, name and e-mail filters, sort, pages),
//     getContactPersonById, updateProfileContactPerson (profileId changes the link's role, main
//     contact flag and relationship) and deleteProfileContactPerson (with its links).
//   - notes: added, changed, deleted, archived and restored; listProfileNotes lists ACTIVE,
//     ARCHIVED or ALL notes.
//   - tags: addProfileTag (409 RESOURCE_ALREADY_EXISTS for a tag the profile has),
//     listProfileTags, deleteProfileTag.
//   - documents: uploadProfileDocuments stores the files (png, doc, docx, xls, xlsx, pdf, jpg,
//     jpeg, gif, csv; others answer 422), listProfileDocuments, getProfileDocument and
//     deleteProfileDocument manage them, and downloadProfileDocument answers a link on the sandbox
//     itself that serves the file for five minutes without credentials.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// CloudbedsGroupProfileAPIPath is the base of the Cloudbeds Group Profile API v1.0 on the sandbox
// (the value to use as hospitality.CloudbedsConfig.BaseURL for ConnectCloudbedsGroupProfile).
const CloudbedsGroupProfileAPIPath = "/cloudbeds-group-profile"

// CloudbedsGroupProfileOrganizationID is [CloudbedsOrganizationID], the organization of the
// sandbox's Cloudbeds property (getHotels' organizationID), as the integer the Group Profile API's
// x-organization-id parameter takes.
const CloudbedsGroupProfileOrganizationID int64 = 9

// cbGroupsFilesPath serves the files behind downloadProfileDocument's links.
const cbGroupsFilesPath = CloudbedsGroupProfileAPIPath + "/_files/"

// cbGroupsLinkLifetime is how long a download link works, as documented.
const cbGroupsLinkLifetime = 5 * time.Minute

// cbGroupsMaxFile is the documented size limit of one uploaded file.
const cbGroupsMaxFile = 10 << 20

// cbGroupsExtensions are the file types uploadProfileDocuments accepts.
var cbGroupsExtensions = []string{".png", ".doc", ".docx", ".xls", ".xlsx", ".pdf", ".jpg", ".jpeg", ".gif", ".csv"}

// cbGroupsState keeps the Group Profile API's profiles and everything attached to them. Records
// are the JSON objects of the document's schemas; members starting with "_" are internal.
type cbGroupsState struct {
	cb  *cloudbedsSandbox
	now func() time.Time
	// fields holds the property names of the answer schemas, by schema name.
	fields map[string][]string

	mu       sync.Mutex
	nextID   int64 // the last id minted for a record
	nextAddr int64 // the last address id
	profiles map[string]map[string]any
	contacts map[string]map[string]any
	links    []map[string]any // profile–person links, in creation order
	notes    map[string]map[string]any
	tags     map[string]map[string]any
	docs     map[string]map[string]any
	files    map[string][]byte         // document id → content
	users    map[string]map[string]any // user id → NoteUser, learned from the seeded notes
}

// registerCloudbedsGroupProfile mounts the Group Profile API next to the PMS APIs, sharing their
// credentials, seeds it from the document's examples and serves the download links.
func registerCloudbedsGroupProfile(cb *cloudbedsSandbox) error {
	st := &cbGroupsState{cb: cb, now: cb.s.opts.Now, nextID: 1907481861900100, nextAddr: 100, fields: map[string][]string{},
		profiles: map[string]map[string]any{}, contacts: map[string]map[string]any{}, notes: map[string]map[string]any{},
		tags: map[string]map[string]any{}, docs: map[string]map[string]any{}, files: map[string][]byte{}, users: map[string]map[string]any{}}
	a := &api{name: "cloudbeds-group-profile", prefix: CloudbedsGroupProfileAPIPath, errorFn: cloudbedsGroupProfileError,
		check: st.check, authenticate: st.authenticate}
	if err := cb.s.mount(a, specs.CloudbedsGroupProfile); err != nil {
		return err
	}
	for _, name := range []string{"Profile", "ProfilePerson", "ContactPerson", "ProfileNote", "ProfileTag", "ProfileDocument"} {
		st.fields[name] = schemaFields(a, name)
	}
	if err := st.seed(a); err != nil {
		return err
	}
	a.ops = map[string]opFunc{
		"listAllProfiles":            st.listAllProfiles,
		"createProfile":              st.createProfile,
		"getProfileById":             st.getProfileByID,
		"updateProfile":              st.updateProfile,
		"deleteProfile":              st.deleteProfile,
		"listProfilePerson":          st.listProfilePerson,
		"createProfilePerson":        st.createProfilePerson,
		"unlinkProfilePerson":        st.unlinkProfilePerson,
		"findByPersonId":             st.findByPersonID,
		"SearchContactPersons":       st.searchContactPersons,
		"addProfileContactPerson":    st.addContactPerson,
		"getContactPersonById":       st.getContactPerson,
		"updateProfileContactPerson": st.updateContactPerson,
		"deleteProfileContactPerson": st.deleteContactPerson,
		"listProfileNotes":           st.listNotes,
		"addProfileNote":             st.addNote,
		"getProfileNote":             st.getNote,
		"updateProfileNote":          st.updateNote,
		"deleteProfileNote":          st.deleteNote,
		"archiveProfileNote":         st.archiveNote,
		"restoreProfileNote":         st.restoreNote,
		"listProfileTags":            st.listTags,
		"addProfileTag":              st.addTag,
		"deleteProfileTag":           st.deleteTag,
		"listProfileDocuments":       st.listDocuments,
		"uploadProfileDocuments":     st.uploadDocuments,
		"getProfileDocument":         st.getDocument,
		"deleteProfileDocument":      st.deleteDocument,
		"downloadProfileDocument":    st.downloadDocument,
	}
	cb.s.mux.HandleFunc("GET "+cbGroupsFilesPath+"{documentId}/{name}", st.serveFile)
	return nil
}

// seed loads the records of the document's list examples.
func (st *cbGroupsState) seed(a *api) error {
	var lists struct{ profiles, contacts, persons, notes, docs, tags json.RawMessage }
	for id, dst := range map[string]*json.RawMessage{"listAllProfiles": &lists.profiles, "SearchContactPersons": &lists.contacts,
		"listProfilePerson": &lists.persons, "listProfileNotes": &lists.notes, "listProfileDocuments": &lists.docs, "listProfileTags": &lists.tags} {
		if err := a.exampleOf(id, dst); err != nil {
			return err
		}
	}
	var page struct {
		Data []map[string]any `json:"data"`
		Tags []map[string]any `json:"tags"`
	}
	load := func(raw json.RawMessage) ([]map[string]any, error) {
		page.Data, page.Tags = nil, nil
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&page); err != nil {
			return nil, fmt.Errorf("sandbox: cloudbeds group profile seed: %w", err)
		}
		return append(page.Data, page.Tags...), nil
	}
	into := func(raw json.RawMessage, m map[string]map[string]any) error {
		items, err := load(raw)
		for _, it := range items {
			m[text(it["id"])] = it
		}
		return err
	}
	for raw, m := range map[*json.RawMessage]map[string]map[string]any{&lists.profiles: st.profiles, &lists.contacts: st.contacts,
		&lists.notes: st.notes, &lists.docs: st.docs, &lists.tags: st.tags} {
		if err := into(*raw, m); err != nil {
			return err
		}
	}
	links, err := load(lists.persons)
	if err != nil {
		return err
	}
	for _, l := range links {
		l["_createdAt"], l["_updatedAt"] = st.timestamp(), st.timestamp()
		st.links = append(st.links, l)
	}
	for _, n := range st.notes {
		if u, ok := n["user"].(map[string]any); ok {
			st.users[text(u["id"])] = u
		}
	}
	return nil
}

// cloudbedsGroupProfileError writes the Group Profile API's error bodies: 401s in the OAuth shape
// Cloudbeds' gateway sends for every API, body validation failures as 422 with fieldErrors, and
// {"message", "code", "timestamp"} for the rest. code is used when it is one of the document's
// upper-case codes.
func cloudbedsGroupProfileError(w http.ResponseWriter, status int, code, msg string) {
	cbRequestID(w)
	if status == http.StatusUnauthorized {
		writeJSON(w, status, map[string]string{"error": "access_denied",
			"message": "The resource owner or authorization server denied the request. " + msg})
		return
	}
	if status == http.StatusBadRequest && strings.HasPrefix(msg, "request body") {
		field, detail, ok := cbFieldOf(msg)
		if !ok {
			field, detail = "body", strings.TrimPrefix(strings.TrimPrefix(msg, "request body"), ": ")
		}
		cbGroupsInvalid(w, strings.ReplaceAll(field, "/", "."), detail)
		return
	}
	ec := map[int]string{http.StatusBadRequest: "INVALID_REQUEST", http.StatusForbidden: "ACCESS_DENIED",
		http.StatusNotFound: "RESOURCE_NOT_FOUND", http.StatusConflict: "RESOURCE_ALREADY_EXISTS"}[status]
	if status == http.StatusBadRequest && strings.Contains(msg, " parameter ") {
		ec = "INVALID_PARAMETER"
	}
	if code != "" && strings.ToUpper(code) == code {
		ec = code
	}
	if ec == "" {
		ec = "INTERNAL_ERROR"
	}
	writeJSON(w, status, map[string]any{"message": msg, "code": ec, "timestamp": time.Now().UTC().Format(time.RFC3339)})
}

// cbGroupsInvalid answers 422 VALIDATION_ERROR for one field.
func cbGroupsInvalid(w http.ResponseWriter, field, msg string) {
	cbRequestID(w)
	writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"message": "One or more fields failed validation",
		"code": "VALIDATION_ERROR", "timestamp": time.Now().UTC().Format(time.RFC3339),
		"fieldErrors": []map[string]string{{"field": field, "message": msg}}})
}

// authenticate accepts the document's http bearer scheme with the PMS APIs' live OAuth tokens
// (the document names no scopes) and leaves the API key to the shared check.
func (st *cbGroupsState) authenticate(r *http.Request, ai *openapi3filter.AuthenticationInput) error {
	if ai.SecurityScheme.Type != "http" || !strings.EqualFold(ai.SecurityScheme.Scheme, "bearer") {
		return st.cb.authenticate(r, ai)
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "missing bearer token"}
	}
	if err := st.cb.s.bearerOK(r, cloudbedsProvider); err != nil {
		return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: err.Error()}
	}
	st.cb.mu.Lock()
	conn := st.cb.access[tok]
	st.cb.mu.Unlock()
	if conn == nil {
		return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "unknown access token"}
	}
	return nil
}

// check refuses other properties (as API v2 does) and other organizations.
func (st *cbGroupsState) check(s *Server, r *http.Request) (int, string, string) {
	if status, code, msg := st.cb.checkV2(s, r); status != 0 {
		return status, code, msg
	}
	org, err := strconv.ParseInt(r.Header.Get("x-organization-id"), 10, 64)
	if err != nil || org != CloudbedsGroupProfileOrganizationID {
		return http.StatusForbidden, "ORGANIZATION_MISMATCH", fmt.Sprintf("The credentials have no access to organization %s.", r.Header.Get("x-organization-id"))
	}
	return 0, "", ""
}

func (st *cbGroupsState) id() string {
	st.nextID++
	return strconv.FormatInt(st.nextID, 10)
}

func (st *cbGroupsState) timestamp() string { return st.now().UTC().Format(time.RFC3339) }

func (st *cbGroupsState) today() string { return st.now().UTC().Format(time.DateOnly) }

// decode reads a validated JSON body, numbers kept verbatim, or answers 400 and returns nil.
func (st *cbGroupsState) decode(w http.ResponseWriter, body []byte) map[string]any {
	var in map[string]any
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	if err := d.Decode(&in); err != nil {
		cloudbedsGroupProfileError(w, http.StatusBadRequest, "INVALID_JSON", "request body is not JSON: "+err.Error())
		return nil
	}
	return in
}

// answer writes v as JSON with status.
func (st *cbGroupsState) answer(w http.ResponseWriter, status int, v any) {
	cbRequestID(w)
	writeJSON(w, status, v)
}

// done answers 204 No Content.
func (st *cbGroupsState) done(w http.ResponseWriter) {
	cbRequestID(w)
	w.WriteHeader(http.StatusNoContent)
}

// cbGroupsPathID returns the path parameter name in the form ids are stored in (no leading zeros).
func cbGroupsPathID(params map[string]string, name string) string {
	n, err := strconv.ParseInt(params[name], 10, 64)
	if err != nil {
		return params[name]
	}
	return strconv.FormatInt(n, 10)
}

// profile returns the profile of the path, answering 404 PROFILE_NOT_FOUND when there is none.
func (st *cbGroupsState) profile(w http.ResponseWriter, params map[string]string) map[string]any {
	id := cbGroupsPathID(params, "profileId")
	p := st.profiles[id]
	if p == nil {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "PROFILE_NOT_FOUND", "Profile "+id+" not found")
	}
	return p
}

// cbGroupsList is the paging and sorting of a list request.
type cbGroupsList struct {
	token, sort string
	limit       int
}

// cbGroupsListParams reads pageToken, limit and sort (checking sort's fields against allowed), answering
// 400 INVALID_PARAMETER for a sort the operation does not know.
func cbGroupsListParams(w http.ResponseWriter, r *http.Request, def string, allowed ...string) (cbGroupsList, bool) {
	q := r.URL.Query()
	lq := cbGroupsList{token: q.Get("pageToken"), sort: cmp.Or(q.Get("sort"), def)}
	lq.limit, _ = strconv.Atoi(q.Get("limit"))
	if lq.limit <= 0 {
		lq.limit = 100
	}
	for _, part := range strings.Split(lq.sort, ";") {
		f, dir, _ := strings.Cut(strings.TrimSpace(part), ":")
		if !slices.Contains(allowed, f) || (dir != "" && dir != "asc" && dir != "desc") {
			cloudbedsGroupProfileError(w, http.StatusBadRequest, "INVALID_PARAMETER",
				fmt.Sprintf("sort: %q is not field:direction with a field of %s", part, strings.Join(allowed, ", ")))
			return lq, false
		}
	}
	return lq, true
}

// cbGroupsSort orders records by a sort parameter ("field:direction;…"), then by id; get reads a
// field of a record.
func cbGroupsSort(items []map[string]any, spec string, get func(m map[string]any, field string) any) {
	type key struct {
		field string
		desc  bool
	}
	var keys []key
	for _, part := range strings.Split(spec, ";") {
		f, dir, _ := strings.Cut(strings.TrimSpace(part), ":")
		keys = append(keys, key{f, dir == "desc"})
	}
	slices.SortStableFunc(items, func(a, b map[string]any) int {
		for _, k := range keys {
			c := cbGroupsCompare(text(get(a, k.field)), text(get(b, k.field)))
			if k.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cbGroupsCompare(text(a["id"]), text(b["id"]))
	})
}

// cbGroupsCompare compares numbers numerically and other text case-insensitively.
func cbGroupsCompare(a, b string) int {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

// cbGroupsField reads a top-level member.
func cbGroupsField(m map[string]any, f string) any { return m[f] }

// writePage sorts, pages and writes records projected onto the schema's fields.
func (st *cbGroupsState) writePage(w http.ResponseWriter, items []map[string]any, lq cbGroupsList, schema string, get func(map[string]any, string) any) {
	cbGroupsSort(items, lq.sort, get)
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		out = append(out, project(it, st.fields[schema]))
	}
	pageItems, next := page(out, lq.token, lq.limit)
	var token any
	if next != "" {
		token = next
	}
	st.answer(w, http.StatusOK, map[string]any{"data": pageItems, "nextPageToken": token})
}

// cbGroupsCSV splits a comma-separated query value into a set; empty means no filter.
func cbGroupsCSV(v string) map[string]bool {
	if v == "" {
		return nil
	}
	out := map[string]bool{}
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				s = strconv.FormatInt(n, 10)
			}
			out[s] = true
		}
	}
	return out
}

// cbGroupsContains reports whether have contains want, ignoring case; an empty want matches.
func cbGroupsContains(have, want string) bool {
	return want == "" || strings.Contains(strings.ToLower(have), strings.ToLower(want))
}

// ---- profiles ---------------------------------------------------------------

// cbGroupsKinds maps the members of attributes to the profile kinds.
var cbGroupsKinds = map[string]string{"companyProfile": "COMPANY", "groupProfile": "GROUP", "travelAgentProfile": "TRAVEL_AGENT"}

func (st *cbGroupsState) listAllProfiles(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	lq, ok := cbGroupsListParams(w, r, "name:asc", "code", "name", "createdAt", "updatedAt", "profileType", "status")
	if !ok {
		return
	}
	q := r.URL.Query()
	ids, statuses, kinds := cbGroupsCSV(q.Get("profileIds")), cbGroupsCSV(q.Get("status")), cbGroupsCSV(q.Get("profileType"))
	st.mu.Lock()
	defer st.mu.Unlock()
	var hits []map[string]any
	for id, p := range st.profiles {
		if (ids == nil || ids[id]) && (statuses == nil || statuses[text(p["status"])]) && (kinds == nil || kinds[text(p["profileType"])]) &&
			cbGroupsContains(text(p["name"]), q.Get("name")) && cbGroupsContains(text(p["code"]), q.Get("code")) {
			hits = append(hits, p)
		}
	}
	st.writePage(w, hits, lq, "Profile", cbGroupsField)
}

// codeTaken reports whether another profile than id has code (compared ignoring case).
func (st *cbGroupsState) codeTaken(code, id string) bool {
	for pid, p := range st.profiles {
		if pid != id && strings.EqualFold(text(p["code"]), code) {
			return true
		}
	}
	return false
}

// withAddressID gives an address object sent in a request the id of the stored one, or a new id.
func (st *cbGroupsState) withAddressID(v any, old any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	if prev, ok := old.(map[string]any); ok && prev["id"] != nil {
		m["id"] = prev["id"]
	} else {
		st.nextAddr++
		m["id"] = st.nextAddr
	}
	return m
}

// storeAddresses assigns address ids to the main and billing addresses of in.
func (st *cbGroupsState) storeAddresses(in, old map[string]any) {
	if a, ok := in["address"]; ok {
		in["address"] = st.withAddressID(a, old["address"])
	}
	if b, ok := in["billingDetails"].(map[string]any); ok {
		var oldAddr any
		if ob, ok := old["billingDetails"].(map[string]any); ok {
			oldAddr = ob["billingAddress"]
		}
		if a, ok := b["billingAddress"]; ok {
			b["billingAddress"] = st.withAddressID(a, oldAddr)
		}
	}
}

func (st *cbGroupsState) createProfile(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	attrs, _ := in["attributes"].(map[string]any)
	var members []string
	for k := range attrs {
		if cbGroupsKinds[k] != "" {
			members = append(members, k)
		}
	}
	kind := text(in["profileType"])
	switch {
	case len(members) > 1:
		cbGroupsInvalid(w, "attributes", "only one of companyProfile, groupProfile or travelAgentProfile may be set")
		return
	case len(members) == 1 && kind != "" && cbGroupsKinds[members[0]] != kind:
		cbGroupsInvalid(w, "attributes."+members[0], "does not match profileType "+kind)
		return
	case len(members) == 1:
		kind = cbGroupsKinds[members[0]]
	case kind == "":
		cbGroupsInvalid(w, "attributes", "one of companyProfile, groupProfile or travelAgentProfile is required")
		return
	default:
		for k, v := range cbGroupsKinds {
			if v == kind {
				in["attributes"] = map[string]any{k: map[string]any{}}
			}
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.codeTaken(text(in["code"]), "") {
		cloudbedsGroupProfileError(w, http.StatusConflict, "DUPLICATE_PROFILE_CODE", "A profile with code "+text(in["code"])+" already exists.")
		return
	}
	st.storeAddresses(in, map[string]any{})
	now := st.timestamp()
	in["id"], in["profileType"], in["createdAt"], in["updatedAt"] = st.id(), kind, now, now
	if _, ok := in["useBillingAsMainAddress"]; !ok {
		in["useBillingAsMainAddress"] = false
	}
	st.profiles[in["id"].(string)] = in
	st.answer(w, http.StatusCreated, in)
}

func (st *cbGroupsState) getProfileByID(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if p := st.profile(w, params); p != nil {
		st.answer(w, http.StatusOK, p)
	}
}

func (st *cbGroupsState) updateProfile(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	if code, ok := in["code"]; ok && st.codeTaken(text(code), text(p["id"])) {
		cloudbedsGroupProfileError(w, http.StatusConflict, "DUPLICATE_PROFILE_CODE", "A profile with code "+text(code)+" already exists.")
		return
	}
	attrs, _ := in["attributes"].(map[string]any)
	for k := range attrs {
		if kind := cbGroupsKinds[k]; kind != "" && kind != text(p["profileType"]) {
			cbGroupsInvalid(w, "attributes."+k, "a "+text(p["profileType"])+" profile cannot change its kind")
			return
		}
	}
	st.storeAddresses(in, p)
	for k, v := range in {
		if k != "attributes" {
			p[k] = v
			continue
		}
		stored, _ := p["attributes"].(map[string]any)
		if stored == nil {
			stored = map[string]any{}
			p["attributes"] = stored
		}
		for member, fields := range attrs {
			old, _ := stored[member].(map[string]any)
			if old == nil {
				old = map[string]any{}
				stored[member] = old
			}
			if m, ok := fields.(map[string]any); ok {
				for f, fv := range m {
					old[f] = fv
				}
			}
		}
	}
	p["updatedAt"] = st.timestamp()
	st.answer(w, http.StatusOK, p)
}

func (st *cbGroupsState) deleteProfile(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	id := text(p["id"])
	delete(st.profiles, id)
	st.links = slices.DeleteFunc(st.links, func(l map[string]any) bool { return text(l["profileId"]) == id })
	for _, m := range []map[string]map[string]any{st.notes, st.tags, st.docs} {
		for k, v := range m {
			if text(v["profileId"]) == id {
				delete(m, k)
				delete(st.files, k)
			}
		}
	}
	st.done(w)
}

// ---- profile persons --------------------------------------------------------

// linkOf returns the index of the link of profile and person of kind, or -1.
func (st *cbGroupsState) linkOf(profile, person, kind string) int {
	return slices.IndexFunc(st.links, func(l map[string]any) bool {
		return text(l["profileId"]) == profile && text(l["personId"]) == person && text(l["personType"]) == kind
	})
}

// cbGroupsLinkField reads a link's member, its internal timestamps for createdAt and updatedAt.
func cbGroupsLinkField(m map[string]any, f string) any {
	if f == "createdAt" || f == "updatedAt" {
		return m["_"+f]
	}
	return m[f]
}

func (st *cbGroupsState) listProfilePerson(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	lq, ok := cbGroupsListParams(w, r, "createdAt:desc", "role", "createdAt", "updatedAt")
	if !ok {
		return
	}
	q := r.URL.Query()
	roles := cbGroupsCSV(q.Get("roles"))
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	var hits []map[string]any
	for _, l := range st.links {
		if text(l["profileId"]) == text(p["id"]) && (q.Get("personType") == "" || text(l["personType"]) == q.Get("personType")) &&
			(roles == nil || roles[text(l["role"])]) {
			hits = append(hits, l)
		}
	}
	st.writePage(w, hits, lq, "ProfilePerson", cbGroupsLinkField)
}

// setMainContact makes link the only main contact of its profile.
func (st *cbGroupsState) setMainContact(link map[string]any) {
	for _, l := range st.links {
		if text(l["profileId"]) == text(link["profileId"]) && text(l["personType"]) == "CONTACT" {
			l["isMainContact"] = false
		}
	}
	link["isMainContact"] = true
}

// newLink stores a link from the members of a request; the caller has checked for duplicates.
func (st *cbGroupsState) newLink(profile, person, kind string, in map[string]any) map[string]any {
	now := st.timestamp()
	l := map[string]any{"profileId": profile, "personId": person, "personType": kind, "relationshipType": kind,
		"isMainContact": false, "startDate": st.today(), "metadata": map[string]any{}, "_createdAt": now, "_updatedAt": now}
	for _, k := range []string{"relationshipType", "startDate", "endDate", "role", "metadata"} {
		if v, ok := in[k]; ok && v != nil {
			l[k] = v
		}
	}
	st.links = append(st.links, l)
	if main, _ := in["isMainContact"].(bool); main {
		st.setMainContact(l)
	}
	return l
}

func (st *cbGroupsState) createProfilePerson(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	person, kind := text(in["personId"]), text(in["personType"])
	if kind == "CONTACT" && st.contacts[person] == nil {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND", "Contact person "+person+" not found")
		return
	}
	if st.linkOf(text(p["id"]), person, kind) >= 0 {
		cloudbedsGroupProfileError(w, http.StatusConflict, "DUPLICATE_RELATIONSHIP",
			fmt.Sprintf("%s %s is already linked to profile %s.", kind, person, text(p["id"])))
		return
	}
	l := st.newLink(text(p["id"]), person, kind, in)
	st.answer(w, http.StatusCreated, project(l, st.fields["ProfilePerson"]))
}

func (st *cbGroupsState) unlinkProfilePerson(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	person, kind := cbGroupsPathID(params, "personId"), r.URL.Query().Get("personType")
	i := st.linkOf(text(p["id"]), person, kind)
	if i < 0 {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND",
			fmt.Sprintf("%s %s is not linked to profile %s", kind, person, text(p["id"])))
		return
	}
	st.links = slices.Delete(st.links, i, i+1)
	st.done(w)
}

func (st *cbGroupsState) findByPersonID(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	lq, ok := cbGroupsListParams(w, r, "createdAt:desc", "createdAt")
	if !ok {
		return
	}
	person, kind := cbGroupsPathID(params, "personId"), r.URL.Query().Get("personType")
	st.mu.Lock()
	defer st.mu.Unlock()
	var hits []map[string]any
	for _, l := range st.links {
		if text(l["personId"]) == person && text(l["personType"]) == kind {
			hits = append(hits, l)
		}
	}
	st.writePage(w, hits, lq, "ProfilePerson", cbGroupsLinkField)
}

// ---- contact persons --------------------------------------------------------

// contactChannels gives the e-mail addresses or phones of a request their ids, owner and times.
func (st *cbGroupsState) contactChannels(v any, contact string) []any {
	list, _ := v.([]any)
	now := st.timestamp()
	out := make([]any, 0, len(list))
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			continue
		}
		m["id"], m["contactPersonId"], m["createdAt"], m["updatedAt"] = st.id(), contact, now, now
		if _, ok := m["primary"]; !ok {
			m["primary"] = false
		}
		out = append(out, m)
	}
	return out
}

// contactView returns a contact person as answered, with the link members of profile's link
// when profile is set.
func (st *cbGroupsState) contactView(c map[string]any, profile string) map[string]any {
	out := project(c, st.fields["ContactPerson"])
	for _, k := range []string{"isMainContact", "role", "relationshipType", "startDate", "endDate"} {
		delete(out, k)
	}
	if profile == "" {
		return out
	}
	if i := st.linkOf(profile, text(c["id"]), "CONTACT"); i >= 0 {
		for _, k := range []string{"isMainContact", "role", "relationshipType", "startDate", "endDate"} {
			if v, ok := st.links[i][k]; ok {
				out[k] = v
			}
		}
	}
	return out
}

// cbGroupsContactFields are the members of a contact person a request may set on the record itself.
var cbGroupsContactFields = []string{"anonymized", "prefix", "firstName", "lastName", "status", "billingDetails"}

func (st *cbGroupsState) searchContactPersons(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	lq, ok := cbGroupsListParams(w, r, "lastName:asc", "firstName", "lastName", "email", "createdAt", "updatedAt")
	if !ok {
		return
	}
	q := r.URL.Query()
	ids := cbGroupsCSV(q.Get("ids"))
	profile := ""
	if v := q.Get("profileId"); v != "" {
		n, _ := strconv.ParseInt(v, 10, 64)
		profile = strconv.FormatInt(n, 10)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if profile != "" && st.profiles[profile] == nil {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "PROFILE_NOT_FOUND", "Profile "+profile+" not found")
		return
	}
	var hits []map[string]any
	for id, c := range st.contacts {
		if (ids != nil && !ids[id]) || (profile != "" && st.linkOf(profile, id, "CONTACT") < 0) ||
			!cbGroupsContains(text(c["firstName"]), q.Get("firstName")) || !cbGroupsContains(text(c["lastName"]), q.Get("lastName")) ||
			!cbGroupsContains(strings.Join(cbGroupsEmails(c), "\n"), q.Get("email")) {
			continue
		}
		hits = append(hits, st.contactView(c, profile))
	}
	st.writePage(w, hits, lq, "ContactPerson", func(m map[string]any, f string) any {
		if f == "email" {
			return strings.Join(cbGroupsEmails(st.contacts[text(m["id"])]), ",")
		}
		return m[f]
	})
}

// cbGroupsEmails returns the e-mail addresses of a contact person, the primary one first.
func cbGroupsEmails(c map[string]any) []string {
	list, _ := c["emails"].([]any)
	var out []string
	for _, e := range list {
		m, _ := e.(map[string]any)
		if primary, _ := m["primary"].(bool); primary {
			out = append([]string{text(m["email"])}, out...)
		} else {
			out = append(out, text(m["email"]))
		}
	}
	return out
}

// cbGroupsLinkRequest is the link members of a contact person request.
func cbGroupsLinkRequest(in map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"isMainContact", "role", "relationshipType"} {
		if v, ok := in[k]; ok {
			out[k] = v
		}
	}
	return out
}

func (st *cbGroupsState) addContactPerson(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	profile := text(in["profileId"])
	if profile != "" && st.profiles[profile] == nil {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "PROFILE_NOT_FOUND", "Profile "+profile+" not found")
		return
	}
	now := st.timestamp()
	id := st.id()
	c := map[string]any{"id": id, "anonymized": false, "emails": []any{}, "phones": []any{}, "createdAt": now, "updatedAt": now}
	for _, k := range cbGroupsContactFields {
		if v, ok := in[k]; ok {
			c[k] = v
		}
	}
	for _, k := range []string{"emails", "phones"} {
		if v, ok := in[k]; ok {
			c[k] = st.contactChannels(v, id)
		}
	}
	st.contacts[id] = c
	if profile != "" {
		link := cbGroupsLinkRequest(in)
		link["relationshipType"] = "CONTACT"
		st.newLink(profile, id, "CONTACT", link)
	}
	st.answer(w, http.StatusCreated, st.contactView(c, profile))
}

// contact returns the contact person of the path, answering 404 when there is none.
func (st *cbGroupsState) contact(w http.ResponseWriter, params map[string]string) map[string]any {
	id := cbGroupsPathID(params, "contactPersonId")
	c := st.contacts[id]
	if c == nil {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND", "Contact person "+id+" not found")
	}
	return c
}

func (st *cbGroupsState) getContactPerson(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.contact(w, params); c != nil {
		st.answer(w, http.StatusOK, st.contactView(c, ""))
	}
}

func (st *cbGroupsState) updateContactPerson(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.contact(w, params)
	if c == nil {
		return
	}
	id := text(c["id"])
	profile := text(in["profileId"])
	link := cbGroupsLinkRequest(in)
	switch {
	case profile == "" && len(link) > 0:
		cbGroupsInvalid(w, "profileId", "is required to change role, isMainContact or relationshipType")
		return
	case profile != "" && st.profiles[profile] == nil:
		cloudbedsGroupProfileError(w, http.StatusNotFound, "PROFILE_NOT_FOUND", "Profile "+profile+" not found")
		return
	}
	for _, k := range cbGroupsContactFields {
		if v, ok := in[k]; ok {
			c[k] = v
		}
	}
	for _, k := range []string{"emails", "phones"} {
		if v, ok := in[k]; ok {
			c[k] = st.contactChannels(v, id)
		}
	}
	c["updatedAt"] = st.timestamp()
	if profile != "" {
		if i := st.linkOf(profile, id, "CONTACT"); i < 0 {
			st.newLink(profile, id, "CONTACT", link)
		} else {
			l := st.links[i]
			for k, v := range link {
				l[k] = v
			}
			if main, _ := link["isMainContact"].(bool); main {
				st.setMainContact(l)
			}
			l["_updatedAt"] = c["updatedAt"]
		}
	}
	st.answer(w, http.StatusOK, st.contactView(c, profile))
}

func (st *cbGroupsState) deleteContactPerson(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.contact(w, params)
	if c == nil {
		return
	}
	id := text(c["id"])
	delete(st.contacts, id)
	st.links = slices.DeleteFunc(st.links, func(l map[string]any) bool {
		return text(l["personId"]) == id && text(l["personType"]) == "CONTACT"
	})
	st.done(w)
}

// ---- notes ------------------------------------------------------------------

// note returns the note of the path if it belongs to the path's profile, answering 404 otherwise.
func (st *cbGroupsState) note(w http.ResponseWriter, params map[string]string) map[string]any {
	p := st.profile(w, params)
	if p == nil {
		return nil
	}
	id := cbGroupsPathID(params, "noteId")
	n := st.notes[id]
	if n == nil || text(n["profileId"]) != text(p["id"]) {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "NOTE_NOT_FOUND", "Note "+id+" not found")
		return nil
	}
	return n
}

// user returns the NoteUser of a user id: the seeded user's names, or the id alone.
func (st *cbGroupsState) user(id string) map[string]any {
	if u := st.users[id]; u != nil {
		return u
	}
	return map[string]any{"id": id}
}

func (st *cbGroupsState) listNotes(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	lq, ok := cbGroupsListParams(w, r, "createdAt:desc", "createdAt", "updatedAt")
	if !ok {
		return
	}
	which := cmp.Or(r.URL.Query().Get("archived"), "ACTIVE")
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	var hits []map[string]any
	for _, n := range st.notes {
		archived := n["archivedAt"] != nil
		if text(n["profileId"]) == text(p["id"]) && (which == "ALL" || archived == (which == "ARCHIVED")) {
			hits = append(hits, n)
		}
	}
	st.writePage(w, hits, lq, "ProfileNote", cbGroupsField)
}

func (st *cbGroupsState) addNote(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	now := st.timestamp()
	n := map[string]any{"id": st.id(), "profileId": text(p["id"]), "user": st.user(text(in["userId"])), "content": in["content"],
		"archivedAt": nil, "createdAt": now, "updatedAt": now}
	st.notes[n["id"].(string)] = n
	st.answer(w, http.StatusCreated, n)
}

func (st *cbGroupsState) getNote(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if n := st.note(w, params); n != nil {
		st.answer(w, http.StatusOK, n)
	}
}

func (st *cbGroupsState) updateNote(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	n := st.note(w, params)
	if n == nil {
		return
	}
	if v, ok := in["content"]; ok {
		n["content"] = v
	}
	if v, ok := in["userId"]; ok {
		n["user"] = st.user(text(v))
	}
	n["updatedAt"] = st.timestamp()
	st.answer(w, http.StatusOK, n)
}

func (st *cbGroupsState) deleteNote(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if n := st.note(w, params); n != nil {
		delete(st.notes, text(n["id"]))
		st.done(w)
	}
}

func (st *cbGroupsState) archiveNote(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := st.note(w, params)
	if n == nil {
		return
	}
	if n["archivedAt"] == nil {
		n["archivedAt"] = st.timestamp()
		n["updatedAt"] = n["archivedAt"]
	}
	st.answer(w, http.StatusOK, n)
}

func (st *cbGroupsState) restoreNote(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := st.note(w, params)
	if n == nil {
		return
	}
	if n["archivedAt"] != nil {
		n["archivedAt"] = nil
		n["updatedAt"] = st.timestamp()
	}
	st.answer(w, http.StatusOK, n)
}

// ---- tags -------------------------------------------------------------------

func (st *cbGroupsState) listTags(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	tags := []map[string]any{}
	for _, t := range st.tags {
		if text(t["profileId"]) == text(p["id"]) {
			tags = append(tags, t)
		}
	}
	cbGroupsSort(tags, "createdAt:asc", cbGroupsField)
	st.answer(w, http.StatusOK, map[string]any{"tags": tags})
}

func (st *cbGroupsState) addTag(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	in := st.decode(w, body)
	if in == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	tag := strings.TrimSpace(text(in["tag"]))
	if tag == "" {
		cbGroupsInvalid(w, "tag", "must not be blank")
		return
	}
	for _, t := range st.tags {
		if text(t["profileId"]) == text(p["id"]) && strings.EqualFold(text(t["tag"]), tag) {
			cloudbedsGroupProfileError(w, http.StatusConflict, "RESOURCE_ALREADY_EXISTS", "The profile already has the tag "+tag+".")
			return
		}
	}
	now := st.timestamp()
	t := map[string]any{"id": st.id(), "tag": tag, "profileId": text(p["id"]), "createdAt": now, "updatedAt": now}
	st.tags[t["id"].(string)] = t
	st.answer(w, http.StatusCreated, t)
}

func (st *cbGroupsState) deleteTag(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	id := cbGroupsPathID(params, "tagId")
	if t := st.tags[id]; t == nil || text(t["profileId"]) != text(p["id"]) {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "TAG_NOT_FOUND", "Tag "+id+" not found")
		return
	}
	delete(st.tags, id)
	st.done(w)
}

// ---- documents --------------------------------------------------------------

// document returns the document of the path if it belongs to the path's profile, answering 404
// otherwise.
func (st *cbGroupsState) document(w http.ResponseWriter, params map[string]string) map[string]any {
	p := st.profile(w, params)
	if p == nil {
		return nil
	}
	id := cbGroupsPathID(params, "documentId")
	d := st.docs[id]
	if d == nil || text(d["profileId"]) != text(p["id"]) {
		cloudbedsGroupProfileError(w, http.StatusNotFound, "RESOURCE_NOT_FOUND", "Document "+id+" not found")
		return nil
	}
	return d
}

func (st *cbGroupsState) listDocuments(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	lq, ok := cbGroupsListParams(w, r, "createdAt:desc", "fileName", "createdAt", "updatedAt")
	if !ok {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	var hits []map[string]any
	for _, d := range st.docs {
		if text(d["profileId"]) == text(p["id"]) {
			hits = append(hits, d)
		}
	}
	st.writePage(w, hits, lq, "ProfileDocument", cbGroupsField)
}

// cbGroupsFile is one file of an upload request.
type cbGroupsFile struct {
	name    string
	content []byte
}

// cbGroupsReadUpload reads the files and the user id of a validated multipart body.
func cbGroupsReadUpload(r *http.Request, body []byte) ([]cbGroupsFile, string, error) {
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return nil, "", err
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var files []cbGroupsFile
	var user string
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return files, user, nil
		}
		if err != nil {
			return nil, "", err
		}
		b, err := io.ReadAll(part)
		if err != nil {
			return nil, "", err
		}
		switch part.FormName() {
		case "files":
			files = append(files, cbGroupsFile{name: part.FileName(), content: b})
		case "userId":
			user = strings.TrimSpace(string(b))
		}
	}
}

func (st *cbGroupsState) uploadDocuments(w http.ResponseWriter, r *http.Request, params map[string]string, body []byte) {
	files, user, err := cbGroupsReadUpload(r, body)
	if err != nil {
		cloudbedsGroupProfileError(w, http.StatusBadRequest, "INVALID_REQUEST", "multipart body: "+err.Error())
		return
	}
	for i, f := range files {
		switch {
		case len(f.content) > cbGroupsMaxFile:
			cloudbedsGroupProfileError(w, http.StatusRequestEntityTooLarge, "INVALID_REQUEST", f.name+" is larger than 10 MB")
			return
		case !slices.Contains(cbGroupsExtensions, strings.ToLower(path.Ext(f.name))):
			cbGroupsInvalid(w, fmt.Sprintf("files[%d]", i), fmt.Sprintf("%q is not one of the allowed file types (%s)", f.name, strings.Join(cbGroupsExtensions, ", ")))
			return
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.profile(w, params)
	if p == nil {
		return
	}
	now := st.timestamp()
	out := []map[string]any{}
	for _, f := range files {
		d := map[string]any{"id": st.id(), "profileId": text(p["id"]), "userId": user, "fileName": path.Base(f.name), "createdAt": now, "updatedAt": now}
		st.docs[d["id"].(string)] = d
		st.files[d["id"].(string)] = f.content
		out = append(out, d)
	}
	st.answer(w, http.StatusCreated, map[string]any{"data": out, "total": len(out)})
}

func (st *cbGroupsState) getDocument(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if d := st.document(w, params); d != nil {
		st.answer(w, http.StatusOK, d)
	}
}

func (st *cbGroupsState) deleteDocument(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if d := st.document(w, params); d != nil {
		delete(st.docs, text(d["id"]))
		delete(st.files, text(d["id"]))
		st.done(w)
	}
}

func (st *cbGroupsState) downloadDocument(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.document(w, params)
	if d == nil {
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	expires := st.now().Add(cbGroupsLinkLifetime).Unix()
	link := fmt.Sprintf("%s://%s%s%s/%s?expires=%d", scheme, r.Host, cbGroupsFilesPath, text(d["id"]), url.PathEscape(text(d["fileName"])), expires)
	st.answer(w, http.StatusOK, map[string]any{"downloadUrl": link})
}

// serveFile serves the file behind a download link while the link is valid. Seeded documents
// have no upload; they serve a placeholder naming the file.
func (st *cbGroupsState) serveFile(w http.ResponseWriter, r *http.Request) {
	expires, err := strconv.ParseInt(r.URL.Query().Get("expires"), 10, 64)
	if err != nil || !st.now().Before(time.Unix(expires, 0)) {
		http.Error(w, "the download link has expired", http.StatusForbidden)
		return
	}
	id := r.PathValue("documentId")
	st.mu.Lock()
	d := st.docs[id]
	content, uploaded := st.files[id]
	st.mu.Unlock()
	if d == nil || text(d["fileName"]) != r.PathValue("name") {
		http.NotFound(w, r)
		return
	}
	if !uploaded {
		content = []byte("sandbox placeholder for " + text(d["fileName"]) + "\n")
	}
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": text(d["fileName"])}))
	http.ServeContent(w, r, text(d["fileName"]), time.Time{}, bytes.NewReader(content))
}
