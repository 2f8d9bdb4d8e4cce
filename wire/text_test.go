package wire

import (
	"encoding/json"
	"math"
	"math/big"
	"strings"
	"testing"
)

func TestStringUnmarshalJSON(t *testing.T) {
	testJSON(t, "String", []decodeCase[String]{
		{name: "string", in: `"abc"`, want: "abc"},
		{name: "empty", in: `""`, want: ""},
		{name: "null", in: `null`, want: ""},
		{name: "integer kept verbatim", in: `12`, want: "12"},
		{name: "decimal kept verbatim", in: `12.50`, want: "12.50"},
		{name: "negative number", in: `-3`, want: "-3"},
		{name: "exponent kept verbatim", in: `1E3`, want: "1E3"},
		{name: "raw UTF-8", in: `"café"`, want: "café"},
		{name: "unicode escape", in: `"caf\u00e9"`, want: "café"},
		{name: "escaped slash", in: `"a\/b"`, want: "a/b"},
		{name: "control escapes", in: `"\"\\\b\f\n\r\t"`, want: "\"\\\b\f\n\r\t"},
		{name: "surrogate pair", in: `"\ud83d\ude00"`, want: "😀"},
		{name: "lone high surrogate", in: `"\ud83dx"`, want: "\ufffdx"},
		{name: "lone surrogate at end", in: `"\ud83d"`, want: "\ufffd"},
		{name: "high surrogate then BMP escape", in: `"\ud83d\u0041"`, want: "\ufffdA"},
		{name: "lone low surrogate", in: `"\ude00"`, want: "\ufffd"},
		{name: "invalid UTF-8", in: "\"a\xffb\"", want: "a\ufffdb"},
		// Regression (found by FuzzStrings): invalid UTF-8 before an escape
		// was copied through instead of being replaced with U+FFFD.
		{name: "invalid UTF-8 before an escape", in: "\"\x93\\b0\"", want: "\ufffd\b0"},
		{name: "true", in: `true`, err: true},
		{name: "false", in: `false`, err: true},
		{name: "object", in: `{}`, err: true},
		{name: "array", in: `["a"]`, err: true},
		{name: "unterminated", in: `"abc`, err: true},
		{name: "lone quote", in: `"`, err: true},
		{name: "escaped final quote", in: `"abc\"`, err: true},
		{name: "inner quote", in: `"a"b"`, err: true},
		{name: "unknown escape", in: `"a\xb"`, err: true},
		{name: "short unicode escape", in: `"\u12"`, err: true},
		{name: "bad hex", in: `"\u12g4"`, err: true},
		{name: "raw newline", in: "\"a\nb\"", err: true},
		{name: "bare word", in: `abc`, err: true},
	}, equal[String])
}

// TestUnquoteMatchesEncodingJSON pins the hand-written unescaper to
// encoding/json on tricky strings.
func TestUnquoteMatchesEncodingJSON(t *testing.T) {
	for _, in := range []string{
		`"plain"`, `"caf\u00E9"`, `"\ud800\udc00"`, `"\udbff\udfff"`, `"\ud800\ud800\udc00"`,
		"\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", `"\u0000"`, `"<&>"`, `"\u2028"`,
	} {
		t.Run(in, func(t *testing.T) {
			var want string
			if err := json.Unmarshal([]byte(in), &want); err != nil {
				t.Fatalf("json.Unmarshal(%q) error = %v", in, err)
			}
			var got String
			if err := got.UnmarshalJSON([]byte(in)); err != nil {
				t.Fatalf("String.UnmarshalJSON(%q) error = %v", in, err)
			}
			if string(got) != want {
				t.Errorf("String.UnmarshalJSON(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestStringUnmarshalText(t *testing.T) {
	testText(t, "String", []decodeCase[String]{
		{name: "text", in: "abc", want: "abc"},
		{name: "empty", in: "", want: ""},
		{name: "quotes kept", in: `"a"`, want: `"a"`},
	}, equal[String])
}

func TestStringMarshal(t *testing.T) {
	testMarshal(t, "String.MarshalJSON", marshalJSON[String], []encodeCase[String]{
		{name: "plain", in: "abc", want: `"abc"`},
		{name: "empty", in: "", want: `""`},
		{name: "quote and backslash", in: `a"b\c`, want: `"a\"b\\c"`},
		{name: "control", in: "a\x01\n\r\t", want: `"a\u0001\n\r\t"`},
		{name: "HTML left for encoding/json", in: "<&>", want: `"<&>"`},
		{name: "unicode", in: "café", want: `"café"`},
		{name: "invalid UTF-8", in: "a\xffb", want: `"a\ufffdb"`},
		{name: "line separators", in: "\u2028\u2029", want: `"\u2028\u2029"`},
	})
	testMarshal(t, "String.MarshalText", marshalText[String], []encodeCase[String]{
		{name: "verbatim", in: `a"b`, want: `a"b`},
	})
	if got := String("x").String(); got != "x" {
		t.Errorf("String(%q).String() = %q, want %q", "x", got, "x")
	}
}

func TestDecimalUnmarshalJSON(t *testing.T) {
	testJSON(t, "Decimal", []decodeCase[Decimal]{
		{name: "string", in: `"12.50"`, want: "12.50"},
		{name: "number keeps literal", in: `12.50`, want: "12.50"},
		{name: "integer number", in: `100`, want: "100"},
		{name: "negative", in: `"-0.10"`, want: "-0.10"},
		{name: "plus sign", in: `"+5"`, want: "+5"},
		{name: "leading zeros kept", in: `"007.50"`, want: "007.50"},
		{name: "many digits kept exactly", in: `"12345678901234567890.123456789"`, want: "12345678901234567890.123456789"},
		{name: "empty", in: `""`, want: ""},
		{name: "null", in: `null`, want: ""},
		// Text that is no decimal number is kept (Valid reports false), never an error:
		// upstream documents some amounts as free strings.
		{name: "exponent number kept verbatim", in: `1e3`, want: "1e3"},
		{name: "exponent string kept verbatim", in: `"1.5E2"`, want: "1.5E2"},
		{name: "letters kept verbatim", in: `"abc"`, want: "abc"},
		{name: "trailing dot kept verbatim", in: `"12."`, want: "12."},
		{name: "leading dot kept verbatim", in: `".5"`, want: ".5"},
		{name: "thousands separator kept verbatim", in: `"1,000.00"`, want: "1,000.00"},
		{name: "comma decimal kept verbatim", in: `"12,50"`, want: "12,50"},
		{name: "trailing space kept verbatim", in: `"12.50 "`, want: "12.50 "},
		{name: "leading space kept verbatim", in: `" 12.50"`, want: " 12.50"},
		{name: "percent kept verbatim", in: `"20%"`, want: "20%"},
		{name: "currency kept verbatim", in: `"£12.50"`, want: "£12.50"},
		{name: "double sign kept verbatim", in: `"--1"`, want: "--1"},
		{name: "NaN kept verbatim", in: `"NaN"`, want: "NaN"},
		{name: "true", in: `true`, err: true},
		{name: "object", in: `{}`, err: true},
	}, equal[Decimal])
}

func TestDecimalValid(t *testing.T) {
	tests := []struct {
		in   Decimal
		want bool
	}{
		{"12.50", true}, {"", true}, {"-3", true}, {"N/A", false}, {"1e3", false}, {"1,000.00", false},
	}
	for _, tc := range tests {
		if got := tc.in.Valid(); got != tc.want {
			t.Errorf("Decimal(%q).Valid() = %v, want %v", tc.in, got, tc.want)
		}
	}
	// Text kept from an answer is never sent back.
	var d Decimal
	if err := d.UnmarshalJSON([]byte(`"N/A"`)); err != nil || d != "N/A" {
		t.Fatalf("Decimal.UnmarshalJSON(\"N/A\") = %q, %v, want N/A, nil", d, err)
	}
	if _, err := d.MarshalJSON(); err == nil {
		t.Errorf("Decimal(%q).MarshalJSON() error = nil, want an error", d)
	}
}

func TestDecimalUnmarshalText(t *testing.T) {
	testText(t, "Decimal", []decodeCase[Decimal]{
		{name: "decimal", in: "12.50", want: "12.50"},
		{name: "empty", in: "", want: ""},
		{name: "letters", in: "abc", err: true},
		{name: "exponent", in: "1e3", err: true},
	}, equal[Decimal])
}

func TestDecimalMarshal(t *testing.T) {
	cases := []encodeCase[Decimal]{
		{name: "amount", in: "12.50", want: `"12.50"`},
		{name: "empty", in: "", want: `""`},
		{name: "malformed", in: "12,50", err: true},
	}
	testMarshal(t, "Decimal.MarshalJSON", marshalJSON[Decimal], cases)
	testMarshal(t, "Decimal.MarshalText", marshalText[Decimal], []encodeCase[Decimal]{
		{name: "amount", in: "12.50", want: `12.50`},
		{name: "empty", in: "", want: ``},
		{name: "malformed", in: "abc", err: true},
	})
}

func TestDecimalAccessors(t *testing.T) {
	for _, tc := range []struct {
		name    string
		in      Decimal
		float   float64
		rat     string // big.Rat.RatString
		isZero  bool
		wantErr bool
	}{
		{name: "amount", in: "12.50", float: 12.5, rat: "25/2"},
		{name: "zero amount is not empty", in: "0.00", float: 0, rat: "0"},
		{name: "negative", in: "-0.10", float: -0.1, rat: "-1/10"},
		{name: "plus sign", in: "+3", float: 3, rat: "3"},
		{name: "empty", in: "", float: 0, rat: "0", isZero: true},
		{name: "malformed", in: "abc", wantErr: true},
		{name: "exponent", in: "1e3", wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.IsZero(); got != tc.isZero {
				t.Errorf("Decimal(%q).IsZero() = %v, want %v", tc.in, got, tc.isZero)
			}
			f, err := tc.in.Float64()
			r, rerr := tc.in.Rat()
			if tc.wantErr {
				if err == nil || rerr == nil {
					t.Fatalf("Decimal(%q).Float64(), Rat() errors = %v, %v, want errors", tc.in, err, rerr)
				}
				checkDecodeError(t, err, "Decimal")
				checkDecodeError(t, rerr, "Decimal")
				return
			}
			if err != nil || rerr != nil {
				t.Fatalf("Decimal(%q).Float64(), Rat() errors = %v, %v", tc.in, err, rerr)
			}
			if f != tc.float {
				t.Errorf("Decimal(%q).Float64() = %v, want %v", tc.in, f, tc.float)
			}
			if got := r.RatString(); got != tc.rat {
				t.Errorf("Decimal(%q).Rat() = %s, want %s", tc.in, got, tc.rat)
			}
		})
	}
}

// TestDecimalBeyondFloat64 pins a FuzzDecimals finding: a valid Decimal
// larger than math.MaxFloat64 made Float64 report it as undecodable.
func TestDecimalBeyondFloat64(t *testing.T) {
	huge := Decimal("1" + strings.Repeat("0", 400))
	f, err := huge.Float64()
	if !math.IsInf(f, 1) || err == nil {
		t.Fatalf("Decimal(1e400).Float64() = %v, %v, want +Inf and an error", f, err)
	}
	if want := `wire: "1000000000000000000000000000000000000000"... is out of float64 range`; err.Error() != want {
		t.Errorf("Decimal(1e400).Float64() error = %q, want %q", err, want)
	}
	r, err := huge.Rat()
	if err != nil || r.Num().String() != string(huge) {
		t.Errorf("Decimal(1e400).Rat() = %v, %v, want exact value", r, err)
	}
	if v, err := Percent("-" + huge + "%").Value(); !math.IsInf(v, -1) || err == nil {
		t.Errorf("Percent(-1e400%%).Value() = %v, %v, want -Inf and an error", v, err)
	}
}

// TestDecimalRatIsExact shows why Decimal exists: 0.10 + 0.20 is exactly 0.30.
func TestDecimalRatIsExact(t *testing.T) {
	a, _ := Decimal("0.10").Rat()
	b, _ := Decimal("0.20").Rat()
	sum := new(big.Rat).Add(a, b)
	if got := sum.FloatString(2); got != "0.30" {
		t.Errorf("0.10 + 0.20 = %s, want 0.30", got)
	}
}

func TestPercentUnmarshalJSON(t *testing.T) {
	testJSON(t, "Percent", []decodeCase[Percent]{
		{name: "percent sign", in: `"20%"`, want: "20%"},
		{name: "space before sign", in: `"17.5 %"`, want: "17.5 %"},
		{name: "bare number string", in: `"20"`, want: "20"},
		{name: "number", in: `20`, want: "20"},
		{name: "decimal number", in: `17.5`, want: "17.5"},
		{name: "zero", in: `"0%"`, want: "0%"},
		{name: "negative", in: `"-5%"`, want: "-5%"},
		{name: "empty", in: `""`, want: ""},
		{name: "null", in: `null`, want: ""},
		{name: "letters", in: `"abc"`, err: true},
		{name: "sign only", in: `"%"`, err: true},
		{name: "double sign", in: `"20%%"`, err: true},
		{name: "trailing space", in: `"20 "`, err: true},
		{name: "leading space", in: `" 20%"`, err: true},
		{name: "sign first", in: `"% 20"`, err: true},
		{name: "trailing garbage", in: `"20 %x"`, err: true},
		{name: "exponent", in: `2e1`, err: true},
		{name: "true", in: `true`, err: true},
	}, equal[Percent])
}

func TestPercentUnmarshalText(t *testing.T) {
	testText(t, "Percent", []decodeCase[Percent]{
		{name: "percent", in: "20%", want: "20%"},
		{name: "empty", in: "", want: ""},
		{name: "letters", in: "abc", err: true},
	}, equal[Percent])
}

func TestPercentMarshal(t *testing.T) {
	testMarshal(t, "Percent.MarshalJSON", marshalJSON[Percent], []encodeCase[Percent]{
		{name: "verbatim", in: "17.5 %", want: `"17.5 %"`},
		{name: "empty", in: "", want: `""`},
		{name: "malformed", in: "abc", err: true},
	})
	testMarshal(t, "Percent.MarshalText", marshalText[Percent], []encodeCase[Percent]{
		{name: "verbatim", in: "20%", want: `20%`},
		{name: "malformed", in: "%", err: true},
	})
}

func TestPercentValue(t *testing.T) {
	for _, tc := range []struct {
		in      Percent
		want    float64
		isZero  bool
		wantErr bool
	}{
		{in: "20%", want: 20},
		{in: "17.5 %", want: 17.5},
		{in: "20", want: 20},
		{in: "-5%", want: -5},
		{in: "0%", want: 0},
		{in: "", want: 0, isZero: true},
		{in: "abc", wantErr: true},
		{in: "20%%", wantErr: true},
	} {
		t.Run(string(tc.in), func(t *testing.T) {
			if got := tc.in.IsZero(); got != tc.isZero {
				t.Errorf("Percent(%q).IsZero() = %v, want %v", tc.in, got, tc.isZero)
			}
			got, err := tc.in.Value()
			if tc.wantErr {
				if err == nil {
					t.Fatalf("Percent(%q).Value() = %v, want error", tc.in, got)
				}
				checkDecodeError(t, err, "Percent")
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Percent(%q).Value() = %v, %v, want %v, nil", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestErrorMessages(t *testing.T) {
	long := `"` + "123456789012345678901234567890123456789012345678901234567890" + `"`
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{name: "JSON string", err: new(Int).UnmarshalJSON([]byte(`"abc"`)), want: `wire: cannot decode "abc" as Int`},
		{name: "JSON number", err: new(Int).UnmarshalJSON([]byte(`2.5`)), want: `wire: cannot decode 2.5 as Int`},
		{name: "JSON bool", err: new(Decimal).UnmarshalJSON([]byte(`true`)), want: `wire: cannot decode true as Decimal`},
		{name: "text", err: new(Date).UnmarshalText([]byte(`15/05/2025`)), want: `wire: cannot decode "15/05/2025" as Date`},
		{name: "long JSON truncated", err: new(Int).UnmarshalJSON([]byte(long)), want: `wire: cannot decode "123456789012345678901234567890123456789... as Int`},
		{name: "long text truncated", err: new(Int).UnmarshalText([]byte(long[1 : len(long)-1])), want: `wire: cannot decode "1234567890123456789012345678901234567890"... as Int`},
		{name: "control bytes quoted", err: new(Bool).UnmarshalJSON([]byte("\x01")), want: `wire: cannot decode "\x01" as Bool`},
		{name: "encode", err: func() error { _, err := Float(math.Inf(1)).MarshalJSON(); return err }(), want: `wire: cannot encode +Inf as Float`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatalf("error = nil, want %q", tc.want)
			}
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}
