package sandbox_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// Example_cobot runs Cobot's authorization code flow with PKCE against the sandbox, verifies the
// ID token and lists the space's memberships. The consent page is approved through the
// sandbox_consent parameter, as a program without a browser does.
func Example_cobot() {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		log.Fatal(err)
	}
	if err := sb.Start("127.0.0.1:0"); err != nil {
		log.Fatal(err)
	}
	defer sb.Close(context.Background())
	ctx, root, creds := context.Background(), sb.URL(), sb.Credentials()

	cfg := auth.CobotConfig{
		ClientID: creds.CobotClientID, ClientSecret: creds.CobotClientSecret, RedirectURL: creds.CobotRedirectURL,
		Scopes:  []string{"openid", "email", "profile", "read_memberships"},
		AuthURL: root + sandbox.CobotAuthorizePath, TokenURL: root + sandbox.CobotTokenPath,
		Issuer: root + sandbox.CobotPath, APIURL: root + sandbox.CobotAccessTokensBase,
	}
	req, err := cfg.AuthCodeURL(oauth2.SetAuthURLParam(sandbox.CobotConsentParam, "approve"))
	if err != nil {
		log.Fatal(err)
	}
	// The user approves; the sandbox redirects to the app's redirect URI with code and state.
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Get(req.URL)
	if err != nil {
		log.Fatal(err)
	}
	res.Body.Close()
	callback, _ := url.Parse(res.Header.Get("Location"))
	code, err := auth.CobotCallbackValues(callback.Query(), req.State)
	if err != nil {
		log.Fatal(err)
	}
	tok, err := cfg.Exchange(ctx, code, req.Verifier)
	if err != nil {
		log.Fatal(err)
	}
	oidc, err := auth.NewCobotOIDC(ctx, cfg)
	if err != nil {
		log.Fatal(err)
	}
	id, err := oidc.VerifyToken(ctx, tok, req.Nonce)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("signed in:", id.Name, id.Email, id.Nonce == req.Nonce)

	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{OAuth: &cfg, Token: tok, BaseURL: root + sandbox.CobotAPIPath}))
	if err != nil {
		log.Fatal(err)
	}
	params := &cobot.GetSpaceMembershipsParams{}
	params.FilterFrom.Time = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	params.FilterTo.Time = time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	n := 0
	for m, err := range c.GetSpaceMembershipsIter(ctx, sandbox.CobotSpaceID, params) {
		if err != nil {
			log.Fatal(err)
		}
		if n == 0 {
			fmt.Println("first member:", *m.Attributes.Name)
		}
		n++
	}
	fmt.Println("members in 2024:", n)
	// Output:
	// signed in: Maria Keller maria.keller@example.org true
	// first member: Maria Keller
	// members in 2024: 7
}
