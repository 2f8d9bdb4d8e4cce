package spectest

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

const petSpec = `openapi: 3.0.3
info: {title: pets, version: "1"}
servers: [{url: "https://pets.example/v1"}]
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
security: [{bearer: []}]
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer, maximum: 50}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: object, required: [id], properties: {id: {type: integer}}}}
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [name], properties: {name: {type: string}}}
      responses:
        "201": {description: created}
`

// recorder is a testing.TB that records failures instead of failing the real test, so the
// fake's own checks can be asserted.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) failures() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.errs, "\n")
}

func do(t *testing.T, method, url, auth, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

func TestServer(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		path       string
		auth       string
		body       string
		answer     string
		wantStatus int
		wantErr    string // substring of the recorded failure; "" means none
	}{
		{name: "valid list", method: "GET", path: "/pets?limit=2", auth: "Bearer t", answer: `[{"id":1}]`, wantStatus: 200},
		{name: "parameter out of range", method: "GET", path: "/pets?limit=99", auth: "Bearer t", answer: `[]`, wantStatus: 400, wantErr: "limit"},
		{name: "missing credentials", method: "GET", path: "/pets", answer: `[]`, wantStatus: 400, wantErr: "security"},
		{name: "answer violates schema", method: "GET", path: "/pets", auth: "Bearer t", answer: `[{"id":"x"}]`, wantStatus: 200, wantErr: "does not match"},
		{name: "body missing field", method: "POST", path: "/pets", auth: "Bearer t", body: `{}`, wantStatus: 400, wantErr: "name"},
		{name: "unknown path", method: "GET", path: "/cats", auth: "Bearer t", wantStatus: 400, wantErr: "no route"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			s := New(rec, []byte(petSpec))
			s.JSON("listPets", 200, tc.answer)
			s.Handle("createPet", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(201) })
			if got := do(t, tc.method, s.BaseURL()+tc.path, tc.auth, tc.body); got != tc.wantStatus {
				t.Errorf("status = %d, want %d", got, tc.wantStatus)
			}
			got := rec.failures()
			if tc.wantErr == "" && got != "" {
				t.Errorf("unexpected failure: %s", got)
			}
			if tc.wantErr != "" && !strings.Contains(got, tc.wantErr) {
				t.Errorf("failures = %q, want one containing %q", got, tc.wantErr)
			}
		})
	}
}

func TestRequireAll(t *testing.T) {
	rec := &recorder{TB: t}
	s := New(rec, []byte(petSpec))
	s.JSON("listPets", 200, `[]`)
	do(t, "GET", s.BaseURL()+"/pets", "Bearer t", "")
	s.RequireAll(rec)
	if got := rec.failures(); !strings.Contains(got, "1 of 2 operations never exercised: createPet") {
		t.Errorf("RequireAll failures = %q, want createPet listed", got)
	}
	if r, ok := s.LastRequest("listPets"); !ok || r.Method != "GET" || r.Header.Get("Authorization") != "Bearer t" {
		t.Errorf("LastRequest(listPets) = %+v, %v", r, ok)
	}
}
