package speclint

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// generatorPrefixes and generatorKeys name the extensions code generators read. They shape Go
// code, not the wire, so they belong in overlays/, never in specs/.
var (
	generatorPrefixes = []string{"x-go-", "x-oapi-codegen-", "x-speakeasy-", "x-ogen-", "x-fern-", "x-stainless-"}
	generatorKeys     = map[string]bool{"x-omitempty": true, "x-omitzero": true, "x-order": true, "x-enum-varnames": true, "x-enumnames": true}
)

// isGeneratorExtension reports whether key is an extension a code generator reads.
func isGeneratorExtension(key string) bool {
	k := strings.ToLower(key)
	if generatorKeys[k] {
		return true
	}
	for _, p := range generatorPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// linter collects the problems of one document.
type linter struct {
	file     string
	node     *yaml.Node
	problems []Problem
}

func (l *linter) add(path Path, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: l.file, Line: locate(l.node, path), Path: path.String(), Message: fmt.Sprintf(format, args...)})
}

// Spec lints one OpenAPI document; file is the name used in the problems.
func Spec(file string, data []byte) []Problem {
	l := &linter{file: file}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		l.add(nil, "not YAML: %v", err)
		return l.problems
	}
	l.node = &node
	l.extensions(&node, nil)

	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		l.add(nil, "kin-openapi cannot load the document: %v", err)
		return l.problems
	}
	ctx := context.Background()
	if err := doc.Validate(ctx, openapi3.DisableExamplesValidation(), openapi3.EnableMultiError()); err != nil {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				l.add(nil, "invalid: %v", e)
			}
		} else {
			l.add(nil, "invalid: %v", err)
		}
		return l.problems
	}
	l.operations(doc)
	before := len(l.problems)
	l.examples(doc)
	// kin-openapi's own example validation is the backstop: any example error it finds that the
	// walk above did not attribute to a path is still reported.
	if len(l.problems) == before {
		if err := doc.Validate(ctx, openapi3.EnableExamplesValidation()); err != nil {
			l.add(nil, "example validation: %v", err)
		}
	}
	sort.SliceStable(l.problems, func(i, j int) bool { return l.problems[i].Line < l.problems[j].Line })
	return l.problems
}

// extensions reports every generator extension in the tree under n. Example values and
// defaults are data, not markup, and property names are names, not extensions.
func (l *linter) extensions(n *yaml.Node, path Path) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			l.extensions(c, path)
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			l.extensions(c, path.with(i))
		}
	case yaml.MappingNode:
		parent := ""
		if len(path) > 0 {
			parent, _ = path[len(path)-1].(string)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i].Value
			if parent != "properties" && isGeneratorExtension(key) {
				l.add(path.with(key), "generator extension %s belongs in the overlay, not the spec", key)
				continue
			}
			switch key {
			case "example", "default", "enum", "const":
				if parent != "properties" {
					continue
				}
			case "value":
				if len(path) >= 2 && path[len(path)-2] == "examples" {
					continue
				}
			}
			l.extensions(n.Content[i+1], path.with(key))
		}
	}
}

// operations checks each operation's metadata and its 2xx responses.
func (l *linter) operations(doc *openapi3.T) {
	globalSecurity := has(l.node, nil, "security")
	for _, p := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(p)
		for _, method := range sortedMethods(item) {
			op := item.GetOperation(method)
			at := Path{"paths", p, strings.ToLower(method)}
			if op.OperationID == "" {
				l.add(at, "operation has no operationId")
			}
			if strings.TrimSpace(op.Summary) == "" {
				l.add(at, "operation has no summary")
			}
			if len(op.Tags) == 0 {
				l.add(at, "operation has no tags")
			}
			if !globalSecurity && !has(l.node, at, "security") {
				l.add(at, "operation has no security requirement (use security: [] for a public endpoint)")
			}
			l.successResponses(at, op)
		}
	}
}

// sortedMethods returns the methods of a path item in a fixed order.
func sortedMethods(item *openapi3.PathItem) []string {
	ops := item.Operations()
	methods := make([]string, 0, len(ops))
	for m := range ops {
		methods = append(methods, m)
	}
	sort.Strings(methods)
	return methods
}

// bodiless lists the 2xx statuses that may carry no body: 204 and 205 by definition, 201 and
// 202 when the resource or job is named elsewhere (a Location header) or not at all, and 200
// where the provider answers an empty 200 (Cloudbeds Accounting's configuration writes): the
// spec states the status the wire carries rather than the one HTTP would suggest.
var bodiless = map[string]bool{"200": true, "201": true, "202": true, "204": true, "205": true}

// successResponses requires a 2xx response, and a schema and an example for each body of one.
func (l *linter) successResponses(at Path, op *openapi3.Operation) {
	if op.Responses == nil {
		l.add(at, "operation has no responses")
		return
	}
	found := false
	codes := make([]string, 0, op.Responses.Len())
	for code := range op.Responses.Map() {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		if !isSuccess(code) {
			continue
		}
		found = true
		ref := op.Responses.Value(code)
		rat := at.with("responses", code)
		if ref == nil || ref.Value == nil {
			continue
		}
		if len(ref.Value.Content) == 0 {
			if !bodiless[code] {
				l.add(rat, "%s response has no content (only 200, 201, 202, 204 and 205 may be bodiless)", code)
			}
			continue
		}
		for _, ct := range sortedKeys(ref.Value.Content) {
			mt := ref.Value.Content[ct]
			mat := rat.with("content", ct)
			if ref.Ref != "" {
				mat = refPath(ref.Ref).with("content", ct)
			}
			if mt.Schema == nil || mt.Schema.Value == nil {
				l.add(mat, "%s response body has no schema", code)
				continue
			}
			if mt.Example == nil && len(mt.Examples) == 0 && mt.Schema.Value.Example == nil {
				l.add(mat, "%s response body has no example (media type example/examples or schema example)", code)
			}
		}
	}
	if !found {
		l.add(at.with("responses"), "operation has no 2xx response")
	}
}

// isSuccess reports whether a response key is a 2xx status or the 2XX range.
func isSuccess(code string) bool {
	if strings.EqualFold(code, "2XX") {
		return true
	}
	n, err := strconv.Atoi(code)
	return err == nil && n >= 200 && n < 300
}

// refPath turns a local reference ("#/components/responses/X") into a path.
func refPath(ref string) Path {
	var p Path
	for _, s := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
		p = append(p, s)
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// examples validates every example in the document against its schema, each at its own path:
// media-type and parameter examples where they are written (inline in operations or in
// components), and schema examples in every schema not reached through a $ref.
func (l *linter) examples(doc *openapi3.T) {
	for _, p := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(p)
		l.parameters(Path{"paths", p, "parameters"}, item.Parameters)
		for _, method := range sortedMethods(item) {
			op := item.GetOperation(method)
			at := Path{"paths", p, strings.ToLower(method)}
			l.parameters(at.with("parameters"), op.Parameters)
			if rb := op.RequestBody; rb != nil && rb.Ref == "" && rb.Value != nil {
				l.content(at.with("requestBody", "content"), rb.Value.Content, openapi3.VisitAsRequest())
			}
			if op.Responses != nil {
				for code, r := range op.Responses.Map() {
					if r.Ref == "" && r.Value != nil {
						l.content(at.with("responses", code, "content"), r.Value.Content, openapi3.VisitAsResponse())
					}
				}
			}
		}
	}
	c := doc.Components
	if c == nil {
		return
	}
	for _, name := range sortedKeys(c.Schemas) {
		l.schema(Path{"components", "schemas", name}, c.Schemas[name], map[*openapi3.Schema]bool{})
	}
	for _, name := range sortedKeys(c.Responses) {
		if r := c.Responses[name]; r.Ref == "" && r.Value != nil {
			l.content(Path{"components", "responses", name, "content"}, r.Value.Content, openapi3.VisitAsResponse())
		}
	}
	for _, name := range sortedKeys(c.RequestBodies) {
		if r := c.RequestBodies[name]; r.Ref == "" && r.Value != nil {
			l.content(Path{"components", "requestBodies", name, "content"}, r.Value.Content, openapi3.VisitAsRequest())
		}
	}
	for _, name := range sortedKeys(c.Parameters) {
		if r := c.Parameters[name]; r.Ref == "" && r.Value != nil {
			l.parameter(Path{"components", "parameters", name}, r.Value)
		}
	}
}

func (l *linter) parameters(at Path, params openapi3.Parameters) {
	for i, p := range params {
		if p.Ref == "" && p.Value != nil {
			l.parameter(at.with(i), p.Value)
		}
	}
}

func (l *linter) parameter(at Path, p *openapi3.Parameter) {
	if p.Schema == nil || p.Schema.Value == nil {
		return
	}
	l.value(at.with("example"), p.Schema.Value, p.Example, openapi3.VisitAsRequest())
	for _, name := range sortedKeys(p.Examples) {
		if ex := p.Examples[name]; ex != nil && ex.Value != nil {
			l.value(at.with("examples", name, "value"), p.Schema.Value, ex.Value.Value, openapi3.VisitAsRequest())
		}
	}
	if p.Schema.Ref == "" {
		l.schema(at.with("schema"), p.Schema, map[*openapi3.Schema]bool{})
	}
}

func (l *linter) content(at Path, content openapi3.Content, mode openapi3.SchemaValidationOption) {
	for _, ct := range sortedKeys(content) {
		mt := content[ct]
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		mat := at.with(ct)
		l.value(mat.with("example"), mt.Schema.Value, mt.Example, mode)
		for _, name := range sortedKeys(mt.Examples) {
			if ex := mt.Examples[name]; ex != nil && ex.Value != nil {
				l.value(mat.with("examples", name, "value"), mt.Schema.Value, ex.Value.Value, mode)
			}
		}
		if mt.Schema.Ref == "" {
			l.schema(mat.with("schema"), mt.Schema, map[*openapi3.Schema]bool{})
		}
	}
}

// schema validates the example of an inline schema and of every inline schema below it.
func (l *linter) schema(at Path, ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return
	}
	s := ref.Value
	seen[s] = true
	l.value(at.with("example"), s, s.Example)
	visit := func(child *openapi3.SchemaRef, segs ...any) {
		if child != nil && child.Ref == "" {
			l.schema(at.with(segs...), child, seen)
		}
	}
	for _, name := range sortedKeys(s.Properties) {
		visit(s.Properties[name], "properties", name)
	}
	visit(s.Items, "items")
	visit(s.Not, "not")
	if s.AdditionalProperties.Schema != nil {
		visit(s.AdditionalProperties.Schema, "additionalProperties")
	}
	for kw, list := range map[string]openapi3.SchemaRefs{"allOf": s.AllOf, "anyOf": s.AnyOf, "oneOf": s.OneOf} {
		for i, c := range list {
			visit(c, kw, i)
		}
	}
}

// value validates one example value against a schema and reports each failure.
func (l *linter) value(at Path, s *openapi3.Schema, v any, opts ...openapi3.SchemaValidationOption) {
	if v == nil {
		return
	}
	err := s.VisitJSON(v, append(opts, openapi3.MultiErrors())...)
	if err == nil {
		return
	}
	for _, msg := range schemaErrors(err) {
		l.add(at, "example does not match its schema: %s", msg)
	}
}

// schemaErrors flattens a kin-openapi validation error into one short line per failure, each
// naming the JSON pointer of the offending value inside the example.
func schemaErrors(err error) []string {
	var out []string
	var me openapi3.MultiError
	if errors.As(err, &me) {
		for _, e := range me {
			out = append(out, schemaErrors(e)...)
		}
		return out
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		ptr := "/" + strings.Join(se.JSONPointer(), "/")
		return []string{fmt.Sprintf("at %s: %s", ptr, se.Reason)}
	}
	return []string{err.Error()}
}
