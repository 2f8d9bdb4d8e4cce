package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzJWT is a well-formed, synthetic JSON Web Token.
const fuzzJWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

// patternSeeds are the hostile bodies of hardening issue #12 and the edges
// of every scanner in redact.go.
var patternSeeds = []string{
	strings.Repeat("\u212A", 20) + "Bearer abc",
	strings.Repeat("\xff", 9) + "Bearer tok3n-abcdef",
	"é Bearer token123",
	"\xe9 Bearer token123",
	"Bearer Bearer tok-1",
	"Bearer ", "bearer", "Basic\t", "x-api-key:", "token=", `password="`, `password=\"`, "Cookie: ",
	`{"success":false,"message":"Invalid API key cbat_AbCdEf0123456789"}`,
	"The access token 8f14e45fceea167a5a36dedd4bea2543 was revoked",
	`{"error":"invalid_token","error_description":"` + fuzzJWT + `"}`,
	`{"message":"Bearer abc\/def+ghi=="}`,
	`{"message":"access_token=abc\/def&x=1"}`,
	`{"m":"\u00aeyJhbGciOiJIUzI1NiJ9.eyJzdWIi.x"}`,
	`{"m":"\neyJhbGciOiJIUzI1NiJ9.eyJzdWIi.x"}`,
	"eyJhbGciOiJIUzI1NiJ9.eyJzdWIi.", "eyJhbGciOiJIUzI1NiJ9.", "eyJ",
	`{"acc\u0065ss_token":"a","\u":1,"\ud83d\ude00":2,"\ud83d":3}`,
	`{"password=":"hunter22","token:":1}`,
	"grant_type=client_credentials&client_secret=s&&",
	"https://user:pw@x/y?code=abc&state=s1#access_token=t",
	`\`, `\u`, `\u12`, `%`, `%4`, `%zz`, `"\\"`, `"\\\"`,
	strings.Repeat("[", 1000), strings.Repeat(`"`, 101),
}

// FuzzRedactPatterns checks the pattern rules alone: no input makes them
// panic or modify their input, valid UTF-8 and valid JSON stay valid, and a
// second pass finds nothing the first one left.
func FuzzRedactPatterns(f *testing.F) {
	for _, s := range patternSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := bytes.Clone(in)
		for name, fn := range map[string]func([]byte) []byte{"redactBody": redactBody, "redactText": redactText} {
			out := fn(in)
			if !bytes.Equal(in, orig) {
				t.Fatalf("%s modified its input: %q, was %q", name, in, orig)
			}
			if utf8.Valid(in) && !utf8.Valid(out) {
				t.Errorf("%s(%q) = %q, not valid UTF-8", name, in, out)
			}
			if json.Valid(in) && !json.Valid(out) {
				t.Errorf("%s(%q) = %q, not valid JSON", name, in, out)
			}
			if again := fn(out); !bytes.Equal(again, out) {
				t.Errorf("%s is not idempotent on %q:\n once  %q\n twice %q", name, in, out, again)
			}
		}
		q := string(in)
		if got := redactQuery(q); strings.Count(got, "&") != strings.Count(q, "&") {
			t.Errorf("redactQuery(%q) = %q, separators changed", q, got)
		}
		u, err := url.Parse(q)
		if err != nil {
			return
		}
		got := RedactURL(u)
		if _, err := url.Parse(u.String()); err != nil {
			return
		}
		r, err := url.Parse(got)
		if err != nil {
			t.Fatalf("RedactURL(%q) = %q, which does not parse: %v", q, got, err)
		}
		if _, has := u.User.Password(); has {
			if p, _ := r.User.Password(); p != redacted {
				t.Errorf("RedactURL(%q) = %q, password kept", q, got)
			}
		}
		for part := range strings.SplitSeq(r.RawQuery, "&") {
			k, v, ok := strings.Cut(part, "=")
			if n, err := url.QueryUnescape(k); err == nil {
				k = n
			}
			if ok && isSecretName(k) && v != redacted {
				t.Errorf("RedactURL(%q) = %q, %s kept", q, got, k)
			}
		}
	})
}

// FuzzRedact checks exact-value redaction: whatever the body, a credential
// embedded in it raw, JSON-escaped (encoding/json, with and without HTML
// escapes, or PHP's \/), URL-encoded (query or path) or in a random mix of
// \u00XX and %XX escapes of either hex case is gone from the output of
// scrub, scrubString and scrubHeader, in each of those forms.
//
// The property holds for every form that cannot overlap an inserted
// "REDACTED" or "\"REDACTED\"": otherwise an occurrence can be rebuilt from
// the replacement and the text beside it ("xxREDACTEDyy" in
// "xx"+"xxREDACTEDyy"+"yy"), which is no leak, so such forms are not
// checked.
func FuzzRedact(f *testing.F) {
	for i, s := range patternSeeds {
		f.Add([]byte(s), "cbat_AbCdEf0123456789", uint(i), uint8(i))
	}
	seeds := []struct {
		body, secret string
	}{
		{`{"success":false,"message":"Invalid API key "}`, "cbat_AbCdEf0123456789"},
		{"The access token  was revoked", "8f14e45fceea167a5a36dedd4bea2543"},
		{`{"error":"invalid_token","detail":""}`, fuzzJWT},
		{"Authorization: Bearer Bearer ", "tok-SECRET-4f1c9d"},
		{`{"m":"token "}`, "s3cr3t/custom+value=="},
		{`{"m":"key=&x=1"}`, "a+b/c=d e&f<g>"},
		{"\u212A\u212A\u212A", "k\u212Aelvin-token"},
		{"\xff\xff", "\xfe\xff-invalid-utf8"},
		{`\\\\%%%`, `%25%5c\u0041\\`},
		{"", "REDACTED"},
		{"xx", "xxREDACTEDyy"},
	}
	for i, s := range seeds {
		for mode := range uint8(fuzzEmbedModes) {
			f.Add([]byte(s.body), s.secret, uint(i*7+int(mode)), mode)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte, secret string, pos uint, mode uint8) {
		secret = strings.Trim(secret, " \t")
		if len(secret) < minSecretLen || len(secret) > 1<<10 {
			// Real credentials are at most a few KB; longer ones only slow
			// the fuzzer down (the search is linear in the body for each
			// position of a decoded byte in the value).
			t.Skip("length out of range")
		}
		var s secretSet
		s.add(secret)
		enc := fuzzEmbed(secret, mode, pos)
		at := int(pos % uint(len(body)+1))
		in := append(append(append([]byte{}, body[:at]...), enc...), body[at:]...)
		orig := bytes.Clone(in)

		forms := append(fuzzEncodings(secret), enc)
		check := func(where string, out []byte) {
			t.Helper()
			for _, f := range forms {
				if !overlapsRedacted(f) && bytes.Contains(out, []byte(f)) {
					t.Errorf("%s(%q) = %q, holds %q of secret %q", where, in, out, f, secret)
				}
			}
		}
		check("scrub", s.scrub(in))
		if !bytes.Equal(in, orig) {
			t.Fatalf("scrub modified its input: %q, was %q", in, orig)
		}
		check("scrubString", []byte(s.scrubString(string(in))))
		h := http.Header{"X-Echo": {string(in)}}
		check("scrubHeader", []byte(s.scrubHeader(h).Get("X-Echo")))
		if h.Get("X-Echo") != string(orig) {
			t.Fatalf("scrubHeader modified its input")
		}
	})
}

// fuzzEmbedModes is the number of ways fuzzEmbed writes a secret.
const fuzzEmbedModes = 7

// fuzzEmbed returns secret written the way mode selects: raw, with
// encoding/json (HTML escapes on or off), PHP-style JSON, query- or
// path-escaped, or a mix of plain bytes, \u00XX and %XX escapes drawn from
// seed.
func fuzzEmbed(secret string, mode uint8, seed uint) string {
	switch mode % fuzzEmbedModes {
	case 0:
		return secret
	case 1:
		return fuzzJSON(secret, true)
	case 2:
		return fuzzJSON(secret, false)
	case 3:
		return strings.ReplaceAll(fuzzJSON(secret, true), "/", `\/`)
	case 4:
		return url.QueryEscape(secret)
	case 5:
		return url.PathEscape(secret)
	}
	r := rand.New(rand.NewPCG(uint64(seed), uint64(mode)))
	var b strings.Builder
	for i := 0; i < len(secret); i++ {
		c := secret[i]
		hex := "%02x"
		if r.IntN(2) == 0 {
			hex = "%02X"
		}
		switch r.IntN(3) {
		case 0:
			b.WriteByte(c)
		case 1:
			if c < utf8.RuneSelf {
				fmt.Fprintf(&b, `\u00`+hex, c)
				continue
			}
			b.WriteByte(c)
		case 2:
			fmt.Fprintf(&b, "%%"+hex, c)
		}
	}
	return b.String()
}

// fuzzEncodings returns the forms of v fuzzEmbed writes, independently of
// secretSet's own encoders.
func fuzzEncodings(v string) []string {
	var forms []string
	for mode := range uint8(fuzzEmbedModes - 1) {
		forms = append(forms, fuzzEmbed(v, mode, 0))
	}
	return forms
}

// fuzzJSON returns v as encoding/json writes it inside a string.
func fuzzJSON(v string, html bool) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(b.String(), "\n")[1 : b.Len()-2]
}

// overlapsRedacted reports whether an occurrence of f could be formed with
// the help of an inserted replacement, "REDACTED" or "\"REDACTED\"": f and
// the replacement overlap, one holds the other, or one's end is the other's
// start.
func overlapsRedacted(f string) bool {
	for _, r := range [...]string{redacted, `"` + redacted + `"`} {
		if strings.Contains(f, r) || strings.Contains(r, f) {
			return true
		}
		for k := 1; k < min(len(f), len(r)); k++ {
			if f[:k] == r[len(r)-k:] || f[len(f)-k:] == r[:k] {
				return true
			}
		}
	}
	return false
}
