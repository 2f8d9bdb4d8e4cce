// Package transport is the HTTP chain every provider client of the SDK sends
// its requests through. It knows no provider: what is particular to an API
// (name, default rate limits, error decoding and classification, a success
// member in 2xx answers, fixed headers) comes in a [Profile], which the root
// package defines next to each API's constructor. A [Client] is an
// HttpRequestDoer for oapi-codegen's generated clients; for each request it
//
//   - sets static headers, the User-Agent and per-request headers from the
//     context ([WithHeader], [WithIdempotencyKey]);
//   - refuses plain http except to loopback hosts and never follows
//     redirects, so credentials stay with the configured host;
//   - applies [Config.Authorize] on every attempt, and after a 401 (or an
//     answer the profile marks [ErrUnauthorized]) calls [Config.Reauthorize]
//     and retries exactly once with fresh credentials;
//   - waits for the client-side rate limits of the API and credential
//     ([RateLimit], [Profile.RateLimit]) and pauses a credential after a 429;
//   - bounds each attempt with [Config.Timeout] inside the caller's context;
//   - runs the user's [Middleware] around each attempt;
//   - retries transient failures of requests that are safe to repeat, with
//     exponential backoff, full jitter, Retry-After and a retry budget
//     ([RetryPolicy]);
//   - bounds successful bodies to [Config.MaxResponseBytes];
//   - turns every failure answer, including a [Profile.SuccessMember] set to
//     false on HTTP 200, into an [*APIError] that works with errors.As and
//     errors.Is ([ErrNotFound], [ErrRateLimited], ...);
//   - logs one redacted record per attempt to [Config.Logger].
//
// Credentials (Authorization, x-api-key, cookies, client_secret,
// access_token, refresh_token, code, code_verifier, password, id_token, ...)
// are redacted from every URL, header, body excerpt, error and log record
// the package produces, and so are the exact credential values each request
// carried, however an answer echoes them.
//
// The package depends only on the standard library and golang.org/x/time;
// the SDK's auth and generated packages plug into it through plain function
// values.
package transport
