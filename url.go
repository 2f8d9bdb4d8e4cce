package hospitality

import (
	"errors"
	"net/url"
	"strings"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// urlField is one URL of a constructor's configuration.
type urlField struct {
	// name is the field as the caller spells it, e.g. "BaseURL" or "OAuth.TokenURL".
	name  string
	value string
	// base marks a URL that paths are appended to, where a query would be dropped or mangled.
	base bool
}

// checkURLs validates every set URL of fields with [checkURL] and returns the failures joined
// with [errors.Join], each a [*auth.ConfigError] naming provider and field. Empty values are
// skipped: they select a default.
func checkURLs(provider string, fields ...urlField) error {
	var errs []error
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		if err := checkURL(provider, f.name, f.value, f.base); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkURL validates raw, an address the SDK sends credentials or tenant headers to. The rule is
// [auth.CheckURL]'s (an absolute URL whose scheme is https, or http for a loopback host), and
// beyond it the URL must name a host and carry neither user info (Go would turn it into an
// Authorization header) nor a fragment; a base URL (base) must have no query either. The error is
// a [*auth.ConfigError] naming provider and field.
func checkURL(provider, field, raw string, base bool) error {
	if err := auth.CheckURL(provider, field, raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil { // auth.CheckURL parsed it already
		return &auth.ConfigError{Provider: provider, Field: field, Problem: "is not a valid URL"}
	}
	problem := ""
	switch {
	case u.Hostname() == "":
		problem = "must name a host"
	case u.User != nil:
		problem = "must not contain user info"
	case u.Fragment != "" || strings.Contains(raw, "#"):
		problem = "must not have a fragment"
	case base && (u.RawQuery != "" || u.ForceQuery):
		problem = "must not have a query"
	}
	if problem != "" {
		return &auth.ConfigError{Provider: provider, Field: field, Problem: problem}
	}
	return nil
}
