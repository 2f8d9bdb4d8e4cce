package wire

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Unknown returns the members of the JSON document body that the typed value
// v has no field for: what decoding body into v dropped, because the spec the
// type was generated from does not know them. Each is keyed by its RFC 6901
// JSON Pointer ("/data/0/newField") and holds the member's raw JSON value.
// The result is nil when every member is known.
//
// v is the typed answer (a struct, pointer, slice or map: what body was, or
// would be, decoded into); only its type matters, so a nil pointer of the
// right type works too. Unknown walks body alongside that type, following
// pointers, slices, arrays and maps, and matching object members to struct
// fields by their json tags (or Go names), exactly and then ignoring case, as
// the generated decoding does. Embedded structs contribute their fields;
// members that a generated AdditionalProperties map collects are known, and
// checked against its value type. Values whose type decodes itself (the wire
// types, time.Time, oapi-codegen's unions, which keep their raw JSON) and
// values typed any or json.RawMessage count as known throughout. A member
// whose value has the wrong JSON kind for its field (PHP's [] for an object)
// is known: that is a decoding problem ([DecodeError]), not an unknown field.
//
// Unknown is opt-in and costs nothing until called: the generated decoding
// never calls it. It reads body once without building a tree; it fails only
// when body is not valid JSON. It is safe for concurrent use.
//
//	rsp, err := c.GetReservationsWithResponse(ctx, params)
//	extra, err := wire.Unknown(rsp.Body, rsp.JSON200)
//	for ptr, raw := range extra {
//		log.Printf("field the SDK does not know: %s = %s", ptr, raw)
//	}
func Unknown(body []byte, v any) (map[string]json.RawMessage, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	var t reflect.Type
	if v != nil {
		t = reflect.TypeOf(v)
	}
	w := unknownWalker{dec: jsontext.NewDecoder(bytes.NewReader(body),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))}
	if err := w.value(t); err != nil {
		return nil, fmt.Errorf("wire: unknown fields: %w", err)
	}
	if _, err := w.dec.ReadToken(); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("wire: unknown fields: %w", err)
	}
	return w.found, nil
}

type unknownWalker struct {
	dec   *jsontext.Decoder
	found map[string]json.RawMessage
	path  []byte
}

// value reads the next JSON value, typed t (nil: anything is known).
func (w *unknownWalker) value(t reflect.Type) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	kind := w.dec.PeekKind()
	if t == nil || (kind != '{' && kind != '[') || opaque(t) {
		return w.dec.SkipValue()
	}
	switch {
	case kind == '{' && t.Kind() == reflect.Struct:
		return w.object(structFields(t))
	case kind == '{' && t.Kind() == reflect.Map:
		return w.object(&fieldSet{rest: t.Elem()})
	case kind == '[' && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array ||
		(t.Kind() == reflect.Map && decodesItself(t))): // wire.Map reads PHP's lists too
		return w.array(t.Elem())
	}
	return w.dec.SkipValue() // the wrong kind: a decoding error, not an unknown field
}

func (w *unknownWalker) object(fs *fieldSet) error {
	if _, err := w.dec.ReadToken(); err != nil {
		return err
	}
	for w.dec.PeekKind() != '}' {
		tok, err := w.dec.ReadToken()
		if err != nil {
			return err
		}
		name := tok.String()
		n := len(w.path)
		w.path = appendPointer(append(w.path, '/'), name)
		if t, ok := fs.lookup(name); ok {
			err = w.value(t)
		} else {
			var raw jsontext.Value
			if raw, err = w.dec.ReadValue(); err == nil {
				if w.found == nil {
					w.found = map[string]json.RawMessage{}
				}
				w.found[string(w.path)] = json.RawMessage(raw.Clone())
			}
		}
		w.path = w.path[:n]
		if err != nil {
			return err
		}
	}
	_, err := w.dec.ReadToken()
	return err
}

func (w *unknownWalker) array(elem reflect.Type) error {
	if _, err := w.dec.ReadToken(); err != nil {
		return err
	}
	for i := 0; w.dec.PeekKind() != ']'; i++ {
		n := len(w.path)
		w.path = strconv.AppendInt(append(w.path, '/'), int64(i), 10)
		err := w.value(elem)
		w.path = w.path[:n]
		if err != nil {
			return err
		}
	}
	_, err := w.dec.ReadToken()
	return err
}

// appendPointer appends name escaped as a JSON Pointer reference token.
func appendPointer(b []byte, name string) []byte {
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '~':
			b = append(b, "~0"...)
		case '/':
			b = append(b, "~1"...)
		default:
			b = append(b, name[i])
		}
	}
	return b
}

// fieldSet is what a JSON object decoded into one Go type may hold: named
// members, and the value type of any others (a map, or a generated
// AdditionalProperties field); rest is nil when other members are dropped.
type fieldSet struct {
	exact, folded map[string]reflect.Type
	rest          reflect.Type
	restKnown     bool // other members are kept, typed rest (nil rest: any)
}

func (fs *fieldSet) lookup(name string) (reflect.Type, bool) {
	if t, ok := fs.exact[name]; ok {
		return t, true
	}
	if t, ok := fs.folded[strings.ToLower(name)]; ok {
		return t, true
	}
	if fs.rest != nil || fs.restKnown {
		return fs.rest, true
	}
	return nil, false
}

var (
	fieldSets   sync.Map // reflect.Type → *fieldSet
	anyType     = reflect.TypeFor[any]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	v1Unmarshal = reflect.TypeFor[json.Unmarshaler]()
	v2Unmarshal = reflect.TypeFor[jsonv2.UnmarshalerFrom]()
	textUnmarsh = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decodesItself reports whether t (or *t) has its own JSON decoding.
func decodesItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return p.Implements(v1Unmarshal) || p.Implements(v2Unmarshal) ||
		t.Implements(v1Unmarshal) || t.Implements(v2Unmarshal)
}

// opaque reports whether every member of a value typed t counts as known.
func opaque(t reflect.Type) bool {
	switch {
	case t == anyType || t.Kind() == reflect.Interface || t == rawType:
		return true
	case t.Kind() == reflect.Map:
		return false // wire.Map decodes itself, into elements typed like any map's
	case t.Kind() == reflect.Struct && decodesItself(t):
		_, extra := t.FieldByName("AdditionalProperties")
		return !extra // generated types with AdditionalProperties: see structFields
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return true // []byte: base64 text
	}
	return decodesItself(t) || (t.Kind() != reflect.Struct && reflect.PointerTo(t).Implements(textUnmarsh))
}

// structFields returns the members a struct type decodes, cached per type.
func structFields(t reflect.Type) *fieldSet {
	if fs, ok := fieldSets.Load(t); ok {
		return fs.(*fieldSet)
	}
	fs := &fieldSet{exact: map[string]reflect.Type{}, folded: map[string]reflect.Type{}}
	addFields(fs, t, 0)
	if f, ok := t.FieldByName("AdditionalProperties"); ok && f.Type.Kind() == reflect.Map && decodesItself(t) {
		fs.rest, fs.restKnown = f.Type.Elem(), true
	}
	actual, _ := fieldSets.LoadOrStore(t, fs)
	return actual.(*fieldSet)
}

func addFields(fs *fieldSet, t reflect.Type, depth int) {
	if depth > 16 {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			et := ft
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				addFields(fs, et, depth+1)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if _, dup := fs.exact[name]; !dup {
			fs.exact[name] = ft
		}
		if _, dup := fs.folded[strings.ToLower(name)]; !dup {
			fs.folded[strings.ToLower(name)] = ft
		}
	}
}
