package auth_test

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

const leakedJWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJndWVzdCJ9.c2lnbmF0dXJl"

func TestMalformedTokenResponses(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		// Success cases.
		wantExpiry time.Duration
		// Failure cases (wantErr set).
		wantErr     bool
		wantCode    string
		wantMessage string
		wantReason  string // substring
		wantInBody  string // substring of TokenError.Body
		secret      string // client secret, if not testSecret
	}{
		{name: "HTML body on 200", status: 200, contentType: "text/html; charset=utf-8",
			body:    "<html><body><h1>Maintenance</h1></body></html>",
			wantErr: true, wantReason: "not a JSON object (content type text/html)", wantInBody: "<h1>Maintenance</h1>"},
		{name: "HTML body on 502", status: 502, contentType: "text/html",
			body:    "<html>\n<head><title>502 Bad Gateway</title></head>\n</html>",
			wantErr: true, wantInBody: "<html> <head><title>502 Bad Gateway</title></head> </html>"},
		{name: "empty body", status: 200, contentType: "application/json", body: "",
			wantErr: true, wantReason: "not a JSON object"},
		{name: "JSON array", status: 200, contentType: "application/json", body: `[{"access_token":"x"}]`,
			wantErr: true, wantReason: "not a JSON object"},
		{name: "missing access_token", status: 200, contentType: "application/json",
			body:    `{"token_type":"Bearer","expires_in":3600}`,
			wantErr: true, wantReason: "missing access_token"},
		{name: "empty access_token", status: 200, contentType: "application/json",
			body:    `{"token_type":"Bearer","expires_in":3600,"access_token":""}`,
			wantErr: true, wantReason: "missing access_token"},
		{name: "error object on 200", status: 200, contentType: "application/json",
			body:    `{"code":"bad_request","message":"Missing parameter"}`,
			wantErr: true, wantReason: "missing access_token", wantCode: "bad_request", wantMessage: "Missing parameter"},
		{name: "expires_in string", status: 200, contentType: "application/json",
			body: `{"token_type":"Bearer","expires_in":"3600","access_token":"a"}`, wantExpiry: time.Hour},
		{name: "expires_in float", status: 200, contentType: "application/json",
			body: `{"token_type":"Bearer","expires_in":3600.0,"access_token":"a"}`, wantExpiry: time.Hour},
		{name: "expires_in fractional", status: 200, contentType: "application/json",
			body: `{"token_type":"Bearer","expires_in":59.5,"access_token":"a"}`, wantExpiry: 59500 * time.Millisecond},
		{name: "expires_in float string", status: 200, contentType: "application/json",
			body: `{"token_type":"Bearer","expires_in":"3600.0","access_token":"a"}`, wantExpiry: time.Hour},
		{name: "expires_in exponent", status: 200, contentType: "application/json",
			body: `{"token_type":"Bearer","expires_in":3.6e3,"access_token":"a"}`, wantExpiry: time.Hour},
		{name: "expires_in null uses default", status: 200, contentType: "application/json",
			body: `{"token_type":"Bearer","expires_in":null,"access_token":"a"}`, wantExpiry: time.Hour},
		{name: "expires_in junk string", status: 200, contentType: "application/json",
			body:    `{"token_type":"Bearer","expires_in":"soon","access_token":"a"}`,
			wantErr: true, wantReason: "invalid expires_in: not a number"},
		{name: "expires_in bool", status: 200, contentType: "application/json",
			body:    `{"token_type":"Bearer","expires_in":true,"access_token":"a"}`,
			wantErr: true, wantReason: "invalid expires_in: want a number, got a JSON boolean"},
		{name: "expires_in negative", status: 200, contentType: "application/json",
			body:    `{"token_type":"Bearer","expires_in":-5,"access_token":"a"}`,
			wantErr: true, wantReason: "invalid expires_in: negative"},
		{name: "expires_in huge", status: 200, contentType: "application/json",
			body:    `{"token_type":"Bearer","expires_in":1e300,"access_token":"a"}`,
			wantErr: true, wantReason: "invalid expires_in: out of range"},
		{name: "500 with OAuth JSON error", status: 500, contentType: "application/json",
			body:    `{"error":"server_error","error_description":"The authorization server encountered an unexpected condition"}`,
			wantErr: true, wantCode: "server_error", wantMessage: "The authorization server encountered an unexpected condition"},
		{name: "400 with message", status: 400, contentType: "application/json",
			body:    `{"message":"Client authentication failed"}`,
			wantErr: true, wantMessage: "Client authentication failed", wantInBody: `{"message":"Client authentication failed"}`},
		{name: "400 with code", status: 400, contentType: "application/json",
			body:    `{"code":"bad_request"}`,
			wantErr: true, wantCode: "bad_request"},
		{name: "400 with numeric code", status: 400, contentType: "application/json",
			body:    `{"code":400,"message":"Bad request"}`,
			wantErr: true, wantCode: "400", wantMessage: "Bad request"},
		{name: "401 nested octotable error", status: 401, contentType: "application/json",
			body:    `{"success":false,"error":{"code":"UNAUTHORIZED","message":"Bad credentials","class_name":"AuthException"}}`,
			wantErr: true, wantCode: "UNAUTHORIZED", wantMessage: "Bad credentials"},
		{name: "401 echoing secrets", status: 401, contentType: "application/json",
			body: `{"message":"client_secret ` + testSecret + ` is wrong","client_secret":"` + testSecret +
				`","access_token":"` + leakedJWT + `","refresh_token":"rt-should-not-leak"}`,
			wantErr: true, wantMessage: "client_secret [REDACTED] is wrong",
			wantInBody: `"client_secret":"[REDACTED]","access_token":"[REDACTED]","refresh_token":"[REDACTED]"`},
		{name: "400 echoing form", status: 400, contentType: "text/plain",
			body:    "bad request: grant_type=client_credentials&client_secret=" + testSecret + "&code=auth-code-123",
			wantErr: true, wantInBody: "client_secret=[REDACTED]&code=[REDACTED]"},
		// Regression: a secret echoed in escaped form (PHP's "\/", Go's
		// "\u0026", URL encoding) used to slip past the redaction.
		{name: "401 echoing an escaped secret", status: 401, contentType: "application/json",
			secret:  "sl/ash+pl&us",
			body:    `{"message":"bad secret sl/ash+pl&us","php":"sl\/ash+pl&us","go":"sl/ash+pl\u0026us","query":"sl%2Fash%2Bpl%26us","form":"client_secret=anything"}`,
			wantErr: true, wantMessage: "bad secret [REDACTED]",
			wantInBody: `"php":"[REDACTED]","go":"[REDACTED]","query":"[REDACTED]","form":"client_secret=[REDACTED]"`},
		{name: "400 echoing a pkce verifier", status: 400, contentType: "text/plain",
			body:    "invalid_grant: code_verifier=verifier-should-not-leak&x-api-key=key-should-not-leak",
			wantErr: true, wantInBody: "code_verifier=[REDACTED]&x-api-key=[REDACTED]"},
		{name: "400 message with control characters", status: 400, contentType: "application/json",
			body:    `{"error":"invalid_client","error_description":"first line\nFORGED LOG LINE\u0000"}`,
			wantErr: true, wantCode: "invalid_client", wantMessage: "first line FORGED LOG LINE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newFakeServer(t, func(w http.ResponseWriter, _ recorded, _ int) {
				w.Header().Set("Content-Type", tc.contentType)
				w.WriteHeader(tc.status)
				io.WriteString(w, tc.body)
			})
			ts := kobasSource(t, srv, newClock(), func(c *auth.KobasConfig) {
				if tc.secret != "" {
					c.ClientSecret = tc.secret
				}
			})
			tok, err := ts.Token()
			if !tc.wantErr {
				if err != nil {
					t.Fatalf("Token() error = %v, want nil", err)
				}
				if want := t0.Add(tc.wantExpiry); !tok.Expiry.Equal(want) {
					t.Errorf("Token().Expiry = %v, want %v", tok.Expiry, want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Token() = %v, nil; want an error", tok)
			}
			var te *auth.TokenError
			if !errors.As(err, &te) {
				t.Fatalf("Token() error = %T %v, want *auth.TokenError", err, err)
			}
			if te.Provider != "kobas" || te.StatusCode != tc.status {
				t.Errorf("TokenError provider, status = %q, %d, want %q, %d", te.Provider, te.StatusCode, "kobas", tc.status)
			}
			if te.Code != tc.wantCode {
				t.Errorf("TokenError.Code = %q, want %q", te.Code, tc.wantCode)
			}
			if te.Message != tc.wantMessage {
				t.Errorf("TokenError.Message = %q, want %q", te.Message, tc.wantMessage)
			}
			if !strings.Contains(te.Reason, tc.wantReason) || (tc.wantReason == "" && te.Reason != "") {
				t.Errorf("TokenError.Reason = %q, want %q", te.Reason, tc.wantReason)
			}
			if !strings.Contains(te.Body, tc.wantInBody) {
				t.Errorf("TokenError.Body = %q, want it to contain %q", te.Body, tc.wantInBody)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "auth: kobas token request: HTTP "+strconv.Itoa(tc.status)) {
				t.Errorf("Token() error = %q, want prefix %q", msg, "auth: kobas token request: HTTP "+strconv.Itoa(tc.status))
			}
			for what, s := range map[string]string{"err.Error()": msg, "TokenError.Body": te.Body, "TokenError.Message": te.Message} {
				assertNoSecrets(t, what, s, testSecret, leakedJWT, "rt-should-not-leak", "auth-code-123",
					"verifier-should-not-leak", "key-should-not-leak", tc.secret, `sl\/ash`, `pl\u0026us`, "sl%2Fash")
			}
		})
	}
}

func TestTokenErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *auth.TokenError
		want string
	}{
		{name: "provider error", err: &auth.TokenError{Provider: "kobas", StatusCode: 400, Code: "invalid_client", Message: "Client authentication failed"},
			want: "auth: kobas token request: HTTP 400 Bad Request: invalid_client: Client authentication failed"},
		{name: "reason", err: &auth.TokenError{Provider: "octotable", StatusCode: 200, Reason: "missing access_token"},
			want: "auth: octotable token request: HTTP 200 OK: missing access_token"},
		{name: "body only", err: &auth.TokenError{Provider: "kobas", StatusCode: 502, Body: "<html>bad gateway</html>"},
			want: "auth: kobas token request: HTTP 502 Bad Gateway: body: <html>bad gateway</html>"},
		{name: "unknown status", err: &auth.TokenError{Provider: "kobas", StatusCode: 599},
			want: "auth: kobas token request: HTTP 599"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}
