package main

import (
	"bytes"
	"flag"
	gotypes "go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/packages"
)

var update = flag.Bool("update", false, "rewrite testdata/fixture/pages.gen.go and doc.gen.go from the current generator")

const (
	fixtureDir  = "testdata/fixture"
	fixtureSpec = "testdata/fixture/openapi.yaml"
	fixtureCtor = "example.com/sdk.ConnectFixture"
	staleDir    = "testdata/stale"
)

// generate runs the generator on dir the way the command does and returns the file it writes.
func generate(t *testing.T, dir string) []byte {
	t.Helper()
	res, err := analyze(dir, filepath.Join(dir, outputName))
	if err != nil {
		t.Fatalf("analyze(%q) = %v", dir, err)
	}
	src, err := emit(res)
	if err != nil {
		t.Fatalf("emit(%q) = %v", dir, err)
	}
	return src
}

// fixture caches one analysis of the fixture package; loading it takes a few seconds.
var fixture struct {
	once     sync.Once
	res      *result
	src, doc []byte
	err      error
}

// fixtureOutput returns the analysis of the fixture package and the iterators file generated
// from it.
func fixtureOutput(t *testing.T) (*result, []byte) {
	t.Helper()
	fixture.once.Do(func() {
		fixture.res, fixture.err = analyze(fixtureDir, filepath.Join(fixtureDir, outputName))
		if fixture.err == nil {
			fixture.src, fixture.err = emit(fixture.res)
		}
		var s *spec
		if fixture.err == nil {
			s, fixture.err = readSpec(fixtureSpec)
		}
		if fixture.err == nil {
			fixture.doc, fixture.err = emitDoc(fixture.res, s, docConfig{constructor: fixtureCtor})
		}
	})
	if fixture.err != nil {
		t.Fatalf("generate(%q) = %v", fixtureDir, fixture.err)
	}
	return fixture.res, fixture.src
}

// fixtureDoc returns the package documentation generated for the fixture package.
func fixtureDoc(t *testing.T) []byte {
	t.Helper()
	fixtureOutput(t)
	return fixture.doc
}

func TestGolden(t *testing.T) {
	_, pages := fixtureOutput(t)
	res, _ := fixtureOutput(t)
	conn, err := emitConnect(res, newConnector(fixtureCtor))
	if err != nil {
		t.Fatalf("emitConnect = %v", err)
	}
	for name, got := range map[string][]byte{outputName: pages, docName: fixtureDoc(t), connectName: conn} {
		t.Run(name, func(t *testing.T) {
			golden := filepath.Join(fixtureDir, name)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden file (run go test -update to create it): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("generated code differs from %s; run go test ./cmd/pagegen -update (in internal/dev) and review the diff\n%s", golden, firstDiff(got, want))
			}
		})
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return ""
}

// TestGoldenCompiles type-checks the fixture package together with its generated pages.gen.go.
func TestGoldenCompiles(t *testing.T) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo, Dir: fixtureDir}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		t.Fatalf("packages.Load(%q) = %v", fixtureDir, err)
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("%s: %v", p.PkgPath, e)
		}
		for _, name := range []string{"ListCursorIter", "ListDocsIter", "ListOffsetIter"} {
			if !strings.Contains(methodNames(p), name) {
				t.Errorf("package %s has no method %s", p.PkgPath, name)
			}
		}
	}
}

// methodNames lists the methods of the package's ClientWithResponses.
func methodNames(p *packages.Package) string {
	obj, ok := p.Types.Scope().Lookup("ClientWithResponses").(*gotypes.TypeName)
	if !ok {
		return ""
	}
	var b strings.Builder
	for m := range obj.Type().(*gotypes.Named).Methods() {
		b.WriteString(m.Name() + " ")
	}
	return b.String()
}

func TestDeterministic(t *testing.T) {
	_, first := fixtureOutput(t)
	if again := generate(t, fixtureDir); !bytes.Equal(first, again) {
		t.Fatalf("two runs on %s differ:\n%s", fixtureDir, firstDiff(again, first))
	}
}

func TestInspect(t *testing.T) {
	res, _ := fixtureOutput(t)
	if got, want := res.pkgName, "fixture"; got != want {
		t.Errorf("package = %q, want %q", got, want)
	}
	wantOps := []struct {
		name     string
		strategy strategy
		item     string
		path     []string
	}{
		{"ListCursor", cursor, "Item", nil},
		{"ListDocs", jsonAPI, "Item", []string{"spaceID string"}},
		{"ListEcho", offset, "Item", nil},
		{"ListMetaOnly", jsonAPI, "Item", nil},
		{"ListNested", numbered, "Item", nil},
		{"ListNumbered", numbered, "Item", nil},
		{"ListOffset", offset, "Item", []string{"pageArg1 string", "id int"}},
	}
	if len(res.ops) != len(wantOps) {
		var names []string
		for _, op := range res.ops {
			names = append(names, op.name)
		}
		t.Fatalf("operations = %v, want %d", names, len(wantOps))
	}
	for i, want := range wantOps {
		t.Run(want.name, func(t *testing.T) {
			op := res.ops[i]
			if op.name != want.name || op.strategy != want.strategy || op.itemType != want.item {
				t.Errorf("ops[%d] = %s %s %s, want %s %s %s", i, op.name, op.strategy, op.itemType, want.name, want.strategy, want.item)
			}
			var path []string
			for _, pp := range op.pathParams {
				path = append(path, pp.name+" "+pp.typ)
			}
			if !slices.Equal(path, want.path) {
				t.Errorf("%s path params = %q, want %q", op.name, path, want.path)
			}
		})
	}

	wantSkipped := []skip{
		{"ListBareCursor", "the 200 answer is a bare array, which carries no cursor"},
		{"ListMap", "the 200 answer's Data is map[string]Item, neither an array nor an object with one array field"},
		{"ListTop", "params have paging fields but not a recognised set (PageNumber+PageSize, Offset+Limit or NextCursor)"},
	}
	if !slices.Equal(res.skipped, wantSkipped) {
		t.Errorf("skipped = %q, want %q", res.skipped, wantSkipped)
	}
}

func TestSignals(t *testing.T) {
	res, _ := fixtureOutput(t)
	ops := map[string]*operation{}
	for _, op := range res.ops {
		ops[op.name] = op
	}
	tests := []struct {
		name, op, got, want string
	}{
		{"numbered total through wire.Int", "ListNumbered", ops["ListNumbered"].total.value("doc"), "int(doc.Total)"},
		{"nested items", "ListNested", ops["ListNested"].items.fullCond("doc"), "doc.Data != nil"},
		{"pointer total", "ListNested", ops["ListNested"].total.fullCond("doc"), "doc.Total != nil"},
		{"echoed limit", "ListEcho", ops["ListEcho"].limit.value("doc"), "int(doc.Limit)"},
		{"sole array field", "ListEcho", ops["ListEcho"].items.value("doc"), "*doc.Entries"},
		{"named cursor type", "ListCursor", ops["ListCursor"].reqCursor.conv, "Cursor"},
		{"next link", "ListDocs", ops["ListDocs"].linksNext.fullCond("doc"), "doc.Links != nil && doc.Links.Next != nil"},
		{"links presence", "ListDocs", ops["ListDocs"].linksNext.prefixCond("doc"), "doc.Links != nil"},
		{"meta by value", "ListMetaOnly", ops["ListMetaOnly"].totalPages.fullCond("doc"), "doc.Meta.TotalPages != nil"},
		{"lenient limit param", "ListOffset", ops["ListOffset"].reqSize.read, "int"},
		{"success flag", "ListNumbered", ops["ListNumbered"].success.value("doc"), "bool(doc.Success)"},
		{"failure message", "ListNumbered", ops["ListNumbered"].message.fullCond("doc"), "doc.Message != nil"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("%s: %s = %q, want %q", tc.op, tc.name, tc.got, tc.want)
			}
		})
	}
	if ops["ListMetaOnly"].hasLinks {
		t.Errorf("ListMetaOnly: hasLinks = true, want false")
	}
	if ops["ListEcho"].success != nil {
		t.Errorf("ListEcho: success = %v, want nil (no Success field)", ops["ListEcho"].success)
	}
}

// TestStaleOutput pins that a pages.gen.go left over from an older client (one that no longer
// type-checks) does not stop the regeneration.
func TestStaleOutput(t *testing.T) {
	src := generate(t, staleDir)
	if !bytes.Contains(src, []byte("func (c *ClientWithResponses) ListItemsIter(")) {
		t.Errorf("generate(%q) has no ListItemsIter:\n%s", staleDir, src)
	}
	if bytes.Contains(src, []byte("ListGone")) {
		t.Errorf("generate(%q) kept the stale ListGoneIter", staleDir)
	}
}

func TestRun(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join(fixtureDir, outputName))
	if err != nil {
		t.Fatal(err)
	}
	goldenDoc, err := os.ReadFile(filepath.Join(fixtureDir, docName))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	out, doc := filepath.Join(tmp, outputName), filepath.Join(tmp, docName)
	base := []string{"-dir", fixtureDir, "-out", out, "-doc", doc}
	args := func(extra ...string) []string { return append(slices.Clone(base), extra...) }
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"writes the files and lists what it did", args("-spec", fixtureSpec, "-connect", fixtureCtor, "-v"), 0, "pagegen: fixture: ListDocsIter (JSON:API pages)\n"},
		{"no dir", []string{"-spec", fixtureSpec, "-connect", "ConnectFixture"}, 2, "usage: pagegen -dir"},
		{"no spec", []string{"-dir", fixtureDir, "-connect", "ConnectFixture"}, 2, "usage: pagegen -dir"},
		{"no constructor", args("-spec", fixtureSpec), 2, "pagegen: -connect is missing: name the root package's function that connects to this API (for example -connect ConnectKobas), or -connect none"},
		{"constructor not exported", args("-spec", fixtureSpec, "-connect", "newFixture"), 1, "pagegen: -connect newFixture: want an exported name"},
		{"extra argument", args("-spec", fixtureSpec, "-connect", fixtureCtor, "x"), 2, "usage: pagegen -dir"},
		{"unknown flag", []string{"-bogus"}, 2, "flag provided but not defined"},
		{"not a package", []string{"-dir", "testdata/missing", "-out", out, "-doc", doc, "-spec", fixtureSpec, "-connect", "ConnectFixture"}, 1, "pagegen: "},
		{"missing spec file", args("-spec", "testdata/missing.yaml", "-connect", fixtureCtor), 1, "pagegen: open testdata/missing.yaml"},
		{"spec of another package", args("-spec", filepath.Join(staleDir, "openapi.yaml"), "-connect", fixtureCtor), 1, "pagegen: specs/openapi.yaml: operation listItems (GET /items) has no method on fixture.ClientWithResponses"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(out)
			os.Remove(doc)
			var stderr bytes.Buffer
			if code := run(tc.args, &stderr); code != tc.wantCode {
				t.Fatalf("run(%q) = %d, want %d (stderr %s)", tc.args, code, tc.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.wantStderr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tc.args, stderr.String(), tc.wantStderr)
			}
			if tc.wantCode != 0 {
				if _, err := os.Stat(out); err == nil {
					t.Errorf("run(%q) failed but wrote %s", tc.args, out)
				}
				return
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, golden) {
				t.Errorf("run(%q) wrote a file that differs from the golden one:\n%s", tc.args, firstDiff(got, golden))
			}
			gotDoc, err := os.ReadFile(doc)
			if err != nil {
				t.Fatal(err)
			}
			if want := goldenDoc; !bytes.Equal(gotDoc, want) {
				t.Errorf("run(%q) wrote documentation that differs from the golden one:\n%s", tc.args, firstDiff(gotDoc, want))
			}
		})
	}
}

// TestNoConstructor pins the documentation of an API the root package builds no client for:
// -connect none says so instead of linking a constructor.
func TestNoConstructor(t *testing.T) {
	doc := filepath.Join(t.TempDir(), docName)
	var stderr bytes.Buffer
	args := []string{"-dir", fixtureDir, "-out", filepath.Join(t.TempDir(), outputName), "-doc", doc, "-spec", fixtureSpec, "-connect", "none"}
	if code := run(args, &stderr); code != 0 {
		t.Fatalf("run(%q) = %d, want 0 (stderr %s)", args, code, stderr.String())
	}
	got, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	if want := "// The SDK's root package builds no connection for this API: [New] takes any [Connection], and\n"; !bytes.Contains(got, []byte(want)) {
		t.Errorf("documentation with -connect none lacks %q:\n%s", want, got)
	}
	if bytes.Contains(got, []byte("ConnectFixture")) {
		t.Errorf("documentation with -connect none links a constructor:\n%s", got)
	}
}

func TestConstructorLink(t *testing.T) {
	tests := []struct {
		name, ctor, module, want, wantErr string
	}{
		{"root package name", "ConnectKobas", "github.com/hospitality-sdk/hospitality-go", "github.com/hospitality-sdk/hospitality-go.ConnectKobas", ""},
		{"qualified", "example.com/sdk.NewX", "github.com/other", "example.com/sdk.NewX", ""},
		{"none", "none", "github.com/other", "", ""},
		{"missing", "", "github.com/other", "", "-connect is missing"},
		{"unexported", "newKobas", "github.com/other", "", "want an exported name"},
		{"qualified unexported", "example.com/sdk.newX", "", "", "want an exported name"},
		{"unknown module", "ConnectKobas", "", "", "the package's module is unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := constructorLink(tc.ctor, tc.module)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("constructorLink(%q, %q) = %q, %v; want an error containing %q", tc.ctor, tc.module, got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("constructorLink(%q, %q) = %q, %v; want %q, nil", tc.ctor, tc.module, got, err, tc.want)
			}
		})
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ name, desc, want string }{
		{"first of several", "Cobot manages coworking spaces. API 2 follows JSON:API.", "Cobot manages coworking spaces."},
		{"first paragraph only", "One sentence\nover two lines\n\nA second paragraph.", "One sentence over two lines."},
		{"abbreviation", "Pages, e.g. numbered. Done.", "Pages, e.g. numbered."},
		{"version number", "The API v1.3 (method-style). More.", "The API v1.3 (method-style)."},
		{"wire contract", "Wire contract for Cloudbeds' Accounting API v1.0: folios.", "It covers Cloudbeds' Accounting API v1.0: folios."},
		{"wire contract of", "Wire contract of the OctoTable API.", "It covers the OctoTable API."},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := firstSentence(tc.desc); got != tc.want {
				t.Errorf("firstSentence(%q) = %q, want %q", tc.desc, got, tc.want)
			}
		})
	}
}

// TestIndex checks how the operation index pairs operationIds with methods, and that a method
// without an operationId fails the generation.
func TestIndex(t *testing.T) {
	res, _ := fixtureOutput(t)
	s, err := readSpec(fixtureSpec)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := index(res, s)
	if err != nil {
		t.Fatalf("index(fixture) = %v", err)
	}
	got := map[string]string{}
	for _, e := range entries {
		got[e.id] = e.call + " " + e.method + " " + e.path + " " + e.iter
	}
	want := map[string]string{
		"list-numbered":     "ListNumberedWithResponse GET /numbered ListNumberedIter",
		"list_echo":         "ListEchoWithResponse GET /echo ListEchoIter",
		"createItem":        "CreateItemWithFormdataBodyWithResponse POST /items ",
		"upload-item-photo": "UploadItemPhotoWithBodyWithResponse PUT /items/{id}/photo ",
		"listMap":           "ListMapWithResponse GET /map ",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("index(fixture)[%s] = %q, want %q", id, got[id], w)
		}
	}
	if len(entries) != len(s.ops) {
		t.Errorf("index(fixture) has %d entries, want %d", len(entries), len(s.ops))
	}

	short := *s
	short.ops = slices.DeleteFunc(slices.Clone(s.ops), func(o specOp) bool { return o.id == "getItem" })
	if _, err := index(res, &short); err == nil || !strings.Contains(err.Error(), "fixture.ClientWithResponses.GetItemWithResponse matches no operationId in specs/openapi.yaml") {
		t.Errorf("index(fixture without getItem) = %v, want an error naming GetItemWithResponse", err)
	}
}
