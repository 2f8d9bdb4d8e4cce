package upstreamanswers

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Exception is one line of an exceptions file: answers of Operation that do not decode at Path
// for a known reason, usually that upstream contradicts itself there.
type Exception struct {
	// Operation is our operationId.
	Operation string
	// Path is a JSON Pointer whose "*" segments match any one segment (array indices are
	// reported as "*"), or "" for failures without a path.
	Path string
	// Reason says why the failure is expected.
	Reason string
	// Line is the line of the file, for messages.
	Line int
}

// ParseExceptions reads an exceptions file: one exception a line, "<operationId> <path>
// <reason>", where path is a JSON Pointer such as /data/*/adults or "-" for failures without
// one; blank lines and lines starting with # are ignored. Every exception needs a reason.
func ParseExceptions(r io.Reader) ([]Exception, error) {
	var out []Exception
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			return nil, fmt.Errorf("upstreamanswers: exceptions line %d: want \"<operationId> <path> <reason>\", got %q", n, line)
		}
		path := fields[1]
		if path == "-" {
			path = ""
		} else if !strings.HasPrefix(path, "/") {
			return nil, fmt.Errorf("upstreamanswers: exceptions line %d: path %q is not a JSON Pointer (or -)", n, path)
		}
		reason := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, fields[0]), " "))
		reason = strings.TrimSpace(strings.TrimPrefix(reason, fields[1]))
		out = append(out, Exception{Operation: fields[0], Path: path, Reason: reason, Line: n})
	}
	return out, sc.Err()
}

// matches reports whether e covers a failure of operation at path (array indices as "*").
func (e Exception) matches(operation, path string) bool {
	if e.Operation != operation {
		return false
	}
	want, got := strings.Split(e.Path, "/"), strings.Split(path, "/")
	if len(want) != len(got) {
		return false
	}
	for i := range want {
		if want[i] != "*" && want[i] != got[i] {
			return false
		}
	}
	return true
}
