package upstreamanswers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// document is an OpenAPI document (3.0 or 3.1, YAML or JSON) as JSON-like values: map[string]any,
// []any, string, float64, bool and nil. It is read structurally, like upstreamdiff reads
// upstream, so 3.1 type arrays and other constructs kin-openapi's 3.0 loader rejects load alike.
type document struct {
	root any
}

// loadDocument parses data.
func loadDocument(data []byte) (*document, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, fmt.Errorf("upstreamanswers: not YAML or JSON: %w", err)
	}
	root := convert(&node)
	top, ok := root.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("upstreamanswers: document is not a mapping")
	}
	if v, _ := top["openapi"].(string); !strings.HasPrefix(v, "3.") {
		return nil, fmt.Errorf("upstreamanswers: not an OpenAPI 3 document (openapi: %q)", v)
	}
	return &document{root: root}, nil
}

// operation returns the operation object for method (any case) on path, as written.
func (d *document) operation(method, path string) map[string]any {
	top, _ := d.root.(map[string]any)
	paths, _ := top["paths"].(map[string]any)
	item, _ := d.resolve(paths[path]).(map[string]any)
	op, _ := item[strings.ToLower(method)].(map[string]any)
	return op
}

// resolve follows local $refs (up to a fixed depth, against cycles); an external or broken
// reference resolves to nil.
func (d *document) resolve(v any) any {
	for range 32 {
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return v
		}
		if !strings.HasPrefix(ref, "#/") {
			return nil
		}
		v = d.root
		for _, seg := range strings.Split(ref[2:], "/") {
			seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
			switch c := v.(type) {
			case map[string]any:
				v = c[seg]
			case []any:
				i, err := strconv.Atoi(seg)
				if err != nil || i < 0 || i >= len(c) {
					return nil
				}
				v = c[i]
			default:
				return nil
			}
		}
	}
	return nil
}

// schema returns the schema object v refers to, or nil for an empty, boolean or broken schema.
func (d *document) schema(v any) map[string]any {
	s, _ := d.resolve(v).(map[string]any)
	return s
}

// flatten merges a schema's allOf members into it (recursively), so the result describes one
// value; oneOf and anyOf stay for the caller to choose from.
func (d *document) flatten(s map[string]any, depth int) map[string]any {
	all, _ := s["allOf"].([]any)
	if len(all) == 0 || depth > 16 {
		return s
	}
	out := map[string]any{}
	for k, v := range s {
		if k != "allOf" {
			out[k] = v
		}
	}
	for _, member := range all {
		if m := d.schema(member); m != nil {
			out = merge(out, d.flatten(m, depth+1))
		}
	}
	return out
}

// merge combines two schemas a value must satisfy both of: properties and required are united
// (a property both define must satisfy both), other keywords are a's where a has them.
func merge(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		switch k {
		case "properties":
			pa, _ := out[k].(map[string]any)
			pb, _ := v.(map[string]any)
			props := make(map[string]any, len(pa)+len(pb))
			for n, s := range pa {
				props[n] = s
			}
			for n, s := range pb {
				if prev, ok := props[n]; ok {
					props[n] = map[string]any{"allOf": []any{prev, s}}
				} else {
					props[n] = s
				}
			}
			out[k] = props
		case "required":
			ra, _ := out[k].([]any)
			rb, _ := v.([]any)
			out[k] = append(append([]any{}, ra...), rb...)
		default:
			if _, ok := out[k]; !ok {
				out[k] = v
			}
		}
	}
	return out
}

// types returns the JSON types a schema allows, without "null": its type (a string, or a 3.1
// list), else the type its keywords imply; empty when any value goes.
func types(s map[string]any) []string {
	var out []string
	switch t := s["type"].(type) {
	case string:
		if t != "null" {
			out = append(out, t)
		}
	case []any:
		for _, x := range t {
			if str, ok := x.(string); ok && str != "null" {
				out = append(out, str)
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	switch {
	case s["properties"] != nil || s["additionalProperties"] != nil:
		return []string{"object"}
	case s["items"] != nil:
		return []string{"array"}
	case s["pattern"] != nil || s["format"] != nil || s["minLength"] != nil || s["maxLength"] != nil:
		return []string{"string"}
	case s["minimum"] != nil || s["maximum"] != nil:
		return []string{"number"}
	}
	return nil
}

// nullOnly reports whether a schema allows only null (type: "null", or a list of just that),
// as OpenAPI 3.1 documents write the null member of an anyOf.
func nullOnly(s map[string]any) bool {
	switch t := s["type"].(type) {
	case string:
		return t == "null"
	case []any:
		return len(t) > 0 && !slices.ContainsFunc(t, func(x any) bool { return x != "null" })
	}
	return false
}

// empty reports whether a schema constrains nothing (no type, no keywords that imply one, no
// composition, no enum or const).
func empty(s map[string]any) bool {
	if s == nil {
		return true
	}
	for _, k := range []string{"type", "properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "enum", "const", "format", "pattern"} {
		if _, ok := s[k]; ok {
			return false
		}
	}
	return true
}

// nullable reports whether a schema allows null: OpenAPI 3.0's nullable or a 3.1 type list
// naming "null".
func nullable(s map[string]any) bool {
	if b, _ := s["nullable"].(bool); b {
		return true
	}
	switch t := s["type"].(type) {
	case string:
		return t == "null"
	case []any:
		for _, x := range t {
			if x == "null" {
				return true
			}
		}
	}
	return false
}

// describe returns a short description of a schema for reports: "string (date-time)",
// "integer", "one of string, integer".
func (d *document) describe(s map[string]any) string {
	if s == nil {
		return "any"
	}
	s = d.flatten(s, 0)
	if nullOnly(s) {
		return "null"
	}
	var alts []any
	if a, ok := s["oneOf"].([]any); ok {
		alts = a
	} else if a, ok := s["anyOf"].([]any); ok {
		alts = a
	}
	if len(alts) > 0 {
		var names []string
		for _, a := range alts {
			names = append(names, d.describe(d.schema(a)))
		}
		return "one of " + strings.Join(names, ", ")
	}
	t := strings.Join(types(s), "|")
	if t == "" {
		t = "any"
	}
	var extra []string
	if f, ok := s["format"].(string); ok {
		extra = append(extra, f)
	}
	if p, ok := s["pattern"].(string); ok {
		extra = append(extra, "pattern "+p)
	}
	if e, ok := s["enum"].([]any); ok {
		extra = append(extra, fmt.Sprintf("enum of %d", len(e)))
	}
	if nullable(s) {
		extra = append(extra, "nullable")
	}
	if len(extra) > 0 {
		t += " (" + strings.Join(extra, ", ") + ")"
	}
	return t
}

// convert turns a YAML node into JSON-like Go values. Scalars keep their source text unless
// tagged as numbers, booleans or null, so a date stays the string it was written as.
func convert(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return convert(n.Content[0])
	case yaml.AliasNode:
		return convert(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Tag == "!!merge" {
				if inner, ok := convert(n.Content[i+1]).(map[string]any); ok {
					for ik, iv := range inner {
						m[ik] = iv
					}
				}
				continue
			}
			m[k.Value] = convert(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			s = append(s, convert(c))
		}
		return s
	}
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err == nil {
			return b
		}
	case "!!int", "!!float":
		var f float64
		if err := n.Decode(&f); err == nil {
			return f
		}
	}
	return n.Value
}
