package transport

import (
	"bytes"
	"encoding/json"
	"strings"
)

// This file decodes error documents into the Code, Message and Fields of an
// APIError. The common shapes do not clash, so one lenient decoder reads all
// of them:
//
//	code and message   {"code": "bad_request", "message": "..."}
//	OAuth 2.0          {"error": "access_denied", "error_description" | "message": "..."}
//	nested object      {"success": false, "error": {"code", "message" | "description", "class_name"}}
//	success flag       {"success": false, "message": "..."}
//	message list       [{"message_code", "message_type", "message"}]
//	error code/details {"id", "timestamp", "errorCode", "errorDetails"}
//	code/description   {"id", "timestamp", "code", "description"}
//	field errors       {"message", "errors": [...] | {"field": ["..."]}, "code"?}
//	JSON:API           {"errors": [{"title", "detail", "code", "source": {"pointer"}}]}
//
// A body that is not JSON (an HTML page from a proxy, or nothing) leaves the
// fields empty; APIError.Error then shows a short excerpt of it. A profile
// with a shape of its own sets [Profile.DecodeError].

// errorDoc is the union of the members of every known error object.
type errorDoc struct {
	Code             json.RawMessage `json:"code"`
	Message          json.RawMessage `json:"message"`
	Error            json.RawMessage `json:"error"`
	ErrorDescription json.RawMessage `json:"error_description"`
	Errors           json.RawMessage `json:"errors"`
	ErrorCode        json.RawMessage `json:"errorCode"`
	ErrorDetails     json.RawMessage `json:"errorDetails"`
	Description      json.RawMessage `json:"description"`
	Title            json.RawMessage `json:"title"`
	Detail           json.RawMessage `json:"detail"`
}

// nestedError is a nested "error" object.
type nestedError struct {
	Code        json.RawMessage `json:"code"`
	Message     json.RawMessage `json:"message"`
	Description json.RawMessage `json:"description"`
	ClassName   json.RawMessage `json:"class_name"`
}

// itemError is one element of an "errors" array (JSON:API, field errors) or
// of a top-level message list.
type itemError struct {
	Title       json.RawMessage `json:"title"`
	Detail      json.RawMessage `json:"detail"`
	Code        json.RawMessage `json:"code"`
	Message     json.RawMessage `json:"message"`
	MessageCode json.RawMessage `json:"message_code"`
	Field       json.RawMessage `json:"field"`
	Path        json.RawMessage `json:"path"`
	Source      *struct {
		Pointer   string `json:"pointer"`
		Parameter string `json:"parameter"`
	} `json:"source"`
}

// DecodeErrorBody fills e.Code, e.Message and e.Fields from the raw body of
// an error answer, reading the common shapes listed in this file (code and
// message, OAuth 2.0, nested error objects, message lists, field-error maps
// and JSON:API errors). It never fails: what it cannot read it leaves empty.
// Secret-looking text is redacted. It is the default [Profile.DecodeError],
// and a profile's own decoder may call it first.
func DecodeErrorBody(e *APIError, body []byte) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return
	}
	switch body[0] {
	case '[':
		var items []itemError
		if json.Unmarshal(body, &items) == nil {
			decodeItems(e, items)
		}
	case '{':
		var d errorDoc
		if json.Unmarshal(body, &d) != nil {
			return
		}
		decodeDoc(e, &d)
	}
	e.Code = redactString(e.Code)
	e.Message = redactString(e.Message)
	for i := range e.Fields {
		f := &e.Fields[i]
		f.Code = redactString(f.Code)
		f.Message = redactString(f.Message)
	}
}

// decodeDoc reads the members of an error object.
func decodeDoc(e *APIError, d *errorDoc) {
	e.Code = first(text(d.Code), text(d.ErrorCode))
	msg := first(text(d.Message), text(d.Description), text(d.ErrorDetails))

	switch raw := bytes.TrimSpace(d.Error); {
	case len(raw) > 0 && raw[0] == '{':
		var n nestedError
		if json.Unmarshal(raw, &n) == nil {
			e.Code = first(text(n.Code), e.Code)
			msg = first(text(n.Message), text(n.Description), msg)
			if e.Code == "" {
				e.Code = text(n.ClassName)
			}
		}
	case len(raw) > 0 && raw[0] == '"':
		// OAuth 2.0 style: "error" is the code.
		e.Code = first(e.Code, text(raw))
		msg = first(text(d.ErrorDescription), msg)
	}

	if raw := bytes.TrimSpace(d.Errors); len(raw) > 0 {
		switch raw[0] {
		case '[':
			var items []itemError
			if json.Unmarshal(raw, &items) == nil {
				decodeItems(e, items)
			} else {
				var ss []string
				if json.Unmarshal(raw, &ss) == nil {
					for _, s := range ss {
						e.Fields = append(e.Fields, FieldError{Message: s})
					}
				}
			}
		case '{':
			decodeFieldMap(e, raw)
		}
	}
	if msg == "" {
		// A lone JSON:API error object at the top level.
		msg = joinTitleDetail(text(d.Title), text(d.Detail))
	}
	if msg != "" {
		e.Message = msg
	}
}

// decodeItems reads a list of error objects: JSON:API errors, a message
// list, or field errors. Items that name a
// field become FieldErrors; the message summarises all items.
func decodeItems(e *APIError, items []itemError) {
	var msgs []string
	for _, it := range items {
		f := FieldError{
			Code:    first(text(it.Code), text(it.MessageCode)),
			Message: first(text(it.Detail), text(it.Message), text(it.Title)),
		}
		if it.Source != nil {
			f.Pointer = it.Source.Pointer
			if f.Pointer == "" {
				f.Field = it.Source.Parameter
			}
		}
		if f.Field == "" {
			f.Field = first(text(it.Field), text(it.Path))
		}
		if f.Field == "" && f.Pointer != "" {
			f.Field = f.Pointer[strings.LastIndexByte(f.Pointer, '/')+1:]
		}
		if e.Code == "" {
			e.Code = f.Code
		}
		if f.Field != "" || f.Pointer != "" {
			e.Fields = append(e.Fields, f)
			if f.Message != "" {
				msgs = append(msgs, f.Field+": "+f.Message)
			}
			continue
		}
		if m := joinTitleDetail(text(it.Title), first(text(it.Detail), text(it.Message))); m != "" {
			msgs = append(msgs, m)
		}
	}
	if len(msgs) > 0 {
		e.Message = strings.Join(msgs, "; ")
	}
}

// decodeFieldMap reads {"field": "message"} or {"field": ["message", ...]}.
func decodeFieldMap(e *APIError, raw []byte) {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return
	}
	start := len(e.Fields)
	for k, v := range m {
		var list []string
		if json.Unmarshal(v, &list) == nil {
			for _, s := range list {
				e.Fields = append(e.Fields, FieldError{Field: k, Message: s})
			}
			continue
		}
		e.Fields = append(e.Fields, FieldError{Field: k, Message: text(v)})
	}
	// Map order is random; sort the new fields for stable messages.
	fs := e.Fields[start:]
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Field < fs[j-1].Field; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// joinTitleDetail joins a JSON:API title and detail, dropping either when
// empty or when one repeats the other.
func joinTitleDetail(title, detail string) string {
	switch {
	case title == "":
		return detail
	case detail == "" || strings.EqualFold(title, detail):
		return title
	}
	return title + ": " + detail
}

// text returns a JSON scalar as text: a string unquoted, a number or bool
// verbatim, an object or array compacted (at most 200 bytes), null as "".
// Surrounding white space is trimmed.
func text(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return ""
		}
		return strings.TrimSpace(s)
	case '{', '[':
		var b bytes.Buffer
		if json.Compact(&b, raw) != nil {
			return ""
		}
		s := b.String()
		if len(s) > 200 {
			s = s[:200] + "…"
		}
		return s
	}
	return string(raw)
}

// first returns the first non-empty string.
func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// isFalse reports whether a raw JSON value means false: false, "false", 0 or "0".
func isFalse(raw []byte) bool {
	switch string(raw) {
	case "false", `"false"`, "0", `"0"`, `"FALSE"`, `"False"`:
		return true
	}
	return false
}

// successFailure reports whether a successful answer is in fact a failure:
// the first top-level member called member is false (see [isFalse]). Only
// the top level is scanned.
func successFailure(body []byte, member string) bool {
	raw, ok := topLevelField(body, member)
	return ok && isFalse(raw)
}

// peekSize is how many bytes of a body with a success member [Client.Do]
// reads to find a leading true member; a start longer than that is
// buffered.
const peekSize = 64

// Verdicts of successPrefix.
const (
	prefixMore    = iota // undecided: the bytes so far are a prefix of a success start
	prefixSuccess        // the first member is the success member with a true value
	prefixCheck          // anything else: buffer the body and check it whole
)

// successPrefix classifies the start of a body. It returns prefixSuccess
// only when b opens a JSON object whose first member is member (written
// exactly so, without escapes) with the value true, 1, "true" or "1",
// followed by white space, ',' or '}'; white space is allowed where JSON
// allows it. successFailure, which also judges by the first top-level member
// of that name, reports no failure for every such body, so streaming it
// unchecked gives the same verdict as buffering it. prefixMore means b is too
// short to tell.
func successPrefix(b []byte, member string) int {
	i := skipSpace(b, 0)
	for _, want := range [...]string{"{", `"` + member + `"`, ":"} {
		if i == len(b) {
			return prefixMore
		}
		n := min(len(want), len(b)-i)
		if string(b[i:i+n]) != want[:n] {
			return prefixCheck
		}
		if n < len(want) {
			return prefixMore
		}
		i = skipSpace(b, i+n)
	}
	rest, more := b[i:], false
	for _, v := range [...]string{"true", "1", `"true"`, `"1"`} {
		switch {
		case len(rest) > len(v):
			if string(rest[:len(v)]) == v {
				switch rest[len(v)] {
				case ' ', '\t', '\r', '\n', ',', '}':
					return prefixSuccess
				}
			}
		case string(rest) == v[:len(rest)]:
			more = true
		}
	}
	if more {
		return prefixMore
	}
	return prefixCheck
}

// redactString is redactText for strings.
func redactString(s string) string {
	if s == "" {
		return s
	}
	if r := redactText([]byte(s)); string(r) != s {
		return string(r)
	}
	return s
}
