package redis_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	hredis "github.com/hospitality-sdk/hospitality-go/stores/redis"
	"github.com/hospitality-sdk/hospitality-go/transport"
	goredis "github.com/redis/go-redis/v9"
	"golang.org/x/oauth2"
)

// exampleRedisAddr is the redis-server TestMain started for the examples.
var exampleRedisAddr string

// Every worker of a fleet builds the same store and limiter over one
// Redis: its token sources refresh each connection once across the fleet,
// and its clients share the provider's rate limit and 429 pauses.
func Example() {
	rdb := goredis.NewClient(&goredis.Options{Addr: exampleRedisAddr})
	defer rdb.Close()
	ctx := context.Background()

	store := hredis.NewStore(rdb, hredis.StoreOptions{Prefix: "example:"})
	// The connection's token, saved earlier and now expired.
	_ = store.Save(ctx, "cloudbeds:client-abc", &oauth2.Token{AccessToken: "old", RefreshToken: "rt-1", Expiry: time.Now().Add(-time.Minute)})

	refreshes := 0
	ts := auth.NewCachedSource(nil, auth.CacheOptions{
		Provider: "cloudbeds", Key: "cloudbeds:client-abc", Store: store,
		Refresh: func(ctx context.Context, prev *oauth2.Token) (*oauth2.Token, error) {
			refreshes++ // a real source sends a refresh_token grant here
			return &oauth2.Token{AccessToken: "new", RefreshToken: "rt-2"}, nil
		},
	})
	tok, err := ts.Token()
	fmt.Println(tok.AccessToken, refreshes, err)

	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{}`) }))
	defer api.Close()
	client := transport.New(transport.Config{
		Profile:   transport.Profile{Name: "cloudbeds", RateLimit: transport.RateLimit{Limit: 5, Burst: 1}},
		RateLimit: transport.RateLimit{Limiter: hredis.NewLimiter(rdb, hredis.LimiterOptions{Prefix: "example:"})},
	})
	req, _ := http.NewRequest(http.MethodGet, api.URL, nil)
	resp, err := client.Do(req)
	if err == nil {
		resp.Body.Close()
		fmt.Println(resp.StatusCode)
	}
	// Output:
	// new 1 <nil>
	// 200
}
