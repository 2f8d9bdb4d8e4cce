package drift

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"
)

// Change is one edit of a [Proposal].
type Change struct {
	// Kind is the mismatch the edit answers: [UnknownField], [MissingRequired], [WrongType] or
	// [NewEnumValue].
	Kind string
	// Path is the JSON Pointer of the value in the answer ("/0/vat_number"); for a schema
	// several values share, the first.
	Path string
	// Schema is the JSON Pointer, in the spec, of the schema edited ("/components/schemas/Venue").
	Schema string
	// Summary says what changes, for people: "property vat_number added (type: string)".
	Summary string
}

// Proposal is the spec change that makes an answer valid, from [Propose].
type Proposal struct {
	// Operation is the operationId, Status the answer's status.
	Operation string
	Status    int
	// Changes are the edits, in the order of the answer's paths.
	Changes []Change
	// Unhandled are the mismatches the changed spec still has: those no edit is proposed for
	// (an undeclared status, a format, a schema in a style the editor does not change).
	Unhandled []Event
	// Old and New are the spec's text before and after the change.
	Old, New []byte
}

// Diff returns the change as a unified diff of the file name (for example "specs/kobas.yaml")
// with git's a/ and b/ prefixes, which `git apply` and `patch -p1` accept from the repository's
// root; "" when nothing changes.
func (p *Proposal) Diff(name string) string {
	if bytes.Equal(p.Old, p.New) {
		return ""
	}
	return udiff.Unified("a/"+name, "b/"+name, string(p.Old), string(p.New))
}

// Propose compares answer, the JSON body of an answer of operationID with HTTP status (0 means
// the operation's first 2xx), against spec, the text of an OpenAPI 3.0 document
// (specs/<api>.yaml), and proposes the edits that make the spec accept it:
//
//   - an unknown field: the property is added to its object, with a type inferred from the
//     values seen (string, with format date-time or date when every value is one; integer;
//     number; boolean; object with its members; array with its items; nullable when null);
//   - a new enum value: the enum is extended;
//   - a changed type: integer is widened to number, null makes the schema nullable, any other
//     type is admitted with oneOf;
//   - a missing required field: the name leaves the required list (and an emptied list goes).
//
// The edits are made in the text, keeping its layout and comments, to the schema the answer's
// path leads to, following local $refs: a shared component is changed for every operation that
// uses it, which is what a changed answer means. Mismatches that remain are in
// [Proposal.Unhandled]. Propose fails when spec or answer cannot be read or the operation does
// not exist.
func Propose(spec []byte, operationID string, status int, answer []byte) (*Proposal, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("drift: propose: spec: %w", err)
	}
	tmpl, method, op := findOperationID(doc, operationID)
	if op == nil {
		return nil, fmt.Errorf("drift: propose: no operation %q in the spec", operationID)
	}
	if status == 0 {
		status = firstSuccess(op)
	}
	var value any
	dec := json.NewDecoder(bytes.NewReader(answer))
	dec.UseNumber()
	if err := dec.Decode(&value); err != nil {
		return nil, fmt.Errorf("drift: propose: answer is not JSON: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(spec, &root); err != nil || len(root.Content) == 0 {
		return nil, fmt.Errorf("drift: propose: spec: not YAML: %v", err)
	}
	ed := &editor{text: spec, doc: root.Content[0], lines: lineStarts(spec)}
	events := mismatches("", op, status, "application/json", answer)
	p := &Proposal{Operation: operationID, Status: status, Old: spec, New: spec}
	schema, ptr := ed.responseSchema(tmpl, method, status)
	if schema != nil {
		p.Changes = ed.plan(schema, ptr, events, value)
	}
	if len(ed.edits) > 0 {
		out, err := udiff.Apply(string(spec), ed.edits)
		if err != nil {
			return nil, fmt.Errorf("drift: propose: %w", err)
		}
		p.New = []byte(out)
		doc, err = openapi3.NewLoader().LoadFromData(p.New)
		if err != nil {
			return nil, fmt.Errorf("drift: propose: the changed spec does not load (a bug: please report it): %w", err)
		}
		_, _, op = findOperationID(doc, operationID)
		events = mismatches("", op, status, "application/json", answer)
	}
	for _, e := range events {
		e.Excerpt = redact(e.Excerpt)
		p.Unhandled = append(p.Unhandled, e)
	}
	return p, nil
}

// findOperationID returns the path template, method (lower case) and operation of id.
func findOperationID(doc *openapi3.T, id string) (string, string, *openapi3.Operation) {
	for tmpl, item := range doc.Paths.Map() {
		for m, op := range item.Operations() {
			if op.OperationID == id {
				return tmpl, strings.ToLower(m), op
			}
		}
	}
	return "", "", nil
}

// firstSuccess is the lowest 2xx status op declares, or 200.
func firstSuccess(op *openapi3.Operation) int {
	best := 0
	for code := range op.Responses.Map() {
		if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 && (best == 0 || n < best) {
			best = n
		}
	}
	if best == 0 {
		return 200
	}
	return best
}

// editor plans text edits of a YAML document.
type editor struct {
	text  []byte
	doc   *yaml.Node // the document's root mapping
	lines []int      // byte offset of each line's start
	edits []udiff.Edit
}

// target is a schema being changed and what is asked of it.
type target struct {
	kind   string
	schema *yaml.Node
	ptr    string
	path   string           // first answer path
	names  []string         // added or no longer required properties, in order
	values map[string][]any // per added property, or under "" for the schema itself
}

// plan turns the events into edits of the schema at ptr and returns their changes.
func (ed *editor) plan(schema *yaml.Node, ptr string, events []Event, answer any) []Change {
	var order []string
	targets := map[string]*target{}
	add := func(kind string, s *yaml.Node, sptr, path, name string, v any) {
		key := kind + " " + sptr
		t := targets[key]
		if t == nil {
			t = &target{kind: kind, schema: s, ptr: sptr, path: path, values: map[string][]any{}}
			targets[key] = t
			order = append(order, key)
		}
		if _, seen := t.values[name]; !seen && (kind == UnknownField || kind == MissingRequired) {
			t.names = append(t.names, name)
		}
		t.values[name] = append(t.values[name], v)
	}
	for _, e := range events {
		switch e.Kind {
		case UnknownField, MissingRequired:
			parent, name := splitPointer(e.Path)
			s, sptr := ed.walk(schema, ptr, parent)
			if s == nil || name == "" {
				continue
			}
			v, _ := lookup(answer, e.Path)
			if e.Kind == MissingRequired {
				if s, sptr = ed.requiredOwner(s, sptr, name); s == nil {
					continue
				}
			}
			add(e.Kind, s, sptr, e.Path, name, v)
		case WrongType, NewEnumValue:
			s, sptr := ed.walk(schema, ptr, e.Path)
			if s == nil {
				continue
			}
			v, ok := lookup(answer, e.Path)
			if !ok {
				continue
			}
			add(e.Kind, s, sptr, e.Path, "", v)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return targets[order[i]].path < targets[order[j]].path })
	var changes []Change
	for _, key := range order {
		t := targets[key]
		var summary string
		var err error
		switch t.kind {
		case UnknownField:
			summary, err = ed.addProperties(t)
		case MissingRequired:
			summary, err = ed.dropRequired(t)
		case WrongType:
			summary, err = ed.widenType(t)
		case NewEnumValue:
			summary, err = ed.extendEnum(t)
		}
		if err != nil || summary == "" {
			continue // the mismatch stays in Unhandled
		}
		changes = append(changes, Change{Kind: t.kind, Path: t.path, Schema: t.ptr, Summary: summary})
	}
	return changes
}

// errStyle reports a schema written in a style the editor does not change (flow mappings).
var errStyle = errors.New("drift: propose: schema style not supported")

// addProperties adds the target's names to its schema's properties.
func (ed *editor) addProperties(t *target) (string, error) {
	s := t.schema
	if s.Kind != yaml.MappingNode || s.Style&yaml.FlowStyle != 0 || len(s.Content) == 0 {
		return "", errStyle
	}
	var b strings.Builder
	var parts []string
	props := mapGet(s, "properties")
	var at, indent int
	switch {
	case props != nil && props.Kind == yaml.MappingNode && props.Style&yaml.FlowStyle == 0 && len(props.Content) > 0:
		last := props.Content[len(props.Content)-2]
		at, indent = ed.entryEnd(last, props.Content[len(props.Content)-1]), last.Column-1
	case props == nil:
		last := s.Content[len(s.Content)-2]
		at, indent = ed.entryEnd(last, s.Content[len(s.Content)-1]), last.Column-1
		b.WriteString(strings.Repeat(" ", indent) + "properties:\n")
		indent += 2
	default:
		return "", errStyle
	}
	for _, name := range t.names {
		inf := infer(t.values[name])
		b.WriteString(strings.Repeat(" ", indent) + yamlKey(name) + ":\n")
		inf.render(&b, indent+2)
		parts = append(parts, fmt.Sprintf("property %s added (%s)", name, inf.describe()))
	}
	ed.insert(at, b.String())
	return strings.Join(parts, "; "), nil
}

// dropRequired removes the target's names from its schema's required list.
func (ed *editor) dropRequired(t *target) (string, error) {
	s := t.schema
	key, req := mapEntry(s, "required")
	if req == nil || req.Kind != yaml.SequenceNode {
		return "", errStyle
	}
	drop := map[string]bool{}
	for _, n := range t.names {
		drop[n] = true
	}
	var keep []*yaml.Node
	for _, it := range req.Content {
		if !drop[it.Value] {
			keep = append(keep, it)
		}
	}
	summary := fmt.Sprintf("%s no longer required", strings.Join(t.names, ", "))
	switch {
	case len(keep) == 0:
		// OpenAPI 3.0 does not allow an empty required list: the entry goes.
		if s.Style&yaml.FlowStyle != 0 {
			return "", errStyle
		}
		start := ed.lines[key.Line-1]
		ed.replace(start, ed.entryEnd(key, req), "")
		return summary + " (the required list goes)", nil
	case req.Style&yaml.FlowStyle != 0:
		start := ed.offset(req.Line, req.Column)
		end, ok := ed.closing(start)
		if !ok {
			return "", errStyle
		}
		var items []string
		for _, it := range keep {
			items = append(items, ed.scalarText(it))
		}
		ed.replace(start, end, "["+strings.Join(items, ", ")+"]")
	default:
		for _, it := range req.Content {
			if drop[it.Value] {
				ed.replace(ed.lines[it.Line-1], ed.lineEnd(it.Line), "")
			}
		}
	}
	return summary, nil
}

// widenType makes the target's schema accept its values' types.
func (ed *editor) widenType(t *target) (string, error) {
	s := t.schema
	key, typ := mapEntry(s, "type")
	if typ == nil || typ.Kind != yaml.ScalarNode {
		return "", errStyle
	}
	flow := s.Style&yaml.FlowStyle != 0
	cur := typ.Value
	seen := map[string]bool{}
	for _, v := range t.values[""] {
		seen[jsonType(v)] = true
	}
	var parts []string
	if seen["null"] {
		if n := mapGet(s, "nullable"); n == nil || n.Value != "true" {
			if flow {
				ed.insert(ed.scalarEnd(typ), ", nullable: true")
			} else {
				ed.insert(ed.lines[key.Line], strings.Repeat(" ", key.Column-1)+"nullable: true\n")
			}
			parts = append(parts, "nullable")
		}
	}
	delete(seen, "null")
	delete(seen, cur)
	if cur == "number" {
		delete(seen, "integer")
	}
	if len(seen) == 0 {
		return strings.Join(parts, "; "), nil
	}
	if cur == "integer" && len(seen) == 1 && seen["number"] {
		ed.replace(ed.offset(typ.Line, typ.Column), ed.scalarEnd(typ), "number")
		return strings.Join(append(parts, "type widened from integer to number"), "; "), nil
	}
	if seen["number"] {
		delete(seen, "integer")
	}
	if cur == "integer" && seen["number"] {
		cur = "number"
		delete(seen, "number")
	}
	types := []string{cur}
	for ty := range seen {
		types = append(types, ty)
	}
	sort.Strings(types[1:])
	var b strings.Builder
	if flow {
		b.WriteString("oneOf: [")
		for i, ty := range types {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("{type: " + ty + "}")
		}
		b.WriteString("]")
	} else {
		b.WriteString("oneOf:")
		pad := strings.Repeat(" ", key.Column-1)
		for _, ty := range types {
			b.WriteString("\n" + pad + "  - type: " + ty)
		}
	}
	ed.replace(ed.offset(key.Line, key.Column), ed.scalarEnd(typ), b.String())
	return strings.Join(append(parts, "type "+typ.Value+" becomes oneOf "+strings.Join(types, ", ")), "; "), nil
}

// extendEnum adds the target's values to its schema's enum.
func (ed *editor) extendEnum(t *target) (string, error) {
	enum := mapGet(t.schema, "enum")
	if enum == nil || enum.Kind != yaml.SequenceNode {
		return "", errStyle
	}
	var add []string
	seen := map[string]bool{}
	for _, it := range enum.Content {
		seen[it.Value] = true
	}
	for _, v := range t.values[""] {
		text := yamlScalar(v)
		if v == nil || seen[fmt.Sprint(v)] || seen[text] {
			continue
		}
		seen[fmt.Sprint(v)] = true
		add = append(add, text)
	}
	if len(add) == 0 {
		return "", nil
	}
	switch {
	case enum.Style&yaml.FlowStyle != 0:
		start := ed.offset(enum.Line, enum.Column)
		end, ok := ed.closing(start)
		if !ok {
			return "", errStyle
		}
		sep := ", "
		if len(enum.Content) == 0 {
			sep = ""
		}
		ed.insert(end-1, sep+strings.Join(add, ", "))
	case len(enum.Content) > 0:
		last := enum.Content[len(enum.Content)-1]
		prefix := string(ed.text[ed.lines[last.Line-1]:ed.offset(last.Line, last.Column)])
		var b strings.Builder
		for _, a := range add {
			b.WriteString(prefix + a + "\n")
		}
		ed.insert(ed.lines[last.Line], b.String())
	default:
		return "", errStyle
	}
	return "enum extended with " + strings.Join(add, ", "), nil
}

// responseSchema returns the schema of the JSON content of the operation's response for
// status (exact, then NXX, then default), with its pointer.
func (ed *editor) responseSchema(tmpl, method string, status int) (*yaml.Node, string) {
	ptr := "/paths/" + escape(tmpl) + "/" + method + "/responses"
	resps := mapGet(mapGet(mapGet(ed.doc, "paths"), tmpl), method)
	resps = mapGet(resps, "responses")
	code := strconv.Itoa(status)
	var resp *yaml.Node
	for _, c := range []string{code, code[:1] + "XX", code[:1] + "xx", "default"} {
		if resp = mapGet(resps, c); resp != nil {
			ptr += "/" + c
			break
		}
	}
	resp, ptr = ed.resolve(resp, ptr)
	content := mapGet(resp, "content")
	if content == nil || content.Kind != yaml.MappingNode {
		return nil, ""
	}
	for i := 0; i+1 < len(content.Content); i += 2 {
		if strings.Contains(content.Content[i].Value, "json") {
			s := mapGet(content.Content[i+1], "schema")
			return ed.resolve(s, ptr+"/content/"+escape(content.Content[i].Value)+"/schema")
		}
	}
	return nil, ""
}

// walk follows the answer pointer path from schema s (at ptr) to the schema of its value.
func (ed *editor) walk(s *yaml.Node, ptr, path string) (*yaml.Node, string) {
	s, ptr = ed.resolve(s, ptr)
	if path == "" {
		return s, ptr
	}
	for _, seg := range strings.Split(path[1:], "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		if s == nil {
			return nil, ""
		}
		if _, err := strconv.Atoi(seg); err == nil {
			if items := mapGet(s, "items"); items != nil {
				s, ptr = ed.resolve(items, ptr+"/items")
				continue
			}
		}
		if p, pptr := ed.property(s, ptr, seg); p != nil {
			s, ptr = ed.resolve(p, pptr)
			continue
		}
		if ap := mapGet(s, "additionalProperties"); ap != nil && ap.Kind == yaml.MappingNode {
			s, ptr = ed.resolve(ap, ptr+"/additionalProperties")
			continue
		}
		return nil, ""
	}
	return s, ptr
}

// property finds the schema of property name in s or its allOf, oneOf and anyOf members.
func (ed *editor) property(s *yaml.Node, ptr, name string) (*yaml.Node, string) {
	if p := mapGet(mapGet(s, "properties"), name); p != nil {
		return p, ptr + "/properties/" + escape(name)
	}
	for _, comb := range []string{"allOf", "oneOf", "anyOf"} {
		list := mapGet(s, comb)
		if list == nil || list.Kind != yaml.SequenceNode {
			continue
		}
		for i, sub := range list.Content {
			sub, sptr := ed.resolve(sub, ptr+"/"+comb+"/"+strconv.Itoa(i))
			if p, pptr := ed.property(sub, sptr, name); p != nil {
				return p, pptr
			}
		}
	}
	return nil, ""
}

// requiredOwner returns the schema among s and its allOf members whose required list names
// name.
func (ed *editor) requiredOwner(s *yaml.Node, ptr, name string) (*yaml.Node, string) {
	if req := mapGet(s, "required"); req != nil && req.Kind == yaml.SequenceNode {
		for _, it := range req.Content {
			if it.Value == name {
				return s, ptr
			}
		}
	}
	if list := mapGet(s, "allOf"); list != nil && list.Kind == yaml.SequenceNode {
		for i, sub := range list.Content {
			sub, sptr := ed.resolve(sub, ptr+"/allOf/"+strconv.Itoa(i))
			if o, optr := ed.requiredOwner(sub, sptr, name); o != nil {
				return o, optr
			}
		}
	}
	return nil, ""
}

// resolve follows local $refs from n (at ptr).
func (ed *editor) resolve(n *yaml.Node, ptr string) (*yaml.Node, string) {
	for range 16 {
		ref := mapGet(n, "$ref")
		if ref == nil || !strings.HasPrefix(ref.Value, "#/") {
			return n, ptr
		}
		n, ptr = ed.doc, strings.TrimPrefix(ref.Value, "#")
		for _, seg := range strings.Split(ref.Value[2:], "/") {
			n = mapGet(n, strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~"))
		}
	}
	return nil, ""
}

// mapEntry returns the key and value nodes of key in mapping m.
func mapEntry(m *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

func mapGet(m *yaml.Node, key string) *yaml.Node {
	_, v := mapEntry(m, key)
	return v
}

// lineStarts returns the byte offset of each line's start.
func lineStarts(text []byte) []int {
	starts := []int{0}
	for i, c := range text {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset converts a node's 1-based line and column (in characters) to a byte offset.
func (ed *editor) offset(line, col int) int {
	off := ed.lines[line-1]
	for range col - 1 {
		_, size := utf8.DecodeRune(ed.text[off:])
		off += size
	}
	return off
}

// lineEnd is the offset of the start of the line after line (1-based).
func (ed *editor) lineEnd(line int) int {
	if line < len(ed.lines) {
		return ed.lines[line]
	}
	return len(ed.text)
}

// entryEnd returns the offset just past the last line of the mapping entry whose key is key:
// the lines after it that are blank, comments or indented deeper (or, for a block sequence
// value, its "- " items at the key's indentation) belong to it.
func (ed *editor) entryEnd(key, value *yaml.Node) int {
	indent := key.Column - 1
	lastContent := key.Line
	seq := value.Kind == yaml.SequenceNode && value.Style&yaml.FlowStyle == 0
	for l := key.Line + 1; l <= len(ed.lines); l++ {
		line := string(ed.text[ed.lines[l-1]:ed.lineEnd(l)])
		trimmed := strings.TrimLeft(line, " ")
		if strings.TrimSpace(trimmed) == "" {
			continue
		}
		ind := len(line) - len(trimmed)
		if ind > indent || seq && ind == indent && strings.HasPrefix(trimmed, "-") {
			lastContent = l
			continue
		}
		break
	}
	return ed.lineEnd(lastContent)
}

// closing returns the offset just past the bracket closing the flow collection at start.
func (ed *editor) closing(start int) (int, bool) {
	depth := 0
	var quote byte
	for i := start; i < len(ed.text); i++ {
		c := ed.text[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

// scalarEnd returns the offset just past a scalar node's text.
func (ed *editor) scalarEnd(n *yaml.Node) int {
	start := ed.offset(n.Line, n.Column)
	switch n.Style {
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		q := ed.text[start]
		for i := start + 1; i < len(ed.text); i++ {
			if ed.text[i] == q && (q == '\'' || ed.text[i-1] != '\\') {
				return i + 1
			}
		}
	}
	return start + len(n.Value)
}

// scalarText is a scalar node's text as written.
func (ed *editor) scalarText(n *yaml.Node) string {
	return string(ed.text[ed.offset(n.Line, n.Column):ed.scalarEnd(n)])
}

func (ed *editor) insert(at int, text string) { ed.replace(at, at, text) }

func (ed *editor) replace(start, end int, text string) {
	ed.edits = append(ed.edits, udiff.Edit{Start: start, End: end, New: text})
}

// splitPointer splits "/0/name" into "/0" and "name".
func splitPointer(p string) (string, string) {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "", ""
	}
	return p[:i], strings.ReplaceAll(strings.ReplaceAll(p[i+1:], "~1", "/"), "~0", "~")
}

// lookup returns the value at the JSON Pointer p in v.
func lookup(v any, p string) (any, bool) {
	if p == "" {
		return v, true
	}
	for _, seg := range strings.Split(p[1:], "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[seg]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// jsonType names v's JSON Schema type.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "string"
}

// inferred is a schema guessed from values.
type inferred struct {
	typ, format string
	nullable    bool
	props       []string
	propSchemas map[string]*inferred
	items       *inferred
}

// infer guesses the schema of values.
func infer(values []any) *inferred {
	s := &inferred{}
	formats := map[string]int{}
	strs := 0
	var members map[string][]any
	var names []string
	var elems []any
	for _, v := range values {
		ty := jsonType(v)
		switch {
		case ty == "null":
			s.nullable = true
			continue
		case s.typ == "", s.typ == ty:
			s.typ = ty
		case s.typ == "integer" && ty == "number", s.typ == "number" && ty == "integer":
			s.typ = "number"
		}
		switch x := v.(type) {
		case string:
			strs++
			if _, err := time.Parse(time.RFC3339, x); err == nil {
				formats["date-time"]++
			} else if _, err := time.Parse(time.DateOnly, x); err == nil {
				formats["date"]++
			}
		case map[string]any:
			if members == nil {
				members = map[string][]any{}
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if _, ok := members[k]; !ok {
					names = append(names, k)
				}
				members[k] = append(members[k], x[k])
			}
		case []any:
			elems = append(elems, x...)
		}
	}
	if s.typ == "" {
		s.typ = "string" // only null seen
	}
	for f, n := range formats {
		if n == strs && s.typ == "string" {
			s.format = f
		}
	}
	if s.typ == "object" {
		s.propSchemas = map[string]*inferred{}
		for _, k := range names {
			s.props = append(s.props, k)
			s.propSchemas[k] = infer(members[k])
		}
	}
	if s.typ == "array" {
		s.items = infer(elems)
		if len(elems) == 0 {
			s.items = nil
		}
	}
	return s
}

// render writes the schema's lines at indent.
func (s *inferred) render(b *strings.Builder, indent int) {
	pad := strings.Repeat(" ", indent)
	b.WriteString(pad + "type: " + s.typ + "\n")
	if s.format != "" {
		b.WriteString(pad + "format: " + s.format + "\n")
	}
	if s.nullable {
		b.WriteString(pad + "nullable: true\n")
	}
	if len(s.props) > 0 {
		b.WriteString(pad + "properties:\n")
		for _, k := range s.props {
			b.WriteString(pad + "  " + yamlKey(k) + ":\n")
			s.propSchemas[k].render(b, indent+4)
		}
	}
	if s.typ == "array" {
		if s.items == nil {
			b.WriteString(pad + "items: {}\n")
		} else {
			b.WriteString(pad + "items:\n")
			s.items.render(b, indent+2)
		}
	}
}

// describe summarises the schema: "type: string, format: date-time".
func (s *inferred) describe() string {
	d := "type: " + s.typ
	if s.format != "" {
		d += ", format: " + s.format
	}
	if s.nullable {
		d += ", nullable"
	}
	if s.items != nil {
		d += " of " + s.items.typ
	}
	return d
}

var (
	plainScalar = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)
	reserved    = regexp.MustCompile(`^(?i:true|false|null|yes|no|on|off|y|n|~)$`)
)

// yamlKey is name as a mapping key: plain when it can be, else JSON-quoted.
func yamlKey(name string) string {
	if plainScalar.MatchString(name) && !reserved.MatchString(name) {
		return name
	}
	q, _ := json.Marshal(name)
	return string(q)
}

// yamlScalar is v as a YAML scalar safe in flow and block context.
func yamlScalar(v any) string {
	switch x := v.(type) {
	case string:
		return yamlKey(x)
	case json.Number:
		return x.String()
	case nil:
		return "null"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
