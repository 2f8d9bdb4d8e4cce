// Package postgres keeps hospitality-go tokens in PostgreSQL, one row per
// connection, for fleets of workers that share one credential. It is a
// separate module, so that programs that do not use it never build pgx.
//
// [Store] is an [auth.LockingStore]: a refresh holds a transaction-scoped
// advisory lock on the connection's key (pg_advisory_xact_lock), and the
// refreshed token is written and committed in that transaction, so a
// connection's rotating refresh token is refreshed once per expiry across
// every process. When a holder dies, PostgreSQL ends its session and the
// lock with it; a holder that stalls is cut off after the lease
// (idle_in_transaction_session_timeout), and its commit then fails.
package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/oauth2"
)

// Defaults for [Options].
const (
	// DefaultTable is the table tokens are kept in.
	DefaultTable = "hospitality_tokens"
	// DefaultLockTTL is the lease of a refresh lock: how long a holder may
	// stay idle inside its transaction before PostgreSQL ends its session.
	DefaultLockTTL = 30 * time.Second
)

// Options configures a [Store]. The zero value is usable.
type Options struct {
	// Table is the (optionally schema-qualified) table name; empty means
	// [DefaultTable]. See [Store.Migration].
	Table string
	// LockTTL is the lease of a refresh lock; zero means [DefaultLockTTL].
	// It should exceed the longest token request.
	LockTTL time.Duration
	// Cipher, if set, encrypts tokens at rest (AES-GCM with the caller's
	// key, bound to the row's key).
	Cipher *auth.TokenCipher
}

// Store is an [auth.LockingStore] in PostgreSQL. It is safe for concurrent
// use.
type Store struct {
	pool   *pgxpool.Pool
	table  string // quoted identifier
	ttl    time.Duration
	cipher *auth.TokenCipher
}

var _ auth.LockingStore = (*Store)(nil)

// NewStore returns a Store using pool, which the caller keeps and closes.
// Each held refresh lock uses one pooled connection, and everything the
// refresh reads or writes goes through it; refreshes beyond the pool's
// size wait for a connection.
func NewStore(pool *pgxpool.Pool, opts Options) *Store {
	s := &Store{pool: pool, ttl: opts.LockTTL, cipher: opts.Cipher}
	if opts.Table == "" {
		opts.Table = DefaultTable
	}
	s.table = pgx.Identifier(splitIdent(opts.Table)).Sanitize()
	if s.ttl <= 0 {
		s.ttl = DefaultLockTTL
	}
	return s
}

func splitIdent(name string) []string {
	for i := 0; i < len(name); i++ {
		if name[i] == '.' {
			return []string{name[:i], name[i+1:]}
		}
	}
	return []string{name}
}

// Migration returns the SQL that creates the store's table if it does not
// exist, for a migration tool; [Store.Migrate] applies it.
func (s *Store) Migration() string {
	return "CREATE TABLE IF NOT EXISTS " + s.table + " (\n" +
		"\tkey        text PRIMARY KEY,\n" +
		"\ttoken      bytea NOT NULL,\n" +
		"\tupdated_at timestamptz NOT NULL DEFAULT now()\n" +
		");"
}

// Migrate applies [Store.Migration]. It is idempotent.
func (s *Store) Migrate(ctx context.Context) error {
	if _, err := s.pool.Exec(ctx, s.Migration()); err != nil {
		return fmt.Errorf("postgres: token store migrate: %w", err)
	}
	return nil
}

// Load returns the token saved under key, or (nil, nil) when there is none.
func (s *Store) Load(ctx context.Context, key string) (*oauth2.Token, error) {
	return s.load(ctx, s.pool, key)
}

// load reads key's row with q (the pool, or a held lock's transaction).
func (s *Store) load(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, key string) (*oauth2.Token, error) {
	var b []byte
	err := q.QueryRow(ctx, "SELECT token FROM "+s.table+" WHERE key = $1", key).Scan(&b)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: token store load: %w", err)
	}
	if s.cipher != nil {
		if b, err = s.cipher.Open(key, b); err != nil {
			return nil, fmt.Errorf("postgres: token store load: %w", err)
		}
	}
	tok, err := auth.DecodeToken(b)
	if err != nil {
		return nil, fmt.Errorf("postgres: token store load: %w", err)
	}
	return tok, nil
}

func (s *Store) encode(key string, tok *oauth2.Token) ([]byte, error) {
	b, err := auth.EncodeToken(tok)
	if err != nil {
		return nil, fmt.Errorf("postgres: token store save: %w", err)
	}
	if s.cipher != nil {
		b = s.cipher.Seal(key, b)
	}
	return b, nil
}

// save writes tok (nil: deletes) with exec.
func (s *Store) save(ctx context.Context, exec func(ctx context.Context, sql string, args ...any) error, key string, tok *oauth2.Token) error {
	if tok == nil {
		if err := exec(ctx, "DELETE FROM "+s.table+" WHERE key = $1", key); err != nil {
			return fmt.Errorf("postgres: token store delete: %w", err)
		}
		return nil
	}
	b, err := s.encode(key, tok)
	if err != nil {
		return err
	}
	err = exec(ctx, "INSERT INTO "+s.table+" (key, token, updated_at) VALUES ($1, $2, now()) "+
		"ON CONFLICT (key) DO UPDATE SET token = EXCLUDED.token, updated_at = now()", key, b)
	if err != nil {
		return fmt.Errorf("postgres: token store save: %w", err)
	}
	return nil
}

// Save stores tok under key (one row per key, upserted). A nil tok deletes
// the row.
func (s *Store) Save(ctx context.Context, key string, tok *oauth2.Token) error {
	return s.save(ctx, func(ctx context.Context, sql string, args ...any) error {
		_, err := s.pool.Exec(ctx, sql, args...)
		return err
	}, key, tok)
}

// lockID maps a key to the 64-bit advisory lock id: the first 8 bytes of
// its SHA-256.
func lockID(key string) int64 {
	sum := sha256.Sum256([]byte("hospitality-go token " + key))
	return int64(binary.BigEndian.Uint64(sum[:8]))
}

// Lock begins a transaction, bounds its idle time by LockTTL and takes
// the key's transaction-scoped advisory lock, waiting until ctx is done.
func (s *Store) Lock(ctx context.Context, key string) (auth.RefreshLock, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: token store lock: %w", err)
	}
	ms := s.ttl.Milliseconds()
	if _, err := tx.Exec(ctx, fmt.Sprintf("SET LOCAL idle_in_transaction_session_timeout = %d", ms)); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("postgres: token store lock: %w", err)
	}
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", lockID(key)); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("postgres: token store lock: %w", err)
	}
	return &lock{s: s, key: key, tx: tx}, nil
}

// lock is a held advisory lock and its transaction.
type lock struct {
	s   *Store
	key string

	mu sync.Mutex
	tx pgx.Tx // nil once committed or rolled back
}

// Load reads the key's row in the lock's transaction, on the connection
// the lock already holds.
func (l *lock) Load(ctx context.Context) (*oauth2.Token, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tx == nil {
		return nil, fmt.Errorf("postgres: token store load: %w", auth.ErrLockLost)
	}
	return l.s.load(ctx, l.tx, l.key)
}

// Save writes tok in the lock's transaction and commits it, which also
// releases the lock. A transaction PostgreSQL ended (lease passed, session
// gone) fails with an error matching [auth.ErrLockLost]: nothing is stored.
func (l *lock) Save(ctx context.Context, tok *oauth2.Token) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tx == nil {
		return fmt.Errorf("postgres: token store save: %w", auth.ErrLockLost)
	}
	tx := l.tx
	l.tx = nil
	err := l.s.save(ctx, func(ctx context.Context, sql string, args ...any) error {
		_, err := tx.Exec(ctx, sql, args...)
		return err
	}, l.key, tok)
	if err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return fmt.Errorf("%w (%w)", err, auth.ErrLockLost)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: token store save: commit: %w (%w)", err, auth.ErrLockLost)
	}
	return nil
}

// Unlock rolls the transaction back (releasing the lock) unless Save
// committed it.
func (l *lock) Unlock(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.tx == nil {
		return nil
	}
	tx := l.tx
	l.tx = nil
	if err := tx.Rollback(ctx); err != nil {
		return fmt.Errorf("postgres: token store unlock: %w", err)
	}
	return nil
}
