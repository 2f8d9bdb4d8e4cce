// Package upstreamanswers checks that our typed clients decode what the providers' own (upstream)
// OpenAPI documents say their answers may be. For every operation of one of our APIs that
// upstream also documents (paired by method and path, as [upstreamdiff.Compare] pairs them), it
// generates many answers from upstream's 2xx JSON response schemas — random but valid values,
// seeded and deterministic — serves them from a fake server on loopback, and calls the
// operation through our generated client with the contract driver ([contract.Run]), counting
// per operation the answers that decoded fully, those that decoded partially (the typed
// client's partial result with a [*wire.DecodeError]) and those that failed.
//
// For each failure the report gives the operation, the JSON Pointer the DecodeError names, the
// offending value, upstream's schema and our Go type there, and whether upstream contradicts
// itself at that path (an example of its own that its schema rejects). Failures that are known
// and explained are listed in an exceptions file (see [ParseExceptions]) and reported apart.
//
// The values come from a small generator of this package rather than a library: the Go
// libraries that render schemas (libopenapi's renderer, for one) use the global random source
// and the clock, so a run cannot be repeated, and take upstream's examples instead of varying
// the values; the generator here covers the keywords decoding depends on (see the list on
// generator) and is tested on its own.
package upstreamanswers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/upstreamdiff"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// Target is one of our APIs: its document and a way to build its typed client.
type Target struct {
	// API names the API as specs/<api>.yaml does, such as "cloudbeds-v2".
	API string
	// Spec is our OpenAPI document.
	Spec []byte
	// NewClient returns the generated *ClientWithResponses for the base URL server.
	NewClient func(server string) (any, error)
}

// Options adjust [Run].
type Options struct {
	// N is the number of answers generated per operation; 50 when zero.
	N int
	// Seed seeds the generator: the same seed gives the same answers.
	Seed uint64
	// Exceptions are the failures known and explained (see [ParseExceptions]).
	Exceptions []Exception
	// Contract holds further options for the contract driver, such as values a call needs.
	Contract []contract.Option
}

// Report is the outcome of [Run].
type Report struct {
	API  string
	N    int
	Seed uint64
	// Operations holds one entry per operation both documents have, sorted by operationId.
	Operations []Operation
	// Failures groups the answers that did not fully decode by operation and path (array
	// indices and map keys as "*"), sorted; those an exception covers have Exception set.
	Failures []Failure
	// Unused lists the exceptions that matched no failure.
	Unused []Exception
}

// Operation counts the answers of one operation.
type Operation struct {
	// OperationID, Method and Path are ours; UpstreamPath is upstream's path.
	OperationID, Method, Path, UpstreamPath string
	// Answers is the number of answers generated; zero when upstream documents no 2xx JSON
	// answer with a schema for the operation (NoAnswer then says so).
	Answers                  int
	Decoded, Partial, Failed int
	NoAnswer                 string
}

// Failure is a group of answers of one operation that did not decode at one path.
type Failure struct {
	Operation string
	// Path is the JSON Pointer of the first value that did not decode, array indices and map
	// keys as "*"; "" when the failure has no path (the call failed, or the client has no
	// typed field for the answer's status).
	Path string
	// Partial is true for partial results (a wire.DecodeError), false for failed calls.
	Partial bool
	// Count is the number of answers in the group.
	Count int
	// Excerpt is the first offending value; Error the first error.
	Excerpt, Error string
	// Upstream describes upstream's schema at Path; Ours names our Go type there.
	Upstream, Ours string
	// Verdict says whether upstream contradicts itself at Path; Inconsistent is true when it
	// does.
	Verdict      string
	Inconsistent bool
	// Exception is the reason of the exception that covers the group, or "".
	Exception string
}

// Totals returns the answers generated, decoded, partly decoded and failed over all operations.
func (r *Report) Totals() (answers, decoded, partial, failed int) {
	for _, o := range r.Operations {
		answers += o.Answers
		decoded += o.Decoded
		partial += o.Partial
		failed += o.Failed
	}
	return
}

// Unexplained returns the number of answers that did not decode and no exception covers.
func (r *Report) Unexplained() int {
	n := 0
	for _, f := range r.Failures {
		if f.Exception == "" {
			n += f.Count
		}
	}
	return n
}

// answer is one generated answer.
type answer struct {
	status      int
	contentType string
	body        []byte
}

// response is one 2xx JSON response of an upstream operation.
type response struct {
	status      int
	contentType string
	media       map[string]any
}

// responses returns op's 2xx responses with a JSON media type, by status; a 2XX range counts
// as 200.
func (d *document) responses(op map[string]any) []response {
	rs, _ := op["responses"].(map[string]any)
	var out []response
	for _, code := range sortedKeys(rs) {
		status, err := strconv.Atoi(code)
		if strings.EqualFold(code, "2XX") {
			status, err = http.StatusOK, nil
		}
		if err != nil || status < 200 || status > 299 {
			continue
		}
		r, _ := d.resolve(rs[code]).(map[string]any)
		content, _ := r["content"].(map[string]any)
		for _, ct := range sortedKeys(content) {
			if !strings.Contains(ct, "json") {
				continue
			}
			if mt, ok := content[ct].(map[string]any); ok {
				out = append(out, response{status: status, contentType: ct, media: mt})
				break
			}
		}
	}
	return out
}

// pair is one of our operations with upstream's.
type pair struct {
	ours, upstream *upstreamdiff.Operation
}

// Run generates opts.N answers per operation from upstream's document, serves them and
// decodes them through target's typed client. It returns an error when a document does not
// load or the client cannot be built; everything about single operations is in the report.
func Run(ctx context.Context, target Target, upstream []byte, opts Options) (*Report, error) {
	if opts.N <= 0 {
		opts.N = 50
	}
	cmp, err := upstreamdiff.Compare(target.Spec, upstream)
	if err != nil {
		return nil, fmt.Errorf("upstreamanswers: %s: %w", target.API, err)
	}
	doc, err := loadDocument(upstream)
	if err != nil {
		return nil, err
	}
	var pairs []pair
	for _, m := range cmp.Matched {
		pairs = append(pairs, pair{m.Ours, m.Upstream})
	}
	for _, in := range cmp.Instantiated {
		for _, o := range in.Ours {
			pairs = append(pairs, pair{o, in.Upstream})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return strings.Compare(a.ours.OperationID, b.ours.OperationID) })

	rep := &Report{API: target.API, N: opts.N, Seed: opts.Seed}
	answers := map[string][]answer{}
	upOps := map[string]map[string]any{}
	index := map[string]int{}
	for _, p := range pairs {
		id := p.ours.OperationID
		o := Operation{OperationID: id, Method: p.ours.Method, Path: p.ours.Path, UpstreamPath: p.upstream.Path}
		upOp := doc.operation(p.upstream.Method, p.upstream.Path)
		upOps[id] = upOp
		var rs []response
		for _, r := range doc.responses(upOp) {
			// An empty schema documents nothing: generating anything for it would test only the
			// generator's guess.
			if !empty(doc.schema(r.media["schema"])) {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			o.NoAnswer = "upstream documents no 2xx JSON answer with a schema"
		}
		for i := range opts.N {
			if len(rs) == 0 {
				break
			}
			r := rs[i%len(rs)]
			g := newGenerator(doc, rand.New(rand.NewPCG(opts.Seed, seedOf(id, i))))
			body, err := json.Marshal(g.value(r.media["schema"], 0))
			if err != nil {
				return nil, fmt.Errorf("upstreamanswers: %s %s: %w", target.API, id, err)
			}
			answers[id] = append(answers[id], answer{status: r.status, contentType: r.contentType, body: body})
			o.Answers++
		}
		index[id] = len(rep.Operations)
		rep.Operations = append(rep.Operations, o)
	}

	f := &fake{answers: answers, count: map[string]int{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	client, err := target.NewClient(srv.URL + basePath(target.Spec))
	if err != nil {
		return nil, fmt.Errorf("upstreamanswers: %s client: %w", target.API, err)
	}

	groups := map[string]*Failure{}
	record := func(c contract.Call) {
		i, ok := index[c.OperationID]
		if !ok {
			return // upstream lacks the operation
		}
		a, served := f.answer(c.OperationID)
		if !served {
			if rep.Operations[i].Answers > 0 && !c.Called {
				rep.Operations[i].Failed++
				group(groups, Failure{Operation: c.OperationID, Count: 1, Error: "not called: " + errText(c.Err)})
			}
			return
		}
		var de *wire.DecodeError
		switch {
		case c.Err == nil:
			rep.Operations[i].Decoded++
		case errors.As(c.Err, &de):
			rep.Operations[i].Partial++
			tokens := pointerTokens(de.Path)
			var schemas []any
			for _, r := range doc.responses(upOps[c.OperationID]) {
				if r.status == a.status {
					schemas = append(schemas, r.media["schema"])
				}
			}
			fl := Failure{Operation: c.OperationID, Path: doc.normalize(schemas, tokens), Partial: true, Count: 1,
				Excerpt: de.Excerpt, Error: errText(de.Err), Ours: typedAt(c.Response, a.status, tokens)}
			fl.Upstream = doc.describeAt(schemas, tokens)
			group(groups, fl)
		case typedSet(c.Response, a.status):
			// The client decoded the answer in full; what the driver adds (the same result as
			// encoding/json's, which rejects PHP's [] for an object) is the contract tests' concern.
			rep.Operations[i].Decoded++
		default:
			rep.Operations[i].Failed++
			group(groups, Failure{Operation: c.OperationID, Count: 1, Error: errText(c.Err)})
		}
	}
	prefix := "/" + target.API
	runOpts := append([]contract.Option{contract.WithName(target.API), contract.WithIsolatedCalls(),
		contract.WithObserver(f.next, record)}, opts.Contract...)
	for range opts.N {
		if _, err := contract.Run(ctx, target.Spec, prefix, client, noRecorder{}, runOpts...); err != nil {
			return nil, fmt.Errorf("upstreamanswers: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}

	used := make([]bool, len(opts.Exceptions))
	for _, k := range sortedKeys(groups) {
		fl := groups[k]
		if fl.Partial {
			fl.Verdict, fl.Inconsistent = doc.verdict(upOps[fl.Operation], strings.Split(fl.Path, "/")[1:])
		}
		for i, e := range opts.Exceptions {
			if e.matches(fl.Operation, fl.Path) {
				fl.Exception = e.Reason
				used[i] = true
				break
			}
		}
		rep.Failures = append(rep.Failures, *fl)
	}
	for i, e := range opts.Exceptions {
		if !used[i] {
			rep.Unused = append(rep.Unused, e)
		}
	}
	return rep, nil
}

// group adds f to the group of its operation, path and kind.
func group(groups map[string]*Failure, f Failure) {
	key := f.Operation + " " + f.Path + " " + strconv.FormatBool(f.Partial)
	if !f.Partial {
		key += " " + f.Error
	}
	if g, ok := groups[key]; ok {
		g.Count++
		return
	}
	groups[key] = &f
}

// errText returns err's message, shortened.
func errText(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// seedOf derives the second seed word of answer i of an operation, so each operation's
// answers do not depend on which other operations there are.
func seedOf(operationID string, i int) uint64 {
	h := fnv.New64a()
	io.WriteString(h, operationID)
	return h.Sum64() + uint64(i)
}

// pointerTokens splits an RFC 6901 JSON Pointer into its unescaped tokens.
func pointerTokens(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return parts
}

// normalize returns the JSON Pointer of tokens with every token that is not a named property
// of upstream's schemas (array indices, map keys) replaced by "*".
func (d *document) normalize(schemas []any, tokens []string) string {
	out := make([]string, 0, len(tokens))
	for _, tok := range tokens {
		named := false
		for _, s := range schemas {
			for _, c := range d.schemasAt(s, out) {
				props, _ := d.flatten(c, 0)["properties"].(map[string]any)
				if _, ok := props[tok]; ok {
					named = true
				}
			}
		}
		if !named {
			tok = "*"
		}
		out = append(out, tok)
	}
	var b strings.Builder
	for _, tok := range out {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1"))
	}
	return b.String()
}

// typedField returns the typed field of res (a *<Op>Response) for status: JSON200,
// ApplicationVndAPIJSON201, …
func typedField(res any, status int) (reflect.Value, bool) {
	v := reflect.ValueOf(res)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	st := v.Elem()
	code := strconv.Itoa(status)
	for i := range st.NumField() {
		f := st.Type().Field(i)
		if strings.Contains(f.Name, "JSON") && strings.HasSuffix(f.Name, code) && f.Type.Kind() == reflect.Pointer {
			return st.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// typedSet reports whether res holds a decoded answer for status.
func typedSet(res any, status int) bool {
	f, ok := typedField(res, status)
	return ok && !f.IsNil()
}

// typedAt names our Go type at tokens of the typed field of res for status.
func typedAt(res any, status int, tokens []string) string {
	f, ok := typedField(res, status)
	if !ok {
		return ""
	}
	return goTypeAt(f.Type().Elem(), tokens)
}

// basePath returns the path of our document's first server URL, so the client's requests look
// as they would against the provider.
func basePath(spec []byte) string {
	doc, err := loadDocument(spec)
	if err != nil {
		return ""
	}
	top, _ := doc.root.(map[string]any)
	servers, _ := top["servers"].([]any)
	if len(servers) == 0 {
		return ""
	}
	s, _ := servers[0].(map[string]any)
	raw, _ := s["url"].(string)
	u, err := url.Parse(raw)
	if err != nil || strings.Contains(u.Path, "{") {
		return ""
	}
	return strings.TrimSuffix(u.Path, "/")
}

// fake serves the generated answers: the contract driver calls one operation at a time and
// tells next which, so the fake answers each request with that operation's next answer,
// whatever the request is.
type fake struct {
	answers map[string][]answer

	mu      sync.Mutex
	count   map[string]int // answers of each operation handed out so far
	current string
	served  bool
	last    answer
}

// next prepares the next answer of operationID.
func (f *fake) next(operationID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.current, f.served = operationID, false
}

// answer returns the answer served for operationID's call, if one was.
func (f *fake) answer(operationID string) (answer, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.current != operationID || !f.served {
		return answer{}, false
	}
	return f.last, true
}

func (f *fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	f.mu.Lock()
	list := f.answers[f.current]
	var a answer
	ok := len(list) > 0 && !f.served
	if ok {
		a = list[f.count[f.current]%len(list)]
		f.count[f.current]++
		f.served, f.last = true, a
	}
	f.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusNoContent) // an operation without upstream answers
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	w.WriteHeader(a.status)
	w.Write(a.body)
}

// noRecorder stands in for the sandbox's records, which the fake does not keep.
type noRecorder struct{}

func (noRecorder) Operations() map[string]sandbox.OpStats { return nil }
