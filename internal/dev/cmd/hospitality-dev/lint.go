package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/speclint"
)

// lintSpecs lints every spec and overlay of the repository in the working directory.
func lintSpecs(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint-specs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("root", ".", "repository root")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	problems, err := speclint.Repo(*root)
	if err != nil {
		fmt.Fprintln(stderr, "lint-specs:", err)
		return 1
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	specs, _ := speclint.Specs(*root)
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "lint-specs: %d problem(s) in %d spec(s) and their overlays\n", len(problems), len(specs))
		return 1
	}
	fmt.Fprintf(stdout, "lint-specs: %d spec(s) and their overlays ok\n", len(specs))
	return 0
}
