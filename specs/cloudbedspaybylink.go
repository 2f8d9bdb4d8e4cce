package specs

import _ "embed"

// CloudbedsPayByLink is the OpenAPI document for the Cloudbeds Pay-by-Link API v2.0: payment links
// for an amount owed on a reservation, room, group profile or house account, and their state,
// served under /payments/v2 on https://api.cloudbeds.com (specs/cloudbeds-pay-by-link.yaml).
//
//go:embed cloudbeds-pay-by-link.yaml
var CloudbedsPayByLink []byte
