package postgres_test

import (
	"context"
	"fmt"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/stores/postgres"
	"github.com/jackc/pgx/v5/pgxpool"
	"golang.org/x/oauth2"
)

// examplePostgresDSN is the server TestMain started for the examples.
var examplePostgresDSN string

// A fleet's workers share tokens through one table: apply the migration
// once (or print Migration for your migration tool), then use the store as
// any auth.TokenStore.
func Example() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, examplePostgresDSN)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer pool.Close()
	store := postgres.NewStore(pool, postgres.Options{Table: "example_tokens"})
	if err := store.Migrate(ctx); err != nil {
		fmt.Println(err)
		return
	}
	_ = store.Save(ctx, "cloudbeds:client-abc", &oauth2.Token{AccessToken: "old", RefreshToken: "rt-1", Expiry: time.Now().Add(-time.Minute)})

	ts := auth.NewCachedSource(nil, auth.CacheOptions{
		Provider: "cloudbeds", Key: "cloudbeds:client-abc", Store: store,
		Refresh: func(ctx context.Context, prev *oauth2.Token) (*oauth2.Token, error) {
			return &oauth2.Token{AccessToken: "new", RefreshToken: "rt-2"}, nil
		},
	})
	tok, err := ts.Token()
	fmt.Println(tok.AccessToken, err)
	saved, _ := store.Load(ctx, "cloudbeds:client-abc")
	fmt.Println(saved.RefreshToken)
	fmt.Println(store.Migration())
	// Output:
	// new <nil>
	// rt-2
	// CREATE TABLE IF NOT EXISTS "example_tokens" (
	// 	key        text PRIMARY KEY,
	// 	token      bytea NOT NULL,
	// 	updated_at timestamptz NOT NULL DEFAULT now()
	// );
}
