package hospitality

import (
	"encoding/json"
	"errors"
	"reflect"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

// UnknownFields returns the members of a typed call's JSON answer that its generated type has no
// field for — fields the provider sends that the spec does not know yet, which decoding drops —
// keyed by JSON Pointer ("/reservations/0/rooms/0/newField") with their raw JSON values. resp is
// the *<Op>Response of any generated client (…WithResponse): UnknownFields compares its Body with
// the type of whichever decoded field is set (JSON200, ApplicationVndAPIJSON200, JSON404, …).
// See [wire.Unknown] for the matching rules.
//
// It is opt-in and on demand: the call itself decodes as before, and nothing is kept for this;
// UnknownFields reads Body again when called. It returns nil when every member is known, and nil
// with no error when the response holds no decoded JSON answer (an empty body, a status the spec
// does not describe). It is safe for concurrent use.
func UnknownFields(resp any) (map[string]json.RawMessage, error) {
	rv := reflect.ValueOf(resp)
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return nil, errors.New("hospitality: unknown fields: nil response")
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, errors.New("hospitality: unknown fields: not a generated <Op>Response")
	}
	bf := rv.FieldByName("Body")
	if !bf.IsValid() || bf.Type() != reflect.TypeFor[[]byte]() {
		return nil, errors.New("hospitality: unknown fields: not a generated <Op>Response (no Body)")
	}
	body := bf.Bytes()
	for i := range rv.NumField() {
		f, sf := rv.Field(i), rv.Type().Field(i)
		if !sf.IsExported() || sf.Name == "Body" || sf.Name == "HTTPResponse" ||
			f.Kind() != reflect.Pointer || f.IsNil() {
			continue
		}
		return wire.Unknown(body, f.Interface())
	}
	return nil, nil
}
