package cloudbedsinsights_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
)

// fakeInsights starts a stand-in for the Data Insights API on loopback: three saved reports paged
// by offset and limit, with timestamps in both forms the live service sends, and an ad-hoc
// query answering rows and totals.
func fakeInsights() *httptest.Server {
	reports := []map[string]any{
		{"id": 1, "title": "Arrivals today", "dataset_id": 3, "type": "List", "updated_at": "2025-03-02T08:00:00Z"},
		{"id": 2, "title": "Revenue by source", "dataset_id": 1, "type": "Summary", "updated_at": "2025-03-02T08:00:00.094590"},
		{"id": 3, "title": "Occupancy by room type", "dataset_id": 4, "type": "Pivot", "updated_at": nil},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /datainsights/v1.1/reports", func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		end := min(offset+limit, len(reports))
		page := reports[min(offset, end):end]
		for _, rep := range page {
			rep["columns"], rep["folder_id"], rep["tags"], rep["schedule_ids"] = []any{}, nil, []any{}, []any{}
			rep["property_id"], rep["property_ids"] = 172938, []int{172938}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"offset": offset, "limit": limit, "total": len(reports), "reports": page})
	})
	mux.HandleFunc("POST /datainsights/v1.1/reports/query/summary", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"total": 2, "metrics": {"grand_total_amount": {"sum": 420.5}}}`)
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-API-KEY") == "" || r.Header.Get("X-PROPERTY-ID") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error": "access_denied", "message": "missing credentials"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// apiKey is a request editor adding a Cloudbeds API key; in real code use
// hospitality.ConnectCloudbedsInsights, which adds the credential, limits and retries.
func apiKey(_ context.Context, req *http.Request) error {
	req.Header.Set("X-API-KEY", "cbat_example")
	return nil
}

// This example walks the saved reports of a property with the generated iterator, which advances
// offset by the page size until it has seen total reports.
func ExampleClientWithResponses_ListReportsIter() {
	srv := fakeInsights()
	defer srv.Close()
	c, err := cloudbedsinsights.NewClientWithResponses(srv.URL, cloudbedsinsights.WithRequestEditorFn(apiKey))
	if err != nil {
		log.Fatal(err)
	}
	limit := cloudbedsinsights.Limit(2)
	for r, err := range c.ListReportsIter(context.Background(), &cloudbedsinsights.ListReportsParams{PropertyID: 172938, Limit: &limit}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*r.ID, r.Title, *r.Type, r.UpdatedAt.IsZero())
	}
	// Output:
	// 1 Arrivals today List false
	// 2 Revenue by source Summary false
	// 3 Occupancy by room type Pivot true
}

// This example runs a report definition without saving it and reads its totals.
func ExampleClientWithResponses_QueryReportSummaryWithResponse() {
	srv := fakeInsights()
	defer srv.Close()
	c, err := cloudbedsinsights.NewClientWithResponses(srv.URL, cloudbedsinsights.WithRequestEditorFn(apiKey))
	if err != nil {
		log.Fatal(err)
	}
	sum := []cloudbedsinsights.Metric{cloudbedsinsights.MetricSum}
	res, err := c.QueryReportSummaryWithResponse(context.Background(),
		&cloudbedsinsights.QueryReportSummaryParams{PropertyID: 172938, Mode: cloudbedsinsights.QueryReportSummaryParamsModePreview},
		cloudbedsinsights.ReportQuery{PropertyIds: []int{172938}, DatasetID: cloudbedsinsights.DatasetIDN3,
			Columns: []cloudbedsinsights.ReportColumn{{Cdf: cloudbedsinsights.CdfRef{Column: "grand_total_amount"}, Metrics: &sum}}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*res.JSON200.Total, (*res.JSON200.Metrics)["grand_total_amount"])
	// Output:
	// 2 map[sum:420.5]
}
