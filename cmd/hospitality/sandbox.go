package main

import (
	"context"
	"fmt"
	"io"

	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// serveSandbox runs the sandbox on addr until ctx ends, then shuts it down gracefully.
func serveSandbox(ctx context.Context, addr string, out io.Writer) error {
	sb, err := sandbox.New(sandbox.Options{Credentials: sandboxCredentials(defaultRedirectURL)})
	if err != nil {
		return err
	}
	if err := sb.Start(addr); err != nil {
		return err
	}
	c, u := sb.Credentials(), sb.URL()
	fmt.Fprintf(out, `hospitality sandbox listening on %[1]s (Ctrl-C to stop)
Use it from other commands: export HOSPITALITY_SANDBOX_URL=%[1]s, then hospitality login <provider> --sandbox

Kobas
  API base   %[1]s%[2]s
  token URL  %[1]s%[3]s
  client id %[4]q  secret %[5]q  company id %[6]q

	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: %[4]q, ClientSecret: %[5]q, CompanyID: %[6]q,
		BaseURL: "%[1]s%[2]s", TokenURL: "%[1]s%[3]s",
	}))

Octotable
  API base   %[1]s%[7]s
  auth base  %[1]s%[8]s
  client id %[9]q  secret %[10]q  property %[11]d

	c, err := octotable.New(hospitality.ConnectOctotable(ctx, hospitality.OctotableConfig{
		ClientID: %[9]q, ClientSecret: %[10]q, PropertyID: %[11]d,
		BaseURL: "%[1]s%[7]s", AuthBaseURL: "%[1]s%[8]s",
	}))

Cloudbeds
  API v1.3   %[1]s%[12]s   (consent page %[1]s%[12]s/oauth, token %[1]s%[12]s/access_token)
  API v2     %[1]s%[13]s
  client id %[14]q  secret %[15]q  redirect %[16]q
  API key %[17]q  property %[18]q
  The consent page approves at once with &auto_approve=1 appended to the authorize URL.

	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
		APIKey: %[17]q, BaseURL: "%[1]s%[12]s",
	}))
	// or OAuth: app := auth.CloudbedsConfig{ClientID: %[14]q, ClientSecret: %[15]q,
	//	RedirectURL: %[16]q, BaseURL: "%[1]s%[12]s"}

Cobot
  OAuth       authorize %[1]s%[19]s  token %[1]s%[20]s
              (add &%[21]s=approve to the authorize URL to skip the consent page)
  OIDC issuer %[1]s%[22]s   API 2 %[1]s%[23]s   API 1 %[1]s%[24]s   space %[25]s
  client id %[26]q  secret %[27]q (public clients: PKCE only)  redirect %[28]q

	app := auth.CobotConfig{ClientID: %[26]q, ClientSecret: %[27]q, RedirectURL: %[28]q,
		Scopes: []string{"openid", "email", "profile", "read_bookings", "write_bookings"},
		AuthURL: "%[1]s%[19]s", TokenURL: "%[1]s%[20]s",
		Issuer: "%[1]s%[22]s", APIURL: "%[1]s%[29]s"}
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{OAuth: &app, Token: tok, BaseURL: "%[1]s%[23]s"}))
`, u, sandbox.KobasAPIPath, sandbox.KobasTokenPath, c.KobasClientID, c.KobasClientSecret, c.KobasCompanyID,
		sandbox.OctotableAPIPath, sandbox.OctotableAuthPath, c.OctotableClientID, c.OctotableClientSecret, c.OctotablePropertyID,
		sandbox.CloudbedsAPIPath, sandbox.CloudbedsV2APIPath, c.CloudbedsClientID, c.CloudbedsClientSecret, c.CloudbedsRedirectURL,
		c.CloudbedsAPIKey, c.CloudbedsPropertyID,
		sandbox.CobotAuthorizePath, sandbox.CobotTokenPath, sandbox.CobotConsentParam, sandbox.CobotPath, sandbox.CobotAPIPath,
		sandbox.CobotV1APIPath, sandbox.CobotSpaceID, c.CobotClientID, c.CobotClientSecret, c.CobotRedirectURL, sandbox.CobotAccessTokensBase)

	<-ctx.Done()
	fmt.Fprintln(out, "shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	return sb.Close(sctx)
}
