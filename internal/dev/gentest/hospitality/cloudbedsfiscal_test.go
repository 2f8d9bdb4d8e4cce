package hospitality_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strconv"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// TestNewCloudbedsFiscalDocuments issues an invoice through the sandbox with the API key the PMS
// APIs take, then asks for a status move the lifecycle refuses: the error unwraps to an
// *APIError carrying the API's errorCode.
func TestNewCloudbedsFiscalDocuments(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	creds := sb.Credentials()
	c, err := cloudbedsfiscal.New(hospitality.ConnectCloudbedsFiscalDocuments(context.Background(), hospitality.CloudbedsConfig{
		APIKey: creds.CloudbedsAPIKey, BaseURL: srv.URL + sandbox.CloudbedsFiscalAPIPath,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})))
	if err != nil {
		t.Fatalf("ConnectCloudbedsFiscalDocuments: %v", err)
	}
	property, err := strconv.ParseInt(creds.CloudbedsPropertyID, 10, 64)
	if err != nil {
		t.Fatalf("property id: %v", err)
	}
	ctx := context.Background()
	inv, err := c.CreateInvoiceWithResponse(ctx, &cloudbedsfiscal.CreateInvoiceParams{PropertyID: property},
		cloudbedsfiscal.CreateInvoiceJSONRequestBody{TransactionIds: []int64{700003}, SourceID: 9876543210, SourceKind: cloudbedsfiscal.SourceKindRESERVATION})
	if err != nil || inv.JSON200 == nil || *inv.JSON200.Status != cloudbedsfiscal.FiscalDocumentStatusOPEN {
		t.Fatalf("CreateInvoice = %v, %v; want an OPEN invoice", inv, err)
	}
	id, _ := strconv.ParseInt(*inv.JSON200.ID, 10, 64)
	status := cloudbedsfiscal.FiscalDocumentStatusCOMPLETEDINTEGRATION
	_, err = c.PutFiscalDocumentWithResponse(ctx, id, &cloudbedsfiscal.PutFiscalDocumentParams{PropertyID: property},
		cloudbedsfiscal.PutFiscalDocumentJSONRequestBody{Status: &status})
	var ae *hospitality.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 400 || ae.Code != "INVALID_STATUS_TRANSITION" || !errors.Is(err, hospitality.ErrValidation) {
		t.Errorf("PutFiscalDocument(OPEN → COMPLETED_INTEGRATION) = %v, want a 400 INVALID_STATUS_TRANSITION validation error", err)
	}
}

func TestNewCloudbedsFiscalDocumentsConfig(t *testing.T) {
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
			if _, err := cloudbedsfiscal.New(hospitality.ConnectCloudbedsFiscalDocuments(context.Background(), tc.cfg)); err == nil {
				t.Errorf("ConnectCloudbedsFiscalDocuments(%+v) = nil error, want one", tc.cfg)
			}
		})
	}
}
