package hospitality_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
)

func TestParseCloudbedsWebhook(t *testing.T) {
	tests := []struct {
		name string
		body string
		want hospitality.CloudbedsWebhookEvent // Raw is checked separately
	}{
		{
			name: "integer propertyID with propertyID_str and float timestamp",
			body: `{"version":"1.0","event":"reservation/created","timestamp":1718000000.123456,` +
				`"propertyID":172938,"propertyID_str":"172938","reservationID":"8829301744","guestID":55501}`,
			want: hospitality.CloudbedsWebhookEvent{Version: "1.0", Event: "reservation/created",
				Time:       time.Date(2024, 6, 10, 6, 13, 20, 123456000, time.UTC),
				PropertyID: "172938", ReservationID: "8829301744", GuestID: "55501"},
		},
		{
			name: "integer propertyID only",
			body: `{"event":"guest/details_changed","timestamp":1718000000,"propertyID":172938,"guestID":"55501"}`,
			want: hospitality.CloudbedsWebhookEvent{Event: "guest/details_changed",
				Time: time.Date(2024, 6, 10, 6, 13, 20, 0, time.UTC), PropertyID: "172938", GuestID: "55501"},
		},
		{
			name: "propertyID_str wins over a different propertyID",
			body: `{"event":"reservation/status_changed","propertyID":1.72938e5,"propertyID_str":"172938"}`,
			want: hospitality.CloudbedsWebhookEvent{Event: "reservation/status_changed", PropertyID: "172938"},
		},
		{
			name: "string ids and numeric-string timestamp",
			body: `{"version":2,"event":"invoice/created","timestamp":"1718000000.5","propertyID":"172938","invoiceID":"INV-77","reservationID":8829301744}`,
			want: hospitality.CloudbedsWebhookEvent{Version: "2", Event: "invoice/created",
				Time: time.Date(2024, 6, 10, 6, 13, 20, 500000000, time.UTC), PropertyID: "172938",
				InvoiceID: "INV-77", ReservationID: "8829301744"},
		},
		{
			name: "date-time timestamp",
			body: `{"event":"reservation/created","timestamp":"2025-06-12 10:30:00","propertyID":172938}`,
			want: hospitality.CloudbedsWebhookEvent{Event: "reservation/created",
				Time: time.Date(2025, 6, 12, 10, 30, 0, 0, time.UTC), PropertyID: "172938"},
		},
		{
			name: "unusable timestamp is zero, nulls are empty",
			body: `{"event":"reservation/deleted","timestamp":"soon","propertyID":null,"propertyID_str":null,"guestID":null}`,
			want: hospitality.CloudbedsWebhookEvent{Event: "reservation/deleted"},
		},
		{
			name: "exponent timestamp kept exact",
			body: `{"timestamp":1.7180000001e9}`,
			want: hospitality.CloudbedsWebhookEvent{Time: time.Date(2024, 6, 10, 6, 13, 20, 100000000, time.UTC)},
		},
		{
			name: "64-character timestamp with a negative exponent",
			body: `{"timestamp":1718000000250000000000000000000000000000000000000000000000e-48}`,
			want: hospitality.CloudbedsWebhookEvent{Time: time.Date(2024, 6, 10, 6, 13, 20, 250000000, time.UTC)},
		},
		// Regression: a timestamp of a million digits inside a string, or with a huge exponent,
		// went to big.Rat whole and cost seconds of CPU (issue #12); it is now left zero at once.
		{
			name: "million-digit numeric string timestamp is zero",
			body: `{"event":"reservation/created","timestamp":"` + strings.Repeat("1", 1_000_000) + `"}`,
			want: hospitality.CloudbedsWebhookEvent{Event: "reservation/created"},
		},
		{
			name: "huge exponent timestamp is zero",
			body: `{"timestamp":1e999999}`,
		},
		{
			name: "huge negative exponent string timestamp is zero",
			body: `{"timestamp":"1e-999999"}`,
		},
		{
			name: "timestamp beyond int64 seconds is zero",
			body: `{"timestamp":1e64}`,
		},
		{
			name: "64-character propertyID is kept",
			body: `{"propertyID":` + strings.Repeat("7", 64) + `}`,
			want: hospitality.CloudbedsWebhookEvent{PropertyID: strings.Repeat("7", 64)},
		},
		{
			name: "32 levels of nesting",
			body: `{"event":"x","extra":` + strings.Repeat("[", 31) + strings.Repeat("]", 31) + `}`,
			want: hospitality.CloudbedsWebhookEvent{Event: "x"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := hospitality.ParseCloudbedsWebhook([]byte(tc.body))
			if err != nil {
				t.Fatalf("ParseCloudbedsWebhook(%s) error = %v, want nil", tc.body, err)
			}
			if string(got.Raw) != tc.body {
				t.Errorf("ParseCloudbedsWebhook(%s).Raw = %s, want the payload verbatim", tc.body, got.Raw)
			}
			got.Raw = nil
			if !got.Time.Equal(tc.want.Time) || got.Time.Location() != time.UTC {
				t.Errorf("ParseCloudbedsWebhook(%s).Time = %v, want %v in UTC", tc.body, got.Time, tc.want.Time)
			}
			got.Time, tc.want.Time = time.Time{}, time.Time{}
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("ParseCloudbedsWebhook(%s) = %+v, want %+v", tc.body, *got, tc.want)
			}
		})
	}
}

func TestParseCloudbedsWebhookErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"empty", "", "hospitality: cloudbeds webhook: payload is not a JSON object"},
		{"array", `[{"event":"reservation/created"}]`, "hospitality: cloudbeds webhook: payload is not a JSON object"},
		{"form", `event=reservation%2Fcreated`, "hospitality: cloudbeds webhook: payload is not a JSON object"},
		{"truncated", `{"event":"reservation/created"`, "hospitality: cloudbeds webhook: "},
		{"object id", `{"propertyID":{"id":1}}`, "hospitality: cloudbeds webhook: "},
		// Regression: a million-digit number cost seconds of CPU to decode (issue #12).
		{"million-digit number", hostileDigitsBody(),
			"hospitality: cloudbeds webhook: number is longer than 64 characters (at byte 14)"},
		{"65-character propertyID", `{"propertyID":` + strings.Repeat("7", 65) + `}`,
			"hospitality: cloudbeds webhook: number is longer than 64 characters (at byte 14)"},
		{"long negative exponent", `{"timestamp":-1.5e-` + strings.Repeat("0", 70) + `}`,
			"hospitality: cloudbeds webhook: number is longer than 64 characters (at byte 13)"},
		{"33 levels of nesting", `{"extra":` + strings.Repeat("[", 32) + strings.Repeat("]", 32) + `}`,
			"hospitality: cloudbeds webhook: nesting is deeper than 32 levels (at byte 40)"},
		// The limits are checked before decoding: this body is not even JSON.
		{"limit checked before decoding", `{"timestamp":` + strings.Repeat("9", 1_000_000),
			"hospitality: cloudbeds webhook: number is longer than 64 characters (at byte 13)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := hospitality.ParseCloudbedsWebhook([]byte(tc.body))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) || got != nil {
				t.Errorf("ParseCloudbedsWebhook(%q) = %v, %v, want nil and an error starting %q", tc.body, got, err, tc.want)
			}
		})
	}
}

func TestCloudbedsWebhookHandler(t *testing.T) {
	const payload = `{"version":"1.0","event":"reservation/created","timestamp":1718000000.25,"propertyID":172938,"propertyID_str":"172938","reservationID":"8829301744"}`
	var (
		mu   sync.Mutex
		seen []hospitality.CloudbedsWebhookEvent
	)
	failing := errors.New("database down")
	h := hospitality.CloudbedsWebhookHandler(func(ctx context.Context, ev *hospitality.CloudbedsWebhookEvent) error {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, *ev)
		if ev.ReservationID == "fail" {
			return failing
		}
		return nil
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	tests := []struct {
		name       string
		method     string
		body       string
		wantStatus int
		wantCalls  int
	}{
		{"event delivered", http.MethodPost, payload, http.StatusOK, 1},
		{"handler failure asks for a redelivery", http.MethodPost, `{"event":"reservation/created","propertyID":172938,"reservationID":"fail"}`, http.StatusInternalServerError, 1},
		{"not JSON", http.MethodPost, `reservation created`, http.StatusBadRequest, 0},
		{"too large", http.MethodPost, `{"event":"x","pad":"` + strings.Repeat("a", 1<<20) + `"}`, http.StatusRequestEntityTooLarge, 0},
		{"GET", http.MethodGet, "", http.StatusMethodNotAllowed, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			seen = nil
			mu.Unlock()
			req, err := http.NewRequest(tc.method, srv.URL+"/hooks/cloudbeds/3f9c", strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.wantStatus {
				t.Errorf("%s status = %d, want %d", tc.method, res.StatusCode, tc.wantStatus)
			}
			if tc.wantStatus == http.StatusMethodNotAllowed && res.Header.Get("Allow") != http.MethodPost {
				t.Errorf("Allow = %q, want POST", res.Header.Get("Allow"))
			}
			mu.Lock()
			defer mu.Unlock()
			if len(seen) != tc.wantCalls {
				t.Fatalf("handle calls = %d, want %d", len(seen), tc.wantCalls)
			}
			if tc.name == "event delivered" {
				ev := seen[0]
				if ev.Event != "reservation/created" || ev.PropertyID != "172938" || ev.ReservationID != "8829301744" ||
					!ev.Time.Equal(time.Unix(1718000000, 250000000)) || string(ev.Raw) != payload {
					t.Errorf("handled event = %+v, want reservation/created for property 172938, reservation 8829301744 at 1718000000.25", ev)
				}
			}
		})
	}
}

// Regression: an unauthenticated 1 MB body holding one number of a million digits took 1.5 s
// of CPU and 2 GB of allocations to refuse (issue #12); it now gets a 400 naming the limit.
func TestCloudbedsWebhookHandlerLongNumber(t *testing.T) {
	called := false
	h := hospitality.CloudbedsWebhookHandler(func(context.Context, *hospitality.CloudbedsWebhookEvent) error {
		called = true
		return nil
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hooks/cloudbeds", strings.NewReader(hostileDigitsBody())))
	const want = "payload is not a Cloudbeds event: number is longer than 64 characters (at byte 14)\n"
	if rec.Code != http.StatusBadRequest || rec.Body.String() != want || called {
		t.Errorf("POST of a million-digit number: status %d, body %q, handle called %v; want 400, %q, false",
			rec.Code, rec.Body.String(), called, want)
	}
}

// hostileDigitsBody is the 1 MB body of issue #12: one JSON number of a million digits.
func hostileDigitsBody() string {
	return `{"timestamp": ` + strings.Repeat("1", 1_000_000) + `}`
}

func TestCloudbedsWebhookHandlerNil(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("CloudbedsWebhookHandler(nil) did not panic, want a panic")
		}
	}()
	hospitality.CloudbedsWebhookHandler(nil)
}
