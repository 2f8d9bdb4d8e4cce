package hospitality

import (
	"github.com/hospitality-sdk/hospitality-go/transport"
	"github.com/hospitality-sdk/hospitality-go/wire"
)

// DecodeError is the error a typed call returns with its response when the provider's answer
// does not fully decode: the response keeps Body, HTTPResponse and every field that did decode,
// and the error names the operation, the JSON Pointer of the first bad value and a redacted
// excerpt. Use [errors.As]; never treat such a call as failed (the reservation exists).
type DecodeError = wire.DecodeError

// ParameterError is the error a typed call returns, before anything is sent, when a required
// path, query or header parameter is left at a zero value that cannot be valid: an empty string,
// a zero date or date-time, an empty list, or 0 for a number whose schema excludes it (never a
// boolean). It names the operation and the parameter as on the wire (filter[from] of
// cobot.GetSpaceExternalBookingsParams{}), is checked by every generated request builder of
// every API, and matches [ErrMissingParameter].
type ParameterError = wire.ParameterError

// ErrMissingParameter matches every [*ParameterError] with [errors.Is].
var ErrMissingParameter = wire.ErrMissingParameter

// ErrNotIncluded reports that a Cobot compound document does not include the resource a
// relationship names; the Included function of gen/cobot returns errors that wrap it.
var ErrNotIncluded = wire.ErrNotIncluded

// APIError is the error every provider's failed call unwraps to: status, provider error code and
// message, field errors, request id and the raw body with secrets redacted. Use [errors.As]:
//
//	var apiErr *hospitality.APIError
//	if errors.As(err, &apiErr) { log.Print(apiErr.StatusCode, apiErr.Code) }
type APIError = transport.APIError

// Sentinel errors for [errors.Is]; an [*APIError] matches the one for its status.
var (
	// ErrUnauthorized matches HTTP 401 (after the SDK's one refresh-and-retry).
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden matches HTTP 403, and Cloudbeds' success:false answers refusing access.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound matches HTTP 404, and Cloudbeds' success:false answers for unknown ids.
	ErrNotFound = transport.ErrNotFound
	// ErrConflict matches HTTP 409.
	ErrConflict = transport.ErrConflict
	// ErrRateLimited matches HTTP 429.
	ErrRateLimited = transport.ErrRateLimited
	// ErrPaymentRequired matches HTTP 402 (Cobot's missing paid add-on).
	ErrPaymentRequired = transport.ErrPaymentRequired
	// ErrValidation matches HTTP 400 and 422, answers carrying field errors, and Cloudbeds'
	// other success:false answers (Cloudbeds reports rejected requests with HTTP 200).
	ErrValidation = transport.ErrValidation
	// ErrConsentRequired matches answers saying the connection itself is gone (Cloudbeds:
	// "Application is not available to be connected…", "User who approved this connection is not
	// active anymore"): no refresh helps, the property owner must consent again.
	ErrConsentRequired = transport.ErrConsentRequired
	// ErrUnavailable matches HTTP 500, 502, 503 and 504, and a 403 whose body is an HTML page (or,
	// from Cloudbeds, empty): a firewall block or outage, not a refused credential.
	ErrUnavailable = transport.ErrUnavailable
	// ErrRedirect matches a 3xx answer: API calls never follow redirects, so credentials never
	// reach another host, scheme or port.
	ErrRedirect = transport.ErrRedirect
	// ErrResponseTooLarge is wrapped when an answer is longer than the client's limit (see
	// [WithMaxResponseBytes]).
	ErrResponseTooLarge = transport.ErrResponseTooLarge
	// ErrInsecureURL is wrapped when a request would leave over plain http for a host that is not
	// loopback.
	ErrInsecureURL = transport.ErrInsecureURL
	// ErrRetryAfterTooLong is wrapped when the provider asks for a longer wait than the retry
	// policy's MaxRetryAfter; the call returns at once instead of sending early.
	ErrRetryAfterTooLong = transport.ErrRetryAfterTooLong
	// ErrWaitExceedsDeadline is wrapped when a retry or rate-limit wait would end after the
	// context's deadline.
	ErrWaitExceedsDeadline = transport.ErrWaitExceedsDeadline
	// ErrRetryBudgetExhausted is wrapped when a call could be retried but the client's retry
	// budget is spent (the provider keeps failing).
	ErrRetryBudgetExhausted = transport.ErrRetryBudgetExhausted
)
