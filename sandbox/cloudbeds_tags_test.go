package sandbox_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cbTagsClient returns an Attribute Tagging client on a fresh sandbox with its API key.
func cbTagsClient(t *testing.T) (*cloudbedstags.ClientWithResponses, string) {
	t.Helper()
	sb, root := start(t, sandbox.Options{})
	c, err := cloudbedstags.New(hospitality.ConnectCloudbedsAttributeTagging(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsAttributeTaggingAPIPath,
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsAttributeTagging: %v", err)
	}
	return c, root
}

const cbtProperty = "172938"

// cbtTags lists "entityId:attributeId" of the tags listTags answers for params.
func cbtTags(t *testing.T, c *cloudbedstags.ClientWithResponses, params cloudbedstags.ListTagsParams) string {
	t.Helper()
	params.PropertyIDs = cbtProperty
	res, err := c.ListTagsWithResponse(context.Background(), &params)
	if err != nil {
		t.Fatalf("ListTags = %v", err)
	}
	var out []string
	for _, tag := range *res.JSON200 {
		out = append(out, tag.EntityID+":"+tag.AttributeID)
	}
	return strings.Join(out, ",")
}

func TestCloudbedsAttributeTaggingAttributes(t *testing.T) {
	c, _ := cbTagsClient(t)
	ctx := context.Background()
	org := sandbox.CloudbedsOrganizationID
	desc := "Check the allergy notes."
	created, err := c.CreateAttributeWithResponse(ctx, &cloudbedstags.CreateAttributeParams{OrganizationID: org},
		cloudbedstags.CreateAttributeJSONRequestBody{Label: "Allergy", Description: &desc, EntityTypes: []cloudbedstags.EntityType{cloudbedstags.EntityTypeGuestProfile}})
	if err != nil || created.JSON201 == nil || !created.JSON201.IsEnabled {
		t.Fatalf("CreateAttribute = %v, %v; want an enabled attribute", created, err)
	}
	if _, err := c.CreateAttributeWithResponse(ctx, &cloudbedstags.CreateAttributeParams{OrganizationID: org},
		cloudbedstags.CreateAttributeJSONRequestBody{Label: "vip", EntityTypes: []cloudbedstags.EntityType{}}); !cbgStatus(err, http.StatusConflict) {
		t.Errorf("CreateAttribute(vip) = %v, want a 409 for the existing VIP", err)
	}
	label := "Honeymooners"
	if _, err := c.UpdateAttributeWithResponse(ctx, "102", &cloudbedstags.UpdateAttributeParams{OrganizationID: org},
		cloudbedstags.UpdateAttributeJSONRequestBody{Label: &label}); err != nil {
		t.Fatalf("UpdateAttribute(102) = %v", err)
	}

	tests := []struct {
		name   string
		params cloudbedstags.ListAttributesParams
		want   string
	}{
		{"all", cloudbedstags.ListAttributesParams{}, "VIP,Honeymooners,Late arrival,Allergy"},
		{"by label", cloudbedstags.ListAttributesParams{Sort: ptr("label")}, "Allergy,Honeymooners,Late arrival,VIP"},
		{"newest first", cloudbedstags.ListAttributesParams{Sort: ptr("createdAt:desc")}, "Allergy,Late arrival,Honeymooners,VIP"},
		{"for guests", cloudbedstags.ListAttributesParams{Filters: ptr("entityTypes:in:guest_profile")}, "VIP,Allergy"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.params.OrganizationID = org
			res, err := c.ListAttributesWithResponse(ctx, &tc.params)
			if err != nil {
				t.Fatalf("ListAttributes = %v", err)
			}
			var labels []string
			for _, a := range *res.JSON200 {
				labels = append(labels, a.Label)
			}
			if got := strings.Join(labels, ","); got != tc.want {
				t.Errorf("ListAttributes = %s, want %s", got, tc.want)
			}
		})
	}

	// Deleting attribute 101 (VIP) takes its tags with it.
	if _, err := c.DeleteAttributeWithResponse(ctx, "101", &cloudbedstags.DeleteAttributeParams{OrganizationID: org}); err != nil {
		t.Fatalf("DeleteAttribute(101) = %v", err)
	}
	if got := cbtTags(t, c, cloudbedstags.ListTagsParams{}); got != "4417001:102" {
		t.Errorf("tags after deleting VIP = %s, want 4417001:102", got)
	}
	if _, err := c.DeleteAttributeWithResponse(ctx, "101", &cloudbedstags.DeleteAttributeParams{OrganizationID: org}); !cbgStatus(err, http.StatusNotFound) {
		t.Errorf("DeleteAttribute(101) twice = %v, want a 404", err)
	}
}

func TestCloudbedsAttributeTaggingTags(t *testing.T) {
	c, _ := cbTagsClient(t)
	ctx := context.Background()
	p := &cloudbedstags.CreateTagsParams{PropertyIDs: cbtProperty}
	guest := cloudbedstags.EntityTypeGuestProfile
	created, err := c.CreateTagsWithResponse(ctx, p, cloudbedstags.CreateTagsJSONRequestBody{EntityID: "88120003", EntityType: guest, AttributeIds: []string{"101"}})
	if err != nil || created.JSON201 == nil || len(*created.JSON201) != 1 || (*created.JSON201)[0].Attribute.Label != "VIP" {
		t.Fatalf("CreateTags = %v, %v; want one VIP tag", created, err)
	}
	refusals := []struct {
		name   string
		body   cloudbedstags.CreateTagsJSONRequestBody
		status int
	}{
		{"again", cloudbedstags.CreateTagsJSONRequestBody{EntityID: "88120003", EntityType: guest, AttributeIds: []string{"101"}}, http.StatusConflict},
		{"not for guests", cloudbedstags.CreateTagsJSONRequestBody{EntityID: "88120003", EntityType: guest, AttributeIds: []string{"102"}}, http.StatusUnprocessableEntity},
		{"disabled", cloudbedstags.CreateTagsJSONRequestBody{EntityID: "4417001", EntityType: cloudbedstags.EntityTypeReservation, AttributeIds: []string{"103"}}, http.StatusUnprocessableEntity},
		{"unknown attribute", cloudbedstags.CreateTagsJSONRequestBody{EntityID: "88120003", EntityType: guest, AttributeIds: []string{"999"}}, http.StatusNotFound},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := c.CreateTagsWithResponse(ctx, p, tc.body); !cbgStatus(err, tc.status) {
				t.Errorf("CreateTags(%+v) = %v, want a %d", tc.body, err, tc.status)
			}
		})
	}
	if got, want := cbtTags(t, c, cloudbedstags.ListTagsParams{Filters: ptr("entityType:in:guest_profile")}), "88120001:101,88120003:101"; got != want {
		t.Errorf("guest tags = %s, want %s", got, want)
	}
	q, err := c.QueryTagsWithResponse(ctx, &cloudbedstags.QueryTagsParams{PropertyIDs: cbtProperty}, cloudbedstags.QueryTagsJSONRequestBody{
		Entities: []cloudbedstags.EntityGroup{{Ids: []string{"4417001"}, Type: cloudbedstags.EntityTypeReservation}, {Ids: []string{"4417001"}, Type: guest}}})
	if err != nil || len(*q.JSON200) != 2 {
		t.Errorf("QueryTags(reservation 4417001) = %v, %v; want its 2 tags and none of a guest 4417001", q, err)
	}
	if _, err := c.DeleteTagsWithResponse(ctx, &cloudbedstags.DeleteTagsParams{PropertyIDs: cbtProperty},
		cloudbedstags.DeleteTagsJSONRequestBody{Ids: []string{"5002", "999"}}); !cbgStatus(err, http.StatusNotFound) {
		t.Errorf("DeleteTags(5002, 999) = %v, want a 404", err)
	}
	if _, err := c.DeleteTagWithResponse(ctx, "5002", &cloudbedstags.DeleteTagParams{PropertyIDs: cbtProperty}); err != nil {
		t.Fatalf("DeleteTag(5002) = %v", err)
	}
	if got := cbtTags(t, c, cloudbedstags.ListTagsParams{EntityID: ptr("4417001")}); got != "4417001:101" {
		t.Errorf("reservation tags after DeleteTag = %s, want 4417001:101", got)
	}
}

func TestCloudbedsAttributeTaggingBulk(t *testing.T) {
	c, _ := cbTagsClient(t)
	ctx := context.Background()
	p := &cloudbedstags.BulkCreateTagsParams{PropertyIDs: cbtProperty}
	guests := cloudbedstags.PropertyEntityGroup{Ids: []string{"88120001", "88120002", "88120001"}, Type: cloudbedstags.EntityTypeGuestProfile, PropertyID: cbtProperty}
	res, err := c.BulkCreateTagsWithResponse(ctx, p, cloudbedstags.BulkCreateTagsJSONRequestBody{Entities: []cloudbedstags.PropertyEntityGroup{guests}, AttributeIds: []string{"101"}})
	if err != nil || res.JSON201 == nil {
		t.Fatalf("BulkCreateTags = %v, %v; want 201", res, err)
	}
	var created []int64
	for _, r := range res.JSON201.Results {
		created = append(created, r.Created)
	}
	if !slices.Equal(created, []int64{0, 1}) || len(res.JSON201.Tags) != 1 {
		t.Errorf("BulkCreateTags created = %v with %d tags, want [0 1] (88120001 carried VIP) and 1", created, len(res.JSON201.Tags))
	}
	other := cloudbedstags.PropertyEntityGroup{Ids: []string{"4417009"}, Type: cloudbedstags.EntityTypeReservation, PropertyID: "1"}
	mixed, err := c.BulkCreateTagsWithResponse(ctx, p, cloudbedstags.BulkCreateTagsJSONRequestBody{
		Entities:     []cloudbedstags.PropertyEntityGroup{{Ids: []string{"4417002"}, Type: cloudbedstags.EntityTypeReservation, PropertyID: cbtProperty}, other},
		AttributeIds: []string{"102"}})
	if err != nil || mixed.JSON207 == nil || mixed.JSON207.Results[1].Status != cloudbedstags.BulkTagStatusFailed {
		t.Fatalf("BulkCreateTags across properties = %v, %v; want 207 with property 1 failed", mixed, err)
	}
	if _, err := c.BulkCreateTagsWithResponse(ctx, p, cloudbedstags.BulkCreateTagsJSONRequestBody{
		Entities: []cloudbedstags.PropertyEntityGroup{other}, AttributeIds: []string{"102"}}); !cbgStatus(err, http.StatusForbidden) {
		t.Errorf("BulkCreateTags in another property only = %v, want a 403", err)
	}

	dp := &cloudbedstags.BulkDeleteTagsParams{PropertyIDs: cbtProperty}
	body := cloudbedstags.BulkDeleteTagsJSONRequestBody{Entities: []cloudbedstags.PropertyEntityGroup{guests}, AttributeIds: []string{"101"}}
	for i, want := range []int64{2, 0} {
		del, err := c.BulkDeleteTagsWithResponse(ctx, dp, body)
		if err != nil || del.JSON200 == nil || del.JSON200.Removed != want {
			t.Errorf("BulkDeleteTags #%d = %v, %v; want %d removed", i+1, del, err, want)
		}
	}
}

// The Attribute Tagging API answers failures with {"code", "message", "errors"?} and real status codes.
func TestCloudbedsAttributeTaggingErrors(t *testing.T) {
	_, root := cbTagsClient(t)
	tests := []struct {
		name, path, header, value, key string
		status                         int
		want                           string
	}{
		{"other organization", "/attributes/", "x-organization-id", "1", "cbat_sandbox_api_key", http.StatusForbidden, `"code":"FORBIDDEN"`},
		{"other property", "/tags/", "x-property-id", "172938,1", "cbat_sandbox_api_key", http.StatusForbidden, `"code":"FORBIDDEN"`},
		{"bad key", "/attributes/", "x-organization-id", sandbox.CloudbedsOrganizationID, "cbat_wrong", http.StatusUnauthorized, `"error":"access_denied"`},
		{"no property", "/tags/", "", "", "cbat_sandbox_api_key", http.StatusBadRequest, `"code":"VALIDATION_ERROR"`},
		{"bad filter", "/tags/?filters=attributeId:in:101", "x-property-id", cbtProperty, "cbat_sandbox_api_key", http.StatusBadRequest, `not supported`},
		{"bad entity id", "/tags/?entityId=abc", "x-property-id", cbtProperty, "cbat_sandbox_api_key", http.StatusBadRequest, `entityId`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, root+sandbox.CloudbedsAttributeTaggingAPIPath+"/attribute-tagging/v1"+tc.path, nil)
			req.Header.Set("x-api-key", tc.key)
			if tc.header != "" {
				req.Header.Set(tc.header, tc.value)
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
