// Package otelhospitality reports the SDK's calls to OpenTelemetry: a span per logical call,
// named after the API and operation ("cloudbeds.getReservations"), with an event per attempt,
// retry wait and rate-limit wait, a child span per token fetch or refresh ("kobas token"), and
// metrics for call duration, attempts, retries, 429 answers, limiter waits and token fetches.
// It lives in a module of its own so that the SDK's core pulls in no OpenTelemetry code for
// users who do not want it.
//
// The operation is the context's ([transport.WithOperation]) or the one of the SDK's spec whose
// path template the request's path ends with.
//
// Plug it into any constructor:
//
//	c, err := kobas.New(hospitality.ConnectKobas(ctx, cfg, otelhospitality.Option()))
//
// With no options it uses the global tracer and meter providers (otel.GetTracerProvider,
// otel.GetMeterProvider); pass [WithTracerProvider] and [WithMeterProvider] to choose others.
// Attributes follow the OpenTelemetry HTTP client semantic conventions (http.request.method,
// server.address, server.port, url.full, http.response.status_code, error.type) plus
// hospitality.provider, hospitality.operation, hospitality.attempts and
// hospitality.request_id.
//
// Token fetches are reported through [auth.TokenObserver], which [Observer] implements: inside a
// call the Observer puts itself into the call's context, so a fetch made for the call (the first
// one, or the refresh after a 401) is a child span of the call's span. A fetch made outside any
// call is a root span when its context carries the Observer ([auth.WithTokenObserver]). Token
// spans carry hospitality.provider, hospitality.token.grant (client_credentials,
// refresh_token, authorization_code), hospitality.outcome and error.type.
//
// No credential ever reaches an attribute: the request is observed before authorization, its
// URL is redacted, errors are the SDK's redacted ones and are reported by class only, and a
// token fetch is reported by its provider, grant and outcome, never its token or secrets.
package otelhospitality

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	hospitality "github.com/hospitality-sdk/hospitality-go"
	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// ScopeName is the instrumentation scope of the tracer and meter.
const ScopeName = "github.com/hospitality-sdk/hospitality-go/otelhospitality"

// An ObserverOption configures [NewObserver].
type ObserverOption func(*config)

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets the tracer provider; the default is the global one.
func WithTracerProvider(tp trace.TracerProvider) ObserverOption {
	return func(c *config) { c.tp = tp }
}

// WithMeterProvider sets the meter provider; the default is the global one.
func WithMeterProvider(mp metric.MeterProvider) ObserverOption {
	return func(c *config) { c.mp = mp }
}

// Observer is a [transport.Observer] and an [auth.TokenObserver] reporting to OpenTelemetry. It
// is safe for concurrent use; share one across clients.
type Observer struct {
	tracer        trace.Tracer
	duration      metric.Float64Histogram
	attempts      metric.Int64Counter
	retries       metric.Int64Counter
	limited       metric.Int64Counter
	limiterDur    metric.Float64Histogram
	tokenFetches  metric.Int64Counter
	tokenFailures metric.Int64Counter
	tokenDur      metric.Float64Histogram
}

var (
	_ transport.Observer = (*Observer)(nil)
	_ auth.TokenObserver = (*Observer)(nil)
)

// NewObserver returns an Observer for the configured (or global) providers. It fails only when
// an instrument cannot be created.
func NewObserver(opts ...ObserverOption) (*Observer, error) {
	c := config{}
	for _, o := range opts {
		o(&c)
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.mp == nil {
		c.mp = otel.GetMeterProvider()
	}
	m := c.mp.Meter(ScopeName)
	o := &Observer{tracer: c.tp.Tracer(ScopeName)}
	var errs []error
	var err error
	o.duration, err = m.Float64Histogram("hospitality.client.call.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of logical SDK calls, retries and waits included."))
	errs = append(errs, err)
	o.attempts, err = m.Int64Counter("hospitality.client.attempts", metric.WithUnit("{attempt}"),
		metric.WithDescription("HTTP attempts sent."))
	errs = append(errs, err)
	o.retries, err = m.Int64Counter("hospitality.client.retries", metric.WithUnit("{retry}"),
		metric.WithDescription("Retries, by reason."))
	errs = append(errs, err)
	o.limited, err = m.Int64Counter("hospitality.client.rate_limited", metric.WithUnit("{response}"),
		metric.WithDescription("HTTP 429 answers received."))
	errs = append(errs, err)
	o.limiterDur, err = m.Float64Histogram("hospitality.client.rate_limit.wait", metric.WithUnit("s"),
		metric.WithDescription("Time spent waiting for the client-side rate limit."))
	errs = append(errs, err)
	o.tokenFetches, err = m.Int64Counter("hospitality.client.token.fetches", metric.WithUnit("{fetch}"),
		metric.WithDescription("Token fetches and refreshes, by provider, grant and outcome."))
	errs = append(errs, err)
	o.tokenFailures, err = m.Int64Counter("hospitality.client.token.failures", metric.WithUnit("{fetch}"),
		metric.WithDescription("Failed token fetches and refreshes, by provider, grant and error class."))
	errs = append(errs, err)
	o.tokenDur, err = m.Float64Histogram("hospitality.client.token.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of token fetches and refreshes."))
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("otelhospitality: instruments: %w", err)
	}
	return o, nil
}

// Option returns a [hospitality.Option] that reports the client's calls to a new Observer. It
// panics only if the providers cannot create the instruments (never with the SDK's providers).
func Option(opts ...ObserverOption) hospitality.Option {
	o, err := NewObserver(opts...)
	if err != nil {
		panic(err)
	}
	return hospitality.WithObserver(o)
}

// StartCall implements [transport.Observer].
func (o *Observer) StartCall(ctx context.Context, call transport.CallInfo) (context.Context, transport.CallObserver) {
	req := call.Request
	if call.Operation == "" {
		call.Operation = operationID(string(call.Provider), req)
	}
	name := string(call.Provider)
	if call.Operation != "" {
		name += "." + call.Operation
	} else {
		name += " " + method(req)
	}
	attrs := []attribute.KeyValue{
		attribute.String("hospitality.provider", string(call.Provider)),
		attribute.String("http.request.method", method(req)),
	}
	if call.Operation != "" {
		attrs = append(attrs, attribute.String("hospitality.operation", call.Operation))
	}
	if req.URL != nil {
		host, port := req.URL.Hostname(), req.URL.Port()
		if port == "" {
			port = map[string]string{"https": "443", "http": "80"}[req.URL.Scheme]
		}
		attrs = append(attrs, attribute.String("server.address", host), attribute.String("url.full", transport.RedactURL(req.URL)))
		if p, err := strconv.Atoi(port); err == nil {
			attrs = append(attrs, attribute.Int("server.port", p))
		}
	}
	ctx, span := o.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	if auth.TokenObserverFrom(ctx) == nil {
		// Token fetches made for this call become child spans of its span. A token observer
		// the caller chose is left in place.
		ctx = auth.WithTokenObserver(ctx, o)
	}
	base := []attribute.KeyValue{attribute.String("hospitality.provider", string(call.Provider))}
	if call.Operation != "" {
		base = append(base, attribute.String("hospitality.operation", call.Operation))
	}
	return ctx, &callObserver{o: o, ctx: ctx, span: span, start: time.Now(), attrs: base}
}

// callObserver reports one call.
type callObserver struct {
	o     *Observer
	ctx   context.Context
	span  trace.Span
	start time.Time
	attrs []attribute.KeyValue
	reqID string
}

// Attempt implements [transport.CallObserver].
func (c *callObserver) Attempt(e transport.AttemptEvent) {
	set := metric.WithAttributes(c.attrs...)
	c.o.attempts.Add(c.ctx, 1, set)
	ev := []attribute.KeyValue{attribute.Int("hospitality.attempt", e.Attempt)}
	if e.Status != 0 {
		ev = append(ev, attribute.Int("http.response.status_code", e.Status))
	}
	if e.Duration > 0 {
		ev = append(ev, attribute.Float64("hospitality.attempt.duration", e.Duration.Seconds()))
	}
	if e.Err != nil {
		ev = append(ev, attribute.String("error.type", errorType(e.Err)))
	}
	if e.RequestID != "" {
		c.reqID = e.RequestID
	}
	if e.Status == http.StatusTooManyRequests {
		c.o.limited.Add(c.ctx, 1, set)
	}
	c.span.AddEvent("attempt", trace.WithAttributes(ev...))
	switch {
	case e.Reauthorize:
		c.span.AddEvent("reauthorize", trace.WithAttributes(attribute.Int("http.response.status_code", e.Status)))
		c.o.retries.Add(c.ctx, 1, metric.WithAttributes(append(c.attrs, attribute.String("hospitality.retry.reason", "reauthorize"))...))
	case e.Retry:
		reason := retryReason(e)
		w := []attribute.KeyValue{attribute.String("hospitality.retry.reason", reason), attribute.Float64("hospitality.retry.wait", e.RetryWait.Seconds())}
		if e.RetryAfter > 0 {
			w = append(w, attribute.Float64("hospitality.retry_after", e.RetryAfter.Seconds()))
		}
		c.span.AddEvent("retry_wait", trace.WithAttributes(w...))
		c.o.retries.Add(c.ctx, 1, metric.WithAttributes(append(c.attrs, attribute.String("hospitality.retry.reason", reason))...))
	}
}

// RateLimitWait implements [transport.CallObserver].
func (c *callObserver) RateLimitWait(d time.Duration) {
	c.span.AddEvent("rate_limit_wait", trace.WithAttributes(attribute.Float64("hospitality.rate_limit.wait", d.Seconds())))
	c.o.limiterDur.Record(c.ctx, d.Seconds(), metric.WithAttributes(c.attrs...))
}

// End implements [transport.CallObserver].
func (c *callObserver) End(e transport.CallEvent) {
	outcome := "ok"
	attrs := []attribute.KeyValue{attribute.Int("hospitality.attempts", e.Attempts)}
	if e.Status != 0 {
		attrs = append(attrs, attribute.Int("http.response.status_code", e.Status))
	}
	if c.reqID != "" {
		attrs = append(attrs, attribute.String("hospitality.request_id", c.reqID))
	}
	if e.Err != nil {
		outcome = errorType(e.Err)
		attrs = append(attrs, attribute.String("error.type", outcome))
		c.span.SetStatus(codes.Error, outcome)
	}
	c.span.SetAttributes(attrs...)
	c.span.End()
	c.o.duration.Record(c.ctx, time.Since(c.start).Seconds(),
		metric.WithAttributes(append(c.attrs, attribute.String("hospitality.outcome", outcome))...))
}

// StartTokenFetch implements [auth.TokenObserver]: a client span named "<provider> token", the
// child of the call's span when the fetch is made for a call, and the hospitality.client.token.*
// metrics.
func (o *Observer) StartTokenFetch(ctx context.Context, f auth.TokenFetch) (context.Context, func(auth.TokenFetchResult)) {
	provider := f.Provider
	if provider == "" {
		provider = "unknown"
	}
	attrs := []attribute.KeyValue{attribute.String("hospitality.provider", provider)}
	if f.Grant != "" {
		attrs = append(attrs, attribute.String("hospitality.token.grant", f.Grant))
	}
	ctx, span := o.tracer.Start(ctx, provider+" token", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(attrs...))
	start := time.Now()
	return ctx, func(r auth.TokenFetchResult) {
		outcome := "ok"
		if r.Err != nil {
			outcome = errorType(r.Err)
			span.SetAttributes(attribute.String("error.type", outcome))
			span.SetStatus(codes.Error, outcome)
			o.tokenFailures.Add(ctx, 1, metric.WithAttributes(append(attrs, attribute.String("error.type", outcome))...))
		}
		span.SetAttributes(attribute.String("hospitality.outcome", outcome))
		span.End()
		set := metric.WithAttributes(append(attrs, attribute.String("hospitality.outcome", outcome))...)
		o.tokenFetches.Add(ctx, 1, set)
		o.tokenDur.Record(ctx, time.Since(start).Seconds(), set)
	}
}

// sentinels name the error classes of the SDK, most specific first.
var sentinels = []struct {
	err  error
	name string
}{
	{hospitality.ErrConsentRequired, "consent_required"},
	{hospitality.ErrUnavailable, "unavailable"},
	{hospitality.ErrRateLimited, "rate_limited"},
	{hospitality.ErrRetryAfterTooLong, "retry_after_too_long"},
	{hospitality.ErrWaitExceedsDeadline, "deadline"},
	{hospitality.ErrRetryBudgetExhausted, "retry_budget_exhausted"},
	{hospitality.ErrResponseTooLarge, "response_too_large"},
	{hospitality.ErrInsecureURL, "insecure_url"},
	{hospitality.ErrRedirect, "redirect"},
	{hospitality.ErrUnauthorized, "unauthorized"},
	{hospitality.ErrForbidden, "forbidden"},
	{hospitality.ErrNotFound, "not_found"},
	{hospitality.ErrConflict, "conflict"},
	{hospitality.ErrPaymentRequired, "payment_required"},
	{hospitality.ErrValidation, "validation"},
	{auth.ErrCloudbedsAuthorizationRequired, "authorization_required"},
	{auth.ErrCobotAuthorizationRequired, "authorization_required"},
	{context.DeadlineExceeded, "timeout"},
	{context.Canceled, "canceled"},
}

// errorType classifies err for error.type: the SDK's sentinel, the status code of an API error
// that matches none, a token endpoint's OAuth error code ("invalid_client") or status, a
// configuration error, or the Go type of anything else. It never includes the error's text.
func errorType(err error) string {
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.name
		}
	}
	var apiErr *hospitality.APIError
	if errors.As(err, &apiErr) {
		return strconv.Itoa(apiErr.StatusCode)
	}
	var tokErr *auth.TokenError
	if errors.As(err, &tokErr) {
		if oauthCode.MatchString(tokErr.Code) {
			return tokErr.Code
		}
		return "token_http_" + strconv.Itoa(tokErr.StatusCode)
	}
	var cfgErr *auth.ConfigError
	if errors.As(err, &cfgErr) {
		return "config"
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return "network"
	}
	return reflect.TypeOf(err).String()
}

// oauthCode matches the error codes of RFC 6749 and their like ("invalid_grant"): short, lower
// case and underscores, so a provider's free text never becomes an attribute value.
var oauthCode = regexp.MustCompile(`^[a-z][a-z_]{2,39}$`)

// retryReason names why an attempt is retried.
func retryReason(e transport.AttemptEvent) string {
	switch {
	case e.Status == http.StatusTooManyRequests:
		return "rate_limited"
	case e.Status >= 500:
		return "status_" + strconv.Itoa(e.Status)
	case e.Status == 0:
		return "network"
	}
	return "status_" + strconv.Itoa(e.Status)
}

// method returns the request's method, GET when empty.
func method(r *http.Request) string {
	if r.Method == "" {
		return http.MethodGet
	}
	return r.Method
}
