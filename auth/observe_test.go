package auth_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// recordingObserver records every fetch it is told about.
type recordingObserver struct {
	mu     sync.Mutex
	events []string
}

type fetchMark struct{}

func (o *recordingObserver) StartTokenFetch(ctx context.Context, f auth.TokenFetch) (context.Context, func(auth.TokenFetchResult)) {
	o.mu.Lock()
	o.events = append(o.events, "start "+f.Provider+" "+f.Grant)
	o.mu.Unlock()
	return context.WithValue(ctx, fetchMark{}, f.Grant), func(r auth.TokenFetchResult) {
		o.mu.Lock()
		defer o.mu.Unlock()
		outcome := "ok"
		if r.Err != nil {
			outcome = "error"
		}
		o.events = append(o.events, "end "+f.Provider+" "+f.Grant+" "+outcome)
	}
}

func (o *recordingObserver) got() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return strings.Join(o.events, "; ")
}

func TestTokenObserver(t *testing.T) {
	refused := &auth.TokenError{Provider: "shop", StatusCode: 400, Code: "invalid_grant"}
	tests := []struct {
		name  string
		opts  auth.CacheOptions
		fetch auth.FetchFunc
		seed  bool // start from a cached, expired token carrying a refresh token
		want  string
	}{
		{
			name: "fetch with a declared grant",
			opts: auth.CacheOptions{Provider: "shop", Grant: auth.GrantClientCredentials},
			want: "start shop client_credentials; end shop client_credentials ok",
		},
		{
			name: "fetch without a declared grant",
			opts: auth.CacheOptions{Provider: "shop"},
			want: "start shop ; end shop  ok",
		},
		{
			name: "an undeclared grant is empty",
			opts: auth.CacheOptions{Provider: "cobot"},
			want: "start cobot ; end cobot  ok",
		},
		{
			name: "a failed fetch",
			opts: auth.CacheOptions{Provider: "shop", Grant: auth.GrantClientCredentials},
			fetch: func(context.Context) (*oauth2.Token, error) {
				return nil, errors.New("auth: shop token request: refused")
			},
			want: "start shop client_credentials; end shop client_credentials error",
		},
		{
			name: "a refresh",
			opts: auth.CacheOptions{Provider: "shop", Grant: auth.GrantAuthorizationCode,
				Refresh: func(ctx context.Context, prev *oauth2.Token) (*oauth2.Token, error) {
					if ctx.Value(fetchMark{}) != auth.GrantRefreshToken {
						return nil, errors.New("the refresh does not run in the observer's context")
					}
					return &oauth2.Token{AccessToken: "fresh", Expiry: time.Now().Add(time.Hour)}, nil
				}},
			seed: true,
			want: "start shop refresh_token; end shop refresh_token ok",
		},
		{
			name: "a refused refresh",
			opts: auth.CacheOptions{Provider: "shop",
				Refresh: func(context.Context, *oauth2.Token) (*oauth2.Token, error) { return nil, refused }},
			seed: true,
			want: "start shop refresh_token; end shop refresh_token error",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fetch := tc.fetch
			if fetch == nil {
				fetch = func(ctx context.Context) (*oauth2.Token, error) {
					if ctx.Value(fetchMark{}) == nil {
						return nil, errors.New("the fetch does not run in the observer's context")
					}
					return &oauth2.Token{AccessToken: "tok", Expiry: time.Now().Add(time.Hour)}, nil
				}
			}
			if tc.seed {
				// A fetch that hands out an expired token with a refresh token, then the
				// source refreshes it on the next call.
				inner := fetch
				first := true
				fetch = func(ctx context.Context) (*oauth2.Token, error) {
					if first {
						first = false
						return &oauth2.Token{AccessToken: "old", RefreshToken: "rt-secret", Expiry: time.Now().Add(-time.Hour)}, nil
					}
					return inner(ctx)
				}
			}
			ts := auth.NewCachedSource(fetch, tc.opts)
			if tc.seed {
				if _, err := ts.Token(); err != nil { // unobserved: no observer in the context
					t.Fatal(err)
				}
			}
			obs := &recordingObserver{}
			ctx := auth.WithTokenObserver(context.Background(), obs)
			_, err := ts.TokenContext(ctx)
			if strings.HasSuffix(tc.want, "ok") && err != nil {
				t.Fatalf("TokenContext() = %v, want a token", err)
			}
			if got := obs.got(); got != tc.want {
				t.Errorf("observed %q, want %q", got, tc.want)
			}
			// A cached token is not a fetch.
			if err == nil {
				if _, err := ts.TokenContext(ctx); err != nil {
					t.Fatal(err)
				}
				if got := obs.got(); got != tc.want {
					t.Errorf("after a cached call observed %q, want %q", got, tc.want)
				}
			}
		})
	}
}

// A fetch made for a request carries the request's observer through Bearer.
func TestTokenObserverThroughBearer(t *testing.T) {
	ts := auth.NewCachedSource(func(context.Context) (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: "tok", Expiry: time.Now().Add(time.Hour)}, nil
	}, auth.CacheOptions{Provider: "octotable", Grant: auth.GrantClientCredentials})
	obs := &recordingObserver{}
	req, _ := http.NewRequestWithContext(auth.WithTokenObserver(context.Background(), obs), http.MethodGet, "https://example.test/", nil)
	if err := auth.Bearer(ts)(req.Context(), req); err != nil {
		t.Fatal(err)
	}
	if got, want := obs.got(), "start octotable client_credentials; end octotable client_credentials ok"; got != want {
		t.Errorf("observed %q, want %q", got, want)
	}
}

func TestObserveTokenFetch(t *testing.T) {
	obs := &recordingObserver{}
	ctx := auth.WithTokenObserver(context.Background(), obs)
	f := auth.TokenFetch{Provider: "cloudbeds", Grant: auth.GrantAuthorizationCode}
	if _, err := auth.ObserveTokenFetch(ctx, f, func(context.Context) (*oauth2.Token, error) {
		return nil, fmt.Errorf("auth: cloudbeds token request: HTTP 400")
	}); err == nil {
		t.Fatal("ObserveTokenFetch() = nil error, want the fetch's")
	}
	if got, want := obs.got(), "start cloudbeds authorization_code; end cloudbeds authorization_code error"; got != want {
		t.Errorf("observed %q, want %q", got, want)
	}
	// Without an observer it only runs the fetch.
	tok, err := auth.ObserveTokenFetch(context.Background(), f, func(context.Context) (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: "x"}, nil
	})
	if err != nil || tok.AccessToken != "x" {
		t.Errorf("ObserveTokenFetch() = %v, %v, want the token", tok, err)
	}
}

// An authorization-code exchange is reported as one authorization_code fetch.
func TestTokenObserverExchange(t *testing.T) {
	f := newFakeCloudbeds(t, true)
	cfg := f.config(newClock())
	obs := &recordingObserver{}
	ctx := auth.WithTokenObserver(context.Background(), obs)
	if _, err := cfg.Exchange(ctx, f.issueCode()); err != nil {
		t.Fatal(err)
	}
	if got, want := obs.got(), "start cloudbeds authorization_code; end cloudbeds authorization_code ok"; got != want {
		t.Errorf("Exchange observed %q, want %q", got, want)
	}
	if _, err := cfg.Exchange(ctx, "used-or-unknown-code"); err == nil {
		t.Fatal("Exchange(unknown code) = nil error, want a TokenError")
	}
	if got := obs.got(); !strings.HasSuffix(got, "end cloudbeds authorization_code error") {
		t.Errorf("a refused exchange observed %q, want it to end in an error", got)
	}
}
