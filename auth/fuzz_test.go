package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Secrets the fuzz target embeds in token endpoint answers: a plain client
// secret, a base64-style refresh token or code, and a secret with JSON, HTML
// and URL special characters and non-ASCII letters.
const (
	fuzzClientSecret = "s3cr3t-xyz-0123456789"
	fuzzRefreshToken = "rt/AbC+dEf=9_zZ~Kq.w"
	fuzzFancySecret  = `Pä$$&<w0rd>"'\/42Ω`
	fuzzVerifier     = "verifier-0123456789-abcdefghijklmnopqrstu"
)

// fuzzNow is the fixed clock of the fuzz target.
var fuzzNow = time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)

// echoForms returns s as a server echoing it may write it: raw, JSON as Go
// and PHP encode it (HTML escapes, "\/", \uXXXX for non-ASCII, the
// JSON_HEX_* flags) and URL-encoded (query and path escaping, RFC 3986
// rawurlencode, upper- and lower-case hex). It is written independently of
// the redaction code it checks.
func echoForms(s string) []string {
	goJSON := func(html bool) string {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		_ = enc.Encode(s)
		js := strings.TrimSpace(b.String())
		return js[1 : len(js)-1]
	}
	var ascii, hex strings.Builder
	for _, r := range goJSON(false) {
		switch {
		case r == '/':
			ascii.WriteString(`\/`)
		case r > 0xFFFF:
			r1, r2 := utf16Pair(r)
			fmt.Fprintf(&ascii, `\u%04x\u%04x`, r1, r2)
		case r >= utf8.RuneSelf:
			fmt.Fprintf(&ascii, `\u%04x`, r)
		default:
			ascii.WriteRune(r)
		}
	}
	php := ascii.String()
	for i := 0; i < len(php); i++ {
		switch c := php[i]; {
		case c == '\\' && i+1 < len(php) && php[i+1] == '"':
			hex.WriteString(`\u0022`)
			i++
		case c == '\\' && i+1 < len(php):
			hex.WriteString(php[i : i+2])
			i++
		case strings.IndexByte(`<>&'`, c) >= 0:
			fmt.Fprintf(&hex, `\u%04X`, c)
		default:
			hex.WriteByte(c)
		}
	}
	var raw strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			raw.WriteByte(c)
		} else {
			fmt.Fprintf(&raw, "%%%02X", c)
		}
	}
	forms := []string{
		s, goJSON(false), goJSON(true), strings.ReplaceAll(goJSON(false), "/", `\/`), php, hex.String(),
		url.QueryEscape(s), url.PathEscape(s), raw.String(),
	}
	for _, f := range forms[6:9] {
		forms = append(forms, lowerPercentHex(f))
	}
	return forms
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xD800 + (r>>10)&0x3FF, 0xDC00 + r&0x3FF
}

// lowerPercentHex writes the hex digits of %XX escapes in lower case.
func lowerPercentHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerHexDigit(b[i+1]), lowerHexDigit(b[i+2])
		}
	}
	return string(b)
}

func lowerHexDigit(c byte) byte {
	if 'A' <= c && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

// fuzzSecret reports whether s may serve as a secret: token-like (12 to 64
// characters of the base64 and URL-safe alphabets, with a letter and a
// digit) and unable to turn up in error text that never saw it (no
// "redacted", the marker of a removed secret).
func fuzzSecret(s string) bool {
	if len(s) < 12 || len(s) > 64 || strings.Contains(strings.ToLower(s), "redacted") {
		return false
	}
	letter, digit := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			letter = true
		case '0' <= c && c <= '9':
			digit = true
		case strings.IndexByte("-_.~+/=", c) < 0:
			return false
		}
	}
	return letter && digit
}

// fillSecrets replaces the placeholders {A0}…{A9} and {B0}…{B9} in body by
// the echo forms of a and b.
func fillSecrets(body, a, b string) string {
	if !strings.Contains(body, "{") {
		return body
	}
	var pairs []string
	for _, s := range []struct {
		tag   string
		forms []string
	}{{"A", echoForms(a)}, {"B", echoForms(b)}} {
		for i := range 10 {
			pairs = append(pairs, fmt.Sprintf("{%s%d}", s.tag, i), s.forms[i%len(s.forms)])
		}
	}
	return strings.NewReplacer(pairs...).Replace(body)
}

// fuzzDecoder is one decoder of token endpoint answers with the secrets of
// the request it answers.
type fuzzDecoder struct {
	name    string
	secrets []string
	decode  func(status int, contentType string, body []byte) error
}

// fuzzDecoders returns every decoder of token endpoint answers, set up as
// the providers set them up, with client secret a and request secret b (a
// code or refresh token, or the user token of a Cobot API 1 call).
func fuzzDecoders(a, b string, unit time.Duration) []fuzzDecoder {
	now := func() time.Time { return fuzzNow }
	token := func(o decodeOptions) func(int, string, []byte) error {
		return func(status int, contentType string, body []byte) error {
			tok, err := decodeTokenResponse(status, contentType, body, o)
			if err == nil && (tok == nil || tok.AccessToken == "" || !tok.Expiry.IsZero() && tok.Expiry.Before(fuzzNow)) {
				return fmt.Errorf("decoded token %+v: want an access token that has not expired", tok)
			}
			return err
		}
	}
	return []fuzzDecoder{
		{"kobas", []string{a}, token(KobasConfig{ClientSecret: a}.decodeOptions(now))},
		{"octotable", []string{a}, token(OctotableConfig{ClientSecret: a, ExpiresInUnit: unit}.decodeOptions(now))},
		{"cloudbeds", []string{a, b}, token(CloudbedsConfig{ClientSecret: a, Now: now}.decodeOptions(b))},
		{"cobot", []string{a, b, fuzzVerifier}, token(CobotConfig{ClientSecret: a, Now: now}.decodeOptions(b, fuzzVerifier))},
		{"cobot space token", []string{b}, func(status int, contentType string, body []byte) error {
			_, err := decodeCobotSpaceToken(status, contentType, body, b)
			return err
		}},
		{"cobot token scopes", []string{b}, func(status int, contentType string, body []byte) error {
			_, err := decodeCobotScopes(status, contentType, body, b)
			return err
		}},
		{"cloudbeds metadata", []string{a, b}, func(status int, _ string, body []byte) error {
			_, err := parseCloudbedsMetadata(status, body, []string{a, b})
			return err
		}},
	}
}

// checkErrorText fails when s, the text of an error or of a TokenError
// field, holds any echo form of a secret, is not valid UTF-8, holds control
// characters (a forged log line) or is longer than limit.
func checkErrorText(t *testing.T, what, s string, limit int, secrets []string) {
	t.Helper()
	for _, sec := range secrets {
		for _, form := range echoForms(sec) {
			if strings.Contains(s, form) {
				t.Errorf("%s = %q holds secret %q as %q", what, s, sec, form)
			}
		}
	}
	if !utf8.ValidString(s) {
		t.Errorf("%s = %q is not valid UTF-8", what, s)
	}
	if i := strings.IndexFunc(s, unicode.IsControl); i >= 0 {
		t.Errorf("%s = %q holds a control character at byte %d", what, s, i)
	}
	if len(s) > limit {
		t.Errorf("%s is %d bytes long, want at most %d", what, len(s), limit)
	}
}

// FuzzTokenResponse feeds token endpoint answers to every decoder of them
// (token responses and OAuth errors of each provider, Cobot's API 1 token
// calls, the Cloudbeds metadata answer). body may hold placeholders {A0}…
// {B9} for echo forms of the request's secrets. No decoder may panic, and
// no error text or TokenError field may hold a secret in any echo form,
// control characters or unbounded text.
func FuzzTokenResponse(f *testing.F) {
	for _, seed := range []struct {
		status      int
		contentType string
		body        string
	}{
		{200, "application/json", `{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"refresh_token":"{B0}"}`},
		{200, "application/json", `{"access_token":"at-1","expires_in":1e400}`},
		{200, "application/json", `{"access_token":"at-1","expires_in":1.7976931348623157e308}`},
		{200, "application/json", `{"access_token":"at-1","expires_in":"99999999999999999999999999999"}`},
		{200, "application/json", `{"access_token":"at-1","expires_in":9223372036854775807}`},
		{200, "application/json", `{"access_token":"at-1","expires_in":-0}`},
		{200, "application/json", `{"access_token":"at-1","expires_in":"Infinity"}`},
		{200, "application/json", `{"access_token":"at-1","expires_in":{"{A1}":1}}`},
		{200, "application/json", `{"access_token":"eyJhbGciOiJub25lIn0.eyJleHAiOjFlMzAwfQ.","type":"bearer","expires_in":"12"}`},
		{400, "application/json", "{\"error\":\"\xff\xfe{A0}\xc3\",\"error_description\":\"bad \x00\r\n{B0}\"}"},
		{400, "application/json", `{"error":"` + strings.Repeat(`\u212A`, 2000) + `{A2}"}`},
		{400, "application/json", `{"error":"invalid_client","error_description":"` + strings.Repeat("\u212A", 300) + `{A0}"}`},
		{200, "application/json", strings.Repeat("[", 100000)},
		{400, "application/json", strings.Repeat(`{"error":`, 20000) + `"{A0}"` + strings.Repeat("}", 20000)},
		{200, "application/json", ""},
		{400, "", ""},
		{502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>" +
			"<p>client_secret={A6}&amp;refresh_token={B7}</p><pre>{A0} {B3}</pre></body></html>"},
		{200, "text/html; charset=\x00\r\n{A0}" + strings.Repeat("x", 5000), "<html>maintenance</html>"},
		{401, "application/json", `{"error":"invalid_client","error_description":"Client secret {A0} is invalid ({A1} {A2} {A3})"}`},
		{400, "application/json", `{"error":"invalid_grant","message":"refresh token \"{B3}\" expired","path":"\/oauth\/token"}`},
		{400, "application/json", `{"error":{"code":"E42","message":"{A4} {A5} {B4} {B5}"}}`},
		{400, "application/x-www-form-urlencoded", "error=invalid_client&client_secret={A6}&refresh_token={B8}&code={B9}"},
		{200, "application/json", `{"success":"true","data":{"api":{"url":"http://api.example.com/{A0}"}}}`},
		{200, "application/json", `{"success":false,"message":"key {B1} not found"}`},
		{200, "application/json", `{"token":"{B0}","scope":["read_user"],"client_id":"{A0}"}`},
		{200, "application/json", `{"scope":7,"token":"x"}`},
		{200, "application/json", `{"scope":"read_user  write_bookings"}`},
		{403, "application/json", `{"message":"token {B0} is revoked","errors":[{"detail":"{B2}"}]}`},
	} {
		f.Add(seed.status, seed.contentType, seed.body, uint8(0x01), "")
		f.Add(seed.status, seed.contentType, seed.body, uint8(0x32), "Zm9vYmFyMTIz/+=_-.~")
	}
	units := []time.Duration{0, time.Second, time.Millisecond, time.Minute}
	f.Fuzz(func(t *testing.T, status int, contentType, body string, pick uint8, extra string) {
		candidates := []string{fuzzClientSecret, fuzzRefreshToken, fuzzFancySecret}
		if fuzzSecret(extra) {
			candidates = append(candidates, extra)
		}
		a := candidates[int(pick&0x0F)%len(candidates)]
		b := candidates[int(pick>>4)%len(candidates)]
		if a == b {
			b = candidates[(int(pick>>4)+1)%len(candidates)]
		}
		filled := []byte(fillSecrets(body, a, b))
		for _, d := range fuzzDecoders(a, b, units[int(pick)%len(units)]) {
			err := d.decode(status, contentType, filled)
			if err == nil {
				continue
			}
			checkErrorText(t, d.name+" error", err.Error(), 2048, d.secrets)
			var te *TokenError
			if errors.As(err, &te) {
				for _, field := range []struct{ name, value string }{
					{"Code", te.Code}, {"Message", te.Message}, {"Reason", te.Reason}, {"Body", te.Body},
				} {
					checkErrorText(t, d.name+" TokenError."+field.name, field.value, maxBodyExcerpt+len("…"), d.secrets)
				}
			}
		}
	})
}

// The regular expressions redactJSONFields and redactFormFields replaced:
// they took about 100 ms per MiB of hostile body, the scans a few.
var (
	oldJSONSecretField = regexp.MustCompile(`(?i)"(access_token|refresh_token|id_token|client_secret|code_verifier|password|assertion|api_key|apikey|x-api-key)"\s*:\s*"(?:[^"\\]|\\.)*"`)
	oldFormSecretField = regexp.MustCompile(`(?i)(^|[?&\s"'])(access_token|refresh_token|id_token|client_secret|code_verifier|password|assertion|code|api_key|apikey|x-api-key)=[^&\s"']*`)
)

// FuzzRedactFields checks that the secret-named field scans redact exactly
// what the regular expressions they replaced did, on ASCII text (the
// expressions also folded a few non-ASCII letters, such as U+212A KELVIN
// SIGN, into the names) without a backslash before a newline (which the
// expression's "." did not match inside a JSON string).
func FuzzRedactFields(f *testing.F) {
	for _, s := range []string{
		`{"access_token":"at-1","Refresh_Token" : "rt\"2","id_token":"x`,
		`a=1&code=2&CODE=3&code_verifier=v&x_code=4 password=p "client_secret=s'`,
		`code=code=x`,
		`{"api_key":"k","x-api-key":"\\","apikey":""}&api_key=`,
		"refresh_token=\tpassword=\n\"assertion\"\t:\r\"a\"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if s[i] >= utf8.RuneSelf {
				return
			}
		}
		if strings.Contains(s, "\\\n") {
			return
		}
		if got, want := redactJSONFields(s), oldJSONSecretField.ReplaceAllString(s, `"$1":"`+redacted+`"`); got != want {
			t.Errorf("redactJSONFields(%q) = %q, want %q", s, got, want)
		}
		if got, want := redactFormFields(s), oldFormSecretField.ReplaceAllString(s, `$1$2=`+redacted); got != want {
			t.Errorf("redactFormFields(%q) = %q, want %q", s, got, want)
		}
	})
}
