package sandbox

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// router finds the operation of a request in one document served under a path prefix. It
// answers what kin-openapi's gorillamux router answers for a server at
// "http://sandbox" + prefix (paths tried in [openapi3.Paths.InMatchingOrder], the first whose
// template matches the escaped path wins, a matching path without the method is "method not
// allowed", variables are the escaped segments) without running a regular expression per
// path and per request: literal paths are one map lookup, templated ones are compared segment
// by segment among those with as many segments. Its routes are built once and shared, read-only,
// by every request and every Server.
type router struct {
	prefix    string
	literal   map[string]*routeEntry // escaped path after the prefix → entry, for paths without variables
	templated map[int][]*routeEntry  // number of segments → entries with variables, in matching order
	fallback  routers.Router         // gorillamux, for templates this router does not handle
}

// routeEntry is one path of the document with a route per method.
type routeEntry struct {
	segments []routeSegment
	routes   map[string]*opRoute // method → route
	item     *openapi3.PathItem
	base     routers.Route
}

// opRoute is the route of one operation with what validating its requests needs, worked out
// once: the parameters to check, in kin-openapi's order, and whether checking them may add
// headers to the request.
type opRoute struct {
	routers.Route
	// params are the path item's parameters the operation does not override, then the
	// operation's own, as openapi3filter.ValidateRequest checks them.
	params []*openapi3.Parameter
	// copyHeader is set when a header or cookie parameter has a default, which validation adds
	// to the headers of the request it checks; writesQuery when a query parameter has one, which
	// it adds to the query.
	copyHeader, writesQuery bool
	// absentKey holds, by index in params, the query key or canonical header name of each
	// optional parameter that validation always passes when the request lacks that key, and ""
	// for the others. Such absent parameters are not checked: kin-openapi would decode nothing
	// and, for one with a default, parse and re-encode the whole query to set it, then check the
	// default, which is valid.
	absentKey []string
}

func newOpRoute(base routers.Route, method string, op *openapi3.Operation) *opRoute {
	rt := &opRoute{Route: base}
	rt.Method, rt.Operation = method, op
	for _, ref := range base.PathItem.Parameters {
		p := ref.Value
		if op.Parameters != nil && op.Parameters.GetByInAndName(p.In, p.Name) != nil {
			continue
		}
		rt.params = append(rt.params, p)
	}
	for _, ref := range op.Parameters {
		rt.params = append(rt.params, ref.Value)
	}
	rt.absentKey = make([]string, len(rt.params))
	for i, p := range rt.params {
		if (p.In == openapi3.ParameterInHeader || p.In == openapi3.ParameterInCookie) && hasDefault(p) {
			rt.copyHeader = true
		}
		if p.In == openapi3.ParameterInQuery && hasDefault(p) {
			rt.writesQuery = true
		}
		if passesWhenAbsent(p, base.Spec) {
			rt.absentKey[i] = p.Name
			if p.In == openapi3.ParameterInHeader {
				rt.absentKey[i] = http.CanonicalHeaderKey(p.Name)
			}
		}
	}
	return rt
}

// hasDefault reports whether validation may give parameter p a default value.
func hasDefault(p *openapi3.Parameter) bool {
	if p.Content != nil {
		return true // the schema comes from the content; assume it may
	}
	if p.Schema == nil || p.Schema.Value == nil {
		return false
	}
	if p.Schema.Value.Default != nil {
		return true
	}
	for _, sub := range p.Schema.Value.AllOf {
		if sub.Value != nil && sub.Value.Default != nil {
			return true
		}
	}
	return false
}

// passesWhenAbsent reports whether openapi3filter.ValidateParameter returns nil for p whenever
// the request has no value under p's own key: p is an optional query or header parameter with
// a plain schema (a scalar or an array of scalars, read from that key alone, in the style kin-
// openapi reads it), and a default, if it has one, that passes the check kin-openapi makes of it.
func passesWhenAbsent(p *openapi3.Parameter, doc *openapi3.T) bool {
	if p.Required || p.Content != nil || p.Schema == nil || p.Schema.Value == nil {
		return false
	}
	switch p.In {
	case openapi3.ParameterInQuery:
		if p.Style != "" && p.Style != openapi3.SerializationForm {
			return false
		}
	case openapi3.ParameterInHeader:
		if p.Style != "" && p.Style != openapi3.SerializationSimple {
			return false
		}
	default:
		return false
	}
	sch := p.Schema.Value
	if len(sch.AllOf) > 0 || len(sch.OneOf) > 0 || len(sch.AnyOf) > 0 || sch.Not != nil {
		return false
	}
	switch {
	case sch.Type.Is(openapi3.TypeString), sch.Type.Is(openapi3.TypeInteger), sch.Type.Is(openapi3.TypeNumber),
		sch.Type.Is(openapi3.TypeBoolean):
	case sch.Type.Is(openapi3.TypeArray):
		if sch.Items == nil || sch.Items.Value == nil || sch.Items.Value.Type.Includes(openapi3.TypeObject) {
			return false
		}
	default:
		return false
	}
	if sch.Default == nil {
		return true
	}
	var opts []openapi3.SchemaValidationOption
	if doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.EnableJSONSchema2020())
	}
	return sch.VisitJSON(sch.Default, opts...) == nil // as ValidateParameter checks it
}

// validate checks r against the operation as openapi3filter.ValidateRequest does (credentials,
// then parameters, then the body, stopping at the first failure) and returns the same errors.
// Validation sets parameter defaults on the request it checks and replaces its body: it checks
// a copy of r when the operation has parameters with defaults, and otherwise r itself, whose
// body fields are restored afterwards. It offers the credential check no body: the sandbox's
// authentication reads headers only.
func (rt *opRoute) validate(ctx context.Context, r *http.Request, params map[string]string, body []byte, opts *openapi3filter.Options) error {
	rr := r
	if rt.copyHeader || rt.writesQuery {
		c := *r
		u := *r.URL
		c.URL = &u
		if rt.copyHeader {
			c.Header = r.Header.Clone()
		}
		rr = &c
	} else {
		saved, getBody, length := r.Body, r.GetBody, r.ContentLength
		defer func() { r.Body, r.GetBody, r.ContentLength = saved, getBody, length }()
	}
	rr.Body = http.NoBody
	in := &openapi3filter.RequestValidationInput{Request: rr, PathParams: params, Route: &rt.Route, Options: opts}
	security := rt.Operation.Security
	if security == nil {
		security = &rt.Spec.Security
	}
	if err := openapi3filter.ValidateSecurityRequirements(ctx, in, *security); err != nil {
		return err
	}
	for i, p := range rt.params {
		if key := rt.absentKey[i]; key != "" {
			var present bool
			if p.In == openapi3.ParameterInQuery {
				_, present = in.GetQueryParams()[key]
			} else {
				_, present = r.Header[key]
			}
			if !present {
				continue
			}
		}
		if err := openapi3filter.ValidateParameter(ctx, in, p); err != nil {
			return err
		}
	}
	if rb := rt.Operation.RequestBody; rb != nil {
		if validJSONBody(in, rb.Value, body) {
			return nil
		}
		rr.Body = io.NopCloser(bytes.NewReader(body))
		return openapi3filter.ValidateRequestBody(ctx, in, rb.Value)
	}
	return nil
}

// routeSegment is one segment of a path template: a literal, a single variable, or a mix
// matched with the regular expression gorilla/mux would use for it.
type routeSegment struct {
	literal string
	name    string         // the variable of a segment that is exactly "{name}"
	re      *regexp.Regexp // mixed segments such as "{id}.pdf"
	names   []string       // the variables of re, in order
}

func newRouter(doc *openapi3.T, prefix string) (*router, error) {
	rt := &router{prefix: prefix, literal: map[string]*routeEntry{}, templated: map[int][]*routeEntry{}}
	server := &openapi3.Server{URL: "http://sandbox" + prefix}
	if len(doc.Servers) > 0 {
		server = doc.Servers[0]
	}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		if len(item.Servers) > 0 || strings.Contains(path, ":") && strings.Contains(path, "{") {
			// Per-path servers or variables with their own patterns: leave the document to gorillamux.
			return rt.withFallback(doc)
		}
		e := &routeEntry{item: item, routes: map[string]*opRoute{},
			base: routers.Route{Spec: doc, Server: server, Path: path, PathItem: item}}
		for method, op := range item.Operations() {
			e.routes[method] = newOpRoute(e.base, method, op)
		}
		if !strings.Contains(path, "{") {
			rt.literal[path] = e
			continue
		}
		segs := strings.Split(path, "/")
		for _, seg := range segs {
			s, err := newRouteSegment(seg)
			if err != nil {
				return rt.withFallback(doc)
			}
			e.segments = append(e.segments, s)
		}
		rt.templated[len(segs)] = append(rt.templated[len(segs)], e)
	}
	return rt, nil
}

// withFallback makes rt route every request of doc with gorillamux.
func (rt *router) withFallback(doc *openapi3.T) (*router, error) {
	fb, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	rt.fallback = fb
	return rt, nil
}

func newRouteSegment(seg string) (routeSegment, error) {
	open := strings.IndexByte(seg, '{')
	if open < 0 {
		return routeSegment{literal: seg}, nil
	}
	if open == 0 && strings.IndexByte(seg, '}') == len(seg)-1 && strings.Count(seg, "{") == 1 {
		if name := seg[1 : len(seg)-1]; name != "" {
			return routeSegment{name: name}, nil
		}
	}
	// As gorilla/mux builds it: literals quoted, each variable [^/]+.
	var pattern strings.Builder
	var names []string
	pattern.WriteByte('^')
	rest := seg
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return routeSegment{}, fmt.Errorf("sandbox: unbalanced braces in path segment %q", seg)
		}
		name := rest[open+1 : open+end]
		if name == "" || strings.ContainsAny(name, "{") {
			return routeSegment{}, fmt.Errorf("sandbox: bad variable in path segment %q", seg)
		}
		fmt.Fprintf(&pattern, "%s([^/]+)", regexp.QuoteMeta(rest[:open]))
		names = append(names, name)
		rest = rest[open+end+1:]
	}
	pattern.WriteString(regexp.QuoteMeta(rest))
	pattern.WriteByte('$')
	re, err := regexp.Compile(pattern.String())
	if err != nil {
		return routeSegment{}, err
	}
	return routeSegment{re: re, names: names}, nil
}

// find returns the route of r and its path parameters, or [routers.ErrPathNotFound] or
// [routers.ErrMethodNotAllowed]. The routes returned are shared: callers must not change them.
func (rt *router) find(r *http.Request) (*opRoute, map[string]string, error) {
	if rt.fallback != nil {
		rr := *r
		u := *r.URL
		u.Scheme, u.Host = "http", "sandbox"
		rr.URL = &u
		route, params, err := rt.fallback.FindRoute(&rr)
		if err != nil {
			return nil, nil, err
		}
		return newOpRoute(*route, route.Method, route.Operation), params, nil
	}
	path, ok := strings.CutPrefix(r.URL.EscapedPath(), rt.prefix)
	if !ok {
		return nil, nil, routers.ErrPathNotFound
	}
	if e := rt.literal[path]; e != nil {
		route, err := e.route(r.Method)
		return route, nil, err
	}
	var buf [16]string
	parts := splitPath(buf[:0], path)
	for _, e := range rt.templated[len(parts)] {
		if params, ok := e.match(parts); ok {
			route, err := e.route(r.Method)
			if err != nil {
				return nil, nil, err
			}
			return route, params, nil
		}
	}
	return nil, nil, routers.ErrPathNotFound
}

// route returns the entry's route for method; methods the document does not list (kin-openapi
// matches them exactly, case included) get a route of their own when the path item has them.
func (e *routeEntry) route(method string) (*opRoute, error) {
	if route := e.routes[method]; route != nil {
		return route, nil
	}
	op := e.item.GetOperation(method)
	if op == nil {
		return nil, routers.ErrMethodNotAllowed
	}
	return newOpRoute(e.base, method, op), nil
}

// splitPath appends the "/"-separated segments of path to dst.
func splitPath(dst []string, path string) []string {
	for {
		i := strings.IndexByte(path, '/')
		if i < 0 {
			return append(dst, path)
		}
		dst = append(dst, path[:i])
		path = path[i+1:]
	}
}

// match reports whether the segments of a path, as many as the template has, match it, and
// returns the variables.
func (e *routeEntry) match(parts []string) (map[string]string, bool) {
	// Literals first, without allocating: most templates of the same length differ there.
	for i, seg := range e.segments {
		switch {
		case seg.re != nil:
			if !seg.re.MatchString(parts[i]) {
				return nil, false
			}
		case seg.name != "":
			if parts[i] == "" {
				return nil, false
			}
		case parts[i] != seg.literal:
			return nil, false
		}
	}
	params := make(map[string]string, 2)
	for i, seg := range e.segments {
		switch {
		case seg.re != nil:
			m := seg.re.FindStringSubmatch(parts[i])
			for k, name := range seg.names {
				params[name] = m[k+1]
			}
		case seg.name != "":
			params[seg.name] = parts[i]
		}
	}
	return params, true
}
