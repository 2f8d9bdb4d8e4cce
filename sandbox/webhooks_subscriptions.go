package sandbox

// Webhook subscriptions on the sandbox
//
// Cloudbeds v1.3's postWebhook, getWebhooks and deleteWebhook are stateful here: postWebhook
// subscribes endpointUrl to the event object/action and answers its subscriptionID, getWebhooks
// lists the subscriptions (the shape Cloudbeds documents: id, key, event, owner,
// subscriptionType, subscriptionData.endpoint; count and total), and deleteWebhook removes one by
// subscriptionID. As everywhere on API v1.3, failures are HTTP 200 with success:false: an unknown
// subscriptionID, an endpointUrl that is not an absolute http(s) URL. Cobot's API 1
// subscriptions are kept by the Cobot state (see cobot_v1.go).

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
)

// cloudbedsWebhooks keeps the Cloudbeds subscriptions of the sandbox's one app.
type cloudbedsWebhooks struct {
	cb *cloudbedsSandbox

	mu   sync.Mutex
	next int64
	subs []*cbWebhook // in subscription order
}

// cbWebhook is one Cloudbeds subscription.
type cbWebhook struct {
	id, property, object, action, endpoint string
}

// registerCloudbedsWebhooks makes the v1.3 webhook operations stateful.
func registerCloudbedsWebhooks(cb *cloudbedsSandbox) {
	st := &cloudbedsWebhooks{cb: cb, next: 5100}
	cb.v1.ops["postWebhook"] = st.post
	cb.v1.ops["getWebhooks"] = st.list
	cb.v1.ops["deleteWebhook"] = st.remove
}

// property returns the property a request is about: its own field, X-PROPERTY-ID, or the
// sandbox's (checkV1 has refused any other).
func (st *cloudbedsWebhooks) property(r *http.Request, field string) string {
	if field != "" {
		return field
	}
	if v := r.Header.Get("X-PROPERTY-ID"); v != "" {
		return v
	}
	return st.cb.s.creds.CloudbedsPropertyID
}

func (st *cloudbedsWebhooks) post(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	// The body was validated against PostWebhookForm already: object, action and endpointUrl are
	// there, and every field is a plain string.
	form, err := url.ParseQuery(string(body))
	if err != nil {
		cloudbedsFail(w, "Invalid request body")
		return
	}
	endpoint := form.Get("endpointUrl")
	if u, err := url.Parse(endpoint); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		cloudbedsFail(w, "Invalid endpointUrl: an absolute http(s) URL is required")
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.next++
	sub := &cbWebhook{id: strconv.FormatInt(st.next, 10), property: st.property(r, form.Get("propertyID")),
		object: form.Get("object"), action: form.Get("action"), endpoint: endpoint}
	st.subs = append(st.subs, sub)
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": map[string]any{"subscriptionID": sub.id}})
}

func (st *cloudbedsWebhooks) list(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	prop := st.property(r, r.URL.Query().Get("propertyID"))
	st.mu.Lock()
	defer st.mu.Unlock()
	data := []map[string]any{}
	for _, s := range st.subs {
		if s.property != prop {
			continue
		}
		data = append(data, map[string]any{
			"id":               s.id,
			"key":              map[string]any{"type": "property", "id": s.property},
			"event":            map[string]any{"entity": s.object, "action": s.action},
			"owner":            map[string]any{"type": "client", "id": st.cb.s.creds.CloudbedsClientID},
			"subscriptionType": "webhook",
			"subscriptionData": map[string]any{"endpoint": s.endpoint},
		})
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true, "data": data, "count": len(data), "total": len(data)})
}

func (st *cloudbedsWebhooks) remove(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	id := r.URL.Query().Get("subscriptionID")
	st.mu.Lock()
	defer st.mu.Unlock()
	i := slices.IndexFunc(st.subs, func(s *cbWebhook) bool { return s.id == id })
	if i < 0 {
		cloudbedsFail(w, fmt.Sprintf("Subscription %s not found", id))
		return
	}
	st.subs = slices.Delete(st.subs, i, i+1)
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": true})
}
