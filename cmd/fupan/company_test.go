package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/smtptest"
	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// The company's figures in the mail are over every team's metrics, each
// capped: a one-metric team at 100% and a three-metric team at 50% each are
// 62.5% over four metrics, never 75% (the mean of the two teams' means).
func TestCompanyFiguresPerMetric(t *testing.T) {
	root := t.TempDir()
	in, out := filepath.Join(root, "in"), filepath.Join(root, "out")
	a := samples.SeedSimplified()
	a.Outcome.Rows = [][]string{{"华东销售额", "1200万", "1500万", "", "", ""}}
	writeBook(t, filepath.Join(in, "华东销售部_2025Q3.xlsx"), samples.PerSheet(a))
	b := samples.SeedSimplified()
	b.Outcome.Rows = [][]string{
		{"华北销售额", "1200万", "600万", "", "市场萎缩", "教训:提前预判"},
		{"新客户获取量", "500家", "250家", "", "渠道不足", "教训:拓展渠道"},
		{"重点客户复购率", "20%", "10%", "", "竞品降价", "教训:跟踪竞品"},
	}
	writeBook(t, filepath.Join(in, "华北销售部_2025Q3.xlsx"), samples.PerSheet(b))
	if _, stderr, code := runCLI(t, "run", in, "-o", out, "--no-history"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	cfg := writeConfig(t, smtptest.FreePort(t), "", "")
	if _, stderr, code := runCLI(t, "mail", out, "--config", cfg, "--dry-run"); code != 0 {
		t.Fatalf("mail: exit %d\n%s", code, stderr)
	}
	emls, _ := filepath.Glob(filepath.Join(out, "mail", "*.eml"))
	if len(emls) != 1 {
		t.Fatalf("eml files %v", emls)
	}
	data, _ := os.ReadFile(emls[0])
	m := parseMail(t, data)
	body := strings.Join(strings.Fields(m.body), "")
	for _, w := range []string{"指标达成1/4", "全部指标平均达成率（单项封顶100%）62.5%"} {
		if !strings.Contains(body, w) {
			t.Errorf("the mail lacks %q:\n%s", w, m.body)
		}
	}
	testtool.Require(t, "pdftotext")
	overview := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(out, "overview.pdf"))), "")
	if !strings.Contains(overview, "全部团队：指标达成1/4；全部指标平均达成率（单项封顶100%）62.5%") {
		t.Errorf("the overview lacks the company's figures over all metrics:\n%s", overview)
	}
	// The subject's {{.MeanAchievement}} is uncapped: (125% + 3 × 50%) ÷ 4.
	if !strings.Contains(m.subject, "68.8%") {
		t.Errorf("subject %q: the company's uncapped mean over all metrics is 68.8%%", m.subject)
	}
}
