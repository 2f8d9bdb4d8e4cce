package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The credentials of the echo scenarios: what a bearer token, an API key and
// a header of a custom auth editor look like, with the characters that
// encodings change ('/', '+', '=').
const (
	echoToken  = "ya29.a0Af/h+Gb0nX=Vq7Lw3Zt9"
	echoAPIKey = "cbat_Q2xvdWRiZWRzS2V5MDEyMzQ1Njc4OQ"
	echoCustom = "s3cr3t/custom+value=="
	echoJWT    = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJlLWJ5dGVz"
)

// secretForms returns v as it may appear in an echo: raw, JSON-escaped
// (encoding/json and PHP's \/), URL-encoded.
func secretForms(v string) []string {
	j, _ := json.Marshal(v)
	php := strings.ReplaceAll(string(j[1:len(j)-1]), "/", `\/`)
	forms := []string{v, string(j[1 : len(j)-1]), php, url.QueryEscape(v), url.PathEscape(v)}
	if i := strings.IndexByte(v, '/'); i >= 0 {
		forms = append(forms, v[i+1:]) // the part after \/ used to survive
	}
	return forms
}

// TestProviderEchoesRedacted pins the bug where 23 of 91 error scenarios put
// a credential into err.Error(), APIError.Message, Body, Header or the debug
// log: providers echo the key or token they were sent, in messages, JSON
// escapes, URL encodings and response headers. The transport knows the exact
// values each request carried and removes them from all of it.
func TestProviderEchoesRedacted(t *testing.T) {
	type echo struct {
		name   string
		status int
		body   func(secret string) string
		header func(secret string) http.Header
	}
	jsonStr := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	phpStr := func(s string) string { return strings.ReplaceAll(jsonStr(s), "/", `\/`) }
	echoes := []echo{
		{"cloudbeds invalid key", 200, func(s string) string {
			return `{"success":false,"message":"Invalid API key ` + s + `"}`
		}, nil},
		{"revoked token message", 401, func(s string) string {
			return `{"code":"unauthorized","message":` + jsonStr("The access token "+s+" was revoked") + `}`
		}, nil},
		{"php escaped", 403, func(s string) string {
			return `{"success":false,"message":` + phpStr("token "+s+" lacks scope") + `}`
		}, nil},
		{"url encoded in text", 400, func(s string) string {
			return `{"message":"bad request https://api.example.com/x?k=` + url.QueryEscape(s) + `"}`
		}, nil},
		{"bearer bearer", 401, func(s string) string {
			return `{"error":"invalid_token","error_description":"Bearer Bearer ` + s + ` rejected"}`
		}, nil},
		{"field error", 422, func(s string) string {
			return `{"errors":[{"detail":"value ` + s + ` is invalid","source":{"pointer":"/data/attributes/key"}}]}`
		}, nil},
		{"html page", 500, func(s string) string {
			return `<html><body><pre>Authorization: ` + s + `</pre><p>` + s + `</p></body></html>`
		}, nil},
		{"plain text", 502, func(s string) string { return "upstream said: " + s }, nil},
		{"header echo", 400, func(string) string { return `{"message":"bad"}` }, func(s string) http.Header {
			return http.Header{"X-Echo-Auth": {s}, "X-Debug": {"key=" + url.QueryEscape(s)}, "Www-Authenticate": {`Bearer error="invalid_token", token="` + s + `"`}}
		}},
	}
	creds := []struct {
		name, value string
		set         func(r *http.Request)
	}{
		{"bearer token", echoToken, func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+echoToken) }},
		{"jwt bearer", echoJWT, func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+echoJWT) }},
		{"api key", echoAPIKey, func(r *http.Request) { r.Header.Set("X-Api-Key", echoAPIKey) }},
		{"custom editor header", echoCustom, func(r *http.Request) { r.Header.Set("X-Vendor-Signature-V2", echoCustom) }},
	}
	for _, cr := range creds {
		for _, ec := range echoes {
			for _, p := range []Profile{Cloudbeds, CloudbedsV2, Cobot, Kobas, Octotable} {
				t.Run(cr.name+"/"+ec.name+"/"+string(p.Name), func(t *testing.T) {
					var logs bytes.Buffer
					cfg := Config{
						Profile:   p,
						Retry:     RetryPolicy{MaxAttempts: 1},
						Logger:    slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
						Authorize: func(_ context.Context, r *http.Request) error { cr.set(r); return nil },
						Base: roundTripFunc(func(r *http.Request) (*http.Response, error) {
							h := http.Header{"Content-Type": {"application/json"}}
							if ec.header != nil {
								for k, v := range ec.header(cr.value) {
									h[k] = v
								}
							}
							body := ec.body(cr.value)
							return &http.Response{StatusCode: ec.status, Header: h, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
						}),
					}
					c, _ := newTestClient(t, cfg)
					_, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "https://api.example.com/v1/x", nil))
					if err == nil {
						t.Skip("the provider takes this answer as a success") // a 200 without success:false
					}
					var apiErr *APIError
					if !errors.As(err, &apiErr) {
						t.Fatalf("Do() error = %v, want *APIError", err)
					}
					kept := map[string]string{
						"err.Error()": err.Error(),
						"Message":     apiErr.Message,
						"Code":        apiErr.Code,
						"Body":        string(apiErr.Body),
						"Header":      fmt.Sprint(apiErr.Header),
						"Fields":      fmt.Sprint(apiErr.Fields),
						"log":         logs.String(),
					}
					for where, text := range kept {
						for _, form := range secretForms(cr.value) {
							if strings.Contains(text, form) {
								t.Errorf("%s holds the credential (%q): %s", where, form, text)
							}
						}
					}
				})
			}
		}
	}
}
