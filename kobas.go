package hospitality

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// KobasConfig configures [ConnectKobas].
//
// Every URL field must be an absolute https URL when set (http is accepted only for loopback
// hosts) that names a host and has no user info or fragment, and a base URL no query; the
// constructor reports any other as an [*auth.ConfigError] naming the field.
type KobasConfig struct {
	// ClientID and ClientSecret are the OAuth client credentials issued by Kobas. Required.
	ClientID, ClientSecret string
	// CompanyID selects the tenant; it is sent on the token request and on every call. Required.
	CompanyID string
	// Scopes requested with the token; the default is ["integration"].
	Scopes []string
	// BaseURL overrides the API base, for example for Kobas training mode. The default is
	// https://api.kobas.co.uk/v3 (gen/kobas's DefaultServer).
	BaseURL string
	// TokenURL overrides the token endpoint; the default is https://oauth.kobas.co.uk/access_token.
	TokenURL string
	// TokenStore persists tokens across processes; the default keeps them in memory.
	TokenStore auth.TokenStore
	// EarlyExpiry is how long before expiry a token is replaced; the default is one minute.
	EarlyExpiry time.Duration
	// Now returns the current time for token expiry; nil means time.Now.
	Now func() time.Time
	// OnSaveError, if set, is told when TokenStore fails to save a token (the token is still
	// used).
	OnSaveError func(error)
}

// kobasProfile is what the transport needs to know of Kobas API v3. Kobas documents no rate limit;
// a conservative 10 requests per second with bursts of 10 keeps a loop over staff or sales pages
// from hammering it. Its error bodies ({"code", "message"}) are the transport's generic shape.
// Kobas' own clients send Accept and Content-Type JSON on every call, bodies or not.
var kobasProfile = transport.Profile{
	Name:      "kobas",
	RateLimit: transport.RateLimit{Limit: 10, Burst: 10},
	Header:    http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}},
}

// ConnectKobas returns a connection to the Kobas API v3 (gen/kobas's New builds the typed client on
// it) wired with client-credentials authentication, the x-kobas-company-id header, and the shared
// transport chain (timeouts, retries, rate limits, typed errors). Failed calls return an error that
// unwraps to [*APIError].
//
// It does no I/O: the first call fetches a token. The connection is safe for concurrent use.
func ConnectKobas(ctx context.Context, cfg KobasConfig, opts ...Option) (*Connection, error) {
	if err := checkURLs("kobas",
		urlField{"BaseURL", cfg.BaseURL, true},
		urlField{"TokenURL", cfg.TokenURL, false},
	); err != nil {
		return nil, fmt.Errorf("hospitality: kobas: %w", err)
	}
	s := collect(opts)
	ac := auth.KobasConfig{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		CompanyID:    cfg.CompanyID,
		Scopes:       cfg.Scopes,
		TokenURL:     cfg.TokenURL,
		HTTPClient:   s.tokenClient(),
		Store:        cfg.TokenStore,
		EarlyExpiry:  cfg.EarlyExpiry,
		Now:          cfg.Now,
		OnSaveError:  cfg.OnSaveError,
	}
	if err := ac.Validate(); err != nil {
		return nil, fmt.Errorf("hospitality: kobas: %w", err)
	}
	src := auth.KobasTokenSource(ctx, ac)
	header := http.Header{}
	header.Set("x-kobas-company-id", cfg.CompanyID)
	doer := transport.New(s.transportConfig(kobasProfile, header, auth.Bearer(src), src.Reject))
	return newConnection("kobas", orDefault(cfg.BaseURL, kobasDefaultServer), doer), nil
}

// KobasDateTimeLayout is the layout [KobasDateTime] writes from_date and to_date values in: local
// wall-clock time without an offset, as Kobas' own clients send it.
const KobasDateTimeLayout = "2006-01-02T15:04:05"

// KobasDateFormat turns an instant into a from_date or to_date query value. Kobas does not
// document which formats it accepts, so [KobasWindows] takes one; [KobasDateTime] is the default.
type KobasDateFormat func(time.Time) string

// KobasDateTime formats t with [KobasDateTimeLayout] in t's own location; pass times in the
// venue's time zone (for UK venues, Europe/London).
func KobasDateTime(t time.Time) string { return t.Format(KobasDateTimeLayout) }

// KobasWindow is one window of an incremental poll of an endpoint filtered by from_date and
// to_date (such as ListVenuePayments and ListSalesOrders): the instants it spans and their query
// values.
type KobasWindow struct {
	// From and To delimit the window; the next window starts at To.
	From, To time.Time
	// FromDate and ToDate are From and To as formatted for the from_date and to_date parameters.
	FromDate, ToDate string
}

// KobasWindows returns the consecutive windows that cover [from, until), each at most step long
// (a step of zero or less gives one window), with their query values written by format (nil means
// [KobasDateTime]). Kobas has no webhooks, so changes are found by polling: keep the To of the
// last window processed and start the next poll from it. Whether Kobas includes records stamped
// exactly at to_date is not documented, so de-duplicate records by id at window boundaries. The
// sequence is empty when until is not after from.
func KobasWindows(from, until time.Time, step time.Duration, format KobasDateFormat) iter.Seq[KobasWindow] {
	if format == nil {
		format = KobasDateTime
	}
	return func(yield func(KobasWindow) bool) {
		for start := from; start.Before(until); {
			end := until
			if step > 0 && start.Add(step).Before(until) {
				end = start.Add(step)
			}
			if !yield(KobasWindow{From: start, To: end, FromDate: format(start), ToDate: format(end)}) {
				return
			}
			start = end
		}
	}
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
