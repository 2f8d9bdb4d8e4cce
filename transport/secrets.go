package transport

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// minSecretLen is the length under which [secretSet.add] ignores a value.
// Removing every occurrence of a short value (a four-digit PIN, a sandbox
// password such as "test") would cut matching ids, dates and words out of
// unrelated text and leave an error no one can diagnose; short values are
// still removed where the pattern rules of [redactBody] find them (after a
// Bearer or Basic scheme word, in key=value text, in secret JSON and form
// fields).
const minSecretLen = 8

// secretSet holds the credential values one request carried, so that they
// can be removed from whatever the provider sends back: an error body, a
// message, a response header that echoes a request header, a log line.
// Pattern rules alone cannot find a key that a provider quotes in prose
// ("Invalid API key cbat_…"); the exact values can be found anywhere.
//
// The zero value and a nil *secretSet are valid and hold nothing; their
// scrub methods apply the pattern rules only. A secretSet is not safe for
// concurrent use while values are added; once filled, its scrub methods only
// read it and may be called concurrently.
type secretSet struct {
	vals  []secretValue // longest raw value first
	bytes byteSet       // every byte that occurs in a raw value
}

// secretValue is one credential value and the encodings it is searched in.
type secretValue struct {
	raw   string
	forms []string // raw first, then its distinct encodings
	// search holds the forms that [secretSet.findEscaped] cannot find, as
	// bytes for [bytes.Index]: raw, and those whose escapes do not decode
	// back to raw (\ufffd for invalid UTF-8) or that have none ('+' for a
	// space).
	search [][]byte
	bytes  byteSet // the bytes of raw
	next   []int32 // next[k]: the next index after k of the byte raw[k], or -1
}

// byteSet is a set of bytes.
type byteSet [4]uint64

func (s *byteSet) add(c byte)      { s[c>>6] |= 1 << (c & 63) }
func (s *byteSet) has(c byte) bool { return s[c>>6]&(1<<(c&63)) != 0 }
func (s *byteSet) addString(v string) {
	for i := 0; i < len(v); i++ {
		s.add(v[i])
	}
}

// add records the credential value v, without the spaces and tabs around it
// (the server strips them from a header value before it can echo it).
//
// A value that is not valid UTF-8 is also recorded with each invalid byte
// replaced by U+FFFD, as JSON encoders write it.
//
// For a value of the form "<scheme> <credentials>" (Bearer, Basic, Token or
// any other single scheme word, in any case, possibly repeated) it also
// records the credentials; for Basic it also records the decoded
// "user:password" and the password. Values shorter than [minSecretLen] are
// ignored. Calling add on a nil *secretSet does nothing.
func (s *secretSet) add(v string) {
	if s == nil {
		return
	}
	v = strings.Trim(v, " \t")
	s.addValue(v)
	if !utf8.ValidString(v) {
		// encoding/json and PHP write each invalid byte as U+FFFD.
		s.addValue(substituteInvalid(v))
	}
	scheme, cred, ok := splitScheme(v)
	if !ok {
		return
	}
	s.addValue(cred)
	if !equalFold(scheme, "basic") {
		return
	}
	for _, enc := range [...]*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if dec, err := enc.DecodeString(cred); err == nil {
			s.addValue(string(dec))
			if _, pass, ok := strings.Cut(string(dec), ":"); ok {
				s.addValue(pass)
			}
			return
		}
	}
}

// splitScheme splits an Authorization-style value "<scheme> <credentials>"
// into the last scheme word and the credentials, a single word. Up to three
// scheme words are accepted, so "Bearer Bearer t" gives "Bearer" and "t".
func splitScheme(v string) (scheme, cred string, ok bool) {
	fields := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '\t' })
	if len(fields) < 2 || len(fields) > 4 {
		return "", "", false
	}
	for _, f := range fields[:len(fields)-1] {
		if len(f) > 32 || strings.IndexFunc(f, func(r rune) bool { return r >= utf8.RuneSelf || !isNameByte(byte(r)) }) >= 0 {
			return "", "", false
		}
	}
	return fields[len(fields)-2], fields[len(fields)-1], true
}

// substituteInvalid returns v with each byte that is not part of a valid
// UTF-8 sequence replaced by U+FFFD, as encoding/json writes it.
func substituteInvalid(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRuneInString(v[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(v[i : i+n])
		}
		i += n
	}
	return b.String()
}

// addValue records v as it is, with its encodings, unless it is short or
// already held.
func (s *secretSet) addValue(v string) {
	if len(v) < minSecretLen {
		return
	}
	for i := range s.vals {
		if s.vals[i].raw == v {
			return
		}
	}
	forms := []string{v}
	for _, f := range [...]string{jsonEscape(v, true), jsonEscape(v, false), phpEscape(v), url.QueryEscape(v), url.PathEscape(v)} {
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	i, _ := slices.BinarySearchFunc(s.vals, len(v), func(sv secretValue, n int) int { return cmp.Compare(n, len(sv.raw)) })
	sv := secretValue{raw: v, forms: forms, next: make([]int32, len(v))}
	sv.bytes.addString(v)
	var last [256]int32
	for k := range last {
		last[k] = -1
	}
	for k := len(v) - 1; k >= 0; k-- {
		sv.next[k] = last[v[k]]
		last[v[k]] = int32(k)
	}
	alone := secretSet{vals: []secretValue{sv}, bytes: sv.bytes}
	for j, f := range forms {
		// A form that findEscaped finds whole on its own, it finds wherever
		// the form stands: it looks at nothing before the occurrence and an
		// encoder's escapes end within it.
		fb := []byte(f)
		if j == 0 || !slices.Contains(alone.findEscaped(fb, nil), span{0, len(fb)}) {
			sv.search = append(sv.search, fb)
		}
	}
	s.vals = slices.Insert(s.vals, i, sv)
	s.bytes.addString(v)
}

// addHeader records every value of the header name (in any case) in h. For
// Cookie it also records each cookie's value, which a provider may echo on
// its own.
func (s *secretSet) addHeader(h http.Header, name string) {
	if s == nil {
		return
	}
	for k, vs := range h {
		if !equalFold(k, name) {
			continue
		}
		for _, v := range vs {
			s.add(v)
			if !equalFold(name, "cookie") {
				continue
			}
			for c := range strings.SplitSeq(v, ";") {
				if _, cv, ok := strings.Cut(c, "="); ok {
					s.addValue(strings.Trim(cv, " \t\""))
				}
			}
		}
	}
}

// equalFold reports whether a and b are equal, ignoring the case of ASCII
// letters only (unlike [strings.EqualFold], 'K' U+212A KELVIN SIGN is not
// 'k').
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// len reports how many values s holds, the credentials found inside
// Authorization-style values included.
func (s *secretSet) len() int {
	if s == nil {
		return 0
	}
	return len(s.vals)
}

// scrub returns b with every held value replaced by REDACTED, then with the
// pattern rules of [redactBody] applied. A value is found
//
//   - raw, and in the encodings the transport can cheaply produce:
//     encoding/json's (with and without its \u0026-style HTML escapes),
//     PHP json_encode's (with "\/" and \u escapes of non-ASCII characters),
//     [url.QueryEscape]'s and [url.PathEscape]'s;
//   - and, around every JSON or percent escape in b, in any mix of escapes:
//     \uXXXX of any character in either case of hex (which PHP's JSON_HEX_*
//     flags and hostile encoders write), "\/", %XX in either case (which
//     JavaScript's encodeURIComponent and other encoders write), '+' for a
//     space, and a URL-encoded value inside a JSON string.
//
// Overlapping and nested occurrences are removed as one, so a token that
// contains another held value is removed whole, and nothing but the bytes
// of occurrences is replaced. A provider could still spell a value in a way
// none of these decode (a double JSON encoding, base64); the pattern rules
// are the second line.
//
// scrub never modifies b, returns b itself when nothing changed and never
// panics. Its time is linear in len(b) for each held value, times the
// value's length at worst (a periodic value in a periodic body). When
// nothing is found it does not allocate; otherwise, mostly the copy it
// returns.
func (s *secretSet) scrub(b []byte) []byte {
	return redactBody(s.remove(b))
}

// scrubString is scrub for a message, a code or a log line. It applies the
// body rules, which are safe for text: they add, to the text rules of
// [redactText], only JSON member and form field rules, which a message
// quoting a JSON document or a form needs. It returns v itself when nothing
// changed.
func (s *secretSet) scrubString(v string) string {
	if v == "" {
		return v
	}
	if r := s.scrub([]byte(v)); string(r) != v {
		return string(r)
	}
	return v
}

// scrubHeader returns a copy of h in which the values of credential headers
// (those [isSecretName] accepts, as [redactHeader] does) are REDACTED, and
// every held value and anything shaped like a JSON Web Token is removed from
// the other values (a response header may echo a request header). Other
// pattern rules are not applied: "WWW-Authenticate: Bearer realm=…" names
// no credential and is kept whole. Unchanged value slices are shared with h.
func (s *secretSet) scrubHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if isSecretName(k) {
			out[k] = []string{redacted}
			continue
		}
		var nvs []string
		for i, v := range vs {
			r := v
			if s.mayHold(v) || strings.Contains(v, "eyJ") {
				if b := redactJWT(s.remove([]byte(v))); string(b) != v {
					r = string(b)
				}
			}
			if r != v && nvs == nil {
				nvs = slices.Clone(vs)
			}
			if nvs != nil {
				nvs[i] = r
			}
		}
		if nvs == nil {
			nvs = vs
		}
		out[k] = nvs
	}
	return out
}

// mayHold reports whether v might contain a held value: one of its forms,
// or an escape around which a mixed encoding might be found.
func (s *secretSet) mayHold(v string) bool {
	if s.len() == 0 || len(v) < minSecretLen {
		return false
	}
	if strings.ContainsAny(v, `\%`) {
		return true
	}
	for i := range s.vals {
		for _, f := range s.vals[i].forms {
			if strings.Contains(v, f) {
				return true
			}
		}
	}
	return false
}

// span is the half-open range [start, end) of b to replace.
type span struct{ start, end int }

// remove returns b with every occurrence of a held value replaced by
// REDACTED, without the pattern rules.
func (s *secretSet) remove(b []byte) []byte {
	if s.len() == 0 || len(b) < minSecretLen {
		return b
	}
	var buf [8]span
	spans := buf[:0]
	for vi := range s.vals {
		for _, f := range s.vals[vi].search {
			spans = findAll(b, f, spans)
		}
	}
	spans = s.findEscaped(b, spans)
	if len(spans) == 0 {
		return b
	}
	return replaceSpans(b, spans)
}

// findAll appends to spans every occurrence of f in b, overlapping ones
// merged, so that a periodic value ("abcabcab" in "abcabcabcab") leaves no
// tail behind.
func findAll(b, f []byte, spans []span) []span {
	first := len(spans)
	for i := 0; i+len(f) <= len(b); {
		j := bytes.Index(b[i:], f)
		if j < 0 {
			break
		}
		at := i + j
		if n := len(spans); n > first && spans[n-1].end >= at {
			spans[n-1].end = at + len(f)
		} else {
			spans = append(spans, span{at, at + len(f)})
		}
		i = at + 1
	}
	return spans
}

// findEscaped appends to spans the occurrences of held values that contain
// at least one JSON or percent escape. Such an occurrence has a first
// escape, at some position e, with only plain bytes before it, so it is
// found by trying each escape e in b against each position k of each value
// at which the decoded escape may stand: b[e-k:e] must be the plain first
// k bytes and the text decoded from e on must spell the rest.
func (s *secretSet) findEscaped(b []byte, spans []span) []span {
	for _, a := range [...]byte{'\\', '%'} {
		for i := 0; i < len(b); {
			j := bytes.IndexByte(b[i:], a)
			if j < 0 {
				break
			}
			e := i + j
			i = e + 1
			d, n, w := unescape(b, e)
			if w == 0 || !s.bytes.has(d[0]) {
				continue
			}
			dec := d[:n]
			for vi := range s.vals {
				sv := &s.vals[vi]
				if !sv.bytes.has(dec[0]) {
					continue
				}
				v := sv.raw
				for k := strings.IndexByte(v, dec[0]); k >= 0 && k <= e; k = int(sv.next[k]) {
					if (k == 0 || b[e-1] == v[k-1] || b[e-1] == '+') && plainEqual(b[e-k:e], v[:k]) {
						if end, ok := matchDecoded(b, e, v[k:]); ok {
							spans = append(spans, span{e - k, end})
						}
					}
				}
			}
		}
	}
	return spans
}

// plainEqual reports whether the plain bytes b spell v, '+' standing for a
// space as in a query string.
func plainEqual(b []byte, v string) bool {
	if len(b) != len(v) {
		return false
	}
	for i := range len(b) {
		if b[i] != v[i] && (b[i] != '+' || v[i] != ' ') {
			return false
		}
	}
	return true
}

// matchDecoded reports whether the text of b from i on, with JSON and
// percent escapes decoded (see [unescape]) and '+' standing for a space,
// begins with v, and where in b that prefix ends. A backslash or percent
// sign may also stand for itself, so a value that holds one is matched
// too: where both readings fit, the decoded one is tried first and the
// plain one on failure. Each such alternative is tried once, so the work is
// bounded by len(v) times the number of backslashes and percent signs in v.
func matchDecoded(b []byte, i int, v string) (int, bool) {
	var alts [][2]int // untried plain readings: positions in b and v
	var seen map[[2]int]bool
	j := 0
	for {
		for j < len(v) && i < len(b) {
			c := b[i]
			plain := c == v[j] || c == '+' && v[j] == ' '
			if c == '\\' || c == '%' {
				if d, n, w := unescape(b, i); w > 0 && n <= len(v)-j && string(d[:n]) == v[j:j+n] {
					if plain {
						alt := [2]int{i + 1, j + 1}
						if seen == nil {
							seen = make(map[[2]int]bool)
						}
						if !seen[alt] {
							seen[alt] = true
							alts = append(alts, alt)
						}
					}
					i += w
					j += n
					continue
				}
			}
			if !plain {
				break
			}
			i++
			j++
		}
		if j == len(v) {
			return i, true
		}
		if len(alts) == 0 {
			return 0, false
		}
		i, j = alts[len(alts)-1][0], alts[len(alts)-1][1]
		alts = alts[:len(alts)-1]
	}
}

// replaceSpans returns a copy of b with each span, overlapping and adjacent
// spans merged, replaced by REDACTED.
func replaceSpans(b []byte, spans []span) []byte {
	slices.SortFunc(spans, func(x, y span) int { return cmp.Compare(x.start, y.start) })
	out := make([]byte, 0, len(b))
	last := 0
	cur := spans[0]
	for _, sp := range spans[1:] {
		if sp.start <= cur.end {
			cur.end = max(cur.end, sp.end)
			continue
		}
		out = append(append(out, b[last:cur.start]...), redacted...)
		last = cur.end
		cur = sp
	}
	out = append(append(out, b[last:cur.start]...), redacted...)
	return append(out, b[cur.end:]...)
}

// jsonEscape returns v as encoding/json writes it inside a string, with or
// without its HTML escapes (\u003c, \u003e, \u0026).
func jsonEscape(v string, html bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(html)
	if enc.Encode(v) != nil {
		return v
	}
	out := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	return string(out[1 : len(out)-1])
}

// phpEscape returns v as PHP's json_encode writes it inside a string by
// default: '/' as "\/", control characters and every non-ASCII character as
// lower-case \u escapes (invalid UTF-8 as \ufffd, as with
// JSON_INVALID_UTF8_SUBSTITUTE).
func phpEscape(v string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	u := func(r rune) {
		b.WriteString(`\u`)
		b.WriteByte(hex[r>>12&15])
		b.WriteByte(hex[r>>8&15])
		b.WriteByte(hex[r>>4&15])
		b.WriteByte(hex[r&15])
	}
	for _, r := range v {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteByte(byte(r))
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			u(r)
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case r > 0xFFFF:
			r -= 0x10000
			u(0xD800 + r>>10)
			u(0xDC00 + r&0x3FF)
		default:
			u(r)
		}
	}
	return b.String()
}
