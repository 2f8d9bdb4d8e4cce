package cobot_test

import (
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
)

// BenchmarkNewGetSpaceExternalBookingsRequest measures a request builder with required
// parameters (a path id and two date-times), which it checks before building the request.
func BenchmarkNewGetSpaceExternalBookingsRequest(b *testing.B) {
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	params := &cobot.GetSpaceExternalBookingsParams{FilterFrom: from, FilterTo: from.AddDate(0, 0, 7)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := cobot.NewGetSpaceExternalBookingsRequest(cobot.DefaultServer, "sp-1", params); err != nil {
			b.Fatal(err)
		}
	}
}
