package transport

import (
	"net/http"
	"net/url"
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
