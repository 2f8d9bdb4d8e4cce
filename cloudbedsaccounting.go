package hospitality

import (
	"context"
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsAccountingProfile is the Cloudbeds Accounting API v1.0: real status codes with
// {"id", "timestamp", "errorCode", "errorDetails"} bodies (read by the transport's default
// decoder), and the per-client limit and wording of the PMS APIs, whose bucket it shares.
var cloudbedsAccountingProfile = transport.Profile{
	Name:       "cloudbeds-accounting",
	LimitGroup: "cloudbeds",
	RateLimit:  transport.RateLimit{Limit: 5, Burst: 1},
	Classify:   classifyCloudbeds,
}

// ConnectCloudbedsAccounting returns a connection to the Cloudbeds Accounting API v1.0
// (gen/cloudbedsaccounting's New builds the typed client on it) (transactions, folios, deposits,
// accounts receivable ledgers, trial balance) wired with the same [CloudbedsConfig] credential as
// [ConnectCloudbeds] and [ConnectCloudbedsV2] and the shared transport chain: Cloudbeds' 5 requests
// per second per client, counted together with the PMS APIs, retries and typed errors. Failed calls
// return an error that unwraps to [*APIError]. Each operation takes the property in its
// X-Property-ID parameter.
//
// BaseURL, when set, is the origin the /accounting/v1.0 paths are appended to (for example root +
// sandbox.CloudbedsAccountingAPIPath). It does no I/O unless DiscoverHost is set. The client is
// safe for concurrent use.
func ConnectCloudbedsAccounting(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds accounting: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, true)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds accounting: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedsaccountingDefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds accounting: %w", err)
		}
		base = u.Scheme + "://" + u.Host
	}
	tc := s.transportConfig(cloudbedsAccountingProfile, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbedsaccounting", base, doer), nil
}
