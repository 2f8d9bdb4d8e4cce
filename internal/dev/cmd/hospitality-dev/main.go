// Command hospitality-dev is the maintainers' tool behind the regeneration workflow: it lints
// the specs and overlays, compares a spec with an upstream document, decodes answers generated
// from an upstream document through our typed clients, checks for breaking spec
// changes and writes or checks the Go API report. It is internal: SDK users never need it.
//
// Usage, from the repository root (the Makefile targets call it through scripts/):
//
//	hospitality-dev lint-specs
//	hospitality-dev upstream-diff [-strict] <api> <upstream.yaml>
//	hospitality-dev upstream-answers [-n 50] [-seed 1] [-all] [-strict] <api> <upstream file>
//	hospitality-dev breaking -base <git ref> [-oasdiff <binary>]
//	hospitality-dev api-report [-check]
package main

import (
	"fmt"
	"io"
	"os"
)

// commands maps each subcommand to its implementation.
var commands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"lint-specs":       lintSpecs,
	"upstream-diff":    upstreamDiff,
	"upstream-answers": upstreamAnswers,
	"breaking":         breakingCmd,
	"api-report":       apiReport,
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || commands[args[0]] == nil {
		fmt.Fprintln(stderr, "usage: hospitality-dev lint-specs | upstream-diff [-strict] <api> <upstream> | upstream-answers [-n 50] [-seed 1] [-all] [-strict] <api> <upstream> | breaking -base <ref> | api-report [-check]")
		return 2
	}
	return commands[args[0]](args[1:], stdout, stderr)
}
