package sandbox_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cbGuestsClient returns a Guest Profiles client on a fresh sandbox with its API key.
func cbGuestsClient(t *testing.T) (*cloudbedsguests.ClientWithResponses, string) {
	t.Helper()
	sb, root := start(t, sandbox.Options{})
	c, err := cloudbedsguests.New(hospitality.ConnectCloudbedsGuestProfiles(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsGuestProfilesAPIPath,
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsGuestProfiles: %v", err)
	}
	return c, root
}

const cbgOrg = sandbox.CloudbedsOrganizationID

// cbgProfileIDs lists the ids of the profiles listProfiles answers for params, page by page.
func cbgProfileIDs(t *testing.T, c *cloudbedsguests.ClientWithResponses, params cloudbedsguests.ListProfilesParams) []string {
	t.Helper()
	params.OrganizationID = cbgOrg
	var ids []string
	for p, err := range c.ListProfilesIter(context.Background(), &params) {
		if err != nil {
			t.Fatalf("ListProfilesIter = %v", err)
		}
		ids = append(ids, *p.ID)
	}
	return ids
}

func TestCloudbedsGuestProfilesLifecycle(t *testing.T) {
	c, _ := cbGuestsClient(t)
	ctx := context.Background()
	created, err := c.CreateProfileWithResponse(ctx, &cloudbedsguests.CreateProfileParams{OrganizationID: cbgOrg},
		cloudbedsguests.CreateProfileJSONRequestBody{FirstName: ptr("Mia"), LastName: ptr("Jensen"), Country: ptr("DK"),
			DocumentNumber: ptr("DK7712004"), Email: ptr("mia@example.com")})
	if err != nil || created.JSON200 == nil {
		t.Fatalf("CreateProfile = %v, %v", created, err)
	}
	id := *created.JSON200.ID
	if got := *created.JSON200.DocumentNumber; got != "*****" {
		t.Errorf("created documentNumber = %q, want it masked", got)
	}
	if got := *created.JSON200.CountryName; got != "Denmark" {
		t.Errorf("created countryName = %q, want Denmark", got)
	}
	pid := cbgInt(t, id)
	pii, err := c.GetProfilePIIFieldWithResponse(ctx, pid, &cloudbedsguests.GetProfilePIIFieldParams{OrganizationID: cbgOrg, FieldName: "documentNumber"})
	if err != nil || pii.JSON200 == nil || *pii.JSON200.Value != "DK7712004" {
		t.Fatalf("GetProfilePIIField(documentNumber) = %+v, %v; want DK7712004", pii.JSON200, err)
	}
	if _, err := c.UpdateProfileWithResponse(ctx, pid, &cloudbedsguests.UpdateProfileParams{OrganizationID: cbgOrg},
		cloudbedsguests.UpdateProfileJSONRequestBody{City: ptr("Aarhus")}); err != nil {
		t.Fatalf("UpdateProfile = %v", err)
	}
	got, err := c.GetProfileWithResponse(ctx, pid, &cloudbedsguests.GetProfileParams{OrganizationID: cbgOrg})
	if err != nil || got.JSON200 == nil {
		t.Fatalf("GetProfile = %v", err)
	}
	if *got.JSON200.City != "Aarhus" || *got.JSON200.FirstName != "Mia" {
		t.Errorf("profile after update = %s %s, want Mia in Aarhus", *got.JSON200.FirstName, *got.JSON200.City)
	}

	tests := []struct {
		name   string
		params cloudbedsguests.ListProfilesParams
		want   string
	}{
		{"all, two per page", cloudbedsguests.ListProfilesParams{Limit: ptr(2)}, "88120001,88120002,88120003," + id},
		{"country", cloudbedsguests.ListProfilesParams{Filter: ptr("country:in:DE,DK")}, "88120003," + id},
		{"sorted", cloudbedsguests.ListProfilesParams{Sort: ptr("lastName:desc,email"), Limit: ptr(3)}, "88120002,88120001," + id + ",88120003"},
		{"modified since", cloudbedsguests.ListProfilesParams{Filter: ptr("dateModified:greater_than:2025-01-01T00:00:00+00:00")},
			"88120001,88120003," + id},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := strings.Join(cbgProfileIDs(t, c, tc.params), ","); got != tc.want {
				t.Errorf("ListProfiles = %s, want %s", got, tc.want)
			}
		})
	}
	total, err := c.ListProfilesWithResponse(ctx, &cloudbedsguests.ListProfilesParams{OrganizationID: cbgOrg, Limit: ptr(1), IncludeTotal: ptr(true)})
	if err != nil || total.JSON200.Total.Int != 4 || len(*total.JSON200.Data) != 1 {
		t.Errorf("ListProfiles(limit 1, includeTotal) = %+v, %v; want one of 4", total.JSON200, err)
	}
}

func TestCloudbedsGuestProfilesMerge(t *testing.T) {
	c, _ := cbGuestsClient(t)
	ctx := context.Background()
	sugg, err := c.ListSuggestedMergesWithResponse(ctx, &cloudbedsguests.ListSuggestedMergesParams{OrganizationID: cbgOrg})
	if err != nil || len(*sugg.JSON200.Suggestions) != 1 || len(*(*sugg.JSON200.Suggestions)[0].SuggestionProfile) != 2 {
		t.Fatalf("ListSuggestedMerges = %+v, %v; want the two Ana Silva profiles", sugg.JSON200, err)
	}
	body := cloudbedsguests.MergeProfilesJSONRequestBody{ProfileIds: []string{"88120001", "88120002"}, FirstName: "Ana",
		LastName: "Silva", Email: "ana.silva@example.com", Phone: "+351 210 000 001", Country: "PT",
		DocumentType: cloudbedsguests.DocumentTypePassport, DocumentNumber: "P1234567", IsOptIn: true}
	merged, err := c.MergeProfilesWithResponse(ctx, &cloudbedsguests.MergeProfilesParams{OrganizationID: cbgOrg}, body)
	if err != nil || merged.JSON200 == nil || *merged.JSON200.EventType != cloudbedsguests.EventTypeMerge {
		t.Fatalf("MergeProfiles = %v, %v", merged, err)
	}
	if n := len(*merged.JSON200.BeforeMergeProfiles); n != 2 || merged.JSON200.MergedAt.IsZero() {
		t.Errorf("merge event = %d profiles before, mergedAt %v; want 2 and a time", n, merged.JSON200.MergedAt)
	}
	mergeID := cbgInt(t, *merged.JSON200.ID)
	if _, err := c.MergeProfilesWithResponse(ctx, &cloudbedsguests.MergeProfilesParams{OrganizationID: cbgOrg}, body); !cbgStatus(err, http.StatusBadRequest) {
		t.Errorf("MergeProfiles of a merged profile = %v, want a 400", err)
	}
	list, err := c.ListMergedProfilesWithResponse(ctx, 88120001, &cloudbedsguests.ListMergedProfilesParams{OrganizationID: cbgOrg})
	if err != nil || len(*list.JSON200.Data) != 1 || (*list.JSON200.Data)[0].ProfileID != "88120002" {
		t.Fatalf("ListMergedProfiles(88120001) = %+v, %v; want 88120002", list.JSON200, err)
	}
	if got := cbgProfileIDs(t, c, cloudbedsguests.ListProfilesParams{Filter: ptr("parentId:is_not_null")}); strings.Join(got, ",") != "88120002" {
		t.Errorf("merged profiles by parentId = %v, want 88120002", got)
	}

	unmerged, err := c.UnmergeProfilesWithResponse(ctx, mergeID, &cloudbedsguests.UnmergeProfilesParams{OrganizationID: cbgOrg},
		cloudbedsguests.UnmergeProfilesJSONRequestBody{})
	if err != nil || unmerged.JSON200 == nil || len(*unmerged.JSON200.AfterMergeProfiles) != 2 {
		t.Fatalf("UnmergeProfiles = %v, %v; want both profiles after", unmerged, err)
	}
	if _, err := c.UnmergeProfilesWithResponse(ctx, mergeID, &cloudbedsguests.UnmergeProfilesParams{OrganizationID: cbgOrg},
		cloudbedsguests.UnmergeProfilesJSONRequestBody{}); !cbgStatus(err, http.StatusConflict) {
		t.Errorf("UnmergeProfiles twice = %v, want a 409", err)
	}
	var kinds []string
	for e, err := range c.ListMergesIter(ctx, &cloudbedsguests.ListMergesParams{OrganizationID: cbgOrg, PageSize: ptr(1)}) {
		if err != nil {
			t.Fatalf("ListMergesIter = %v", err)
		}
		kinds = append(kinds, string(*e.EventType))
	}
	if got := strings.Join(kinds, ","); got != "merge,unmerge" {
		t.Errorf("merge history = %s, want merge,unmerge", got)
	}
}

func TestCloudbedsGuestProfilesStays(t *testing.T) {
	c, _ := cbGuestsClient(t)
	ctx := context.Background()
	stats, err := c.GetProfileStatsWithResponse(ctx, 88120001, &cloudbedsguests.GetProfileStatsParams{OrganizationID: cbgOrg})
	if err != nil || stats.JSON200 == nil || *stats.JSON200.Reservations != 1 || *stats.JSON200.Nights != 2 {
		t.Fatalf("GetProfileStats(88120001) = %+v, %v; want 1 reservation of 2 nights", stats.JSON200, err)
	}
	other, err := c.GetProfileStatsWithResponse(ctx, 88120001, &cloudbedsguests.GetProfileStatsParams{OrganizationID: cbgOrg, Filter: ptr("propertyId:1")})
	if err != nil || *other.JSON200.Reservations != 0 {
		t.Errorf("GetProfileStats(property 1) = %+v, %v; want none", other.JSON200, err)
	}
	var n int
	for r, err := range c.ListProfileReservationsIter(ctx, 88120001, &cloudbedsguests.ListProfileReservationsParams{OrganizationID: cbgOrg,
		Filter: ptr("status:equals:checked_out")}) {
		if err != nil {
			t.Fatalf("ListProfileReservationsIter = %v", err)
		}
		if r.Property.ID != "172938" {
			t.Errorf("reservation property = %s, want the sandbox's", r.Property.ID)
		}
		n++
	}
	if n != 1 {
		t.Errorf("ListProfileReservations(checked_out) = %d reservations, want 1", n)
	}
	src, err := c.ListProfileSourcesWithResponse(ctx, 88120001, &cloudbedsguests.ListProfileSourcesParams{OrganizationID: cbgOrg})
	if err != nil || len(*src.JSON200.Data) != 1 || *(*src.JSON200.Data)[0].Name != "Website/Booking Engine" {
		t.Errorf("ListProfileSources = %+v, %v", src.JSON200, err)
	}
	filters, err := c.GetProfileFiltersWithResponse(ctx, &cloudbedsguests.GetProfileFiltersParams{OrganizationID: cbgOrg})
	if err != nil || len(filters.JSON200.Countries) != 2 || filters.JSON200.Countries[0].Code != "DE" {
		t.Errorf("GetProfileFilters = %+v, %v; want DE and PT", filters.JSON200, err)
	}
}

func TestCloudbedsGuestProfilesAnonymize(t *testing.T) {
	c, _ := cbGuestsClient(t)
	ctx := context.Background()
	p := &cloudbedsguests.AnonymizeProfileParams{OrganizationID: cbgOrg}
	res, err := c.AnonymizeProfileWithResponse(ctx, 88120001, p)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("AnonymizeProfile = %v", err)
	}
	if *res.JSON200.FirstName != "Anonymized" || res.JSON200.DateAnonymized.IsZero() || !res.JSON200.Birthday.IsZero() {
		t.Errorf("anonymized profile = %s, anonymized %v, birthday %v", *res.JSON200.FirstName, res.JSON200.DateAnonymized, res.JSON200.Birthday)
	}
	pii, err := c.GetProfilePIIFieldWithResponse(ctx, 88120001, &cloudbedsguests.GetProfilePIIFieldParams{OrganizationID: cbgOrg, FieldName: "documentNumber"})
	if err != nil || *pii.JSON200.Value != "" {
		t.Errorf("documentNumber after anonymization = %+v, %v; want empty", pii.JSON200, err)
	}
	_, err = c.AnonymizeProfileWithResponse(ctx, 88120001, p)
	var ae *hospitality.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusUnprocessableEntity || ae.Code != "422" {
		t.Errorf("AnonymizeProfile twice = %v, want a 422 APIError with code 422", err)
	}
}

// The Guest Profiles API answers failures with {"code", "message", "errors"} and real status codes.
func TestCloudbedsGuestProfilesErrors(t *testing.T) {
	_, root := cbGuestsClient(t)
	tests := []struct {
		name, path, org, key string
		status               int
		want                 string
	}{
		{"other organization", "/profiles", "1", "cbat_sandbox_api_key", http.StatusForbidden, `"code":"403"`},
		{"bad key", "/profiles", cbgOrg, "cbat_wrong", http.StatusUnauthorized, `"error":"access_denied"`},
		{"no organization", "/profiles", "", "cbat_sandbox_api_key", http.StatusBadRequest, `"code":"400"`},
		{"unknown profile", "/profiles/1", cbgOrg, "cbat_sandbox_api_key", http.StatusNotFound, `"message":"Profile not found"`},
		{"bad filter field", "/profiles?filter=email:equals:x", cbgOrg, "cbat_sandbox_api_key", http.StatusBadRequest, `not supported`},
		{"limit over 250", "/profiles?limit=251", cbgOrg, "cbat_sandbox_api_key", http.StatusBadRequest, `limit`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, root+sandbox.CloudbedsGuestProfilesAPIPath+"/guest-profiles/v1"+tc.path, nil)
			req.Header.Set("x-api-key", tc.key)
			if tc.org != "" {
				req.Header.Set("X-Organization-Id", tc.org)
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

// cbgInt parses a decimal id.
func cbgInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			t.Fatalf("id %q is not a number", s)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}

// cbgStatus reports whether err is an *APIError with the given status.
func cbgStatus(err error, status int) bool {
	var ae *hospitality.APIError
	return errors.As(err, &ae) && ae.StatusCode == status
}
