package sandbox

// Cobot on the sandbox
//
// Cobot has three hosts; the sandbox serves each under a path prefix:
//
//   - https://www.cobot.me, the user-level host, and https://<subdomain>.cobot.me, a space's host,
//     are both [CobotPath]: the OAuth endpoints ([CobotAuthorizePath], [CobotTokenPath]), OpenID
//     Connect (discovery at [CobotDiscoveryPath], keys at [CobotJWKSPath], [CobotUserInfoPath])
//     and API 1 (specs/cobot-v1.yaml, whose paths begin with /api). The OpenID Connect issuer is
//     the sandbox's root URL, as the request reached it, followed by CobotPath, e.g.
//     "http://127.0.0.1:8080/cobot".
//   - https://api.cobot.me, API 2 (specs/cobot.yaml, JSON:API), is [CobotAPIPath].
//
// The authorization endpoint shows an HTML consent page for the sandbox's one user (Maria
// Keller, an admin of the space [CobotSpaceID]). Approving it redirects to the registered
// redirect URI with code and state; denying it with error=access_denied. Clients without a
// browser add sandbox_consent=approve (or deny) to the authorization URL ([CobotConsentParam])
// and get the redirect at once, or post the consent form's fields with decision=approve.
// The endpoint records the PKCE S256 code_challenge, the nonce and the scopes; the token
// endpoint (form-encoded, or the same fields in the query string) checks the code_verifier
// against the challenge, the client secret of a confidential client (a public client must use
// PKCE), the redirect URI, and that the code is unused and younger than [Options.CodeLifetime].
// A reused code is rejected and the tokens issued for it are revoked. With the openid scope the
// answer carries an RS256 ID token (iss, sub, aud, exp, iat, nonce; email and email_verified
// with the email scope, name with the profile scope), signed with an RSA key the sandbox
// generates for itself when first needed and publishes at CobotJWKSPath.
//
// Every API request is validated against its document; API 2 answers are
// application/vnd.api+json and errors are JSON:API error documents (a body field that breaks
// the schema gives 422 with source.pointer, a bad query parameter 400 with source.parameter).
// API 2 holds clients to its media types, as Cobot's documentation demands: a request whose
// Accept header does not list application/vnd.api+json is answered 406 (the PDF download
// excepted), and a request other than GET whose Content-Type is not exactly
// application/vnd.api+json, with or without a body (a documented file upload excepted), 415.
// Bearer tokens must be live (401 otherwise) and hold the scopes the operation requires (403
// otherwise). Each access token may make [Options.CobotRateLimit] requests per
// [Options.CobotRateWindow] (60 per minute by default): a bucket that holds that many requests
// and refills evenly over the window, so clients pacing themselves at the documented rate
// never see a 429 whatever their jitter, while bursts beyond it are answered 429 with
// Retry-After in whole seconds until a request is allowed again. API 1's GET /api/memberships
// has its own, stricter bucket of [Options.CobotMembershipsRateLimit] requests per window (6 per
// minute by default), taken before the general one.
//
// Bookings and memberships are stateful: bookings are created (as admin or for a membership),
// read, listed per space and per membership, updated and deleted consistently; memberships are
// seeded and read and listed through API 2 and API 1 alike. Lists page with page[number] and
// page[size] and answer links (self, first, prev, next, last, relative to the host) and meta
// (totalPages, currentPage). API 1 access tokens can be inspected, revoked and exchanged for a
// non-expiring space-owned token; webhook subscriptions are kept too. Every other operation
// answers the example its document gives.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// Cobot paths on the sandbox; see the package's Cobot notes at the top of cobot.go.
const (
	// CobotPath stands for https://www.cobot.me and a space's host: OAuth, OpenID Connect and
	// API 1. The OpenID Connect issuer is the sandbox's root URL followed by CobotPath.
	CobotPath = "/cobot"
	// CobotV1APIPath is the base URL path of API 1 (the cobotv1 client's server; its paths begin
	// with /api). It equals CobotPath because API 1 lives on the user and space hosts.
	CobotV1APIPath = CobotPath
	// CobotAccessTokensBase is the API 1 base the auth package's access-token calls
	// (auth.CobotConfig.APIURL) append "/access_tokens/..." to.
	CobotAccessTokensBase = CobotPath + "/api"
	// CobotAPIPath stands for https://api.cobot.me: API 2 (JSON:API).
	CobotAPIPath = "/cobot-api"
	// CobotAuthorizePath is the authorization endpoint with its consent page.
	CobotAuthorizePath = CobotPath + "/oauth/authorize"
	// CobotTokenPath is the token endpoint.
	CobotTokenPath = CobotPath + "/oauth/access_token"
	// CobotDiscoveryPath is the OpenID Connect discovery document; the same document is served
	// at CobotPath + "/.well-known/oauth-authorization-server".
	CobotDiscoveryPath = CobotPath + "/.well-known/openid-configuration"
	// CobotJWKSPath publishes the key ID tokens are signed with.
	CobotJWKSPath = CobotPath + "/jwks.json"
	// CobotUserInfoPath is the OpenID Connect userinfo endpoint.
	CobotUserInfoPath = CobotPath + "/api/userinfo"
	// CobotConsentParam, added to an authorization URL with the value "approve" or "deny",
	// answers the consent page at once, for clients without a browser (tests, the demo).
	CobotConsentParam = "sandbox_consent"
	// CobotSpaceID is the id of the sandbox's coworking space, the one its user administers.
	CobotSpaceID = "84c0a257a8e5fcd921cf96233170bbae"
)

// The sandbox's one Cobot user, who signs in on the consent page. The id and email are those
// of the API 2 user example, so GET /user agrees with the ID token.
const (
	cobotUserID    = "776e9edf3b7d0ceb5f7213005a95863a"
	cobotUserEmail = "maria.keller@example.org"
	cobotUserName  = "Maria Keller"
)

// cobotOIDCScopes are the OpenID Connect scopes; they give no access to API operations.
var cobotOIDCScopes = []string{"openid", "email", "profile"}

// cobotLegacyScopes are API 1 scopes found in Cobot's own integrations but in neither document.
var cobotLegacyScopes = []string{"read", "write", "read_admins", "write_activities", "read_spaces", "read_user",
	"team", "write_team_member", "checkin", "navigation", "signin", "read_external_bookings"}

// cobot is the state of the Cobot emulation shared by API 2, API 1 and the OAuth endpoints.
type cobot struct {
	s          *Server
	api2, api1 *api
	scopes     []string // every scope an app may request, sorted
	apiScopes  []string // the scopes of the two documents, sorted
	state      *cobotState

	mu       sync.Mutex
	grants   map[string]*cobotGrant   // access token → what it grants
	codes    map[string]*cobotCode    // authorization code → its request
	consents map[string]*cobotPending // consent page id → the request shown
	buckets  map[string]*cobotBucket  // access token (and " " + limit name) → rate limit bucket

	keyOnce sync.Once
	key     *cobotKey
	keyErr  error
}

// cobotGrant is what an access token stands for.
type cobotGrant struct {
	clientID string
	scopes   []string
	user     string // the user's id; empty for a space-owned token
	space    string // the owning space of a space-owned token
}

// cobotBucket is one access token's rate limit: tokens requests available as of last.
type cobotBucket struct {
	tokens float64
	last   time.Time
	token  string // the access token it limits
}

func registerCobot(s *Server) error {
	c := &cobot{s: s, grants: map[string]*cobotGrant{}, codes: map[string]*cobotCode{},
		consents: map[string]*cobotPending{}, buckets: map[string]*cobotBucket{}}
	c.api2 = &api{name: "cobot", prefix: CobotAPIPath, errorFn: cobotAPIError, check: cobotMediaTypes}
	c.api1 = &api{name: "cobot", prefix: CobotV1APIPath, errorFn: cobotV1Error}
	if err := s.mount(c.api2, specs.Cobot); err != nil {
		return err
	}
	if err := s.mount(c.api1, specs.CobotV1); err != nil {
		return err
	}
	c.apiScopes = append(cobotDocScopes(c.api2.doc), cobotDocScopes(c.api1.doc)...)
	slices.Sort(c.apiScopes)
	c.apiScopes = slices.Compact(c.apiScopes)
	c.scopes = slices.Concat(c.apiScopes, cobotOIDCScopes, cobotLegacyScopes)
	slices.Sort(c.scopes)
	c.scopes = slices.Compact(c.scopes)

	st, err := newCobotState(c)
	if err != nil {
		return err
	}
	c.state = st
	for _, a := range []*api{c.api2, c.api1} {
		a.authenticate = c.authenticate
		stateful := st.ops(a)
		a.ops = map[string]opFunc{}
		for _, item := range a.doc.Paths.Map() {
			for _, op := range item.Operations() {
				h := stateful[op.OperationID]
				if h == nil {
					h = cobotExample(op)
				}
				limits := []cobotLimit{c.generalLimit()}
				if a == c.api1 && op.OperationID == "listMemberships" {
					limits = []cobotLimit{{"memberships", c.s.opts.CobotMembershipsRateLimit}, c.generalLimit()}
				}
				a.ops[op.OperationID] = c.limited(a, h, limits)
			}
		}
	}
	c.routes()
	s.cobot = c
	return nil
}

func (s *Server) cobotOf() *cobot { return s.cobot }

// cobotDocScopes lists the scopes an OpenAPI document's OAuth2 flows declare.
func cobotDocScopes(doc *openapi3.T) []string {
	var out []string
	for _, ref := range doc.Components.SecuritySchemes {
		if ref.Value == nil || ref.Value.Flows == nil {
			continue
		}
		for _, f := range []*openapi3.OAuthFlow{ref.Value.Flows.AuthorizationCode, ref.Value.Flows.Implicit,
			ref.Value.Flows.ClientCredentials, ref.Value.Flows.Password} {
			if f != nil {
				out = append(out, slices.Collect(maps.Keys(f.Scopes))...)
			}
		}
	}
	slices.Sort(out)
	return out
}

// CobotTestToken issues a Cobot access token for the sandbox's user and OAuth app without the
// authorization flow, like the "access token for testing purposes" Cobot creates when an app
// is registered. With no scopes it grants every scope of both documents plus openid, email and
// profile. It expires after [Options.TokenLifetime]. It is meant for tests and contract runs
// that are not about OAuth.
func (s *Server) CobotTestToken(scopes ...string) string {
	c := s.cobotOf()
	if len(scopes) == 0 {
		scopes = slices.Concat(c.apiScopes, cobotOIDCScopes)
	}
	tok, _ := c.issue(&cobotGrant{clientID: s.creds.CobotClientID, scopes: slices.Clone(scopes), user: cobotUserID}, false)
	return tok
}

// issue records a new access token for g; a space-owned token never expires.
func (c *cobot) issue(g *cobotGrant, forever bool) (string, time.Duration) {
	tok, ttl := c.s.issue("cobot")
	if forever {
		c.s.mu.Lock()
		c.s.tokens[tok] = issued{provider: "cobot", expiry: cobotNever}
		c.s.mu.Unlock()
		ttl = 0
	}
	c.mu.Lock()
	c.grants[tok] = g
	c.mu.Unlock()
	return tok, ttl
}

// grant returns what tok grants if it is a live Cobot token.
func (c *cobot) grant(tok string) *cobotGrant {
	if tok == "" {
		return nil
	}
	c.s.mu.Lock()
	is, found := c.s.tokens[tok]
	c.s.mu.Unlock()
	if !found || is.provider != "cobot" || !c.s.opts.Now().Before(is.expiry) {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.grants[tok]
}

// revoke makes tokens unusable.
func (c *cobot) revoke(tokens ...string) {
	c.s.mu.Lock()
	for _, t := range tokens {
		delete(c.s.tokens, t)
	}
	c.s.mu.Unlock()
	c.mu.Lock()
	for _, t := range tokens {
		delete(c.grants, t)
	}
	for k, b := range c.buckets {
		if slices.Contains(tokens, b.token) {
			delete(c.buckets, k)
		}
	}
	c.mu.Unlock()
}

// cobotBearer returns the token of an Authorization header; the scheme is case-insensitive, as
// Cobot documents "bearer" in lower case.
func cobotBearer(r *http.Request) string {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}

// cobotLimit is one rate limit: requests per [Options.CobotRateWindow] and access token, in a
// bucket of its own per name.
type cobotLimit struct {
	name  string // "" for the general limit
	limit int
}

// generalLimit is the limit every request of a token counts against.
func (c *cobot) generalLimit() cobotLimit { return cobotLimit{"", c.s.opts.CobotRateLimit} }

// allow takes one request from each of tok's buckets for limits when every one has a request
// available, or takes none and reports the limit that refused and how long until it would allow.
func (c *cobot) allow(tok string, limits []cobotLimit) (bool, cobotLimit, time.Duration) {
	window, now := c.s.opts.CobotRateWindow, c.s.opts.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	buckets := make([]*cobotBucket, len(limits))
	for i, l := range limits {
		key := tok
		if l.name != "" {
			key = tok + " " + l.name
		}
		b := c.buckets[key]
		if b == nil {
			b = &cobotBucket{tokens: float64(l.limit), last: now, token: tok}
			c.buckets[key] = b
		}
		per := window / time.Duration(l.limit) // refill time of one request
		if elapsed := now.Sub(b.last); elapsed > 0 {
			b.tokens = min(float64(l.limit), b.tokens+float64(elapsed)/float64(per))
			b.last = now
		}
		if b.tokens < 1 {
			return false, l, time.Duration((1 - b.tokens) * float64(per))
		}
		buckets[i] = b
	}
	for _, b := range buckets {
		b.tokens--
	}
	return true, cobotLimit{}, 0
}

// limited applies the per-token rate limits before h; a refused request takes nothing from any
// of them. The API 1 access-token operations are authenticated by the token in their path.
func (c *cobot) limited(a *api, h opFunc, limits []cobotLimit) opFunc {
	return func(w http.ResponseWriter, r *http.Request, params map[string]string, body []byte) {
		tok := cobotBearer(r)
		if tok == "" {
			tok = params["token"]
		}
		if tok != "" && c.grant(tok) != nil {
			if ok, l, wait := c.allow(tok, limits); !ok {
				secs := max(1, int(math.Ceil(wait.Seconds())))
				w.Header().Set("Retry-After", strconv.Itoa(secs))
				a.errorFn(w, http.StatusTooManyRequests, "rate_limited",
					fmt.Sprintf("rate limit of %d requests per %s exceeded; retry in %d s", l.limit, c.s.opts.CobotRateWindow, secs))
				return
			}
		}
		h(w, r, params, body)
	}
}

// authenticate checks the bearer token of an operation: live (401 otherwise) and holding the
// scopes of the security requirement (403 otherwise). The scheme name is case-insensitive, as
// Cobot documents "bearer" in lower case.
func (c *cobot) authenticate(r *http.Request, ai *openapi3filter.AuthenticationInput) error {
	if ai.SecurityScheme.Type != "oauth2" {
		return nil
	}
	tok := cobotBearer(r)
	if tok == "" {
		return errors.New("missing bearer token")
	}
	g := c.grant(tok)
	if g == nil {
		c.s.mu.Lock()
		is, found := c.s.tokens[tok]
		c.s.mu.Unlock()
		if found && is.provider == "cobot" {
			return errors.New("access token expired")
		}
		return errors.New("unknown access token")
	}
	var lack []string
	for _, scope := range ai.Scopes {
		if !slices.Contains(g.scopes, scope) {
			lack = append(lack, scope)
		}
	}
	if len(lack) > 0 {
		op := ""
		if in := ai.RequestValidationInput; in != nil && in.Route != nil && in.Route.Operation != nil {
			op = " needed by " + in.Route.Operation.OperationID
		}
		return &authError{status: http.StatusForbidden, code: "insufficient_scope",
			msg: "the access token lacks the scope " + strings.Join(lack, " ") + op}
	}
	return nil
}

// cobotExample answers an operation with the example of its first 2xx response, in the
// response's own media type. The answer is the same every time: it is encoded once.
func cobotExample(op *openapi3.Operation) opFunc {
	answer := sync.OnceValue(func() cobotAnswer { return cobotExampleAnswer(op) })
	return func(w http.ResponseWriter, _ *http.Request, _ map[string]string, _ []byte) {
		a := answer()
		if a.contentType != "" {
			w.Header().Set("Content-Type", a.contentType)
		}
		w.WriteHeader(a.status)
		w.Write(a.body)
	}
}

// cobotAnswer is a canned answer: status, media type (none for an empty answer) and body.
type cobotAnswer struct {
	status      int
	contentType string
	body        []byte
}

func cobotExampleAnswer(op *openapi3.Operation) cobotAnswer {
	for code := 200; code < 300; code++ {
		ref := op.Responses.Status(code)
		if ref == nil || ref.Value == nil {
			continue
		}
		for _, mt := range []string{cobotJSONAPI, "application/json", "application/pdf"} {
			m := ref.Value.Content.Get(mt)
			if m == nil {
				continue
			}
			v := m.Example
			if v == nil && m.Schema != nil && m.Schema.Value != nil {
				v = m.Schema.Value.Example
			}
			if s, ok := v.(string); ok && mt == "application/pdf" {
				return cobotAnswer{code, mt, fmt.Appendf(nil, "%s\n%%%%EOF\n", s)}
			}
			var b bytes.Buffer
			json.NewEncoder(&b).Encode(v) // as cobotWriteDoc writes it
			return cobotAnswer{code, mt, b.Bytes()}
		}
		return cobotAnswer{status: code}
	}
	return cobotAnswer{status: http.StatusNoContent}
}

// cobotJSONAPI is the media type of API 2 requests and answers.
const cobotJSONAPI = "application/vnd.api+json"

// cobotMediaTypes is API 2's check of the media types a request declares: Accept must list
// application/vnd.api+json (406 otherwise; GET /invoices/{id}.pdf, which answers a PDF, is
// exempt), and every request other than GET and HEAD, bodyless ones included, must send
// Content-Type: application/vnd.api+json without parameters (415 otherwise), as JSON:API asks.
// The document's one multipart/form-data upload, POST /invoices/{id}/pdf, passes.
func cobotMediaTypes(_ *Server, r *http.Request) (int, string, string) {
	if !strings.HasSuffix(r.URL.Path, ".pdf") && !cobotAccepts(r.Header.Values("Accept")) {
		return http.StatusNotAcceptable, "not_acceptable", "requests must send Accept: " + cobotJSONAPI
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return 0, "", ""
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err == nil && mt == "multipart/form-data" && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/pdf") {
		return 0, "", "" // the document's one file upload, POST /invoices/{id}/pdf
	}
	if err != nil || mt != cobotJSONAPI || len(params) > 0 {
		return http.StatusUnsupportedMediaType, "unsupported_media_type",
			r.Method + " requests must send Content-Type: " + cobotJSONAPI + ", with or without a body"
	}
	return 0, "", ""
}

// cobotAccepts reports whether Accept header values list the JSON:API media type without
// parameters.
func cobotAccepts(values []string) bool {
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if mt, params, err := mime.ParseMediaType(strings.TrimSpace(part)); err == nil && mt == cobotJSONAPI && len(params) == 0 {
				return true
			}
		}
	}
	return false
}

// cobotWriteDoc writes v as JSON with the given media type.
func cobotWriteDoc(w http.ResponseWriter, mediaType string, status int, v any) {
	w.Header().Set("Content-Type", mediaType)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// cobotAPIError writes an API 2 error: a JSON:API error document whose source names the body
// field (then the status is 422, as for any invalid request document) or query parameter that
// broke the schema.
func cobotAPIError(w http.ResponseWriter, status int, code, msg string) {
	e := map[string]any{"title": http.StatusText(status), "detail": msg}
	if m := cobotBodyField.FindStringSubmatch(msg); m != nil && status == http.StatusBadRequest {
		status = http.StatusUnprocessableEntity
		e["title"] = "Invalid attribute"
		e["source"] = map[string]string{"pointer": "/" + strings.ReplaceAll(m[1], ".", "/")}
	} else if m := cobotQueryParam.FindStringSubmatch(msg); m != nil {
		e["source"] = map[string]string{"parameter": m[1]}
	}
	e["status"] = strconv.Itoa(status)
	if code != "" {
		e["code"] = code
	}
	cobotAuthenticate(w, status, code, msg)
	cobotWriteDoc(w, cobotJSONAPI, status, map[string]any{"errors": []any{e}})
}

// cobotV1Error writes an API 1 error: {"errors": [message]}.
func cobotV1Error(w http.ResponseWriter, status int, code, msg string) {
	cobotAuthenticate(w, status, code, msg)
	writeJSON(w, status, map[string]any{"errors": []string{msg}})
}

var (
	cobotBodyField  = regexp.MustCompile(`^request body field ([^:]+):`)
	cobotQueryParam = regexp.MustCompile(`^query parameter "([^"]+)"`)
)

// cobotAuthenticate sets the WWW-Authenticate challenge of a 401 or an insufficient-scope 403.
func cobotAuthenticate(w http.ResponseWriter, status int, code, msg string) {
	desc := strings.NewReplacer(`"`, "'", `\`, "/").Replace(msg)
	switch {
	case status == http.StatusUnauthorized:
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="Cobot", error="invalid_token", error_description="%s"`, desc))
	case status == http.StatusForbidden && code == "insufficient_scope":
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="Cobot", error="insufficient_scope", error_description="%s"`, desc))
	}
}

// cobotNewID returns a random 32-digit hexadecimal id, the form Cobot's ids take.
func cobotNewID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
