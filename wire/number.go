package wire

import (
	"bytes"
	"math"
	"strconv"
)

// Int is an integer that arrives as a JSON number or a numeric string.
//
// It decodes 2, "2", "-7" and integral decimals such as "2.0" or 2.00; "",
// null and an absent field give 0. It rejects fractions such as 2.5,
// exponents, booleans, out-of-range values and any other text. It marshals
// as a JSON number.
type Int int64

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (i *Int) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*i = 0
		return nil
	case kindString, kindNumber:
		if n, ok := parseInt(v); ok {
			*i = Int(n)
			return nil
		}
	}
	return jsonError("Int", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the same
// forms as a JSON string.
func (i *Int) UnmarshalText(b []byte) error {
	n, ok := parseInt(b)
	if !ok {
		return textError("Int", b)
	}
	*i = Int(n)
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler].
func (i Int) MarshalJSON() ([]byte, error) { return i.MarshalText() }

// MarshalText implements [encoding.TextMarshaler]; the text is the decimal
// integer.
func (i Int) MarshalText() ([]byte, error) {
	return strconv.AppendInt(make([]byte, 0, 20), int64(i), 10), nil
}

// String returns i in decimal.
func (i Int) String() string { return strconv.FormatInt(int64(i), 10) }

// parseInt parses [+-]digits[.zeros] without allocating; "" is 0.
func parseInt(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, true
	}
	if n := scanDecimal(b); n != len(b) {
		return 0, false
	}
	neg := b[0] == '-'
	if b[0] == '+' || b[0] == '-' {
		b = b[1:]
	}
	if dot := bytes.IndexByte(b, '.'); dot >= 0 {
		for _, c := range b[dot+1:] {
			if c != '0' {
				return 0, false
			}
		}
		b = b[:dot]
	}
	var u uint64
	for _, c := range b {
		if u > (math.MaxUint64-9)/10 {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	switch {
	case !neg && u <= math.MaxInt64:
		return int64(u), true
	case neg && u <= -math.MinInt64:
		return -int64(u), true
	}
	return 0, false
}

// Float is a floating-point number that arrives as a JSON number or a
// numeric string.
//
// It decodes 12.5, "12.5", "1e3" and "-0.25"; "", null and an absent field
// give 0. It rejects NaN, infinities, out-of-range values, booleans and any
// other text. It marshals as a plain JSON number that never uses exponent
// notation (strconv format 'f', shortest precision), as strict APIs expect.
type Float float64

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (f *Float) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*f = 0
		return nil
	case kindString, kindNumber:
		if x, ok := parseFloat(v); ok {
			*f = Float(x)
			return nil
		}
	}
	return jsonError("Float", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the same
// forms as a JSON string.
func (f *Float) UnmarshalText(b []byte) error {
	x, ok := parseFloat(b)
	if !ok {
		return textError("Float", b)
	}
	*f = Float(x)
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]. It fails for NaN and
// infinities, which JSON cannot represent.
func (f Float) MarshalJSON() ([]byte, error) { return f.MarshalText() }

// MarshalText implements [encoding.TextMarshaler]; the text never uses
// exponent notation. It fails for NaN and infinities.
func (f Float) MarshalText() ([]byte, error) {
	x := float64(f)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil, encodeError("Float", strconv.FormatFloat(x, 'f', -1, 64))
	}
	return strconv.AppendFloat(make([]byte, 0, 24), x, 'f', -1, 64), nil
}

// String returns f without exponent notation.
func (f Float) String() string { return strconv.FormatFloat(float64(f), 'f', -1, 64) }

// parseFloat parses a finite decimal number with an optional exponent; "" is 0.
func parseFloat(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, true
	}
	if !isNumber(b, true) {
		return 0, false
	}
	x, err := strconv.ParseFloat(string(b), 64)
	return x, err == nil
}

// Bool is a boolean that arrives as true/false, 1/0, or the strings "1",
// "0", "true" and "false" (in any case).
//
// "", null and an absent field give false. Any other value, such as "yes",
// 2 or 1.0, is rejected. It marshals as a JSON boolean.
type Bool bool

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (x *Bool) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*x = false
		return nil
	case kindTrue, kindFalse, kindString, kindNumber:
		if t, ok := parseBool(v); ok {
			*x = Bool(t)
			return nil
		}
	}
	return jsonError("Bool", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the same
// forms as a JSON string.
func (x *Bool) UnmarshalText(b []byte) error {
	t, ok := parseBool(b)
	if !ok {
		return textError("Bool", b)
	}
	*x = Bool(t)
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler].
func (x Bool) MarshalJSON() ([]byte, error) { return x.MarshalText() }

// MarshalText implements [encoding.TextMarshaler]; the text is "true" or
// "false".
func (x Bool) MarshalText() ([]byte, error) {
	if x {
		return []byte("true"), nil
	}
	return []byte("false"), nil
}

// String returns "true" or "false".
func (x Bool) String() string { return strconv.FormatBool(bool(x)) }

func parseBool(b []byte) (value, ok bool) {
	switch {
	case len(b) == 0 || string(b) == "0" || bytes.EqualFold(b, []byte("false")):
		return false, true
	case string(b) == "1" || bytes.EqualFold(b, []byte("true")):
		return true, true
	}
	return false, false
}

// Count is a whole number, such as a number of guests, that the provider
// documents as a free string: it arrives as a JSON number, a numeric string
// or, now and then, other text.
//
// Everything [Int] accepts decodes into Int (2, "2", "2.0", "", null). Any
// other JSON string or number ("2 adults", "2.5", 1e3) is kept verbatim in
// Raw with Int 0, so one odd value cannot fail a whole answer; booleans,
// objects and arrays are still an error. It marshals as a JSON number, or
// as the Raw text (a JSON string) when Raw is set, so a received value
// round-trips unchanged. UnmarshalText accepts what Int accepts only.
type Count struct {
	// Int is the number; 0 when Raw is set.
	Int
	// Raw holds a received value that is no whole number, verbatim; it is ""
	// otherwise.
	Raw string
}

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (c *Count) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*c = Count{}
		return nil
	case kindString, kindNumber:
		if n, ok := parseInt(v); ok {
			*c = Count{Int: Int(n)}
		} else {
			*c = Count{Raw: string(v)}
		}
		return nil
	}
	return jsonError("Count", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the forms
// [Int] accepts.
func (c *Count) UnmarshalText(b []byte) error {
	n, ok := parseInt(b)
	if !ok {
		return textError("Count", b)
	}
	*c = Count{Int: Int(n)}
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]: a JSON number, or the
// Raw text as a JSON string when Raw is set.
func (c Count) MarshalJSON() ([]byte, error) {
	if c.Raw != "" {
		return quoted(c.Raw), nil
	}
	return c.Int.MarshalText()
}

// MarshalText implements [encoding.TextMarshaler]: the decimal integer, or
// Raw when it is set.
func (c Count) MarshalText() ([]byte, error) {
	if c.Raw != "" {
		return []byte(c.Raw), nil
	}
	return c.Int.MarshalText()
}

// String returns the number in decimal, or Raw when it is set.
func (c Count) String() string {
	if c.Raw != "" {
		return c.Raw
	}
	return c.Int.String()
}

// IsZero reports whether c is 0 and holds no Raw text.
func (c Count) IsZero() bool { return c.Int == 0 && c.Raw == "" }

// Valid reports whether c holds a whole number, that is, Raw is empty.
func (c Count) Valid() bool { return c.Raw == "" }
