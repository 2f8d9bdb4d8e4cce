package hospitality

import "github.com/hospitality-sdk/hospitality-go/transport"

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
)
