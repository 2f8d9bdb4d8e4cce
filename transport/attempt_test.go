package transport

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestCloudbedsPrefix(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{"empty", ``, prefixMore},
		{"spaces only", " \n\t", prefixMore},
		{"open brace", `{`, prefixMore},
		{"partial key", `{"succ`, prefixMore},
		{"key no colon", `{"success"`, prefixMore},
		{"no value", `{"success":`, prefixMore},
		{"partial true", `{"success":tr`, prefixMore},
		{"true without delimiter", `{"success":true`, prefixMore},
		{"partial string true", `{"success":"tru`, prefixMore},
		{"one without delimiter", `{"success":1`, prefixMore},
		{"true comma", `{"success":true,"data":[]}`, prefixSuccess},
		{"true brace", `{"success":true}`, prefixSuccess},
		{"true space", `{"success":true }`, prefixSuccess},
		{"pretty", "\r\n {\n  \"success\" :\ttrue,\n  \"data\": []\n}", prefixSuccess},
		{"one", `{"success":1,"data":[]}`, prefixSuccess},
		{"string true", `{"success":"true","data":[]}`, prefixSuccess},
		{"string one", `{"success":"1","data":[]}`, prefixSuccess},
		{"false", `{"success":false,"message":"x"}`, prefixCheck},
		{"string false", `{"success":"false"}`, prefixCheck},
		{"zero", `{"success":0}`, prefixCheck},
		{"null", `{"success":null}`, prefixCheck},
		{"ten", `{"success":10}`, prefixCheck},
		{"one point five", `{"success":1.5}`, prefixCheck},
		{"trueish", `{"success":truex}`, prefixCheck},
		{"string True", `{"success":"True"}`, prefixCheck},
		{"other first member", `{"data":[],"success":true}`, prefixCheck},
		{"escaped key", `{"succ\u0065ss":true}`, prefixCheck},
		{"longer key", `{"successful":true}`, prefixCheck},
		{"array", `[{"success":true}]`, prefixCheck},
		{"not json", `<html>`, prefixCheck},
		{"byte order mark", "\ufeff{\"success\":true}", prefixCheck},
		{"gzip magic", "\x1f\x8b\x08\x00", prefixCheck},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := successPrefix([]byte(tc.body), "success"); got != tc.want {
				t.Errorf("successPrefix(%q) = %d, want %d", tc.body, got, tc.want)
			}
			if tc.want == prefixSuccess && successFailure([]byte(tc.body), "success") {
				t.Errorf("successFailure(%q) = true for a body successPrefix streams", tc.body)
			}
		})
	}
}

// FuzzCloudbedsPrefix checks the rule that makes streaming safe: whatever
// follows a start that cloudbedsPrefix accepts, the full check finds no
// failure; and once it has decided, more bytes never change its verdict.
func FuzzCloudbedsPrefix(f *testing.F) {
	for _, s := range []string{
		`{"success":true,"data":[]}`, `{"success":false}`, ` {"success" : "1" , "x":1}`,
		`{"success":true,"success":false}`, `{"data":{"success":false},"success":true}`, `not json`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got := successPrefix(b, "success")
		if got == prefixSuccess && successFailure(b, "success") {
			t.Fatalf("successPrefix(%q) = success, but successFailure = true", b)
		}
		if got == prefixMore {
			return
		}
		for _, more := range []string{`,"success":false}`, ` false`, `0`, `"`} {
			if again := successPrefix(append(b[:len(b):len(b)], more...), "success"); again != got {
				t.Fatalf("successPrefix(%q + %q) = %d, want %d (a verdict never changes)", b, more, again, got)
			}
		}
	})
}

// countingBody is a response body that counts the bytes read from it, can
// fail after a number of bytes, and records Close.
type countingBody struct {
	r       io.Reader
	read    atomic.Int64
	failAt  int64 // fail once this many bytes were read; 0: never
	failErr error
	closed  atomic.Bool
}

func (b *countingBody) Read(p []byte) (int, error) {
	if b.failAt > 0 {
		left := b.failAt - b.read.Load()
		if left <= 0 {
			return 0, b.failErr
		}
		p = p[:min(int64(len(p)), left)]
	}
	n, err := b.r.Read(p)
	b.read.Add(int64(n))
	return n, err
}

func (b *countingBody) Close() error {
	b.closed.Store(true)
	return nil
}

// cloudbedsDo sends one GET through a Cloudbeds client whose base answers 200
// with body and returns the response, the attempt's request and the error.
func cloudbedsDo(t *testing.T, body *countingBody, ctype string) (*http.Response, *http.Request, error) {
	t.Helper()
	var sent *http.Request
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent = r
		return &http.Response{
			StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {ctype}, "X-Request-Id": {"cb-2"}},
			Body: body, ContentLength: -1, Request: r,
		}, nil
	})
	c, _ := newTestClient(t, Config{Profile: Cloudbeds, Base: base, RateLimit: RateLimit{Disabled: true}})
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "http://127.0.0.1:1/api/v1.3/getHotels", nil))
	return resp, sent, err
}

func TestDoCloudbedsCheckPaths(t *testing.T) {
	long := strings.Repeat(`{"propertyID":"12345","propertyName":"Hotel"},`, 20) + `{}`
	tests := []struct {
		name     string
		body     string
		ctype    string
		streamed bool   // the body is handed over after reading only its start
		wantErr  string // "" for success
	}{
		{"true streamed", `{"success":true,"data":[` + long + `]}`, "application/json", true, ""},
		{"pretty true streamed", "{\n  \"success\": true,\n  \"data\": [" + long + "]\n}", "application/json", true, ""},
		{"one streamed", `{"success":1,"data":[` + long + `]}`, "application/json", true, ""},
		{"string true streamed", `{"success":"true","data":[` + long + `]}`, "application/json", true, ""},
		{"string one streamed", `{"success":"1","data":[` + long + `]}`, "application/json", true, ""},
		{"no content type streamed", `{"success":true,"data":[` + long + `]}`, "", true, ""},
		{"false", `{"success":false,"message":"Access denied","data":[` + long + `]}`, "application/json", false,
			"transport: cloudbeds: 200 OK (success false): GET http://127.0.0.1:1/api/v1.3/getHotels: Access denied (request id cb-2)"},
		{"string false", `{"success":"false","message":"x"}`, "application/json", false,
			"transport: cloudbeds: 200 OK (success false): GET http://127.0.0.1:1/api/v1.3/getHotels: x (request id cb-2)"},
		{"zero", `{"success":0,"message":"y","data":[` + long + `]}`, "application/json", false,
			"transport: cloudbeds: 200 OK (success false): GET http://127.0.0.1:1/api/v1.3/getHotels: y (request id cb-2)"},
		{"false after other members", `{"data":[` + long + `],"message":"z","success":false}`, "application/json", false,
			"transport: cloudbeds: 200 OK (success false): GET http://127.0.0.1:1/api/v1.3/getHotels: z (request id cb-2)"},
		{"true after other members", `{"data":[` + long + `],"success":true}`, "application/json", false, ""},
		{"missing", `{"data":[` + long + `],"count":21}`, "application/json", false, ""},
		// Cloudbeds never repeats a member; the first one decides on both paths.
		{"duplicate true first", `{"success":true,"data":[` + long + `],"success":false}`, "application/json", true, ""},
		{"duplicate false first", `{"success":false,"message":"m","data":[` + long + `],"success":true}`, "application/json", false,
			"transport: cloudbeds: 200 OK (success false): GET http://127.0.0.1:1/api/v1.3/getHotels: m (request id cb-2)"},
		{"start longer than the peek", "{" + strings.Repeat(" ", 2*peekSize) + `"success":true,"data":[]}`, "application/json", false, ""},
		{"not json", `<html><body>` + long + `</body></html>`, "application/json", false, ""},
		{"short true", `{"success":true}`, "application/json", true, ""},
		{"short true at end of body", `{"success":true`, "application/json", false, ""},
		{"short false", `{"success":false}`, "application/json", false,
			`transport: cloudbeds: 200 OK (success false): GET http://127.0.0.1:1/api/v1.3/getHotels: body: "{\"success\":false}" (request id cb-2)`},
		{"short other", `{}`, "application/json", false, ""},
		{"empty", ``, "application/json", false, ""},
		{"text not checked", `{"success":false}`, "text/plain", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := &countingBody{r: strings.NewReader(tc.body)}
			resp, sent, err := cloudbedsDo(t, body, tc.ctype)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("Do() error = %v\nwant %s", err, tc.wantErr)
				}
				if !body.closed.Load() {
					t.Error("response body not closed after a success:false answer")
				}
				var ae *APIError
				if !errors.As(err, &ae) || string(ae.Body) != tc.body {
					t.Errorf("APIError.Body = %q, want the whole body %q", ae.Body, tc.body)
				}
				return
			}
			if err != nil {
				t.Fatalf("Do() error = %v, want nil", err)
			}
			if got, max := body.read.Load(), int64(peekSize); tc.streamed && got > max {
				t.Errorf("bytes read before the caller reads = %d, want at most %d (streamed)", got, max)
			}
			if !tc.streamed && tc.ctype != "text/plain" {
				if got := body.read.Load(); got != int64(len(tc.body)) {
					t.Errorf("bytes read before the caller reads = %d, want %d (buffered)", got, len(tc.body))
				}
				if resp.ContentLength != int64(len(tc.body)) {
					t.Errorf("ContentLength = %d, want %d", resp.ContentLength, len(tc.body))
				}
			}
			if got := readAll(t, resp); got != tc.body {
				t.Errorf("body = %q, want %q", got, tc.body)
			}
			if !body.closed.Load() {
				t.Error("response body not closed after the caller closed it")
			}
			if err := sent.Context().Err(); !errors.Is(err, context.Canceled) {
				t.Errorf("attempt context after Close = %v, want context.Canceled (timer released)", err)
			}
		})
	}
}

// With duplicate members encoding/json keeps the last one, so a later false
// still shows in the decoded result of a streamed body.
func TestDoCloudbedsDuplicateVisible(t *testing.T) {
	const doc = `{"success":true,"data":[],"success":false}`
	resp, _, err := cloudbedsDo(t, &countingBody{r: strings.NewReader(doc)}, "application/json")
	if err != nil {
		t.Fatalf("Do() error = %v, want nil", err)
	}
	var v struct {
		Success bool `json:"success"`
	}
	if err := json.Unmarshal([]byte(readAll(t, resp)), &v); err != nil || v.Success {
		t.Errorf("decoded success = %v (%v), want false", v.Success, err)
	}
}

func TestDoCloudbedsReadErrors(t *testing.T) {
	boom := errors.New("connection reset by peer")
	long := `{"success":true,"data":[` + strings.Repeat(`{"propertyID":"12345"},`, 40) + `{}]}`
	tests := []struct {
		name    string
		body    string
		failAt  int64
		wantErr string // from Do; "" when Do succeeds and the caller's read fails
	}{
		{"during the peek", `{"success":true,"data":[]}`, 5,
			"transport: cloudbeds: Get \"http://127.0.0.1:1/api/v1.3/getHotels\": read response body: connection reset by peer"},
		{"while buffering", `{"data":[` + strings.Repeat(`{"propertyID":"12345"},`, 40) + `{}]}`, 100,
			"transport: cloudbeds: Get \"http://127.0.0.1:1/api/v1.3/getHotels\": read response body: connection reset by peer"},
		{"while streaming", long, 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := &countingBody{r: strings.NewReader(tc.body), failAt: tc.failAt, failErr: boom}
			resp, _, err := cloudbedsDo(t, body, "application/json")
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr || !errors.Is(err, boom) {
					t.Fatalf("Do() error = %v\nwant %s", err, tc.wantErr)
				}
				if !body.closed.Load() {
					t.Error("response body not closed after a read error")
				}
				return
			}
			if err != nil {
				t.Fatalf("Do() error = %v, want nil", err)
			}
			defer resp.Body.Close()
			got, err := io.ReadAll(resp.Body)
			if !errors.Is(err, boom) || string(got) != tc.body[:tc.failAt] {
				t.Errorf("ReadAll() = %d bytes, %v; want %d bytes, %v", len(got), err, tc.failAt, boom)
			}
		})
	}
}

// A body streamed to the caller is still bounded by the attempt's timeout.
func TestDoCloudbedsStreamTimeout(t *testing.T) {
	const start = `{"success":true,"data":[`
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{
			StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(io.MultiReader(strings.NewReader(start), ctxReader{r.Context()})), ContentLength: -1, Request: r,
		}, nil
	})
	c, _ := newTestClient(t, Config{Profile: Cloudbeds, Base: base, Timeout: 20 * time.Millisecond, RateLimit: RateLimit{Disabled: true}})
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, "http://127.0.0.1:1/api/v1.3/getHotels", nil))
	if err != nil {
		t.Fatalf("Do() error = %v, want nil", err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if !errors.Is(err, context.DeadlineExceeded) || string(got) != start {
		t.Errorf("ReadAll() = %q, %v; want %q, context.DeadlineExceeded", got, err, start)
	}
}

// ctxReader blocks until its context is done.
type ctxReader struct{ ctx context.Context }

func (r ctxReader) Read([]byte) (int, error) {
	<-r.ctx.Done()
	return 0, r.ctx.Err()
}

func TestDoCloudbedsGzip(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		io.WriteString(zw, s)
		zw.Close()
		return b.Bytes()
	}
	long := `{"success":true,"data":[` + strings.Repeat(`{"propertyID":"12345"},`, 40) + `{}]}`
	tests := []struct {
		name       string
		body       string
		acceptGzip bool // the caller asks for gzip itself, so Go does not decompress
		want       string
		wantErr    string
	}{
		{"decompressed true", long, false, long, ""},
		{"decompressed false", `{"success":false,"message":"Invalid propertyID"}`, false, "",
			"transport: cloudbeds: 200 OK (success false): GET {URL}/getHotels: Invalid propertyID"},
		{"compressed passes through", `{"success":false}`, true, string(gz(`{"success":false}`)), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(gz(tc.body))
			})
			c, _ := newTestClient(t, Config{Profile: Cloudbeds, RateLimit: RateLimit{Disabled: true}})
			req := mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/getHotels", nil)
			if tc.acceptGzip {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			resp, err := c.Do(req)
			if tc.wantErr != "" {
				if want := strings.ReplaceAll(tc.wantErr, "{URL}", srv.URL); err == nil || err.Error() != want {
					t.Fatalf("Do() error = %v\nwant %s", err, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Do() error = %v, want nil", err)
			}
			if got := readAll(t, resp); got != tc.want {
				t.Errorf("body = %q, want %q", got, tc.want)
			}
		})
	}
}

// Whatever the attempt's request goes through (authorization, middleware),
// the caller's request is left as it was: header names and values, and URL.
func TestDoLeavesRequestAlone(t *testing.T) {
	for _, n := range []int{1, 4, 9} { // values stored in the attempt, and beyond
		t.Run(strings.Repeat("v", n), func(t *testing.T) {
			var sent http.Header
			base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				sent = r.Header.Clone()
				return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
			})
			mw := func(r *http.Request, next MiddlewareNext) (*http.Response, error) {
				r.Header["X-Multi"][0] = "changed"
				r.Header.Add("X-Multi", "added")
				r.Header.Add("X-Static", "added")
				r.Header.Del("X-Gone")
				r.URL.Path = "/changed"
				return next(r)
			}
			c, _ := newTestClient(t, Config{
				Profile: Kobas, Base: base, Header: http.Header{"X-Static": {"s"}}, Middleware: []Middleware{mw},
				Authorize: func(_ context.Context, r *http.Request) error {
					r.Header.Set("Authorization", "Bearer "+secretToken)
					return nil
				},
			})
			req := mustRequest(t, context.Background(), http.MethodGet, "http://127.0.0.1:1/v3/staff", nil)
			multi := make([]string, n, n+4) // spare capacity an Add could write into
			for i := range multi {
				multi[i] = "m"
			}
			req.Header["X-Multi"] = multi
			req.Header.Set("X-Gone", "g")
			want := req.Header.Clone()
			for range 2 { // the second request shows that Config.Header was not changed either
				resp, err := c.Do(req)
				if err != nil {
					t.Fatalf("Do() error = %v", err)
				}
				resp.Body.Close()
				if got, want := strings.Join(sent.Values("X-Multi"), ","), "changed"+strings.Repeat(",m", n-1)+",added"; got != want {
					t.Errorf("sent X-Multi = %q, want %q", got, want)
				}
				if got := strings.Join(sent.Values("X-Static"), ","); got != "s,added" {
					t.Errorf("sent X-Static = %q, want %q", got, "s,added")
				}
				if got := sent.Get("X-Gone"); got != "" {
					t.Errorf("sent X-Gone = %q, want it deleted", got)
				}
			}
			if len(req.Header) != len(want) || strings.Join(req.Header["X-Multi"], ",") != strings.Join(want["X-Multi"], ",") ||
				req.Header.Get("X-Gone") != "g" || req.Header.Get("Authorization") != "" {
				t.Errorf("caller's header = %v, want %v", req.Header, want)
			}
			if got := multi[:cap(multi)][n]; got != "" {
				t.Errorf("caller's X-Multi backing array written beyond its length: %q", got)
			}
			if req.URL.Path != "/v3/staff" {
				t.Errorf("caller's URL path = %q, want /v3/staff", req.URL.Path)
			}
		})
	}
}
