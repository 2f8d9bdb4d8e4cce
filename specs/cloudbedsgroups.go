package specs

import _ "embed"

// CloudbedsGroupProfile is the OpenAPI document for the Cloudbeds Group Profile API v1.0: company,
// group and travel agent profiles, the contact persons and guests linked to them, and their notes,
// tags and documents, served under /group-profile/v1 on https://api.cloudbeds.com
// (specs/cloudbeds-group-profile.yaml).
//
//go:embed cloudbeds-group-profile.yaml
var CloudbedsGroupProfile []byte
