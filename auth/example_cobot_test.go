package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// This example starts a Cobot authorization with PKCE. State, verifier and
// nonce are random, so only the deterministic parts of the URL are printed;
// keep the returned values with the user's session until the callback.
func ExampleCobotConfig_AuthCodeURL() {
	cfg := auth.CobotConfig{
		ClientID:    "example-client",
		RedirectURL: "https://app.example.com/cobot/callback",
		Scopes:      []string{"openid", "email", "read_user", "read_memberships"},
		Subdomain:   "co-up", // an in-space app; leave empty for www.cobot.me
	}
	areq, err := cfg.AuthCodeURL()
	if err != nil {
		log.Fatal(err)
	}
	u, err := url.Parse(areq.URL)
	if err != nil {
		log.Fatal(err)
	}
	q := u.Query()
	fmt.Println("endpoint:", u.Scheme+"://"+u.Host+u.Path)
	fmt.Println("response_type:", q.Get("response_type"))
	fmt.Println("client_id:", q.Get("client_id"))
	fmt.Println("scope:", q.Get("scope"))
	fmt.Println("code_challenge_method:", q.Get("code_challenge_method"))
	fmt.Println("state in URL:", q.Get("state") == areq.State)
	fmt.Println("nonce in URL:", q.Get("nonce") == areq.Nonce)
	fmt.Println("verifier length:", len(areq.Verifier))
	// Output:
	// endpoint: https://co-up.cobot.me/oauth/authorize
	// response_type: code
	// client_id: example-client
	// scope: openid email read_user read_memberships
	// code_challenge_method: S256
	// state in URL: true
	// nonce in URL: true
	// verifier length: 43
}

// This example builds the authorization URL for a state and verifier the
// caller chose; the result is fully deterministic. The code_challenge is the
// S256 hash of the verifier, which Cobot checks when the code is exchanged.
func ExampleCobotConfig_AuthCodeURLWithState() {
	cfg := auth.CobotConfig{
		ClientID:    "example-client",
		RedirectURL: "https://app.example.com/cobot/callback",
		Scopes:      []string{"read_user"},
	}
	u, err := cfg.AuthCodeURLWithState("example-state", "example-verifier-0123456789-abcdefghijklmnopq")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u)
	// Output:
	// https://www.cobot.me/oauth/authorize?client_id=example-client&code_challenge=yvK9l_96EafzgbUtg1SyQoPMM-CcMhseI-WMlFhwrIc&code_challenge_method=S256&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcobot%2Fcallback&response_type=code&scope=read_user&state=example-state
}

// This example verifies an ID token against a local fake of the Cobot
// issuer: discovery document, signing keys (JWKS) and an RS256-signed token.
// The token is signed here with go-jose only to have something to verify;
// an application receives it from [auth.CobotConfig.Exchange].
func ExampleNewCobotOIDC() {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"issuer":                                srv.URL,
			"authorization_endpoint":                srv.URL + "/oauth/authorize",
			"token_endpoint":                        srv.URL + "/oauth/access_token",
			"userinfo_endpoint":                     srv.URL + "/api/userinfo",
			"jwks_uri":                              srv.URL + "/jwks.json",
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})
	mux.HandleFunc("GET /jwks.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
			{Key: &key.PublicKey, KeyID: "key-1", Algorithm: "RS256", Use: "sig"},
		}})
	})

	now := time.Date(2025, 5, 15, 12, 0, 0, 0, time.UTC)
	sign := func(aud string) string {
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: "key-1"}}, nil)
		if err != nil {
			log.Fatal(err)
		}
		claims, _ := json.Marshal(map[string]any{
			"iss": srv.URL, "sub": "user-42", "aud": aud, "email": "jane@example.com",
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(),
			"nonce": "nonce-from-the-auth-request",
		})
		jws, err := signer.Sign(claims)
		if err != nil {
			log.Fatal(err)
		}
		raw, _ := jws.CompactSerialize()
		return raw
	}

	ctx := context.Background()
	o, err := auth.NewCobotOIDC(ctx, auth.CobotConfig{
		ClientID: "example-client",
		Issuer:   srv.URL, // default: auth.CobotIssuer
		Now:      func() time.Time { return now },
	})
	if err != nil {
		log.Fatal(err)
	}
	// The nonce is the CobotAuthRequest.Nonce kept in the user's session
	// since the sign-in started; a token issued for another sign-in fails.
	nonce := "nonce-from-the-auth-request"
	idTok, err := o.Verify(ctx, sign("example-client"), nonce)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("subject:", idTok.Subject, "email:", idTok.Email)

	_, err = o.Verify(ctx, sign("example-client"), "nonce-of-another-sign-in")
	fmt.Println(errors.Is(err, auth.ErrCobotNonceMismatch), err)
	_, err = o.Verify(ctx, sign("another-client"), nonce)
	fmt.Println(err)
	// Output:
	// subject: user-42 email: jane@example.com
	// true auth: cobot id token: nonce does not match the authorization request: the token carries another nonce
	// auth: cobot id token: oidc: expected audience "example-client" got ["another-client"]
}
