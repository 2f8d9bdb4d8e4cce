// Package phpform decodes PHP-style form bodies (rooms[0][roomTypeID]=77) for validation with
// kin-openapi. kin-openapi's own application/x-www-form-urlencoded decoder rejects arrays of
// objects, so the sandbox and the Cloudbeds contract tests decode the bracketed keys with
// [form.Decode] instead and coerce the string leaves to the scalar types the schema declares.
package phpform

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/hospitality-sdk/hospitality-go/form"
)

// MediaType is the media type [BodyDecoder] decodes.
const MediaType = "application/x-www-form-urlencoded"

var _ openapi3filter.BodyDecoder = BodyDecoder

// BodyDecoder is an [openapi3filter.BodyDecoder] for PHP-style form bodies: it parses the body
// with [Parse] and, when a schema is given, coerces the result with [Coerce].
func BodyDecoder(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	tree, err := Parse(string(b))
	if err != nil {
		return nil, err
	}
	if schema == nil {
		return tree, nil
	}
	return Coerce(tree, schema.Value), nil
}

// Parse parses a urlencoded body into the tree PHP would build from it (see [form.Decode]):
// nested maps and slices whose leaves are strings.
func Parse(body string) (map[string]any, error) {
	vals, err := url.ParseQuery(body)
	if err != nil {
		return nil, err
	}
	return form.Decode(vals)
}

// Coerce turns the string leaves of a tree built by [Parse] into the scalar types schema
// declares (integer, number, boolean), following properties, additionalProperties and items.
// A schema without a type (a $ref wrapped in allOf, oneOf or anyOf) is read through its first
// member that has one. Values that do not parse stay strings, so validation reports them. Maps
// and slices are changed in place; the coerced value is returned.
func Coerce(v any, s *openapi3.Schema) any {
	if s == nil {
		return v
	}
	if s.Type == nil || len(s.Type.Slice()) == 0 {
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range group {
				if m != nil && m.Value != nil && m.Value.Type != nil && len(m.Value.Type.Slice()) > 0 {
					return Coerce(v, m.Value)
				}
			}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if p := s.Properties[k]; p != nil {
				x[k] = Coerce(c, p.Value)
			} else if ap := s.AdditionalProperties.Schema; ap != nil {
				x[k] = Coerce(c, ap.Value)
			}
		}
	case []any:
		if s.Items != nil {
			for i := range x {
				x[i] = Coerce(x[i], s.Items.Value)
			}
		}
	case string:
		switch {
		case s.Type.Is("integer"):
			if n, err := strconv.ParseInt(x, 10, 64); err == nil {
				return n
			}
		case s.Type.Is("number"):
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return f
			}
		case s.Type.Is("boolean"):
			if b, err := strconv.ParseBool(x); err == nil {
				return b
			}
		}
	}
	return v
}
