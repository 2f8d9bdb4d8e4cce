package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/hospitality-sdk/hospitality-go/auth"
)

// providers are the sign-in targets, in the order status lists them.
var providers = []string{"cloudbeds", "cobot", "kobas", "octotable"}

// Sign-in methods stored in a profile.
const (
	methodOAuth             = "oauth"
	methodAPIKey            = "api-key"
	methodClientCredentials = "client-credentials"
)

// profile is what login remembers of one provider, in config.json. It holds no secret unless the
// user asked (--save-secret); tokens live in the token file, through [auth.FileStore].
type profile struct {
	Provider string `json:"provider"`
	Method   string `json:"method"`
	ClientID string `json:"client_id,omitempty"`
	// ClientSecret is kept only when login ran with --save-secret.
	ClientSecret string   `json:"client_secret,omitempty"`
	StoreKey     string   `json:"store_key"`
	Scopes       []string `json:"scopes,omitempty"`
	// CompanyID (Kobas), PropertyID (OctoTable, Cloudbeds) and Subdomain (Cobot) select the tenant.
	CompanyID  string `json:"company_id,omitempty"`
	PropertyID string `json:"property_id,omitempty"`
	Subdomain  string `json:"subdomain,omitempty"`
	// RedirectURL is the redirect URI the token was obtained with.
	RedirectURL string `json:"redirect_url,omitempty"`
	// Subject, Name and Email are the Cobot ID token's verified claims.
	Subject string `json:"subject,omitempty"`
	Name    string `json:"name,omitempty"`
	Email   string `json:"email,omitempty"`
	// Resources are the Cloudbeds properties or associations the consent covers.
	Resources []string `json:"resources,omitempty"`
	// SandboxURL is the running sandbox the profile signed in to; empty for an in-process one.
	SandboxURL string    `json:"sandbox_url,omitempty"`
	LoggedInAt time.Time `json:"logged_in_at"`
}

// configFile is the layout of config.json.
type configFile struct {
	Version  int                 `json:"version"`
	Profiles map[string]*profile `json:"profiles"`
}

// home is the command's directory in the user's config directory: config.json (profiles) and
// tokens.json (the token store), each with mode 0600. Sandbox sign-ins live apart, in sandbox/,
// so they never mix with real credentials.
type home struct {
	dir     string
	sandbox bool
}

// openHome returns the home for real or sandbox credentials.
func openHome(sandboxed bool) (*home, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return nil, authError("no user config directory: %w", err)
	}
	dir := filepath.Join(base, "hospitality")
	if sandboxed {
		dir = filepath.Join(dir, "sandbox")
	}
	return &home{dir: dir, sandbox: sandboxed}, nil
}

func (h *home) configPath() string { return filepath.Join(h.dir, "config.json") }

// tokenPath is the token file.
func (h *home) tokenPath() string { return filepath.Join(h.dir, "tokens.json") }

// store returns the token store.
func (h *home) store() *auth.FileStore { return auth.NewFileStore(h.tokenPath()) }

// load reads config.json; a missing file is an empty configuration.
func (h *home) load() (*configFile, error) {
	cf := &configFile{Version: 1, Profiles: map[string]*profile{}}
	b, err := os.ReadFile(h.configPath())
	if errors.Is(err, fs.ErrNotExist) {
		return cf, nil
	}
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if err := json.Unmarshal(b, cf); err != nil {
		return nil, fmt.Errorf("config: %s is not valid JSON", h.configPath())
	}
	if cf.Profiles == nil {
		cf.Profiles = map[string]*profile{}
	}
	return cf, nil
}

// save writes config.json atomically with mode 0600.
func (h *home) save(cf *configFile) error {
	if err := os.MkdirAll(h.dir, 0o700); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	b, err := json.MarshalIndent(cf, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(h.dir, ".config.json.tmp-")
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("config: %w", err)
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("config: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	if err := os.Rename(tmp.Name(), h.configPath()); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}

// profile returns the stored profile of provider, or nil.
func (h *home) profile(provider string) (*profile, error) {
	cf, err := h.load()
	if err != nil {
		return nil, err
	}
	return cf.Profiles[provider], nil
}

// put stores p, replacing the provider's earlier profile.
func (h *home) put(p *profile) error {
	cf, err := h.load()
	if err != nil {
		return err
	}
	cf.Profiles[p.Provider] = p
	return h.save(cf)
}

// remove forgets the provider's profile and token; it reports whether there was one.
func (h *home) remove(provider string) (bool, error) {
	cf, err := h.load()
	if err != nil {
		return false, err
	}
	p := cf.Profiles[provider]
	if p == nil {
		return false, nil
	}
	if p.StoreKey != "" {
		if _, err := os.Stat(h.tokenPath()); err == nil {
			if err := h.store().Save(context.Background(), p.StoreKey, nil); err != nil {
				return false, err
			}
		}
	}
	delete(cf.Profiles, provider)
	return true, h.save(cf)
}

// sortedProfiles returns the profiles in [providers] order.
func (cf *configFile) sortedProfiles() []*profile {
	var out []*profile
	for _, name := range providers {
		if p := cf.Profiles[name]; p != nil {
			out = append(out, p)
		}
	}
	return out
}

// checkProvider validates a provider argument.
func checkProvider(name string) error {
	if !slices.Contains(providers, name) {
		return usageError("unknown provider %q (want one of: cloudbeds, cobot, kobas, octotable)", name)
	}
	return nil
}
