package sandbox

// The Cloudbeds Payment Element API key management v1.0 on the sandbox
//
// It is served under [CloudbedsPaymentElementAPIPath] (the stand-in for
// https://api.cloudbeds.com/payments/sdk-api) with the bearer credential of Pay-by-Link (a live
// access token of a Cloudbeds consent, or an API key of [Credentials] in Authorization: Bearer).
// Failures use real status codes with {"message"}.
//
// Keys are stateful: issueAPIKey issues a key (identity "pek_…" and a random secret, answered once
// and not kept) for properties the credential may act on — only the
// sandbox's, others get 403; listAPIKeys lists the keys newest first without secrets, filtered by
// property_ids, leaving revoked ones out unless include_revoked=true, a page of page_size (1 to
// 100, 50 by default) at a time with next_page_token; revokeAPIKey revokes a key for good (404 for
// an unknown identity, 409 when already revoked).

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// CloudbedsPaymentElementAPIPath is the base of the Cloudbeds Payment Element API key management
// on the sandbox (the value to use as hospitality.CloudbedsConfig.BaseURL for
// ConnectCloudbedsPaymentElement).
const CloudbedsPaymentElementAPIPath = "/cloudbeds-payment-element"

// cbElementPageSize is listAPIKeys' page size when the request names none.
const cbElementPageSize = 50

// cbElementState keeps the Payment Element keys.
type cbElementState struct {
	cb  *cloudbedsSandbox
	now func() time.Time

	mu   sync.Mutex
	keys []*cbElementKey // in issue order
}

// cbElementKey is one issued key. Its secret is not kept.
type cbElementKey struct {
	identity   string
	properties []string
	created    time.Time
	revoked    time.Time
}

func registerCloudbedsPaymentElement(cb *cloudbedsSandbox) error {
	a := &api{name: "cloudbeds-payment-element", prefix: CloudbedsPaymentElementAPIPath, errorFn: cloudbedsMessageError,
		authenticate: cb.authenticateBearer}
	if err := cb.s.mount(a, specs.CloudbedsPaymentElement); err != nil {
		return err
	}
	st := &cbElementState{cb: cb, now: cb.s.opts.Now}
	a.ops = map[string]opFunc{
		"issueAPIKey":  st.issue,
		"listAPIKeys":  st.list,
		"revokeAPIKey": st.revoke,
	}
	return nil
}

// cloudbedsMessageError writes the {"message"} failures of Cloudbeds' payment APIs with the real
// status.
func cloudbedsMessageError(w http.ResponseWriter, status int, _, msg string) {
	cbRequestID(w)
	writeJSON(w, status, map[string]string{"message": msg})
}

// cbMicroTime formats t as the API does: RFC 3339 in UTC with microseconds.
func cbMicroTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

func (st *cbElementState) issue(w http.ResponseWriter, _ *http.Request, _ map[string]string, body []byte) {
	var req struct {
		PropertyIDs []string `json:"property_ids"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		cloudbedsMessageError(w, http.StatusBadRequest, "", "Malformed request body")
		return
	}
	for _, p := range req.PropertyIDs {
		if strings.TrimSpace(p) != st.cb.s.creds.CloudbedsPropertyID {
			cloudbedsMessageError(w, http.StatusForbidden, "", "Insufficient permissions for the requested property IDs")
			return
		}
	}
	var id [12]byte
	rand.Read(id[:])
	secret := make([]byte, 32)
	rand.Read(secret)
	k := &cbElementKey{identity: "pek_" + hex.EncodeToString(id[:]),
		properties: slices.Compact(slices.Sorted(slices.Values(req.PropertyIDs))), created: st.now().UTC()}
	st.mu.Lock()
	st.keys = append(st.keys, k)
	st.mu.Unlock()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusCreated, map[string]any{"identity": k.identity, "secret": base64.RawURLEncoding.EncodeToString(secret),
		"property_ids": k.properties, "status": "active", "created_at": cbMicroTime(k.created)})
}

// view returns k as listed. st.mu must be held.
func (k *cbElementKey) view() map[string]any {
	v := map[string]any{"identity": k.identity, "property_ids": k.properties, "status": "active",
		"created_at": cbMicroTime(k.created), "revoked_at": nil}
	if !k.revoked.IsZero() {
		v["status"] = "revoked"
		v["revoked_at"] = cbMicroTime(k.revoked)
	}
	return v
}

func (st *cbElementState) list(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	q := r.URL.Query()
	size := cbElementPageSize
	if v := q.Get("page_size"); v != "" {
		size, _ = strconv.Atoi(v) // validated: 1 to 100
	}
	start := 0
	if tok := q.Get("page_token"); tok != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(tok, "pg_"))
		if !strings.HasPrefix(tok, "pg_") || err != nil || n < 0 {
			cloudbedsMessageError(w, http.StatusBadRequest, "", "Invalid page_token")
			return
		}
		start = n
	}
	filter := q["property_ids"]
	revoked := q.Get("include_revoked") == "true"
	st.mu.Lock()
	var all []map[string]any
	for i := len(st.keys) - 1; i >= 0; i-- {
		k := st.keys[i]
		if !revoked && !k.revoked.IsZero() {
			continue
		}
		if len(filter) > 0 && !slices.ContainsFunc(k.properties, func(p string) bool { return slices.Contains(filter, p) }) {
			continue
		}
		all = append(all, k.view())
	}
	st.mu.Unlock()
	page := []map[string]any{}
	var next any
	if start < len(all) {
		end := min(start+size, len(all))
		page = all[start:end]
		if end < len(all) {
			next = "pg_" + strconv.Itoa(end)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"api_keys": page, "next_page_token": next})
}

func (st *cbElementState) revoke(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	i := slices.IndexFunc(st.keys, func(k *cbElementKey) bool { return k.identity == params["identity"] })
	switch {
	case i < 0:
		cloudbedsMessageError(w, http.StatusNotFound, "", "API key not found")
	case !st.keys[i].revoked.IsZero():
		cloudbedsMessageError(w, http.StatusConflict, "", "API key is already revoked")
	default:
		st.keys[i].revoked = st.now().UTC()
		writeJSON(w, http.StatusOK, map[string]bool{"success": true})
	}
}
