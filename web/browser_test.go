package web

import (
	"context"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// browser finds Debian's headless Chromium (chromium-headless-shell, which
// .ci/run installs): FUPAN_CHROME, else the usual names. Missing, the test
// skips, except on CI (CI=true), where a missing browser is a failure.
func browser(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skip under -short")
	}
	candidates := []string{os.Getenv("FUPAN_CHROME"), "chromium-headless-shell", "/usr/lib/chromium/headless_shell", "chromium", "google-chrome"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no headless Chromium: install chromium-headless-shell (apt-get install chromium-headless-shell fonts-wqy-microhei), or set FUPAN_CHROME")
	}
	t.Skip("no headless Chromium (apt-get install chromium-headless-shell fonts-wqy-microhei, or set FUPAN_CHROME): browser tests skipped")
	return ""
}

// browse serves the fixture behind the login proxy on loopback and opens a
// browser tab that logs in as who (the proxy's header on every request).
func browse(t *testing.T, who string, opts ...serverOption) (context.Context, string) {
	t.Helper()
	exe := browser(t)
	opts = append([]serverOption{func(c *Config) {
		c.Auth.Trusted = append(c.Auth.Trusted, netip.MustParsePrefix("127.0.0.0/8"))
	}}, opts...)
	srv := httptest.NewServer(newServer(t, opts...))
	t.Cleanup(srv.Close)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.Flag("lang", "zh-CN"))...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancel3)
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"X-Remote-User": who}}); err != nil {
		t.Fatal(err)
	}
	return ctx, srv.URL
}

// The sizes screenshots are taken at: a phone and a desktop.
var windows = []struct {
	name string
	w, h int64
	mob  bool
}{{"phone", 390, 844, true}, {"desktop", 1280, 900, false}}

// shoot writes screenshots of the page at each window size into docs/ when
// FUPAN_WRITE_SCREENSHOTS=1.
func shoot(t *testing.T, ctx context.Context, url, name string, before ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if os.Getenv("FUPAN_WRITE_SCREENSHOTS") != "1" {
		return
	}
	for _, w := range windows {
		vp := chromedp.EmulateViewport(w.w, w.h)
		if w.mob {
			vp = chromedp.EmulateViewport(w.w, w.h, chromedp.EmulateScale(2), chromedp.EmulateMobile)
		}
		actions := []chromedp.Action[chromedp.Void]{vp}
		if url != "" {
			actions = append(actions, chromedp.Navigate(url))
		}
		actions = append(actions, before...)
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "docs", "serve-"+name+"-"+w.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A team lead chooses a broken workbook in the form and presses 检查: the
// findings are shown at their cells, with the hint, in a real browser.
func TestBrowserUploadShowsFindings(t *testing.T) {
	ctx, url := browse(t, east)
	file, err := filepath.Abs(filepath.Join("..", "samples", "invalid", "单位不一致_2025Q3.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	check := []chromedp.Action[chromedp.Void]{
		chromedp.Navigate(url + "/"),
		chromedp.SetUploadFiles(chromedp.ID("workbook"), []string{file}),
		chromedp.Click(chromedp.CSS(`button[value="check"]`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.findings`)),
	}
	if err := chromedp.Do(ctx, check...); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"检查结果", "单位不一致", "有错误，无法生成报告", "unit-mismatch", "计划值与实际值须使用同一种单位"} {
		if !strings.Contains(text, want) {
			t.Errorf("the findings page has no %q:\n%s", want, text)
		}
	}
	shoot(t, ctx, "", "findings", check...)
}

// Leadership's dashboard ranks the teams and the team page draws its trend;
// Chinese text is drawn with a font that has its characters (the browser
// says which), not as boxes.
func TestBrowserDashboardAndTrend(t *testing.T) {
	ctx, url := browse(t, boss)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/dashboard")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("table.teams tbody")))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.teams tbody tr").length`))
	if err != nil {
		t.Fatal(err)
	}
	fonts := headingFonts(t, ctx)
	for _, f := range fonts {
		t.Logf("复盘看板 drawn with %s (%v glyphs)", f.FamilyName, f.GlyphCount)
	}
	if rows != 2 || strings.Index(text, "华南销售部") > strings.Index(text, "华东销售部") {
		t.Errorf("dashboard: %d teams, 华南销售部 (declining) not first:\n%s", rows, text)
	}
	// 复盘看板: four glyphs, drawn by a font fontconfig knows for Chinese.
	zh, _ := exec.Command("fc-list", ":lang=zh", "family").Output()
	cjk := 0.0
	for _, f := range fonts {
		if f.FamilyName != "" && strings.Contains(string(zh), f.FamilyName) {
			cjk += f.GlyphCount
		}
	}
	if cjk < 4 {
		t.Errorf("the heading 复盘看板 is drawn with %v, fonts without Chinese (install fonts-wqy-microhei)", fonts)
	}
	shoot(t, ctx, url+"/dashboard", "dashboard")
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/teams/"+seg("华南销售部"))); err != nil {
		t.Fatal(err)
	}
	// Each panel marks the three periods, and is drawn at a readable size.
	marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`[...document.querySelectorAll("figure.trend svg")].map(s => s.querySelectorAll("title").length)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) != 2 || marks[0] != 3 || marks[1] != 3 {
		t.Errorf("the trend panels mark %v periods, want [3 3]", marks)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector("figure.trend svg").getBoundingClientRect().width`))
	if err != nil {
		t.Fatal(err)
	}
	if width < 250 {
		t.Errorf("a trend panel is %vpx wide", width)
	}
	shoot(t, ctx, url+"/teams/"+seg("华南销售部"), "team")
}

// headingFonts are the platform fonts the browser drew the page's h1 with.
func headingFonts(t *testing.T, ctx context.Context) []*css.PlatformFontUsage {
	t.Helper()
	doc, err := chromedp.Call(ctx, dom.GetDocument, dom.GetDocumentParams{})
	if err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Call(ctx, dom.QuerySelector, dom.QuerySelectorParams{NodeID: doc.Root.NodeID, Selector: "h1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, css.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Call(ctx, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: h1.NodeID})
	if err != nil {
		t.Fatal(err)
	}
	return res.Fonts
}

// A team lead who follows a link to another team's report gets the page
// that says there is none.
func TestBrowserTeamLeadCannotReachAnotherTeam(t *testing.T) {
	ctx, url := browse(t, east)
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/teams/"+seg("华南销售部")+"/2025Q3/report.pdf")); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "没有这个页面，或你无权查看") {
		t.Errorf("another team's report: %s", text)
	}
}
