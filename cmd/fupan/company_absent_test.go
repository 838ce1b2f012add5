package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
)

// A period a team skipped is summed one way everywhere: 华南区 skips 2025Q3
// with 招聘区域经理 open, and its open action stays in the company's
// follow-through of 2025Q3 in that period's overview, in fupan history's
// company line, and in the 2025Q4 overview's "上期" (which also says how
// many of how many teams handed in then).
func TestCompanyFollowThroughWithTeamMissing(t *testing.T) {
	testtool.Require(t, "pdftotext")
	root := t.TempDir()
	loopQuarters(t, root)
	flat := func(s string) string { return strings.Join(strings.Fields(s), "") }
	q3 := flat(testtool.Text(t, filepath.Join(root, "out", "2025Q3", "overview.pdf"), "-l", "1"))
	m := regexp.MustCompile(`(\d+/\d+)·[\d.]+%`).FindStringSubmatch(q3)
	if m == nil {
		t.Fatalf("the 2025Q3 overview has no follow-through tile:\n%s", q3)
	}
	want := m[1]
	stdout, stderr, code := runCLI(t, "history", "--history", filepath.Join(root, "out", "fupan-history.sqlite"), "--config", filepath.Join(root, "fupan.yaml"))
	if code != 0 {
		t.Fatalf("history: exit %d\n%s", code, stderr)
	}
	line := regexp.MustCompile(`2025Q3 全公司行动落实率 (\d+ / \d+)`).FindStringSubmatch(stdout)
	if line == nil || flat(line[1]) != want {
		t.Errorf("fupan history's 2025Q3 company follow-through %v, the 2025Q3 overview's %s:\n%s", line, want, stdout)
	}
	// One team's listing has no company line: one team is no company.
	team, stderr, code := runCLI(t, "history", "--history", filepath.Join(root, "out", "fupan-history.sqlite"), "--config", filepath.Join(root, "fupan.yaml"), "--team", "华东大区")
	if code != 0 || !strings.Contains(team, "华东大区") || strings.Contains(team, "全公司") {
		t.Errorf("history --team 华东大区: exit %d, want its reviews and no 全公司 line:\n%s%s", code, team, stderr)
	}
	q4 := flat(testtool.Text(t, filepath.Join(root, "out", "2025Q4", "overview.pdf"), "-l", "1"))
	if !strings.Contains(q4, "上期"+want) {
		t.Errorf("the 2025Q4 overview's change does not say 上期 %s:\n%s", want, q4)
	}
	if !strings.Contains(q4, "上期2/3") {
		t.Errorf("the 2025Q4 overview's teams handed in does not say 上期 2 / 3:\n%s", q4)
	}
}

// The overview's decisions are most urgent first, as the dashboard has them:
// in 2025Q3 华南区 (missing, an action 191 days overdue) comes before
// 华北大区 (two items, none overdue by age), and each team's longest
// overdue action first.
func TestOverviewMostUrgentFirst(t *testing.T) {
	testtool.Require(t, "pdftotext")
	root := t.TempDir()
	loopQuarters(t, root)
	page1 := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "2025Q3", "overview.pdf"), "-l", "1")), "")
	// 华南区, missing, is labelled by the last period it handed in.
	east, south, north := strings.Index(page1, "华东大区·2025Q3"), strings.Index(page1, "华南区·最近一期"), strings.Index(page1, "华北大区·2025Q3")
	if east < 0 || south < 0 || north < 0 || !(east < south && south < north) {
		t.Errorf("the decisions are not 华东大区, 华南区, 华北大区 (most overdue first): %d %d %d\n%s", east, south, north, page1)
	}
	if a, b := strings.Index(page1, "优化渠道激励”逾期191天"), strings.Index(page1, "招聘区域经理”逾期100天"); a < 0 || b < 0 || a > b {
		t.Errorf("华南区's 191 days overdue does not come before its 100 days:\n%s", page1)
	}
}
