package form

import (
	"encoding"
	"fmt"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Marshal returns the form fields of v with PHP-style keys (rooms[0][roomTypeID]).
//
// v must be a struct, a map with string-like keys, or a pointer to either; a nil pointer gives
// empty values. Nested values follow the rules in the package documentation. Marshal fails on
// values a form cannot carry: channels, functions, complex numbers, NaN and infinities.
func Marshal(v any) (url.Values, error) {
	var e encoder
	if err := e.top(v); err != nil {
		return nil, err
	}
	out := make(url.Values, len(e.pairs))
	for _, p := range e.pairs {
		out[p.k] = append(out[p.k], p.v)
	}
	return out, nil
}

// Encode returns the body of v as application/x-www-form-urlencoded text, keys sorted as
// [url.Values.Encode] sorts them (the values of a repeated key in their order). See [Marshal]
// for the rules.
func Encode(v any) (string, error) { return encode(v, options{}) }

func encode(v any, o options) (string, error) {
	e := encoder{pairs: make([]pair, 0, 32), options: o}
	if err := e.top(v); err != nil {
		return "", err
	}
	slices.SortStableFunc(e.pairs, func(a, b pair) int { return strings.Compare(a.k, b.k) })
	n := 0
	for _, p := range e.pairs {
		n += len(p.k) + len(p.v) + 2
	}
	var sb strings.Builder
	sb.Grow(n + n/4)
	for i, p := range e.pairs {
		if i > 0 {
			sb.WriteByte('&')
		}
		sb.WriteString(url.QueryEscape(p.k))
		sb.WriteByte('=')
		sb.WriteString(url.QueryEscape(p.v))
	}
	return sb.String(), nil
}

// encoder collects the key-value pairs of a form in the order the value lists them.
type encoder struct {
	pairs []pair
	options
}

type pair struct{ k, v string }

// add records the value text under key k.
func (e *encoder) add(k, text string) { e.pairs = append(e.pairs, pair{k, text}) }

// top collects the pairs of v, the whole body.
func (e *encoder) top(v any) error {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	switch rv.Kind() {
	case reflect.Struct:
		return e.fields(addressable(rv), "")
	case reflect.Map:
		return e.mapEntries(rv, "")
	case reflect.Invalid:
		return nil
	}
	return fmt.Errorf("form: cannot encode %s as a form body: want a struct or a map", rv.Type())
}

var (
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	isZeroerType      = reflect.TypeFor[interface{ IsZero() bool }]()
)

// key joins a prefix and a name into a PHP key: "" + "rooms" = "rooms", "rooms" + "0" = "rooms[0]".
func key(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "[" + name + "]"
}

// value writes v under key k.
func (e *encoder) value(v reflect.Value, k string) error {
	// Unwrap pointers and interfaces; nil means absent.
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		if v.Kind() == reflect.Pointer && v.Type().Implements(textMarshalerType) {
			break
		}
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		v = addressable(v)
	}
	if e.dateTimes != DateTimesOwn {
		if t, raw, ok := dateTime(v); ok {
			if y := t.Year(); !t.IsZero() && (y < 0 || y > 9999) {
				return fmt.Errorf("form: %s: cannot encode year %d", k, y)
			}
			e.add(k, formatDateTime(t, raw, e.dateTimes))
			return nil
		}
	}
	if text, ok, err := marshalText(v); ok {
		if err != nil {
			return fmt.Errorf("form: %s: %w", k, err)
		}
		e.add(k, text)
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		e.add(k, v.String())
	case reflect.Bool:
		switch {
		case e.booleans == BooleansWords:
			e.add(k, strconv.FormatBool(v.Bool()))
		case v.Bool():
			e.add(k, "1")
		default:
			e.add(k, "0")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.add(k, strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.add(k, strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("form: %s: cannot encode %v", k, f)
		}
		e.add(k, strconv.FormatFloat(f, 'f', -1, v.Type().Bits()))
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			e.add(k, string(v.Bytes()))
			return nil
		}
		fallthrough
	case reflect.Array:
		for i := range v.Len() {
			if err := e.value(v.Index(i), key(k, strconv.Itoa(i))); err != nil {
				return err
			}
		}
	case reflect.Map:
		return e.mapEntries(v, k)
	case reflect.Struct:
		return e.fields(v, k)
	default:
		return fmt.Errorf("form: %s: cannot encode a %s", k, v.Type())
	}
	return nil
}

// marshalText reports whether v is written as its text and returns that text.
func marshalText(v reflect.Value) (string, bool, error) {
	var m encoding.TextMarshaler
	switch {
	case v.Type().Implements(textMarshalerType):
		if v.Kind() == reflect.Pointer && v.IsNil() {
			return "", false, nil
		}
		m = v.Interface().(encoding.TextMarshaler)
	case v.CanAddr() && reflect.PointerTo(v.Type()).Implements(textMarshalerType):
		m = v.Addr().Interface().(encoding.TextMarshaler)
	default:
		return "", false, nil
	}
	b, err := m.MarshalText()
	return string(b), true, err
}

func (e *encoder) mapEntries(v reflect.Value, prefix string) error {
	if v.IsNil() {
		return nil
	}
	type entry struct {
		k string
		v reflect.Value
	}
	entries := make([]entry, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		mk, err := mapKey(iter.Key())
		if err != nil {
			return fmt.Errorf("form: %s: %w", prefix, err)
		}
		entries = append(entries, entry{mk, addressable(iter.Value())})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.k, b.k) })
	for _, en := range entries {
		if err := e.value(en.v, key(prefix, en.k)); err != nil {
			return err
		}
	}
	return nil
}

func mapKey(k reflect.Value) (string, error) {
	if text, ok, err := marshalText(k); ok {
		return text, err
	}
	switch k.Kind() {
	case reflect.String:
		return k.String(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10), nil
	}
	return "", fmt.Errorf("unsupported map key type %s", k.Type())
}

func (e *encoder) fields(v reflect.Value, prefix string) error {
	for _, f := range cachedFields(v.Type()) {
		fv, ok := fieldByIndex(v, f.index)
		if !ok {
			continue
		}
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if err := e.value(fv, key(prefix, f.name)); err != nil {
			return err
		}
	}
	return nil
}

// addressable returns v itself when it is addressable and an addressable copy otherwise, so
// methods with pointer receivers (MarshalText, IsZero) are found on struct fields.
func addressable(v reflect.Value) reflect.Value {
	if v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

// fieldByIndex is v.FieldByIndex that reports false instead of panicking on a nil embedded pointer.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// isEmpty reports whether omitempty leaves v out: nil, zero scalars, empty strings, slices and
// maps, and values whose IsZero method (or reflect zero check, for plain structs) says so.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Array:
		return v.Len() == 0
	}
	if v.Type().Implements(isZeroerType) {
		return v.Interface().(interface{ IsZero() bool }).IsZero()
	}
	if v.CanAddr() && reflect.PointerTo(v.Type()).Implements(isZeroerType) {
		return v.Addr().Interface().(interface{ IsZero() bool }).IsZero()
	}
	return v.IsZero()
}

type field struct {
	name      string
	index     []int
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type → []field

func cachedFields(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	fs := typeFields(t, nil, nil)
	actual, _ := fieldCache.LoadOrStore(t, fs)
	return actual.([]field)
}

// typeFields lists the encoded fields of struct type t in declaration order, promoting the fields
// of untagged embedded structs the way encoding/json does (outer names win). outer holds the
// struct types being expanded above t, so a type that embeds itself (type T struct{ *T }) is
// expanded once instead of recursing forever.
func typeFields(t reflect.Type, index []int, outer []reflect.Type) []field {
	outer = append(slices.Clip(outer), t)
	var out []field
	seen := map[string]bool{}
	var promoted []field
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("form")
		if !ok || tag == "" {
			tag = sf.Tag.Get("json")
		}
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		idx := append(slices.Clip(index), i)
		if sf.Anonymous && name == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct && !et.Implements(textMarshalerType) && !reflect.PointerTo(et).Implements(textMarshalerType) {
				if !slices.Contains(outer, et) {
					promoted = append(promoted, typeFields(et, idx, outer)...)
				}
				continue
			}
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		seen[name] = true
		out = append(out, field{
			name:      name,
			index:     idx,
			omitEmpty: hasOpt(opts, "omitempty") || hasOpt(opts, "omitzero"),
		})
	}
	for _, f := range promoted {
		if !seen[f.name] {
			seen[f.name] = true
			out = append(out, f)
		}
	}
	return out
}

func hasOpt(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}
