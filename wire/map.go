package wire

import (
	"encoding/json"
	"strconv"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Map is a JSON object with string keys that also accepts the JSON array a
// PHP backend sends in its place.
//
// PHP's json_encode writes an empty associative array as [] rather than {},
// and an array whose keys happen to be 0, 1, 2, … as a list, so a field
// documented as an object (guests keyed by guest ID, rates keyed by date)
// can arrive as an array. Map decodes an object as a plain map would, [] as
// an empty map, and a non-empty array with each element keyed by its index
// ("0", "1", …); null gives a nil map. Any other JSON value is rejected, as
// are elements that do not decode as V. Map marshals as a plain Go map: a
// JSON object, or null when nil.
type Map[V any] map[string]V

// UnmarshalJSON implements [encoding/json.Unmarshaler]. The decoded value
// replaces m; entries m held before are not kept.
func (m *Map[V]) UnmarshalJSON(b []byte) error {
	b = trimSpace(b)
	if len(b) > 0 {
		switch b[0] {
		case 'n':
			if string(b) == "null" {
				*m = nil
				return nil
			}
		case '{':
			var out map[string]V
			if err := json.Unmarshal(b, &out); err != nil {
				return err
			}
			*m = out
			return nil
		case '[':
			var list []V
			if err := json.Unmarshal(b, &list); err != nil {
				return err
			}
			*m = byIndex(list)
			return nil
		}
	}
	return jsonError("Map", b)
}

// UnmarshalJSONFrom implements the streaming UnmarshalerFrom interface of
// encoding/json/v2 (github.com/go-json-experiment/json), with which the
// generated clients decode. It accepts what UnmarshalJSON accepts and decodes
// the entries from the same decoder, honouring its options, where
// UnmarshalJSON has to parse its value a second time.
func (m *Map[V]) UnmarshalJSONFrom(dec *jsontext.Decoder) error {
	switch dec.PeekKind() {
	case 'n':
		if _, err := dec.ReadToken(); err != nil {
			return err
		}
		*m = nil
		return nil
	case '{':
		var out map[string]V
		if err := jsonv2.UnmarshalDecode(dec, &out); err != nil {
			return err
		}
		if out == nil {
			out = map[string]V{}
		}
		*m = out
		return nil
	case '[':
		var list []V
		if err := jsonv2.UnmarshalDecode(dec, &list); err != nil {
			return err
		}
		*m = byIndex(list)
		return nil
	}
	b, err := dec.ReadValue()
	if err != nil {
		return err
	}
	return jsonError("Map", b)
}

// byIndex returns the elements of list keyed by their index ("0", "1", …), as
// PHP means a list sent in place of an object.
func byIndex[V any](list []V) map[string]V {
	out := make(map[string]V, len(list))
	for i, v := range list {
		out[strconv.Itoa(i)] = v
	}
	return out
}
