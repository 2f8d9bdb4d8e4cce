package phpform_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/hospitality-sdk/hospitality-go/sandbox/phpform"
)

// reservationSchema is a small Cloudbeds-like body: scalars, an array of objects, a map of
// integers and an allOf-wrapped reference.
func reservationSchema() *openapi3.Schema {
	room := openapi3.NewObjectSchema().
		WithProperty("roomTypeID", openapi3.NewIntegerSchema()).
		WithProperty("quantity", openapi3.NewIntegerSchema())
	s := openapi3.NewObjectSchema().
		WithProperty("propertyID", openapi3.NewStringSchema()).
		WithProperty("rate", openapi3.NewFloat64Schema()).
		WithProperty("sendEmail", openapi3.NewBoolSchema()).
		WithProperty("rooms", openapi3.NewArraySchema().WithItems(room)).
		WithProperty("extras", openapi3.NewObjectSchema().WithAdditionalProperties(openapi3.NewIntegerSchema()))
	wrapped := &openapi3.Schema{AllOf: openapi3.SchemaRefs{openapi3.NewSchemaRef("", openapi3.NewIntegerSchema())}}
	s.Properties["adults"] = openapi3.NewSchemaRef("", wrapped)
	return s
}

func TestBodyDecoder(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		schema  *openapi3.SchemaRef
		want    any
		wantErr string
	}{
		{
			name:   "scalars arrays and maps coerced",
			body:   "propertyID=42&rate=99.50&sendEmail=1&rooms%5B0%5D%5BroomTypeID%5D=77&rooms%5B0%5D%5Bquantity%5D=2&extras%5Bcot%5D=1&adults=3",
			schema: openapi3.NewSchemaRef("", reservationSchema()),
			want: map[string]any{
				"propertyID": "42",
				"rate":       99.5,
				"sendEmail":  true,
				"rooms":      []any{map[string]any{"roomTypeID": int64(77), "quantity": int64(2)}},
				"extras":     map[string]any{"cot": int64(1)},
				"adults":     int64(3),
			},
		},
		{
			name:   "values that do not parse stay strings",
			body:   "rate=cheap&sendEmail=maybe&rooms[0][roomTypeID]=x",
			schema: openapi3.NewSchemaRef("", reservationSchema()),
			want: map[string]any{
				"rate":      "cheap",
				"sendEmail": "maybe",
				"rooms":     []any{map[string]any{"roomTypeID": "x"}},
			},
		},
		{
			name:   "unknown keys are kept as sent",
			body:   "other=5",
			schema: openapi3.NewSchemaRef("", reservationSchema()),
			want:   map[string]any{"other": "5"},
		},
		{
			name: "no schema leaves strings",
			body: "a[0]=1&b=true",
			want: map[string]any{"a": []any{"1"}, "b": "true"},
		},
		{
			name:    "malformed key",
			body:    "a[b=1",
			schema:  openapi3.NewSchemaRef("", reservationSchema()),
			wantErr: "a[b",
		},
		{
			name:    "bad escape",
			body:    "a=%zz",
			wantErr: "invalid URL escape",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := phpform.BodyDecoder(strings.NewReader(tc.body), nil, tc.schema, nil)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("BodyDecoder(%q) = %v, %v, want error containing %q", tc.body, got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("BodyDecoder(%q) error = %v, want nil", tc.body, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("BodyDecoder(%q) = %#v, want %#v", tc.body, got, tc.want)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("read failed") }

func TestBodyDecoderReadError(t *testing.T) {
	if got, err := phpform.BodyDecoder(failingReader{}, nil, nil, nil); err == nil || err.Error() != "read failed" {
		t.Errorf("BodyDecoder(failing reader) = %v, %v, want error %q", got, err, "read failed")
	}
}

func TestCoerce(t *testing.T) {
	tests := []struct {
		name   string
		v      any
		schema *openapi3.Schema
		want   any
	}{
		{name: "nil schema", v: "1", schema: nil, want: "1"},
		{name: "integer", v: "-12", schema: openapi3.NewIntegerSchema(), want: int64(-12)},
		{name: "number", v: "1e3", schema: openapi3.NewFloat64Schema(), want: 1000.0},
		{name: "boolean", v: "false", schema: openapi3.NewBoolSchema(), want: false},
		{name: "string stays", v: "007", schema: openapi3.NewStringSchema(), want: "007"},
		{name: "oneOf first typed member", v: "5", schema: &openapi3.Schema{OneOf: openapi3.SchemaRefs{
			openapi3.NewSchemaRef("", &openapi3.Schema{}), openapi3.NewSchemaRef("", openapi3.NewIntegerSchema()),
		}}, want: int64(5)},
		{name: "anyOf", v: "0", schema: &openapi3.Schema{AnyOf: openapi3.SchemaRefs{openapi3.NewSchemaRef("", openapi3.NewBoolSchema())}}, want: false},
		{name: "array without items", v: []any{"1"}, schema: openapi3.NewArraySchema(), want: []any{"1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := phpform.Coerce(tc.v, tc.schema); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Coerce(%#v) = %#v, want %#v", tc.v, got, tc.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	got, err := phpform.Parse("rooms%5B0%5D%5BroomTypeID%5D=77&rooms%5B1%5D%5BroomTypeID%5D=78&note=a+b")
	if err != nil {
		t.Fatalf("Parse() error = %v", err)
	}
	want := map[string]any{
		"rooms": []any{map[string]any{"roomTypeID": "77"}, map[string]any{"roomTypeID": "78"}},
		"note":  "a b",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse() = %#v, want %#v", got, want)
	}
	if _, err := phpform.Parse("a=1&a=2"); err == nil {
		t.Error("Parse(a=1&a=2) error = nil, want an error for a repeated plain key")
	}
}
