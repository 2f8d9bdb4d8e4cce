package specs

import _ "embed"

// CloudbedsV2 is the OpenAPI document for the Cloudbeds API v2, the resource-style JSON API
// served under service prefixes on https://api.cloudbeds.com (specs/cloudbeds-v2.yaml).
//
//go:embed cloudbeds-v2.yaml
var CloudbedsV2 []byte
