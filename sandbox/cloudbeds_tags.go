package sandbox

// The Cloudbeds Attribute Tagging API v1 on the sandbox
//
// It is served under [CloudbedsAttributeTaggingAPIPath], whose paths carry their own
// /attribute-tagging/v1 prefix, with the same credentials as the PMS APIs: a bearer token of the
// Cloudbeds consent (the API declares a plain bearer scheme and no scopes) or the x-api-key of
// [Credentials]. Attribute calls must name [CloudbedsOrganizationID] in x-organization-id; every
// id in the x-property-id list of tag calls must be the sandbox's property. Failures use real
// status codes and {"code", "message", "errors"?} with upper-case codes (VALIDATION_ERROR,
// FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE_ENTITY; 401s keep the OAuth shape of the PMS
// APIs).
//
// Attributes and tags are stateful, seeded from the examples of listAttributes and listTags.
// listAttributes filters by entityTypes:in and sorts by label, createdAt or updatedAt;
// createAttribute and updateAttribute keep labels unique (409); deleteAttribute removes the
// attribute's tags too. createTags attaches attributes to one entity of the property (404 for an
// unknown attribute, 422 for a disabled one or one not for the entity type, 409 when the entity
// carries one already); listTags, queryTags, deleteTags and deleteTag read and remove them.
// bulkCreateTags tags many entities, each group in its own property: an entity whose property the
// caller may not act on, or that an attribute does not apply to, fails on its own (207), and
// 403 when no entity could be tagged; bulkDeleteTags removes attributes idempotently. The limits
// of the document (1000 ids to look up, 500 ids and 5000 entity-attribute pairs in bulk) are
// enforced.

import (
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

// CloudbedsAttributeTaggingAPIPath is the base of the Cloudbeds Attribute Tagging API v1 on the
// sandbox (the value to use as hospitality.CloudbedsConfig.BaseURL for
// ConnectCloudbedsAttributeTagging).
const CloudbedsAttributeTaggingAPIPath = "/cloudbeds-attribute-tagging"

// Limits the Attribute Tagging API enforces in its handlers.
const (
	cbTagQueryMaxIDs = 1000
	cbTagBulkMaxIDs  = 500
	cbTagBulkMaxSets = 5000
)

// cbTagState keeps the Attribute Tagging API's attributes and tags.
type cbTagState struct {
	cb  *cloudbedsSandbox
	now func() time.Time

	mu       sync.Mutex
	nextAttr int64
	nextTag  int64
	attrs    []*cbAttribute // in creation order
	tags     []*cbTag       // in creation order
}

// cbAttribute is an attribute as answered, with the times listAttributes sorts by.
type cbAttribute struct {
	value            map[string]any
	created, updated time.Time
}

func (a *cbAttribute) id() string { return text(a.value["id"]) }

// cbTag attaches one attribute to one entity of one property.
type cbTag struct {
	id, entityID, entityType, propertyID, attributeID string
}

// registerCloudbedsAttributeTagging mounts the Attribute Tagging API next to the PMS APIs,
// sharing their credentials, and makes its attributes and tags stateful.
func registerCloudbedsAttributeTagging(cb *cloudbedsSandbox) error {
	a := &api{name: "cloudbeds-attribute-tagging", prefix: CloudbedsAttributeTaggingAPIPath, errorFn: cloudbedsAttributeTaggingError,
		check: func(s *Server, r *http.Request) (int, string, string) {
			if status, code, msg := cbCheckOrganization(s, r); status != 0 {
				return status, code, msg
			}
			return cb.checkV2(s, r)
		},
		authenticate: cb.authenticate}
	if err := cb.s.mount(a, specs.CloudbedsAttributeTagging); err != nil {
		return err
	}
	st := &cbTagState{cb: cb, now: cb.s.opts.Now}
	var attrs []map[string]any
	if err := a.exampleOf("listAttributes", &attrs); err != nil {
		return err
	}
	var tags []map[string]any
	if err := a.exampleOf("listTags", &tags); err != nil {
		return err
	}
	start := st.now().Add(-time.Hour)
	for i, v := range attrs {
		at := start.Add(time.Duration(i) * time.Minute)
		st.attrs = append(st.attrs, &cbAttribute{value: v, created: at, updated: at})
		if n, _ := strconv.ParseInt(text(v["id"]), 10, 64); n > st.nextAttr {
			st.nextAttr = n
		}
	}
	for _, v := range tags {
		t := &cbTag{id: text(v["id"]), entityID: text(v["entityId"]), entityType: text(v["entityType"]),
			propertyID: cb.s.creds.CloudbedsPropertyID, attributeID: text(v["attributeId"])}
		st.tags = append(st.tags, t)
		if n, _ := strconv.ParseInt(t.id, 10, 64); n > st.nextTag {
			st.nextTag = n
		}
	}
	a.ops = map[string]opFunc{
		"listAttributes":  st.listAttributes,
		"createAttribute": st.createAttribute,
		"updateAttribute": st.updateAttribute,
		"deleteAttribute": st.deleteAttribute,
		"listTags":        st.listTags,
		"createTags":      st.createTags,
		"deleteTags":      st.deleteTags,
		"queryTags":       st.queryTags,
		"bulkCreateTags":  st.bulkCreateTags,
		"bulkDeleteTags":  st.bulkDeleteTags,
		"deleteTag":       st.deleteTag,
	}
	return nil
}

// cbTagCodes are the error codes of the Attribute Tagging API's answers by status.
var cbTagCodes = map[int]string{http.StatusBadRequest: "VALIDATION_ERROR", http.StatusForbidden: "FORBIDDEN",
	http.StatusNotFound: "NOT_FOUND", http.StatusConflict: "CONFLICT", http.StatusUnprocessableEntity: "UNPROCESSABLE_ENTITY",
	http.StatusServiceUnavailable: "SERVICE_UNAVAILABLE"}

// cloudbedsAttributeTaggingError writes the Attribute Tagging API's error body with the real
// status; 401s keep the OAuth shape Cloudbeds' gateway sends for every API.
func cloudbedsAttributeTaggingError(w http.ResponseWriter, status int, _, msg string) {
	cbRequestID(w)
	if status == http.StatusUnauthorized {
		writeJSON(w, status, map[string]string{"error": "access_denied",
			"message": "The resource owner or authorization server denied the request. " + msg})
		return
	}
	code := cbTagCodes[status]
	if code == "" {
		code = "INTERNAL_ERROR"
	}
	out := map[string]any{"code": code, "message": msg}
	if status == http.StatusBadRequest {
		out["errors"] = []map[string]string{{"field": "request", "message": msg}}
	}
	writeJSON(w, status, out)
}

func (st *cbTagState) fail(w http.ResponseWriter, status int, format string, args ...any) {
	cloudbedsAttributeTaggingError(w, status, "", fmt.Sprintf(format, args...))
}

// readJSON decodes a validated JSON body into v, or answers 400.
func (st *cbTagState) readJSON(w http.ResponseWriter, body []byte, v any) bool {
	if err := json.Unmarshal(body, v); err != nil {
		st.fail(w, http.StatusBadRequest, "request body: %v", err)
		return false
	}
	return true
}

// cbUnique returns ids without repeats, in the order first named.
func cbUnique(ids []string) []string {
	var out []string
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// cbTagProperties returns the property ids of the x-property-id list.
func cbTagProperties(r *http.Request) []string {
	var out []string
	for id := range strings.SplitSeq(r.Header.Get("x-property-id"), ",") {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func (st *cbTagState) attribute(id string) *cbAttribute {
	i := slices.IndexFunc(st.attrs, func(a *cbAttribute) bool { return a.id() == id })
	if i < 0 {
		return nil
	}
	return st.attrs[i]
}

// answer returns a tag as answered, with its attribute.
func (st *cbTagState) answer(t *cbTag) map[string]any {
	out := map[string]any{"id": t.id, "entityId": t.entityID, "entityType": t.entityType, "propertyId": t.propertyID,
		"attributeId": t.attributeID}
	if a := st.attribute(t.attributeID); a != nil {
		out["attribute"] = a.value
	}
	return out
}

// labelTaken reports whether another attribute than except has label, ignoring case.
func (st *cbTagState) labelTaken(label, except string) bool {
	return slices.ContainsFunc(st.attrs, func(a *cbAttribute) bool {
		return a.id() != except && strings.EqualFold(strings.TrimSpace(text(a.value["label"])), strings.TrimSpace(label))
	})
}

// applies reports why attribute a cannot be attached to an entity of type kind, or "".
func (a *cbAttribute) applies(kind string) string {
	if a.value["isEnabled"] != true {
		return fmt.Sprintf("Attribute %s is disabled", a.id())
	}
	types, _ := a.value["entityTypes"].([]any)
	if !slices.ContainsFunc(types, func(v any) bool { return text(v) == kind }) {
		return fmt.Sprintf("Attribute %s does not apply to %s", a.id(), kind)
	}
	return ""
}

func (st *cbTagState) listAttributes(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	conds, msg := cbParseFilter(q.Get("filters"), map[string][]string{"entityTypes": {"in"}})
	if msg != "" {
		st.fail(w, http.StatusBadRequest, "%s", msg)
		return
	}
	keys, msg := cbParseSort(q.Get("sort"), []string{"label", "createdAt", "updatedAt"})
	if msg != "" {
		st.fail(w, http.StatusBadRequest, "%s", msg)
		return
	}
	st.mu.Lock()
	var hits []map[string]any
	for _, a := range st.attrs {
		types, _ := a.value["entityTypes"].([]any)
		ok := !slices.ContainsFunc(conds, func(c cbCondition) bool {
			return !slices.ContainsFunc(types, func(t any) bool { return cbHolds(c, t) })
		})
		if ok {
			// createdAt and updatedAt sort but are not answered; "_"-keys are dropped below.
			rec := map[string]any{"_": a.value, "label": a.value["label"], "createdAt": a.created.Format(time.RFC3339Nano),
				"updatedAt": a.updated.Format(time.RFC3339Nano)}
			hits = append(hits, rec)
		}
	}
	st.mu.Unlock()
	cbSort(hits, keys)
	out := make([]any, 0, len(hits))
	for _, h := range hits {
		out = append(out, h["_"])
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, out)
}

func (st *cbTagState) createAttribute(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.labelTaken(text(in["label"]), "") {
		st.fail(w, http.StatusConflict, "An attribute labelled %q exists already", text(in["label"]))
		return
	}
	st.nextAttr++
	now := st.now()
	v := map[string]any{"id": strconv.FormatInt(st.nextAttr, 10), "label": in["label"], "description": in["description"],
		"entityTypes": in["entityTypes"], "isEnabled": true}
	if e, ok := in["isEnabled"]; ok {
		v["isEnabled"] = e
	}
	st.attrs = append(st.attrs, &cbAttribute{value: v, created: now, updated: now})
	cbRequestID(w)
	writeJSON(w, http.StatusCreated, v)
}

func (st *cbTagState) updateAttribute(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	a := st.attribute(params["id"])
	if a == nil {
		st.fail(w, http.StatusNotFound, "Attribute %s not found", params["id"])
		return
	}
	if l, ok := in["label"]; ok && st.labelTaken(text(l), a.id()) {
		st.fail(w, http.StatusConflict, "An attribute labelled %q exists already", text(l))
		return
	}
	for k, v := range in {
		a.value[k] = v
	}
	a.updated = st.now()
	cbRequestID(w)
	writeJSON(w, http.StatusOK, a.value)
}

func (st *cbTagState) deleteAttribute(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["id"]
	if st.attribute(id) == nil {
		st.fail(w, http.StatusNotFound, "Attribute %s not found", id)
		return
	}
	st.attrs = slices.DeleteFunc(st.attrs, func(a *cbAttribute) bool { return a.id() == id })
	st.tags = slices.DeleteFunc(st.tags, func(t *cbTag) bool { return t.attributeID == id })
	cbRequestID(w)
	w.WriteHeader(http.StatusNoContent)
}

// answerTags writes the tags of the caller's properties that keep returns true for.
func (st *cbTagState) answerTags(w http.ResponseWriter, r *http.Request, status int, keep func(*cbTag) bool) {
	props := cbTagProperties(r)
	st.mu.Lock()
	out := []map[string]any{}
	for _, t := range st.tags {
		if slices.Contains(props, t.propertyID) && keep(t) {
			out = append(out, st.answer(t))
		}
	}
	st.mu.Unlock()
	cbRequestID(w)
	writeJSON(w, status, out)
}

func (st *cbTagState) listTags(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	conds, msg := cbParseFilter(q.Get("filters"), map[string][]string{"entityId": {"in"}, "entityType": {"in"}})
	if msg != "" {
		st.fail(w, http.StatusBadRequest, "%s", msg)
		return
	}
	for _, c := range conds {
		if c.field == "entityId" && len(strings.Split(c.value, ",")) > cbTagQueryMaxIDs {
			st.fail(w, http.StatusBadRequest, "filters name more than %d entities", cbTagQueryMaxIDs)
			return
		}
	}
	id, kind := q.Get("entityId"), q.Get("entityType")
	st.answerTags(w, r, http.StatusOK, func(t *cbTag) bool {
		if (id != "" && t.entityID != id) || (kind != "" && t.entityType != kind) {
			return false
		}
		fields := map[string]any{"entityId": t.entityID, "entityType": t.entityType}
		return !slices.ContainsFunc(conds, func(c cbCondition) bool { return !cbHolds(c, fields[c.field]) })
	})
}

// has reports whether entity (id, kind) of property carries attribute.
func (st *cbTagState) has(id, kind, property, attribute string) bool {
	return slices.ContainsFunc(st.tags, func(t *cbTag) bool {
		return t.entityID == id && t.entityType == kind && t.propertyID == property && t.attributeID == attribute
	})
}

// add records a new tag and returns it.
func (st *cbTagState) add(id, kind, property, attribute string) *cbTag {
	st.nextTag++
	t := &cbTag{id: strconv.FormatInt(st.nextTag, 10), entityID: id, entityType: kind, propertyID: property, attributeID: attribute}
	st.tags = append(st.tags, t)
	return t
}

func (st *cbTagState) createTags(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	var in struct {
		EntityID     string   `json:"entityId"`
		EntityType   string   `json:"entityType"`
		AttributeIDs []string `json:"attributeIds"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	props := cbTagProperties(r)
	if len(props) != 1 {
		st.fail(w, http.StatusBadRequest, "x-property-id must name the one property the entity belongs to")
		return
	}
	if len(in.AttributeIDs) == 0 {
		st.fail(w, http.StatusBadRequest, "attributeIds must name at least one attribute")
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, id := range in.AttributeIDs {
		a := st.attribute(id)
		if a == nil {
			st.fail(w, http.StatusNotFound, "Attribute %s not found", id)
			return
		}
		if why := a.applies(in.EntityType); why != "" {
			st.fail(w, http.StatusUnprocessableEntity, "%s", why)
			return
		}
		if st.has(in.EntityID, in.EntityType, props[0], id) {
			st.fail(w, http.StatusConflict, "The %s %s carries attribute %s already", in.EntityType, in.EntityID, id)
			return
		}
	}
	out := []map[string]any{}
	for _, id := range cbUnique(in.AttributeIDs) {
		out = append(out, st.answer(st.add(in.EntityID, in.EntityType, props[0], id)))
	}
	cbRequestID(w)
	writeJSON(w, http.StatusCreated, out)
}

func (st *cbTagState) deleteTags(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	var in struct {
		IDs []string `json:"ids"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	props := cbTagProperties(r)
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, id := range in.IDs {
		if !slices.ContainsFunc(st.tags, func(t *cbTag) bool { return t.id == id && slices.Contains(props, t.propertyID) }) {
			st.fail(w, http.StatusNotFound, "Tag %s not found", id)
			return
		}
	}
	st.tags = slices.DeleteFunc(st.tags, func(t *cbTag) bool { return slices.Contains(in.IDs, t.id) })
	cbRequestID(w)
	w.WriteHeader(http.StatusNoContent)
}

func (st *cbTagState) deleteTag(w http.ResponseWriter, r *http.Request, params map[string]string, _ []byte) {
	props := cbTagProperties(r)
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["id"]
	i := slices.IndexFunc(st.tags, func(t *cbTag) bool { return t.id == id && slices.Contains(props, t.propertyID) })
	if i < 0 {
		st.fail(w, http.StatusNotFound, "Tag %s not found", id)
		return
	}
	st.tags = slices.Delete(st.tags, i, i+1)
	cbRequestID(w)
	w.WriteHeader(http.StatusNoContent)
}

func (st *cbTagState) queryTags(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	var in struct {
		Entities []struct {
			IDs  []string `json:"ids"`
			Type string   `json:"type"`
		} `json:"entities"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	n := 0
	for _, g := range in.Entities {
		n += len(g.IDs)
	}
	if n > cbTagQueryMaxIDs {
		st.fail(w, http.StatusBadRequest, "entities name %d ids, more than %d", n, cbTagQueryMaxIDs)
		return
	}
	st.answerTags(w, r, http.StatusOK, func(t *cbTag) bool {
		for _, g := range in.Entities {
			if g.Type == t.entityType && slices.Contains(g.IDs, t.entityID) {
				return true
			}
		}
		return false
	})
}

// cbTagTarget is one distinct entity of a bulk request.
type cbTagTarget struct {
	id, kind, property string
}

// cbBulkRequest is the body of bulkCreateTags and bulkDeleteTags.
type cbBulkRequest struct {
	Entities []struct {
		IDs        []string `json:"ids"`
		Type       string   `json:"type"`
		PropertyID string   `json:"propertyId"`
	} `json:"entities"`
	AttributeIDs []string `json:"attributeIds"`
}

// targets checks a bulk request's limits and attributes (answering 400 or 404) and returns its
// distinct entities in the order first named.
func (st *cbTagState) targets(w http.ResponseWriter, in *cbBulkRequest) ([]cbTagTarget, bool) {
	var out []cbTagTarget
	n := 0
	for _, g := range in.Entities {
		n += len(g.IDs)
		for _, id := range g.IDs {
			if t := (cbTagTarget{id, g.Type, g.PropertyID}); !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	if n > cbTagBulkMaxIDs {
		st.fail(w, http.StatusBadRequest, "entities name %d ids, more than %d", n, cbTagBulkMaxIDs)
		return nil, false
	}
	if n*len(in.AttributeIDs) > cbTagBulkMaxSets {
		st.fail(w, http.StatusBadRequest, "%d entities times %d attributes is more than %d", n, len(in.AttributeIDs), cbTagBulkMaxSets)
		return nil, false
	}
	for _, id := range in.AttributeIDs {
		if st.attribute(id) == nil {
			st.fail(w, http.StatusNotFound, "Attribute %s not found", id)
			return nil, false
		}
	}
	return out, true
}

func (st *cbTagState) bulkCreateTags(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	var in cbBulkRequest
	if !st.readJSON(w, body, &in) {
		return
	}
	props := cbTagProperties(r)
	st.mu.Lock()
	defer st.mu.Unlock()
	targets, ok := st.targets(w, &in)
	if !ok {
		return
	}
	results := []map[string]any{}
	created := []map[string]any{}
	failed, allowed := 0, 0
	for _, t := range targets {
		res := map[string]any{"entityId": t.id, "entityType": t.kind, "propertyId": t.property, "status": "ok", "created": 0}
		results = append(results, res)
		why := ""
		if !slices.Contains(props, t.property) {
			why = "No access to property " + t.property
		} else {
			allowed++
			for _, id := range in.AttributeIDs {
				if why = st.attribute(id).applies(t.kind); why != "" {
					break
				}
			}
		}
		if why != "" {
			res["status"], res["error"] = "failed", why
			failed++
			continue
		}
		n := 0
		for _, id := range cbUnique(in.AttributeIDs) {
			if !st.has(t.id, t.kind, t.property, id) {
				created = append(created, st.answer(st.add(t.id, t.kind, t.property, id)))
				n++
			}
		}
		res["created"] = n
	}
	if allowed == 0 {
		st.fail(w, http.StatusForbidden, "The credentials have no access to the properties of the request")
		return
	}
	status := http.StatusCreated
	if failed > 0 {
		status = http.StatusMultiStatus
	}
	cbRequestID(w)
	writeJSON(w, status, map[string]any{"results": results, "tags": created})
}

func (st *cbTagState) bulkDeleteTags(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	var in cbBulkRequest
	if !st.readJSON(w, body, &in) {
		return
	}
	props := cbTagProperties(r)
	st.mu.Lock()
	defer st.mu.Unlock()
	targets, ok := st.targets(w, &in)
	if !ok {
		return
	}
	for _, t := range targets {
		if !slices.Contains(props, t.property) {
			st.fail(w, http.StatusForbidden, "The credentials have no access to property %s", t.property)
			return
		}
	}
	results := []map[string]any{}
	total := 0
	for _, t := range targets {
		before := len(st.tags)
		st.tags = slices.DeleteFunc(st.tags, func(x *cbTag) bool {
			return x.entityID == t.id && x.entityType == t.kind && x.propertyID == t.property && slices.Contains(in.AttributeIDs, x.attributeID)
		})
		n := before - len(st.tags)
		total += n
		results = append(results, map[string]any{"entityId": t.id, "entityType": t.kind, "propertyId": t.property, "status": "ok", "removed": n})
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "removed": total})
}
