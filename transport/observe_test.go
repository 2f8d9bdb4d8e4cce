package transport

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// recordingObserver writes every event of every call as a line.
type recordingObserver struct {
	mu     sync.Mutex
	events []string
}

func (o *recordingObserver) add(format string, args ...any) {
	o.mu.Lock()
	o.events = append(o.events, fmt.Sprintf(format, args...))
	o.mu.Unlock()
}

type ctxKey struct{}

func (o *recordingObserver) StartCall(ctx context.Context, call CallInfo) (context.Context, CallObserver) {
	req := call.Request
	o.add("start %s %s %s %s auth=%q", call.Provider, call.Operation, req.Method, req.URL.Path, req.Header.Get("Authorization"))
	return context.WithValue(ctx, ctxKey{}, "span"), callRecorder{o}
}

type callRecorder struct{ o *recordingObserver }

func (c callRecorder) Attempt(e AttemptEvent) {
	c.o.add("attempt %d status %d retry=%v wait=%v after=%v reauth=%v err=%v", e.Attempt, e.Status, e.Retry, e.RetryWait, e.RetryAfter, e.Reauthorize, e.Err != nil)
}
func (c callRecorder) RateLimitWait(d time.Duration) { c.o.add("rate limit wait %v", d) }
func (c callRecorder) End(e CallEvent) {
	c.o.add("end status %d attempts %d err=%v", e.Status, e.Attempts, e.Err != nil)
}

// TestObserver checks what an Observer is told of a call with two retries (one after a
// Retry-After) and a refused token, and that the attempts carry the observer's context.
func TestObserver(t *testing.T) {
	var calls atomic.Int32
	var sawSpan atomic.Int32
	srv := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			w.WriteHeader(http.StatusServiceUnavailable)
		case 2:
			w.Header().Set("Retry-After", "2")
			w.WriteHeader(http.StatusTooManyRequests)
		case 3:
			w.WriteHeader(http.StatusUnauthorized)
		default:
			io.WriteString(w, "ok")
		}
	})
	obs := &recordingObserver{}
	c, _ := newTestClient(t, Config{
		Profile:  Octotable,
		Observer: obs,
		Authorize: func(ctx context.Context, r *http.Request) error {
			if ctx.Value(ctxKey{}) == "span" {
				sawSpan.Add(1)
			}
			r.Header.Set("Authorization", "Bearer "+secretToken)
			return nil
		},
		Reauthorize: func(context.Context, *http.Request) error { return nil },
		Retry:       RetryPolicy{MaxAttempts: 3},
	})
	resp, err := c.Do(mustRequest(t, WithOperation(context.Background(), "listReservations"), http.MethodGet, srv.URL+"/v2/reservations", nil))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	want := []string{
		`start octotable listReservations GET /v2/reservations auth=""`,
		"attempt 1 status 503 retry=true wait=499.999999ms after=0s reauth=false err=true",
		"attempt 2 status 429 retry=true wait=2s after=2s reauth=false err=true",
		"attempt 3 status 401 retry=false wait=0s after=0s reauth=true err=true",
		"attempt 3 status 200 retry=false wait=0s after=0s reauth=false err=false",
		"end status 200 attempts 4 err=false",
	}
	// The 429 pauses the credential for its Retry-After: the next attempt may report a wait.
	var got []string
	for _, e := range obs.events {
		if len(e) > 15 && e[:15] == "rate limit wait" {
			continue
		}
		got = append(got, e)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("events:\n%s\nwant:\n%s", joinLines(got), joinLines(want))
	}
	if sawSpan.Load() != 4 {
		t.Errorf("attempts with the observer's context = %d, want 4", sawSpan.Load())
	}
}

func joinLines(ss []string) string {
	var out string
	for _, s := range ss {
		out += "  " + s + "\n"
	}
	return out
}
