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
	// token request: application/x-www-form-urlencoded
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

// This example builds the Cloudbeds consent URL. The state is random; keep
// it with the user's session and check it when Cloudbeds redirects back.
func ExampleCloudbedsConfig_AuthCodeURL() {
	cfg := auth.CloudbedsConfig{
		ClientID:    "example-client",
		RedirectURL: "https://app.example.com/cloudbeds/callback",
		Scopes:      []string{"read:hotel", "read:reservation"},
		// BaseURL: auth.CloudbedsLegacyBaseURL, // for hotels.cloudbeds.com/api/v1.1/oauth
	}
	authURL, state, err := cfg.AuthCodeURL()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("state length:", len(state))

	// With a state of your own, the URL is deterministic:
	authURL, err = cfg.AuthCodeURLWithState("session-bound-state")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(authURL)
	// Output:
	// state length: 43
	// https://api.cloudbeds.com/api/v1.3/oauth?client_id=example-client&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcloudbeds%2Fcallback&response_type=code&scope=read%3Ahotel+read%3Areservation&state=session-bound-state
}

// This example runs the authorization-code flow against a local fake of
// Cloudbeds: the callback is checked and its code exchanged for a token
// whose resources name the properties the consent covers; the token source
// then refreshes the token when it expires, saving each new pair first.
func ExampleCloudbedsConfig_Exchange() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1.3/access_token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		fmt.Println("token request:", r.PostForm.Get("grant_type"))
		w.Header().Set("Content-Type", "application/json")
		if r.PostForm.Get("grant_type") == "refresh_token" {
			io.WriteString(w, `{"access_token":"access-2","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-2"}`)
			return
		}
		io.WriteString(w, `{"access_token":"access-1","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-1",`+
			`"resources":[{"type":"property","id":"12345"}]}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	now := time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)
	store := auth.NewMemoryStore() // auth.NewFileStore(path) in a real app
	cfg := auth.CloudbedsConfig{
		ClientID:     "example-client",
		ClientSecret: "example-secret",
		RedirectURL:  "https://app.example.com/cloudbeds/callback",
		BaseURL:      srv.URL + "/api/v1.3", // default: auth.CloudbedsBaseURL
		Store:        store,
		StoreKey:     "cloudbeds:example-client:12345",
		Now:          func() time.Time { return now },
	}

	// Cloudbeds redirected the user to the redirect URI with a code.
	callback := httptest.NewRequest(http.MethodGet, "https://app.example.com/cloudbeds/callback?code=example-code&state=st-1", nil)
	code, err := auth.CloudbedsCallback(callback, "st-1")
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	tok, err := cfg.Exchange(ctx, code)
	if err != nil {
		log.Fatal(err)
	}
	for _, res := range auth.CloudbedsResources(tok) {
		fmt.Println("resource:", res.Type, res.ID)
	}

	ts := auth.CloudbedsTokenSource(ctx, cfg, tok)
	now = now.Add(2 * time.Hour) // the access token has expired
	fresh, err := ts.Token()
	if err != nil {
		log.Fatal(err)
	}
	saved, _ := store.Load(ctx, cfg.StoreKey)
	fmt.Println("in use:", fresh.AccessToken, "stored:", saved.AccessToken, saved.RefreshToken)
	fmt.Println("resources kept:", auth.CloudbedsResources(fresh))
	// Output:
	// token request: authorization_code
	// resource: property 12345
	// token request: refresh_token
	// in use: access-2 stored: access-2 refresh-2
	// resources kept: [{property 12345}]
}

// This example continues a connection in a new process from the token store
// alone: the stored token has expired, so it is refreshed with the stored
// refresh token, without asking the property to consent again.
func ExampleCloudbedsStoredTokenSource() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if r.PostForm.Get("grant_type") == "authorization_code" {
			fmt.Println("token request: authorization_code")
			io.WriteString(w, `{"access_token":"access-1","token_type":"Bearer","expires_in":3600,"refresh_token":"refresh-1"}`)
			return
		}
		fmt.Println("token request:", r.PostForm.Get("grant_type"), r.PostForm.Get("refresh_token"))
		io.WriteString(w, `{"access_token":"access-2","token_type":"Bearer","expires_in":3600}`)
	}))
	defer srv.Close()

	ctx := context.Background()
	now := time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)
	store := auth.NewMemoryStore() // auth.NewFileStore(path) in a real app
	cfg := auth.CloudbedsConfig{
		ClientID:     "example-client",
		ClientSecret: "example-secret",
		RedirectURL:  "https://app.example.com/cloudbeds/callback",
		TokenURL:     srv.URL + "/access_token",
		Store:        store,
		Now:          func() time.Time { return now },
	}
	// An earlier process exchanged the code; Exchange saved the token.
	if _, err := cfg.Exchange(ctx, "example-code"); err != nil {
		log.Fatal(err)
	}

	now = now.Add(3 * time.Hour) // a later process, the access token expired
	tok, err := auth.CloudbedsStoredTokenSource(ctx, cfg).Token()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("access token:", tok.AccessToken, "refresh token kept:", tok.RefreshToken)

	cfg.Store = auth.NewMemoryStore() // nothing stored: consent is needed
	_, err = auth.CloudbedsStoredTokenSource(ctx, cfg).Token()
	fmt.Println(err)
	// Output:
	// token request: authorization_code
	// token request: refresh_token refresh-1
	// access token: access-2 refresh token kept: refresh-1
	// auth: cloudbeds token: no usable token; the property must authorize the app
}

// This example exchanges an automatically delivered authorization code for
// an API key, sends it in the x-api-key header, and asks the metadata
// endpoint which API host serves the property.
func ExampleCloudbedsConfig_DiscoverAPIURL() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1.3/access_token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		fmt.Println("token request:", r.PostForm.Get("grant_type"))
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"cbat_example","token_type":"Bearer","resources":[{"type":"property","id":"12345"}]}`)
	})
	mux.HandleFunc("GET /api/v1.3/oauth/metadata", func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("metadata request: x-api-key", r.Header.Get("x-api-key"))
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"success":"true","data":{"api":{"url":"https://api.cloudbeds.com/api/v1.3"}},"message":null}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx := context.Background()
	cfg := auth.CloudbedsConfig{
		ClientID:     "example-client",
		ClientSecret: "example-secret",
		RedirectURL:  "https://app.example.com/cloudbeds/callback",
		BaseURL:      srv.URL + "/api/v1.3",
	}
	key, err := cfg.ExchangeAPIKey(ctx, "delivered-code")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("key for:", key.Resources)

	apiURL, err := cfg.DiscoverAPIURL(ctx, auth.CloudbedsAPIKey(key.APIKey))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("API URL:", apiURL)
	// Output:
	// token request: urn:ietf:params:oauth:grant-type:api-key
	// key for: [{property 12345}]
	// metadata request: x-api-key cbat_example
	// API URL: https://api.cloudbeds.com/api/v1.3
}
