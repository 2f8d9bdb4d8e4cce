package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	ci "github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cbInsightsClient returns a Data Insights client on a fresh sandbox with its API key.
func cbInsightsClient(t *testing.T) (*ci.ClientWithResponses, string) {
	t.Helper()
	sb, root := start(t, sandbox.Options{})
	c, err := ci.New(hospitality.ConnectCloudbedsInsights(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsInsightsAPIPath,
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsInsights: %v", err)
	}
	return c, root
}

const cbiProperty = 172938

func cbiColumn(column string) ci.ReportColumn { return ci.ReportColumn{Cdf: ci.CdfRef{Column: column}} }

func TestCloudbedsInsightsReports(t *testing.T) {
	c, _ := cbInsightsClient(t)
	ctx := context.Background()
	groups := []ci.ReportGroup{{Cdf: ci.CdfRef{Column: "source_name"}}}
	created, err := c.CreateReportWithResponse(ctx, &ci.CreateReportParams{PropertyID: cbiProperty}, ci.Report{
		Title: "Revenue by source", DatasetID: ci.DatasetIDN3, Columns: []ci.ReportColumn{cbiColumn("grand_total_amount")},
		GroupRows: &groups, PropertyID: cbiProperty, PropertyIds: []int{cbiProperty}})
	if err != nil {
		t.Fatalf("CreateReport = %v", err)
	}
	rep := created.JSON201
	if rep.Type == nil || *rep.Type != ci.ReportTypeSummary || rep.ID == nil {
		t.Fatalf("CreateReport = %+v, want a Summary report with an id", rep)
	}
	var titles []string
	for r, err := range c.ListReportsIter(ctx, &ci.ListReportsParams{PropertyID: cbiProperty, Limit: new(ci.Limit(1))}) {
		if err != nil {
			t.Fatalf("ListReportsIter: %v", err)
		}
		titles = append(titles, r.Title)
	}
	if got, want := strings.Join(titles, "|"), "Arrivals today|Revenue by source|Revenue by source"; got != want {
		t.Errorf("ListReportsIter titles = %s, want %s", got, want)
	}

	// A folder holding a report cannot go; once the report is out, it can.
	fp := &ci.DeleteFolderParams{PropertyID: cbiProperty}
	if _, err := c.DeleteFolderWithResponse(ctx, 1, fp); err == nil {
		t.Fatal("DeleteFolder(1) holding report 1 = nil error, want one")
	}
	if _, err := c.RemoveReportFromFolderWithResponse(ctx, 1, 1, &ci.RemoveReportFromFolderParams{PropertyID: cbiProperty}); err != nil {
		t.Fatalf("RemoveReportFromFolder(1, 1) = %v", err)
	}
	if _, err := c.DeleteFolderWithResponse(ctx, 2, fp); err != nil {
		t.Fatalf("DeleteFolder(2) = %v", err)
	}
	if _, err := c.DeleteFolderWithResponse(ctx, 1, fp); err != nil {
		t.Fatalf("DeleteFolder(1) once empty = %v", err)
	}

	// A background export is pending when queued and done when read.
	q, err := c.ExportReportAsyncWithResponse(ctx, *rep.ID, &ci.ExportReportAsyncParams{PropertyID: cbiProperty,
		View: ci.ExportReportAsyncParamsViewFormatted, Format: ci.ExportReportAsyncParamsFormatCsv})
	if err != nil || *q.JSON200.Status != "PENDING" {
		t.Fatalf("ExportReportAsync = %v, %v; want a pending task", q, err)
	}
	task, err := c.GetTaskWithResponse(ctx, *q.JSON200.ID, &ci.GetTaskParams{})
	if err != nil {
		t.Fatalf("GetTask = %v", err)
	}
	if got := task.JSON200; *got.Status != "SUCCESS" || got.Result == nil || got.Result.Format != "csv" {
		t.Errorf("GetTask = %+v, want a finished csv export", got)
	}
}

func TestCloudbedsInsightsFavoritesAndTags(t *testing.T) {
	c, _ := cbInsightsClient(t)
	ctx := context.Background()
	kind := ci.FavoriteKindReport
	fav, err := c.CreateFavoriteWithResponse(ctx, &ci.CreateFavoriteParams{PropertyID: cbiProperty},
		ci.Favorite{Rank: 2, EntityID: new(2), Kind: &kind})
	if err != nil {
		t.Fatalf("CreateFavorite = %v", err)
	}
	// Moving the new favorite to rank 1 swaps it with the seeded one.
	if _, err := c.UpdateFavoriteRankWithResponse(ctx, *fav.JSON201.ID, &ci.UpdateFavoriteRankParams{PropertyID: cbiProperty}, ci.Rank{Rank: 1}); err != nil {
		t.Fatalf("UpdateFavoriteRank = %v", err)
	}
	list, err := c.ListFavoritesWithResponse(ctx, &ci.ListFavoritesParams{PropertyID: cbiProperty})
	if err != nil {
		t.Fatalf("ListFavorites = %v", err)
	}
	var got []string
	for _, f := range *list.JSON200.Favorites {
		got = append(got, *f.Title)
	}
	if want := "Revenue by source|Arrivals today"; strings.Join(got, "|") != want {
		t.Errorf("ListFavorites titles by rank = %s, want %s", strings.Join(got, "|"), want)
	}

	tests := []struct {
		name string
		tag  string
		code string
	}{
		{"new", "#Groups", ""},
		{"duplicate", "#FrontDesk", "CONFLICT"},
		{"other case", "#frontdesk", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateTagWithResponse(ctx, &ci.CreateTagParams{PropertyID: cbiProperty}, ci.Tag{Name: tc.tag})
			var ae *hospitality.APIError
			switch {
			case tc.code == "" && err != nil:
				t.Errorf("CreateTag(%q) = %v, want no error", tc.tag, err)
			case tc.code != "" && (!errors.As(err, &ae) || ae.Code != tc.code):
				t.Errorf("CreateTag(%q) = %v, want an *APIError with code %s", tc.tag, err, tc.code)
			}
		})
	}
}

// The API answers failures with {"error": {...}} and real status codes; 401s keep the OAuth shape.
func TestCloudbedsInsightsErrors(t *testing.T) {
	_, root := cbInsightsClient(t)
	tests := []struct {
		name, path, property, key string
		status                    int
		want                      string
	}{
		{"unknown report", "/reports/99", "172938", "cbat_sandbox_api_key", http.StatusNotFound, `"status":"NOT_FOUND"`},
		{"other property", "/reports/1", "1", "cbat_sandbox_api_key", http.StatusForbidden, `"status":"FORBIDDEN"`},
		{"no property", "/reports/1", "", "cbat_sandbox_api_key", http.StatusBadRequest, `"status":"BAD_REQUEST"`},
		{"bad key", "/reports/1", "172938", "cbat_wrong", http.StatusUnauthorized, `"error":"access_denied"`},
		{"public liveness", "/liveness", "", "", http.StatusOK, `"live":true`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, root+sandbox.CloudbedsInsightsAPIPath+"/datainsights/v1.1"+tc.path, nil)
			if tc.key != "" {
				req.Header.Set("X-API-KEY", tc.key)
			}
			if tc.property != "" {
				req.Header.Set("X-PROPERTY-ID", tc.property)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status || !strings.Contains(string(b), tc.want) {
				t.Errorf("GET %s = %d %s, want %d with %s", tc.path, res.StatusCode, b, tc.status, tc.want)
			}
		})
	}
}

// The document's bearer scheme (type http) takes the access token of a Cloudbeds consent.
func TestCloudbedsInsightsBearer(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c := sb.Credentials()
	q := url.Values{"client_id": {c.CloudbedsClientID}, "redirect_uri": {c.CloudbedsRedirectURL}, "response_type": {"code"},
		"state": {"s"}, "auto_approve": {"1"}}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(root + sandbox.CloudbedsAuthorizePath + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, _ := url.Parse(res.Header.Get("Location"))
	res, err = http.PostForm(root+sandbox.CloudbedsTokenPath, url.Values{"grant_type": {"authorization_code"}, "client_id": {c.CloudbedsClientID},
		"client_secret": {c.CloudbedsClientSecret}, "redirect_uri": {c.CloudbedsRedirectURL}, "code": {loc.Query().Get("code")}})
	if err != nil {
		t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(res.Body).Decode(&tok)
	res.Body.Close()
	if tok.AccessToken == "" {
		t.Fatal("no access token from the consent")
	}
	tests := []struct {
		name, token string
		want        int
	}{
		{"consent token", tok.AccessToken, http.StatusOK},
		{"unknown token", "not-a-token", http.StatusUnauthorized},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, root+sandbox.CloudbedsInsightsAPIPath+"/datainsights/v1.1/me", nil)
			req.Header.Set("Authorization", "Bearer "+tc.token)
			req.Header.Set("X-PROPERTY-ID", c.CloudbedsPropertyID)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Errorf("GET /me with %s = %d, want %d", tc.name, res.StatusCode, tc.want)
			}
		})
	}
}
