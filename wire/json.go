package wire

import (
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// kind classifies a JSON scalar.
type kind uint8

const (
	kindInvalid kind = iota // not a JSON scalar (object, array or malformed)
	kindNull
	kindString
	kindNumber
	kindTrue
	kindFalse
)

// scalar classifies the JSON value b and returns its content: the unescaped
// text of a string or the literal text of any other token. The content aliases
// b unless the string held escape sequences or invalid UTF-8.
func scalar(b []byte) (kind, []byte) {
	b = trimSpace(b)
	if len(b) == 0 {
		return kindInvalid, b
	}
	switch b[0] {
	case '"':
		if s, ok := unquote(b); ok {
			return kindString, s
		}
	case 'n':
		if string(b) == "null" {
			return kindNull, b
		}
	case 't':
		if string(b) == "true" {
			return kindTrue, b
		}
	case 'f':
		if string(b) == "false" {
			return kindFalse, b
		}
	default:
		if isNumber(b, true) {
			return kindNumber, b
		}
	}
	return kindInvalid, b
}

// trimSpace removes JSON white space around b.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits returns the length of the run of ASCII digits at the start of b.
func digits(b []byte) int {
	n := 0
	for n < len(b) && isDigit(b[n]) {
		n++
	}
	return n
}

// scanDecimal reports the length of the longest prefix of b of the form
// [+-]digits[.digits], or 0 when b does not start with one.
func scanDecimal(b []byte) int {
	i := 0
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		i++
	}
	n := digits(b[i:])
	if n == 0 {
		return 0
	}
	i += n
	if i < len(b) && b[i] == '.' {
		n = digits(b[i+1:])
		if n == 0 {
			return 0
		}
		i += 1 + n
	}
	return i
}

// isNumber reports whether b is a whole number of the form
// [+-]digits[.digits], followed by an exponent [eE][+-]digits when exp is
// set. It is a superset of the JSON number grammar (it allows a plus sign and
// leading zeros, as lenient numeric strings need).
func isNumber(b []byte, exp bool) bool {
	i := scanDecimal(b)
	if i == 0 {
		return false
	}
	if exp && i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		n := digits(b[i:])
		if n == 0 {
			return false
		}
		i += n
	}
	return i == len(b)
}

// unquote returns the content of the JSON string b. Without escapes or
// invalid UTF-8 it returns a sub-slice of b and does not allocate.
func unquote(b []byte) ([]byte, bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return nil, false
	}
	s := b[1 : len(b)-1]
	ascii := true
	for i, c := range s {
		switch {
		case c == '\\' || c == '"' || c < 0x20:
			if !ascii {
				i = 0 // the prefix may hold invalid UTF-8 to replace
			}
			return unescape(s, i)
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	if !ascii && !utf8.Valid(s) {
		return unescape(s, 0)
	}
	return s, true
}

// unescape decodes the JSON string content s, of which the first n bytes
// need no decoding. Like encoding/json it replaces invalid UTF-8 and unpaired
// surrogates with U+FFFD.
func unescape(s []byte, n int) ([]byte, bool) {
	out := make([]byte, n, len(s)+8)
	copy(out, s[:n])
	for i := n; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c < 0x20:
			return nil, false
		case c == '\\':
			if i+1 >= len(s) {
				return nil, false
			}
			switch e := s[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(s[i+2:])
				if r < 0 {
					return nil, false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
						r2 = hex4(s[i+2:])
					}
					if d := utf16.DecodeRune(r, r2); d != unicode.ReplacementChar {
						r = d
						i += 6
					} else {
						r = unicode.ReplacementChar
					}
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return nil, false
			}
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			out = utf8.AppendRune(out, r) // RuneError for invalid bytes, as encoding/json does
			i += size
		}
	}
	return out, true
}

// hex4 decodes four hexadecimal digits at the start of b, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 4 {
		return -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s to dst as a JSON string. Invalid UTF-8 becomes
// U+FFFD; HTML characters are left for encoding/json to escape (or not).
func appendQuoted(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// quoted returns s as a JSON string.
func quoted(s string) []byte {
	return appendQuoted(make([]byte, 0, len(s)+2), s)
}

// maxShown is how many bytes of an offending value an error shows.
const maxShown = 40

// valueError reports a value that a wire type cannot decode or encode.
type valueError struct {
	op    string // "decode" or "encode"
	value string // the value as shown: a JSON token or a quoted text
	typ   string
}

func (e *valueError) Error() string {
	return "wire: cannot " + e.op + " " + e.value + " as " + e.typ
}

// jsonError reports that the JSON value b cannot be decoded as typ. The value
// is shown as the JSON token it was, truncated.
func jsonError(typ string, b []byte) error {
	b = trimSpace(b)
	cut := len(b) > maxShown
	if cut {
		b = b[:maxShown]
	}
	v := string(b)
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			v = strconv.Quote(v)
			break
		}
	}
	if cut {
		v += "..."
	}
	return &valueError{op: "decode", value: v, typ: typ}
}

// textError reports that the text b cannot be decoded as typ.
func textError(typ string, b []byte) error {
	return &valueError{op: "decode", value: shown(string(b)), typ: typ}
}

// encodeError reports that v cannot be encoded as typ.
func encodeError(typ, v string) error {
	return &valueError{op: "encode", value: v, typ: typ}
}

// shown quotes s for an error message, truncated.
func shown(s string) string {
	if len(s) > maxShown {
		return strconv.Quote(s[:maxShown]) + "..."
	}
	return strconv.Quote(s)
}
