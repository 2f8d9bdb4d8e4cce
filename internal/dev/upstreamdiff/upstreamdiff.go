// Package upstreamdiff compares one of our OpenAPI documents with the provider's own (upstream)
// document and reports the drift a maintainer has to look at when the provider changes its API:
// operations one side has and the other lacks, and for each operation both have, the parameters,
// request-body fields and response fields that differ, and how many of upstream's response
// examples our schemas accept.
//
// Upstream documents may be OpenAPI 3.0 or 3.1; both sides are read structurally, without
// kin-openapi's version checks, and only our document (always 3.0) is loaded with kin-openapi,
// to validate upstream's examples against our schemas.
package upstreamdiff

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Report is the result of [Compare].
type Report struct {
	OursVersion, UpstreamVersion string
	// Matched holds the operations both documents have, sorted by our method and path.
	Matched []Match
	// UpstreamOnly holds the operations upstream has and we lack; OursOnly the reverse.
	UpstreamOnly, OursOnly []*Operation
	// Instantiated holds upstream operations we cover with one operation per value of a path
	// parameter (for example GET /segments/{enabled} as /segments/true and /segments/false),
	// which a document must do when upstream's path templates collide. They count as matched.
	Instantiated []Instantiation
}

// Instantiation is an upstream operation whose path template our document spells out with
// literal values.
type Instantiation struct {
	Upstream *Operation
	Ours     []*Operation
}

// Match is one operation present in both documents and how its parts differ.
type Match struct {
	Ours, Upstream *Operation
	Params         Delta
	RequestFields  Delta
	ResponseFields Delta
	// ResponsePaths compares the response property paths at every depth ([Operation.ResponsePaths]).
	ResponsePaths Delta
	// Examples holds every upstream 2xx example with its verdict against our schema.
	Examples []ExampleResult
}

// Delta compares two lists of names.
type Delta struct {
	UpstreamOnly, OursOnly []string
	Common                 int
}

// ExampleResult is an upstream example validated against our response schema; Problem is
// empty when our schema accepts it.
type ExampleResult struct {
	Example
	Problem string
}

// Missing returns how many upstream operations our document lacks.
func (r *Report) Missing() int { return len(r.UpstreamOnly) }

// Compare compares our document with upstream's. Operations are matched by method and path,
// ignoring the names of template parameters and trailing slashes; when the two documents put
// their common prefix in different places (server URL or paths), the paths are compared with the
// first server's path prepended, whichever matches more operations.
func Compare(ours, upstream []byte) (*Report, error) {
	o, err := Load(ours)
	if err != nil {
		return nil, fmt.Errorf("upstreamdiff: ours: %w", err)
	}
	u, err := Load(upstream)
	if err != nil {
		return nil, fmt.Errorf("upstreamdiff: upstream: %w", err)
	}
	kin, err := openapi3.NewLoader().LoadFromData(ours)
	if err != nil {
		return nil, fmt.Errorf("upstreamdiff: ours does not load with kin-openapi: %w", err)
	}

	r := &Report{OursVersion: o.Version, UpstreamVersion: u.Version}
	index := bestIndex(o, u)
	seen := map[*Operation]bool{}
	for _, k := range sortedKeys(o.Operations) {
		op := o.Operations[k]
		up := index[k]
		if up == nil {
			r.OursOnly = append(r.OursOnly, op)
			continue
		}
		seen[up] = true
		m := Match{
			Ours: op, Upstream: up,
			Params:         delta(op.Params, up.Params),
			RequestFields:  delta(op.RequestFields, up.RequestFields),
			ResponseFields: delta(op.ResponseFields, up.ResponseFields),
			ResponsePaths:  delta(op.ResponsePaths, up.ResponsePaths),
		}
		for _, ex := range up.Examples {
			m.Examples = append(m.Examples, ExampleResult{Example: ex, Problem: validate(kin, op, ex)})
		}
		r.Matched = append(r.Matched, m)
	}
	for _, k := range sortedKeys(u.Operations) {
		if op := u.Operations[k]; !seen[op] {
			r.UpstreamOnly = append(r.UpstreamOnly, op)
		}
	}
	r.instantiate()
	return r, nil
}

// instantiate moves upstream-only operations whose path template our unmatched operations spell
// out with literal values (same method, every other segment equal) to Instantiated.
func (r *Report) instantiate() {
	var upstreamOnly []*Operation
	used := map[*Operation]bool{}
	for _, up := range r.UpstreamOnly {
		var instances []*Operation
		for _, op := range r.OursOnly {
			if !used[op] && op.Method == up.Method && instanceOf(op.Path, up.Path) {
				instances = append(instances, op)
			}
		}
		if len(instances) == 0 {
			upstreamOnly = append(upstreamOnly, up)
			continue
		}
		for _, op := range instances {
			used[op] = true
		}
		r.Instantiated = append(r.Instantiated, Instantiation{Upstream: up, Ours: instances})
	}
	r.UpstreamOnly = upstreamOnly
	var oursOnly []*Operation
	for _, op := range r.OursOnly {
		if !used[op] {
			oursOnly = append(oursOnly, op)
		}
	}
	r.OursOnly = oursOnly
}

// instanceOf reports whether path is template with at least one template segment replaced by a
// literal and every other segment equal (template segments may match template segments).
func instanceOf(path, template string) bool {
	ps, ts := strings.Split(strings.Trim(path, "/"), "/"), strings.Split(strings.Trim(template, "/"), "/")
	if len(ps) != len(ts) {
		return false
	}
	literal := false
	for i := range ps {
		pt, tt := templateParam.MatchString(ps[i]), templateParam.MatchString(ts[i])
		switch {
		case ps[i] == ts[i], pt && tt:
		case tt && !pt && ts[i] == templateParam.FindString(ts[i]):
			literal = true
		default:
			return false
		}
	}
	return literal
}

// bestIndex maps our operation keys to upstream operations, with the base paths applied or
// not, whichever matches more. Exact paths match first; normalised paths (template parameter
// names ignored) then pair the operations left over.
func bestIndex(o, u *Document) map[string]*Operation {
	build := func(withBase bool) map[string]*Operation {
		full := func(d *Document, op *Operation) string {
			if withBase {
				return d.BasePath + op.Path
			}
			return op.Path
		}
		exact, norm := map[string]string{}, map[string]string{}
		for _, k := range sortedKeys(o.Operations) {
			op := o.Operations[k]
			p := full(o, op)
			exact[op.Method+" "+p] = k
			if _, taken := norm[op.Method+" "+normalisePath(p)]; !taken {
				norm[op.Method+" "+normalisePath(p)] = k
			}
		}
		idx := map[string]*Operation{}
		var rest []*Operation
		for _, k := range sortedKeys(u.Operations) {
			op := u.Operations[k]
			if ok, found := exact[op.Method+" "+full(u, op)]; found && idx[ok] == nil {
				idx[ok] = op
			} else {
				rest = append(rest, op)
			}
		}
		for _, op := range rest {
			p := full(u, op)
			if ok, found := norm[op.Method+" "+normalisePath(p)]; found && idx[ok] == nil {
				idx[ok] = op
			}
		}
		return idx
	}
	raw, full := build(false), build(true)
	if len(full) > len(raw) {
		return full
	}
	return raw
}

// delta compares our names with upstream's.
func delta(ours, upstream []string) Delta {
	var d Delta
	in := map[string]bool{}
	for _, s := range ours {
		in[s] = true
	}
	up := map[string]bool{}
	for _, s := range upstream {
		up[s] = true
		if in[s] {
			d.Common++
		} else {
			d.UpstreamOnly = append(d.UpstreamOnly, s)
		}
	}
	for _, s := range ours {
		if !up[s] {
			d.OursOnly = append(d.OursOnly, s)
		}
	}
	sort.Strings(d.UpstreamOnly)
	sort.Strings(d.OursOnly)
	return d
}

// validate checks an upstream example against our response schema for the same status, or our
// first 2xx JSON schema when we document a different status. It returns "" when accepted.
func validate(doc *openapi3.T, op *Operation, ex Example) string {
	item := doc.Paths.Value(op.Path)
	if item == nil {
		return "our operation is not in the kin-openapi document"
	}
	kop := item.GetOperation(op.Method)
	if kop == nil || kop.Responses == nil {
		return "our operation has no responses"
	}
	schema := jsonSchema(kop.Responses.Value(ex.Status))
	if schema == nil {
		codes := make([]string, 0, kop.Responses.Len())
		for code := range kop.Responses.Map() {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		for _, code := range codes {
			if isSuccess(code) {
				if schema = jsonSchema(kop.Responses.Value(code)); schema != nil {
					break
				}
			}
		}
	}
	if schema == nil {
		return "our operation has no 2xx JSON schema"
	}
	err := schema.VisitJSON(ex.Value, openapi3.VisitAsResponse(), openapi3.MultiErrors())
	if err == nil {
		return ""
	}
	msgs := schemaErrors(err)
	if len(msgs) > 3 {
		msgs = append(msgs[:3], fmt.Sprintf("and %d more", len(msgs)-3))
	}
	return strings.Join(msgs, "; ")
}

// jsonSchema returns the schema of a response's JSON body, or nil.
func jsonSchema(r *openapi3.ResponseRef) *openapi3.Schema {
	if r == nil || r.Value == nil {
		return nil
	}
	for _, ct := range sortedKeys(r.Value.Content) {
		if mt := r.Value.Content[ct]; strings.Contains(ct, "json") && mt.Schema != nil && mt.Schema.Value != nil {
			return mt.Schema.Value
		}
	}
	return nil
}

// schemaErrors flattens a kin-openapi validation error into one line per failure.
func schemaErrors(err error) []string {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []string
		for _, e := range me {
			out = append(out, schemaErrors(e)...)
		}
		return out
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		return []string{fmt.Sprintf("at /%s: %s", strings.Join(se.JSONPointer(), "/"), se.Reason)}
	}
	return []string{err.Error()}
}

// percent formats part of whole as a percentage with one decimal, or "n/a" for an empty whole.
func percent(part, whole int) string {
	if whole == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(part)/float64(whole))
}

// Write prints the report as text: a summary with counts and percentages, then the details.
func (r *Report) Write(w io.Writer) error {
	ew := &errWriter{w: w}
	var instances int
	for _, in := range r.Instantiated {
		instances += len(in.Ours)
	}
	matchedUp, matchedOurs := len(r.Matched)+len(r.Instantiated), len(r.Matched)+instances
	up, ours := matchedUp+len(r.UpstreamOnly), matchedOurs+len(r.OursOnly)
	ew.printf("ours: OpenAPI %s, upstream: OpenAPI %s\n\n", r.OursVersion, r.UpstreamVersion)
	ew.printf("operations      upstream %4d  ours %4d  matched %4d  (%s of upstream, %s of ours)\n",
		up, ours, matchedUp, percent(matchedUp, up), percent(matchedOurs, ours))

	type part struct {
		name string
		get  func(Match) Delta
	}
	parts := []part{
		{"parameters", func(m Match) Delta { return m.Params }},
		{"request fields", func(m Match) Delta { return m.RequestFields }},
		{"response fields", func(m Match) Delta { return m.ResponseFields }},
	}
	// Response paths are counted, and those upstream has and we lack listed, but not those only
	// we have: our documents add links and meta at every level.
	deep := part{"response paths", func(m Match) Delta { return m.ResponsePaths }}
	for _, p := range append(parts, deep) {
		var common, upOnly, oursOnly int
		for _, m := range r.Matched {
			d := p.get(m)
			common += d.Common
			upOnly += len(d.UpstreamOnly)
			oursOnly += len(d.OursOnly)
		}
		ew.printf("%-15s upstream %4d  ours %4d  matched %4d  (%s of upstream; in matched operations)\n",
			p.name, common+upOnly, common+oursOnly, common, percent(common, common+upOnly))
	}
	var total, accepted int
	for _, m := range r.Matched {
		for _, e := range m.Examples {
			total++
			if e.Problem == "" {
				accepted++
			}
		}
	}
	ew.printf("examples        upstream 2xx examples our schemas accept: %d of %d (%s)\n", accepted, total, percent(accepted, total))

	if len(r.Instantiated) > 0 {
		ew.printf("\nMatched by spelling out a path template: %d upstream operation(s)\n", len(r.Instantiated))
		for _, in := range r.Instantiated {
			var paths []string
			for _, op := range in.Ours {
				paths = append(paths, op.Path+opID(op))
			}
			ew.printf("  %-7s %s%s  as  %s\n", in.Upstream.Method, in.Upstream.Path, opID(in.Upstream), strings.Join(paths, ", "))
		}
	}
	ew.printf("\nUpstream has, we lack: %d operation(s)\n", len(r.UpstreamOnly))
	for _, op := range r.UpstreamOnly {
		ew.printf("  %-7s %s%s\n", op.Method, op.Path, opID(op))
	}
	ew.printf("\nWe have, upstream lacks: %d operation(s)\n", len(r.OursOnly))
	for _, op := range r.OursOnly {
		ew.printf("  %-7s %s%s\n", op.Method, op.Path, opID(op))
	}

	ew.printf("\nDifferences in matched operations (+ upstream only, - ours only):\n")
	n := 0
	for _, m := range r.Matched {
		var lines []string
		for _, p := range parts {
			d := p.get(m)
			if len(d.UpstreamOnly) > 0 {
				lines = append(lines, fmt.Sprintf("    %s + %s", p.name, strings.Join(d.UpstreamOnly, ", ")))
			}
			if len(d.OursOnly) > 0 {
				lines = append(lines, fmt.Sprintf("    %s - %s", p.name, strings.Join(d.OursOnly, ", ")))
			}
		}
		if d := m.ResponsePaths; len(d.UpstreamOnly) > 0 {
			lines = append(lines, fmt.Sprintf("    %s + %s", deep.name, strings.Join(d.UpstreamOnly, ", ")))
		}
		for _, e := range m.Examples {
			if e.Problem != "" {
				lines = append(lines, fmt.Sprintf("    example %s %q rejected: %s", e.Status, e.Name, e.Problem))
			}
		}
		if len(lines) == 0 {
			continue
		}
		n++
		path := m.Ours.Path
		if normalisePath(m.Upstream.Path) != normalisePath(path) {
			path += " (upstream " + m.Upstream.Path + ")"
		}
		ew.printf("  %s %s%s\n", m.Ours.Method, path, opID(m.Ours))
		for _, l := range lines {
			ew.printf("%s\n", l)
		}
	}
	if n == 0 {
		ew.printf("  none\n")
	}
	return ew.err
}

func opID(op *Operation) string {
	if op.OperationID == "" {
		return ""
	}
	return "  (" + op.OperationID + ")"
}

// errWriter keeps the first write error, so Write can print without checking every line.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
