package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/logintest"
	"github.com/fupan-review/fupan/sqlite"
)

// get asks the server as a person (the login proxy's header; "" none).
func get(t testing.TB, s *Server, who, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	if who != "" {
		r.Header.Set("X-Remote-User", who)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// upload posts a workbook to /check as the browser's form does.
func postWorkbook(t testing.TB, s *Server, who, name string, data []byte, action string) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile("workbook", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write(data)
	_ = mw.WriteField("action", action)
	_ = mw.Close()
	r := httptest.NewRequest(http.MethodPost, "/check", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if who != "" {
		r.Header.Set("X-Remote-User", who)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func path(parts ...string) string {
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "/" + strings.Join(parts, "/")
}

// Every route, for every role: what each person may reach answers 200 and
// shows their teams only; another team's page, file, lesson or period
// answers 404, the same as something that does not exist.
func TestWhoSeesWhat(t *testing.T) {
	t.Run("proxy", func(t *testing.T) {
		s := newServer(t)
		seesWhat(t, false, func(who, target string) *httptest.ResponseRecorder { return get(t, s, who, target) })
	})
	// The same people logged in through the four ways: the same answers,
	// but nobody logged in is sent to log in.
	t.Run("login", func(t *testing.T) {
		p := startPlatforms(t)
		s, _ := newLoginServer(t, p)
		tabs := map[string]*tab{"": newTab()}
		for who, l := range map[string]struct {
			f *logintest.Fake
			u logintest.User
		}{boss: {p.wecom, logintest.User{ID: "wang.boss"}}, east: {p.ding, logintest.User{ID: "li-east"}},
			ops: {p.feishu, logintest.User{ID: "ou_ops"}}, nobody: {p.oidc, logintest.User{ID: "stranger", Groups: []string{"all-staff"}}}} {
			tabs[who] = newTab()
			tabs[who].logIn(t, s, l.f, l.u)
		}
		seesWhat(t, true, func(who, target string) *httptest.ResponseRecorder { return tabs[who].get(t, s, target) })
	})
}

func seesWhat(t *testing.T, loginMode bool, ask func(who, target string) *httptest.ResponseRecorder) {
	const e, south, north = "华东销售部", "华南销售部", "华北销售部"
	type want struct {
		status int
		has    []string
		hasnt  []string
	}
	for _, tc := range []struct {
		who, target string
		want
	}{
		// leadership: everything but the runs.
		{boss, "/", want{200, []string{"/check"}, nil}},
		{boss, "/dashboard", want{200, []string{e, south, north, "/runs/2/overview.pdf"}, []string{"/runs/1/overview.pdf"}}},
		{boss, path("teams", south), want{200, []string{"2025Q1", "2025Q3"}, nil}},
		{boss, path("teams", south, "2025Q3", "report.pdf"), want{200, []string{"%PDF"}, nil}},
		{boss, path("teams", south, "2025Q2", "reviewed"), want{200, []string{"PK"}, nil}},
		{boss, "/lessons?q=" + url.QueryEscape("地推"), want{200, []string{e, south}, nil}},
		{boss, "/lessons?q=" + url.QueryEscape("華東銷售部") + "&kind=lesson", want{200, []string{e, "地推活动客群画像"}, []string{south, "经验:"}}},
		{boss, "/runs", want{404, nil, nil}},
		{boss, "/runs/0/overview.pdf", want{200, []string{"%PDF"}, nil}},
		{boss, "/template/zh-Hant", want{200, []string{"PK"}, nil}},
		// a team lead: their team only.
		{east, "/", want{200, nil, nil}},
		{east, "/dashboard", want{200, []string{e}, []string{south, north, "overview.pdf"}}},
		{east, path("teams", e), want{200, []string{"2025Q3"}, nil}},
		{east, path("teams", e, "2025Q3", "report.pdf"), want{200, []string{"%PDF"}, nil}},
		{east, path("teams", e, "next"), want{200, []string{"PK"}, nil}},
		{east, path("teams", south, "next"), want{404, nil, []string{"PK"}}},
		{ops, path("teams", e, "next"), want{404, nil, []string{"PK"}}},
		{east, path("teams", south), want{404, nil, []string{south}}},
		{east, path("teams", south, "2025Q3", "report.pdf"), want{404, nil, []string{"%PDF"}}},
		{east, path("teams", north, "2025Q1", "reviewed"), want{404, nil, []string{"PK"}}},
		{east, "/lessons?q=" + url.QueryEscape("地推"), want{200, []string{e}, []string{south, north}}},
		{east, "/lessons?q=" + url.QueryEscape(south), want{200, nil, []string{"/teams/" + url.PathEscape(south)}}},
		{east, "/runs", want{404, nil, nil}},
		{east, "/runs/0/overview.pdf", want{404, nil, []string{"%PDF"}}},
		// the operator: the runs.
		{ops, "/runs", want{200, []string{"2025Q3", "fupan-history.sqlite", "/runs/2/overview.pdf"}, nil}},
		{ops, "/runs/1/overview.pdf", want{200, []string{"%PDF"}, nil}},
		{ops, "/runs/7/overview.pdf", want{404, nil, nil}},
		{ops, "/dashboard", want{404, nil, []string{e}}},
		{ops, path("teams", e), want{404, nil, nil}},
		{ops, "/lessons", want{404, nil, nil}},
		// nobody known, and nobody at all: nothing but a refusal.
		{nobody, "/", want{403, nil, []string{"/check"}}},
		{nobody, "/dashboard", want{403, nil, []string{e}}},
		{nobody, path("teams", e), want{403, nil, nil}},
		{nobody, "/template/en", want{403, nil, []string{"PK"}}},
		{"", "/dashboard", want{403, nil, []string{e}}},
		{"", path("teams", e, "2025Q3", "report.pdf"), want{403, nil, []string{"%PDF"}}},
		// what does not exist.
		{boss, path("teams", "不存在的团队"), want{404, nil, nil}},
		{boss, path("teams", e, "2024Q4", "report.pdf"), want{404, nil, nil}},
		{boss, "/template/fr", want{404, nil, nil}},
		// the login's own pages: the operator's session list, the login page.
		{ops, "/sessions", want{map[bool]int{true: 200, false: 404}[loginMode], nil, nil}},
		{boss, "/sessions", want{404, nil, nil}},
		{east, "/sessions", want{404, nil, nil}},
		{nobody, "/sessions", want{403, nil, nil}},
		{"", "/sessions", want{403, nil, nil}},
		{"", "/login", want{map[bool]int{true: 200, false: 404}[loginMode], nil, []string{e}}},
		{"", "/login/wecom/callback?code=x&state=y", want{map[bool]int{true: 403, false: 404}[loginMode], nil, []string{e}}},
	} {
		if loginMode && tc.who == "" && tc.status == 403 && !strings.HasPrefix(tc.target, "/login") {
			tc.status = http.StatusSeeOther // to /login
		}
		w := ask(tc.who, tc.target)
		body := w.Body.String()
		if w.Code != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.who, tc.target, w.Code, tc.status)
		}
		// A file is told by how it begins (a page's random nonce may hold "PK").
		holds := func(h string) bool {
			if h == "PK" || h == "%PDF" {
				return strings.HasPrefix(body, h)
			}
			return strings.Contains(body, h)
		}
		for _, h := range tc.has {
			if !holds(h) {
				t.Errorf("%s %s: no %q in the answer", tc.who, tc.target, h)
			}
		}
		for _, h := range tc.hasnt {
			if holds(h) {
				t.Errorf("%s %s: %q in the answer", tc.who, tc.target, h)
			}
		}
	}
}

// The dashboard ranks what needs a decision first, shows each team's change
// from its last period, and names the team not handed in.
func TestDashboard(t *testing.T) {
	s := newServer(t)
	w := get(t, s, boss, "/dashboard")
	body := w.Body.String()
	main := body[strings.Index(body, "<main>"):]
	south, east := strings.Index(main, ">华南销售部<"), strings.Index(main, ">华东销售部<")
	missing := strings.Index(main, "本期未提交")
	north := strings.Index(main, ">华北销售部<")
	if south < 0 || east < 0 || missing < 0 || north < missing {
		t.Fatalf("dashboard: 华南 at %d, 华东 at %d, not handed in at %d, 华北 at %d\n%s", south, east, missing, north, main)
	}
	// 华南 declined and misses more: first.
	if south > east {
		t.Errorf("华南销售部 (declining) is ranked after 华东销售部")
	}
	for _, want := range []string{"最新周期：2025Q3", "2 / 3", `class="down"`, `class="up"`, "上期"} {
		if !strings.Contains(main, want) {
			t.Errorf("dashboard: no %q", want)
		}
	}
}

// A team's page draws its trend as inline SVG and links every period's
// report and reviewed workbook.
func TestTeamPage(t *testing.T) {
	s := newServer(t)
	body := get(t, s, boss, path("teams", "华东销售部")).Body.String()
	// Two panels as the PDF draws them (chart.TrendPanel): the mean and the
	// completion, a mark with its title for each of the three periods.
	svgs := regexp.MustCompile(`(?s)<svg [^>]*aria-label="([^"]*)">(.*?)</svg>`).FindAllStringSubmatch(body, -1)
	if len(svgs) != 2 || svgs[0][1] != "平均达成率" || svgs[1][1] != "任务完成率" {
		t.Fatalf("want the panels 平均达成率 and 任务完成率, got %d:\n%s", len(svgs), body)
	}
	for _, svg := range svgs {
		// Well-formed XML, as served.
		dec := xml.NewDecoder(strings.NewReader(svg[0]))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("the panel %s is not well-formed: %v\n%s", svg[1], err, svg[0])
			}
		}
		for _, q := range []string{"2025Q1", "2025Q2", "2025Q3"} {
			if !strings.Contains(svg[2], "<title>"+q+" ") || !strings.Contains(svg[2], ">"+q+"</text>") {
				t.Errorf("the panel %s has no mark or label of %s:\n%s", svg[1], q, svg[2])
			}
		}
	}
	// The register's open actions as fupan actions --open lists them, with
	// their age (the fixture's three quarters set the same actions, so each
	// is open since 2025Q1 ended: 191 days as of 2025-10-08) and how late
	// they are from the due date first promised.
	for _, want := range []string{"截至 2025Q3 的未完成行动", "降低新客户获取成本", "2025-09-10 <span class=\"bad\">逾期 28 天</span>", ">191 天<"} {
		if !strings.Contains(body, want) {
			t.Errorf("team page: no %q\n%s", want, body)
		}
	}
	for _, q := range []string{"2025Q1", "2025Q2", "2025Q3"} {
		for _, f := range []string{"report.pdf", "reviewed"} {
			if link := path("teams", "华东销售部", q, f); !strings.Contains(body, link) {
				t.Errorf("no link %s", link)
			}
		}
	}
}

// Every answer carries a Content-Security-Policy whose nonce is the page's
// style's, and no-store; a page has no script and loads nothing from
// elsewhere.
func TestSecurityHeadersOnEveryPage(t *testing.T) {
	s := newServer(t)
	nonceRe := regexp.MustCompile(`<style nonce="([^"]+)">`)
	for _, target := range []string{"/", "/dashboard", path("teams", "华东销售部"), "/lessons", "/runs", "/nothing", path("teams", "华东销售部", "2025Q3", "report.pdf")} {
		w := get(t, s, "", target)
		if target != "/nothing" {
			w = get(t, s, "ops", target)
			if target != "/runs" {
				w = get(t, s, boss, target)
			}
		}
		h := w.Header()
		if h.Get("Cache-Control") != "no-store" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", target, h)
		}
		policy := h.Get("Content-Security-Policy")
		if !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
			if !strings.Contains(policy, "default-src 'none'") {
				t.Errorf("%s: policy %q", target, policy)
			}
			continue
		}
		m := nonceRe.FindStringSubmatch(w.Body.String())
		if m == nil {
			t.Fatalf("%s: no style with a nonce", target)
		}
		if want := "default-src 'none'; style-src 'nonce-" + m[1] + "'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"; policy != want {
			t.Errorf("%s: policy\n%q, want\n%q", target, policy, want)
		}
		body := w.Body.String()
		for _, bad := range []string{"<script", "http://", "https://", "<link"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the page has %q", target, bad)
			}
		}
	}
	// Two answers, two nonces.
	a, b := get(t, s, boss, "/").Header().Get("Content-Security-Policy"), get(t, s, boss, "/").Header().Get("Content-Security-Policy")
	if a == b {
		t.Errorf("the nonce is the same on two pages: %q", a)
	}
}

// Nobody known checks nothing.
func TestUploadNeedsARole(t *testing.T) {
	s := newServer(t)
	for _, who := range []string{nobody, ""} {
		w := postWorkbook(t, s, who, "a.xlsx", []byte("PK"), "check")
		if w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), "检查结果") {
			t.Errorf("%q: status %d", who, w.Code)
		}
	}
}

// The login proxy's header is believed only from the trusted proxies: the
// same header from elsewhere is nobody.
func TestProxyHeaderOnlyFromTrusted(t *testing.T) {
	s := newServer(t)
	r := httptest.NewRequest(http.MethodGet, "/dashboard", nil)
	r.RemoteAddr = "203.0.113.9:5555"
	r.Header.Set("X-Remote-User", boss)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), "华东销售部") {
		t.Errorf("a forged header from outside the proxy: status %d", w.Code)
	}
}

// A cross-site POST is refused before it is read.
func TestCrossOriginPostRefused(t *testing.T) {
	s := newServer(t)
	r := httptest.NewRequest(http.MethodPost, "/check", strings.NewReader("x"))
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	r.Header.Set("X-Remote-User", east)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Errorf("a cross-site POST: status %d, want 403", w.Code)
	}
	body, _ := io.ReadAll(w.Body)
	if bytes.Contains(body, []byte("检查结果")) {
		t.Error("a cross-site POST was checked")
	}
}

// The dashboard keeps what it read of the history only while the history
// stays as it was: a review forgotten (or recorded) shows at once.
func TestDashboardFollowsTheHistory(t *testing.T) {
	f := getFixture(t)
	b, err := os.ReadFile(f.hist)
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "history.sqlite")
	if err := os.WriteFile(copyPath, b, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), copyPath, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	s := newServer(t, func(c *Config) { c.History = db })
	missing := func() string {
		body := get(t, s, boss, "/dashboard").Body.String()
		i := strings.Index(body, "本期未提交")
		if i < 0 {
			return ""
		}
		return body[i:]
	}
	if m := missing(); strings.Contains(m, "华东销售部") || !strings.Contains(m, "华北销售部") {
		t.Fatalf("before: not handed in:\n%s", m)
	}
	if ok, err := db.Forget(context.Background(), fupan.NewIdentity(nil, nil).TeamKey("华东销售部"), "2025Q3"); !ok || err != nil {
		t.Fatalf("forget: %v %v", ok, err)
	}
	if m := missing(); !strings.Contains(m, "华东销售部") {
		t.Errorf("after 华东销售部 2025Q3 was forgotten, the dashboard still shows it handed in:\n%s", m)
	}
}

// Without a login, the one person is at the machine: a request that reaches
// the server from elsewhere all the same is nobody.
func TestLoopbackOnlyWithoutLogin(t *testing.T) {
	s := newServer(t, func(c *Config) { c.Auth = Auth{} })
	for addr, want := range map[string]int{"127.0.0.1:5000": 200, "[::1]:5000": 200, "192.0.2.1:5000": 403, "[::ffff:10.0.0.1]:5000": 403} {
		r := httptest.NewRequest(http.MethodGet, "/dashboard", nil)
		r.RemoteAddr = addr
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("from %s: status %d, want %d", addr, w.Code, want)
		}
	}
}

// checkPolicy holds a page's answer to the policy every page has: the
// nonce of its style in the Content-Security-Policy, no caching.
func checkPolicy(t *testing.T, what string, w *httptest.ResponseRecorder) {
	t.Helper()
	m := regexp.MustCompile(`<style nonce="([^"]+)">`).FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("%s: no style with a nonce", what)
	}
	if got, want := w.Header().Get("Content-Security-Policy"), csp(m[1]); got != want || !strings.Contains(got, "default-src 'none'") {
		t.Errorf("%s: policy %q, want %q", what, got, want)
	}
	if w.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("%s: cached", what)
	}
}
