package hospitality

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

// maxCloudbedsWebhookBody bounds the payload [CloudbedsWebhookHandler] reads. Cloudbeds events
// carry a few ids, far below this.
const maxCloudbedsWebhookBody = 1 << 20

// CloudbedsWebhookEvent is one event Cloudbeds posts to an endpoint subscribed with the
// postWebhook method: an HTTP POST with a JSON object naming what happened and to which property,
// reservation or guest. Cloudbeds does not publish a schema for these payloads; the fields below
// are those seen in deliveries, decoded leniently (see [ParseCloudbedsWebhook]), and Raw keeps
// the whole payload for anything event-specific.
type CloudbedsWebhookEvent struct {
	// Version is the payload version, as sent.
	Version string
	// Event is the event name, "object/action" such as "reservation/created".
	Event string
	// Time is when the event happened, from the timestamp field (seconds since the Unix epoch,
	// with a fraction), in UTC. It is the zero time when the payload has no usable timestamp.
	Time time.Time
	// PropertyID is the property the event is about, as text. Cloudbeds sends propertyID as a
	// JSON integer and propertyID_str as a string; propertyID_str is used when present.
	PropertyID string
	// ReservationID, GuestID and InvoiceID are the ids the event names, as text (empty when the
	// event carries none).
	ReservationID, GuestID, InvoiceID string
	// Raw is the payload exactly as received.
	Raw json.RawMessage
}

// cloudbedsWebhookWire is the wire form of a webhook payload: ids may be numbers or strings.
type cloudbedsWebhookWire struct {
	Version       wire.String     `json:"version"`
	Event         wire.String     `json:"event"`
	Timestamp     json.RawMessage `json:"timestamp"`
	PropertyID    wire.String     `json:"propertyID"`
	PropertyIDStr wire.String     `json:"propertyID_str"`
	ReservationID wire.String     `json:"reservationID"`
	GuestID       wire.String     `json:"guestID"`
	InvoiceID     wire.String     `json:"invoiceID"`
}

// ParseCloudbedsWebhook decodes a Cloudbeds webhook payload. It accepts propertyID as an integer
// or a string (preferring propertyID_str when both are present), ids as numbers or strings, and
// timestamp as a JSON number or numeric string of epoch seconds (such as 1718000000.123456) or a
// "YYYY-MM-DD HH:MM:SS" / RFC 3339 text; a timestamp in none of these forms leaves Time zero
// rather than failing the event. Unknown fields are ignored (they stay in Raw). It fails only
// when body is not a JSON object or a known field has an impossible type (such as an object
// where an id belongs).
//
// Cloudbeds does not sign its deliveries, so nothing here proves a payload came from Cloudbeds:
// treat it as a hint and read the current state through the API before acting on it.
func ParseCloudbedsWebhook(body []byte) (*CloudbedsWebhookEvent, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("hospitality: cloudbeds webhook: payload is not a JSON object")
	}
	var w cloudbedsWebhookWire
	if err := json.Unmarshal(trimmed, &w); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds webhook: %w", err)
	}
	ev := &CloudbedsWebhookEvent{
		Version:       string(w.Version),
		Event:         string(w.Event),
		Time:          cloudbedsWebhookTime(w.Timestamp),
		PropertyID:    string(w.PropertyIDStr),
		ReservationID: string(w.ReservationID),
		GuestID:       string(w.GuestID),
		InvoiceID:     string(w.InvoiceID),
		Raw:           append(json.RawMessage(nil), trimmed...),
	}
	if ev.PropertyID == "" {
		ev.PropertyID = string(w.PropertyID)
	}
	return ev, nil
}

// cloudbedsWebhookTime reads a timestamp: epoch seconds as a JSON number or numeric string,
// exactly (no float rounding), or a date-time text. Anything else is the zero time.
func cloudbedsWebhookTime(raw json.RawMessage) time.Time {
	var text string
	switch s := string(bytes.TrimSpace(raw)); {
	case s == "" || s == "null":
		return time.Time{}
	case s[0] == '"':
		if json.Unmarshal(raw, &text) != nil {
			return time.Time{}
		}
		text = strings.TrimSpace(text)
	default:
		text = s
	}
	if text == "" {
		return time.Time{}
	}
	if r, ok := new(big.Rat).SetString(text); ok {
		if r.Sign() < 0 {
			return time.Time{}
		}
		sec, frac := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
		if !sec.IsInt64() {
			return time.Time{}
		}
		nsec := frac.Mul(frac, big.NewInt(int64(time.Second)))
		nsec.Quo(nsec, r.Denom())
		return time.Unix(sec.Int64(), nsec.Int64()).UTC()
	}
	var dt wire.DateTime
	if dt.UnmarshalText([]byte(text)) != nil {
		return time.Time{}
	}
	return dt.Time.UTC()
}

// CloudbedsWebhookHandler returns an [http.Handler] for the endpoint URL subscribed with
// Cloudbeds' postWebhook method. For each POST it reads the JSON payload (at most 1 MiB), decodes
// it with [ParseCloudbedsWebhook] and calls handle with the request's context. It answers 200
// when handle returns nil, and 500 when handle returns an error, so that Cloudbeds may deliver
// the event again; handle must therefore tolerate an event it has seen before. A payload that is
// not a JSON object gets 400, a larger one 413, and a method other than POST 405; handle is not
// called for those.
//
// Cloudbeds does not sign deliveries: use an unguessable endpoint path over HTTPS and confirm
// anything important through the API before acting on it. The handler is safe for concurrent use
// if handle is. It panics if handle is nil.
func CloudbedsWebhookHandler(handle func(ctx context.Context, ev *CloudbedsWebhookEvent) error) http.Handler {
	if handle == nil {
		panic("hospitality: CloudbedsWebhookHandler: nil handle func")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := readWebhook(w, r, maxCloudbedsWebhookBody)
		if !ok {
			return
		}
		ev, err := ParseCloudbedsWebhook(body)
		if err != nil {
			http.Error(w, "payload is not a Cloudbeds event", http.StatusBadRequest)
			return
		}
		if err := handle(r.Context(), ev); err != nil {
			http.Error(w, "event not processed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// readWebhook reads the body of a webhook delivery of at most limit bytes. It answers 405 to a
// method other than POST, 413 to a larger body and 400 to a body it cannot read, and then
// reports false.
func readWebhook(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
		} else {
			http.Error(w, "cannot read payload", http.StatusBadRequest)
		}
		return nil, false
	}
	return body, true
}
