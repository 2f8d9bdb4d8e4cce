package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/apireport"
)

// apiReport writes the exported-API report under api/, or with -check fails when it is stale.
func apiReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("api-report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	check := fs.Bool("check", false, "fail, listing the differences, when the committed report is stale")
	root := fs.String("root", ".", "module root")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	report, err := apireport.Generate(*root)
	if err != nil {
		fmt.Fprintln(stderr, "api-report:", err)
		return 1
	}
	if *check {
		stale, err := apireport.Stale(*root, report)
		if err != nil {
			fmt.Fprintln(stderr, "api-report:", err)
			return 1
		}
		if len(stale) > 0 {
			fmt.Fprintln(stderr, "api-report: the committed report under api/ is stale; run 'make api-report' and commit:")
			for _, s := range stale {
				fmt.Fprintln(stderr, s)
			}
			return 1
		}
		fmt.Fprintf(stdout, "api-report: api/ is up to date (%d packages)\n", len(report))
		return 0
	}
	if err := apireport.Write(*root, report); err != nil {
		fmt.Fprintln(stderr, "api-report:", err)
		return 1
	}
	fmt.Fprintf(stdout, "api-report: wrote %d package reports under api/\n", len(report))
	return 0
}
