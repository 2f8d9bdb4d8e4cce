package form_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/form"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// flagsAndTimes has one of each value the per-call choices act on, and a date they leave alone.
type flagsAndTimes struct {
	Send      *bool             `json:"send,omitempty"`
	Paid      bool              `json:"paid"`
	Created   *wire.SQLDateTime `json:"created,omitempty"`
	Sale      wire.SQLDateTime  `json:"sale"`
	Stamp     wire.DateTime     `json:"stamp"`
	At        time.Time         `json:"at"`
	Kept      wire.SQLDateTime  `json:"kept,omitzero"`
	StartDate wire.Date         `json:"startDate"`
	Rooms     []struct {
		Locked bool `json:"locked"`
	} `json:"rooms"`
}

func TestEncodeContext(t *testing.T) {
	wall := time.Date(2025, 6, 12, 14, 5, 0, 0, time.UTC)
	lisbon := time.Date(2025, 6, 12, 14, 5, 0, 0, time.FixedZone("WEST", 3600))
	body := flagsAndTimes{
		Send:      ptr(true),
		Created:   &wire.SQLDateTime{Time: wall},
		Sale:      wire.SQLDateTime{Time: lisbon},
		Stamp:     wire.DateTime{Time: lisbon},
		At:        wall,
		Kept:      wire.SQLDateTime{Raw: "tomorrow"},
		StartDate: date("2025-06-12"),
		Rooms: []struct {
			Locked bool `json:"locked"`
		}{{true}},
	}
	tests := []struct {
		name string
		ctx  context.Context
		want url.Values
	}{
		{"defaults", context.Background(), url.Values{
			"send": {"1"}, "paid": {"0"}, "rooms[0][locked]": {"1"},
			"created": {"2025-06-12 14:05:00"}, "sale": {"2025-06-12 14:05:00"},
			"stamp": {"2025-06-12T14:05:00+01:00"}, "at": {"2025-06-12T14:05:00Z"},
			"kept": {"tomorrow"}, "startDate": {"2025-06-12"},
		}},
		{"booleans as words", form.WithBooleans(context.Background(), form.BooleansWords), url.Values{
			"send": {"true"}, "paid": {"false"}, "rooms[0][locked]": {"true"},
			"created": {"2025-06-12 14:05:00"}, "sale": {"2025-06-12 14:05:00"},
			"stamp": {"2025-06-12T14:05:00+01:00"}, "at": {"2025-06-12T14:05:00Z"},
			"kept": {"tomorrow"}, "startDate": {"2025-06-12"},
		}},
		{"date-times in RFC 3339", form.WithDateTimes(context.Background(), form.DateTimesRFC3339), url.Values{
			"send": {"1"}, "paid": {"0"}, "rooms[0][locked]": {"1"},
			"created": {"2025-06-12T14:05:00Z"}, "sale": {"2025-06-12T14:05:00+01:00"},
			"stamp": {"2025-06-12T14:05:00+01:00"}, "at": {"2025-06-12T14:05:00Z"},
			"kept": {"tomorrow"}, "startDate": {"2025-06-12"},
		}},
		{"date-times as SQL, booleans as words", form.WithDateTimes(form.WithBooleans(context.Background(), form.BooleansWords), form.DateTimesSQL), url.Values{
			"send": {"true"}, "paid": {"false"}, "rooms[0][locked]": {"true"},
			"created": {"2025-06-12 14:05:00"}, "sale": {"2025-06-12 14:05:00"},
			"stamp": {"2025-06-12 14:05:00"}, "at": {"2025-06-12 14:05:00"},
			"kept": {"tomorrow"}, "startDate": {"2025-06-12"},
		}},
		{"back to numeric", form.WithBooleans(form.WithBooleans(context.Background(), form.BooleansWords), form.BooleansNumeric), url.Values{
			"send": {"1"}, "paid": {"0"}, "rooms[0][locked]": {"1"},
			"created": {"2025-06-12 14:05:00"}, "sale": {"2025-06-12 14:05:00"},
			"stamp": {"2025-06-12T14:05:00+01:00"}, "at": {"2025-06-12T14:05:00Z"},
			"kept": {"tomorrow"}, "startDate": {"2025-06-12"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc, err := form.EncodeContext(tc.ctx, body)
			if err != nil {
				t.Fatalf("EncodeContext error = %v", err)
			}
			got, err := url.ParseQuery(enc)
			if err != nil {
				t.Fatalf("EncodeContext = %q, not a form: %v", enc, err)
			}
			if got.Encode() != tc.want.Encode() {
				t.Errorf("EncodeContext = %s,\nwant %s", got.Encode(), tc.want.Encode())
			}
		})
	}
	// Without choices EncodeContext is Encode.
	plain, _ := form.Encode(body)
	if enc, _ := form.EncodeContext(context.Background(), body); enc != plain {
		t.Errorf("EncodeContext(Background) = %q, Encode = %q", enc, plain)
	}
}

func TestEncodeContextYearOutOfRange(t *testing.T) {
	ctx := form.WithDateTimes(context.Background(), form.DateTimesSQL)
	body := struct {
		At time.Time `json:"at"`
	}{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	if enc, err := form.EncodeContext(ctx, body); err == nil {
		t.Errorf("EncodeContext(year 10000) = %q, want an error", enc)
	}
}
