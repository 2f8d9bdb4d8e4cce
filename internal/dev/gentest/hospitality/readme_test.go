package hospitality_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// module is the SDK's module path.
const module = "github.com/hospitality-sdk/hospitality-go"

// readmeImports are the packages a README snippet may use without importing them.
var readmeImports = []string{
	"context", "errors", "fmt", "log", "net/http", "os", "testing",
	"golang.org/x/oauth2",
	module, module + "/auth", module + "/sandbox", module + "/transport", module + "/wire",
	module + "/gen/kobas", module + "/gen/octotable", module + "/gen/cloudbeds", module + "/gen/cloudbedsv2",
	module + "/gen/cobot", module + "/gen/cobotv1", module + "/gen/cloudbedsfiscal",
}

// readmeSkip names the snippets of modules other than the core, which this module cannot
// type-check; their own tests and examples keep them honest.
var readmeSkip = []string{"otelhospitality.", "drift.", "hredis.", "pgxpool."}

// readmePrelude declares what the snippets take as given: a context, a test, an app's client id
// and secret, the request of an OAuth callback, a token source, a Kobas client and a handler.
const readmePrelude = `
	var (
		ctx             context.Context
		t               *testing.T
		id, secret      string
		callbackRequest *http.Request
		spaceToken      oauth2.TokenSource
		c               *kobas.ClientWithResponses
		cb              *cloudbeds.ClientWithResponses
		body            cloudbeds.PostReservationFormdataRequestBody
		err             error
		process         func([]byte) error
		cfg             hospitality.KobasConfig
	)
`

// ignoredSnippetError matches what a snippet may leave undone without being wrong: a variable it
// shows but does not go on to use, or an import of the shared list it does not need.
var ignoredSnippetError = regexp.MustCompile(`declared and not used|imported and not used|"[^"]+" imported as \w+ and not used`)

// TestReadmeSnippets type-checks every Go snippet of README.md against the SDK as it is, so the
// quickstarts cannot drift from the API (they once redeclared variables, used an undefined
// client and a one-value Percent.Value).
func TestReadmeSnippets(t *testing.T) {
	readme, err := os.ReadFile("../../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	snippets := goSnippets(string(readme))
	if len(snippets) < 8 {
		t.Fatalf("found %d Go snippets in README.md, want the quickstarts", len(snippets))
	}
	imp := exportImporter(t)
	for _, sn := range snippets {
		if slices.ContainsFunc(readmeSkip, func(s string) bool { return strings.Contains(sn.code, s) }) {
			continue
		}
		t.Run(fmt.Sprintf("line %d", sn.line), func(t *testing.T) {
			var src strings.Builder
			src.WriteString("package snippet\n\nimport (\n")
			for _, p := range readmeImports {
				fmt.Fprintf(&src, "\t%q\n", p)
			}
			src.WriteString(")\n\nfunc _() error {\n" + readmePrelude + "\t_, _, _, _, _, _, _, _, _, _, _, _ = ctx, t, id, secret, callbackRequest, spaceToken, c, cb, body, err, process, cfg\n\t{\n")
			src.WriteString(sn.code)
			src.WriteString("\n\t}\n\treturn nil\n}\n")
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, "README.md", src.String(), parser.SkipObjectResolution)
			if err != nil {
				t.Fatalf("README.md:%d: snippet does not parse: %v", sn.line, err)
			}
			var errs []string
			conf := types.Config{Importer: imp, Error: func(err error) {
				if !ignoredSnippetError.MatchString(err.Error()) {
					errs = append(errs, err.Error())
				}
			}}
			conf.Check("snippet", fset, []*ast.File{f}, nil)
			for _, e := range errs {
				t.Errorf("README.md snippet at line %d: %s", sn.line, e)
			}
		})
	}
}

// snippet is one ```go block of the README and the line it starts on.
type snippet struct {
	line int
	code string
}

// goSnippets returns the ```go blocks of a Markdown document.
func goSnippets(md string) []snippet {
	var out []snippet
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```go" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
		}
		out = append(out, snippet{line: start + 1, code: strings.Join(lines[start:i], "\n")})
	}
	return out
}

// exportImporter returns an importer reading the compiler's export data of the snippet imports,
// as `go list -export` builds it (from the build cache when warm).
func exportImporter(t *testing.T) types.Importer {
	t.Helper()
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}"}, readmeImports...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	files := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if p, f, ok := strings.Cut(l, "="); ok && f != "" {
			files[p] = f
		}
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", func(path string) (io.ReadCloser, error) {
		f, ok := files[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		b, err := os.ReadFile(f)
		return io.NopCloser(bytes.NewReader(b)), err
	})
}
