package auth_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// Both providers' callbacks share one state check and one error type; the
// state mismatch is the shared sentinel and the provider's own, never the
// other provider's.
func TestCallbackSharedErrors(t *testing.T) {
	q := url.Values{"code": {"authcode-1"}, "state": {"forged"}}
	tests := []struct {
		name      string
		call      func(url.Values, string) (string, error)
		own       error
		other     error
		wantText  string
		wantError string
	}{
		{
			name: "cloudbeds", call: auth.CloudbedsCallbackValues,
			own: auth.ErrCloudbedsStateMismatch, other: auth.ErrCobotStateMismatch,
			wantText:  "auth: cloudbeds callback: state does not match",
			wantError: "auth: cloudbeds callback: authorization failed: access_denied: no",
		},
		{
			name: "cobot", call: auth.CobotCallbackValues,
			own: auth.ErrCobotStateMismatch, other: auth.ErrCloudbedsStateMismatch,
			wantText:  "auth: cobot callback: state does not match",
			wantError: "auth: cobot callback: authorization failed: access_denied: no",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, err := tc.call(q, "expected")
			if code != "" || err == nil || err.Error() != tc.wantText {
				t.Fatalf("%sCallbackValues(forged) = %q, %v, want %q", tc.name, code, err, tc.wantText)
			}
			if !errors.Is(err, auth.ErrStateMismatch) {
				t.Errorf("errors.Is(%v, ErrStateMismatch) = false, want true", err)
			}
			if !errors.Is(err, tc.own) {
				t.Errorf("errors.Is(%v, own sentinel) = false, want true", err)
			}
			if errors.Is(err, tc.other) {
				t.Errorf("errors.Is(%v, other provider's sentinel) = true, want false", err)
			}
			if !errors.Is(tc.own, auth.ErrStateMismatch) {
				t.Errorf("errors.Is(%v, ErrStateMismatch) = false, want true", tc.own)
			}

			denied := url.Values{"error": {"access_denied"}, "error_description": {"no"}, "state": {"expected"}}
			_, err = tc.call(denied, "expected")
			var ce *auth.CallbackError
			if !errors.As(err, &ce) {
				t.Fatalf("%sCallbackValues(denied) error = %v, want *CallbackError", tc.name, err)
			}
			want := auth.CallbackError{Provider: tc.name, Code: "access_denied", Description: "no"}
			if *ce != want {
				t.Errorf("%sCallbackValues(denied) error = %#v, want %#v", tc.name, *ce, want)
			}
			if got := err.Error(); got != tc.wantError {
				t.Errorf("CallbackError.Error() = %q, want %q", got, tc.wantError)
			}
		})
	}
	if got, want := auth.ErrStateMismatch.Error(), "auth: callback: state does not match"; got != want {
		t.Errorf("ErrStateMismatch.Error() = %q, want %q", got, want)
	}
}
