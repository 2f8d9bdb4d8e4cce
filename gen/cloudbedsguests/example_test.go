package cloudbedsguests_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
)

// fakeGuestProfiles starts a stand-in for the Guest Profiles API on loopback: three profiles
// paged by offset and limit, and a merge answered with the time format and numeric-string ids
// the live service sends.
func fakeGuestProfiles() *httptest.Server {
	profiles := []string{
		`{"id": "88120001", "firstName": "Ana", "lastName": "Silva", "country": "PT", "photoId": 5501}`,
		`{"id": "88120002", "firstName": "Ana", "lastName": "Silva", "country": "PT", "photoId": "0"}`,
		`{"id": "88120003", "firstName": "Tom", "lastName": "Becker", "country": "DE", "birthday": null}`,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /guest-profiles/v1/profiles", func(w http.ResponseWriter, r *http.Request) {
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		end := min(offset+limit, len(profiles))
		body := ""
		for i := offset; i < end; i++ {
			if i > offset {
				body += ","
			}
			body += profiles[i]
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"offset": %d, "limit": %d, "data": [%s]}`, offset, limit, body)
	})
	mux.HandleFunc("POST /guest-profiles/v1/merges", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id": "7300001", "mergedAt": "2025-02-10 12:00:00", "eventType": "merge",
			"beforeMergeProfiles": [{"id": "88120001", "photoId": 5501}, {"id": "88120002", "photoId": "0"}],
			"afterMergeProfiles": [{"id": "88120001", "photoId": 5501}]}`)
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" || r.Header.Get("X-Organization-Id") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error": "access_denied", "message": "missing credentials"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// bearerToken is a request editor adding a bearer token; in real code use the auth package's
// editors with a cached token source, or hospitality.ConnectCloudbedsGuestProfiles.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example walks every guest profile of an organization with the generated iterator, which
// advances offset by the page size until a page comes back short.
func ExampleClientWithResponses_ListProfilesIter() {
	srv := fakeGuestProfiles()
	defer srv.Close()
	c, err := cloudbedsguests.NewClientWithResponses(srv.URL, cloudbedsguests.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	limit := 2
	for p, err := range c.ListProfilesIter(context.Background(), &cloudbedsguests.ListProfilesParams{OrganizationID: "9", Limit: &limit}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*p.ID, *p.FirstName, *p.LastName, *p.Country, p.PhotoID)
	}
	// Output:
	// 88120001 Ana Silva PT 5501
	// 88120002 Ana Silva PT 0
	// 88120003 Tom Becker DE 0
}

// This example merges two duplicate profiles into the first; the answer's mergedAt comes without
// an offset, which the lenient timestamp type reads.
func ExampleClientWithResponses_MergeProfilesWithResponse() {
	srv := fakeGuestProfiles()
	defer srv.Close()
	c, err := cloudbedsguests.NewClientWithResponses(srv.URL, cloudbedsguests.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.MergeProfilesWithResponse(context.Background(), &cloudbedsguests.MergeProfilesParams{OrganizationID: "9"},
		cloudbedsguests.MergeProfilesJSONRequestBody{ProfileIds: []string{"88120001", "88120002"}, FirstName: "Ana", LastName: "Silva",
			Email: "ana.silva@example.com", Phone: "+351 210 000 001", Country: "PT", DocumentType: cloudbedsguests.DocumentTypePassport,
			DocumentNumber: "P1234567", IsOptIn: true})
	if err != nil {
		log.Fatal(err)
	}
	m := res.JSON200
	fmt.Println(*m.ID, *m.EventType, m.MergedAt.Format("2006-01-02 15:04"), len(*m.BeforeMergeProfiles), "->", *(*m.AfterMergeProfiles)[0].ID)
	// Output:
	// 7300001 merge 2025-02-10 12:00 2 -> 88120001
}
