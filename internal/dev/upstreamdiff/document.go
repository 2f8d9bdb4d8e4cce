package upstreamdiff

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is the part of an OpenAPI document the comparison needs, read without interpreting
// the OpenAPI version, so 3.0 and 3.1 documents load alike.
type Document struct {
	// Version is the document's openapi field, such as "3.0.3" or "3.1.0".
	Version string
	// BasePath is the path of the first server URL (server variables at their defaults),
	// without a trailing slash; empty when there is none.
	BasePath string
	// Operations are keyed by method and normalised path, as returned by [Operation.Key]
	// (or, for a second operation whose path normalises the same, by method and exact path).
	Operations map[string]*Operation

	root any
}

// Operation is one method on one path, reduced to the names the comparison looks at.
type Operation struct {
	Method      string // upper case
	Path        string // as written in the document
	OperationID string
	// Params lists the parameters as "in:name" (path-level ones included, header names in
	// lower case), sorted.
	Params []string
	// RequestFields lists the top-level properties of the request body schema, sorted.
	RequestFields []string
	// ResponseFields lists the top-level properties of the first 2xx JSON response schema,
	// and, when it has a data envelope, the properties of data (or of its items) as "data.name".
	ResponseFields []string
	// ResponsePaths lists every property path of the first 2xx JSON response schema, at any
	// depth, with "[]" for array items and allOf, oneOf and anyOf members merged, such as
	// "included[].attributes.number", sorted.
	ResponsePaths []string
	// Examples are the JSON examples of the 2xx responses.
	Examples []Example
}

// Example is one response example of an operation.
type Example struct {
	Status string
	Name   string // the key under examples, or "example"
	Value  any
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// templateParam matches a path template parameter.
var templateParam = regexp.MustCompile(`\{[^}]*\}`)

// normalisePath replaces template parameter names with {} and drops a trailing slash, so
// /rooms/{id} and /rooms/{roomID}/ compare equal.
func normalisePath(p string) string {
	p = templateParam.ReplaceAllString(p, "{}")
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// Key returns the operation's identity in a comparison: the method and the normalised path.
func (o *Operation) Key() string { return o.Method + " " + normalisePath(o.Path) }

// exactKey returns the method and the path as written.
func (o *Operation) exactKey() string { return o.Method + " " + o.Path }

// Load reads an OpenAPI 3.x document (YAML or JSON). Local $refs are followed; external ones are
// treated as empty schemas.
func Load(data []byte) (*Document, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, fmt.Errorf("upstreamdiff: not YAML or JSON: %w", err)
	}
	root := convert(&node)
	top, ok := root.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("upstreamdiff: document is not a mapping")
	}
	version, _ := top["openapi"].(string)
	if !strings.HasPrefix(version, "3.") {
		return nil, fmt.Errorf("upstreamdiff: not an OpenAPI 3 document (openapi: %q)", version)
	}
	d := &Document{Version: version, Operations: map[string]*Operation{}, root: root}
	d.BasePath = basePath(top)
	paths, _ := top["paths"].(map[string]any)
	for _, p := range sortedKeys(paths) {
		item, _ := d.resolve(paths[p]).(map[string]any)
		if item == nil {
			continue
		}
		shared := d.params(item["parameters"])
		for _, m := range methods {
			raw, ok := item[m].(map[string]any)
			if !ok {
				continue
			}
			op := &Operation{Method: strings.ToUpper(m), Path: p}
			op.OperationID, _ = raw["operationId"].(string)
			params := map[string]bool{}
			for _, s := range append(shared, d.params(raw["parameters"])...) {
				params[s] = true
			}
			op.Params = sortedKeys(params)
			op.RequestFields = d.requestFields(raw["requestBody"])
			op.ResponseFields, op.ResponsePaths, op.Examples = d.responses(raw["responses"])
			// Two templates can normalise alike (/segments/{id} and /segments/{enabled});
			// the second keeps its exact path as its key.
			if _, taken := d.Operations[op.Key()]; taken {
				d.Operations[op.exactKey()] = op
			} else {
				d.Operations[op.Key()] = op
			}
		}
	}
	return d, nil
}

// basePath returns the path of the first server URL with its variables at their defaults.
func basePath(top map[string]any) string {
	servers, _ := top["servers"].([]any)
	if len(servers) == 0 {
		return ""
	}
	s, _ := servers[0].(map[string]any)
	raw, _ := s["url"].(string)
	vars, _ := s["variables"].(map[string]any)
	raw = templateParam.ReplaceAllStringFunc(raw, func(v string) string {
		def, _ := vars[strings.Trim(v, "{}")].(map[string]any)
		if d, ok := def["default"].(string); ok {
			return d
		}
		return v
	})
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// params returns the "in:name" of each parameter in a parameters list.
func (d *Document) params(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, p := range list {
		m, _ := d.resolve(p).(map[string]any)
		in, _ := m["in"].(string)
		name, _ := m["name"].(string)
		if in == "header" {
			name = strings.ToLower(name) // header names are case-insensitive
		}
		if name != "" {
			out = append(out, in+":"+name)
		}
	}
	return out
}

// mediaPreference orders the body media types the comparison reads.
var mediaPreference = []string{"application/json", "application/x-www-form-urlencoded", "multipart/form-data"}

// pickMedia returns the preferred media type object of a content map: JSON, then form bodies,
// then any other JSON-like type, then the first by name.
func (d *Document) pickMedia(content map[string]any) map[string]any {
	for _, ct := range mediaPreference {
		if m, ok := content[ct].(map[string]any); ok {
			return m
		}
	}
	keys := sortedKeys(content)
	for _, ct := range keys {
		if strings.Contains(ct, "json") {
			m, _ := content[ct].(map[string]any)
			return m
		}
	}
	if len(keys) > 0 {
		m, _ := content[keys[0]].(map[string]any)
		return m
	}
	return nil
}

func (d *Document) requestFields(v any) []string {
	rb, _ := d.resolve(v).(map[string]any)
	content, _ := rb["content"].(map[string]any)
	mt := d.pickMedia(content)
	if mt == nil {
		return nil
	}
	return sortedKeys(d.properties(mt["schema"], 0))
}

// responses returns the fields and the deep property paths of the first 2xx JSON response, and
// every 2xx JSON example.
func (d *Document) responses(v any) ([]string, []string, []Example) {
	rs, _ := v.(map[string]any)
	var fields, paths []string
	var examples []Example
	found := false
	for _, code := range sortedKeys(rs) {
		if !isSuccess(code) {
			continue
		}
		r, _ := d.resolve(rs[code]).(map[string]any)
		content, _ := r["content"].(map[string]any)
		var mt map[string]any
		for _, ct := range sortedKeys(content) {
			if strings.Contains(ct, "json") {
				mt, _ = content[ct].(map[string]any)
				break
			}
		}
		if mt == nil {
			continue
		}
		if !found {
			found = true
			fields = d.responseFields(mt["schema"])
			set := map[string]bool{}
			d.paths(mt["schema"], "", set, 0)
			paths = sortedKeys(set)
		}
		if ex, ok := mt["example"]; ok {
			examples = append(examples, Example{Status: code, Name: "example", Value: ex})
		}
		exs, _ := mt["examples"].(map[string]any)
		for _, name := range sortedKeys(exs) {
			e, _ := d.resolve(exs[name]).(map[string]any)
			if val, ok := e["value"]; ok {
				examples = append(examples, Example{Status: code, Name: name, Value: val})
			}
		}
		if _, ok := mt["example"]; !ok && len(exs) == 0 {
			if s, _ := d.resolve(mt["schema"]).(map[string]any); s != nil {
				if ex, ok := s["example"]; ok {
					examples = append(examples, Example{Status: code, Name: "schema example", Value: ex})
				}
			}
		}
	}
	return fields, paths, examples
}

// maxPathDepth bounds [Document.paths] on recursive schemas.
const maxPathDepth = 12

// paths adds to set the property paths of schema below prefix: "a.b", "a[].c".
func (d *Document) paths(schema any, prefix string, set map[string]bool, depth int) {
	s, _ := d.resolve(schema).(map[string]any)
	if s == nil || depth > maxPathDepth {
		return
	}
	for _, kw := range []string{"allOf", "oneOf", "anyOf"} {
		list, _ := s[kw].([]any)
		for _, member := range list {
			d.paths(member, prefix, set, depth+1)
		}
	}
	if items, ok := s["items"]; ok {
		d.paths(items, prefix+"[]", set, depth+1)
	}
	props, _ := s["properties"].(map[string]any)
	for k, v := range props {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		set[p] = true
		d.paths(v, p, set, depth+1)
	}
}

// responseFields returns the top-level properties of a schema and, for a data envelope, the
// properties of data (or of the items of data) prefixed "data.".
func (d *Document) responseFields(schema any) []string {
	props := d.properties(schema, 0)
	out := sortedKeys(props)
	if data, ok := props["data"]; ok {
		inner := d.properties(data, 0)
		if len(inner) == 0 {
			if s, _ := d.resolve(data).(map[string]any); s != nil {
				inner = d.properties(s["items"], 0)
			}
		}
		for _, k := range sortedKeys(inner) {
			out = append(out, "data."+k)
		}
	}
	return out
}

// properties returns the properties of a schema, merging allOf, oneOf and anyOf members.
func (d *Document) properties(schema any, depth int) map[string]any {
	out := map[string]any{}
	s, _ := d.resolve(schema).(map[string]any)
	if s == nil || depth > 8 {
		return out
	}
	props, _ := s["properties"].(map[string]any)
	for k, v := range props {
		out[k] = v
	}
	for _, kw := range []string{"allOf", "oneOf", "anyOf"} {
		list, _ := s[kw].([]any)
		for _, member := range list {
			for k, v := range d.properties(member, depth+1) {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
	}
	return out
}

// resolve follows local $refs (up to a fixed depth, against cycles).
func (d *Document) resolve(v any) any {
	for range 16 {
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
	return v
}

// isSuccess reports whether a response key is a 2xx status or the 2XX range.
func isSuccess(code string) bool {
	if strings.EqualFold(code, "2XX") {
		return true
	}
	n, err := strconv.Atoi(code)
	return err == nil && n >= 200 && n < 300
}

// convert turns a YAML node into JSON-like Go values: map[string]any, []any, string, float64,
// bool and nil. Scalars keep their source text unless tagged as numbers, booleans or null, so
// a date stays the string it was written as.
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
