package hospitality

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/hospitality-sdk/hospitality-go/transport"
)

// A Connection is an authenticated HTTP connection to one provider API: the base URL its
// operations' paths are appended to and the SDK's transport, which authenticates every request,
// adds the headers the provider requires, and applies timeouts, retries, rate limits and typed
// errors. The Connect functions build one ([ConnectKobas], [ConnectCloudbeds], [ConnectCobot],
// …); the New function of the API's generated package builds the typed client on it:
//
//	c, err := kobas.New(hospitality.ConnectKobas(ctx, cfg))
//
// The root package imports no generated package, so a program compiles only the clients it
// uses. A Connection is safe for concurrent use and may serve any number of clients of its API;
// connections built from the same credential share one token source and one rate limit.
type Connection struct {
	api     string
	baseURL string
	doer    *transport.Client
	editors []func(context.Context, *http.Request) error
}

// newConnection returns the connection to the API named api (its generated package's name) at
// baseURL (a trailing slash dropped) through doer; editors run on every request before it is
// sent.
func newConnection(api, baseURL string, doer *transport.Client, editors ...func(context.Context, *http.Request) error) *Connection {
	return &Connection{api: api, baseURL: strings.TrimSuffix(baseURL, "/"), doer: doer, editors: editors}
}

// API names the API c was made for: the name of its generated package ("kobas", "cloudbedsv2",
// …). A generated package's New refuses a connection made for another API.
func (c *Connection) API() string {
	if c == nil {
		return ""
	}
	return c.api
}

// BaseURL is the URL the API's operation paths are appended to: the configured or discovered base
// URL, or the provider's default.
func (c *Connection) BaseURL() string {
	if c == nil {
		return ""
	}
	return c.baseURL
}

// Do sends req through the connection's transport: the request editors of the API (such as
// Cobot's JSON:API Content-Type), authentication, the provider's headers, retries, rate limits
// and typed errors. A failed call returns an error that unwraps to [*APIError] when the provider
// answered. Do is what the generated clients call; programs rarely need it.
func (c *Connection) Do(req *http.Request) (*http.Response, error) {
	if c == nil || c.doer == nil {
		return nil, errors.New("hospitality: nil connection")
	}
	for _, edit := range c.editors {
		if err := edit(req.Context(), req); err != nil {
			return nil, err
		}
	}
	return c.doer.Do(req)
}
