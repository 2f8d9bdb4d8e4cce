package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// fuzzProviders are the providers whose error shapes the fuzz targets try.
var fuzzProviders = []Profile{Kobas, Octotable, Cloudbeds, CloudbedsV2, Cobot}

// fuzzStatuses are the statuses the fuzz targets answer with.
var fuzzStatuses = []int{200, 302, 400, 401, 403, 404, 409, 422, 429, 500, 503}

// errorBodySeeds are hostile and ordinary error bodies of every provider.
var errorBodySeeds = []string{
	``,
	`{"success":false,"message":"Invalid API key cbat_` + secretToken + `"}`,
	`{"success":false,"message":"Access token is invalid or has expired."}`,
	`{"success":false,"error":{"code":"RESOURCE_NOT_FOUND","message":"missing","class_name":"X"}}`,
	`{"code":"bad_request","message":"The access token ` + secretToken + ` was revoked"}`,
	`{"errors":[{"title":"Invalid","detail":"can't be blank","source":{"pointer":"/data/attributes/name"}}]}`,
	`[{"message_code":"E1","message_type":"error","message":"bad"}]`,
	`{"message":"x","errors":{"startDate":["is required"],"endDate":"bad"}}`,
	`{"error":"invalid_grant","error_description":"Bearer Bearer ` + secretToken + `"}`,
	`<html><head><title>Access Denied</title></head></html>`,
	strings.Repeat("\u212a", 20) + "Bearer abc",
	strings.Repeat("\xff", 9) + "Bearer tok" + secretToken,
	"\xe9 Bearer token" + secretToken,
	`{"success":"0","message":` + strings.Repeat(`[`, 10000) + `}`,
	`{"errors":` + strings.Repeat(`{"a":`, 5000) + `}`,
	`{"success":false,"message":"` + strings.Repeat(`\u00`, 100) + `"}`,
}

// FuzzDoErrorBody sends random answers of every provider and status through
// Do: nothing panics, every non-2xx answer becomes an error that unwraps to
// an *APIError, and the error text is one line.
func FuzzDoErrorBody(f *testing.F) {
	for i, s := range errorBodySeeds {
		f.Add(s, uint8(i), uint8(i*7))
	}
	f.Fuzz(func(t *testing.T, body string, p, st uint8) {
		provider := fuzzProviders[int(p)%len(fuzzProviders)]
		status := fuzzStatuses[int(st)%len(fuzzStatuses)]
		c, _ := newTestClient(t, Config{Profile: provider, Retry: RetryPolicy{MaxAttempts: 1}, MaxResponseBytes: 1 << 16,
			Base: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				h := http.Header{"Content-Type": {"application/json"}, "Retry-After": {body[:min(len(body), 8)]}}
				if status == 302 {
					h.Set("Location", body)
				}
				return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
			}),
		})
		resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "https://api.example.com/x", nil))
		if err == nil {
			if status >= 300 {
				t.Fatalf("status %d: Do() error = nil", status)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return
		}
		var apiErr *APIError
		if status >= 300 && !errors.As(err, &apiErr) {
			t.Fatalf("status %d: Do() error = %v, want an *APIError", status, err)
		}
		msg := err.Error()
		if strings.ContainsAny(msg, "\r\n") {
			t.Errorf("error text spans lines: %q", msg)
		}
		for _, s := range []error{ErrNotFound, ErrForbidden, ErrUnavailable, ErrRedirect, ErrConsentRequired} {
			_ = errors.Is(err, s)
		}
	})
}

// FuzzParseRetryAfter checks that no Retry-After value panics or gives a
// negative wait, and that a value read as valid twice reads the same.
func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for _, s := range []string{"", "0", "2", " 120 ", "-1", "1.5", "99999999999999999999", "9223372036854775807",
		"Mon, 07 Dec 2026 09:00:05 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "soon", "\xff", "1e9", "+5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := parseRetryAfter(v, now)
		if d < 0 {
			t.Fatalf("parseRetryAfter(%q) = %v, want no negative wait", v, d)
		}
		if d2, ok2 := parseRetryAfter(v, now); d2 != d || ok2 != ok {
			t.Fatalf("parseRetryAfter(%q) not deterministic", v)
		}
		if !ok && d != 0 {
			t.Fatalf("parseRetryAfter(%q) = %v, false; want 0 when invalid", v, d)
		}
	})
}

// FuzzDecodeError checks the error-document decoder alone on random JSON.
func FuzzDecodeError(f *testing.F) {
	for _, s := range errorBodySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var e APIError
		DecodeErrorBody(&e, body)
		testClassify(&e, body)
		classifyBlock(&e, body)
		if bytes.Contains([]byte(e.Error()), []byte("\n")) {
			t.Errorf("Error() spans lines: %q", e.Error())
		}
	})
}
