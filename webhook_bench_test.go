package hospitality_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
)

// benchmarkCloudbedsWebhook posts body to a CloudbedsWebhookHandler and reports ns/KB besides
// ns/op.
func benchmarkCloudbedsWebhook(b *testing.B, body []byte, wantStatus int) {
	h := hospitality.CloudbedsWebhookHandler(func(context.Context, *hospitality.CloudbedsWebhookEvent) error { return nil })
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hooks/cloudbeds", bytes.NewReader(body)))
		if rec.Code != wantStatus {
			b.Fatalf("status %d, want %d", rec.Code, wantStatus)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(float64(len(body))/1024), "ns/KB")
}

// BenchmarkCloudbedsWebhookNormal is a typical delivery.
func BenchmarkCloudbedsWebhookNormal(b *testing.B) {
	benchmarkCloudbedsWebhook(b, []byte(`{"version":"1.0","event":"reservation/created","timestamp":1718000000.123456,`+
		`"propertyID":172938,"propertyID_str":"172938","reservationID":"8829301744","guestID":55501}`), http.StatusOK)
}

// BenchmarkCloudbedsWebhookHostileDigits is the 1 MB body of issue #12: one number of a million
// digits.
func BenchmarkCloudbedsWebhookHostileDigits(b *testing.B) {
	benchmarkCloudbedsWebhook(b, []byte(hostileDigitsBody()), http.StatusBadRequest)
}
