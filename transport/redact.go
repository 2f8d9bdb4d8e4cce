package transport

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
)

// redacted replaces every secret value the package removes from URLs, headers,
// bodies, errors and logs.
const redacted = "REDACTED"

// isSecretName reports whether a query, form or JSON field name, or a header
// name, is known to carry a credential. The comparison ignores case and treats
// '-' like '_'.
func isSecretName(name string) bool {
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
// string, or in an application/x-www-form-urlencoded body.
func redactQuery(q string) string {
	if q == "" {
		return q
	}
	var b strings.Builder
	changed := false
	rest := q
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, "&")
		name, _, hasValue := strings.Cut(part, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if b.Len() > 0 || changed {
			b.WriteByte('&')
		}
		if hasValue && isSecretName(name) {
			k, _, _ := strings.Cut(part, "=")
			b.WriteString(k)
			b.WriteString("=" + redacted)
			changed = true
			continue
		}
		b.WriteString(part)
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
// fields in JSON documents and form bodies, and bearer tokens in any text.
// The input is never modified; when nothing needs redacting it is returned as
// is.
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
// or "Basic" scheme word, and the value in "name=value" or "name: value"
// when name is a secret (the colon form only for credential headers such as
// "Authorization: ..." or "x-api-key: ...").
func redactText(b []byte) []byte {
	return redactAssignments(redactBearer(b))
}

// redactAssignments implements the name=value part of redactText.
func redactAssignments(b []byte) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(b); i++ {
		sep := b[i]
		if sep != '=' && sep != ':' {
			continue
		}
		start := i
		for start > 0 && isNameByte(b[start-1]) {
			start--
		}
		if start == i {
			continue
		}
		name := string(b[start:i])
		if !isSecretName(name) {
			continue
		}
		if sep == ':' && !isHeaderSecret(name) {
			// "password: is too short" is a validation message, not a
			// credential; only header lines use the colon form.
			continue
		}
		v := i + 1
		for v < len(b) && (b[v] == ' ' || b[v] == '\t') {
			v++
		}
		if v < len(b) && (b[v] == '\'' || b[v] == '"') {
			v++
		}
		rest := bytes.ToLower(b[v:min(len(b), v+7)])
		if bytes.HasPrefix(rest, []byte("bearer ")) || bytes.HasPrefix(rest, []byte("basic ")) || bytes.HasPrefix(rest, []byte(redacted)) {
			continue
		}
		end := v
		for end < len(b) && !isTokenEnd(b[end]) && b[end] != '&' {
			end++
		}
		if end == v || string(b[v:end]) == redacted {
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

// isHeaderSecret reports whether name is a header that carries a credential.
func isHeaderSecret(name string) bool {
	switch strings.ToLower(name) {
	case "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token", "x-amz-security-token":
		return true
	}
	return false
}

// isNameByte reports whether c may appear in a parameter or header name.
func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// looksLikeForm reports whether b could be an application/x-www-form-urlencoded
// document: name=value pairs without spaces or markup.
func looksLikeForm(b []byte) bool {
	return bytes.IndexByte(b, '=') > 0 && !bytes.ContainsAny(b, " <>\n\"{")
}

// redactBearer replaces the credential after a "Bearer " or "Basic " scheme
// word anywhere in b.
func redactBearer(b []byte) []byte {
	out := b
	for _, scheme := range [...]string{"bearer ", "basic "} {
		lower := bytes.ToLower(out)
		i := bytes.Index(lower, []byte(scheme))
		if i < 0 {
			continue
		}
		var buf []byte
		last := 0
		for i >= 0 {
			start := i + len(scheme)
			end := start
			for end < len(out) && !isTokenEnd(out[end]) {
				end++
			}
			if end > start {
				buf = append(buf, out[last:start]...)
				buf = append(buf, redacted...)
				last = end
			}
			j := bytes.Index(lower[end:], []byte(scheme))
			if j < 0 {
				break
			}
			i = end + j
		}
		if buf != nil {
			out = append(buf, out[last:]...)
		}
	}
	return out
}

func isTokenEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '"', '\'', ',', ';', '<', '>', '\\', '}', ']':
		return true
	}
	return false
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
		c := b[i]
		if c != '"' {
			i++
			continue
		}
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

// isSecretJSONName is isSecretName for JSON members. A JSON "code" is almost
// always an error code, not an OAuth authorization code, so it is kept.
func isSecretJSONName(key []byte) bool {
	return !bytes.EqualFold(key, []byte("code")) && isSecretName(string(key))
}

// mayHoldSecret is a cheap pre-check for redactJSON.
func mayHoldSecret(b []byte) bool {
	lower := bytes.ToLower(b)
	for _, s := range [...]string{"token", "secret", "password", "passwd", "key", "code_verifier", "authorization", "cookie", "assertion", "sig", "session"} {
		if bytes.Contains(lower, []byte(s)) {
			return true
		}
	}
	return false
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
		switch b[j] {
		case '\\':
			j++
		case '"':
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
