package wire

import (
	"encoding/json"
	"testing"
)

// Regression: Cloudbeds' getMetadata success is a free string upstream; wire.Bool failed the
// whole answer on any text other than a boolean form.
func TestFlagUnmarshalJSON(t *testing.T) {
	tests := []struct {
		name, in string
		want     Flag
		wantErr  bool
	}{
		{name: "true", in: `true`, want: Flag{Bool: true}},
		{name: "false", in: `false`, want: Flag{}},
		{name: "one", in: `1`, want: Flag{Bool: true}},
		{name: "string true", in: `"TRUE"`, want: Flag{Bool: true}},
		{name: "string zero", in: `"0"`, want: Flag{}},
		{name: "empty", in: `""`, want: Flag{}},
		{name: "null", in: `null`, want: Flag{}},
		{name: "free text kept", in: `"DmpVde"`, want: Flag{Raw: "DmpVde"}},
		{name: "other number kept", in: `2`, want: Flag{Raw: "2"}},
		{name: "fraction kept", in: `1.0`, want: Flag{Raw: "1.0"}},
		{name: "object", in: `{}`, wantErr: true},
		{name: "array", in: `[true]`, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got Flag
			err := json.Unmarshal([]byte(tc.in), &got)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Unmarshal(%s) error = %v, want error %v", tc.in, err, tc.wantErr)
			}
			if err == nil && got != tc.want {
				t.Errorf("Unmarshal(%s) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestFlagMarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		in   Flag
		want string
	}{
		{name: "true", in: Flag{Bool: true}, want: `true`},
		{name: "zero", in: Flag{}, want: `false`},
		{name: "raw", in: Flag{Raw: "pending"}, want: `"pending"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.in)
			if err != nil || string(got) != tc.want {
				t.Errorf("Marshal(%+v) = %s, %v, want %s", tc.in, got, err, tc.want)
			}
			if tc.in.String() != map[string]string{"true": "true", "zero": "false", "raw": "pending"}[tc.name] {
				t.Errorf("%+v.String() = %q", tc.in, tc.in.String())
			}
		})
	}
	if (Flag{}).Valid() != true || (Flag{Raw: "x"}).Valid() || !(Flag{}).IsZero() || (Flag{Bool: true}).IsZero() {
		t.Error("Flag Valid/IsZero disagree with Raw and Bool")
	}
}

func FuzzFlags(f *testing.F) {
	addSeeds(f, `true`, `false`, `1`, `0`, `"1"`, `"0"`, `"true"`, `"FALSE"`, `""`, `null`, `2`, `"yes"`,
		`1.0`, `"DmpVde"`, `{}`, `[]`, `"caf\u00e9"`)
	f.Fuzz(func(t *testing.T, in []byte) {
		checkRoundTrip[Flag](t, "Flag", in, same, equal)
		// Flag decodes every string and number, as a boolean exactly when Bool does.
		var fl Flag
		var b Bool
		errF, errB := fl.UnmarshalJSON(in), b.UnmarshalJSON(in)
		if errB == nil && (errF != nil || fl != Flag{Bool: b}) {
			t.Fatalf("Flag.UnmarshalJSON(%q) = %+v, %v; Bool gives %v", in, fl, errF, b)
		}
		if k, _ := scalar(in); (k == kindString || k == kindNumber) && errF != nil {
			t.Fatalf("Flag.UnmarshalJSON(%q) error = %v, want the text kept in Raw", in, errF)
		}
	})
}
