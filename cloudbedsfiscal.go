package hospitality

import (
	"context"
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsFiscalProfile is the Cloudbeds Fiscal Documents API v1.0: real status codes with
// {"id", "timestamp", "errorCode", "errorDetails"} bodies (read by the transport's default
// decoder), and the per-client limit and wording of the PMS APIs, whose bucket it shares.
var cloudbedsFiscalProfile = transport.Profile{
	Name:       "cloudbeds-fiscal-documents",
	LimitGroup: "cloudbeds",
	RateLimit:  transport.RateLimit{Limit: 5, Burst: 1},
	Classify:   classifyCloudbeds,
}

// ConnectCloudbedsFiscalDocuments returns a connection to the Cloudbeds Fiscal Documents API v1.0
// (gen/cloudbedsfiscal's New builds the typed client on it) (invoices, credit notes, receipts and
// the other fiscal documents with their status lifecycle, allocations, document settings, folio
// exports and the fiscalization set-up) wired with the same [CloudbedsConfig] credential as
// [ConnectCloudbeds], [ConnectCloudbedsV2] and [ConnectCloudbedsAccounting] and the shared
// transport chain: Cloudbeds' 5 requests per second per client, counted together with the other
// Cloudbeds APIs, retries and typed errors. Failed calls return an error that unwraps to
// [*APIError]. Property-scoped operations take the property in their X-Property-ID parameter.
//
// BaseURL, when set, is the origin the /fiscal-document/v1 paths are appended to (for example root
// + sandbox.CloudbedsFiscalAPIPath). It does no I/O unless DiscoverHost is set. The client is safe
// for concurrent use.
func ConnectCloudbedsFiscalDocuments(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds fiscal documents: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, true)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds fiscal documents: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedsfiscalDefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds fiscal documents: %w", err)
		}
		base = u.Scheme + "://" + u.Host
	}
	tc := s.transportConfig(cloudbedsFiscalProfile, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbedsfiscal", base, doer), nil
}
