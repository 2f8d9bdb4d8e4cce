package hospitality_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// groupsSandbox starts a sandbox and returns a Group Profile client on the sandbox's API key
// (the same credential the PMS APIs take).
func groupsSandbox(t *testing.T) *cloudbedsgroups.ClientWithResponses {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := cloudbedsgroups.New(hospitality.ConnectCloudbedsGroupProfile(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: srv.URL + sandbox.CloudbedsGroupProfileAPIPath,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})))
	if err != nil {
		t.Fatalf("ConnectCloudbedsGroupProfile: %v", err)
	}
	return c
}

func TestNewCloudbedsGroupProfileNotes(t *testing.T) {
	c := groupsSandbox(t)
	ctx := context.Background()
	const wedding = 1907481861900002
	org := sandbox.CloudbedsGroupProfileOrganizationID
	created, err := c.AddProfileNoteWithResponse(ctx, wedding, &cloudbedsgroups.AddProfileNoteParams{OrganizationID: org},
		cloudbedsgroups.AddProfileNoteJSONRequestBody{UserID: 12345, Content: "Welcome drinks at 18:00."})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("AddProfileNote = %v, %v; want a created note", created, err)
	}
	var contents []string
	for n, err := range c.ListProfileNotesIter(ctx, wedding, &cloudbedsgroups.ListProfileNotesParams{OrganizationID: org, Limit: new(1)}) {
		if err != nil {
			t.Fatalf("ListProfileNotesIter = %v", err)
		}
		contents = append(contents, *n.Content)
	}
	if len(contents) != 2 || contents[0] != "Welcome drinks at 18:00." {
		t.Errorf("ListProfileNotesIter (newest first, one a page) = %q, want the new note and the seeded one", contents)
	}

	tests := []struct {
		name      string
		call      func() error
		wantKind  error
		wantCode  string
		wantField string
	}{
		{"unknown profile", func() error {
			_, err := c.GetProfileByIDWithResponse(ctx, 42, &cloudbedsgroups.GetProfileByIDParams{OrganizationID: org})
			return err
		}, hospitality.ErrNotFound, "PROFILE_NOT_FOUND", ""},
		{"note without content", func() error {
			_, err := c.AddProfileNoteWithBodyWithResponse(ctx, wedding, &cloudbedsgroups.AddProfileNoteParams{OrganizationID: org},
				"application/json", strings.NewReader(`{"userId": 12345}`))
			return err
		}, hospitality.ErrValidation, "VALIDATION_ERROR", "content"},
		{"other organization", func() error {
			_, err := c.ListProfileTagsWithResponse(ctx, wedding, &cloudbedsgroups.ListProfileTagsParams{OrganizationID: org + 1})
			return err
		}, hospitality.ErrForbidden, "ORGANIZATION_MISMATCH", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ae *hospitality.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("call = %v, want an *APIError", err)
			}
			if ae.Code != tc.wantCode || !errors.Is(err, tc.wantKind) {
				t.Errorf("call = %v (code %q), want %v with code %q", err, ae.Code, tc.wantKind, tc.wantCode)
			}
			if tc.wantField != "" && (len(ae.Fields) != 1 || ae.Fields[0].Field != tc.wantField) {
				t.Errorf("call fields = %+v, want one for %s", ae.Fields, tc.wantField)
			}
		})
	}
}

func TestNewCloudbedsGroupProfileConfig(t *testing.T) {
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
			if _, err := cloudbedsgroups.New(hospitality.ConnectCloudbedsGroupProfile(context.Background(), tc.cfg)); err == nil {
				t.Errorf("ConnectCloudbedsGroupProfile(%+v) = nil error, want one", tc.cfg)
			}
		})
	}
}
