package auth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

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

// seqSource hands out the tokens in order, then repeats the last one.
type seqSource struct {
	toks []*oauth2.Token
	i    int
}

func (s *seqSource) Token() (*oauth2.Token, error) {
	tok := s.toks[min(s.i, len(s.toks)-1)]
	s.i++
	return tok, nil
}

// Bearer reuses the header value it built while the source returns the same
// token, and follows every change of access token or token type.
func TestBearerFollowsTokenChanges(t *testing.T) {
	src := &seqSource{toks: []*oauth2.Token{
		{AccessToken: "at-1"},
		{AccessToken: "at-1", TokenType: "bearer"},
		{AccessToken: "at-2", TokenType: "Bearer"},
		{AccessToken: "at-2", TokenType: "mac"},
		{AccessToken: "at-2", TokenType: "DPoP"},
		{AccessToken: "at-1"},
	}}
	want := []string{"Bearer at-1", "Bearer at-1", "Bearer at-2", "MAC at-2", "DPoP at-2", "Bearer at-1", "Bearer at-1"}
	editor := auth.Bearer(src)
	for i, w := range want {
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
		if err := editor(context.Background(), req); err != nil {
			t.Fatalf("Bearer() call %d error = %v, want nil", i+1, err)
		}
		if got := req.Header.Values("Authorization"); len(got) != 1 || got[0] != w {
			t.Errorf("Bearer() call %d: Authorization = %q, want [%q]", i+1, got, w)
		}
	}
}

// With a CachedSource, Bearer sends the cached token's header and a new one
// as soon as the token is replaced, whether after expiry or a rejection.
func TestBearerCachedSourceHeader(t *testing.T) {
	clock := newClock()
	fetch, n := countingFetch(clock, time.Hour)
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Now: clock.Now, EarlyExpiry: time.Minute})
	editor := auth.Bearer(ts)
	authorization := func() string {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
		if err := editor(context.Background(), req); err != nil {
			t.Fatalf("Bearer() error = %v, want nil", err)
		}
		return req.Header.Get("Authorization")
	}
	steps := []struct {
		name string
		do   func()
		want string
	}{
		{"first", func() {}, "Bearer tok-1"},
		{"cached", func() {}, "Bearer tok-1"},
		{"after Invalidate", func() { ts.Invalidate("tok-1") }, "Bearer tok-2"},
		{"before early expiry", func() { clock.Advance(58 * time.Minute) }, "Bearer tok-2"},
		{"after early expiry", func() { clock.Advance(2 * time.Minute) }, "Bearer tok-3"},
	}
	for _, s := range steps {
		s.do()
		if got := authorization(); got != s.want {
			t.Errorf("%s: Authorization = %q, want %q", s.name, got, s.want)
		}
	}
	if got := n.Load(); got != 3 {
		t.Errorf("fetches = %d, want 3", got)
	}
}

func BenchmarkBearer(b *testing.B) {
	cached := auth.NewCachedSource(func(context.Context) (*oauth2.Token, error) {
		return &oauth2.Token{AccessToken: "at-1", TokenType: "Bearer", Expiry: time.Now().Add(time.Hour)}, nil
	}, auth.CacheOptions{})
	for _, bc := range []struct {
		name string
		ts   oauth2.TokenSource
	}{
		{"CachedSource", cached},
		{"Static", oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "at-1"})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			editor := auth.Bearer(bc.ts)
			req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/v3/venue", nil)
			b.ReportAllocs()
			for b.Loop() {
				if err := editor(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
