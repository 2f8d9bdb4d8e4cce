package wire

import (
	"encoding/json"
	"maps"
	"reflect"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// guest mirrors an entry of a Cloudbeds guestList.
type guest struct {
	GuestID String `json:"guestID"`
	Adults  Int    `json:"adults"`
}

func TestMapUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Map[guest]
		wantNil bool
		err     bool
	}{
		{name: "object", in: `{"55501": {"guestID": 55501, "adults": "2"}, "55502": {"guestID": "55502"}}`,
			want: Map[guest]{"55501": {GuestID: "55501", Adults: 2}, "55502": {GuestID: "55502"}}},
		{name: "empty object", in: `{}`, want: Map[guest]{}},
		// PHP's json_encode of an empty associative array.
		{name: "empty array", in: `[]`, want: Map[guest]{}},
		{name: "empty array with spaces", in: " [ ]\n", want: Map[guest]{}},
		// PHP's json_encode of an array keyed 0, 1, ...
		{name: "list keyed by index", in: `[{"guestID": "7"}, {"guestID": 8, "adults": 1}]`,
			want: Map[guest]{"0": {GuestID: "7"}, "1": {GuestID: "8", Adults: 1}}},
		{name: "null", in: `null`, wantNil: true},
		{name: "string", in: `"55501"`, err: true},
		{name: "number", in: `0`, err: true},
		{name: "bool", in: `false`, err: true},
		{name: "empty input", in: ``, err: true},
		{name: "bad entry in object", in: `{"1": {"adults": "two"}}`, err: true},
		{name: "bad entry in array", in: `[{"adults": true}]`, err: true},
		{name: "array of scalars", in: `[1]`, err: true},
		{name: "truncated", in: `{"1": `, err: true},
	}
	// The same inputs through the method itself, through encoding/json/v2 in v1 mode (what the
	// generated clients decode with; it calls UnmarshalJSONFrom) and through plain v2.
	decoders := []struct {
		name   string
		decode func(b []byte, m *Map[guest]) error
	}{
		{"UnmarshalJSON", func(b []byte, m *Map[guest]) error { return m.UnmarshalJSON(b) }},
		{"jsonv1.Unmarshal", func(b []byte, m *Map[guest]) error { return jsonv1.Unmarshal(b, m) }},
		{"jsonv2.Unmarshal", func(b []byte, m *Map[guest]) error { return jsonv2.Unmarshal(b, m) }},
	}
	for _, d := range decoders {
		for _, tc := range tests {
			t.Run(d.name+"/"+tc.name, func(t *testing.T) {
				// Stale entries must not survive a decode.
				got := Map[guest]{"stale": {GuestID: "0"}}
				err := d.decode([]byte(tc.in), &got)
				switch {
				case tc.err:
					if err == nil {
						t.Fatalf("%s(%q) = %v, want error", d.name, tc.in, got)
					}
				case err != nil:
					t.Fatalf("%s(%q) error = %v, want %v", d.name, tc.in, err, tc.want)
				case tc.wantNil:
					if got != nil {
						t.Errorf("%s(%q) = %v, want nil", d.name, tc.in, got)
					}
				case got == nil || !maps.Equal(got, tc.want):
					t.Errorf("%s(%q) = %#v, want %#v", d.name, tc.in, got, tc.want)
				}
			})
		}
	}
}

func TestMapRejectsScalarsWithValueError(t *testing.T) {
	for name, unmarshal := range map[string]func([]byte, any) error{"json": json.Unmarshal, "jsonv1": jsonv1.Unmarshal} {
		var m Map[any]
		err := unmarshal([]byte(`{"guestList": "none"}`), &struct {
			GuestList *Map[any] `json:"guestList"`
		}{&m})
		if err == nil {
			t.Fatalf(`%s.Unmarshal("none" into Map) = nil error, want an error`, name)
		}
		checkDecodeError(t, err, "Map")
	}
}

func TestMapInStruct(t *testing.T) {
	type reservation struct {
		GuestList Map[guest]    `json:"guestList,omitempty"`
		Detailed  Map[any]      `json:"detailedRates,omitempty"`
		Rates     Map[Decimal]  `json:"rates,omitempty"`
		Nested    Map[Map[Int]] `json:"nested,omitempty"`
	}
	const in = `{"guestList": [], "detailedRates": [], "rates": {"2025-06-12": "120.50", "2025-06-13": 99},
		"nested": {"a": [], "b": {"x": "3"}}}`
	var r, r1 reservation
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatalf("json.Unmarshal(%s) error = %v", in, err)
	}
	if err := jsonv1.Unmarshal([]byte(in), &r1); err != nil {
		t.Fatalf("jsonv1.Unmarshal(%s) error = %v", in, err)
	}
	if !reflect.DeepEqual(r, r1) {
		t.Errorf("jsonv1.Unmarshal = %#v, want %#v as encoding/json", r1, r)
	}
	if r.GuestList == nil || len(r.GuestList) != 0 || r.Detailed == nil || len(r.Detailed) != 0 {
		t.Errorf("guestList, detailedRates = %#v, %#v; want empty non-nil maps", r.GuestList, r.Detailed)
	}
	if want := (Map[Decimal]{"2025-06-12": "120.50", "2025-06-13": "99"}); !maps.Equal(r.Rates, want) {
		t.Errorf("rates = %v, want %v", r.Rates, want)
	}
	if len(r.Nested["a"]) != 0 || r.Nested["b"]["x"] != 3 {
		t.Errorf("nested = %v, want a empty and b.x 3", r.Nested)
	}

	// An empty map marshals as {} (omitted here), never as [].
	out, err := json.Marshal(reservation{Rates: Map[Decimal]{"2025-06-12": "120.50"}, Nested: Map[Map[Int]]{"a": {}}})
	if err != nil {
		t.Fatalf("json.Marshal error = %v", err)
	}
	if want := `{"rates":{"2025-06-12":"120.50"},"nested":{"a":{}}}`; string(out) != want {
		t.Errorf("json.Marshal = %s, want %s", out, want)
	}
}
