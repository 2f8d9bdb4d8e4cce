package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// getAccessToken answers the scopes of the live token in the path (API 1, user host).
func (c *cobot) getAccessToken(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	g := c.grant(params["token"])
	if g == nil {
		cobotV1Error(w, http.StatusNotFound, "not_found", "not found")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"scope": append([]string{}, g.scopes...)})
}

// revokeAccessToken revokes the token in the path; it answers 204 with no body.
func (c *cobot) revokeAccessToken(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	if c.grant(params["token"]) == nil {
		cobotV1Error(w, http.StatusNotFound, "not_found", "not found")
		return
	}
	c.revoke(params["token"])
	w.WriteHeader(http.StatusNoContent)
}

// createSpaceAccessToken exchanges the user token in the path for a token owned by the space
// the user administers. The new token has the user token's API scopes and never expires.
func (c *cobot) createSpaceAccessToken(w http.ResponseWriter, _ *http.Request, params map[string]string, body []byte) {
	var in struct {
		SpaceID string `json:"space_id"`
	}
	json.Unmarshal(body, &in) // validated against the schema already
	g := c.grant(params["token"])
	switch {
	case g == nil:
		cobotV1Error(w, http.StatusNotFound, "not_found", "not found")
		return
	case g.user == "":
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": map[string][]string{"base": {"only a user's token can be exchanged for a space-owned token"}}})
		return
	case in.SpaceID != CobotSpaceID:
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"errors": map[string][]string{"space_id": {"is not a space the token's user administers"}}})
		return
	}
	var scopes []string
	for _, s := range g.scopes {
		if !slices.Contains(cobotOIDCScopes, s) {
			scopes = append(scopes, s)
		}
	}
	tok, _ := c.issue(&cobotGrant{clientID: g.clientID, scopes: scopes, space: in.SpaceID}, true)
	writeJSON(w, http.StatusOK, map[string]any{"scope": append([]string{}, scopes...), "token": tok, "client_id": g.clientID})
}

// membershipV1 renders a membership in API 1's snake_case form.
func (st *cobotState) membershipV1(m *cobotMembership) map[string]any {
	var user any
	if m.user != "" {
		user = map[string]any{"id": m.user, "email": m.email}
	}
	var canceled any
	if m.canceled != nil {
		canceled = m.canceled.Format("2006/01/02")
	}
	return map[string]any{
		"id": m.id, "name": m.name, "email": m.email, "phone": m.phone, "user": user, "picture": nil,
		"address":        map[string]any{"company": cobotNullable(m.company), "name": m.name, "full_address": nil, "country": nil},
		"billing_emails": []string{m.email}, "charge_taxes": true, "customer_number": strconv.Itoa(m.customerNumber),
		"plan": map[string]any{"name": "Flex Desk", "description": "Any free desk, weekdays 8 to 20.",
			"price_per_cycle_in_cents": 19000, "price_per_cycle": "190.0", "total_price_per_cycle": "226.1",
			"tax_rate": "19.0", "cycle_duration": 1, "currency": "EUR", "cancellation_period": 30, "canceled_to": nil},
		"upcoming_plan": nil, "payment_method": nil,
		"confirmed_at":    m.confirmed.Format("2006/01/02 15:04:05 -0700"),
		"starts_at":       m.confirmed.Format("2006/01/02"),
		"canceled_to":     canceled,
		"next_invoice_at": m.confirmed.AddDate(0, 1, 0).Format("2006/01/02"),
	}
}

// listMembershipsV1 answers every membership of the space as a bare array.
func (st *cobotState) listMembershipsV1(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	out := make([]any, 0, len(st.memberships))
	for _, m := range st.memberships {
		out = append(out, st.membershipV1(m))
	}
	st.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (st *cobotState) getMembershipV1(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.membership(params["id"])
	if m == nil {
		cobotV1Error(w, http.StatusNotFound, "not_found", "not found")
		return
	}
	writeJSON(w, http.StatusOK, st.membershipV1(m))
}

func (st *cobotState) listSubscriptions(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]*cobotSubscription, 0, len(st.subscriptions))
	out = append(out, st.subscriptions...)
	writeJSON(w, http.StatusOK, out)
}

// createSubscription subscribes a callback to an event; the same event and callback twice
// is a conflict.
func (st *cobotState) createSubscription(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	var in struct {
		Event       string `json:"event"`
		CallbackURL string `json:"callback_url"`
	}
	json.Unmarshal(body, &in) // validated against the schema already
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, s := range st.subscriptions {
		if s.Event == in.Event && s.CallbackURL == in.CallbackURL {
			writeJSON(w, http.StatusConflict, map[string]any{"errors": []string{"callback_url has already been taken"}})
			return
		}
	}
	id := strconv.Itoa(st.nextSub)
	st.nextSub++
	sub := &cobotSubscription{ID: id, Event: in.Event, Active: true, CallbackURL: in.CallbackURL,
		URL: cobotIssuer(r) + "/api/subscriptions/" + id}
	st.subscriptions = append(st.subscriptions, sub)
	writeJSON(w, http.StatusCreated, sub)
}

func (st *cobotState) deleteSubscription(w http.ResponseWriter, _ *http.Request, params map[string]string, _ []byte) {
	st.mu.Lock()
	defer st.mu.Unlock()
	i := slices.IndexFunc(st.subscriptions, func(s *cobotSubscription) bool { return s.ID == params["id"] })
	if i < 0 {
		cobotV1Error(w, http.StatusNotFound, "not_found", "not found")
		return
	}
	st.subscriptions = slices.Delete(st.subscriptions, i, i+1)
	w.WriteHeader(http.StatusNoContent)
}

// cobotNever is the expiry of tokens that do not expire.
var cobotNever = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
