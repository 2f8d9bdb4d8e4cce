package contract_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func TestContractCloudbedsGroupProfile(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedsgroups.New(hospitality.ConnectCloudbedsGroupProfile(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsGroupProfileAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsGroupProfile: %v", err)
	}
	check(t, specs.CloudbedsGroupProfile, sandbox.CloudbedsGroupProfileAPIPath, client, sb,
		contract.WithName("cloudbeds-group-profile"),
		// Every operation names the organization in x-organization-id; the sandbox serves one.
		contract.WithValue("x-organization-id", sandbox.CloudbedsGroupProfileOrganizationID),
		// Deletions run before the deletions of what hangs off a profile, so deleteProfile takes a
		// seeded profile (the travel agent) and leaves the one the run created to the others.
		contract.WithOperationValue("deleteProfile", "profileId", 1907481861900003))
}
