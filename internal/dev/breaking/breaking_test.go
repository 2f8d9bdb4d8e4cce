package breaking

import (
	"reflect"
	"testing"
)

// sample is real oasdiff v1.35.0 output (one change), trimmed of its source locations.
const sample = `[{"id":"api-path-removed-without-deprecation","text":"api path removed without deprecation","level":3,"operation":"GET","operationId":"searchCustomers","path":"/customer/search","section":"paths","fingerprint":"872d45664a61"},
{"id":"response-optional-property-removed","text":"removed the optional property 'x' from the response","level":2,"operation":"GET","path":"/venues"}]`

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    []string
		wantErr bool
	}{
		{name: "changes", data: sample, want: []string{
			"kobas: api-path-removed-without-deprecation GET /customer/search",
			"kobas: response-optional-property-removed GET /venues",
		}},
		{name: "empty output", data: "\n"},
		{name: "null", data: "null"},
		{name: "empty list", data: "[]"},
		{name: "garbage", data: "Error: failed to load", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			changes, err := Parse("kobas", []byte(tc.data))
			if (err != nil) != tc.wantErr {
				t.Fatalf("Parse() error = %v, want error %v", err, tc.wantErr)
			}
			var got []string
			for _, c := range changes {
				got = append(got, c.Token())
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse() tokens = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAcknowledged(t *testing.T) {
	changelog := "# Changelog\n\n## [Unreleased]\n\n### Breaking\n\n" +
		"- `kobas: api-path-removed-without-deprecation GET /customer/search` retired upstream.\n" +
		"- `cobot:  request-parameter-became-required   POST /bookings`, and `cobot: spec-removed`\n\n" +
		"### Added\n\n- `kobas: new-thing GET /ignored` is not under Breaking.\n\n" +
		"## [0.1.0] - 2026-01-01\n\n#### Breaking changes\n\n- `octotable: api-removed GET /old`\n"
	got := Acknowledged([]byte(changelog))
	want := map[string]bool{
		"kobas: api-path-removed-without-deprecation GET /customer/search": true,
		"cobot: request-parameter-became-required POST /bookings":          true,
		"cobot: spec-removed":             true,
		"octotable: api-removed GET /old": true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Acknowledged() = %v, want %v", got, want)
	}
}

func TestUnacknowledged(t *testing.T) {
	changes, err := Parse("kobas", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		acks map[string]bool
		want int
	}{
		{"not acknowledged", map[string]bool{}, 1},
		{"acknowledged", map[string]bool{"kobas: api-path-removed-without-deprecation GET /customer/search": true}, 0},
		{"other api's acknowledgement does not count", map[string]bool{"cobot: api-path-removed-without-deprecation GET /customer/search": true}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The warning-level change never fails the check, acknowledged or not.
			if got := len(Unacknowledged(changes, tc.acks)); got != tc.want {
				t.Errorf("len(Unacknowledged(changes, %v)) = %d, want %d", tc.acks, got, tc.want)
			}
		})
	}
}
