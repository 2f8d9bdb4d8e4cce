package drift_test

import (
	"os"
	"strings"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/drift"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestPropose checks each kind of proposal against a small spec written in several YAML
// styles: the diff holds exactly the expected lines, and the changed spec accepts the answer.
func TestPropose(t *testing.T) {
	spec, err := os.ReadFile("testdata/shop.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const ok = `{"id":1,"state":"open","placed":"2026-01-02T10:00:00Z"}`
	tests := []struct {
		name, operation, answer string
		added, removed          []string // diff lines, without their +/-
		summaries               []string
	}{
		{
			name: "matching answer", operation: "getOrder", answer: ok,
		},
		{
			name: "added fields", operation: "listOrders",
			answer: `{"data":[{"id":1,"state":"open","placed":"2026-01-02T10:00:00Z","due":"2026-02-01","lines":[{"sku":"A","qty":2}]},` +
				`{"id":2,"state":"paid","placed":"2026-01-02T10:00:00Z","due":null,"lines":[]}],"meta":{"total":2,"next":null}}`,
			added: []string{
				"                      next:", "                        type: string", "                        nullable: true",
				"        due:", "          type: string", "          format: date", "          nullable: true",
				"        lines:", "          type: array", "          items:", "            type: object", "            properties:",
				"              qty:", "                type: integer", "              sku:", "                type: string",
			},
			summaries: []string{"property due added (type: string, format: date, nullable); property lines added (type: array of object)",
				"property next added (type: string, nullable)"},
		},
		{
			name: "dropped required fields", operation: "getOrder",
			answer:    `{"id":1}`,
			removed:   []string{"        - state", "        - placed"},
			summaries: []string{"state, placed no longer required"},
		},
		{
			name: "dropped the only required field", operation: "getOrder",
			answer:    `{"id":1,"state":"open","placed":"2026-01-02T10:00:00Z","customer":{}}`,
			removed:   []string{"      required: [name]"},
			summaries: []string{"name no longer required (the required list goes)"},
		},
		{
			name: "changed types", operation: "getOrder",
			answer:    `{"id":"A-1","state":"open","placed":null}`,
			added:     []string{"          oneOf:", "            - type: integer", "            - type: string", "          nullable: true"},
			removed:   []string{"          type: integer"},
			summaries: []string{"type integer becomes oneOf integer, string", "nullable"},
		},
		{
			name: "integer widened to number", operation: "listOrders",
			answer:    `{"data":[],"meta":{"total":2.5}}`,
			added:     []string{"                      total: {type: number}"},
			removed:   []string{"                      total: {type: integer}"},
			summaries: []string{"type widened from integer to number"},
		},
		{
			name: "new enum values", operation: "getOrder",
			answer:    `{"id":1,"state":"on hold","placed":"2026-01-02T10:00:00Z","channel":"app"}`,
			added:     []string{"            - app", `             shipped, "on hold"]`},
			removed:   []string{"             shipped]"},
			summaries: []string{"enum extended with app", `enum extended with "on hold"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := drift.Propose(spec, tc.operation, 0, []byte(tc.answer))
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Unhandled) != 0 {
				t.Errorf("Unhandled = %+v, want none", p.Unhandled)
			}
			diff := p.Diff("specs/shop.yaml")
			var added, removed []string
			for _, l := range strings.Split(diff, "\n") {
				switch {
				case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
				case strings.HasPrefix(l, "+"):
					added = append(added, l[1:])
				case strings.HasPrefix(l, "-"):
					removed = append(removed, l[1:])
				}
			}
			if strings.Join(added, "\n") != strings.Join(tc.added, "\n") {
				t.Errorf("added lines:\n%s\nwant:\n%s\ndiff:\n%s", strings.Join(added, "\n"), strings.Join(tc.added, "\n"), diff)
			}
			if strings.Join(removed, "\n") != strings.Join(tc.removed, "\n") {
				t.Errorf("removed lines:\n%s\nwant:\n%s", strings.Join(removed, "\n"), strings.Join(tc.removed, "\n"))
			}
			var sums []string
			for _, c := range p.Changes {
				sums = append(sums, c.Summary)
			}
			if strings.Join(sums, "|") != strings.Join(tc.summaries, "|") {
				t.Errorf("summaries = %q, want %q", sums, tc.summaries)
			}
			if diff != "" && !strings.HasPrefix(diff, "--- a/specs/shop.yaml\n+++ b/specs/shop.yaml\n@@ ") {
				t.Errorf("diff header:\n%s", diff)
			}
		})
	}
}

// TestProposeEmbeddedSpec proposes against the SDK's own Kobas spec, the way `hospitality
// drift report --answer` does.
func TestProposeEmbeddedSpec(t *testing.T) {
	p, err := drift.Propose(specs.Kobas, "listVenues", 200, []byte(`[{"id":12,"name":"The Crown","vat_number":"GB1"}]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Changes) != 1 || p.Changes[0].Schema != "/components/schemas/Venue" || len(p.Unhandled) != 0 {
		t.Errorf("changes = %+v, unhandled = %+v", p.Changes, p.Unhandled)
	}
	if d := p.Diff("specs/kobas.yaml"); !strings.Contains(d, "+        vat_number:\n+          type: string\n") {
		t.Errorf("diff:\n%s", d)
	}
}

func TestProposeErrors(t *testing.T) {
	tests := []struct{ name, spec, operation, answer string }{
		{"unknown operation", string(specs.Kobas), "listPubs", `[]`},
		{"answer not JSON", string(specs.Kobas), "listVenues", `[{`},
		{"spec not OpenAPI", "openapi: [", "listVenues", `[]`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := drift.Propose([]byte(tc.spec), tc.operation, 0, []byte(tc.answer)); err == nil || !strings.HasPrefix(err.Error(), "drift: propose: ") {
				t.Errorf("Propose() error = %v, want a drift: propose: error", err)
			}
		})
	}
}
