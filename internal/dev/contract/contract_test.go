package contract_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/gen/cobot"
	"github.com/hospitality-sdk/hospitality-go/gen/cobotv1"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"golang.org/x/oauth2"

	"github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/internal/dev/contract"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/specs"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// shared is the sandbox every contract test uses: building one loads and validates all six
// documents, which takes seconds under the race detector. Each test runs against its own API's
// prefix and Run counts only what changed during the run, so the tests run in parallel.
var shared struct {
	once sync.Once
	sb   *sandbox.Server
	srv  *httptest.Server
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.srv != nil {
		shared.srv.Close()
	}
	os.Exit(code)
}

// startSandbox returns the shared sandbox, on loopback, with its root URL.
func startSandbox(t *testing.T) (*sandbox.Server, string) {
	t.Helper()
	shared.once.Do(func() {
		// Cobot's limit of 60 requests a minute per token would make a run take minutes.
		shared.sb, shared.err = sandbox.New(sandbox.Options{CobotRateLimit: 1 << 20})
		if shared.err == nil {
			shared.srv = httptest.NewServer(shared.sb)
		}
	})
	if shared.err != nil {
		t.Fatalf("sandbox.New: %v", shared.err)
	}
	return shared.sb, shared.srv.URL
}

// fast lifts the client-side rate limits and retries, which only slow a contract run down.
func fast() []hospitality.Option {
	return []hospitality.Option{
		hospitality.WithRateLimit(transport.RateLimit{Disabled: true}),
		hospitality.WithRetry(transport.RetryPolicy{MaxAttempts: 1}),
	}
}

// check runs the contract for one API, logs the summary line and fails naming every operation
// that was not exercised or not decoded.
func check(t *testing.T, spec []byte, prefix string, client any, sb *sandbox.Server, opts ...contract.Option) {
	t.Helper()
	rep, err := contract.Run(context.Background(), spec, prefix, client, sb, opts...)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Log(rep.String())
	for _, id := range rep.Missing {
		t.Errorf("%s: operation %s not exercised", rep.API, id)
	}
	for _, f := range rep.Failed {
		t.Errorf("%s: %s", rep.API, f)
	}
	if rep.Violations != 0 {
		t.Errorf("%s: %d request violations, want 0", rep.API, rep.Violations)
	}
	if want := len(sb.SpecOperations(prefix)); rep.Operations != want {
		t.Errorf("%s: Operations = %d, want the sandbox's %d", rep.API, rep.Operations, want)
	}
}

func TestContractKobas(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := kobas.New(hospitality.ConnectKobas(context.Background(), hospitality.KobasConfig{
		ClientID: c.KobasClientID, ClientSecret: c.KobasClientSecret, CompanyID: c.KobasCompanyID,
		BaseURL: root + sandbox.KobasAPIPath, TokenURL: root + sandbox.KobasTokenPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectKobas: %v", err)
	}
	check(t, specs.Kobas, sandbox.KobasAPIPath, client, sb)
}

func TestContractOctotable(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := octotable.New(hospitality.ConnectOctotable(context.Background(), hospitality.OctotableConfig{
		ClientID: c.OctotableClientID, ClientSecret: c.OctotableClientSecret, PropertyID: c.OctotablePropertyID,
		BaseURL: root + sandbox.OctotableAPIPath, AuthBaseURL: root + sandbox.OctotableAuthPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectOctotable: %v", err)
	}
	// Reservations must name a dining room and a service the sandbox knows: those of its seed
	// data, the examples of listRooms and listServices.
	check(t, specs.Octotable, sandbox.OctotableAPIPath, client, sb,
		contract.WithValue("room_id", 18800), contract.WithValue("service_id", 30280))
}

// cloudbedsCode approves the sandbox's consent page and returns the authorization code.
func cloudbedsCode(t *testing.T, root string, c sandbox.Credentials) string {
	t.Helper()
	q := url.Values{"client_id": {c.CloudbedsClientID}, "redirect_uri": {c.CloudbedsRedirectURL},
		"response_type": {"code"}, "state": {"contract"}, "auto_approve": {"1"}}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(root + sandbox.CloudbedsAuthorizePath + "?" + q.Encode())
	if err != nil {
		t.Fatalf("consent: %v", err)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("consent: status %d, Location %q, want a redirect with a code", res.StatusCode, res.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}

func TestContractCloudbeds(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbeds: %v", err)
	}
	check(t, specs.Cloudbeds, sandbox.CloudbedsAPIPath, client, sb,
		// The operations take the property as a parameter; the sandbox serves one.
		contract.WithValue("propertyID", c.CloudbedsPropertyID),
		// postReservation creates the reservation and guest whose ids (learned from its answer)
		// the other reservation and guest operations use; a stay needs a later end date than the
		// generated sample's single date.
		// Room type 77 is the one the sandbox's seed data (getRoomTypes' example) has.
		// postWebhook's subscription (stateful in the sandbox) is the one deleteWebhook removes.
		contract.WithFirst("postReservation", "postWebhook"),
		contract.WithValue("endpointUrl", "https://hooks.example.com/cloudbeds"),
		contract.WithValue("endDate", "2025-06-14"),
		contract.WithValue("roomTypeID", "77"),
		// The token endpoint needs a real grant: the code of an approved consent.
		contract.WithBody("postAccessToken", map[string]any{
			"grant_type": "authorization_code", "code": cloudbedsCode(t, root, c),
			"client_id": c.CloudbedsClientID, "client_secret": c.CloudbedsClientSecret,
			"redirect_uri": c.CloudbedsRedirectURL,
		}))
}

func TestContractCloudbedsV2(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	c := sb.Credentials()
	client, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(context.Background(), hospitality.CloudbedsConfig{
		APIKey: c.CloudbedsAPIKey, BaseURL: root + sandbox.CloudbedsV2APIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCloudbedsV2: %v", err)
	}
	check(t, specs.CloudbedsV2, sandbox.CloudbedsV2APIPath, client, sb,
		contract.WithValue("x-property-id", c.CloudbedsPropertyID))
}

// cobotAuth runs the sandbox's Cobot authorization (consent answered at once, PKCE S256) for
// every scope the documents name and returns the app's configuration and the user's token.
func cobotAuth(t *testing.T, root string, c sandbox.Credentials) (*auth.CobotConfig, *oauth2.Token) {
	t.Helper()
	ac := &auth.CobotConfig{
		ClientID: c.CobotClientID, ClientSecret: c.CobotClientSecret, RedirectURL: c.CobotRedirectURL,
		Scopes:  append(scopes(t, specs.Cobot, specs.CobotV1), "openid"),
		AuthURL: root + sandbox.CobotAuthorizePath, TokenURL: root + sandbox.CobotTokenPath,
		Issuer: root + sandbox.CobotPath, APIURL: root + sandbox.CobotAccessTokensBase,
	}
	ar, err := ac.AuthCodeURL(oauth2.SetAuthURLParam(sandbox.CobotConsentParam, "approve"))
	if err != nil {
		t.Fatalf("AuthCodeURL: %v", err)
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := hc.Get(ar.URL)
	if err != nil {
		t.Fatalf("consent: %v", err)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil {
		t.Fatalf("consent: Location %q: %v", res.Header.Get("Location"), err)
	}
	code, err := auth.CobotCallbackValues(loc.Query(), ar.State)
	if err != nil {
		t.Fatalf("consent: status %d: %v", res.StatusCode, err)
	}
	tok, err := ac.Exchange(context.Background(), code, ar.Verifier)
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	return ac, tok
}

// scopes returns every OAuth scope the documents' operations require, sorted.
func scopes(t *testing.T, docs ...[]byte) []string {
	t.Helper()
	var out []string
	for _, spec := range docs {
		doc, err := openapi3.NewLoader().LoadFromData(spec)
		if err != nil {
			t.Fatalf("load spec: %v", err)
		}
		for _, item := range doc.Paths.Map() {
			for _, op := range item.Operations() {
				if op.Security == nil {
					continue
				}
				for _, req := range *op.Security {
					for _, ss := range req {
						for _, s := range ss {
							if !slices.Contains(out, s) {
								out = append(out, s)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// cobotMembership is the first membership of the document's examples, which the sandbox seeds.
const cobotMembership = "75a3f1a6f033140094c49bfd81f87c06"

func TestContractCobot(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	ac, tok := cobotAuth(t, root, sb.Credentials())
	client, err := cobot.New(hospitality.ConnectCobot(context.Background(), hospitality.CobotConfig{
		OAuth: ac, Token: tok, BaseURL: root + sandbox.CobotAPIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCobot: %v", err)
	}
	check(t, specs.Cobot, sandbox.CobotAPIPath, client, sb, contract.WithName("cobot"),
		// The sandbox serves one space and seeds the memberships of the document's examples.
		contract.WithValue("spaceId", sandbox.CobotSpaceID),
		contract.WithValue("membershipId", cobotMembership),
		contract.WithOperationValue("get-membership", "id", cobotMembership),
		// Bookings are for a seeded membership, the one in the URL of create-membership-booking.
		// (create-admin-booking's request example books for membership
		// 198769898bf99e36107b8e011898deaf, which the sandbox does not seed: 422 "No membership
		// with this id".)
		contract.WithValue("membership",
			map[string]any{"data": map[string]any{"id": cobotMembership, "type": "memberships"}}))
}

func TestContractCobotV1(t *testing.T) {
	t.Parallel()
	sb, root := startSandbox(t)
	ac, tok := cobotAuth(t, root, sb.Credentials())
	client, err := cobotv1.New(hospitality.ConnectCobotV1(context.Background(), hospitality.CobotConfig{
		OAuth: ac, Token: tok, BaseURL: root + sandbox.CobotV1APIPath,
	}, fast()...))
	if err != nil {
		t.Fatalf("ConnectCobotV1: %v", err)
	}
	// Revoking the token the client uses would fail the operations after it: revoke another.
	_, spare := cobotAuth(t, root, sb.Credentials())
	check(t, specs.CobotV1, sandbox.CobotV1APIPath, client, sb, contract.WithName("cobot-v1"),
		contract.WithValue("token", tok.AccessToken),
		contract.WithOperationValue("revokeAccessToken", "token", spare.AccessToken),
		contract.WithOperationValue("createSpaceAccessToken", "space_id", sandbox.CobotSpaceID),
		contract.WithOperationValue("getMembership", "id", cobotMembership))
}
