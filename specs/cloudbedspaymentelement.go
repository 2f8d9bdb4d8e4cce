package specs

import _ "embed"

// CloudbedsPaymentElement is the OpenAPI document for the Cloudbeds Payment Element API key
// management v1.0: issuing, listing and revoking the keys of the Payment Element web component,
// served under /payments/sdk-api on https://api.cloudbeds.com (specs/cloudbeds-payment-element.yaml).
//
//go:embed cloudbeds-payment-element.yaml
var CloudbedsPaymentElement []byte
