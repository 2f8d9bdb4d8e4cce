package auth_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// This example fetches a Kobas token from a local fake of the token server
// and authorizes a plain API request with the Bearer and Header editors, the
// same values a generated client takes as RequestEditorFn.
func ExampleKobasTokenSource() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /access_token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		fmt.Printf("token request: grant_type=%s scope=%s company=%s\n",
			r.PostForm.Get("grant_type"), r.PostForm.Get("scope"), r.URL.Query().Get("x-kobas-company-id"))
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"example-kobas-token"}`)
	})
	mux.HandleFunc("GET /v3/venue", func(w http.ResponseWriter, r *http.Request) {
		fmt.Printf("API request: Authorization=%q x-kobas-company-id=%q\n",
			r.Header.Get("Authorization"), r.Header.Get("x-kobas-company-id"))
		io.WriteString(w, `[{"id":12,"parent_id":null,"is_parent":false,"name":"The Crown","sname":"Crown"}]`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx := context.Background()
	cfg := auth.KobasConfig{
		ClientID:     "example-client",
		ClientSecret: "example-secret",
		CompanyID:    "1234",
		TokenURL:     srv.URL + "/access_token", // default: auth.KobasTokenURL
	}
	ts := auth.KobasTokenSource(ctx, cfg)
	editors := []auth.Editor{auth.Bearer(ts), auth.Header("x-kobas-company-id", cfg.CompanyID)}

	for range 2 { // the second request reuses the cached token
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v3/venue", nil)
		if err != nil {
			log.Fatal(err)
		}
		for _, edit := range editors {
			if err := edit(ctx, req); err != nil {
				log.Fatal(err)
			}
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.Status, string(body))
	}
	// Output:
	// token request: grant_type=client_credentials scope=integration company=1234
	// API request: Authorization="Bearer example-kobas-token" x-kobas-company-id="1234"
	// 200 OK [{"id":12,"parent_id":null,"is_parent":false,"name":"The Crown","sname":"Crown"}]
	// API request: Authorization="Bearer example-kobas-token" x-kobas-company-id="1234"
	// 200 OK [{"id":12,"parent_id":null,"is_parent":false,"name":"The Crown","sname":"Crown"}]
}

// This example fetches an OctoTable token from a local fake of the auth
// server, which names the token type "type" and gives expires_in in seconds.
func ExampleOctotableTokenSource() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /octotable-auth/api/v2/oauth2/token", func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("token request:", r.Header.Get("Content-Type"))
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"example-octotable-token","expires_in":1440,"type":"Bearer"}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	now := time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)
	ts := auth.OctotableTokenSource(context.Background(), auth.OctotableConfig{
		ClientID:     "public_example",
		ClientSecret: "example-secret",
		AuthBaseURL:  srv.URL + "/octotable-auth/api/v2", // default: auth.OctotableAuthBaseURL
		Now:          func() time.Time { return now },
	})
	tok, err := ts.Token()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("type:", tok.TokenType)
	fmt.Println("valid for:", tok.Expiry.Sub(now))
	// Output:
	// token request: application/json
	// type: Bearer
	// valid for: 24m0s
}

// This example shows how a token endpoint failure surfaces: as a
// *auth.TokenError naming the provider and status, without the secret.
func ExampleTokenError() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"error":"invalid_client","message":"Client authentication failed"}`)
	}))
	defer srv.Close()

	ts := auth.KobasTokenSource(context.Background(), auth.KobasConfig{
		ClientID: "example-client", ClientSecret: "wrong-secret", CompanyID: "1234",
		TokenURL: srv.URL + "/access_token",
	})
	_, err := ts.Token()
	fmt.Println(err)
	// Output:
	// auth: kobas token request: HTTP 401 Unauthorized: invalid_client: Client authentication failed
}
