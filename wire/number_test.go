package wire

import (
	"math"
	"testing"
)

func TestIntUnmarshalJSON(t *testing.T) {
	testJSON(t, "Int", []decodeCase[Int]{
		{name: "number", in: `2`, want: 2},
		{name: "negative number", in: `-7`, want: -7},
		{name: "zero", in: `0`, want: 0},
		{name: "numeric string", in: `"2"`, want: 2},
		{name: "signed string", in: `"+3"`, want: 3},
		{name: "negative string", in: `"-3"`, want: -3},
		{name: "leading zeros", in: `"007"`, want: 7},
		{name: "empty string", in: `""`, want: 0},
		{name: "null", in: `null`, want: 0},
		{name: "integral decimal", in: `2.0`, want: 2},
		{name: "integral decimal string", in: `"2.00"`, want: 2},
		{name: "max", in: `9223372036854775807`, want: math.MaxInt64},
		{name: "min", in: `"-9223372036854775808"`, want: math.MinInt64},
		{name: "surrounding space", in: " 5\n", want: 5},
		{name: "letters", in: `"abc"`, err: true},
		{name: "fraction", in: `2.5`, err: true},
		{name: "fraction string", in: `"2.5"`, err: true},
		{name: "tiny fraction", in: `"1.00000000000000000001"`, err: true},
		{name: "exponent", in: `1e3`, err: true},
		{name: "exponent string", in: `"1e3"`, err: true},
		{name: "true", in: `true`, err: true},
		{name: "false", in: `false`, err: true},
		{name: "overflow", in: `9223372036854775808`, err: true},
		{name: "underflow", in: `-9223372036854775809`, err: true},
		{name: "huge", in: `"99999999999999999999999"`, err: true},
		{name: "object", in: `{}`, err: true},
		{name: "array", in: `[1]`, err: true},
		{name: "hex", in: `"0x10"`, err: true},
		{name: "underscore", in: `"1_000"`, err: true},
		{name: "padded string", in: `" 2"`, err: true},
		{name: "trailing space string", in: `"2 "`, err: true},
		{name: "sign only", in: `"-"`, err: true},
		{name: "trailing dot", in: `"2."`, err: true},
		{name: "leading dot", in: `".5"`, err: true},
		{name: "empty input", in: ``, err: true},
		{name: "unterminated string", in: `"2`, err: true},
		{name: "bad literal", in: `nul`, err: true},
	}, equal[Int])
}

func TestIntUnmarshalText(t *testing.T) {
	testText(t, "Int", []decodeCase[Int]{
		{name: "digits", in: "42", want: 42},
		{name: "negative", in: "-1", want: -1},
		{name: "empty", in: "", want: 0},
		{name: "letters", in: "abc", err: true},
		{name: "null", in: "null", err: true},
		{name: "quoted", in: `"2"`, err: true},
		{name: "space", in: " 2", err: true},
	}, equal[Int])
}

func TestIntMarshal(t *testing.T) {
	cases := []encodeCase[Int]{
		{name: "zero", in: 0, want: "0"},
		{name: "positive", in: 42, want: "42"},
		{name: "min", in: math.MinInt64, want: "-9223372036854775808"},
	}
	testMarshal(t, "Int.MarshalJSON", marshalJSON[Int], cases)
	testMarshal(t, "Int.MarshalText", marshalText[Int], cases)
	if got := Int(-5).String(); got != "-5" {
		t.Errorf("Int(-5).String() = %q, want %q", got, "-5")
	}
}

// Regression: Cloudbeds documents adults and children as free strings, and wire.Int failed a
// whole getReservations answer on any text that is no whole number. Count keeps it in Raw.
func TestCountUnmarshalJSON(t *testing.T) {
	testJSON(t, "Count", []decodeCase[Count]{
		{name: "number", in: `2`, want: Count{Int: 2}},
		{name: "numeric string", in: `"2"`, want: Count{Int: 2}},
		{name: "integral decimal", in: `"2.0"`, want: Count{Int: 2}},
		{name: "empty string", in: `""`, want: Count{}},
		{name: "null", in: `null`, want: Count{}},
		{name: "negative", in: `-1`, want: Count{Int: -1}},
		{name: "text kept", in: `"2 adults"`, want: Count{Raw: "2 adults"}},
		{name: "fraction kept", in: `2.5`, want: Count{Raw: "2.5"}},
		{name: "fraction string kept", in: `"1.5"`, want: Count{Raw: "1.5"}},
		{name: "exponent kept", in: `1e3`, want: Count{Raw: "1e3"}},
		{name: "overflow kept", in: `"99999999999999999999999"`, want: Count{Raw: "99999999999999999999999"}},
		{name: "escaped text kept", in: `"caf\u00e9"`, want: Count{Raw: "café"}},
		{name: "true", in: `true`, err: true},
		{name: "object", in: `{"77": 2}`, err: true},
		{name: "array", in: `[]`, err: true},
		{name: "bad literal", in: `nul`, err: true},
	}, equal[Count])
}

func TestCountUnmarshalText(t *testing.T) {
	testText(t, "Count", []decodeCase[Count]{
		{name: "digits", in: "3", want: Count{Int: 3}},
		{name: "empty", in: "", want: Count{}},
		{name: "letters", in: "abc", err: true},
	}, equal[Count])
}

func TestCountMarshal(t *testing.T) {
	cases := []encodeCase[Count]{
		{name: "zero", in: Count{}, want: "0"},
		{name: "number", in: Count{Int: 2}, want: "2"},
	}
	testMarshal(t, "Count.MarshalJSON", marshalJSON[Count], append(cases, encodeCase[Count]{name: "raw", in: Count{Raw: "2 adults"}, want: `"2 adults"`}))
	testMarshal(t, "Count.MarshalText", marshalText[Count], append(cases, encodeCase[Count]{name: "raw", in: Count{Raw: "2 adults"}, want: `2 adults`}))
	methods := []struct {
		name      string
		got, want any
	}{
		{"String", Count{Int: 4}.String(), "4"},
		{"String of Raw", Count{Raw: "n/a"}.String(), "n/a"},
		{"IsZero", Count{}.IsZero(), true},
		{"IsZero with Raw", Count{Raw: "x"}.IsZero(), false},
		{"Valid", Count{Int: 1}.Valid(), true},
		{"Valid with Raw", Count{Raw: "x"}.Valid(), false},
	}
	for _, m := range methods {
		if m.got != m.want {
			t.Errorf("Count.%s() = %v, want %v", m.name, m.got, m.want)
		}
	}
}

func TestFloatUnmarshalJSON(t *testing.T) {
	testJSON(t, "Float", []decodeCase[Float]{
		{name: "number", in: `12.5`, want: 12.5},
		{name: "integer", in: `3`, want: 3},
		{name: "numeric string", in: `"12.5"`, want: 12.5},
		{name: "negative string", in: `"-0.25"`, want: -0.25},
		{name: "signed string", in: `"+1.5"`, want: 1.5},
		{name: "exponent", in: `1e3`, want: 1000},
		{name: "exponent string", in: `"2.5E-3"`, want: 0.0025},
		{name: "empty string", in: `""`, want: 0},
		{name: "null", in: `null`, want: 0},
		{name: "max", in: `1.7976931348623157e308`, want: math.MaxFloat64},
		{name: "smallest", in: `5e-324`, want: math.SmallestNonzeroFloat64},
		{name: "letters", in: `"abc"`, err: true},
		{name: "true", in: `true`, err: true},
		{name: "NaN", in: `"NaN"`, err: true},
		{name: "Inf", in: `"Inf"`, err: true},
		{name: "Infinity", in: `"-Infinity"`, err: true},
		{name: "out of range", in: `1e400`, err: true},
		{name: "hex float", in: `"0x1p-2"`, err: true},
		{name: "underscore", in: `"1_0.5"`, err: true},
		{name: "leading dot", in: `".5"`, err: true},
		{name: "comma decimal", in: `"12,5"`, err: true},
		{name: "empty exponent", in: `"1e"`, err: true},
		{name: "object", in: `{"a":1}`, err: true},
	}, equal[Float])
}

func TestFloatUnmarshalText(t *testing.T) {
	testText(t, "Float", []decodeCase[Float]{
		{name: "decimal", in: "12.5", want: 12.5},
		{name: "empty", in: "", want: 0},
		{name: "exponent", in: "1e2", want: 100},
		{name: "letters", in: "abc", err: true},
		{name: "NaN", in: "NaN", err: true},
	}, equal[Float])
}

func TestFloatMarshal(t *testing.T) {
	cases := []encodeCase[Float]{
		{name: "zero", in: 0, want: "0"},
		{name: "fraction", in: 12.5, want: "12.5"},
		{name: "large never scientific", in: 1e21, want: "1000000000000000000000"},
		{name: "small never scientific", in: 0.000001, want: "0.000001"},
		{name: "shortest", in: 0.1, want: "0.1"},
		{name: "negative", in: -3.25, want: "-3.25"},
		{name: "NaN", in: Float(math.NaN()), err: true},
		{name: "+Inf", in: Float(math.Inf(1)), err: true},
		{name: "-Inf", in: Float(math.Inf(-1)), err: true},
	}
	testMarshal(t, "Float.MarshalJSON", marshalJSON[Float], cases)
	testMarshal(t, "Float.MarshalText", marshalText[Float], cases)
	if got := Float(1e21).String(); got != "1000000000000000000000" {
		t.Errorf("Float(1e21).String() = %q, want %q", got, "1000000000000000000000")
	}
}

func TestBoolUnmarshalJSON(t *testing.T) {
	testJSON(t, "Bool", []decodeCase[Bool]{
		{name: "true", in: `true`, want: true},
		{name: "false", in: `false`, want: false},
		{name: "one", in: `1`, want: true},
		{name: "zero", in: `0`, want: false},
		{name: "string one", in: `"1"`, want: true},
		{name: "string zero", in: `"0"`, want: false},
		{name: "string true", in: `"true"`, want: true},
		{name: "string TRUE", in: `"TRUE"`, want: true},
		{name: "string True", in: `"True"`, want: true},
		{name: "string false", in: `"false"`, want: false},
		{name: "string FALSE", in: `"FALSE"`, want: false},
		{name: "empty string", in: `""`, want: false},
		{name: "null", in: `null`, want: false},
		{name: "two", in: `2`, err: true},
		{name: "minus one", in: `-1`, err: true},
		{name: "one point zero", in: `1.0`, err: true},
		{name: "string one point zero", in: `"1.0"`, err: true},
		{name: "yes", in: `"yes"`, err: true},
		{name: "t", in: `"t"`, err: true},
		{name: "padded", in: `" true"`, err: true},
		{name: "object", in: `{}`, err: true},
		{name: "bad literal", in: `tru`, err: true},
		{name: "capitalised literal", in: `True`, err: true},
	}, equal[Bool])
}

func TestBoolUnmarshalText(t *testing.T) {
	testText(t, "Bool", []decodeCase[Bool]{
		{name: "true", in: "true", want: true},
		{name: "one", in: "1", want: true},
		{name: "False", in: "False", want: false},
		{name: "empty", in: "", want: false},
		{name: "yes", in: "yes", err: true},
	}, equal[Bool])
}

func TestBoolMarshal(t *testing.T) {
	cases := []encodeCase[Bool]{
		{name: "true", in: true, want: "true"},
		{name: "false", in: false, want: "false"},
	}
	testMarshal(t, "Bool.MarshalJSON", marshalJSON[Bool], cases)
	testMarshal(t, "Bool.MarshalText", marshalText[Bool], cases)
	if got := Bool(true).String(); got != "true" {
		t.Errorf("Bool(true).String() = %q, want %q", got, "true")
	}
}
