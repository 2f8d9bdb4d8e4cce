package sandbox

// The Cloudbeds Accounting API v1.0 on the sandbox
//
// It is served under [CloudbedsAccountingAPIPath], whose paths carry their own /accounting/v1.0
// prefix, with the same credentials as the PMS APIs (a bearer token of the Cloudbeds consent or
// the x-api-key of [Credentials]) and the same scopes. X-Property-ID must name the sandbox's
// property. Failures use real status codes and {"id", "timestamp", "errorCode", "errorDetails"}
// (401s keep the OAuth shape of the PMS APIs).
//
// Transactions and folios are stateful, seeded from the examples of listTransactions and
// getFolios: listTransactions pages with pageToken/limit and applies field conditions (equals,
// not_equals, in, contains) joined by and/or; getFolios, createFolio, updateFolio and deleteFolio
// (refused with FOLIO_HAS_TRANSACTIONS while a transaction sits in the folio) manage folios;
// moveTransactions moves transactions between folios; postChannelCommission books a commission
// and voidChannelCommission books its reversal; listFolioTransactions groups a source's
// transactions by folio with totals. Other operations answer their spec's example.

import (
	"cmp"
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

// CloudbedsAccountingAPIPath is the base of the Cloudbeds Accounting API v1.0 on the sandbox (the
// value to use as hospitality.CloudbedsConfig.BaseURL for ConnectCloudbedsAccounting).
const CloudbedsAccountingAPIPath = "/cloudbeds-accounting"

// cbAccountingDefaultLimit is the page size of the transaction searches when the body names none.
const cbAccountingDefaultLimit = 100

// cbAccountingState keeps the Accounting API's transactions and folios.
type cbAccountingState struct {
	cb  *cloudbedsSandbox
	now func() time.Time
	// folioTxFields are the fields of a folio transaction in the document, projected from the
	// stored transactions for listFolioTransactions; txFields those of a transaction.
	folioTxFields, txFields []string

	mu      sync.Mutex
	nextID  int64
	txs     []map[string]any          // transactions in posting order; "folioId" kept internally
	folios  map[string]map[string]any // folio id → folio
	deleted map[string]bool
}

// registerCloudbedsAccounting mounts the Accounting API next to the PMS APIs, sharing their
// credentials, and makes its transactions and folios stateful.
func registerCloudbedsAccounting(cb *cloudbedsSandbox) error {
	a := &api{name: "cloudbeds-accounting", prefix: CloudbedsAccountingAPIPath, errorFn: cloudbedsAccountingError,
		check: cb.checkV2, authenticate: cb.authenticate}
	if err := cb.s.mount(a, specs.CloudbedsAccounting); err != nil {
		return err
	}
	st := &cbAccountingState{cb: cb, now: cb.s.opts.Now, nextID: 800000, folios: map[string]map[string]any{}, deleted: map[string]bool{}}
	st.txFields = schemaFields(a, "TransactionResponse")
	st.folioTxFields = schemaFields(a, "FolioTransactionResponse")
	var seed struct {
		Transactions []map[string]any `json:"transactions"`
	}
	if err := a.exampleOf("listTransactions", &seed); err != nil {
		return err
	}
	var folios []map[string]any
	if err := a.exampleOf("getFolios", &folios); err != nil {
		return err
	}
	for _, f := range folios {
		f["propertyId"] = cb.s.creds.CloudbedsPropertyID
		st.folios[fmt.Sprint(f["id"])] = f
	}
	for i, t := range seed.Transactions {
		t["propertyId"] = cb.s.creds.CloudbedsPropertyID
		if len(folios) > 0 {
			t["folioId"] = fmt.Sprint(folios[i%len(folios)]["id"])
		}
		st.txs = append(st.txs, t)
	}
	a.ops = map[string]opFunc{
		"listTransactions":      st.listTransactions,
		"listFolioTransactions": st.listFolioTransactions,
		"getFolios":             st.getFolios,
		"createFolio":           st.createFolio,
		"updateFolio":           st.updateFolio,
		"deleteFolio":           st.deleteFolio,
		"moveTransactions":      st.moveTransactions,
		"postChannelCommission": st.postChannelCommission,
		"voidChannelCommission": st.voidChannelCommission,
	}
	return nil
}

// schemaFields returns the property names of the component schema called name, sorted.
func schemaFields(a *api, name string) []string {
	ref := a.doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		return nil
	}
	return sortedKeys(ref.Value.Properties)
}

// cloudbedsAccountingError writes the Accounting API's error body with the real status; 401s keep
// the OAuth shape Cloudbeds' gateway sends for every API.
func cloudbedsAccountingError(w http.ResponseWriter, status int, code, msg string) {
	id := cbRequestID(w)
	if status == http.StatusUnauthorized {
		writeJSON(w, status, map[string]string{"error": "access_denied",
			"message": "The resource owner or authorization server denied the request. " + msg})
		return
	}
	ec := map[int]string{http.StatusBadRequest: "INVALID_REQUEST", http.StatusForbidden: "ACCESS_DENIED",
		http.StatusNotFound: "ENTITY_NOT_FOUND"}[status]
	if strings.ToUpper(code) == code && code != "" {
		ec = code // an errorCode of the document, such as FOLIO_HAS_TRANSACTIONS
	}
	if ec == "" {
		ec = "UNEXPECTED_ERROR"
	}
	writeJSON(w, status, map[string]any{"id": id, "timestamp": time.Now().UTC().Format(time.RFC3339),
		"errorCode": ec, "errorDetails": msg})
}

// readJSON decodes a validated JSON body into v, or answers 400 and returns false.
func (st *cbAccountingState) readJSON(w http.ResponseWriter, body []byte, v any) bool {
	if err := json.Unmarshal(body, v); err != nil {
		cloudbedsAccountingError(w, http.StatusBadRequest, "", "request body: "+err.Error())
		return false
	}
	return true
}

func (st *cbAccountingState) id() string {
	st.nextID++
	return strconv.FormatInt(st.nextID, 10)
}

// project returns the fields of t the document declares for its shape.
func project(t map[string]any, fields []string) map[string]any {
	out := map[string]any{}
	for _, f := range fields {
		if v, ok := t[f]; ok {
			out[f] = v
		}
	}
	return out
}

// text returns v as the text Cloudbeds' ids and codes compare as.
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// matches evaluates a filter tree (a field condition, or an and/or group) against t.
func matches(f any, t map[string]any) bool {
	m, _ := f.(map[string]any)
	if m == nil {
		return true
	}
	if list, ok := m["and"].([]any); ok {
		for _, c := range list {
			if !matches(c, t) {
				return false
			}
		}
		return true
	}
	if list, ok := m["or"].([]any); ok {
		for _, c := range list {
			if matches(c, t) {
				return true
			}
		}
		return len(list) == 0
	}
	field, _ := m["field"].(string)
	have := text(t[field])
	switch op, _ := m["operator"].(string); op {
	case "equals":
		return have == text(m["value"])
	case "not_equals":
		return have != text(m["value"])
	case "in", "not_in":
		list, _ := m["value"].([]any)
		in := slices.ContainsFunc(list, func(v any) bool { return text(v) == have })
		return in == (op == "in")
	case "contains":
		return strings.Contains(have, text(m["value"]))
	case "not_contains":
		return !strings.Contains(have, text(m["value"]))
	case "is_null":
		return t[field] == nil
	case "not_null":
		return t[field] != nil
	}
	return true // comparisons the sandbox does not model keep every transaction
}

// page cuts items at the offset a page token names; the token of the next page is "p<offset>".
func page[T any](items []T, token string, limit int) ([]T, string) {
	offset := 0
	if n, err := strconv.Atoi(strings.TrimPrefix(token, "p")); err == nil && n > 0 {
		offset = n
	}
	if limit <= 0 {
		limit = cbAccountingDefaultLimit
	}
	if offset >= len(items) {
		return []T{}, ""
	}
	end := min(offset+limit, len(items))
	next := ""
	if end < len(items) {
		next = "p" + strconv.Itoa(end)
	}
	return items[offset:end], next
}

func (st *cbAccountingState) listTransactions(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		Filters   any    `json:"filters"`
		PageToken string `json:"pageToken"`
		Limit     int    `json:"limit"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	var hits []map[string]any
	for _, t := range st.txs {
		if matches(in.Filters, t) {
			hits = append(hits, project(t, st.txFields))
		}
	}
	st.mu.Unlock()
	items, next := page(hits, in.PageToken, in.Limit)
	out := map[string]any{"transactions": items}
	if next != "" {
		out["nextPageToken"] = next
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, out)
}

func (st *cbAccountingState) listFolioTransactions(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		SourceID  json.Number `json:"sourceId"`
		FolioID   json.Number `json:"folioId"`
		PageToken string      `json:"pageToken"`
		Limit     int         `json:"limit"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	var hits []map[string]any
	for _, t := range st.txs {
		if text(t["sourceId"]) != in.SourceID.String() || (in.FolioID != "" && text(t["folioId"]) != in.FolioID.String()) {
			continue
		}
		ft := project(t, st.folioTxFields)
		ft["posted"] = true
		hits = append(hits, ft)
	}
	st.mu.Unlock()
	items, next := page(hits, in.PageToken, in.Limit)
	groups := map[string]any{}
	var count int
	var debit, credit float64
	for _, t := range items {
		key := text(t["folioId"])
		g, _ := groups[key].(map[string]any)
		if g == nil {
			g = map[string]any{"transactions": []any{}, "totals": map[string]any{"count": 0, "quantity": 0, "totalDebit": 0.0, "totalCredit": 0.0}}
			groups[key] = g
		}
		g["transactions"] = append(g["transactions"].([]any), t)
		tot := g["totals"].(map[string]any)
		amount, _ := strconv.ParseFloat(text(t["amount"]), 64)
		qty, _ := strconv.Atoi(text(t["quantity"]))
		tot["count"] = tot["count"].(int) + 1
		tot["quantity"] = tot["quantity"].(int) + qty
		if amount >= 0 {
			tot["totalDebit"] = tot["totalDebit"].(float64) + amount
			debit += amount
		} else {
			tot["totalCredit"] = tot["totalCredit"].(float64) - amount
			credit -= amount
		}
		count++
	}
	out := map[string]any{"groups": groups,
		"totals": map[string]any{"count": count, "totalDebit": debit, "totalCredit": credit, "currency": "USD", "currencyScale": 2}}
	if next != "" {
		out["nextPageToken"] = next
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, out)
}

// sortedFolios returns the live folios of a source, ordered by id.
func (st *cbAccountingState) sortedFolios(sourceID, kind string) []map[string]any {
	var out []map[string]any
	for id, f := range st.folios {
		if !st.deleted[id] && text(f["sourceId"]) == sourceID && (kind == "" || text(f["sourceKind"]) == kind) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b map[string]any) int { return cmp.Compare(text(a["id"]), text(b["id"])) })
	return out
}

func (st *cbAccountingState) getFolios(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	st.mu.Lock()
	out := st.sortedFolios(q.Get("sourceId"), q.Get("sourceKind"))
	if out == nil {
		out = []map[string]any{}
	}
	b, _ := json.Marshal(out)
	st.mu.Unlock()
	cbRequestID(w)
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(b, '\n'))
}

func (st *cbAccountingState) createFolio(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	id := st.id()
	f := map[string]any{"id": id, "propertyId": st.cb.s.creds.CloudbedsPropertyID, "routeChildrenTypes": []any{}}
	for k, v := range in {
		f[k] = v
	}
	f["sourceId"] = text(in["sourceId"])
	st.folios[id] = f
	cbRequestID(w)
	writeJSON(w, http.StatusCreated, map[string]any{"id": id})
}

// folio returns the live folio of the path's id, answering 404 when there is none.
func (st *cbAccountingState) folio(w http.ResponseWriter, id string) map[string]any {
	f := st.folios[id]
	if f == nil || st.deleted[id] {
		cloudbedsAccountingError(w, http.StatusNotFound, "", "Folio "+id+" not found")
		return nil
	}
	return f
}

func (st *cbAccountingState) updateFolio(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in map[string]any
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	f := st.folio(w, params["id"])
	if f == nil {
		return
	}
	for k, v := range in {
		f[k] = v
	}
	cbRequestID(w)
	w.WriteHeader(http.StatusNoContent)
}

func (st *cbAccountingState) deleteFolio(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id := params["id"]
	if st.folio(w, id) == nil {
		return
	}
	if slices.ContainsFunc(st.txs, func(t map[string]any) bool { return text(t["folioId"]) == id }) {
		cloudbedsAccountingError(w, http.StatusBadRequest, "FOLIO_HAS_TRANSACTIONS", "Folio "+id+" still holds transactions")
		return
	}
	st.deleted[id] = true
	cbRequestID(w)
	w.WriteHeader(http.StatusNoContent)
}

func (st *cbAccountingState) moveTransactions(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		SourceID      json.Number   `json:"sourceId"`
		SourceFolioID json.Number   `json:"sourceFolioId"`
		TargetFolioID json.Number   `json:"targetFolioId"`
		Transactions  []json.Number `json:"transactions"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.folio(w, in.TargetFolioID.String()) == nil {
		return
	}
	for _, t := range st.txs {
		if text(t["sourceId"]) != in.SourceID.String() || (in.SourceFolioID != "" && text(t["folioId"]) != in.SourceFolioID.String()) {
			continue
		}
		if len(in.Transactions) == 0 || slices.ContainsFunc(in.Transactions, func(n json.Number) bool { return n.String() == text(t["id"]) }) {
			t["folioId"] = in.TargetFolioID.String()
		}
	}
	cbRequestID(w)
	w.WriteHeader(http.StatusOK) // upstream: an empty 200
}

func (st *cbAccountingState) timestamp() string { return st.now().UTC().Format(time.RFC3339) }

func (st *cbAccountingState) postChannelCommission(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var in struct {
		ReservationID json.Number `json:"reservationId"`
		GuestID       json.Number `json:"guestId"`
		ChannelCode   string      `json:"channelCode"`
		Amount        json.Number `json:"amount"`
		Notes         *string     `json:"notes"`
		FolioID       json.Number `json:"folioId"`
	}
	if !st.readJSON(w, body, &in) {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	amount, _ := in.Amount.Float64()
	now := st.timestamp()
	t := map[string]any{"id": st.id(), "propertyId": st.cb.s.creds.CloudbedsPropertyID, "internalTransactionCode": "7100",
		"amount": amount, "currency": "USD", "currencyScale": 2, "customerId": in.GuestID.String(),
		"sourceId": in.ReservationID.String(), "sourceKind": "RESERVATION", "externalRelationKind": "CHANNEL_COMMISSION",
		"quantity": 1, "description": "Channel commission " + in.ChannelCode, "transactionDatetime": now, "createdAt": now,
		"serviceDate": now[:10], "businessDate": now[:10]}
	if in.Notes != nil {
		t["notes"] = *in.Notes
	}
	if in.FolioID != "" {
		t["folioId"] = in.FolioID.String()
	}
	t["rootId"] = t["id"]
	st.txs = append(st.txs, t)
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"eventId": "evt-" + t["id"].(string)})
}

func (st *cbAccountingState) voidChannelCommission(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	id := params["transactionId"]
	st.mu.Lock()
	defer st.mu.Unlock()
	i := slices.IndexFunc(st.txs, func(t map[string]any) bool {
		return text(t["id"]) == id && t["externalRelationKind"] == "CHANNEL_COMMISSION"
	})
	if i < 0 {
		cloudbedsAccountingError(w, http.StatusNotFound, "", "Channel commission "+id+" not found")
		return
	}
	orig := st.txs[i]
	if slices.ContainsFunc(st.txs, func(t map[string]any) bool { return text(t["parentId"]) == id }) {
		cloudbedsAccountingError(w, http.StatusBadRequest, "INVALID_ARGUMENT_ERROR", "Channel commission "+id+" is already void")
		return
	}
	amount, _ := strconv.ParseFloat(text(orig["amount"]), 64)
	rev := map[string]any{}
	for k, v := range orig {
		rev[k] = v
	}
	now := st.timestamp()
	rev["id"], rev["parentId"], rev["amount"] = st.id(), id, -amount
	rev["description"], rev["transactionDatetime"], rev["createdAt"] = "Void of channel commission "+id, now, now
	st.txs = append(st.txs, rev)
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"eventId": "evt-" + rev["id"].(string)})
}
