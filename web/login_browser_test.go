package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/fupan-review/fupan/internal/logintest"
)

// loginBrowser serves the fixture with the four ways in (fakes) on
// loopback and opens a browser tab with no login at all.
func loginBrowser(t *testing.T) (context.Context, string, platforms) {
	t.Helper()
	exe := browser(t)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	p := startPlatformsAt(t, base)
	s, _ := newLoginServer(t, p, func(c *Config) { c.Auth.PublicURL = base })
	srv.Config.Handler = s
	srv.Start()
	t.Cleanup(srv.Close)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("lang", "zh-CN"))...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel3)
	return ctx, base, p
}

// A team lead opens fupan, is sent to log in, chooses 钉钉 (a fake that
// knows them), lands on the dashboard of their team, and is refused
// another team's report. Someone the access list does not name sees their
// id to give the operator.
func TestBrowserLogin(t *testing.T) {
	ctx, base, p := loginBrowser(t)
	p.ding.LogIn(logintest.User{ID: "li-east", Name: "李东"})
	var loc, text string
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/dashboard"), chromedp.WaitVisible(chromedp.CSS("ul.ways"))); err != nil {
		t.Fatal(err)
	}
	shoot(t, ctx, base+"/login", "login")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`a[href="/login/dingtalk"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.teams")),
	); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("body")))
	if err != nil {
		t.Fatal(err)
	}
	if loc != base+"/dashboard" || !strings.Contains(text, "华东销售部") || strings.Contains(text, "华南销售部") || !strings.Contains(text, "dingtalk:li-east") {
		t.Errorf("after logging in with 钉钉: at %s\n%s", loc, text)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/teams/"+seg("华南销售部")+"/2025Q3/report.pdf")); err != nil {
		t.Fatal(err)
	}
	if text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); err != nil || !strings.Contains(text, "没有这个页面，或你无权查看") {
		t.Errorf("another team's report: %v %s", err, text)
	}
	// Log out: the next page asks to log in again.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/dashboard"), chromedp.Click(chromedp.CSS(`form.logout button`)), chromedp.WaitVisible(chromedp.CSS("ul.ways"))); err != nil {
		t.Fatal(err)
	}
	// Someone new, through the company's single sign-on.
	p.oidc.LogIn(logintest.User{ID: "7d1e2a90-5b1c-4c1e-9a55-2f0c1d7e8b34", Name: "赵新", Groups: []string{"sales-north"}})
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href="/login/oidc"]`)), chromedp.WaitVisible(chromedp.CSS("p.id"))); err != nil {
		t.Fatal(err)
	}
	if text, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); err != nil || !strings.Contains(text, "oidc:7d1e2a90-5b1c-4c1e-9a55-2f0c1d7e8b34") || !strings.Contains(text, "尚未开通") {
		t.Errorf("the waiting page: %v %s", err, text)
	}
	shoot(t, ctx, base+"/", "waiting")
}
