package cobot_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestEveryCollectionIsPaged pins issue 5: upstream declares no page parameters, so every
// collection operation of our document (a GET whose 200 document has an array as data) must
// declare page[number] and page[size] (default 72, at most 200) itself, and pagegen must give it
// an iterator.
func TestEveryCollectionIsPaged(t *testing.T) {
	doc := spectest.Load(t, specs.Cobot)
	iters := map[string]bool{}
	client := reflect.TypeFor[*cobot.ClientWithResponses]()
	for i := range client.NumMethod() {
		if name, ok := strings.CutSuffix(client.Method(i).Name, "Iter"); ok {
			iters[strings.ToLower(name)] = true
		}
	}
	var collections []string
	for path, item := range doc.Paths.Map() {
		op := item.Get
		if op == nil || !isCollection(op) {
			continue
		}
		collections = append(collections, op.OperationID)
		t.Run(op.OperationID, func(t *testing.T) {
			params := map[string]*openapi3.Parameter{}
			for _, p := range slices.Concat(item.Parameters, op.Parameters) {
				if p.Value.In == openapi3.ParameterInQuery {
					params[p.Value.Name] = p.Value
				}
			}
			number, size := params["page[number]"], params["page[size]"]
			if number == nil || size == nil {
				t.Fatalf("GET %s: page[number] %v, page[size] %v; want both declared", path, number != nil, size != nil)
			}
			if s := number.Schema.Value; !s.Type.Is(openapi3.TypeInteger) || s.Min == nil || *s.Min != 1 {
				t.Errorf("GET %s page[number] schema = %v min %v, want integer, minimum 1", path, s.Type, s.Min)
			}
			s := size.Schema.Value
			if !s.Type.Is(openapi3.TypeInteger) || s.Default != 72.0 || s.Max == nil || *s.Max != 200 {
				t.Errorf("GET %s page[size] schema = %v default %v max %v, want integer, default 72, maximum 200", path, s.Type, s.Default, s.Max)
			}
			if name := strings.ReplaceAll(op.OperationID, "-", ""); !iters[name] {
				t.Errorf("GET %s (%s): no iterator method on ClientWithResponses", path, op.OperationID)
			}
		})
	}
	// The catalogue has 47 collection GETs; a lower count means the detection above broke.
	if len(collections) != 47 {
		t.Errorf("collection operations = %d, want 47", len(collections))
	}
	if len(iters) != len(collections) {
		t.Errorf("iterator methods = %d, collection operations = %d, want the same", len(iters), len(collections))
	}
}

// isCollection reports whether op's 200 JSON:API answer has an array as data.
func isCollection(op *openapi3.Operation) bool {
	r := op.Responses.Status(200)
	if r == nil || r.Value == nil {
		return false
	}
	mt := r.Value.Content.Get(vndJSON)
	if mt == nil || mt.Schema == nil {
		return false
	}
	return hasArrayData(mt.Schema.Value)
}

func hasArrayData(s *openapi3.Schema) bool {
	if s == nil {
		return false
	}
	if d := s.Properties["data"]; d != nil && d.Value != nil && d.Value.Type.Is(openapi3.TypeArray) {
		return true
	}
	for _, sub := range s.AllOf {
		if hasArrayData(sub.Value) {
			return true
		}
	}
	return false
}

// TestPathParameterExamples checks that every path parameter carries an example, and that the
// space and membership examples are the ones the sandbox seeds, so the document's examples
// describe one consistent space.
func TestPathParameterExamples(t *testing.T) {
	doc := spectest.Load(t, specs.Cobot)
	want := map[string]string{
		"spaceId":      sandbox.CobotSpaceID,
		"membershipId": "75a3f1a6f033140094c49bfd81f87c06",
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for _, p := range slices.Concat(item.Parameters, op.Parameters) {
				if p.Value.In != openapi3.ParameterInPath {
					continue
				}
				ex, ok := p.Value.Example.(string)
				if !ok || ex == "" {
					t.Errorf("%s %s: path parameter %s example = %v, want a string", method, path, p.Value.Name, p.Value.Example)
					continue
				}
				if w, ok := want[p.Value.Name]; ok && ex != w {
					t.Errorf("%s %s: path parameter %s example = %q, want %q", method, path, p.Value.Name, ex, w)
				}
			}
		}
	}
}

// TestResponseEnumsAreOpen: Cobot adds values to enum-like attributes (paidStatus, resourceType,
// usage, ...) without notice, so no schema reachable from an answer may declare an enum; the
// generated fields stay plain strings and a contract server accepts values newer than the SDK.
func TestResponseEnumsAreOpen(t *testing.T) {
	doc := spectest.Load(t, specs.Cobot)
	seen := map[*openapi3.Schema]bool{}
	var walk func(where string, s *openapi3.SchemaRef)
	walk = func(where string, ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.Enum) > 0 {
			t.Errorf("%s: enum %v in an answer, want an open string", where, s.Enum)
		}
		for name, p := range s.Properties {
			walk(where+"."+name, p)
		}
		walk(where+"[]", s.Items)
		if s.AdditionalProperties.Schema != nil {
			walk(where+"{}", s.AdditionalProperties.Schema)
		}
		for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
			for _, sub := range group {
				walk(where, sub)
			}
		}
	}
	answers := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for code, r := range op.Responses.Map() {
				if r.Value == nil {
					continue
				}
				for ctype, mt := range r.Value.Content {
					answers++
					walk(method+" "+path+" "+code+" "+ctype, mt.Schema)
				}
			}
		}
	}
	if answers < 134 {
		t.Errorf("answers walked = %d, want at least one per operation (134)", answers)
	}
}

// TestEveryScopeDeclared: each scope an operation requires must be declared by the OAuth2 scheme,
// including read_cost_centers and read_revenue_accounts, which upstream uses but never declares;
// otherwise apps cannot learn that they must request them.
func TestEveryScopeDeclared(t *testing.T) {
	doc := spectest.Load(t, specs.Cobot)
	scheme := doc.Components.SecuritySchemes["OAuth2"]
	if scheme == nil || scheme.Value.Flows == nil || scheme.Value.Flows.AuthorizationCode == nil {
		t.Fatal("no OAuth2 authorization code flow in the document")
	}
	declared := scheme.Value.Flows.AuthorizationCode.Scopes
	used := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Security == nil {
				continue
			}
			for _, req := range *op.Security {
				for _, scope := range req["OAuth2"] {
					used[scope] = true
					if _, ok := declared[scope]; !ok {
						t.Errorf("%s %s requires scope %s, which the OAuth2 scheme does not declare", method, path, scope)
					}
				}
			}
		}
	}
	for _, scope := range []string{"read_cost_centers", "read_revenue_accounts"} {
		if !used[scope] {
			t.Errorf("scope %s is required by no operation, want it on the cost centre and revenue account lists", scope)
		}
	}
}
