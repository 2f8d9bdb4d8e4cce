// Package breaking decides which breaking changes between two versions of a spec are
// acknowledged in CHANGELOG.md. The changes themselves come from oasdiff (its JSON output);
// this package parses them, names each with a stable token and matches the tokens against the
// changelog.
//
// # Acknowledging a breaking change
//
// A breaking change is acknowledged by a list item under a "### Breaking" heading anywhere in
// CHANGELOG.md (normally inside "## [Unreleased]") that contains the change's token in
// backticks:
//
//	### Breaking
//	- `kobas: api-path-removed-without-deprecation GET /customer/search` Kobas retired the
//	  customer search; use ListCustomers with a filter instead.
//
// The token is "<api>: <oasdiff rule id> <METHOD> <path>", exactly as the breaking check prints
// it; a whole spec removed is "<api>: spec-removed".
package breaking

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Level is oasdiff's severity of a change.
type Level int

// The oasdiff severity levels; only [Error] fails the check.
const (
	Info    Level = 1
	Warning Level = 2
	Error   Level = 3
)

// String returns the level as oasdiff prints it.
func (l Level) String() string {
	switch l {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "info"
	}
	return fmt.Sprintf("level %d", int(l))
}

// Change is one change oasdiff reports for one spec.
type Change struct {
	API       string `json:"-"`
	ID        string `json:"id"`
	Text      string `json:"text"`
	Level     Level  `json:"level"`
	Operation string `json:"operation"`
	Path      string `json:"path"`
}

// Token returns the name that acknowledges the change in CHANGELOG.md.
func (c Change) Token() string {
	t := c.API + ": " + c.ID
	if c.Operation != "" || c.Path != "" {
		t += " " + strings.TrimSpace(c.Operation+" "+c.Path)
	}
	return t
}

// Parse reads the output of `oasdiff breaking --format json` for the spec of api.
func Parse(api string, data []byte) ([]Change, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	var changes []Change
	if err := json.Unmarshal(data, &changes); err != nil {
		return nil, fmt.Errorf("breaking: oasdiff output for %s: %w", api, err)
	}
	for i := range changes {
		changes[i].API = api
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Token() < changes[j].Token() })
	return changes, nil
}

var (
	heading  = regexp.MustCompile(`^(#+)\s+(.*?)\s*$`)
	backtick = regexp.MustCompile("`([^`]+)`")
)

// Acknowledged returns the tokens written in backticks under every "### Breaking" heading of a
// changelog (up to the next heading of the same or a higher level).
func Acknowledged(changelog []byte) map[string]bool {
	acks := map[string]bool{}
	depth := 0 // heading depth of the Breaking section we are in, 0 outside
	sc := bufio.NewScanner(bytes.NewReader(changelog))
	for sc.Scan() {
		line := sc.Text()
		if m := heading.FindStringSubmatch(line); m != nil {
			level := len(m[1])
			if depth > 0 && level <= depth {
				depth = 0
			}
			if strings.EqualFold(m[2], "breaking") || strings.EqualFold(m[2], "breaking changes") {
				depth = level
			}
			continue
		}
		if depth == 0 {
			continue
		}
		for _, m := range backtick.FindAllStringSubmatch(line, -1) {
			acks[strings.Join(strings.Fields(m[1]), " ")] = true
		}
	}
	return acks
}

// Unacknowledged returns the error-level changes whose tokens acks does not hold.
func Unacknowledged(changes []Change, acks map[string]bool) []Change {
	var out []Change
	for _, c := range changes {
		if c.Level >= Error && !acks[c.Token()] {
			out = append(out, c)
		}
	}
	return out
}
