package hospitality_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strconv"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// insightsSandbox starts a sandbox and returns a Data Insights client on the sandbox's API key
// (the same credential the PMS APIs take) and the property id as the API's header wants it.
func insightsSandbox(t *testing.T) (*cloudbedsinsights.ClientWithResponses, int) {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	creds := sb.Credentials()
	c, err := cloudbedsinsights.New(hospitality.ConnectCloudbedsInsights(context.Background(), hospitality.CloudbedsConfig{
		APIKey: creds.CloudbedsAPIKey, BaseURL: srv.URL + sandbox.CloudbedsInsightsAPIPath,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})))
	if err != nil {
		t.Fatalf("ConnectCloudbedsInsights: %v", err)
	}
	property, err := strconv.Atoi(creds.CloudbedsPropertyID)
	if err != nil {
		t.Fatalf("property id: %v", err)
	}
	return c, property
}

func TestNewCloudbedsInsightsReports(t *testing.T) {
	c, property := insightsSandbox(t)
	ctx := context.Background()
	got, err := c.GetReportWithResponse(ctx, 1, &cloudbedsinsights.GetReportParams{PropertyID: property})
	if err != nil || got.JSON200 == nil {
		t.Fatalf("GetReport(1) = %v, %v; want the seeded report", got, err)
	}
	if got.JSON200.Title != "Arrivals today" || got.JSON200.UpdatedAt.IsZero() {
		t.Errorf("GetReport(1) = %+v, want Arrivals today with its update time", got.JSON200)
	}

	tests := []struct {
		name     string
		call     func() error
		wantKind error
		wantCode string
	}{
		{"unknown report", func() error {
			_, err := c.GetReportWithResponse(ctx, 99, &cloudbedsinsights.GetReportParams{PropertyID: property})
			return err
		}, hospitality.ErrNotFound, "NOT_FOUND"},
		{"duplicate tag", func() error {
			_, err := c.CreateTagWithResponse(ctx, &cloudbedsinsights.CreateTagParams{PropertyID: property}, cloudbedsinsights.Tag{Name: "#FrontDesk"})
			return err
		}, nil, "CONFLICT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ae *hospitality.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("call = %v, want an *APIError", err)
			}
			if ae.Code != tc.wantCode || ae.Message == "" {
				t.Errorf("call code, message = %q, %q; want %q and a message", ae.Code, ae.Message, tc.wantCode)
			}
			if tc.wantKind != nil && !errors.Is(err, tc.wantKind) {
				t.Errorf("call = %v, want errors.Is %v", err, tc.wantKind)
			}
		})
	}
}

func TestNewCloudbedsInsightsConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  hospitality.CloudbedsConfig
	}{
		{"no credential", hospitality.CloudbedsConfig{}},
		{"two credentials", hospitality.CloudbedsConfig{APIKey: "cbat_x", TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "x"})}},
		{"plain http base", hospitality.CloudbedsConfig{APIKey: "cbat_x", BaseURL: "http://api.example.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := cloudbedsinsights.New(hospitality.ConnectCloudbedsInsights(context.Background(), tc.cfg)); err == nil {
				t.Errorf("ConnectCloudbedsInsights(%+v) = nil error, want one", tc.cfg)
			}
		})
	}
}
