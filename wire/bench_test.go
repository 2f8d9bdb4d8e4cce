package wire

import (
	"encoding/json"
	"testing"
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

// BenchmarkDecodeStruct measures a whole Kobas-style line through
// encoding/json, the path generated clients take.
func BenchmarkDecodeStruct(b *testing.B) {
	data := []byte(`{"Order ID":10452,"Payment Total":"12.50","Tax Rate":"20%","Quantity":"2","Voided":"0",` +
		`"Price":"6.25","Date":"2025-05-15","Closed":"2025-05-15 14:00:00","Refunded":"0000-00-00 00:00:00",` +
		`"Opens":"9:30"}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v kobasLine
		if err := json.Unmarshal(data, &v); err != nil {
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
