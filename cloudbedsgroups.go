package hospitality

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsGroupProfileProfile is the Cloudbeds Group Profile API v1.0: real status codes with
// {"message", "code", "timestamp"} bodies, 422s adding a "fieldErrors" list (see
// decodeCloudbedsGroupProfileError), and the per-client limit and wording of the PMS APIs, whose
// bucket it shares.
var cloudbedsGroupProfileProfile = transport.Profile{
	Name:        "cloudbeds-group-profile",
	LimitGroup:  "cloudbeds",
	RateLimit:   transport.RateLimit{Limit: 5, Burst: 1},
	DecodeError: decodeCloudbedsGroupProfileError,
	Classify:    classifyCloudbeds,
}

// decodeCloudbedsGroupProfileError reads the common shapes with [transport.DecodeErrorBody] and
// then the Group Profile API's {"fieldErrors": [{"field", "message"}]} list, which the default
// decoder does not know.
func decodeCloudbedsGroupProfileError(e *APIError, body []byte) {
	transport.DecodeErrorBody(e, body)
	var doc struct {
		FieldErrors []struct {
			Field   string `json:"field"`
			Message string `json:"message"`
		} `json:"fieldErrors"`
	}
	if json.Unmarshal(body, &doc) != nil {
		return
	}
	for _, f := range doc.FieldErrors {
		e.Fields = append(e.Fields, transport.FieldError{Field: f.Field, Message: f.Message})
	}
}

// ConnectCloudbedsGroupProfile returns a connection to the Cloudbeds Group Profile API v1.0
// (gen/cloudbedsgroups's New builds the typed client on it) (company, group and travel agent
// profiles, the contact persons and guests linked to them, and their notes, tags and documents)
// wired with the same [CloudbedsConfig] credential as [ConnectCloudbeds] and [ConnectCloudbedsV2]
// and the shared transport chain: Cloudbeds' 5 requests per second per client, counted together
// with the PMS APIs, retries and typed errors. Failed calls return an error that unwraps to
// [*APIError]; a 422's field errors are in its Fields. Each operation takes the organization in its
// x-organization-id parameter (OrganizationID) and optionally a property in x-property-id
// (PropertyID).
//
// BaseURL, when set, is the origin the /group-profile/v1 paths are appended to (for example root +
// sandbox.CloudbedsGroupProfileAPIPath). It does no I/O unless DiscoverHost is set. The client is
// safe for concurrent use.
func ConnectCloudbedsGroupProfile(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds group profile: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, true)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds group profile: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedsgroupsDefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds group profile: %w", err)
		}
		base = u.Scheme + "://" + u.Host
	}
	tc := s.transportConfig(cloudbedsGroupProfileProfile, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbedsgroups", base, doer), nil
}
