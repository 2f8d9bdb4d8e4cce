package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
)

// apiOptions are the api command's flags.
type apiOptions struct {
	params, fields []string
	input          string
	raw, include   bool
	paginate       bool
	jq             string
	sandbox        bool
}

const apiLong = `api calls any operation of any API, named by its operationId or by METHOD and path, with the
stored sign-in (see "hospitality login"). The APIs: cloudbeds (PMS v1.3), cloudbeds-v2, cobot (API 2),
cobot-v1, kobas, octotable.

Parameters (-p name=value: path, query or header) and body fields (-f field=value, nested fields as
a.b or a[0][b]; or --input file.json, - for stdin) are checked against the operation in the SDK's
OpenAPI document before anything is sent: an unknown name, a missing required value or a value of
the wrong type is a usage error (exit code 2) that names it and lists the operation's parameters.
Form bodies (Cloudbeds) are sent PHP-style, JSON bodies as JSON (JSON:API for Cobot).

The request goes through the SDK's transport chain: authentication (a token refreshed when it
expires or is refused), the provider's rate limits, retries and redaction of secrets in errors.
The answer prints as indented JSON (--raw prints it as received, -i adds the status and headers).

--paginate follows the operation's paging scheme (Cloudbeds pageNumber/pageSize, Cloudbeds v2
and Kobas offset/limit, OctoTable next_cursor, Cobot page[number] and links.next) and prints
every item as one JSON line; a progress line goes to stderr when it is a terminal. --jq filters
each answer (or each item) with a jq expression (gojq).`

const apiExample = `  hospitality api cloudbeds getReservations --paginate -p pageSize=50
  hospitality api cloudbeds getReservation -p reservationID=9100000001 --jq .data.status
  hospitality api cloudbeds postReservation -f startDate=2025-06-12 -f endDate=2025-06-14 \
      -f guestFirstName=Ana -f 'rooms[0][roomTypeID]=77' -f 'rooms[0][quantity]=1' …
  hospitality api kobas GET /venue
  hospitality api octotable createReservation --input reservation.json
  hospitality api cobot GET /spaces/sandbox-space -i`

func newAPICmd(s streams) *cobra.Command {
	var o apiOptions
	c := &cobra.Command{
		Use:     "api <api> <operationId | METHOD /path>",
		Short:   "Call any operation of any API, checked against its OpenAPI document",
		Long:    apiLong,
		Example: apiExample,
		Args:    rangeArgs(2, 3),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			switch len(args) {
			case 0:
				return apiNames(), cobra.ShellCompDirectiveNoFileComp
			case 1:
				a, err := lookupAPI(args[0])
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				doc, err := loadSpec(a)
				if err != nil {
					return nil, cobra.ShellCompDirectiveError
				}
				var ids []string
				for _, op := range operations(a, doc) {
					ids = append(ids, op.op.OperationID+"\t"+op.method+" "+op.path)
				}
				return ids, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			return callAPI(c.Context(), s, args, o)
		},
	}
	f := c.Flags()
	f.StringArrayVarP(&o.params, "param", "p", nil, "a path, query or header parameter, name=value (repeat for each)")
	f.StringArrayVarP(&o.fields, "field", "f", nil, "a request body field, name=value; nested as a.b or a[0][b] (repeat for each)")
	f.StringVar(&o.input, "input", "", "the request body from a JSON file (- for stdin)")
	f.BoolVar(&o.raw, "raw", false, "print the answer as received")
	f.BoolVarP(&o.include, "include", "i", false, "print the status line and headers before the answer")
	f.BoolVar(&o.paginate, "paginate", false, "follow every page and print each item as a JSON line")
	f.StringVar(&o.jq, "jq", "", "filter the answer (each item with --paginate) with a jq expression")
	f.BoolVar(&o.sandbox, "sandbox", false, "use the sandbox sign-in (the default when only a sandbox sign-in exists)")
	return c
}

// request is a checked request, ready to be sent (again, with other paging values).
type request struct {
	op          *operation
	path        map[string]string
	query       url.Values
	header      http.Header
	body        []byte
	contentType string
}

// callAPI runs the api command.
func callAPI(ctx context.Context, s streams, args []string, o apiOptions) error {
	a, err := lookupAPI(args[0])
	if err != nil {
		return err
	}
	if len(o.fields) > 0 && o.input != "" {
		return usageError("api: give -f fields or --input, not both")
	}
	var code *gojq.Code
	if o.jq != "" {
		q, err := gojq.Parse(o.jq)
		if err != nil {
			return usageError("api: --jq %q: %v", o.jq, err)
		}
		if code, err = gojq.Compile(q); err != nil {
			return usageError("api: --jq %q: %v", o.jq, err)
		}
	}
	doc, err := loadSpec(a)
	if err != nil {
		return err
	}
	op, pathVals, err := findOperation(a, operations(a, doc), args[1:])
	if err != nil {
		return err
	}
	req, err := buildRequest(op, pathVals, o, s)
	if err != nil {
		return err
	}
	var pager *pager
	if o.paginate {
		if pager, err = newPager(op, req); err != nil {
			return err
		}
	}
	c, err := connect(ctx, s, a, o.sandbox)
	if err != nil {
		return err
	}
	defer c.env.close()
	out := &printer{w: s.out, raw: o.raw, code: code}
	if pager != nil {
		return pager.run(ctx, c, req, out, s, o.include)
	}
	res, body, err := c.send(ctx, req, "")
	if err != nil {
		return apiFailure(s, err)
	}
	if o.include {
		printHeaders(s.out, res)
	}
	return out.answer(body)
}

// buildRequest checks the flags against the operation and builds the request.
func buildRequest(op *operation, pathVals map[string]string, o apiOptions, s streams) (*request, error) {
	r := &request{op: op, path: map[string]string{}, query: url.Values{}, header: http.Header{}}
	for k, v := range pathVals {
		r.path[k] = v
	}
	given := map[*openapi3.Parameter]bool{}
	for k := range pathVals {
		for _, p := range op.params {
			if p.In == "path" && p.Name == k {
				given[p] = true
			}
		}
	}
	for _, kv := range o.params {
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, usageError("api: -p %q: want name=value\n%s", kv, op.paramList())
		}
		p := findParam(op, name)
		if p == nil {
			return nil, usageError("api: %s has no parameter %q\n%s", op.op.OperationID, name, op.paramList())
		}
		v, err := convert(p.Schema, value)
		if err == nil {
			err = check(p.Schema, v)
		}
		if err != nil {
			return nil, usageError("api: parameter %q of %s: %v\n%s", p.Name, op.op.OperationID, err, op.paramList())
		}
		given[p] = true
		switch p.In {
		case "path":
			r.path[p.Name] = value
		case "query":
			if p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Type.Is("array") && (p.Explode == nil || *p.Explode) {
				r.query[p.Name] = append(r.query[p.Name], strings.Split(value, ",")...)
			} else {
				r.query.Add(p.Name, value)
			}
		case "header":
			r.header.Add(p.Name, value)
		case "cookie":
			r.header.Add("Cookie", p.Name+"="+value)
		}
	}
	var missing []string
	for _, p := range op.params {
		if p.Required && !given[p] {
			missing = append(missing, p.Name)
		}
	}
	if len(missing) > 0 {
		return nil, usageError("api: %s: missing required parameter(s) %s\n%s", op.op.OperationID, strings.Join(quoteAll(missing), ", "), op.paramList())
	}
	mt, sch := op.bodyMedia()
	if mt == "" {
		if len(o.fields) > 0 || o.input != "" {
			return nil, usageError("api: %s takes no request body\n%s", op.op.OperationID, op.paramList())
		}
		return r, nil
	}
	var body any
	switch {
	case o.input != "":
		var data []byte
		var err error
		if o.input == "-" {
			data, err = io.ReadAll(s.in)
		} else {
			data, err = os.ReadFile(o.input)
		}
		if err != nil {
			return nil, usageError("api: --input: %v", err)
		}
		if err := json.Unmarshal(data, &body); err != nil {
			return nil, usageError("api: --input %s is not JSON: %v", o.input, err)
		}
	case len(o.fields) > 0:
		obj := map[string]any{}
		for _, kv := range o.fields {
			name, value, ok := strings.Cut(kv, "=")
			if !ok {
				return nil, usageError("api: -f %q: want field=value\n%s", kv, op.paramList())
			}
			if err := setField(obj, sch, fieldPath(name), value); err != nil {
				return nil, usageError("api: %s: field %q: %v\n%s", op.op.OperationID, name, err, op.paramList())
			}
		}
		body = obj
	default:
		if op.op.RequestBody.Value.Required {
			return nil, usageError("api: %s needs a request body: give -f field=value or --input file\n%s", op.op.OperationID, op.paramList())
		}
		return r, nil
	}
	if err := check(sch, body); err != nil {
		return nil, usageError("api: %s: request body: %v\n%s", op.op.OperationID, err, op.paramList())
	}
	r.contentType = mt
	switch mt {
	case "application/x-www-form-urlencoded":
		r.body = []byte(phpForm(body))
	case "multipart/form-data":
		return nil, usageError("api: %s takes a multipart body, which the command cannot send yet", op.op.OperationID)
	default:
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		r.body = b
	}
	return r, nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

// findParam finds a parameter by name; header names match whatever their case.
func findParam(op *operation, name string) *openapi3.Parameter {
	for _, p := range op.params {
		if p.Name == name {
			return p
		}
	}
	for _, p := range op.params {
		if p.In == "header" && strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// fieldPath splits "a.b[0][c]" into ["a", "b", "0", "c"].
func fieldPath(name string) []string {
	var out []string
	for _, part := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(name, "]", ""), "[", "."), ".") {
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// propertySchema returns the schema of a property of an object schema, or nil when the schema
// names its properties and this is not one of them.
func propertySchema(s *openapi3.SchemaRef, name string) (*openapi3.SchemaRef, bool) {
	if s == nil || s.Value == nil {
		return nil, true
	}
	if p, ok := s.Value.Properties[name]; ok {
		return p, true
	}
	if len(s.Value.Properties) == 0 {
		if ap := s.Value.AdditionalProperties.Schema; ap != nil {
			return ap, true
		}
		return nil, true
	}
	if ap := s.Value.AdditionalProperties; ap.Has != nil && *ap.Has || ap.Schema != nil {
		return ap.Schema, true
	}
	return nil, false
}

// setField sets obj's field at path to value converted for the schema.
func setField(obj map[string]any, sch *openapi3.SchemaRef, path []string, value string) error {
	if len(path) == 0 {
		return errors.New("empty field name")
	}
	var cur any = obj
	var set func(any)
	for i, seg := range path {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			ps, known := propertySchema(sch, seg)
			if !known {
				return fmt.Errorf("unknown field %q (fields: %s)", seg, strings.Join(sortedKeys(sch.Value.Properties), ", "))
			}
			sch = ps
			if last {
				v, err := convertField(sch, value)
				if err != nil {
					return err
				}
				c[seg] = v
				return nil
			}
			next, ok := c[seg]
			if !ok {
				next = newContainer(sch, path[i+1])
				c[seg] = next
			}
			m := c
			key := seg
			set = func(v any) { m[key] = v }
			cur = next
		case []any:
			idx, err := strconv.Atoi(seg)
			if err != nil || idx < 0 || idx > 1000 {
				return fmt.Errorf("%q is not an array index", seg)
			}
			for len(c) <= idx {
				c = append(c, nil)
			}
			set(c)
			var items *openapi3.SchemaRef
			if sch != nil && sch.Value != nil {
				items = sch.Value.Items
			}
			sch = items
			if last {
				v, err := convertField(sch, value)
				if err != nil {
					return err
				}
				c[idx] = v
				return nil
			}
			if c[idx] == nil {
				c[idx] = newContainer(sch, path[i+1])
			}
			arr, at := c, idx
			set = func(v any) { arr[at] = v }
			cur = c[idx]
		default:
			return fmt.Errorf("%q is not an object or array", strings.Join(path[:i], "."))
		}
	}
	return nil
}

// newContainer returns an empty array when next is an index, an empty object otherwise.
func newContainer(s *openapi3.SchemaRef, next string) any {
	if s != nil && s.Value != nil && s.Value.Type.Is("array") {
		return []any{}
	}
	if _, err := strconv.Atoi(next); err == nil && (s == nil || s.Value == nil || !s.Value.Type.Is("object")) {
		return []any{}
	}
	return map[string]any{}
}

// convertField converts a body field's value; with no schema, a JSON literal is taken as JSON.
func convertField(s *openapi3.SchemaRef, raw string) (any, error) {
	if s == nil || s.Value == nil || s.Value.Type == nil {
		var x any
		if json.Unmarshal([]byte(raw), &x) == nil {
			if _, isStr := x.(string); !isStr {
				return x, nil
			}
		}
		return raw, nil
	}
	return convert(s, raw)
}

// phpForm encodes v PHP-style (rooms[0][roomTypeID]=77), keys sorted.
func phpForm(v any) string {
	vals := url.Values{}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(x) {
				key := k
				if prefix != "" {
					key = prefix + "[" + k + "]"
				}
				walk(key, x[k])
			}
		case []any:
			for i, e := range x {
				walk(prefix+"["+strconv.Itoa(i)+"]", e)
			}
		case nil:
		case float64:
			vals.Add(prefix, strconv.FormatFloat(x, 'f', -1, 64))
		default:
			vals.Add(prefix, fmt.Sprint(x))
		}
	}
	walk("", v)
	return vals.Encode()
}

// send sends r (to next instead, when following a links.next URL) and returns the answer's body.
func (c *conn) send(ctx context.Context, r *request, next string) (*http.Response, []byte, error) {
	u := next
	if u == "" {
		path := r.op.path
		for k, v := range r.path {
			path = strings.ReplaceAll(path, "{"+k+"}", url.PathEscape(v))
		}
		u = c.server + path
		if len(r.query) > 0 {
			u += "?" + r.query.Encode()
		}
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.op.method, u, body)
	if err != nil {
		return nil, nil, err
	}
	for k, vs := range r.header {
		req.Header[k] = vs
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	for _, e := range c.editors {
		if err := e(ctx, req); err != nil {
			return nil, nil, err
		}
	}
	res, err := c.doer.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, nil, err
	}
	return res, b, nil
}

// apiFailure prints a failed call's (redacted) answer body to stdout and returns the error with
// its exit code: 3 when signing in again is needed, 1 otherwise.
func apiFailure(s streams, err error) error {
	var ae *hospitality.APIError
	if errors.As(err, &ae) && len(ae.Body) > 0 {
		var buf bytes.Buffer
		if json.Indent(&buf, ae.Body, "", "  ") == nil {
			fmt.Fprintln(s.out, buf.String())
		}
	}
	var te *auth.TokenError
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		return err
	case errors.Is(err, hospitality.ErrUnauthorized), errors.Is(err, hospitality.ErrConsentRequired),
		errors.As(err, &te), errors.Is(err, auth.ErrCloudbedsAuthorizationRequired):
		return &exitError{code: exitAuth, err: fmt.Errorf("api: %w (sign in again: hospitality login)", err)}
	}
	return &exitError{code: exitAPI, err: fmt.Errorf("api: %w", err)}
}

// printHeaders writes the status line and the headers, sorted.
func printHeaders(w io.Writer, res *http.Response) {
	fmt.Fprintf(w, "%s %s\n", res.Proto, res.Status)
	keys := make([]string, 0, len(res.Header))
	for k := range res.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range res.Header[k] {
			fmt.Fprintf(w, "%s: %s\n", k, v)
		}
	}
	fmt.Fprintln(w)
}

// printer writes answers and items.
type printer struct {
	w    io.Writer
	raw  bool
	code *gojq.Code
}

// answer prints one whole answer.
func (p *printer) answer(body []byte) error {
	if p.code != nil {
		return p.filter(body, true)
	}
	if p.raw || len(bytes.TrimSpace(body)) == 0 {
		_, err := p.w.Write(body)
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, body, "", "  "); err != nil {
		_, err := p.w.Write(body) // not JSON: as received
		return err
	}
	buf.WriteByte('\n')
	_, err := p.w.Write(buf.Bytes())
	return err
}

// item prints one item of a paginated list as a JSON line.
func (p *printer) item(raw json.RawMessage) error {
	if p.code != nil {
		return p.filter(raw, false)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := p.w.Write(buf.Bytes())
	return err
}

// filter runs the jq code on a JSON document; strings print bare, other values as JSON.
func (p *printer) filter(doc []byte, indent bool) error {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("api: --jq: the answer is not JSON")
	}
	iter := p.code.Run(normalize(v))
	for {
		x, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, isErr := x.(error); isErr {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				return nil
			}
			return &exitError{code: exitUsage, err: fmt.Errorf("api: --jq: %w", err)}
		}
		if s, isStr := x.(string); isStr {
			fmt.Fprintln(p.w, s)
			continue
		}
		var b []byte
		var err error
		if indent {
			b, err = gojq.Marshal(x)
			if err == nil {
				var buf bytes.Buffer
				if json.Indent(&buf, b, "", "  ") == nil {
					b = buf.Bytes()
				}
			}
		} else {
			b, err = gojq.Marshal(x)
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(p.w, string(b))
	}
}

// normalize turns json.Number values into what gojq computes with (int, float64 or big ints via
// its own parser), keeping large integers exact.
func normalize(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		if f, err := x.Float64(); err == nil && strings.ContainsAny(x.String(), ".eE") {
			return f
		}
		var n any
		if json.Unmarshal([]byte(x.String()), &n) == nil {
			return n
		}
		return x.String()
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
	}
	return v
}

// keysOf lists an object's keys, for errors.
func keysOf(m map[string]json.RawMessage) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
