package contract_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"strconv"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func TestContractCloudbedsAccounting(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedsaccounting.New(hospitality.ConnectCloudbedsAccounting(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsAccountingAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsAccounting: %v", err)
	}
	property, err := strconv.ParseInt(c.CloudbedsPropertyID, 10, 64)
	if err != nil {
		t.Fatalf("property id %q: %v", c.CloudbedsPropertyID, err)
	}
	check(t, specs.CloudbedsAccounting, sandbox.CloudbedsAccountingAPIPath, client, sb,
		contract.WithName("cloudbeds-accounting"),
		// Every operation names the property in X-Property-ID; the sandbox serves one.
		contract.WithValue("X-Property-ID", property),
		// The seeded channel commission (listTransactions' example) is the one to void.
		contract.WithValue("transactionId", 700003))
}
