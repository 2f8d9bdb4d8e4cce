package hospitality

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"

	"golang.org/x/oauth2"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsPayByLinkProfile is the Cloudbeds Pay-by-Link API v2.0: real status codes, with a
// {"timestamp", "errors"} body for 401 and plain text for 400 (an unknown link among them) and 500
// (see [decodeCloudbedsText]), and the per-client limit and wording of the PMS APIs, whose bucket
// it shares.
var cloudbedsPayByLinkProfile = transport.Profile{
	Name:        "cloudbeds-pay-by-link",
	LimitGroup:  "cloudbeds",
	RateLimit:   transport.RateLimit{Limit: 5, Burst: 1},
	DecodeError: decodeCloudbedsText,
	Classify:    classifyCloudbedsPayByLink,
}

// decodeCloudbedsText reads an error answer that is plain text, as Pay-by-Link's 400 and 500 are:
// its first line (at most 300 bytes) becomes the message. JSON bodies go to
// [transport.DecodeErrorBody]; HTML pages are left to the transport's own handling.
func decodeCloudbedsText(e *APIError, body []byte) {
	text := bytes.TrimSpace(body)
	if len(text) == 0 || text[0] == '{' || text[0] == '[' || text[0] == '<' {
		transport.DecodeErrorBody(e, body)
		return
	}
	line, _, _ := bytes.Cut(text, []byte("\n"))
	if len(line) > 300 {
		line = line[:300]
	}
	e.Message = strings.ToValidUTF8(string(bytes.TrimSpace(line)), "")
}

// classifyCloudbedsPayByLink is [classifyCloudbeds] plus Pay-by-Link's way of saying a link does not
// exist: a 400 whose text says "not found" matches [ErrNotFound].
func classifyCloudbedsPayByLink(e *APIError, body []byte) {
	classifyCloudbeds(e, body)
	if e.Kind == nil && e.StatusCode == http.StatusBadRequest && strings.Contains(strings.ToLower(e.Message), "not found") {
		e.Kind = ErrNotFound
	}
}

// ConnectCloudbedsPayByLink returns a connection to the Cloudbeds Pay-by-Link API v2.0
// (gen/cloudbedspaybylink's New builds the typed client on it) (payment links for an amount owed,
// and their state) wired with the same [CloudbedsConfig] credential as [ConnectCloudbeds] and the
// shared transport chain: Cloudbeds' 5 requests per second per client, counted together with the
// PMS APIs, retries and typed errors. Failed calls return an error that unwraps to [*APIError]; an
// unknown link matches [ErrNotFound]. Each operation takes the property in its X-Property-Id
// parameter.
//
// The API's document declares one credential, a bearer token, so every credential goes out as
// Authorization: Bearer — an APIKey too, instead of the x-api-key header of the PMS APIs.
//
// BaseURL, when set, is the base the /pay-by-link paths are appended to (for example root +
// sandbox.CloudbedsPayByLinkAPIPath); the default is https://api.cloudbeds.com/payments/v2
// (gen/cloudbedspaybylink's DefaultServer). With DiscoverHost and no BaseURL, the discovered host
// serves /payments/v2. It does no I/O unless DiscoverHost is set. The connection is safe for
// concurrent use.
func ConnectCloudbedsPayByLink(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	base, doer, err := cfg.bearerClient(ctx, opts, cloudbedsPayByLinkProfile, cloudbedspaybylinkDefaultServer, "/payments/v2", nil)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds pay-by-link: %w", err)
	}
	return newConnection("cloudbedspaybylink", base, doer), nil
}

// bearerClient builds the base URL and the transport of a Cloudbeds API whose document declares
// only an HTTP bearer scheme (Pay-by-Link, the Payment Element keys, the Payments Vault). The
// credential is cfg's, sent as Authorization: Bearer whatever its kind (see [CloudbedsConfig.bearerAPIKey]);
// the rate limit is keyed as for the PMS APIs, so the same credential counts in one bucket.
//
// defaultServer is the document's server; basePath, when not empty, is the path the document's
// server puts on a host that DiscoverHost finds. An empty basePath means the API has a host of its
// own, which /oauth/metadata does not name and which serves no OAuth endpoints: DiscoverHost is
// then ignored and BaseURL does not move the OAuth endpoints. extra middleware runs innermost,
// next to the network.
func (cfg CloudbedsConfig) bearerClient(ctx context.Context, opts []Option, p transport.Profile, defaultServer, basePath string,
	extra []transport.Middleware) (string, *transport.Client, error) {
	if err := cfg.checkURLs(); err != nil {
		return "", nil, err
	}
	s := collect(opts)
	base := cfg.BaseURL
	if basePath == "" {
		// An API on a host of its own serves no OAuth endpoints: BaseURL does not move them.
		cfg.BaseURL = ""
	}
	cfg = cfg.withShared(s, true)
	cfg.BaseURL = base
	authorize, reject, err := cfg.credentials(ctx)
	if err != nil {
		return "", nil, err
	}
	base = orDefault(cfg.BaseURL, defaultServer)
	if cfg.DiscoverHost && cfg.BaseURL == "" && basePath != "" {
		// Host discovery is a PMS v1.3 call: it takes the credential as the PMS APIs send it.
		u, err := cfg.discover(ctx, s, authorize)
		if err != nil {
			return "", nil, err
		}
		base = u.Scheme + "://" + u.Host + basePath
	}
	if cfg.APIKey != "" {
		authorize, reject = cfg.bearerAPIKey(), nil
	}
	tc := s.transportConfig(p, nil, authorize, reject)
	tc.RateLimitKey = cfg.rateLimitKey()
	if cfg.APIKey != "" {
		// The PMS APIs are keyed by their x-api-key value; the same key, sent here as a bearer
		// token, stays in the same bucket.
		key := cfg.APIKey
		tc.RateLimitKey = func(*http.Request) string { return key }
	}
	if len(extra) > 0 {
		tc.Middleware = append(append([]transport.Middleware(nil), tc.Middleware...), extra...)
	}
	return strings.TrimSuffix(base, "/"), transport.New(tc), nil
}

// bearerAPIKey returns the authorizer that sends cfg.APIKey as a bearer token, for the Cloudbeds
// APIs whose documents declare only the HTTP bearer scheme.
func (cfg CloudbedsConfig) bearerAPIKey() func(context.Context, *http.Request) error {
	return auth.Bearer(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cfg.APIKey, TokenType: "Bearer"}))
}
