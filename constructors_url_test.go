package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
)

// urlConstructor builds one constructor's client from a valid configuration with the URL field
// named field set to value (an empty field leaves every URL at its default).
type urlConstructor struct {
	name     string // constructor
	prefix   string // of its errors
	provider string // of its *auth.ConfigError
	fields   []string
	base     map[string]bool // fields that are base URLs (no query allowed)
	build    func(field, value string) error
}

// urlConstructors lists every constructor with every URL field of its configuration.
func urlConstructors() []urlConstructor {
	ctx := context.Background()
	cloudbedsCfg := func(field, value string) hospitality.CloudbedsConfig {
		oc := &auth.CloudbedsConfig{ClientID: "cid", ClientSecret: "csecret"}
		cfg := hospitality.CloudbedsConfig{OAuth: oc, Token: &oauth2.Token{AccessToken: "a", RefreshToken: "r"}}
		switch field {
		case "BaseURL":
			cfg.BaseURL = value
		case "MetadataURL":
			cfg.MetadataURL = value
		case "OAuth.BaseURL":
			oc.BaseURL = value
		case "OAuth.AuthURL":
			oc.AuthURL = value
		case "OAuth.TokenURL":
			oc.TokenURL = value
		case "OAuth.MetadataURL":
			oc.MetadataURL = value
		}
		return cfg
	}
	cobotCfg := func(field, value string) hospitality.CobotConfig {
		oc := &auth.CobotConfig{ClientID: "cid", ClientSecret: "csecret"}
		cfg := hospitality.CobotConfig{OAuth: oc, Token: &oauth2.Token{AccessToken: "a"}}
		switch field {
		case "BaseURL":
			cfg.BaseURL = value
		case "OAuth.AuthURL":
			oc.AuthURL = value
		case "OAuth.TokenURL":
			oc.TokenURL = value
		case "OAuth.APIURL":
			oc.APIURL = value
		}
		return cfg
	}
	cloudbedsFields := []string{"BaseURL", "MetadataURL", "OAuth.BaseURL", "OAuth.AuthURL", "OAuth.TokenURL", "OAuth.MetadataURL"}
	cloudbedsBase := map[string]bool{"BaseURL": true, "OAuth.BaseURL": true}
	cobotFields := []string{"BaseURL", "OAuth.AuthURL", "OAuth.TokenURL", "OAuth.APIURL"}
	cobotBase := map[string]bool{"BaseURL": true, "OAuth.APIURL": true}
	return []urlConstructor{
		{
			name: "ConnectKobas", prefix: "hospitality: kobas: ", provider: "kobas",
			fields: []string{"BaseURL", "TokenURL"}, base: map[string]bool{"BaseURL": true},
			build: func(field, value string) error {
				cfg := hospitality.KobasConfig{ClientID: "cid", ClientSecret: "csecret", CompanyID: "77"}
				switch field {
				case "BaseURL":
					cfg.BaseURL = value
				case "TokenURL":
					cfg.TokenURL = value
				}
				_, err := kobas.New(hospitality.ConnectKobas(ctx, cfg))
				return err
			},
		},
		{
			name: "ConnectOctotable", prefix: "hospitality: octotable: ", provider: "octotable",
			fields: []string{"BaseURL", "AuthBaseURL", "TokenURL"}, base: map[string]bool{"BaseURL": true, "AuthBaseURL": true},
			build: func(field, value string) error {
				cfg := hospitality.OctotableConfig{ClientID: "cid", ClientSecret: "csecret", PropertyID: 4101}
				switch field {
				case "BaseURL":
					cfg.BaseURL = value
				case "AuthBaseURL":
					cfg.AuthBaseURL = value
				case "TokenURL":
					cfg.TokenURL = value
				}
				_, err := octotable.New(hospitality.ConnectOctotable(ctx, cfg))
				return err
			},
		},
		{
			name: "ConnectCloudbeds", prefix: "hospitality: cloudbeds: ", provider: "cloudbeds",
			fields: cloudbedsFields, base: cloudbedsBase,
			build: func(field, value string) error {
				_, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, cloudbedsCfg(field, value)))
				return err
			},
		},
		{
			name: "ConnectCloudbedsV2", prefix: "hospitality: cloudbeds v2: ", provider: "cloudbeds",
			fields: cloudbedsFields, base: cloudbedsBase,
			build: func(field, value string) error {
				_, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(ctx, cloudbedsCfg(field, value)))
				return err
			},
		},
		{
			name: "ConnectCobot", prefix: "hospitality: cobot: ", provider: "cobot",
			fields: cobotFields, base: cobotBase,
			build: func(field, value string) error {
				_, err := cobot.New(hospitality.ConnectCobot(ctx, cobotCfg(field, value)))
				return err
			},
		},
		{
			name: "ConnectCobotV1", prefix: "hospitality: cobot v1: ", provider: "cobot",
			fields: cobotFields, base: cobotBase,
			build: func(field, value string) error {
				_, err := cobotv1.New(hospitality.ConnectCobotV1(ctx, cobotCfg(field, value)))
				return err
			},
		},
	}
}

// TestConstructorsRefuseBadURLs pins two bugs: an API BaseURL over plain http to a remote host
// was accepted, so credentials and tenant headers went out in cleartext; and a malformed URL was
// accepted by the constructor and failed at the first call with an error naming no field.
func TestConstructorsRefuseBadURLs(t *testing.T) {
	bad := []struct {
		name, value, problem string
		baseOnly             bool // only wrong for a base URL
	}{
		{"plain http remote", "http://api.example.com/v3", "must use https", false},
		{"no scheme", "127.0.0.1:8080/kobas/v3/", "is not a valid URL", false},
		{"not a url", "not a url", "must be an absolute URL", false},
		{"scheme only", "https://", "must be an absolute URL", false},
		{"ftp", "ftp://x", "must use https", false},
		{"port without host", "https://:443/v3", "must name a host", false},
		{"user info", "https://user:s3cret@api.example.com/v3", "must not contain user info", false},
		{"fragment", "https://api.example.com/v3#part", "must not have a fragment", false},
		{"empty fragment", "https://api.example.com/v3#", "must not have a fragment", false},
		{"query on a base", "https://api.example.com/v3?x=1", "must not have a query", true},
	}
	for _, c := range urlConstructors() {
		for _, field := range c.fields {
			for _, b := range bad {
				if b.baseOnly && !c.base[field] {
					continue
				}
				t.Run(c.name+"/"+field+"/"+b.name, func(t *testing.T) {
					err := c.build(field, b.value)
					if err == nil {
						t.Fatalf("%s with %s %q: no error, want one naming %s", c.name, field, b.value, field)
					}
					var ce *auth.ConfigError
					if !errors.As(err, &ce) || ce.Provider != c.provider || ce.Field != field || !strings.Contains(ce.Problem, b.problem) {
						t.Errorf("%s with %s %q = %v, want an *auth.ConfigError for %s %s %q", c.name, field, b.value, err, c.provider, field, b.problem)
					}
					if !strings.HasPrefix(err.Error(), c.prefix) {
						t.Errorf("error %q does not start with %q", err, c.prefix)
					}
					if strings.Contains(err.Error(), "s3cret") {
						t.Errorf("error %q contains the password of the URL", err)
					}
				})
			}
		}
	}
}

// TestConstructorsAcceptGoodURLs checks that the default servers, their documented aliases and
// loopback http addresses (httptest) still pass, and that the token and metadata endpoints, which
// are used as given, may carry a query.
func TestConstructorsAcceptGoodURLs(t *testing.T) {
	servers := map[string]string{
		"BaseURL":           "",
		"TokenURL":          "https://oauth.example/access_token?tenant=1",
		"AuthBaseURL":       auth.OctotableAuthBaseURL,
		"MetadataURL":       "https://api.cloudbeds.com/api/v1.3/oauth/metadata?x=1",
		"OAuth.BaseURL":     auth.CloudbedsLegacyBaseURL,
		"OAuth.AuthURL":     "https://www.cobot.me/oauth/authorize?x=1",
		"OAuth.TokenURL":    "https://www.cobot.me/oauth/access_token",
		"OAuth.APIURL":      auth.CobotAPIURL,
		"OAuth.MetadataURL": "https://api.cloudbeds.com/api/v1.3/oauth/metadata",
	}
	bases := map[string]string{
		"ConnectKobas": kobas.DefaultServer, "ConnectOctotable": octotable.OctorateServer,
		"ConnectCloudbeds": cloudbeds.V12Server, "ConnectCloudbedsV2": cloudbedsv2.DefaultServer,
		"ConnectCobot": cobot.DefaultServer, "ConnectCobotV1": cobotv1.DefaultServer,
	}
	good := []string{"http://127.0.0.1:8080/v3", "http://127.5.6.7/", "http://[::1]:8080", "http://localhost:1/x", "HTTPS://API.EXAMPLE.COM/v3/"}
	for _, c := range urlConstructors() {
		t.Run(c.name+"/defaults", func(t *testing.T) {
			if err := c.build("", ""); err != nil {
				t.Errorf("%s with default URLs: %v", c.name, err)
			}
		})
		for _, field := range c.fields {
			value := servers[field]
			if field == "BaseURL" {
				value = bases[c.name]
			}
			t.Run(c.name+"/"+field+"/server", func(t *testing.T) {
				if err := c.build(field, value); err != nil {
					t.Errorf("%s with %s %q: %v", c.name, field, value, err)
				}
			})
			for _, v := range good {
				t.Run(c.name+"/"+field+"/"+v, func(t *testing.T) {
					if err := c.build(field, v); err != nil {
						t.Errorf("%s with %s %q: %v", c.name, field, v, err)
					}
				})
			}
		}
	}
}

// TestNewCloudbedsRefusesBadDiscoveredHost pins that an /oauth/metadata answer naming a URL a
// configured BaseURL could not be (no host, a fragment, a query, plain http to a remote host) was
// taken as the API base, so the credential and X-PROPERTY-ID went wherever it pointed.
func TestNewCloudbedsRefusesBadDiscoveredHost(t *testing.T) {
	tests := []struct{ name, url, want string }{
		{"plain http remote", "http://api.example.com/api/v1.3", "https"},
		{"port without host", "https://:443/api/v1.3", "must name a host"},
		{"fragment", "https://api.example.com/api/v1.3#x", "must not have a fragment"},
		{"query", "https://api.example.com/api/v1.3?x=1", "must not have a query"},
	}
	for _, tc := range tests {
		for _, v2 := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/v2=%t", tc.name, v2), func(t *testing.T) {
				var calls atomic.Int32
				srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					calls.Add(1)
					w.Header().Set("Content-Type", "application/json")
					fmt.Fprintf(w, `{"success":"true","data":{"api":{"url":%q}}}`, tc.url)
				}))
				t.Cleanup(srv.Close)
				cfg := hospitality.CloudbedsConfig{APIKey: "cbat_test_key", PropertyID: "172938", DiscoverHost: true,
					MetadataURL: srv.URL + "/api/v1.3/oauth/metadata"}
				var err error
				prefix := "hospitality: cloudbeds: "
				if v2 {
					prefix = "hospitality: cloudbeds v2: "
					_, err = cloudbedsv2.New(hospitality.ConnectCloudbedsV2(context.Background(), cfg))
				} else {
					_, err = cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), cfg))
				}
				if err == nil || !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("discovered %q: error = %v, want one starting %q and containing %q", tc.url, err, prefix, tc.want)
				}
				if strings.Contains(fmt.Sprint(err), "cbat_test_key") {
					t.Errorf("error %q leaks the API key", err)
				}
				if n := calls.Load(); n != 1 {
					t.Errorf("metadata endpoint saw %d requests, want 1", n)
				}
			})
		}
	}
}

// TestNewCobotV1Subdomains checks that only a single DNS label is accepted as a space subdomain,
// so the space host, which receives the token, is always <label>.cobot.me.
func TestNewCobotV1Subdomains(t *testing.T) {
	ts := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "tok"})
	tests := []struct {
		subdomain string
		ok        bool
	}{
		{"my-space", true},
		{"CoUp42", true},
		{"xn--bcher-kva", true},
		{strings.Repeat("a", 63), true},
		{strings.Repeat("a", 64), false},
		{"evil.example", false},
		{"evil.example/x", false},
		{"x@evil.example", false},
		{"evil.example#", false},
		{"evil.example?", false},
		{"x:443", false},
		{"a b", false},
		{"a%2eb", false},
		{"-x", false},
		{"x-", false},
		{".", false},
		{"bücher", false},
		{"x\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.subdomain, func(t *testing.T) {
			c, err := cobotv1.New(hospitality.ConnectCobotV1(context.Background(), hospitality.CobotConfig{TokenSource: ts, Subdomain: tc.subdomain}))
			if tc.ok {
				if err != nil {
					t.Fatalf("ConnectCobotV1(Subdomain %q) = %v, want a client", tc.subdomain, err)
				}
				if c.ClientInterface.(*cobotv1.Client).Server != "https://"+tc.subdomain+".cobot.me/" {
					t.Errorf("server = %q, want https://%s.cobot.me/", c.ClientInterface.(*cobotv1.Client).Server, tc.subdomain)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), "hospitality: cobot v1: ") || !strings.Contains(err.Error(), "Subdomain") {
				t.Errorf("ConnectCobotV1(Subdomain %q) error = %v, want one naming Subdomain", tc.subdomain, err)
			}
		})
	}
}
