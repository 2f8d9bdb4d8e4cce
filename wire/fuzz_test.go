package wire

import (
	"encoding"
	"encoding/json"
	"math"
	"testing"
	"time"
)

// codec is the full set of methods every wire type has.
type codec[T any] interface {
	*T
	json.Unmarshaler
	encoding.TextUnmarshaler
}

// checkRoundTrip asserts, for both the JSON and the text form of in: if in
// decodes, the value marshals; the output is valid and decodes again; the
// second value equals want(first); and marshalling it gives the same output.
func checkRoundTrip[T any, P codec[T]](t *testing.T, typ string, in []byte, want func(T) T, eq func(a, b T) bool) {
	t.Helper()
	check := func(form string, decode func(P, []byte) error, encode func(T) ([]byte, error)) {
		var v T
		if decode(&v, in) != nil {
			return
		}
		out, err := encode(v)
		if err != nil {
			t.Fatalf("%s: %s decoded %q to %v but cannot marshal it: %v", typ, form, in, v, err)
		}
		if form == "JSON" && !json.Valid(out) {
			t.Fatalf("%s: %s %q marshals as invalid JSON %q", typ, form, in, out)
		}
		var w T
		if err := decode(&w, out); err != nil {
			t.Fatalf("%s: %s %q marshals as %q, which does not decode: %v", typ, form, in, out, err)
		}
		if exp := want(v); !eq(w, exp) {
			t.Fatalf("%s: %s %q -> %v -> %q -> %v, want %v", typ, form, in, v, out, w, exp)
		}
		again, err := encode(w)
		if err != nil {
			t.Fatalf("%s: %s %q -> %q -> %v does not marshal: %v", typ, form, in, out, w, err)
		}
		// 0001-01-01 00:00:00 UTC is the zero time.Time, so a fraction
		// dropped from it leaves an empty value: the only allowed change.
		if z, ok := any(w).(interface{ IsZero() bool }); ok && z.IsZero() {
			return
		}
		if string(again) != string(out) {
			t.Fatalf("%s: %s %q marshals as %q, then as %q, %v", typ, form, in, out, again, err)
		}
	}
	check("JSON", P.UnmarshalJSON, func(v T) ([]byte, error) { return any(v).(json.Marshaler).MarshalJSON() })
	check("text", P.UnmarshalText, func(v T) ([]byte, error) { return any(v).(encoding.TextMarshaler).MarshalText() })
}

func same[T any](v T) T { return v }

// addSeeds adds every seed to f.
func addSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

func FuzzNumbers(f *testing.F) {
	addSeeds(f, `2`, `"2"`, `""`, `null`, `-7`, `2.0`, `"2.50"`, `1e3`, `"1E-3"`, `9223372036854775807`,
		`"abc"`, `true`, `1e400`, `"NaN"`, `0.1`, `-0`, `"+1.5"`, `1.7976931348623157e308`, `5e-324`,
		`"2 adults"`, `2.5`, `{"77": 2}`, `[]`, `"caf\u00e9"`, `"99999999999999999999999"`)
	f.Fuzz(func(t *testing.T, in []byte) {
		checkRoundTrip[Int](t, "Int", in, same, equal)
		checkRoundTrip[Float](t, "Float", in, same, equal)
		checkRoundTrip[Count](t, "Count", in, same, equal)
		// Count decodes every string and number, as a number exactly when Int does.
		var c Count
		var i Int
		errC, errI := c.UnmarshalJSON(in), i.UnmarshalJSON(in)
		if errI == nil && (errC != nil || c != Count{Int: i}) {
			t.Fatalf("Count.UnmarshalJSON(%q) = %+v, %v; Int gives %d", in, c, errC, i)
		}
		if k, _ := scalar(in); (k == kindString || k == kindNumber) && errC != nil {
			t.Fatalf("Count.UnmarshalJSON(%q) error = %v, want the text kept in Raw", in, errC)
		}
	})
}

func FuzzBools(f *testing.F) {
	addSeeds(f, `true`, `false`, `1`, `0`, `"1"`, `"0"`, `"true"`, `"FALSE"`, `""`, `null`, `2`, `"yes"`, `1.0`)
	f.Fuzz(func(t *testing.T, in []byte) {
		checkRoundTrip[Bool](t, "Bool", in, same, equal)
	})
}

func FuzzDecimals(f *testing.F) {
	addSeeds(f, `"12.50"`, `12.50`, `""`, `null`, `"-0.10"`, `"+5"`, `1e3`, `"20%"`, `"17.5 %"`, `20`,
		`"abc"`, `"12."`, `"%"`, `"1,000.00"`, `"\u0031\u0032"`, `"N/A"`, `"12439 "`, `-1E-2`)
	f.Fuzz(func(t *testing.T, in []byte) {
		// A Decimal decoded from text that is no decimal number (kept so an answer is not lost)
		// is not Valid and never marshals; a valid one must round-trip.
		if d := new(Decimal); d.UnmarshalJSON(in) != nil || d.Valid() {
			checkRoundTrip[Decimal](t, "Decimal", in, same, equal)
		} else if _, err := d.MarshalJSON(); err == nil {
			t.Fatalf("Decimal(%q) is not Valid but marshals", *d)
		}
		checkRoundTrip[Percent](t, "Percent", in, same, equal)
		// Every JSON string and number decodes.
		if k, _ := scalar(in); k == kindString || k == kindNumber {
			if err := new(Decimal).UnmarshalJSON(in); err != nil {
				t.Fatalf("Decimal.UnmarshalJSON(%q) error = %v, want the text kept", in, err)
			}
		}
		// Accessors of a valid decoded value fail only beyond the float64 range.
		var d Decimal
		if d.UnmarshalJSON(in) == nil && d.Valid() {
			if x, err := d.Float64(); err != nil && !math.IsInf(x, 0) {
				t.Fatalf("Decimal(%q).Float64() = %v, %v", d, x, err)
			}
			if _, err := d.Rat(); err != nil {
				t.Fatalf("Decimal(%q).Rat() error = %v", d, err)
			}
		}
		var p Percent
		if p.UnmarshalJSON(in) == nil {
			if x, err := p.Value(); err != nil && !math.IsInf(x, 0) {
				t.Fatalf("Percent(%q).Value() = %v, %v", p, x, err)
			}
		}
	})
}

func FuzzStrings(f *testing.F) {
	addSeeds(f, `"abc"`, `""`, `null`, `12`, `12.50`, `"caf\u00e9"`, `"a\/b"`, `"\ud83d\ude00"`, `"\ud83d"`,
		"\"a\xffb\"", `"\"\\\b\f\n\r\t"`, `true`, `"abc`, `"a\xb"`)
	f.Fuzz(func(t *testing.T, in []byte) {
		checkRoundTrip[String](t, "String", in, same, equal)
		// A JSON string decodes exactly as encoding/json decodes it.
		var s String
		err := s.UnmarshalJSON(in)
		var want string
		if json.Unmarshal(in, &want) == nil {
			if err != nil {
				t.Fatalf("String.UnmarshalJSON(%q) error = %v; encoding/json decodes it as %q", in, err, want)
			}
			if string(s) != want {
				t.Fatalf("String.UnmarshalJSON(%q) = %q, encoding/json gives %q", in, s, want)
			}
		}
		// What String marshals, encoding/json reads back unchanged.
		if err == nil {
			out, _ := s.MarshalJSON()
			var back string
			if err := json.Unmarshal(out, &back); err != nil || back != string(s) {
				t.Fatalf("json.Unmarshal(%q) = %q, %v, want %q", out, back, err, s)
			}
		}
	})
}

// wallClock returns t's wall clock in UTC, truncated to d.
func wallClock(t time.Time, d time.Duration) time.Time {
	if t.IsZero() {
		return t
	}
	y, mo, dd := t.Date()
	h, mi, s := t.Clock()
	return time.Date(y, mo, dd, h, mi, s, t.Nanosecond(), time.UTC).Truncate(d)
}

func FuzzDates(f *testing.F) {
	addSeeds(f, `"2025-05-15T14:00:00Z"`, `"2025-05-15T14:00:00+02:00"`, `"2025-05-15T14:00:00.123-05:30"`,
		`"2025-05-15 14:00:00"`, `"2025-05-15"`, `"2025-05-15T14:00:00"`, `"0000-00-00"`, `"0000-00-00 00:00:00"`,
		`""`, `null`, `"2025-02-30"`, `"15:04:05"`, `"5:30"`, `"15:04"`, `"24:00"`, `"0001-01-01 00:00:00.5"`,
		`"9999-12-31T23:59:59-23:59"`, `"0000-01-01T00:00:00+23:59"`)
	sameInstant := func(a, b time.Time) bool {
		_, oa := a.Zone()
		_, ob := b.Zone()
		return a.Equal(b) && (oa == ob || a.IsZero())
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		checkRoundTrip[DateTime](t, "DateTime", in, same,
			func(a, b DateTime) bool { return sameInstant(a.Time, b.Time) })
		checkRoundTrip[SQLDateTime](t, "SQLDateTime", in,
			func(v SQLDateTime) SQLDateTime { return SQLDateTime{Time: wallClock(v.Time, time.Second)} },
			func(a, b SQLDateTime) bool { return sameInstant(a.Time, b.Time) })
		checkRoundTrip[LocalDateTime](t, "LocalDateTime", in,
			func(v LocalDateTime) LocalDateTime { return LocalDateTime{Time: wallClock(v.Time, time.Second)} },
			func(a, b LocalDateTime) bool { return sameInstant(a.Time, b.Time) })
		checkRoundTrip[Date](t, "Date", in,
			func(v Date) Date {
				if v.IsZero() {
					return v
				}
				y, m, d := v.Date()
				return Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
			},
			func(a, b Date) bool { return sameInstant(a.Time, b.Time) })
		checkRoundTrip[TimeOfDay](t, "TimeOfDay", in, same, equal)
	})
}
