// Package logintest runs local fakes of the login APIs of 企业微信, 钉钉 and
// 飞书 and of an OpenID Connect provider, in the test process, in the manner
// of robottest: each checks the app id, the secret, the redirect and the
// state as the platform does, answers with the platform's error codes (an
// expired or used code, 60020, a wrong secret), and can be slow or down.
package logintest

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"time"
)

// User is who is logged in at the platform when the browser arrives.
type User struct {
	ID     string // userid (企业微信, 钉钉), open_id (飞书), sub (OIDC)
	Name   string
	Groups []string // OIDC only
}

// Fake is one platform's login API.
type Fake struct {
	Kind     string // wecom, dingtalk, feishu, oidc
	URL      string
	AppID    string // corp id, client id or app id
	AgentID  string // 企业微信
	Secret   string
	Redirect string // the callback registered with the platform

	srv *httptest.Server
	mu  sync.Mutex
	// user is who logs in next.
	user  User
	codes map[string]*grant
	// now is the platform's clock; codes live five minutes.
	now   func() time.Time
	delay time.Duration
	down  bool
	// untrusted: every API call answers 企业微信's errcode 60020.
	untrusted bool
	calls     map[string]int
	tokens    map[string]User // user access tokens issued
	idTokens  []string        // ID tokens issued (OIDC)
	oidc      *oidcKeys
}

type grant struct {
	user      User
	issued    time.Time
	used      bool
	nonce     string
	challenge string
	redirect  string
}

// CodeLife is how long a code may be redeemed, as the platforms say.
const CodeLife = 5 * time.Minute

func newFake(kind, appID, secret, redirect string) *Fake {
	return &Fake{Kind: kind, AppID: appID, Secret: secret, Redirect: redirect, codes: map[string]*grant{},
		now: time.Now, calls: map[string]int{}, tokens: map[string]User{}}
}

func (f *Fake) start(mux *http.ServeMux) {
	f.srv = httptest.NewServer(f.middle(mux))
	f.URL = f.srv.URL
}

// Close stops the fake.
func (f *Fake) Close() { f.srv.Close() }

// LogIn sets who is logged in at the platform.
func (f *Fake) LogIn(u User) {
	f.mu.Lock()
	f.user = u
	f.mu.Unlock()
}

// SetClock gives the platform a clock (codes expire by it).
func (f *Fake) SetClock(now func() time.Time) {
	f.mu.Lock()
	f.now = now
	f.mu.Unlock()
}

// Slow makes every answer wait d first.
func (f *Fake) Slow(d time.Duration) {
	f.mu.Lock()
	f.delay = d
	f.mu.Unlock()
}

// Down makes the API answer 503 (the authorize page still answers).
func (f *Fake) Down(down bool) {
	f.mu.Lock()
	f.down = down
	f.mu.Unlock()
}

// Untrusted makes 企业微信 answer 60020: the caller's IP is not trusted.
func (f *Fake) Untrusted(u bool) {
	f.mu.Lock()
	f.untrusted = u
	f.mu.Unlock()
}

// Calls is how many times a path was asked.
func (f *Fake) Calls(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[path]
}

// IssuedCodes are the codes handed to browsers so far (for a test that
// checks none is logged).
func (f *Fake) IssuedCodes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for c := range f.codes {
		out = append(out, c)
	}
	return out
}

// Tokens are the user access tokens and ID tokens issued so far.
func (f *Fake) Tokens() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := append([]string(nil), f.idTokens...)
	for t := range f.tokens {
		out = append(out, t)
	}
	return out
}

func (f *Fake) middle(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.calls[r.URL.Path]++
		delay, down := f.delay, f.down
		f.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		if down && !f.browserPage(r.URL.Path) {
			http.Error(w, "service unavailable", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (f *Fake) browserPage(p string) bool {
	switch p {
	case "/wwlogin/sso/login", "/connect/oauth2/authorize", "/oauth2/auth", "/open-apis/authen/v1/authorize", "/authorize":
		return true
	}
	return false
}

func random() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// authorize is the platform's page in the browser: it checks the app and
// the redirect, and sends the person back with a fresh code and the state.
// codeParam names the code in the redirect (钉钉 sends authCode too).
func (f *Fake) authorize(w http.ResponseWriter, r *http.Request, appParam string, codeParams ...string) {
	q := r.URL.Query()
	if q.Get(appParam) != f.AppID {
		http.Error(w, "unknown app "+q.Get(appParam), http.StatusBadRequest)
		return
	}
	if q.Get("redirect_uri") != f.Redirect {
		http.Error(w, "redirect_uri is not the app's registered callback", http.StatusBadRequest)
		return
	}
	if q.Get("state") == "" {
		http.Error(w, "no state", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	code := random()
	f.codes[code] = &grant{user: f.user, issued: f.now(), nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), redirect: q.Get("redirect_uri")}
	f.mu.Unlock()
	back, _ := url.Parse(f.Redirect)
	bq := back.Query()
	for _, p := range codeParams {
		bq.Set(p, code)
	}
	bq.Set("state", q.Get("state"))
	back.RawQuery = bq.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// redeem takes a code once, within its life: nil if it is unknown, used
// or expired (expired says which).
func (f *Fake) redeem(code string) (g *grant, expired bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	g = f.codes[code]
	if g == nil || g.used {
		return nil, false
	}
	g.used = true
	if f.now().Sub(g.issued) > CodeLife {
		return nil, true
	}
	return g, false
}

func (f *Fake) issueToken(u User) string {
	t := random()
	f.mu.Lock()
	f.tokens[t] = u
	f.mu.Unlock()
	return t
}

func (f *Fake) tokenUser(t string) (User, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u, ok := f.tokens[t]
	return u, ok
}
