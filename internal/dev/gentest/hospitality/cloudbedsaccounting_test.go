package hospitality_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strconv"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// accountingSandbox starts a sandbox and returns an Accounting client on the sandbox's API key
// (the same credential the PMS APIs take) and the property id as the API's header wants it.
func accountingSandbox(t *testing.T) (*cloudbedsaccounting.ClientWithResponses, int64) {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	creds := sb.Credentials()
	c, err := cloudbedsaccounting.New(hospitality.ConnectCloudbedsAccounting(context.Background(), hospitality.CloudbedsConfig{
		APIKey: creds.CloudbedsAPIKey, BaseURL: srv.URL + sandbox.CloudbedsAccountingAPIPath,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})))
	if err != nil {
		t.Fatalf("ConnectCloudbedsAccounting: %v", err)
	}
	property, err := strconv.ParseInt(creds.CloudbedsPropertyID, 10, 64)
	if err != nil {
		t.Fatalf("property id: %v", err)
	}
	return c, property
}

func TestNewCloudbedsAccountingFolios(t *testing.T) {
	c, property := accountingSandbox(t)
	ctx := context.Background()
	created, err := c.CreateFolioWithResponse(ctx, &cloudbedsaccounting.CreateFolioParams{PropertyID: property},
		cloudbedsaccounting.CreateFolioJSONRequestBody{Name: "Spa", SourceID: "4417001", SourceKind: cloudbedsaccounting.FolioSourceKindRESERVATION,
			TransactionTypes: []cloudbedsaccounting.TransactionTypeIdentifier{}})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("CreateFolio = %v, %v; want a created folio", created, err)
	}
	folios, err := c.GetFoliosWithResponse(ctx, &cloudbedsaccounting.GetFoliosParams{PropertyID: property,
		Filter: cloudbedsaccounting.FoliosFilter{SourceID: 4417001, SourceKind: cloudbedsaccounting.FolioSourceKindRESERVATION}})
	if err != nil || folios.JSON200 == nil {
		t.Fatalf("GetFolios = %v", err)
	}
	found := false
	for _, f := range *folios.JSON200 {
		found = found || (f.ID != nil && *f.ID == created.JSON201.ID)
	}
	if !found {
		t.Errorf("GetFolios does not list the created folio %s", created.JSON201.ID)
	}
	id, _ := strconv.ParseInt(created.JSON201.ID, 10, 64)
	if _, err := c.DeleteFolioWithResponse(ctx, id, &cloudbedsaccounting.DeleteFolioParams{PropertyID: property}); err != nil {
		t.Fatalf("DeleteFolio(%d) = %v", id, err)
	}

	tests := []struct {
		name     string
		id       int64
		wantKind error
		wantCode string
	}{
		{"deleted folio", id, hospitality.ErrNotFound, "ENTITY_NOT_FOUND"},
		{"folio with transactions", 900101, hospitality.ErrValidation, "FOLIO_HAS_TRANSACTIONS"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.DeleteFolioWithResponse(ctx, tc.id, &cloudbedsaccounting.DeleteFolioParams{PropertyID: property})
			var ae *hospitality.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("DeleteFolio(%d) = %v, want an *APIError", tc.id, err)
			}
			if ae.Code != tc.wantCode {
				t.Errorf("DeleteFolio(%d) code = %q, want %q", tc.id, ae.Code, tc.wantCode)
			}
			if tc.wantKind == hospitality.ErrNotFound && !errors.Is(err, tc.wantKind) {
				t.Errorf("DeleteFolio(%d) = %v, want errors.Is %v", tc.id, err, tc.wantKind)
			}
		})
	}
}

func TestNewCloudbedsAccountingConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  hospitality.CloudbedsConfig
	}{
		{"no credential", hospitality.CloudbedsConfig{}},
		{"two credentials", hospitality.CloudbedsConfig{APIKey: "cbat_x", TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})}},
		{"plain http base", hospitality.CloudbedsConfig{APIKey: "cbat_x", BaseURL: "http://api.example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := cloudbedsaccounting.New(hospitality.ConnectCloudbedsAccounting(context.Background(), tc.cfg)); err == nil {
				t.Errorf("ConnectCloudbedsAccounting(%+v) = nil error, want one", tc.cfg)
			}
		})
	}
}
