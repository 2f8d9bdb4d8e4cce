package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// CobotOIDC verifies Cobot OpenID Connect ID tokens and fetches userinfo,
// using the issuer's discovery document and signing keys (JWKS). All the
// JWT work (parsing, RS256 signature check against the published keys,
// issuer, audience and expiry checks, key rotation) is done by
// github.com/coreos/go-oidc/v3.
//
// A CobotOIDC is safe for concurrent use; create one and reuse it, so the
// signing keys are fetched once rather than on every verification.
type CobotOIDC struct {
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier
	client   *http.Client
	clientID string
}

// ErrCobotNonceMismatch is returned (wrapped) by [CobotOIDC.Verify] and
// [CobotOIDC.VerifyToken] when the ID token carries no nonce or another
// nonce than the authorization request ([CobotAuthRequest].Nonce): the
// token was not issued for this sign-in (a replayed or injected token) and
// must be refused.
var ErrCobotNonceMismatch = errors.New("auth: cobot id token: nonce does not match the authorization request")

// oidcBackgroundTimeout bounds every OpenID Connect request made with a
// client that has no Timeout of its own. go-oidc fetches the signing keys
// on a goroutine of its own that no caller's context reaches, so without a
// bound a hanging jwks_uri would hold that fetch, and every verification
// waiting for it without a deadline, forever. Tests shorten it.
var oidcBackgroundTimeout = DefaultHTTPTimeout

// NewCobotOIDC fetches the discovery document of cfg's issuer
// ([CobotIssuer] unless cfg.Issuer is set) from
// <issuer>/.well-known/openid-configuration and returns a CobotOIDC that
// verifies ID tokens issued to cfg.ClientID. The document's issuer must
// equal the configured one. Only RS256 signatures are accepted, as Cobot
// advertises; expiry is checked against cfg.Now.
//
// Discovery, key and userinfo requests use cfg.HTTPClient (or an
// *http.Client carried by ctx under [oauth2.HTTPClient], or a client with a
// [DefaultHTTPTimeout] timeout), passed to go-oidc with
// [oidc.ClientContext]; redirects are not followed. A client without a
// Timeout is given [DefaultHTTPTimeout]: the signing keys are fetched in
// the background, shared by all verifications, where no caller's context
// bounds the request. ctx bounds the discovery request only; the contexts
// of [CobotOIDC.Verify] and [CobotOIDC.UserInfo] bound those calls. The
// endpoints the discovery document names must use https too (http only
// for loopback hosts).
func NewCobotOIDC(ctx context.Context, cfg CobotConfig) (*CobotOIDC, error) {
	errs := requireFields("cobot", namedValue{"ClientID", cfg.ClientID})
	if err := checkTokenURL("cobot", "Issuer", cfg.issuer()); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	client := tokenHTTPClient(ctx, cfg.HTTPClient) // a copy
	if client.Timeout <= 0 {
		client.Timeout = oidcBackgroundTimeout
	}
	provider, err := oidc.NewProvider(oidc.ClientContext(ctx, client), cfg.issuer())
	if err != nil {
		return nil, withContextCause(ctx, cobotOIDCError("auth: cobot oidc discovery", err))
	}
	if err := checkDiscoveredEndpoints(provider); err != nil {
		return nil, err
	}
	verifier := provider.Verifier(&oidc.Config{
		ClientID:             cfg.ClientID,
		SupportedSigningAlgs: []string{oidc.RS256},
		Now:                  nowFunc(cfg.Now),
	})
	return &CobotOIDC{provider: provider, verifier: verifier, client: client, clientID: cfg.ClientID}, nil
}

// checkDiscoveredEndpoints applies the https rule of the configured URLs to
// every endpoint of the discovery document that go-oidc uses or
// [CobotOIDC.Endpoint] hands out: signing keys fetched over plain http
// could be replaced in transit, and the other endpoints receive secrets.
func checkDiscoveredEndpoints(p *oidc.Provider) error {
	var doc struct {
		AuthURL       string `json:"authorization_endpoint"`
		TokenURL      string `json:"token_endpoint"`
		DeviceAuthURL string `json:"device_authorization_endpoint"`
		UserInfoURL   string `json:"userinfo_endpoint"`
		JWKSURL       string `json:"jwks_uri"`
	}
	if err := p.Claims(&doc); err != nil {
		return errors.New("auth: cobot oidc discovery: the document is not a valid JSON object")
	}
	var errs []error
	for _, e := range []struct{ name, url string }{
		{"authorization_endpoint", doc.AuthURL},
		{"token_endpoint", doc.TokenURL},
		{"device_authorization_endpoint", doc.DeviceAuthURL},
		{"userinfo_endpoint", doc.UserInfoURL},
		{"jwks_uri", doc.JWKSURL},
	} {
		if e.url == "" {
			continue // go-oidc reports a missing endpoint when it is needed
		}
		if err := checkDiscoveredURL("auth: cobot oidc discovery", e.name, e.url); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Endpoint returns the authorization and token endpoints named by the
// discovery document.
func (o *CobotOIDC) Endpoint() oauth2.Endpoint {
	return o.provider.Endpoint()
}

// CobotIDToken is a verified Cobot ID token.
type CobotIDToken struct {
	// Issuer is the "iss" claim; it equals the configured issuer.
	Issuer string
	// Subject is the "sub" claim, the Cobot user's stable identifier.
	Subject string
	// Audience is the "aud" claim; it contains the client id.
	Audience []string
	// Expiry and IssuedAt are the "exp" and "iat" claims.
	Expiry, IssuedAt time.Time
	// Nonce is the "nonce" claim; [CobotOIDC.Verify] checked that it equals
	// the nonce of the authorization request.
	Nonce string
	// Email, EmailVerified and Name are the standard claims of the "email"
	// and "profile" scopes, when present.
	Email         string
	EmailVerified bool
	Name          string

	token *oidc.IDToken
}

// Claims decodes all the token's claims into v, like [json.Unmarshal].
func (t *CobotIDToken) Claims(v any) error {
	if t == nil || t.token == nil {
		return errors.New("auth: cobot id token: no claims")
	}
	return t.token.Claims(v)
}

// Verify checks rawIDToken and returns its claims. The token must be a
// compact JWS signed with RS256 by a key the issuer publishes at its
// jwks_uri (an unknown key id makes go-oidc refetch the key set once), be
// issued by the configured issuer to the client id, not have expired, name
// its subject ("sub"), name the client id as authorized party ("azp") if it
// names one, and carry nonce, the nonce of the authorization request that
// led to it ([CobotAuthRequest].Nonce, kept with the user's session). The
// nonce is compared in constant time; a missing or different one gives
// [ErrCobotNonceMismatch], and an empty nonce argument is an error: every
// authorization that asks for an ID token must send a nonce
// ([CobotConfig.AuthCodeURL] does). Anything else, including "alg": "none"
// and HMAC-signed tokens, is rejected with an error that contains no token
// or claim value.
//
// ctx bounds the call, including a wait for the signing keys; when it ends
// first the error matches ctx's error with [errors.Is].
func (o *CobotOIDC) Verify(ctx context.Context, rawIDToken, nonce string) (*CobotIDToken, error) {
	if rawIDToken == "" {
		return nil, errors.New("auth: cobot id token: empty token")
	}
	if nonce == "" {
		return nil, errors.New("auth: cobot id token: expected nonce is empty (pass the CobotAuthRequest.Nonce of this sign-in)")
	}
	tok, err := o.verifier.Verify(oidc.ClientContext(ctx, o.client), rawIDToken)
	if err != nil {
		return nil, withContextCause(ctx, cobotOIDCError("auth: cobot id token", err, rawIDToken, nonce))
	}
	var std struct {
		Email         string          `json:"email"`
		EmailVerified json.RawMessage `json:"email_verified"`
		Name          string          `json:"name"`
		AZP           json.RawMessage `json:"azp"`
	}
	if err := tok.Claims(&std); err != nil {
		return nil, errors.New("auth: cobot id token: claims are not a valid JSON object")
	}
	if tok.Subject == "" {
		return nil, errors.New("auth: cobot id token: no subject (sub claim)")
	}
	if std.AZP != nil {
		var azp string
		if json.Unmarshal(std.AZP, &azp) != nil || azp != o.clientID {
			return nil, errors.New("auth: cobot id token: authorized party (azp claim) is not the client id")
		}
	}
	switch {
	case tok.Nonce == "":
		return nil, fmt.Errorf("%w: the token carries no nonce", ErrCobotNonceMismatch)
	case subtle.ConstantTimeCompare([]byte(tok.Nonce), []byte(nonce)) != 1:
		return nil, fmt.Errorf("%w: the token carries another nonce", ErrCobotNonceMismatch)
	}
	return &CobotIDToken{
		Issuer:        tok.Issuer,
		Subject:       tok.Subject,
		Audience:      tok.Audience,
		Expiry:        tok.Expiry,
		IssuedAt:      tok.IssuedAt,
		Nonce:         tok.Nonce,
		Email:         std.Email,
		EmailVerified: cobotTrue(std.EmailVerified),
		Name:          std.Name,
		token:         tok,
	}, nil
}

// VerifyToken verifies the ID token that came with tok, a token returned by
// [CobotConfig.Exchange] when "openid" was among the scopes (it is the
// token's "id_token" extra), against nonce, the [CobotAuthRequest].Nonce of
// the same sign-in. See [CobotOIDC.Verify].
func (o *CobotOIDC) VerifyToken(ctx context.Context, tok *oauth2.Token, nonce string) (*CobotIDToken, error) {
	if tok == nil {
		return nil, errors.New("auth: cobot id token: no token")
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, errors.New("auth: cobot id token: the token response carried no id_token (was the openid scope requested?)")
	}
	return o.Verify(ctx, raw, nonce)
}

// CobotUserInfo is the answer of Cobot's OpenID Connect userinfo endpoint.
type CobotUserInfo struct {
	// Subject is the "sub" claim; it equals the ID token's subject.
	Subject string
	// Email and EmailVerified are the "email" and "email_verified" claims.
	Email         string
	EmailVerified bool
	// Name is the "name" claim, when present.
	Name string

	info *oidc.UserInfo
}

// Claims decodes all the userinfo claims into v, like [json.Unmarshal].
func (u *CobotUserInfo) Claims(v any) error {
	if u == nil || u.info == nil {
		return errors.New("auth: cobot userinfo: no claims")
	}
	return u.info.Claims(v)
}

// UserInfo fetches the claims about the user from the userinfo endpoint
// named by the discovery document, authorized with a token from ts (a
// token obtained with the "openid" scope). A signed (application/jwt)
// answer is verified against the issuer's keys by go-oidc. ctx bounds the
// call, the wait for a token from ts included (see [Bearer] for sources
// without a context). Errors do not contain the access token.
func (o *CobotOIDC) UserInfo(ctx context.Context, ts oauth2.TokenSource) (*CobotUserInfo, error) {
	if ts == nil {
		return nil, errors.New("auth: cobot userinfo: no token source")
	}
	tok, err := cobotToken(ctx, ts)
	if err != nil {
		return nil, err
	}
	if tok == nil || tok.AccessToken == "" {
		return nil, errNoToken
	}
	info, err := o.provider.UserInfo(oidc.ClientContext(ctx, o.client), oauth2.StaticTokenSource(tok))
	if err != nil {
		return nil, withContextCause(ctx, cobotOIDCError("auth: cobot userinfo", err, tok.AccessToken))
	}
	var extra struct {
		Name string `json:"name"`
	}
	_ = info.Claims(&extra) // the same body go-oidc already decoded
	return &CobotUserInfo{
		Subject:       info.Subject,
		Email:         info.Email,
		EmailVerified: info.EmailVerified,
		Name:          extra.Name,
		info:          info,
	}, nil
}

// cobotToken gets a token from ts, returning early when ctx ends first.
func cobotToken(ctx context.Context, ts oauth2.TokenSource) (*oauth2.Token, error) {
	if cts, ok := ts.(ContextTokenSource); ok {
		return cts.TokenContext(ctx)
	}
	return (&contextSource{ts: ts}).TokenContext(ctx)
}

// cobotTrue reads a boolean claim sent as true/false or "true"/"false".
func cobotTrue(raw json.RawMessage) bool {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return b
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && strings.EqualFold(s, "true")
}

// cobotRedactedError carries a go-oidc error under a message with secrets
// redacted; errors.As still reaches the original (for example an
// *oidc.TokenExpiredError), and errors.Is the caller's context error when
// the call ended with the context (go-oidc formats some causes with %v).
type cobotRedactedError struct {
	msg   string
	err   error
	cause error // ctx.Err(), or nil
}

func (e *cobotRedactedError) Error() string { return e.msg }

func (e *cobotRedactedError) Unwrap() []error {
	if e.cause != nil {
		return []error{e.err, e.cause}
	}
	return []error{e.err}
}

// withContextCause adds ctx's error to err, a *cobotRedactedError, when ctx
// has ended, so that errors.Is(err, context.DeadlineExceeded) holds even
// where go-oidc dropped the cause from the chain.
func withContextCause(ctx context.Context, err error) error {
	var re *cobotRedactedError
	if cerr := ctx.Err(); cerr != nil && errors.As(err, &re) && !errors.Is(re.err, cerr) {
		re.cause = cerr
	}
	return err
}

// cobotOIDCError prefixes err's text, redacting secrets, JWT-shaped strings
// and secret-named fields and collapsing control characters (go-oidc
// quotes response bodies in some errors). Client errors lose their URL
// layer.
func cobotOIDCError(prefix string, err error, secrets ...string) error {
	err = cobotUnwrapURLError(err)
	msg := bodyExcerpt([]byte(err.Error()), secrets)
	return &cobotRedactedError{msg: prefix + ": " + msg, err: err}
}
