package cloudbedsv2_test

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(specs.CloudbedsV2)
	if err != nil {
		t.Fatalf("LoadFromData(specs.CloudbedsV2) = %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("Validate(specs.CloudbedsV2) = %v", err)
	}
	return doc
}

// TestSpecLoads checks the document is valid OpenAPI 3.0.3 (kin-openapi also validates every
// example against its schema) and that every operation carries what the house rules require.
func TestSpecLoads(t *testing.T) {
	doc := loadSpec(t)
	if got, want := doc.OpenAPI, "3.0.3"; got != want {
		t.Errorf("openapi = %q, want %q", got, want)
	}
	if got, want := doc.Servers[0].URL, cloudbedsv2.DefaultServer; got != want {
		t.Errorf("servers[0].url = %q, want DefaultServer %q", got, want)
	}
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			n++
			if op.OperationID == "" || op.Summary == "" || op.Description == "" || len(op.Tags) == 0 {
				t.Errorf("%s %s: operationId, summary, description and tags are required", method, path)
			}
			if op.Security == nil || len(*op.Security) == 0 {
				t.Errorf("%s %s: no security requirement", method, path)
			}
			if op.Responses.Default() == nil {
				t.Errorf("%s %s: no default error response", method, path)
			}
			ok := false
			for code, resp := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") {
					continue
				}
				if code == "204" {
					ok = true
				}
				for _, mt := range resp.Value.Content {
					if mt.Schema != nil && (mt.Example != nil || len(mt.Examples) > 0) {
						ok = true
					}
				}
			}
			if !ok {
				t.Errorf("%s %s: 2xx response without schema and example", method, path)
			}
		}
	}
	// 69 upstream operations; the boolean list route GET /market-segmentation/v1/segments/{enabled}
	// is spelled out as two fixed paths, hence 70.
	if n != 70 {
		t.Errorf("operations = %d, want 70", n)
	}
}

// TestSpecScopes pins the OAuth scopes: every scope an operation asks for is declared, including
// those the upstream document uses without declaring.
func TestSpecScopes(t *testing.T) {
	doc := loadSpec(t)
	flow := doc.Components.SecuritySchemes["cloudbedsOAuth"].Value.Flows.AuthorizationCode
	if got, want := flow.AuthorizationURL, "https://api.cloudbeds.com/auth/oauth/authorize"; got != want {
		t.Errorf("authorizationUrl = %q, want %q", got, want)
	}
	if got, want := flow.TokenURL, "https://api.cloudbeds.com/auth/oauth/token"; got != want {
		t.Errorf("tokenUrl = %q, want %q", got, want)
	}
	var unscoped []string
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			req := (*op.Security)[0]
			scopes, ok := req["cloudbedsOAuth"]
			if !ok {
				t.Errorf("%s %s: first security requirement is not cloudbedsOAuth", method, path)
				continue
			}
			if len(scopes) == 0 {
				unscoped = append(unscoped, op.OperationID)
				if !strings.Contains(op.Description, "no OAuth scope") {
					t.Errorf("%s: no scope but the description does not say so", op.OperationID)
				}
			}
			for _, s := range scopes {
				if _, ok := flow.Scopes[s]; !ok {
					t.Errorf("%s: scope %q not declared", op.OperationID, s)
				}
			}
			if len(*op.Security) != 2 || (*op.Security)[1]["apiKey"] == nil {
				t.Errorf("%s: x-api-key is not offered as the alternative credential", op.OperationID)
			}
		}
	}
	slices.Sort(unscoped)
	if want := []string{"connectedApiClients", "listIntegrationEvents", "retryIntegrationEvent"}; !slices.Equal(unscoped, want) {
		t.Errorf("operations without scope = %v, want %v", unscoped, want)
	}
	for _, s := range []string{"read:hotel", "read:rate", "write:rate", "read:item", "write:item", "read:group", "write:group", "read:reservation"} {
		if _, ok := flow.Scopes[s]; !ok {
			t.Errorf("scope %q (used upstream, undeclared there) is not declared", s)
		}
	}
	if got, want := len(flow.Scopes), 28; got != want {
		t.Errorf("declared scopes = %d, want %d", got, want)
	}
}

// TestSpecIsPureOpenAPI pins the house rule that Go-specific extensions live in the overlay only.
func TestSpecIsPureOpenAPI(t *testing.T) {
	if m := regexp.MustCompile(`(?m)^\s*x-(go|oapi-codegen)[\w-]*:`).Find(specs.CloudbedsV2); m != nil {
		t.Errorf("specs/cloudbeds-v2.yaml contains generator extension %q; move it to overlays/cloudbeds-v2.yaml", bytes.TrimSpace(m))
	}
}
