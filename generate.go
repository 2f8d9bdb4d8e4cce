// Package hospitality is a typed Go SDK for hospitality APIs: Kobas (UK hospitality group
// management), Octorate OctoTable (restaurant reservations), Cloudbeds (hotel PMS, API v1.3 and
// v2) and Cobot (coworking spaces, API 2 and API 1).
//
// # How the SDK is built
//
// Each provider's wire contract is an OpenAPI 3.0.3 document we write by hand in specs/, stating
// only wire facts (paths, parameters, fields, types, the quirks the real APIs have). Go-specific
// shaping — names, lenient wire types, pointers — lives in an OpenAPI Overlay in overlays/.
// oapi-codegen turns the two into a typed client per provider under gen/ (for example
// [github.com/hospitality-sdk/hospitality-go/gen/kobas]). The generated code is committed and
// never edited by hand; `make generate` rebuilds it and `make check-generated` proves it fresh.
//
// Hand-written packages sit beside the generated ones:
//
//   - [github.com/hospitality-sdk/hospitality-go/auth]: token sources (client credentials with
//     caching, one fetch at a time, early refresh), token stores, and request editors with the
//     signature func(context.Context, *http.Request) error that plug into every generated client.
//   - [github.com/hospitality-sdk/hospitality-go/transport]: the HTTP chain every client shares —
//     per-attempt timeouts, retries with backoff and Retry-After, client-side rate limits, one
//     refresh-and-retry after a 401, redacted logging and the typed [APIError].
//   - [github.com/hospitality-sdk/hospitality-go/wire]: lenient scalar types for values the
//     providers send in undocumented forms (numbers as strings, "20%" rates, zero dates).
//   - [github.com/hospitality-sdk/hospitality-go/form]: PHP-style form bodies for Cloudbeds
//     (rooms[0][roomTypeID]=…), used by the generated Cloudbeds client.
//   - [github.com/hospitality-sdk/hospitality-go/sandbox]: a local, spec-validating stand-in for
//     the providers, with their token endpoints, for development and tests without credentials.
//
// # Getting a client
//
// Each provider API has a Connect function that wires the pieces together: [ConnectKobas],
// [ConnectOctotable], [ConnectCloudbeds], [ConnectCloudbedsV2] and the other Cloudbeds APIs,
// [ConnectCobot] and [ConnectCobotV1]. It returns a [Connection]: authenticated, carrying the
// headers the provider requires and sending through the shared transport. The New function of the
// API's generated package builds the typed client on it. [Option] values tune the transport for
// any provider. This package imports no generated package, so a program compiles only the APIs it
// uses.
//
//	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
//		ClientID: id, ClientSecret: secret, CompanyID: "1234",
//	}))
//	venues, err := c.ListVenuesWithResponse(ctx)
//
// # Errors
//
// A call the provider refuses returns an error that unwraps to [*APIError], whatever the
// provider's error shape; [errors.Is] matches it against [ErrNotFound], [ErrRateLimited] and the
// other sentinels. Token failures unwrap to [*auth.TokenError]. No error text contains a token,
// secret or key.
//
// # Regenerating
//
// Edit specs/<api>.yaml (wire facts) or overlays/<api>.yaml (Go shape), then run `make generate`
// and `make test`. The //go:generate lines below are what `make generate` runs: for each API,
// oapi-codegen builds the client, then pagegen adds a typed iterator (<Op>Iter) beside every list
// operation and writes the package documentation: what the API is, the constructor named by its
// -constructor flag, and an index from each operationId of the spec to its method and request.
// Both come from the development module internal/dev (its go.mod pins oapi-codegen with a tool
// directive), so that nothing the generator needs reaches a consumer's module graph.
// The generated code encodes and decodes JSON with encoding/json's API and semantics
// on the encoding/json/v2 implementation (github.com/go-json-experiment/json/v1, through the
// oapi-codegen templates in internal/codegen), which decodes large answers in one pass.
package hospitality

//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbeds/oapi-codegen.yaml specs/cloudbeds.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbeds -spec ../../specs/cloudbeds.yaml -connect ConnectCloudbeds
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedsaccounting/oapi-codegen.yaml specs/cloudbeds-accounting.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedsaccounting -spec ../../specs/cloudbeds-accounting.yaml -connect ConnectCloudbedsAccounting
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedsfiscal/oapi-codegen.yaml specs/cloudbeds-fiscal-documents.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedsfiscal -spec ../../specs/cloudbeds-fiscal-documents.yaml -connect ConnectCloudbedsFiscalDocuments
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedsgroups/oapi-codegen.yaml specs/cloudbeds-group-profile.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedsgroups -spec ../../specs/cloudbeds-group-profile.yaml -connect ConnectCloudbedsGroupProfile
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedsguests/oapi-codegen.yaml specs/cloudbeds-guest-profiles.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedsguests -spec ../../specs/cloudbeds-guest-profiles.yaml -connect ConnectCloudbedsGuestProfiles
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedsinsights/oapi-codegen.yaml specs/cloudbeds-insights.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedsinsights -spec ../../specs/cloudbeds-insights.yaml -connect ConnectCloudbedsInsights
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedspaybylink/oapi-codegen.yaml specs/cloudbeds-pay-by-link.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedspaybylink -spec ../../specs/cloudbeds-pay-by-link.yaml -connect ConnectCloudbedsPayByLink
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedspaymentelement/oapi-codegen.yaml specs/cloudbeds-payment-element.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedspaymentelement -spec ../../specs/cloudbeds-payment-element.yaml -connect ConnectCloudbedsPaymentElement
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedstags/oapi-codegen.yaml specs/cloudbeds-attribute-tagging.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedstags -spec ../../specs/cloudbeds-attribute-tagging.yaml -connect ConnectCloudbedsAttributeTagging
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedsv2/oapi-codegen.yaml specs/cloudbeds-v2.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedsv2 -spec ../../specs/cloudbeds-v2.yaml -connect ConnectCloudbedsV2
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cloudbedsvault/oapi-codegen.yaml specs/cloudbeds-payments-vault.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cloudbedsvault -spec ../../specs/cloudbeds-payments-vault.yaml -connect ConnectCloudbedsPaymentsVault
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cobot/oapi-codegen.yaml specs/cobot.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cobot -spec ../../specs/cobot.yaml -connect ConnectCobot
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/cobotv1/oapi-codegen.yaml specs/cobot-v1.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/cobotv1 -spec ../../specs/cobot-v1.yaml -connect ConnectCobotV1
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/kobas/oapi-codegen.yaml specs/kobas.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/kobas -spec ../../specs/kobas.yaml -connect ConnectKobas
//go:generate go tool -modfile=internal/dev/go.mod oapi-codegen -config gen/octotable/oapi-codegen.yaml specs/octotable.yaml
//go:generate go -C internal/dev run ./cmd/pagegen -dir ../../gen/octotable -spec ../../specs/octotable.yaml -connect ConnectOctotable
