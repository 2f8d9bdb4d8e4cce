package hospitality

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// ErrMissingParameter reports a request that would have gone out without a parameter the
// operation requires; the error is a [*ParameterError] naming it. Nothing is sent.
var ErrMissingParameter = errors.New("missing required parameter")

// ParameterError is the client-side failure of a request built with a required parameter left
// unset, such as cobot.GetSpaceExternalBookingsParams{} without FilterFrom. It unwraps to
// [ErrMissingParameter].
type ParameterError struct {
	API    string // "cobot"
	Method string // the request's method
	Path   string // the request's URL path
	Name   string // the parameter, as on the wire: "filter[from]"
	In     string // where it goes: "query"
}

var _ error = (*ParameterError)(nil)

func (e *ParameterError) Error() string {
	return fmt.Sprintf("hospitality: %s: %s %s: required %s parameter %s is not set (its zero value would be sent)",
		e.API, e.Method, e.Path, e.In, e.Name)
}

// Unwrap returns [ErrMissingParameter].
func (e *ParameterError) Unwrap() error { return ErrMissingParameter }

// zeroDates are the wire forms of Go's zero time.Time and of a zero date: what the generated
// request builders send for a required date or date-time parameter (a value, not a pointer)
// the caller did not set. No Cobot parameter means year 1.
var zeroDates = []string{"0001-01-01T00:00:00Z", "0001-01-01"}

// cobotRequiredDates is a request editor that refuses a Cobot API 2 request carrying a zero
// date or date-time query parameter (filter[from]=0001-01-01T00:00:00Z for a forgotten
// GetSpaceExternalBookingsParams.FilterFrom) with a [*ParameterError] naming it, before
// anything is sent. Every required date and date-time query parameter of specs/cobot.yaml is a
// value in the generated Params structs, so a forgotten one always arrives here as a zero date;
// optional ones are pointers and are left out when nil. (A check generated into every request
// builder, for every API, would replace this editor.)
func cobotRequiredDates(_ context.Context, req *http.Request) error {
	if req.URL == nil || req.URL.RawQuery == "" {
		return nil
	}
	q, err := url.ParseQuery(req.URL.RawQuery)
	if err != nil {
		return nil // the generated builders write valid queries; let the server judge others
	}
	var names []string
	for name, values := range q {
		for _, v := range values {
			if slices.Contains(zeroDates, strings.TrimSpace(v)) {
				names = append(names, name)
				break
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	return &ParameterError{API: "cobot", Method: req.Method, Path: req.URL.Path, Name: names[0], In: "query"}
}
