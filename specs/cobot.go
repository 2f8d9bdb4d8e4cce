package specs

import _ "embed"

// Cobot is the OpenAPI document for Cobot API 2, the JSON:API interface at https://api.cobot.me
// (specs/cobot.yaml).
//
//go:embed cobot.yaml
var Cobot []byte

// CobotV1 is the OpenAPI document for the parts of Cobot API 1 that API 2 lacks: access tokens,
// memberships and webhook subscriptions, served per space at https://{subdomain}.cobot.me
// (specs/cobot-v1.yaml).
//
//go:embed cobot-v1.yaml
var CobotV1 []byte
