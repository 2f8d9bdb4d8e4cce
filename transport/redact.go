package transport

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// redacted replaces every secret value the package removes from URLs, headers,
// bodies, errors and logs.
const redacted = "REDACTED"

// isSecretName reports whether a query, form or JSON field name, or a header
// name, is known to carry a credential. The comparison ignores ASCII case and
// treats '-' like '_'.
func isSecretName(name string) bool {
	return secretName(name)
}

// secretName implements [isSecretName] for names held as strings or bytes,
// so that callers holding bytes need not convert them.
func secretName[T string | []byte](name T) bool {
	if len(name) < 3 || len(name) > 32 {
		return false
	}
	var buf [32]byte
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '-':
			c = '_'
		}
		buf[i] = c
	}
	switch string(buf[:len(name)]) {
	case "authorization", "proxy_authorization", "cookie", "set_cookie",
		"x_api_key", "api_key", "apikey", "key",
		"access_token", "refresh_token", "id_token", "token",
		"client_secret", "secret", "password", "passwd",
		"code", "code_verifier", "assertion", "signature", "sig",
		"x_amz_security_token", "x_auth_token", "session", "session_id":
		return true
	}
	return false
}

// RedactURL returns u as a string with the password of its user information
// and the values of secret query parameters (api_key, access_token,
// client_secret, code, token and similar) replaced by REDACTED. The order of
// the query parameters is kept. RedactURL returns "" for a nil URL.
func RedactURL(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.RawQuery == "" && u.User == nil {
		return u.String()
	}
	v := *u
	if _, has := v.User.Password(); has {
		v.User = url.UserPassword(v.User.Username(), redacted)
	}
	v.RawQuery = redactQuery(v.RawQuery)
	return v.String()
}

// redactQuery replaces the values of secret parameters in an encoded query
// string, or in an application/x-www-form-urlencoded body. Everything else,
// separators included, is kept byte for byte.
func redactQuery(q string) string {
	if q == "" {
		return q
	}
	var b strings.Builder
	changed := false
	rest := q
	for more := true; more; {
		start := len(q) - len(rest)
		var part string
		part, rest, more = strings.Cut(rest, "&")
		k, _, hasValue := strings.Cut(part, "=")
		name := k
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if hasValue && isSecretName(name) {
			if !changed {
				b.Grow(len(q))
				b.WriteString(q[:start])
				changed = true
			}
			b.WriteString(k)
			b.WriteString("=" + redacted)
		} else if changed {
			b.WriteString(part)
		}
		if more && changed {
			b.WriteByte('&')
		}
	}
	if !changed {
		return q
	}
	return b.String()
}

// redactHeader returns a copy of h with the values of credential headers
// (Authorization, Cookie, Set-Cookie, x-api-key and similar) replaced.
func redactHeader(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if isSecretName(k) {
			out[k] = []string{redacted}
			continue
		}
		out[k] = vs
	}
	return out
}

// redactBody returns body with secrets removed: values of secret-looking
// fields in JSON documents and form bodies, and, in any text, what
// [redactText] finds. The input is never modified; when nothing needs
// redacting it is returned as is. No input makes it panic, and it keeps
// valid UTF-8 and valid JSON valid.
func redactBody(body []byte) []byte {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return body
	}
	switch trimmed[0] {
	case '{', '[':
		body = redactJSON(body)
	default:
		if looksLikeForm(trimmed) {
			if s := redactQuery(string(body)); s != string(body) {
				body = []byte(s)
			}
		}
	}
	return redactText(body)
}

// redactText removes credentials from free text: the token after a "Bearer"
// or "Basic" scheme word, anything shaped like a JSON Web Token, the value in
// "name=value" when name is a secret, and the rest of the line in
// "name: value" when name is a credential header (Authorization, Cookie,
// x-api-key and similar).
//
// It works on the bytes as they are, folding only ASCII letters, so no
// multi-byte or invalid UTF-8 sequence can shift an offset. Text inside a
// JSON string is handled escape by escape: a token written with PHP's "\/"
// or with \u escapes of ASCII characters is removed whole, and a
// replacement never cuts an escape sequence or crosses the end of a string.
func redactText(b []byte) []byte {
	return redactJWT(redactAssignments(redactBearer(b)))
}

// redactBearer replaces the credential after a "Bearer" or "Basic" scheme
// word (in any ASCII case, followed by spaces or tabs) anywhere in b. More
// scheme words before the credential ("Bearer Bearer t") are skipped, so
// they do not shield it.
func redactBearer(b []byte) []byte {
	var out []byte
	last := 0
	scan := pairIndex{b: b, c1: 'b', c2: 'B'}
	for i := scan.next(0); i >= 0; i = scan.next(i) {
		p := schemeEnd(b, i)
		if p < 0 {
			i++
			continue
		}
		for q := schemeEnd(b, p); q >= 0; q = schemeEnd(b, p) {
			p = q
		}
		end := tokenEnd(b, p, false)
		if end > p {
			out = append(out, b[last:p]...)
			out = append(out, redacted...)
			last = end
		}
		i = end
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// schemeEnd returns the index after the "Bearer" or "Basic" scheme word at
// b[i] and the spaces or tabs that must follow it, or -1 when there is none.
func schemeEnd(b []byte, i int) int {
	j := -1
	switch {
	case hasPrefixFold(b[i:], "bearer"):
		j = i + len("bearer")
	case hasPrefixFold(b[i:], "basic"):
		j = i + len("basic")
	default:
		return -1
	}
	k := j
	for k < len(b) && (b[k] == ' ' || b[k] == '\t') {
		k++
	}
	if k == j {
		return -1
	}
	return k
}

// redactAssignments implements the name=value and name: value parts of
// [redactText].
func redactAssignments(b []byte) []byte {
	var out []byte
	last := 0
	scan := pairIndex{b: b, c1: '=', c2: ':'}
	for i := scan.next(0); i >= 0; i = scan.next(i + 1) {
		start := nameStart(b, i)
		if start == i {
			continue
		}
		name := b[start:i]
		if !secretName(name) {
			continue
		}
		header := b[i] == ':'
		if header && !isHeaderSecret(name) {
			// "password: is too short" is a validation message, not a
			// credential; only header lines use the colon form.
			continue
		}
		v := valueStart(b, i+1)
		rest := b[v:]
		if hasPrefixFold(rest, "bearer ") || hasPrefixFold(rest, "basic ") || bytes.HasPrefix(rest, []byte(redacted)) {
			continue
		}
		var end int
		if header {
			// A header's whole value is the credential: "Cookie: a=1; b=2",
			// "Authorization: Token t".
			end = lineEnd(b, v)
		} else {
			end = tokenEnd(b, v, true)
		}
		if end == v {
			continue
		}
		out = append(out, b[last:v]...)
		out = append(out, redacted...)
		last = end
		i = end - 1
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// nameStart returns where the parameter or header name that ends at b[i]
// begins; i when there is none. A name that follows a JSON escape
// ("\ntoken=", "\u0020key=") starts after the escape.
func nameStart(b []byte, i int) int {
	start := i
	for start > 0 && isNameByte(b[start-1]) {
		start--
	}
	if start > 0 && start < i && startsEscape(b, start-1) {
		if b[start] == 'u' && start+5 <= i && isHex4(b[start+1:start+5]) {
			start += 5
		} else {
			start++
		}
	}
	return start
}

// valueStart returns where the value that follows a separator begins,
// looking from b[v]: after spaces and an opening quote. A double quote that can only close a
// JSON string (it is followed by ':', ',', '}', ']', a space or the end) is
// not an opening quote, so the value never escapes the string.
func valueStart(b []byte, v int) int {
	for v < len(b) && (b[v] == ' ' || b[v] == '\t') {
		v++
	}
	switch {
	case v >= len(b):
	case b[v] == '\'':
		v++
	case b[v] == '"':
		if v+1 < len(b) && strings.IndexByte(" \t\r\n:,}]", b[v+1]) < 0 {
			v++
		}
	case b[v] == '\\' && v+1 < len(b) && b[v+1] == '"':
		v += 2
	}
	return v
}

// tokenEnd returns the end of the credential that starts at b[i]: the first
// delimiter (see [isTokenEnd]) or, when amp is set, '&'. The JSON escapes
// that can stand for a token's characters, "\/" as PHP writes '/' and a \u
// escape of a printable ASCII character that is no delimiter, are part of
// the token.
func tokenEnd(b []byte, i int, amp bool) int {
	for i < len(b) {
		c := b[i]
		if c == '\\' {
			d, n, w := unescape(b, i)
			if w > 0 && n == 1 && '!' <= d[0] && d[0] <= '~' && d[0] != '\\' && !isTokenEnd(d[0]) && (!amp || d[0] != '&') {
				i += w
				continue
			}
			return i
		}
		if isTokenEnd(c) || amp && c == '&' {
			return i
		}
		i++
	}
	return i
}

// lineEnd returns the end of the header value that starts at b[i]: the end
// of the line, of the enclosing quoted or JSON string, or of markup, with
// trailing spaces left out. A JSON escape of a printable ASCII character
// other than a quote, a backslash or markup is part of the value.
func lineEnd(b []byte, i int) int {
	start := i
	for i < len(b) {
		c := b[i]
		if c == '\\' {
			d, n, w := unescape(b, i)
			if w > 0 && n == 1 && ' ' <= d[0] && d[0] <= '~' && strings.IndexByte("\"\\<>", d[0]) < 0 {
				i += w
				continue
			}
			break
		}
		if c == '\r' || c == '\n' || c == '"' || c == '<' || c == '>' {
			break
		}
		i++
	}
	for i > start && (b[i-1] == ' ' || b[i-1] == '\t') {
		i--
	}
	return i
}

// isHeaderSecret reports whether name is a header that carries a credential.
func isHeaderSecret(name []byte) bool {
	for _, h := range [...]string{"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token", "x-amz-security-token"} {
		if len(name) == len(h) && hasPrefixFold(name, h) {
			return true
		}
	}
	return false
}

// isNameByte reports whether c may appear in a parameter or header name.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// isBase64URL reports whether c belongs to the base64url alphabet, which
// is the set of name bytes.
func isBase64URL(c byte) bool {
	return isNameByte(c)
}

// looksLikeForm reports whether b could be an application/x-www-form-urlencoded
// document: name=value pairs without spaces or markup.
func looksLikeForm(b []byte) bool {
	return bytes.IndexByte(b, '=') > 0 && !bytes.ContainsAny(b, " <>\n\"{")
}

// isTokenEnd reports whether c ends a credential in text.
func isTokenEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '"', '\'', ',', ';', '<', '>', '\\', '}', ']':
		return true
	}
	return false
}

// redactJWT replaces anything shaped like a JSON Web Token (JWS or JWE
// compact serialization: base64url segments joined by dots, the first a
// JSON object, so starting with "eyJ") wherever it appears.
func redactJWT(b []byte) []byte {
	var out []byte
	last := 0
	for i := 2; i < len(b); {
		// 'J' is rarer than 'e' in text, so it is the byte looked for.
		j := bytes.IndexByte(b[i:], 'J')
		if j < 0 {
			break
		}
		start := i + j - 2
		i = start + 3
		if b[start] != 'e' || b[start+1] != 'y' || start < last {
			continue
		}
		end := jwtEnd(b, start)
		if end < 0 || !wordStart(b, start) {
			continue
		}
		out = append(out, b[last:start]...)
		out = append(out, redacted...)
		last = end
		i = end
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// jwtEnd returns the end of the JSON Web Token starting at b[i], or -1 when
// what starts there is not shaped like one: a header of at least 10
// base64url characters, a payload of at least 2, then a signature (possibly
// empty, for an unsecured token) and, for JWE, more segments.
func jwtEnd(b []byte, i int) int {
	seg := func(i int) int {
		for i < len(b) && isBase64URL(b[i]) {
			i++
		}
		return i
	}
	e := seg(i)
	if e-i < 10 || e >= len(b) || b[e] != '.' {
		return -1
	}
	p := e + 1
	e = seg(p)
	if e-p < 2 || e >= len(b) || b[e] != '.' {
		return -1
	}
	e = seg(e + 1)
	for e+1 < len(b) && b[e] == '.' && isBase64URL(b[e+1]) {
		e = seg(e + 1)
	}
	return e
}

// wordStart reports whether a base64url word may start at b[i]: it is not
// preceded by a base64url character, unless that character ends a JSON
// escape ("\n", "\u0020").
func wordStart(b []byte, i int) bool {
	if i == 0 || !isBase64URL(b[i-1]) {
		return true
	}
	if i >= 2 && startsEscape(b, i-2) && strings.IndexByte("bfnrt", b[i-1]) >= 0 {
		return true
	}
	return i >= 6 && b[i-6] == '\\' && b[i-5] == 'u' && isHex4(b[i-4:i]) && startsEscape(b, i-6)
}

// startsEscape reports whether the backslash at b[i] starts an escape rather
// than ends one ("\\"): whether the run of backslashes ending at b[i] is of
// odd length.
func startsEscape(b []byte, i int) bool {
	n := 0
	for j := i; j >= 0 && b[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// redactJSON replaces the values of secret fields at any depth of a JSON
// document. It works on the bytes, so the layout of the document is kept; on
// malformed input it redacts what it can and never panics.
func redactJSON(b []byte) []byte {
	if !mayHoldSecret(b) {
		return b
	}
	var out []byte
	last := 0
	i := 0
	for i < len(b) {
		q := bytes.IndexByte(b[i:], '"')
		if q < 0 {
			break
		}
		i += q
		end := skipString(b, i)
		if end < 0 {
			break
		}
		key := b[i+1 : end-1]
		j := skipSpace(b, end)
		if j >= len(b) || b[j] != ':' {
			// A string value, not a key.
			i = end
			continue
		}
		j = skipSpace(b, j+1)
		if !isSecretJSONName(key) || j >= len(b) {
			i = j
			continue
		}
		vend := skipValue(b, j)
		if vend < 0 {
			vend = len(b)
		}
		if b[j] == '{' || b[j] == '[' || b[j] == 'n' {
			// Objects, arrays and null are walked or kept, not replaced.
			i = j
			continue
		}
		out = append(out, b[last:j]...)
		out = append(out, `"`+redacted+`"`...)
		last = vend
		i = vend
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// isSecretJSONName is isSecretName for JSON members, whose names may be
// written with escapes ("acc\u0065ss_token"). A JSON "code" is almost always
// an error code, not an OAuth authorization code, so it is kept.
func isSecretJSONName(key []byte) bool {
	var buf [33]byte
	if bytes.IndexByte(key, '\\') >= 0 {
		n := 0
		for i := 0; i < len(key) && n < len(buf); {
			if key[i] == '\\' {
				if d, m, w := unescape(key, i); w > 0 && n+m <= len(buf) {
					n += copy(buf[n:], d[:m])
					i += w
					continue
				}
			}
			buf[n] = key[i]
			n++
			i++
		}
		key = buf[:n]
	}
	return !(len(key) == 4 && hasPrefixFold(key, "code")) && secretName(key)
}

// mayHoldSecret is a cheap pre-check for redactJSON: whether b holds one of
// the words secret names are made of, in any ASCII case, or a \u escape
// that might spell one.
func mayHoldSecret(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '\\':
			if i+1 < len(b) && b[i+1] == 'u' {
				return true
			}
		case 't', 'T', 's', 'S', 'p', 'P', 'k', 'K', 'c', 'C', 'a', 'A':
			for _, w := range [...]string{"token", "secret", "password", "passwd", "key", "code_verifier", "authorization", "cookie", "assertion", "sig", "session"} {
				if hasPrefixFold(b[i:], w) {
					return true
				}
			}
		}
	}
	return false
}

// hasPrefixFold reports whether b begins with the lower-case ASCII string
// prefix, ignoring the case of ASCII letters only: unlike [bytes.EqualFold]
// and [bytes.ToLower], no other byte matches a letter ('K', U+212A KELVIN
// SIGN, is not 'k') and no offset moves.
func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// pairIndex finds the next occurrence of either of two bytes in b. Each
// byte is looked for with [bytes.IndexByte] and the answer kept until passed,
// so scanning all of b costs linear time however the two are spread.
type pairIndex struct {
	b      []byte
	c1, c2 byte
	i1, i2 int // next known positions of c1 and c2, len(b) when none; 0 before the first call
	init   bool
}

// next returns the index of the first c1 or c2 at or after from, or -1.
// Successive calls must not decrease from.
func (p *pairIndex) next(from int) int {
	if from >= len(p.b) {
		return -1
	}
	if !p.init || p.i1 < from {
		p.i1 = indexFrom(p.b, from, p.c1)
	}
	if !p.init || p.i2 < from {
		p.i2 = indexFrom(p.b, from, p.c2)
	}
	p.init = true
	if i := min(p.i1, p.i2); i < len(p.b) {
		return i
	}
	return -1
}

// indexFrom returns the index of the first c in b at or after from, or
// len(b).
func indexFrom(b []byte, from int, c byte) int {
	if i := bytes.IndexByte(b[from:], c); i >= 0 {
		return from + i
	}
	return len(b)
}

// unescape decodes the escape sequence at b[i]: a JSON string escape (\" \\
// \/ \b \f \n \r \t, or \uXXXX in either case of hex, a UTF-16 surrogate
// pair decoded together and a lone surrogate as U+FFFD, as encoding/json
// does) or a URL percent escape (%XX). It returns the decoded bytes d[:n]
// and the length w of the sequence; w is 0 when no sequence starts at b[i].
func unescape(b []byte, i int) (d [4]byte, n, w int) {
	if i+1 >= len(b) {
		return d, 0, 0
	}
	switch b[i] {
	case '%':
		if i+2 < len(b) {
			hi, ok1 := unhex(b[i+1])
			lo, ok2 := unhex(b[i+2])
			if ok1 && ok2 {
				d[0] = hi<<4 | lo
				return d, 1, 3
			}
		}
	case '\\':
		c := b[i+1]
		switch c {
		case '"', '\\', '/':
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		case 'u':
			if i+6 > len(b) || !isHex4(b[i+2:i+6]) {
				return d, 0, 0
			}
			r := hex4(b[i+2 : i+6])
			w = 6
			if utf16.IsSurrogate(r) {
				r2 := utf8.RuneError
				if i+12 <= len(b) && b[i+6] == '\\' && b[i+7] == 'u' && isHex4(b[i+8:i+12]) {
					r2 = hex4(b[i+8 : i+12])
				}
				if p := utf16.DecodeRune(r, r2); p != utf8.RuneError {
					r, w = p, 12
				} else {
					r = utf8.RuneError
				}
			}
			return d, utf8.EncodeRune(d[:], r), w
		default:
			return d, 0, 0
		}
		d[0] = c
		return d, 1, 2
	}
	return d, 0, 0
}

// unhex returns the value of the hex digit c.
func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// isHex4 reports whether b is four hex digits.
func isHex4(b []byte) bool {
	if len(b) != 4 {
		return false
	}
	for _, c := range b {
		if _, ok := unhex(c); !ok {
			return false
		}
	}
	return true
}

// hex4 returns the value of the four hex digits in b.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b {
		v, _ := unhex(c)
		r = r<<4 | rune(v)
	}
	return r
}

// skipSpace returns the index of the first non-space byte at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index just after the JSON string starting at b[i]
// (which must be '"'), or -1 when the string is not terminated.
func skipString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		q := bytes.IndexByte(b[j:], '"')
		if q < 0 {
			return -1
		}
		j += q
		if !startsEscape(b, j-1) {
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index just after the JSON value starting at b[i], or
// -1 when the value is not terminated.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				e := skipString(b, j)
				if e < 0 {
					return -1
				}
				j = e - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	default:
		j := i
		for j < len(b) {
			switch b[j] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				return j
			}
			j++
		}
		return j
	}
}

// topLevelField returns the raw JSON value of the member name of the JSON
// object in b, without decoding the rest of the document. It scans only the
// top level and stops at the first match, so it is cheap on large documents
// whose first member is the one wanted.
func topLevelField(b []byte, name string) ([]byte, bool) {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return nil, false
	}
	i++
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != '"' {
			return nil, false
		}
		end := skipString(b, i)
		if end < 0 {
			return nil, false
		}
		key := b[i+1 : end-1]
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return nil, false
		}
		i = skipSpace(b, i+1)
		vend := skipValue(b, i)
		if vend < 0 {
			return nil, false
		}
		if string(key) == name {
			return b[i:vend], true
		}
		i = skipSpace(b, vend)
		if i >= len(b) || b[i] != ',' {
			return nil, false
		}
		i++
	}
}
