package wire

import (
	"strconv"
	"time"
)

// The formats the date types marshal.
const (
	layoutDateTime      = time.RFC3339Nano
	layoutSQLDateTime   = "2006-01-02 15:04:05"
	layoutLocalDateTime = "2006-01-02T15:04:05"
	layoutDate          = "2006-01-02"
)

// layouts lists every accepted date format. The input's shape (the byte
// after the date and whether it ends in an offset) selects the one layout to
// try, so decoding never pays for failed attempts. time.Parse accepts
// fractional seconds after the seconds field of every layout.
var layouts = [...]struct {
	sep    byte // byte after the date; 0 for a bare date
	offset bool // input ends with Z or ±hh:mm
	layout string
}{
	{0, false, "2006-01-02"},
	{' ', false, "2006-01-02 15:04:05"},
	{'T', false, "2006-01-02T15:04:05"},
	{'T', true, time.RFC3339},
	{' ', true, "2006-01-02 15:04:05Z07:00"},
}

// parseTime parses any accepted date format. Forms without an offset are
// wall-clock times and are returned in UTC. The empty text and MySQL zero
// dates give the zero Time.
func parseTime(b []byte) (time.Time, bool) {
	if len(b) == 0 || isZeroDate(b) {
		return time.Time{}, true
	}
	if len(b) < len(layoutDate) {
		return time.Time{}, false
	}
	var sep byte
	if len(b) > len(layoutDate) {
		sep = b[len(layoutDate)]
	}
	offset := len(b) > len(layoutSQLDateTime) && (b[len(b)-1] == 'Z' || b[len(b)-6] == '+' || b[len(b)-6] == '-')
	for _, l := range layouts {
		if l.sep != sep || l.offset != offset {
			continue
		}
		t, err := time.ParseInLocation(l.layout, string(b), time.UTC)
		if err != nil {
			return time.Time{}, false
		}
		if _, off := t.Zone(); off <= -24*60*60 || off >= 24*60*60 {
			return time.Time{}, false
		}
		return t, true
	}
	return time.Time{}, false
}

// isZeroDate reports whether b is a MySQL zero date such as "0000-00-00" or
// "0000-00-00 00:00:00" (with any zero time, fraction or offset).
func isZeroDate(b []byte) bool {
	if len(b) < len(layoutDate) || string(b[:len(layoutDate)]) != "0000-00-00" {
		return false
	}
	for _, c := range b[len(layoutDate):] {
		switch c {
		case '0', ':', ' ', 'T', '.', 'Z', '+', '-':
		default:
			return false
		}
	}
	return true
}

// decodeTimeJSON decodes b into t. A JSON string or number that is no date
// in any accepted format is kept verbatim in raw (t is then zero), so an
// answer carrying an unexpected date form is not lost; other JSON values are
// an error.
func decodeTimeJSON(t *time.Time, raw *string, typ string, b []byte) error {
	*raw = ""
	switch k, v := scalar(b); k {
	case kindNull:
		*t = time.Time{}
		return nil
	case kindString, kindNumber:
		if x, ok := parseTime(v); ok && k == kindString {
			*t = x
			return nil
		}
		*t = time.Time{}
		*raw = string(v)
		return nil
	}
	return jsonError(typ, b)
}

func decodeTimeText(t *time.Time, raw *string, typ string, b []byte) error {
	*raw = ""
	x, ok := parseTime(b)
	if !ok {
		return textError(typ, b)
	}
	*t = x
	return nil
}

// appendTime appends t in layout, in t's own location; the zero Time appends
// nothing. Years outside 0000-9999 cannot be written in these formats.
func appendTime(dst []byte, t time.Time, raw, typ, layout string) ([]byte, error) {
	if t.IsZero() {
		return append(dst, raw...), nil
	}
	if y := t.Year(); y < 0 || y > 9999 {
		return nil, encodeError(typ, "year "+strconv.Itoa(y))
	}
	return t.AppendFormat(dst, layout), nil
}

func encodeTimeJSON(t time.Time, raw, typ, layout string) ([]byte, error) {
	if t.IsZero() {
		if raw != "" {
			return quoted(raw), nil
		}
		return []byte("null"), nil
	}
	b, err := appendTime(append(make([]byte, 0, len(layout)+2), '"'), t, "", typ, layout)
	if err != nil {
		return nil, err
	}
	return append(b, '"'), nil
}

func formatTime(t time.Time, raw, layout string) string {
	if t.IsZero() {
		return raw
	}
	return t.Format(layout)
}

// DateTime is an instant written in RFC 3339, such as
// "2025-05-15T14:00:00+02:00".
//
// It accepts every date format listed in the package documentation and
// treats "", null and zero dates as empty (the zero Time). It marshals in
// RFC 3339 in the value's own offset (a zero offset is written as Z), with
// fractional seconds only when present; the empty DateTime marshals as null
// (text: ""). IsZero reports whether it is empty.
type DateTime struct {
	_ ownFormat
	time.Time
	// Raw holds a received value that is no date in any accepted format,
	// verbatim (Time is then zero); it is "" otherwise. It marshals back
	// unchanged.
	Raw string
}

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (t *DateTime) UnmarshalJSON(b []byte) error {
	return decodeTimeJSON(&t.Time, &t.Raw, "DateTime", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *DateTime) UnmarshalText(b []byte) error {
	return decodeTimeText(&t.Time, &t.Raw, "DateTime", b)
}

// MarshalJSON implements [encoding/json.Marshaler].
func (t DateTime) MarshalJSON() ([]byte, error) {
	return encodeTimeJSON(t.Time, t.Raw, "DateTime", layoutDateTime)
}

// MarshalText implements [encoding.TextMarshaler].
func (t DateTime) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// AppendText implements [encoding.TextAppender], replacing the method of the
// embedded [time.Time].
func (t DateTime) AppendText(b []byte) ([]byte, error) {
	return appendTime(b, t.Time, t.Raw, "DateTime", layoutDateTime)
}

// String returns t in RFC 3339, or "" when t is empty.
func (t DateTime) String() string { return formatTime(t.Time, t.Raw, layoutDateTime) }

// IsZero reports whether t is empty: no time and no raw text.
func (t DateTime) IsZero() bool { return t.Time.IsZero() && t.Raw == "" }

// SQLDateTime is a wall-clock date-time written "2006-01-02 15:04:05", as
// Cloudbeds and Kobas send them.
//
// It accepts every date format listed in the package documentation and
// treats "", null, "0000-00-00" and "0000-00-00 00:00:00" as empty. Without
// an offset on the wire the value holds the wall-clock time in UTC. It
// marshals the wall clock of the value's own location, without offset or
// fractional seconds, so "2025-05-15 14:00:00" round-trips unchanged; the
// empty SQLDateTime marshals as null (text: "").
type SQLDateTime struct {
	_ ownFormat
	time.Time
	// Raw holds a received value that is no date in any accepted format,
	// verbatim (Time is then zero); it is "" otherwise. It marshals back
	// unchanged.
	Raw string
}

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (t *SQLDateTime) UnmarshalJSON(b []byte) error {
	return decodeTimeJSON(&t.Time, &t.Raw, "SQLDateTime", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *SQLDateTime) UnmarshalText(b []byte) error {
	return decodeTimeText(&t.Time, &t.Raw, "SQLDateTime", b)
}

// MarshalJSON implements [encoding/json.Marshaler].
func (t SQLDateTime) MarshalJSON() ([]byte, error) {
	return encodeTimeJSON(t.Time, t.Raw, "SQLDateTime", layoutSQLDateTime)
}

// MarshalText implements [encoding.TextMarshaler].
func (t SQLDateTime) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// AppendText implements [encoding.TextAppender], replacing the method of the
// embedded [time.Time].
func (t SQLDateTime) AppendText(b []byte) ([]byte, error) {
	return appendTime(b, t.Time, t.Raw, "SQLDateTime", layoutSQLDateTime)
}

// String returns t as "2006-01-02 15:04:05", or "" when t is empty.
func (t SQLDateTime) String() string { return formatTime(t.Time, t.Raw, layoutSQLDateTime) }

// IsZero reports whether t is empty: no time and no raw text.
func (t SQLDateTime) IsZero() bool { return t.Time.IsZero() && t.Raw == "" }

// LocalDateTime is a wall-clock date-time without offset written
// "2006-01-02T15:04:05", as Octotable sends them.
//
// It accepts every date format listed in the package documentation and
// treats "", null and zero dates as empty. Without an offset on the wire the
// value holds the wall-clock time in UTC. It marshals the wall clock of the
// value's own location, without offset or fractional seconds, so
// "2025-05-15T14:00:00" round-trips unchanged; the empty LocalDateTime
// marshals as null (text: "").
type LocalDateTime struct {
	_ ownFormat
	time.Time
	// Raw holds a received value that is no date in any accepted format,
	// verbatim (Time is then zero); it is "" otherwise. It marshals back
	// unchanged.
	Raw string
}

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (t *LocalDateTime) UnmarshalJSON(b []byte) error {
	return decodeTimeJSON(&t.Time, &t.Raw, "LocalDateTime", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *LocalDateTime) UnmarshalText(b []byte) error {
	return decodeTimeText(&t.Time, &t.Raw, "LocalDateTime", b)
}

// MarshalJSON implements [encoding/json.Marshaler].
func (t LocalDateTime) MarshalJSON() ([]byte, error) {
	return encodeTimeJSON(t.Time, t.Raw, "LocalDateTime", layoutLocalDateTime)
}

// MarshalText implements [encoding.TextMarshaler].
func (t LocalDateTime) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// AppendText implements [encoding.TextAppender], replacing the method of the
// embedded [time.Time].
func (t LocalDateTime) AppendText(b []byte) ([]byte, error) {
	return appendTime(b, t.Time, t.Raw, "LocalDateTime", layoutLocalDateTime)
}

// String returns t as "2006-01-02T15:04:05", or "" when t is empty.
func (t LocalDateTime) String() string { return formatTime(t.Time, t.Raw, layoutLocalDateTime) }

// IsZero reports whether t is empty: no time and no raw text.
func (t LocalDateTime) IsZero() bool { return t.Time.IsZero() && t.Raw == "" }

// Date is a calendar date written "2006-01-02".
//
// It accepts every date format listed in the package documentation (a time
// of day is kept in the value but not marshalled) and treats "", null,
// "0000-00-00" and "0000-00-00 00:00:00" as empty. A date without offset is
// midnight UTC. It marshals the date in the value's own location; the empty
// Date marshals as null (text: "").
type Date struct {
	_ ownFormat
	time.Time
	// Raw holds a received value that is no date in any accepted format,
	// verbatim (Time is then zero); it is "" otherwise. It marshals back
	// unchanged.
	Raw string
}

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (t *Date) UnmarshalJSON(b []byte) error { return decodeTimeJSON(&t.Time, &t.Raw, "Date", b) }

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *Date) UnmarshalText(b []byte) error { return decodeTimeText(&t.Time, &t.Raw, "Date", b) }

// MarshalJSON implements [encoding/json.Marshaler].
func (t Date) MarshalJSON() ([]byte, error) { return encodeTimeJSON(t.Time, t.Raw, "Date", layoutDate) }

// MarshalText implements [encoding.TextMarshaler].
func (t Date) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// AppendText implements [encoding.TextAppender], replacing the method of the
// embedded [time.Time].
func (t Date) AppendText(b []byte) ([]byte, error) {
	return appendTime(b, t.Time, t.Raw, "Date", layoutDate)
}

// String returns t as "2006-01-02", or "" when t is empty.
func (t Date) String() string { return formatTime(t.Time, t.Raw, layoutDate) }

// IsZero reports whether t is empty: no time and no raw text.
func (t Date) IsZero() bool { return t.Time.IsZero() && t.Raw == "" }

// TimeOfDay is a wall-clock time of day written "15:04:05", such as an
// opening hour or a booking slot.
//
// It accepts "15:04:05", "15:04" and an unpadded hour ("5:30"); "", null and
// an absent field give the empty (invalid) TimeOfDay. It marshals as
// "15:04:05"; the empty TimeOfDay marshals as null (text: "").
type TimeOfDay struct {
	// Hour, Minute and Second are the clock reading: 0–23, 0–59 and 0–59.
	Hour, Minute, Second int
	// Valid is false for the empty TimeOfDay.
	Valid bool
}

// UnmarshalJSON implements [encoding/json.Unmarshaler].
func (t *TimeOfDay) UnmarshalJSON(b []byte) error {
	switch k, v := scalar(b); k {
	case kindNull:
		*t = TimeOfDay{}
		return nil
	case kindString:
		if x, ok := parseTimeOfDay(v); ok {
			*t = x
			return nil
		}
	}
	return jsonError("TimeOfDay", b)
}

// UnmarshalText implements [encoding.TextUnmarshaler].
func (t *TimeOfDay) UnmarshalText(b []byte) error {
	x, ok := parseTimeOfDay(b)
	if !ok {
		return textError("TimeOfDay", b)
	}
	*t = x
	return nil
}

// MarshalJSON implements [encoding/json.Marshaler]. It fails if a field is
// out of range.
func (t TimeOfDay) MarshalJSON() ([]byte, error) {
	if !t.Valid {
		return []byte("null"), nil
	}
	b, err := t.AppendText(append(make([]byte, 0, 10), '"'))
	if err != nil {
		return nil, err
	}
	return append(b, '"'), nil
}

// MarshalText implements [encoding.TextMarshaler]. It fails if a field is
// out of range.
func (t TimeOfDay) MarshalText() ([]byte, error) { return t.AppendText(nil) }

// AppendText implements [encoding.TextAppender]. It fails if a field is out
// of range.
func (t TimeOfDay) AppendText(b []byte) ([]byte, error) {
	if !t.Valid {
		return b, nil
	}
	if t.Hour < 0 || t.Hour > 23 || t.Minute < 0 || t.Minute > 59 || t.Second < 0 || t.Second > 59 {
		return nil, encodeError("TimeOfDay", strconv.Itoa(t.Hour)+":"+strconv.Itoa(t.Minute)+":"+strconv.Itoa(t.Second))
	}
	return append(b, two(t.Hour)[0], two(t.Hour)[1], ':', two(t.Minute)[0], two(t.Minute)[1], ':', two(t.Second)[0], two(t.Second)[1]), nil
}

// two returns the two decimal digits of n, for 0 <= n <= 99.
func two(n int) [2]byte { return [2]byte{byte('0' + n/10), byte('0' + n%10)} }

// String returns t as "15:04:05", or "" when t is empty.
func (t TimeOfDay) String() string {
	b, err := t.AppendText(nil)
	if err != nil {
		return ""
	}
	return string(b)
}

// IsZero reports whether t is empty (not Valid).
func (t TimeOfDay) IsZero() bool { return !t.Valid }

// Before reports whether t is earlier in the day than o. An empty TimeOfDay
// is before every valid one.
func (t TimeOfDay) Before(o TimeOfDay) bool { return t.seconds() < o.seconds() }

func (t TimeOfDay) seconds() int {
	if !t.Valid {
		return -1
	}
	return (t.Hour*60+t.Minute)*60 + t.Second
}

// parseTimeOfDay parses H:MM, HH:MM, H:MM:SS or HH:MM:SS; "" is empty.
func parseTimeOfDay(b []byte) (TimeOfDay, bool) {
	if len(b) == 0 {
		return TimeOfDay{}, true
	}
	var f [3]int
	n := 0
	for i := 0; ; i++ {
		d := digits(b[i:])
		if n == len(f) || d == 0 || d > 2 || (n > 0 && d != 2) {
			return TimeOfDay{}, false
		}
		for _, c := range b[i : i+d] {
			f[n] = f[n]*10 + int(c-'0')
		}
		n++
		i += d
		if i == len(b) {
			break
		}
		if b[i] != ':' {
			return TimeOfDay{}, false
		}
	}
	if n < 2 || f[0] > 23 || f[1] > 59 || f[2] > 59 {
		return TimeOfDay{}, false
	}
	return TimeOfDay{Hour: f[0], Minute: f[1], Second: f[2], Valid: true}, true
}

// ownFormat is a zero-size marker that keeps the date types from being convertible to time.Time
// or to oapi-codegen's types.Date (both struct{ time.Time } underneath). oapi-codegen's runtime
// formats any value convertible to those types itself, ignoring MarshalText, which would send a
// SQLDateTime query parameter as a bare date.
type ownFormat struct{}
