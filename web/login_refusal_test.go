package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/logintest"
)

// clock is a time the server and the fakes read, moved on by the test.
type clock struct{ now time.Time }

func (c *clock) Now() time.Time { return c.now }

// Every way a login goes wrong is refused with a page that says what to do,
// no session is made, and nothing that could log anyone in (a code, a
// state, a token, a secret) reaches the page or the audit log.
func TestLoginRefusals(t *testing.T) {
	user := logintest.User{ID: "wang.boss", Name: "王总"}
	type setup struct {
		p platforms
		s *Server
		a *audits
		c *clock
	}
	for _, tc := range []struct {
		name   string
		kind   string
		status int
		says   string
		made   int // sessions made before the fault (a replay's first login)
		// run makes the fault and plays the browser; it returns the answer
		// to the callback.
		run func(t *testing.T, e setup, b *tab) *httptestResponse
	}{
		{"a forged state", "wecom", 403, "不是从本浏览器发起的", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			b.get(t, e.s, "/login/wecom")
			return wrap(b.get(t, e.s, "/login/wecom/callback?code=abc&state="+token()))
		}},
		{"a replayed callback", "feishu", 403, "不是从本浏览器发起的", 1, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.feishu.LogIn(user)
			back := b.toPlatform(t, e.s, "feishu")
			cookie := b.cookies[loginCookie]
			if w := b.get(t, e.s, back); w.Code != http.StatusSeeOther {
				t.Fatalf("the first callback: %d", w.Code)
			}
			b.cookies = map[string]string{loginCookie: cookie}
			return wrap(b.get(t, e.s, back))
		}},
		{"a callback carried to another browser", "dingtalk", 403, "不是从本浏览器发起的", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.ding.LogIn(logintest.User{ID: "li-east"})
			back := b.toPlatform(t, e.s, "dingtalk")
			return wrap(newTab().get(t, e.s, back))
		}},
		{"a state older than ten minutes", "oidc", 403, "不是从本浏览器发起的", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.oidc.LogIn(user)
			back := b.toPlatform(t, e.s, "oidc")
			e.c.now = e.c.now.Add(11 * time.Minute)
			return wrap(b.get(t, e.s, back))
		}},
		{"an expired code", "feishu", 403, "登录码已过期", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			pc := &clock{now: time.Now()}
			e.p.feishu.SetClock(pc.Now)
			e.p.feishu.LogIn(user)
			back := b.toPlatform(t, e.s, "feishu")
			pc.now = pc.now.Add(logintest.CodeLife + time.Minute)
			return wrap(b.get(t, e.s, back))
		}},
		{"企业微信 from an untrusted IP (60020)", "wecom", 502, "企业可信IP", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.wecom.Untrusted(true)
			return wrap(b.logIn(t, e.s, e.p.wecom, user))
		}},
		{"a platform down", "dingtalk", 502, "暂时没有响应", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.ding.Down(true)
			return wrap(b.logIn(t, e.s, e.p.ding, logintest.User{ID: "li-east"}))
		}},
		{"an OIDC provider down at discovery", "oidc", 502, "暂时没有响应", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.oidc.Down(true)
			return wrap(b.get(t, e.s, "/login/oidc"))
		}},
		{"a platform too slow", "feishu", 502, "暂时没有响应", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			back := func() string { e.p.feishu.LogIn(user); return b.toPlatform(t, e.s, "feishu") }()
			e.p.feishu.Slow(2 * time.Second) // the ways' client waits one
			return wrap(b.get(t, e.s, back))
		}},
		{"an ID token for another audience", "oidc", 403, "凭证无效", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.oidc.ForgeIDToken("another-app", false, "")
			return wrap(b.logIn(t, e.s, e.p.oidc, user))
		}},
		{"an expired ID token", "oidc", 403, "凭证无效", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.oidc.ForgeIDToken("", true, "")
			return wrap(b.logIn(t, e.s, e.p.oidc, user))
		}},
		{"an ID token of another login (nonce)", "oidc", 403, "凭证无效", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			e.p.oidc.ForgeIDToken("", false, "someone-elses-nonce")
			return wrap(b.logIn(t, e.s, e.p.oidc, user))
		}},
		{"someone outside the organisation (钉钉 60121)", "dingtalk", 403, "不是本企业", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			return wrap(b.logIn(t, e.s, e.p.ding, logintest.User{ID: "outsider-1"}))
		}},
		{"the platform refused the person", "wecom", 403, "没有授权", 0, func(t *testing.T, e setup, b *tab) *httptestResponse {
			b.get(t, e.s, "/login/wecom")
			return wrap(b.get(t, e.s, "/login/wecom/callback?error=access_denied&state="+url.QueryEscape(b.cookies[loginCookie])))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := startPlatforms(t)
			c := &clock{now: asOf}
			s, a := newLoginServer(t, p, func(cfg *Config) {
				cfg.Now = c.Now
				cfg.Auth.Ways = ways(p, nil, &http.Client{Timeout: time.Second})
			})
			b := newTab()
			w := tc.run(t, setup{p, s, a, c}, b)
			if w.Code != tc.status || !strings.Contains(w.Body, tc.says) {
				t.Errorf("status %d, want %d saying %q:\n%s", w.Code, tc.status, tc.says, w.Body)
			}
			if !strings.Contains(w.Body, `href="/login?choose=1"`) {
				t.Error("the page offers no way to log in again")
			}
			if b.cookies[sessionCookie] != "" || len(s.sessions.list(c.now)) != tc.made {
				t.Error("a refused login made a session")
			}
			if !strings.Contains(a.text(), "refused ") {
				t.Errorf("no audit line of the refusal:\n%s", a.text())
			}
			noSecrets(t, p, a.text()+w.Body)
		})
	}
}

// A wrong secret is refused by each platform: the page asks the
// administrator to check it, and says nothing of it.
func TestLoginWrongSecret(t *testing.T) {
	p := startPlatforms(t)
	s, a := newLoginServer(t, p, func(c *Config) {
		c.Auth.Ways = ways(p, func(_, real string) string { return real + "-old" }, nil)
	})
	for _, f := range p.all() {
		w := newTab().logIn(t, s, f, logintest.User{ID: "wang.boss"})
		if w.Code != http.StatusBadGateway || !strings.Contains(w.Body.String(), "应用 ID 或密钥") {
			t.Errorf("%s: status %d:\n%s", f.Kind, w.Code, w.Body.String())
		}
		noSecrets(t, p, w.Body.String()+w.Header().Get("Location"))
	}
	noSecrets(t, p, a.text())
	if strings.Count(a.text(), "refused  ") != 4 {
		t.Errorf("audit:\n%s", a.text())
	}
}

// noSecrets fails where a text holds a secret, or a code or token a fake
// issued.
func noSecrets(t *testing.T, p platforms, text string) {
	t.Helper()
	for _, f := range p.all() {
		for _, s := range append(append([]string{f.Secret}, f.IssuedCodes()...), f.Tokens()...) {
			if strings.Contains(text, s) {
				t.Errorf("%s: %q is in the page or the log:\n%s", f.Kind, s, text)
			}
		}
	}
}

// A session id chosen before the login (fixation) is never taken: the
// login makes a new one, and the browser's old session, if it had one,
// ends.
func TestSessionFixation(t *testing.T) {
	p := startPlatforms(t)
	s, _ := newLoginServer(t, p)
	b := newTab()
	b.cookies[sessionCookie] = "chosen-by-the-attacker"
	b.logIn(t, s, p.ding, logintest.User{ID: "li-east"})
	first := b.cookies[sessionCookie]
	if first == "" || first == "chosen-by-the-attacker" {
		t.Fatalf("the session after login is %q", first)
	}
	if w := (&tab{cookies: map[string]string{sessionCookie: "chosen-by-the-attacker"}}).get(t, s, "/dashboard"); w.Code != http.StatusSeeOther {
		t.Errorf("the chosen id logs in: status %d", w.Code)
	}
	// Another login in the same browser: a new id, the old one ends.
	b.logIn(t, s, p.wecom, logintest.User{ID: "wang.boss"})
	if b.cookies[sessionCookie] == first {
		t.Error("the session id was not rotated at login")
	}
	if w := (&tab{cookies: map[string]string{sessionCookie: first}}).get(t, s, "/dashboard"); w.Code != http.StatusSeeOther {
		t.Errorf("the session before the second login still works: status %d", w.Code)
	}
	// The cookie is HttpOnly, SameSite, not readable by a page.
	nb := newTab()
	nb.get(t, s, "/login/dingtalk")
	p.ding.LogIn(logintest.User{ID: "li-east"})
	w := nb.get(t, s, nb.toPlatform(t, s, "dingtalk"))
	for _, c := range w.Result().Cookies() {
		if c.Name == sessionCookie && (!c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/") {
			t.Errorf("session cookie %+v", c)
		}
	}
}

// A session ends when it expires, when the person logs out, and when the
// operator ends it from the session list.
func TestSessionsExpireAndAreEnded(t *testing.T) {
	p := startPlatforms(t)
	c := &clock{now: asOf}
	s, a := newLoginServer(t, p, func(cfg *Config) { cfg.Now = c.Now; cfg.Auth.SessionLife = time.Hour })
	lead, ops := newTab(), newTab()
	lead.logIn(t, s, p.wecom, logintest.User{ID: "wang.boss"})
	ops.logIn(t, s, p.feishu, logintest.User{ID: "ou_ops", Name: "运维"})
	list := ops.get(t, s, "/sessions")
	// 王总 is the name people: gives wecom:wang.boss.
	if list.Code != 200 || !strings.Contains(list.Body.String(), "王总") || !strings.Contains(list.Body.String(), "wecom:wang.boss") || !strings.Contains(list.Body.String(), "feishu:ou_ops") {
		t.Fatalf("the session list: %d\n%s", list.Code, list.Body.String())
	}
	if strings.Contains(list.Body.String(), lead.cookies[sessionCookie]) {
		t.Error("the session list holds a session's token")
	}
	if w := lead.get(t, s, "/sessions"); w.Code != 404 {
		t.Errorf("leadership sees the session list: %d", w.Code)
	}
	var key string
	for _, se := range s.sessions.list(c.now) {
		if se.Person.Identity == "wecom:wang.boss" {
			key = se.Key
		}
	}
	if w := lead.do(t, s, http.MethodPost, "/sessions/end", url.Values{"session": {key}}); w.Code != 404 {
		t.Errorf("leadership ended a session: %d", w.Code)
	}
	if w := ops.do(t, s, http.MethodPost, "/sessions/end", url.Values{"session": {key}}); w.Code != http.StatusSeeOther {
		t.Errorf("the operator ending a session: %d", w.Code)
	}
	if w := lead.get(t, s, "/dashboard"); w.Code != http.StatusSeeOther {
		t.Errorf("an ended session still sees the dashboard: %d", w.Code)
	}
	if !strings.Contains(a.text(), "revoked feishu:ou_ops") {
		t.Errorf("no audit line of the session ended:\n%s", a.text())
	}
	c.now = c.now.Add(time.Hour)
	if w := ops.get(t, s, "/runs"); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
		t.Errorf("an expired session: %d", w.Code)
	}
	// Nobody is logged in now: the list says so.
	ops.logIn(t, s, p.feishu, logintest.User{ID: "ou_ops"})
	if body := ops.get(t, s, "/sessions").Body.String(); strings.Contains(body, "wecom:wang.boss") {
		t.Error("an ended session is still listed")
	}
}

// Someone the access list does not name sees their id to give the
// operator, and nothing else.
func TestLoggedInButNotAllowed(t *testing.T) {
	p := startPlatforms(t)
	s, a := newLoginServer(t, p)
	b := newTab()
	w := b.logIn(t, s, p.oidc, logintest.User{ID: "new-hire-42", Name: "赵新", Groups: []string{"all-staff"}})
	if w.Header().Get("Location") != "/" {
		t.Errorf("lands on %q", w.Header().Get("Location"))
	}
	for _, target := range []string{"/", "/dashboard", path("teams", "华东销售部"), "/lessons", "/runs", "/sessions", "/template/en"} {
		w := b.get(t, s, target)
		body := w.Body.String()
		if w.Code != http.StatusForbidden || !strings.Contains(body, "oidc:new-hire-42") || !strings.Contains(body, "oidc:group:all-staff") ||
			strings.Contains(body, "华东销售部") || strings.Contains(body, `href="/dashboard"`) {
			t.Errorf("%s: status %d\n%s", target, w.Code, body)
		}
	}
	if !strings.Contains(a.text(), "login oidc:new-hire-42 oidc none") {
		t.Errorf("audit:\n%s", a.text())
	}
}

// httptestResponse is an answer reduced to what the table checks.
type httptestResponse struct {
	Code int
	Body string
}

func wrap(w interface {
	Result() *http.Response
}) *httptestResponse {
	r := w.Result()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := r.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return &httptestResponse{Code: r.StatusCode, Body: b.String()}
}
