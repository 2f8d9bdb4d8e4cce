package hospitality

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/octotable"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// OctotableConfig configures [NewOctotable].
type OctotableConfig struct {
	// ClientID and ClientSecret are the client credentials OctoTable issued. Required.
	ClientID, ClientSecret string
	// PropertyID selects the restaurant; it is sent as the Property header on every call. Required.
	PropertyID int64
	// BaseURL overrides the PMS API base; the default is [octotable.DefaultServer].
	BaseURL string
	// AuthBaseURL overrides the auth base the token endpoint lives under; the default is
	// https://api.octotable.com/octotable-auth/api/v2.
	AuthBaseURL string
	// TokenURL overrides the token endpoint itself (it takes precedence over AuthBaseURL).
	TokenURL string
	// ExpiresInUnit is the unit of the token response's expires_in, which OctoTable does not
	// document; the default is one second.
	ExpiresInUnit time.Duration
	// TokenStore persists tokens across processes; the default keeps them in memory.
	TokenStore auth.TokenStore
	// EarlyExpiry is how long before expiry a token is replaced; the default is one minute.
	EarlyExpiry time.Duration
}

// NewOctotable returns a typed OctoTable PMS API v2 client wired with client-credentials
// authentication (JSON token requests, falling back to a form body once if the server answers
// 415), the Property header, and the shared transport chain. Failed calls return an error that
// unwraps to [*APIError].
//
// It does no I/O: the first call fetches a token. The client is safe for concurrent use.
func NewOctotable(ctx context.Context, cfg OctotableConfig, opts ...Option) (*octotable.ClientWithResponses, error) {
	if cfg.PropertyID <= 0 {
		return nil, fmt.Errorf("hospitality: octotable: PropertyID is required")
	}
	s := collect(opts)
	ac := auth.OctotableConfig{
		ClientID:      cfg.ClientID,
		ClientSecret:  cfg.ClientSecret,
		AuthBaseURL:   cfg.AuthBaseURL,
		TokenURL:      cfg.TokenURL,
		ExpiresInUnit: cfg.ExpiresInUnit,
		HTTPClient:    s.tokenClient(),
		Store:         cfg.TokenStore,
		EarlyExpiry:   cfg.EarlyExpiry,
	}
	if err := ac.Validate(); err != nil {
		return nil, fmt.Errorf("hospitality: octotable: %w", err)
	}
	src := auth.OctotableTokenSource(ctx, ac)
	header := http.Header{}
	header.Set("Property", strconv.FormatInt(cfg.PropertyID, 10))
	header.Set("Accept", "application/json")
	// The provider's own clients send this on every call, bodies or not.
	header.Set("Content-Type", "application/json")
	doer := transport.New(s.transportConfig(transport.Octotable, header, auth.Bearer(src), src.Reject))
	return octotable.NewClientWithResponses(orDefault(cfg.BaseURL, octotable.DefaultServer), octotable.WithHTTPClient(doer))
}
