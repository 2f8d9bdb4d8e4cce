package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/spf13/cobra"
)

func newOpsCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "ops <api> [words]",
		Short: "Search an API's operations by id, path, summary or tag",
		Long: `ops lists the operations of an API whose operationId, path, summary or tags contain every word
given (case-insensitive): the operationId, method and path, the method on the generated Go
client, and the OAuth scopes it needs.`,
		Example:   "  hospitality ops cloudbeds reservation\n  hospitality ops cobot bookings membership\n  hospitality ops kobas",
		Args:      func(c *cobra.Command, args []string) error { return rangeArgs(1, 100)(c, args) },
		ValidArgs: apiNames(),
		RunE: func(c *cobra.Command, args []string) error {
			a, err := lookupAPI(args[0])
			if err != nil {
				return err
			}
			doc, err := loadSpec(a)
			if err != nil {
				return err
			}
			goNames := goMethods(a)
			tw := tabwriter.NewWriter(s.out, 0, 0, 2, ' ', 0)
			n := 0
			for _, o := range operations(a, doc) {
				hay := strings.ToLower(strings.Join(append([]string{o.op.OperationID, o.path, o.op.Summary}, o.op.Tags...), " "))
				match := true
				for _, w := range args[1:] {
					if !strings.Contains(hay, strings.ToLower(w)) {
						match = false
					}
				}
				if !match {
					continue
				}
				n++
				fmt.Fprintf(tw, "%s\t%s %s\t%s.%s\t%s\n", o.op.OperationID, o.method, o.path, a.pkg, goName(goNames, o.op.OperationID), scopesOf(o, doc.Security))
			}
			tw.Flush()
			if n == 0 {
				return usageError("ops: no %s operation matches %q", a.name, strings.Join(args[1:], " "))
			}
			return nil
		},
	}
}

// goMethods lists the generated client's methods.
func goMethods(a *apiInfo) []string {
	var out []string
	for i := range a.client.NumMethod() {
		out = append(out, a.client.Method(i).Name)
	}
	return out
}

// squash lower-cases s and drops what is not a letter or digit.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// goName is the ClientWithResponses method for an operationId: <Name>WithResponse, or for
// operations with bodies the first <Name>With…BodyWithResponse.
func goName(names []string, id string) string {
	want := squash(id)
	var prefixed []string
	for _, n := range names {
		base, ok := strings.CutSuffix(n, "WithResponse")
		if !ok {
			continue
		}
		if squash(base) == want {
			return n
		}
		if b, _, found := strings.Cut(base, "With"); found && squash(b) == want {
			prefixed = append(prefixed, n)
		}
	}
	slices.Sort(prefixed)
	for _, n := range prefixed {
		if !strings.HasSuffix(n, "WithBodyWithResponse") {
			return n
		}
	}
	if len(prefixed) > 0 {
		return prefixed[0]
	}
	return "-"
}

// scopesOf lists the scopes the operation's security requirements name.
// An operation without its own requirements has the document's.
func scopesOf(o *operation, def openapi3.SecurityRequirements) string {
	reqs := def
	if o.op.Security != nil {
		reqs = *o.op.Security
	}
	var out []string
	for _, req := range reqs {
		for _, scopes := range req {
			for _, sc := range scopes {
				if !slices.Contains(out, sc) {
					out = append(out, sc)
				}
			}
		}
	}
	if len(out) == 0 {
		return "-"
	}
	return strings.Join(out, " ")
}
