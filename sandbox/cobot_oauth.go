package sandbox

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// cobotPending is an authorization request waiting on the consent page.
type cobotPending struct {
	clientID      string
	redirectURI   string
	redirectGiven bool // redirect_uri was in the request, so the token request must repeat it
	scopes        []string
	challenge     string // PKCE S256 code_challenge, if any
	nonce         string
	state         string
	expiry        time.Time
}

// cobotCode is an issued authorization code.
type cobotCode struct {
	cobotPending
	used     bool
	replayed bool     // the code was presented again after its exchange
	tokens   []string // access tokens issued for the code, revoked if it is used again
}

// cobotKey is the sandbox's ID token signing key.
type cobotKey struct {
	signer jose.Signer
	public jose.JSONWebKey
}

func (c *cobot) routes() {
	m := c.s.mux
	m.HandleFunc("GET "+CobotAuthorizePath, c.authorize)
	m.HandleFunc("POST "+CobotAuthorizePath, c.consent)
	m.HandleFunc("POST "+CobotTokenPath, c.token)
	m.HandleFunc("GET "+CobotDiscoveryPath, c.discovery)
	m.HandleFunc("GET "+CobotPath+"/.well-known/oauth-authorization-server", c.discovery)
	m.HandleFunc("GET "+CobotJWKSPath, c.jwks)
	m.HandleFunc("GET "+CobotUserInfoPath, c.userinfo)
	m.HandleFunc("POST "+CobotUserInfoPath, c.userinfo)
	m.HandleFunc("GET "+CobotAPIPath+"/.well-known/oauth-protected-resource", c.protectedResource)
}

// cobotIssuer is the OpenID Connect cobotIssuer as the request reached the sandbox.
func cobotIssuer(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + CobotPath
}

// cobotPKCEChallenge matches an S256 challenge: 43 base64url characters (RFC 7636).
var cobotPKCEChallenge = regexp.MustCompile(`^[A-Za-z0-9_-]{43}$`)

// cobotPKCEVerifier matches a code verifier (RFC 7636 section 4.1).
var cobotPKCEVerifier = regexp.MustCompile(`^[A-Za-z0-9._~-]{43,128}$`)

// authorize validates an authorization request and shows the consent page, or answers it at
// once when CobotConsentParam says so. An unknown client or redirect URI is answered on the
// page itself (never redirected); other errors are redirected to the app as OAuth errors.
func (c *cobot) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := &cobotPending{clientID: q.Get("client_id"), redirectURI: q.Get("redirect_uri"), state: q.Get("state"),
		nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), expiry: c.s.opts.Now().Add(c.s.opts.CodeLifetime)}
	if p.clientID != c.s.creds.CobotClientID {
		cobotConsentError(w, "The client_id does not belong to a registered app.")
		return
	}
	if p.redirectURI == "" {
		p.redirectURI = c.s.creds.CobotRedirectURL
	} else if p.redirectURI != c.s.creds.CobotRedirectURL {
		cobotConsentError(w, "The redirect_uri is not the one registered for this app.")
		return
	}
	p.redirectGiven = q.Has("redirect_uri")
	method := q.Get("code_challenge_method")
	p.scopes = strings.Fields(q.Get("scope"))
	var unknown []string
	for _, s := range p.scopes {
		if !slices.Contains(c.scopes, s) {
			unknown = append(unknown, s)
		}
	}
	switch {
	case q.Get("response_type") != "code":
		c.redirectError(w, r, p, "unsupported_response_type", "response_type must be code")
	case p.challenge == "" && method != "":
		c.redirectError(w, r, p, "invalid_request", "code_challenge_method without code_challenge")
	case p.challenge != "" && method != "S256":
		c.redirectError(w, r, p, "invalid_request", "code_challenge_method must be S256")
	case p.challenge != "" && !cobotPKCEChallenge.MatchString(p.challenge):
		c.redirectError(w, r, p, "invalid_request", "code_challenge must be 43 base64url characters")
	case len(unknown) > 0:
		c.redirectError(w, r, p, "invalid_scope", "unknown scope "+strings.Join(unknown, " "))
	default:
		switch q.Get(CobotConsentParam) {
		case "approve":
			c.approve(w, r, p)
		case "deny":
			c.redirectError(w, r, p, "access_denied", "The user denied access to the app.")
		case "":
			id := cobotNewID()
			c.mu.Lock()
			c.consents[id] = p
			c.mu.Unlock()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			cobotConsentPage.Execute(w, map[string]any{"Action": r.URL.Path, "ID": id, "Client": p.clientID, "Scopes": p.scopes,
				"Name": cobotUserName, "Email": cobotUserEmail, "Param": CobotConsentParam})
		default:
			c.redirectError(w, r, p, "invalid_request", CobotConsentParam+" must be approve or deny")
		}
	}
}

// consent handles the consent form: request_id and decision (approve or deny).
func (c *cobot) consent(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		cobotConsentError(w, "The consent form could not be read.")
		return
	}
	id := r.PostForm.Get("request_id")
	c.mu.Lock()
	p := c.consents[id]
	delete(c.consents, id)
	c.mu.Unlock()
	if p == nil || !c.s.opts.Now().Before(p.expiry) {
		cobotConsentError(w, "This authorization request is unknown or has expired; start again from the app.")
		return
	}
	switch r.PostForm.Get("decision") {
	case "approve":
		c.approve(w, r, p)
	case "deny":
		c.redirectError(w, r, p, "access_denied", "The user denied access to the app.")
	default:
		cobotConsentError(w, "decision must be approve or deny.")
	}
}

// approve issues an authorization code and redirects to the app with it.
func (c *cobot) approve(w http.ResponseWriter, r *http.Request, p *cobotPending) {
	code := cobotNewID() + cobotNewID()
	p.expiry = c.s.opts.Now().Add(c.s.opts.CodeLifetime)
	c.mu.Lock()
	c.codes[code] = &cobotCode{cobotPending: *p}
	c.mu.Unlock()
	cobotRedirect(w, r, p, url.Values{"code": {code}})
}

// redirectError sends an OAuth error back to the app.
func (c *cobot) redirectError(w http.ResponseWriter, r *http.Request, p *cobotPending, code, desc string) {
	cobotRedirect(w, r, p, url.Values{"error": {code}, "error_description": {desc}})
}

func cobotRedirect(w http.ResponseWriter, r *http.Request, p *cobotPending, v url.Values) {
	u, err := url.Parse(p.redirectURI)
	if err != nil {
		cobotConsentError(w, "The redirect_uri is not a URL.")
		return
	}
	q := u.Query()
	for k, vs := range v {
		q[k] = vs
	}
	if p.state != "" {
		q.Set("state", p.state)
	}
	u.RawQuery = q.Encode()
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func cobotConsentError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	cobotErrorPage.Execute(w, msg)
}

var cobotConsentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize {{.Client}} – Cobot sandbox</title></head>
<body>
<h1>Authorize {{.Client}}</h1>
<p>Signed in to the Cobot sandbox as {{.Name}} ({{.Email}}).</p>
<p>The app <strong>{{.Client}}</strong> asks for:</p>
<ul>{{range .Scopes}}<li><code>{{.}}</code></li>{{else}}<li>no scopes</li>{{end}}</ul>
<form method="post" action="{{.Action}}">
<input type="hidden" name="request_id" value="{{.ID}}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
<p><small>Without a browser, add {{.Param}}=approve (or deny) to the authorization URL, or post request_id and decision=approve here.</small></p>
</body></html>
`))

var cobotErrorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorization failed – Cobot sandbox</title></head>
<body><h1>Authorization failed</h1><p>{{.}}</p></body></html>
`))

// cobotTokenError writes an OAuth token endpoint error.
func cobotTokenError(w http.ResponseWriter, status int, code, desc string) {
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="Cobot"`)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// token exchanges an authorization code. Fields come from the form body or, as some clients
// send them, the query string; the client may authenticate with HTTP Basic instead.
func (c *cobot) token(w http.ResponseWriter, r *http.Request) {
	c.s.tokenRequests.Add(1)
	if err := r.ParseForm(); err != nil {
		cobotTokenError(w, http.StatusBadRequest, "invalid_request", "the body is not a form")
		return
	}
	f := r.Form
	clientID, secret := f.Get("client_id"), f.Get("client_secret")
	if id, sec, ok := r.BasicAuth(); ok {
		clientID, secret = id, sec
	}
	switch {
	case f.Get("grant_type") != "authorization_code":
		cobotTokenError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code")
		return
	case clientID != c.s.creds.CobotClientID:
		cobotTokenError(w, http.StatusUnauthorized, "invalid_client", "unknown client")
		return
	case secret != "" && subtle.ConstantTimeCompare([]byte(secret), []byte(c.s.creds.CobotClientSecret)) != 1:
		cobotTokenError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	case f.Get("code") == "":
		cobotTokenError(w, http.StatusBadRequest, "invalid_request", "code is required")
		return
	}
	c.mu.Lock()
	cd := c.codes[f.Get("code")]
	status, code, desc := c.redeemable(cd, clientID, secret, f.Get("code_verifier"), f.Get("redirect_uri"))
	var replayed []string
	switch {
	case cd != nil && cd.used:
		replayed, cd.tokens, cd.replayed = cd.tokens, nil, true
	case status == 0:
		cd.used = true
	}
	c.mu.Unlock()
	// A replayed code may be stolen: revoke what it gave (RFC 6749 section 4.1.2).
	c.revoke(replayed...)
	if status != 0 {
		cobotTokenError(w, status, code, desc)
		return
	}
	g := &cobotGrant{clientID: clientID, scopes: slices.Clone(cd.scopes), user: cobotUserID}
	tok, ttl := c.issue(g, false)
	c.mu.Lock()
	cd.tokens = append(cd.tokens, tok)
	late := cd.replayed // a replay raced this exchange before tok was recorded
	c.mu.Unlock()
	if late {
		c.revoke(tok)
	}
	answer := map[string]any{"access_token": tok, "token_type": "bearer", "expires_in": int(ttl.Seconds()),
		"scope": strings.Join(cd.scopes, " "), "created_at": c.s.opts.Now().Unix()}
	if slices.Contains(cd.scopes, "openid") {
		idt, err := c.idToken(r, cd)
		if err != nil {
			cobotTokenError(w, http.StatusInternalServerError, "server_error", "signing the ID token: "+err.Error())
			return
		}
		answer["id_token"] = idt
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, answer)
}

// redeemable checks a token request against the code it presents; a zero status means the
// code may be exchanged. A failed PKCE check does not use the code up.
func (c *cobot) redeemable(cd *cobotCode, clientID, secret, verifier, redirectURI string) (int, string, string) {
	switch {
	case cd == nil:
		return http.StatusBadRequest, "invalid_grant", "the authorization code is unknown"
	case cd.used:
		return http.StatusBadRequest, "invalid_grant", "the authorization code has already been used; the tokens issued for it are revoked"
	case !c.s.opts.Now().Before(cd.expiry):
		return http.StatusBadRequest, "invalid_grant", "the authorization code has expired"
	case cd.clientID != clientID:
		return http.StatusBadRequest, "invalid_grant", "the authorization code was issued to another client"
	case cd.redirectGiven && redirectURI != cd.redirectURI, !cd.redirectGiven && redirectURI != "" && redirectURI != cd.redirectURI:
		return http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the authorization request"
	case cd.challenge != "" && verifier == "":
		return http.StatusBadRequest, "invalid_grant", "code_verifier is required: the authorization request carried a code_challenge"
	case cd.challenge != "" && !cobotPKCEVerifier.MatchString(verifier):
		return http.StatusBadRequest, "invalid_grant", "code_verifier must be 43 to 128 characters of [A-Za-z0-9._~-]"
	case cd.challenge != "" && subtle.ConstantTimeCompare([]byte(cobotS256(verifier)), []byte(cd.challenge)) != 1:
		return http.StatusBadRequest, "invalid_grant", "code_verifier does not match the code_challenge"
	case cd.challenge == "" && verifier != "":
		return http.StatusBadRequest, "invalid_grant", "code_verifier sent but the authorization request carried no code_challenge"
	case cd.challenge == "" && secret == "":
		return http.StatusUnauthorized, "invalid_client", "a public client (no client_secret) must use PKCE"
	}
	return 0, "", ""
}

// cobotS256 is the PKCE S256 transformation.
func cobotS256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// signingKey returns the sandbox's RSA key, generating it on first use.
func (c *cobot) signingKey() (*cobotKey, error) {
	c.keyOnce.Do(func() {
		priv, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			c.keyErr = err
			return
		}
		pub := jose.JSONWebKey{Key: &priv.PublicKey, Algorithm: string(jose.RS256), Use: "sig"}
		thumb, err := pub.Thumbprint(crypto.SHA256)
		if err != nil {
			c.keyErr = err
			return
		}
		pub.KeyID = base64.RawURLEncoding.EncodeToString(thumb)[:16]
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: priv, KeyID: pub.KeyID}},
			(&jose.SignerOptions{}).WithType("JWT"))
		if err != nil {
			c.keyErr = err
			return
		}
		c.key = &cobotKey{signer: signer, public: pub}
	})
	return c.key, c.keyErr
}

// idToken signs the ID token of an exchanged code.
func (c *cobot) idToken(r *http.Request, cd *cobotCode) (string, error) {
	key, err := c.signingKey()
	if err != nil {
		return "", err
	}
	now := c.s.opts.Now()
	claims := map[string]any{
		"iss": cobotIssuer(r), "sub": cobotUserID, "aud": cd.clientID,
		"iat": now.Unix(), "exp": now.Add(c.s.opts.TokenLifetime).Unix(), "auth_time": now.Unix(),
	}
	if cd.nonce != "" {
		claims["nonce"] = cd.nonce
	}
	for k, v := range cobotUserClaims(cd.scopes) {
		claims[k] = v
	}
	return jwt.Signed(key.signer).Claims(claims).Serialize()
}

// cobotUserClaims are the user's claims the scopes allow: email with "email", name with "profile".
func cobotUserClaims(scopes []string) map[string]any {
	m := map[string]any{}
	if slices.Contains(scopes, "email") {
		m["email"], m["email_verified"] = cobotUserEmail, true
	}
	if slices.Contains(scopes, "profile") {
		m["name"] = cobotUserName
	}
	return m
}

// discovery serves the OpenID Connect discovery document with this sandbox's URLs.
func (c *cobot) discovery(w http.ResponseWriter, r *http.Request) {
	iss := cobotIssuer(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                iss,
		"authorization_endpoint":                iss + "/oauth/authorize",
		"token_endpoint":                        iss + "/oauth/access_token",
		"userinfo_endpoint":                     iss + "/api/userinfo",
		"jwks_uri":                              iss + "/jwks.json",
		"scopes_supported":                      cobotOIDCScopes,
		"response_types_supported":              []string{"code"},
		"grant_types_supported":                 []string{"authorization_code"},
		"code_challenge_methods_supported":      []string{"S256"},
		"token_endpoint_auth_methods_supported": []string{"none", "client_secret_post", "client_secret_basic"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"claims_supported":                      []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "email", "email_verified", "name"},
	})
}

// jwks publishes the ID token signing key.
func (c *cobot) jwks(w http.ResponseWriter, _ *http.Request) {
	key, err := c.signingKey()
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "no signing key: " + err.Error()})
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{key.public}})
}

// userinfo answers the claims of the token's user; the token needs the openid scope.
func (c *cobot) userinfo(w http.ResponseWriter, r *http.Request) {
	tok := cobotBearer(r)
	g := c.grant(tok)
	switch {
	case g == nil:
		w.Header().Set("WWW-Authenticate", `Bearer realm="Cobot", error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_token", "error_description": "the access token is missing, unknown or expired"})
		return
	case g.user == "" || !slices.Contains(g.scopes, "openid"):
		w.Header().Set("WWW-Authenticate", `Bearer realm="Cobot", error="insufficient_scope", scope="openid"`)
		writeJSON(w, http.StatusForbidden, map[string]string{"error": "insufficient_scope", "error_description": "a user token with the openid scope is required"})
		return
	}
	if ok, _, wait := c.allow(tok, []cobotLimit{c.generalLimit()}); !ok {
		w.Header().Set("Retry-After", fmt.Sprint(max(1, int((wait+time.Second-1)/time.Second))))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "rate_limited", "error_description": "too many requests"})
		return
	}
	claims := cobotUserClaims(g.scopes)
	claims["sub"] = g.user
	writeJSON(w, http.StatusOK, claims)
}

// protectedResource serves API 2's OAuth protected resource metadata (RFC 9728).
func (c *cobot) protectedResource(w http.ResponseWriter, r *http.Request) {
	iss := cobotIssuer(r)
	writeJSON(w, http.StatusOK, map[string]any{
		"resource":                 strings.TrimSuffix(iss, CobotPath) + CobotAPIPath,
		"authorization_servers":    []string{iss},
		"scopes_supported":         cobotDocScopes(c.api2.doc),
		"bearer_methods_supported": []string{"header"},
	})
}
