package auth_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"golang.org/x/oauth2"
)

// stores returns a fresh instance of each TokenStore implementation.
func stores(t *testing.T) map[string]func() auth.TokenStore {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tokens.json")
	return map[string]func() auth.TokenStore{
		"memory":      func() auth.TokenStore { return auth.NewMemoryStore() },
		"zero memory": func() auth.TokenStore { return new(auth.MemoryStore) },
		"file":        func() auth.TokenStore { return auth.NewFileStore(path) },
	}
}

func TestStoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	for name, newStore := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newStore()
			if tok, err := s.Load(ctx, "missing"); tok != nil || err != nil {
				t.Fatalf("Load(missing) = %v, %v, want nil, nil", tok, err)
			}
			exp := time.Date(2025, 5, 15, 13, 0, 0, 123456789, time.UTC)
			in := (&oauth2.Token{AccessToken: "at-1", TokenType: "Bearer", RefreshToken: "rt-1", Expiry: exp}).
				WithExtra(map[string]any{"resources": []any{map[string]any{"type": "property", "id": "12345"}}, "ignored": "x"})
			if err := s.Save(ctx, "k1", in); err != nil {
				t.Fatalf("Save() = %v, want nil", err)
			}
			if err := s.Save(ctx, "k2", &oauth2.Token{AccessToken: "at-2"}); err != nil {
				t.Fatalf("Save() = %v, want nil", err)
			}
			got, err := s.Load(ctx, "k1")
			if err != nil || got == nil {
				t.Fatalf("Load(k1) = %v, %v, want a token", got, err)
			}
			if got.AccessToken != "at-1" || got.TokenType != "Bearer" || got.RefreshToken != "rt-1" || !got.Expiry.Equal(exp) {
				t.Errorf("Load(k1) = %+v, want at-1/Bearer/rt-1/%v", got, exp)
			}
			if res := fmt.Sprint(got.Extra("resources")); res != "[map[id:12345 type:property]]" {
				t.Errorf("Load(k1).Extra(resources) = %s, want [map[id:12345 type:property]]", res)
			}
			if got2, _ := s.Load(ctx, "k2"); got2 == nil || got2.AccessToken != "at-2" || !got2.Expiry.IsZero() {
				t.Errorf("Load(k2) = %+v, want at-2 without expiry", got2)
			}

			// Loaded tokens are copies.
			got.AccessToken = "mutated"
			if again, _ := s.Load(ctx, "k1"); again.AccessToken != "at-1" {
				t.Errorf("Load(k1) after mutating a loaded token = %q, want at-1", again.AccessToken)
			}
			// Saving nil deletes.
			if err := s.Save(ctx, "k2", nil); err != nil {
				t.Fatalf("Save(nil) = %v, want nil", err)
			}
			if tok, err := s.Load(ctx, "k2"); tok != nil || err != nil {
				t.Errorf("Load(k2) after delete = %v, %v, want nil, nil", tok, err)
			}
		})
	}
}

func TestStoreConcurrentSaves(t *testing.T) {
	ctx := context.Background()
	for name, newStore := range stores(t) {
		t.Run(name, func(t *testing.T) {
			// Two instances: FileStores for one path share a lock.
			a, b := newStore(), newStore()
			if name != "file" {
				b = a
			}
			const n = 32
			var wg sync.WaitGroup
			for i := range n {
				s := a
				if i%2 == 1 {
					s = b
				}
				wg.Go(func() {
					key := fmt.Sprintf("key-%d", i)
					if err := s.Save(ctx, key, &oauth2.Token{AccessToken: "at-" + key}); err != nil {
						t.Errorf("Save(%s) = %v, want nil", key, err)
					}
					if _, err := s.Load(ctx, key); err != nil {
						t.Errorf("Load(%s) = %v, want nil", key, err)
					}
				})
			}
			wg.Wait()
			for i := range n {
				key := fmt.Sprintf("key-%d", i)
				tok, err := newStoreOrSame(name, a, newStore).Load(ctx, key)
				if err != nil || tok == nil || tok.AccessToken != "at-"+key {
					t.Errorf("Load(%s) = %v, %v, want at-%s", key, tok, err, key)
				}
			}
		})
	}
}

// newStoreOrSame reloads through a fresh FileStore, or reuses a MemoryStore.
func newStoreOrSame(name string, same auth.TokenStore, newStore func() auth.TokenStore) auth.TokenStore {
	if name != "file" {
		return same
	}
	return newStore()
}

func TestFileStoreFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "dir")
	path := filepath.Join(dir, "tokens.json")
	s := auth.NewFileStore(path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	ctx := context.Background()
	for i := range 5 {
		if err := s.Save(ctx, "k", &oauth2.Token{AccessToken: fmt.Sprint("at-", i)}); err != nil {
			t.Fatalf("Save() = %v, want nil", err)
		}
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("file mode = %v, want 0600", mode)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != ".tokens.json.lock" { // the empty flock file, kept
			names = append(names, e.Name())
		}
	}
	if len(names) != 1 || names[0] != "tokens.json" {
		t.Errorf("directory entries = %v, want only tokens.json and its lock file (no temp files)", names)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"version": 1`, `"k": {`, `"access_token": "at-4"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("file content = %s, want it to contain %s", b, want)
		}
	}
}

// A FileStore never loosens an existing file's permissions.
func TestFileStoreReplacesLooseMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens.json")
	if err := os.WriteFile(path, []byte(`{"version":1,"tokens":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := auth.NewFileStore(path).Save(context.Background(), "k", &oauth2.Token{AccessToken: "at"}); err != nil {
		t.Fatalf("Save() = %v, want nil", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Errorf("file mode after Save = %v, want 0600", mode)
	}
}

func TestFileStoreCorrupt(t *testing.T) {
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{name: "truncated JSON", content: `{"version":1,"tokens":{"k":{"access_token":"leaked-token-value"`, want: "file is corrupt: invalid JSON at byte"},
		{name: "not JSON", content: "leaked-token-value", want: "file is corrupt: invalid JSON at byte"},
		{name: "wrong structure", content: `{"tokens":["leaked-token-value"]}`, want: "file is corrupt: unexpected structure"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "tokens.json")
			if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			s := auth.NewFileStore(path)
			_, loadErr := s.Load(context.Background(), "k")
			saveErr := s.Save(context.Background(), "k", &oauth2.Token{AccessToken: "new"})
			for op, err := range map[string]error{"Load": loadErr, "Save": saveErr} {
				if err == nil {
					t.Fatalf("%s() on a corrupt file = nil, want an error", op)
				}
				msg := err.Error()
				if !strings.HasPrefix(msg, "auth: token store "+path+": ") || !strings.Contains(msg, tc.want) {
					t.Errorf("%s() = %q, want it to name %s and say %q", op, msg, path, tc.want)
				}
				assertNoSecrets(t, op+"()", msg, "leaked-token-value")
			}
			// The corrupt file is left alone for the user to inspect.
			if b, _ := os.ReadFile(path); string(b) != tc.content {
				t.Errorf("file after failed Save = %q, want it unchanged", b)
			}
		})
	}
}

// recordingStore wraps a MemoryStore, counting calls and optionally failing.
type recordingStore struct {
	*auth.MemoryStore
	loads, saves atomic.Int64
	saveErr      error
	loadErr      error
	onSave       func(tok *oauth2.Token)
}

func (r *recordingStore) Load(ctx context.Context, key string) (*oauth2.Token, error) {
	r.loads.Add(1)
	if r.loadErr != nil {
		return nil, r.loadErr
	}
	return r.MemoryStore.Load(ctx, key)
}

func (r *recordingStore) Save(ctx context.Context, key string, tok *oauth2.Token) error {
	r.saves.Add(1)
	if r.onSave != nil {
		r.onSave(tok)
	}
	if r.saveErr != nil {
		return r.saveErr
	}
	return r.MemoryStore.Save(ctx, key, tok)
}

// A fetched token is saved before TokenContext returns it.
func TestCachedSourceSavesBeforeReturning(t *testing.T) {
	clock := newClock()
	fetch, _ := countingFetch(clock, time.Hour)
	saving, release := make(chan struct{}), make(chan struct{})
	store := &recordingStore{MemoryStore: auth.NewMemoryStore(), onSave: func(*oauth2.Token) {
		close(saving)
		<-release
	}}
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Key: "k", Store: store, Now: clock.Now})

	done := make(chan string, 1)
	go func() { done <- mustTokenOrEmpty(ts) }()
	<-saving
	select {
	case got := <-done:
		t.Fatalf("Token() returned %q while Save was still running", got)
	default:
	}
	close(release)
	if got := <-done; got != "tok-1" {
		t.Errorf("Token() = %q, want tok-1", got)
	}
	if saved, _ := store.MemoryStore.Load(context.Background(), "k"); saved == nil || saved.AccessToken != "tok-1" {
		t.Errorf("stored token = %v, want tok-1", saved)
	}
}

func mustTokenOrEmpty(ts oauth2.TokenSource) string {
	tok, err := ts.Token()
	if err != nil {
		return ""
	}
	return tok.AccessToken
}

func TestCachedSourceStoreLoad(t *testing.T) {
	tests := []struct {
		name        string
		stored      *oauth2.Token
		want        string
		wantFetches int64
	}{
		{name: "valid stored token", stored: &oauth2.Token{AccessToken: "stored", Expiry: t0.Add(time.Hour)}, want: "stored"},
		{name: "stored token without expiry", stored: &oauth2.Token{AccessToken: "stored"}, want: "stored"},
		{name: "expired stored token", stored: &oauth2.Token{AccessToken: "stored", Expiry: t0.Add(-time.Minute)}, want: "tok-1", wantFetches: 1},
		{name: "stored token inside the early margin", stored: &oauth2.Token{AccessToken: "stored", Expiry: t0.Add(30 * time.Second)}, want: "tok-1", wantFetches: 1},
		{name: "nothing stored", want: "tok-1", wantFetches: 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := newClock()
			fetch, n := countingFetch(clock, time.Hour)
			store := &recordingStore{MemoryStore: auth.NewMemoryStore()}
			if tc.stored != nil {
				store.MemoryStore.Save(context.Background(), "k", tc.stored)
			}
			ts := auth.NewCachedSource(fetch, auth.CacheOptions{Key: "k", Store: store, Now: clock.Now})
			if got := mustToken(t, ts); got != tc.want {
				t.Errorf("Token() = %q, want %q", got, tc.want)
			}
			if got := mustToken(t, ts); got != tc.want {
				t.Errorf("second Token() = %q, want %q (cached)", got, tc.want)
			}
			if n.Load() != tc.wantFetches {
				t.Errorf("fetches = %d, want %d", n.Load(), tc.wantFetches)
			}
			if got := store.loads.Load(); got != 1 {
				t.Errorf("store loads = %d, want 1", got)
			}
			if got := store.saves.Load(); got != tc.wantFetches {
				t.Errorf("store saves = %d, want %d", got, tc.wantFetches)
			}
		})
	}
}

// After a rejection the store is consulted again: a token saved meanwhile
// by another process is used, but never the rejected one.
func TestCachedSourceStoreAfterReject(t *testing.T) {
	clock := newClock()
	fetch, n := countingFetch(clock, time.Hour)
	store := auth.NewMemoryStore()
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Key: "k", Store: store, Now: clock.Now})
	ctx := context.Background()

	mustToken(t, ts) // tok-1, saved
	ts.Invalidate("tok-1")
	if got := mustToken(t, ts); got != "tok-2" {
		t.Errorf("Token() after rejecting the stored token = %q, want tok-2 (fetched)", got)
	}
	store.Save(ctx, "k", &oauth2.Token{AccessToken: "from-other-process", Expiry: t0.Add(time.Hour)})
	ts.Invalidate("tok-2")
	if got := mustToken(t, ts); got != "from-other-process" {
		t.Errorf("Token() after rejection = %q, want the newer stored token", got)
	}
	if n.Load() != 2 {
		t.Errorf("fetches = %d, want 2", n.Load())
	}
}

// A failed Save is reported through OnSaveError; the token is still
// returned and cached, never dropped.
func TestCachedSourceSaveError(t *testing.T) {
	clock := newClock()
	fetch, n := countingFetch(clock, time.Hour)
	store := &recordingStore{MemoryStore: auth.NewMemoryStore(), saveErr: errors.New("disk full")}
	var reported []error
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{
		Provider: "kobas", Key: "k", Store: store, Now: clock.Now,
		OnSaveError: func(err error) { reported = append(reported, err) },
	})
	if got := mustToken(t, ts); got != "tok-1" {
		t.Errorf("Token() = %q, want tok-1", got)
	}
	if got := mustToken(t, ts); got != "tok-1" || n.Load() != 1 {
		t.Errorf("second Token() = %q after %d fetches, want tok-1 after 1", got, n.Load())
	}
	if len(reported) != 1 || !strings.Contains(reported[0].Error(), "auth: kobas token store save: disk full") {
		t.Errorf("OnSaveError calls = %v, want one error naming kobas and the store failure", reported)
	}
	assertNoSecrets(t, "OnSaveError", fmt.Sprint(reported), "tok-1")
}

// A failed Load fails the call with a wrapped error instead of fetching a
// token that could not be saved either.
func TestCachedSourceLoadError(t *testing.T) {
	fetch, n := countingFetch(newClock(), time.Hour)
	loadErr := errors.New("permission denied")
	store := &recordingStore{MemoryStore: auth.NewMemoryStore(), loadErr: loadErr}
	ts := auth.NewCachedSource(fetch, auth.CacheOptions{Provider: "kobas", Store: store})
	_, err := ts.Token()
	if !errors.Is(err, loadErr) || !strings.HasPrefix(err.Error(), "auth: kobas token store load: ") {
		t.Errorf("Token() error = %v, want it to wrap the load error", err)
	}
	if n.Load() != 0 {
		t.Errorf("fetches = %d, want 0", n.Load())
	}
}

// With Refresh set, the refresh token of the current (expired, rejected or
// stored) token is used, and it survives a refresh answer that omits it.
func TestCachedSourceRefresh(t *testing.T) {
	clock := newClock()
	store := auth.NewMemoryStore()
	ctx := context.Background()
	store.Save(ctx, "k", &oauth2.Token{AccessToken: "old", RefreshToken: "rt-1", Expiry: t0.Add(-time.Minute)})

	var prevs []string
	var refreshes atomic.Int64
	ts := auth.NewCachedSource(
		func(context.Context) (*oauth2.Token, error) {
			t.Error("fetch called, want refresh")
			return nil, errors.New("unexpected fetch")
		},
		auth.CacheOptions{Key: "k", Store: store, Now: clock.Now,
			Refresh: func(_ context.Context, prev *oauth2.Token) (*oauth2.Token, error) {
				i := refreshes.Add(1)
				prevs = append(prevs, prev.AccessToken+"/"+prev.RefreshToken)
				return &oauth2.Token{AccessToken: fmt.Sprintf("new-%d", i), Expiry: clock.Now().Add(time.Hour)}, nil
			}})

	if got := mustToken(t, ts); got != "new-1" {
		t.Errorf("Token() = %q, want new-1", got)
	}
	ts.Invalidate("new-1")
	if got := mustToken(t, ts); got != "new-2" {
		t.Errorf("Token() after Invalidate = %q, want new-2", got)
	}
	if want := []string{"old/rt-1", "new-1/rt-1"}; fmt.Sprint(prevs) != fmt.Sprint(want) {
		t.Errorf("refresh called with %v, want %v", prevs, want)
	}
	saved, _ := store.Load(ctx, "k")
	if saved == nil || saved.AccessToken != "new-2" || saved.RefreshToken != "rt-1" {
		t.Errorf("stored token = %+v, want new-2 keeping refresh token rt-1", saved)
	}
}

// Regression (#12): a FileStore killed during a Save left its temporary
// file, a full copy of the tokens, behind for good. Save, and the first
// Load of the file in a process, remove this store's own leftovers that
// are over a minute old; everything else stays.
func TestFileStoreRemovesStaleTemps(t *testing.T) {
	old := time.Now().Add(-2 * time.Minute)
	files := []struct {
		name   string
		dir    bool
		mtime  time.Time
		remain bool
	}{
		{name: ".tokens.json.tmp-1234567890", mtime: old},
		{name: ".tokens.json.tmp-42", mtime: time.Now().Add(-61 * time.Second)},
		{name: ".tokens.json.tmp-77", mtime: time.Now(), remain: true},                        // another process's write in progress
		{name: ".tokens.json.tmp-88", mtime: time.Now().Add(-30 * time.Second), remain: true}, // not old enough
		{name: ".tokens.json.tmp-", mtime: old, remain: true},                                 // no random part
		{name: ".tokens.json.tmp-12ab", mtime: old, remain: true},                             // not CreateTemp's digits
		{name: ".tokens.json.tmp-99.bak", mtime: old, remain: true},
		{name: ".other.json.tmp-1234", mtime: old, remain: true}, // another store's
		{name: "tokens.json.tmp-1234", mtime: old, remain: true},
		{name: ".tokens.json.tmp-5555", dir: true, mtime: old, remain: true}, // not a regular file
		{name: "notes.txt", mtime: old, remain: true},
	}
	setup := func(t *testing.T) string {
		t.Helper()
		dir := t.TempDir()
		for _, f := range files {
			p := filepath.Join(dir, f.name)
			var err error
			if f.dir {
				err = os.Mkdir(p, 0o700)
			} else {
				err = os.WriteFile(p, []byte(`{"tokens":{"k":{"access_token":"leftover-secret"}}}`), 0o600)
			}
			if err == nil {
				err = os.Chtimes(p, f.mtime, f.mtime)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	check := func(t *testing.T, dir string) {
		t.Helper()
		for _, f := range files {
			_, err := os.Lstat(filepath.Join(dir, f.name))
			if exists := err == nil; exists != f.remain {
				t.Errorf("%s exists = %v, want %v", f.name, exists, f.remain)
			}
		}
	}
	ctx := context.Background()

	t.Run("save", func(t *testing.T) {
		dir := setup(t)
		s := auth.NewFileStore(filepath.Join(dir, "tokens.json"))
		if err := s.Save(ctx, "k", &oauth2.Token{AccessToken: "at-1"}); err != nil {
			t.Fatalf("Save() = %v, want nil", err)
		}
		check(t, dir)
		if got, err := s.Load(ctx, "k"); err != nil || got == nil || got.AccessToken != "at-1" {
			t.Errorf("Load(k) = %v, %v, want at-1", got, err)
		}
	})
	t.Run("first load", func(t *testing.T) {
		dir := setup(t)
		s := auth.NewFileStore(filepath.Join(dir, "tokens.json"))
		if tok, err := s.Load(ctx, "k"); tok != nil || err != nil {
			t.Fatalf("Load(k) = %v, %v, want nil, nil", tok, err)
		}
		check(t, dir)
	})
}
