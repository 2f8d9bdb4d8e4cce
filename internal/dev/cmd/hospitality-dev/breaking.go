package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/breaking"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/speclint"
)

// oasdiffModule is the pinned oasdiff used when -oasdiff names no binary.
const oasdiffModule = "github.com/oasdiff/oasdiff@v1.35.0"

// breakingCmd compares every spec at a git ref with the working tree using oasdiff and fails on
// error-level changes that CHANGELOG.md does not acknowledge.
func breakingCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("breaking", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "", "git ref to compare the specs with (required)")
	bin := fs.String("oasdiff", "", "oasdiff binary (default: go run "+oasdiffModule+")")
	root := fs.String("root", ".", "repository root")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *base == "" {
		fmt.Fprintln(stderr, "usage: hospitality-dev breaking -base <git ref> [-oasdiff <binary>]")
		return 2
	}
	if err := runBreaking(*root, *base, *bin, stdout); err != nil {
		fmt.Fprintln(stderr, "breaking:", err)
		return 1
	}
	return 0
}

// errUnacknowledged reports that the check found breaking changes not in the changelog.
var errUnacknowledged = errors.New("breaking changes not acknowledged in CHANGELOG.md (see the convention at its top)")

func runBreaking(root, base, bin string, stdout io.Writer) error {
	now, err := speclint.Specs(root)
	if err != nil {
		return err
	}
	listing, err := git(root, "ls-tree", "--name-only", base, "specs/")
	if err != nil {
		return err
	}
	then := map[string]bool{}
	for _, f := range strings.Fields(string(listing)) {
		if path.Ext(f) == ".yaml" {
			then[f] = true
		}
	}
	all := map[string]bool{}
	for _, f := range now {
		all[f] = true
	}
	for f := range then {
		all[f] = true
	}
	files := make([]string, 0, len(all))
	for f := range all {
		files = append(files, f)
	}
	sort.Strings(files)

	changelog, err := os.ReadFile(filepath.Join(root, "CHANGELOG.md"))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	acks := breaking.Acknowledged(changelog)
	tmp, err := os.MkdirTemp("", "breaking-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var failed []breaking.Change
	for _, f := range files {
		api := strings.TrimSuffix(path.Base(f), ".yaml")
		inNow := false
		if _, err := os.Stat(filepath.Join(root, f)); err == nil {
			inNow = true
		}
		switch {
		case !then[f]:
			fmt.Fprintf(stdout, "%s: new since %s, nothing to compare\n", f, base)
			continue
		case !inNow:
			c := breaking.Change{API: api, ID: "spec-removed", Text: "the spec was removed", Level: breaking.Error}
			failed = append(failed, report(stdout, f, []breaking.Change{c}, acks)...)
			continue
		}
		old, err := git(root, "show", base+":"+f)
		if err != nil {
			return err
		}
		oldFile := filepath.Join(tmp, api+".base.yaml")
		if err := os.WriteFile(oldFile, old, 0o600); err != nil {
			return err
		}
		out, err := oasdiff(root, bin, oldFile, filepath.Join(root, f))
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		changes, err := breaking.Parse(api, out)
		if err != nil {
			return err
		}
		failed = append(failed, report(stdout, f, changes, acks)...)
	}
	if len(failed) > 0 {
		fmt.Fprintf(stdout, "\n%d breaking change(s) to acknowledge under \"### Breaking\" in CHANGELOG.md, one item each:\n", len(failed))
		for _, c := range failed {
			fmt.Fprintf(stdout, "- `%s` <why, and what users change>\n", c.Token())
		}
		return errUnacknowledged
	}
	fmt.Fprintf(stdout, "breaking: no unacknowledged breaking changes since %s\n", base)
	return nil
}

// report prints the changes of one spec and returns those that fail the check.
func report(w io.Writer, file string, changes []breaking.Change, acks map[string]bool) []breaking.Change {
	failed := breaking.Unacknowledged(changes, acks)
	if len(changes) == 0 {
		fmt.Fprintf(w, "%s: no breaking changes\n", file)
		return nil
	}
	fmt.Fprintf(w, "%s: %d change(s), %d unacknowledged\n", file, len(changes), len(failed))
	for _, c := range changes {
		state := ""
		if c.Level >= breaking.Error {
			state = " (acknowledged)"
			if !acks[c.Token()] {
				state = " (NOT ACKNOWLEDGED)"
			}
		}
		fmt.Fprintf(w, "  %-7s %s: %s%s\n", c.Level, c.Token(), c.Text, state)
	}
	return failed
}

// oasdiff runs `oasdiff breaking --format json` and returns its standard output.
func oasdiff(root, bin, base, revision string) ([]byte, error) {
	args := []string{"breaking", base, revision, "--format", "json"}
	var cmd *exec.Cmd
	if bin != "" {
		cmd = exec.Command(bin, args...)
	} else {
		cmd = exec.Command("go", append([]string{"run", oasdiffModule}, args...)...)
	}
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("oasdiff: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// git runs a git command in root and returns its standard output.
func git(root string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}
