package specs

import _ "embed"

// CloudbedsAttributeTagging is the OpenAPI document for the Cloudbeds Attribute Tagging API v1: an
// organization's attributes (reusable labels such as "VIP") and the tags attaching them to guest
// profiles and reservations, one at a time or in bulk, served under /attribute-tagging/v1 on
// https://api.cloudbeds.com (specs/cloudbeds-attribute-tagging.yaml).
//
//go:embed cloudbeds-attribute-tagging.yaml
var CloudbedsAttributeTagging []byte
