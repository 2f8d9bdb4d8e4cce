package auth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// callDeadline is the deadline of the callers in these tests, and
// returnBound the functional bound on how long a call may take: it must
// return before the 30 s defaults (DefaultHTTPTimeout, DefaultFetchTimeout)
// could have ended it.
const (
	callDeadline = 2 * time.Second
	returnBound  = 25 * time.Second
)

// hangingServer is a loopback server that answers the OpenID Connect
// discovery document (naming itself as issuer and every endpoint) and
// leaves every other request hanging until the test ends or the client
// goes away. Arrived receives the path of every hanging request.
type hangingServer struct {
	*httptest.Server
	Arrived chan string
}

func newHangingServer(t *testing.T) *hangingServer {
	t.Helper()
	release := make(chan struct{})
	hs := &hangingServer{Arrived: make(chan string, 64)}
	hs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/.well-known/openid-configuration" {
			base := hs.URL
			cobotJSON(w, 200, `{"issuer":"`+base+`","authorization_endpoint":"`+base+`/oauth/authorize",`+
				`"token_endpoint":"`+base+`/oauth/access_token","userinfo_endpoint":"`+base+`/api/userinfo",`+
				`"jwks_uri":"`+base+`/jwks.json","id_token_signing_alg_values_supported":["RS256"]}`)
			return
		}
		select {
		case hs.Arrived <- r.URL.Path:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	// Cleanups run last-in first-out: release the handlers, then close.
	t.Cleanup(hs.Close)
	t.Cleanup(func() { close(release) })
	return hs
}

// returns runs call on its own goroutine and fails the test unless it
// returns within returnBound.
func returns(t *testing.T, call func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err
	case <-time.After(returnBound):
		t.Fatalf("call did not return within %v", returnBound)
		return nil
	}
}

// hangingCalls returns one call of every kind of request the package
// makes, each against hs, sent with client.
func hangingCalls(t *testing.T, hs *hangingServer, client *http.Client) map[string]func(ctx context.Context) error {
	t.Helper()
	req := func() *http.Request { return httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil) }
	cloudbeds := auth.CloudbedsConfig{
		ClientID: testClientID, ClientSecret: testSecret, RedirectURL: cbRedirect,
		BaseURL: hs.URL + "/api/v1.3", HTTPClient: client,
	}
	cobot := auth.CobotConfig{
		ClientID: testClientID, ClientSecret: testSecret, RedirectURL: "https://app.example.com/cobot/callback",
		TokenURL: hs.URL + "/oauth/access_token", APIURL: hs.URL + "/api", Issuer: hs.URL, HTTPClient: client,
	}
	var (
		once sync.Once
		oidc *auth.CobotOIDC
	)
	verifier := func() *auth.CobotOIDC {
		once.Do(func() {
			var err error
			if oidc, err = auth.NewCobotOIDC(context.Background(), cobot); err != nil {
				t.Errorf("NewCobotOIDC() error = %v", err)
			}
		})
		return oidc
	}
	claims := cobotClaims(hs.URL)
	claims["exp"] = time.Now().Add(time.Hour).Unix()
	idToken := cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, claims)
	userToken := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cobotAccessToken})
	return map[string]func(ctx context.Context) error{
		"kobas token via Bearer": func(ctx context.Context) error {
			ts := auth.KobasTokenSource(ctx, auth.KobasConfig{ClientID: testClientID, ClientSecret: testSecret, CompanyID: testCompanyID,
				TokenURL: hs.URL + "/access_token", HTTPClient: client})
			return auth.Bearer(ts)(ctx, req())
		},
		"octotable token": func(ctx context.Context) error {
			ts := auth.OctotableTokenSource(ctx, auth.OctotableConfig{ClientID: "public_abc", ClientSecret: testSecret,
				TokenURL: hs.URL + "/oauth2/token", HTTPClient: client})
			_, err := ts.TokenContext(ctx)
			return err
		},
		"cloudbeds exchange": func(ctx context.Context) error {
			_, err := cloudbeds.Exchange(ctx, "code-1")
			return err
		},
		"cloudbeds api key exchange": func(ctx context.Context) error {
			_, err := cloudbeds.ExchangeAPIKey(ctx, "code-1")
			return err
		},
		"cloudbeds migration": func(ctx context.Context) error {
			_, err := cloudbeds.MigrateToAPIKey(ctx, "refresh-1")
			return err
		},
		"cloudbeds refresh via Bearer": func(ctx context.Context) error {
			ts := auth.CloudbedsTokenSource(ctx, cloudbeds, &oauth2.Token{AccessToken: "old", RefreshToken: "refresh-1", Expiry: time.Now().Add(-time.Hour)})
			return auth.Bearer(ts)(ctx, req())
		},
		"cloudbeds metadata": func(ctx context.Context) error {
			_, err := cloudbeds.DiscoverAPIURL(ctx, auth.CloudbedsAPIKey("cbat_key"))
			return err
		},
		"cobot exchange": func(ctx context.Context) error {
			_, err := cobot.Exchange(ctx, "code-1", "verifier-1")
			return err
		},
		"cobot space token": func(ctx context.Context) error {
			_, err := cobot.CreateSpaceToken(ctx, cobotAccessToken, "space-1")
			return err
		},
		"cobot token scopes": func(ctx context.Context) error {
			_, err := cobot.TokenScopes(ctx, cobotAccessToken)
			return err
		},
		"cobot token revocation": func(ctx context.Context) error {
			return cobot.RevokeToken(ctx, cobotAccessToken)
		},
		"cobot oidc discovery": func(ctx context.Context) error {
			_, err := auth.NewCobotOIDC(ctx, auth.CobotConfig{ClientID: testClientID, Issuer: hs.URL + "/hanging", HTTPClient: client})
			return err
		},
		"cobot id token keys": func(ctx context.Context) error {
			_, err := verifier().Verify(ctx, idToken, "nonce-1")
			return err
		},
		"cobot userinfo": func(ctx context.Context) error {
			_, err := verifier().UserInfo(ctx, userToken)
			return err
		},
	}
}

// runAll runs every call at once (they only wait, so -parallel need not
// limit them) with a fresh context from newCtx, and returns their errors;
// a call that does not return within returnBound fails the test.
func runAll(t *testing.T, calls map[string]func(context.Context) error, newCtx func() (context.Context, context.CancelFunc)) map[string]error {
	t.Helper()
	type result struct {
		name string
		err  error
	}
	done := make(chan result, len(calls))
	for name, call := range calls {
		go func() {
			ctx, cancel := newCtx()
			defer cancel()
			done <- result{name, call(ctx)}
		}()
	}
	errs := make(map[string]error, len(calls))
	timeout := time.After(returnBound)
	for range calls {
		select {
		case r := <-done:
			errs[r.name] = r.err
		case <-timeout:
			for name := range calls {
				if _, ok := errs[name]; !ok {
					t.Errorf("%s did not return within %v", name, returnBound)
				}
			}
			t.FailNow()
		}
	}
	return errs
}

// Regression (#12): every request the package makes ends with the caller's
// context. ID token verification lost the deadline from the error chain
// (go-oidc formats the key fetch error with %v).
func TestRequestsHonourContextDeadline(t *testing.T) {
	hs := newHangingServer(t)
	errs := runAll(t, hangingCalls(t, hs, hs.Client()), func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.Background(), callDeadline)
	})
	for name, err := range errs {
		t.Run(name, func(t *testing.T) {
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error = %v, want context.DeadlineExceeded", err)
			}
			if err != nil {
				assertNoSecrets(t, "error", err.Error(), testSecret, cobotAccessToken, "code-1", "verifier-1", "refresh-1", "cbat_key")
			}
		})
	}
}

// Without a deadline of the caller, the configured client's Timeout ends
// every request.
func TestRequestsHonourClientTimeout(t *testing.T) {
	hs := newHangingServer(t)
	client := hs.Client()
	client.Timeout = callDeadline
	errs := runAll(t, hangingCalls(t, hs, client), func() (context.Context, context.CancelFunc) {
		return context.Background(), func() {}
	})
	for name, err := range errs {
		t.Run(name, func(t *testing.T) {
			if err == nil {
				t.Fatal("error = nil, want a timeout")
			}
			// go-oidc formats the key fetch error with %v: only its text
			// says that the client's timeout ended it.
			if !errors.Is(err, context.DeadlineExceeded) && !strings.Contains(err.Error(), "Client.Timeout exceeded") {
				t.Errorf("error = %v, want the client's timeout", err)
			}
		})
	}
}

// Regression (#12): Bearer called Token on a plain oauth2.TokenSource (such
// as x/oauth2's, whose default client has no timeout) without regard to the
// request's context, so a hanging token endpoint held the request forever.
func TestBearerPlainSourceHonoursContext(t *testing.T) {
	hs := newHangingServer(t)
	ts := (&clientcredentials.Config{ClientID: testClientID, ClientSecret: testSecret, TokenURL: hs.URL + "/token"}).
		TokenSource(context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{})) // no timeout
	editor := auth.Bearer(ts)
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), callDeadline)
			defer cancel()
			r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
			err := returns(t, func() error { return editor(ctx, r) })
			if !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "auth: token source: ") {
				t.Errorf("Bearer(plain source)() error = %v, want %q wrapping context.DeadlineExceeded", err, "auth: token source: ")
			}
			if got := r.Header.Get("Authorization"); got != "" {
				t.Errorf("Authorization = %q, want none", got)
			}
		})
	}
	wg.Wait()
	// The three callers shared one Token call, so one request hangs.
	if n := len(hs.Arrived); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
}

// A caller of a CachedSource gives up with its own context; the fetch it
// started goes on for the callers waiting without a deadline, bounded by
// the HTTP client's timeout, and they all share that one request.
func TestCachedSourceSharedFetchBounded(t *testing.T) {
	hs := newHangingServer(t)
	client := hs.Client()
	client.Timeout = 2 * callDeadline
	ts := auth.KobasTokenSource(context.Background(), auth.KobasConfig{ClientID: testClientID, ClientSecret: testSecret,
		CompanyID: testCompanyID, TokenURL: hs.URL + "/access_token", HTTPClient: client})

	impatient := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), callDeadline)
		defer cancel()
		_, err := ts.TokenContext(ctx)
		impatient <- err
	}()
	<-hs.Arrived // the shared fetch is under way
	patient := returns(t, func() error {
		_, err := ts.TokenContext(context.Background())
		return err
	})
	if err := <-impatient; !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "auth: kobas token: ") {
		t.Errorf("TokenContext(2 s deadline) error = %v, want %q wrapping context.DeadlineExceeded", err, "auth: kobas token: ")
	}
	// The patient caller got the fetch's own result: the client's timeout.
	if !errors.Is(patient, context.DeadlineExceeded) || !strings.HasPrefix(patient.Error(), "auth: kobas token request: ") {
		t.Errorf("TokenContext(no deadline) error = %v, want the token request's timeout", patient)
	}
	if n := len(hs.Arrived); n != 0 {
		t.Errorf("further token requests = %d, want 0 (one shared fetch)", n)
	}
}

// Regression (#12): go-oidc fetches the signing keys on a goroutine no
// caller's context reaches; with a client without a Timeout, a hanging
// jwks_uri held that fetch, and every verification without a deadline,
// forever. Such clients now get a timeout (DefaultHTTPTimeout; shortened
// here).
func TestCobotOIDCKeyFetchBounded(t *testing.T) {
	auth.SetOIDCBackgroundTimeout(t, callDeadline)
	hs := newHangingServer(t)
	o, err := auth.NewCobotOIDC(context.Background(), auth.CobotConfig{ClientID: testClientID, Issuer: hs.URL, HTTPClient: hs.Client()})
	if err != nil {
		t.Fatalf("NewCobotOIDC() error = %v", err)
	}
	claims := cobotClaims(hs.URL)
	claims["exp"] = time.Now().Add(time.Hour).Unix()
	raw := cobotSign(t, jose.RS256, cobotKey(), cobotKeyID, claims)
	err = returns(t, func() error {
		_, err := o.Verify(context.Background(), raw, "nonce-1")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "fetching keys") || !strings.Contains(err.Error(), "Client.Timeout exceeded") {
		t.Errorf("Verify() error = %v, want the key fetch's timeout", err)
	}
	assertNoSecrets(t, "Verify() error", err.Error(), raw)
}
