package speclint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// base is a small valid document; the cases below each break one rule of it.
const base = `openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://api.example.test/v1"}]
security: [{key: []}]
paths:
  /things:
    get:
      operationId: listThings
      summary: List things
      tags: [Things]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Things"}
              example: {data: [{id: 1, name: a}]}
    delete:
      operationId: deleteThings
      summary: Delete things
      tags: [Things]
      security: []
      responses:
        "204": {description: gone}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Key}
  schemas:
    Things:
      type: object
      properties:
        data:
          type: array
          items: {$ref: "#/components/schemas/Thing"}
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        name: {type: string, example: a}
`

func TestSpec(t *testing.T) {
	tests := []struct {
		name     string
		old, new string // replacement applied to base; empty old means base unchanged
		want     []string
	}{
		{name: "valid"},
		{
			name: "missing operationId", old: "      operationId: listThings\n", new: "",
			want: []string{"test.yaml:7: $.paths['/things'].get: operation has no operationId"},
		},
		{
			name: "missing summary", old: "      summary: List things\n", new: "",
			want: []string{"test.yaml:7: $.paths['/things'].get: operation has no summary"},
		},
		{
			name: "missing tags", old: "      tags: [Things]\n      responses:\n        \"200\"", new: "      responses:\n        \"200\"",
			want: []string{"test.yaml:7: $.paths['/things'].get: operation has no tags"},
		},
		{
			name: "no security anywhere", old: "security: [{key: []}]\n", new: "",
			want: []string{"test.yaml:6: $.paths['/things'].get: operation has no security requirement (use security: [] for a public endpoint)"},
		},
		{
			name: "no 2xx response", old: "\"204\": {description: gone}", new: "\"404\": {description: missing}",
			want: []string{"test.yaml:23: $.paths['/things'].delete.responses: operation has no 2xx response"},
		},
		{
			name: "206 without content", old: "\"204\": {description: gone}", new: "\"206\": {description: part}",
			want: []string{"test.yaml:24: $.paths['/things'].delete.responses['206']: 206 response has no content (only 200, 201, 202, 204 and 205 may be bodiless)"},
		},
		{
			name: "2xx body without example", old: "              example: {data: [{id: 1, name: a}]}\n", new: "",
			want: []string{"test.yaml:15: $.paths['/things'].get.responses['200'].content['application/json']: 200 response body has no example (media type example/examples or schema example)"},
		},
		{
			name: "2xx body without schema", old: "              schema: {$ref: \"#/components/schemas/Things\"}\n", new: "",
			want: []string{"test.yaml:15: $.paths['/things'].get.responses['200'].content['application/json']: 200 response body has no schema"},
		},
		{
			name: "media example does not match", old: "{data: [{id: 1, name: a}]}", new: "{data: [{id: one}, {name: b}]}",
			want: []string{
				`test.yaml:17: $.paths['/things'].get.responses['200'].content['application/json'].example: example does not match its schema: at /data/0/id: value must be an integer`,
				`test.yaml:17: $.paths['/things'].get.responses['200'].content['application/json'].example: example does not match its schema: at /data/1/id: property "id" is missing`,
			},
		},
		{
			name: "schema example does not match", old: "name: {type: string, example: a}", new: "name: {type: string, example: 7}",
			want: []string{"test.yaml:40: $.components.schemas.Thing.properties.name.example: example does not match its schema: at /: value must be a string"},
		},
		{
			name: "parameter example does not match", old: "      operationId: listThings\n",
			new:  "      operationId: listThings\n      parameters:\n        - {name: limit, in: query, schema: {type: integer, maximum: 10}, example: 50}\n",
			want: []string{"test.yaml:10: $.paths['/things'].get.parameters[0].example: example does not match its schema: at /: number must be at most 10"},
		},
		{
			name: "generator extensions", old: "    Thing:\n      type: object\n", new: "    Thing:\n      x-go-type: wire.Thing\n      x-oapi-codegen-extra-tags: {db: thing}\n      x-order: 1\n      type: object\n",
			want: []string{
				"test.yaml:36: $.components.schemas.Thing['x-go-type']: generator extension x-go-type belongs in the overlay, not the spec",
				"test.yaml:37: $.components.schemas.Thing['x-oapi-codegen-extra-tags']: generator extension x-oapi-codegen-extra-tags belongs in the overlay, not the spec",
				"test.yaml:38: $.components.schemas.Thing['x-order']: generator extension x-order belongs in the overlay, not the spec",
			},
		},
		{
			// A property that happens to be named like an extension is a wire name, not markup.
			name: "property named like an extension", old: "        id: {type: integer}\n", new: "        id: {type: integer}\n        x-order: {type: string}\n",
		},
		{
			name: "invalid document", old: "      type: object\n      required: [id]\n", new: "      type: objekt\n      required: [id]\n",
			want: []string{
				`test.yaml:1: $: invalid: invalid components: schema "Thing": unsupported 'type' value "objekt"`,
				`test.yaml:1: $: invalid: invalid components: schema "Things": unsupported 'type' value "objekt"`,
				`test.yaml:1: $: invalid: invalid paths: invalid path /things: invalid operation GET: unsupported 'type' value "objekt"`,
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := base
			if tc.old != "" {
				if !strings.Contains(doc, tc.old) {
					t.Fatalf("case does not apply: %q not in base", tc.old)
				}
				doc = strings.Replace(doc, tc.old, tc.new, 1)
			}
			got := strings.Join(render(Spec("test.yaml", []byte(doc))), "\n")
			want := strings.Join(tc.want, "\n")
			if got != want {
				t.Errorf("Spec(%s) =\n%s\nwant\n%s", tc.name, got, want)
			}
		})
	}
}

const overlayBase = `overlay: 1.0.0
info: {title: t, version: "1"}
actions:
  - target: $.components.schemas.Thing
    description: Name the type.
    update:
      x-go-name: Item
`

func TestOverlay(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []string
	}{
		{name: "valid"},
		{
			name: "missing description", old: "    description: Name the type.\n", new: "",
			want: []string{"o.yaml:4: $.actions[0]: action has no description saying why it exists"},
		},
		{
			name: "target matches nothing", old: "schemas.Thing", new: "schemas.Gone",
			want: []string{`o.yaml:4: $.actions[0].target: target $.components.schemas.Gone: selector "$.components.schemas.Gone" did not match any targets`},
		},
		{
			// Actions apply in order: the second sees the first's removal, as in oapi-codegen.
			name: "target removed by an earlier action",
			old:  "actions:\n", new: "actions:\n  - target: $.components.schemas.Thing\n    description: Drop it.\n    remove: true\n",
			want: []string{
				`o.yaml:7: $.actions[1].target: target $.components.schemas.Thing: selector "$.components.schemas.Thing" did not match any targets`,
				`o.yaml:1: $: the overlaid spec no longer loads: failed to resolve "Thing" in fragment in URI: "#/components/schemas/Thing": map key "Thing" not found`,
			},
		},
		{
			name: "legacy filter", old: "target: $.components.schemas.Thing", new: "target: $.servers[?(@.url == 'https://api.example.test/v1')]",
			want: []string{"o.yaml:1: $: filter expressions are evaluated with the deprecated legacy JSONPath; add `x-speakeasy-jsonpath: rfc9535` at the top of the overlay"},
		},
		{
			name: "rfc9535 filter", old: "overlay: 1.0.0\ninfo: {title: t, version: \"1\"}\nactions:\n  - target: $.components.schemas.Thing",
			new: "overlay: 1.0.0\nx-speakeasy-jsonpath: rfc9535\ninfo: {title: t, version: \"1\"}\nactions:\n  - target: $.servers[?(@.url == 'https://api.example.test/v1')]",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ov := overlayBase
			if tc.old != "" {
				if !strings.Contains(ov, tc.old) {
					t.Fatalf("case does not apply: %q not in overlay", tc.old)
				}
				ov = strings.Replace(ov, tc.old, tc.new, 1)
			}
			got := strings.Join(render(Overlay("o.yaml", []byte(ov), []byte(base))), "\n")
			want := strings.Join(tc.want, "\n")
			if got != want {
				t.Errorf("Overlay(%s) =\n%s\nwant\n%s", tc.name, got, want)
			}
		})
	}
}

func TestRepo(t *testing.T) {
	root := t.TempDir()
	write(t, root, "generate.go", "package x\n\n//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config gen/things/oapi-codegen.yaml specs/things.yaml\n")
	write(t, root, "gen/things/oapi-codegen.yaml", "package: things\noutput: gen/things/client.gen.go\noutput-options:\n  overlay:\n    path: overlays/things.yaml\n    strict: true\n")
	write(t, root, "specs/things.yaml", base)
	write(t, root, "specs/other.yaml", strings.Replace(base, "      summary: List things\n", "", 1))
	write(t, root, "overlays/things.yaml", overlayBase)
	write(t, root, "overlays/stray.yaml", overlayBase)

	gens, err := Generators(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(gens) != 1 || gens[0] != (Generator{Spec: "specs/things.yaml", Config: "gen/things/oapi-codegen.yaml", Overlay: "overlays/things.yaml", Package: "things"}) {
		t.Errorf("Generators() = %+v, want one generator for things", gens)
	}

	problems, err := Repo(root)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(render(problems), "\n")
	want := strings.Join([]string{
		"specs/other.yaml:7: $.paths['/things'].get: operation has no summary",
		"overlays/stray.yaml: overlay is not named by any generator config in generate.go, so its targets are never checked",
	}, "\n")
	if got != want {
		t.Errorf("Repo() =\n%s\nwant\n%s", got, want)
	}
}

func TestPathString(t *testing.T) {
	tests := []struct {
		name string
		path Path
		want string
	}{
		{"root", nil, "$"},
		{"plain keys", Path{"components", "schemas", "Thing"}, "$.components.schemas.Thing"},
		{"quoted keys and index", Path{"paths", "/a/{id}", "get", "parameters", 2}, "$.paths['/a/{id}'].get.parameters[2]"},
		{"status code", Path{"responses", "200"}, "$.responses['200']"},
		{"quote", Path{"it's"}, `$['it\'s']`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.path.String(); got != tc.want {
				t.Errorf("Path%v.String() = %s, want %s", []any(tc.path), got, tc.want)
			}
		})
	}
}

func render(ps []Problem) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func write(t *testing.T, root, name, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
