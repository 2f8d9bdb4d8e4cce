package hospitality

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestScanWebhookJSON(t *testing.T) {
	million := strings.Repeat("1", 1_000_000)
	tests := []struct {
		name        string
		body        string
		wantScanned int    // bytes read before returning
		wantErr     string // "" for none
	}{
		// Regression: a million-digit number was handed whole to the decoder and then to
		// big.Rat, at 1.5 s of CPU (issue #12); the scan stops at its 65th character.
		{"million digits", `{"timestamp": ` + million + `}`, 14 + 65, "number is longer than 64 characters (at byte 14)"},
		{"million digits, not JSON", `{"timestamp":` + million, 13 + 65, "number is longer than 64 characters (at byte 13)"},
		{"64 characters", `[-1.5e+` + strings.Repeat("0", 58) + `]`, 66, ""},
		{"65 characters", `[-1.5e+` + strings.Repeat("0", 59) + `]`, 66, "number is longer than 64 characters (at byte 1)"},
		{"many short numbers", "[" + strings.Repeat("1234567890,", 10_000) + "0]", 110_003, ""},
		{"digits in a string", `{"t":"` + million + `"}`, 1_000_008, ""},
		{"escaped quote keeps the string open", `{"t":"\"` + million + `"}`, 1_000_010, ""},
		{"escaped backslash closes the string", `{"t":"\\"` + million + `}`, 9 + 65, "number is longer than 64 characters (at byte 9)"},
		{"32 levels", strings.Repeat("[", 32) + strings.Repeat("]", 32), 64, ""},
		{"33 levels", strings.Repeat("[", 33) + strings.Repeat("]", 33), 33, "nesting is deeper than 32 levels (at byte 32)"},
		{"a million levels", strings.Repeat("[", 1_000_000), 33, "nesting is deeper than 32 levels (at byte 32)"},
		{"brackets in a string", `{"t":"` + strings.Repeat("[{", 1000) + `"}`, 2008, ""},
		{"closing brackets free the depth", strings.Repeat("[[]]", 1000), 4000, ""},
		{"literals", `{"a":true,"b":false,"c":null,"d":-0.5E-3}`, 41, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := scanWebhookJSON([]byte(tc.body))
			var limit *webhookLimitError
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("scanWebhookJSON(%.40q…) error = %v, want nil", tc.body, err)
			case tc.wantErr != "" && (err == nil || err.Error() != tc.wantErr || !errors.As(err, &limit)):
				t.Errorf("scanWebhookJSON(%.40q…) error = %v, want a *webhookLimitError %q", tc.body, err, tc.wantErr)
			}
			if n != tc.wantScanned {
				t.Errorf("scanWebhookJSON(%.40q…) read %d bytes, want %d", tc.body, n, tc.wantScanned)
			}
		})
	}
}

// Regression: with a doer that had no time limit (cobotv1.NewClientWithResponses with
// http.DefaultClient) and a context without a deadline, a stalled answer held
// FetchCobotWebhook forever (issue #12). Here the transport's own attempt limit is an hour, so
// only FetchCobotWebhook's default limit can end the call.
func TestFetchCobotWebhookDefaultTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs first, so that Close does not wait for handlers
	defer func(d time.Duration) { cobotWebhookFetchTimeout = d }(cobotWebhookFetchTimeout)
	cobotWebhookFetchTimeout = 50 * time.Millisecond

	c, err := ConnectCobotV1(context.Background(), CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "space-token"}),
		BaseURL:     srv.URL,
	}, WithTimeout(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := FetchCobotWebhook(context.Background(), c, &CobotWebhook{URL: srv.URL + "/api/memberships/1"})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "hospitality: cobot webhook fetch: ") {
			t.Errorf("FetchCobotWebhook(stalled) error = %v, want one wrapping context.DeadlineExceeded", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("FetchCobotWebhook(stalled) still waiting after 10s, want it to end after its 50ms default limit")
	}
}

// Regression: a timestamp of many digits (inside a string, where the payload scan does not
// look) or with a large exponent went to big.Rat whole: "1e999999" cost 4 MB and 20 ms, a
// string of a million digits 2.2 GB and 1.3 s (issue #12). Such a timestamp is now the zero time
// at once; the bytes allocated stand in for the time, which a test cannot pin.
func TestCloudbedsWebhookTimeCost(t *testing.T) {
	million := strings.Repeat("1", 1_000_000)
	tests := []struct {
		raw      string
		maxAlloc uint64 // a string is copied once when decoded
	}{
		{`1e999999`, 64 << 10},
		{`1e-999999`, 64 << 10},
		{`"1e999999"`, 64 << 10},
		{`"` + million + `"`, 3 << 20},
		{`"0.` + million + `"`, 3 << 20},
	}
	for _, tc := range tests {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got := cloudbedsWebhookTime(json.RawMessage(tc.raw))
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; !got.IsZero() || alloc > tc.maxAlloc {
			t.Errorf("cloudbedsWebhookTime(%.20s…) = %v after allocating %d bytes, want the zero time and at most %d bytes", tc.raw, got, alloc, tc.maxAlloc)
		}
	}
}
