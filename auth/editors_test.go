package auth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"golang.org/x/oauth2"
)

func TestEditors(t *testing.T) {
	tests := []struct {
		name   string
		editor auth.Editor
		header string
		want   string
	}{
		{name: "Bearer static", editor: auth.Bearer(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "at-1"})), header: "Authorization", want: "Bearer at-1"},
		{name: "Bearer lower-case type", editor: auth.Bearer(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "at-1", TokenType: "bearer"})), header: "Authorization", want: "Bearer at-1"},
		{name: "Header company", editor: auth.Header("x-kobas-company-id", "1234"), header: "X-Kobas-Company-Id", want: "1234"},
		{name: "Header property", editor: auth.Header("Property", "44477"), header: "Property", want: "44477"},
		{name: "APIKey", editor: auth.APIKey("x-api-key", "cbat_key"), header: "X-Api-Key", want: "cbat_key"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
			req.Header.Set(tc.header, "stale value")
			if err := tc.editor(context.Background(), req); err != nil {
				t.Fatalf("editor() error = %v, want nil", err)
			}
			if got := req.Header.Values(tc.header); len(got) != 1 || got[0] != tc.want {
				t.Errorf("header %s = %q, want [%q]", tc.header, got, tc.want)
			}
		})
	}
}

// Editors write into a hand-built request without a header map.
func TestEditorsNilHeader(t *testing.T) {
	req := &http.Request{Method: http.MethodGet}
	if err := auth.Bearer(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "at-1"}))(context.Background(), req); err != nil {
		t.Fatalf("Bearer() error = %v, want nil", err)
	}
	if got := req.Header.Get("Authorization"); got != "Bearer at-1" {
		t.Errorf("Authorization = %q, want %q", got, "Bearer at-1")
	}
}

type errSource struct{ err error }

func (s errSource) Token() (*oauth2.Token, error) { return nil, s.err }

func TestBearerPropagatesErrors(t *testing.T) {
	tokenErr := &auth.TokenError{Provider: "kobas", StatusCode: 401, Code: "invalid_client"}
	tests := []struct {
		name string
		ts   oauth2.TokenSource
		want error
	}{
		{name: "token error", ts: errSource{err: tokenErr}, want: tokenErr},
		{name: "nil token", ts: oauth2.StaticTokenSource(nil)},
		{name: "empty token", ts: oauth2.StaticTokenSource(&oauth2.Token{})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
			err := auth.Bearer(tc.ts)(context.Background(), req)
			if err == nil {
				t.Fatal("Bearer() error = nil, want an error")
			}
			if tc.want != nil {
				var te *auth.TokenError
				if !errors.As(err, &te) || te != tc.want {
					t.Errorf("Bearer() error = %v, want the source's *auth.TokenError", err)
				}
			}
			if got := req.Header.Get("Authorization"); got != "" {
				t.Errorf("Authorization after failure = %q, want empty", got)
			}
		})
	}
}

// Bearer uses TokenContext, so the request's context bounds the wait.
func TestBearerUsesContext(t *testing.T) {
	fetch, n := countingFetch(newClock(), 0)
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
	if err := auth.Bearer(ts)(ctx, req); !errors.Is(err, context.Canceled) {
		t.Errorf("Bearer() with a cancelled context = %v, want context.Canceled", err)
	}
	if n.Load() != 0 {
		t.Errorf("fetches = %d, want 0", n.Load())
	}
}

func TestAPIKeyEmpty(t *testing.T) {
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
	err := auth.APIKey("x-api-key", "")(context.Background(), req)
	if err == nil || err.Error() != "auth: api key for header x-api-key is empty" {
		t.Errorf("APIKey(empty) error = %v, want %q", err, "auth: api key for header x-api-key is empty")
	}
	if got := req.Header.Get("x-api-key"); got != "" {
		t.Errorf("x-api-key = %q, want empty", got)
	}
}
