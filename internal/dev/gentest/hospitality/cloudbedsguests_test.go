package hospitality_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// guestProfilesSandbox starts a sandbox and returns a Guest Profiles client on the sandbox's API
// key, the same credential the PMS APIs take.
func guestProfilesSandbox(t *testing.T) *cloudbedsguests.ClientWithResponses {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, err := cloudbedsguests.New(hospitality.ConnectCloudbedsGuestProfiles(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: srv.URL + sandbox.CloudbedsGuestProfilesAPIPath,
	}, hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})))
	if err != nil {
		t.Fatalf("ConnectCloudbedsGuestProfiles: %v", err)
	}
	return c
}

func TestNewCloudbedsGuestProfiles(t *testing.T) {
	c := guestProfilesSandbox(t)
	ctx := context.Background()
	org := sandbox.CloudbedsOrganizationID
	first := "Noor"
	created, err := c.CreateProfileWithResponse(ctx, &cloudbedsguests.CreateProfileParams{OrganizationID: org},
		cloudbedsguests.CreateProfileJSONRequestBody{FirstName: &first})
	if err != nil || created.JSON200 == nil || created.JSON200.ID == nil {
		t.Fatalf("CreateProfile = %v, %v; want a created profile", created, err)
	}
	found := false
	for p, err := range c.ListProfilesIter(ctx, &cloudbedsguests.ListProfilesParams{OrganizationID: org}) {
		if err != nil {
			t.Fatalf("ListProfilesIter = %v", err)
		}
		found = found || *p.ID == *created.JSON200.ID
	}
	if !found {
		t.Errorf("ListProfilesIter does not list the created profile %s", *created.JSON200.ID)
	}

	tests := []struct {
		name     string
		org      string
		id       int64
		wantKind error
		wantCode string
	}{
		{"unknown profile", org, 1, hospitality.ErrNotFound, "404"},
		{"other organization", "1", 88120001, hospitality.ErrForbidden, "403"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.GetProfileWithResponse(ctx, tc.id, &cloudbedsguests.GetProfileParams{OrganizationID: tc.org})
			var ae *hospitality.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("GetProfile(%d) = %v, want an *APIError", tc.id, err)
			}
			if ae.Code != tc.wantCode {
				t.Errorf("GetProfile(%d) code = %q, want %q", tc.id, ae.Code, tc.wantCode)
			}
			if !errors.Is(err, tc.wantKind) {
				t.Errorf("GetProfile(%d) = %v, want errors.Is %v", tc.id, err, tc.wantKind)
			}
		})
	}
}

func TestNewCloudbedsGuestProfilesConfig(t *testing.T) {
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
			if _, err := cloudbedsguests.New(hospitality.ConnectCloudbedsGuestProfiles(context.Background(), tc.cfg)); err == nil {
				t.Errorf("ConnectCloudbedsGuestProfiles(%+v) = nil error, want one", tc.cfg)
			}
		})
	}
}
