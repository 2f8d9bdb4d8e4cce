// Package codegen checks the oapi-codegen template overrides in internal/codegen, which the
// gen/<api>/oapi-codegen.yaml files name under user-templates: each override must be the
// upstream template of the pinned oapi-codegen with exactly the change its header describes, so
// that an upgrade of oapi-codegen cannot leave a stale copy behind.
package codegen

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// templatesDir holds the template overrides the generator configs name (gen/*/oapi-codegen.yaml).
const templatesDir = "../../codegen"

// overrides lists each template override, the upstream template it copies and its one change
// as old → new replacements.
var overrides = []struct {
	file, upstream string
	change         [][2]string
}{
	{"imports.tmpl", "imports.tmpl", [][2]string{
		{"\t\"encoding/json\"\n", "\tjson \"github.com/go-json-experiment/json/v1\"\n"},
	}},
	{"union.tmpl", "union.tmpl", [][2]string{
		{"merged, err := runtime.JSONMerge(t.union, b)", "merged, err := runtime.JSONMerge([]byte(t.union), b)"},
		{"t.union = merged\n", "t.union = json.RawMessage(merged)\n"},
	}},
	{"client-with-responses.tmpl", "client-with-responses.tmpl", [][2]string{
		{"// Parse{{genResponseTypeName $opid | ucFirst}} parses an HTTP response from a {{$opid}}WithResponse call\n",
			"// Parse{{genResponseTypeName $opid | ucFirst}} parses an HTTP response from a {{$opid}}WithResponse call.\n" +
				"// When the answer does not fully decode it returns the response (Body, HTTPResponse and what did\n" +
				"// decode) with an error unwrapping to a [*wire.DecodeError].\n"},
		{"    response := {{genResponsePayload $opid}}\n\n    {{genResponseUnmarshal .}}\n",
			"    response := {{genResponsePayload $opid}}\n\n" +
				"    {{- $unmarshal := genResponseUnmarshal .}}\n" +
				"    {{- if $unmarshal}}\n" +
				"    // json keeps what decodes and reports the rest: see [wire.ResponseDecoder].\n" +
				"    json := wire.NewResponseDecoder({{or .SpecOperationId .OperationId | toGoString}})\n" +
				"    {{$unmarshal}}\n" +
				"    if err := json.Err(); err != nil {\n" +
				"        return response, err\n" +
				"    }\n" +
				"    {{- end}}\n"},
	}},
	{"cloudbeds-client.tmpl", "client.tmpl", [][2]string{
		{"bodyStr, err := runtime.MarshalForm(body, nil)", "bodyStr, err := form.Encode(body)"},
		{"bodyReader = strings.NewReader(bodyStr.Encode())", "bodyReader = strings.NewReader(bodyStr)"},
	}},
}

func TestOverridesMatchUpstream(t *testing.T) {
	// The pinned version (go.mod), from the module cache; downloaded if need be.
	out, err := exec.Command("go", "mod", "download", "-json", "github.com/oapi-codegen/oapi-codegen/v2").Output()
	if err != nil {
		t.Fatalf("go mod download oapi-codegen: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go mod download -json = %s (%v), want the module's directory", out, err)
	}
	dir := filepath.Join(mod.Dir, "pkg", "codegen", "templates")
	for _, o := range overrides {
		t.Run(o.file, func(t *testing.T) {
			up, err := os.ReadFile(filepath.Join(dir, o.upstream))
			if err != nil {
				t.Fatalf("upstream template: %v", err)
			}
			ours, err := os.ReadFile(filepath.Join(templatesDir, o.file))
			if err != nil {
				t.Fatal(err)
			}
			// Our copies start with a template comment naming the change.
			body, ok := strings.CutPrefix(string(ours), "{{- /*")
			if !ok {
				t.Fatalf("%s does not start with a {{- /* ... */ -}} header", o.file)
			}
			header, body, ok := strings.Cut(body, "*/ -}}\n")
			if !ok || !strings.Contains(header, "ONE change") {
				t.Fatalf("%s: the header must name its ONE change", o.file)
			}
			want := string(up)
			for _, c := range o.change {
				if n := strings.Count(want, c[0]); n != 1 {
					t.Fatalf("upstream %s holds %q %d times, want once: re-apply the change by hand and update this test", o.upstream, c[0], n)
				}
				want = strings.Replace(want, c[0], c[1], 1)
			}
			if body != want {
				t.Errorf("%s is not upstream %s with the listed change; re-copy it from oapi-codegen and re-apply the change", o.file, o.upstream)
			}
		})
	}
}
