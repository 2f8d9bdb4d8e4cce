package hospitality

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsInsightsProfile is the Cloudbeds Data Insights API v1.1: real status codes with
// {"error": {"code", "status", "description", "message"}} bodies (see decodeCloudbedsInsightsError),
// and the per-client limit and wording of the PMS APIs, whose bucket it shares.
var cloudbedsInsightsProfile = transport.Profile{
	Name:        "cloudbeds-insights",
	LimitGroup:  "cloudbeds",
	RateLimit:   transport.RateLimit{Limit: 5, Burst: 1},
	DecodeError: decodeCloudbedsInsightsError,
	Classify:    classifyCloudbeds,
}

// decodeCloudbedsInsightsError reads the Data Insights error body: the nested "error" object's
// description is the message and its status name (BAD_REQUEST, NOT_FOUND, …) the code, rather
// than the numeric code the default decoder would pick; an object "message" of field problems
// becomes Fields. Other shapes (the gateway's OAuth 401s) go to the default decoder.
func decodeCloudbedsInsightsError(e *transport.APIError, body []byte) {
	transport.DecodeErrorBody(e, body)
	var doc struct {
		Error *struct {
			Status      string          `json:"status"`
			Description string          `json:"description"`
			Message     json.RawMessage `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &doc) != nil || doc.Error == nil {
		return
	}
	if doc.Error.Status != "" {
		e.Code = doc.Error.Status
	}
	if doc.Error.Description != "" {
		e.Message = doc.Error.Description
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(doc.Error.Message, &fields) != nil {
		return
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		var msg string
		var list []string
		switch {
		case json.Unmarshal(fields[name], &msg) == nil:
		case json.Unmarshal(fields[name], &list) == nil:
			msg = strings.Join(list, "; ")
		default:
			msg = string(fields[name])
		}
		e.Fields = append(e.Fields, transport.FieldError{Field: name, Message: msg})
	}
}

// ConnectCloudbedsInsights returns a connection to the Cloudbeds Data Insights API v1.1
// (gen/cloudbedsinsights's New builds the typed client on it) (saved and stock reports, ad-hoc
// report queries, exports and export tasks, custom fields, charts, hubs, folders, tags, favorites,
// schedules and datasets) wired with the same [CloudbedsConfig] credential as [ConnectCloudbeds]
// and [ConnectCloudbedsV2] and the shared transport chain: Cloudbeds' 5 requests per second per
// client, counted together with the PMS APIs, retries and typed errors. Failed calls return an
// error that unwraps to [*APIError], whose Code is the status name the API sends (NOT_FOUND,
// CONFLICT, …). Nearly every operation takes the property in its X-PROPERTY-ID parameter
// (PropertyID).
//
// BaseURL, when set, is the origin the /datainsights/v1.1 paths are appended to (for example root +
// sandbox.CloudbedsInsightsAPIPath). It does no I/O unless DiscoverHost is set. The client is safe
// for concurrent use.
func ConnectCloudbedsInsights(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	if err := cfg.checkURLs(); err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds insights: %w", err)
	}
	s := collect(opts)
	cfg = cfg.withShared(s, true)
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds insights: %w", err)
	}
	base := orDefault(cfg.BaseURL, cloudbedsinsightsDefaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" {
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return nil, fmt.Errorf("hospitality: cloudbeds insights: %w", err)
		}
		base = u.Scheme + "://" + u.Host
	}
	tc := s.transportConfig(cloudbedsInsightsProfile, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	doer := transport.New(tc)
	return newConnection("cloudbedsinsights", base, doer), nil
}
