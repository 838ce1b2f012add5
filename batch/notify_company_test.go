package batch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/sqlite"
)

// 华东 and 华南 handed in 2025Q2; in 2025Q3 only 华东 did. The robot for all
// teams leads with the company's figures as the overview has them
// (targets met of all, the capped mean, the follow-through with 华南's open
// actions counted); a robot limited to 华东 names no other team missing and,
// in English, says "1 report" and "(+N more)".
func TestRobotSummaryLeadsWithCompanyFigures(t *testing.T) {
	ctx := context.Background()
	db, out2, sum := eastWithoutSouth(t)
	// The overview's figures: the run's summaries and 华南's follow-through
	// as a review with an empty table 5 would count it.
	past, err := db.Past(ctx, fupan.Identity{}.TeamKey("华南销售部"))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := fupan.ParsePeriod("2025Q3")
	absent := fupan.MissingFollowThrough(past, p)
	c := fupan.CompanySummary([]fupan.Summary{*sum.Entries[0].Figures}, absent)
	if absent.Total == 0 || c.FollowupTotal == 0 {
		t.Fatalf("the missing team has no actions to follow up: %+v", absent)
	}

	clock := robottest.NewClock(time.Now())
	srv := robottest.Start(clock)
	t.Cleanup(srv.Close)
	var targets []batch.RobotTarget
	for _, opt := range srv.Options(clock) {
		r, err := robot.New(opt)
		if err != nil {
			t.Fatal(err)
		}
		switch opt.Kind {
		case robot.WeCom:
			targets = append(targets, batch.RobotTarget{Name: "all", Robot: r})
		case robot.DingTalk:
			targets = append(targets, batch.RobotTarget{Name: "east", Robot: r, Teams: []string{"华东销售部"}, Lang: fupan.English})
		}
	}
	if _, err := batch.Notify(ctx, out2, batch.NotifyOptions{Robots: targets, DryRun: true}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out2, "notify", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	all := read("01-all.md")
	lead := fmt.Sprintf("指标达成 %d / %d · 平均达成率（单项封顶100%%）%s · 行动落实率 %d / %d（%s）", c.MetricsAchieved, c.Metrics,
		fupan.FormatPercent(*c.MeanAchievementCapped, false), c.FollowupDone, c.FollowupTotal, fupan.FormatPercent(*c.FollowThrough(), false))
	if !strings.Contains(all, "### 策略复盘 · 2025Q3\n"+lead+"\n已生成报告 1 份 · 未能处理 0 份\n") {
		t.Errorf("the summary does not lead with the company's figures %q:\n%s", lead, all)
	}
	if !strings.Contains(all, "未提交：华南销售部（最近一期 2025Q2）") {
		t.Errorf("the robot for all teams does not name the missing team:\n%s", all)
	}
	east := read("02-east.md")
	if strings.Contains(east, "华南销售部") {
		t.Errorf("a robot limited to 华东销售部 names another team:\n%s", east)
	}
	if !strings.Contains(east, "\n1 report · 0 failed") || !strings.Contains(east, "Targets met ") || !strings.Contains(east, "(each capped at 100%)") {
		t.Errorf("the English summary's head:\n%s", east)
	}
	if !strings.Contains(east, " more)") || strings.Contains(east, " and ") {
		t.Errorf("the items beyond the first do not read (+N more):\n%s", east)
	}
}

// eastWithoutSouth is a history of 华东 and 华南's 2025Q2 (as of 8 July) and
// a run of 2025Q3 (as of 8 October) in which only 华东 handed in.
func eastWithoutSouth(t *testing.T) (*sqlite.DB, string, *batch.Summary) {
	t.Helper()
	db := tempHistory(t)
	in1, out1, in2, out2 := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	for _, team := range []string{"华东销售部", "华南销售部"} {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in1, team+"_2025Q2.xlsx"))
	}
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in2, "华东销售部_2025Q3.xlsx"))
	o := batch.Options{Input: in1, Output: out1, History: db}
	o.Settings.Analyze.Now = time.Date(2025, 7, 8, 9, 0, 0, 0, time.UTC)
	run(t, o)
	o.Input, o.Output = in2, out2
	o.Settings.Analyze.Now = time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)
	sum := run(t, o)
	if len(sum.Roster) != 1 || len(sum.Roster[0].Missing) != 1 {
		t.Fatalf("roster: %+v", sum.Roster)
	}
	return db, out2, sum
}

// A team that has not handed in is labelled in the overview's decisions by
// the last period it handed in, where its items come from, not by the run's.
func TestOverviewDecisionsOfMissingTeamByItsLastPeriod(t *testing.T) {
	testtool.Require(t, "pdftotext")
	_, out, _ := eastWithoutSouth(t)
	text := testtool.Text(t, filepath.Join(out, "overview.pdf"))
	if strings.Contains(text, "华南销售部 · 2025Q3") || !strings.Contains(text, "华南销售部 · 最近一期 2025Q2（") {
		t.Errorf("the missing team's decisions are not labelled by its last period:\n%s", text)
	}
}
