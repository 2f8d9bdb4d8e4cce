package sandbox

import (
	"cmp"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"
)

// cloudbedsV2DefaultLimit is API v2's default page size.
const cloudbedsV2DefaultLimit = 100

// cloudbedsV2State keeps API v2 rate plans, listed with offset/limit.
type cloudbedsV2State struct {
	cb  *cloudbedsSandbox
	now func() time.Time

	mu     sync.Mutex
	nextID int64
	plans  map[string]map[string]any // id → rate plan as JSON object
}

func newCloudbedsV2State(cb *cloudbedsSandbox) error {
	st := &cloudbedsV2State{cb: cb, now: cb.s.opts.Now, nextID: 60000, plans: map[string]map[string]any{}}
	var seed struct {
		Data []map[string]any `json:"data"`
	}
	if err := cb.v2.exampleOf("listRatePlans", &seed); err != nil {
		return err
	}
	for _, p := range seed.Data {
		id, _ := p["id"].(string)
		p["propertyId"] = cb.s.creds.CloudbedsPropertyID
		st.plans[id] = p
	}
	cb.v2.ops = map[string]opFunc{
		"listRatePlans":  st.list,
		"createRatePlan": st.create,
		"getRatePlan":    st.get,
		"updateRatePlan": st.update,
		"deleteRatePlan": st.delete,
	}
	return nil
}

func (st *cloudbedsV2State) timestamp() string { return st.now().UTC().Format(time.RFC3339) }

// sorted returns the live rate plans ordered by id (numerically when ids are numbers).
func (st *cloudbedsV2State) sorted() []map[string]any {
	ids := slices.Collect(maps.Keys(st.plans))
	slices.SortFunc(ids, func(a, b string) int {
		x, errA := strconv.ParseInt(a, 10, 64)
		y, errB := strconv.ParseInt(b, 10, 64)
		if errA == nil && errB == nil {
			return cmp.Compare(x, y)
		}
		return cmp.Compare(a, b)
	})
	out := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		if p := st.plans[id]; p["isDeleted"] != true {
			out = append(out, p)
		}
	}
	return out
}

func (st *cloudbedsV2State) list(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	offset, limit := 0, cloudbedsV2DefaultLimit
	if v := q.Get("offset"); v != "" {
		offset, _ = strconv.Atoi(v) // validated against the spec: an integer ≥ 0
	}
	if v := q.Get("limit"); v != "" {
		limit, _ = strconv.Atoi(v) // 1 to 500
	}
	st.mu.Lock()
	all := st.sorted()
	data := []map[string]any{}
	if offset < len(all) {
		data = all[offset:min(offset+limit, len(all))]
	}
	b, _ := json.Marshal(map[string]any{"limit": limit, "offset": offset, "data": data})
	st.mu.Unlock()
	cbRequestID(w)
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(b, '\n'))
}

func (st *cloudbedsV2State) create(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.nextID++
	id := strconv.FormatInt(st.nextID, 10)
	now := st.timestamp()
	p := map[string]any{"id": id, "propertyId": st.cb.s.creds.CloudbedsPropertyID, "isDeleted": false,
		"isDerived": in["derivedRatePlanId"] != nil, "derivedType": "fixed", "derivedValue": nil, "derivedRatePlanId": nil,
		"addons": []any{}, "sources": []any{}, "intervals": []any{}, "createdAt": now, "updatedAt": now}
	for k, v := range in {
		switch k {
		case "roomTypeId", "allotmentBlockId":
			continue // not part of the rate plan document
		case "intervals":
			list, _ := v.([]any)
			for _, it := range list {
				if m, ok := it.(map[string]any); ok {
					m["ratePlanId"] = st.nextID
					if _, ok := m["roomTypeId"]; !ok {
						m["roomTypeId"] = in["roomTypeId"]
					}
				}
			}
		}
		p[k] = v
	}
	st.plans[id] = p
	cbRequestID(w)
	writeJSON(w, http.StatusCreated, p)
}

// readJSON decodes a JSON request body into v, or answers 400 and returns false.
func (st *cloudbedsV2State) readJSON(w http.ResponseWriter, body []byte, v any) bool {
	if err := json.Unmarshal(body, v); err != nil {
		cloudbedsV2Error(w, http.StatusBadRequest, "invalid_request", "request body: "+err.Error())
		return false
	}
	return true
}

// lookup returns the rate plan of the path's id, answering 404 when there is none.
func (st *cloudbedsV2State) lookup(w http.ResponseWriter, params map[string]string) map[string]any {
	p := st.plans[params["id"]]
	if p == nil || p["isDeleted"] == true {
		cloudbedsV2Error(w, http.StatusNotFound, "not_found", "Rate plan "+params["id"]+" not found.")
		return nil
	}
	return p
}

func (st *cloudbedsV2State) get(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if p := st.lookup(w, params); p != nil {
		cbRequestID(w)
		writeJSON(w, http.StatusOK, p)
	}
}

func (st *cloudbedsV2State) update(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.lookup(w, params)
	if p == nil {
		return
	}
	// The body repeats the path id (upstream requires it); the path names the plan.
	for k, v := range in {
		if k != "allotmentBlockId" && k != "id" {
			p[k] = v
		}
	}
	p["updatedAt"] = st.timestamp()
	cbRequestID(w)
	writeJSON(w, http.StatusOK, p)
}

func (st *cloudbedsV2State) delete(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if p := st.lookup(w, params); p != nil {
		p["isDeleted"] = true
		p["updatedAt"] = st.timestamp()
		cbRequestID(w)
		w.WriteHeader(http.StatusNoContent)
	}
}
