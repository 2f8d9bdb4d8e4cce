package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/getkin/kin-openapi/openapi3"
)

// operation is one operation of a spec, with its path-level and own parameters merged.
type operation struct {
	api    *apiInfo
	method string
	path   string
	op     *openapi3.Operation
	params []*openapi3.Parameter
}

// loadSpec parses the API's embedded document (references resolved).
func loadSpec(a *apiInfo) (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(a.spec)
	if err != nil {
		return nil, fmt.Errorf("spec %s: %w", a.name, err)
	}
	return doc, nil
}

// operations lists the document's operations sorted by path, then method.
func operations(a *apiInfo, doc *openapi3.T) []*operation {
	var out []*operation
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			o := &operation{api: a, method: method, path: path, op: op}
			seen := map[string]bool{}
			for _, ref := range op.Parameters {
				if ref.Value != nil {
					o.params = append(o.params, ref.Value)
					seen[ref.Value.In+" "+ref.Value.Name] = true
				}
			}
			for _, ref := range item.Parameters {
				if ref.Value != nil && !seen[ref.Value.In+" "+ref.Value.Name] {
					o.params = append(o.params, ref.Value)
				}
			}
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].path != out[j].path {
			return out[i].path < out[j].path
		}
		return out[i].method < out[j].method
	})
	return out
}

// methods are the HTTP methods accepted as the first word of "METHOD /path".
var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodHead, http.MethodOptions}

// findOperation resolves an operationId, or a method and path (a template such as
// /bookings/{id}, or a concrete path whose segments fill the template's parameters, which are
// returned).
func findOperation(a *apiInfo, ops []*operation, args []string) (*operation, map[string]string, error) {
	if len(args) == 2 {
		method := strings.ToUpper(args[0])
		if !slices.Contains(methods, method) {
			return nil, nil, usageError("api %s: %q is not an HTTP method (usage: api <api> <operationId | METHOD /path>)", a.name, args[0])
		}
		path := args[1]
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		for _, o := range ops {
			if o.method == method && o.path == path {
				return o, nil, nil
			}
		}
		for _, o := range ops {
			if o.method != method {
				continue
			}
			if vals, ok := matchPath(o.path, path); ok {
				return o, vals, nil
			}
		}
		return nil, nil, usageError("api %s: no operation %s %s (search with: hospitality ops %s %s)", a.name, method, path, a.name, lastSegment(path))
	}
	id := args[0]
	for _, o := range ops {
		if o.op.OperationID == id {
			return o, nil, nil
		}
	}
	for _, o := range ops {
		if strings.EqualFold(o.op.OperationID, id) {
			return o, nil, nil
		}
	}
	msg := fmt.Sprintf("api %s: unknown operation %q", a.name, id)
	if near := nearest(id, ops); len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, ", ") + "?"
	}
	return nil, nil, usageError("%s (list them with: hospitality ops %s)", msg, a.name)
}

func lastSegment(p string) string {
	p = strings.Trim(p, "/")
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

// matchPath matches a concrete path against a template, returning the template's parameters.
func matchPath(tmpl, path string) (map[string]string, bool) {
	ts, ps := strings.Split(strings.Trim(tmpl, "/"), "/"), strings.Split(strings.Trim(path, "/"), "/")
	if len(ts) != len(ps) {
		return nil, false
	}
	vals := map[string]string{}
	for i, t := range ts {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			if ps[i] == "" {
				return nil, false
			}
			v, err := url.PathUnescape(ps[i])
			if err != nil {
				return nil, false
			}
			vals[t[1:len(t)-1]] = v
			continue
		}
		if t != ps[i] {
			return nil, false
		}
	}
	return vals, true
}

// nearest returns up to three operationIds closest to id by edit distance.
func nearest(id string, ops []*operation) []string {
	type cand struct {
		id string
		d  int
	}
	var cs []cand
	lid := strings.ToLower(id)
	for _, o := range ops {
		oid := strings.ToLower(o.op.OperationID)
		d := editDistance(lid, oid)
		if d <= max(2, len(id)/3) || strings.Contains(oid, lid) {
			cs = append(cs, cand{o.op.OperationID, d})
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].d < cs[j].d || cs[i].d == cs[j].d && cs[i].id < cs[j].id })
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].id)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// typeOf describes a schema's type for the parameter list.
func typeOf(s *openapi3.SchemaRef) string {
	if s == nil || s.Value == nil {
		return "any"
	}
	v := s.Value
	t := strings.Join(v.Type.Slice(), "|")
	if t == "" {
		t = "any"
	}
	if t == "array" && v.Items != nil {
		t = "array of " + typeOf(v.Items)
	}
	if v.Format != "" {
		t += " (" + v.Format + ")"
	}
	if len(v.Enum) > 0 {
		var vals []string
		for _, e := range v.Enum {
			vals = append(vals, fmt.Sprint(e))
		}
		t += ", one of " + strings.Join(vals, "|")
	}
	return t
}

// paramList is the operation's parameter list, for errors and help.
func (o *operation) paramList() string {
	var b strings.Builder
	fmt.Fprintf(&b, "parameters of %s (%s %s):\n", o.op.OperationID, o.method, o.path)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	if len(o.params) == 0 {
		fmt.Fprintln(tw, "  (none)")
	}
	for _, p := range o.params {
		req := ""
		if p.Required {
			req = "required"
		}
		fmt.Fprintf(tw, "  -p %s\t%s\t%s\t%s\n", p.Name, p.In, typeOf(p.Schema), req)
	}
	if fields, mt := o.bodyFields(); mt != "" {
		fmt.Fprintf(tw, "  request body (%s): -f field=value, or --input file\n", mt)
		for _, f := range fields {
			fmt.Fprintf(tw, "  -f %s\t\t%s\t%s\n", f.name, f.typ, f.req)
		}
	}
	tw.Flush()
	return strings.TrimRight(b.String(), "\n")
}

// bodyField is one top-level field of a request body.
type bodyField struct{ name, typ, req string }

// bodyMedia returns the request body's media type (JSON or form preferred) and schema; "" when
// the operation takes no body.
func (o *operation) bodyMedia() (string, *openapi3.SchemaRef) {
	if o.op.RequestBody == nil || o.op.RequestBody.Value == nil {
		return "", nil
	}
	content := o.op.RequestBody.Value.Content
	for _, mt := range []string{"application/json", "application/vnd.api+json", "application/x-www-form-urlencoded", "multipart/form-data"} {
		if m := content.Get(mt); m != nil {
			return mt, m.Schema
		}
	}
	for mt, m := range content {
		return mt, m.Schema
	}
	return "", nil
}

// bodyFields lists the body's top-level fields.
func (o *operation) bodyFields() ([]bodyField, string) {
	mt, sch := o.bodyMedia()
	if mt == "" || sch == nil || sch.Value == nil {
		return nil, mt
	}
	var out []bodyField
	for _, name := range sortedKeys(sch.Value.Properties) {
		req := ""
		if slices.Contains(sch.Value.Required, name) {
			req = "required"
		}
		out = append(out, bodyField{name, typeOf(sch.Value.Properties[name]), req})
	}
	return out, mt
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// convert turns a command-line string into the JSON value the schema asks for. Values of an
// array schema may be comma-separated.
func convert(s *openapi3.SchemaRef, raw string) (any, error) {
	if s == nil || s.Value == nil {
		return raw, nil
	}
	v := s.Value
	switch {
	case v.Type.Is("integer"):
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an integer", raw)
		}
		return float64(n), nil
	case v.Type.Is("number"):
		f, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", raw)
		}
		return f, nil
	case v.Type.Is("boolean"):
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return nil, fmt.Errorf("%q is not a boolean (true or false)", raw)
		}
		return b, nil
	case v.Type.Is("array"):
		var out []any
		for _, part := range strings.Split(raw, ",") {
			x, err := convert(v.Items, part)
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	case v.Type.Is("object"), v.Type == nil && !v.Type.Is("string") && len(v.Properties) > 0:
		var x any
		if err := json.Unmarshal([]byte(raw), &x); err != nil {
			return nil, fmt.Errorf("%q is not a JSON object", raw)
		}
		return x, nil
	}
	return raw, nil
}

// check validates value against the schema and describes the first problems found.
func check(s *openapi3.SchemaRef, value any) error {
	if s == nil || s.Value == nil {
		return nil
	}
	err := s.Value.VisitJSON(value, openapi3.MultiErrors())
	if err == nil {
		return nil
	}
	var msgs []string
	var walk func(error)
	walk = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			where := strings.Join(se.JSONPointer(), ".")
			if where != "" {
				msgs = append(msgs, where+": "+se.Reason)
			} else {
				msgs = append(msgs, se.Reason)
			}
			return
		}
		msgs = append(msgs, err.Error())
	}
	walk(err)
	slices.Sort(msgs)
	msgs = slices.Compact(msgs)
	if len(msgs) > 5 {
		msgs = append(msgs[:5], fmt.Sprintf("and %d more", len(msgs)-5))
	}
	return errors.New(strings.Join(msgs, "; "))
}
