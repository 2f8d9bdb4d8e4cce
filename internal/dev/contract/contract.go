// Package contract drives contract tests: it calls every operation of an OpenAPI document through
// a generated oapi-codegen client against the sandbox and reports which operations the sandbox
// saw and validated, how many requests it rejected and which answers the client could not decode,
// as one line per API:
//
//	contract: cloudbeds 115/115 operations exercised, 0 request violations, 0 undecodable responses
//
// The driver is reflective, so no test spells out hundreds of calls. For each operation it finds
// the client's method "<Operation>WithResponse" by comparing normalized names (the typed-body
// variant, such as WithFormdataBody or WithApplicationVndAPIPlusJSONBody, where there are
// several; the raw WithBody variant only for multipart uploads, which it writes itself). It builds
// the arguments from the document: path parameters in path order, the parameters struct with the
// required parameters and those the document gives an example for, and the request body from
// the document's example or, where there is none, a sample derived from the schema ([Sample]).
// It calls the method and checks that the typed field for the answer's status (JSON200,
// ApplicationVndAPIJSON201, …) is set, or that the document gives that status no JSON body.
//
// Operations run one at a time, creations first and deletions last. The id a creation answers
// with fills the path parameter of that resource afterwards (POST /reservations, then GET
// /reservations/{id}), and a JSON:API update document takes the id of its URL. What the
// document cannot say (the id of a seeded record, an OAuth code) comes from options:
// [WithValue], [WithOperationValue], [WithBody], [WithFirst], and [WithHook] for an operation a
// test must call itself. [WithObserver] and [WithIsolatedCalls] let a server that is not the
// sandbox (one answering from another document) serve each operation and see each outcome.
package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// Report is the outcome of [Run] for one API.
type Report struct {
	// API names the API, such as "cloudbeds" or "cobot-v1".
	API string
	// Operations is the number of operations in the document.
	Operations int
	// Exercised is the number of operations the sandbox received and validated at least once.
	Exercised int
	// Violations is the number of requests the sandbox rejected as not matching the document.
	Violations int
	// Undecodable is the number of calls that failed or whose answer did not decode into the
	// client's typed field for the status.
	Undecodable int
	// Missing lists the operationIds the sandbox never validated a request for, sorted.
	Missing []string
	// Failed lists "operationId: reason" for every operation the driver could not call or whose
	// answer did not decode, sorted.
	Failed []string
}

// String returns the report's summary line, for example
// "contract: cloudbeds 115/115 operations exercised, 0 request violations, 0 undecodable responses".
func (r Report) String() string {
	return fmt.Sprintf("contract: %s %d/%d operations exercised, %d request violations, %d undecodable responses",
		r.API, r.Exercised, r.Operations, r.Violations, r.Undecodable)
}

// OK reports whether every operation was exercised without violations or undecodable answers.
func (r Report) OK() bool {
	return r.Exercised == r.Operations && r.Violations == 0 && r.Undecodable == 0 && len(r.Failed) == 0
}

// A Hook performs one operation itself, for operations the driver cannot call from the document
// alone. It returns nil when the call succeeded and its answer decoded.
type Hook func(ctx context.Context) error

// An Option adjusts [Run].
type Option func(*config)

type config struct {
	name   string
	hooks  map[string]Hook
	values map[string]any
	// opValues holds WithOperationValue's values by operationId, then name.
	opValues map[string]map[string]any
	bodies   map[string]any
	first    []string
	// created maps a collection path ("/reservations") to the id its creation answered with.
	created map[string]any
	// learned holds the id-named fields of creation answers ("reservationID"), used for the
	// parameters and body properties of the same name afterwards.
	learned map[string]any
	// isolated turns off created: see WithIsolatedCalls.
	isolated bool
	// before and after are WithObserver's functions, or nil.
	before func(operationID string)
	after  func(Call)
}

// A Call is what came of one operation [Run] called or tried to call, as [WithObserver]
// reports it.
type Call struct {
	// OperationID is the operation's operationId.
	OperationID string
	// Called is false when Run could not make the call; Err then says why.
	Called bool
	// Response is what the client's method returned (a *<Op>Response), or nil.
	Response any
	// Err is the method's error or, when it returned none, why the answer does not count as
	// decoded; nil when the answer decoded.
	Err error
}

// WithObserver makes Run call before with the operationId of each operation just before it
// calls it, and after with what came of the call; either may be nil. A server whose answer
// depends on the operation (answers generated from another document) learns from before which
// one is coming, and after sees every answer's outcome, partial results included.
func WithObserver(before func(operationID string), after func(Call)) Option {
	return func(c *config) { c.before, c.after = before, after }
}

// WithIsolatedCalls makes Run build every call from the document and the options alone: the id
// a creation answers with is not used for the calls after it. It suits servers whose answers
// are not about the requests, such as generated ones.
func WithIsolatedCalls() Option { return func(c *config) { c.isolated = true } }

// observe reports a call to the WithObserver function, if any.
func (c *config) observe(call Call) {
	if c.after != nil {
		c.after(call)
	}
}

// WithName sets the API name of the report; the default is the first segment of the prefix.
func WithName(name string) Option { return func(c *config) { c.name = name } }

// WithHook makes Run call h instead of calling operationID itself.
func WithHook(operationID string, h Hook) Option {
	return func(c *config) { c.hooks[operationID] = h }
}

// WithValue makes every parameter called name (path, query or header) and every request-body
// property called name take value, in place of the document's example or a generated sample;
// value is anything encoding/json can marshal. It points samples at the sandbox's seed data, such
// as the id of an existing dining room.
func WithValue(name string, value any) Option {
	return func(c *config) { c.values[name] = value }
}

// WithOperationValue is [WithValue] for one operation only: its parameter or request-body
// property called name takes value. It wins over WithValue.
func WithOperationValue(operationID, name string, value any) Option {
	return func(c *config) {
		if c.opValues[operationID] == nil {
			c.opValues[operationID] = map[string]any{}
		}
		c.opValues[operationID][name] = value
	}
}

// WithFirst runs the named operations first, in the order given, and remembers the id-named
// fields of their answers ("reservationID", "guestID", "room_id" at the top of the answer or of
// its "data"): later operations send them for parameters and body properties of the same name,
// optional parameters included. It serves method-style APIs such as Cloudbeds v1.3, where the
// paths do not show that postGuest and getGuest need the reservation postReservation creates.
func WithFirst(operationIDs ...string) Option {
	return func(c *config) { c.first = append(c.first, operationIDs...) }
}

// WithBody makes operationID send value (anything encoding/json can marshal) as its request body
// in place of the document's example.
func WithBody(operationID string, value any) Option {
	return func(c *config) { c.bodies[operationID] = value }
}

// A Recorder reports what a server saw of each operation, keyed "<prefix> <operationId>";
// [*sandbox.Server] is one.
type Recorder interface {
	Operations() map[string]sandbox.OpStats
}

// Run calls every operation of spec through client, a generated *ClientWithResponses pointed at
// the sandbox's prefix, and compares what the sandbox (sb, usually a [*sandbox.Server]) recorded
// for prefix before and after. Operations run one at a time, creations first and deletions last,
// and an id a creation answers with is used for the path parameter of that resource afterwards,
// so stateful sandboxes see create, read, update, delete in that order.
//
// Run returns an error only when spec does not load or client has no methods; problems with
// single operations are in the report.
func Run(ctx context.Context, spec []byte, prefix string, client any, sb Recorder, opts ...Option) (Report, error) {
	cfg := config{hooks: map[string]Hook{}, values: map[string]any{}, bodies: map[string]any{}, opValues: map[string]map[string]any{},
		created: map[string]any{}, learned: map[string]any{}}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.name == "" {
		cfg.name = strings.SplitN(strings.Trim(prefix, "/"), "/", 2)[0]
	}
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return Report{}, fmt.Errorf("contract: %s spec: %w", cfg.name, err)
	}
	cv := reflect.ValueOf(client)
	if !cv.IsValid() || cv.NumMethod() == 0 {
		return Report{}, fmt.Errorf("contract: %s: client %T has no methods", cfg.name, client)
	}
	methods := indexMethods(cv)
	ops := operations(doc)
	for i, id := range cfg.first {
		j := slices.IndexFunc(ops, func(o op) bool { return o.op.OperationID == id })
		if j < 0 {
			return Report{}, fmt.Errorf("contract: %s: WithFirst: no operation %q", cfg.name, id)
		}
		if j >= i {
			o := ops[j]
			ops = slices.Insert(slices.Delete(ops, j, j+1), i, o)
		}
	}
	before := sb.Operations()

	rep := Report{API: cfg.name, Operations: len(ops)}
	for _, o := range ops {
		if cfg.before != nil {
			cfg.before(o.op.OperationID)
		}
		var err error
		if h := cfg.hooks[o.op.OperationID]; h != nil {
			err = h(ctx)
			cfg.observe(Call{OperationID: o.op.OperationID, Called: true, Err: err})
		} else {
			var called bool
			called, err = call(ctx, &cfg, o, methods[normalize(o.op.OperationID)])
			if !called {
				cfg.observe(Call{OperationID: o.op.OperationID, Err: err})
				rep.Failed = append(rep.Failed, o.op.OperationID+": "+err.Error())
				continue
			}
		}
		if err != nil {
			rep.Undecodable++
			rep.Failed = append(rep.Failed, o.op.OperationID+": "+err.Error())
		}
	}

	after := sb.Operations()
	for _, o := range ops {
		key := prefix + " " + o.op.OperationID
		a, b := after[key], before[key]
		if a.Valid > b.Valid {
			rep.Exercised++
		} else {
			rep.Missing = append(rep.Missing, o.op.OperationID)
		}
		rep.Violations += a.Violations - b.Violations
	}
	slices.Sort(rep.Missing)
	slices.Sort(rep.Failed)
	return rep, nil
}

// op is one operation of the document with its method, path and parameters (those of the path
// item merged with the operation's own, which win).
type op struct {
	method, path string
	op           *openapi3.Operation
	params       openapi3.Parameters
}

// operations lists the document's operations in an order that suits stateful servers: creations
// first, then reads, then updates, deletions last; ties by path and operationId.
func operations(doc *openapi3.T) []op {
	var out []op
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			params := slices.Clone(o.Parameters)
			for _, p := range item.Parameters {
				if p.Value != nil && o.Parameters.GetByInAndName(p.Value.In, p.Value.Name) == nil {
					params = append(params, p)
				}
			}
			out = append(out, op{method: method, path: path, op: o, params: params})
		}
	}
	rank := map[string]int{http.MethodPost: 0, http.MethodGet: 1, http.MethodHead: 1, http.MethodPut: 2, http.MethodPatch: 2, http.MethodDelete: 3}
	slices.SortFunc(out, func(a, b op) int {
		if d := rank[a.method] - rank[b.method]; d != 0 {
			return d
		}
		if c := strings.Compare(a.path, b.path); c != 0 {
			return c
		}
		return strings.Compare(a.op.OperationID, b.op.OperationID)
	})
	return out
}

// variants holds a client's methods for one operation: plain is "<Op>WithResponse", typed the
// "<Op>With<Type>BodyWithResponse" methods and raw "<Op>WithBodyWithResponse".
type variants struct {
	plain, raw reflect.Value
	typed      []reflect.Value
}

// indexMethods maps normalized operation names to the client's WithResponse methods.
func indexMethods(cv reflect.Value) map[string]*variants {
	out := map[string]*variants{}
	get := func(k string) *variants {
		if out[k] == nil {
			out[k] = &variants{}
		}
		return out[k]
	}
	t := cv.Type()
	for i := range t.NumMethod() {
		name := t.Method(i).Name
		base, ok := strings.CutSuffix(name, "WithResponse")
		if !ok {
			continue
		}
		m := cv.Method(i)
		get(normalize(base)).plain = m
		// "<Op>With…Body": every "With" that starts such a suffix may end the operation name.
		if strings.HasSuffix(base, "Body") {
			for j := strings.Index(base, "With"); j > 0; {
				switch suffix := base[j:]; {
				case suffix == "WithBody":
					get(normalize(base[:j])).raw = m
				case !strings.Contains(suffix[4:], "With"):
					v := get(normalize(base[:j]))
					v.typed = append(v.typed, m)
				}
				k := strings.Index(base[j+4:], "With")
				if k < 0 {
					break
				}
				j += 4 + k
			}
		}
	}
	return out
}

// normalize reduces an operationId or Go name to lower-case letters and digits, so
// "get-invoice-pdf", "getInvoicePDF" and "GetInvoicePdf" compare equal.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

var (
	ctxType    = reflect.TypeFor[context.Context]()
	readerType = reflect.TypeFor[io.Reader]()
	errorType  = reflect.TypeFor[error]()
)

// call builds the arguments of o, calls the best method and checks the answer. called is false
// when no call could be made; err then says why.
func call(ctx context.Context, cfg *config, o op, v *variants) (called bool, err error) {
	if v == nil {
		return false, errors.New("no client method")
	}
	m, raw := pick(o, v)
	if !m.IsValid() {
		return false, errors.New("no client method with a usable signature")
	}
	args, err := arguments(ctx, cfg, o, m.Type(), raw)
	if err != nil {
		return false, err
	}
	out := m.Call(args)
	res := Call{OperationID: o.op.OperationID, Called: true, Response: out[0].Interface()}
	if e, _ := out[1].Interface().(error); e != nil {
		res.Err = e
		cfg.observe(res)
		return true, e
	}
	if err := decoded(o, out[0]); err != nil {
		res.Err = err
		cfg.observe(res)
		return true, err
	}
	cfg.observe(res)
	if o.method == http.MethodPost && !cfg.isolated {
		if id := createdID(out[0]); id != nil {
			cfg.created[o.path] = id
		}
	}
	if slices.Contains(cfg.first, o.op.OperationID) {
		learnIDs(out[0], cfg.learned)
	}
	return true, nil
}

// learnIDs records the id-named scalar fields ("reservationID", "guest_id") at the top of a
// creation answer and of its "data" object.
func learnIDs(res reflect.Value, learned map[string]any) {
	body := res.Elem().FieldByName("Body")
	if !body.IsValid() || body.Kind() != reflect.Slice {
		return
	}
	var top map[string]any
	if json.Unmarshal(body.Bytes(), &top) != nil {
		return
	}
	objs := []map[string]any{top}
	switch d := top["data"].(type) {
	case map[string]any:
		objs = append(objs, d)
	case []any:
		if len(d) == 1 {
			if m, ok := d[0].(map[string]any); ok {
				objs = append(objs, m)
			}
		}
	}
	for _, m := range objs {
		for k, v := range m {
			if !strings.HasSuffix(k, "ID") && !strings.HasSuffix(k, "Id") && !strings.HasSuffix(k, "_id") {
				continue
			}
			switch v.(type) {
			case string, float64:
				learned[k] = v
			}
		}
	}
}

// createdID returns the id a creation answered with: "id", "data.id" or "data[0].id" of the JSON
// body, or nil.
func createdID(res reflect.Value) any {
	body := res.Elem().FieldByName("Body")
	if !body.IsValid() || body.Kind() != reflect.Slice {
		return nil
	}
	var v any
	if json.Unmarshal(body.Bytes(), &v) != nil {
		return nil
	}
	for range 2 {
		switch x := v.(type) {
		case map[string]any:
			if id, ok := x["id"]; ok && id != nil {
				return id
			}
			v = x["data"]
		case []any:
			if len(x) != 1 {
				return nil
			}
			v = x[0]
			if m, ok := v.(map[string]any); ok && m["id"] != nil {
				return m["id"]
			}
			return nil
		default:
			return nil
		}
	}
	if m, ok := v.(map[string]any); ok {
		return m["id"]
	}
	return nil
}

// pick chooses the method to call: a typed body beats a raw one; without a request body the
// plain method is the only one.
func pick(o op, v *variants) (m reflect.Value, raw bool) {
	valid := func(m reflect.Value) bool {
		t := m.Type()
		return t.NumIn() >= 1 && t.In(0) == ctxType && t.NumOut() == 2 && t.Out(1) == errorType
	}
	if o.op.RequestBody == nil || o.op.RequestBody.Value == nil {
		if v.plain.IsValid() && valid(v.plain) {
			return v.plain, false
		}
		return reflect.Value{}, false
	}
	content := o.op.RequestBody.Value.Content
	multipartOnly := len(content) == 1 && content.Get("multipart/form-data") != nil
	if !multipartOnly {
		for _, m := range v.typed {
			if valid(m) {
				return m, false
			}
		}
		// A JSON body's typed method is the plain name; its last fixed argument is not a reader.
		if v.plain.IsValid() && valid(v.plain) && !rawSignature(v.plain.Type()) {
			return v.plain, false
		}
	}
	if v.raw.IsValid() && valid(v.raw) {
		return v.raw, true
	}
	return reflect.Value{}, false
}

// rawSignature reports whether t ends in (contentType string, body io.Reader, editors...).
func rawSignature(t reflect.Type) bool {
	n := t.NumIn()
	if t.IsVariadic() {
		n--
	}
	return n >= 3 && t.In(n-1) == readerType && t.In(n-2).Kind() == reflect.String
}

// arguments builds the call arguments for method type mt: ctx, the path parameters in the order
// of the path template, the parameters struct, then the body.
func arguments(ctx context.Context, cfg *config, o op, mt reflect.Type, raw bool) ([]reflect.Value, error) {
	n := mt.NumIn()
	if mt.IsVariadic() {
		n--
	}
	args := []reflect.Value{reflect.ValueOf(ctx)}
	var lastPath reflect.Value // the value of the path's last parameter
	i := 1
	for _, name := range pathNames(o.path) {
		if i >= n {
			return nil, fmt.Errorf("method takes fewer arguments than the path has parameters")
		}
		p := param(o, "path", name)
		if p == nil {
			return nil, fmt.Errorf("path parameter %q is not declared", name)
		}
		v := paramSample(cfg, o, p)
		if !cfg.overridden(o, name) {
			coll, _, _ := strings.Cut(o.path, "{"+name+"}")
			if id, ok := cfg.created[strings.TrimSuffix(coll, "/")]; ok {
				v = id
			}
		}
		val, err := into(mt.In(i), v)
		if err != nil {
			return nil, fmt.Errorf("path parameter %q: %w", name, err)
		}
		args = append(args, val)
		lastPath = val
		i++
	}
	if i < n && isParamsStruct(mt.In(i)) {
		val, err := paramsStruct(cfg, o, mt.In(i))
		if err != nil {
			return nil, err
		}
		args = append(args, val)
		i++
	}
	if o.op.RequestBody != nil && o.op.RequestBody.Value != nil && i < n {
		if raw {
			ct, body, err := rawBody(cfg, o)
			if err != nil {
				return nil, err
			}
			args = append(args, reflect.ValueOf(ct), reflect.ValueOf(body))
			i += 2
		} else {
			body := bodySample(cfg, o)
			if _, set := cfg.bodies[o.op.OperationID]; !set && lastPath.IsValid() {
				body = matchDocumentID(o, body, lastPath)
			}
			val, err := into(mt.In(i), body)
			if err != nil {
				return nil, fmt.Errorf("request body: %w", err)
			}
			if err := encodesAsStdlib(val); err != nil {
				return nil, fmt.Errorf("request body: %w", err)
			}
			args = append(args, val)
			i++
		}
	}
	if i != n {
		return nil, fmt.Errorf("the method takes %d arguments after the context, the document gives %d", n-1, i-1)
	}
	return args, nil
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// pathNames returns the path template's parameters in order, the order oapi-codegen uses.
func pathNames(path string) []string {
	var out []string
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// param returns o's parameter called name in location in ("path", "query", …), or nil.
func param(o op, in, name string) *openapi3.Parameter {
	for _, p := range o.params {
		if p.Value != nil && p.Value.In == in && p.Value.Name == name {
			return p.Value
		}
	}
	return nil
}

// isParamsStruct reports whether t is the generated *<Op>Params type.
func isParamsStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && strings.HasSuffix(t.Elem().Name(), "Params")
}

// paramsStruct fills the *<Op>Params struct with the required query, header and cookie
// parameters and the optional ones the document gives an example for, matching each field by its
// json or form tag.
func paramsStruct(cfg *config, o op, t reflect.Type) (reflect.Value, error) {
	ptr := reflect.New(t.Elem())
	st := ptr.Elem()
	for _, pr := range o.params {
		p := pr.Value
		if p == nil || p.In == "path" {
			continue
		}
		_, learned := cfg.learned[p.Name]
		if !p.Required && !cfg.overridden(o, p.Name) && !learned && p.Example == nil && len(p.Examples) == 0 {
			continue
		}
		f, ok := fieldByTag(st, p.Name)
		if !ok {
			if p.Required {
				return reflect.Value{}, fmt.Errorf("parameter %q has no field in %s", p.Name, t.Elem().Name())
			}
			continue
		}
		val, err := into(f.Type(), paramSample(cfg, o, p))
		if err != nil {
			if p.Required {
				return reflect.Value{}, fmt.Errorf("parameter %q: %w", p.Name, err)
			}
			continue
		}
		f.Set(val)
	}
	return ptr, nil
}

// fieldByTag finds the field of st whose json or form tag names the parameter.
func fieldByTag(st reflect.Value, name string) (reflect.Value, bool) {
	t := st.Type()
	for i := range t.NumField() {
		for _, key := range []string{"json", "form"} {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get(key), ",")
			if tag == name {
				return st.Field(i), true
			}
		}
	}
	return reflect.Value{}, false
}

// into converts a JSON-shaped sample to a value of type t through encoding/json, so the
// generated types (wire types, enums, aliases, pointers) decode it their own way. Where that
// fails, a scalar meant for a string type is formatted ("12345" for 12345) and a numeric string
// meant for a number type is read as the number.
func into(t reflect.Type, sample any) (reflect.Value, error) {
	b, err := json.Marshal(sample)
	if err != nil {
		return reflect.Value{}, err
	}
	p := reflect.New(t)
	if err := json.Unmarshal(b, p.Interface()); err != nil {
		base := t
		for base.Kind() == reflect.Pointer {
			base = base.Elem()
		}
		var s []byte
		switch base.Kind() {
		case reflect.String:
			s, _ = json.Marshal(fmt.Sprint(sample))
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
			str, ok := sample.(string)
			if !ok {
				return reflect.Value{}, fmt.Errorf("example %s does not decode into %s: %w", b, t, err)
			}
			s = []byte(str)
		default:
			return reflect.Value{}, fmt.Errorf("example %s does not decode into %s: %w", b, t, err)
		}
		p = reflect.New(t)
		if err2 := json.Unmarshal(s, p.Interface()); err2 != nil {
			return reflect.Value{}, fmt.Errorf("example %s does not decode into %s: %w", b, t, err)
		}
	}
	return p.Elem(), nil
}

// overridden reports whether the caller set the value of o's parameter or property name.
func (c *config) overridden(o op, name string) bool {
	_, ok := c.value(o, name)
	return ok
}

// value returns the caller's value for o's parameter or property name.
func (c *config) value(o op, name string) (any, bool) {
	if v, ok := c.opValues[o.op.OperationID][name]; ok {
		return v, true
	}
	v, ok := c.values[name]
	return v, ok
}

// paramSample returns the value to send for parameter p of o: the caller's, a learned id, the
// document's example or a sample of the schema.
func paramSample(cfg *config, o op, p *openapi3.Parameter) any {
	if v, ok := cfg.value(o, p.Name); ok {
		return v
	}
	if v, ok := cfg.learned[p.Name]; ok {
		return v
	}
	if p.Example != nil {
		return p.Example
	}
	for _, name := range sortedKeys(p.Examples) {
		if ex := p.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value
		}
	}
	if mt := firstMedia(p.Content); mt != nil {
		return mediaSample(mt)
	}
	return Sample(p.Schema)
}

// bodySample returns the request body to send for o.
func bodySample(cfg *config, o op) any {
	if v, ok := cfg.bodies[o.op.OperationID]; ok {
		return v
	}
	v := mediaSample(firstMedia(o.op.RequestBody.Value.Content))
	values := maps.Clone(cfg.learned)
	maps.Copy(values, cfg.values)
	maps.Copy(values, cfg.opValues[o.op.OperationID])
	v = deepCopy(v)
	if len(values) > 0 {
		v = replaceValues(v, values)
	}
	return v
}

// matchDocumentID makes the id of a JSON:API document sent to update a resource
// ({"data": {"id": …}}) the id in the URL, as JSON:API requires, when the path ends in the
// parameter whose value last is.
func matchDocumentID(o op, body any, last reflect.Value) any {
	if o.method != http.MethodPatch && o.method != http.MethodPut || !strings.HasSuffix(o.path, "}") {
		return body
	}
	doc, ok := body.(map[string]any)
	if !ok {
		return body
	}
	data, ok := doc["data"].(map[string]any)
	if !ok || data["id"] == nil {
		return body
	}
	if _, isString := data["id"].(string); isString {
		data["id"] = fmt.Sprint(last.Interface())
	} else {
		data["id"] = last.Interface()
	}
	return body
}

// replaceValues sets every object property of v named in values, keeping the sample's JSON type
// where a number and a numeric string meet.
func replaceValues(v any, values map[string]any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			if nv, ok := values[k]; ok {
				x[k] = sameType(c, nv)
			} else {
				x[k] = replaceValues(c, values)
			}
		}
	case []any:
		for i := range x {
			x[i] = replaceValues(x[i], values)
		}
	}
	return v
}

// sameType converts v to a string or number when like is one and v is the other.
func sameType(like, v any) any {
	switch like.(type) {
	case string:
		switch n := v.(type) {
		case float64, int, int64:
			return fmt.Sprint(n)
		}
	case float64:
		if str, ok := v.(string); ok {
			if f, err := strconv.ParseFloat(str, 64); err == nil {
				return f
			}
		}
	}
	return v
}

// deepCopy copies a JSON-shaped value, so replacing values never edits the document's examples.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, c := range x {
			out[k] = deepCopy(c)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, c := range x {
			out[i] = deepCopy(c)
		}
		return out
	}
	return v
}

// firstMedia returns the media type of content in a stable order, JSON-like ones first.
func firstMedia(content openapi3.Content) *openapi3.MediaType {
	keys := sortedKeys(content)
	slices.SortStableFunc(keys, func(a, b string) int {
		return boolRank(!strings.Contains(a, "json")) - boolRank(!strings.Contains(b, "json"))
	})
	if len(keys) == 0 {
		return nil
	}
	return content[keys[0]]
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mediaSample returns the media type's example, or a sample of its schema.
func mediaSample(mt *openapi3.MediaType) any {
	if mt == nil {
		return nil
	}
	if mt.Example != nil {
		return mt.Example
	}
	for _, name := range sortedKeys(mt.Examples) {
		if ex := mt.Examples[name]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value
		}
	}
	return Sample(mt.Schema)
}

// rawBody builds the body of a method taking (contentType, io.Reader): multipart forms from the
// schema (format: binary properties become small files), JSON from the example, anything else as
// a few bytes.
func rawBody(cfg *config, o op) (string, io.Reader, error) {
	content := o.op.RequestBody.Value.Content
	if mt := content.Get("multipart/form-data"); mt != nil {
		return multipartBody(mt)
	}
	keys := sortedKeys(content)
	if len(keys) == 0 {
		return "", nil, errors.New("request body has no media type")
	}
	mt := firstMedia(content)
	for _, k := range keys {
		if content[k] == mt {
			if strings.Contains(k, "json") {
				b, err := json.Marshal(bodySample(cfg, o))
				return k, bytes.NewReader(b), err
			}
			return k, strings.NewReader("sandbox contract test\n"), nil
		}
	}
	return "", nil, errors.New("request body has no media type")
}

// multipartBody writes a multipart form with the schema's required properties and those with an
// example; binary properties, and arrays of them, become a small PDF file part.
func multipartBody(mt *openapi3.MediaType) (string, io.Reader, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	var s *openapi3.Schema
	if mt.Schema != nil {
		s = mt.Schema.Value
	}
	if s != nil {
		for _, name := range sortedKeys(s.Properties) {
			ps := s.Properties[name].Value
			if ps == nil || (!slices.Contains(s.Required, name) && ps.Example == nil) {
				continue
			}
			// An array of binary strings (several files under one name) gets one file part.
			file := ps
			if ps.Type.Is("array") && ps.Items != nil && ps.Items.Value != nil {
				file = ps.Items.Value
			}
			if file.Format == "binary" || file.Format == "byte" && file.Type.Is("string") && file.Example == nil {
				fw, err := w.CreateFormFile(name, name+".pdf")
				if err != nil {
					return "", nil, err
				}
				fw.Write([]byte("%PDF-1.7\n%%EOF\n"))
				continue
			}
			v := Sample(s.Properties[name])
			var text string
			switch x := v.(type) {
			case string:
				text = x
			case map[string]any, []any:
				b, _ := json.Marshal(x)
				text = string(b)
			default:
				text = fmt.Sprint(x)
			}
			if err := w.WriteField(name, text); err != nil {
				return "", nil, err
			}
		}
	}
	if err := w.Close(); err != nil {
		return "", nil, err
	}
	return w.FormDataContentType(), &buf, nil
}

// encodesAsStdlib checks that the generated client's JSON encoding of a request body (encoding/json/v2
// in v1 mode, see internal/codegen/imports.tmpl) gives the bytes encoding/json gives.
func encodesAsStdlib(body reflect.Value) error {
	got, err := jsonv1.Marshal(body.Interface())
	if err != nil {
		return fmt.Errorf("the client cannot encode %s: %w", body.Type(), err)
	}
	want, err := json.Marshal(body.Interface())
	if err != nil {
		return fmt.Errorf("encoding/json cannot encode %s: %w", body.Type(), err)
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("the client encodes %s as %.300s, encoding/json as %.300s", body.Type(), got, want)
	}
	return nil
}

// sameAsStdlib checks that typed, the value the generated client decoded (with encoding/json/v2
// in v1 mode, see internal/codegen/imports.tmpl), equals what encoding/json makes of the same body.
func sameAsStdlib(typed, body reflect.Value) error {
	if !body.IsValid() {
		return nil
	}
	std := reflect.New(typed.Type().Elem())
	if err := json.Unmarshal(body.Bytes(), std.Interface()); err != nil {
		return fmt.Errorf("the client decoded the answer but encoding/json cannot: %w", err)
	}
	if !reflect.DeepEqual(typed.Interface(), std.Interface()) {
		return fmt.Errorf("the client decoded the answer differently from encoding/json: %.300s, want %.300s",
			fmt.Sprintf("%+v", typed.Elem().Interface()), fmt.Sprintf("%+v", std.Elem().Interface()))
	}
	return nil
}

// decoded checks a response: a 2xx status whose typed field (JSON200, ApplicationVndAPIJSON201,
// …) is set and equals encoding/json's decoding of the body (see sameAsStdlib), or an answer
// the document gives no JSON body for.
func decoded(o op, res reflect.Value) error {
	if res.Kind() != reflect.Pointer || res.IsNil() {
		return errors.New("nil response")
	}
	sc := res.MethodByName("StatusCode")
	if !sc.IsValid() {
		return fmt.Errorf("%s has no StatusCode method", res.Type())
	}
	status := int(sc.Call(nil)[0].Int())
	if status < 200 || status > 299 {
		return fmt.Errorf("status %d", status)
	}
	code := strconv.Itoa(status)
	st := res.Elem()
	var typed []string
	for i := range st.NumField() {
		f := st.Type().Field(i)
		// Headers<code> holds the answer's parsed headers, not its body.
		if !strings.HasSuffix(f.Name, code) || f.Type.Kind() != reflect.Pointer || f.Name == "HTTPResponse" || f.Name == "Headers"+code {
			continue
		}
		if !st.Field(i).IsNil() {
			if !strings.Contains(f.Name, "JSON") {
				return nil // a body of another media type (XML200), decoded by its own rules
			}
			return sameAsStdlib(st.Field(i), st.FieldByName("Body"))
		}
		typed = append(typed, f.Name)
	}
	if len(typed) > 0 {
		return fmt.Errorf("status %d but %s is nil", status, strings.Join(typed, ", "))
	}
	// No typed field for this status: fine when the document gives no JSON body for it.
	ref := o.op.Responses.Status(status)
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("status %d is not documented", status)
	}
	for ct := range ref.Value.Content {
		if strings.Contains(ct, "json") {
			return fmt.Errorf("status %d: the client has no typed field for %s", status, ct)
		}
	}
	if len(ref.Value.Content) > 0 {
		if body := st.FieldByName("Body"); body.IsValid() && body.Len() == 0 {
			return fmt.Errorf("status %d: empty body, want %s", status, strings.Join(sortedKeys(ref.Value.Content), ", "))
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
