package specs

import _ "embed"

// CloudbedsGuestProfiles is the OpenAPI document for the Cloudbeds Guest Profiles API v1.0: the
// guest profiles of an organization with their reservations, statistics, sources and custom
// fields, anonymization, and merging duplicate profiles, served under /guest-profiles/v1 on
// https://api.cloudbeds.com (specs/cloudbeds-guest-profiles.yaml).
//
//go:embed cloudbeds-guest-profiles.yaml
var CloudbedsGuestProfiles []byte
