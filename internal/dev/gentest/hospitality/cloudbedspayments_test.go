package hospitality_test

import (
	"context"
	"net/http/httptest"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsvault"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// One CloudbedsConfig credential — the sandbox's API key, as the PMS APIs take it — serves the
// three payment APIs, which receive it as the bearer token their documents declare.
func TestNewCloudbedsPaymentsSharedCredential(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	creds := sb.Credentials()
	opts := []hospitality.Option{hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})}
	cfg := func(path string) hospitality.CloudbedsConfig {
		return hospitality.CloudbedsConfig{APIKey: creds.CloudbedsAPIKey, BaseURL: srv.URL + path}
	}
	ctx := context.Background()

	pbl, err := cloudbedspaybylink.New(hospitality.ConnectCloudbedsPayByLink(ctx, cfg(sandbox.CloudbedsPayByLinkAPIPath), opts...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPayByLink: %v", err)
	}
	link, err := pbl.CreatePayByLinkWithResponse(ctx, &cloudbedspaybylink.CreatePayByLinkParams{PropertyID: creds.CloudbedsPropertyID},
		cloudbedspaybylink.PayByLinkRequest{Paid: 80, InventoryObject: cloudbedspaybylink.InventoryObject{Type: "reservation", ID: "4417001"}})
	if err != nil || link.JSON200 == nil || link.JSON200.URL == "" {
		t.Fatalf("CreatePayByLink = %v, %v; want a link", link, err)
	}

	pe, err := cloudbedspaymentelement.New(hospitality.ConnectCloudbedsPaymentElement(ctx, cfg(sandbox.CloudbedsPaymentElementAPIPath), opts...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPaymentElement: %v", err)
	}
	key, err := pe.IssueAPIKeyWithResponse(ctx, cloudbedspaymentelement.IssueAPIKeyRequest{PropertyIDs: []string{creds.CloudbedsPropertyID}})
	if err != nil || key.JSON201 == nil || key.JSON201.Secret == "" {
		t.Fatalf("IssueAPIKey = %v, %v; want a key with its secret", key, err)
	}

	vault, err := cloudbedsvault.New(hospitality.ConnectCloudbedsPaymentsVault(ctx, cfg(sandbox.CloudbedsVaultAPIPath), opts...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPaymentsVault: %v", err)
	}
	tok, err := vault.TokenizeCardWithResponse(ctx, &cloudbedsvault.TokenizeCardParams{PropertyID: &creds.CloudbedsPropertyID},
		cloudbedsvault.Card{CardNumber: "4111111111111111", CVV: "123", CardholderName: "Ana Silva",
			Expiration: cloudbedsvault.Expiration{Month: "08", Year: "2099"}})
	if err != nil || tok.JSON200 == nil || tok.JSON200.ID == "" {
		t.Fatalf("TokenizeCard = %v, %v; want a payment method id", tok, err)
	}
}
