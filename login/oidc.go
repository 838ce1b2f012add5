package login

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDC is a company's own identity provider (Keycloak, Authing, ADFS,
// Azure AD): discovery, the authorization code with PKCE S256, state and
// nonce, the ID token verified (signature, issuer, audience, expiry,
// nonce), the groups from a claim.
type OIDC struct {
	Issuer   string
	ClientID string
	Secret   string
	// GroupsClaim names the claim holding the person's groups (default
	// groups); each is the identity oidc:group:NAME.
	GroupsClaim string
	// Scopes beyond openid (default profile).
	Scopes []string
	Client *http.Client
	Now    func() time.Time

	mu       sync.Mutex
	provider *oidc.Provider
}

// Kind is oidc.
func (o *OIDC) Kind() string { return "oidc" }

// InApp: a provider has no app of its own.
func (o *OIDC) InApp(string) bool { return false }

// discover reads the provider's configuration once it answers; a provider
// down at start is asked again at the next login.
func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, client(o.Client)), o.Issuer)
	if err != nil {
		return nil, fmt.Errorf("OIDC discovery at %s: %w", o.Issuer, ErrUnavailable)
	}
	o.provider = p
	return p, nil
}

func (o *OIDC) config(p *oidc.Provider, redirect string) *oauth2.Config {
	scopes := o.Scopes
	if len(scopes) == 0 {
		scopes = []string{"profile"}
	}
	return &oauth2.Config{ClientID: o.ClientID, ClientSecret: o.Secret, Endpoint: p.Endpoint(),
		RedirectURL: redirect, Scopes: append([]string{oidc.ScopeOpenID}, scopes...)}
}

// AuthURL is the provider's authorize page with state, nonce and the PKCE
// challenge.
func (o *OIDC) AuthURL(ctx context.Context, r Request) (string, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	return o.config(p, r.Redirect).AuthCodeURL(r.State, oidc.Nonce(r.Nonce), oauth2.S256ChallengeOption(r.Verifier)), nil
}

// Exchange redeems the code with the verifier and verifies the ID token.
func (o *OIDC) Exchange(ctx context.Context, code string, r Request) (Identity, error) {
	p, err := o.discover(ctx)
	if err != nil {
		return Identity{}, err
	}
	ctx = oidc.ClientContext(ctx, client(o.Client))
	tok, err := o.config(p, r.Redirect).Exchange(ctx, code, oauth2.VerifierOption(r.Verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			kind := ErrCode
			if re.ErrorCode == "invalid_client" || re.Response.StatusCode == http.StatusUnauthorized {
				kind = ErrCredentials
			} else if re.Response.StatusCode >= 500 {
				kind = ErrUnavailable
			}
			return Identity{}, fmt.Errorf("OIDC token endpoint: %d %s: %w", re.Response.StatusCode, re.ErrorCode, kind)
		}
		return Identity{}, fmt.Errorf("OIDC token endpoint: %w", ErrUnavailable)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return Identity{}, fmt.Errorf("OIDC: no id_token in the answer: %w", ErrToken)
	}
	cfg := &oidc.Config{ClientID: o.ClientID, Now: o.Now}
	idt, err := p.Verifier(cfg).Verify(ctx, raw)
	if err != nil {
		// go-oidc's message names the claim (issuer, audience, expiry),
		// never the token.
		return Identity{}, fmt.Errorf("OIDC ID token: %s: %w", tokenProblem(err), ErrToken)
	}
	if idt.Nonce != r.Nonce {
		return Identity{}, fmt.Errorf("OIDC ID token: the nonce is not this login's: %w", ErrToken)
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, fmt.Errorf("OIDC ID token claims: %w", ErrToken)
	}
	id := Identity{ID: "oidc:" + idt.Subject, Name: idt.Subject}
	for _, k := range []string{"name", "preferred_username"} {
		if s, ok := claims[k].(string); ok && s != "" {
			id.Name = s
			break
		}
	}
	gc := o.GroupsClaim
	if gc == "" {
		gc = "groups"
	}
	switch g := claims[gc].(type) {
	case []any:
		for _, v := range g {
			if s, ok := v.(string); ok && s != "" {
				id.Groups = append(id.Groups, "oidc:group:"+s)
			}
		}
	case string:
		id.Groups = append(id.Groups, "oidc:group:"+g)
	}
	return id, nil
}

// tokenProblem is what go-oidc found wrong, by kind.
func tokenProblem(err error) string {
	var exp *oidc.TokenExpiredError
	switch {
	case errors.As(err, &exp):
		return "expired at " + exp.Expiry.UTC().Format(time.RFC3339)
	default:
		return err.Error()
	}
}

// Check reads the provider's discovery document.
func (o *OIDC) Check(ctx context.Context) error {
	_, err := o.discover(ctx)
	return err
}
