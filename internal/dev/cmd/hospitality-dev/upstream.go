package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/upstreamdiff"
)

// upstreamDiff compares specs/<api>.yaml with an upstream document.
func upstreamDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("upstream-diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	strict := fs.Bool("strict", false, "exit non-zero when upstream has operations our spec lacks")
	root := fs.String("root", ".", "repository root")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "usage: hospitality-dev upstream-diff [-strict] <api> <upstream.yaml>")
		return 2
	}
	api, upstreamFile := fs.Arg(0), fs.Arg(1)
	specFile := filepath.Join(*root, "specs", api+".yaml")
	ours, err := os.ReadFile(specFile)
	if err != nil {
		fmt.Fprintln(stderr, "upstream-diff:", err)
		return 1
	}
	upstream, err := os.ReadFile(upstreamFile)
	if err != nil {
		fmt.Fprintln(stderr, "upstream-diff:", err)
		return 1
	}
	report, err := upstreamdiff.Compare(ours, upstream)
	if err != nil {
		fmt.Fprintln(stderr, "upstream-diff:", err)
		return 1
	}
	fmt.Fprintf(stdout, "upstream-diff: specs/%s.yaml against %s\n", api, upstreamFile)
	if err := report.Write(stdout); err != nil {
		fmt.Fprintln(stderr, "upstream-diff:", err)
		return 1
	}
	if *strict && report.Missing() > 0 {
		fmt.Fprintf(stderr, "upstream-diff: %d upstream operation(s) missing from specs/%s.yaml\n", report.Missing(), api)
		return 1
	}
	return 0
}
