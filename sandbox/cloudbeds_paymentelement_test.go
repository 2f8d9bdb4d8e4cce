package sandbox_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

func TestCloudbedsPaymentElementKeys(t *testing.T) {
	sb, root := start(t, sandbox.Options{})
	c, err := cloudbedspaymentelement.New(hospitality.ConnectCloudbedsPaymentElement(context.Background(), hospitality.CloudbedsConfig{
		APIKey: sb.Credentials().CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsPaymentElementAPIPath,
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsPaymentElement: %v", err)
	}
	ctx := context.Background()
	property := sb.Credentials().CloudbedsPropertyID
	var ids []string
	for range 3 {
		res, err := c.IssueAPIKeyWithResponse(ctx, cloudbedspaymentelement.IssueAPIKeyRequest{PropertyIDs: []string{property}})
		if err != nil || res.JSON201 == nil {
			t.Fatalf("IssueAPIKey = %v, %v", res, err)
		}
		if k := res.JSON201; k.Secret == "" || k.Status != "active" || len(k.PropertyIDs) != 1 || string(k.PropertyIDs[0]) != property {
			t.Errorf("IssueAPIKey = %+v, want an active key with a secret for %s", k, property)
		}
		ids = append(ids, res.JSON201.Identity)
	}
	if _, err := c.RevokeAPIKeyWithResponse(ctx, ids[0]); err != nil {
		t.Fatalf("RevokeAPIKey(%s) = %v", ids[0], err)
	}

	list := func(p cloudbedspaymentelement.ListAPIKeysParams) []string {
		t.Helper()
		var got []string
		for k, err := range c.ListAPIKeysIter(ctx, &p) {
			if err != nil {
				t.Fatalf("ListAPIKeysIter = %v", err)
			}
			got = append(got, *k.Identity)
		}
		return got
	}
	one, yes := 1, true
	if got := list(cloudbedspaymentelement.ListAPIKeysParams{Limit: &one}); len(got) != 2 || got[0] != ids[2] || got[1] != ids[1] {
		t.Errorf("active keys, one per page = %v, want %v newest first", got, []string{ids[2], ids[1]})
	}
	if got := list(cloudbedspaymentelement.ListAPIKeysParams{IncludeRevoked: &yes}); len(got) != 3 {
		t.Errorf("keys with revoked = %v, want 3", got)
	}
	if got := list(cloudbedspaymentelement.ListAPIKeysParams{PropertyIDs: &[]string{"999"}}); len(got) != 0 {
		t.Errorf("keys of property 999 = %v, want none", got)
	}

	tests := []struct {
		name   string
		call   func() error
		status int
		kind   error
	}{
		{"revoked again", func() error { _, err := c.RevokeAPIKeyWithResponse(ctx, ids[0]); return err }, http.StatusConflict, hospitality.ErrConflict},
		{"unknown key", func() error { _, err := c.RevokeAPIKeyWithResponse(ctx, "pek_nope"); return err }, http.StatusNotFound, hospitality.ErrNotFound},
		{"other property", func() error {
			_, err := c.IssueAPIKeyWithResponse(ctx, cloudbedspaymentelement.IssueAPIKeyRequest{PropertyIDs: []string{"999"}})
			return err
		}, http.StatusForbidden, hospitality.ErrForbidden},
		{"no property", func() error {
			_, err := c.IssueAPIKeyWithResponse(ctx, cloudbedspaymentelement.IssueAPIKeyRequest{PropertyIDs: []string{}})
			return err
		}, http.StatusBadRequest, hospitality.ErrValidation},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var ae *hospitality.APIError
			if !errors.As(err, &ae) || ae.StatusCode != tc.status || !errors.Is(err, tc.kind) || ae.Message == "" {
				t.Errorf("err = %v, want an *APIError with status %d matching %v and a message", err, tc.status, tc.kind)
			}
		})
	}
}
