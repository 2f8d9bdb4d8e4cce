package transport

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"time"
)

// attemptInfo is what one log record says about one attempt.
type attemptInfo struct {
	attempt  int
	status   int
	start    time.Time // when the attempt was sent; zero when no logger was set then
	reqID    string
	err      error
	wait     time.Duration
	retrying bool
	reauth   bool
	// retryAfter is the wait the provider asked for, when retrying after it.
	retryAfter time.Duration
}

// logAttempt writes one Debug record for an attempt to the configured
// logger: provider, method, host, path, redacted query and request headers,
// status, duration, attempt number, request id, the retry wait and the
// error. Credentials never reach the record: URLs, headers and error text
// are redacted.
func (c *Client) logAttempt(ctx context.Context, at *attempt, a attemptInfo) {
	c.observeAttempt(at.call, a)
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	r := &at.req
	sec := c.secrets(at)
	attrs := make([]slog.Attr, 0, 14)
	attrs = append(attrs,
		slog.String("provider", string(c.provider)),
		slog.String("method", methodName(r.Method)),
		slog.String("host", r.URL.Host),
		slog.String("path", r.URL.Path),
	)
	if r.URL.RawQuery != "" {
		attrs = append(attrs, slog.String("query", redactQuery(r.URL.RawQuery)))
	}
	attrs = append(attrs, slog.Int("attempt", a.attempt))
	if a.status != 0 {
		attrs = append(attrs, slog.Int("status", a.status))
	}
	attrs = append(attrs, slog.Duration("duration", c.now().Sub(a.start)))
	if a.reqID != "" {
		attrs = append(attrs, slog.String("request_id", a.reqID))
	}
	if a.retrying {
		attrs = append(attrs, slog.Duration("retry_wait", a.wait))
	}
	if a.reauth {
		attrs = append(attrs, slog.Bool("reauthorize", true))
	}
	if a.err != nil {
		attrs = append(attrs, slog.String("error", sec.scrubString(a.err.Error())))
	}
	attrs = append(attrs, slog.Any("request_header", headerValue(sec.scrubHeader(r.Header))))
	c.logger.LogAttrs(ctx, slog.LevelDebug, "transport: attempt", attrs...)
}

// headerValue renders a header as a slog group, one attribute per name.
func headerValue(h http.Header) slog.Value {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	attrs := make([]slog.Attr, 0, len(h))
	for _, k := range keys {
		vs := h[k]
		if len(vs) == 1 {
			attrs = append(attrs, slog.String(k, vs[0]))
			continue
		}
		attrs = append(attrs, slog.Any(k, vs))
	}
	return slog.GroupValue(attrs...)
}
