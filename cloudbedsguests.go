package hospitality

import (
	"context"
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsGuestProfilesProfile is the Cloudbeds Guest Profiles API v1.0: real status codes with
// {"code", "message", "errors"} bodies (read by the transport's default decoder), and the
// per-client limit and wording of the PMS APIs, whose bucket it shares.
var cloudbedsGuestProfilesProfile = transport.Profile{
	Name:       "cloudbeds-guest-profiles",
	LimitGroup: "cloudbeds",
	RateLimit:  transport.RateLimit{Limit: 5, Burst: 1},
	Classify:   classifyCloudbeds,
}

// ConnectCloudbedsGuestProfiles returns a connection to the Cloudbeds Guest Profiles API v1.0
// (gen/cloudbedsguests's New builds the typed client on it) (guest profiles across an
// organization's properties, their reservations, statistics and custom fields, anonymization,
// merging and unmerging duplicates) wired with the same [CloudbedsConfig] credential as
// [ConnectCloudbeds] and [ConnectCloudbedsV2] and the shared transport chain: Cloudbeds' 5 requests
// per second per client, counted together with the PMS APIs, retries and typed errors. Failed calls
// return an error that unwraps to [*APIError]. Each operation takes the organization in its
// X-Organization-Id parameter (OrganizationID).
//
// BaseURL, when set, is the origin the /guest-profiles/v1 paths are appended to (for example root +
// sandbox.CloudbedsGuestProfilesAPIPath). It does no I/O unless DiscoverHost is set. The client is
// safe for concurrent use.
func ConnectCloudbedsGuestProfiles(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds guest profiles: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, true)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds guest profiles: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedsguestsDefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds guest profiles: %w", err)
		}
		base = u.Scheme + "://" + u.Host
	}
	tc := s.transportConfig(cloudbedsGuestProfilesProfile, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbedsguests", base, doer), nil
}
