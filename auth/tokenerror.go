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

// maxBodyExcerpt bounds TokenError.Body.
const maxBodyExcerpt = 512

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
			reason += " (content type " + ct + ")"
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

var (
	// jsonSecretField matches a JSON string member whose name marks a secret.
	jsonSecretField = regexp.MustCompile(`(?i)"(access_token|refresh_token|id_token|client_secret|code_verifier|password|assertion|api_key|apikey|x-api-key)"\s*:\s*"(?:[^"\\]|\\.)*"`)
	// formSecretField matches a form/query parameter whose name marks a
	// secret, also when the form is quoted inside a JSON string.
	formSecretField = regexp.MustCompile(`(?i)(^|[?&\s"'])(access_token|refresh_token|id_token|client_secret|code_verifier|password|assertion|code|api_key|apikey|x-api-key)=[^&\s"']*`)
	// jwtLike matches anything shaped like a JWT.
	jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*`)
)

// redact removes every known secret value, secret-named JSON member or form
// parameter, and JWT-shaped string from s. A secret value is also found in
// the escaped forms a server echoing it may use: JSON (with or without "/"
// escaped, as PHP writes it) and URL encoding.
func redact(s string, secrets []string) string {
	if s == "" {
		return s
	}
	for _, v := range secrets {
		for _, form := range secretForms(v) {
			s = strings.ReplaceAll(s, form, redacted)
		}
	}
	s = jsonSecretField.ReplaceAllString(s, `"$1":"`+redacted+`"`)
	s = formSecretField.ReplaceAllString(s, `$1$2=`+redacted)
	s = jwtLike.ReplaceAllString(s, redacted)
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
	add(url.QueryEscape(v))
	add(url.PathEscape(v))
	return forms
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
