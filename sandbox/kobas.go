package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/hospitality-sdk/hospitality-go/specs"
)

// Kobas paths on the sandbox: the API under KobasAPIPath, the token endpoint at KobasTokenPath.
const (
	KobasAPIPath   = "/kobas/v3"
	KobasTokenPath = "/kobas/oauth/access_token"
)

func registerKobas(s *Server) error {
	s.mux.HandleFunc("POST "+KobasTokenPath, s.kobasToken)
	a := &api{
		name:    "kobas",
		prefix:  KobasAPIPath,
		errorFn: kobasError,
		check: func(s *Server, r *http.Request) (int, string, string) {
			if r.Header.Get("x-kobas-company-id") != s.creds.KobasCompanyID {
				return http.StatusForbidden, "forbidden", "x-kobas-company-id does not match the token's company"
			}
			return 0, "", ""
		},
	}
	if err := s.mount(a, specs.Kobas); err != nil {
		return err
	}
	a.ops = map[string]opFunc{}
	for _, id := range []string{"listStaff", "listStaffShifts"} {
		var page struct {
			Data []json.RawMessage `json:"data"`
		}
		if err := a.exampleOf(id, &page); err != nil {
			return err
		}
		a.ops[id] = kobasPage(page.Data)
	}
	var customers []map[string]any
	if err := a.exampleOf("searchCustomers", &customers); err != nil {
		return err
	}
	a.ops["searchCustomers"] = kobasSearchCustomers(customers)
	return nil
}

// kobasDefaultLimit is the page size of staff lists without a limit; Kobas' clients use 50.
const kobasDefaultLimit = 50

// kobasPage answers the records of a paginated Kobas list (the spec's example) one page at a
// time: limit and offset select the page, which repeats both, so that a page holding fewer than
// limit records is the last, as clients expect.
func kobasPage(records []json.RawMessage) opFunc {
	return func(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
		q := r.URL.Query()
		limit, offset := kobasDefaultLimit, 0
		if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
			limit = n // validated against the spec: at least 1
		}
		if n, err := strconv.Atoi(q.Get("offset")); err == nil && n > 0 {
			offset = n // validated against the spec: at least 0
		}
		data := []json.RawMessage{}
		if offset < len(records) {
			data = records[offset : offset+min(limit, len(records)-offset)]
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": data, "limit": limit, "offset": offset})
	}
}

// kobasSearchCustomers answers the spec's example customers that match every filter given
// (email case-insensitively), as a bare array.
func kobasSearchCustomers(customers []map[string]any) opFunc {
	return func(w http.ResponseWriter, r *http.Request, _ map[string]string, _ []byte) {
		q := r.URL.Query()
		found := []map[string]any{}
	next:
		for _, c := range customers {
			for _, f := range []string{"email", "first_name", "surname", "mobile"} {
				v := q.Get(f)
				if v == "" {
					continue
				}
				got, _ := c[f].(string)
				if got != v && (f != "email" || !strings.EqualFold(got, v)) {
					continue next
				}
			}
			found = append(found, c)
		}
		writeJSON(w, http.StatusOK, found)
	}
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
