package upstreamanswers

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// sample returns n values the generator makes for the schema ref of doc, round-tripped through
// JSON as an answer is.
func sample(t *testing.T, doc *document, ref string, n int) []any {
	t.Helper()
	g := newGenerator(doc, rand.New(rand.NewPCG(1, 2)))
	var out []any
	for range n {
		b, err := json.Marshal(g.value(map[string]any{"$ref": ref}, 0))
		if err != nil {
			t.Fatalf("%s: json.Marshal: %v", ref, err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func TestGeneratorValid(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "schemas.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	kin, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("kin-openapi: %v", err)
	}
	doc, err := loadDocument(data)
	if err != nil {
		t.Fatalf("loadDocument: %v", err)
	}
	for _, name := range sortedKeys(kin.Components.Schemas) {
		t.Run(name, func(t *testing.T) {
			schema := kin.Components.Schemas[name].Value
			for _, v := range sample(t, doc, "#/components/schemas/"+name, 200) {
				if err := schema.VisitJSON(v, openapi3.EnableFormatValidation()); err != nil {
					t.Fatalf("value %s is not valid: %v", excerpt(v), err)
				}
			}
		})
	}
}

func TestGeneratorVaries(t *testing.T) {
	doc, err := loadDocument([]byte(`openapi: 3.1.0
info: {title: t, version: "1"}
components:
  schemas:
    MaybeInt: {anyOf: [{type: integer}, {type: "null"}]}
    TypeList: {type: [string, "null"]}
    Enum: {type: string, enum: [a, b, c]}
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator: {propertyName: kind, mapping: {cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}}
    Cat: {type: object, required: [kind], properties: {kind: {type: string}}}
    Dog: {type: object, required: [kind], properties: {kind: {type: string}}}
    Secret:
      type: object
      required: [password]
      properties:
        password: {type: string, writeOnly: true}
        name: {type: string}
`))
	if err != nil {
		t.Fatal(err)
	}
	kinds := func(vs []any, key func(any) string) map[string]int {
		out := map[string]int{}
		for _, v := range vs {
			out[key(v)]++
		}
		return out
	}
	typeOf := func(v any) string { return jsonType(v) }
	tests := []struct {
		name string
		ref  string
		key  func(any) string
		want []string // every key must occur, and no other
	}{
		{"anyOf with a null member", "MaybeInt", typeOf, []string{"integer", "null"}},
		{"3.1 type list", "TypeList", typeOf, []string{"string", "null"}},
		{"enum", "Enum", func(v any) string { return v.(string) }, []string{"a", "b", "c"}},
		{"discriminator from the mapping", "Pet", func(v any) string { return v.(map[string]any)["kind"].(string) }, []string{"cat", "dog"}},
		{"writeOnly left out", "Secret", func(v any) string {
			_, ok := v.(map[string]any)["password"]
			return map[bool]string{true: "password", false: "no password"}[ok]
		}, []string{"no password"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := kinds(sample(t, doc, "#/components/schemas/"+tc.ref, 200), tc.key)
			if len(got) != len(tc.want) {
				t.Errorf("values of %s by kind = %v, want exactly %q", tc.ref, got, tc.want)
			}
			for _, k := range tc.want {
				if got[k] == 0 {
					t.Errorf("values of %s by kind = %v, want some %q", tc.ref, got, k)
				}
			}
		})
	}
}

func TestGenerateFromPattern(t *testing.T) {
	tests := []struct {
		pattern string
		ok      bool
	}{
		{`^\d{4}-\d{2}-\d{2}$`, true},
		{`^[a-f0-9]{32}$`, true},
		{`^(EUR|USD|GBP)$`, true},
		{`^[^@\s]+@[^@\s]+\.[a-z]{2,}$`, true},
		{`(?i)^abc+$`, true},
		{`^\+?[0-9 ]{6,15}$`, true},
		{`^(?=.*[A-Z]).{8,}$`, false}, // a lookahead: Go's engine has none
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, tc := range tests {
		t.Run(tc.pattern, func(t *testing.T) {
			for range 100 {
				got, ok := generateFromPattern(r, tc.pattern)
				if ok != tc.ok {
					t.Fatalf("generateFromPattern(%q) ok = %v, want %v", tc.pattern, ok, tc.ok)
				}
				if !ok {
					return
				}
				if !regexp.MustCompile(tc.pattern).MatchString(got) {
					t.Fatalf("generateFromPattern(%q) = %q, which the pattern does not match", tc.pattern, got)
				}
			}
		})
	}
}

func TestVerdict(t *testing.T) {
	doc, err := loadDocument([]byte(`openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  count: {type: string}
                  when: {type: string, format: date, example: "2024-02-30x"}
                  list: {type: array, required: [items], items: {type: string}}
                  fine: {type: integer}
              example: {count: 3, fine: 4}
`))
	if err != nil {
		t.Fatal(err)
	}
	op := doc.operation("GET", "/a")
	tests := []struct {
		path             string
		wantInconsistent bool
	}{
		{"/count", true}, // the example gives a number
		{"/when", true},  // the property's own example is no date
		{"/list", true},  // required on an array
		{"/fine", false},
		{"/missing", false},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			text, inconsistent := doc.verdict(op, pointerTokens(tc.path))
			if inconsistent != tc.wantInconsistent {
				t.Errorf("verdict(%s) = %q, %v, want inconsistent %v", tc.path, text, inconsistent, tc.wantInconsistent)
			}
		})
	}
}
