package cloudbedstags_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/spectest"
	"github.com/hospitality-sdk/hospitality-go/specs"
)

// TestDeletesCarryBodies checks that the two deletions whose targets are in the body send it as
// JSON on the DELETE, with the property list header, and that the spec accepts what they send.
func TestDeletesCarryBodies(t *testing.T) {
	srv := spectest.New(t, specs.CloudbedsAttributeTagging)
	srv.Handle("deleteTags", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv.JSON("bulkDeleteTags", http.StatusOK, `{"results": [{"entityId": "88120002", "entityType": "guest_profile",
		"propertyId": "172938", "status": "ok", "removed": 1}], "removed": 1}`)
	c, err := cloudbedstags.NewClientWithResponses(srv.BaseURL(),
		cloudbedstags.WithRequestEditorFn(spectest.Headers("Authorization", "Bearer synthetic-access-token")))
	if err != nil {
		t.Fatalf("NewClientWithResponses = %v", err)
	}
	if _, err := c.DeleteTagsWithResponse(t.Context(), &cloudbedstags.DeleteTagsParams{PropertyIDs: "172938,172939"},
		cloudbedstags.DeleteTagsJSONRequestBody{Ids: []string{"5001", "5002"}}); err != nil {
		t.Fatalf("DeleteTags = %v", err)
	}
	res, err := c.BulkDeleteTagsWithResponse(t.Context(), &cloudbedstags.BulkDeleteTagsParams{PropertyIDs: "172938"},
		cloudbedstags.BulkDeleteTagsJSONRequestBody{AttributeIds: []string{"101"}, Entities: []cloudbedstags.PropertyEntityGroup{
			{Ids: []string{"88120002"}, Type: cloudbedstags.EntityTypeGuestProfile, PropertyID: "172938"}}})
	if err != nil || res.JSON200 == nil || res.JSON200.Removed != 1 {
		t.Fatalf("BulkDeleteTags = %v, %v; want 1 removed", res, err)
	}
	tests := []struct {
		op, header, body string
	}{
		{"deleteTags", "172938,172939", `{"ids":["5001","5002"]}`},
		{"bulkDeleteTags", "172938", `{"attributeIds":["101"],"entities":[{"ids":["88120002"],"propertyId":"172938","type":"guest_profile"}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.op, func(t *testing.T) {
			req, ok := srv.LastRequest(tc.op)
			if !ok {
				t.Fatalf("%s was not called", tc.op)
			}
			var got, want any
			json.Unmarshal(req.Body, &got)
			json.Unmarshal([]byte(tc.body), &want)
			gb, _ := json.Marshal(got)
			wb, _ := json.Marshal(want)
			if req.Method != http.MethodDelete || string(gb) != string(wb) || req.Header.Get("x-property-id") != tc.header {
				t.Errorf("%s sent %s %s with x-property-id %q, want DELETE %s with %q", tc.op, req.Method, req.Body,
					req.Header.Get("x-property-id"), tc.body, tc.header)
			}
		})
	}
}
