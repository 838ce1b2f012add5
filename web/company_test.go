package web

import (
	"context"
	"html"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
)

// companyServer serves two quarters of two teams whose latest period has
// different numbers of metrics (甲 one, 乙 three), so a mean of team means
// and the mean over every metric differ; 甲 follows up its 2025Q1 actions.
// Each of absent hands in 2025Q1 only: it has not handed in 2025Q2.
func companyServer(t *testing.T, absent ...string) (*Server, string) {
	t.Helper()
	root := t.TempDir()
	ctx := context.Background()
	out := filepath.Join(root, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	hist := filepath.Join(out, "fupan-history.sqlite")
	db, err := sqlite.Open(ctx, hist, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q2a := samples.SeedSimplified()
	q2a.Outcome.Rows = q2a.Outcome.Rows[:1]
	q2a.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows: [][]string{
			{"降低新客户获取成本", "聚焦25-35岁职场新人", "王五", "9/10", "", "已完成", "9/5", "降到预算75%"},
			{"提升线上推广转化率", "增加3个用户证言素材", "李四", "8/20", "", "进行中", "", ""},
		}}
	books := map[string]map[string]samples.Review{
		"2025Q1": {"甲团队": samples.SeedSimplified(), "乙团队": samples.SeedSimplified()},
		"2025Q2": {"甲团队": q2a, "乙团队": samples.SeedSimplified()},
	}
	for _, team := range absent {
		books["2025Q1"][team] = samples.SeedSimplified()
	}
	var last string
	for _, q := range []string{"2025Q1", "2025Q2"} {
		in := filepath.Join(root, "in", q)
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
		for team, r := range books[q] {
			b := samples.Covered(samples.PerSheet(r), "封面", [][]string{{"团队", team}})
			if err := xlsx.Build(filepath.Join(in, team+"_"+q+".xlsx"), b); err != nil {
				t.Fatal(err)
			}
		}
		last = filepath.Join(out, q)
		if _, err := batch.Run(ctx, batch.Options{Input: in, Output: last, Workers: 1, History: db, Identity: fupan.NewIdentity(nil, nil),
			Settings: batch.Settings{Analyze: fupan.Options{Now: asOf}}}); err != nil {
			t.Fatal(err)
		}
	}
	_ = db.Close()
	ro, err := sqlite.Open(ctx, hist, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ro.Close() })
	s, err := New(Config{Outs: []string{filepath.Join(out, "2025Q1"), last}, History: ro, Identity: fupan.NewIdentity(nil, nil),
		Auth:    Auth{Proxy: true, Header: "X-Remote-User", Trusted: []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")}},
		Access:  []Grant{{Identity: "proxy:" + boss, Role: RoleLeadership}},
		TempDir: t.TempDir(), Now: func() time.Time { return asOf }})
	if err != nil {
		t.Fatal(err)
	}
	s.pages.rendered = func(name string) { rendered.Store(name, true) }
	return s, last
}

// The dashboard's company mean is the overview's (over every metric, each
// capped, never a mean of team means), labelled as the overview labels it,
// and it shows the company's follow-through.
func TestDashboardCompanyAsTheOverview(t *testing.T) {
	s, last := companyServer(t)
	body := html.UnescapeString(get(t, s, boss, "/dashboard").Body.String())
	sum, err := batch.ReadSummary(last)
	if err != nil {
		t.Fatal(err)
	}
	var teams []fupan.Summary
	for _, e := range sum.Entries {
		if e.Figures != nil {
			teams = append(teams, *e.Figures)
		}
	}
	if len(teams) != 2 || teams[0].Metrics == teams[1].Metrics {
		t.Fatalf("the fixture's teams: %+v", teams)
	}
	c := fupan.CompanySummary(teams, fupan.FollowThrough{})
	mean := fupan.FormatPercent(*c.MeanAchievementCapped, false)
	// The overview PDF says the same figure.
	if text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(last, sum.Overview))), ""); !strings.Contains(text, "全部指标平均达成率（单项封顶100%）"+mean) {
		t.Fatalf("the overview does not say %s:\n%s", mean, text)
	}
	m := regexp.MustCompile(`<dt>([^<]*)</dt><dd>([^<]*)</dd>`).FindAllStringSubmatch(body, -1)
	got := map[string]string{}
	for _, kv := range m {
		got[kv[1]] = kv[2]
	}
	if got["全部指标平均达成率（单项封顶100%）"] != mean {
		t.Errorf("dashboard's company mean: %v, want %s (the overview's)", got, mean)
	}
	if c.FollowupTotal == 0 {
		t.Fatal("the fixture has no follow-up")
	}
	follow := wording.OfAll(c.FollowupDone, c.FollowupTotal) + " · " + fupan.FormatPercent(*c.FollowThrough(), false)
	if got["行动落实率"] != follow {
		t.Errorf("dashboard's follow-through: %q, want %q", got["行动落实率"], follow)
	}
}

// A team that has not handed in the latest period keeps its open actions in
// the company's follow-through on the dashboard as in the overview: the
// dashboard's 行动落实率 is the overview's, not the handed-in teams' alone.
func TestDashboardFollowThroughWithAMissingTeam(t *testing.T) {
	s, last := companyServer(t, "丙团队")
	body := html.UnescapeString(get(t, s, boss, "/dashboard").Body.String())
	sum, err := batch.ReadSummary(last)
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Roster) != 1 || len(sum.Roster[0].Missing) != 1 {
		t.Fatalf("the fixture's roster: %+v", sum.Roster)
	}
	var teams []fupan.Summary
	for _, e := range sum.Entries {
		if e.Figures != nil {
			teams = append(teams, *e.Figures)
		}
	}
	handedIn := fupan.CompanySummary(teams, fupan.FollowThrough{})
	alone := wording.OfAll(handedIn.FollowupDone, handedIn.FollowupTotal) + " · " + fupan.FormatPercent(*handedIn.FollowThrough(), false)
	m := regexp.MustCompile(`<dt>([^<]*)</dt><dd>([^<]*)</dd>`).FindAllStringSubmatch(body, -1)
	got := map[string]string{}
	for _, kv := range m {
		got[kv[1]] = kv[2]
	}
	follow := got["行动落实率"]
	if follow == "" || follow == alone {
		t.Fatalf("dashboard's follow-through %q: the missing team's open actions are not counted (the handed-in teams' alone: %q)", follow, alone)
	}
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(last, sum.Overview))), "")
	if !strings.Contains(text, strings.Join(strings.Fields(follow), "")) {
		t.Errorf("the overview does not say the dashboard's follow-through %q:\n%s", follow, text)
	}
}
