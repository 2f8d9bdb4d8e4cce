package transport

import (
	"context"
	"net/http"
	"time"
)

// Observer is told what [Client.Do] does, for tracing and metrics: one call
// per Do, and within it every attempt, every retry wait and every rate-limit
// wait. It sees no credential: requests are passed before authorization,
// errors are the redacted ones Do returns. A nil Observer costs nothing.
//
// The SDK's OpenTelemetry adapter implements it; any other can. Its methods
// must be safe for concurrent use and return quickly.
type Observer interface {
	// StartCall is called when Do begins. It returns the context the call
	// continues in (for example one carrying a span, so the attempts'
	// outgoing requests carry it too) and the observer of this call, which
	// may be nil.
	StartCall(ctx context.Context, call CallInfo) (context.Context, CallObserver)
}

// CallInfo names a call for an [Observer].
type CallInfo struct {
	// Provider is the profile's name, for example "shop".
	Provider Provider
	// Operation is the operation's id as [WithOperation] set it on the
	// context, or "".
	Operation string
	// Request is the caller's request, before authorization: it carries no
	// credential the transport adds. Observers must not modify it.
	Request *http.Request
}

type operationKey struct{}

// WithOperation returns a copy of ctx naming the operation a request
// performs (the spec's operationId, e.g. "getReservations"), for observers
// and logs.
func WithOperation(ctx context.Context, operationID string) context.Context {
	return context.WithValue(ctx, operationKey{}, operationID)
}

// OperationFrom returns the operation id [WithOperation] stored in ctx, or "".
func OperationFrom(ctx context.Context) string {
	s, _ := ctx.Value(operationKey{}).(string)
	return s
}

// CallObserver observes one call of [Client.Do].
type CallObserver interface {
	// Attempt is called once per attempt, after its answer or failure.
	Attempt(AttemptEvent)
	// RateLimitWait is called when an attempt waited for the client-side
	// rate limit (or a 429 pause of its credential) before it was sent.
	RateLimitWait(wait time.Duration)
	// End is called once, when Do returns.
	End(CallEvent)
}

// AttemptEvent describes one attempt of a call.
type AttemptEvent struct {
	// Attempt is the attempt's number, from 1; the resend after a refused
	// credential keeps the number of the attempt it repeats.
	Attempt int
	// Status is the HTTP status of the answer, 0 when none came.
	Status int
	// Duration is how long the attempt took, from sending to the answer.
	Duration time.Duration
	// RequestID is the provider's request id, if the answer had one.
	RequestID string
	// Err is the attempt's failure (redacted), nil for a success.
	Err error
	// Retry reports that Do waits RetryWait and tries again; RetryAfter is
	// the wait the provider asked for, if any.
	Retry      bool
	RetryWait  time.Duration
	RetryAfter time.Duration
	// Reauthorize reports that the credential was refused and Do sends the
	// request once more with a fresh one.
	Reauthorize bool
}

// CallEvent describes the end of a call.
type CallEvent struct {
	// Status is the HTTP status of the last answer, 0 when none came.
	Status int
	// Attempts is how many attempts were sent.
	Attempts int
	// Err is what Do returned (redacted), nil for a success.
	Err error
}

// observed wraps Do for an observer.
func (c *Client) observed(req *http.Request) (*http.Response, error) {
	ctx, obs := c.observer.StartCall(req.Context(), CallInfo{Provider: c.provider, Operation: OperationFrom(req.Context()), Request: req})
	if obs == nil {
		return c.do(req, nil)
	}
	if ctx != req.Context() {
		req = req.WithContext(ctx)
	}
	st := &callState{obs: obs}
	resp, err := c.do(req, st)
	ev := CallEvent{Status: st.status, Attempts: st.attempts, Err: err}
	if resp != nil {
		ev.Status = resp.StatusCode
	}
	obs.End(ev)
	return resp, err
}

// callState is what an observed call records across its attempts.
type callState struct {
	obs      CallObserver
	attempts int // attempts sent
	status   int // status of the last answer
}

// observeAttempt reports one attempt to the call's observer, if any.
func (c *Client) observeAttempt(st *callState, a attemptInfo) {
	if st == nil {
		return
	}
	if a.status != 0 {
		st.status = a.status
	}
	ev := AttemptEvent{Attempt: a.attempt, Status: a.status, RequestID: a.reqID, Err: a.err,
		Retry: a.retrying, RetryWait: a.wait, RetryAfter: a.retryAfter, Reauthorize: a.reauth}
	if !a.start.IsZero() {
		ev.Duration = c.now().Sub(a.start)
	}
	st.obs.Attempt(ev)
}
