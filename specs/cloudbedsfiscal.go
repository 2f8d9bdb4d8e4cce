package specs

import _ "embed"

// CloudbedsFiscalDocuments is the OpenAPI document for the Cloudbeds Fiscal Documents API v1.0:
// invoices, credit notes, rectifying, settlement and pro forma invoices and receipts with their
// status lifecycle, payment allocations, document settings, folio exports and the fiscalization
// set-up (country rules, providers, connections, series, routing), served under
// /fiscal-document/v1 on https://api.cloudbeds.com (specs/cloudbeds-fiscal-documents.yaml).
//
//go:embed cloudbeds-fiscal-documents.yaml
var CloudbedsFiscalDocuments []byte
