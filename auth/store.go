package auth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// TokenStore persists tokens under a key so that a token (and above all a
// refresh token) outlives the process that fetched it. A [CachedSource]
// with a Store loads from it before fetching and saves every newly fetched
// token to it before handing the token out.
//
// Implementations must be safe for concurrent use.
type TokenStore interface {
	// Load returns the token saved under key, or (nil, nil) when there is
	// none.
	Load(ctx context.Context, key string) (*oauth2.Token, error)
	// Save stores tok under key, replacing any earlier token.
	Save(ctx context.Context, key string, tok *oauth2.Token) error
}

// persistedExtraKeys are the token extra fields (see [oauth2.Token.Extra])
// that a FileStore keeps besides the standard fields. Provider files add the
// non-standard response fields their callers need after a reload.
var persistedExtraKeys = []string{"scope", "resources"}

// MemoryStore is a [TokenStore] that keeps tokens in memory. Load and Save
// copy tokens, so callers cannot change stored tokens by accident. A
// MemoryStore is safe for concurrent use. The zero value is an empty store
// ready to use.
type MemoryStore struct {
	mu     sync.Mutex
	tokens map[string]*oauth2.Token
}

var _ TokenStore = (*MemoryStore)(nil)

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore {
	return &MemoryStore{tokens: make(map[string]*oauth2.Token)}
}

// Load returns a copy of the token saved under key, or (nil, nil).
func (m *MemoryStore) Load(_ context.Context, key string) (*oauth2.Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return copyToken(m.tokens[key]), nil
}

// Save stores a copy of tok under key. A nil tok deletes the key.
func (m *MemoryStore) Save(_ context.Context, key string, tok *oauth2.Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if tok == nil {
		delete(m.tokens, key)
		return nil
	}
	if m.tokens == nil {
		m.tokens = make(map[string]*oauth2.Token)
	}
	m.tokens[key] = copyToken(tok)
	return nil
}

// FileStore is a [TokenStore] that keeps tokens in one JSON file mapping
// keys to tokens (access_token, token_type, refresh_token, expiry and a few
// provider extras). Every Save rewrites the file atomically: the new content
// is written to a temporary file in the same directory, created with mode
// 0600 ("."+name+".tmp-" and random digits), synced to disk, and renamed
// over the old file, so a crash never leaves a half-written file. The
// directory is created (mode 0700) when missing.
//
// A process killed during a Save leaves its temporary file behind, holding
// a full copy of the tokens. Every Save, and the first Load of the file in
// a process, removes such leftovers: regular files named like this store's
// own temporary files, in its directory, last modified more than a minute
// ago. A write in progress touches its file moments before renaming it, so
// only a writer stalled for over a minute can lose its file, and its Save
// then fails instead of replacing the store.
//
// A FileStore is safe for concurrent use, and so are several FileStores for
// the same path, in one process or in several processes on one machine
// (Linux, macOS and the BSDs): every Save takes an OS file lock (flock) on
// "."+name+".lock" beside the file, re-reads the file, changes only its own
// key and renames the new file in, so saving one key never rewrites another
// key with stale content. On other platforms only the goroutines of one
// process are serialised.
//
// A FileStore is a [LockingStore]: [FileStore.Lock] takes a per-key flock
// on "."+name+".lock-" and 16 hex digits of the key's SHA-256, so that a
// [CachedSource] refreshes each connection once across the processes
// sharing the file. The kernel releases a flock when its process exits,
// even when killed with SIGKILL, so the lease of a FileStore lock is the
// life of the process holding it (and a [CachedSource] holds it for at
// most its FetchTimeout). The lock files are small, empty and kept.
type FileStore struct {
	path string
	mu   *fileLock
}

var _ LockingStore = (*FileStore)(nil)

// fileLock serialises access to one file, shared by all FileStores in the
// process that name it.
type fileLock struct {
	sync.Mutex
	swept bool // stale temporary files were removed once; guarded by the mutex

	keys sync.Map // key → chan struct{}: the in-process half of Lock
}

// fileLocks holds the lock of every file a FileStore was created for.
var fileLocks sync.Map // cleaned absolute path → *fileLock

// staleTempAge is how long ago a temporary file of a FileStore must have
// been modified before it is taken for the leftover of a crashed Save.
const staleTempAge = time.Minute

// NewFileStore returns a FileStore backed by the file at path. The file is
// created on the first Save; it need not exist before.
func NewFileStore(path string) *FileStore {
	lockKey := filepath.Clean(path)
	if abs, err := filepath.Abs(path); err == nil {
		lockKey = abs
	}
	mu, _ := fileLocks.LoadOrStore(lockKey, new(fileLock))
	return &FileStore{path: path, mu: mu.(*fileLock)}
}

// Path returns the file the store reads and writes.
func (f *FileStore) Path() string { return f.path }

// fileFormat is the on-disk layout of a FileStore.
type fileFormat struct {
	Version int                    `json:"version"`
	Tokens  map[string]storedToken `json:"tokens"`
}

// storedToken is one token on disk.
type storedToken struct {
	AccessToken  string                     `json:"access_token"`
	TokenType    string                     `json:"token_type,omitempty"`
	RefreshToken string                     `json:"refresh_token,omitempty"`
	Expiry       *time.Time                 `json:"expiry,omitempty"`
	ExpiresIn    int64                      `json:"expires_in,omitempty"` // lifetime in seconds, see CachedSource.load
	SavedAt      time.Time                  `json:"saved_at"`
	Extra        map[string]json.RawMessage `json:"extra,omitempty"`
}

// Load returns the token saved under key, or (nil, nil) when the file or the
// key does not exist. A file that cannot be parsed gives an error naming the
// path (but none of its content).
func (f *FileStore) Load(_ context.Context, key string) (*oauth2.Token, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.mu.swept {
		f.removeStaleTemps()
	}
	data, err := f.read()
	if err != nil {
		return nil, err
	}
	st, ok := data.Tokens[key]
	if !ok {
		return nil, nil
	}
	return st.token(), nil
}

// token converts a stored token back.
func (st storedToken) token() *oauth2.Token {
	tok := &oauth2.Token{AccessToken: st.AccessToken, TokenType: st.TokenType, RefreshToken: st.RefreshToken, ExpiresIn: st.ExpiresIn}
	if st.Expiry != nil {
		tok.Expiry = *st.Expiry
	}
	if len(st.Extra) > 0 {
		extra := make(map[string]any, len(st.Extra))
		for k, v := range st.Extra {
			var x any
			if json.Unmarshal(v, &x) == nil {
				extra[k] = x
			}
		}
		tok = tok.WithExtra(extra)
	}
	return tok
}

// storedFrom converts tok for storage, keeping the persisted extras.
func storedFrom(tok *oauth2.Token) storedToken {
	st := storedToken{
		AccessToken:  tok.AccessToken,
		TokenType:    tok.TokenType,
		RefreshToken: tok.RefreshToken,
		ExpiresIn:    tok.ExpiresIn,
		SavedAt:      time.Now().UTC(),
	}
	if !tok.Expiry.IsZero() {
		exp := tok.Expiry
		st.Expiry = &exp
	}
	for _, k := range persistedExtraKeys {
		v := tok.Extra(k)
		if v == nil {
			continue
		}
		b, err := json.Marshal(v)
		if err != nil {
			continue
		}
		if st.Extra == nil {
			st.Extra = make(map[string]json.RawMessage)
		}
		st.Extra[k] = b
	}
	return st
}

// Save stores tok under key, keeping the other keys in the file, and
// replaces the file atomically. A nil tok deletes the key.
func (f *FileStore) Save(ctx context.Context, key string, tok *oauth2.Token) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	lf, err := lockFile(ctx, f.path, "."+filepath.Base(f.path)+".lock")
	if err != nil {
		return err
	}
	defer lf.Close()
	data, err := f.read()
	if err != nil {
		return err
	}
	if tok == nil {
		delete(data.Tokens, key)
	} else {
		data.Tokens[key] = storedFrom(tok)
	}
	b, err := json.MarshalIndent(data, "", "  ")
	if err != nil {
		return fmt.Errorf("auth: token store %s: encoding: %w", f.path, err)
	}
	if err := f.write(append(b, '\n')); err != nil {
		return err
	}
	f.removeStaleTemps()
	return nil
}

// tempPrefix is how the names of the store's temporary files begin; the
// rest is the random decimal digits [os.CreateTemp] puts for "*".
func (f *FileStore) tempPrefix() string {
	return "." + filepath.Base(f.path) + ".tmp-"
}

// removeStaleTemps deletes the temporary files that crashed Saves of this
// store left in its directory (see [FileStore]): regular files named
// tempPrefix and digits, modified more than staleTempAge ago. It is best
// effort; f.mu must be held.
func (f *FileStore) removeStaleTemps() {
	f.mu.swept = true
	dir := filepath.Dir(f.path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := f.tempPrefix()
	cutoff := time.Now().Add(-staleTempAge)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !allDigits(rest) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(cutoff) {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// read parses the file; a missing or empty file is an empty store.
func (f *FileStore) read() (fileFormat, error) {
	data := fileFormat{Version: 1, Tokens: make(map[string]storedToken)}
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return data, nil
	}
	if err != nil {
		return data, fmt.Errorf("auth: token store %s: %w", f.path, err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return data, nil
	}
	if err := json.Unmarshal(b, &data); err != nil {
		// The decoder's message may quote file content (a token), so only
		// the position is reported.
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return data, fmt.Errorf("auth: token store %s: file is corrupt: invalid JSON at byte %d", f.path, syn.Offset)
		}
		return data, fmt.Errorf("auth: token store %s: file is corrupt: unexpected structure", f.path)
	}
	if data.Tokens == nil {
		data.Tokens = make(map[string]storedToken)
	}
	return data, nil
}

// write replaces the file atomically with b.
func (f *FileStore) write(b []byte) (err error) {
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("auth: token store %s: %w", f.path, err)
	}
	// CreateTemp creates a new file (O_EXCL) with mode 0600, so the tokens
	// are never readable by others, not even for a moment; the Chmod below
	// makes the mode exactly 0600 whatever the umask.
	tmp, err := os.CreateTemp(dir, f.tempPrefix()+"*")
	if err != nil {
		return fmt.Errorf("auth: token store %s: %w", f.path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("auth: token store %s: %w", f.path, err)
	}
	if _, err := tmp.Write(b); err != nil {
		return fmt.Errorf("auth: token store %s: writing: %w", f.path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("auth: token store %s: syncing: %w", f.path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("auth: token store %s: %w", f.path, err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return fmt.Errorf("auth: token store %s: %w", f.path, err)
	}
	// Make the rename durable; not every platform can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Lock takes the refresh lock of key (see [FileStore]): an in-process lock,
// then an OS file lock on the key's lock file, polled until ctx is done.
func (f *FileStore) Lock(ctx context.Context, key string) (RefreshLock, error) {
	v, _ := f.mu.keys.LoadOrStore(key, make(chan struct{}, 1))
	ch := v.(chan struct{})
	if err := acquireChan(ctx, ch); err != nil {
		return nil, fmt.Errorf("auth: token store %s: lock: %w", f.path, err)
	}
	sum := sha256.Sum256([]byte(key))
	lf, err := lockFile(ctx, f.path, "."+filepath.Base(f.path)+".lock-"+hex.EncodeToString(sum[:8]))
	if err != nil {
		<-ch
		return nil, err
	}
	return &chanLock{
		ch:      ch,
		load:    func(ctx context.Context) (*oauth2.Token, error) { return f.Load(ctx, key) },
		save:    func(ctx context.Context, tok *oauth2.Token) error { return f.Save(ctx, key, tok) },
		release: func() { lf.Close() },
	}, nil
}

// lockFile opens (creating it, mode 0600) the file name in the directory of
// store and takes an exclusive flock on it, polling until ctx is done.
// Closing the file releases the lock.
func lockFile(ctx context.Context, store, name string) (*os.File, error) {
	dir := filepath.Dir(store)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("auth: token store %s: %w", store, err)
	}
	lf, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("auth: token store %s: lock: %w", store, err)
	}
	wait := time.Millisecond
	for {
		ok, err := tryFlock(lf)
		if err != nil {
			lf.Close()
			return nil, fmt.Errorf("auth: token store %s: lock: %w", store, err)
		}
		if ok {
			return lf, nil
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			lf.Close()
			return nil, fmt.Errorf("auth: token store %s: lock: %w", store, ctx.Err())
		}
		wait = min(2*wait, 20*time.Millisecond)
	}
}
