// Package spectest runs a fake provider on loopback that checks every request and every response
// against one of the SDK's OpenAPI documents.
//
// Contract tests register an answer per operationId, call every operation through the generated
// typed client, and finish with [Server.RequireAll], which fails when an operation in the document
// was never exercised. Request validation uses kin-openapi's openapi3filter (parameters, bodies and
// the presence of credentials); answers are validated against the response schemas too, so a
// realistic body that the spec does not allow fails the test instead of passing silently.
package spectest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Request is a copy of a request the server accepted.
type Request struct {
	Method string
	URL    *url.URL
	Header http.Header
	Body   []byte
}

// Server is a validating fake provider. Its methods are safe for concurrent use.
type Server struct {
	t        testing.TB
	srv      *httptest.Server
	doc      *openapi3.T
	router   routers.Router
	basePath string
	opts     *openapi3filter.Options

	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	calls    map[string]int
	last     map[string]Request
}

// loaded caches parsed and validated documents by content: large documents take a noticeable
// time to load, and many tests share one.
var loaded sync.Map // sha256 of the document → *openapi3.T

// Load parses and validates an OpenAPI document, failing the test when it is invalid. The result
// is shared between callers and must not be modified.
func Load(t testing.TB, spec []byte) *openapi3.T {
	t.Helper()
	key := sha256.Sum256(spec)
	if doc, ok := loaded.Load(key); ok {
		return doc.(*openapi3.T)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		t.Fatalf("spectest: load spec: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("spectest: invalid spec: %v", err)
	}
	loaded.Store(key, doc)
	return doc
}

// New starts a validating server for spec on 127.0.0.1. It is closed when the test ends.
func New(t testing.TB, spec []byte) *Server {
	t.Helper()
	shared := Load(t, spec)
	doc := new(openapi3.T)
	*doc = *shared // a shallow copy: only Servers is replaced below
	s := &Server{
		t:        t,
		doc:      doc,
		handlers: map[string]http.HandlerFunc{},
		calls:    map[string]int{},
		last:     map[string]Request{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)

	if len(doc.Servers) > 0 {
		u, err := url.Parse(doc.Servers[0].URL)
		if err != nil {
			t.Fatalf("spectest: server url %q: %v", doc.Servers[0].URL, err)
		}
		s.basePath = strings.TrimSuffix(u.Path, "/")
	}
	// Route against this server only: the document's own hosts are never contacted.
	doc.Servers = openapi3.Servers{{URL: s.srv.URL + s.basePath}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("spectest: router: %v", err)
	}
	s.router = router
	s.opts = &openapi3filter.Options{
		MultiError:         true,
		AuthenticationFunc: authenticate,
		// Record what the client sent, not the spec's defaults filled in by validation.
		SkipSettingDefaults: true,
	}
	return s
}

// URL returns the server's root URL (scheme and host, no base path).
func (s *Server) URL() string { return s.srv.URL }

// BaseURL returns the URL a generated client should use: the server's root plus the base path of
// the document's first server (for example "/v3").
func (s *Server) BaseURL() string { return s.srv.URL + s.basePath }

// Handle registers the handler that answers operationID once its request has been validated.
func (s *Server) Handle(operationID string, h http.HandlerFunc) {
	s.t.Helper()
	if s.operation(operationID) == nil {
		s.t.Fatalf("spectest: Handle(%q): no such operationId in the spec", operationID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers[operationID] = h
}

// JSON registers a fixed JSON answer for operationID.
func (s *Server) JSON(operationID string, status int, body string) {
	s.Handle(operationID, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, body)
	})
}

// Calls returns how many validated requests each operationId has received.
func (s *Server) Calls() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.calls))
	for k, v := range s.calls {
		out[k] = v
	}
	return out
}

// LastRequest returns the last validated request for operationID, and false when there was none.
func (s *Server) LastRequest(operationID string) (Request, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.last[operationID]
	return r, ok
}

// Operations returns every operationId in the document, sorted.
func (s *Server) Operations() []string {
	var ids []string
	for _, item := range s.doc.Paths.Map() {
		for _, op := range item.Operations() {
			ids = append(ids, op.OperationID)
		}
	}
	slices.Sort(ids)
	return ids
}

// RequireAll fails t listing every operationId in the document that received no valid request.
func (s *Server) RequireAll(t testing.TB) {
	t.Helper()
	calls := s.Calls()
	var missing []string
	for _, id := range s.Operations() {
		if calls[id] == 0 {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		t.Errorf("spectest: %d of %d operations never exercised: %s",
			len(missing), len(s.Operations()), strings.Join(missing, ", "))
	}
}

func (s *Server) operation(id string) *openapi3.Operation {
	for _, item := range s.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.OperationID == id {
				return op
			}
		}
	}
	return nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.fail(w, "", "read body: %v", err)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))

	// Server-side requests carry only a path; routing matches the document's server URL.
	r.URL.Scheme, r.URL.Host = "http", r.Host
	route, pathParams, err := s.router.FindRoute(r)
	if err != nil {
		s.fail(w, "", "%s %s: no route in spec: %v", r.Method, r.URL.Path, err)
		return
	}
	id := route.Operation.OperationID
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: pathParams,
		Route:      route,
		Options:    s.opts,
	}
	if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
		s.fail(w, id, "request does not match the spec: %v", err)
		return
	}

	s.mu.Lock()
	s.calls[id]++
	s.last[id] = Request{Method: r.Method, URL: cloneURL(r.URL), Header: r.Header.Clone(), Body: body}
	h := s.handlers[id]
	s.mu.Unlock()
	if h == nil {
		s.fail(w, id, "no answer registered")
		return
	}

	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	h(rec, r)
	res := rec.Result()
	out := rec.Body.Bytes()
	rin := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(out)),
		Options:                &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
	}
	if err := openapi3filter.ValidateResponse(r.Context(), rin); err != nil {
		s.t.Errorf("spectest: %s: answer %d does not match the spec: %v", id, res.StatusCode, err)
	}
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	w.Write(out)
}

func (s *Server) fail(w http.ResponseWriter, id, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if id != "" {
		msg = id + ": " + msg
	}
	s.t.Errorf("spectest: %s", msg)
	http.Error(w, "spectest: "+msg, http.StatusBadRequest)
}

// authenticate accepts any non-empty credential of the scheme's kind; the auth packages' own
// tests check token values, this server checks that every operation carries its credentials.
func authenticate(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme := in.SecurityScheme
	r := in.RequestValidationInput.Request
	switch scheme.Type {
	case "oauth2", "openIdConnect":
		if v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); !ok || v == "" {
			return fmt.Errorf("missing bearer token for %s", in.SecuritySchemeName)
		}
	case "http":
		want := strings.ToLower(scheme.Scheme)
		got, _, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if strings.ToLower(got) != want {
			return fmt.Errorf("missing %s authorization for %s", want, in.SecuritySchemeName)
		}
	case "apiKey":
		var v string
		switch scheme.In {
		case "header":
			v = r.Header.Get(scheme.Name)
		case "query":
			v = r.URL.Query().Get(scheme.Name)
		case "cookie":
			if c, err := r.Cookie(scheme.Name); err == nil {
				v = c.Value
			}
		}
		if v == "" {
			return fmt.Errorf("missing %s %q for %s", scheme.In, scheme.Name, in.SecuritySchemeName)
		}
	default:
		return fmt.Errorf("unsupported security scheme type %q", scheme.Type)
	}
	return nil
}

func cloneURL(u *url.URL) *url.URL {
	c := *u
	return &c
}
