package hospitality

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strconv"
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
// rather than failing the event (as does a timestamp of more than 64 characters or with an
// exponent beyond ±64). Unknown fields are ignored (they stay in Raw). It fails when body is not
// a JSON object, when a known field has an impossible type (such as an object where an id
// belongs), and, before decoding anything, when a JSON number in body is longer than 64
// characters or objects and arrays nest more than 32 deep: the cost of a payload stays linear in
// its size.
//
// Cloudbeds does not sign its deliveries, so nothing here proves a payload came from Cloudbeds:
// treat it as a hint and read the current state through the API before acting on it.
func ParseCloudbedsWebhook(body []byte) (*CloudbedsWebhookEvent, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("hospitality: cloudbeds webhook: payload is not a JSON object")
	}
	if err := checkWebhookJSON(body); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds webhook: %w", err)
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
	if t, ok := epochTime(text); ok {
		return t
	}
	var dt wire.DateTime
	if dt.UnmarshalText([]byte(text)) != nil {
		return time.Time{}
	}
	return dt.Time.UTC()
}

// epochTime reads text as decimal epoch seconds with an optional fraction and exponent, such as
// 1718000000.123456 or 1.718e9, exactly. It reports false when text is not such a number. A
// number longer than [maxWebhookNumber] characters, with an exponent beyond
// ±[maxWebhookNumber], negative, or of more seconds than an int64 holds is the zero time: the
// bounds keep the exact arithmetic, whose cost grows faster than the number's length, cheap.
func epochTime(text string) (time.Time, bool) {
	mantissa, exponent, hasExp := text, "", false
	if i := strings.IndexAny(text, "eE"); i >= 0 {
		mantissa, exponent, hasExp = text[:i], text[i+1:], true
	}
	if !decimalMantissa(mantissa) {
		return time.Time{}, false
	}
	if len(text) > maxWebhookNumber {
		return time.Time{}, true
	}
	if hasExp {
		e, err := strconv.Atoi(exponent)
		if err != nil || e < -maxWebhookNumber || e > maxWebhookNumber {
			return time.Time{}, true
		}
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok || r.Sign() < 0 {
		return time.Time{}, true
	}
	sec, frac := new(big.Int).DivMod(r.Num(), r.Denom(), new(big.Int))
	if !sec.IsInt64() {
		return time.Time{}, true
	}
	nsec := frac.Mul(frac, big.NewInt(int64(time.Second)))
	nsec.Quo(nsec, r.Denom())
	return time.Unix(sec.Int64(), nsec.Int64()).UTC(), true
}

// decimalMantissa reports whether s is an optionally signed decimal number without exponent,
// such as 1718000000, -1.5 or .5.
func decimalMantissa(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// CloudbedsWebhookHandler returns an [http.Handler] for the endpoint URL subscribed with
// Cloudbeds' postWebhook method. For each POST it reads the JSON payload (at most 1 MiB), decodes
// it with [ParseCloudbedsWebhook] and calls handle with the request's context. It answers 200
// when handle returns nil, and 500 when handle returns an error, so that Cloudbeds may deliver
// the event again; handle must therefore tolerate an event it has seen before. A payload that
// ParseCloudbedsWebhook refuses gets 400 (naming the limit when a number is too long or the
// nesting too deep), a larger one 413, and a method other than POST 405; handle is not called
// for those.
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
			rejectWebhook(w, "a Cloudbeds event", err)
			return
		}
		if err := handle(r.Context(), ev); err != nil {
			http.Error(w, "event not processed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
