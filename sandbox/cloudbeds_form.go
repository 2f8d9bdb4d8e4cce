package sandbox

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/hospitality-sdk/hospitality-go/form"
)

// cloudbedsFormDecoder decodes a Cloudbeds form body for validation. kin-openapi's own form
// decoder rejects arrays of objects, so the PHP-style keys (rooms[0][roomTypeID]=77) are decoded
// with form.Decode and the string leaves coerced to the types the schema declares.
func cloudbedsFormDecoder(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	tree, err := decodePHPForm(string(b))
	if err != nil {
		return nil, err
	}
	if schema == nil {
		return tree, nil
	}
	return cbCoerce(tree, schema.Value), nil
}

// decodePHPForm parses a urlencoded body into the tree PHP would build from it.
func decodePHPForm(body string) (map[string]any, error) {
	vals, err := url.ParseQuery(body)
	if err != nil {
		return nil, err
	}
	return form.Decode(vals)
}

// cbCoerce turns the string leaves of a decoded form into the scalar types the schema declares;
// values that do not parse stay strings, so validation reports them.
func cbCoerce(v any, s *openapi3.Schema) any {
	if s == nil {
		return v
	}
	if s.Type == nil || len(s.Type.Slice()) == 0 {
		// A $ref wrapped in allOf (or oneOf/anyOf): cbCoerce with the first member that has a type.
		for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
			for _, m := range group {
				if m != nil && m.Value != nil && m.Value.Type != nil && len(m.Value.Type.Slice()) > 0 {
					return cbCoerce(v, m.Value)
				}
			}
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if p := s.Properties[k]; p != nil {
				x[k] = cbCoerce(c, p.Value)
			} else if ap := s.AdditionalProperties.Schema; ap != nil {
				x[k] = cbCoerce(c, ap.Value)
			}
		}
	case []any:
		if s.Items != nil {
			for i := range x {
				x[i] = cbCoerce(x[i], s.Items.Value)
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
