package auth

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/oauth2"
)

// TokenError reports a token endpoint answer that did not yield a usable
// token: a non-2xx status, or a 2xx response whose body is malformed (not
// JSON, no access_token, an unreadable expires_in). Use [errors.As] to
// inspect it. No field ever holds a client secret, token or authorization
// code: Body, Code and Message are redacted before they are stored.
type TokenError struct {
	// Provider names the API whose token endpoint answered, e.g. "kobas".
	Provider string
	// StatusCode is the HTTP status of the token response.
	StatusCode int
	// Code is the provider's error code (OAuth "error", or a "code" field),
	// when the body carried one.
	Code string
	// Message is the provider's human-readable message (OAuth
	// "error_description", or a "message" field), when the body carried one.
	Message string
	// Reason says what the SDK found wrong with a response it could not use,
	// e.g. "missing access_token"; it is empty when the provider's own
	// error (Code, Message) explains the failure.
	Reason string
	// Body is an excerpt of the response body with secrets redacted.
	Body string
}

var _ error = (*TokenError)(nil)

// Error implements the error interface. The text names the provider and the
// HTTP status and never contains secrets.
func (e *TokenError) Error() string {
	var b strings.Builder
	b.WriteString("auth: ")
	if e.Provider != "" {
		b.WriteString(e.Provider)
		b.WriteString(" ")
	}
	b.WriteString("token request: HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if text := http.StatusText(e.StatusCode); text != "" {
		b.WriteString(" ")
		b.WriteString(text)
	}
	detail := false
	for _, s := range []string{e.Reason, e.Code, e.Message} {
		if s != "" {
			b.WriteString(": ")
			b.WriteString(s)
			detail = true
		}
	}
	if !detail && e.Body != "" {
		b.WriteString(": body: ")
		b.WriteString(excerpt(e.Body, 120))
	}
	return b.String()
}

// ConfigError reports an invalid provider configuration. Field names the
// offending configuration field, e.g. "ClientSecret" or "TokenURL".
type ConfigError struct {
	// Provider names the API the configuration is for, e.g. "kobas".
	Provider string
	// Field is the name of the configuration field at fault.
	Field string
	// Problem describes what is wrong, e.g. "is required".
	Problem string
}

var _ error = (*ConfigError)(nil)

// Error implements the error interface.
func (e *ConfigError) Error() string {
	return "auth: " + e.Provider + " config: " + e.Field + " " + e.Problem
}

// maxBodyExcerpt bounds TokenError.Body, Code and Message.
const maxBodyExcerpt = 512

// maxContentTypeExcerpt bounds the content type quoted in TokenError.Reason.
const maxContentTypeExcerpt = 64

// decodeOptions says how a provider's token response is read.
type decodeOptions struct {
	provider string
	// now gives the time expires_in counts from.
	now func() time.Time
	// expiresInUnit is the unit of expires_in; zero means time.Second.
	expiresInUnit time.Duration
	// defaultTTL, when positive, is the lifetime assumed when the response
	// has no expires_in.
	defaultTTL time.Duration
	// jwtExpiry caps the expiry at the access token's JWT "exp" claim.
	jwtExpiry bool
	// secrets are values that must never appear in an error (the client
	// secret, an authorization code, a refresh token sent with the request).
	secrets []string
}

// decodeTokenResponse turns a token endpoint response (status, content
// type, body) into a token, or a *TokenError describing why it cannot.
// It accepts "type" in place of "token_type" and an expires_in that is a
// JSON number (integral or not) or a numeric string. Every JSON field of a
// successful response is kept as the token's extra data.
func decodeTokenResponse(status int, contentType string, body []byte, o decodeOptions) (*oauth2.Token, error) {
	fail := func(reason string, code, message string) *TokenError {
		return &TokenError{
			Provider:   o.provider,
			StatusCode: status,
			// Cleaned like the body: provider text may hold control
			// characters (a forged line in a log) or be very long.
			Code:    bodyExcerpt([]byte(code), o.secrets),
			Message: bodyExcerpt([]byte(message), o.secrets),
			Reason:  reason,
			Body:    bodyExcerpt(body, o.secrets),
		}
	}
	ok := status >= 200 && status <= 299

	var raw map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil || raw == nil {
		if !ok {
			return nil, fail("", "", "")
		}
		reason := "response is not a JSON object"
		if ct := mediaType(contentType); ct != "" && ct != "application/json" {
			// A header is server text like the body: cleaned and bounded.
			reason += " (content type " + excerpt(bodyExcerpt([]byte(ct), o.secrets), maxContentTypeExcerpt) + ")"
		}
		return nil, fail(reason, "", "")
	}
	code, message := errorFields(raw)
	if !ok {
		return nil, fail("", code, message)
	}

	access, _ := raw["access_token"].(string)
	if access == "" {
		if code != "" || message != "" {
			return nil, fail("missing access_token", code, message)
		}
		return nil, fail("missing access_token", "", "")
	}
	tok := &oauth2.Token{AccessToken: access}
	if s, _ := raw["token_type"].(string); s != "" {
		tok.TokenType = s
	} else if s, _ := raw["type"].(string); s != "" {
		tok.TokenType = s
	} else {
		tok.TokenType = "Bearer"
	}
	if s, _ := raw["refresh_token"].(string); s != "" {
		tok.RefreshToken = s
	}

	now := time.Now
	if o.now != nil {
		now = o.now
	}
	issued := now()
	ttl, present, err := parseExpiresIn(raw["expires_in"])
	if err != nil {
		return nil, fail("invalid expires_in: "+err.Error(), "", "")
	}
	unit := o.expiresInUnit
	if unit <= 0 {
		unit = time.Second
	}
	switch {
	case present:
		d := ttl * float64(unit)
		if d > float64(math.MaxInt64/2) {
			return nil, fail("invalid expires_in: out of range", "", "")
		}
		tok.Expiry = issued.Add(time.Duration(d))
		tok.ExpiresIn = int64(time.Duration(d) / time.Second)
	case o.defaultTTL > 0:
		tok.Expiry = issued.Add(o.defaultTTL)
	}
	if o.jwtExpiry {
		if exp, ok := jwtExp(access); ok && exp.After(issued) && (tok.Expiry.IsZero() || exp.Before(tok.Expiry)) {
			tok.Expiry = exp
		}
	}
	return tok.WithExtra(raw), nil
}

// parseExpiresIn reads expires_in from a decoded JSON value: a number or a
// numeric string, in the provider's unit. present is false when the field is
// absent, null or the empty string.
func parseExpiresIn(v any) (value float64, present bool, err error) {
	var s string
	switch v := v.(type) {
	case nil:
		return 0, false, nil
	case json.Number:
		s = string(v)
	case string:
		s = strings.TrimSpace(v)
		if s == "" {
			return 0, false, nil
		}
	default:
		return 0, false, fmt.Errorf("want a number, got a JSON %s", jsonKind(v))
	}
	f, perr := strconv.ParseFloat(s, 64)
	if perr != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false, errors.New("not a number")
	}
	if f < 0 {
		return 0, false, errors.New("negative")
	}
	return f, true, nil
}

// errorFields extracts a provider error code and message from a decoded JSON
// body. It understands OAuth 2 ({"error", "error_description"}), flat
// ({"code", "message"}) and nested ({"error": {"code", "message"}}) shapes.
func errorFields(raw map[string]any) (code, message string) {
	code = scalarString(raw["code"])
	message = scalarString(raw["message"])
	switch e := raw["error"].(type) {
	case string:
		if code == "" {
			code = e
		}
	case map[string]any:
		if code == "" {
			code = scalarString(e["code"])
		}
		if message == "" {
			message = scalarString(e["message"])
		}
	}
	if message == "" {
		message = scalarString(raw["error_description"])
	}
	return code, message
}

// scalarString renders a JSON string or number as text; other kinds give "".
func scalarString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return string(v)
	}
	return ""
}

func jsonKind(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "value"
}

// jwtExp returns the "exp" claim of a JWT access token. It only decodes the
// payload segment; the signature is not checked, because the value is used
// solely to refresh earlier. ok is false when tok is not a JWT or has no
// numeric exp.
func jwtExp(tok string) (exp time.Time, ok bool) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}, false
	}
	var claims struct {
		Exp json.Number `json:"exp"`
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	if err := dec.Decode(&claims); err != nil || claims.Exp == "" {
		return time.Time{}, false
	}
	f, err := strconv.ParseFloat(string(claims.Exp), 64)
	if err != nil || f <= 0 || f > 1e11 {
		return time.Time{}, false
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)), true
}

func mediaType(contentType string) string {
	ct, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(strings.TrimSpace(ct))
}

const redacted = "[REDACTED]"

// secretFieldNames are the JSON member and form parameter names whose
// values are redacted whatever they hold; "code" counts only as a form
// parameter, where it is an authorization code.
var (
	jsonSecretNames = []string{"access_token", "refresh_token", "id_token", "client_secret", "code_verifier", "password", "assertion", "api_key", "apikey", "x-api-key"}
	formSecretNames = append(slices.Clone(jsonSecretNames), "code")
)

// jwtLike matches anything shaped like a JWT.
var jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)

// redact removes every known secret value, secret-named JSON member or form
// parameter, and JWT-shaped string from s. A secret value is also found in
// the escaped forms a server echoing it may use: JSON (with or without "/"
// escaped, as PHP writes it) and URL encoding, matched without regard to
// ASCII case (so %2f and \u003C count too), and inside any JSON string
// literal whose escapes, once decoded, spell one of them.
func redact(s string, secrets []string) string {
	if s == "" {
		return s
	}
	if m := newSecretMatcher(secrets); m != nil {
		s = m.redactJSONStrings(s)
		s = m.replace(s)
	}
	s = redactJSONFields(s)
	s = redactFormFields(s)
	s = jwtLike.ReplaceAllString(s, redacted)
	return s
}

// span is a stretch of text, s[start:end], to be replaced by repl.
type span struct {
	start, end int
	repl       string
}

// replaceSpans replaces the spans in s; a span that starts inside an
// earlier one (in start order) is dropped.
func replaceSpans(s string, spans []span) string {
	if len(spans) == 0 {
		return s
	}
	slices.SortStableFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	done := 0
	for _, sp := range spans {
		if sp.start < done {
			continue
		}
		b.WriteString(s[done:sp.start])
		b.WriteString(sp.repl)
		done = sp.end
	}
	b.WriteString(s[done:])
	return b.String()
}

// redactJSONFields replaces every JSON string member named in
// jsonSecretNames (in any ASCII case), "name" : "value", by
// "name":"[REDACTED]". The value must be a closed string literal.
func redactJSONFields(s string) string {
	folded := asciiLower(s)
	var spans []span
	for _, name := range jsonSecretNames {
		quoted := `"` + name + `"`
		for from := 0; ; {
			i := strings.Index(folded[from:], quoted)
			if i < 0 {
				break
			}
			start := from + i
			from = start + 1
			j := skipJSONSpace(s, start+len(quoted))
			if j == len(s) || s[j] != ':' {
				continue
			}
			if j = skipJSONSpace(s, j+1); j == len(s) || s[j] != '"' {
				continue
			}
			end := closingQuote(s, j)
			if end < 0 {
				continue
			}
			spans = append(spans, span{start, end + 1, s[start:start+len(quoted)] + `:"` + redacted + `"`})
		}
	}
	return replaceSpans(s, spans)
}

// skipJSONSpace returns the index of the first byte at or after i that is
// not white space (\t, \n, \f, \r or space).
func skipJSONSpace(s string, i int) int {
	for i < len(s) && strings.IndexByte("\t\n\f\r ", s[i]) >= 0 {
		i++
	}
	return i
}

// closingQuote returns the index of the quote that closes the string
// literal opened at s[open], or -1.
func closingQuote(s string, open int) int {
	for j := open + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// redactFormFields replaces the value of every form or query parameter
// named in formSecretNames (in any ASCII case), name=value, by
// "[REDACTED]"; also when the form is quoted inside a JSON string. The name
// must start the text or follow one of ?&"' or white space; the value runs
// to the next &, quote or white space.
func redactFormFields(s string) string {
	folded := asciiLower(s)
	var spans []span
	for _, name := range formSecretNames {
		pattern := name + "="
		for from := 0; ; {
			i := strings.Index(folded[from:], pattern)
			if i < 0 {
				break
			}
			start := from + i
			from = start + 1
			if start > 0 && strings.IndexByte("?&\"'\t\n\f\r ", s[start-1]) < 0 {
				continue
			}
			v := start + len(pattern)
			end := v
			for end < len(s) && strings.IndexByte("&\"'\t\n\f\r ", s[end]) < 0 {
				end++
			}
			// The span starts at the name, so a name inside an earlier
			// value (already redacted) is not redacted twice.
			spans = append(spans, span{start, end, s[start:v] + redacted})
		}
	}
	return replaceSpans(s, spans)
}

// secretMatcher finds the forms (see secretForms) of a set of secrets,
// ignoring ASCII case. Folding only A-Z keeps every byte where it is, so
// offsets in the folded text are offsets in the original, whatever it
// holds (a rune such as U+212A KELVIN SIGN, which Unicode folds to an
// ASCII k, is left alone).
type secretMatcher struct {
	forms  []string // ASCII lower case, without duplicates, longest first
	minLen int      // length of the shortest form
}

// newSecretMatcher returns a matcher for secrets, or nil when there is
// nothing to find.
func newSecretMatcher(secrets []string) *secretMatcher {
	m := &secretMatcher{}
	for _, v := range secrets {
		for _, f := range secretForms(v) {
			if f = asciiLower(f); !slices.Contains(m.forms, f) {
				m.forms = append(m.forms, f)
			}
		}
	}
	if len(m.forms) == 0 {
		return nil
	}
	slices.SortStableFunc(m.forms, func(a, b string) int { return len(b) - len(a) })
	m.minLen = len(m.forms[len(m.forms)-1])
	return m
}

// replace returns s with every stretch covered by an occurrence of a form
// replaced by "[REDACTED]"; overlapping occurrences make one stretch.
func (m *secretMatcher) replace(s string) string {
	if len(s) < m.minLen {
		return s
	}
	folded := asciiLower(s)
	var spans [][2]int
	for _, f := range m.forms {
		for from := 0; ; {
			i := strings.Index(folded[from:], f)
			if i < 0 {
				break
			}
			start := from + i
			spans = append(spans, [2]int{start, start + len(f)})
			from = start + 1
		}
	}
	if len(spans) == 0 {
		return s
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	done := 0
	for i := 0; i < len(spans); {
		start, end := spans[i][0], spans[i][1]
		for i++; i < len(spans) && spans[i][0] <= end; i++ {
			end = max(end, spans[i][1])
		}
		b.WriteString(s[done:start])
		b.WriteString(redacted)
		done = end
	}
	b.WriteString(s[done:])
	return b.String()
}

// contains reports whether s holds a form, ignoring ASCII case.
func (m *secretMatcher) contains(s string) bool {
	if len(s) < m.minLen {
		return false
	}
	folded := asciiLower(s)
	for _, f := range m.forms {
		if strings.Contains(folded, f) {
			return true
		}
	}
	return false
}

// redactJSONStrings replaces each JSON string literal in s that has escapes
// and, decoded, holds a form by "[REDACTED]" in quotes. Literals without
// escapes are left to replace; s need not be valid JSON, and a literal
// left open runs to the end of s.
func (m *secretMatcher) redactJSONStrings(s string) string {
	var (
		b       strings.Builder
		decoded []byte
		done    int
	)
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		end, escaped := len(s), false
		for j := i + 1; j < len(s); j++ {
			if s[j] == '\\' {
				escaped = true
				j++
			} else if s[j] == '"' {
				end = j
				break
			}
		}
		// Decoding never lengthens text, so a shorter literal cannot hold a form.
		if escaped && end-i-1 >= m.minLen {
			decoded = unescapeJSON(decoded[:0], s[i+1:end])
			if m.contains(string(decoded)) {
				b.WriteString(s[done:i])
				b.WriteString(`"` + redacted + `"`)
				done = min(end+1, len(s))
			}
		}
		i = end
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// unescapeJSON appends the decoded content of a JSON string literal (the
// text between the quotes) to dst. It is lenient: an unknown escape stands
// for its character, and a bad or cut \u escape for U+FFFD.
func unescapeJSON(dst []byte, lit string) []byte {
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if c != '\\' || i+1 == len(lit) {
			dst = append(dst, c)
			continue
		}
		i++
		switch c = lit[i]; c {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r, n := hexRune(lit[i+1:])
			i += n
			if utf16.IsSurrogate(r) && strings.HasPrefix(lit[i+1:], `\u`) {
				if r2, n2 := hexRune(lit[i+3:]); n2 == 4 {
					if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
						r = pair
						i += 2 + n2
					}
				}
			}
			dst = utf8.AppendRune(dst, r)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// hexRune reads the four hex digits of a \u escape from the start of s; n
// is how many bytes it used (4, or 0 with U+FFFD when they are not there).
func hexRune(s string) (r rune, n int) {
	if len(s) < 4 {
		return utf8.RuneError, 0
	}
	v, err := strconv.ParseUint(s[:4], 16, 32)
	if err != nil {
		return utf8.RuneError, 0
	}
	return rune(v), 4
}

// asciiLower returns s with A-Z in lower case and every other byte as is.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// secretForms returns v and its escaped forms, without duplicates; nil for
// an empty v.
func secretForms(v string) []string {
	if v == "" {
		return nil
	}
	forms := []string{v}
	add := func(f string) {
		if f != "" && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	for _, escapeHTML := range []bool{false, true} {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		if enc.Encode(v) == nil {
			js := strings.TrimSuffix(b.String(), "\n")
			js = js[1 : len(js)-1] // drop the quotes
			add(js)
			add(strings.ReplaceAll(js, "/", `\/`))
		}
	}
	add(asciiJSON(v))
	add(hexQuoteJSON(v))
	add(url.QueryEscape(v))
	add(url.PathEscape(v))
	return forms
}

// asciiJSON is v as PHP's json_encode writes it by default: JSON with every
// non-ASCII character and "/" escaped. Other escapes follow
// encoding/json; the matcher ignores the case of the hex digits.
func asciiJSON(v string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // PHP leaves <, > and & alone by default
	if enc.Encode(v) != nil {
		return ""
	}
	js := strings.TrimSuffix(b.String(), "\n")
	var out strings.Builder
	for _, r := range js[1 : len(js)-1] {
		switch {
		case r == '/':
			out.WriteString(`\/`)
		case r < utf8.RuneSelf:
			out.WriteRune(r)
		default:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&out, `\u%04x`, u)
			}
		}
	}
	return out.String()
}

// hexQuoteJSON is v as JSON with <, >, &, ' and " written as \u00XX, as
// PHP's json_encode writes them with JSON_HEX_TAG, JSON_HEX_AMP,
// JSON_HEX_APOS and JSON_HEX_QUOT.
func hexQuoteJSON(v string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b) // escapes <, > and &
	if enc.Encode(v) != nil {
		return ""
	}
	js := strings.TrimSuffix(b.String(), "\n")
	js = js[1 : len(js)-1]
	return strings.NewReplacer(`\"`, `\u0022`, "'", `\u0027`).Replace(js)
}

// bodyExcerpt returns the body with secrets redacted, control characters and
// runs of white space collapsed to single spaces, cut to maxBodyExcerpt bytes.
func bodyExcerpt(body []byte, secrets []string) string {
	s := redact(strings.ToValidUTF8(string(body), "\uFFFD"), secrets)
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return excerpt(b.String(), maxBodyExcerpt)
}

// excerpt cuts s to at most n bytes on a rune boundary, marking the cut.
func excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
