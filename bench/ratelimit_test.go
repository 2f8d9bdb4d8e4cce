package bench_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/time/rate"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// Rate limit benchmark parameters: Cobot's 60 requests per minute per user, scaled to 20 per
// second so that a round takes about three seconds.
const (
	rlLimit    = 20 // requests per window
	rlWindow   = time.Second
	rlRequests = 60 // requests per round
)

// windowLimiter is a fake Cobot rate limit: a fixed-window counter per credential, aligned to
// the clock (as Rack::Attack-style throttles count), answering 429 with Retry-After in whole
// seconds and a JSON:API error once a window's allowance is used.
type windowLimiter struct {
	mu       sync.Mutex
	window   int64 // index of the current window
	count    int
	accepted atomic.Int64
	rejected atomic.Int64
}

func (l *windowLimiter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	io.Copy(io.Discard, r.Body)
	now := time.Now().UnixNano() / int64(rlWindow)
	l.mu.Lock()
	if now != l.window {
		l.window, l.count = now, 0
	}
	l.count++
	over := l.count > rlLimit
	l.mu.Unlock()
	w.Header().Set("Content-Type", "application/vnd.api+json")
	if over {
		l.rejected.Add(1)
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		io.WriteString(w, `{"errors":[{"title":"Too Many Requests","detail":"Rate limit exceeded, retry later."}]}`)
		return
	}
	l.accepted.Add(1)
	io.WriteString(w, `{"data":{"id":"u-1","type":"users","attributes":{"email":"bench@example.com"}}}`)
}

// BenchmarkRateLimit sends 60 sequential calls through one Cobot client whose client-side limit
// is set to the fake's limit (20 per second, burst 1) and reports the throughput achieved as a
// share of the limit (limit-%: (calls-1)/elapsed/limit, 100 when every gap is exactly one
// interval) and the 429 answers received (target: at least 95 and 0).
func BenchmarkRateLimit(b *testing.B) {
	lim := &windowLimiter{}
	srv := httptest.NewServer(lim)
	b.Cleanup(srv.Close)
	// A credential of its own, so no other client in the process shares its limiter.
	token := fmt.Sprintf("bench-rl-%d", time.Now().UnixNano())
	doer := transport.New(transport.Config{
		Profile:   transport.Profile{Name: "cobot"},
		Authorize: auth.Bearer(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})),
		RateLimit: transport.RateLimit{Limit: rate.Limit(rlLimit / rlWindow.Seconds()), Burst: 1},
	})
	ctx := context.Background()
	var elapsed time.Duration
	rounds := 0
	for b.Loop() {
		start := time.Now()
		for range rlRequests {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/user", nil)
			if err != nil {
				b.Fatal(err)
			}
			resp, err := doer.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		elapsed += time.Since(start)
		rounds++
	}
	perRound := elapsed.Seconds() / float64(rounds)
	achieved := float64(rlRequests-1) / perRound
	b.ReportMetric(100*achieved/(rlLimit/rlWindow.Seconds()), "limit-%")
	b.ReportMetric(achieved, "req/s")
	b.ReportMetric(float64(lim.rejected.Load())/float64(rounds), "429s/op")
}
