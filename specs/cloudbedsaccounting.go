package specs

import _ "embed"

// CloudbedsAccounting is the OpenAPI document for the Cloudbeds Accounting API v1.0: transactions,
// folios, deposits, accounts receivable ledgers and the trial balance, served under
// /accounting/v1.0 on https://api.cloudbeds.com (specs/cloudbeds-accounting.yaml).
//
//go:embed cloudbeds-accounting.yaml
var CloudbedsAccounting []byte
