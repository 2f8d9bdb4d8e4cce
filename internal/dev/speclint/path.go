package speclint

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Path is a location inside a YAML document: a sequence of mapping keys (string) and sequence
// indexes (int), starting at the document root.
type Path []any

// plainKey matches the keys that JSONPath can write in dot notation.
var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// String renders the path as a JSONPath expression, such as
// $.paths['/venues'].get.responses['200'].
func (p Path) String() string {
	var b strings.Builder
	b.WriteString("$")
	for _, s := range p {
		switch v := s.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(v) + "]")
		case string:
			if plainKey.MatchString(v) {
				b.WriteString("." + v)
			} else {
				b.WriteString("['" + strings.ReplaceAll(v, "'", `\'`) + "']")
			}
		}
	}
	return b.String()
}

// with returns a copy of p extended by segs; the copy never shares its backing array with p.
func (p Path) with(segs ...any) Path {
	out := make(Path, 0, len(p)+len(segs))
	return append(append(out, p...), segs...)
}

// locate returns the line of the node at path in the document, or of the deepest ancestor that
// exists; 0 when the document could not be parsed.
func locate(doc *yaml.Node, path Path) int {
	if doc == nil {
		return 0
	}
	n := doc
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := n.Line
	for _, s := range path {
		next, keyLine := child(n, s)
		if next == nil {
			return line
		}
		n = next
		line = keyLine
	}
	return line
}

// child returns the node under n named by seg and the line where it is introduced (the key's
// line for a mapping entry).
func child(n *yaml.Node, seg any) (*yaml.Node, int) {
	switch v := seg.(type) {
	case string:
		if n.Kind != yaml.MappingNode {
			return nil, 0
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == v {
				return n.Content[i+1], n.Content[i].Line
			}
		}
	case int:
		if n.Kind == yaml.SequenceNode && v >= 0 && v < len(n.Content) {
			return n.Content[v], n.Content[v].Line
		}
	}
	return nil, 0
}

// has reports whether the mapping at path has the key.
func has(doc *yaml.Node, path Path, key string) bool {
	n := doc
	if n == nil {
		return false
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, s := range append(path.with(), key) {
		n, _ = child(n, s)
		if n == nil {
			return false
		}
	}
	return true
}
