package wire_test

import (
	"testing"
	"time"

	"github.com/oapi-codegen/runtime"

	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Regression: oapi-codegen's runtime formats any value convertible to time.Time or types.Date
// itself, ignoring MarshalText, so date types that were plain struct{ time.Time } went out in
// query strings as bare dates (a SQLDateTime lost its time of day).
func TestQueryParameterFormat(t *testing.T) {
	at := time.Date(2025, 5, 15, 14, 0, 5, 0, time.UTC)
	tests := []struct {
		name  string
		value any
		want  string
	}{
		{"SQLDateTime", wire.SQLDateTime{Time: at}, "from=2025-05-15+14%3A00%3A05"},
		{"LocalDateTime", wire.LocalDateTime{Time: at}, "from=2025-05-15T14%3A00%3A05"},
		{"DateTime", wire.DateTime{Time: at}, "from=2025-05-15T14%3A00%3A05Z"},
		{"Date", wire.Date{Time: at}, "from=2025-05-15"},
		{"TimeOfDay", wire.TimeOfDay{Hour: 9, Minute: 30, Valid: true}, "from=09%3A30%3A00"},
		{"Float", wire.Float(1000000.5), "from=1000000.5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := runtime.StyleParamWithLocation("form", true, "from", runtime.ParamLocationQuery, tc.value)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("StyleParamWithLocation(%s) = %q, want %q", tc.name, got, tc.want)
			}
		})
	}
}
