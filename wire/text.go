package wire

import (
	"errors"
	"math/big"
	"strconv"
)

// String is text that arrives as a JSON string or, for identifiers that are
// numbers in one endpoint and strings in another, as a JSON number kept as
// its literal text (12 decodes as "12", 12.50 as "12.50").
//
// null and an absent field give "". Booleans, objects and arrays are
// rejected. It marshals as a JSON string.
type String string

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (s *String) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*s = ""
		return nil
	case kindString, kindNumber:
		*s = String(v)
		return nil
	}
	return jsonError("String", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; any text is accepted.
func (s *String) UnmarshalText(b []byte) error {
	*s = String(b)
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler].
func (s String) MarshalJSON() ([]byte, error) { return quoted(string(s)), nil }

// MarshalText implements [encoding.TextMarshaler].
func (s String) MarshalText() ([]byte, error) { return []byte(s), nil }

// String returns s as a plain string.
func (s String) String() string { return string(s) }

// Decimal is an exact decimal number, such as a money amount, kept verbatim
// as the text the provider sent: "12.50" stays "12.50" and is never rounded
// through float64.
//
// A decimal number is [+-]digits[.digits]; a JSON number keeps its literal
// text (12.50 decodes as "12.50"). "", null and an absent field give the
// empty Decimal. It marshals as a JSON string; the empty Decimal marshals as
// "".
//
// Decoding JSON never fails on a string or a number: providers document some
// amounts as free strings, so text that is no decimal number ("N/A", "1e3",
// "1,000.00") is kept verbatim as well, as the date types keep theirs in Raw.
// [Decimal.Valid] reports false for it, [Decimal.Float64] and [Decimal.Rat]
// return an error, and marshalling fails, so such text is never sent back.
// Exponent notation counts as no decimal number: money is never written that
// way. UnmarshalText (query parameters, form values) accepts decimal numbers
// only.
type Decimal string

// UnmarshalJSON implements [encoding/json.Unmarshaler]. It keeps any JSON
// string or number verbatim; other JSON values are an error.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*d = ""
		return nil
	case kindString, kindNumber:
		*d = Decimal(v)
		return nil
	}
	return jsonError("Decimal", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts decimal
// numbers and the empty text only.
func (d *Decimal) UnmarshalText(b []byte) error {
	if len(b) != 0 && !isNumber(b, false) {
		return textError("Decimal", b)
	}
	*d = Decimal(b)
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]. It fails if d is not a
// decimal number, so a malformed amount is never sent.
func (d Decimal) MarshalJSON() ([]byte, error) {
	if err := d.valid(); err != nil {
		return nil, err
	}
	return quoted(string(d)), nil
}

// MarshalText implements [encoding.TextMarshaler]. It fails if d is not a
// decimal number.
func (d Decimal) MarshalText() ([]byte, error) {
	if err := d.valid(); err != nil {
		return nil, err
	}
	return []byte(d), nil
}

func (d Decimal) valid() error {
	if d != "" && !isNumber([]byte(d), false) {
		return encodeError("Decimal", shown(string(d)))
	}
	return nil
}

// String returns d verbatim.
func (d Decimal) String() string { return string(d) }

// Valid reports whether d is empty or a decimal number: what [Decimal.Float64],
// [Decimal.Rat] and marshalling accept. A Decimal decoded from other text the
// provider sent is not valid.
func (d Decimal) Valid() bool { return d.valid() == nil }

// IsZero reports whether d is empty. A Decimal holding "0.00" is not empty.
func (d Decimal) IsZero() bool { return d == "" }

// Float64 returns d as the nearest float64. The empty Decimal is 0. A
// Decimal beyond the float64 range gives ±Inf and an error.
func (d Decimal) Float64() (float64, error) {
	if d == "" {
		return 0, nil
	}
	if !isNumber([]byte(d), false) {
		return 0, textError("Decimal", []byte(d))
	}
	x, err := strconv.ParseFloat(string(d), 64)
	if err != nil {
		return x, rangeError(string(d))
	}
	return x, nil
}

// Rat returns d as an exact rational number. The empty Decimal is 0.
func (d Decimal) Rat() (*big.Rat, error) {
	if d == "" {
		return new(big.Rat), nil
	}
	if !isNumber([]byte(d), false) {
		return nil, textError("Decimal", []byte(d))
	}
	r, ok := new(big.Rat).SetString(string(d))
	if !ok {
		return nil, textError("Decimal", []byte(d))
	}
	return r, nil
}

// Percent is a rate such as a tax rate, kept verbatim as the text the
// provider sent: "20%", "17.5 %", "20" and the JSON number 20 are all
// accepted and kept as received. [Percent.Value] returns the number.
//
// The accepted text is [+-]digits[.digits], optionally followed by spaces
// and a percent sign. "", null and an absent field give the empty Percent.
// It marshals as a JSON string.
type Percent string

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (p *Percent) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*p = ""
		return nil
	case kindString, kindNumber:
		if isPercent(v) {
			*p = Percent(v)
			return nil
		}
	}
	return jsonError("Percent", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler]; it accepts the same
// forms as a JSON string.
func (p *Percent) UnmarshalText(b []byte) error {
	if !isPercent(b) {
		return textError("Percent", b)
	}
	*p = Percent(b)
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]. It fails if p is not a
// rate in one of the accepted forms.
func (p Percent) MarshalJSON() ([]byte, error) {
	if !isPercent([]byte(p)) {
		return nil, encodeError("Percent", shown(string(p)))
	}
	return quoted(string(p)), nil
}

// MarshalText implements [encoding.TextMarshaler]. It fails if p is not a
// rate in one of the accepted forms.
func (p Percent) MarshalText() ([]byte, error) {
	if !isPercent([]byte(p)) {
		return nil, encodeError("Percent", shown(string(p)))
	}
	return []byte(p), nil
}

// String returns p verbatim.
func (p Percent) String() string { return string(p) }

// IsZero reports whether p is empty. A Percent holding "0%" is not empty.
func (p Percent) IsZero() bool { return p == "" }

// Value returns the number p holds, without the percent sign: 20 for "20%"
// and 17.5 for "17.5 %". The empty Percent is 0. A number beyond the float64
// range gives ±Inf and an error.
func (p Percent) Value() (float64, error) {
	if !isPercent([]byte(p)) {
		return 0, textError("Percent", []byte(p))
	}
	n := scanDecimal([]byte(p))
	if n == 0 {
		return 0, nil
	}
	x, err := strconv.ParseFloat(string(p[:n]), 64)
	if err != nil {
		return x, rangeError(string(p))
	}
	return x, nil
}

// isPercent reports whether b is empty or [+-]digits[.digits][ ]*[%].
func isPercent(b []byte) bool {
	if len(b) == 0 {
		return true
	}
	n := scanDecimal(b)
	if n == 0 {
		return false
	}
	rest := b[n:]
	for len(rest) > 0 && rest[0] == ' ' {
		rest = rest[1:]
	}
	if len(rest) == len(b[n:]) {
		return len(rest) == 0 || string(rest) == "%"
	}
	return string(rest) == "%"
}

// rangeError reports a number beyond the float64 range.
func rangeError(s string) error {
	return errors.New("wire: " + shown(s) + " is out of float64 range")
}
