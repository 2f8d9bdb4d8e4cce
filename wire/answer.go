package wire

import (
	"bytes"
	"errors"
	"reflect"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// DecodeError reports an answer that did not fully decode into its typed
// response. The generated Parse<Op>Response functions return it together
// with the response: Body and HTTPResponse are always set, and the typed
// field (JSON200, …) holds everything that did decode, so a successful
// non-idempotent call is never mistaken for a failed one.
//
//	rsp, err := c.PostReservationWithFormdataBodyWithResponse(ctx, body)
//	var decErr *wire.DecodeError
//	if errors.As(err, &decErr) && rsp != nil && rsp.JSON200 != nil {
//		id := rsp.JSON200.ReservationID // decoded; decErr.Path names what did not
//	}
type DecodeError struct {
	// Operation is the provider's own operationId of the call, as in the spec
	// (for example "postReservation" or "get-space-bookings").
	Operation string
	// Path is the RFC 6901 JSON Pointer of the first value that did not
	// decode, for example "/data/0/adults"; "" when the body is not JSON.
	Path string
	// Excerpt is the offending JSON value, truncated, with values under
	// secret-looking names (token, secret, password, key, …) and token-like
	// strings replaced by "[redacted]".
	Excerpt string
	// Err is the underlying decoding error.
	Err error
}

var _ error = (*DecodeError)(nil)

// Error implements the error interface.
func (e *DecodeError) Error() string {
	var b strings.Builder
	b.WriteString("wire: ")
	b.WriteString(e.Operation)
	b.WriteString(" answer only partly decoded")
	if e.Path != "" {
		b.WriteString(" at ")
		b.WriteString(e.Path)
	}
	if e.Excerpt != "" {
		b.WriteString(" (value ")
		b.WriteString(e.Excerpt)
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// ResponseDecoder decodes the JSON answers of one operation so that nothing
// that decodes is lost. The generated Parse<Op>Response functions use one per
// call; it is not safe for concurrent use.
//
// Decoding is github.com/go-json-experiment/json/v1 (encoding/json's
// semantics). When that fails, the answer is decoded again accepting an
// empty JSON array where an object or map is expected (PHP's json_encode,
// behind Cloudbeds, writes an empty associative array as []) and continuing
// past every value that does not fit, so the destination holds everything
// that did decode; the first value that did not is reported by [Err] as a
// [*DecodeError].
type ResponseDecoder struct {
	operation string
	err       error
}

// NewResponseDecoder returns a decoder for the answers of the operation
// with the given operationId.
func NewResponseDecoder(operation string) *ResponseDecoder {
	return &ResponseDecoder{operation: operation}
}

// Unmarshal decodes data into v, a non-nil pointer. It always returns nil:
// a failure is kept for [ResponseDecoder.Err] and v holds what decoded (its
// zero value when data is not JSON), so that callers keep the response.
func (d *ResponseDecoder) Unmarshal(data []byte, v any) error {
	err := jsonv1.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		d.keep(&DecodeError{Operation: d.operation, Err: err})
		return nil
	}
	rv.Elem().SetZero()
	err = jsonv2.Unmarshal(data, v, jsonv1.DefaultOptionsV1(), phpEmptyObjects)
	if err == nil {
		return nil
	}
	d.keep(describe(d.operation, data, rv.Type().Elem(), err))
	return nil
}

// Err returns the first [*DecodeError] of the answers decoded, or nil.
func (d *ResponseDecoder) Err() error { return d.err }

func (d *ResponseDecoder) keep(err *DecodeError) {
	if d.err == nil {
		d.err = err
	}
}

// phpEmptyObjects decodes [] as the empty value of every struct, pointer to
// struct and map, and leaves every other value to the default decoding.
var phpEmptyObjects = jsonv2.WithUnmarshalers(jsonv2.UnmarshalFromFunc(func(dec *jsontext.Decoder, v any) error {
	if dec.PeekKind() != '[' {
		return errors.ErrUnsupported
	}
	target := reflect.ValueOf(v).Elem()
	t := target.Type()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct && t.Kind() != reflect.Map {
		return errors.ErrUnsupported
	}
	if _, ok := v.(jsonv2.UnmarshalerFrom); ok {
		return errors.ErrUnsupported // the type decides for itself (wire.Map)
	}
	raw, err := dec.ReadValue()
	if err != nil {
		return err
	}
	if bytes.Equal(bytes.Join(bytes.Fields(raw), nil), []byte("[]")) {
		target.SetZero()
		return nil
	}
	return jsonv1.Unmarshal(raw, v) // the usual type error
}))

// describe builds the DecodeError for data that failed to decode as a t with
// err: a strict pass names the first value that did not fit.
func describe(operation string, data []byte, t reflect.Type, err error) *DecodeError {
	e := &DecodeError{Operation: operation, Err: err}
	strict := jsonv2.Unmarshal(data, reflect.New(t).Interface(),
		jsonv1.DefaultOptionsV1(), jsonv1.ReportErrorsWithLegacySemantics(false), phpEmptyObjects)
	var se *jsonv2.SemanticError
	if errors.As(strict, &se) {
		e.Path = string(se.JSONPointer)
		if se.Err != nil {
			e.Err = se.Err
		}
		e.Excerpt = excerpt(data, se.JSONPointer)
	}
	var syn *jsontext.SyntacticError
	if errors.As(strict, &syn) && e.Path == "" {
		e.Path = string(syn.JSONPointer)
	}
	return e
}

// maxExcerpt is how many bytes of an offending value a DecodeError shows.
const maxExcerpt = 64

// excerpt returns the JSON value at ptr in data, truncated and redacted.
func excerpt(data []byte, ptr jsontext.Pointer) string {
	if secretName(string(ptr)) {
		return "[redacted]"
	}
	v := jsontext.Value(data)
	for name := range ptr.Tokens() {
		switch v.Kind() {
		case '{':
			var obj map[string]jsontext.Value
			if jsonv2.Unmarshal(v, &obj) != nil {
				return ""
			}
			v = obj[name]
		case '[':
			var list []jsontext.Value
			i, err := strconv.Atoi(name)
			if jsonv2.Unmarshal(v, &list) != nil || err != nil || i < 0 || i >= len(list) {
				return ""
			}
			v = list[i]
		default:
			return ""
		}
	}
	if len(v) == 0 {
		return ""
	}
	return redact(v)
}

// redact shows raw, truncated, unless it looks like a credential.
func redact(raw jsontext.Value) string {
	s := string(bytes.TrimSpace(raw))
	if len(s) > 2 && s[0] == '"' {
		if u, err := strconv.Unquote(s); err == nil && tokenLike(u) {
			return "[redacted]"
		}
	}
	if len(s) > maxExcerpt {
		s = s[:maxExcerpt] + "..."
	}
	return s
}

// secretName reports whether a JSON Pointer has a member name that usually
// holds a credential.
func secretName(ptr string) bool {
	p := strings.ToLower(ptr)
	for _, w := range []string{"token", "secret", "password", "passwd", "apikey", "api_key", "authorization", "cookie", "signature", "cvv", "cardnumber", "card_number"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}

// tokenLike reports whether s looks like a bearer token, JWT or API key: one
// long run of letters, digits and token punctuation with letters and digits.
func tokenLike(s string) bool {
	if strings.Count(s, ".") == 2 && strings.HasPrefix(s, "eyJ") {
		return true
	}
	if len(s) < 24 {
		return false
	}
	var letters, digits bool
	for _, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letters = true
		case '0' <= c && c <= '9':
			digits = true
		case c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=':
		default:
			return false
		}
	}
	return letters && digits
}
