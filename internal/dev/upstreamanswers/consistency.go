package upstreamanswers

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// schemasAt returns the schemas a value at the JSON Pointer tokens of a value of schema may
// have to satisfy: allOf merged, one candidate per oneOf or anyOf member on the way.
func (d *document) schemasAt(schema any, tokens []string) []map[string]any {
	var walk func(s map[string]any, tokens []string, depth int) []map[string]any
	walk = func(s map[string]any, tokens []string, depth int) []map[string]any {
		if s == nil || depth > 64 {
			return nil
		}
		s = d.flatten(s, 0)
		if alts := alternatives(s); len(alts) > 0 {
			var out []map[string]any
			for _, a := range alts {
				base := map[string]any{}
				for k, v := range s {
					if k != "oneOf" && k != "anyOf" {
						base[k] = v
					}
				}
				if m := d.schema(a); m != nil {
					out = append(out, walk(merge(base, d.flatten(m, 0)), tokens, depth+1)...)
				}
			}
			return out
		}
		if len(tokens) == 0 {
			return []map[string]any{s}
		}
		tok := tokens[0]
		if props, ok := s["properties"].(map[string]any); ok {
			if p, ok := props[tok]; ok {
				return walk(d.schema(p), tokens[1:], depth+1)
			}
		}
		if _, err := strconv.Atoi(tok); (err == nil || tok == "*") && s["items"] != nil {
			return walk(d.schema(s["items"]), tokens[1:], depth+1)
		}
		if ap := d.schema(s["additionalProperties"]); ap != nil {
			return walk(ap, tokens[1:], depth+1)
		}
		return nil
	}
	return walk(d.schema(schema), tokens, 0)
}

// describeAt describes upstream's schema at the JSON Pointer tokens of values of schemas, as
// written there (a oneOf stays "one of …"); several different ones are joined with " | ".
func (d *document) describeAt(schemas []any, tokens []string) string {
	var out []string
	add := func(s map[string]any) {
		if desc := d.describe(s); !slices.Contains(out, desc) {
			out = append(out, desc)
		}
	}
	for _, s := range schemas {
		if len(tokens) == 0 {
			add(d.schema(s))
			continue
		}
		last := tokens[len(tokens)-1]
		for _, parent := range d.schemasAt(s, tokens[:len(tokens)-1]) {
			if props, ok := parent["properties"].(map[string]any); ok {
				if p, ok := props[last]; ok {
					add(d.schema(p))
					continue
				}
			}
			if _, err := strconv.Atoi(last); (err == nil || last == "*") && parent["items"] != nil {
				add(d.schema(parent["items"]))
			} else if ap := d.schema(parent["additionalProperties"]); ap != nil {
				add(ap)
			}
		}
	}
	return strings.Join(out, " | ")
}

// valuesAt returns the values at the JSON Pointer tokens of v; an array index matches every
// element, since a generated answer's index says nothing about an example's.
func valuesAt(v any, tokens []string) []any {
	if len(tokens) == 0 {
		return []any{v}
	}
	switch x := v.(type) {
	case map[string]any:
		if c, ok := x[tokens[0]]; ok {
			return valuesAt(c, tokens[1:])
		}
		if tokens[0] == "*" {
			var out []any
			for _, k := range sortedKeys(x) {
				out = append(out, valuesAt(x[k], tokens[1:])...)
			}
			return out
		}
	case []any:
		if _, err := strconv.Atoi(tokens[0]); err == nil || tokens[0] == "*" {
			var out []any
			for _, c := range x {
				out = append(out, valuesAt(c, tokens[1:])...)
			}
			return out
		}
	}
	return nil
}

// examples returns upstream's examples for the answers of op at the JSON Pointer tokens: those
// of its 2xx JSON media types and those the schemas at the pointer carry themselves.
func (d *document) examples(op map[string]any, tokens []string) []any {
	var out []any
	for _, r := range d.responses(op) {
		mt := r.media
		if ex, ok := mt["example"]; ok {
			out = append(out, valuesAt(ex, tokens)...)
		}
		exs, _ := mt["examples"].(map[string]any)
		for _, name := range sortedKeys(exs) {
			if e, ok := d.resolve(exs[name]).(map[string]any); ok {
				if val, ok := e["value"]; ok {
					out = append(out, valuesAt(val, tokens)...)
				}
			}
		}
		if s := d.schema(mt["schema"]); s != nil {
			if ex, ok := s["example"]; ok {
				out = append(out, valuesAt(ex, tokens)...)
			}
		}
		for _, s := range d.schemasAt(mt["schema"], tokens) {
			if ex, ok := s["example"]; ok {
				out = append(out, ex)
			}
			if exs, ok := s["examples"].([]any); ok {
				out = append(out, exs...)
			}
		}
	}
	return out
}

// schemaProblem returns how a schema contradicts itself, or "": object keywords (properties,
// required) on a schema typed as something else, or a string format on a number.
func schemaProblem(s map[string]any) string {
	ts := types(s)
	if len(ts) == 0 || slices.Contains(ts, "object") {
		return ""
	}
	for _, k := range []string{"properties", "required"} {
		if _, ok := s[k]; ok {
			return fmt.Sprintf("its schema is typed %s but has %s, which only objects have", strings.Join(ts, "|"), k)
		}
	}
	if f, _ := s["format"].(string); (f == "date-time" || f == "date" || f == "email" || f == "uuid") && !slices.Contains(ts, "string") {
		return fmt.Sprintf("its schema is typed %s with the string format %s", strings.Join(ts, "|"), f)
	}
	return ""
}

// misfit returns why v does not fit schema s, or "" when it does. It checks what decoding
// cares about: JSON type, null, enum, and the formats and pattern of strings.
func (d *document) misfit(v any, s map[string]any) string {
	s = d.flatten(s, 0)
	if nullOnly(s) {
		if v == nil {
			return ""
		}
		return "a value where the schema allows only null"
	}
	if v == nil {
		if nullable(s) || len(types(s)) == 0 {
			return ""
		}
		return "null where the schema does not allow it"
	}
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		for _, e := range enum {
			if reflect.DeepEqual(e, v) {
				return ""
			}
		}
		return "a value outside the enum"
	}
	ts := types(s)
	if len(ts) == 0 {
		return ""
	}
	kind := jsonType(v)
	for _, t := range ts {
		switch {
		case t == kind, t == "number" && kind == "integer":
		default:
			continue
		}
		if str, ok := v.(string); ok {
			if p := formatProblem(str, s); p != "" {
				return p
			}
		}
		return ""
	}
	return fmt.Sprintf("%s %s where the schema says %s", article(kind), kind, strings.Join(ts, "|"))
}

// formatProblem checks a string against the format and pattern of s.
func formatProblem(str string, s map[string]any) string {
	switch f, _ := s["format"].(string); f {
	case "date-time":
		if _, err := time.Parse(time.RFC3339, str); err != nil {
			return "a string that is not an RFC 3339 date-time"
		}
	case "date":
		if _, err := time.Parse(time.DateOnly, str); err != nil {
			return "a string that is not a date (YYYY-MM-DD)"
		}
	}
	if p, ok := s["pattern"].(string); ok {
		if re, err := regexp.Compile(p); err == nil && !re.MatchString(str) {
			return "a string that does not match the pattern " + p
		}
	}
	return ""
}

// jsonType names the JSON type of a JSON-like value; whole numbers are "integer".
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case json.Number:
		if _, err := x.Int64(); err == nil {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// verdict says whether upstream contradicts itself at the JSON Pointer tokens of op's answers:
// an example there its own schema rejects. inconsistent is true then.
func (d *document) verdict(op map[string]any, tokens []string) (text string, inconsistent bool) {
	var schemas []map[string]any
	for _, r := range d.responses(op) {
		schemas = append(schemas, d.schemasAt(r.media["schema"], tokens)...)
	}
	exs := d.examples(op, tokens)
	if len(schemas) == 0 {
		return "upstream's schema does not reach this path", false
	}
	for _, s := range schemas {
		if p := schemaProblem(s); p != "" {
			return "upstream inconsistent: " + p, true
		}
	}
	for _, ex := range exs {
		var problems []string
		for _, s := range schemas {
			p := d.misfit(ex, s)
			if p == "" {
				problems = nil
				break
			}
			problems = append(problems, p)
		}
		if len(problems) > 0 {
			return fmt.Sprintf("upstream inconsistent: its example %s is %s", excerpt(ex), problems[0]), true
		}
	}
	if len(exs) == 0 {
		return "upstream self-consistent (no example there)", false
	}
	return fmt.Sprintf("upstream self-consistent (its example %s fits its schema)", excerpt(exs[0])), false
}

// excerpt renders a JSON-like value short.
func excerpt(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 48 {
		return string(b[:48]) + "..."
	}
	return string(b)
}

// goTypeAt names the Go type a decoder fills at the JSON Pointer tokens of a value of type t:
// struct fields by their json names (case-insensitively, as encoding/json matches), slice and
// map elements; "" when the path leaves the type.
func goTypeAt(t reflect.Type, tokens []string) string {
	for _, tok := range tokens {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			f, ok := fieldByJSONName(t, tok)
			if !ok {
				return ""
			}
			t = f
		case reflect.Slice, reflect.Array, reflect.Map:
			t = t.Elem()
		default:
			return ""
		}
	}
	return t.String()
}

// fieldByJSONName finds the type of the field of struct t that decodes the JSON member name,
// looking into embedded structs.
func fieldByJSONName(t reflect.Type, name string) (reflect.Type, bool) {
	var fold reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "-" {
			continue
		}
		if f.Anonymous && tag == "" {
			et := f.Type
			for et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				if ft, ok := fieldByJSONName(et, name); ok {
					return ft, true
				}
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		if tag == name {
			return f.Type, true
		}
		if fold == nil && strings.EqualFold(tag, name) {
			fold = f.Type
		}
	}
	return fold, fold != nil
}

// article returns "an" before a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
