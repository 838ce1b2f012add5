package batch_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/sqlite"
)

// A history whose latest review has one action overdue, one due tomorrow
// and one done, and of last period's one still open and one done: the open
// ones are reminded in every group, their owners
// mentioned as each platform does it; the third is not. The same day again
// sends nothing; a week later the overdue one comes again.
func TestRemind(t *testing.T) {
	ctx := context.Background()
	db := tempHistory(t)
	day := func(m time.Month, d int) fupan.Date { return fupan.Date{Year: 2025, Month: m, Day: d} }
	rv := &fupan.Review{File: "华东销售部_2025Q3.xlsx", Meta: fupan.Meta{Team: "华东销售部", Period: "2025Q3", Lang: fupan.Simplified},
		Actions: []fupan.ActionRow{
			{Item: "降低新客户获取成本", Owner: "王五", Due: day(10, 1)},
			{Item: "提升线上推广转化率", Owner: "李四", Due: day(10, 9)},
			{Item: "复制重点客户运营经验", Owner: "赵六", Due: day(10, 2), Done: true},
		},
		// Last period's actions as table 5 followed them up: one still open,
		// one done.
		Followup: []fupan.FollowUp{
			{Action: "梳理报价流程", Owner: "钱七", Due: day(10, 10), FromPeriod: "2025Q2", Status: fupan.FollowOpen},
			{Action: "优化投放渠道", Owner: "李四", Due: day(8, 31), FromPeriod: "2025Q2", Status: fupan.FollowDone},
		}}
	// An older review of the team: its actions are not the team's now.
	old := &fupan.Review{File: "华东销售部_2025Q2.xlsx", Meta: fupan.Meta{Team: "华东销售部", Period: "2025Q2", Lang: fupan.Simplified},
		Actions: []fupan.ActionRow{{Item: "上季度的旧行动", Owner: "王五", Due: day(6, 30)}}}
	id := fupan.Identity{}
	for _, r := range []*fupan.Review{old, rv} {
		if err := db.Record(ctx, sqlite.Recording{Review: r, TeamKey: id.TeamKey(r.Meta.Team), MetricKey: id.MetricKey}); err != nil {
			t.Fatal(err)
		}
	}
	clock := robottest.NewClock(time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC))
	srv := robottest.Start(clock)
	defer srv.Close()
	var targets []batch.RobotTarget
	for _, o := range srv.Options(clock) {
		r, _ := robot.New(o)
		targets = append(targets, batch.RobotTarget{Name: string(o.Kind), Robot: r})
	}
	people := map[string]robot.Person{"王五": {Mobile: "13800000001", FeishuID: "ou_wangwu"}, "李四": {Mobile: "13800000002", FeishuID: "ou_lisi"}}
	remind := func(now time.Time) batch.RemindResult {
		t.Helper()
		res, err := batch.Remind(ctx, batch.RemindOptions{History: db, Robots: targets, People: people, Identity: id, Now: now, Within: 3})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := remind(clock.Now())
	if res.Sent != 3 || res.Items != 9 {
		t.Fatalf("first day: %+v, want 3 messages of 3 items", res)
	}
	wecom := srv.Accepted("wecom")[0].Body["text"].(map[string]any)
	text := wecom["content"].(string)
	if !strings.Contains(text, "降低新客户获取成本") || !strings.Contains(text, "提升线上推广转化率") || !strings.Contains(text, "梳理报价流程") ||
		strings.Contains(text, "复制重点客户运营经验") || strings.Contains(text, "旧行动") || strings.Contains(text, "优化投放渠道") {
		t.Errorf("WeCom reminder:\n%s", text)
	}
	// The text message WeCom mentions with says where it comes from and
	// how long an item is overdue (it said neither).
	if !strings.Contains(text, "来自 2025Q3 的复盘") || !strings.Contains(text, "逾期 7 天") {
		t.Errorf("WeCom's text reminder lacks its review or the days overdue:\n%s", text)
	}
	if got := wecom["mentioned_mobile_list"]; len(got.([]any)) != 2 {
		t.Errorf("WeCom mentions %v", got)
	}
	ding := string(srv.Accepted("dingtalk")[0].Raw)
	for _, want := range []string{`"atMobiles":["13800000001","13800000002"]`, "@13800000001", "已过完成时间 2025-10-01", "将于 2025-10-09 到期"} {
		if !strings.Contains(ding, want) {
			t.Errorf("DingTalk reminder lacks %s:\n%s", want, ding)
		}
	}
	if fs := string(srv.Accepted("feishu")[0].Raw); !strings.Contains(fs, "<at id=ou_wangwu></at>") || !strings.Contains(fs, "<at id=ou_lisi></at>") {
		t.Errorf("Feishu reminder mentions no one:\n%s", fs)
	}
	posts := len(srv.Posts())
	if res := remind(clock.Now().Add(6 * time.Hour)); res.Sent != 0 || len(srv.Posts()) != posts {
		t.Fatalf("the same day again: %+v", res)
	}
	// Tomorrow: the item due then is due again (once a day); the overdue one
	// waits for its week.
	if res := remind(clock.Now().Add(24 * time.Hour)); res.Sent != 3 || res.Items != 6 {
		t.Fatalf("the next day: %+v, want the two items due soon in each group", res)
	}
	if res := remind(clock.Now().Add(7 * 24 * time.Hour)); res.Items != 9 {
		t.Fatalf("a week later: %+v, want the three overdue items again", res)
	}
	var dry bytes.Buffer
	if _, err := batch.Remind(ctx, batch.RemindOptions{History: db, Robots: targets, People: people, Identity: id, Now: clock.Now().Add(30 * 24 * time.Hour), Within: 3, DryRun: &dry}); err != nil {
		t.Fatal(err)
	}
	// The dry run shows whom the real posts mention, as each platform does.
	for _, want := range []string{"行动提醒 · 华东销售部", "提醒：@王五（13800000001）、@李四（13800000002）", "@王五（ou_wangwu）", "逾期 37 天"} {
		if !strings.Contains(dry.String(), want) {
			t.Errorf("dry run lacks %q:\n%s", want, dry.String())
		}
	}
}

// tempHistory is an empty history in the test's folder, closed at its end.
func tempHistory(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "h.sqlite"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}
