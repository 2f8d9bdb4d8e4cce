package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/sandbox"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// cbClock is a fake time source shared by the sandbox and the SDK.
type cbClock struct {
	mu sync.Mutex
	t  time.Time
}

func newCBClock() *cbClock { return &cbClock{t: time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)} }

func (c *cbClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *cbClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// cbNoRedirect is an http.Client that hands back redirects instead of following them: the
// redirect URI of the sandbox app is not served.
var cbNoRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// cbNoLimit turns off the SDK's client-side rate limit (Cloudbeds: 5 requests per second), which
// would only slow the tests down.
var cbNoLimit = hospitality.WithRateLimit(transport.RateLimit{Disabled: true})

func cloudbedsOAuth(root string, c sandbox.Credentials, now func() time.Time, scopes ...string) auth.CloudbedsConfig {
	return auth.CloudbedsConfig{ClientID: c.CloudbedsClientID, ClientSecret: c.CloudbedsClientSecret,
		RedirectURL: c.CloudbedsRedirectURL, Scopes: scopes, BaseURL: root + sandbox.CloudbedsAPIPath, Now: now}
}

// cbConsent follows the consent flow with a plain http.Client, appending extra to the
// authorization URL, and returns the query of the redirect back to the app.
func cbConsent(t *testing.T, authURL, extra string) url.Values {
	t.Helper()
	res, err := cbNoRedirect.Get(authURL + extra)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		t.Fatalf("GET consent URL%s: status %d, want 302", extra, res.StatusCode)
	}
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return loc.Query()
}

// cbApprove runs the consent flow with auto-approval and returns the authorization code.
func cbApprove(t *testing.T, cfg auth.CloudbedsConfig) string {
	t.Helper()
	authURL, state, err := cfg.AuthCodeURL()
	if err != nil {
		t.Fatal(err)
	}
	code, err := auth.CloudbedsCallbackValues(cbConsent(t, authURL, "&auto_approve=1"), state)
	if err != nil {
		t.Fatalf("CloudbedsCallbackValues: %v", err)
	}
	return code
}

func cloudbedsAPI(t *testing.T, cfg hospitality.CloudbedsConfig) *cloudbeds.ClientWithResponses {
	t.Helper()
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), cfg, cbNoLimit))
	if err != nil {
		t.Fatalf("ConnectCloudbeds: %v", err)
	}
	return c
}

func cbAPIError(t *testing.T, err error) *hospitality.APIError {
	t.Helper()
	var e *hospitality.APIError
	if !errors.As(err, &e) {
		t.Fatalf("error %v, want an *APIError", err)
	}
	return e
}

func TestCloudbedsOAuthRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := newCBClock()
	sb, root := start(t, sandbox.Options{Now: clk.Now})
	creds := sb.Credentials()
	cfg := cloudbedsOAuth(root, creds, clk.Now, "read:reservation", "write:reservation", "read:guest")

	authURL, state, err := cfg.AuthCodeURL()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(authURL, root+sandbox.CloudbedsAuthorizePath+"?") {
		t.Fatalf("AuthCodeURL() = %s, want the sandbox's authorization endpoint", authURL)
	}

	// A browser sees the consent page, whose form posts the decision back.
	res, err := http.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page := cbReadBody(t, res)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET consent page: status %d, Content-Type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{creds.CloudbedsClientID, "<code>read:reservation</code>", "<code>read:guest</code>",
		`name="decision" value="approve"`, `name="state" value="` + state + `"`, `action="` + sandbox.CloudbedsAuthorizePath + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("consent page lacks %q", want)
		}
	}
	u, _ := url.Parse(authURL)
	form := u.Query()
	form.Set("decision", "approve")
	res, err = cbNoRedirect.PostForm(root+sandbox.CloudbedsAuthorizePath, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, _ := url.Parse(res.Header.Get("Location"))
	if res.StatusCode != http.StatusFound || loc.Scheme+"://"+loc.Host+loc.Path != creds.CloudbedsRedirectURL {
		t.Fatalf("POST approve: status %d, Location %q, want 302 to %s", res.StatusCode, loc, creds.CloudbedsRedirectURL)
	}

	// The SDK refuses a callback whose state is not the one it sent.
	if _, err := auth.CloudbedsCallbackValues(loc.Query(), "another-state"); !errors.Is(err, auth.ErrCloudbedsStateMismatch) {
		t.Errorf("CloudbedsCallbackValues(other state) = %v, want ErrCloudbedsStateMismatch", err)
	}
	code, err := auth.CloudbedsCallbackValues(loc.Query(), state)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := cfg.Exchange(ctx, code)
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	if got, want := auth.CloudbedsResources(tok), []auth.CloudbedsResource{{Type: "property", ID: creds.CloudbedsPropertyID}}; !slices.Equal(got, want) {
		t.Errorf("CloudbedsResources = %v, want %v", got, want)
	}
	if tok.RefreshToken == "" || !tok.Expiry.Equal(clk.Now().Add(time.Hour)) {
		t.Errorf("token: refresh %q, expiry %v, want a refresh token and expiry %v", tok.RefreshToken, tok.Expiry, clk.Now().Add(time.Hour))
	}

	// Codes are single-use.
	_, err = cfg.Exchange(ctx, code)
	var te *auth.TokenError
	if !errors.As(err, &te) || te.StatusCode != http.StatusUnauthorized || te.Code != "server_error" {
		t.Errorf("Exchange(reused code) = %v, want a 401 server_error TokenError", err)
	}

	c := cloudbedsAPI(t, hospitality.CloudbedsConfig{OAuth: &cfg, Token: tok, BaseURL: root + sandbox.CloudbedsAPIPath})
	list, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{})
	if err != nil || list.JSON200 == nil || len(list.JSON200.Data) == 0 {
		t.Fatalf("GetReservations: %v", err)
	}
	tokens, _ := sb.Stats()

	// An hour later the token has expired: the SDK refreshes it and the call goes through.
	clk.Advance(2 * time.Hour)
	if a := send(t, "GET", root+sandbox.CloudbedsAPIPath+"/getReservations", "", "", map[string]string{"Authorization": "Bearer " + tok.AccessToken}); a.status != http.StatusUnauthorized || a.body["error"] != "access_denied" {
		t.Errorf("expired token: %d %v, want 401 access_denied", a.status, a.body)
	}
	if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); err != nil {
		t.Fatalf("GetReservations after expiry: %v", err)
	}
	if after, _ := sb.Stats(); after != tokens+1 {
		t.Errorf("token requests after expiry = %d, want %d (one refresh)", after, tokens+1)
	}
	// The refresh rotated the refresh token: the old one no longer works.
	_, err = auth.CloudbedsTokenSource(ctx, cfg, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	if !errors.As(err, &te) || te.StatusCode != http.StatusBadRequest || te.Code != "invalid_grant" {
		t.Errorf("refresh with the rotated-out refresh token = %v, want a 400 invalid_grant TokenError", err)
	}

	// Scopes are enforced: getHotels needs read:hotel, which this consent lacks.
	_, err = c.GetHotelsWithResponse(ctx, &cloudbeds.GetHotelsParams{})
	if e := cbAPIError(t, err); !errors.Is(err, hospitality.ErrForbidden) || e.Code != "ACCESS_DENIED" || !strings.Contains(e.Message, "read:hotel") {
		t.Errorf("GetHotels without read:hotel = %v, want 403 ACCESS_DENIED naming read:hotel", err)
	}
}

func TestCloudbedsConsent(t *testing.T) {
	t.Parallel()
	clk := newCBClock()
	sb, root := start(t, sandbox.Options{Now: clk.Now})
	creds := sb.Credentials()
	cfg := cloudbedsOAuth(root, creds, clk.Now)
	authURL, state, err := cfg.AuthCodeURL()
	if err != nil {
		t.Fatal(err)
	}
	t.Run("deny", func(t *testing.T) {
		_, err := auth.CloudbedsCallbackValues(cbConsent(t, authURL, "&auto_approve=deny"), state)
		var ce *auth.CallbackError
		if !errors.As(err, &ce) || ce.Code != "access_denied" {
			t.Errorf("callback after deny = %v, want CallbackError access_denied", err)
		}
	})
	t.Run("unknown scope", func(t *testing.T) {
		q := cbConsent(t, authURL, "&auto_approve=1&scope=read:everything")
		if q.Get("error") != "invalid_scope" || q.Get("state") != state {
			t.Errorf("redirect query = %v, want error=invalid_scope with the state", q)
		}
	})
	for _, tc := range []struct{ name, query string }{
		{"unknown client", "client_id=someone&redirect_uri=" + url.QueryEscape(creds.CloudbedsRedirectURL) + "&response_type=code"},
		{"other redirect URI", "client_id=" + creds.CloudbedsClientID + "&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_type=code"},
		{"no redirect URI", "client_id=" + creds.CloudbedsClientID + "&response_type=code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := cbNoRedirect.Get(root + sandbox.CloudbedsAuthorizePath + "?auto_approve=1&" + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusBadRequest || res.Header.Get("Location") != "" {
				t.Errorf("status %d Location %q, want 400 without a redirect", res.StatusCode, res.Header.Get("Location"))
			}
		})
	}
	t.Run("expired code", func(t *testing.T) {
		code := cbApprove(t, cfg)
		clk.Advance(10*time.Minute + time.Second)
		_, err := cfg.Exchange(context.Background(), code)
		var te *auth.TokenError
		if !errors.As(err, &te) || te.StatusCode != http.StatusUnauthorized || !strings.Contains(te.Message, "invalid or has expired") {
			t.Errorf("Exchange(code older than 10 minutes) = %v, want 401 invalid or expired", err)
		}
	})
	t.Run("code within its lifetime", func(t *testing.T) {
		code := cbApprove(t, cfg)
		clk.Advance(9 * time.Minute)
		if _, err := cfg.Exchange(context.Background(), code); err != nil {
			t.Errorf("Exchange(9-minute-old code) = %v", err)
		}
	})
}

func TestCloudbedsTokenEndpointErrors(t *testing.T) {
	t.Parallel()
	sb, root := start(t, sandbox.Options{})
	c := sb.Credentials()
	valid := func(extra ...string) url.Values {
		v := url.Values{"grant_type": {"refresh_token"}, "client_id": {c.CloudbedsClientID},
			"client_secret": {c.CloudbedsClientSecret}, "refresh_token": {"nope"}}
		for i := 0; i+1 < len(extra); i += 2 {
			if extra[i+1] == "" {
				v.Del(extra[i])
			} else {
				v.Set(extra[i], extra[i+1])
			}
		}
		return v
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		basic       bool
		wantStatus  int
		wantError   string
	}{
		{"wrong secret", "application/x-www-form-urlencoded", valid("client_secret", "x").Encode(), false, 401, "invalid_client"},
		{"credentials in HTTP Basic only", "application/x-www-form-urlencoded", valid("client_id", "", "client_secret", "").Encode(), true, 401, "invalid_client"},
		{"unknown refresh token", "application/x-www-form-urlencoded", valid().Encode(), false, 400, "invalid_grant"},
		{"missing grant_type", "application/x-www-form-urlencoded", valid("grant_type", "").Encode(), false, 400, "invalid_request"},
		{"unsupported grant", "application/x-www-form-urlencoded", valid("grant_type", "client_credentials").Encode(), false, 400, "unsupported_grant_type"},
		{"JSON body", "application/json", `{"grant_type":"refresh_token"}`, false, 400, "invalid_request"},
		{"unknown code", "application/x-www-form-urlencoded", valid("grant_type", "authorization_code", "code", "abc", "redirect_uri", c.CloudbedsRedirectURL).Encode(), false, 401, "server_error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", root+sandbox.CloudbedsTokenPath, strings.NewReader(tc.body))
			req.Header.Set("Content-Type", tc.contentType)
			if tc.basic {
				req.SetBasicAuth(c.CloudbedsClientID, c.CloudbedsClientSecret)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body := cbReadJSON(t, res)
			if res.StatusCode != tc.wantStatus || body["error"] != tc.wantError || body["error_description"] == "" {
				t.Errorf("status %d body %v, want %d error %q with a description", res.StatusCode, body, tc.wantStatus, tc.wantError)
			}
		})
	}
}

func TestCloudbedsAPIKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb, root := start(t, sandbox.Options{})
	creds := sb.Credentials()
	base := root + sandbox.CloudbedsAPIPath

	t.Run("sandbox key", func(t *testing.T) {
		c := cloudbedsAPI(t, hospitality.CloudbedsConfig{APIKey: creds.CloudbedsAPIKey, BaseURL: base})
		hotels, err := c.GetHotelsWithResponse(ctx, &cloudbeds.GetHotelsParams{})
		if err != nil || hotels.JSON200 == nil || len(hotels.JSON200.Data) == 0 {
			t.Fatalf("GetHotels with the sandbox key: %v", err)
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		c := cloudbedsAPI(t, hospitality.CloudbedsConfig{APIKey: "cbat_not_a_key", BaseURL: base})
		_, err := c.GetHotelsWithResponse(ctx, &cloudbeds.GetHotelsParams{})
		if e := cbAPIError(t, err); !errors.Is(err, hospitality.ErrUnauthorized) || e.Code != "access_denied" {
			t.Errorf("GetHotels with an unknown key = %v, want 401 access_denied", err)
		}
	})
	t.Run("api-key grant", func(t *testing.T) {
		cfg := cloudbedsOAuth(root, creds, nil, "read:reservation")
		grant, err := cfg.ExchangeAPIKey(ctx, cbApprove(t, cfg))
		if err != nil {
			t.Fatalf("ExchangeAPIKey: %v", err)
		}
		if !strings.HasPrefix(grant.APIKey, "cbat_") || len(grant.Resources) != 1 || grant.Resources[0].ID != creds.CloudbedsPropertyID {
			t.Errorf("ExchangeAPIKey = key %.5s…, resources %v; want a cbat_ key bound to property %s", grant.APIKey, grant.Resources, creds.CloudbedsPropertyID)
		}
		c := cloudbedsAPI(t, hospitality.CloudbedsConfig{APIKey: grant.APIKey, BaseURL: base})
		if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); err != nil {
			t.Errorf("GetReservations with the granted key: %v", err)
		}
		// The key carries its consent's scopes, like a token.
		if _, err := c.GetHotelsWithResponse(ctx, &cloudbeds.GetHotelsParams{}); !errors.Is(err, hospitality.ErrForbidden) {
			t.Errorf("GetHotels with a read:reservation key = %v, want ErrForbidden", err)
		}
	})
	t.Run("migration to a key", func(t *testing.T) {
		cfg := cloudbedsOAuth(root, creds, nil, "read:reservation")
		tok, err := cfg.Exchange(ctx, cbApprove(t, cfg))
		if err != nil {
			t.Fatal(err)
		}
		grant, err := cfg.MigrateToAPIKey(ctx, tok.RefreshToken)
		if err != nil {
			t.Fatalf("MigrateToAPIKey: %v", err)
		}
		c := cloudbedsAPI(t, hospitality.CloudbedsConfig{APIKey: grant.APIKey, BaseURL: base})
		if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); err != nil {
			t.Fatalf("GetReservations with the migrated key: %v", err)
		}
		// Refreshing the OAuth token afterwards revokes the key, as Cloudbeds documents.
		if _, err := auth.CloudbedsTokenSource(ctx, cfg, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token(); err != nil {
			t.Fatalf("refresh after migration: %v", err)
		}
		if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); !errors.Is(err, hospitality.ErrUnauthorized) {
			t.Errorf("GetReservations with the key after a refresh = %v, want ErrUnauthorized", err)
		}
	})
}

func TestCloudbedsDiscoverAPIURL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sb, root := start(t, sandbox.Options{})
	creds := sb.Credentials()
	cfg := cloudbedsOAuth(root, creds, nil)
	got, err := cfg.DiscoverAPIURL(ctx, auth.CloudbedsAPIKey(creds.CloudbedsAPIKey))
	if want := root + sandbox.CloudbedsAPIPath; err != nil || got != want {
		t.Errorf("DiscoverAPIURL = %q, %v; want %q", got, err, want)
	}
	if _, err := cfg.DiscoverAPIURL(ctx, auth.CloudbedsAPIKey("cbat_unknown")); err == nil {
		t.Error("DiscoverAPIURL with an unknown key succeeded, want an error")
	}

	// ConnectCloudbeds finds the host by itself.
	tok, err := cfg.Exchange(ctx, cbApprove(t, cfg))
	if err != nil {
		t.Fatal(err)
	}
	c := cloudbedsAPI(t, hospitality.CloudbedsConfig{OAuth: &cfg, Token: tok, DiscoverHost: true})
	if _, err := c.GetHotelsWithResponse(ctx, &cloudbeds.GetHotelsParams{}); err != nil {
		t.Errorf("GetHotels on the discovered host: %v", err)
	}
}

func cbReadBody(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func cbReadJSON(t *testing.T, res *http.Response) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(cbReadBody(t, res)), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v", err)
	}
	return m
}
