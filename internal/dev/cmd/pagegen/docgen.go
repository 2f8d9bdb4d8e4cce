package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// docName is the file holding the package documentation pagegen writes in the package directory.
const docName = "doc.gen.go"

// noConstructor is the -connect value for an API the root package builds no connection for.
const noConstructor = "none"

// spec is what the package documentation takes from the OpenAPI document.
type spec struct {
	file        string // as the documentation names it: specs/<name>.yaml
	title       string
	description string
	ops         []specOp // sorted by operationId
}

// specOp is one operation of the OpenAPI document.
type specOp struct {
	id, method, path string
	deprecated       bool
}

// httpMethods are the operation keys of an OpenAPI path item, in the order the spec defines them.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// readSpec reads the title, description and operations of the OpenAPI document at path.
func readSpec(path string) (*spec, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Info struct {
			Title       string `yaml:"title"`
			Description string `yaml:"description"`
		} `yaml:"info"`
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("read spec %s: %w", path, err)
	}
	s := &spec{
		file:        "specs/" + filepath.Base(path),
		title:       strings.TrimSpace(doc.Info.Title),
		description: doc.Info.Description,
	}
	if s.title == "" {
		return nil, fmt.Errorf("spec %s has no info.title", path)
	}
	for p, item := range doc.Paths {
		for _, m := range httpMethods {
			node, ok := item[m]
			if !ok {
				continue
			}
			var op struct {
				ID         string `yaml:"operationId"`
				Deprecated bool   `yaml:"deprecated"`
			}
			if err := node.Decode(&op); err != nil {
				return nil, fmt.Errorf("read spec %s: %s %s: %w", path, strings.ToUpper(m), p, err)
			}
			if op.ID == "" {
				return nil, fmt.Errorf("spec %s: %s %s has no operationId", path, strings.ToUpper(m), p)
			}
			s.ops = append(s.ops, specOp{id: op.ID, method: strings.ToUpper(m), path: p, deprecated: op.Deprecated})
		}
	}
	slices.SortFunc(s.ops, func(a, b specOp) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.id), strings.ToLower(b.id)), cmp.Compare(a.id, b.id))
	})
	return s, nil
}

// indexEntry is one line of the operation index: a spec operation and the Go methods for it.
type indexEntry struct {
	specOp
	call     string   // the <Op>…WithResponse method to call
	iter     string   // the <Op>Iter method, "" when the operation has no iterator
	strategy strategy // how the iterator pages
}

// foldName reduces an operationId or a Go name to its letters and digits in lower case: what
// oapi-codegen's name normalizers keep of an operationId (they only drop separators and change case).
func foldName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// index pairs every operation of s with its methods on ClientWithResponses. Each spec operation
// must have exactly one Go operation and each Go operation one spec operation; otherwise the
// spec given is not the one the package was generated from.
func index(res *result, s *spec) ([]indexEntry, error) {
	set := map[string]bool{}
	for _, m := range res.calls {
		set[m] = true
	}
	// An operation with a body other than JSON has <Op>WithBodyWithResponse (raw bytes) and one
	// <Op>With<Type>BodyWithResponse per typed content type; a JSON body or none gives <Op>WithResponse.
	raw := map[string]bool{}
	for _, m := range res.calls {
		if base, ok := strings.CutSuffix(m, "WithBodyWithResponse"); ok {
			raw[base] = true
		}
	}
	calls := map[string]string{} // Go operation -> preferred method
	typed := map[string][]string{}
	for _, m := range res.calls {
		x := strings.TrimSuffix(m, "WithResponse")
		if base, ok := strings.CutSuffix(x, "WithBody"); ok && raw[base] {
			continue
		}
		if base := typedBase(x, raw); base != "" {
			typed[base] = append(typed[base], m)
			continue
		}
		calls[x] = m
	}
	for base := range raw {
		if _, ok := calls[base]; ok {
			continue
		}
		if t := typed[base]; len(t) == 1 {
			calls[base] = t[0]
		} else {
			calls[base] = base + "WithBodyWithResponse"
		}
	}
	byFold := map[string]string{}
	for op := range calls {
		f := foldName(op)
		if other, clash := byFold[f]; clash {
			return nil, fmt.Errorf("operations %s and %s of package %s have the same name once case and separators are dropped", other, op, res.pkgName)
		}
		byFold[f] = op
	}
	iters := map[string]*operation{}
	for _, op := range res.ops {
		iters[op.name] = op
	}

	var out []indexEntry
	used := map[string]string{}
	for _, so := range s.ops {
		op, ok := byFold[foldName(so.id)]
		if !ok {
			return nil, fmt.Errorf("%s: operation %s (%s %s) has no method on %s.ClientWithResponses; is this the spec the package was generated from?", s.file, so.id, so.method, so.path, res.pkgName)
		}
		if prev, dup := used[op]; dup {
			return nil, fmt.Errorf("%s: operations %s and %s both map to %s", s.file, prev, so.id, op)
		}
		used[op] = so.id
		e := indexEntry{specOp: so, call: calls[op]}
		if it := iters[op]; it != nil {
			e.iter, e.strategy = op+"Iter", it.strategy
		}
		out = append(out, e)
	}
	for _, op := range slices.Sorted(func(yield func(string) bool) {
		for op := range calls {
			if !yield(op) {
				return
			}
		}
	}) {
		if _, ok := used[op]; !ok {
			return nil, fmt.Errorf("%s.ClientWithResponses.%s matches no operationId in %s; is this the spec the package was generated from?", res.pkgName, calls[op], s.file)
		}
	}
	return out, nil
}

// typedBase returns the operation x is a typed-body variant of (x is <base>With<Type>Body for a
// base with a raw-body variant; the longest such base), or "".
func typedBase(x string, raw map[string]bool) string {
	best := ""
	for base := range raw {
		if len(base) > len(best) && len(x) > len(base)+len("WithBody") &&
			strings.HasPrefix(x, base+"With") && strings.HasSuffix(x, "Body") {
			best = base
		}
	}
	return best
}

// docConfig is what the package documentation needs beyond the package and its spec.
type docConfig struct {
	constructor string // doc link target of the root package's connecting function, "" when it has none
}

// constructorLink returns the doc link target for the -connect value ctor: a name of the root
// package (the module holding the generated package), a qualified import-path.Name, or "" for none.
func constructorLink(ctor, module string) (string, error) {
	switch {
	case ctor == noConstructor:
		return "", nil
	case ctor == "":
		return "", fmt.Errorf("-connect is missing: name the root package's function that connects to this API (for example -connect ConnectKobas), or -connect %s when the root package has none", noConstructor)
	case token.IsIdentifier(ctor):
		if !token.IsExported(ctor) {
			return "", fmt.Errorf("-connect %s: want an exported name", ctor)
		}
		if module == "" {
			return "", fmt.Errorf("-connect %s: the package's module is unknown; give the import path too (path.%s)", ctor, ctor)
		}
		return module + "." + ctor, nil
	}
	i := strings.LastIndex(ctor, ".")
	if i <= 0 || !token.IsIdentifier(ctor[i+1:]) || !token.IsExported(ctor[i+1:]) {
		return "", fmt.Errorf("-connect %s: want an exported name, or an import path and a name (path.Name)", ctor)
	}
	return ctor, nil
}

// emitDoc renders the package documentation of res as a gofmt'd Go file.
func emitDoc(res *result, s *spec, cfg docConfig) ([]byte, error) {
	entries, err := index(res, s)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	para := func(format string, args ...any) {
		writeDoc(&b, fmt.Sprintf(format, args...))
		w("//\n")
	}
	pkg := res.pkgName

	w("%s\n\n", header)
	about := fmt.Sprintf("Package %s is the generated client of the %s, whose wire contract is %s.", pkg, s.title, s.file)
	if sentence := firstSentence(s.description); sentence != "" {
		about += " " + sentence
	}
	para("%s", about)
	para("oapi-codegen writes the client (client.gen.go) from that document and the overlay the package's oapi-codegen.yaml names; pagegen writes the iterators (pages.gen.go), [New] (connect.gen.go) and this documentation (%s). None of it is edited by hand.", docName)

	w("// # Getting a client\n//\n")
	if cfg.constructor != "" {
		c := newConnector(cfg.constructor)
		para("[%s] connects to the API: its [Connection] authenticates every request, carries the headers the provider requires and sends through the SDK's shared transport (retries, rate limits, typed errors). [New] builds this package's [ClientWithResponses] on it:", cfg.constructor)
		w("//\tc, err := %s.New(%s.%s(ctx, cfg))\n//\n", pkg, c.pkg, c.name)
		para("The root package imports no generated package, so a program compiles only the APIs it uses. [NewClientWithResponses] builds a client from parts: a base URL, a doer (a [Connection] is one) and request editors such as the auth package's.")
	} else {
		para("The SDK's root package builds no connection for this API: [New] takes any [Connection], and [NewClientWithResponses] builds the client from a base URL and request editors such as the auth package's.")
	}

	w("// # Calling an operation\n//\n")
	para("Each operation is a method of [ClientWithResponses] named after its operationId in Go case, with the suffix WithResponse; the operation index below maps every operationId, as the provider writes it, to its method and its HTTP request. A method takes the path parameters, then the query and header parameters as a *<Op>Params (nil sends none), then the request body, if any: typed for JSON, typed in <Op>With<Type>BodyWithResponse for another content type, raw bytes in <Op>WithBodyWithResponse. It returns the response with the decoded answer in a field per status and content type (JSON200, ...).")

	w("// # Iterators\n//\n")
	if len(res.ops) == 0 {
		para("No operation of this API returns its items a page at a time, so the package has no iterators.")
	} else {
		para("The operations that return their items a page at a time also have an iterator method, <Op>Iter, which follows the API's paging scheme. It takes the same path parameters and params as <Op>WithResponse — a *<Op>Params, nil for none — and returns an [iter.Seq2] that requests the pages one at a time as the loop consumes them, yielding each item with a nil error; a failure yields the zero item with an error, once, and ends the loop. The iterator sets the paging fields on its own copy of *params and never modifies the caller's value, so one params value may serve several loops. Breaking out of the loop sends no further request.")
		op := res.ops[0]
		args := []string{"ctx"}
		for _, pp := range op.pathParams {
			args = append(args, pp.name)
		}
		args = append(args, "params")
		w("//\tparams := &%s.%s{} // or nil: no parameters\n", pkg, op.paramsType)
		w("//\tfor item, err := range c.%sIter(%s) {\n", op.name, strings.Join(args, ", "))
		w("//\t\tif err != nil {\n//\t\t\treturn err\n//\t\t}\n")
		if token.IsIdentifier(op.itemType) && token.IsExported(op.itemType) {
			w("//\t\t// item is a %s.%s\n", pkg, op.itemType)
		} else {
			w("//\t\t_ = item\n")
		}
		w("//\t}\n//\n")
		para("The operation index below names each operation's iterator and its paging scheme.")
	}
	if len(res.skipped) > 0 {
		para("These operations take paging parameters but have no page shape pagegen recognises, so they have no iterator:")
		for _, sk := range res.skipped {
			w("//   - %s: %s\n", sk.name, sk.reason)
		}
		w("//\n")
	}

	w("// # Operations\n//\n")
	para("Every operation of %s by its operationId, as the provider writes it, with the method to call and the request it sends (and its iterator, where there is one):", s.file)
	for _, e := range entries {
		line := fmt.Sprintf("//   - %s → [ClientWithResponses.%s] → %s %s", e.id, e.call, e.method, e.path)
		if e.iter != "" {
			line += fmt.Sprintf("; iterator [ClientWithResponses.%s] (%s)", e.iter, e.strategy)
		}
		if e.deprecated {
			line += " (deprecated)"
		}
		w("%s\n", line)
	}
	if len(entries) == 0 {
		w("// (none)\n")
	}
	w("package %s\n", pkg)

	out, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format the documentation of %s: %w\n%s", pkg, err, b.Bytes())
	}
	return out, nil
}

// firstSentence returns the first sentence of the first paragraph of an info.description, with
// its whitespace collapsed; a leading "Wire contract for" (how our specs open) becomes "It covers".
func firstSentence(desc string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(desc), "\n\n")
	p = strings.Join(strings.Fields(p), " ")
	for i := 0; i < len(p); i++ {
		if p[i] != '.' || i+2 >= len(p) || p[i+1] != ' ' {
			continue
		}
		// A sentence ends at ". X" with X upper case, unless the word is an abbreviation.
		r, _ := utf8.DecodeRuneInString(p[i+2:])
		word := p[strings.LastIndex(p[:i], " ")+1 : i]
		if unicode.IsUpper(r) && !strings.Contains(word, ".") && word != "etc" {
			p = p[:i+1]
			break
		}
	}
	for _, prefix := range []string{"Wire contract for ", "Wire contract of "} {
		if rest, ok := strings.CutPrefix(p, prefix); ok {
			p = "It covers " + rest
			break
		}
	}
	if p != "" && !strings.HasSuffix(p, ".") {
		p += "."
	}
	return p
}
