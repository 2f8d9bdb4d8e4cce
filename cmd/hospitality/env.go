package main

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/hospitality-sdk/hospitality-go/sandbox"
)

// defaultRedirectURL is the loopback redirect URI login listens on unless --redirect-url says
// otherwise: register it with your Cloudbeds or Cobot app. A sandbox started by
// "hospitality sandbox" accepts it; one started in-process accepts whatever login listens on.
const defaultRedirectURL = "http://127.0.0.1:8976/callback"

// sandboxURLEnv names a running sandbox ("hospitality sandbox") that --sandbox commands use
// instead of starting one in-process.
const sandboxURLEnv = "HOSPITALITY_SANDBOX_URL"

// sandboxCredentials returns the sandbox's default credentials with redirect as the one redirect
// URI its Cloudbeds and Cobot apps accept.
func sandboxCredentials(redirect string) *sandbox.Credentials {
	c := sandbox.DefaultCredentials
	if redirect != "" {
		c.CloudbedsRedirectURL = redirect
		c.CobotRedirectURL = redirect
	}
	return &c
}

// env is where a command's requests go: the real providers (root == ""), or a sandbox.
type env struct {
	// root is the sandbox's root URL, "" for the real providers.
	root string
	// inProcess is set when the sandbox lives in this process, for this command only.
	inProcess bool
	// close stops an in-process sandbox.
	close func()
}

// sandboxRoot returns the running sandbox HOSPITALITY_SANDBOX_URL names, or "" when unset. Only
// loopback URLs are accepted: the sandbox's credentials are public.
func sandboxRoot() (string, error) {
	raw := strings.TrimRight(os.Getenv(sandboxURLEnv), "/")
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Host == "" || u.Path != "" {
		return "", usageError("%s=%q is not a sandbox root URL such as http://127.0.0.1:8080", sandboxURLEnv, raw)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", usageError("%s=%q is not a loopback address", sandboxURLEnv, raw)
	}
	return raw, nil
}

// openEnv returns the environment for a command: the real providers unless useSandbox; then the
// sandbox HOSPITALITY_SANDBOX_URL names, or a new one started in-process whose Cloudbeds and
// Cobot apps accept redirect as their redirect URI.
func openEnv(useSandbox bool, redirect string) (*env, error) {
	if !useSandbox {
		return &env{close: func() {}}, nil
	}
	root, err := sandboxRoot()
	if err != nil {
		return nil, err
	}
	if root != "" {
		return &env{root: root, close: func() {}}, nil
	}
	sb, err := sandbox.New(sandbox.Options{Credentials: sandboxCredentials(redirect)})
	if err != nil {
		return nil, fmt.Errorf("sandbox: %w", err)
	}
	if err := sb.Start("127.0.0.1:0"); err != nil {
		return nil, err
	}
	return &env{root: sb.URL(), inProcess: true, close: func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		sb.Close(ctx)
	}}, nil
}

// sandboxed reports whether e is a sandbox.
func (e *env) sandboxed() bool { return e.root != "" }

// at returns the sandbox URL for path, or "" (the SDK's default) for the real providers.
func (e *env) at(path string) string {
	if e.root == "" {
		return ""
	}
	return e.root + path
}

// Endpoints of each provider in e; "" means the SDK's default.

func (e *env) kobasAPI() string       { return e.at(sandbox.KobasAPIPath) }
func (e *env) kobasToken() string     { return e.at(sandbox.KobasTokenPath) }
func (e *env) octotableAPI() string   { return e.at(sandbox.OctotableAPIPath) }
func (e *env) octotableAuth() string  { return e.at(sandbox.OctotableAuthPath) }
func (e *env) cloudbedsAPI() string   { return e.at(sandbox.CloudbedsAPIPath) }
func (e *env) cloudbedsV2API() string { return e.at(sandbox.CloudbedsV2APIPath) }
func (e *env) cobotAPI() string       { return e.at(sandbox.CobotAPIPath) }
func (e *env) cobotV1API() string     { return e.at(sandbox.CobotV1APIPath) }
func (e *env) cobotAuthorize() string { return e.at(sandbox.CobotAuthorizePath) }
func (e *env) cobotToken() string     { return e.at(sandbox.CobotTokenPath) }
func (e *env) cobotIssuer() string    { return e.at(sandbox.CobotPath) }
func (e *env) cobotAccessAPI() string { return e.at(sandbox.CobotAccessTokensBase) }

// loginTimeout bounds how long login waits for the browser to come back.
const loginTimeout = 5 * time.Minute
