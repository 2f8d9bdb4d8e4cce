// Package drift notices when a provider's answers stop matching the SDK's specs, in production:
// a [Detector]'s middleware validates a sample of real answers against the embedded OpenAPI
// document of their operation and reports every mismatch — an unknown field, a missing required
// field, a wrong type, a new enum value, an undeclared status code — as an [Event], to a
// [slog.Logger] and to a [Collector] that aggregates them into a [Report]. It never changes or
// fails a call: the answer is read from a copy, validation runs off the call's path within a CPU
// budget, and anything it cannot do it skips.
//
// It lives in a module of its own (it needs kin-openapi), so the SDK's core stays light:
//
//	d, err := drift.New(drift.Options{Logger: slog.Default()})
//	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, cfg, hospitality.WithMiddleware(d.Middleware())))
//	...
//	d.Collector().Report().WriteTo(os.Stdout)
//
// Drift seen in production is the first step of the README's "When an upstream API changes":
// report → spec change → make generate → make breaking.
package drift

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"golang.org/x/time/rate"

	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// Kinds of mismatch.
const (
	UnknownField      = "unknown_field"
	MissingRequired   = "missing_required"
	WrongType         = "wrong_type"
	NewEnumValue      = "new_enum_value"
	UndeclaredStatus  = "undeclared_status"
	OtherMismatch     = "mismatch"
	defaultSampleRate = 0.01
)

// Event is one mismatch between an answer and the spec.
type Event struct {
	// Provider and Operation name the call ("cloudbeds", "getReservations").
	Provider, Operation string
	// Status is the answer's HTTP status.
	Status int
	// Kind is one of the kinds above.
	Kind string
	// Path is the JSON Pointer of the value ("/data/0/adults"), "" for the whole answer.
	Path string
	// Excerpt is the offending value, short, with secret-looking text redacted.
	Excerpt string
}

// Options configures a [Detector].
type Options struct {
	// SampleRate is the share of answers validated, from 0 to 1. Zero means 1 %.
	SampleRate float64
	// MaxPerSecond bounds validations per second, whatever the sample rate, so the detector's
	// CPU cost stays bounded under load. Zero means 20.
	MaxPerSecond float64
	// MaxBody is the largest answer validated, in bytes; longer ones are skipped. Zero means 1 MiB.
	MaxBody int
	// Logger, when set, receives one Warn record per event.
	Logger *slog.Logger
	// OnEvent, when set, is called for every event (from the validating goroutine).
	OnEvent func(Event)
	// Sync validates on the calling goroutine instead of a background one; for tests.
	Sync bool
}

// Detector validates sampled answers. It is safe for concurrent use; share one across clients.
type Detector struct {
	opts    Options
	apis    map[string][]*api
	limit   *rate.Limiter
	coll    *Collector
	work    chan job
	randF   func() float64
	startMu sync.Once
}

type api struct {
	doc    *openapi3.T
	routes []route
}

type route struct {
	method string
	re     *regexp.Regexp
	static int
	op     *openapi3.Operation
}

type job struct {
	provider string
	method   string
	path     string
	status   int
	ctype    string
	body     []byte
}

// specsByProvider are the embedded documents of each provider name the constructors use.
var specsByProvider = map[string][][]byte{
	"kobas":        {specs.Kobas},
	"octotable":    {specs.Octotable},
	"cloudbeds":    {specs.Cloudbeds},
	"cloudbeds-v2": {specs.CloudbedsV2},
	"cobot":        {specs.Cobot, specs.CobotV1},
}

// New loads the SDK's specs and returns a Detector.
func New(opts Options) (*Detector, error) {
	if opts.SampleRate == 0 {
		opts.SampleRate = defaultSampleRate
	}
	if opts.SampleRate < 0 || opts.SampleRate > 1 {
		return nil, fmt.Errorf("drift: SampleRate %v is not between 0 and 1", opts.SampleRate)
	}
	if opts.MaxPerSecond == 0 {
		opts.MaxPerSecond = 20
	}
	if opts.MaxBody == 0 {
		opts.MaxBody = 1 << 20
	}
	d := &Detector{opts: opts, apis: map[string][]*api{}, coll: NewCollector(),
		limit: rate.NewLimiter(rate.Limit(opts.MaxPerSecond), max(1, int(opts.MaxPerSecond))),
		work:  make(chan job, 64), randF: rand.Float64}
	for provider, docs := range specsByProvider {
		for _, b := range docs {
			doc, err := openapi3.NewLoader().LoadFromData(b)
			if err != nil {
				return nil, fmt.Errorf("drift: %s spec: %w", provider, err)
			}
			a := &api{doc: doc}
			for tmpl, item := range doc.Paths.Map() {
				re, static := templateRegexp(strings.TrimSuffix(tmpl, "/"))
				for m, op := range item.Operations() {
					a.routes = append(a.routes, route{method: m, re: re, static: static, op: op})
				}
			}
			d.apis[provider] = append(d.apis[provider], a)
		}
	}
	return d, nil
}

// Collector returns the detector's collector.
func (d *Detector) Collector() *Collector { return d.coll }

// Middleware returns the transport middleware that samples answers. Add it with
// hospitality.WithMiddleware; it reads a sampled answer's body into memory (up to MaxBody) and
// hands the caller an identical copy.
func (d *Detector) Middleware() transport.Middleware {
	return func(req *http.Request, next transport.MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		if err != nil || resp == nil || d.randF() >= d.opts.SampleRate || !d.limit.Allow() {
			return resp, err
		}
		provider := providerOf(req)
		if provider == "" || req.Method == http.MethodHead {
			return resp, err
		}
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, int64(d.opts.MaxBody)+1))
		rest := resp.Body
		resp.Body = readCloser{io.MultiReader(bytes.NewReader(body), rest), rest}
		if rerr != nil || len(body) > d.opts.MaxBody {
			return resp, err
		}
		d.submit(job{provider: provider, method: req.Method, path: req.URL.Path, status: resp.StatusCode,
			ctype: resp.Header.Get("Content-Type"), body: body})
		return resp, err
	}
}

type readCloser struct {
	io.Reader
	io.Closer
}

// providerKey carries the provider name from the observer to the middleware.
type providerKey struct{}

// providerOf returns the API the request is for: set by [WithProvider], or recognised by host.
func providerOf(r *http.Request) string {
	if p, ok := r.Context().Value(providerKey{}).(string); ok {
		return p
	}
	host := r.URL.Hostname()
	switch {
	case strings.HasSuffix(host, "kobas.co.uk"):
		return "kobas"
	case strings.Contains(host, "octotable") || strings.Contains(host, "octorate"):
		return "octotable"
	case strings.HasSuffix(host, "cobot.me"):
		return "cobot"
	case strings.HasSuffix(host, "cloudbeds.com"):
		if strings.Contains(r.URL.Path, "/api/v1.") {
			return "cloudbeds"
		}
		return "cloudbeds-v2"
	}
	return ""
}

// WithProvider returns a copy of ctx naming the API its requests go to, for hosts the detector
// does not recognise (a sandbox, a property's own host).
func WithProvider(ctx context.Context, provider string) context.Context {
	return context.WithValue(ctx, providerKey{}, provider)
}

// submit validates j now (Sync) or hands it to the background validator, dropping it when the
// validator is behind.
func (d *Detector) submit(j job) {
	if d.opts.Sync {
		d.validate(j)
		return
	}
	d.startMu.Do(func() { go d.run() })
	select {
	case d.work <- j:
	default:
	}
}

func (d *Detector) run() {
	for j := range d.work {
		d.validate(j)
	}
}

// validate checks one answer and reports its events.
func (d *Detector) validate(j job) {
	op := d.find(j.provider, j.method, j.path)
	if op == nil {
		return
	}
	for _, e := range mismatches(j.provider, op, j.status, j.ctype, j.body) {
		e.Excerpt = redact(e.Excerpt)
		d.coll.add(e)
		if d.opts.Logger != nil {
			d.opts.Logger.Warn("drift: answer does not match the spec", "provider", e.Provider, "operation", e.Operation,
				"status", e.Status, "kind", e.Kind, "path", e.Path, "excerpt", e.Excerpt)
		}
		if d.opts.OnEvent != nil {
			d.opts.OnEvent(e)
		}
	}
}

// mismatches checks one answer of op against its spec. Excerpts are not redacted.
func mismatches(provider string, op *openapi3.Operation, status int, ctype string, body []byte) []Event {
	var out []Event
	emit := func(kind, path, excerpt string) {
		out = append(out, Event{Provider: provider, Operation: op.OperationID, Status: status, Kind: kind, Path: path, Excerpt: excerpt})
	}
	resp := op.Responses.Status(status)
	if resp == nil {
		resp = op.Responses.Default()
	}
	if resp == nil || resp.Value == nil {
		emit(UndeclaredStatus, "", strconv.Itoa(status))
		return out
	}
	mt, _, _ := mime.ParseMediaType(ctype)
	var schema *openapi3.Schema
	for name, c := range resp.Value.Content {
		if (name == mt || strings.Contains(name, "json") && strings.Contains(mt, "json")) && c.Schema != nil && c.Schema.Value != nil {
			schema = c.Schema.Value
			break
		}
	}
	if schema == nil || !strings.Contains(mt, "json") {
		return out
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		emit(WrongType, "", excerptOf(body))
		return out
	}
	v = plain(v)
	err := schema.VisitJSON(v, openapi3.MultiErrors(), openapi3.DisablePatternValidation())
	for _, se := range schemaErrors(err) {
		ptr := "/" + strings.Join(se.JSONPointer(), "/")
		if ptr == "/" {
			ptr = ""
		}
		kind := OtherMismatch
		switch se.SchemaField {
		case "required":
			kind = MissingRequired
		case "type", "nullable", "format":
			kind = WrongType
		case "enum":
			kind = NewEnumValue
		}
		emit(kind, ptr, fmt.Sprint(se.Value))
	}
	walkUnknown(schema, v, "", func(path string, val any) { emit(UnknownField, path, fmt.Sprint(val)) })
	return out
}

// schemaErrors flattens kin-openapi's errors, most specific first, one per pointer and kind.
func schemaErrors(err error) []*openapi3.SchemaError {
	var out []*openapi3.SchemaError
	seen := map[string]bool{}
	var walk func(error)
	walk = func(err error) {
		var me openapi3.MultiError
		if errors.As(err, &me) {
			for _, e := range me {
				walk(e)
			}
			return
		}
		var se *openapi3.SchemaError
		if errors.As(err, &se) {
			if se.Origin != nil {
				walk(se.Origin)
				return
			}
			key := strings.Join(se.JSONPointer(), "/") + "|" + se.SchemaField
			if !seen[key] {
				seen[key] = true
				out = append(out, se)
			}
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}

// walkUnknown reports members of objects whose schema declares properties and none of which is
// the member, where the schema does not allow other members.
func walkUnknown(s *openapi3.Schema, v any, path string, report func(string, any)) {
	if s == nil {
		return
	}
	for _, sub := range append(append(s.AllOf, s.OneOf...), s.AnyOf...) {
		if sub.Value != nil && len(s.Properties) == 0 {
			walkUnknown(sub.Value, v, path, report)
			return
		}
	}
	switch val := v.(type) {
	case map[string]any:
		props := map[string]*openapi3.SchemaRef{}
		for k, p := range s.Properties {
			props[k] = p
		}
		for _, sub := range s.AllOf {
			if sub.Value != nil {
				for k, p := range sub.Value.Properties {
					props[k] = p
				}
			}
		}
		open := len(props) == 0 || s.AdditionalProperties.Schema != nil ||
			(s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has) && len(s.Properties) == 0
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := path + "/" + escape(k)
			ref, ok := props[k]
			switch {
			case ok && ref.Value != nil:
				walkUnknown(ref.Value, val[k], p, report)
			case !ok && s.AdditionalProperties.Schema != nil && s.AdditionalProperties.Schema.Value != nil:
				walkUnknown(s.AdditionalProperties.Schema.Value, val[k], p, report)
			case !ok && !open:
				report(p, val[k])
			}
		}
	case []any:
		if s.Items != nil && s.Items.Value != nil {
			for i, e := range val {
				walkUnknown(s.Items.Value, e, path+"/"+strconv.Itoa(i), report)
			}
		}
	}
}

// find returns the operation of provider matching method and the end of path.
func (d *Detector) find(provider, method, path string) *openapi3.Operation {
	path = strings.TrimSuffix(path, "/")
	var best *openapi3.Operation
	bestStatic := -1
	for _, a := range d.apis[provider] {
		for _, r := range a.routes {
			if r.method == method && r.static > bestStatic && r.re.MatchString(path) {
				best, bestStatic = r.op, r.static
			}
		}
	}
	return best
}

// templateRegexp turns "/reservations/{id}" into a pattern matching a path that ends with it.
func templateRegexp(tmpl string) (*regexp.Regexp, int) {
	var b strings.Builder
	b.WriteString(`(?:^|/)`)
	static := 0
	for i, seg := range strings.Split(strings.TrimPrefix(tmpl, "/"), "/") {
		if i > 0 {
			b.WriteString("/")
		}
		for seg != "" {
			open := strings.IndexByte(seg, '{')
			end := strings.IndexByte(seg, '}')
			if open < 0 || end < open {
				b.WriteString(regexp.QuoteMeta(seg))
				static += len(seg)
				break
			}
			b.WriteString(regexp.QuoteMeta(seg[:open]) + `[^/]+`)
			static += open
			seg = seg[end+1:]
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()), static
}

// plain turns json.Number into float64 (kin-openapi validates float64 numbers).
func plain(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = plain(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plain(e)
		}
	case json.Number:
		f, _ := x.Float64()
		return f
	}
	return v
}

func escape(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

var secretish = regexp.MustCompile(`(?i)(bearer\s+\S+|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_.-]+|[A-Za-z0-9_\-]{24,})`)

// redact shortens an excerpt to 80 bytes and hides token-looking text.
func redact(s string) string {
	s = secretish.ReplaceAllString(s, "[redacted]")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func excerptOf(b []byte) string { return string(bytes.TrimSpace(b[:min(len(b), 80)])) }

// Collector aggregates events by provider, operation, kind and path. It is safe for concurrent
// use.
type Collector struct {
	mu      sync.Mutex
	entries map[entryKey]*Entry
	now     func() time.Time
}

type entryKey struct{ provider, operation, kind, path string }

// Entry is one line of a [Report]. Its JSON form is an object of the report file (see
// [Report.WriteJSON]).
type Entry struct {
	// Provider and Operation name the call ("kobas", "listVenues").
	Provider  string `json:"provider"`
	Operation string `json:"operation"`
	// Kind is the mismatch, one of the kinds above; Path its JSON Pointer in the answer.
	Kind string `json:"kind"`
	Path string `json:"path"`
	// Count is how many answers showed the mismatch; First and Last when.
	Count int       `json:"count"`
	First time.Time `json:"first"`
	Last  time.Time `json:"last"`
	// Excerpt is the latest offending value (redacted); Status the latest status.
	Excerpt string `json:"excerpt,omitempty"`
	Status  int    `json:"status,omitempty"`
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{entries: map[entryKey]*Entry{}, now: time.Now}
}

func (c *Collector) add(e Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := entryKey{e.Provider, e.Operation, e.Kind, e.Path}
	en := c.entries[k]
	now := c.now()
	if en == nil {
		en = &Entry{Provider: e.Provider, Operation: e.Operation, Kind: e.Kind, Path: e.Path, First: now}
		c.entries[k] = en
	}
	en.Count++
	en.Last, en.Excerpt, en.Status = now, e.Excerpt, e.Status
}

// Report is a snapshot of a Collector, sorted by provider, operation, path and kind.
type Report []Entry

// Report returns the aggregated events so far.
func (c *Collector) Report() Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := make(Report, 0, len(c.entries))
	for _, e := range c.entries {
		r = append(r, *e)
	}
	r.sort()
	return r
}

// sort orders the report by provider, operation, path and kind.
func (r Report) sort() {
	sort.Slice(r, func(i, j int) bool {
		a, b := r[i], r[j]
		if a.Provider != b.Provider {
			return a.Provider < b.Provider
		}
		if a.Operation != b.Operation {
			return a.Operation < b.Operation
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Kind < b.Kind
	})
}

// WriteTo writes the report as aligned text, one line per entry.
func (r Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	if len(r) == 0 {
		b.WriteString("drift: no mismatches seen\n")
	}
	for _, e := range r {
		path := e.Path
		if path == "" {
			path = "(answer)"
		}
		fmt.Fprintf(&b, "%-12s %-28s %-18s %-34s %4d× %s..%s  e.g. %s\n", e.Provider, e.Operation, e.Kind, path, e.Count,
			e.First.UTC().Format(time.RFC3339), e.Last.UTC().Format(time.RFC3339), e.Excerpt)
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
