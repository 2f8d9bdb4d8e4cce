package contract_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"strconv"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func TestContractCloudbedsFiscalDocuments(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedsfiscal.New(hospitality.ConnectCloudbedsFiscalDocuments(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsFiscalAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsFiscalDocuments: %v", err)
	}
	property, err := strconv.ParseInt(c.CloudbedsPropertyID, 10, 64)
	if err != nil {
		t.Fatalf("property id %q: %v", c.CloudbedsPropertyID, err)
	}
	// The document's parameter examples name the seeded documents each operation acts on (the
	// receipts to apply and void, the pro forma invoice to accept, the invoice awaiting its
	// integration); the connection createFiscalConnection answers with is activated, paused,
	// resumed, configured and disconnected.
	check(t, specs.CloudbedsFiscalDocuments, sandbox.CloudbedsFiscalAPIPath, client, sb,
		contract.WithName("cloudbeds-fiscal-documents"),
		// Property-scoped operations name the property in X-Property-ID; the sandbox serves one.
		contract.WithValue("X-Property-ID", property),
		// Registration has no rules; series does.
		contract.WithOperationValue("getConnectionSectionRules", "sectionKey", "series"),
		// The new connection is disconnected before its logo would be deleted; the seeded one has a logo.
		contract.WithOperationValue("deleteConnectionLogo", "connectionId", 301))
}
