package sandbox_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cbPayByLinkClient returns a Pay-by-Link client on a fresh sandbox with its API key, and the
// sandbox's property id.
func cbPayByLinkClient(t *testing.T, opts sandbox.Options) (*cloudbedspaybylink.ClientWithResponses, string) {
	t.Helper()
	sb, root := start(t, opts)
	c, err := cloudbedspaybylink.New(hospitality.ConnectCloudbedsPayByLink(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsPayByLinkAPIPath,
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPayByLink: %v", err)
	}
	return c, sb.Credentials().CloudbedsPropertyID
}

func TestCloudbedsPayByLinkLifecycle(t *testing.T) {
	now := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	c, property := cbPayByLinkClient(t, sandbox.Options{Now: func() time.Time { return clock() }})
	ctx := context.Background()
	params := &cloudbedspaybylink.CreatePayByLinkParams{PropertyID: property}
	days, folio, notes := int32(2), int64(55), "Balance of the stay"
	created, err := c.CreatePayByLinkWithResponse(ctx, params, cloudbedspaybylink.PayByLinkRequest{
		Paid: 150.5, Description: &notes, ExpiresAfter: &days, FolioID: &folio,
		InventoryObject: cloudbedspaybylink.InventoryObject{Type: "reservation", ID: "4417001"},
	})
	if err != nil || created.JSON200 == nil {
		t.Fatalf("CreatePayByLink = %v, %v; want a link", created, err)
	}
	link := created.JSON200
	if want := now.AddDate(0, 0, 2); !link.ExpiresAt.Equal(want) {
		t.Errorf("ExpiresAt = %v, want %v", link.ExpiresAt.Time, want)
	}
	get := func() *cloudbedspaybylink.PayByLink {
		t.Helper()
		res, err := c.GetPayByLinkWithResponse(ctx, link.ID, &cloudbedspaybylink.GetPayByLinkParams{PropertyID: property})
		if err != nil || res.JSON200 == nil {
			t.Fatalf("GetPayByLink(%s) = %v, %v", link.ID, res, err)
		}
		return res.JSON200
	}
	got := get()
	if got.PayByLinkStatus != cloudbedspaybylink.PayByLinkStatusSent || got.Cost.Value != "150.5" || int64(got.FolioID) != folio ||
		got.Notes == nil || *got.Notes != notes || got.CaptureMethod != cloudbedspaybylink.CaptureMethodCharge || !got.ReadyForPayment {
		t.Errorf("GetPayByLink = %+v, want a SENT charge of 150.5 on folio 55", got)
	}

	// The guest opens the page, then pays.
	page := func(method string) string {
		t.Helper()
		var res *http.Response
		if method == http.MethodPost {
			res, err = http.PostForm(link.URL, url.Values{"pay": {"1"}})
		} else {
			res, err = http.Get(link.URL)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	if body := page(http.MethodGet); !strings.Contains(body, "150.50 USD") {
		t.Errorf("payment page = %q, want the amount", body)
	}
	if s := get().PayByLinkStatus; s != cloudbedspaybylink.PayByLinkStatusViewed {
		t.Errorf("status after viewing = %s, want VIEWED", s)
	}
	page(http.MethodPost)
	if got := get(); got.PayByLinkStatus != cloudbedspaybylink.PayByLinkStatusPaid || !got.Paid || got.CompletedAt.IsZero() || got.ReadyForPayment {
		t.Errorf("after paying = %+v, want PAID with completedAt", got)
	}

	// A second link expires unpaid.
	second, err := c.CreatePayByLinkWithResponse(ctx, params, cloudbedspaybylink.PayByLinkRequest{Paid: 20,
		InventoryObject: cloudbedspaybylink.InventoryObject{Type: "house_account", ID: "12"}})
	if err != nil {
		t.Fatal(err)
	}
	now = now.AddDate(0, 0, 8)
	res, err := c.GetPayByLinkWithResponse(ctx, second.JSON200.ID, &cloudbedspaybylink.GetPayByLinkParams{PropertyID: property})
	if err != nil || res.JSON200.PayByLinkStatus != cloudbedspaybylink.PayByLinkStatusExpired || !res.JSON200.Expired {
		t.Errorf("GetPayByLink after 8 days = %+v, %v; want EXPIRED", res.JSON200, err)
	}
}

func TestCloudbedsPayByLinkErrors(t *testing.T) {
	c, property := cbPayByLinkClient(t, sandbox.Options{})
	ctx := context.Background()
	tests := []struct {
		name     string
		call     func() error
		status   int
		wantKind error
		wantText string
	}{
		{"unknown link", func() error {
			_, err := c.GetPayByLinkWithResponse(ctx, "00000000-0000-4000-8000-000000000000", &cloudbedspaybylink.GetPayByLinkParams{PropertyID: property})
			return err
		}, http.StatusBadRequest, hospitality.ErrNotFound, "Pay By Link not found"},
		{"other property", func() error {
			_, err := c.GetPayByLinkWithResponse(ctx, "x", &cloudbedspaybylink.GetPayByLinkParams{PropertyID: "999"})
			return err
		}, http.StatusUnauthorized, hospitality.ErrUnauthorized, "no access to property 999"},
		{"bad inventory type", func() error {
			_, err := c.CreatePayByLinkWithResponse(ctx, &cloudbedspaybylink.CreatePayByLinkParams{PropertyID: property},
				cloudbedspaybylink.PayByLinkRequest{Paid: 1, InventoryObject: cloudbedspaybylink.InventoryObject{Type: "room", ID: "1"}})
			return err
		}, http.StatusBadRequest, hospitality.ErrValidation, "inventoryObject.type"},
		{"zero amount", func() error {
			_, err := c.CreatePayByLinkWithResponse(ctx, &cloudbedspaybylink.CreatePayByLinkParams{PropertyID: property},
				cloudbedspaybylink.PayByLinkRequest{Paid: 0, InventoryObject: cloudbedspaybylink.InventoryObject{Type: "reservation", ID: "1"}})
			return err
		}, http.StatusBadRequest, hospitality.ErrValidation, "paid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ae *hospitality.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want an *APIError", err)
			}
			if ae.StatusCode != tc.status || !errors.Is(err, tc.wantKind) || !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("err = %v (status %d), want status %d, errors.Is %v and %q", err, ae.StatusCode, tc.status, tc.wantKind, tc.wantText)
			}
		})
	}
}

// The documents of the payment APIs declare only a bearer scheme: the PMS APIs' x-api-key header
// is refused, the same key as a bearer token is taken.
func TestCloudbedsPaymentsBearerOnly(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	key := sb.Credentials().CloudbedsAPIKey
	u := root + sandbox.CloudbedsPayByLinkAPIPath + "/pay-by-link/00000000-0000-4000-8000-000000000000"
	tests := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"x-api-key", map[string]string{"x-api-key": key}, http.StatusUnauthorized},
		{"bearer API key", map[string]string{"Authorization": "Bearer " + key}, http.StatusBadRequest},
		{"unknown bearer", map[string]string{"Authorization": "Bearer nope"}, http.StatusUnauthorized},
	}
	tests = append(tests, struct {
		name   string
		header map[string]string
		want   int
	}{"bearer access token", map[string]string{"Authorization": "Bearer " + cbAccessToken(t, sb, root)}, http.StatusBadRequest})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.header["X-Property-Id"] = sb.Credentials().CloudbedsPropertyID
			if got := send(t, http.MethodGet, u, "", "", tc.header); got.status != tc.want {
				t.Errorf("GET %s with %s = %d, want %d", u, tc.name, got.status, tc.want)
			}
		})
	}
}

// cbAccessToken returns an access token of a Cloudbeds consent, through the sandbox's
// authorization code flow (consent approved at once).
func cbAccessToken(t *testing.T, sb *sandbox.Server, root string) string {
	t.Helper()
	c := sb.Credentials()
	q := url.Values{"client_id": {c.CloudbedsClientID}, "redirect_uri": {c.CloudbedsRedirectURL}, "response_type": {"code"},
		"state": {"s"}, "auto_approve": {"1"}}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(root + sandbox.CloudbedsAuthorizePath + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("consent redirect = %q, want a code", res.Header.Get("Location"))
	}
	form := url.Values{"grant_type": {"authorization_code"}, "client_id": {c.CloudbedsClientID}, "client_secret": {c.CloudbedsClientSecret},
		"redirect_uri": {c.CloudbedsRedirectURL}, "code": {loc.Query().Get("code")}}
	got := send(t, http.MethodPost, root+sandbox.CloudbedsTokenPath, "application/x-www-form-urlencoded", form.Encode(), nil)
	tok, _ := got.body["access_token"].(string)
	if tok == "" {
		t.Fatalf("token answer = %d %v, want an access token", got.status, got.body)
	}
	return tok
}
