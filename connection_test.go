package hospitality_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsaccounting"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsfiscal"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsgroups"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsguests"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsinsights"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaybylink"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedspaymentelement"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedstags"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsvault"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
)

// connectAll connects to every API with a credential and no base URL, and pairs each
// connection with its generated package's name, DefaultServer and New.
func connectAll(t *testing.T) []struct {
	pkg, server string
	conn        *hospitality.Connection
	build       func(*hospitality.Connection, error) error
} {
	t.Helper()
	ctx := context.Background()
	cb := hospitality.CloudbedsConfig{APIKey: "cbat_test"}
	co := hospitality.CobotConfig{TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"})}
	kb := hospitality.KobasConfig{ClientID: "id", ClientSecret: "secret", CompanyID: "1"}
	ot := hospitality.OctotableConfig{ClientID: "id", ClientSecret: "secret", PropertyID: 1}
	type entry = struct {
		pkg, server string
		conn        *hospitality.Connection
		build       func(*hospitality.Connection, error) error
	}
	must := func(conn *hospitality.Connection, err error) *hospitality.Connection {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return conn
	}
	// build drops the client: only New's error matters here.
	build := func(f func(*hospitality.Connection, error) (any, error)) func(*hospitality.Connection, error) error {
		return func(c *hospitality.Connection, err error) error { _, err = f(c, err); return err }
	}
	return []entry{
		{"kobas", kobas.DefaultServer, must(hospitality.ConnectKobas(ctx, kb)), build(func(c *hospitality.Connection, err error) (any, error) { return kobas.New(c, err) })},
		{"octotable", octotable.DefaultServer, must(hospitality.ConnectOctotable(ctx, ot)), build(func(c *hospitality.Connection, err error) (any, error) { return octotable.New(c, err) })},
		{"cloudbeds", cloudbeds.DefaultServer, must(hospitality.ConnectCloudbeds(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbeds.New(c, err) })},
		{"cloudbedsv2", cloudbedsv2.DefaultServer, must(hospitality.ConnectCloudbedsV2(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedsv2.New(c, err) })},
		{"cloudbedsaccounting", cloudbedsaccounting.DefaultServer, must(hospitality.ConnectCloudbedsAccounting(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedsaccounting.New(c, err) })},
		{"cloudbedsfiscal", cloudbedsfiscal.DefaultServer, must(hospitality.ConnectCloudbedsFiscalDocuments(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedsfiscal.New(c, err) })},
		{"cloudbedsinsights", cloudbedsinsights.DefaultServer, must(hospitality.ConnectCloudbedsInsights(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedsinsights.New(c, err) })},
		{"cloudbedsgroups", cloudbedsgroups.DefaultServer, must(hospitality.ConnectCloudbedsGroupProfile(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedsgroups.New(c, err) })},
		{"cloudbedsguests", cloudbedsguests.DefaultServer, must(hospitality.ConnectCloudbedsGuestProfiles(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedsguests.New(c, err) })},
		{"cloudbedstags", cloudbedstags.DefaultServer, must(hospitality.ConnectCloudbedsAttributeTagging(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedstags.New(c, err) })},
		{"cloudbedspaybylink", cloudbedspaybylink.DefaultServer, must(hospitality.ConnectCloudbedsPayByLink(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedspaybylink.New(c, err) })},
		{"cloudbedspaymentelement", cloudbedspaymentelement.DefaultServer, must(hospitality.ConnectCloudbedsPaymentElement(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedspaymentelement.New(c, err) })},
		{"cloudbedsvault", cloudbedsvault.DefaultServer, must(hospitality.ConnectCloudbedsPaymentsVault(ctx, cb)), build(func(c *hospitality.Connection, err error) (any, error) { return cloudbedsvault.New(c, err) })},
		{"cobot", cobot.DefaultServer, must(hospitality.ConnectCobot(ctx, co)), build(func(c *hospitality.Connection, err error) (any, error) { return cobot.New(c, err) })},
		{"cobotv1", cobotv1.DefaultServer, must(hospitality.ConnectCobotV1(ctx, co)), build(func(c *hospitality.Connection, err error) (any, error) { return cobotv1.New(c, err) })},
	}
}

// The root package keeps its own copy of each provider's default base URL, so that it imports no
// generated package; every connection must name its API as its generated package does and reach
// the package's DefaultServer when no base URL is configured.
func TestConnectionsDefaultServers(t *testing.T) {
	for _, e := range connectAll(t) {
		if e.conn.API() != e.pkg || e.conn.BaseURL() != e.server {
			t.Errorf("connection %s = API %q, base URL %q; want %q, %q", e.pkg, e.conn.API(), e.conn.BaseURL(), e.pkg, e.server)
		}
		if err := e.build(e.conn, nil); err != nil {
			t.Errorf("%s.New(its own connection) = %v", e.pkg, err)
		}
	}
	// A Cobot API 1 connection for a space's host, as gen/cobotv1's NewSpaceServer writes it.
	want, err := cobotv1.NewSpaceServer("co-up")
	if err != nil {
		t.Fatal(err)
	}
	conn, err := hospitality.ConnectCobotV1(context.Background(), hospitality.CobotConfig{
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}), Subdomain: "co-up",
	})
	if err != nil || conn.BaseURL() != want {
		t.Errorf("ConnectCobotV1(Subdomain co-up) = %v, %v; want base URL %q", conn.BaseURL(), err, want)
	}
}

// Every generated New refuses a connection made for another API (its operations would go to the
// wrong host with the wrong credential), returns the connecting error as is, and refuses nil.
func TestNewRefusesForeignConnections(t *testing.T) {
	all := connectAll(t)
	for i, e := range all {
		other := all[(i+1)%len(all)]
		err := e.build(other.conn, nil)
		want := e.pkg + `: the connection is for the "` + other.pkg + `" API, not ` + e.pkg
		if err == nil || err.Error() != want {
			t.Errorf("%s.New(a %s connection) = %v, want %q", e.pkg, other.pkg, err, want)
		}
		connectErr := errors.New("hospitality: kobas: ClientID is required")
		if err := e.build(nil, connectErr); err != connectErr {
			t.Errorf("%s.New(nil, err) = %v, want err itself", e.pkg, err)
		}
		if err := e.build(nil, nil); err == nil || !strings.HasPrefix(err.Error(), e.pkg+": ") {
			t.Errorf("%s.New(nil, nil) = %v, want an error prefixed %q", e.pkg, err, e.pkg+": ")
		}
	}
}
