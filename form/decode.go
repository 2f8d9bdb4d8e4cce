package form

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// maxDepth bounds the nesting Decode accepts (PHP's default max_input_nesting_level is 64).
const maxDepth = 64

// Decode turns form values with PHP-style keys into the tree PHP would build from them: nested
// map[string]any for bracketed keys, []any where the keys of a level are exactly 0, 1, 2, ...,
// and string leaves. "a[]" appends to a list.
//
// Decode is stricter than PHP, because it serves fake servers that check what a client sent: a
// plain key given twice (PHP would keep only the last value), a key used both as a value and as
// a parent (a=1&a[b]=2), a malformed key (a[b) and nesting deeper than 64 levels are errors.
func Decode(vals url.Values) (map[string]any, error) {
	root := map[string]any{}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		path, err := splitKey(k)
		if err != nil {
			return nil, err
		}
		vs := vals[k]
		// A key with an empty segment ("a[]", "a[][x]") appends a new element per value.
		if !slices.Contains(path, "") && len(vs) > 1 {
			return nil, fmt.Errorf("form: key %q sent %d times; PHP keeps only the last value", k, len(vs))
		}
		for _, v := range vs {
			if err := insert(root, path, k, v); err != nil {
				return nil, err
			}
		}
	}
	// The top level stays a map even when its keys look like indices ("0=x").
	for k, c := range root {
		root[k] = listify(c)
	}
	return root, nil
}

// splitKey splits "rooms[0][roomTypeID]" into ["rooms", "0", "roomTypeID"]. An empty segment
// ("a[]") means append.
func splitKey(k string) ([]string, error) {
	name, rest, found := strings.Cut(k, "[")
	if name == "" {
		return nil, fmt.Errorf("form: malformed key %q: empty name", k)
	}
	path := []string{name}
	if !found {
		if strings.Contains(name, "]") {
			return nil, fmt.Errorf("form: malformed key %q", k)
		}
		return path, nil
	}
	rest = "[" + rest
	for rest != "" {
		if rest[0] != '[' {
			return nil, fmt.Errorf("form: malformed key %q", k)
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return nil, fmt.Errorf("form: malformed key %q: unclosed bracket", k)
		}
		seg := rest[1:end]
		if strings.Contains(seg, "[") {
			return nil, fmt.Errorf("form: malformed key %q", k)
		}
		path = append(path, seg)
		if len(path) > maxDepth {
			return nil, fmt.Errorf("form: key %q nested deeper than %d levels", k, maxDepth)
		}
		rest = rest[end+1:]
	}
	return path, nil
}

func insert(node map[string]any, path []string, k, v string) error {
	for i, seg := range path {
		last := i == len(path)-1
		if seg == "" {
			// "a[]": one past the largest index of this level, as in PHP.
			seg = strconv.Itoa(nextIndex(node))
		}
		if last {
			if _, exists := node[seg]; exists {
				return fmt.Errorf("form: key %q conflicts with another key", k)
			}
			node[seg] = v
			return nil
		}
		child, exists := node[seg]
		if !exists {
			m := map[string]any{}
			node[seg] = m
			node = m
			continue
		}
		m, ok := child.(map[string]any)
		if !ok {
			return fmt.Errorf("form: key %q conflicts with a value sent for %q", k, strings.Join(path[:i+1], "."))
		}
		node = m
	}
	return nil
}

func nextIndex(node map[string]any) int {
	next := 0
	for k := range node {
		if i, ok := canonicalIndex(k); ok && i >= next {
			next = i + 1
		}
	}
	return next
}

// listify turns every map whose keys are exactly 0..n-1 into a list.
func listify(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	for k, c := range m {
		m[k] = listify(c)
	}
	if len(m) == 0 {
		return m
	}
	list := make([]any, len(m))
	for k, c := range m {
		i, ok := canonicalIndex(k)
		if !ok || i >= len(m) {
			return m
		}
		list[i] = c
	}
	return list
}

// canonicalIndex reads a list index written the canonical way: digits only, no leading zeros.
func canonicalIndex(k string) (int, bool) {
	if k == "" || len(k) > 9 || len(k) > 1 && k[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return 0, false
		}
	}
	i, err := strconv.Atoi(k)
	return i, err == nil
}
