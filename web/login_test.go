package web

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fupan-review/fupan/internal/logintest"
	"github.com/fupan-review/fupan/login"
)

const publicURL = "http://fupan.test"

// platforms are the four fakes, each with fupan's app registered.
type platforms struct {
	wecom, ding, feishu, oidc *logintest.Fake
}

func (p platforms) all() []*logintest.Fake {
	return []*logintest.Fake{p.wecom, p.ding, p.feishu, p.oidc}
}

func callback(kind string) string { return callbackAt(publicURL, kind) }

func callbackAt(base, kind string) string { return base + "/login/" + kind + "/callback" }

func startPlatforms(t testing.TB) platforms { return startPlatformsAt(t, publicURL) }

// startPlatformsAt starts the fakes with fupan's callbacks under base.
func startPlatformsAt(t testing.TB, base string) platforms {
	t.Helper()
	p := platforms{
		wecom:  logintest.WeCom("ww-corp", "1000002", "wecom-secret-0123456789", callbackAt(base, "wecom")),
		ding:   logintest.DingTalk("ding-app", "ding-secret-0123456789", callbackAt(base, "dingtalk")),
		feishu: logintest.Feishu("cli_a1b2", "feishu-secret-0123456789", callbackAt(base, "feishu")),
		oidc:   logintest.OIDC("fupan", "oidc-secret-0123456789", callbackAt(base, "oidc")),
	}
	for _, f := range p.all() {
		t.Cleanup(f.Close)
	}
	return p
}

// ways are the ways in, pointed at the fakes, with the secrets given.
func ways(p platforms, secret func(kind, real string) string, c *http.Client) []login.Way {
	if secret == nil {
		secret = func(_, real string) string { return real }
	}
	return []login.Way{
		&login.WeCom{CorpID: "ww-corp", AgentID: "1000002", Secret: secret("wecom", p.wecom.Secret), APIBase: p.wecom.URL, QRBase: p.wecom.URL, OAuthBase: p.wecom.URL, Client: c},
		&login.DingTalk{ClientID: "ding-app", Secret: secret("dingtalk", p.ding.Secret), LoginBase: p.ding.URL, APIBase: p.ding.URL, OAPIBase: p.ding.URL, Client: c},
		&login.Feishu{AppID: "cli_a1b2", Secret: secret("feishu", p.feishu.Secret), AccountsBase: p.feishu.URL, APIBase: p.feishu.URL, Client: c},
		&login.OIDC{Issuer: p.oidc.URL, ClientID: "fupan", Secret: secret("oidc", p.oidc.Secret), Client: c},
	}
}

// audits collects the audit log.
type audits struct {
	mu   sync.Mutex
	recs []AuditRecord
}

func (a *audits) add(r AuditRecord) {
	a.mu.Lock()
	a.recs = append(a.recs, r)
	a.mu.Unlock()
}

func (a *audits) text() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var b strings.Builder
	for _, r := range a.recs {
		b.WriteString(r.Event + " " + r.Identity + " " + r.Way + " " + r.Roles + " " + r.What + "\n")
	}
	return b.String()
}

// loginGrants name the test's people by the platforms' ids.
var loginGrants = []Grant{
	{Identity: "wecom:wang.boss", Role: RoleLeadership, Name: "王总"},
	{Identity: "dingtalk:li-east", Role: RoleTeam, Teams: []string{"华东销售部"}},
	{Identity: "feishu:ou_ops", Role: RoleOperator},
	{Identity: "oidc:group:sales-east", Role: RoleTeam, Teams: []string{"華東銷售部"}},
}

// newLoginServer serves the fixture with the four ways in.
func newLoginServer(t testing.TB, p platforms, opts ...serverOption) (*Server, *audits) {
	t.Helper()
	a := &audits{}
	return newServer(t, append([]serverOption{func(c *Config) {
		c.Auth = Auth{Ways: ways(p, nil, nil), PublicURL: publicURL}
		c.Access = loginGrants
		c.Audit = a.add
	}}, opts...)...), a
}

// tab is one browser: its cookies and user agent.
type tab struct {
	cookies map[string]string
	ua      string
}

func newTab() *tab { return &tab{cookies: map[string]string{}} }

// do asks the server as this browser and keeps the cookies it sets.
func (b *tab) do(t testing.TB, s *Server, method, target string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var r *http.Request
	if form != nil {
		r = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	} else {
		r = httptest.NewRequest(method, target, nil)
	}
	for k, v := range b.cookies {
		r.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	if b.ua != "" {
		r.Header.Set("User-Agent", b.ua)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return w
}

func (b *tab) get(t testing.TB, s *Server, target string) *httptest.ResponseRecorder {
	return b.do(t, s, http.MethodGet, target, nil)
}

var noFollow = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 10 * time.Second}

// toPlatform starts a login and follows fupan's redirect to the platform's
// page, which sends the browser back: the callback's path and query.
func (b *tab) toPlatform(t testing.TB, s *Server, kind string) string {
	t.Helper()
	w := b.get(t, s, "/login/"+kind)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("/login/%s: status %d\n%s", kind, w.Code, w.Body.String())
	}
	resp, err := noFollow.Get(w.Header().Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	back := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(back, callback(kind)) {
		t.Fatalf("the %s platform's page: status %d, back to %q", kind, resp.StatusCode, back)
	}
	return strings.TrimPrefix(back, publicURL)
}

// logIn logs the browser in through a platform as user: the callback's answer.
func (b *tab) logIn(t testing.TB, s *Server, f *logintest.Fake, user logintest.User) *httptest.ResponseRecorder {
	t.Helper()
	f.LogIn(user)
	return b.get(t, s, b.toPlatform(t, s, f.Kind))
}

// Each way in: the platform's page, the code exchanged, the person's id
// resolved from the access list, a session, the dashboard of their role.
func TestLoginEachWay(t *testing.T) {
	p := startPlatforms(t)
	s, a := newLoginServer(t, p)
	for _, tc := range []struct {
		f     *logintest.Fake
		user  logintest.User
		land  string
		id    string
		has   []string
		hasnt []string
	}{
		{p.wecom, logintest.User{ID: "wang.boss"}, "/dashboard", "wecom:wang.boss", []string{"华东销售部", "华南销售部"}, nil},
		{p.ding, logintest.User{ID: "li-east", Name: "李东"}, "/dashboard", "dingtalk:li-east", []string{"华东销售部"}, []string{"华南销售部"}},
		{p.feishu, logintest.User{ID: "ou_ops", Name: "运维"}, "/runs", "feishu:ou_ops", []string{"2025Q3"}, nil},
		{p.oidc, logintest.User{ID: "9f3c-sub", Name: "Chen", Groups: []string{"sales-east", "all-staff"}}, "/dashboard", "oidc:9f3c-sub", []string{"华东销售部"}, []string{"华南销售部"}},
	} {
		b := newTab()
		w := b.logIn(t, s, tc.f, tc.user)
		if w.Code != http.StatusSeeOther || w.Header().Get("Location") != tc.land || b.cookies[sessionCookie] == "" {
			t.Errorf("%s: status %d to %q, session %q", tc.f.Kind, w.Code, w.Header().Get("Location"), b.cookies[sessionCookie])
			continue
		}
		body := b.get(t, s, tc.land).Body.String()
		for _, h := range tc.has {
			if !strings.Contains(body, h) {
				t.Errorf("%s: %s has no %q", tc.f.Kind, tc.land, h)
			}
		}
		for _, h := range tc.hasnt {
			if strings.Contains(body, h) {
				t.Errorf("%s: %s has %q", tc.f.Kind, tc.land, h)
			}
		}
		if !strings.Contains(body, tc.id) || !strings.Contains(body, `action="/logout"`) {
			t.Errorf("%s: the page does not say who is logged in (%s) or offer to log out", tc.f.Kind, tc.id)
		}
		if !strings.Contains(a.text(), "login "+tc.id+" "+tc.f.Kind) {
			t.Errorf("%s: no audit line for the login:\n%s", tc.f.Kind, a.text())
		}
		// Log out: the session is gone.
		if w := b.do(t, s, http.MethodPost, "/logout", url.Values{}); w.Code != http.StatusSeeOther {
			t.Errorf("%s: logout status %d", tc.f.Kind, w.Code)
		}
		if w := b.get(t, s, tc.land); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login" {
			t.Errorf("%s: after logout %s: status %d", tc.f.Kind, tc.land, w.Code)
		}
	}
	// 企业微信 named the app's agent on its QR page; the code reached
	// getuserinfo with one app token, asked for once and cached.
	b := newTab()
	b.logIn(t, s, p.wecom, logintest.User{ID: "wang.boss"})
	// A report downloaded is a line of the audit log: who, which.
	if w := b.get(t, s, path("teams", "华南销售部", "2025Q3", "report.pdf")); w.Code != 200 {
		t.Fatalf("the report: %d", w.Code)
	}
	if want := "download wecom:wang.boss wecom  /teams/华南销售部/2025Q3/report.pdf"; !strings.Contains(a.text(), want) {
		t.Errorf("no audit line %q:\n%s", want, a.text())
	}
	noSecrets(t, p, a.text())
	if n := p.wecom.Calls("/cgi-bin/gettoken"); n != 1 {
		t.Errorf("gettoken asked %d times for two logins, want 1 (cached until shortly before 7,200 s)", n)
	}
}

// Inside an app's own browser, the login page goes straight to that app's
// silent flow: 企业微信's snsapi_base authorize, not the QR page.
func TestLoginInsideTheApps(t *testing.T) {
	p := startPlatforms(t)
	s, _ := newLoginServer(t, p)
	for ua, want := range map[string]string{
		"Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 wxwork/4.1.22 MicroMessenger/7.0.1 Language/zh":    "/login/wecom",
		"Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36 AliApp(DingTalk/7.5.0)": "/login/dingtalk",
		"Mozilla/5.0 (Macintosh) AppleWebKit/537.36 Chrome/120 Safari/537.36 Lark/7.1.0 LarkLocale/zh_CN":           "/login/feishu",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36":                   "",
	} {
		b := newTab()
		b.ua = ua
		w := b.get(t, s, "/login")
		if got := w.Header().Get("Location"); got != want {
			t.Errorf("%s: /login sends to %q, want %q", ua, got, want)
		}
		if want == "" {
			body := w.Body.String()
			for _, k := range []string{"wecom", "dingtalk", "feishu", "oidc"} {
				if !strings.Contains(body, `href="/login/`+k+`"`) {
					t.Errorf("the login page offers no %s", k)
				}
			}
		}
	}
	b := newTab()
	b.ua = "Mozilla/5.0 wxwork/4.1.22"
	loc := b.get(t, s, "/login/wecom").Header().Get("Location")
	if !strings.Contains(loc, "/connect/oauth2/authorize?") || !strings.Contains(loc, "scope=snsapi_base") || !strings.HasSuffix(loc, "#wechat_redirect") {
		t.Errorf("inside WeCom: %s", loc)
	}
	b.ua = ""
	if loc := b.get(t, s, "/login/wecom").Header().Get("Location"); !strings.Contains(loc, "/wwlogin/sso/login?") || !strings.Contains(loc, "login_type=CorpApp") {
		t.Errorf("in a desktop browser: %s", loc)
	}
}

// The login page says the apps' browsers log in by themselves only where one
// of the ways in is an app's: with the company's OIDC provider alone, the
// note would promise what no way in does.
func TestLoginNoteOnlyWithAnApp(t *testing.T) {
	p := startPlatforms(t)
	oidcOnly, _ := newLoginServer(t, p, func(c *Config) { c.Auth.Ways = ways(p, nil, nil)[3:] })
	all, _ := newLoginServer(t, p)
	note := catalog.T(fupan.Simplified, "web.login.note")
	for _, c := range []struct {
		name string
		s    *Server
		want bool
	}{{"oidc alone", oidcOnly, false}, {"every way", all, true}} {
		w := newTab().do(t, c.s, "GET", "/login?choose=1", nil)
		if got := strings.Contains(w.Body.String(), note); w.Code != 200 || got != c.want {
			t.Errorf("%s: status %d, the note shown %v; want %v", c.name, w.Code, got, c.want)
		}
	}
}
