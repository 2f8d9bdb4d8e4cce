package transport

import "net/http"

// Provider names the API a [Client] talks to, as [Profile.Name] gives it. It
// prefixes every error and log record and is kept in [APIError.Provider].
type Provider string

// Profile declares everything that is particular to one API, so that the
// transport itself knows no provider: its name, its documented rate limits,
// how its error bodies decode, how a successful status can still carry a
// failure, which failures mean "sign in again" or "consent again", and the
// headers every request carries. The root package defines one profile per
// API next to that API's constructor and hands it to [New] in
// [Config.Profile].
//
// The zero value of every field but Name selects the generic behaviour. A
// Profile is read-only once handed to New; its functions must be safe for
// concurrent use.
type Profile struct {
	// Name names the API in errors, logs and [APIError.Provider], for
	// example "shop". Required.
	Name Provider
	// LimitGroup names the rate-limit namespace. APIs with the same group
	// share token buckets and 429 pauses for the same credential, as two
	// versions of one API do when the provider limits per client. Empty
	// means Name.
	LimitGroup string
	// RateLimit is the API's documented client-side limit, used for the
	// zero fields of [Config.RateLimit]. The zero value means no limit (a
	// 429 still pauses the credential).
	RateLimit RateLimit
	// DecodeError fills Code, Message and Fields of an error answer from
	// its body. Nil means [DecodeErrorBody], which reads the common shapes.
	DecodeError func(e *APIError, body []byte)
	// SuccessMember, when set, names the top-level member of a 2xx JSON
	// answer that reports a failure with false (false, 0, "false", "0"):
	// such an answer becomes an [*APIError] with its 2xx status. A body that
	// opens with the member and a true value is streamed; any other is
	// buffered and checked (see [Client.Do]).
	SuccessMember string
	// Classify refines an error answer after decoding, by setting
	// [APIError.Kind] when the status alone does not say what the failure
	// means: [ErrUnauthorized] gets the single refresh-and-retry of a 401,
	// [ErrConsentRequired] marks a connection that must be approved again,
	// [ErrNotFound] or [ErrForbidden] a failure sent with a success status.
	// body is the raw answer (at most 1 MiB). Nil means no refinement.
	Classify func(e *APIError, body []byte)
	// Header holds headers every request of the API carries unless the
	// request or [Config.Header] sets them.
	Header http.Header
}

// limitGroup returns the rate-limit namespace of p.
func (p *Profile) limitGroup() Provider {
	if p.LimitGroup != "" {
		return Provider(p.LimitGroup)
	}
	return p.Name
}
