package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// strategy names how an operation pages; the strings appear in the generated documentation.
type strategy string

const (
	numbered strategy = "numbered pages"
	offset   strategy = "offset/limit"
	cursor   strategy = "cursor"
	jsonAPI  strategy = "JSON:API pages"
)

// step is one field selection on the way from a root value to a field.
type step struct {
	name string
	ptr  bool // the field's type is a pointer
}

// access is a path of field selections from a root value to an integer or string field.
type access struct {
	steps []step
	conv  string // conversion applied to the final value ("" when it already has the wanted type)
}

// paramField is a paging field of an operation's params struct.
type paramField struct {
	name string
	ptr  bool   // the field is a pointer
	elem string // the type of the value (after the pointer), as written in the package
	conv string // conversion from int or string to elem ("" when none is needed)
	read string // conversion from elem to int or string ("" when none is needed)
}

// pathParam is a path parameter of an operation, in signature order.
type pathParam struct {
	name string
	typ  string
}

// operation is a list operation pagegen writes an iterator for.
type operation struct {
	name       string
	strategy   strategy
	pathParams []pathParam
	paramsType string
	itemType   string
	bodyField  string  // field of the response holding the decoded 200 answer
	bare       bool    // the 200 answer is the slice itself
	items      *access // path from the 200 answer to its slice of items, unless bare

	// Request fields; nil when the strategy does not use them or the params lack them.
	reqPage, reqSize, reqOffset, reqCursor *paramField

	// Response fields; nil when the answer lacks them.
	total, limit, nextCursor, linksNext, totalPages, currentPage *access
	hasLinks, hasMeta                                            bool

	// success and message are the envelope flag some APIs (Cloudbeds v1) use to report a failure
	// with HTTP 200, and the reason that goes with it.
	success, message *access

	// linkParams are the query parameters of the params struct, other than the paging fields,
	// that a JSON:API links.next is read into (those whose style the request builder shows).
	linkParams []linkParam
}

// linkParam is a query parameter of an operation's params struct, as its request builder
// (New<Op>Request) serializes it.
type linkParam struct {
	field   string // the params field
	typ     string // its type, as written in the package
	key     string // the query key (deepObject: the prefix of key[...])
	style   string // OpenAPI style: form, deepObject, ...
	explode bool
}

// queryStyle is how a request builder serializes one query parameter.
type queryStyle struct {
	style   string
	explode bool
}

// skip is an operation with paging parameters that pagegen could not cover, and why.
type skip struct {
	name   string
	reason string
}

// result is what analyze found in a package.
type result struct {
	pkgName string
	module  string            // path of the module holding the package ("" when unknown)
	imports map[string]string // import path -> name used in the generated file
	ops     []*operation
	skipped []skip
	calls   []string // every <X>WithResponse method of ClientWithResponses, sorted
	// jsonAPIIncluded is set when the package has JSON:API compound documents: the
	// ResourceIdentifier and generic IncludedResource types Included works with.
	jsonAPIIncluded bool
}

// pagingNames are params fields that suggest an operation pages.
var pagingNames = []string{"PageNumber", "PageSize", "Page", "Offset", "Limit", "NextCursor", "Cursor"}

// reserved are identifiers the generated bodies use; path parameters with these names are renamed.
var reserved = map[string]bool{
	"c": true, "ctx": true, "params": true, "reqEditors": true, "yield": true, "zero": true,
	"p": true, "page": true, "start": true, "size": true, "seen": true, "resp": true, "err": true,
	"doc": true, "items": true, "item": true, "want": true, "guess": true, "msg": true, "known": true, "n": true, "next": true,
	"total": true, "totalPages": true, "current": true, "off": true, "pn": true, "cur": true,
	"nextPage": true, "linkQuery": true, "linkRaw": true, "linkPage": true, "linkSize": true, "v": true,
	"context": true, "fmt": true, "iter": true, "http": true, "url": true, "strconv": true, "strings": true,
}

// analyze type-checks the package in dir, ignoring the previous output file out, and finds its
// list operations.
func analyze(dir, out string) (*result, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	// A stale pages.gen.go may reference what the client no longer has: type-check without any
	// file pagegen wrote (the output named by -out and any other in the directory).
	overlay := map[string][]byte{}
	files, err := filepath.Glob(filepath.Join(absDir, "*.go"))
	if err != nil {
		return nil, err
	}
	for _, path := range append(files, absOut) {
		name, err := ownPackageClause(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if name != "" {
			overlay[path] = []byte("package " + name + "\n")
		}
	}
	cfg := &packages.Config{
		Mode:    packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Dir:     absDir,
		Overlay: overlay,
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", dir, err)
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("load %s: want one package, got %d", dir, len(pkgs))
	}
	pkg := pkgs[0]
	if len(pkg.Errors) > 0 {
		var msgs []string
		for _, e := range pkg.Errors {
			msgs = append(msgs, e.Error())
		}
		return nil, fmt.Errorf("load %s: %s", dir, strings.Join(msgs, "; "))
	}
	res, err := inspect(pkg.Types, queryStyles(pkg.Syntax))
	if err != nil {
		return nil, err
	}
	if pkg.Module != nil {
		res.module = pkg.Module.Path
	}
	scope := pkg.Types.Scope()
	res.jsonAPIIncluded = scope.Lookup("ResourceIdentifier") != nil && scope.Lookup("IncludedResource") != nil
	names := []string{"Connection", "New"}
	if res.jsonAPIIncluded {
		names = append(names, "Included", "includedAs")
	}
	for _, name := range names {
		if scope.Lookup(name) != nil {
			return nil, fmt.Errorf("load %s: the package already declares %s, a name pagegen writes; rename the schema with x-go-name in the overlay", dir, name)
		}
	}
	return res, nil
}

// ownPackageClause returns the package name of the Go file at path when pagegen wrote it (its
// first line is pagegen's header), and "" for any other file.
func ownPackageClause(path string) (string, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !bytes.HasPrefix(src, []byte(header+"\n")) {
		return "", nil
	}
	f, err := parser.ParseFile(token.NewFileSet(), path, src, parser.PackageClauseOnly)
	if err != nil {
		return "", fmt.Errorf("parse %s: %w", path, err)
	}
	return f.Name.Name, nil
}

// queryStyles reads, from the request builders New<Op>Request of files, how each operation
// serializes its query parameters: the literal style, explode and name arguments of every
// runtime.StyleParam… call. The result maps <Op> to the query key to its style.
func queryStyles(files []*ast.File) map[string]map[string]queryStyle {
	out := map[string]map[string]queryStyle{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || fn.Body == nil {
				continue
			}
			name, ok := strings.CutPrefix(fn.Name.Name, "New")
			if !ok {
				continue
			}
			if name, ok = strings.CutSuffix(name, "Request"); !ok || name == "" {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) < 3 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !strings.HasPrefix(sel.Sel.Name, "StyleParam") {
					return true
				}
				style, ok1 := stringLit(call.Args[0])
				explode, ok2 := call.Args[1].(*ast.Ident)
				key, ok3 := stringLit(call.Args[2])
				if !ok1 || !ok2 || !ok3 || (explode.Name != "true" && explode.Name != "false") {
					return true
				}
				if out[name] == nil {
					out[name] = map[string]queryStyle{}
				}
				out[name][key] = queryStyle{style: style, explode: explode.Name == "true"}
				return true
			})
		}
	}
	return out
}

// stringLit returns the value of the string literal e.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(lit.Value)
	return v, err == nil
}

// inspect finds the list operations of a type-checked client package; styles are the query
// styles of its request builders (see [queryStyles]).
func inspect(pkg *types.Package, styles map[string]map[string]queryStyle) (*result, error) {
	res := &result{pkgName: pkg.Name(), imports: map[string]string{}}
	obj, ok := pkg.Scope().Lookup("ClientWithResponses").(*types.TypeName)
	if !ok {
		return nil, fmt.Errorf("package %s has no ClientWithResponses type", pkg.Path())
	}
	client, ok := obj.Type().(*types.Named)
	if !ok {
		return nil, fmt.Errorf("%s.ClientWithResponses is not a named type", pkg.Path())
	}
	methods := map[string]*types.Func{}
	for m := range client.Methods() {
		methods[m.Name()] = m
	}
	names := make([]string, 0, len(methods))
	for name := range methods {
		names = append(names, name)
	}
	slices.Sort(names)

	q := &qualifier{pkg: pkg, imports: res.imports}
	for _, name := range names {
		opName, ok := strings.CutSuffix(name, "WithResponse")
		if !ok {
			continue
		}
		res.calls = append(res.calls, name)
		if strings.HasSuffix(opName, "WithBody") {
			continue
		}
		op, reason := inspectMethod(opName, methods[name].Type().(*types.Signature), q)
		switch {
		case op != nil:
			if op.strategy == jsonAPI && op.hasLinks {
				op.linkParams = linkParamsOf(op, methods[name].Type().(*types.Signature), styles[opName], q)
			}
			if _, clash := methods[opName+"Iter"]; clash {
				return nil, fmt.Errorf("%s.ClientWithResponses already has a method %sIter", pkg.Path(), opName)
			}
			res.ops = append(res.ops, op)
		case reason != "":
			res.skipped = append(res.skipped, skip{name: opName, reason: reason})
		}
	}
	slices.SortFunc(res.ops, func(a, b *operation) int { return strings.Compare(a.name, b.name) })
	slices.SortFunc(res.skipped, func(a, b skip) int { return strings.Compare(a.name, b.name) })
	return res, nil
}

// inspectMethod recognises one <Op>WithResponse method. It returns the operation when it pages, a
// reason when its params look paged but pagegen cannot iterate it, and neither otherwise.
func inspectMethod(opName string, sig *types.Signature, q *qualifier) (*operation, string) {
	in := sig.Params()
	if in.Len() < 3 || !sig.Variadic() || sig.Results().Len() != 2 {
		return nil, ""
	}
	paramsPtr, ok := in.At(in.Len() - 2).Type().(*types.Pointer)
	if !ok {
		return nil, ""
	}
	paramsNamed, ok := types.Unalias(paramsPtr.Elem()).(*types.Named)
	if !ok {
		return nil, ""
	}
	params, ok := paramsNamed.Underlying().(*types.Struct)
	if !ok {
		return nil, ""
	}
	if !slices.ContainsFunc(pagingNames, func(n string) bool { return field(params, n) != nil }) {
		return nil, ""
	}

	op := &operation{name: opName, paramsType: q.typeString(paramsNamed)}
	for i := 1; i < in.Len()-2; i++ {
		v := in.At(i)
		name := v.Name()
		if name == "" || name == "_" || reserved[name] {
			name = fmt.Sprintf("%sArg%d", strings.TrimSuffix(name, "_"), i)
		}
		op.pathParams = append(op.pathParams, pathParam{name: name, typ: q.typeString(v.Type())})
	}

	// Request side: which paging fields the params carry.
	switch {
	case stringField(params, "NextCursor") != nil:
		op.strategy = cursor
		op.reqCursor = paramOf(params, "NextCursor", q, "string")
		op.reqSize = paramOf(params, "Limit", q, "int")
	case intField(params, "Offset") != nil && intField(params, "Limit") != nil:
		op.strategy = offset
		op.reqOffset = paramOf(params, "Offset", q, "int")
		op.reqSize = paramOf(params, "Limit", q, "int")
	case intField(params, "PageNumber") != nil && intField(params, "PageSize") != nil:
		op.strategy = numbered
		if strings.HasPrefix(formKey(params, "PageNumber"), "page[") {
			op.strategy = jsonAPI
		}
		op.reqPage = paramOf(params, "PageNumber", q, "int")
		op.reqSize = paramOf(params, "PageSize", q, "int")
	default:
		return nil, "params have paging fields but not a recognised set (PageNumber+PageSize, Offset+Limit or NextCursor)"
	}

	// Response side: where the 200 answer keeps its items and its stop signals.
	respPtr, ok := sig.Results().At(0).Type().(*types.Pointer)
	if !ok {
		return nil, "result is not a pointer to a response struct"
	}
	resp, ok := types.Unalias(respPtr.Elem()).Underlying().(*types.Struct)
	if !ok {
		return nil, "result is not a pointer to a response struct"
	}
	var body *types.Var
	for _, name := range []string{"JSON200", "ApplicationVndAPIJSON200"} {
		if body = field(resp, name); body != nil {
			break
		}
	}
	if body == nil {
		for f := range resp.Fields() {
			if strings.HasSuffix(f.Name(), "JSON200") {
				body = f
				break
			}
		}
	}
	if body == nil {
		return nil, "no decoded JSON 200 answer"
	}
	op.bodyField = body.Name()
	bodyPtr, ok := types.Unalias(body.Type()).(*types.Pointer)
	if !ok {
		return nil, op.bodyField + " is not a pointer"
	}
	switch t := types.Unalias(bodyPtr.Elem()).Underlying().(type) {
	case *types.Slice:
		if op.strategy == cursor || op.strategy == jsonAPI {
			return nil, fmt.Sprintf("the 200 answer is a bare array, which carries no %s", op.strategy)
		}
		op.bare = true
		op.itemType = q.typeString(t.Elem())
	case *types.Struct:
		items, elem, reason := itemsOf(t, q.pkg)
		if items == nil {
			return nil, reason
		}
		op.items = items
		op.itemType = q.typeString(elem)
		if !inspectBody(op, t, q) {
			return nil, "the 200 answer has no NextCursor"
		}
	default:
		return nil, "the 200 answer is neither an object nor an array"
	}
	return op, ""
}

// linkParamsOf lists the query parameters of op's params struct, other than its page number
// and size, whose serialization styles holds: those a links.next is read into.
func linkParamsOf(op *operation, sig *types.Signature, styles map[string]queryStyle, q *qualifier) []linkParam {
	params := types.Unalias(sig.Params().At(sig.Params().Len() - 2).Type().(*types.Pointer).Elem()).Underlying().(*types.Struct)
	var out []linkParam
	for i := range params.NumFields() {
		f := params.Field(i)
		if f.Name() == op.reqPage.name || (op.reqSize != nil && f.Name() == op.reqSize.name) {
			continue
		}
		key := strings.Split(reflect.StructTag(params.Tag(i)).Get("form"), ",")[0]
		if key == "" || key == "-" {
			// deepObject parameters carry no form tag; their key is the JSON one.
			key = strings.Split(reflect.StructTag(params.Tag(i)).Get("json"), ",")[0]
		}
		st, ok := styles[key]
		if key == "" || !ok {
			continue
		}
		out = append(out, linkParam{field: f.Name(), typ: q.typeString(f.Type()), key: key, style: st.style, explode: st.explode})
	}
	return out
}

// itemsOf finds the slice of items in a 200 answer: its Data field when that is an array, the one
// array field of Data when that is an object, else the answer's one array field. It returns the
// path to the slice and the item type, or a reason when there is no such slice.
func itemsOf(body *types.Struct, pkg *types.Package) (*access, types.Type, string) {
	if data := field(body, "Data"); data != nil {
		t, ptr := derefAlias(data.Type())
		if s, ok := t.Underlying().(*types.Slice); ok {
			return &access{steps: []step{{name: "Data", ptr: ptr}}}, s.Elem(), ""
		}
		if inner, ok := t.Underlying().(*types.Struct); ok {
			if name, iptr, elem := soleSlice(inner); elem != nil {
				return &access{steps: []step{{name: "Data", ptr: ptr}, {name: name, ptr: iptr}}}, elem, ""
			}
		}
		return nil, nil, fmt.Sprintf("the 200 answer's Data is %s, neither an array nor an object with one array field", types.TypeString(data.Type(), types.RelativeTo(pkg)))
	}
	if name, ptr, elem := soleSlice(body); elem != nil {
		return &access{steps: []step{{name: name, ptr: ptr}}}, elem, ""
	}
	return nil, nil, "the 200 answer has no Data field and not exactly one array field"
}

// soleSlice returns the name, pointer-ness and element type of the one field of s that holds a
// slice (or a pointer to one); elem is nil when s has none or several.
func soleSlice(s *types.Struct) (name string, ptr bool, elem types.Type) {
	found := 0
	for f := range s.Fields() {
		t, p := derefAlias(f.Type())
		if sl, ok := t.Underlying().(*types.Slice); ok {
			found++
			name, ptr, elem = f.Name(), p, sl.Elem()
		}
	}
	if found != 1 {
		return "", false, nil
	}
	return name, ptr, elem
}

// derefAlias removes aliases and one pointer from t, reporting whether there was a pointer.
func derefAlias(t types.Type) (types.Type, bool) {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return types.Unalias(p.Elem()), true
	}
	return t, false
}

// inspectBody records the stop signals of a 200 answer. It reports false when the strategy needs
// a signal the answer lacks.
func inspectBody(op *operation, body *types.Struct, q *qualifier) bool {
	for _, name := range []string{"Total", "TotalCount"} {
		if op.total = accessOf(body, q, "int", name); op.total != nil {
			break
		}
	}
	switch op.strategy {
	case offset:
		op.limit = accessOf(body, q, "int", "Limit")
	case numbered, jsonAPI:
		op.limit = accessOf(body, q, "int", "PageSize")
	case cursor:
		op.nextCursor = accessOf(body, q, "string", "NextCursor")
		if op.nextCursor == nil {
			return false
		}
	}
	op.success = accessOf(body, q, "bool", "Success")
	op.message = accessOf(body, q, "string", "Message")
	op.linksNext = accessOf(body, q, "string", "Links", "Next")
	op.totalPages = accessOf(body, q, "int", "Meta", "TotalPages")
	op.currentPage = accessOf(body, q, "int", "Meta", "CurrentPage")
	op.hasLinks = op.linksNext != nil
	op.hasMeta = op.totalPages != nil
	return true
}

// field returns the field of s called name, or nil.
func field(s *types.Struct, name string) *types.Var {
	for f := range s.Fields() {
		if f.Name() == name {
			return f
		}
	}
	return nil
}

// formKey returns the query key in the form tag of the field of s called name.
func formKey(s *types.Struct, name string) string {
	for i := range s.NumFields() {
		if s.Field(i).Name() == name {
			return strings.Split(reflect.StructTag(s.Tag(i)).Get("form"), ",")[0]
		}
	}
	return ""
}

// basicOf returns the basic type under t (after one pointer), and whether t is a pointer.
func basicOf(t types.Type) (*types.Basic, bool) {
	t = types.Unalias(t)
	ptr := false
	if p, ok := t.(*types.Pointer); ok {
		t, ptr = types.Unalias(p.Elem()), true
	}
	b, _ := t.Underlying().(*types.Basic)
	return b, ptr
}

// intField returns the field of s called name when it holds an integer (or a pointer to one).
func intField(s *types.Struct, name string) *types.Var {
	f := field(s, name)
	if f == nil {
		return nil
	}
	if b, _ := basicOf(f.Type()); b == nil || b.Info()&types.IsInteger == 0 {
		return nil
	}
	return f
}

// stringField returns the field of s called name when it holds a string (or a pointer to one).
func stringField(s *types.Struct, name string) *types.Var {
	f := field(s, name)
	if f == nil {
		return nil
	}
	if b, _ := basicOf(f.Type()); b == nil || b.Info()&types.IsString == 0 {
		return nil
	}
	return f
}

// paramOf describes the params field called name, holding a value convertible to and from want
// ("int" or "string"), or returns nil when there is none.
func paramOf(s *types.Struct, name string, q *qualifier, want string) *paramField {
	var f *types.Var
	if want == "int" {
		f = intField(s, name)
	} else {
		f = stringField(s, name)
	}
	if f == nil {
		return nil
	}
	t := types.Unalias(f.Type())
	pf := &paramField{name: name}
	if p, ok := t.(*types.Pointer); ok {
		pf.ptr, t = true, p.Elem()
	}
	pf.elem = q.typeString(t)
	if !isExactly(t, want) {
		pf.conv, pf.read = pf.elem, want
	}
	return pf
}

// accessOf describes the path of fields names from s to an integer, string or boolean field (want
// "int", "string" or "bool"), or returns nil when a field is missing or of another kind.
func accessOf(s *types.Struct, q *qualifier, want string, names ...string) *access {
	a := &access{}
	cur := s
	for i, name := range names {
		f := field(cur, name)
		if f == nil {
			return nil
		}
		t := types.Unalias(f.Type())
		st := step{name: name}
		if p, ok := t.(*types.Pointer); ok {
			st.ptr, t = true, types.Unalias(p.Elem())
		}
		a.steps = append(a.steps, st)
		if i < len(names)-1 {
			next, ok := t.Underlying().(*types.Struct)
			if !ok {
				return nil
			}
			cur = next
			continue
		}
		b, ok := t.Underlying().(*types.Basic)
		if st, isStruct := t.Underlying().(*types.Struct); !ok && isStruct && want == "int" {
			// A number kept with its raw text (wire.Count): read its integer, which is 0 when the
			// answer held anything else.
			inner := intField(st, "Int")
			if inner == nil {
				return nil
			}
			a.steps = append(a.steps, step{name: "Int"})
			t = types.Unalias(inner.Type())
			b, ok = t.Underlying().(*types.Basic)
		}
		if !ok {
			return nil
		}
		switch {
		case want == "int" && b.Info()&types.IsInteger != 0, want == "string" && b.Info()&types.IsString != 0,
			want == "bool" && b.Info()&types.IsBoolean != 0:
		default:
			return nil
		}
		if !isExactly(t, want) {
			a.conv = want
		}
	}
	return a
}

// isExactly reports whether t is the predeclared type named want.
func isExactly(t types.Type, want string) bool {
	b, ok := types.Unalias(t).(*types.Basic)
	return ok && b.Name() == want
}

// qualifier writes types as the generated file spells them, recording the imports it needs.
type qualifier struct {
	pkg     *types.Package
	imports map[string]string
}

func (q *qualifier) qualify(p *types.Package) string {
	if p == q.pkg {
		return ""
	}
	if name, ok := q.imports[p.Path()]; ok {
		return name
	}
	name := p.Name()
	for n := 2; q.nameTaken(name); n++ {
		name = fmt.Sprintf("%s%d", p.Name(), n)
	}
	q.imports[p.Path()] = name
	return name
}

func (q *qualifier) nameTaken(name string) bool {
	if reserved[name] {
		return true
	}
	for _, n := range q.imports {
		if n == name {
			return true
		}
	}
	return false
}

func (q *qualifier) typeString(t types.Type) string {
	return types.TypeString(t, q.qualify)
}
