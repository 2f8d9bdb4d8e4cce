package hospitality_test

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const module = "github.com/hospitality-sdk/hospitality-go"

// TestImportRules enforces the layout's import rules: generated packages import only the
// standard library, oapi-codegen's runtime, encoding/json/v2 (go-json-experiment/json), wire and
// form, and never encoding/json (a gen/<api>/oapi-codegen.yaml that lost the
// internal/codegen/imports.tmpl override would bring it back); and auth never imports gen.
func TestImportRules(t *testing.T) {
	genAllowed := []string{
		"github.com/oapi-codegen/runtime",
		"github.com/go-json-experiment/json",
		module + "/wire",
		module + "/form",
	}
	gens, err := filepath.Glob("gen/*")
	if err != nil || len(gens) == 0 {
		t.Fatalf("no gen/* packages found (%v)", err)
	}
	for _, dir := range gens {
		for _, imp := range imports(t, dir) {
			if !isStdlib(imp) && !hasAnyPrefix(imp, genAllowed) {
				t.Errorf("%s imports %s; generated packages may import only the standard library, %s",
					dir, imp, strings.Join(genAllowed, ", "))
			}
			if imp == "encoding/json" {
				t.Errorf("%s imports encoding/json; generated code must use go-json-experiment/json/v1 (internal/codegen/imports.tmpl)", dir)
			}
		}
	}
	for _, imp := range imports(t, "auth") {
		if strings.HasPrefix(imp, module+"/gen") {
			t.Errorf("auth imports %s; auth must not depend on generated code", imp)
		}
	}
}

// imports returns the non-test imports of the package in dir.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("%s is not a directory: %v", dir, err)
	}
	pkg, err := build.ImportDir(dir, 0)
	if err != nil {
		t.Fatalf("reading package %s: %v", dir, err)
	}
	return pkg.Imports
}

// isStdlib reports whether path is a standard library import path (no dot in its first element).
func isStdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if s == p || strings.HasPrefix(s, p+"/") {
			return true
		}
	}
	return false
}

// TestTransportKnowsNoProvider enforces that the transport is provider-agnostic: what is
// particular to an API lives in its transport.Profile next to its constructor, so adding an API
// never edits the shared chain. No non-test file of transport/ may name a provider, in code or
// in comments.
func TestTransportKnowsNoProvider(t *testing.T) {
	names := []string{"kobas", "octotable", "octorate", "cloudbeds", "cobot"}
	files, err := filepath.Glob("transport/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transport files found (%v)", err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.ToLower(string(b)), "\n") {
			for _, n := range names {
				if strings.Contains(line, n) {
					t.Errorf("%s:%d names the provider %q; put it in that provider's transport.Profile", f, i+1, n)
				}
			}
		}
	}
}

// TestGenDocsLinkConstructors checks that the package doc of every gen/<api> (doc.gen.go, which
// pagegen writes from the -constructor flag of the API's line in generate.go) links a constructor
// this package declares, so a renamed constructor or a mistyped flag cannot leave a dead link.
func TestGenDocsLinkConstructors(t *testing.T) {
	fset := token.NewFileSet()
	funcs := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil {
				funcs[fn.Name.Name] = true
			}
		}
	}
	link := regexp.MustCompile(`\[` + regexp.QuoteMeta(module) + `\.(\w+)\]`)
	gens, err := filepath.Glob("gen/*/oapi-codegen.yaml")
	if err != nil || len(gens) == 0 {
		t.Fatalf("no gen/*/oapi-codegen.yaml found (%v)", err)
	}
	for _, cfg := range gens {
		dir := filepath.Dir(cfg)
		doc, err := os.ReadFile(filepath.Join(dir, "doc.gen.go"))
		if err != nil {
			t.Errorf("%s has no package doc (%v); run make generate", dir, err)
			continue
		}
		m := link.FindAllSubmatch(doc, -1)
		if len(m) == 0 {
			t.Errorf("%s/doc.gen.go links no constructor of package hospitality; give its pagegen line in generate.go -constructor New<API>", dir)
		}
		for _, sub := range m {
			if name := string(sub[1]); !funcs[name] {
				t.Errorf("%s/doc.gen.go links %s.%s, which package hospitality does not declare", dir, module, name)
			}
		}
	}
}
