package hospitality_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// tagsConsentToken approves the sandbox's Cloudbeds consent page and exchanges the code for an
// access token, the bearer credential the Attribute Tagging API's scheme takes.
func tagsConsentToken(t *testing.T, root string, c sandbox.Credentials) string {
	t.Helper()
	q := url.Values{"client_id": {c.CloudbedsClientID}, "redirect_uri": {c.CloudbedsRedirectURL}, "response_type": {"code"},
		"state": {"s"}, "auto_approve": {"1"}}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(root + sandbox.CloudbedsAuthorizePath + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	res, err = http.PostForm(root+sandbox.CloudbedsTokenPath, url.Values{"grant_type": {"authorization_code"},
		"client_id": {c.CloudbedsClientID}, "client_secret": {c.CloudbedsClientSecret}, "redirect_uri": {c.CloudbedsRedirectURL},
		"code": {loc.Query().Get("code")}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&tok); err != nil || tok.AccessToken == "" {
		t.Fatalf("token answer: %v, no access token", err)
	}
	return tok.AccessToken
}

// TestNewCloudbedsAttributeTagging tags a guest profile with the sandbox's API key and reads the
// tag back with an OAuth access token: both credentials of CloudbedsConfig reach the API.
func TestNewCloudbedsAttributeTagging(t *testing.T) {
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatalf("sandbox.New: %v", err)
	}
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	creds := sb.Credentials()
	fast := []hospitality.Option{hospitality.WithRateLimit(transport.RateLimit{Disabled: true}), hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1})}
	base := srv.URL + sandbox.CloudbedsAttributeTaggingAPIPath
	ctx := context.Background()
	byKey, err := cloudbedstags.New(hospitality.ConnectCloudbedsAttributeTagging(ctx, hospitality.CloudbedsConfig{APIKey: creds.CloudbedsAPIKey, BaseURL: base}, fast...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsAttributeTagging(API key): %v", err)
	}
	byToken, err := cloudbedstags.New(hospitality.ConnectCloudbedsAttributeTagging(ctx, hospitality.CloudbedsConfig{BaseURL: base,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tagsConsentToken(t, srv.URL, creds)})}, fast...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsAttributeTagging(token): %v", err)
	}
	property := creds.CloudbedsPropertyID
	created, err := byKey.CreateTagsWithResponse(ctx, &cloudbedstags.CreateTagsParams{PropertyIDs: property},
		cloudbedstags.CreateTagsJSONRequestBody{EntityID: "88120003", EntityType: cloudbedstags.EntityTypeGuestProfile, AttributeIds: []string{"101"}})
	if err != nil || created.JSON201 == nil || len(*created.JSON201) != 1 {
		t.Fatalf("CreateTags = %v, %v; want one tag", created, err)
	}
	entity := "88120003"
	list, err := byToken.ListTagsWithResponse(ctx, &cloudbedstags.ListTagsParams{PropertyIDs: property, EntityID: &entity})
	if err != nil || len(*list.JSON200) != 1 || (*list.JSON200)[0].ID != (*created.JSON201)[0].ID {
		t.Fatalf("ListTags(88120003) with a token = %v, %v; want the created tag", list, err)
	}

	tests := []struct {
		name     string
		body     cloudbedstags.CreateTagsJSONRequestBody
		wantKind error
		wantCode string
	}{
		{"tagged already", cloudbedstags.CreateTagsJSONRequestBody{EntityID: "88120003", EntityType: cloudbedstags.EntityTypeGuestProfile,
			AttributeIds: []string{"101"}}, hospitality.ErrConflict, "CONFLICT"},
		{"unknown attribute", cloudbedstags.CreateTagsJSONRequestBody{EntityID: "88120003", EntityType: cloudbedstags.EntityTypeGuestProfile,
			AttributeIds: []string{"999"}}, hospitality.ErrNotFound, "NOT_FOUND"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := byKey.CreateTagsWithResponse(ctx, &cloudbedstags.CreateTagsParams{PropertyIDs: property}, tc.body)
			var ae *hospitality.APIError
			if !errors.As(err, &ae) {
				t.Fatalf("CreateTags = %v, want an *APIError", err)
			}
			if ae.Code != tc.wantCode || !errors.Is(err, tc.wantKind) {
				t.Errorf("CreateTags = %v (code %q), want %v with code %q", err, ae.Code, tc.wantKind, tc.wantCode)
			}
		})
	}
}

func TestNewCloudbedsAttributeTaggingConfig(t *testing.T) {
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
			if _, err := cloudbedstags.New(hospitality.ConnectCloudbedsAttributeTagging(context.Background(), tc.cfg)); err == nil {
				t.Errorf("ConnectCloudbedsAttributeTagging(%+v) = nil error, want one", tc.cfg)
			}
		})
	}
}
