package sandbox_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"testing"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

func TestStartForTests(t *testing.T) {
	sb := sandbox.Start(t, sandbox.Options{})
	creds := sb.Credentials()
	ctx := context.Background()
	c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
		ClientID: creds.KobasClientID, ClientSecret: creds.KobasClientSecret, CompanyID: creds.KobasCompanyID,
		BaseURL: sb.URL() + sandbox.KobasAPIPath, TokenURL: sb.URL() + sandbox.KobasTokenPath,
	}))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.ListStaffRolesWithResponse(ctx)
	if err != nil {
		t.Fatalf("ListStaffRoles against sandbox.Start: %v", err)
	}
	if res.JSON200 == nil || len(*res.JSON200) == 0 {
		t.Errorf("ListStaffRoles decoded nothing from %s", res.Body)
	}
}
