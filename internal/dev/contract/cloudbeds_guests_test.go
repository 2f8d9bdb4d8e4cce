package contract_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func TestContractCloudbedsGuestProfiles(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedsguests.New(hospitality.ConnectCloudbedsGuestProfiles(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsGuestProfilesAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsGuestProfiles: %v", err)
	}
	// Every operation names the organization in X-Organization-Id; the sandbox serves one. The
	// merge of the seeded profiles (mergeProfiles' example) runs first and is the one to undo;
	// the profile createProfile answers with is the one read, changed and anonymized.
	check(t, specs.CloudbedsGuestProfiles, sandbox.CloudbedsGuestProfilesAPIPath, client, sb,
		contract.WithName("cloudbeds-guest-profiles"),
		contract.WithValue("X-Organization-Id", sandbox.CloudbedsOrganizationID))
}
