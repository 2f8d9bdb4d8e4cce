package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// stdlibTree decodes b as kin-openapi's JSON body decoder does: encoding/json, UseNumber, one
// value.
func stdlibTree(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// checkJSONTree fails when decodeJSONTree takes b but makes another value of it than
// encoding/json, or takes what encoding/json refuses.
func checkJSONTree(t *testing.T, b []byte) (taken bool) {
	t.Helper()
	got, ok := decodeJSONTree(b)
	if !ok {
		return false
	}
	want, err := stdlibTree(b)
	if err != nil {
		t.Fatalf("decodeJSONTree(%q) = %#v, true; encoding/json refuses it: %v", b, got, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeJSONTree(%q) = %#v, want %#v", b, got, want)
	}
	// The shared variant takes the same bodies and makes the same value, pointing into b.
	shared, ok := decodeJSONTreeShared(bytes.Clone(b))
	if !ok || !reflect.DeepEqual(shared, want) {
		t.Fatalf("decodeJSONTreeShared(%q) = %#v, %v, want %#v, true", b, shared, ok, want)
	}
	return true
}

func TestDecodeJSONTree(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		taken bool // false: left to kin-openapi's decoder
	}{
		{"object", `{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, true},
		{"white space", " \t\n\r{ \"a\" : [ 1 , 2 ] }\r\n ", true},
		{"empty containers", `{"a":{},"b":[]}`, true},
		{"numbers kept as written", `[0,-0,1.50,-2e10,3E+2,4e-3,12345678901234567890123]`, true},
		{"escapes", `"a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\u20ac\ud83d\ude00"`, true},
		{"utf-8", `"ação €"`, true},
		{"repeated name keeps the last", `{"a":1,"a":{"b":2}}`, true},
		{"top-level scalar", `"x"`, true},
		{"trailing value", `{} {}`, false},
		{"trailing garbage", `{"a":1}x`, false},
		{"leading zero", `01`, false},
		{"bare minus", `-`, false},
		{"fraction without digits", `1.`, false},
		{"exponent without digits", `1e`, false},
		{"lone high surrogate", `"\ud800"`, false},
		{"lone low surrogate", `"\udc00x"`, false},
		{"surrogate with non-surrogate", `"\ud800\u0041"`, false},
		{"bad escape", `"\x"`, false},
		{"short unicode escape", `"\u12"`, false},
		{"control character", "\"a\x01\"", false},
		{"invalid utf-8", "\"\xff\"", false},
		{"invalid utf-8 after escape", "\"\\n\xff\"", false},
		{"unterminated string", `"abc`, false},
		{"unterminated object", `{"a":1`, false},
		{"missing colon", `{"a" 1}`, false},
		{"trailing comma", `[1,]`, false},
		{"non-string name", `{1:2}`, false},
		{"bad literal", `tru`, false},
		{"empty", ``, false},
		{"only space", `  `, false},
		{"byte order mark", "\xef\xbb\xbf{}", false},
		{"too deep", strings.Repeat("[", maxJSONDepth+1) + strings.Repeat("]", maxJSONDepth+1), false},
		{"deep", strings.Repeat("[", 100) + strings.Repeat("]", 100), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkJSONTree(t, []byte(tc.body)); got != tc.taken {
				t.Errorf("decodeJSONTree(%q) took it = %v, want %v", tc.body, got, tc.taken)
			}
		})
	}
}

// FuzzDecodeJSONTree checks that whatever decodeJSONTree takes, encoding/json (as kin-openapi
// runs it) takes too and makes the same value of.
func FuzzDecodeJSONTree(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x\u00e9",true,null,{}]}`, `"\ud83d\ude00"`, `[]`, `-0.0e-0`, `{"a":1,"a":2}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkJSONTree(t, b) })
}

var benchBody = []byte(`{"start_date":"2025-06-12","start_hour":"20:30:00","pax":4,"channel":"OCTOTABLE_ADMIN",` +
	`"service_id":1,"room_id":2,"customer":{"first_name":"Ana","last_name":"Silva","email":"ana@example.com",` +
	`"phone":"+351912345678"},"notes":"window table","special_request":"birthday"}`)

func BenchmarkDecodeJSONTree(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		decodeJSONTree(benchBody)
	}
}

func BenchmarkDecodeJSONTreeStdlib(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		stdlibTree(benchBody)
	}
}

// TestValidJSONBodyMatchesKinOpenAPI checks the shortcut of validate for JSON bodies against
// openapi3filter.ValidateRequestBody on every operation with a JSON request body in every
// document: for the examples the documents give and for bodies near them, validJSONBody may say
// valid only where kin-openapi says so, and it must say so for a valid example to which the
// schema adds no default (the shortcut is taken, not merely safe).
func TestValidJSONBodyMatchesKinOpenAPI(t *testing.T) {
	taken := 0
	for _, a := range testAPIs(t) {
		for _, tpl := range a.doc.Paths.InMatchingOrder() {
			item := a.doc.Paths.Value(tpl)
			for method, op := range item.Operations() {
				if op.RequestBody == nil || op.RequestBody.Value == nil {
					continue
				}
				rb := op.RequestBody.Value
				route := &routers.Route{Spec: a.doc, Path: tpl, PathItem: item, Method: method, Operation: op}
				for mt, content := range rb.Content {
					if !strings.Contains(mt, "json") || content.Schema == nil {
						continue
					}
					var bodies [][]byte
					if content.Example != nil {
						b, _ := json.Marshal(content.Example)
						bodies = append(bodies, b)
					}
					for _, ex := range content.Examples {
						if ex != nil && ex.Value != nil {
							b, _ := json.Marshal(ex.Value.Value)
							bodies = append(bodies, b)
						}
					}
					if content.Schema.Value != nil && content.Schema.Value.Example != nil {
						b, _ := json.Marshal(content.Schema.Value.Example)
						bodies = append(bodies, b)
					}
					examples := len(bodies)
					bodies = append(bodies, []byte(`{}`), []byte(`[]`), []byte(`{"x":1}`), []byte(`null`), []byte(`{`), []byte(` `))
					for i, body := range bodies {
						for _, ct := range []string{mt, mt + "; charset=utf-8", strings.ToUpper(mt)} {
							req, _ := http.NewRequest(method, "http://sandbox"+a.prefix+tpl, bytes.NewReader(body))
							req.Header.Set("Content-Type", ct)
							in := &openapi3filter.RequestValidationInput{Request: req, Route: route, Options: a.options}
							got := validJSONBody(in, rb, body)
							want := openapi3filter.ValidateRequestBody(context.Background(), in, rb)
							if got && want != nil {
								t.Errorf("%s %s %s %q: validJSONBody = true, ValidateRequestBody = %v", a.name, method, tpl, body, want)
							}
							if i < examples && want == nil && !got && ct == mt && !setsDefault(a, content.Schema, body) {
								t.Errorf("%s %s %s %q: valid example, validJSONBody = false", a.name, method, tpl, body)
							}
							if got {
								taken++
							}
						}
					}
				}
			}
		}
	}
	if taken == 0 {
		t.Fatal("validJSONBody never took a body")
	}
	t.Logf("%d bodies validated by the shortcut", taken)
}

// setsDefault reports whether validating body against schema sets a default in it, where
// validJSONBody leaves the body to kin-openapi, which then rewrites it.
func setsDefault(a *api, schema *openapi3.SchemaRef, body []byte) bool {
	v, err := stdlibTree(body)
	if err != nil {
		return false
	}
	set := false
	opts := []openapi3.SchemaValidationOption{openapi3.VisitAsRequest(), openapi3.DefaultsSet(func() { set = true })}
	if a.doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	schema.Value.VisitJSON(v, opts...)
	return set
}
