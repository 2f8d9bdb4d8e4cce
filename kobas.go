package hospitality

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
	"github.com/hospitality-sdk/hospitality-go/gen/kobas"
	"github.com/hospitality-sdk/hospitality-go/transport"
)

// KobasConfig configures [NewKobas].
type KobasConfig struct {
	// ClientID and ClientSecret are the OAuth client credentials issued by Kobas. Required.
	ClientID, ClientSecret string
	// CompanyID selects the tenant; it is sent on the token request and on every call. Required.
	CompanyID string
	// Scopes requested with the token; the default is ["integration"].
	Scopes []string
	// BaseURL overrides the API base, for example for Kobas training mode. The default is
	// [kobas.DefaultServer].
	BaseURL string
	// TokenURL overrides the token endpoint; the default is https://oauth.kobas.co.uk/access_token.
	TokenURL string
	// TokenStore persists tokens across processes; the default keeps them in memory.
	TokenStore auth.TokenStore
	// EarlyExpiry is how long before expiry a token is replaced; the default is one minute.
	EarlyExpiry time.Duration
}

// NewKobas returns a typed Kobas API v3 client wired with client-credentials authentication, the
// x-kobas-company-id header, and the shared transport chain (timeouts, retries, rate limits,
// typed errors). Failed calls return an error that unwraps to [*APIError].
//
// It does no I/O: the first call fetches a token. The client is safe for concurrent use.
func NewKobas(ctx context.Context, cfg KobasConfig, opts ...Option) (*kobas.ClientWithResponses, error) {
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
	}
	if err := ac.Validate(); err != nil {
		return nil, fmt.Errorf("hospitality: kobas: %w", err)
	}
	src := auth.KobasTokenSource(ctx, ac)
	header := http.Header{}
	header.Set("x-kobas-company-id", cfg.CompanyID)
	header.Set("Accept", "application/json")
	// The provider's own clients send this on every call, bodies or not.
	header.Set("Content-Type", "application/json")
	doer := transport.New(s.transportConfig(transport.Kobas, header, auth.Bearer(src), src.Reject))
	return kobas.NewClientWithResponses(orDefault(cfg.BaseURL, kobas.DefaultServer), kobas.WithHTTPClient(doer))
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
