package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// jsonMediaTypes are the JSON media types kin-openapi decodes with its JSON decoder; the sandbox
// decodes the request bodies of its own documents in them with [jsonBodyDecoder]. Other "+json"
// types reach kin-openapi's "application/json" decoder, and so the sandbox's.
var jsonMediaTypes = []string{"application/json", "application/vnd.api+json", "application/merge-patch+json",
	"application/json-patch+json", "application/problem+json", "application/ld+json", "application/hal+json"}

// jsonBodyDecoder decodes a JSON request body for validation into the value kin-openapi's
// [openapi3filter.JSONBodyDecoder] makes of it (encoding/json with UseNumber: maps, slices,
// strings, json.Number, booleans and nil), in one pass of a strict parser instead of
// encoding/json's scan and reflective decode. Any body it does not take as plain, strict JSON (invalid
// UTF-8, duplicate names, bad syntax, more than one value) goes to kin-openapi's decoder, so
// that the value, and the error of an invalid body, are exactly kin-openapi's.
func jsonBodyDecoder(body io.Reader, h http.Header, schema *openapi3.SchemaRef, enc openapi3filter.EncodingFn) (any, error) {
	buf := readBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 64<<10 {
			buf.Reset()
			readBuffers.Put(buf)
		}
	}()
	buf.Reset()
	if _, err := buf.ReadFrom(body); err != nil {
		return nil, err
	}
	// The value shares no memory with the buffer: every string is a copy.
	if v, ok := decodeJSONTree(buf.Bytes()); ok {
		return v, nil
	}
	return openapi3filter.JSONBodyDecoder(bytes.NewReader(buf.Bytes()), h, schema, enc)
}

// validJSONBody reports whether openapi3filter.ValidateRequestBody(ctx, in, rb) would return nil
// for body, a JSON body that kin-openapi would decode with [jsonBodyDecoder], by the same steps
// without their copies: kin-openapi reads the body again (io.ReadAll), wraps it twice in readers
// and a GetBody closure, and jsonBodyDecoder copies it once more and copies every string out of
// it; here the tree is decoded from body itself, its strings pointing into it, and dropped before
// validJSONBody returns. The schema check is kin-openapi's own (Schema.VisitJSON with the options
// ValidateRequestBody passes). It returns false whenever it cannot tell: another decoder, a body
// decodeJSONTree leaves to kin-openapi, a value that does not match the schema, a default the
// schema would set (kin-openapi then rewrites the body). The caller then runs
// ValidateRequestBody, which gives the verdict and the error, word for word.
func validJSONBody(in *openapi3filter.RequestValidationInput, rb *openapi3.RequestBody, body []byte) bool {
	if len(body) == 0 || len(rb.Content) == 0 {
		return false
	}
	req := in.Request
	inputMIME := req.Header.Get("Content-Type")
	ct := rb.Content.Get(inputMIME)
	if ct == nil || ct.Schema == nil || ct.Schema.Value == nil {
		return false
	}
	// As kin-openapi's decodeBody picks the decoder.
	mediaType, _, _ := strings.Cut(inputMIME, ";")
	mediaType = strings.ToLower(strings.TrimSpace(mediaType))
	sch := ct.Schema
	if sch.Value.Type.Is(openapi3.TypeString) && sch.Value.Format == "binary" {
		return false
	}
	if !ct.Encoding[""].AllowsContentType(mediaType) || !decodedAsJSONTree(mediaType, sch) {
		return false
	}
	v, ok := decodeJSONTreeShared(body)
	if !ok {
		return false
	}
	options := in.Options
	if options == nil {
		options = &openapi3filter.Options{}
	}
	// The options of ValidateRequestBody, in its order. Those that shape only the error of an
	// invalid body (MultiError, a custom message) do not change whether it passes.
	opts := make([]openapi3.SchemaValidationOption, 0, 6+len(options.SchemaValidationOptions))
	opts = append(opts, openapi3.VisitAsRequest())
	defaults := false
	if !options.SkipSettingDefaults && (openapi3filter.RegisteredBodyEncoder(mediaType) != nil || strings.HasSuffix(mediaType, "+json")) {
		opts = append(opts, openapi3.DefaultsSet(func() { defaults = true }))
	}
	if options.MultiError {
		opts = append(opts, openapi3.MultiErrors())
	}
	if options.ExcludeReadOnlyValidations {
		opts = append(opts, openapi3.DisableReadOnlyValidation())
	}
	if options.RegexCompiler != nil {
		opts = append(opts, openapi3.SetSchemaRegexCompiler(options.RegexCompiler))
	}
	opts = append(opts, options.SchemaValidationOptions...)
	if in.Route != nil && in.Route.Spec.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	return sch.Value.VisitJSON(v, opts...) == nil && !defaults && !options.KeepValidatedValue
}

// decodedAsJSONTree reports whether kin-openapi decodes a body of mediaType for schema with
// jsonBodyDecoder: the decoder registered for mediaType is the sandbox's dispatcher, and the
// dispatcher picks jsonBodyDecoder for the API schema belongs to.
func decodedAsJSONTree(mediaType string, schema *openapi3.SchemaRef) bool {
	d := openapi3filter.RegisteredBodyDecoder(mediaType)
	if d == nil || reflect.ValueOf(d).Pointer() != dispatcherPC.Load() {
		return false
	}
	decodersMu.RLock()
	defer decodersMu.RUnlock()
	name, ok := bodySchemas[schema]
	return ok && jsonTreeDecoded[mediaType][name]
}

// readBuffers hold request bodies while they are decoded.
var readBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// jsonNames interns the property names of the mounted documents' request body schemas, so that
// decoding an object allocates no string for a name its schema declares. It is replaced, never
// changed, when a document is mounted.
var jsonNames atomic.Pointer[map[string]string]

// internNames adds the property names of the schemas reachable from roots to jsonNames.
func internNames(roots []*openapi3.SchemaRef) {
	old := jsonNames.Load()
	names := map[string]string{}
	if old != nil {
		maps.Copy(names, *old)
	}
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] || len(names) >= 1<<14 {
			return
		}
		sch := ref.Value
		seen[sch] = true
		for name, p := range sch.Properties {
			if plainJSONName(name) {
				names[name] = name
			}
			walk(p)
		}
		walk(sch.Items)
		walk(sch.AdditionalProperties.Schema)
		for _, group := range []openapi3.SchemaRefs{sch.AllOf, sch.OneOf, sch.AnyOf} {
			for _, m := range group {
				walk(m)
			}
		}
	}
	for _, r := range roots {
		walk(r)
	}
	jsonNames.Store(&names)
}

// maxJSONDepth is encoding/json's nesting limit; deeper bodies go to kin-openapi's decoder, which
// reports the error.
const maxJSONDepth = 10000

// decodeJSONTree decodes b, one JSON value with nothing but white space around it, and reports
// whether it could. It accepts only what encoding/json accepts and makes the same value of it;
// anything else (bad syntax, invalid UTF-8, lone surrogates, too deep) is left to the caller.
func decodeJSONTree(b []byte) (any, bool) {
	p := jsonParsers.Get().(*jsonParser)
	defer func() {
		clear(p.members[:cap(p.members)])
		p.b, p.members = nil, p.members[:0]
		jsonParsers.Put(p)
	}()
	p.b, p.i, p.shared = b, 0, false
	if names := jsonNames.Load(); names != nil {
		p.names = *names
	}
	v, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return v, p.i == len(p.b)
}

// decodeJSONTreeShared is decodeJSONTree with the strings and numbers of the value pointing into
// b instead of copied: b must not change while the value is in use.
func decodeJSONTreeShared(b []byte) (any, bool) {
	p := jsonParsers.Get().(*jsonParser)
	defer func() {
		clear(p.members[:cap(p.members)])
		p.b, p.members, p.shared = nil, p.members[:0], false
		jsonParsers.Put(p)
	}()
	p.b, p.i, p.shared = b, 0, true
	if names := jsonNames.Load(); names != nil {
		p.names = *names
	}
	v, ok := p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return v, p.i == len(p.b)
}

var jsonParsers = sync.Pool{New: func() any { return new(jsonParser) }}

// jsonParser is a strict recursive-descent parser of RFC 8259 JSON into encoding/json's
// interface values (with UseNumber).
type jsonParser struct {
	b       []byte
	i       int
	names   map[string]string // interned member names
	members []jsonMember      // the members of the objects being read, innermost last
	shared  bool              // strings and numbers point into b (decodeJSONTreeShared)
}

// str returns the bytes s of p.b as a string: a copy, or with shared set, s itself.
func (p *jsonParser) str(s []byte) string {
	if p.shared {
		return unsafe.String(unsafe.SliceData(s), len(s))
	}
	return string(s)
}

type jsonMember struct {
	name  string
	value any
}

func (p *jsonParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (any, bool) {
	p.space()
	if p.i >= len(p.b) {
		return nil, false
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		return p.string()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return nil, false
}

func (p *jsonParser) literal(word string) bool {
	if len(p.b)-p.i < len(word) || string(p.b[p.i:p.i+len(word)]) != word {
		return false
	}
	p.i += len(word)
	return true
}

func (p *jsonParser) object(depth int) (any, bool) {
	if depth > maxJSONDepth {
		return nil, false
	}
	p.i++ // {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return map[string]any{}, true
	}
	// The members go to a scratch list first, so that the map is made once, at its size.
	mark := len(p.members)
	for {
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return nil, false
		}
		k, ok := p.name()
		if !ok {
			return nil, false
		}
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return nil, false
		}
		p.i++
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		p.members = append(p.members, jsonMember{k, v})
		p.space()
		if p.i >= len(p.b) {
			return nil, false
		}
		switch p.b[p.i] {
		case ',':
			p.i++
			continue
		case '}':
			p.i++
		default:
			return nil, false
		}
		members := p.members[mark:]
		m := make(map[string]any, len(members))
		for _, mb := range members {
			m[mb.name] = mb.value // a repeated name keeps the last value, as encoding/json does
		}
		clear(members)
		p.members = p.members[:mark]
		return m, true
	}
}

// plainJSONName reports whether name is written in JSON as itself between quotes: valid UTF-8
// without control characters, quotes or backslashes.
func plainJSONName(name string) bool {
	if !utf8.ValidString(name) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// name reads a member name, interned when it is one the documents declare.
func (p *jsonParser) name() (string, bool) {
	start := p.i + 1
	if end := bytes.IndexByte(p.b[start:], '"'); end >= 0 && p.names != nil {
		raw := p.b[start : start+end]
		if s, ok := p.names[string(raw)]; ok && bytes.IndexByte(raw, '\\') < 0 {
			p.i = start + end + 1
			return s, true
		}
	}
	v, ok := p.string()
	if !ok {
		return "", false
	}
	return v.(string), true
}

func (p *jsonParser) array(depth int) (any, bool) {
	if depth > maxJSONDepth {
		return nil, false
	}
	p.i++ // [
	s := []any{}
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return s, true
	}
	for {
		v, ok := p.value(depth)
		if !ok {
			return nil, false
		}
		s = append(s, v)
		p.space()
		if p.i >= len(p.b) {
			return nil, false
		}
		switch p.b[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			return s, true
		default:
			return nil, false
		}
	}
}

// string reads a string without escapes, or with the escapes JSON defines; invalid UTF-8 and
// lone surrogates (which encoding/json replaces with U+FFFD) are refused.
func (p *jsonParser) string() (any, bool) {
	p.i++ // "
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := p.b[start:p.i]
			p.i++
			if !utf8.Valid(s) {
				return nil, false
			}
			return p.str(s), true
		case c == '\\':
			return p.escaped(start)
		case c < 0x20:
			return nil, false
		default:
			p.i++
		}
	}
	return nil, false
}

func (p *jsonParser) escaped(start int) (any, bool) {
	out := append([]byte(nil), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(out) {
				return nil, false
			}
			return string(out), true
		case c < 0x20:
			return nil, false
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			return nil, false
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return nil, false
			}
			if utf16.IsSurrogate(r) {
				if p.i+1 >= len(p.b) || p.b[p.i] != '\\' || p.b[p.i+1] != 'u' {
					return nil, false
				}
				p.i += 2
				r2, ok := p.hex4()
				if !ok {
					return nil, false
				}
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return nil, false
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return nil, false
		}
	}
	return nil, false
}

func (p *jsonParser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	p.i += 4
	return r, true
}

// number reads a number as its literal, as UseNumber keeps it.
func (p *jsonParser) number() (any, bool) {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(p.b) && p.b[p.i] == '0':
		p.i++
	case p.i < len(p.b) && p.b[p.i] >= '1' && p.b[p.i] <= '9':
		p.digits()
	default:
		return nil, false
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if !p.digits() {
			return nil, false
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return nil, false
		}
	}
	return json.Number(p.str(p.b[start:p.i])), true
}

func (p *jsonParser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// decodeRequest decodes a validated JSON request body into v, a pointer, as encoding/json's
// Unmarshal does, with the v1 mode of encoding/json/v2 that the generated clients decode with
// (one pass, the wire types' UnmarshalJSONFrom). When that fails, v is cleared and decoded
// again with encoding/json, whose result and error are the answer, word for word.
func decodeRequest(body []byte, v any) error {
	if err := jsonv1.Unmarshal(body, v); err == nil {
		return nil
	}
	reflect.ValueOf(v).Elem().SetZero()
	return json.Unmarshal(body, v)
}
