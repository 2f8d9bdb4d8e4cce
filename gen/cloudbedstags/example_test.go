package cloudbedstags_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
)

// fakeTagging starts a stand-in for the Attribute Tagging API on loopback: one attribute, a bulk
// attach answered with 207 because one group's property is not the caller's, and the tags of one
// reservation.
func fakeTagging() *httptest.Server {
	const vip = `{"id": "101", "label": "VIP", "description": null, "entityTypes": ["guest_profile", "reservation"], "isEnabled": true}`
	mux := http.NewServeMux()
	mux.HandleFunc("POST /attribute-tagging/v1/tags/bulk", func(w http.ResponseWriter, r *http.Request) {
		var in cloudbedstags.BulkTagRequest
		json.NewDecoder(r.Body).Decode(&in)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusMultiStatus)
		fmt.Fprintf(w, `{"results": [
			{"entityId": %q, "entityType": "guest_profile", "propertyId": "172938", "status": "ok", "created": 1},
			{"entityId": "4417009", "entityType": "reservation", "propertyId": "1", "status": "failed", "created": 0, "error": "No access to property 1"}],
			"tags": [{"id": "5005", "entityId": %q, "entityType": "guest_profile", "propertyId": "172938", "attributeId": "101", "attribute": %s}]}`,
			in.Entities[0].Ids[0], in.Entities[0].Ids[0], vip)
	})
	mux.HandleFunc("GET /attribute-tagging/v1/tags/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `[{"id": "5003", "entityId": %q, "entityType": "reservation", "propertyId": "172938", "attributeId": "101", "attribute": %s}]`,
			r.URL.Query().Get("entityId"), vip)
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" || r.Header.Get("x-property-id") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error": "access_denied", "message": "missing credentials"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// bearerToken is a request editor adding a bearer token; in real code use the auth package's
// editors with a cached token source, or hospitality.ConnectCloudbedsAttributeTagging.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example reads the attributes attached to one reservation.
func ExampleClientWithResponses_ListTagsWithResponse() {
	srv := fakeTagging()
	defer srv.Close()
	c, err := cloudbedstags.NewClientWithResponses(srv.URL, cloudbedstags.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	id, kind := "4417001", cloudbedstags.EntityTypeReservation
	res, err := c.ListTagsWithResponse(context.Background(), &cloudbedstags.ListTagsParams{PropertyIDs: "172938", EntityID: &id, EntityType: &kind})
	if err != nil {
		log.Fatal(err)
	}
	for _, tag := range *res.JSON200 {
		fmt.Println(tag.EntityType, tag.EntityID, tag.Attribute.Label)
	}
	// Output:
	// reservation 4417001 VIP
}

// This example attaches an attribute to entities of two properties in one call. The answer is
// 207 Multi-Status: the results say which entities failed, so they can be retried alone.
func ExampleClientWithResponses_BulkCreateTagsWithResponse() {
	srv := fakeTagging()
	defer srv.Close()
	c, err := cloudbedstags.NewClientWithResponses(srv.URL, cloudbedstags.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.BulkCreateTagsWithResponse(context.Background(), &cloudbedstags.BulkCreateTagsParams{PropertyIDs: "172938"},
		cloudbedstags.BulkCreateTagsJSONRequestBody{AttributeIds: []string{"101"}, Entities: []cloudbedstags.PropertyEntityGroup{
			{Ids: []string{"88120002"}, Type: cloudbedstags.EntityTypeGuestProfile, PropertyID: "172938"},
			{Ids: []string{"4417009"}, Type: cloudbedstags.EntityTypeReservation, PropertyID: "1"},
		}})
	if err != nil {
		log.Fatal(err)
	}
	answer := res.JSON201
	if res.StatusCode() == http.StatusMultiStatus {
		answer = res.JSON207
	}
	for _, r := range answer.Results {
		fmt.Println(r.EntityID, r.Status, r.Created)
	}
	fmt.Println(len(answer.Tags), "tag(s) created")
	// Output:
	// 88120002 ok 1
	// 4417009 failed 0
	// 1 tag(s) created
}
