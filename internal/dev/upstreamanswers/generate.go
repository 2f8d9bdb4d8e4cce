package upstreamanswers

import (
	"encoding/base64"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"
)

// A generator makes random values that a schema of its document accepts. It is deterministic:
// the same schema and the same random source give the same value. Not safe for concurrent use.
//
// It follows type (3.0 strings, 3.1 lists), nullable and "null", const, enum, format (date-time,
// date, time, email, uuid, uri, hostname, ipv4, ipv6, byte, and numeric formats on strings),
// pattern (through regexp/syntax, where Go's engine accepts the expression), minLength and
// maxLength, minimum, maximum and their exclusive forms, multipleOf, minItems and maxItems,
// required and optional properties, additionalProperties, writeOnly (left out of answers),
// allOf (merged), oneOf and anyOf (one member chosen at random, its discriminator value set
// from the mapping).
type generator struct {
	doc *document
	r   *rand.Rand
	// patterns caches compiled patterns; a nil entry marks one Go cannot compile.
	patterns map[string]*regexp.Regexp
}

func newGenerator(doc *document, r *rand.Rand) *generator {
	return &generator{doc: doc, r: r, patterns: map[string]*regexp.Regexp{}}
}

// maxDepth is the nesting below which optional properties and array items thin out; at twice
// that, recursion stops with empty values.
const maxDepth = 6

// value returns a random value for schema.
func (g *generator) value(schema any, depth int) any {
	if b, ok := schema.(bool); ok && !b {
		return nil // false accepts nothing; it only appears under additionalProperties
	}
	s := g.doc.schema(schema)
	if s == nil {
		return g.word(1, 12)
	}
	s = g.doc.flatten(s, 0)
	if alts := alternatives(s); len(alts) > 0 {
		pick := alts[g.r.IntN(len(alts))]
		base := make(map[string]any, len(s))
		for k, v := range s {
			if k != "oneOf" && k != "anyOf" {
				base[k] = v
			}
		}
		member := g.doc.schema(pick)
		if member == nil {
			member = map[string]any{}
		}
		v := g.value(merge(base, g.doc.flatten(member, 0)), depth)
		if obj, ok := v.(map[string]any); ok {
			g.discriminate(s, pick, obj)
		}
		return v
	}
	if nullOnly(s) || nullable(s) && g.r.IntN(8) == 0 {
		return nil
	}
	if c, ok := s["const"]; ok {
		return c
	}
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		return enum[g.r.IntN(len(enum))]
	}
	ts := types(s)
	if len(ts) == 0 {
		return g.word(1, 12) // any value goes; upstream almost always means a string
	}
	switch ts[g.r.IntN(len(ts))] {
	case "object":
		return g.object(s, depth)
	case "array":
		return g.array(s, depth)
	case "string":
		return g.str(s)
	case "integer":
		return g.integer(s)
	case "number":
		return g.number(s)
	case "boolean":
		return g.r.IntN(2) == 0
	}
	return nil
}

// alternatives returns a schema's oneOf members, else its anyOf members.
func alternatives(s map[string]any) []any {
	if a, ok := s["oneOf"].([]any); ok && len(a) > 0 {
		return a
	}
	a, _ := s["anyOf"].([]any)
	return a
}

// discriminate sets the discriminator property of obj, generated from member pick of s, to the
// mapping key that names pick.
func (g *generator) discriminate(s map[string]any, pick any, obj map[string]any) {
	disc, _ := s["discriminator"].(map[string]any)
	name, _ := disc["propertyName"].(string)
	ref, _ := pick.(map[string]any)["$ref"].(string)
	if name == "" || ref == "" {
		return
	}
	mapping, _ := disc["mapping"].(map[string]any)
	for _, k := range sortedKeys(mapping) {
		if mapping[k] == ref {
			obj[name] = k
			return
		}
	}
}

func (g *generator) object(s map[string]any, depth int) any {
	out := map[string]any{}
	if depth > 2*maxDepth {
		return out
	}
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	if req, ok := s["required"].([]any); ok {
		for _, r := range req {
			if name, ok := r.(string); ok {
				required[name] = true
			}
		}
	}
	optional := 7 // in 10
	if depth > maxDepth {
		optional = 2
	}
	for _, name := range sortedKeys(props) {
		ps := g.doc.schema(props[name])
		if ps != nil {
			if w, _ := g.doc.flatten(ps, 0)["writeOnly"].(bool); w {
				continue // never in an answer
			}
		}
		if !required[name] && g.r.IntN(10) >= optional {
			continue
		}
		out[name] = g.value(props[name], depth+1)
	}
	switch ap := s["additionalProperties"].(type) {
	case map[string]any:
		for i := range g.r.IntN(3) {
			out[fmt.Sprintf("%s%d", g.word(3, 8), i)] = g.value(ap, depth+1)
		}
	case nil:
		if len(props) == 0 {
			for i := range g.r.IntN(3) {
				out[fmt.Sprintf("%s%d", g.word(3, 8), i)] = g.word(1, 12)
			}
		}
	}
	return out
}

func (g *generator) array(s map[string]any, depth int) any {
	lo, hi := 0, 3
	if depth > maxDepth {
		hi = 1
	}
	if v, ok := number(s["minItems"]); ok {
		lo = int(v)
		hi = max(hi, lo+1)
	}
	if v, ok := number(s["maxItems"]); ok {
		hi = min(hi, int(v))
	}
	if depth > 2*maxDepth {
		hi = lo
	}
	n := lo
	if hi > lo {
		n += g.r.IntN(hi - lo + 1)
	}
	out := make([]any, 0, n)
	for range n {
		out = append(out, g.value(s["items"], depth+1))
	}
	return out
}

// bounds returns a schema's numeric range: [minimum, maximum] with the exclusive forms of 3.0
// (booleans) and 3.1 (numbers); a missing end is span from the other, or from 0.
func bounds(s map[string]any, span float64) (lo, hi float64, exLo, exHi bool) {
	minimum, hasMin := number(s["minimum"])
	maximum, hasMax := number(s["maximum"])
	if v, ok := number(s["exclusiveMinimum"]); ok {
		minimum, hasMin, exLo = v, true, true
	} else if b, _ := s["exclusiveMinimum"].(bool); b && hasMin {
		exLo = true
	}
	if v, ok := number(s["exclusiveMaximum"]); ok {
		maximum, hasMax, exHi = v, true, true
	} else if b, _ := s["exclusiveMaximum"].(bool); b && hasMax {
		exHi = true
	}
	switch {
	case hasMin && hasMax:
	case hasMin:
		maximum = minimum + span
	case hasMax:
		minimum = math.Min(0, maximum-span)
	default:
		minimum, maximum = 0, span
	}
	return minimum, maximum, exLo, exHi
}

func (g *generator) integer(s map[string]any) any {
	lo, hi, exLo, exHi := bounds(s, 99999)
	l, h := int64(math.Ceil(lo)), int64(math.Floor(hi))
	if exLo && float64(l) == lo {
		l++
	}
	if exHi && float64(h) == hi {
		h--
	}
	if f, _ := s["format"].(string); f == "int32" {
		l, h = max(l, math.MinInt32), min(h, math.MaxInt32)
	}
	if h < l {
		return float64(l)
	}
	v := l + g.r.Int64N(h-l+1)
	if m, ok := number(s["multipleOf"]); ok && m >= 1 {
		step := int64(m)
		v = v / step * step
		if v < l {
			v += step
		}
	}
	return float64(v)
}

func (g *generator) number(s map[string]any) any {
	lo, hi, exLo, exHi := bounds(s, 10000)
	if m, ok := number(s["multipleOf"]); ok && m > 0 {
		k := math.Floor(lo/m) + float64(g.r.IntN(int(math.Max(1, (hi-lo)/m))+1))
		return k * m
	}
	var v float64
	switch g.r.IntN(3) {
	case 0: // a whole number, written without a fraction
		v = math.Round(lo + g.r.Float64()*(hi-lo))
	default: // two decimals, as money usually has
		v = math.Round((lo+g.r.Float64()*(hi-lo))*100) / 100
	}
	if v < lo || exLo && v == lo || v > hi || exHi && v == hi {
		v = (lo + hi) / 2
	}
	return v
}

// str returns a string for s: from its pattern where Go can generate one that also honours the
// format, else from its format, else random letters within its length bounds.
func (g *generator) str(s map[string]any) any {
	minLen, maxLen := 1, 16
	if v, ok := number(s["minLength"]); ok {
		minLen = int(v)
		maxLen = max(maxLen, minLen)
	}
	if v, ok := number(s["maxLength"]); ok {
		maxLen = int(v)
		minLen = min(minLen, maxLen)
	}
	format, _ := s["format"].(string)
	if p, ok := s["pattern"].(string); ok {
		if re := g.pattern(p); re != nil {
			if byFormat, ok := g.format(format); ok && re.MatchString(byFormat) {
				return byFormat
			}
			for range 20 {
				if v, ok := generateFromPattern(g.r, p); ok && re.MatchString(v) && len([]rune(v)) >= minLen && len([]rune(v)) <= maxLen {
					return v
				}
			}
		}
	}
	if v, ok := g.format(format); ok {
		return v
	}
	return g.word(minLen, maxLen)
}

// pattern compiles p, caching the result; nil when Go's engine cannot (lookarounds, …).
func (g *generator) pattern(p string) *regexp.Regexp {
	re, ok := g.patterns[p]
	if !ok {
		re, _ = regexp.Compile(p)
		g.patterns[p] = re
	}
	return re
}

var (
	timeFrom = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	timeTo   = time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC).Unix()
	zones    = []*time.Location{time.UTC, time.FixedZone("", 2*3600), time.FixedZone("", -5*3600)}
)

// format returns a random string in format, and false for formats it does not know.
func (g *generator) format(format string) (string, bool) {
	t := time.Unix(timeFrom+g.r.Int64N(timeTo-timeFrom), 0).In(zones[g.r.IntN(len(zones))])
	switch format {
	case "date-time":
		if g.r.IntN(4) == 0 {
			t = t.Add(time.Duration(g.r.IntN(1000)) * time.Millisecond)
			return t.Format("2006-01-02T15:04:05.000Z07:00"), true
		}
		return t.Format(time.RFC3339), true
	case "date":
		return t.Format(time.DateOnly), true
	case "time":
		return t.Format(time.TimeOnly), true
	case "email":
		return g.word(3, 10) + "@" + g.word(3, 8) + ".example", true
	case "uuid":
		b := make([]byte, 16)
		for i := range b {
			b[i] = byte(g.r.IntN(256))
		}
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]), true
	case "uri", "url", "iri", "uri-reference", "iri-reference":
		return "https://" + g.word(3, 8) + ".example/" + g.word(1, 10), true
	case "hostname", "idn-hostname":
		return g.word(3, 8) + ".example", true
	case "ipv4":
		return fmt.Sprintf("%d.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), g.r.IntN(256), g.r.IntN(256)), true
	case "ipv6":
		return fmt.Sprintf("2001:db8::%x:%x", g.r.IntN(65536), g.r.IntN(65536)), true
	case "byte":
		b := make([]byte, 1+g.r.IntN(12))
		for i := range b {
			b[i] = byte(g.r.IntN(256))
		}
		return base64.StdEncoding.EncodeToString(b), true
	case "int32", "int64", "integer":
		return fmt.Sprint(g.r.IntN(100000)), true
	case "number", "decimal", "double", "float":
		return fmt.Sprintf("%.2f", g.r.Float64()*10000), true
	}
	return "", false
}

const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// word returns random letters, between minLen and maxLen of them.
func (g *generator) word(minLen, maxLen int) string {
	n := minLen
	if maxLen > minLen {
		n += g.r.IntN(min(maxLen, minLen+16) - minLen + 1)
	}
	var b strings.Builder
	for range n {
		b.WriteByte(letters[g.r.IntN(len(letters))])
	}
	return b.String()
}

// number returns v as a float64 when it is a number.
func number(v any) (float64, bool) {
	f, ok := v.(float64)
	return f, ok
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
