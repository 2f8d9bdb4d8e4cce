package sandbox_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// cbGroupsOrg is the organization the sandbox's Group Profile API serves.
const cbGroupsOrg = sandbox.CloudbedsGroupProfileOrganizationID

// cbGroupsClient returns a Group Profile client on a fresh sandbox with its API key.
func cbGroupsClient(t *testing.T) (*cloudbedsgroups.ClientWithResponses, string) {
	t.Helper()
	sb, root := start(t, sandbox.Options{})
	c, err := cloudbedsgroups.New(hospitality.ConnectCloudbedsGroupProfile(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsGroupProfileAPIPath,
	}, cbNoLimit))
	if err != nil {
		t.Fatalf("ConnectCloudbedsGroupProfile: %v", err)
	}
	return c, root
}

// cbGroupsFailure checks that err is an *APIError with status and code.
func cbGroupsFailure(t *testing.T, call string, err error, status int, code string) *hospitality.APIError {
	t.Helper()
	e := cbAPIError(t, err)
	if e.StatusCode != status || e.Code != code {
		t.Errorf("%s = %d %s, want %d %s", call, e.StatusCode, e.Code, status, code)
	}
	return e
}

// cbGroupsCodes lists the codes of the profiles listAllProfiles yields for params.
func cbGroupsCodes(t *testing.T, c *cloudbedsgroups.ClientWithResponses, params cloudbedsgroups.ListAllProfilesParams) []string {
	t.Helper()
	var codes []string
	for p, err := range c.ListAllProfilesIter(context.Background(), &params) {
		if err != nil {
			t.Fatalf("ListAllProfilesIter = %v", err)
		}
		codes = append(codes, p.Code)
	}
	return codes
}

func TestCloudbedsGroupProfileProfiles(t *testing.T) {
	c, _ := cbGroupsClient(t)
	ctx := context.Background()
	hp := func() *cloudbedsgroups.CreateProfileParams {
		return &cloudbedsgroups.CreateProfileParams{OrganizationID: cbGroupsOrg}
	}
	if got, want := cbGroupsCodes(t, c, cloudbedsgroups.ListAllProfilesParams{OrganizationID: cbGroupsOrg}), []string{"ACME01", "12345675", "WED-SILVA"}; !slices.Equal(got, want) {
		t.Fatalf("seeded profiles by name = %v, want %v", got, want)
	}

	body := cloudbedsgroups.CreateProfileJSONRequestBody{Code: "TECH25", Name: "Tech Summit", Status: cloudbedsgroups.ProfileStatusACTIVE,
		Attributes: &cloudbedsgroups.ProfileAttributes{GroupProfile: &cloudbedsgroups.GroupProfile{RoomNightCommitment: new(150)}}}
	created, err := c.CreateProfileWithResponse(ctx, hp(), body)
	if err != nil {
		t.Fatalf("CreateProfile = %v", err)
	}
	p := created.JSON201
	if p.ProfileType == nil || *p.ProfileType != cloudbedsgroups.GROUP || p.ID == "" || p.CreatedAt.IsZero() {
		t.Fatalf("CreateProfile = %+v, want a GROUP profile with id and creation time", p)
	}
	_, err = c.CreateProfileWithResponse(ctx, hp(), body)
	if e := cbGroupsFailure(t, "CreateProfile(same code)", err, http.StatusConflict, "DUPLICATE_PROFILE_CODE"); !errors.Is(e, hospitality.ErrConflict) {
		t.Errorf("CreateProfile(same code) = %v, want ErrConflict", e)
	}
	// The kind comes from attributes: a company member on a group profile is refused, with the field named.
	_, err = c.UpdateProfileWithResponse(ctx, cbGroupsInt(t, p.ID), &cloudbedsgroups.UpdateProfileParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.UpdateProfileJSONRequestBody{Attributes: &cloudbedsgroups.ProfileAttributes{CompanyProfile: &cloudbedsgroups.CompanyProfile{}}})
	e := cbGroupsFailure(t, "UpdateProfile(other kind)", err, http.StatusUnprocessableEntity, "VALIDATION_ERROR")
	if len(e.Fields) != 1 || e.Fields[0].Field != "attributes.companyProfile" {
		t.Errorf("UpdateProfile(other kind) fields = %+v, want attributes.companyProfile", e.Fields)
	}
	// Validation by the document: a phone number with letters is a 422 naming the field.
	_, err = c.CreateProfileWithResponse(ctx, hp(), cloudbedsgroups.CreateProfileJSONRequestBody{Code: "X1", Name: "X", Status: "ACTIVE",
		Phone: new("call me")})
	if e := cbGroupsFailure(t, "CreateProfile(bad phone)", err, http.StatusUnprocessableEntity, "VALIDATION_ERROR"); len(e.Fields) != 1 || e.Fields[0].Field != "phone" {
		t.Errorf("CreateProfile(bad phone) fields = %+v, want phone", e.Fields)
	}

	upd, err := c.UpdateProfileWithResponse(ctx, cbGroupsInt(t, p.ID), &cloudbedsgroups.UpdateProfileParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.UpdateProfileJSONRequestBody{Name: new("Tech Summit (Autumn)"),
			Attributes: &cloudbedsgroups.ProfileAttributes{GroupProfile: &cloudbedsgroups.GroupProfile{GroupID: new("GRP-31")}}})
	if err != nil {
		t.Fatalf("UpdateProfile = %v", err)
	}
	g := upd.JSON200.Attributes.GroupProfile
	if upd.JSON200.Name != "Tech Summit (Autumn)" || g.GroupID == nil || *g.GroupID != "GRP-31" || g.RoomNightCommitment == nil || *g.RoomNightCommitment != 150 {
		t.Errorf("UpdateProfile = %+v %+v, want the new name and group id beside the stored commitment", upd.JSON200, g)
	}

	groups := cbGroupsCodes(t, c, cloudbedsgroups.ListAllProfilesParams{OrganizationID: cbGroupsOrg, Limit: new(1),
		ProfileType: &cloudbedsgroups.ProfileTypes{cloudbedsgroups.GROUP}, Sort: new("code:desc")})
	if want := []string{"WED-SILVA", "TECH25"}; !slices.Equal(groups, want) {
		t.Errorf("groups by code descending, one a page = %v, want %v", groups, want)
	}

	if _, err := c.DeleteProfileWithResponse(ctx, cbGroupsInt(t, p.ID), &cloudbedsgroups.DeleteProfileParams{OrganizationID: cbGroupsOrg}); err != nil {
		t.Fatalf("DeleteProfile = %v", err)
	}
	_, err = c.GetProfileByIDWithResponse(ctx, cbGroupsInt(t, p.ID), &cloudbedsgroups.GetProfileByIDParams{OrganizationID: cbGroupsOrg})
	if e := cbGroupsFailure(t, "GetProfileByID(deleted)", err, http.StatusNotFound, "PROFILE_NOT_FOUND"); !errors.Is(e, hospitality.ErrNotFound) {
		t.Errorf("GetProfileByID(deleted) = %v, want ErrNotFound", e)
	}
	_, err = c.GetProfileByIDWithResponse(ctx, 1907481861900001, &cloudbedsgroups.GetProfileByIDParams{OrganizationID: 10})
	cbGroupsFailure(t, "GetProfileByID(other organization)", err, http.StatusForbidden, "ORGANIZATION_MISMATCH")
}

// cbGroupsInt returns an answer's id as the integer paths take.
func cbGroupsInt(t *testing.T, id cloudbedsgroups.ID) int64 {
	t.Helper()
	var n int64
	for _, r := range id {
		if r < '0' || r > '9' {
			t.Fatalf("id %q is not numeric", id)
		}
		n = n*10 + int64(r-'0')
	}
	return n
}

func TestCloudbedsGroupProfilePersons(t *testing.T) {
	c, _ := cbGroupsClient(t)
	ctx := context.Background()
	const acme = 1907481861900001
	role := cloudbedsgroups.ContactRoleACCOUNTSPAYABLE
	added, err := c.AddProfileContactPersonWithResponse(ctx, &cloudbedsgroups.AddProfileContactPersonParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.AddProfileContactPersonJSONRequestBody{FirstName: "Ana", LastName: "Pereira", Status: "ACTIVE",
			ProfileID: new(int64(acme)), Role: &role, IsMainContact: new(true),
			Emails: &[]cloudbedsgroups.ContactEmail{{Email: new("ana@acme.example"), Primary: new(true)}}})
	if err != nil {
		t.Fatalf("AddProfileContactPerson = %v", err)
	}
	ana := added.JSON201
	if ana.Role == nil || *ana.Role != "ACCOUNTS_PAYABLE" || (*ana.Emails)[0].ID == "" || (*ana.Emails)[0].ContactPersonID != ana.ID {
		t.Fatalf("AddProfileContactPerson = %+v, want the link's role and a stored e-mail address", ana)
	}
	anaID := cbGroupsInt(t, ana.ID)

	search, err := c.SearchContactPersonsWithResponse(ctx, &cloudbedsgroups.SearchContactPersonsParams{OrganizationID: cbGroupsOrg,
		ProfileID: new(int64(acme)), Email: new("ACME.example")})
	if err != nil {
		t.Fatalf("SearchContactPersons = %v", err)
	}
	var names []string
	for _, p := range *search.JSON200.Data {
		names = append(names, *p.FirstName+" main="+map[bool]string{true: "yes", false: "no"}[p.IsMainContact != nil && *p.IsMainContact])
	}
	// Maria (seeded) is not linked to Acme in the seed; Ana is, as its main contact.
	if want := []string{"Ana main=yes"}; !slices.Equal(names, want) {
		t.Errorf("SearchContactPersons(profile, e-mail) = %v, want %v", names, want)
	}

	link := cloudbedsgroups.CreateProfilePersonJSONRequestBody{PersonID: anaID, PersonType: cloudbedsgroups.PersonTypeCONTACT}
	_, err = c.CreateProfilePersonWithResponse(ctx, acme, &cloudbedsgroups.CreateProfilePersonParams{OrganizationID: cbGroupsOrg}, link)
	cbGroupsFailure(t, "CreateProfilePerson(linked)", err, http.StatusConflict, "DUPLICATE_RELATIONSHIP")
	if _, err := c.CreateProfilePersonWithResponse(ctx, 1907481861900002, &cloudbedsgroups.CreateProfilePersonParams{OrganizationID: cbGroupsOrg}, link); err != nil {
		t.Fatalf("CreateProfilePerson(wedding) = %v", err)
	}
	_, err = c.CreateProfilePersonWithResponse(ctx, acme, &cloudbedsgroups.CreateProfilePersonParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.CreateProfilePersonJSONRequestBody{PersonID: 42, PersonType: cloudbedsgroups.PersonTypeCONTACT})
	cbGroupsFailure(t, "CreateProfilePerson(unknown contact)", err, http.StatusNotFound, "RESOURCE_NOT_FOUND")

	profilesOf := func() []string {
		t.Helper()
		var out []string
		for l, err := range c.FindByPersonIDIter(ctx, anaID, &cloudbedsgroups.FindByPersonIDParams{OrganizationID: cbGroupsOrg, PersonType: cloudbedsgroups.PersonTypeCONTACT}) {
			if err != nil {
				t.Fatalf("FindByPersonIDIter = %v", err)
			}
			out = append(out, string(l.ProfileID))
		}
		slices.Sort(out)
		return out
	}
	if got, want := profilesOf(), []string{"1907481861900001", "1907481861900002"}; !slices.Equal(got, want) {
		t.Errorf("profiles of Ana = %v, want %v", got, want)
	}
	if _, err := c.UnlinkProfilePersonWithResponse(ctx, 1907481861900002, anaID,
		&cloudbedsgroups.UnlinkProfilePersonParams{OrganizationID: cbGroupsOrg, PersonType: cloudbedsgroups.PersonTypeCONTACT}); err != nil {
		t.Fatalf("UnlinkProfilePerson = %v", err)
	}
	if got, want := profilesOf(), []string{"1907481861900001"}; !slices.Equal(got, want) {
		t.Errorf("profiles of Ana after unlinking = %v, want %v", got, want)
	}

	// A role change without the profile it concerns is refused; with it, the link changes.
	other := cloudbedsgroups.ContactRoleINVOICING
	_, err = c.UpdateProfileContactPersonWithResponse(ctx, anaID, &cloudbedsgroups.UpdateProfileContactPersonParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.UpdateProfileContactPersonJSONRequestBody{Role: &other})
	cbGroupsFailure(t, "UpdateProfileContactPerson(role alone)", err, http.StatusUnprocessableEntity, "VALIDATION_ERROR")
	upd, err := c.UpdateProfileContactPersonWithResponse(ctx, anaID, &cloudbedsgroups.UpdateProfileContactPersonParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.UpdateProfileContactPersonJSONRequestBody{Role: &other, ProfileID: new(int64(acme)), LastName: new("Lopes")})
	if err != nil {
		t.Fatalf("UpdateProfileContactPerson = %v", err)
	}
	if *upd.JSON200.LastName != "Lopes" || *upd.JSON200.Role != "INVOICING" {
		t.Errorf("UpdateProfileContactPerson = %s, %s; want Lopes, INVOICING", *upd.JSON200.LastName, *upd.JSON200.Role)
	}
	persons, err := c.ListProfilePersonWithResponse(ctx, acme, &cloudbedsgroups.ListProfilePersonParams{OrganizationID: cbGroupsOrg,
		Roles: &[]cloudbedsgroups.ContactRole{cloudbedsgroups.ContactRoleINVOICING}})
	if err != nil || len(*persons.JSON200.Data) != 1 {
		t.Fatalf("ListProfilePerson(INVOICING) = %v, %v; want Ana's link", persons, err)
	}

	if _, err := c.DeleteProfileContactPersonWithResponse(ctx, anaID, &cloudbedsgroups.DeleteProfileContactPersonParams{OrganizationID: cbGroupsOrg}); err != nil {
		t.Fatalf("DeleteProfileContactPerson = %v", err)
	}
	if got := profilesOf(); len(got) != 0 {
		t.Errorf("profiles of a deleted contact = %v, want none", got)
	}
}

func TestCloudbedsGroupProfileNotesAndTags(t *testing.T) {
	c, _ := cbGroupsClient(t)
	ctx := context.Background()
	const wedding = 1907481861900002
	added, err := c.AddProfileNoteWithResponse(ctx, wedding, &cloudbedsgroups.AddProfileNoteParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.AddProfileNoteJSONRequestBody{UserID: 12345, Content: "Deposit received."})
	if err != nil {
		t.Fatalf("AddProfileNote = %v", err)
	}
	note := cbGroupsInt(t, added.JSON201.ID)
	if u := added.JSON201.User; u == nil || u.FirstName == nil || *u.FirstName != "Rita" {
		t.Errorf("AddProfileNote user = %+v, want the seeded user 12345", u)
	}
	list := func(which cloudbedsgroups.NoteArchiveFilter) int {
		t.Helper()
		n := 0
		for _, err := range c.ListProfileNotesIter(ctx, wedding, &cloudbedsgroups.ListProfileNotesParams{OrganizationID: cbGroupsOrg, Archived: &which}) {
			if err != nil {
				t.Fatalf("ListProfileNotesIter(%s) = %v", which, err)
			}
			n++
		}
		return n
	}
	if _, err := c.ArchiveProfileNoteWithResponse(ctx, wedding, note, &cloudbedsgroups.ArchiveProfileNoteParams{OrganizationID: cbGroupsOrg}); err != nil {
		t.Fatalf("ArchiveProfileNote = %v", err)
	}
	if a, r, all := list(cloudbedsgroups.NoteArchiveFilterACTIVE), list(cloudbedsgroups.NoteArchiveFilterARCHIVED), list(cloudbedsgroups.NoteArchiveFilterALL); a != 1 || r != 1 || all != 2 {
		t.Errorf("notes active, archived, all = %d, %d, %d; want 1, 1, 2", a, r, all)
	}
	restored, err := c.RestoreProfileNoteWithResponse(ctx, wedding, note, &cloudbedsgroups.RestoreProfileNoteParams{OrganizationID: cbGroupsOrg})
	if err != nil || !restored.JSON200.ArchivedAt.IsZero() {
		t.Fatalf("RestoreProfileNote = %v, %v; want a note without archivedAt", restored, err)
	}
	_, err = c.GetProfileNoteWithResponse(ctx, 1907481861900001, note, &cloudbedsgroups.GetProfileNoteParams{OrganizationID: cbGroupsOrg})
	cbGroupsFailure(t, "GetProfileNote(other profile)", err, http.StatusNotFound, "NOTE_NOT_FOUND")

	tag, err := c.AddProfileTagWithResponse(ctx, wedding, &cloudbedsgroups.AddProfileTagParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.AddProfileTagJSONRequestBody{Tag: "Summer"})
	if err != nil {
		t.Fatalf("AddProfileTag = %v", err)
	}
	_, err = c.AddProfileTagWithResponse(ctx, wedding, &cloudbedsgroups.AddProfileTagParams{OrganizationID: cbGroupsOrg},
		cloudbedsgroups.AddProfileTagJSONRequestBody{Tag: "summer"})
	cbGroupsFailure(t, "AddProfileTag(again)", err, http.StatusConflict, "RESOURCE_ALREADY_EXISTS")
	if _, err := c.DeleteProfileTagWithResponse(ctx, wedding, cbGroupsInt(t, tag.JSON201.ID), &cloudbedsgroups.DeleteProfileTagParams{OrganizationID: cbGroupsOrg}); err != nil {
		t.Fatalf("DeleteProfileTag = %v", err)
	}
	tags, err := c.ListProfileTagsWithResponse(ctx, wedding, &cloudbedsgroups.ListProfileTagsParams{OrganizationID: cbGroupsOrg})
	if err != nil || len(*tags.JSON200.Tags) != 0 {
		t.Errorf("ListProfileTags after deleting the only tag = %v, %v; want none", tags, err)
	}
}

// cbGroupsUpload builds a multipart upload of one file.
func cbGroupsUpload(t *testing.T, name, content string) (string, io.Reader) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	fw, err := w.CreateFormFile("files", name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(fw, content)
	w.WriteField("userId", "12345")
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestCloudbedsGroupProfileDocuments(t *testing.T) {
	c, _ := cbGroupsClient(t)
	ctx := context.Background()
	const acme = 1907481861900001
	params := &cloudbedsgroups.UploadProfileDocumentsParams{OrganizationID: cbGroupsOrg}
	ct, body := cbGroupsUpload(t, "rooming-list.csv", "name,room\nAna,101\n")
	res, err := c.UploadProfileDocumentsWithBodyWithResponse(ctx, acme, params, ct, body)
	if err != nil {
		t.Fatalf("UploadProfileDocuments = %v", err)
	}
	doc := (*res.JSON201.Data)[0]
	if doc.FileName != "rooming-list.csv" || doc.UserID != "12345" || *res.JSON201.Total != 1 {
		t.Fatalf("UploadProfileDocuments = %+v, want rooming-list.csv by 12345", res.JSON201)
	}
	ct, body = cbGroupsUpload(t, "tool.exe", "MZ")
	_, err = c.UploadProfileDocumentsWithBodyWithResponse(ctx, acme, params, ct, body)
	cbGroupsFailure(t, "UploadProfileDocuments(.exe)", err, http.StatusUnprocessableEntity, "VALIDATION_ERROR")

	var files []string
	for d, err := range c.ListProfileDocumentsIter(ctx, acme, &cloudbedsgroups.ListProfileDocumentsParams{OrganizationID: cbGroupsOrg, Sort: new("fileName:asc")}) {
		if err != nil {
			t.Fatalf("ListProfileDocumentsIter = %v", err)
		}
		files = append(files, d.FileName)
	}
	if want := []string{"contract-2025.pdf", "rooming-list.csv"}; !slices.Equal(files, want) {
		t.Errorf("documents by name = %v, want %v", files, want)
	}
	_, err = c.ListProfileDocumentsWithResponse(ctx, acme, &cloudbedsgroups.ListProfileDocumentsParams{OrganizationID: cbGroupsOrg, Sort: new("size:asc")})
	cbGroupsFailure(t, "ListProfileDocuments(sort by size)", err, http.StatusBadRequest, "INVALID_PARAMETER")

	id := cbGroupsInt(t, doc.ID)
	link, err := c.DownloadProfileDocumentWithResponse(ctx, acme, id, &cloudbedsgroups.DownloadProfileDocumentParams{OrganizationID: cbGroupsOrg})
	if err != nil {
		t.Fatalf("DownloadProfileDocument = %v", err)
	}
	got, err := http.Get(link.JSON200.DownloadURL)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Body.Close()
	content, _ := io.ReadAll(got.Body)
	if got.StatusCode != http.StatusOK || string(content) != "name,room\nAna,101\n" {
		t.Errorf("GET download link = %d %q, want the uploaded file", got.StatusCode, content)
	}
	if _, err := c.DeleteProfileDocumentWithResponse(ctx, acme, id, &cloudbedsgroups.DeleteProfileDocumentParams{OrganizationID: cbGroupsOrg}); err != nil {
		t.Fatalf("DeleteProfileDocument = %v", err)
	}
	_, err = c.GetProfileDocumentWithResponse(ctx, acme, id, &cloudbedsgroups.GetProfileDocumentParams{OrganizationID: cbGroupsOrg})
	cbGroupsFailure(t, "GetProfileDocument(deleted)", err, http.StatusNotFound, "RESOURCE_NOT_FOUND")
}

// TestCloudbedsGroupProfileOAuth calls the API with an OAuth token of the PMS consent: the
// document's bearer scheme takes the same tokens.
func TestCloudbedsGroupProfileOAuth(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	ctx := context.Background()
	cfg := cloudbedsOAuth(root, sb.Credentials(), nil)
	tok, err := cfg.Exchange(ctx, cbApprove(t, cfg))
	if err != nil {
		t.Fatalf("Exchange = %v", err)
	}
	c, err := cloudbedsgroups.New(hospitality.ConnectCloudbedsGroupProfile(ctx, hospitality.CloudbedsConfig{OAuth: &cfg, Token: tok,
		BaseURL: root + sandbox.CloudbedsGroupProfileAPIPath}, cbNoLimit))
	if err != nil {
		t.Fatalf("ConnectCloudbedsGroupProfile = %v", err)
	}
	res, err := c.GetProfileByIDWithResponse(ctx, 1907481861900002, &cloudbedsgroups.GetProfileByIDParams{OrganizationID: cbGroupsOrg})
	if err != nil || !strings.Contains(res.JSON200.Name, "Wedding") {
		t.Fatalf("GetProfileByID with an OAuth token = %v, %v; want the wedding profile", res, err)
	}
	a := send(t, http.MethodGet, root+sandbox.CloudbedsGroupProfileAPIPath+"/group-profile/v1/profiles/1907481861900002", "", "",
		map[string]string{"Authorization": "Bearer not-a-token", "x-organization-id": "9"})
	if a.status != http.StatusUnauthorized || a.body["error"] != "access_denied" {
		t.Errorf("GET with an unknown token = %d %v, want 401 access_denied", a.status, a.body)
	}
}

// The Group Profile API's organization is the one the other Cloudbeds APIs name.
func TestCloudbedsGroupProfileOrganizationIsTheProperty(t *testing.T) {
	if got := strconv.FormatInt(sandbox.CloudbedsGroupProfileOrganizationID, 10); got != sandbox.CloudbedsOrganizationID {
		t.Errorf("CloudbedsGroupProfileOrganizationID = %s, CloudbedsOrganizationID = %s; want one organization", got, sandbox.CloudbedsOrganizationID)
	}
}
