package sandbox

import (
	"encoding/json"
	"net/http"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// Kobas paths on the sandbox: the API under KobasAPIPath, the token endpoint at KobasTokenPath.
const (
	KobasAPIPath   = "/kobas/v3"
	KobasTokenPath = "/kobas/oauth/access_token"
)

func registerKobas(s *Server) error {
	s.mux.HandleFunc("POST "+KobasTokenPath, s.kobasToken)
	return s.mount(&api{
		name:    "kobas",
		prefix:  KobasAPIPath,
		errorFn: kobasError,
		check: func(s *Server, r *http.Request) (int, string, string) {
			if r.Header.Get("x-kobas-company-id") != s.creds.KobasCompanyID {
				return http.StatusForbidden, "forbidden", "x-kobas-company-id does not match the token's company"
			}
			return 0, "", ""
		},
	}, specs.Kobas)
}

// kobasError writes Kobas' error body: {"code": ..., "message": ...}.
func kobasError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"code": code, "message": msg})
}

// kobasToken emulates https://oauth.kobas.co.uk/access_token: a form-encoded client-credentials
// grant whose company id may arrive in the form, the query string or a header.
func (s *Server) kobasToken(w http.ResponseWriter, r *http.Request) {
	s.tokenRequests.Add(1)
	if err := r.ParseForm(); err != nil {
		kobasError(w, http.StatusBadRequest, "bad_request", "the body is not a form")
		return
	}
	company := r.PostForm.Get("x-kobas-company-id")
	if company == "" {
		company = r.URL.Query().Get("x-kobas-company-id")
	}
	if company == "" {
		company = r.Header.Get("x-kobas-company-id")
	}
	switch {
	case r.PostForm.Get("grant_type") != "client_credentials":
		kobasError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be client_credentials")
	case company == "":
		kobasError(w, http.StatusBadRequest, "bad_request", "x-kobas-company-id is required")
	case r.PostForm.Get("client_id") != s.creds.KobasClientID || r.PostForm.Get("client_secret") != s.creds.KobasClientSecret:
		kobasError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
	case company != s.creds.KobasCompanyID:
		kobasError(w, http.StatusForbidden, "access_denied", "the client has no access to this company")
	default:
		tok, ttl := s.issue("kobas")
		writeJSON(w, http.StatusOK, map[string]any{"token_type": "Bearer", "expires_in": int(ttl.Seconds()), "access_token": tok})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
