package cloudbedsgroups_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"mime/multipart"
	"net/http"
	"net/http/httptest"

	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
)

// fakeGroupProfile starts a stand-in for the Group Profile API on loopback: two pages of
// profiles chained by a page token (the last one's token is null, as Cloudbeds sends it) and a
// document upload. Timestamps arrive with and without an offset, as the live service sends them.
func fakeGroupProfile() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /group-profile/v1/profiles", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("pageToken") == "" {
			fmt.Fprint(w, `{"data": [{"id": "1907481861900001", "code": "ACME01", "name": "Acme Viagens", "status": "ACTIVE",
				"profileType": "COMPANY", "createdAt": "2025-02-03T09:30:00Z"},
				{"id": "1907481861900002", "code": "WED-SILVA", "name": "Silva-Costa Wedding", "status": "ACTIVE",
				"profileType": "GROUP", "createdAt": "2025-02-04 10:00:00"}], "nextPageToken": "t2"}`)
			return
		}
		fmt.Fprint(w, `{"data": [{"id": "1907481861900003", "code": "12345675", "name": "Atlantic Travel", "status": "INACTIVE",
			"profileType": "TRAVEL_AGENT", "createdAt": "2025-02-05T08:00:00+01:00"}], "nextPageToken": null}`)
	})
	mux.HandleFunc("POST /group-profile/v1/profiles/{profileId}/documents", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, `{"data": [{"id": "4443332221100101", "profileId": %q, "userId": %q, "fileName": %q,
			"createdAt": "2025-02-03T09:30:00Z"}], "total": 1}`,
			r.PathValue("profileId"), r.FormValue("userId"), r.MultipartForm.File["files"][0].Filename)
	})
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" || r.Header.Get("x-organization-id") == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error": "access_denied", "message": "missing credentials"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
}

// bearerToken is a request editor adding a bearer token; in real code use the auth package's
// editors with a cached token source, or hospitality.ConnectCloudbedsGroupProfile.
func bearerToken(_ context.Context, req *http.Request) error {
	req.Header.Set("Authorization", "Bearer example-token")
	return nil
}

// This example walks every profile of an organization with the generated iterator, which sends
// each answer's nextPageToken back as pageToken until an answer has none.
func ExampleClientWithResponses_ListAllProfilesIter() {
	srv := fakeGroupProfile()
	defer srv.Close()
	c, err := cloudbedsgroups.NewClientWithResponses(srv.URL, cloudbedsgroups.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	for p, err := range c.ListAllProfilesIter(context.Background(), &cloudbedsgroups.ListAllProfilesParams{OrganizationID: 9}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %-12s %-9s %s (since %s)\n", p.ID, *p.ProfileType, p.Code, p.Name, p.CreatedAt.UTC().Format("2006-01-02 15:04"))
	}
	// Output:
	// 1907481861900001 COMPANY      ACME01    Acme Viagens (since 2025-02-03 09:30)
	// 1907481861900002 GROUP        WED-SILVA Silva-Costa Wedding (since 2025-02-04 10:00)
	// 1907481861900003 TRAVEL_AGENT 12345675  Atlantic Travel (since 2025-02-05 07:00)
}

// This example attaches a rooming list to a group profile. Uploads are multipart forms with one
// "files" part per file and the uploading user's id.
func ExampleClientWithResponses_UploadProfileDocumentsWithBodyWithResponse() {
	srv := fakeGroupProfile()
	defer srv.Close()
	c, err := cloudbedsgroups.NewClientWithResponses(srv.URL, cloudbedsgroups.WithRequestEditorFn(bearerToken))
	if err != nil {
		log.Fatal(err)
	}
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	file, err := form.CreateFormFile("files", "rooming-list.csv")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprint(file, "name,room\nAna Silva,101\n")
	form.WriteField("userId", "12345")
	if err := form.Close(); err != nil {
		log.Fatal(err)
	}
	res, err := c.UploadProfileDocumentsWithBodyWithResponse(context.Background(), 1907481861900002,
		&cloudbedsgroups.UploadProfileDocumentsParams{OrganizationID: 9}, form.FormDataContentType(), &body)
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range *res.JSON201.Data {
		fmt.Println(d.ID, d.ProfileID, d.UserID, d.FileName)
	}
	// Output:
	// 4443332221100101 1907481861900002 12345 rooming-list.csv
}
