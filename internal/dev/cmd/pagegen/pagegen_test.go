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

var update = flag.Bool("update", false, "rewrite testdata/fixture/pages.gen.go from the current generator")

const (
	fixtureDir = "testdata/fixture"
	staleDir   = "testdata/stale"
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
	once sync.Once
	res  *result
	src  []byte
	err  error
}

// fixtureOutput returns the analysis of the fixture package and the file generated from it.
func fixtureOutput(t *testing.T) (*result, []byte) {
	t.Helper()
	fixture.once.Do(func() {
		fixture.res, fixture.err = analyze(fixtureDir, filepath.Join(fixtureDir, outputName))
		if fixture.err == nil {
			fixture.src, fixture.err = emit(fixture.res)
		}
	})
	if fixture.err != nil {
		t.Fatalf("generate(%q) = %v", fixtureDir, fixture.err)
	}
	return fixture.res, fixture.src
}

func TestGolden(t *testing.T) {
	_, got := fixtureOutput(t)
	golden := filepath.Join(fixtureDir, outputName)
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
		t.Errorf("generated code differs from %s; run go test ./internal/cmd/pagegen -update and review the diff\n%s", golden, firstDiff(got, want))
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
	out := filepath.Join(t.TempDir(), "pages.gen.go")
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"writes the file and lists what it did", []string{"-dir", fixtureDir, "-out", out, "-v"}, 0, "pagegen: fixture: ListDocsIter (JSON:API pages)\n"},
		{"no dir", nil, 2, "usage: pagegen -dir"},
		{"extra argument", []string{"-dir", fixtureDir, "x"}, 2, "usage: pagegen -dir"},
		{"unknown flag", []string{"-bogus"}, 2, "flag provided but not defined"},
		{"not a package", []string{"-dir", "testdata/missing", "-out", out}, 1, "pagegen: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := run(tc.args, &stderr); code != tc.wantCode {
				t.Fatalf("run(%q) = %d, want %d (stderr %s)", tc.args, code, tc.wantCode, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.wantStderr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tc.args, stderr.String(), tc.wantStderr)
			}
			if tc.wantCode != 0 {
				return
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, golden) {
				t.Errorf("run(%q) wrote a file that differs from the golden one:\n%s", tc.args, firstDiff(got, golden))
			}
		})
	}
}
