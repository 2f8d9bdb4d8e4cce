package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// testAPIs returns the APIs of a new sandbox.
func testAPIs(t *testing.T) []*api {
	t.Helper()
	s, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s.apis
}

// samplePaths returns request paths for a path template: its variables filled with values of
// several shapes, and near misses.
func samplePaths(tpl string) []string {
	var out []string
	for _, v := range []string{"x1", "a.b", "a%2Fb", "-", "%20"} {
		p := tpl
		for strings.Contains(p, "{") {
			i, j := strings.Index(p, "{"), strings.Index(p, "}")
			p = p[:i] + v + p[j+1:]
		}
		out = append(out, p, p+"/", p+"/extra", strings.ToUpper(p))
	}
	return append(out, strings.ReplaceAll(tpl, "{", "{{"), "", "/", "//")
}

// TestRouterMatchesGorillamux pins the sandbox's router to kin-openapi's gorillamux router on
// every path of every document, for every method, with values of several shapes and near misses.
func TestRouterMatchesGorillamux(t *testing.T) {
	for _, a := range testAPIs(t) {
		ref, err := gorillamux.NewRouter(a.doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, tpl := range a.doc.Paths.InMatchingOrder() {
			for _, path := range samplePaths(tpl) {
				for _, method := range []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "PURGE"} {
					u, err := url.Parse("http://127.0.0.1" + a.prefix + path)
					if err != nil {
						continue
					}
					r := &http.Request{Method: method, URL: u, Header: http.Header{}}
					got, gotParams, gotErr := a.router.find(r)
					rr := *r
					ru := *u
					ru.Scheme, ru.Host = "http", "sandbox"
					rr.URL = &ru
					want, wantParams, wantErr := ref.FindRoute(&rr)
					name := fmt.Sprintf("%s %s%s", method, a.prefix, path)
					if !errors.Is(gotErr, wantErr) {
						t.Errorf("%s: find error = %v, want %v", name, gotErr, wantErr)
						continue
					}
					if wantErr != nil {
						continue
					}
					if got.Path != want.Path || got.Method != want.Method || got.Operation != want.Operation || got.PathItem != want.PathItem {
						t.Errorf("%s: find = %s %s, want %s %s", name, got.Method, got.Path, want.Method, want.Path)
					}
					if len(gotParams) != len(wantParams) || !maps.Equal(gotParams, wantParams) {
						t.Errorf("%s: params = %v, want %v", name, gotParams, wantParams)
					}
				}
			}
		}
	}
}

// validateAsBefore validates r as the sandbox did before it had its own router and validation
// steps: a deep copy of the request routed by gorillamux and checked by ValidateRequest.
func validateAsBefore(ref routers.Router, r *http.Request, body []byte, opts *openapi3filter.Options) (found bool, err error) {
	rr := r.Clone(context.Background())
	rr.Body = io.NopCloser(bytes.NewReader(body))
	u := *r.URL
	u.Scheme, u.Host = "http", "sandbox"
	rr.URL = &u
	route, params, err := ref.FindRoute(rr)
	if err != nil {
		return false, nil
	}
	return true, openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: rr, PathParams: params, Route: route, Options: opts})
}

// requestCases returns requests for op: without parameters, with each query parameter empty,
// malformed and plausible, with each header parameter missing or malformed, and with bodies
// that are the example, empty, not JSON and an empty object.
func requestCases(a *api, route *routers.Route) []*http.Request {
	path := route.Path
	for strings.Contains(path, "{") {
		i, j := strings.Index(path, "{"), strings.Index(path, "}")
		path = path[:i] + "1" + path[j+1:]
	}
	var params []*openapi3.Parameter
	for _, p := range route.PathItem.Parameters {
		params = append(params, p.Value)
	}
	for _, p := range route.Operation.Parameters {
		params = append(params, p.Value)
	}
	queries := []url.Values{{}}
	headers := []http.Header{{}}
	full := http.Header{}
	for _, p := range params {
		switch p.In {
		case openapi3.ParameterInQuery:
			for _, v := range []string{"", "zz", "1", "2025-01-01", "true", "a,b"} {
				queries = append(queries, url.Values{p.Name: {v}})
			}
			queries = append(queries, url.Values{p.Name: {"1", "2"}}, url.Values{p.Name + "[x]": {"1"}})
		case openapi3.ParameterInHeader:
			full.Set(p.Name, "1")
			headers = append(headers, http.Header{http.CanonicalHeaderKey(p.Name): {"zz"}}, http.Header{http.CanonicalHeaderKey(p.Name): {""}})
		}
	}
	headers = append(headers, full)
	var bodies []struct{ ct, body string }
	if rb := route.Operation.RequestBody; rb != nil && rb.Value != nil {
		for _, ct := range slices.Sorted(maps.Keys(rb.Value.Content)) {
			mt := rb.Value.Content[ct]
			if mt.Example != nil {
				b, _ := json.Marshal(mt.Example)
				bodies = append(bodies, struct{ ct, body string }{ct, string(b)})
			}
			for _, b := range []string{"", "{}", "not json", `{"data":{"type":"x"}}`, "a=1&b[0][c]=2", `{"a":1,"a":2}`} {
				bodies = append(bodies, struct{ ct, body string }{ct, b})
			}
		}
		bodies = append(bodies, struct{ ct, body string }{"text/plain", "x"})
	} else {
		bodies = append(bodies, struct{ ct, body string }{"", ""})
	}
	var out []*http.Request
	for _, q := range queries {
		for _, h := range headers {
			for _, b := range bodies {
				r := httptest.NewRequest(route.Method, a.prefix+path+"?"+q.Encode(), strings.NewReader(b.body))
				for k, v := range h {
					r.Header[k] = v
				}
				if b.ct != "" {
					r.Header.Set("Content-Type", b.ct)
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// TestValidateMatchesValidateRequest pins the sandbox's validation to kin-openapi's
// ValidateRequest on a deep copy, the way the sandbox validated before: for every operation of
// every document and a spread of valid and invalid parameters and bodies, both pass or both fail
// with the same message.
func TestValidateMatchesValidateRequest(t *testing.T) {
	pass := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}
	deny := &openapi3filter.Options{AuthenticationFunc: func(context.Context, *openapi3filter.AuthenticationInput) error {
		return errors.New("denied")
	}}
	n := 0
	for _, a := range testAPIs(t) {
		ref, err := gorillamux.NewRouter(a.doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, tpl := range a.doc.Paths.InMatchingOrder() {
			for method, op := range a.doc.Paths.Value(tpl).Operations() {
				base := &routers.Route{Spec: a.doc, Path: tpl, PathItem: a.doc.Paths.Value(tpl), Method: method, Operation: op}
				for i, r := range requestCases(a, base) {
					body, _ := io.ReadAll(r.Body)
					for _, opts := range []*openapi3filter.Options{pass, deny, a.options} {
						if opts == deny && i > 0 || opts == a.options && i%7 != 0 {
							continue
						}
						r.Body = io.NopCloser(bytes.NewReader(body))
						found, want := validateAsBefore(ref, r, body, opts)
						route, params, err := a.router.find(r)
						if found != (err == nil) {
							t.Fatalf("%s %s: found = %v, want %v", r.Method, r.URL, err == nil, found)
						}
						if !found {
							continue
						}
						r.Body = io.NopCloser(bytes.NewReader(body))
						got := route.validate(context.Background(), r, params, body, opts)
						n++
						var gs, ws *openapi3filter.SecurityRequirementsError
						switch {
						case (got == nil) != (want == nil):
							t.Errorf("%s %s %q: validate = %v, want %v", r.Method, r.URL, body, got, want)
						case got != nil && (describe(got) != describe(want) || errors.As(got, &gs) != errors.As(want, &ws)):
							t.Errorf("%s %s %q: validate = %q, want %q", r.Method, r.URL, body, describe(got), describe(want))
						}
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("compared %d validations, want at least 1000", n)
	}
}

// TestParameterDefaultsAreValid pins an assumption of opRoute.absentKey on the documents: the
// defaults of optional plain query and header parameters pass validation, so that an absent
// parameter passes with or without its default.
func TestParameterDefaultsAreValid(t *testing.T) {
	for _, a := range testAPIs(t) {
		for _, tpl := range a.doc.Paths.InMatchingOrder() {
			item := a.doc.Paths.Value(tpl)
			for method, op := range item.Operations() {
				rt := newOpRoute(routers.Route{Spec: a.doc, Path: tpl, PathItem: item}, method, op)
				for i, p := range rt.params {
					if p.In != openapi3.ParameterInQuery || p.Required || p.Schema == nil || p.Schema.Value == nil || p.Schema.Value.Default == nil {
						continue
					}
					if rt.absentKey[i] == "" && p.Content == nil && len(p.Schema.Value.AllOf)+len(p.Schema.Value.OneOf)+len(p.Schema.Value.AnyOf) == 0 &&
						!p.Schema.Value.Type.Is(openapi3.TypeObject) {
						t.Errorf("%s %s%s: parameter %s has a default that does not pass its schema", method, a.prefix, tpl, p.Name)
					}
				}
			}
		}
	}
}
