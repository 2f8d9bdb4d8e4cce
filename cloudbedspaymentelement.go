package hospitality

import (
	"context"
	"fmt"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cloudbedsPaymentElementProfile is the Cloudbeds Payment Element API key management v1.0: real
// status codes with {"message"} bodies (read by the transport's default decoder; 404 for an unknown
// key, 409 for one already revoked), and the per-client limit and wording of the PMS APIs, whose
// bucket it shares.
var cloudbedsPaymentElementProfile = transport.Profile{
	Name:       "cloudbeds-payment-element",
	LimitGroup: "cloudbeds",
	RateLimit:  transport.RateLimit{Limit: 5, Burst: 1},
	Classify:   classifyCloudbeds,
}

// ConnectCloudbedsPaymentElement returns a connection to Cloudbeds' Payment Element API key
// management v1.0 (gen/cloudbedspaymentelement's New builds the typed client on it) (issuing,
// listing and revoking the keys the Payment Element web component is initialised with) wired with
// the same [CloudbedsConfig] credential as [ConnectCloudbeds] and the shared transport chain:
// Cloudbeds' 5 requests per second per client, counted together with the PMS APIs, retries and
// typed errors. Failed calls return an error that unwraps to [*APIError].
//
// The API's document declares one credential, a bearer token, so every credential goes out as
// Authorization: Bearer — an APIKey too, instead of the x-api-key header of the PMS APIs. The keys
// the API issues are not credentials for it: an issued secret is returned once and belongs in the
// integrator's backend, never in a log or a browser.
//
// BaseURL, when set, is the base the /v1/keys paths are appended to (for example root +
// sandbox.CloudbedsPaymentElementAPIPath); the default is
// https://api.cloudbeds.com/payments/sdk-api (gen/cloudbedspaymentelement's DefaultServer). With
// DiscoverHost and no BaseURL, the discovered host serves /payments/sdk-api. It does no I/O unless
// DiscoverHost is set. The connection is safe for concurrent use.
func ConnectCloudbedsPaymentElement(ctx context.Context, cfg CloudbedsConfig, opts ...Option) (*Connection, error) {
	base, doer, err := cfg.bearerClient(ctx, opts, cloudbedsPaymentElementProfile, cloudbedspaymentelementDefaultServer, "/payments/sdk-api", nil)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cloudbeds payment element: %w", err)
	}
	return newConnection("cloudbedspaymentelement", base, doer), nil
}
