package hospitality_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbeds"
	"github.com/hospitality-sdk/hospitality-go/gen/cloudbedsv2"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// rotatingCloudbeds is a Cloudbeds stand-in whose refresh tokens rotate and are single-use: a
// reused refresh token is refused with invalid_grant, as a provider revoking token families does.
type rotatingCloudbeds struct {
	mu       sync.Mutex
	gen      int
	grants   []string
	refused  int
	validTok string
}

func (f *rotatingCloudbeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.URL.Path {
	case "/api/v1.3/access_token":
		r.ParseForm()
		rt := r.PostForm.Get("refresh_token")
		f.grants = append(f.grants, rt)
		if rt != fmt.Sprintf("refresh-%d", f.gen) {
			f.refused++
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"error":"invalid_grant","error_description":"refresh token already used"}`)
			return
		}
		f.gen++
		f.validTok = fmt.Sprintf("access-%d", f.gen)
		fmt.Fprintf(w, `{"access_token":%q,"refresh_token":"refresh-%d","expires_in":3600,"token_type":"Bearer"}`, f.validTok, f.gen)
	default:
		if r.Header.Get("Authorization") != "Bearer "+f.validTok {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message":"Access token is invalid or has expired."}`)
			return
		}
		if r.URL.Path == "/api/v1.3/getHotels" {
			fmt.Fprint(w, `{"success":true,"data":[],"count":0,"total":0}`)
			return
		}
		fmt.Fprint(w, `{"data":[],"total":0}`)
	}
}

// TestCloudbedsClientsShareOneSource pins the bug where ConnectCloudbeds and ConnectCloudbedsV2 built
// from the same OAuth config each built a token source over the same refresh token: both
// refreshed it, and with rotating refresh tokens the second refresh was refused (invalid_grant),
// losing the connection. Clients of one connection now share one source, whichever constructor
// built them; the shared BaseURL also moves the OAuth endpoints, and TokenStore fills OAuth.Store.
func TestCloudbedsClientsShareOneSource(t *testing.T) {
	ctx := context.Background()
	fake := &rotatingCloudbeds{validTok: "access-0"}
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	store := auth.NewMemoryStore()
	start := &oauth2.Token{AccessToken: "stale", RefreshToken: "refresh-0", TokenType: "Bearer", Expiry: time.Now().Add(-time.Minute)}
	if err := store.Save(ctx, "cloudbeds:share-client", start); err != nil {
		t.Fatal(err)
	}
	noLimit := hospitality.WithRateLimit(transport.RateLimit{Disabled: true})
	oauthCfg := &auth.CloudbedsConfig{ClientID: "share-client", ClientSecret: "client-secret"} // no BaseURL, no Store
	v1, err := cloudbeds.New(hospitality.ConnectCloudbeds(ctx, hospitality.CloudbedsConfig{OAuth: oauthCfg, TokenStore: store, BaseURL: srv.URL + "/api/v1.3"}, noLimit))
	if err != nil {
		t.Fatal(err)
	}
	v2, err := cloudbedsv2.New(hospitality.ConnectCloudbedsV2(ctx, hospitality.CloudbedsConfig{OAuth: oauthCfg, TokenStore: store, BaseURL: srv.URL}, noLimit))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			var err error
			if i%2 == 0 {
				_, err = v1.GetHotelsWithResponse(ctx, &cloudbeds.GetHotelsParams{})
			} else {
				_, err = v2.ListRatePlansWithResponse(ctx, &cloudbedsv2.ListRatePlansParams{PropertyIDs: "12345"})
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("call: %v", err)
		}
	}
	fake.mu.Lock()
	defer fake.mu.Unlock()
	if fake.refused != 0 || len(fake.grants) != 1 {
		t.Errorf("refresh requests = %v (%d refused), want exactly one accepted", fake.grants, fake.refused)
	}
	if tok, _ := store.Load(ctx, "cloudbeds:share-client"); tok == nil || tok.RefreshToken != "refresh-1" {
		t.Errorf("stored token = %+v, want the rotated pair (refresh-1) in TokenStore", tok)
	}
}
