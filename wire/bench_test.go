package wire

import (
	"encoding/json"
	"testing"

	jsonv1 "github.com/go-json-experiment/json/v1"
)

// benchDecode measures UnmarshalJSON of one typical wire value.
func benchDecode[T any, P codec[T]](b *testing.B, in string) {
	b.Helper()
	data := []byte(in)
	var v T
	if err := P(&v).UnmarshalJSON(data); err != nil {
		b.Fatalf("UnmarshalJSON(%s) error = %v", in, err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		_ = P(&v).UnmarshalJSON(data)
	}
}

func BenchmarkDecodeInt(b *testing.B)         { benchDecode[Int](b, `12345`) }
func BenchmarkDecodeIntString(b *testing.B)   { benchDecode[Int](b, `"12345"`) }
func BenchmarkDecodeFloat(b *testing.B)       { benchDecode[Float](b, `12.5`) }
func BenchmarkDecodeFloatString(b *testing.B) { benchDecode[Float](b, `"12.5"`) }
func BenchmarkDecodeBool(b *testing.B)        { benchDecode[Bool](b, `"1"`) }
func BenchmarkDecodeString(b *testing.B)      { benchDecode[String](b, `"Margherita pizza"`) }
func BenchmarkDecodeStringEscaped(b *testing.B) {
	benchDecode[String](b, `"https:\/\/example.com\/caf\u00e9"`)
}
func BenchmarkDecodeStringNumber(b *testing.B) { benchDecode[String](b, `10452`) }
func BenchmarkDecodeDecimal(b *testing.B)      { benchDecode[Decimal](b, `"12.50"`) }
func BenchmarkDecodePercent(b *testing.B)      { benchDecode[Percent](b, `"20%"`) }
func BenchmarkDecodeDateTime(b *testing.B)     { benchDecode[DateTime](b, `"2025-05-15T14:00:00Z"`) }
func BenchmarkDecodeDateTimeOffset(b *testing.B) {
	benchDecode[DateTime](b, `"2025-05-15T14:00:00+02:00"`)
}
func BenchmarkDecodeSQLDateTime(b *testing.B) { benchDecode[SQLDateTime](b, `"2025-05-15 14:00:00"`) }
func BenchmarkDecodeLocalDateTime(b *testing.B) {
	benchDecode[LocalDateTime](b, `"2025-05-15T14:00:00"`)
}
func BenchmarkDecodeDate(b *testing.B)      { benchDecode[Date](b, `"2025-05-15"`) }
func BenchmarkDecodeZeroDate(b *testing.B)  { benchDecode[Date](b, `"0000-00-00"`) }
func BenchmarkDecodeTimeOfDay(b *testing.B) { benchDecode[TimeOfDay](b, `"15:04:05"`) }

// kobasLineJSON is a whole Kobas-style sales line.
var kobasLineJSON = []byte(`{"Order ID":10452,"Payment Total":"12.50","Tax Rate":"20%","Quantity":"2","Voided":"0",` +
	`"Price":"6.25","Date":"2025-05-15","Closed":"2025-05-15 14:00:00","Refunded":"0000-00-00 00:00:00",` +
	`"Opens":"9:30"}`)

// BenchmarkDecodeStruct measures a whole Kobas-style line through encoding/json/v2 in v1 mode,
// the path generated clients take (see internal/codegen/imports.tmpl).
func BenchmarkDecodeStruct(b *testing.B) {
	benchUnmarshal[kobasLine](b, jsonv1.Unmarshal, kobasLineJSON)
}

// BenchmarkDecodeStructStdlib is BenchmarkDecodeStruct through encoding/json, for users who
// decode wire types themselves.
func BenchmarkDecodeStructStdlib(b *testing.B) {
	benchUnmarshal[kobasLine](b, json.Unmarshal, kobasLineJSON)
}

// guestListJSON is a Cloudbeds guest list of three guests keyed by guest ID.
var guestListJSON = []byte(`{"55501":{"guestID":"55501","adults":"2"},"55502":{"guestID":55502,"adults":1},` +
	`"55503":{"guestID":"55503","adults":""}}`)

// BenchmarkDecodeMap measures a Map through encoding/json/v2 in v1 mode, which calls its
// streaming UnmarshalJSONFrom.
func BenchmarkDecodeMap(b *testing.B) { benchUnmarshal[Map[guest]](b, jsonv1.Unmarshal, guestListJSON) }

// BenchmarkDecodeMapStdlib is BenchmarkDecodeMap through encoding/json, which calls
// UnmarshalJSON (the entries are parsed a second time).
func BenchmarkDecodeMapStdlib(b *testing.B) {
	benchUnmarshal[Map[guest]](b, json.Unmarshal, guestListJSON)
}

// benchUnmarshal measures unmarshal of data into a fresh T.
func benchUnmarshal[T any](b *testing.B, unmarshal func([]byte, any) error, data []byte) {
	b.Helper()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v T
		if err := unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeFloat(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Float(12.5).MarshalJSON()
	}
}

func BenchmarkEncodeSQLDateTime(b *testing.B) {
	var v SQLDateTime
	_ = v.UnmarshalJSON([]byte(`"2025-05-15 14:00:00"`))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = v.MarshalJSON()
	}
}
