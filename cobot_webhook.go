package hospitality

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// maxCobotWebhookBody bounds the delivery [CobotWebhookHandler] reads; a delivery names one URL,
// or carries one deleted object.
const maxCobotWebhookBody = 1 << 20

// maxCobotResource bounds the resource [FetchCobotWebhook] reads.
const maxCobotResource = 10 << 20

// cobotWebhookFetchTimeout bounds a [FetchCobotWebhook] call whose context has no deadline; a
// variable for tests.
var cobotWebhookFetchTimeout = time.Minute

// ErrCobotUnsubscribe, returned by the handle func of [CobotWebhookHandler], makes the handler
// answer 410 Gone, which makes Cobot deactivate the subscription at once.
var ErrCobotUnsubscribe = errors.New("hospitality: cobot webhook: unsubscribe")

// CobotWebhook is one delivery Cobot POSTs to the callback URL of an API 1 webhook subscription
// (created with CreateWebhookSubscriptionWithResponse of gen/cobotv1). A delivery does not
// say what changed; it points at the resource the event is about. Cobot signs nothing, so anyone
// who knows the callback URL can post one: read the resource with [FetchCobotWebhook] and trust
// only what that returns.
type CobotWebhook struct {
	// URL is the API 1 URL of the resource, such as
	// "https://co-up.cobot.me/api/memberships/93207605", as sent.
	URL string
	// Raw is the delivery exactly as received. Deliveries about deleted resources carry the
	// deleted object's fields besides url.
	Raw json.RawMessage
}

// ParseCobotWebhook decodes a Cobot webhook delivery, a JSON object whose url member is an
// absolute http or https URL. It fails on anything else, and, before decoding anything, when a
// JSON number in body is longer than 64 characters or objects and arrays nest more than 32 deep,
// so that the cost of a delivery stays linear in its size. The URL's host is checked only by
// [FetchCobotWebhook].
func ParseCobotWebhook(body []byte) (*CobotWebhook, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("hospitality: cobot webhook: payload is not a JSON object")
	}
	if err := checkWebhookJSON(body); err != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook: %w", err)
	}
	var n struct {
		URL string `json:"url"` // gen/cobotv1's WebhookNotification
	}
	if err := json.Unmarshal(trimmed, &n); err != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook: %w", err)
	}
	if n.URL == "" {
		return nil, errors.New("hospitality: cobot webhook: payload has no url")
	}
	u, err := url.Parse(n.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook: url %q is not an absolute http(s) URL", n.URL)
	}
	return &CobotWebhook{URL: n.URL, Raw: json.RawMessage(bytes.Clone(trimmed))}, nil
}

// CobotWebhookHandler returns an [http.Handler] for the callback URL of a Cobot webhook
// subscription. For each POST it reads the delivery (at most 1 MiB), decodes it with
// [ParseCobotWebhook] and calls handle with the request's context. It answers 200 when handle
// returns nil; 410 Gone when handle returns [ErrCobotUnsubscribe] (Cobot then deactivates the
// subscription); and 500 for any other error, so that Cobot delivers again (up to 10 times over
// about 20 hours): handle must tolerate a delivery it has seen before. A payload that is not a
// delivery gets 400, a larger one 413, and a method other than POST 405; handle is not called for
// those; the 400 names the limit when a number is too long or the nesting too deep.
//
// Cobot expects a quick answer: keep handle short, for example by queueing the delivery and
// calling [FetchCobotWebhook] later. Cobot does not follow redirects, so serve the exact URL
// registered. The handler is safe for concurrent use if handle is. It panics if handle is nil.
func CobotWebhookHandler(handle func(ctx context.Context, hook *CobotWebhook) error) http.Handler {
	if handle == nil {
		panic("hospitality: CobotWebhookHandler: nil handle func")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := readWebhook(w, r, maxCobotWebhookBody)
		if !ok {
			return
		}
		hook, err := ParseCobotWebhook(body)
		if err != nil {
			rejectWebhook(w, "a Cobot webhook delivery", err)
			return
		}
		switch err := handle(r.Context(), hook); {
		case errors.Is(err, ErrCobotUnsubscribe):
			http.Error(w, "unsubscribed", http.StatusGone)
		case err != nil:
			http.Error(w, "delivery not processed", http.StatusInternalServerError)
		default:
			w.WriteHeader(http.StatusOK)
		}
	})
}

// FetchCobotWebhook reads the resource a delivery points at through conn, a connection from
// [ConnectCobotV1] to the space's host (CobotConfig.Subdomain), and returns its JSON as Cobot
// answered it: the trustworthy content of the delivery. The bearer token goes only where conn
// already sends it: the URL must use https (http only on a loopback host, see [auth.CheckURL]),
// have exactly conn's scheme, host and port, and lie below its /api/ path, or FetchCobotWebhook
// fails without sending a request. Redirects are not followed, and an answer larger than 10 MiB
// is an error. The fetch ends with ctx, or after a minute when ctx has no deadline, besides the
// per-attempt time limit of the transport. A failed call returns an error that unwraps to
// [*APIError] when Cobot answered ([ErrNotFound] once the resource is deleted; the delivery's
// Raw then holds the deleted object).
func FetchCobotWebhook(ctx context.Context, conn *Connection, hook *CobotWebhook) (json.RawMessage, error) {
	if conn == nil || hook == nil {
		return nil, errors.New("hospitality: cobot webhook fetch: nil connection or delivery")
	}
	if conn.API() != "cobotv1" {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: the connection is for the %q API; deliveries are read through ConnectCobotV1", conn.API())
	}
	if err := auth.CheckURL("cobot", "CobotWebhook.URL", hook.URL); err != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: %w", err)
	}
	target, err := cobotWebhookTarget(conn.BaseURL(), hook.URL)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: %w", err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cobotWebhookFetchTimeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := conn.Do(req)
	if err != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: %w", err)
	}
	defer resp.Body.Close()
	if last := resp.Request; last != nil && (last.Response != nil || last.URL == nil ||
		last.URL.Scheme != target.Scheme || !strings.EqualFold(last.URL.Host, target.Host)) {
		// A base transport that followed a redirect (http.Client sets Response on each later
		// hop); the SDK's transport refuses them itself.
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: GET %s: the answer came through a redirect, which is refused", target)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxCobotResource+1))
	if err != nil {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: GET %s: reading the answer: %w", target, err)
	}
	if len(body) > maxCobotResource {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: GET %s: the answer is larger than the %d MiB limit", target, maxCobotResource>>20)
	}
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: GET %s: HTTP %d, a redirect, which is not followed", target, resp.StatusCode)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: GET %s: HTTP %d", target, resp.StatusCode)
	}
	if !json.Valid(body) {
		return nil, fmt.Errorf("hospitality: cobot webhook fetch: GET %s: the answer is not JSON", target)
	}
	return json.RawMessage(body), nil
}

// cobotWebhookTarget returns the URL to fetch for a delivery's url raw when the client's base URL
// is server, or an error when raw points anywhere the client's token must not go: another
// scheme, host or port (an absent port is the scheme's default), a path outside the base's /api/
// or a URL with credentials.
func cobotWebhookTarget(server, raw string) (*url.URL, error) {
	base, err := url.Parse(server)
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("client base URL %q is not absolute", server)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil {
		return nil, fmt.Errorf("url %q is not an absolute URL without credentials", raw)
	}
	if !strings.EqualFold(u.Hostname(), base.Hostname()) || effectivePort(u) != effectivePort(base) {
		return nil, fmt.Errorf("url %q is not on the client's host %q; use a client for that space's host", raw, base.Host)
	}
	if u.Scheme != base.Scheme {
		return nil, fmt.Errorf("url %q does not use the client's scheme %q", raw, base.Scheme)
	}
	prefix := strings.TrimSuffix(base.Path, "/") + "/api/"
	clean := path.Clean("/" + u.Path)
	if !strings.HasPrefix(clean, prefix) || u.Path != clean {
		return nil, fmt.Errorf("url %q is not an API resource below %s", raw, prefix)
	}
	u.Fragment, u.RawFragment, u.RawPath = "", "", ""
	return u, nil
}

// effectivePort returns u's port, or its scheme's default port when u names none.
func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch u.Scheme {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}
