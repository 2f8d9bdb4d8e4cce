package cloudbedsinsights_test

import (
	"context"
	"iter"
	"net/http/httptest"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	ci "github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// count drains an iterator, failing the test on an error.
func count[T any](t *testing.T, seq iter.Seq2[T, error]) int {
	t.Helper()
	n := 0
	for _, err := range seq {
		if err != nil {
			t.Fatalf("iterator: %v", err)
		}
		n++
	}
	return n
}

// TestIterators runs every offset/limit iterator against the sandbox's seeded data with one item
// per page, so each walks several pages and stops at the total.
func TestIterators(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := ci.New(hospitality.ConnectCloudbedsInsights(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: srv.URL + sandbox.CloudbedsInsightsAPIPath,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true})))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const p = 172938
	one := new(ci.Limit(1))
	term := new(ci.SearchTerm("r"))
	tests := []struct {
		name string
		got  func() int
		want int
	}{
		{"charts", func() int { return count(t, c.ListChartsIter(ctx, &ci.ListChartsParams{PropertyID: p, Limit: one})) }, 2},
		{"chart search", func() int {
			return count(t, c.SearchChartsIter(ctx, &ci.SearchChartsParams{PropertyID: p, Limit: one, SearchTerm: new(ci.SearchTerm("trend"))}))
		}, 1},
		{"hubs", func() int { return count(t, c.ListHubsIter(ctx, &ci.ListHubsParams{PropertyID: p, Limit: one})) }, 1},
		{"hub search", func() int {
			return count(t, c.SearchHubsIter(ctx, &ci.SearchHubsParams{PropertyID: p, Limit: one, SearchTerm: term}))
		}, 1},
		{"reports", func() int { return count(t, c.ListReportsIter(ctx, &ci.ListReportsParams{PropertyID: p, Limit: one})) }, 2},
		{"report search", func() int {
			return count(t, c.SearchReportsIter(ctx, &ci.SearchReportsParams{PropertyID: p, Limit: one, SearchTerm: new(ci.SearchTerm("revenue"))}))
		}, 1},
		{"schedules", func() int {
			return count(t, c.ListSchedulesIter(ctx, &ci.ListSchedulesParams{PropertyID: new(p), Limit: one}))
		}, 1},
		{"stock reports", func() int {
			return count(t, c.ListStockReportsIter(ctx, &ci.ListStockReportsParams{PropertyID: p, Limit: one}))
		}, 1},
		{"stock report search", func() int {
			return count(t, c.SearchStockReportsIter(ctx, &ci.SearchStockReportsParams{PropertyID: p, Limit: one, SearchTerm: new(ci.SearchTerm("nothing like it"))}))
		}, 0},
		{"stock report folders", func() int {
			return count(t, c.ListStockReportFoldersIter(ctx, &ci.ListStockReportFoldersParams{PropertyID: p, Limit: one}))
		}, 2},
		{"tasks", func() int { return count(t, c.ListTasksIter(ctx, &ci.ListTasksParams{PropertyID: p, Limit: 1})) }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.got(); got != tc.want {
				t.Errorf("items = %d, want %d", got, tc.want)
			}
		})
	}
}
