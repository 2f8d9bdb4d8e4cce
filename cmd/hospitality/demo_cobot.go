package main

import (
	"context"
	"fmt"
	"io"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cobotMember is the sandbox's first seeded membership (Maria Keller).
const cobotMember = "75a3f1a6f033140094c49bfd81f87c06"

// demoCobot signs a member in with PKCE, verifies the ID token, books a meeting room for them and
// lists the space's bookings through the iterator.
func demoCobot(ctx context.Context, out io.Writer, sb *sandbox.Server, root string) (summary, error) {
	creds := sb.Credentials()
	app := auth.CobotConfig{
		ClientID: creds.CobotClientID, ClientSecret: creds.CobotClientSecret, RedirectURL: creds.CobotRedirectURL,
		Scopes:  []string{"openid", "email", "profile", "read_user", "read_memberships", "read_bookings", "write_bookings"},
		AuthURL: root + sandbox.CobotAuthorizePath, TokenURL: root + sandbox.CobotTokenPath,
		Issuer: root + sandbox.CobotPath, APIURL: root + sandbox.CobotAccessTokensBase,
	}
	req, err := app.AuthCodeURL()
	if err != nil {
		return summary{}, err
	}
	callback, err := approveConsent(ctx, req.URL)
	if err != nil {
		return summary{}, err
	}
	code, err := auth.CobotCallbackValues(callback.Query(), req.State)
	if err != nil {
		return summary{}, err
	}
	tok, err := app.Exchange(ctx, code, req.Verifier)
	if err != nil {
		return summary{}, err
	}
	idp, err := auth.NewCobotOIDC(ctx, app)
	if err != nil {
		return summary{}, err
	}
	id, err := idp.VerifyToken(ctx, tok, req.Nonce)
	if err != nil {
		return summary{}, err
	}
	if id.Nonce != req.Nonce {
		return summary{}, fmt.Errorf("ID token nonce does not match the authorization request")
	}
	fmt.Fprintf(out, "   consent page approved; PKCE S256 code exchanged; ID token verified (RS256 via JWKS): %s <%s>\n", id.Name, id.Email)

	// By default the client paces Cobot calls at the documented 60 per minute (one a second); the
	// demo allows short bursts so it finishes at once. The sandbox's own per-token limit still
	// applies and is far from reached.
	c, err := cobot.New(hospitality.ConnectCobot(ctx, hospitality.CobotConfig{OAuth: &app, Token: tok, BaseURL: root + sandbox.CobotAPIPath},
		hospitality.WithRateLimit(transport.RateLimit{Limit: 50, Burst: 5})))
	if err != nil {
		return summary{}, err
	}
	titles := []string{"Quarterly planning", "Design review", "Retrospective"}
	for i, title := range titles {
		day := time.Date(2031, 3, 4+i, 9, 0, 0, 0, time.UTC)
		res, err := c.CreateMembershipBookingWithApplicationVndAPIPlusJSONBodyWithResponse(ctx, cobotMember, cobot.CreateMembershipBookingApplicationVndAPIPlusJSONRequestBody{
			Data: cobot.CreateBookingData{
				Type: cobot.CreateBookingDataTypeBookings,
				Attributes: cobot.CreateBookingAttributes{
					From:  cobot.DateTime{Time: day},
					To:    cobot.DateTime{Time: day.Add(2 * time.Hour)},
					Title: &title,
				},
				Relationships: &cobot.CreateBookingRelationships{
					Resource: cobot.ToOne{Data: &cobot.ResourceIdentifier{ID: "room-1", Type: "resources"}},
				},
			},
		})
		if err != nil {
			return summary{}, err
		}
		b := res.ApplicationVndAPIJSON201.Data
		fmt.Fprintf(out, "   POST /memberships/%s/bookings: %q %s-%s, price %s net (booking %s)\n",
			cobotMember[:8]+"…", *b.Attributes.Title, b.Attributes.From.Format("2006-01-02 15:04"), b.Attributes.To.Format("15:04"), b.Attributes.Price.Net, b.ID[:8]+"…")
	}

	size, n := cobot.PageSize(2), 0
	params := &cobot.GetMembershipBookingsParams{
		FilterFrom: time.Date(2031, 3, 1, 0, 0, 0, 0, time.UTC), FilterTo: time.Date(2031, 4, 1, 0, 0, 0, 0, time.UTC),
		PageSize: &size,
	}
	for _, err := range c.GetMembershipBookingsIter(ctx, cobotMember, params) {
		if err != nil {
			return summary{}, err
		}
		n++
	}
	fmt.Fprintf(out, "   GET /memberships/…/bookings via GetMembershipBookingsIter (page[size]=2, links.next): %d bookings in March 2031\n", n)
	return summary{auth: "OAuth code + PKCE, OIDC ID token", result: fmt.Sprintf("%d meeting rooms booked; %d listed", len(titles), n)}, nil
}
