// Package specs embeds the OpenAPI 3.0.3 documents that describe each provider's wire contract.
//
// The documents are the single source the generated clients under gen/ are built from; they are
// embedded so that the sandbox, the contract tests and tooling can validate traffic against
// exactly the contract the SDK was generated from, without reading files at run time.
package specs

import _ "embed"

// Kobas is the OpenAPI document for the Kobas API v3 (specs/kobas.yaml).
//
//go:embed kobas.yaml
var Kobas []byte

// Octotable is the OpenAPI document for the Octorate OctoTable PMS API v2 (specs/octotable.yaml).
//
//go:embed octotable.yaml
var Octotable []byte
