package hospitality

import (
	"context"
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsAttributeTaggingProfile is the Cloudbeds Attribute Tagging API v1: real status codes
// with {"code", "message", "errors": [{"field", "message"}]} bodies (read by the transport's
// default decoder), and the per-client limit and wording of the PMS APIs, whose bucket it shares.
var cloudbedsAttributeTaggingProfile = transport.Profile{
	Name:       "cloudbeds-attribute-tagging",
	LimitGroup: "cloudbeds",
	RateLimit:  transport.RateLimit{Limit: 5, Burst: 1},
	Classify:   classifyCloudbeds,
}

// ConnectCloudbedsAttributeTagging returns a connection to the Cloudbeds Attribute Tagging API v1
// (gen/cloudbedstags's New builds the typed client on it) (attributes such as "VIP" or "Honeymoon"
// and the tags attaching them to guest profiles and reservations, one entity at a time or in bulk)
// wired with the same [CloudbedsConfig] credential as [ConnectCloudbeds] and [ConnectCloudbedsV2]
// and the shared transport chain: Cloudbeds' 5 requests per second per client, counted together
// with the PMS APIs, retries and typed errors. Failed calls return an error that unwraps to
// [*APIError]. Attribute operations take the organization in their x-organization-id parameter
// (OrganizationID), tag operations the properties in x-property-id (PropertyIDs, a comma-separated
// list).
//
// BaseURL, when set, is the origin the /attribute-tagging/v1 paths are appended to (for example
// root + sandbox.CloudbedsAttributeTaggingAPIPath). It does no I/O unless DiscoverHost is set. The
// connection is safe for concurrent use.
func ConnectCloudbedsAttributeTagging(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds attribute tagging: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, true)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds attribute tagging: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedstagsDefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds attribute tagging: %w", err)
		}
		base = u.Scheme + "://" + u.Host
	}
	tc := s.transportConfig(cloudbedsAttributeTaggingProfile, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbedstags", base, doer), nil
}
