package specs

import _ "embed"

// CloudbedsInsights is the OpenAPI document for the Cloudbeds Data Insights API v1.1: saved and
// stock reports, ad-hoc report queries, exports and background export tasks, custom fields,
// charts, hubs, folders, tags, favorites, schedules and datasets, served under /datainsights/v1.1
// on https://api.cloudbeds.com (specs/cloudbeds-insights.yaml).
//
//go:embed cloudbeds-insights.yaml
var CloudbedsInsights []byte
