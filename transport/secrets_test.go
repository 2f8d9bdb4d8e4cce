package transport

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// Synthetic credentials only.
const (
	testKey   = "cbat_AbCdEf0123456789"
	testToken = "8f14e45fceea167a5a36dedd4bea2543"
	testSlash = "s3cr3t/custom+value=="
)

func TestSecretSetAdd(t *testing.T) {
	basic := base64.StdEncoding.EncodeToString([]byte("client-id:pa55word-xyz"))
	tests := []struct {
		name string
		add  []string
		want []string // held values, longest first
	}{
		{"plain", []string{testKey}, []string{testKey}},
		{"trimmed", []string{" \t" + testKey + " "}, []string{testKey}},
		{"short ignored", []string{"1234567", "abc"}, nil},
		{"duplicate", []string{testKey, testKey}, []string{testKey}},
		{"bearer", []string{"Bearer " + testToken}, []string{"Bearer " + testToken, testToken}},
		{"bearer any case", []string{"bEARER\t" + testToken}, []string{"bEARER\t" + testToken, testToken}},
		{"bearer bearer", []string{"Bearer Bearer " + testToken}, []string{"Bearer Bearer " + testToken, testToken}},
		{"other scheme", []string{"Token " + testToken}, []string{"Token " + testToken, testToken}},
		{"basic", []string{"Basic " + basic}, []string{"Basic " + basic, basic, "client-id:pa55word-xyz", "pa55word-xyz"}},
		{"basic short password", []string{"basic " + base64.StdEncoding.EncodeToString([]byte("client-id:pw"))},
			[]string{"basic Y2xpZW50LWlkOnB3", "Y2xpZW50LWlkOnB3", "client-id:pw"}},
		{"basic unpadded", []string{"Basic " + strings.TrimRight(base64.StdEncoding.EncodeToString([]byte("u:password1")), "=")},
			[]string{"Basic dTpwYXNzd29yZDE", "dTpwYXNzd29yZDE", "u:password1", "password1"}},
		{"not a scheme", []string{"a=1; b=" + testKey}, []string{"a=1; b=" + testKey}},
		{"longest first", []string{"12345678", testToken, testKey}, []string{testToken, testKey, "12345678"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s secretSet
			for _, v := range tc.add {
				s.add(v)
			}
			var got []string
			for _, v := range s.vals {
				got = append(got, v.raw)
			}
			if !reflect.DeepEqual(got, tc.want) || s.len() != len(tc.want) {
				t.Errorf("add(%q) holds %q (len %d), want %q", tc.add, got, s.len(), tc.want)
			}
		})
	}
}

func TestSecretSetAddHeader(t *testing.T) {
	h := http.Header{
		"Authorization":  {"Bearer " + testToken},
		"x-api-key":      {testKey}, // set without canonicalization
		"Cookie":         {"a=1; session=\"sess-0123456789\"; theme=dark"},
		"X-Other-Header": {"not-a-secret-value"},
	}
	var s secretSet
	for _, name := range []string{"Authorization", "X-Api-Key", "Cookie", "Proxy-Authorization"} {
		s.addHeader(h, name)
	}
	body := "sent " + testToken + " " + testKey + " sess-0123456789 not-a-secret-value"
	want := "sent REDACTED REDACTED REDACTED not-a-secret-value"
	if got := s.scrubString(body); got != want {
		t.Errorf("scrubString(%q) = %q, want %q", body, got, want)
	}
}

// TestSecretSetScrub pins the bug where providers echoing the credential they
// were sent put it into APIError and the log: pattern rules cannot find a
// key quoted in prose, a token split by escapes or one in a response header.
func TestSecretSetScrub(t *testing.T) {
	jwt := fuzzJWT
	php := strings.ReplaceAll(testSlash, "/", `\/`)
	tests := []struct {
		name    string
		secrets []string
		in      string
		want    string
	}{
		{"invalid api key", []string{testKey},
			`{"success":false,"message":"Invalid API key ` + testKey + `"}`,
			`{"success":false,"message":"Invalid API key REDACTED"}`},
		{"revoked token in prose", []string{"Bearer " + testToken},
			"The access token " + testToken + " was revoked",
			"The access token REDACTED was revoked"},
		{"jwt access token", []string{"Bearer " + jwt},
			`{"error":"invalid_token","error_description":"token ` + jwt + ` expired"}`,
			`{"error":"invalid_token","error_description":"token REDACTED expired"}`},
		{"jwt not held", nil,
			`{"error":"invalid_token","error_description":"token ` + jwt + ` expired"}`,
			`{"error":"invalid_token","error_description":"token REDACTED expired"}`},
		{"bearer bearer", []string{"Bearer " + testToken},
			"Authorization: Bearer Bearer " + testToken,
			"Authorization: Bearer REDACTED"}, // "Bearer <t>" itself is held
		{"php escaped slash", []string{testSlash},
			`{"message":"key ` + php + ` rejected"}`,
			`{"message":"key REDACTED rejected"}`},
		{"part after php escaped slash, pattern rules", nil,
			`{"message":"Bearer ` + php + `"}`,
			`{"message":"Bearer REDACTED"}`},
		{"encoding/json html escapes", []string{"a<b>c&d-0123"},
			`{"message":"a\u003cb\u003ec\u0026d-0123"}`,
			`{"message":"REDACTED"}`},
		{"php hex flags", []string{"a<b>c&d'e\"f"},
			`{"message":"a\u003Cb\u003Ec\u0026d\u0027e\u0022f"}`,
			`{"message":"REDACTED"}`},
		{"url encoded in message", []string{testSlash},
			`{"message":"redirect to /cb?key=` + url.QueryEscape(testSlash) + `"}`,
			`{"message":"redirect to /cb?key=REDACTED"}`},
		{"path escaped", []string{"tok en/with+plus"},
			"GET /v1/" + url.PathEscape("tok en/with+plus") + "/x",
			"GET /v1/REDACTED/x"},
		{"lower-case percent escapes", []string{testSlash},
			"key=s3cr3t%2fcustom%2bvalue%3d%3d",
			"key=REDACTED"},
		{"encodeURIComponent", []string{"it's(a)*token!"},
			"q=it's(a)*token!&x=1 and q=it%27s%28a%29%2Atoken%21",
			"q=REDACTED&x=1 and q=REDACTED"},
		{"u escapes of letters", []string{testKey},
			`{"message":"\u0063\u0062at_AbCdEf0123456789"}`,
			`{"message":"REDACTED"}`},
		{"u escape upper-case hex", []string{testKey},
			`{"message":"cbat_AbCdEf012345678\u0039"}`,
			`{"message":"REDACTED"}`},
		{"url inside json", []string{testSlash},
			`{"next":"https:\/\/x\/cb?key=s3cr3t%2Fcustom%2Bvalue%3D%3D"}`,
			`{"next":"https:\/\/x\/cb?key=REDACTED"}`},
		{"non-ascii secret php", []string{"pässwörd-0123"},
			`{"message":"p\u00e4ssw\u00f6rd-0123"}`,
			`{"message":"REDACTED"}`},
		{"surrogate pair", []string{"key-\U0001F600-0123"},
			`{"message":"key-\ud83d\ude00-0123"}`,
			`{"message":"REDACTED"}`},
		{"token containing another", []string{testToken[:10], testToken},
			"x " + testToken + " y " + testToken[:10] + " z",
			"x REDACTED y REDACTED z"},
		{"overlapping occurrences", []string{"abcabcab"},
			"abcabcabcab",
			"REDACTED"},
		{"basic credentials echoed", []string{"Basic " + base64.StdEncoding.EncodeToString([]byte("client:s3cret-pass"))},
			"user client:s3cret-pass, password s3cret-pass",
			"user REDACTED, password REDACTED"},
		{"escaped backslash is no escape", []string{`back\slash-token`},
			`{"m":"back\\slash-token"}`,
			`{"m":"REDACTED"}`},
		{"pattern rules still apply", []string{testKey},
			`{"refresh_token":"short","m":"Bearer t"}`,
			`{"refresh_token":"REDACTED","m":"Bearer REDACTED"}`},
		{"kelvin sign", []string{testKey},
			strings.Repeat("\u212A", 20) + testKey,
			strings.Repeat("\u212A", 20) + "REDACTED"},
		{"nothing held", nil, "Bearer abc " + testKey, "Bearer REDACTED " + testKey},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s secretSet
			for _, v := range tc.secrets {
				s.add(v)
			}
			if got := string(s.scrub([]byte(tc.in))); got != tc.want {
				t.Errorf("scrub(%q) = %q\nwant %q", tc.in, got, tc.want)
			}
			if got := s.scrubString(tc.in); got != tc.want {
				t.Errorf("scrubString(%q) = %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSecretSetScrubKeepsInput(t *testing.T) {
	var s secretSet
	s.add(testKey)
	in := []byte(`{"message":"nothing to see"}`)
	if got := s.scrub(in); &got[0] != &in[0] || len(got) != len(in) {
		t.Errorf("scrub(%q) = %q, a copy; want the input itself", in, got)
	}
	in = []byte(`{"message":"key ` + testKey + `"}`)
	orig := bytes.Clone(in)
	s.scrub(in)
	if !bytes.Equal(in, orig) {
		t.Errorf("scrub modified its input: %q", in)
	}
	msg := "nothing " + "to see"
	if got := s.scrubString(msg); got != msg {
		t.Errorf("scrubString(%q) = %q", msg, got)
	}
}

func TestSecretSetNil(t *testing.T) {
	var s *secretSet
	s.add(testKey)
	s.addHeader(http.Header{"Authorization": {"Bearer " + testToken}}, "Authorization")
	if s.len() != 0 {
		t.Errorf("nil len() = %d, want 0", s.len())
	}
	in := "Bearer abc " + testKey
	if got, want := string(s.scrub([]byte(in))), "Bearer REDACTED "+testKey; got != want {
		t.Errorf("nil scrub(%q) = %q, want %q", in, got, want)
	}
	if got, want := s.scrubString(in), "Bearer REDACTED "+testKey; got != want {
		t.Errorf("nil scrubString(%q) = %q, want %q", in, got, want)
	}
	h := http.Header{"Authorization": {"x"}, "X-Trace": {fuzzJWT}, "Content-Type": {"text/plain"}}
	want := http.Header{"Authorization": {"REDACTED"}, "X-Trace": {"REDACTED"}, "Content-Type": {"text/plain"}}
	if got := s.scrubHeader(h); !reflect.DeepEqual(got, want) {
		t.Errorf("nil scrubHeader(%v) = %v, want %v", h, got, want)
	}
}

func TestSecretSetScrubHeader(t *testing.T) {
	var s secretSet
	s.add("Bearer " + testToken)
	s.add(testSlash)
	h := http.Header{
		"X-Echo":           {testToken},
		"X-Echo-Auth":      {"Bearer " + testToken, "ok"},
		"X-Debug":          {"key=" + url.QueryEscape(testSlash)},
		"Www-Authenticate": {`Bearer realm="api", error="invalid_token", token="` + testSlash + `"`},
		"Set-Cookie":       {"sid=1"},
		"X-Api-Key":        {"anything"},
		"Content-Type":     {"application/json"},
	}
	orig := h.Clone()
	want := http.Header{
		"X-Echo":           {"REDACTED"},
		"X-Echo-Auth":      {"REDACTED", "ok"},
		"X-Debug":          {"key=REDACTED"},
		"Www-Authenticate": {`Bearer realm="api", error="invalid_token", token="REDACTED"`},
		"Set-Cookie":       {"REDACTED"},
		"X-Api-Key":        {"REDACTED"},
		"Content-Type":     {"application/json"},
	}
	got := s.scrubHeader(h)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scrubHeader() = %v\nwant %v", got, want)
	}
	if !reflect.DeepEqual(h, orig) {
		t.Errorf("scrubHeader modified its input: %v", h)
	}
}

// scrubBody returns an error body of about n bytes in the style of a PHP
// API (escaped slashes, a URL with percent escapes), which quotes one of the
// three secrets in its message.
func scrubBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"success":false,"message":"Invalid API key ` + testKey + `","errors":[`)
	for i := 0; b.Len() < n-64; i++ {
		fmt.Fprintf(&b, `{"field":"items\/%d\/name","message":"must not be blank, see https:\/\/docs.example.com\/e?q=a%%20b"},`, i)
	}
	b.WriteString(`{}]}`)
	return b.Bytes()
}

// BenchmarkSecretScrub measures scrub of a failed attempt's body against the
// three values a request typically carries (a bearer token, which also
// records the token alone, an API key and a tenant secret).
func BenchmarkSecretScrub(b *testing.B) {
	var s secretSet
	s.add("Bearer " + testToken)
	s.add(testKey)
	s.add(testSlash)
	for _, size := range []struct {
		name string
		n    int
	}{{"1KB", 1 << 10}, {"1MB", 1 << 20}} {
		body := scrubBody(size.n)
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				s.scrub(body)
			}
		})
	}
}

func TestSecretSetScrubAllocs(t *testing.T) {
	var s secretSet
	s.add("Bearer " + testToken)
	s.add(testKey)
	s.add(testSlash)
	clean := bytes.ReplaceAll(scrubBody(4<<10), []byte(testKey), []byte("no key at all here"))
	if n := testing.AllocsPerRun(20, func() { s.scrub(clean) }); n != 0 {
		t.Errorf("scrub of a body without secrets: %v allocations, want 0", n)
	}
	dirty := scrubBody(4 << 10)
	if n := testing.AllocsPerRun(20, func() { s.scrub(dirty) }); n != 1 {
		t.Errorf("scrub of a body with one secret: %v allocations, want 1", n)
	}
}
