package contract_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
	"testing"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

func TestContractCloudbedsAttributeTagging(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedstags.New(hospitality.ConnectCloudbedsAttributeTagging(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsAttributeTaggingAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsAttributeTagging: %v", err)
	}
	// Attribute calls name the organization, tag calls the property; the sandbox serves one of
	// each. The seeded attributes and tags the document's examples name (102 to change, 103 to
	// delete, tags 5001 and 5002) are the ones the updates and deletions act on.
	check(t, specs.CloudbedsAttributeTagging, sandbox.CloudbedsAttributeTaggingAPIPath, client, sb,
		contract.WithName("cloudbeds-attribute-tagging"),
		contract.WithValue("x-organization-id", sandbox.CloudbedsOrganizationID),
		contract.WithValue("x-property-id", c.CloudbedsPropertyID))
}
