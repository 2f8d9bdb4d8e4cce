package wire_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

type unknownBase struct {
	ID string `json:"id"`
}

type unknownItem struct {
	unknownBase
	Name     string                `json:"name"`
	Amount   wire.Decimal          `json:"amount"`
	When     wire.DateTime         `json:"when"`
	At       time.Time             `json:"at"`
	Tags     []string              `json:"tags"`
	Extra    any                   `json:"extra"`
	Raw      json.RawMessage       `json:"raw"`
	Nested   *unknownItem          `json:"nested,omitempty"`
	ByKey    map[string]int        `json:"byKey"`
	Guests   wire.Map[unknownBase] `json:"guests"`
	Untagged string
	Skipped  string       `json:"-"`
	Union    unknownUnion `json:"union"`
}

// unknownUnion is shaped like an oapi-codegen union: raw JSON behind its own decoding.
type unknownUnion struct{ union json.RawMessage }

func (u *unknownUnion) UnmarshalJSON(b []byte) error { u.union = b; return nil }

// unknownOpen is shaped like an oapi-codegen type with additionalProperties.
type unknownOpen struct {
	Name                 string                 `json:"name"`
	AdditionalProperties map[string]unknownBase `json:"-"`
}

func (o *unknownOpen) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := jsonv1.Unmarshal(b, &m); err != nil {
		return err
	}
	o.AdditionalProperties = map[string]unknownBase{}
	for k, v := range m {
		if k == "name" {
			jsonv1.Unmarshal(v, &o.Name)
			continue
		}
		var b unknownBase
		jsonv1.Unmarshal(v, &b)
		o.AdditionalProperties[k] = b
	}
	return nil
}

func TestUnknown(t *testing.T) {
	tests := []struct {
		name string
		body string
		v    any
		want map[string]string
	}{
		{"all known", `{"id":"1","name":"a","amount":"1.50","when":"2024-01-02T03:04:05Z","at":"2024-01-02T03:04:05Z",
			"tags":["x"],"extra":{"deep":{"free":1}},"raw":{"any":1},"byKey":{"a":1},"guests":{"g":{"id":"2"}},
			"Untagged":"u","union":{"kind":"b","whatever":1}}`, &unknownItem{}, nil},
		{"top level and nested", `{"id":"1","new":1,"nested":{"name":"n","deeper":[1,2]}}`, &unknownItem{},
			map[string]string{"/new": "1", "/nested/deeper": "[1,2]"}},
		{"embedded fields count", `{"id":"1","ID":"2"}`, unknownItem{}, nil},
		{"names match ignoring case", `{"NAME":"a","untagged":"u"}`, (*unknownItem)(nil), nil},
		{"json:\"-\" field is not a member", `{"Skipped":"s","-":1}`, &unknownItem{},
			map[string]string{"/Skipped": `"s"`, "/-": "1"}},
		{"slice of structs", `[{"id":"1"},{"id":"2","x":{"y":true}}]`, &[]unknownBase{},
			map[string]string{"/1/x": `{"y":true}`}},
		{"map values", `{"a":{"id":"1","z":null}}`, map[string]unknownBase{}, map[string]string{"/a/z": "null"}},
		{"wire.Map as a PHP list", `{"guests":[{"id":"1","q":2}]}`, &unknownItem{}, map[string]string{"/guests/0/q": "2"}},
		{"pointer escaping", `{"a/b":1,"c~d":2}`, &unknownBase{}, map[string]string{"/a~1b": "1", "/c~0d": "2"}},
		{"PHP [] for an object is not unknown", `{"nested":[],"byKey":[]}`, &unknownItem{}, nil},
		{"additional properties are known, checked by type", `{"name":"n","k":{"id":"1","extra":3}}`, &unknownOpen{},
			map[string]string{"/k/extra": "3"}},
		{"nil type: anything goes", `{"a":1}`, nil, nil},
		{"scalar", `42`, new(int), nil},
		{"empty body", ``, &unknownItem{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := wire.Unknown([]byte(tc.body), tc.v)
			if err != nil {
				t.Fatalf("Unknown(%s) = %v", tc.body, err)
			}
			if len(got) != len(tc.want) {
				t.Errorf("Unknown(%s) = keys %v, want %v", tc.body, slices.Sorted(maps.Keys(got)), tc.want)
			}
			for k, v := range tc.want {
				if string(got[k]) != v {
					t.Errorf("Unknown(%s)[%q] = %s, want %s", tc.body, k, got[k], v)
				}
			}
		})
	}
}

func TestUnknownInvalidJSON(t *testing.T) {
	for _, body := range []string{`{"a":`, `{"a" 1}`, `[1,`, `nope`} {
		if _, err := wire.Unknown([]byte(body), &unknownItem{}); err == nil || !strings.HasPrefix(err.Error(), "wire: ") {
			t.Errorf("Unknown(%s) = %v, want a wire: error", body, err)
		}
	}
}

// FuzzUnknown checks that Unknown never panics, whatever the bytes and the typed value, and
// that what it returns is keyed by JSON Pointers and holds valid JSON.
func FuzzUnknown(f *testing.F) {
	for _, seed := range []string{`{"id":"1","nested":{"x":[1,{"y":2}]},"guests":[{"id":"a"}]}`,
		`[{"id":1},{}]`, `{"a/b":{"~":null}}`, `[]`, `"x"`, `{"union":{"k":1},"k":{"id":"1"}}`, `{`} {
		f.Add([]byte(seed))
	}
	targets := []any{&unknownItem{}, &[]unknownBase{}, map[string]unknownItem{}, &unknownOpen{}, new(any), nil,
		&[]map[string][]*unknownItem{}, new([2]unknownBase)}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, v := range targets {
			got, err := wire.Unknown(body, v)
			if err != nil {
				continue
			}
			for k, raw := range got {
				if !strings.HasPrefix(k, "/") {
					t.Errorf("Unknown(%q) key %q is not a JSON Pointer", body, k)
				}
				if !json.Valid(raw) && jsonv1.Unmarshal(raw, new(any)) != nil {
					t.Errorf("Unknown(%q)[%q] = %q, not JSON", body, k, raw)
				}
			}
		}
	})
}
