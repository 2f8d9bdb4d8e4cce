package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the concurrent writes of a logger.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestLogAttempts(t *testing.T) {
	var n atomic.Int32
	var clk *fakeClock
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		clk.Sleep(context.Background(), 250*time.Millisecond) // each attempt takes 250 ms on the client's clock
		w.Header().Set("X-Request-ID", "rid-"+string(rune('0'+n.Add(1))))
		if n.Load() == 1 {
			w.Header().Set("Retry-After", "3")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ok")
	})
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, clk := newTestClient(t, Config{
		Profile: Kobas,
		Logger:  logger,
		Authorize: func(ctx context.Context, r *http.Request) error {
			r.Header.Set("Authorization", "Bearer "+secretToken)
			return nil
		},
	})
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL+"/v3/staff?limit=50&access_token="+secretToken, nil))
	if err != nil {
		t.Fatalf("Do() error = %v", err)
	}
	resp.Body.Close()

	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log records = %d, want 2 (one per attempt):\n%s", len(lines), buf.String())
	}
	type record struct {
		Msg       string            `json:"msg"`
		Level     string            `json:"level"`
		Provider  string            `json:"provider"`
		Method    string            `json:"method"`
		Path      string            `json:"path"`
		Query     string            `json:"query"`
		Attempt   int               `json:"attempt"`
		Status    int               `json:"status"`
		RequestID string            `json:"request_id"`
		Duration  int64             `json:"duration"`
		RetryWait *int64            `json:"retry_wait"`
		Error     string            `json:"error"`
		Header    map[string]string `json:"request_header"`
	}
	var recs []record
	for _, l := range lines {
		var r record
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		recs = append(recs, r)
	}
	first, second := recs[0], recs[1]
	if first.Msg != "transport: attempt" || first.Level != "DEBUG" || first.Provider != "kobas" || first.Method != "GET" ||
		first.Path != "/v3/staff" || first.Query != "limit=50&access_token=REDACTED" || first.Attempt != 1 || first.Status != 503 ||
		first.RequestID != "rid-1" || first.RetryWait == nil || *first.RetryWait != int64(3e9) || !strings.Contains(first.Error, "503 Service Unavailable") {
		t.Errorf("first record = %+v, want attempt 1, 503, retry_wait 3s, redacted query", first)
	}
	if first.Header["Authorization"] != "REDACTED" || first.Header["User-Agent"] != DefaultUserAgent {
		t.Errorf("first record request_header = %v, want Authorization redacted and User-Agent", first.Header)
	}
	if second.Attempt != 2 || second.Status != 200 || second.RequestID != "rid-2" || second.RetryWait != nil || second.Error != "" {
		t.Errorf("second record = %+v, want attempt 2, 200, no wait", second)
	}
	if first.Duration != int64(250*time.Millisecond) || second.Duration != int64(250*time.Millisecond) {
		t.Errorf("durations = %v, %v; want 250ms each", time.Duration(first.Duration), time.Duration(second.Duration))
	}
}

func TestLogDisabledLevel(t *testing.T) {
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	var buf syncBuffer
	c, _ := newTestClient(t, Config{Profile: Kobas, Logger: slog.New(slog.NewTextHandler(&buf, nil))}) // Info level
	resp, err := c.Do(mustRequest(t, context.Background(), http.MethodGet, srv.URL, nil))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if buf.String() != "" {
		t.Errorf("log output at Info level = %q, want none", buf.String())
	}
}

// TestNoSecretsInErrorsOrLogs runs fault scenarios with synthetic credentials
// everywhere a credential can travel (headers, query strings, form and JSON
// bodies echoed by the provider) and scans every error string and log record.
func TestNoSecretsInErrorsOrLogs(t *testing.T) {
	secrets := []string{secretToken, secretToken2, secretAPIKey, secretClient, "pw-SECRET-1", "code-SECRET-2", "verifier-SECRET-3", "idt-SECRET-4", "rt-SECRET-5"}
	echo := `{"error":"invalid_client","error_description":"bad secret for Bearer ` + secretToken + `","request":{"client_secret":"` + secretClient +
		`","password":"pw-SECRET-1","refresh_token":"rt-SECRET-5","id_token":"idt-SECRET-4","nested":{"access_token":"` + secretToken2 + `"}}}`
	form := "grant_type=authorization_code&code=code-SECRET-2&code_verifier=verifier-SECRET-3&client_secret=" + secretClient
	scenarios := []struct {
		name    string
		status  int
		ctype   string
		body    string
		headers http.Header
	}{
		{"401 echoing secrets in json", 401, "application/json", echo, nil},
		{"400 echoing a form", 400, "application/x-www-form-urlencoded", form, nil},
		{"500 html with bearer", 500, "text/html", "<html><body>Authorization: Bearer " + secretToken + "</body></html>", nil},
		{"503 set-cookie", 503, "text/plain", "down", http.Header{"Set-Cookie": {"sid=" + secretToken2}}},
		{"cloudbeds success false echo", 200, "application/json", `{"success":false,"message":"key x-api-key=` + secretAPIKey + ` rejected","access_token":"` + secretToken + `"}`, nil},
		{"connection dropped", -1, "", "", nil},
	}
	var buf syncBuffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var errs []string
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
				if sc.status < 0 {
					conn, _, _ := http.NewResponseController(w).Hijack()
					conn.Close()
					return
				}
				for k, v := range sc.headers {
					w.Header()[k] = v
				}
				w.Header().Set("Content-Type", sc.ctype)
				w.WriteHeader(sc.status)
				io.WriteString(w, sc.body)
			})
			c, _ := newTestClient(t, Config{
				Profile: Cloudbeds,
				Logger:  logger,
				Header:  http.Header{"X-Api-Key": {secretAPIKey}, "Cookie": {"sid=" + secretToken2}},
				Authorize: func(ctx context.Context, r *http.Request) error {
					r.Header.Set("Authorization", "Bearer "+secretToken)
					return nil
				},
				Reauthorize: func(ctx context.Context, r *http.Request) error { return nil },
			})
			u := srv.URL + "/api/v1.3/access_token?client_secret=" + secretClient + "&code=code-SECRET-2&api_key=" + secretAPIKey + "&token=" + secretToken
			_, err := c.Do(mustRequest(t, context.Background(), http.MethodPost, u, strings.NewReader(form)))
			if err == nil {
				t.Fatalf("Do() error = nil, want a failure")
			}
			errs = append(errs, err.Error())
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				errs = append(errs, string(apiErr.Body), apiErr.URL, apiErr.Message, apiErr.Code, apiErr.Header.Get("Set-Cookie"))
			}
		})
	}
	all := buf.String() + "\n" + strings.Join(errs, "\n")
	if !strings.Contains(all, "REDACTED") || !strings.Contains(buf.String(), "attempt=") {
		t.Fatalf("scan input looks empty: %q", all)
	}
	for _, s := range secrets {
		if strings.Contains(all, s) {
			i := strings.Index(all, s)
			t.Errorf("secret %q found in errors or logs: ...%s...", s, all[max(0, i-80):min(len(all), i+40)])
		}
	}
}
