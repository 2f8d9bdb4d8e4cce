package transport

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors matched by [APIError.Is], so callers can write
// errors.Is(err, transport.ErrNotFound) whatever the provider.
var (
	// ErrUnauthorized matches an HTTP 401 answer: the credential is missing,
	// expired or revoked.
	ErrUnauthorized = errors.New("transport: unauthorized")
	// ErrPaymentRequired matches an HTTP 402 answer, which some APIs send
	// when the account lacks the paid add-on an endpoint needs.
	ErrPaymentRequired = errors.New("transport: payment required")
	// ErrForbidden matches an HTTP 403 answer: the credential lacks a scope or
	// permission.
	ErrForbidden = errors.New("transport: forbidden")
	// ErrNotFound matches an HTTP 404 answer.
	ErrNotFound = errors.New("transport: not found")
	// ErrConflict matches an HTTP 409 answer.
	ErrConflict = errors.New("transport: conflict")
	// ErrValidation matches an HTTP 400 or 422 answer and any error that
	// carries field errors.
	ErrValidation = errors.New("transport: validation failed")
	// ErrRateLimited matches an HTTP 429 answer.
	ErrRateLimited = errors.New("transport: rate limited")
	// ErrConsentRequired matches an answer saying the connection itself is
	// gone and no token refresh can bring it back: the application was
	// disconnected, or the user who approved it is no longer active. The
	// account owner must go through consent again. Profiles mark such
	// answers with [APIError.Kind].
	ErrConsentRequired = errors.New("transport: consent required")
	// ErrUnavailable matches answers that say the provider, or a proxy or
	// firewall in front of it, could not serve the request: HTTP 500, 502,
	// 503 and 504, and an HTTP 403 whose body is an HTML page (or another
	// answer a profile marks so, such as an empty 403), which is a block by a
	// web application firewall, not a refused credential. Such a 403 does not
	// match [ErrForbidden] and never triggers a token refresh.
	ErrUnavailable = errors.New("transport: provider unavailable")
	// ErrRedirect matches an HTTP 3xx answer other than 304. API calls never
	// follow redirects, so credentials and tenant headers stay with the
	// configured host; the answer's Location is kept in [APIError.Header]
	// and named in the message.
	ErrRedirect = errors.New("transport: redirect not followed")
)

// FieldError is one problem with one field of a request, as reported by the
// provider (for example a JSON:API error with a source pointer).
type FieldError struct {
	// Field is the field name, the last element of Pointer when the provider
	// reports only a pointer (for example "name").
	Field string
	// Pointer is the JSON pointer into the request document, when the
	// provider gives one (for example "/data/attributes/name").
	Pointer string
	// Code is the provider's machine-readable code for the problem, if any.
	Code string
	// Message is the provider's human-readable description.
	Message string
}

// APIError is the error returned by [Client.Do] when a provider answers with
// a status outside 2xx, or with a success status whose body reports a failure
// (a [Profile.SuccessMember] set to false). It keeps everything the answer
// carried, so no information is lost when the generated client's typed
// response is not returned.
//
// Use errors.As to reach it and errors.Is with the sentinel errors
// ([ErrNotFound], [ErrRateLimited], ...) to classify it. Error never
// contains a credential: URL and Body are redacted when the error is built.
type APIError struct {
	// Provider is the API that answered.
	Provider Provider
	// StatusCode is the HTTP status code (a 2xx for a success member set to
	// false).
	StatusCode int
	// Method is the HTTP method of the request.
	Method string
	// URL is the request URL with secret query parameters redacted.
	URL string
	// Code is the provider's machine-readable error code, if any (for example
	// "RESOURCE_NOT_FOUND").
	Code string
	// Message is the provider's human-readable error message, if any.
	Message string
	// Fields lists per-field problems, if the provider reported any.
	Fields []FieldError
	// RequestID is the provider's request identifier from X-Request-ID or a
	// similar response header, for support tickets.
	RequestID string
	// Header is the response header, with cookie and credential headers
	// redacted.
	Header http.Header
	// Body is the response body (at most 1 MiB) with secret-looking JSON and
	// form fields redacted.
	Body []byte
	// RetryAfter is the wait the provider asked for in a Retry-After header,
	// or zero.
	RetryAfter time.Duration

	// Kind is the sentinel the answer means when its status alone does not
	// say, as the profile's [Profile.Classify] (or the transport, for an
	// HTML 403) judged it: for example [ErrUnauthorized] for an expired
	// token reported with HTTP 200, or [ErrConsentRequired]. errors.Is
	// matches it in addition to the status's sentinel ([ErrUnavailable]
	// replaces [ErrForbidden]). Nil when the status says it all.
	Kind error
}

var _ error = (*APIError)(nil)

// Error returns a one-line, lower-case description such as
// "transport: shop: 404 Not Found: GET https://api.example.com/v3/staff/1: not_found: staff not found".
// When the body could not be decoded, a short excerpt of it is included.
func (e *APIError) Error() string {
	var b strings.Builder
	b.Grow(96 + len(e.URL) + len(e.Message))
	b.WriteString("transport: ")
	if e.Provider != "" {
		b.WriteString(string(e.Provider))
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if e.StatusCode >= 200 && e.StatusCode < 300 {
		b.WriteString(" (success false)")
	}
	if e.Method != "" || e.URL != "" {
		b.WriteString(": ")
		b.WriteString(e.Method)
		if e.Method != "" && e.URL != "" {
			b.WriteByte(' ')
		}
		b.WriteString(e.URL)
	}
	if e.Code != "" {
		b.WriteString(": ")
		b.WriteString(e.Code)
	}
	msg := e.Message
	if msg == "" && len(e.Fields) > 0 {
		msg = fieldsMessage(e.Fields)
	}
	if msg != "" {
		b.WriteString(": ")
		writeOneLine(&b, msg)
	}
	if e.Code == "" && msg == "" {
		if ex := excerpt(e.Body, 160); ex != "" {
			b.WriteString(": body: ")
			b.WriteString(strconv.Quote(ex))
		}
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteByte(')')
	}
	return b.String()
}

// Is reports whether e matches one of the package's sentinel errors, so that
// errors.Is(err, ErrNotFound) works on any wrapped APIError.
func (e *APIError) Is(target error) bool {
	if e.Kind != nil && target == e.Kind {
		return true
	}
	if e.Kind == ErrUnavailable && target == ErrForbidden {
		return false
	}
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrPaymentRequired:
		return e.StatusCode == http.StatusPaymentRequired
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrValidation:
		return e.StatusCode == http.StatusBadRequest ||
			e.StatusCode == http.StatusUnprocessableEntity || len(e.Fields) > 0
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrUnavailable:
		switch e.StatusCode {
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
	case ErrRedirect:
		return e.StatusCode >= 300 && e.StatusCode < 400 && e.StatusCode != http.StatusNotModified
	}
	return false
}

// needsReauthorization reports whether e says the credential was refused
// in a way a fresh token may fix: HTTP 401, or an answer the profile marked
// [ErrUnauthorized] (an expired token reported with 200 or 403).
func (e *APIError) needsReauthorization() bool {
	if e.Kind != nil {
		return e.Kind == ErrUnauthorized
	}
	return e.StatusCode == http.StatusUnauthorized
}

// writeOneLine writes s with line breaks replaced by spaces.
func writeOneLine(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = strings.TrimLeft(s[i:], "\r\n")
	}
}

// fieldsMessage joins field errors as "name: can't be blank; password: is too short".
func fieldsMessage(fs []FieldError) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("; ")
		}
		name := f.Field
		if name == "" {
			name = f.Pointer
		}
		if name != "" {
			b.WriteString(name)
			if f.Message != "" {
				b.WriteString(": ")
			}
		}
		b.WriteString(f.Message)
	}
	return b.String()
}

// requestIDHeaders are the response headers providers and their proxies use
// for a request identifier, most specific first.
var requestIDHeaders = [...]string{
	"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid",
	"X-Amz-Request-Id", "X-Amzn-Trace-Id", "Cf-Ray",
}

// requestID returns the first request identifier found in h.
func requestID(h http.Header) string {
	for _, k := range requestIDHeaders {
		if v := h[k]; len(v) > 0 && v[0] != "" {
			return v[0]
		}
	}
	return ""
}

// excerpt returns a short, single-line, human-readable excerpt of a body:
// the <title> of an HTML page, otherwise the text with markup removed and
// white space collapsed, cut to at most max bytes.
func excerpt(body []byte, max int) string {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return ""
	}
	if len(body) > 4096 {
		body = body[:4096]
	}
	if body[0] == '<' {
		lower := bytes.ToLower(body)
		if i := bytes.Index(lower, []byte("<title>")); i >= 0 {
			rest := body[i+len("<title>"):]
			if j := bytes.Index(bytes.ToLower(rest), []byte("</title>")); j >= 0 && j > 0 {
				body = rest[:j]
			}
		}
	}
	var b strings.Builder
	inTag, space := false, false
	for _, r := range string(body) {
		switch {
		case r == '<':
			inTag = true
			continue
		case r == '>' && inTag:
			inTag = false
			space = true
			continue
		case inTag:
			continue
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = true
			continue
		case r == utf8.RuneError:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if b.Len()+utf8.RuneLen(r) > max {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

// classifyBlock sets e.Kind to [ErrUnavailable] for a 403 whose body is an
// HTML page: a firewall or proxy in front of the API sent it, not the API.
func classifyBlock(e *APIError, body []byte) {
	if e.StatusCode != http.StatusForbidden || e.Kind != nil {
		return
	}
	if b := bytes.TrimSpace(body); len(b) > 0 && b[0] == '<' {
		e.Kind = ErrUnavailable
	}
}
