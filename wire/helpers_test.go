package wire

import (
	"encoding"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// decodeCase is one input for a decode table: want is the decoded value, or
// err is set when the input must be rejected.
type decodeCase[T any] struct {
	name string
	in   string
	want T
	err  bool
}

// unmarshaler is the pointer type of a wire type.
type unmarshaler[T any] interface {
	*T
	json.Unmarshaler
	encoding.TextUnmarshaler
}

func equal[T comparable](a, b T) bool { return a == b }

// testJSON runs every case through UnmarshalJSON. A rejected input must give
// a "wire: cannot decode ... as typ" error and leave the value untouched.
func testJSON[T any, P unmarshaler[T]](t *testing.T, typ string, cases []decodeCase[T], eq func(a, b T) bool) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got, zero T
			err := P(&got).UnmarshalJSON([]byte(tc.in))
			checkDecode(t, typ+".UnmarshalJSON", typ, tc, got, zero, err, eq)
		})
	}
}

// testText runs every case through UnmarshalText.
func testText[T any, P unmarshaler[T]](t *testing.T, typ string, cases []decodeCase[T], eq func(a, b T) bool) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got, zero T
			err := P(&got).UnmarshalText([]byte(tc.in))
			checkDecode(t, typ+".UnmarshalText", typ, tc, got, zero, err, eq)
		})
	}
}

func checkDecode[T any](t *testing.T, fn, typ string, tc decodeCase[T], got, zero T, err error, eq func(a, b T) bool) {
	t.Helper()
	if tc.err {
		if err == nil {
			t.Fatalf("%s(%q) = %v, want error", fn, tc.in, got)
		}
		checkDecodeError(t, err, typ)
		if !eq(got, zero) {
			t.Errorf("%s(%q) changed the value to %v after an error", fn, tc.in, got)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s(%q) error = %v, want %v", fn, tc.in, err, tc.want)
	}
	if !eq(got, tc.want) {
		t.Errorf("%s(%q) = %v, want %v", fn, tc.in, got, tc.want)
	}
}

func checkDecodeError(t *testing.T, err error, typ string) {
	t.Helper()
	var ve *valueError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v (%T) is not a *valueError", err, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "wire: cannot decode ") || !strings.HasSuffix(msg, " as "+typ) {
		t.Errorf("error = %q, want \"wire: cannot decode <value> as %s\"", msg, typ)
	}
}

// encodeCase is one value for an encode table.
type encodeCase[T any] struct {
	name string
	in   T
	want string // ignored when err is set
	err  bool
}

func testMarshal[T any](t *testing.T, fn string, marshal func(T) ([]byte, error), cases []encodeCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := marshal(tc.in)
			if tc.err {
				if err == nil {
					t.Fatalf("%s(%v) = %s, want error", fn, tc.in, got)
				}
				if msg := err.Error(); !strings.HasPrefix(msg, "wire: cannot encode ") {
					t.Errorf("%s(%v) error = %q, want prefix \"wire: cannot encode \"", fn, tc.in, msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s(%v) error = %v, want %s", fn, tc.in, err, tc.want)
			}
			if string(got) != tc.want {
				t.Errorf("%s(%v) = %s, want %s", fn, tc.in, got, tc.want)
			}
		})
	}
}

func marshalJSON[T json.Marshaler](v T) ([]byte, error) { return v.MarshalJSON() }

func marshalText[T encoding.TextMarshaler](v T) ([]byte, error) { return v.MarshalText() }
