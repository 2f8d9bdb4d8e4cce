package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/oauth2"
)

// The pieces of the authorization-code flow that Cloudbeds and Cobot share:
// reading the redirect back to the app, checking the redirect URL, and
// keeping the token the code was exchanged for.

// ErrStateMismatch matches (with errors.Is) the error returned by
// [CloudbedsCallback], [CloudbedsCallbackValues], [CobotCallback] and
// [CobotCallbackValues] when the callback's state is missing or is not the
// one the authorization URL carried. The callback must then be ignored: it
// was not started by this client (cross-site request forgery) or belongs to
// another attempt. The error returned is the provider's own sentinel,
// [ErrCloudbedsStateMismatch] or [ErrCobotStateMismatch], whose text names
// the provider.
var ErrStateMismatch = errors.New("auth: callback: state does not match")

var (
	// ErrCloudbedsStateMismatch is the [ErrStateMismatch] returned by the
	// Cloudbeds callback functions; errors.Is matches it with either
	// sentinel.
	ErrCloudbedsStateMismatch error = stateMismatchError{provider: "cloudbeds"}

	// ErrCobotStateMismatch is the [ErrStateMismatch] returned by the Cobot
	// callback functions; errors.Is matches it with either sentinel.
	ErrCobotStateMismatch error = stateMismatchError{provider: "cobot"}
)

// stateMismatchError is a provider's state mismatch. It is comparable, so
// the value callbackCode returns equals the provider's sentinel, and it
// unwraps to ErrStateMismatch.
type stateMismatchError struct{ provider string }

func (e stateMismatchError) Error() string {
	return "auth: " + e.provider + " callback: state does not match"
}

func (e stateMismatchError) Unwrap() error { return ErrStateMismatch }

// CallbackError is the error a provider reported on the redirect back to
// the app, e.g. "access_denied" when the user refused consent. Its Code and
// Description come from the callback's error and error_description
// parameters, cleaned of control characters and cut to a bounded length.
type CallbackError struct {
	// Provider names the provider that redirected back, e.g. "cloudbeds"
	// or "cobot".
	Provider string
	// Code is the OAuth error code, e.g. "access_denied".
	Code string
	// Description is the human-readable error_description, if any.
	Description string
}

var _ error = (*CallbackError)(nil)

// Error implements the error interface.
func (e *CallbackError) Error() string {
	s := "auth: " + e.Provider + " callback: authorization failed"
	if e.Code != "" {
		s += ": " + e.Code
	}
	if e.Description != "" {
		s += ": " + e.Description
	}
	return s
}

// callbackRequestCode is callbackCode for the query string of r.
func callbackRequestCode(provider string, r *http.Request, state string) (string, error) {
	if r == nil || r.URL == nil {
		return "", fmt.Errorf("auth: %s callback: no request", provider)
	}
	return callbackCode(provider, r.URL.Query(), state)
}

// callbackCode returns the authorization code from a redirect's query
// parameters q. The state is checked first, in constant time: a missing,
// repeated or different state gives the provider's state mismatch whatever
// else q holds. Then an "error" (or "error_description") parameter gives a
// *CallbackError, and a missing code an error.
func callbackCode(provider string, q url.Values, state string) (string, error) {
	if state == "" {
		return "", fmt.Errorf("auth: %s callback: expected state is empty", provider)
	}
	got := q["state"]
	if len(got) != 1 || subtle.ConstantTimeCompare([]byte(got[0]), []byte(state)) != 1 {
		return "", stateMismatchError{provider: provider}
	}
	if e, desc := q.Get("error"), q.Get("error_description"); e != "" || desc != "" {
		return "", &CallbackError{Provider: provider, Code: bodyExcerpt([]byte(e), nil), Description: bodyExcerpt([]byte(desc), nil)}
	}
	code := q.Get("code")
	if code == "" {
		return "", fmt.Errorf("auth: %s callback: no authorization code", provider)
	}
	return code, nil
}

// checkRedirectURL requires an absolute URL with a host.
func checkRedirectURL(provider, raw string) error {
	if raw == "" {
		return &ConfigError{Provider: provider, Field: "RedirectURL", Problem: "is required"}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return &ConfigError{Provider: provider, Field: "RedirectURL", Problem: "must be an absolute URL"}
	}
	return nil
}

// defaultStoreKey returns key, or "<provider>:<clientID>" when key is empty.
func defaultStoreKey(key, provider, clientID string) string {
	if key != "" {
		return key
	}
	return provider + ":" + clientID
}

// nowFunc returns now, or time.Now when now is nil.
func nowFunc(now func() time.Time) func() time.Time {
	if now != nil {
		return now
	}
	return time.Now
}

// saveToken stores tok under key when store is set, reporting a failure to
// onSaveError (when set) as an error naming the provider.
func saveToken(ctx context.Context, provider string, store TokenStore, key string, tok *oauth2.Token, onSaveError func(error)) {
	if store == nil {
		return
	}
	if err := store.Save(ctx, key, tok); err != nil && onSaveError != nil {
		onSaveError(fmt.Errorf("auth: %s token store save: %w", provider, err))
	}
}
