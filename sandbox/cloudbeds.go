package sandbox

// Cloudbeds on the sandbox
//
// The PMS API v1.3 is served under [CloudbedsAPIPath] and API v2 under [CloudbedsV2APIPath].
// Point the SDK at them with
//
//	auth.CloudbedsConfig{BaseURL: root + sandbox.CloudbedsAPIPath, ...}   // consent, tokens, metadata
//	hospitality.CloudbedsConfig{BaseURL: root + sandbox.CloudbedsAPIPath} // ConnectCloudbeds
//	hospitality.CloudbedsConfig{BaseURL: root + sandbox.CloudbedsV2APIPath} // ConnectCloudbedsV2
//
// OAuth 2 authorization code, as Cloudbeds runs it:
//
//   - GET [CloudbedsAuthorizePath]?client_id=…&redirect_uri=…&response_type=code&scope=…&state=…
//     shows an HTML consent page naming the app, the property and the scopes, with Approve and
//     Deny buttons. The client id and the redirect URI must be exactly those of [Credentials]
//     (otherwise the page shows the error and does not redirect). Without scope, every scope is
//     granted (Cloudbeds uses the app's configured scopes).
//   - The page POSTs the same fields plus decision=approve (or decision=deny) to the same path;
//     the answer is 302 Found to redirect_uri?code=…&state=… (or error=access_denied&state=…).
//   - Programs skip the page: add auto_approve=1 to the consent URL (GET) and the answer is the
//     302 redirect straight away; auto_approve=deny gives the access_denied redirect. Send it with
//     an http.Client whose CheckRedirect returns http.ErrUseLastResponse and read the Location
//     header: the redirect URI itself is not served.
//   - Codes are single-use and live Options.CodeLifetime (10 minutes by default).
//
// POST [CloudbedsTokenPath] takes form bodies with the client credentials in the body (HTTP
// Basic is refused) and the grants authorization_code (access token, refresh token, expires_in,
// resources), refresh_token (the refresh token rotates: the old one stops working, as the SDK
// must persist every new one), urn:ietf:params:oauth:grant-type:api-key (a consent code for a
// permanent "cbat_" API key) and refresh_token_exchange (a refresh token for an API key; using
// that refresh token again afterwards revokes the key, as documented). Token errors use the OAuth
// shape: 401 {"error":"server_error","error_description":"The authorization code is invalid or
// has expired."} for a bad, reused or expired code, 401 invalid_client, 400 invalid_grant,
// invalid_request or unsupported_grant_type.
//
// Every API operation accepts a live bearer token or an API key in x-api-key (the key of
// [Credentials] holds every scope; granted keys hold their consent's scopes) and needs the
// operation's scopes. Missing or bad credentials get 401 {"error":"access_denied","message":…};
// a missing scope gets 403 {"id","timestamp","code":"ACCESS_DENIED","description"} on v1.3 and
// 403 {"message"} on v2. GET [CloudbedsMetadataPath] answers the property's API URL, which is
// this sandbox's v1.3 base as seen by the caller (built from the request's Host).
//
// API v1.3 answers every other failure as Cloudbeds does, with HTTP 200 and {"success": false,
// "message": …}: unknown ids, other properties, and requests the spec rejects (the message names
// the parameter or field). Reservations and guests are stateful: postReservation creates a
// reservation and its main guest; getReservation, getReservations (pageNumber/pageSize with
// count and total), putReservation (status, dates, rooms; status=canceled cancels), getGuest,
// getGuestList (pageNumber/pageSize), postGuest and putGuest read and change the same data.
// API v2 answers with real status codes and {"message", "code"?, "errors"?}; rate plans are
// stateful (listRatePlans pages with offset/limit, createRatePlan, getRatePlan, updateRatePlan,
// deleteRatePlan). Other operations answer their spec's example.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/hospitality-sdk/hospitality-go/sandbox/phpform"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// Cloudbeds paths on the sandbox. CloudbedsAPIPath is the base of the PMS API v1.3 and of the
// OAuth endpoints derived from it (the value to use as auth.CloudbedsConfig.BaseURL);
// CloudbedsV2APIPath is the base of API v2, whose paths carry their own service prefix
// (CloudbedsV2APIPath + "/rates/v1/rate-plans").
const (
	CloudbedsAPIPath       = "/cloudbeds/api/v1.3"
	CloudbedsAuthorizePath = CloudbedsAPIPath + "/oauth"
	CloudbedsTokenPath     = CloudbedsAPIPath + "/access_token"
	CloudbedsMetadataPath  = CloudbedsAPIPath + "/oauth/metadata"
	CloudbedsV2APIPath     = "/cloudbeds-v2"
)

// cloudbedsProvider is the token bookkeeping name shared by both APIs: one token serves v1.3 and v2.
const cloudbedsProvider = "cloudbeds"

// cloudbedsSandbox holds the OAuth state shared by API v1.3 and v2.
type cloudbedsSandbox struct {
	s      *Server
	v1, v2 *api
	scopes []string // every scope the two documents declare, sorted

	mu      sync.Mutex
	codes   map[string]*cbCode // authorization code → grant
	access  map[string]*cbConn // access token → connection
	refresh map[string]*cbConn // refresh token → connection
	keys    map[string]*cbKey  // API key → key
}

// cbConn is one consent: its scopes and the API keys minted from its refresh token.
type cbConn struct {
	scopes []string
	keys   []*cbKey
}

type cbKey struct {
	scopes  []string // nil means every scope
	revoked bool
}

type cbCode struct {
	redirectURI string
	scopes      []string
	expiry      time.Time
}

func registerCloudbeds(s *Server) error {
	cb := &cloudbedsSandbox{s: s, codes: map[string]*cbCode{}, access: map[string]*cbConn{},
		refresh: map[string]*cbConn{}, keys: map[string]*cbKey{}}
	if s.creds.CloudbedsAPIKey != "" {
		cb.keys[s.creds.CloudbedsAPIKey] = &cbKey{}
	}
	decoders := map[string]openapi3filter.BodyDecoder{phpform.MediaType: phpform.BodyDecoder}
	cb.v1 = &api{name: "cloudbeds", prefix: CloudbedsAPIPath, errorFn: cloudbedsError, check: cb.checkV1,
		authenticate: cb.authenticate, bodyDecoders: decoders}
	cb.v2 = &api{name: "cloudbeds-v2", prefix: CloudbedsV2APIPath, errorFn: cloudbedsV2Error, check: cb.checkV2,
		authenticate: cb.authenticate}
	if err := s.mount(cb.v1, specs.Cloudbeds); err != nil {
		return err
	}
	if err := s.mount(cb.v2, specs.CloudbedsV2); err != nil {
		return err
	}
	for _, a := range []*api{cb.v1, cb.v2} {
		for _, ref := range a.doc.Components.SecuritySchemes {
			if ref.Value != nil && ref.Value.Type == "oauth2" && ref.Value.Flows != nil && ref.Value.Flows.AuthorizationCode != nil {
				for sc := range ref.Value.Flows.AuthorizationCode.Scopes {
					if !slices.Contains(cb.scopes, sc) {
						cb.scopes = append(cb.scopes, sc)
					}
				}
			}
		}
	}
	slices.Sort(cb.scopes)

	s.mux.HandleFunc("GET "+CloudbedsAuthorizePath, cb.authorize)
	s.mux.HandleFunc("POST "+CloudbedsAuthorizePath, cb.authorize)
	s.mux.HandleFunc("POST "+CloudbedsTokenPath, cb.token)
	cb.v1.ops = map[string]opFunc{
		"postAccessToken": cb.postAccessToken,
		"getMetadata":     cb.metadata,
	}
	if err := newCloudbedsState(cb); err != nil {
		return err
	}
	if err := newCloudbedsV2State(cb); err != nil {
		return err
	}
	registerCloudbedsWebhooks(cb)
	if err := registerCloudbedsGuestProfiles(cb); err != nil {
		return err
	}
	if err := registerCloudbedsAttributeTagging(cb); err != nil {
		return err
	}
	if err := registerCloudbedsPayments(cb); err != nil {
		return err
	}
	if err := registerCloudbedsGroupProfile(cb); err != nil {
		return err
	}
	if err := registerCloudbedsInsights(cb); err != nil {
		return err
	}
	if err := registerCloudbedsFiscal(cb); err != nil {
		return err
	}
	return registerCloudbedsAccounting(cb)
}

// cbRandomID returns prefix followed by 32 random hex digits.
func cbRandomID(prefix string) string {
	b := make([]byte, 16)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// cbRequestID sets and returns the X-Request-ID header Cloudbeds sends on every answer.
func cbRequestID(w http.ResponseWriter) string {
	id := w.Header().Get("X-Request-ID")
	if id == "" {
		id = cbRandomID("sbx-")
		w.Header().Set("X-Request-ID", id)
	}
	return id
}

// cloudbedsError writes API v1.3's error shapes: OAuth-style 401s, ACCESS_DENIED 403s, and HTTP
// 200 with success:false for everything else the API rejects (validation included).
func cloudbedsError(w http.ResponseWriter, status int, code, msg string) {
	id := cbRequestID(w)
	switch status {
	case http.StatusUnauthorized:
		writeJSON(w, status, map[string]string{"error": "access_denied",
			"message": "The resource owner or authorization server denied the request. " + msg})
	case http.StatusForbidden:
		writeJSON(w, status, map[string]string{"id": id, "timestamp": time.Now().UTC().Format(time.RFC3339),
			"code": "ACCESS_DENIED", "description": msg})
	case http.StatusBadRequest:
		writeJSON(w, http.StatusOK, map[string]any{"success": false, "message": msg})
	default:
		writeJSON(w, status, map[string]any{"success": false, "message": msg})
	}
}

// cloudbedsFail writes the usual v1.3 failure: HTTP 200 with success:false.
func cloudbedsFail(w http.ResponseWriter, msg string) {
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{"success": false, "message": msg})
}

// cloudbedsV2Error writes API v2's error body {"message", "code"?, "errors"?} with the real status.
func cloudbedsV2Error(w http.ResponseWriter, status int, code, msg string) {
	cbRequestID(w)
	body := map[string]any{"message": msg}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		// ForbiddenError carries the message only.
	case http.StatusBadRequest:
		body["code"] = "INVALID_REQUEST"
		if field, detail, ok := cbFieldOf(msg); ok {
			body["errors"] = []map[string]string{{"field": field, "message": detail}}
		}
	case http.StatusNotFound:
		body["code"] = "NOT_FOUND"
	default:
		if code != "" {
			body["code"] = strings.ToUpper(code)
		}
	}
	writeJSON(w, status, body)
}

// cbFieldOf extracts the parameter or body field a validation message (see describe) names.
func cbFieldOf(msg string) (field, detail string, ok bool) {
	head, detail, found := strings.Cut(msg, ": ")
	if !found {
		return "", "", false
	}
	if _, f, ok := strings.Cut(head, " field "); ok {
		return f, detail, true
	}
	if i := strings.Index(head, ` parameter "`); i >= 0 {
		return strings.TrimSuffix(head[i+len(` parameter "`):], `"`), detail, true
	}
	return "", "", false
}

// authenticate checks a bearer token or an x-api-key against the operation's OAuth scopes (the
// same for both credentials, as Cloudbeds documents). A plain http bearer scheme (the newer
// APIs' documents, which name no scopes) takes the tokens of a Cloudbeds consent.
func (cb *cloudbedsSandbox) authenticate(r *http.Request, ai *openapi3filter.AuthenticationInput) error {
	need := requiredScopes(ai)
	var have []string
	typ := ai.SecurityScheme.Type
	if typ == "http" && strings.EqualFold(ai.SecurityScheme.Scheme, "bearer") {
		typ, need = "oauth2", nil
	}
	switch typ {
	case "oauth2":
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || tok == "" {
			return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "missing bearer token"}
		}
		if err := cb.s.bearerOK(r, cloudbedsProvider); err != nil {
			return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: err.Error()}
		}
		cb.mu.Lock()
		conn := cb.access[tok]
		cb.mu.Unlock()
		if conn == nil {
			return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "unknown access token"}
		}
		have = conn.scopes
	case "apiKey":
		key := r.Header.Get(ai.SecurityScheme.Name)
		if key == "" {
			return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "missing " + ai.SecurityScheme.Name + " header"}
		}
		cb.mu.Lock()
		k := cb.keys[key]
		revoked := k != nil && k.revoked
		cb.mu.Unlock()
		switch {
		case k == nil:
			return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "unknown API key"}
		case revoked:
			return &authError{status: http.StatusUnauthorized, code: "unauthorized", msg: "the API key was revoked"}
		case k.scopes == nil:
			return nil
		}
		have = k.scopes
	default:
		return fmt.Errorf("unsupported security scheme %s", ai.SecurityScheme.Type)
	}
	for _, sc := range need {
		if !slices.Contains(have, sc) {
			return &authError{status: http.StatusForbidden, code: "forbidden",
				msg: fmt.Sprintf("The credentials do not grant the scope %s this method needs.", sc)}
		}
	}
	return nil
}

// requiredScopes returns the scopes of the OAuth requirement of the operation being validated.
func requiredScopes(ai *openapi3filter.AuthenticationInput) []string {
	if ai.SecurityScheme.Type == "oauth2" {
		return ai.Scopes
	}
	route := ai.RequestValidationInput.Route
	reqs := route.Operation.Security
	if reqs == nil {
		reqs = &route.Spec.Security
	}
	for _, req := range *reqs {
		for name, scopes := range req {
			if ref := route.Spec.Components.SecuritySchemes[name]; ref != nil && ref.Value != nil && ref.Value.Type == "oauth2" {
				return scopes
			}
		}
	}
	return nil
}

// checkV1 refuses properties other than the sandbox's, in X-PROPERTY-ID, the query or the form.
func (cb *cloudbedsSandbox) checkV1(s *Server, r *http.Request) (int, string, string) {
	var ids []string
	if v := r.Header.Get("X-PROPERTY-ID"); v != "" {
		ids = append(ids, v)
	}
	q := r.URL.Query()
	for _, k := range []string{"propertyID", "propertyIDs", "property_id"} {
		if v := q.Get(k); v != "" {
			ids = append(ids, v)
		}
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") && r.Body != nil {
		b, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(b))
		if tree, err := phpform.Parse(string(b)); err == nil {
			if v, ok := tree["propertyID"].(string); ok && v != "" {
				ids = append(ids, v)
			}
		}
	}
	for _, list := range ids {
		for _, id := range strings.Split(list, ",") {
			if id = strings.TrimSpace(id); id != "" && id != s.creds.CloudbedsPropertyID {
				return http.StatusBadRequest, "access_denied", fmt.Sprintf("You don't have access to property ID %s", id)
			}
		}
	}
	return 0, "", ""
}

// checkV2 refuses properties other than the sandbox's in x-property-id.
func (cb *cloudbedsSandbox) checkV2(s *Server, r *http.Request) (int, string, string) {
	for _, id := range strings.Split(r.Header.Get("x-property-id"), ",") {
		if id = strings.TrimSpace(id); id != "" && id != s.creds.CloudbedsPropertyID {
			return http.StatusForbidden, "forbidden", fmt.Sprintf("The credentials have no access to property %s.", id)
		}
	}
	return 0, "", ""
}

// metadata answers GET /oauth/metadata with this sandbox's v1.3 base as the property's API URL.
// The document declares no security; credentials that are sent must be valid.
func (cb *cloudbedsSandbox) metadata(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
	if err := cb.optionalCredential(r); err != nil {
		cloudbedsError(w, http.StatusUnauthorized, "unauthorized", err.Error())
		return
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	cbRequestID(w)
	writeJSON(w, http.StatusOK, map[string]any{
		"success": "true", // a string here, unlike everywhere else
		"data":    map[string]any{"api": map[string]string{"url": scheme + "://" + r.Host + CloudbedsAPIPath}},
		"message": nil,
	})
}

// optionalCredential validates the bearer token or API key r carries, if any.
func (cb *cloudbedsSandbox) optionalCredential(r *http.Request) error {
	if key := r.Header.Get("x-api-key"); key != "" {
		cb.mu.Lock()
		defer cb.mu.Unlock()
		if k := cb.keys[key]; k == nil || k.revoked {
			return fmt.Errorf("unknown or revoked API key")
		}
		return nil
	}
	if r.Header.Get("Authorization") != "" {
		if err := cb.s.bearerOK(r, cloudbedsProvider); err != nil {
			return err
		}
	}
	return nil
}

// scopeList parses a space-separated scope parameter; empty means every scope.
func (cb *cloudbedsSandbox) scopeList(raw string) ([]string, string) {
	fields := strings.Fields(raw)
	if len(fields) == 0 {
		return slices.Clone(cb.scopes), ""
	}
	var out []string
	for _, sc := range fields {
		if !slices.Contains(cb.scopes, sc) {
			return nil, sc
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return out, ""
}

// schemaOf returns the request body schema of operationID in a, for decoding stateful bodies.
func (a *api) schemaOf(operationID string) *openapi3.Schema {
	if op := a.opsByID[operationID]; op != nil && op.RequestBody != nil && op.RequestBody.Value != nil {
		for _, mt := range op.RequestBody.Value.Content {
			if mt.Schema != nil {
				return mt.Schema.Value
			}
		}
	}
	return nil
}
