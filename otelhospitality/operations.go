package otelhospitality

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// route matches one operation of a spec by method and path template.
type route struct {
	method string
	re     *regexp.Regexp
	id     string
	static int // literal characters in the template, for picking the most specific match
}

// specsByProvider are the embedded documents of each provider name the root constructors use.
var specsByProvider = map[string][][]byte{
	"kobas":        {specs.Kobas},
	"octotable":    {specs.Octotable},
	"cloudbeds":    {specs.Cloudbeds},
	"cloudbeds-v2": {specs.CloudbedsV2},
	"cobot":        {specs.Cobot, specs.CobotV1},
}

var (
	routesOnce sync.Once
	// routes holds each provider's routes by method, then by the template's last segment when
	// it is a literal ("getReservations"); routes ending in a parameter are under "".
	routes map[string]map[string]map[string][]route
)

// operationID returns the spec's operationId for a request of provider, matching the end of the
// request's path against each operation's path template (so any base path works: the provider's
// own, a property's host or the sandbox's prefix), or "" when none matches.
func operationID(provider string, r *http.Request) string {
	routesOnce.Do(loadRoutes)
	if r.URL == nil {
		return ""
	}
	m, path := method(r), strings.TrimSuffix(r.URL.Path, "/")
	byLast := routes[provider][m]
	best, bestStatic := "", -1
	for _, list := range [2][]route{byLast[path[strings.LastIndexByte(path, '/')+1:]], byLast[""]} {
		for _, rt := range list {
			if rt.static > bestStatic && rt.re.MatchString(path) {
				best, bestStatic = rt.id, rt.static
			}
		}
	}
	return best
}

// loadRoutes reads the paths of every embedded spec once.
func loadRoutes() {
	routes = map[string]map[string]map[string][]route{}
	for provider, docs := range specsByProvider {
		for _, doc := range docs {
			var d struct {
				Paths map[string]map[string]struct {
					OperationID string `yaml:"operationId"`
				} `yaml:"paths"`
			}
			if yaml.Unmarshal(doc, &d) != nil {
				continue
			}
			for tmpl, ops := range d.Paths {
				tmpl = strings.TrimSuffix(tmpl, "/")
				re, static := templateRegexp(tmpl)
				last := tmpl[strings.LastIndexByte(tmpl, '/')+1:]
				if strings.Contains(last, "{") {
					last = ""
				}
				for m, op := range ops {
					if op.OperationID == "" {
						continue
					}
					m = strings.ToUpper(m)
					if routes[provider] == nil {
						routes[provider] = map[string]map[string][]route{}
					}
					if routes[provider][m] == nil {
						routes[provider][m] = map[string][]route{}
					}
					routes[provider][m][last] = append(routes[provider][m][last], route{method: m, re: re, id: op.OperationID, static: static})
				}
			}
		}
		for _, byLast := range routes[provider] {
			for _, list := range byLast {
				sort.Slice(list, func(i, j int) bool { return list[i].id < list[j].id })
			}
		}
	}
}

// templateRegexp turns "/reservations/{id}/notes" into a pattern matching a path that ends with
// it, one segment per parameter.
func templateRegexp(tmpl string) (*regexp.Regexp, int) {
	var b strings.Builder
	b.WriteString(`(?:^|/)`)
	static := 0
	for i, seg := range strings.Split(strings.TrimPrefix(tmpl, "/"), "/") {
		if i > 0 {
			b.WriteString("/")
		}
		// A segment may mix literals and parameters ("{id}.json").
		for seg != "" {
			open := strings.IndexByte(seg, '{')
			if open < 0 {
				b.WriteString(regexp.QuoteMeta(seg))
				static += len(seg)
				break
			}
			b.WriteString(regexp.QuoteMeta(seg[:open]))
			static += open
			end := strings.IndexByte(seg[open:], '}')
			if end < 0 {
				b.WriteString(regexp.QuoteMeta(seg[open:]))
				break
			}
			b.WriteString(`[^/]+`)
			seg = seg[open+end+1:]
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()), static
}
