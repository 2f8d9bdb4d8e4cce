package transport

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestRedactURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://api.kobas.co.uk/v3/staff?limit=50&offset=0", "https://api.kobas.co.uk/v3/staff?limit=50&offset=0"},
		{"https://x/cb?code=abc&state=s1", "https://x/cb?code=REDACTED&state=s1"},
		{"https://x/t?api_key=k&access_token=a&client_secret=c&token=t&refresh_token=r&id_token=i&code_verifier=v&password=p",
			"https://x/t?api_key=REDACTED&access_token=REDACTED&client_secret=REDACTED&token=REDACTED&refresh_token=REDACTED&id_token=REDACTED&code_verifier=REDACTED&password=REDACTED"},
		{"https://x/t?Access-Token=a&X-Api-Key=k", "https://x/t?Access-Token=REDACTED&X-Api-Key=REDACTED"},
		{"https://x/t?access%5Ftoken=a", "https://x/t?access%5Ftoken=REDACTED"},
		{"https://api.cobot.me/invoices/1.pdf?token=abc", "https://api.cobot.me/invoices/1.pdf?token=REDACTED"},
		{"https://user:pw@x/y", "https://user:REDACTED@x/y"},
		{"https://x/y?flag&code=", "https://x/y?flag&code=REDACTED"},
		{"https://x/y?status[]=CONFIRMED&code=1", "https://x/y?status[]=CONFIRMED&code=REDACTED"},
	}
	for _, tc := range tests {
		u, err := url.Parse(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := RedactURL(u); got != tc.want {
			t.Errorf("RedactURL(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
	if got := RedactURL(nil); got != "" {
		t.Errorf("RedactURL(nil) = %q, want empty", got)
	}
}

func TestRedactBody(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"json nested", `{"access_token":"a","token_type":"Bearer","expires_in":3600,"data":{"client_secret":"c","n":1},"list":[{"password":"p"}]}`,
			`{"access_token":"REDACTED","token_type":"Bearer","expires_in":3600,"data":{"client_secret":"REDACTED","n":1},"list":[{"password":"REDACTED"}]}`},
		{"json keeps error code", `{"code":"RESOURCE_NOT_FOUND","message":"x"}`, `{"code":"RESOURCE_NOT_FOUND","message":"x"}`},
		{"json spacing kept", "{ \"refresh_token\" : \"r\" ,\n \"id_token\": null }", "{ \"refresh_token\" : \"REDACTED\" ,\n \"id_token\": null }"},
		{"json escaped string", `{"password":"a\"b","x":"y"}`, `{"password":"REDACTED","x":"y"}`},
		{"json number secret", `{"code_verifier":12345}`, `{"code_verifier":"REDACTED"}`},
		{"json text in string", `{"message":"sent x-api-key=k1 and Bearer t1"}`, `{"message":"sent x-api-key=REDACTED and Bearer REDACTED"}`},
		{"form", "grant_type=client_credentials&client_id=id&client_secret=s&scope=integration",
			"grant_type=client_credentials&client_id=id&client_secret=REDACTED&scope=integration"},
		{"form code", "grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fe", "grant_type=authorization_code&code=REDACTED&redirect_uri=https%3A%2F%2Fe"},
		{"header text", "Authorization: Bearer abc.def\nx-api-key: k2\nCookie: sid=1", "Authorization: Bearer REDACTED\nx-api-key: REDACTED\nCookie: REDACTED"},
		{"validation text kept", "password: is too short; code: must be unique", "password: is too short; code: must be unique"},
		{"html", "<p>basic dXNlcjpwYXNz</p>", "<p>basic REDACTED</p>"},
		{"plain", "nothing secret here", "nothing secret here"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(redactBody([]byte(tc.in))); got != tc.want {
				t.Errorf("redactBody(%q) = %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestRedactBodyDoesNotModifyInput(t *testing.T) {
	in := []byte(`{"access_token":"abc"}`)
	redactBody(in)
	if string(in) != `{"access_token":"abc"}` {
		t.Errorf("redactBody modified its input: %s", in)
	}
}

func TestRedactHeader(t *testing.T) {
	h := http.Header{
		"Authorization": {"Bearer t"}, "X-Api-Key": {"k"}, "Cookie": {"a=b"}, "Set-Cookie": {"s=1"},
		"Content-Type": {"application/json"}, "Property": {"42"},
	}
	got := redactHeader(h)
	for _, k := range []string{"Authorization", "X-Api-Key", "Cookie", "Set-Cookie"} {
		if got.Get(k) != "REDACTED" {
			t.Errorf("redactHeader()[%s] = %q, want REDACTED", k, got.Get(k))
		}
	}
	if got.Get("Content-Type") != "application/json" || got.Get("Property") != "42" {
		t.Errorf("redactHeader() = %v, want other headers kept", got)
	}
	if h.Get("Authorization") != "Bearer t" {
		t.Errorf("redactHeader modified its input")
	}
}

func TestTopLevelField(t *testing.T) {
	tests := []struct {
		in, name, want string
		ok             bool
	}{
		{`{"success":true,"data":[]}`, "success", "true", true},
		{`{"data":{"success":false},"count":2,"success":"false"}`, "success", `"false"`, true},
		{`{"a":"x\"}","success":0}`, "success", "0", true},
		{`{"a":1}`, "success", "", false},
		{`[1]`, "success", "", false},
		{`{"a":`, "success", "", false},
	}
	for _, tc := range tests {
		got, ok := topLevelField([]byte(tc.in), tc.name)
		if string(got) != tc.want || ok != tc.ok {
			t.Errorf("topLevelField(%s, %s) = %s, %v; want %s, %v", tc.in, tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestRedactBodyOffsets pins the bug where redactBearer looked for the scheme
// word in a bytes.ToLower copy of the body and used that copy's offsets on
// the original: U+212A KELVIN SIGN (3 bytes) lower-cases to 'k' (1 byte) and
// an invalid byte to U+FFFD (3 bytes), so a provider's body could make the
// redaction panic (slice bounds out of range), leave the token whole or cut
// it in the middle ("Bearer toREDACTED").
func TestRedactBodyOffsets(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"kelvin sign", strings.Repeat("\u212A", 20) + "Bearer abc", strings.Repeat("\u212A", 20) + "Bearer REDACTED"},
		{"kelvin sign in json", `{"m":"` + strings.Repeat("\u212A", 20) + `Bearer abc"}`, `{"m":"` + strings.Repeat("\u212A", 20) + `Bearer REDACTED"}`},
		{"invalid utf-8", strings.Repeat("\xff", 9) + "Bearer tok3n-abcdef", strings.Repeat("\xff", 9) + "Bearer REDACTED"},
		{"latin-1 e acute", "\xe9 Bearer token123", "\xe9 Bearer REDACTED"},
		{"utf-8 e acute", "é Bearer token123", "é Bearer REDACTED"},
		{"kelvin sign before assignment", strings.Repeat("\u212A", 20) + " token=abc", strings.Repeat("\u212A", 20) + " token=REDACTED"},
		{"kelvin sign is no k", "\u212Aey=abc", "\u212Aey=abc"},
		{"invalid utf-8 in json", "{\"x\":\"\xff\xff\",\"password\":\"p\"}", "{\"x\":\"\xff\xff\",\"password\":\"REDACTED\"}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(redactBody([]byte(tc.in))); got != tc.want {
				t.Errorf("redactBody(%q) = %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRedactTextPatterns pins the pattern gaps of hardening issue #12: a
// repeated scheme word shielded the token ("Bearer Bearer t" kept t), JSON
// Web Tokens outside a Bearer header were kept, a token whose '/' PHP's
// json_encode writes as "\/" kept the part after it, a name after a JSON
// escape ("\ntoken=") was not recognized, and a Cookie line kept every
// cookie but the first.
func TestRedactTextPatterns(t *testing.T) {
	const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	tests := []struct {
		name, in, want string
	}{
		{"bearer bearer", "Authorization: Bearer Bearer tok-1", "Authorization: Bearer Bearer REDACTED"},
		{"bearer basic", "bearer BASIC dXNlcjpwYXNz", "bearer BASIC REDACTED"},
		{"bearer tab", "Bearer\ttok-1", "Bearer\tREDACTED"},
		{"upper case", "BEARER tok-1", "BEARER REDACTED"},
		{"jwt in prose", "token " + jwt + " expired", "token REDACTED expired"},
		{"jwt in json", `{"error":"invalid_token","detail":"` + jwt + `"}`, `{"error":"invalid_token","detail":"REDACTED"}`},
		{"jwt after json escape", `{"m":"expired:\n` + jwt + `"}`, `{"m":"expired:\nREDACTED"}`},
		{"unsecured jwt", "t=x eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0. y", "t=x REDACTED y"},
		{"jwt lookalike inside a word", "abceyJhbGciOiJIUzI1NiJ9.eyJzdWIi.x", "abceyJhbGciOiJIUzI1NiJ9.eyJzdWIi.x"},
		{"not a jwt", "eyJust.a.word", "eyJust.a.word"},
		{"php escaped slash", `{"message":"Bearer abc\/def+ghi=="}`, `{"message":"Bearer REDACTED"}`},
		{"php escaped slash assignment", `{"message":"access_token=abc\/def&x=1"}`, `{"message":"access_token=REDACTED&x=1"}`},
		{"u escape in token", `{"message":"Bearer abc\u002fdef"}`, `{"message":"Bearer REDACTED"}`},
		{"token ends at json escape", `{"message":"Bearer abc\ndef"}`, `{"message":"Bearer REDACTED\ndef"}`},
		{"token ends at escaped quote", `{"message":"header \"Bearer abc\" rejected"}`, `{"message":"header \"Bearer REDACTED\" rejected"}`},
		{"name after json escape", `{"message":"bad\ntoken=abc"}`, `{"message":"bad\ntoken=REDACTED"}`},
		{"escaped quotes around value", `{"message":"password=\"hunter22\""}`, `{"message":"password=\"REDACTED\""}`},
		{"quoted value in text", `password="hunter22" and token='t0k'`, `password="REDACTED" and token='REDACTED'`},
		{"cookie line", "Cookie: a=1; session=2\nX: y", "Cookie: REDACTED\nX: y"},
		{"other scheme", "Authorization: Token abc123 \r\nHost: x", "Authorization: REDACTED \r\nHost: x"},
		{"escaped json key", `{"acc\u0065ss_token":"a"}`, `{"acc\u0065ss_token":"REDACTED"}`},
		{"closing quote is kept", `{"password=":"hunter22","token:":1}`, `{"password=":"hunter22","token:":1}`},
		{"already redacted", "Bearer REDACTED token=REDACTED", "Bearer REDACTED token=REDACTED"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(redactBody([]byte(tc.in))); got != tc.want {
				t.Errorf("redactBody(%q) = %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestRedactQuerySeparators pins the bug where redactQuery dropped empty
// parameters before the first kept one and a trailing '&': "&code=1" came
// back as "code=REDACTED".
func TestRedactQuerySeparators(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"&code=1", "&code=REDACTED"},
		{"code=1&", "code=REDACTED&"},
		{"a=1&&code=1&&b&", "a=1&&code=REDACTED&&b&"},
		{"&&", "&&"},
		{"a=1&b=2", "a=1&b=2"},
	}
	for _, tc := range tests {
		if got := redactQuery(tc.in); got != tc.want {
			t.Errorf("redactQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRedactNeverPanics runs the hostile inputs of issue #12 and the edges
// of every scanner through all redaction entry points.
func TestRedactNeverPanics(t *testing.T) {
	for _, in := range patternSeeds {
		redactBody([]byte(in))
		redactText([]byte(in))
		redactQuery(in)
		if u, err := url.Parse(in); err == nil {
			RedactURL(u)
		}
	}
}
