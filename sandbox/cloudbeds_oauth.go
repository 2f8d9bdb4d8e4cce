package sandbox

import (
	"bytes"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// Grant types beyond RFC 6749, spelled here rather than imported from package auth so that the
// sandbox checks what the SDK sends instead of agreeing with it by construction.
const (
	cloudbedsAPIKeyGrant          = "urn:ietf:params:oauth:grant-type:api-key"
	cloudbedsRefreshExchangeGrant = "refresh_token_exchange"
)

// cloudbedsConsentPage is the HTML the authorization endpoint shows: the app, the property, the scopes and
// an Approve and a Deny button that post the request back.
var cloudbedsConsentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Cloudbeds sandbox: authorize {{.ClientID}}</title></head>
<body>
<h1>Authorize {{.ClientID}}</h1>
<p>The app <strong>{{.ClientID}}</strong> asks for access to property <strong>{{.PropertyID}}</strong> with these permissions:</p>
<ul>{{range .Scopes}}
<li><code>{{.}}</code></li>{{end}}
</ul>
<form method="post" action="{{.Action}}">
<input type="hidden" name="client_id" value="{{.ClientID}}">
<input type="hidden" name="redirect_uri" value="{{.RedirectURI}}">
<input type="hidden" name="response_type" value="{{.ResponseType}}">
<input type="hidden" name="scope" value="{{.Scope}}">
<input type="hidden" name="state" value="{{.State}}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
<p>Sandbox: add auto_approve=1 to the authorization URL to skip this page.</p>
</body>
</html>
`))

var cloudbedsConsentError = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cloudbeds sandbox: authorization error</title></head>
<body><h1>Authorization error</h1><p>{{.}}</p></body></html>
`))

// authorize serves the consent page (GET) and its decision (POST, or GET with auto_approve).
func (cb *cloudbedsSandbox) authorize(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		cb.consentFail(w, "the request could not be read")
		return
	}
	v := r.Form // the query on GET; the form body (then the query) on POST
	clientID, redirectURI, state := v.Get("client_id"), v.Get("redirect_uri"), v.Get("state")
	// Errors about the client or the redirect URI are shown, never redirected (RFC 6749 4.1.2.1).
	switch {
	case clientID == "":
		cb.consentFail(w, "client_id is missing.")
		return
	case clientID != cb.s.creds.CloudbedsClientID:
		cb.consentFail(w, "The client_id is not a registered app.")
		return
	case redirectURI == "":
		cb.consentFail(w, "redirect_uri is missing.")
		return
	case redirectURI != cb.s.creds.CloudbedsRedirectURL:
		cb.consentFail(w, "The redirect_uri does not match the app's registered redirect URI.")
		return
	}
	if rt := v.Get("response_type"); rt != "code" {
		cb.redirect(w, r, redirectURI, url.Values{"error": {"unsupported_response_type"},
			"error_description": {"response_type must be code"}}, state)
		return
	}
	scopes, bad := cb.scopeList(v.Get("scope"))
	if bad != "" {
		cb.redirect(w, r, redirectURI, url.Values{"error": {"invalid_scope"},
			"error_description": {"unknown scope " + bad}}, state)
		return
	}
	decision := v.Get("decision")
	if d := v.Get("auto_approve"); d != "" {
		decision = "approve"
		if d == "deny" || d == "0" || d == "false" {
			decision = "deny"
		}
	}
	switch {
	case decision == "deny":
		cb.redirect(w, r, redirectURI, url.Values{"error": {"access_denied"},
			"error_description": {"The resource owner denied the request."}}, state)
	case decision == "approve" && (r.Method == http.MethodPost || v.Get("auto_approve") != ""):
		code := cbRandomID("sbx_cloudbeds_code_")
		cb.mu.Lock()
		cb.codes[code] = &cbCode{redirectURI: redirectURI, scopes: scopes, expiry: cb.s.opts.Now().Add(cb.s.opts.CodeLifetime)}
		cb.mu.Unlock()
		cb.redirect(w, r, redirectURI, url.Values{"code": {code}}, state)
	case r.Method == http.MethodPost:
		cb.consentFail(w, "decision must be approve or deny.")
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		cloudbedsConsentPage.Execute(w, map[string]any{
			"Action": r.URL.Path, "ClientID": clientID, "RedirectURI": redirectURI, "ResponseType": "code",
			"Scope": strings.Join(scopes, " "), "Scopes": scopes, "State": state, "PropertyID": cb.s.creds.CloudbedsPropertyID,
		})
	}
}

func (cb *cloudbedsSandbox) consentFail(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	cloudbedsConsentError.Execute(w, msg)
}

// redirect sends the user agent back to the app with params and the state it sent.
func (cb *cloudbedsSandbox) redirect(w http.ResponseWriter, r *http.Request, redirectURI string, params url.Values, state string) {
	u, err := url.Parse(redirectURI)
	if err != nil {
		cb.consentFail(w, "The redirect_uri is not a URL.")
		return
	}
	q := u.Query()
	for k, vs := range params {
		q[k] = vs
	}
	if state != "" {
		q.Set("state", state)
	}
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

// cbOAuthError writes the token endpoint's OAuth error shape.
func cbOAuthError(w http.ResponseWriter, status int, code, desc string) {
	cbRequestID(w)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// token is POST /access_token. The grants the v1.3 document declares go through the document's
// validation to postAccessToken; refresh_token_exchange, which only the migration guide
// documents, is answered here.
func (cb *cloudbedsSandbox) token(w http.ResponseWriter, r *http.Request) {
	cb.s.tokenRequests.Add(1)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The request body could not be read.")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The token request must be an application/x-www-form-urlencoded form.")
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The request body is not a valid form.")
		return
	}
	switch grant := form.Get("grant_type"); grant {
	case "":
		cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The request is missing a required parameter: grant_type.")
	case cloudbedsRefreshExchangeGrant:
		cb.grant(w, r, form)
	case "authorization_code", "refresh_token", cloudbedsAPIKeyGrant:
		cb.s.serveAPI(cb.v1, w, r)
	default:
		cbOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.")
	}
}

func (cb *cloudbedsSandbox) postAccessToken(w http.ResponseWriter, r *http.Request, _ map[string]string, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The request body is not a valid form.")
		return
	}
	cb.grant(w, r, form)
}

// grant answers a token request whose form was read.
func (cb *cloudbedsSandbox) grant(w http.ResponseWriter, r *http.Request, form url.Values) {
	c := cb.s.creds
	if _, _, basic := r.BasicAuth(); basic && form.Get("client_id") == "" {
		cbOAuthError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed: send client_id and client_secret in the form body.")
		return
	}
	for _, f := range []string{"client_id", "client_secret"} {
		if form.Get(f) == "" {
			cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The request is missing a required parameter: "+f+".")
			return
		}
	}
	if form.Get("client_id") != c.CloudbedsClientID || form.Get("client_secret") != c.CloudbedsClientSecret {
		cbOAuthError(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed.")
		return
	}
	resources := []map[string]string{{"type": "property", "id": c.CloudbedsPropertyID}}
	switch grant := form.Get("grant_type"); grant {
	case "authorization_code", cloudbedsAPIKeyGrant:
		for _, f := range []string{"code", "redirect_uri"} {
			if form.Get(f) == "" {
				cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The request is missing a required parameter: "+f+".")
				return
			}
		}
		cb.mu.Lock()
		code := cb.codes[form.Get("code")]
		delete(cb.codes, form.Get("code")) // single use, even when the exchange fails below
		cb.mu.Unlock()
		if code == nil || !cb.s.opts.Now().Before(code.expiry) {
			cbOAuthError(w, http.StatusUnauthorized, "server_error", "The authorization code is invalid or has expired.")
			return
		}
		if form.Get("redirect_uri") != code.redirectURI {
			cbOAuthError(w, http.StatusBadRequest, "invalid_grant", "The redirect_uri does not match the one of the authorization request.")
			return
		}
		if grant == cloudbedsAPIKeyGrant {
			key := cbRandomID("cbat_sandbox_")
			cb.mu.Lock()
			cb.keys[key] = &cbKey{scopes: code.scopes}
			cb.mu.Unlock()
			cb.writeToken(w, map[string]any{"access_token": key, "token_type": "Bearer", "resources": resources})
			return
		}
		conn := &cbConn{scopes: code.scopes}
		cb.writeToken(w, cb.mint(conn, resources))
	case "refresh_token":
		rt := form.Get("refresh_token")
		if rt == "" {
			cbOAuthError(w, http.StatusBadRequest, "invalid_request", "The request is missing a required parameter: refresh_token.")
			return
		}
		cb.mu.Lock()
		conn := cb.refresh[rt]
		delete(cb.refresh, rt) // the refresh token rotates
		if conn != nil {
			// Minting an access token from the refresh token revokes keys it was exchanged for.
			for _, k := range conn.keys {
				k.revoked = true
			}
			conn.keys = nil
		}
		cb.mu.Unlock()
		if conn == nil {
			cbOAuthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid.")
			return
		}
		cb.writeToken(w, cb.mint(conn, resources))
	case cloudbedsRefreshExchangeGrant:
		rt := form.Get("refresh_token")
		cb.mu.Lock()
		conn := cb.refresh[rt]
		var key string
		if conn != nil {
			key = cbRandomID("cbat_")
			k := &cbKey{scopes: conn.scopes}
			cb.keys[key] = k
			conn.keys = append(conn.keys, k)
		}
		cb.mu.Unlock()
		if conn == nil {
			cbOAuthError(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid.")
			return
		}
		cb.writeToken(w, map[string]any{"access_token": key, "token_type": "Bearer", "resources": resources})
	}
}

// mint issues an access token and a new refresh token for conn.
func (cb *cloudbedsSandbox) mint(conn *cbConn, resources []map[string]string) map[string]any {
	tok, ttl := cb.s.issue(cloudbedsProvider)
	rt := cbRandomID("sbx_cloudbeds_refresh_")
	cb.mu.Lock()
	cb.access[tok] = conn
	cb.refresh[rt] = conn
	cb.mu.Unlock()
	return map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": int(ttl.Seconds()),
		"refresh_token": rt, "resources": resources}
}

func (cb *cloudbedsSandbox) writeToken(w http.ResponseWriter, body map[string]any) {
	cbRequestID(w)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, body)
}
