package contract

import (
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Sample returns a JSON-shaped value (nil, bool, float64, string, []any, map[string]any) that
// satisfies the schema: its example when it has one, otherwise the first enum value, and
// otherwise a value built from the type and format — "2025-06-12" for dates, 1 (or the minimum)
// for numbers, true for booleans, one element for arrays and the required properties for objects.
func Sample(ref *openapi3.SchemaRef) any {
	return sample(ref, 0)
}

// maxDepth stops recursive schemas.
const maxDepth = 12

func sample(ref *openapi3.SchemaRef, depth int) any {
	if ref == nil || ref.Value == nil || depth > maxDepth {
		return nil
	}
	s := ref.Value
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if len(s.AllOf) > 0 {
		merged := map[string]any{}
		var last any
		for _, sub := range s.AllOf {
			v := sample(sub, depth+1)
			if m, ok := v.(map[string]any); ok {
				for k, x := range m {
					merged[k] = x
				}
			} else if v != nil {
				last = v
			}
		}
		if own, ok := objectSample(s, depth).(map[string]any); ok {
			for k, x := range own {
				merged[k] = x
			}
		}
		if len(merged) == 0 && last != nil {
			return last
		}
		return merged
	}
	if len(s.OneOf) > 0 {
		return sample(s.OneOf[0], depth+1)
	}
	if len(s.AnyOf) > 0 {
		return sample(s.AnyOf[0], depth+1)
	}
	if s.Default != nil {
		return s.Default
	}
	switch {
	case s.Type.Is("string"):
		return stringSample(s)
	case s.Type.Is("integer"):
		return math.Round(numberSample(s))
	case s.Type.Is("number"):
		return numberSample(s)
	case s.Type.Is("boolean"):
		return true
	case s.Type.Is("array"):
		n := max(int(s.MinItems), 1)
		item := sample(s.Items, depth+1)
		out := make([]any, n)
		for i := range out {
			out[i] = item
		}
		return out
	case s.Type.Is("object") || len(s.Properties) > 0:
		return objectSample(s, depth)
	}
	return nil
}

// objectSample returns the object's required properties. An object without required properties
// gets the properties that have an example or, failing that, its first property by name, so that
// it never encodes to nothing (an empty form body is no body at all).
func objectSample(s *openapi3.Schema, depth int) any {
	if len(s.Properties) == 0 && !s.Type.Is("object") {
		return nil
	}
	out := map[string]any{}
	for _, name := range s.Required {
		if p := s.Properties[name]; p != nil {
			out[name] = sample(p, depth+1)
		}
	}
	if len(out) > 0 || len(s.Properties) == 0 {
		return out
	}
	names := make([]string, 0, len(s.Properties))
	for name, p := range s.Properties {
		if p.Value != nil && p.Value.Example != nil {
			out[name] = p.Value.Example
		}
		names = append(names, name)
	}
	if len(out) == 0 {
		slices.Sort(names)
		out[names[0]] = sample(s.Properties[names[0]], depth+1)
	}
	return out
}

func numberSample(s *openapi3.Schema) float64 {
	v := 1.0
	if s.Min != nil {
		v = max(*s.Min, v)
		if s.ExclusiveMin.IsTrue() && v == *s.Min {
			v++
		}
	}
	if s.Max != nil && v > *s.Max {
		v = *s.Max
		if s.ExclusiveMax.IsTrue() {
			v--
		}
	}
	return v
}

// stringCandidates are tried against a pattern in order; the first that matches is used.
var stringCandidates = []string{
	"2025-06-12", "2025-06-12 10:00:00", "2025-06-12T10:00:00", "2025-06-12T10:00:00Z",
	"10:00:00", "10:00", "1", "12.5", "20%", "EUR", "#1a2b3c", "127.0.0.1",
	"data:image/png;base64,iVBORw0KGgo=", "sample",
}

func stringSample(s *openapi3.Schema) string {
	var v string
	switch s.Format {
	case "date":
		v = "2025-06-12"
	case "date-time":
		v = "2025-06-12T10:00:00Z"
	case "time":
		v = "10:00:00"
	case "email":
		v = "guest@example.com"
	case "uuid":
		v = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	case "uri", "url":
		v = "https://example.com/"
	case "uri-reference":
		v = "/sample"
	case "ipv4":
		v = "127.0.0.1"
	case "byte":
		v = "c2FtcGxl"
	default:
		v = "sample"
	}
	if s.Pattern != "" {
		if re, err := regexp.Compile(s.Pattern); err == nil && !re.MatchString(v) {
			if i := slices.IndexFunc(stringCandidates, re.MatchString); i >= 0 {
				v = stringCandidates[i]
			}
		}
	}
	if n := int(s.MinLength); len(v) < n {
		v += strings.Repeat("x", n-len(v))
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	return v
}
