package bench_test

import (
	"context"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
)

// Token benchmark parameters: how many goroutines start at once on a cold cache, and the
// simulated latency of the token endpoint (a real OAuth server is tens of milliseconds away, so
// every goroutine arrives while the first fetch is still in flight).
const (
	tokenGoroutines = 1000
	tokenLatency    = 20 * time.Millisecond
)

// tokenServer answers the Kobas token endpoint after tokenLatency and the venue list at once,
// counting token requests.
func tokenServer(tb testing.TB, tokenRequests *atomic.Int64) *httptest.Server {
	tb.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case kobasTokenPath:
			tokenRequests.Add(1)
			time.Sleep(tokenLatency)
			w.Write(kobasTokenBody)
		case kobasBase + "/venue":
			w.Write(venuesBody)
		default:
			http.NotFound(w, r)
		}
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// BenchmarkTokenColdCache starts 1000 goroutines at once on a cold token cache and measures the
// time until all of them hold a token (Source: the cached token source alone) or have completed
// an API call (Client: ListVenues through ConnectKobas). It reports the token requests the endpoint
// received per round, which must be 1, and fails otherwise. The token endpoint answers after
// 20ms, which is included in the time.
func BenchmarkTokenColdCache(b *testing.B) {
	ctx := context.Background()

	b.Run("Source", func(b *testing.B) {
		var tokenRequests atomic.Int64
		srv := tokenServer(b, &tokenRequests)
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		b.Cleanup(hc.CloseIdleConnections)
		rounds := 0
		for b.Loop() {
			src := auth.KobasTokenSource(ctx, auth.KobasConfig{
				ClientID: benchClientID, ClientSecret: benchClientSecret, CompanyID: benchCompanyID,
				TokenURL: srv.URL + kobasTokenPath, HTTPClient: hc,
			})
			stampede(b, func() error {
				_, err := src.TokenContext(ctx)
				return err
			})
			rounds++
		}
		reportTokens(b, tokenRequests.Load(), rounds)
	})

	b.Run("Client", func(b *testing.B) {
		var tokenRequests atomic.Int64
		srv := tokenServer(b, &tokenRequests)
		// A connection pool sized for a busy service; it also keeps the benchmark from
		// opening 1000 connections per round.
		base := http.DefaultTransport.(*http.Transport).Clone()
		base.MaxConnsPerHost, base.MaxIdleConnsPerHost = 64, 64
		b.Cleanup(base.CloseIdleConnections)
		rounds := 0
		for b.Loop() {
			c, err := kobas.New(hospitality.ConnectKobas(ctx, hospitality.KobasConfig{
				ClientID: benchClientID, ClientSecret: benchClientSecret, CompanyID: benchCompanyID,
				BaseURL: srv.URL + kobasBase, TokenURL: srv.URL + kobasTokenPath,
			}, hospitality.WithBaseTransport(base), noLimit))
			if err != nil {
				b.Fatal(err)
			}
			stampede(b, func() error {
				_, err := c.ListVenuesWithResponse(ctx)
				return err
			})
			rounds++
		}
		reportTokens(b, tokenRequests.Load(), rounds)
	})
}

// stampede runs call in tokenGoroutines goroutines released together and waits for all of them.
func stampede(b *testing.B, call func() error) {
	b.Helper()
	var (
		wg    sync.WaitGroup
		fails atomic.Int64
		first atomic.Value
	)
	start := make(chan struct{})
	for range tokenGoroutines {
		wg.Go(func() {
			<-start
			if err := call(); err != nil {
				fails.Add(1)
				first.CompareAndSwap(nil, err)
			}
		})
	}
	close(start)
	wg.Wait()
	if n := fails.Load(); n > 0 {
		b.Fatalf("%d of %d calls failed; first: %v", n, tokenGoroutines, first.Load())
	}
}

// reportTokens reports token requests per round and fails unless there was exactly one a round.
func reportTokens(b *testing.B, tokenRequests int64, rounds int) {
	b.Helper()
	if rounds == 0 {
		return
	}
	perRound := float64(tokenRequests) / float64(rounds)
	b.ReportMetric(perRound, "token-reqs/op")
	b.ReportMetric(tokenGoroutines, "calls/op")
	if tokenRequests != int64(rounds) {
		b.Errorf("token endpoint got %d requests in %d rounds of %d goroutines, want exactly 1 a round",
			tokenRequests, rounds, tokenGoroutines)
	}
}
