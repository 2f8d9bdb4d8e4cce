package wire

import "errors"

// ErrMissingParameter is wrapped by every [*ParameterError]: a request was
// built without a parameter its operation requires, and nothing was sent.
var ErrMissingParameter = errors.New("missing required parameter")

// ParameterError is the client-side failure of a generated request builder
// (New<Op>Request) called with a required path, query or header parameter
// left at a zero value that cannot be valid: an empty string, a zero date or
// date-time, an empty list, or 0 for a number whose schema excludes 0 (a
// minimum above 0, or an enum without 0). Booleans are never checked, nor
// numbers for which 0 is valid. Such a request is never sent: the typed call
// returns this error instead of, say, filter[from]=0001-01-01T00:00:00Z.
// It matches [ErrMissingParameter] with [errors.Is].
//
//	_, err := c.GetSpaceExternalBookingsWithResponse(ctx, spaceID, &cobot.GetSpaceExternalBookingsParams{})
//	var pe *wire.ParameterError
//	if errors.As(err, &pe) {
//		log.Printf("set %s (%s) before calling %s", pe.Name, pe.In, pe.Operation)
//	}
type ParameterError struct {
	// Operation is the provider's own operationId of the call, as in the spec
	// (for example "getReservations" or "get-space-external-bookings").
	Operation string
	// Name is the parameter as it goes over the wire, for example "filter[from]".
	Name string
	// In is where the parameter goes: "path", "query" or "header".
	In string
}

var _ error = (*ParameterError)(nil)

// Error implements the error interface.
func (e *ParameterError) Error() string {
	return "wire: " + e.Operation + ": required " + e.In + " parameter " + e.Name + " is not set"
}

// Is reports whether target is [ErrMissingParameter].
func (e *ParameterError) Is(target error) bool { return target == ErrMissingParameter }

// Zero reports whether v is the zero value of its type. The generated request
// builders use it to find a required parameter the caller left unset; it
// compiles to a plain comparison.
func Zero[T comparable](v T) bool {
	var zero T
	return v == zero
}
