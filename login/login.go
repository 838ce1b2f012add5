// Package login is the ways into fupan serve: 企业微信, 钉钉, 飞书 and a
// company's own OpenID Connect provider. Each way sends the browser to the
// platform with a state (and, where the platform takes them, a nonce and a
// PKCE challenge) and turns the code the platform sends back into the
// platform's stable id for the person. The web package keeps the state,
// the session and who may see what; this package only talks to the
// platforms, and says nothing of a secret, code or token in its errors.
package login

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Request is one login under way: what the way sends to the platform and
// checks when the person comes back.
type Request struct {
	State    string // random, one use, bound to the browser by web
	Nonce    string // random, in the ID token (OIDC)
	Verifier string // PKCE code verifier; the challenge is its S256
	Redirect string // the callback URL registered with the platform
	InApp    bool   // inside the platform's own app: the silent flow
}

// Challenge is the PKCE S256 challenge of the request's verifier.
func (r Request) Challenge() string {
	sum := sha256.Sum256([]byte(r.Verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// Identity is who the platform says logged in.
type Identity struct {
	ID     string   // the platform's stable id: wecom:USERID, oidc:SUB…
	Name   string   // what to call them on the page
	Groups []string // further identities the access list may name (oidc:group:NAME)
}

// Way is one way in.
type Way interface {
	// Kind is the way's name in URLs and fupan.yaml: wecom, dingtalk,
	// feishu, oidc.
	Kind() string
	// InApp says whether a user agent is the platform's own app's browser,
	// where the person is logged in already.
	InApp(userAgent string) bool
	// AuthURL is where to send the browser.
	AuthURL(ctx context.Context, r Request) (string, error)
	// Exchange turns the code the platform sent back into the person.
	Exchange(ctx context.Context, code string, r Request) (Identity, error)
}

// Checker is a way that can check its settings at start: the app's token
// asked for, and (企业微信) one call that fails where the server's address
// is not trusted.
type Checker interface {
	Check(ctx context.Context) error
}

// The refusals a way tells apart, so the page can say what to do. Each is
// wrapped with the platform's own code and message, never a secret, code
// or token.
var (
	ErrCode        = errors.New("the platform refused the login code (expired or used already)")
	ErrCredentials = errors.New("the platform refused fupan's app id or secret")
	ErrUntrustedIP = errors.New("企业微信 refused the call: the server's public address is not among the app's 企业可信IP (errcode 60020)")
	ErrUnavailable = errors.New("the platform did not answer")
	ErrToken       = errors.New("the platform's ID token is not valid for this login")
	ErrNotMember   = errors.New("the person is not a member of the organisation")
)

// client is the HTTP client of the ways: a platform that does not answer
// within the timeout is down, for this login.
func client(c *http.Client) *http.Client {
	if c != nil {
		return c
	}
	return &http.Client{Timeout: 15 * time.Second}
}

// call sends req and decodes the JSON answer into v; the status is
// returned for ways whose errors are told by it. A transport failure or a
// server error is ErrUnavailable.
func call(c *http.Client, req *http.Request, v any) (int, error) {
	resp, err := c.Do(req)
	if err != nil {
		// The URL may hold a code or a token: say only the host.
		return 0, fmt.Errorf("%s: %w", req.URL.Host, ErrUnavailable)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return resp.StatusCode, fmt.Errorf("%s: %w", req.URL.Host, ErrUnavailable)
	}
	if resp.StatusCode >= 500 {
		return resp.StatusCode, fmt.Errorf("%s answered %d: %w", req.URL.Host, resp.StatusCode, ErrUnavailable)
	}
	if err := json.Unmarshal(body, v); err != nil {
		return resp.StatusCode, fmt.Errorf("%s answered %d, not JSON: %w", req.URL.Host, resp.StatusCode, ErrUnavailable)
	}
	return resp.StatusCode, nil
}

// userAgentHas says whether a user agent names one of the apps.
func userAgentHas(ua string, apps ...string) bool {
	ua = strings.ToLower(ua)
	for _, a := range apps {
		if strings.Contains(ua, strings.ToLower(a)) {
			return true
		}
	}
	return false
}

// base is a configured base URL without its trailing slash, or def.
func base(configured, def string) string {
	if configured == "" {
		return def
	}
	return strings.TrimRight(configured, "/")
}
