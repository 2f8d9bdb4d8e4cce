package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// DefaultHTTPTimeout bounds a whole token request made with the default HTTP
// client, which is used when a provider configuration has no HTTPClient.
const DefaultHTTPTimeout = 30 * time.Second

// maxTokenResponse bounds how much of a token response body is read.
const maxTokenResponse = 1 << 20

// defaultHTTPClient is used for token requests when no client is configured.
var defaultHTTPClient = &http.Client{Timeout: DefaultHTTPTimeout}

// tokenHTTPClient returns the client token requests are sent with: the
// configured one, else an *http.Client stored in ctx under
// [oauth2.HTTPClient], else a default client with a [DefaultHTTPTimeout]
// timeout. The result is a shallow copy that does not follow redirects, so a
// request carrying a client secret is never re-sent to another location.
func tokenHTTPClient(ctx context.Context, configured *http.Client) *http.Client {
	c := configured
	if c == nil && ctx != nil {
		c, _ = ctx.Value(oauth2.HTTPClient).(*http.Client)
	}
	if c == nil {
		c = defaultHTTPClient
	}
	cp := *c
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

// namedValue is a configuration field's name and value.
type namedValue struct{ name, value string }

// requireFields returns a "is required" [ConfigError] for each field whose
// value is empty or blank, in order.
func requireFields(provider string, fields ...namedValue) []error {
	var errs []error
	for _, f := range fields {
		if strings.TrimSpace(f.value) == "" {
			errs = append(errs, &ConfigError{Provider: provider, Field: f.name, Problem: "is required"})
		}
	}
	return errs
}

// CheckURL validates an endpoint address the SDK will send credentials to:
// it must be an absolute URL with a host, and its scheme must be https,
// except that http is accepted for loopback hosts (127.0.0.0/8, ::1,
// localhost) so tests can use httptest servers. The error is a
// [*ConfigError] naming provider and field, for example
// "auth: kobas config: BaseURL must use https (http is accepted only for
// loopback hosts)".
func CheckURL(provider, field, raw string) error {
	return checkTokenURL(provider, field, raw)
}

// checkTokenURL implements [CheckURL].
func checkTokenURL(provider, field, raw string) error {
	if raw == "" {
		return &ConfigError{Provider: provider, Field: field, Problem: "is required"}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return &ConfigError{Provider: provider, Field: field, Problem: "is not a valid URL"}
	}
	if u.Host == "" {
		return &ConfigError{Provider: provider, Field: field, Problem: "must be an absolute URL"}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
	}
	return &ConfigError{Provider: provider, Field: field, Problem: "must use https (http is accepted only for loopback hosts)"}
}

// checkDiscoveredURL applies [CheckURL] to a URL a server named in its
// answer (field is the answer's field, e.g. "jwks_uri"), and also refuses
// user information in it. The error is prefix, the field and the problem;
// it does not quote the URL.
func checkDiscoveredURL(prefix, field, raw string) error {
	var ce *ConfigError
	if err := CheckURL("discovered", field, raw); errors.As(err, &ce) {
		return fmt.Errorf("%s: %s %s", prefix, field, ce.Problem)
	} else if err != nil {
		return fmt.Errorf("%s: %s is not a valid URL", prefix, field)
	}
	if strings.Contains(raw, "@") {
		if u, err := url.Parse(raw); err != nil || u.User != nil {
			return fmt.Errorf("%s: %s must not contain user information", prefix, field)
		}
	}
	return nil
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// tokenRequest is one HTTP request to a token endpoint. It is the machinery
// the provider files share: Kobas and Octotable send client credentials,
// and other grants (authorization code, refresh token) fit the same shape.
type tokenRequest struct {
	url         string
	header      http.Header // extra headers; Content-Type and Accept are set from contentType
	contentType string
	body        []byte
}

// formRequest builds a form-encoded token request.
func formRequest(tokenURL string, form url.Values) tokenRequest {
	return tokenRequest{url: tokenURL, contentType: "application/x-www-form-urlencoded", body: []byte(form.Encode())}
}

// tokenResponse is the raw answer of a token endpoint.
type tokenResponse struct {
	status      int
	contentType string
	body        []byte
}

// send performs the request with client and returns the response with its
// body read (up to maxTokenResponse bytes). Transport errors are wrapped
// with the provider name; they never contain the request body.
func (r tokenRequest) send(ctx context.Context, client *http.Client, provider string) (tokenResponse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url, bytes.NewReader(r.body))
	if err != nil {
		return tokenResponse{}, fmt.Errorf("auth: %s token request: %w", provider, err)
	}
	for k, vs := range r.header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	req.Header.Set("Content-Type", r.contentType)
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return tokenResponse{}, fmt.Errorf("auth: %s token request: %w", provider, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	if err != nil {
		return tokenResponse{}, fmt.Errorf("auth: %s token request: reading response (HTTP %d): %w", provider, resp.StatusCode, err)
	}
	return tokenResponse{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), body: body}, nil
}

// decode turns the response into a token, or a *TokenError.
func (r tokenResponse) decode(o decodeOptions) (*oauth2.Token, error) {
	return decodeTokenResponse(r.status, r.contentType, r.body, o)
}
