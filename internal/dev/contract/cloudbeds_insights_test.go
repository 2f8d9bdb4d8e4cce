package contract_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func TestContractCloudbedsInsights(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedsinsights.New(hospitality.ConnectCloudbedsInsights(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsInsightsAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsInsights: %v", err)
	}
	// The documents' examples name the sandbox's property in X-PROPERTY-ID and its seeded ids
	// elsewhere. Creations run first and their ids fill the paths after them; deletions run
	// last in path order, so the deletions of a whole folder, hub, report, stock report or stock
	// report folder take seeded ones, leaving the created ones to the deletions of their parts.
	// addReportToFolder answers with the folder, not the report: the report it filed is 1.
	check(t, specs.CloudbedsInsights, sandbox.CloudbedsInsightsAPIPath, client, sb,
		contract.WithName("cloudbeds-insights"),
		contract.WithOperationValue("deleteFolder", "id", 2),
		contract.WithOperationValue("removeReportFromFolder", "report_id", 1),
		contract.WithOperationValue("deleteHub", "hub_id", 1),
		contract.WithOperationValue("deleteReport", "report_id", 2),
		contract.WithOperationValue("unpublishStockReport", "stock_report_id", 1),
		contract.WithOperationValue("deleteStockReportFolder", "folder_id", 2))
}
