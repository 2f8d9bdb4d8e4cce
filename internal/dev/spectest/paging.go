package spectest

import (
	"context"
	"iter"
	"net/http"
	"slices"
	"sync"
)

// Helpers shared by the paging tests of the generated clients: a request log for fakes, an
// iterator drain, the expected id ranges, a doer that starts failing, and a credential editor.

// RequestLog records one string per request a fake received (typically its query). The zero
// value is ready to use; its methods are safe for concurrent use.
type RequestLog struct {
	mu      sync.Mutex
	entries []string
}

// Add records entry.
func (l *RequestLog) Add(entry string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, entry)
}

// Requests returns a copy of the recorded entries, in the order they were added.
func (l *RequestLog) Requests() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.entries)
}

// Drain ranges over seq to its end and returns key of every value it yielded and every error,
// each in order. An error does not stop the drain: the iterator decides whether to go on.
func Drain[T, K any](seq iter.Seq2[T, error], key func(T) K) (keys []K, errs []error) {
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		keys = append(keys, key(v))
	}
	return keys, errs
}

// Span returns the integers from to to, inclusive; nil when to is less than from.
func Span[N ~int | ~int64](from, to N) []N {
	var out []N
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

// FailingDoer is an HTTP request doer (the generated clients' HttpRequestDoer) that sends the
// first OK requests through [http.DefaultClient] and fails every later one with Err. It is safe
// for concurrent use.
type FailingDoer struct {
	mu sync.Mutex
	// OK is how many requests are sent before the failures start.
	OK int
	// Err is the error returned for the failing requests.
	Err error
}

// Do sends req, or returns d.Err once OK requests have been sent.
func (d *FailingDoer) Do(req *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.OK--
	fail := d.OK < 0
	d.mu.Unlock()
	if fail {
		return nil, d.Err
	}
	return http.DefaultClient.Do(req)
}

// Headers returns a request editor, with the signature of every generated client's
// RequestEditorFn, that sets the given headers on each request. kv holds name and value pairs,
// e.g. Headers("Authorization", "Bearer synthetic-token"); an odd count panics.
func Headers(kv ...string) func(context.Context, *http.Request) error {
	if len(kv)%2 != 0 {
		panic("spectest: Headers needs name and value pairs")
	}
	kv = slices.Clone(kv)
	return func(_ context.Context, req *http.Request) error {
		for i := 0; i < len(kv); i += 2 {
			req.Header.Set(kv[i], kv[i+1])
		}
		return nil
	}
}
