package contract_test

import (
	"context"
	"fmt"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsvault"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func TestContractCloudbedsPayByLink(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedspaybylink.New(hospitality.ConnectCloudbedsPayByLink(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsPayByLinkAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPayByLink: %v", err)
	}
	// Both operations name the property in X-Property-Id, and the created link's property in its
	// body must be the same; the link createPayByLink answers with is the one read back.
	check(t, specs.CloudbedsPayByLink, sandbox.CloudbedsPayByLinkAPIPath, client, sb,
		contract.WithName("cloudbeds-pay-by-link"),
		contract.WithValue("X-Property-Id", c.CloudbedsPropertyID),
		contract.WithValue("propertyId", c.CloudbedsPropertyID))
}

func TestContractCloudbedsPaymentElement(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedspaymentelement.New(hospitality.ConnectCloudbedsPaymentElement(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsPaymentElementAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPaymentElement: %v", err)
	}
	check(t, specs.CloudbedsPaymentElement, sandbox.CloudbedsPaymentElementAPIPath, client, sb,
		contract.WithName("cloudbeds-payment-element"),
		// Keys are issued for the sandbox's property.
		contract.WithValue("property_ids", []string{c.CloudbedsPropertyID}),
		// A key is named by its identity, which the driver does not learn from issueAPIKey's
		// answer (it learns ids): revoke one issued for the purpose.
		contract.WithHook("revokeAPIKey", func(ctx context.Context) error {
			issued, err := client.IssueAPIKeyWithResponse(ctx, cloudbedspaymentelement.IssueAPIKeyRequest{PropertyIDs: []string{c.CloudbedsPropertyID}})
			if err != nil {
				return err
			}
			if issued.JSON201 == nil {
				return fmt.Errorf("issueAPIKey: status %d without a decoded key", issued.StatusCode())
			}
			res, err := client.RevokeAPIKeyWithResponse(ctx, issued.JSON201.Identity)
			if err != nil {
				return err
			}
			if res.JSON200 == nil || !res.JSON200.Success {
				return fmt.Errorf("revokeAPIKey: status %d, want success", res.StatusCode())
			}
			return nil
		}))
}

func TestContractCloudbedsPaymentsVault(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedsvault.New(hospitality.ConnectCloudbedsPaymentsVault(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsVaultAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPaymentsVault: %v", err)
	}
	// A test card number that passes the Luhn check, with an expiry the sandbox's clock never
	// reaches (the document's example expires in 2030), stored for the sandbox's property.
	check(t, specs.CloudbedsPaymentsVault, sandbox.CloudbedsVaultAPIPath, client, sb,
		contract.WithName("cloudbeds-payments-vault"),
		contract.WithValue("X-Property-Id", c.CloudbedsPropertyID),
		contract.WithBody("tokenizeCard", cloudbedsvault.Card{CardNumber: "4111111111111111", CVV: "123",
			CardholderName: "Ana Silva", Expiration: cloudbedsvault.Expiration{Month: "08", Year: "2099"}}))
}
