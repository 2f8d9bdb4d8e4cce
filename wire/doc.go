// Package wire provides lenient scalar types, and one lenient map type, for
// decoding what hospitality APIs actually send.
//
// The providers behind this SDK regularly send values their documentation
// does not declare: integers and floats as strings ("2", ""), money as
// strings ("12.50"), tax rates with a percent sign ("20%"), booleans as 1 or
// "1", identifiers that are numbers in one endpoint and strings in another,
// date-times without an offset, and MySQL zero dates ("0000-00-00"). With the
// plain Go types one such value fails the whole response. The types in this
// package accept every form seen in the wild, decode never panics, and they
// marshal back in the provider's own format.
//
// Which type to use for which wire format:
//
//   - [Int]: JSON integer or numeric string ("2", "" and null are 0).
//   - [Count]: what Int accepts, for fields documented as free strings; any
//     other string or number is kept verbatim in Raw (Cloudbeds adults).
//   - [Float]: JSON number or numeric string; marshals without an exponent.
//   - [Bool]: true/false, 1/0, "1"/"0", "true"/"false"; "" and null are false.
//   - [String]: JSON string, or a JSON number kept as its literal text (IDs).
//   - [Decimal]: money such as "12.50" or 12.50 (Kobas amounts), kept
//     verbatim and never rounded through float64; other text an answer
//     carries is kept too, and [Decimal.Valid] reports false for it.
//   - [Percent]: rates such as "20%" or "17.5 %" (Kobas "Tax Rate").
//   - [DateTime]: RFC 3339 date-times (Octotable timestamps with an offset).
//   - [SQLDateTime]: "2006-01-02 15:04:05" (Cloudbeds, Kobas).
//   - [LocalDateTime]: "2006-01-02T15:04:05" without an offset (Octotable).
//   - [Date]: "2006-01-02" (Kobas, Cloudbeds, Octotable dates).
//   - [TimeOfDay]: "15:04:05", "15:04" or "5:30" (opening hours, slots).
//   - [Map]: a JSON object, or the array PHP sends instead ([] when empty,
//     a list when the keys are 0, 1, …); Cloudbeds guest lists and rate maps.
//
// Every date type accepts every date format listed above on input and treats
// "", null, "0000-00-00" and "0000-00-00 00:00:00" as empty; they differ only
// in what they marshal. Wire forms without an offset carry a wall-clock time
// and are decoded in [time.UTC]; SQLDateTime, LocalDateTime and Date marshal
// the wall clock of the value's own location, so such values round-trip to
// exactly the text that was received.
//
// Every type implements encoding/json's Unmarshaler and Marshaler, so it
// works with encoding/json and with encoding/json/v2 (the generated clients
// decode with github.com/go-json-experiment/json/v1, encoding/json's API on
// the v2 implementation). [Map] also implements v2's streaming
// UnmarshalerFrom, so under v2 its entries are decoded in the same pass.
//
// The zero value of every type is its empty value. Date types embed
// [time.Time] and report emptiness through IsZero, so the `omitzero` struct
// tag option works with them.
//
// Generated clients refer to these types through OpenAPI overlay actions:
//
//	x-go-type: wire.Decimal
//	x-go-type-import:
//	  path: github.com/hospitality-sdk/hospitality-go/wire
package wire
