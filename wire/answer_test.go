package wire_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

type answerAddress struct {
	City string `json:"city"`
}

type answerItem struct {
	Adults wire.Int `json:"adults"`
	Name   string   `json:"name"`
}

type answer struct {
	ID      string            `json:"reservationID"`
	Count   int               `json:"count"`
	Address answerAddress     `json:"propertyAddress"`
	Ptr     *answerAddress    `json:"other"`
	Plain   map[string]string `json:"plain"`
	Items   []answerItem      `json:"items"`
	Token   string            `json:"accessToken"`
	Tail    string            `json:"tail"`
}

// Regression: one value in an unexpected shape failed the whole answer and the caller lost what
// did decode (a new reservation's id); PHP's [] for an empty object failed every Cloudbeds model.
func TestResponseDecoder(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    answer
		path    string // "" when the answer decodes
		excerpt string
	}{
		{name: "clean", body: `{"reservationID":"r1","tail":"t"}`, want: answer{ID: "r1", Tail: "t"}},
		{name: "php empty object", body: `{"reservationID":"r1","propertyAddress":[],"other":[],"plain":[],"tail":"t"}`,
			want: answer{ID: "r1", Tail: "t"}},
		{name: "odd field kept rest", body: `{"reservationID":"r1","count":"many","tail":"t"}`,
			want: answer{ID: "r1", Tail: "t"}, path: "/count", excerpt: `"many"`},
		{name: "odd nested wire value", body: `{"reservationID":"r1","items":[{"name":"a"},{"adults":"two","name":"b"}],"tail":"t"}`,
			want: answer{ID: "r1", Items: []answerItem{{Name: "a"}, {Name: "b"}}, Tail: "t"}, path: "/items/1/adults", excerpt: `"two"`},
		{name: "non-empty array for object", body: `{"reservationID":"r1","propertyAddress":[1],"tail":"t"}`,
			want: answer{ID: "r1", Tail: "t"}, path: "/propertyAddress", excerpt: `[1]`},
		{name: "secret redacted", body: `{"reservationID":"r1","accessToken":12345,"tail":"t"}`,
			want: answer{ID: "r1", Tail: "t"}, path: "/accessToken", excerpt: `[redacted]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := wire.NewResponseDecoder("postReservation")
			var got answer
			if err := d.Unmarshal([]byte(tc.body), &got); err != nil {
				t.Fatalf("Unmarshal = %v, want nil (failures are kept for Err)", err)
			}
			if got.ID != tc.want.ID || got.Tail != tc.want.Tail || got.Address != tc.want.Address || len(got.Items) != len(tc.want.Items) {
				t.Errorf("decoded %+v, want %+v", got, tc.want)
			}
			for i := range tc.want.Items {
				if got.Items[i] != tc.want.Items[i] {
					t.Errorf("Items[%d] = %+v, want %+v", i, got.Items[i], tc.want.Items[i])
				}
			}
			err := d.Err()
			if tc.path == "" {
				if err != nil {
					t.Fatalf("Err() = %v, want nil", err)
				}
				return
			}
			var de *wire.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("Err() = %v, want a *wire.DecodeError", err)
			}
			if de.Operation != "postReservation" || de.Path != tc.path || de.Excerpt != tc.excerpt {
				t.Errorf("DecodeError = {%q %q %q}, want {postReservation %q %q}", de.Operation, de.Path, de.Excerpt, tc.path, tc.excerpt)
			}
			if !strings.HasPrefix(err.Error(), "wire: postReservation answer") {
				t.Errorf("Error() = %q, want the wire: prefix and the operation", err)
			}
		})
	}
}

// Regression: an answer that is not JSON at all dropped the body; the decoder reports it and
// leaves the destination empty.
func TestResponseDecoderNotJSON(t *testing.T) {
	d := wire.NewResponseDecoder("getHotels")
	var got answer
	_ = d.Unmarshal([]byte(`<html>oops</html>`), &got)
	var de *wire.DecodeError
	if !errors.As(d.Err(), &de) {
		t.Fatalf("Err() = %v, want a *wire.DecodeError", d.Err())
	}
	if de.Operation != "getHotels" {
		t.Errorf("Operation = %q, want getHotels", de.Operation)
	}
}
