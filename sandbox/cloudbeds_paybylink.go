package sandbox

// The Cloudbeds Pay-by-Link API v2.0 on the sandbox
//
// It is served under [CloudbedsPayByLinkAPIPath] (the stand-in for https://api.cloudbeds.com/payments/v2)
// with the credential of the PMS APIs sent as the document declares it, a bearer token: a live
// access token of a Cloudbeds consent, or an API key of [Credentials] in Authorization: Bearer (see
// authenticateBearer). X-Property-Id must name the sandbox's property. Failures are answered as
// the document says: 401 {"timestamp", "errors"}, and 400 (an unknown link among them), 404 and 500
// in plain text.
//
// Links are stateful: createPayByLink stores a link (the folio, amount, capture method, notes and
// expiry it names; the amount is in the property's currency) and answers its id, URL and expiry;
// getPayByLink reads it back. The URL is a payment page on the sandbox,
// [CloudbedsPayByLinkPagePath] + id: GET shows it and marks the link VIEWED, POST with pay=1 pays
// it (PAID, completedAt set); a link past its expiry is EXPIRED and takes no payment.

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// Pay-by-Link paths on the sandbox. CloudbedsPayByLinkAPIPath is the base the document's paths
// follow (the value to use as hospitality.CloudbedsConfig.BaseURL for ConnectCloudbedsPayByLink);
// CloudbedsPayByLinkPagePath + a link id is the payment page a created link's URL names.
const (
	CloudbedsPayByLinkAPIPath  = "/cloudbeds-pay-by-link"
	CloudbedsPayByLinkPagePath = "/cloudbeds-pay-by-link-page/"
)

// cbPayByLinkCurrency is the currency of the sandbox property's amounts.
const cbPayByLinkCurrency = "USD"

// cbInventoryTypes are the inventory object kinds a link may be for.
var cbInventoryTypes = []string{"confirmation_number", "group_profile", "house_account", "reservation", "reservation_room"}

// cbPayByLinkState keeps the payment links.
type cbPayByLinkState struct {
	cb  *cloudbedsSandbox
	now func() time.Time

	mu    sync.Mutex
	links map[string]*cbLink
}

// cbLink is one payment link.
type cbLink struct {
	id, notes, capture     string
	folio                  *int64
	amount                 float64
	created, expires, paid time.Time
	viewed                 bool
}

// registerCloudbedsPayments mounts the three Cloudbeds payment APIs (Pay-by-Link, the Payment
// Element keys and the Payments Vault) next to the PMS APIs, sharing their credentials.
func registerCloudbedsPayments(cb *cloudbedsSandbox) error {
	for _, register := range []func(*cloudbedsSandbox) error{registerCloudbedsPayByLink, registerCloudbedsPaymentElement, registerCloudbedsVault} {
		if err := register(cb); err != nil {
			return err
		}
	}
	return nil
}

func registerCloudbedsPayByLink(cb *cloudbedsSandbox) error {
	a := &api{name: "cloudbeds-pay-by-link", prefix: CloudbedsPayByLinkAPIPath, errorFn: cloudbedsPayByLinkError,
		check: cb.checkPayByLinkProperty, authenticate: cb.authenticateBearer}
	if err := cb.s.mount(a, specs.CloudbedsPayByLink); err != nil {
		return err
	}
	st := &cbPayByLinkState{cb: cb, now: cb.s.opts.Now, links: map[string]*cbLink{}}
	a.ops = map[string]opFunc{
		"createPayByLink": st.create,
		"getPayByLink":    st.get,
	}
	cb.s.mux.HandleFunc("GET "+CloudbedsPayByLinkPagePath+"{id}", st.page)
	cb.s.mux.HandleFunc("POST "+CloudbedsPayByLinkPagePath+"{id}", st.page)
	return nil
}

// authenticateBearer checks the credential of the Cloudbeds APIs whose documents declare only an
// HTTP bearer scheme (Pay-by-Link, the Payment Element keys, the Payments Vault): Authorization:
// Bearer with a live access token of a Cloudbeds consent, or with an API key of the sandbox (the
// same credentials the PMS APIs take). An x-api-key header alone is refused: these documents do not
// declare it. The documents name no scopes, so none are checked.
func (cb *cloudbedsSandbox) authenticateBearer(r *http.Request, ai *openapi3filter.AuthenticationInput) error {
	if sch := ai.SecurityScheme; sch.Type != "http" || !strings.EqualFold(sch.Scheme, "bearer") {
		return fmt.Errorf("unsupported security scheme %s", sch.Type)
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "missing bearer token"}
	}
	cb.mu.Lock()
	k, conn := cb.keys[tok], cb.access[tok]
	revoked := k != nil && k.revoked
	cb.mu.Unlock()
	switch {
	case revoked:
		return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "the API key was revoked"}
	case k != nil:
		return nil
	case conn != nil:
		if err := cb.s.bearerOK(r, cloudbedsProvider); err != nil {
			return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: err.Error()}
		}
		return nil
	}
	return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "unknown access token or API key"}
}

// checkPayByLinkProperty refuses a property other than the sandbox's in X-Property-Id, as the
// authentication layer does (401).
func (cb *cloudbedsSandbox) checkPayByLinkProperty(s *Server, r *http.Request) (int, string, string) {
	if id := strings.TrimSpace(r.Header.Get("X-Property-Id")); id != s.creds.CloudbedsPropertyID {
		return http.StatusUnauthorized, "propertyId", fmt.Sprintf("The credentials have no access to property %s", id)
	}
	return 0, "", ""
}

// cloudbedsPayByLinkError writes Pay-by-Link's failures: 401 as {"timestamp", "errors"} (the
// messages under code, or "authorization"), anything else as plain text.
func cloudbedsPayByLinkError(w http.ResponseWriter, status int, code, msg string) {
	cbRequestID(w)
	if status == http.StatusUnauthorized {
		key := "authorization"
		if code != "" && code != "unauthorized" {
			key = code
		}
		writeJSON(w, status, map[string]any{"timestamp": time.Now().UnixMilli(), "errors": map[string][]string{key: {msg}}})
		return
	}
	if status == http.StatusRequestEntityTooLarge {
		status = http.StatusBadRequest
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, msg)
}

// cbUUID returns a random (version 4) UUID.
func cbUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// cbLocalTime formats t as the published examples do, without an offset.
func cbLocalTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05") }

func (st *cbPayByLinkState) create(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	var req struct {
		Paid            float64 `json:"paid"`
		Description     *string `json:"description"`
		InventoryObject struct {
			Type string `json:"type"`
			ID   string `json:"id"`
		} `json:"inventoryObject"`
		PropertyID   string `json:"propertyId"`
		FolioID      *int64 `json:"folio_id"`
		ExpiresAfter *int   `json:"expires_after"`
		AuthPayment  bool   `json:"auth_payment"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		cloudbedsPayByLinkError(w, http.StatusBadRequest, "", "invalid request body: "+err.Error())
		return
	}
	switch {
	case !slices.Contains(cbInventoryTypes, req.InventoryObject.Type):
		cloudbedsPayByLinkError(w, http.StatusBadRequest, "", "inventoryObject.type must be one of "+strings.Join(cbInventoryTypes, ", "))
		return
	case strings.TrimSpace(req.InventoryObject.ID) == "":
		cloudbedsPayByLinkError(w, http.StatusBadRequest, "", "inventoryObject.id is required")
		return
	case req.PropertyID != "" && req.PropertyID != st.cb.s.creds.CloudbedsPropertyID:
		cloudbedsPayByLinkError(w, http.StatusBadRequest, "", "propertyId does not match X-Property-Id")
		return
	}
	days := 7
	if req.ExpiresAfter != nil {
		days = *req.ExpiresAfter
	}
	now := st.now().UTC().Truncate(time.Second)
	l := &cbLink{id: cbUUID(), folio: req.FolioID, amount: req.Paid, capture: "charge", created: now, expires: now.AddDate(0, 0, days)}
	if req.AuthPayment {
		l.capture = "auth"
	}
	if req.Description != nil {
		l.notes = *req.Description
	}
	st.mu.Lock()
	st.links[l.id] = l
	st.mu.Unlock()
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	writeJSON(w, http.StatusOK, map[string]any{"url": scheme + "://" + r.Host + CloudbedsPayByLinkPagePath + l.id,
		"id": l.id, "expires_at": cbLocalTime(l.expires)})
}

// link returns the stored link id, or nil.
func (st *cbPayByLinkState) link(id string) *cbLink {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.links[strings.ToLower(id)]
}

// view returns a link's answer as getPayByLink gives it. st.mu must be held.
func (st *cbPayByLinkState) view(l *cbLink) map[string]any {
	now := st.now()
	paid := !l.paid.IsZero()
	expired := !paid && !now.Before(l.expires)
	status := "SENT"
	switch {
	case paid:
		status = "PAID"
	case expired:
		status = "EXPIRED"
	case l.viewed:
		status = "VIEWED"
	}
	property, _ := strconv.ParseInt(st.cb.s.creds.CloudbedsPropertyID, 10, 64)
	v := map[string]any{"id": l.id, "propertyId": property, "folioId": nil, "payByLinkStatus": status,
		"completedAt": nil, "expiresAt": cbLocalTime(l.expires), "createdAt": cbLocalTime(l.created),
		"captureMethod": l.capture, "cost": map[string]any{"value": l.amount, "currency": cbPayByLinkCurrency},
		"notes": nil, "expired": expired, "paid": paid, "readyForPayment": !paid && !expired}
	if l.folio != nil {
		v["folioId"] = *l.folio
	}
	if paid {
		v["completedAt"] = cbLocalTime(l.paid)
	}
	if l.notes != "" {
		v["notes"] = l.notes
	}
	return v
}

func (st *cbPayByLinkState) get(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	l := st.links[strings.ToLower(params["uuid"])]
	var v map[string]any
	if l != nil {
		v = st.view(l)
	}
	st.mu.Unlock()
	if l == nil {
		cloudbedsPayByLinkError(w, http.StatusBadRequest, "", "Pay By Link not found")
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// page serves a link's payment page: GET shows the amount and marks the link viewed, POST with
// pay=1 pays it.
func (st *cbPayByLinkState) page(w http.ResponseWriter, r *http.Request) {
	l := st.link(r.PathValue("id"))
	if l == nil {
		http.Error(w, "Pay By Link not found", http.StatusNotFound)
		return
	}
	st.mu.Lock()
	v := st.view(l)
	msg := ""
	switch {
	case r.Method == http.MethodPost && r.FormValue("pay") == "1" && v["readyForPayment"] == true:
		l.paid = st.now().UTC().Truncate(time.Second)
		msg = "Thank you: the payment was received."
	case r.Method == http.MethodPost:
		msg = "This link takes no payment (" + v["payByLinkStatus"].(string) + ")."
	default:
		l.viewed = true
	}
	v = st.view(l)
	st.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!doctype html><title>Pay</title><h1>Pay %.2f %s</h1><p>%s</p><p>Status: %s</p>`,
		l.amount, cbPayByLinkCurrency, html.EscapeString(l.notes), v["payByLinkStatus"])
	if msg != "" {
		fmt.Fprintf(w, "<p>%s</p>", html.EscapeString(msg))
	} else if v["readyForPayment"] == true {
		fmt.Fprint(w, `<form method="post"><input type="hidden" name="pay" value="1"><button>Pay</button></form>`)
	}
}
