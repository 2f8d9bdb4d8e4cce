package wire

import (
	"testing"
	"time"
)

// sameTime reports whether a and b are the same instant with the same UTC
// offset (so they marshal identically).
func sameTime(a, b time.Time) bool {
	_, oa := a.Zone()
	_, ob := b.Zone()
	return a.Equal(b) && oa == ob && a.IsZero() == b.IsZero()
}

var (
	plus2   = time.FixedZone("", 2*60*60)
	minus53 = time.FixedZone("", -(5*60+30)*60)
	plus1   = time.FixedZone("", 60*60)
)

// dateForms lists every accepted wire form with the value it decodes to and
// what each date type marshals it as.
var dateForms = []struct {
	name                 string
	in                   string
	want                 time.Time
	dt, sql, local, date string // MarshalJSON output per type
}{
	{"RFC 3339 Z", `"2025-05-15T14:00:00Z"`, time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC),
		`"2025-05-15T14:00:00Z"`, `"2025-05-15 14:00:00"`, `"2025-05-15T14:00:00"`, `"2025-05-15"`},
	{"RFC 3339 offset", `"2025-05-15T14:00:00+02:00"`, time.Date(2025, 5, 15, 14, 0, 0, 0, plus2),
		`"2025-05-15T14:00:00+02:00"`, `"2025-05-15 14:00:00"`, `"2025-05-15T14:00:00"`, `"2025-05-15"`},
	{"RFC 3339 zero offset", `"2025-05-15T14:00:00+00:00"`, time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC),
		`"2025-05-15T14:00:00Z"`, `"2025-05-15 14:00:00"`, `"2025-05-15T14:00:00"`, `"2025-05-15"`},
	{"RFC 3339 fraction", `"2025-05-15T23:30:00.123456789-05:30"`, time.Date(2025, 5, 15, 23, 30, 0, 123456789, minus53),
		`"2025-05-15T23:30:00.123456789-05:30"`, `"2025-05-15 23:30:00"`, `"2025-05-15T23:30:00"`, `"2025-05-15"`},
	{"SQL", `"2025-05-15 14:00:00"`, time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC),
		`"2025-05-15T14:00:00Z"`, `"2025-05-15 14:00:00"`, `"2025-05-15T14:00:00"`, `"2025-05-15"`},
	{"SQL fraction", `"2025-05-15 14:00:00.5"`, time.Date(2025, 5, 15, 14, 0, 0, 5e8, time.UTC),
		`"2025-05-15T14:00:00.5Z"`, `"2025-05-15 14:00:00"`, `"2025-05-15T14:00:00"`, `"2025-05-15"`},
	{"SQL offset", `"2025-05-15 14:00:00+01:00"`, time.Date(2025, 5, 15, 14, 0, 0, 0, plus1),
		`"2025-05-15T14:00:00+01:00"`, `"2025-05-15 14:00:00"`, `"2025-05-15T14:00:00"`, `"2025-05-15"`},
	{"local", `"2025-05-15T14:00:00"`, time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC),
		`"2025-05-15T14:00:00Z"`, `"2025-05-15 14:00:00"`, `"2025-05-15T14:00:00"`, `"2025-05-15"`},
	{"date", `"2025-05-15"`, time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC),
		`"2025-05-15T00:00:00Z"`, `"2025-05-15 00:00:00"`, `"2025-05-15T00:00:00"`, `"2025-05-15"`},
	{"leap day", `"2024-02-29"`, time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		`"2024-02-29T00:00:00Z"`, `"2024-02-29 00:00:00"`, `"2024-02-29T00:00:00"`, `"2024-02-29"`},
	{"year zero", `"0000-01-01"`, time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		`"0000-01-01T00:00:00Z"`, `"0000-01-01 00:00:00"`, `"0000-01-01T00:00:00"`, `"0000-01-01"`},
	{"zero date", `"0000-00-00"`, time.Time{}, `null`, `null`, `null`, `null`},
	{"zero SQL date-time", `"0000-00-00 00:00:00"`, time.Time{}, `null`, `null`, `null`, `null`},
	{"zero local date-time", `"0000-00-00T00:00:00"`, time.Time{}, `null`, `null`, `null`, `null`},
	{"zero date-time with Z", `"0000-00-00T00:00:00Z"`, time.Time{}, `null`, `null`, `null`, `null`},
	{"empty string", `""`, time.Time{}, `null`, `null`, `null`, `null`},
	{"null", `null`, time.Time{}, `null`, `null`, `null`, `null`},
}

// badDates lists inputs that are no date in any accepted form. A JSON string or number among them
// is kept verbatim in Raw (raw), so an answer is not lost; any other JSON value is rejected.
var badDates = []struct{ name, in, raw string }{
	{"month 13", `"2025-13-01"`, "2025-13-01"},
	{"February 30", `"2025-02-30"`, "2025-02-30"},
	{"February 29 in a common year", `"2025-02-29"`, "2025-02-29"},
	{"hour 25", `"2025-05-15T25:00:00"`, "2025-05-15T25:00:00"},
	{"day first", `"15/05/2025"`, "15/05/2025"},
	{"no seconds", `"2025-05-15T14:00"`, "2025-05-15T14:00"},
	{"unpadded month", `"2025-5-15"`, "2025-5-15"},
	{"letters", `"abc"`, "abc"},
	{"short", `"2025"`, "2025"},
	{"unix seconds", `1747317600`, "1747317600"},
	{"unix seconds string", `"1747317600"`, "1747317600"},
	{"true", `true`, ""},
	{"object", `{}`, ""},
	{"zero date with a time", `"0000-00-00 12:00:00"`, "0000-00-00 12:00:00"},
	{"offset without colon", `"2025-05-15T14:00:00+0200"`, "2025-05-15T14:00:00+0200"},
	{"offset out of range", `"2025-05-15 14:00:00+25:00"`, "2025-05-15 14:00:00+25:00"},
	{"bad separator", `"2025-05-15x14:00:00"`, "2025-05-15x14:00:00"},
	{"leading space", `" 2025-05-15"`, " 2025-05-15"},
	{"trailing garbage", `"2025-05-15T14:00:00Zx"`, "2025-05-15T14:00:00Zx"},
	{"lower-case z", `"2025-05-15T14:00:00z"`, "2025-05-15T14:00:00z"},
}

// Regression: a date in a form no layout accepts failed the whole answer; it is now kept in Raw.
func dateCases[T any](wrap func(time.Time, string) T) []decodeCase[T] {
	var cases []decodeCase[T]
	for _, f := range dateForms {
		cases = append(cases, decodeCase[T]{name: f.name, in: f.in, want: wrap(f.want, "")})
	}
	for _, f := range badDates {
		cases = append(cases, decodeCase[T]{name: f.name, in: f.in, want: wrap(time.Time{}, f.raw), err: f.raw == ""})
	}
	return cases
}

func TestDateTimeUnmarshalJSON(t *testing.T) {
	testJSON(t, "DateTime", dateCases(func(t time.Time, raw string) DateTime { return DateTime{Time: t, Raw: raw} }),
		func(a, b DateTime) bool { return sameTime(a.Time, b.Time) && a.Raw == b.Raw })
}

func TestSQLDateTimeUnmarshalJSON(t *testing.T) {
	testJSON(t, "SQLDateTime", dateCases(func(t time.Time, raw string) SQLDateTime { return SQLDateTime{Time: t, Raw: raw} }),
		func(a, b SQLDateTime) bool { return sameTime(a.Time, b.Time) && a.Raw == b.Raw })
}

func TestLocalDateTimeUnmarshalJSON(t *testing.T) {
	testJSON(t, "LocalDateTime", dateCases(func(t time.Time, raw string) LocalDateTime { return LocalDateTime{Time: t, Raw: raw} }),
		func(a, b LocalDateTime) bool { return sameTime(a.Time, b.Time) && a.Raw == b.Raw })
}

func TestDateUnmarshalJSON(t *testing.T) {
	testJSON(t, "Date", dateCases(func(t time.Time, raw string) Date { return Date{Time: t, Raw: raw} }),
		func(a, b Date) bool { return sameTime(a.Time, b.Time) && a.Raw == b.Raw })
}

// Regression: a date kept in Raw marshals back verbatim, so a decoded answer re-encodes unchanged.
func TestDateRawRoundTrip(t *testing.T) {
	var d SQLDateTime
	if err := d.UnmarshalJSON([]byte(`"31/12/2025"`)); err != nil {
		t.Fatalf("UnmarshalJSON: %v", err)
	}
	if d.IsZero() || d.String() != "31/12/2025" {
		t.Errorf("SQLDateTime = {zero %v %q}, want not zero and the raw text", d.IsZero(), d.String())
	}
	got, err := d.MarshalJSON()
	if err != nil || string(got) != `"31/12/2025"` {
		t.Errorf("MarshalJSON() = %s, %v, want \"31/12/2025\"", got, err)
	}
}

func TestDateUnmarshalText(t *testing.T) {
	testText(t, "Date", []decodeCase[Date]{
		{name: "date", in: "2025-05-15", want: Date{Time: time.Date(2025, 5, 15, 0, 0, 0, 0, time.UTC)}},
		{name: "SQL date-time", in: "2025-05-15 14:00:00", want: Date{Time: time.Date(2025, 5, 15, 14, 0, 0, 0, time.UTC)}},
		{name: "empty", in: ""},
		{name: "zero date", in: "0000-00-00"},
		{name: "null is not text", in: "null", err: true},
		{name: "quoted", in: `"2025-05-15"`, err: true},
		{name: "day first", in: "15/05/2025", err: true},
	}, func(a, b Date) bool { return sameTime(a.Time, b.Time) })
}

func TestDateTypesMarshalJSON(t *testing.T) {
	for _, f := range dateForms {
		t.Run(f.name, func(t *testing.T) {
			for _, m := range []struct {
				typ  string
				v    interface{ MarshalJSON() ([]byte, error) }
				want string
			}{
				{"DateTime", DateTime{Time: f.want}, f.dt},
				{"SQLDateTime", SQLDateTime{Time: f.want}, f.sql},
				{"LocalDateTime", LocalDateTime{Time: f.want}, f.local},
				{"Date", Date{Time: f.want}, f.date},
			} {
				got, err := m.v.MarshalJSON()
				if err != nil || string(got) != m.want {
					t.Errorf("%s{%v}.MarshalJSON() = %s, %v, want %s, nil", m.typ, f.want, got, err, m.want)
				}
			}
		})
	}
}

func TestDateTypesMarshalText(t *testing.T) {
	ts := time.Date(2025, 5, 15, 14, 0, 0, 0, plus2)
	for _, tc := range []struct {
		name string
		v    interface {
			MarshalText() ([]byte, error)
			AppendText([]byte) ([]byte, error)
			String() string
		}
		want string
	}{
		{"DateTime", DateTime{Time: ts}, "2025-05-15T14:00:00+02:00"},
		{"SQLDateTime", SQLDateTime{Time: ts}, "2025-05-15 14:00:00"},
		{"LocalDateTime", LocalDateTime{Time: ts}, "2025-05-15T14:00:00"},
		{"Date", Date{Time: ts}, "2025-05-15"},
		{"empty DateTime", DateTime{}, ""},
		{"empty SQLDateTime", SQLDateTime{}, ""},
		{"empty LocalDateTime", LocalDateTime{}, ""},
		{"empty Date", Date{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := tc.v.MarshalText(); err != nil || string(got) != tc.want {
				t.Errorf("MarshalText() = %q, %v, want %q, nil", got, err, tc.want)
			}
			if got, err := tc.v.AppendText([]byte("x=")); err != nil || string(got) != "x="+tc.want {
				t.Errorf("AppendText(%q) = %q, %v, want %q, nil", "x=", got, err, "x="+tc.want)
			}
			if got := tc.v.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDateTypesMarshalYearOutOfRange(t *testing.T) {
	for _, y := range []int{-1, 10000} {
		ts := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		for _, v := range []interface {
			MarshalJSON() ([]byte, error)
			MarshalText() ([]byte, error)
		}{DateTime{Time: ts}, SQLDateTime{Time: ts}, LocalDateTime{Time: ts}, Date{Time: ts}} {
			if got, err := v.MarshalJSON(); err == nil {
				t.Errorf("%T{year %d}.MarshalJSON() = %s, want error", v, y, got)
			}
			if got, err := v.MarshalText(); err == nil {
				t.Errorf("%T{year %d}.MarshalText() = %s, want error", v, y, got)
			}
		}
	}
}

// TestDateRoundTrip checks that each type writes back exactly the text its
// provider sent.
func TestDateRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    interface {
			UnmarshalJSON([]byte) error
			MarshalJSON() ([]byte, error)
		}
		in string
	}{
		{"DateTime Z", &DateTime{}, `"2025-05-15T14:00:00Z"`},
		{"DateTime offset", &DateTime{}, `"2025-05-15T14:00:00+02:00"`},
		{"DateTime fraction", &DateTime{}, `"2025-05-15T14:00:00.25-07:00"`},
		{"SQLDateTime", &SQLDateTime{}, `"2025-05-15 14:00:00"`},
		{"LocalDateTime", &LocalDateTime{}, `"2025-05-15T14:00:00"`},
		{"Date", &Date{}, `"2025-05-15"`},
		{"TimeOfDay", &TimeOfDay{}, `"09:30:00"`},
		{"empty", &Date{}, `null`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.v.UnmarshalJSON([]byte(tc.in)); err != nil {
				t.Fatalf("UnmarshalJSON(%s) error = %v", tc.in, err)
			}
			got, err := tc.v.MarshalJSON()
			if err != nil || string(got) != tc.in {
				t.Errorf("MarshalJSON() after UnmarshalJSON(%s) = %s, %v, want %s", tc.in, got, err, tc.in)
			}
		})
	}
}

func TestDateIsZero(t *testing.T) {
	var d SQLDateTime
	if err := d.UnmarshalJSON([]byte(`"0000-00-00 00:00:00"`)); err != nil || !d.IsZero() {
		t.Errorf("SQLDateTime.UnmarshalJSON(zero date) = %v, %v; IsZero() = %v, want true", d, err, d.IsZero())
	}
	if err := d.UnmarshalJSON([]byte(`"2025-05-15 14:00:00"`)); err != nil || d.IsZero() {
		t.Errorf("SQLDateTime.UnmarshalJSON(date) = %v, %v; IsZero() = %v, want false", d, err, d.IsZero())
	}
	// A later null empties a value decoded before.
	if err := d.UnmarshalJSON([]byte(`null`)); err != nil || !d.IsZero() {
		t.Errorf("SQLDateTime.UnmarshalJSON(null) = %v, %v; IsZero() = %v, want true", d, err, d.IsZero())
	}
}

func TestTimeOfDayUnmarshalJSON(t *testing.T) {
	tod := func(h, m, s int) TimeOfDay { return TimeOfDay{Hour: h, Minute: m, Second: s, Valid: true} }
	testJSON(t, "TimeOfDay", []decodeCase[TimeOfDay]{
		{name: "seconds", in: `"15:04:05"`, want: tod(15, 4, 5)},
		{name: "minutes", in: `"15:04"`, want: tod(15, 4, 0)},
		{name: "unpadded hour", in: `"5:30"`, want: tod(5, 30, 0)},
		{name: "unpadded hour with seconds", in: `"5:30:15"`, want: tod(5, 30, 15)},
		{name: "padded hour", in: `"05:30"`, want: tod(5, 30, 0)},
		{name: "midnight", in: `"00:00"`, want: tod(0, 0, 0)},
		{name: "last second", in: `"23:59:59"`, want: tod(23, 59, 59)},
		{name: "empty", in: `""`},
		{name: "null", in: `null`},
		{name: "hour 24", in: `"24:00"`, err: true},
		{name: "minute 60", in: `"12:60"`, err: true},
		{name: "second 60", in: `"12:00:60"`, err: true},
		{name: "unpadded minute", in: `"1:2"`, err: true},
		{name: "three-digit hour", in: `"123:00"`, err: true},
		{name: "four fields", in: `"12:00:00:00"`, err: true},
		{name: "hour only", in: `"12"`, err: true},
		{name: "trailing colon", in: `"12:"`, err: true},
		{name: "trailing colon after seconds", in: `"12:00:00:"`, err: true},
		{name: "no hour", in: `":30"`, err: true},
		{name: "fraction", in: `"12:00:00.000"`, err: true},
		{name: "negative", in: `"-1:00"`, err: true},
		{name: "leading space", in: `" 12:00"`, err: true},
		{name: "letters", in: `"abc"`, err: true},
		{name: "number", in: `1530`, err: true},
		{name: "true", in: `true`, err: true},
		{name: "date-time", in: `"2025-05-15 14:00:00"`, err: true},
	}, equal[TimeOfDay])
}

func TestTimeOfDayUnmarshalText(t *testing.T) {
	testText(t, "TimeOfDay", []decodeCase[TimeOfDay]{
		{name: "minutes", in: "9:05", want: TimeOfDay{Hour: 9, Minute: 5, Valid: true}},
		{name: "empty", in: ""},
		{name: "letters", in: "abc", err: true},
	}, equal[TimeOfDay])
}

func TestTimeOfDayMarshal(t *testing.T) {
	testMarshal(t, "TimeOfDay.MarshalJSON", marshalJSON[TimeOfDay], []encodeCase[TimeOfDay]{
		{name: "padded", in: TimeOfDay{Hour: 5, Minute: 30, Valid: true}, want: `"05:30:00"`},
		{name: "last second", in: TimeOfDay{Hour: 23, Minute: 59, Second: 59, Valid: true}, want: `"23:59:59"`},
		{name: "empty", in: TimeOfDay{}, want: `null`},
		{name: "invalid fields ignored when empty", in: TimeOfDay{Hour: 99}, want: `null`},
		{name: "hour out of range", in: TimeOfDay{Hour: 24, Valid: true}, err: true},
		{name: "negative minute", in: TimeOfDay{Minute: -1, Valid: true}, err: true},
	})
	testMarshal(t, "TimeOfDay.MarshalText", marshalText[TimeOfDay], []encodeCase[TimeOfDay]{
		{name: "padded", in: TimeOfDay{Hour: 5, Minute: 30, Valid: true}, want: `05:30:00`},
		{name: "empty", in: TimeOfDay{}, want: ``},
		{name: "second out of range", in: TimeOfDay{Second: 60, Valid: true}, err: true},
	})
}

func TestTimeOfDayMethods(t *testing.T) {
	empty := TimeOfDay{}
	nine := TimeOfDay{Hour: 9, Valid: true}
	nineThirty := TimeOfDay{Hour: 9, Minute: 30, Valid: true}
	for _, tc := range []struct {
		a, b TimeOfDay
		want bool
	}{
		{nine, nineThirty, true},
		{nineThirty, nine, false},
		{nine, nine, false},
		{empty, nine, true},
		{nine, empty, false},
		{empty, empty, false},
	} {
		if got := tc.a.Before(tc.b); got != tc.want {
			t.Errorf("%q.Before(%q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
	if got := nineThirty.String(); got != "09:30:00" {
		t.Errorf("String() = %q, want %q", got, "09:30:00")
	}
	if got := empty.String(); got != "" {
		t.Errorf("TimeOfDay{}.String() = %q, want %q", got, "")
	}
	if !empty.IsZero() || nine.IsZero() {
		t.Errorf("IsZero() = %v, %v, want true, false", empty.IsZero(), nine.IsZero())
	}
}
