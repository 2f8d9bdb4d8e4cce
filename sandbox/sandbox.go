// Package sandbox serves local stand-ins for the providers' APIs, built from the SDK's own
// OpenAPI documents, so integrations can be developed and tested offline without credentials.
//
// One [Server] listens on loopback and serves every provider under its own path prefix. Each
// provider has a token endpoint that checks what the real one checks (grant type, client
// credentials, the Kobas company id, the Octotable JSON or form encoding) and issues
// short-lived bearer tokens. Every API request is validated against the provider's document with
// kin-openapi (parameters, bodies, credentials); a violation is answered in the provider's own
// error shape with a message naming what was wrong. Valid requests are answered with the
// example the document gives for the operation.
//
// The sandbox is for development and tests; it never contacts the real providers.
package sandbox

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// Credentials are the synthetic credentials the sandbox accepts. They are not secrets: anyone
// may use them against a sandbox.
type Credentials struct {
	// KobasClientID, KobasClientSecret and KobasCompanyID are accepted by the Kobas token endpoint.
	KobasClientID, KobasClientSecret, KobasCompanyID string
	// OctotableClientID and OctotableClientSecret are accepted by the Octotable token endpoint.
	OctotableClientID, OctotableClientSecret string
	// OctotablePropertyID is the restaurant the Octotable sandbox serves.
	OctotablePropertyID int64
	// CloudbedsClientID and CloudbedsClientSecret identify the Cloudbeds OAuth app; CloudbedsRedirectURL
	// is the only redirect URI the consent page accepts for it.
	CloudbedsClientID, CloudbedsClientSecret, CloudbedsRedirectURL string
	// CloudbedsAPIKey is accepted in the x-api-key header.
	CloudbedsAPIKey string
	// CloudbedsPropertyID is the property the Cloudbeds sandbox serves.
	CloudbedsPropertyID string
	// CobotClientID and CobotClientSecret identify the Cobot OAuth app (a public client may omit
	// the secret and rely on PKCE); CobotRedirectURL is the only redirect URI accepted.
	CobotClientID, CobotClientSecret, CobotRedirectURL string
	// CobotSubdomain names the coworking space the Cobot sandbox serves.
	CobotSubdomain string
}

// DefaultCredentials are the credentials a sandbox accepts unless [Options] says otherwise.
var DefaultCredentials = Credentials{
	KobasClientID:         "sandbox-kobas-client",
	KobasClientSecret:     "sandbox-kobas-secret",
	KobasCompanyID:        "1234",
	OctotableClientID:     "public_sandbox",
	OctotableClientSecret: "sandbox-octotable-secret",
	OctotablePropertyID:   999643,
	CloudbedsClientID:     "live1_sandbox_cloudbeds",
	CloudbedsClientSecret: "sandbox-cloudbeds-secret",
	CloudbedsRedirectURL:  "http://127.0.0.1/callback",
	CloudbedsAPIKey:       "cbat_sandbox_api_key",
	CloudbedsPropertyID:   "172938",
	CobotClientID:         "sandbox-cobot-client",
	CobotClientSecret:     "sandbox-cobot-secret",
	CobotRedirectURL:      "http://127.0.0.1/callback",
	CobotSubdomain:        "sandbox-space",
}

// Options configures a [Server]. The zero value is ready to use.
type Options struct {
	// Credentials replaces [DefaultCredentials] when its fields are set.
	Credentials *Credentials
	// TokenLifetime is how long issued tokens stay valid; zero means one hour.
	TokenLifetime time.Duration
	// OctotableRejectJSON makes the Octotable token endpoint answer 415 to JSON bodies, as a
	// community client reported the real one does; form bodies are then the only accepted form.
	OctotableRejectJSON bool
	// Now overrides the clock, for tests of token expiry.
	Now func() time.Time
	// CodeLifetime is how long an authorization code stays valid; zero means ten minutes.
	CodeLifetime time.Duration
	// CobotRateLimit and CobotRateWindow set Cobot's limit per access token: zero means 60
	// requests per minute, as documented. Tests shrink the window to run fast.
	CobotRateLimit  int
	CobotRateWindow time.Duration
	// CobotMembershipsRateLimit is the stricter limit of Cobot API 1's GET /api/memberships per
	// access token and CobotRateWindow: zero means 6, as documented ("6 rpm").
	CobotMembershipsRateLimit int
}

// Server is a running sandbox. It is safe for concurrent use.
type Server struct {
	creds    Credentials
	opts     Options
	listener net.Listener
	http     *http.Server
	mux      *http.ServeMux
	apis     []*api

	mu     sync.Mutex
	tokens map[string]issued // access token → who and until when

	tokenRequests atomic.Int64
	apiRequests   atomic.Int64

	// idPrefix and idCount make the X-Request-ID of every API answer: a random prefix per Server
	// and a counter, so that no answer waits for the system's random source.
	idPrefix [16]byte
	idCount  atomic.Uint32

	cobot *cobot // Cobot's OAuth and booking state, for CobotTestToken
}

// OpStats counts what the sandbox saw of one operation.
type OpStats struct {
	// Valid is how many requests passed validation against the spec and were answered.
	Valid int
	// Violations is how many requests the spec rejected (parameters, body or credentials).
	Violations int
}

type issued struct {
	provider string
	expiry   time.Time
}

// api is one provider's document served under a path prefix.
type api struct {
	name    string // provider name used in token bookkeeping
	prefix  string // path prefix on the sandbox, e.g. "/kobas/v3"
	doc     *openapi3.T
	router  *router
	opsByID map[string]*openapi3.Operation // the document's operations by operationId
	stats   map[string]*opCounter          // this Server's counts by operationId, read-only once mounted
	// options are the validation options of every request: the credential check of
	// authenticate or the default one, built once when the API is mounted.
	options *openapi3filter.Options
	errorFn func(w http.ResponseWriter, status int, code, msg string)
	check   func(s *Server, r *http.Request) (status int, code, msg string) // provider checks beyond the spec
	ops     map[string]opFunc                                               // stateful operations by operationId

	// authenticate, when set, replaces the default credential check of every security scheme
	// (a live bearer token; an API key header that is present). Return an *authError to answer
	// with a status other than 401, e.g. 403 for a missing scope.
	authenticate func(r *http.Request, ai *openapi3filter.AuthenticationInput) error
	// bodyDecoders, by media type, decode this API's request bodies for validation instead of
	// kin-openapi's own decoders (e.g. Cloudbeds' PHP-style forms with arrays of objects).
	bodyDecoders map[string]openapi3filter.BodyDecoder
}

// authError is a credential failure answered with its own status, code and message.
type authError struct {
	status    int
	code, msg string
}

func (e *authError) Error() string { return e.msg }

// kin-openapi keeps body decoders in a process-wide registry, so the sandbox registers one
// dispatcher per media type. It picks the decoder of the API whose document the schema being
// decoded belongs to (every request body schema of a mounted document is recorded) and otherwise
// falls back to the decoder registered before.
var (
	decodersMu  sync.RWMutex
	decoders    = map[string]map[string]openapi3filter.BodyDecoder{} // media type → API name → decoder
	bodySchemas = map[*openapi3.SchemaRef]string{}                   // request body schema → API name
	// internedDocs are the documents whose member names jsonNames holds.
	internedDocs = map[*openapi3.T]struct{}{}
	// jsonTreeDecoded says, by media type and API name, where the dispatcher decodes with
	// jsonBodyDecoder (see validJSONBody).
	jsonTreeDecoded = map[string]map[string]bool{}
	// dispatcherPC identifies the dispatchers' code, to tell them from other registered decoders.
	dispatcherPC atomic.Uintptr
)

// registerBodyDecoders records the request body schemas of a's document and installs its
// decoders by media type.
func registerBodyDecoders(a *api, byType map[string]openapi3filter.BodyDecoder) {
	decodersMu.Lock()
	defer decodersMu.Unlock()
	var roots []*openapi3.SchemaRef
	for _, op := range a.opsByID {
		if op.RequestBody == nil || op.RequestBody.Value == nil {
			continue
		}
		for _, mt := range op.RequestBody.Value.Content {
			if mt != nil && mt.Schema != nil {
				bodySchemas[mt.Schema] = a.name
				roots = append(roots, mt.Schema)
			}
		}
	}
	if _, done := internedDocs[a.doc]; !done {
		internedDocs[a.doc] = struct{}{}
		internNames(roots)
	}
	jsonPC := reflect.ValueOf(openapi3filter.BodyDecoder(jsonBodyDecoder)).Pointer()
	for mediaType, d := range byType {
		if jsonTreeDecoded[mediaType] == nil {
			jsonTreeDecoded[mediaType] = map[string]bool{}
		}
		jsonTreeDecoded[mediaType][a.name] = d != nil && reflect.ValueOf(d).Pointer() == jsonPC
		if byAPI := decoders[mediaType]; byAPI != nil {
			byAPI[a.name] = d
			continue
		}
		decoders[mediaType] = map[string]openapi3filter.BodyDecoder{a.name: d}
		fallback := openapi3filter.RegisteredBodyDecoder(mediaType)
		dispatch := func(body io.Reader, h http.Header, sch *openapi3.SchemaRef, enc openapi3filter.EncodingFn) (any, error) {
			decodersMu.RLock()
			d := decoders[mediaType][bodySchemas[sch]]
			decodersMu.RUnlock()
			if d == nil {
				d = fallback
			}
			if d == nil {
				return nil, fmt.Errorf("unsupported content type %q", mediaType)
			}
			return d(body, h, sch, enc)
		}
		dispatcherPC.Store(reflect.ValueOf(openapi3filter.BodyDecoder(dispatch)).Pointer())
		openapi3filter.RegisterBodyDecoder(mediaType, dispatch)
	}
}

// opFunc answers one validated request of a stateful operation. params holds the path parameters
// and body the request body, already validated against the spec.
type opFunc func(w http.ResponseWriter, r *http.Request, params map[string]string, body []byte)

// New builds a sandbox without starting it; see [Server.Start] and [Server.ServeHTTP].
func New(opts Options) (*Server, error) {
	s := &Server{creds: DefaultCredentials, opts: opts, mux: http.NewServeMux(), tokens: map[string]issued{}}
	var seed [8]byte
	rand.Read(seed[:])
	hex.Encode(s.idPrefix[:], seed[:])
	if opts.Credentials != nil {
		s.creds = *opts.Credentials
	}
	if s.opts.TokenLifetime == 0 {
		s.opts.TokenLifetime = time.Hour
	}
	if s.opts.Now == nil {
		s.opts.Now = time.Now
	}
	if s.opts.CodeLifetime == 0 {
		s.opts.CodeLifetime = 10 * time.Minute
	}
	if s.opts.CobotRateLimit == 0 {
		s.opts.CobotRateLimit = 60
	}
	if s.opts.CobotMembershipsRateLimit == 0 {
		s.opts.CobotMembershipsRateLimit = 6
	}
	if s.opts.CobotRateWindow == 0 {
		s.opts.CobotRateWindow = time.Minute
	}
	for _, register := range []func(*Server) error{registerKobas, registerOctotable, registerCloudbeds, registerCobot} {
		if err := register(s); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Start listens on addr (for example "127.0.0.1:0") and serves in the background. Only loopback
// addresses are accepted.
func (s *Server) Start(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("sandbox: listen address %q is not a loopback address", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen: %w", err)
	}
	s.listener = l
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.http.Serve(l)
	return nil
}

// Close stops a started server, waiting up to the context's deadline for requests in flight.
func (s *Server) Close(ctx context.Context) error {
	if s.http == nil {
		return nil
	}
	return s.http.Shutdown(ctx)
}

// URL returns the root URL of a started server, such as "http://127.0.0.1:8080".
func (s *Server) URL() string {
	if s.listener == nil {
		return ""
	}
	return "http://" + s.listener.Addr().String()
}

// Credentials returns the credentials the server accepts.
func (s *Server) Credentials() Credentials { return s.creds }

// Stats reports how many token requests and API requests the server has answered.
func (s *Server) Stats() (tokenRequests, apiRequests int64) {
	return s.tokenRequests.Load(), s.apiRequests.Load()
}

// Operations reports, per API path prefix and operationId ("/kobas/v3 listVenues"), how many
// requests the sandbox validated and how many it rejected. Contract tests use it to prove that every
// operation of a spec was exercised.
func (s *Server) Operations() map[string]OpStats {
	out := map[string]OpStats{}
	for _, a := range s.apis {
		for id, c := range a.stats {
			valid, violations := int(c.valid.Load()), int(c.violations.Load())
			if valid == 0 && violations == 0 {
				continue
			}
			key := a.prefix + " " + id
			st := out[key]
			st.Valid += valid
			st.Violations += violations
			out[key] = st
		}
	}
	return out
}

// opCounter counts the requests of one operation; see [Server.Operations].
type opCounter struct {
	valid, violations atomic.Int64
}

// SpecOperations returns the operationIds the sandbox serves under the API path prefix, sorted.
func (s *Server) SpecOperations(prefix string) []string {
	var ids []string
	for _, a := range s.apis {
		if a.prefix != prefix {
			continue
		}
		for _, item := range a.doc.Paths.Map() {
			for _, op := range item.Operations() {
				ids = append(ids, op.OperationID)
			}
		}
	}
	slices.Sort(ids)
	return ids
}

func (s *Server) count(a *api, operationID string, valid bool) {
	c := a.stats[operationID]
	if c == nil {
		return // every operation of the document has a counter from the start
	}
	if valid {
		c.valid.Add(1)
	} else {
		c.violations.Add(1)
	}
}

// ServeHTTP serves the sandbox; it lets the sandbox run inside an [httptest.Server].
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// issue records and returns a new access token for provider.
func (s *Server) issue(provider string) (string, time.Duration) {
	b := make([]byte, 16)
	rand.Read(b)
	tok := "sbx_" + provider + "_" + hex.EncodeToString(b)
	s.mu.Lock()
	s.tokens[tok] = issued{provider: provider, expiry: s.opts.Now().Add(s.opts.TokenLifetime)}
	s.mu.Unlock()
	return tok, s.opts.TokenLifetime
}

// bearerOK reports whether r carries a live token issued for provider.
func (s *Server) bearerOK(r *http.Request, provider string) error {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return errors.New("missing bearer token")
	}
	s.mu.Lock()
	is, found := s.tokens[tok]
	s.mu.Unlock()
	switch {
	case !found || is.provider != provider:
		return errors.New("unknown access token")
	case !s.opts.Now().Before(is.expiry):
		return errors.New("access token expired")
	}
	return nil
}

// mount serves a provider's document under prefix.
func (s *Server) mount(a *api, spec []byte) error {
	m, err := loadRouted(a.name, a.prefix, spec)
	if err != nil {
		return err
	}
	a.doc, a.router, a.opsByID = m.doc, m.router, m.opsByID
	a.stats = make(map[string]*opCounter, len(m.opsByID))
	for id := range m.opsByID {
		a.stats[id] = &opCounter{}
	}
	a.options = &openapi3filter.Options{AuthenticationFunc: func(_ context.Context, ai *openapi3filter.AuthenticationInput) error {
		r := ai.RequestValidationInput.Request
		if a.authenticate != nil {
			return a.authenticate(r, ai)
		}
		switch sch := ai.SecurityScheme; sch.Type {
		case "oauth2":
			return s.bearerOK(r, a.name)
		case "apiKey":
			if sch.In == "header" && r.Header.Get(sch.Name) == "" {
				return fmt.Errorf("missing %s header", sch.Name)
			}
		}
		return nil
	}}
	// JSON bodies with the sandbox's own decoder (kin-openapi's value, decoded faster), unless
	// the API brings its own; media types kin-openapi has no decoder for keep having none.
	byType := map[string]openapi3filter.BodyDecoder{}
	for _, mt := range jsonMediaTypes {
		if openapi3filter.RegisteredBodyDecoder(mt) != nil {
			byType[mt] = jsonBodyDecoder
		}
	}
	maps.Copy(byType, a.bodyDecoders)
	registerBodyDecoders(a, byType)
	s.apis = append(s.apis, a)
	s.mux.Handle(a.prefix+"/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.serveAPI(a, w, r) }))
	return nil
}

// routed is a validated document whose servers point at one path prefix, with its router and its
// operations by operationId. All are read-only once built, so every Server in the process shares
// them.
type routed struct {
	doc     *openapi3.T
	router  *router
	opsByID map[string]*openapi3.Operation
}

type routedKey struct {
	prefix string
	sum    [sha256.Size]byte
}

var routedCache sync.Map // routedKey → *routed

// loadRouted parses, validates and routes spec under prefix, once per process: the large documents
// take most of a second to load, and tests start many sandboxes.
func loadRouted(name, prefix string, spec []byte) (*routed, error) {
	key := routedKey{prefix, sha256.Sum256(spec)}
	if m, ok := routedCache.Load(key); ok {
		return m.(*routed), nil
	}
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %s spec: %w", name, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("sandbox: %s spec: %w", name, err)
	}
	// Route by path under the prefix, whatever host the sandbox is reached at.
	doc.Servers = openapi3.Servers{{URL: "http://sandbox" + prefix}}
	router, err := newRouter(doc, prefix)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %s router: %w", name, err)
	}
	ops := map[string]*openapi3.Operation{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			ops[op.OperationID] = op
		}
	}
	m, _ := routedCache.LoadOrStore(key, &routed{doc: doc, router: router, opsByID: ops})
	return m.(*routed), nil
}

// requestIDHeader returns the X-Request-ID header value of an answer: "sbx-" and 24 hexadecimal
// digits, unique per Server until the counter wraps after 2³² answers.
func (s *Server) requestIDHeader() []string {
	var b [4 + 16 + 8]byte
	copy(b[:], "sbx-")
	copy(b[4:], s.idPrefix[:])
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], s.idCount.Add(1))
	hex.Encode(b[20:], n[:])
	return []string{string(b[:])}
}

func (s *Server) serveAPI(a *api, w http.ResponseWriter, r *http.Request) {
	s.apiRequests.Add(1)
	// Every answer carries a request id, as the providers' do, so SDK errors can report it.
	w.Header()["X-Request-Id"] = s.requestIDHeader()
	body, err := readBody(w, r)
	if err != nil {
		a.errorFn(w, http.StatusRequestEntityTooLarge, "bad_request", "request body too large or unreadable")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := a.router.find(r)
	if err != nil {
		a.errorFn(w, http.StatusNotFound, "not_found", fmt.Sprintf("no %s operation for %s %s", a.name, r.Method, r.URL.Path))
		return
	}
	if err := route.validate(r.Context(), r, params, body, a.options); err != nil {
		s.count(a, route.Operation.OperationID, false)
		var sec *openapi3filter.SecurityRequirementsError
		if errors.As(err, &sec) {
			msgs := make([]string, 0, len(sec.Errors))
			var worst *authError
			for _, e := range sec.Errors {
				msgs = append(msgs, e.Error())
				var ae *authError
				if errors.As(e, &ae) && (worst == nil || ae.status > worst.status) {
					worst = ae
				}
			}
			if worst != nil && worst.status != http.StatusUnauthorized {
				a.errorFn(w, worst.status, worst.code, worst.msg)
				return
			}
			a.errorFn(w, http.StatusUnauthorized, "unauthorized", "invalid or missing credentials: "+strings.Join(msgs, "; "))
			return
		}
		a.errorFn(w, http.StatusBadRequest, "bad_request", describe(err))
		return
	}
	if a.check != nil {
		if status, code, msg := a.check(s, r); status != 0 {
			s.count(a, route.Operation.OperationID, false)
			a.errorFn(w, status, code, msg)
			return
		}
	}
	s.count(a, route.Operation.OperationID, true)
	if op := a.ops[route.Operation.OperationID]; op != nil {
		op(w, r, params, body)
		return
	}
	status, answer := cachedExample(route.Operation)
	w.Header()["Content-Type"] = jsonContentType
	w.WriteHeader(status)
	w.Write(answer)
}

// jsonContentType is the Content-Type of JSON answers, shared by every answer: net/http only reads
// header values.
var jsonContentType = []string{"application/json"}

// answerBuffers hold answers while they are encoded.
var answerBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeAnswer writes v as [writeJSON] does, the same bytes (TestWriteAnswerMatchesWriteJSON),
// encoded with encoding/json/v2's v1 mode, the encoding/json semantics that decodeRequest and
// the generated clients decode with, into a pooled buffer: one pass and fewer allocations than
// encoding/json's Encoder. A value that mode cannot encode goes to writeJSON.
func writeAnswer(w http.ResponseWriter, status int, v any) {
	buf := answerBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	if err := jsonv2.MarshalWrite(buf, v, jsonv1.DefaultOptionsV1()); err != nil {
		answerBuffers.Put(buf)
		writeJSON(w, status, v)
		return
	}
	buf.WriteByte('\n') // as Encoder.Encode ends every value
	w.Header()["Content-Type"] = jsonContentType
	w.WriteHeader(status)
	w.Write(buf.Bytes())
	if buf.Cap() <= 64<<10 {
		answerBuffers.Put(buf)
	}
}

// readBody reads the body of r, at most maxBody bytes. Requests without a body read nothing.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if n := r.ContentLength; n >= 0 && n <= maxBody {
		// The length is known: one buffer of that size (plus one byte to see the end).
		b := make([]byte, 0, n+1)
		for {
			m, err := r.Body.Read(b[len(b):cap(b)])
			b = b[:len(b)+m]
			if err == io.EOF {
				return b, nil
			}
			if err != nil {
				return nil, err
			}
			if len(b) == cap(b) {
				break // longer than announced: read the rest the ordinary way
			}
		}
		rest, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody-int64(len(b))))
		if err != nil {
			return nil, err
		}
		return append(b, rest...), nil
	}
	return io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
}

// maxBody bounds request bodies the sandbox reads.
const maxBody = 10 << 20

// exampleOf decodes the example answer of operationID into v; seeds for stateful operations come
// from the same examples the spec documents.
func (a *api) exampleOf(operationID string, v any) error {
	if op := a.opsByID[operationID]; op != nil {
		_, b := cachedExample(op)
		return json.Unmarshal(b, v)
	}
	return fmt.Errorf("sandbox: %s: no operation %q", a.name, operationID)
}

// exampleAnswer is the answer [example] makes of an operation.
type exampleAnswer struct {
	status int
	body   []byte
}

var exampleCache sync.Map // *openapi3.Operation → exampleAnswer

// cachedExample returns what [example] returns for op, encoding the example once per process:
// documents are read-only once loaded. The body is shared: callers must not change it.
func cachedExample(op *openapi3.Operation) (int, []byte) {
	if v, ok := exampleCache.Load(op); ok {
		ex := v.(exampleAnswer)
		return ex.status, ex.body
	}
	status, body := example(op)
	exampleCache.Store(op, exampleAnswer{status, body})
	return status, body
}

// describe turns a validation error into a message naming the offending parameter or field.
func describe(err error) string {
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		var what string
		switch {
		case re.Parameter != nil:
			what = fmt.Sprintf("%s parameter %q", re.Parameter.In, re.Parameter.Name)
		case re.RequestBody != nil:
			what = "request body"
		}
		var se *openapi3.SchemaError
		if errors.As(re.Err, &se) {
			if field := strings.Join(se.JSONPointer(), "."); field != "" {
				what += " field " + field
			}
			return fmt.Sprintf("%s: %s", what, se.Reason)
		}
		if what != "" {
			return fmt.Sprintf("%s: %v", what, re.Err)
		}
	}
	return err.Error()
}

// example returns the first 2xx status of op with the example its document gives.
func example(op *openapi3.Operation) (int, []byte) {
	for code := 200; code < 300; code++ {
		ref := op.Responses.Status(code)
		if ref == nil || ref.Value == nil {
			continue
		}
		mt := ref.Value.Content.Get("application/json")
		if mt == nil {
			return code, nil
		}
		var v any
		switch {
		case mt.Example != nil:
			v = mt.Example
		case len(mt.Examples) > 0:
			for _, name := range sortedKeys(mt.Examples) {
				if ex := mt.Examples[name]; ex != nil && ex.Value != nil {
					v = ex.Value.Value
					break
				}
			}
		case mt.Schema != nil && mt.Schema.Value != nil:
			v = mt.Schema.Value.Example
		}
		b, _ := json.Marshal(v)
		return code, b
	}
	return http.StatusNoContent, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
