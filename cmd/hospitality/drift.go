package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hospitality-sdk/hospitality-go/drift"
)

func newDriftCmd(s streams) *cobra.Command {
	d := &cobra.Command{
		Use:   "drift",
		Short: "Print drift reports and propose the spec change an answer needs",
		Long: `drift reads what the SDK's drift detector (the drift module) saw in production: answers that no
longer match the specs the SDK is generated from. It is the first step of "When an upstream API
changes" in the README: drift seen in production → report → spec change → make generate →
make breaking.`,
		Example: `  hospitality drift report drift.json
  hospitality drift report --answer venues.json --operation kobas listVenues > venues.diff`,
		Args: exactArgs(0),
		RunE: func(c *cobra.Command, _ []string) error {
			c.Help()
			return usageError("drift: a subcommand is required")
		},
	}
	var answer, operation, specFile string
	var status int
	report := &cobra.Command{
		Use:   "report <report.json>... | --answer <file> --operation <api> <operationId>",
		Short: "Print drift reports, or propose the spec change for a captured answer",
		Long: `report prints the drift report files written by drift's Collector.WriteFile (format
"` + drift.ReportFormat + `"; several files, one per process, are merged): for each operation,
the JSON paths that drifted, the kind of mismatch, first and last seen, the count and an
excerpt.

With --answer and --operation it reads a captured answer (the JSON body, for example saved with
"hospitality api <api> <operationId> --raw > answer.json") and prints, as a unified diff of
specs/<api>.yaml, the change that makes the spec accept it: an added field becomes a property
with an inferred type, a new enum value extends the enum, a changed type is widened (integer to
number, nullable) or admitted with oneOf, and a required field that is missing leaves the
required list. Apply it from the repository's root with "git apply", review it, then run
make generate and make breaking. What it cannot change is listed on stderr. The spec is the one
built into this command, or --spec (your working copy). --operation also accepts <api>.<operationId>.`,
		Example: `  hospitality drift report drift-*.json
  hospitality api kobas listVenues --raw > venues.json
  hospitality drift report --answer venues.json --operation kobas listVenues | git apply`,
		RunE: func(c *cobra.Command, args []string) error {
			if answer == "" && operation == "" {
				if len(args) == 0 {
					return usageError("drift report: give report files, or --answer and --operation (usage: %s)", c.UseLine())
				}
				return printReports(s.out, args)
			}
			if answer == "" || operation == "" {
				return usageError("drift report: --answer and --operation go together (usage: %s)", c.UseLine())
			}
			api, opID, ok := strings.Cut(operation, ".")
			switch {
			case ok && len(args) == 0:
			case !ok && len(args) == 1:
				opID = args[0]
			default:
				return usageError("drift report: --operation <api> <operationId> takes the operationId and nothing else (usage: %s)", c.UseLine())
			}
			return propose(s, api, opID, answer, specFile, status)
		},
	}
	f := report.Flags()
	f.StringVar(&answer, "answer", "", "a captured answer's JSON body (- for stdin)")
	f.StringVar(&operation, "operation", "", "the API of the answer (the operationId follows as an argument), or <api>.<operationId>")
	f.StringVar(&specFile, "spec", "", "the spec to change, instead of the built-in specs/<api>.yaml")
	f.IntVar(&status, "status", 0, "the answer's HTTP status (default: the operation's first 2xx)")
	report.RegisterFlagCompletionFunc("operation", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return apiNames(), cobra.ShellCompDirectiveNoFileComp
	})
	d.AddCommand(report)
	return d
}

// printReports merges the report files and prints them as a table.
func printReports(w io.Writer, files []string) error {
	var reports []drift.Report
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return usageError("drift report: %v", err)
		}
		r, err := drift.ReadReport(f)
		f.Close()
		if err != nil {
			return usageError("drift report: %s: %v", name, err)
		}
		reports = append(reports, r)
	}
	r := drift.Merge(reports...)
	if len(r) == 0 {
		fmt.Fprintln(w, "no drift: every validated answer matched the specs")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROVIDER\tOPERATION\tPATH\tKIND\tCOUNT\tFIRST SEEN\tLAST SEEN\tEXCERPT")
	ops := map[string]bool{}
	for _, e := range r {
		path := e.Path
		if path == "" {
			path = "(answer)"
		}
		ops[e.Provider+" "+e.Operation] = true
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", e.Provider, e.Operation, path, e.Kind, e.Count,
			e.First.UTC().Format(time.RFC3339), e.Last.UTC().Format(time.RFC3339), e.Excerpt)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d mismatch(es) in %d operation(s)\n", len(r), len(ops))
	return nil
}

// propose prints the spec change that makes the captured answer valid.
func propose(s streams, apiName, opID, answerFile, specFile string, status int) error {
	a, err := lookupAPI(apiName)
	if err != nil {
		return err
	}
	spec := a.spec
	if specFile != "" {
		if spec, err = os.ReadFile(specFile); err != nil {
			return usageError("drift report: --spec: %v", err)
		}
	}
	var body []byte
	if answerFile == "-" {
		body, err = io.ReadAll(s.in)
	} else {
		body, err = os.ReadFile(answerFile)
	}
	if err != nil {
		return usageError("drift report: --answer: %v", err)
	}
	p, err := drift.Propose(spec, opID, status, body)
	if err != nil {
		return usageError("drift report: %s: %v", a.name, err)
	}
	name := "specs/" + a.name + ".yaml"
	for _, c := range p.Changes {
		fmt.Fprintf(s.err, "%s %s: %s (#%s)\n", c.Kind, pathOrAnswer(c.Path), c.Summary, c.Schema)
	}
	for _, e := range p.Unhandled {
		fmt.Fprintf(s.err, "not changed: %s %s (%s) — edit %s by hand\n", e.Kind, pathOrAnswer(e.Path), e.Excerpt, name)
	}
	diff := p.Diff(name)
	if diff == "" {
		if len(p.Unhandled) == 0 {
			fmt.Fprintf(s.err, "the answer matches %s %s (HTTP %d): nothing to change\n", name, opID, p.Status)
		}
		return nil
	}
	_, err = io.WriteString(s.out, diff)
	return err
}

func pathOrAnswer(p string) string {
	if p == "" {
		return "(answer)"
	}
	return p
}
