package specs

import _ "embed"

// Cloudbeds is the OpenAPI document for the Cloudbeds PMS API v1.3 (specs/cloudbeds.yaml): the
// method-style endpoints under https://api.cloudbeds.com/api/v1.3, with form-encoded request
// bodies and the lenient response types the live API needs.
//
//go:embed cloudbeds.yaml
var Cloudbeds []byte
