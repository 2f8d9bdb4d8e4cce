package hospitality

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"
	"time"
)

// webhookFuzzSeeds are payload shapes both fuzz targets start from: the hostile bodies of
// issue #12 and the odd types real senders use. Large ones are built here, not committed.
func webhookFuzzSeeds() []string {
	million := strings.Repeat("1", 1_000_000)
	return []string{
		`{"timestamp": ` + million + `}`,
		`{"timestamp":"` + million + `"}`,
		`{"timestamp":` + million,
		`{"a":` + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + `}`,
		`{"a":` + strings.Repeat(`{"a":`, 40) + `1` + strings.Repeat("}", 41),
		`{"event":"\xff\xfe","propertyID":"\xc3\x28","url":"https://co-up.cobot.me/api/\xff"}`,
		"\xef\xbb\xbf{\"event\":\"reservation/created\"}",
		`{"event":"` + strings.Repeat(`\u212A`, 20) + `","\u212Aey":1}`,
		`{"event":"` + strings.Repeat("\u212A", 20) + `","PROPERTYID":1,"propertyid_str":"2"}`,
		`{"timestamp":1e308,"propertyID":1.7976931348623157e308}`,
		`{"timestamp":-1e309,"propertyID":4.9e-324}`,
		`{"timestamp":1e9999999}`,
		`{"timestamp":"1e-9999999"}`,
		`{"timestamp":"0x1p62"}`,
		`{"timestamp":"1718000000/3"}`,
		`{"timestamp":"2025-06-12 10:30:00"}`,
		`{"timestamp":"2025-06-12T10:30:00+02:00"}`,
		`{"timestamp":"2025-06-12T10:30:00.` + million[:100_000] + `Z"}`,
		`{"propertyID":"172938"}`,
		`{"propertyID":172938}`,
		`{"propertyID":172938.5}`,
		`{"propertyID":true}`,
		`{"propertyID":null}`,
		`{"propertyID":[172938]}`,
		`{"propertyID":{"id":172938}}`,
		`{"version":"1.0","event":"reservation/created","timestamp":1718000000.123456,"propertyID":172938,"propertyID_str":"172938","reservationID":"8829301744","guestID":55501}`,
		`{"url":"https://co-up.cobot.me/api/memberships/93207605"}`,
		`{"url":"https://co-up.cobot.me/api/bookings/b1","title":"Design review","resource":{"id":"r1","tags":[1,2,3]}}`,
		`{"url":"https://co-up.cobot.me:443/api/memberships/1"}`,
		`{"url":"https://co-up.cobot.me:8443/api/memberships/1"}`,
		`{"url":"http://co-up.cobot.me/api/memberships/1"}`,
		`{"url":"https://co-up.cobot.me.evil.example/api/memberships/1"}`,
		`{"url":"https://co-up.cobot.me@evil.example/api/memberships/1"}`,
		`{"url":"https://CO-UP.cobot.me/api/%2e%2e/oauth/access_token"}`,
		`{"url":"https://co-up.cobot.me/api/x?y=1#z"}`,
		`{"url":"http://127.0.0.1:8080/api/memberships/1"}`,
		`{"url":"http://[::1]:8080/api/memberships/1"}`,
		`{"url":"http://127.0.0.1:8080/api/../api/x"}`,
		`{"url":1}`,
		`{"url":null}`,
		`[]`,
		``,
		` `,
	}
}

// fuzzWebhookHandler posts body to h and checks that the answer is one the handler documents:
// 200 (after one call of handle) or 400, 413 (without one); 400 exactly when parseErr is set.
func fuzzWebhookHandler(t *testing.T, h http.Handler, calls *int, body []byte, parseErr error) {
	t.Helper()
	*calls = 0
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(body)))
	switch {
	case len(body) > 1<<20:
		if rec.Code != http.StatusRequestEntityTooLarge || *calls != 0 {
			t.Fatalf("POST of %d bytes: status %d after %d calls, want 413 and none", len(body), rec.Code, *calls)
		}
	case parseErr != nil:
		if rec.Code != http.StatusBadRequest || *calls != 0 {
			t.Fatalf("POST %q: status %d after %d calls, want 400 and none (parse error %v)", body, rec.Code, *calls, parseErr)
		}
	default:
		if rec.Code != http.StatusOK || *calls != 1 {
			t.Fatalf("POST %q: status %d after %d calls, want 200 and one", body, rec.Code, *calls)
		}
	}
}

// FuzzCloudbedsWebhook checks that any payload is parsed or refused without a panic, that an
// accepted one is kept verbatim and within the payload limits, and that the handler's answer
// agrees with the parser.
func FuzzCloudbedsWebhook(f *testing.F) {
	for _, s := range webhookFuzzSeeds() {
		f.Add([]byte(s))
	}
	calls := 0
	h := CloudbedsWebhookHandler(func(context.Context, *CloudbedsWebhookEvent) error {
		calls++
		return nil
	})
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := ParseCloudbedsWebhook(body)
		if err == nil {
			trimmed := bytes.TrimSpace(body)
			if !bytes.Equal(ev.Raw, trimmed) || !json.Valid(ev.Raw) {
				t.Fatalf("ParseCloudbedsWebhook(%q).Raw = %q, want the trimmed payload, valid JSON", body, ev.Raw)
			}
			if checkWebhookJSON(body) != nil {
				t.Fatalf("ParseCloudbedsWebhook(%q) accepted a payload beyond the limits", body)
			}
			if ev.Time.Location() != time.UTC {
				t.Fatalf("ParseCloudbedsWebhook(%q).Time = %v, want a time in UTC", body, ev.Time)
			}
		} else if ev != nil || !strings.HasPrefix(err.Error(), "hospitality: cloudbeds webhook: ") {
			t.Fatalf("ParseCloudbedsWebhook(%q) = %v, %v; want nil and a hospitality: cloudbeds webhook: error", body, ev, err)
		}
		fuzzWebhookHandler(t, h, &calls, body, err)
	})
}

// FuzzCobotWebhook checks that any delivery is parsed or refused without a panic, that an
// accepted one names an absolute http(s) URL, and that the URL FetchCobotWebhook would fetch
// for it is always on the client's scheme, host and port, below /api/.
func FuzzCobotWebhook(f *testing.F) {
	for _, s := range webhookFuzzSeeds() {
		f.Add([]byte(s))
	}
	calls := 0
	h := CobotWebhookHandler(func(context.Context, *CobotWebhook) error {
		calls++
		return nil
	})
	bases := []string{"https://co-up.cobot.me", "http://127.0.0.1:8080", "http://[::1]:8080/prefix"}
	f.Fuzz(func(t *testing.T, body []byte) {
		hook, err := ParseCobotWebhook(body)
		if err != nil {
			if hook != nil || !strings.HasPrefix(err.Error(), "hospitality: cobot webhook: ") {
				t.Fatalf("ParseCobotWebhook(%q) = %v, %v; want nil and a hospitality: cobot webhook: error", body, hook, err)
			}
			fuzzWebhookHandler(t, h, &calls, body, err)
			return
		}
		if !bytes.Equal(hook.Raw, bytes.TrimSpace(body)) || !json.Valid(hook.Raw) || checkWebhookJSON(body) != nil {
			t.Fatalf("ParseCobotWebhook(%q).Raw = %q, want the trimmed payload, valid JSON within the limits", body, hook.Raw)
		}
		u, perr := url.Parse(hook.URL)
		if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			t.Fatalf("ParseCobotWebhook(%q).URL = %q, want an absolute http(s) URL without credentials", body, hook.URL)
		}
		for _, server := range bases {
			target, err := cobotWebhookTarget(server, hook.URL)
			if err != nil {
				continue
			}
			base, _ := url.Parse(server)
			prefix := strings.TrimSuffix(base.Path, "/") + "/api/"
			if target.Scheme != base.Scheme || !strings.EqualFold(target.Hostname(), base.Hostname()) ||
				effectivePort(target) != effectivePort(base) || target.User != nil ||
				!strings.HasPrefix(target.Path, prefix) || path.Clean(target.Path) != target.Path {
				t.Fatalf("cobotWebhookTarget(%s, %q) = %s, want a URL on %s below %s", server, hook.URL, target, server, prefix)
			}
			again, err := url.Parse(target.String())
			if err != nil || again.Host != target.Host || again.Path != target.Path {
				t.Fatalf("cobotWebhookTarget(%s, %q) = %s, which reads back as %v (%v)", server, hook.URL, target, again, err)
			}
		}
		fuzzWebhookHandler(t, h, &calls, body, nil)
	})
}
