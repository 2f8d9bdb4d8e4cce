package sandbox

import (
	"encoding/json"
	"mime"
	"net/http"
	"strconv"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// Octotable paths on the sandbox: the PMS API under OctotableAPIPath and the auth base (whose
// token endpoint is OctotableAuthPath + "/oauth2/token").
const (
	OctotableAPIPath  = "/octotable/octotable-pms/api/v2"
	OctotableAuthPath = "/octotable/octotable-auth/api/v2"
)

func registerOctotable(s *Server) error {
	s.mux.HandleFunc("POST "+OctotableAuthPath+"/oauth2/token", s.octotableToken)
	a := &api{
		name:    "octotable",
		prefix:  OctotableAPIPath,
		errorFn: octotableError,
		check: func(s *Server, r *http.Request) (int, string, string) {
			p := r.Header.Get("Property")
			if p == "" {
				return 0, "", "" // unauthenticated operations; the spec requires the header elsewhere
			}
			if id, err := strconv.ParseInt(p, 10, 64); err != nil || id != s.creds.OctotablePropertyID {
				return http.StatusForbidden, "FORBIDDEN", "the token has no access to property " + p
			}
			return 0, "", ""
		},
	}
	if err := s.mount(a, specs.Octotable); err != nil {
		return err
	}
	_, err := newOctotableState(a, s.opts.Now)
	return err
}

// octotableError writes OctoTable's error body.
func octotableError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{
		"success": false,
		"error":   map[string]string{"code": code, "message": msg, "class_name": "SandboxException"},
	})
}

// octotableToken emulates the OctoTable client-credentials endpoint. It accepts JSON, as the docs
// say, and form bodies, as a tested client sends; with OctotableRejectJSON it answers JSON with 415.
// The answer names the token type "type", not "token_type", like the real one.
func (s *Server) octotableToken(w http.ResponseWriter, r *http.Request) {
	s.tokenRequests.Add(1)
	var grant, id, secret string
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/json":
		if s.opts.OctotableRejectJSON {
			octotableError(w, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Content-Type application/json is not supported")
			return
		}
		var body struct {
			GrantType    string `json:"grant_type"`
			ClientID     string `json:"client_id"`
			ClientSecret string `json:"client_secret"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			octotableError(w, http.StatusBadRequest, "BAD_REQUEST", "the body is not valid JSON")
			return
		}
		grant, id, secret = body.GrantType, body.ClientID, body.ClientSecret
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			octotableError(w, http.StatusBadRequest, "BAD_REQUEST", "the body is not a form")
			return
		}
		grant, id, secret = r.PostForm.Get("grant_type"), r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	default:
		octotableError(w, http.StatusUnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "unsupported Content-Type "+strconv.Quote(mt))
		return
	}
	switch {
	case grant != "client_credentials":
		octotableError(w, http.StatusBadRequest, "BAD_REQUEST", "grant_type must be client_credentials")
	case id != s.creds.OctotableClientID || secret != s.creds.OctotableClientSecret:
		octotableError(w, http.StatusUnauthorized, "UNAUTHORIZED", "invalid client credentials")
	default:
		tok, ttl := s.issue("octotable")
		writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "expires_in": int(ttl.Seconds()), "type": "Bearer"})
	}
}
