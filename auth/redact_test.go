package auth

import (
	"strings"
	"testing"
)

// Regression (#12): a secret echoed with lower-case percent escapes, as PHP
// writes non-ASCII characters or with the JSON_HEX_* flags, or spelt by any
// escapes inside a JSON string, reached TokenError.Body; so did a content
// type's control characters and its length, and a secret in it.
func TestRedactEchoForms(t *testing.T) {
	tests := []struct {
		name, secret, body string
	}{
		{"lower-case percent escapes", "rt/AbC+dEf=9", `error: rt%2fabc%2bdef%3d9 refused`},
		{"mixed-case percent escapes", "rt/AbC+dEf=9", `error: rt%2FAbC%2bdEf%3D9 refused`},
		{"php non-ascii escapes", "pässwörd-42/x", `{"message":"bad secret p\u00e4ssw\u00f6rd-42\/x"}`},
		{"php JSON_HEX flags", `p&<w>"'-42`, `{"message":"bad p\u0026\u003Cw\u003E\u0022\u0027-42"}`},
		{"every character escaped", "s3cr3t-xyz-0123456789", `{"message":"\u0073\u0033\u0063\u0072\u0033\u0074-xyz-0123456789 is wrong"}`},
		{"surrogate pair", "key-😀-0123456789", `{"message":"key-\ud83d\ude00-0123456789"}`},
		{"unterminated literal", "s3cr3t-xyz-0123456789", `{"message":"\u0073\u0033cr3t-xyz-0123456789`},
		{"url-encoded inside an escaped literal", "rt/AbC+dEf=9", `{"message":"refresh rt%2FAbC%2BdEf%3D9\n expired"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := bodyExcerpt([]byte(tc.body), []string{tc.secret})
			for _, form := range echoForms(tc.secret) {
				if strings.Contains(strings.ToLower(got), strings.ToLower(form)) {
					t.Errorf("bodyExcerpt(%q) = %q holds the secret as %q", tc.body, got, form)
				}
			}
			if !strings.Contains(got, redacted) {
				t.Errorf("bodyExcerpt(%q) = %q, want %s in it", tc.body, got, redacted)
			}
		})
	}

	t.Run("content type", func(t *testing.T) {
		ct := "text/html; charset=\x00\r\nX-Forged: 1; s3cr3t-xyz-0123456789" + strings.Repeat("x", 5000)
		_, err := decodeTokenResponse(200, ct, []byte("<html>"), decodeOptions{provider: "kobas", secrets: []string{"s3cr3t-xyz-0123456789"}})
		te, ok := err.(*TokenError)
		if !ok {
			t.Fatalf("decodeTokenResponse() error = %v, want a *TokenError", err)
		}
		if strings.ContainsAny(te.Reason, "\x00\r\n") || strings.Contains(te.Reason, "s3cr3t") || len(te.Reason) > 128 {
			t.Errorf("Reason = %q, want it cleaned, redacted and short", te.Reason)
		}
	})
}
