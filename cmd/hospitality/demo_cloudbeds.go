package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// demoCloudbeds walks the OAuth consent as a person would (consent page, approve, redirect back),
// exchanges the code, then creates a reservation and pages through the reservations.
func demoCloudbeds(ctx context.Context, out io.Writer, sb *sandbox.Server, root string) (summary, error) {
	creds := sb.Credentials()
	app := auth.CloudbedsConfig{
		ClientID:     creds.CloudbedsClientID,
		ClientSecret: creds.CloudbedsClientSecret,
		RedirectURL:  creds.CloudbedsRedirectURL,
		Scopes:       []string{"read:reservation", "write:reservation", "read:guest", "read:payment"},
		BaseURL:      root + sandbox.CloudbedsAPIPath,
		Store:        auth.NewMemoryStore(),
	}
	consentURL, state, err := app.AuthCodeURL()
	if err != nil {
		return summary{}, err
	}
	callback, err := approveConsent(ctx, consentURL)
	if err != nil {
		return summary{}, err
	}
	code, err := auth.CloudbedsCallbackValues(callback.Query(), state)
	if err != nil {
		return summary{}, err
	}
	tok, err := app.Exchange(ctx, code)
	if err != nil {
		return summary{}, err
	}
	var props []string
	for _, r := range auth.CloudbedsResources(tok) {
		props = append(props, r.Type+" "+r.ID)
	}
	fmt.Fprintf(out, "   consent page approved, redirected with code and state; token for %s\n", strings.Join(props, ", "))

	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{OAuth: &app, Token: tok, BaseURL: root + sandbox.CloudbedsAPIPath}))
	if err != nil {
		return summary{}, err
	}
	day := func(d int) cloudbeds.Date { return cloudbeds.Date{Time: time.Date(2025, 6, d, 0, 0, 0, 0, time.UTC)} }
	created, err := c.PostReservationWithFormdataBodyWithResponse(ctx, cloudbeds.PostReservationForm{
		StartDate: day(12), EndDate: day(14),
		GuestFirstName: "Ana", GuestLastName: "Silva", GuestEmail: "ana.silva@example.com",
		GuestCountry: "PT", GuestZip: "4050-123", PaymentMethod: cloudbeds.PostReservationFormPaymentMethodCash,
		Rooms:    []cloudbeds.PostReservationRoom{{RoomTypeID: "77", Quantity: 1}},
		Adults:   []cloudbeds.PostReservationAdult{{RoomTypeID: "77", Quantity: 2}},
		Children: []cloudbeds.PostReservationChild{{RoomTypeID: "77", Quantity: 0}},
	})
	if err != nil {
		return summary{}, err
	}
	id := string(created.JSON200.ReservationID)
	fmt.Fprintf(out, "   POST postReservation (form body rooms[0][roomTypeID]=77...): reservation %s, total %s\n", id, created.JSON200.GrandTotal)

	got, err := c.GetReservationWithResponse(ctx, &cloudbeds.GetReservationParams{ReservationID: id})
	if err != nil {
		return summary{}, err
	}
	data := got.JSON200.Data
	status := "(no status)"
	if data.Status != "" {
		status = data.Status
	}
	fmt.Fprintf(out, "   GET getReservation: %s %s, %s to %s\n", id, status, data.StartDate.Format("2006-01-02"), data.EndDate.Format("2006-01-02"))

	size, n := 2, 0
	for _, err := range c.GetReservationsIter(ctx, &cloudbeds.GetReservationsParams{PageSize: &size}) {
		if err != nil {
			return summary{}, err
		}
		n++
	}
	fmt.Fprintf(out, "   GET getReservations via GetReservationsIter (pageSize=2): %d reservations\n", n)

	// The same credential serves the other Cloudbeds APIs: clients built from it share one token
	// source (one refresher for the connection) and Cloudbeds' per-client rate limit.
	property, err := strconv.ParseInt(creds.CloudbedsPropertyID, 10, 64)
	if err != nil {
		return summary{}, fmt.Errorf("sandbox property id: %w", err)
	}
	acct, err := cloudbedsaccounting.New(hospitality.ConnectCloudbedsAccounting(ctx, hospitality.CloudbedsConfig{OAuth: &app, Token: tok, BaseURL: root + sandbox.CloudbedsAccountingAPIPath}))
	if err != nil {
		return summary{}, err
	}
	bal, err := acct.GetDepositBalanceWithResponse(ctx, &cloudbedsaccounting.GetDepositBalanceParams{PropertyID: property})
	if err != nil {
		return summary{}, err
	}
	fmt.Fprintf(out, "   Accounting GET /deposits/balance (same credential): %s\n", describeJSON(bal.Body))
	fiscal, err := cloudbedsfiscal.New(hospitality.ConnectCloudbedsFiscalDocuments(ctx, hospitality.CloudbedsConfig{OAuth: &app, Token: tok, BaseURL: root + sandbox.CloudbedsFiscalAPIPath}))
	if err != nil {
		return summary{}, err
	}
	docs := 0
	for _, err := range fiscal.GetFiscalDocumentsIter(ctx, &cloudbedsfiscal.GetFiscalDocumentsParams{PropertyID: property}) {
		if err != nil {
			return summary{}, err
		}
		docs++
	}
	fmt.Fprintf(out, "   Fiscal Documents GET /fiscal-documents via GetFiscalDocumentsIter (same credential): %d documents\n", docs)
	return summary{auth: "OAuth code via the consent page", result: fmt.Sprintf("reservation %s created; %d listed; Accounting and Fiscal Documents on the same token", id, n)}, nil
}

// inputs matches the hidden fields of the sandbox's consent form.
var inputs = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// approveConsent loads the consent page, submits its Approve button and returns the URL the
// browser would be redirected to (the app's callback, carrying code and state).
func approveConsent(ctx context.Context, consentURL string) (*url.URL, error) {
	noRedirect := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, consentURL, nil)
	if err != nil {
		return nil, err
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		return nil, err
	}
	page, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("consent page: HTTP %d", res.StatusCode)
	}
	form := url.Values{"decision": {"approve"}}
	for _, m := range inputs.FindAllStringSubmatch(string(page), -1) {
		form.Set(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	action, _, _ := strings.Cut(consentURL, "?")
	req, err = http.NewRequestWithContext(ctx, http.MethodPost, action, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err = noRedirect.Do(req)
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound && res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("consent approval: HTTP %d, want a redirect", res.StatusCode)
	}
	return url.Parse(res.Header.Get("Location"))
}

// describeJSON is a short form of a small JSON answer for the demo's output: its compact text,
// cut at 100 bytes.
func describeJSON(b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return fmt.Sprintf("%d bytes", len(b))
	}
	s := buf.String()
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return s
}
