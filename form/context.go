package form

import (
	"context"
	"reflect"
	"time"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Booleans names how an encoder writes booleans.
type Booleans uint8

const (
	// BooleansNumeric writes 1 and 0, the default: every PHP reading of a form value (a (bool)
	// cast, an (int) cast, filter_var with FILTER_VALIDATE_BOOLEAN) understands them.
	BooleansNumeric Booleans = iota
	// BooleansWords writes true and false, for servers that validate the literal words. Beware
	// that a plain PHP (bool) cast reads the text "false" as true.
	BooleansWords
)

// DateTimes names how an encoder writes date-times: [wire.SQLDateTime], [wire.DateTime],
// [wire.LocalDateTime] and [time.Time] values. Dates ([wire.Date]) and every other value keep
// their own text whatever the choice.
type DateTimes uint8

const (
	// DateTimesOwn writes each value in its own format, the default: wire.SQLDateTime as
	// 2006-01-02 15:04:05, wire.DateTime and time.Time in RFC 3339.
	DateTimesOwn DateTimes = iota
	// DateTimesSQL writes 2006-01-02 15:04:05, the wall clock in the value's own location.
	DateTimesSQL
	// DateTimesRFC3339 writes RFC 3339 with the value's offset (Z for UTC), without fractional
	// seconds unless the value has them.
	DateTimesRFC3339
)

// options are the per-call choices an encoder honours; the zero value is the default form.
type options struct {
	booleans  Booleans
	dateTimes DateTimes
}

type optionsKey struct{}

func optionsFrom(ctx context.Context) options {
	if ctx == nil {
		return options{}
	}
	o, _ := ctx.Value(optionsKey{}).(options)
	return o
}

// WithBooleans returns a copy of ctx under which [EncodeContext] writes booleans as b.
func WithBooleans(ctx context.Context, b Booleans) context.Context {
	o := optionsFrom(ctx)
	o.booleans = b
	return context.WithValue(ctx, optionsKey{}, o)
}

// WithDateTimes returns a copy of ctx under which [EncodeContext] writes date-times as d.
func WithDateTimes(ctx context.Context, d DateTimes) context.Context {
	o := optionsFrom(ctx)
	o.dateTimes = d
	return context.WithValue(ctx, optionsKey{}, o)
}

// EncodeContext is [Encode] with the choices ctx carries ([WithBooleans], [WithDateTimes]);
// without any it gives exactly what Encode gives.
func EncodeContext(ctx context.Context, v any) (string, error) {
	return encode(v, optionsFrom(ctx))
}

// dateTime reports whether v is a date-time whose form the options choose, with its time and,
// for a wire value kept verbatim, its raw text.
func dateTime(v reflect.Value) (t time.Time, raw string, ok bool) {
	if v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if !v.CanInterface() {
		return time.Time{}, "", false
	}
	switch x := v.Interface().(type) {
	case time.Time:
		return x, "", true
	case wire.SQLDateTime:
		return x.Time, x.Raw, true
	case wire.DateTime:
		return x.Time, x.Raw, true
	case wire.LocalDateTime:
		return x.Time, x.Raw, true
	}
	return time.Time{}, "", false
}

// formatDateTime writes t as d chooses; the zero time writes raw.
func formatDateTime(t time.Time, raw string, d DateTimes) string {
	if t.IsZero() {
		return raw
	}
	if d == DateTimesSQL {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format(time.RFC3339Nano)
}
