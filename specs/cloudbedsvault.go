package specs

import _ "embed"

// CloudbedsPaymentsVault is the OpenAPI document for the Cloudbeds Payments Vault v1.0: card
// tokenization, served under /vault/v1 on its own host, https://api.payments.cloudbeds.com
// (specs/cloudbeds-payments-vault.yaml).
//
//go:embed cloudbeds-payments-vault.yaml
var CloudbedsPaymentsVault []byte
