package hospitality_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/time/rate"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// fakeCloudbeds records what reaches it and answers like Cloudbeds v1.3.
type fakeCloudbeds struct {
	mu       sync.Mutex
	requests []*http.Request
	bodies   []string
	srv      *httptest.Server
}

func newFakeCloudbeds(t *testing.T) *fakeCloudbeds {
	t.Helper()
	f := &fakeCloudbeds{}
	f.srv = httptest.NewServer(f)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeCloudbeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.requests = append(f.requests, r)
	f.bodies = append(f.bodies, string(b))
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/api/v1.3/getReservations":
		fmt.Fprint(w, `{"success":true,"data":[{"reservationID":"8829301744","status":"confirmed","adults":"2","children":0,"startDate":"2025-06-12","endDate":"2025-06-14","dateCreated":"2025-05-20 09:41:27"}],"count":"1","total":1}`)
	case "/api/v1.3/getReservation":
		// Cloudbeds answers unknown ids with HTTP 200 and success:false.
		fmt.Fprint(w, `{"success":false,"message":"Reservation not found"}`)
	case "/api/v1.3/postPayment":
		fmt.Fprint(w, `{"success":true,"paymentID":"991"}`)
	case "/api/v1.3/oauth/metadata":
		fmt.Fprintf(w, `{"success":"true","data":{"api":{"url":%q}}}`, f.srv.URL)
	default:
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"success":false,"message":"no such method"}`)
	}
}

func (f *fakeCloudbeds) last() (*http.Request, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests[len(f.requests)-1], f.bodies[len(f.bodies)-1]
}

func TestNewCloudbedsAPIKey(t *testing.T) {
	ctx := context.Background()
	f := newFakeCloudbeds(t)
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
		APIKey: "cbat_test_key", PropertyID: "172938", BaseURL: f.srv.URL + "/api/v1.3",
	}))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{})
	if err != nil {
		t.Fatalf("GetReservations: %v", err)
	}
	if n := len(res.JSON200.Data); n != 1 || res.JSON200.Count != 1 || res.JSON200.Data[0].Adults.Int != 2 {
		t.Errorf("GetReservations decoded %+v, want one reservation with count 1 and 2 adults (from strings)", res.JSON200)
	}
	r, _ := f.last()
	if r.Header.Get("x-api-key") != "cbat_test_key" || r.Header.Get("X-PROPERTY-ID") != "172938" || r.Header.Get("Authorization") != "" {
		t.Errorf("headers = %v, want x-api-key and X-PROPERTY-ID, no Authorization", r.Header)
	}

	// HTTP 200 with success:false is an error like any other.
	_, err = c.GetReservationWithResponse(ctx, &cloudbeds.GetReservationParams{ReservationID: "404"})
	var apiErr *hospitality.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 200 || apiErr.Message != "Reservation not found" {
		t.Errorf("success:false answer: %v, want an APIError with status 200 and the message", err)
	}
	if strings.Contains(fmt.Sprint(err), "cbat_test_key") {
		t.Errorf("error %q leaks the API key", err)
	}

	// Form bodies reach the wire PHP-style with exact numbers.
	deposit, resID := true, "8829301744"
	if _, err := c.PostPaymentWithFormdataBodyWithResponse(ctx, cloudbeds.PostPaymentForm{
		Amount: 1000000.5, Type: "credit", IsDeposit: &deposit, ReservationID: &resID,
	}); err != nil {
		t.Fatalf("PostPayment: %v", err)
	}
	_, body := f.last()
	if want := "amount=1000000.5&isDeposit=1&reservationID=8829301744&type=credit"; body != want {
		t.Errorf("postPayment body = %q, want %q", body, want)
	}
}

func TestNewCloudbedsDiscoversHost(t *testing.T) {
	ctx := context.Background()
	metadata, api := newFakeCloudbeds(t), newFakeCloudbeds(t)
	metadata.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"success":true,"data":{"api":{"url":%q}}}`, api.srv.URL)
	})
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
		APIKey: "cbat_test_key", DiscoverHost: true, MetadataURL: metadata.srv.URL + "/api/v1.3/oauth/metadata",
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbeds: %v", err)
	}
	if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); err != nil {
		t.Fatalf("GetReservations: %v", err)
	}
	if r, _ := api.last(); r.URL.Path != "/api/v1.3/getReservations" {
		t.Errorf("call went to %s on the discovered host, want /api/v1.3/getReservations", r.URL.Path)
	}
}

// API v2 lives at the root of the host /oauth/metadata names, so ConnectCloudbedsV2 keeps only the
// scheme and host of the discovered URL (which Cloudbeds may give with the v1.3 path), and the
// metadata request carries the credential.
func TestNewCloudbedsV2DiscoversHost(t *testing.T) {
	ctx := context.Background()
	metadata, api := newFakeCloudbeds(t), newFakeCloudbeds(t)
	var metaKey string
	metadata.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		metaKey = r.Header.Get("x-api-key")
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"success":"true","data":{"api":{"url":%q}},"message":null}`, api.srv.URL+"/api/v1.3/")
	})
	api.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		api.mu.Lock()
		api.requests = append(api.requests, r)
		api.bodies = append(api.bodies, "")
		api.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"offset":0,"limit":100,"data":[]}`)
	})
	c, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(ctx, hospitality.CloudbedsConfig{
		APIKey: "cbat_test_key", DiscoverHost: true, MetadataURL: metadata.srv.URL + "/api/v1.3/oauth/metadata",
	}))
	if err != nil {
		t.Fatalf("ConnectCloudbedsV2: %v", err)
	}
	if metaKey != "cbat_test_key" {
		t.Errorf("metadata request x-api-key = %q, want cbat_test_key", metaKey)
	}
	if _, err := c.ListRatePlansWithResponse(ctx, &cloudbedsv2.ListRatePlansParams{PropertyIDs: "172938"}); err != nil {
		t.Fatalf("ListRatePlans: %v", err)
	}
	r, _ := api.last()
	if r.URL.Path != "/rates/v1/rate-plans" || r.Header.Get("x-property-id") != "172938" || r.Header.Get("x-api-key") != "cbat_test_key" {
		t.Errorf("call = %s x-property-id %q x-api-key %q, want /rates/v1/rate-plans on the discovered host with 172938 and the key",
			r.URL.Path, r.Header.Get("x-property-id"), r.Header.Get("x-api-key"))
	}
}

func TestNewCloudbedsOAuthRefreshesAfter401(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	var grants, seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/api/v1.3/access_token":
			r.ParseForm()
			grants = append(grants, r.PostForm.Get("grant_type")+":"+r.PostForm.Get("refresh_token"))
			fmt.Fprint(w, `{"access_token":"access-2","refresh_token":"refresh-2","expires_in":3600,"token_type":"Bearer"}`)
		case "/api/v1.3/getReservations":
			seen = append(seen, r.Header.Get("Authorization"))
			if r.Header.Get("Authorization") == "Bearer access-1" {
				w.WriteHeader(http.StatusUnauthorized)
				fmt.Fprint(w, `{"success":false,"message":"Access token expired"}`)
				return
			}
			fmt.Fprint(w, `{"success":true,"data":[],"count":0,"total":0}`)
		}
	}))
	t.Cleanup(srv.Close)
	store := auth.NewMemoryStore()
	c, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{
		OAuth: &auth.CloudbedsConfig{
			ClientID: "live1_client", ClientSecret: "client-secret", RedirectURL: "https://app.example/callback",
			BaseURL: srv.URL + "/api/v1.3", Store: store,
		},
		Token:   &oauth2.Token{AccessToken: "access-1", RefreshToken: "refresh-1", TokenType: "Bearer"},
		BaseURL: srv.URL + "/api/v1.3",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{}); err != nil {
		t.Fatalf("GetReservations: %v", err)
	}
	if want := []string{"refresh_token:refresh-1"}; fmt.Sprint(grants) != fmt.Sprint(want) {
		t.Errorf("token requests = %v, want %v", grants, want)
	}
	if want := []string{"Bearer access-1", "Bearer access-2"}; fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("Authorization headers = %v, want %v", seen, want)
	}
	if tok, _ := store.Load(ctx, "cloudbeds:live1_client"); tok == nil || tok.RefreshToken != "refresh-2" {
		t.Errorf("stored token = %+v, want the new pair with refresh-2", tok)
	}
}

func TestNewCloudbedsConfigErrors(t *testing.T) {
	oauthCfg := &auth.CloudbedsConfig{ClientID: "id", ClientSecret: "s", RedirectURL: "https://app.example/cb"}
	tests := []struct {
		name string
		cfg  hospitality.CloudbedsConfig
		want string
	}{
		{"no credential", hospitality.CloudbedsConfig{}, "exactly one of APIKey, OAuth or TokenSource"},
		{"two credentials", hospitality.CloudbedsConfig{APIKey: "k", OAuth: oauthCfg}, "exactly one of"},
		{"token without oauth", hospitality.CloudbedsConfig{APIKey: "k", Token: &oauth2.Token{}}, "needs OAuth"},
		{"oauth without client id", hospitality.CloudbedsConfig{OAuth: &auth.CloudbedsConfig{ClientSecret: "s"}}, "ClientID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for name, build := range map[string]func() error{
				"v1.3": func() error {
					_, err := cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), tc.cfg))
					return err
				},
				"v2": func() error {
					_, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(context.Background(), tc.cfg))
					return err
				},
			} {
				if err := build(); err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "hospitality: cloudbeds") {
					t.Errorf("%s: error = %v, want one containing %q", name, err, tc.want)
				}
			}
		})
	}
}

// Cloudbeds limits requests per OAuth client, so two tokens of one client share one bucket while
// another client has its own.
func TestNewCloudbedsRateLimitPerClient(t *testing.T) {
	f := newFakeCloudbeds(t)
	oneAnHour := hospitality.WithRateLimit(transport.RateLimit{Limit: rate.Every(time.Hour), Burst: 1})
	client := func(clientID, token string) *cloudbeds.ClientWithResponses {
		t.Helper()
		c, err := cloudbeds.New(hospitality.ConnectCloudbeds(context.Background(), hospitality.CloudbedsConfig{
			OAuth: &auth.CloudbedsConfig{ClientID: clientID, ClientSecret: "s", RedirectURL: "https://app.example/cb",
				BaseURL: f.srv.URL + "/api/v1.3"},
			Token:   &oauth2.Token{AccessToken: token, RefreshToken: "r", Expiry: time.Now().Add(time.Hour)},
			BaseURL: f.srv.URL + "/api/v1.3",
		}, oneAnHour))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	call := func(c *cloudbeds.ClientWithResponses) error {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err := c.GetReservationsWithResponse(ctx, &cloudbeds.GetReservationsParams{})
		return err
	}
	id := "rate-client-" + t.Name()
	if err := call(client(id, "token-a")); err != nil {
		t.Fatalf("first call: %v", err)
	}
	if err := call(client(id, "token-b")); !errors.Is(err, transport.ErrWaitExceedsDeadline) {
		t.Errorf("second token of the same client: %v, want a rate-limit wait past the deadline", err)
	}
	if err := call(client(id+"-other", "token-c")); err != nil {
		t.Errorf("another client: %v, want its own bucket", err)
	}
}
