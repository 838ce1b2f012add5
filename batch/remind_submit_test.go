package batch_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/sqlite"
)

// 华南区 handed in 2025Q3 but not 2025Q4, due on 5 January: its group is
// reminded before the deadline, and after it once a day, its reviewer
// @-mentioned; 华东大区, handed in, is not.
func TestRemindToHandIn(t *testing.T) {
	ctx := context.Background()
	db := tempHistory(t)
	id := fupan.Identity{}
	for _, r := range []struct{ team, period, reviewer string }{{"华东大区", "2025Q3", "李四"}, {"华南区", "2025Q3", "周九"}, {"华东大区", "2025Q4", "李四"}} {
		rv := &fupan.Review{File: r.team + "_" + r.period + ".xlsx", Meta: fupan.Meta{Team: r.team, Period: r.period, Lang: fupan.Simplified, Reviewer: r.reviewer}}
		if err := db.Record(ctx, sqlite.Recording{Review: rv, TeamKey: id.TeamKey(r.team), MetricKey: id.MetricKey}); err != nil {
			t.Fatal(err)
		}
	}
	clock := robottest.NewClock(time.Date(2026, 1, 3, 9, 0, 0, 0, time.UTC))
	srv := robottest.Start(clock)
	defer srv.Close()
	var targets []batch.RobotTarget
	for _, o := range srv.Options(clock) {
		r, _ := robot.New(o)
		targets = append(targets, batch.RobotTarget{Name: string(o.Kind), Robot: r})
	}
	people := map[string]robot.Person{"周九": {Mobile: "13800000009", FeishuID: "ou_zhoujiu"}}
	remind := func(now time.Time) batch.RemindResult {
		t.Helper()
		res, err := batch.Remind(ctx, batch.RemindOptions{History: db, Robots: targets, People: people, Identity: id, Now: now, Within: 3, SubmissionDay: 5})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := remind(clock.Now()); res.Sent != 3 {
		t.Fatalf("before the deadline: %+v, want one message in each group", res)
	}
	wecom := srv.Accepted("wecom")[0].Body["text"].(map[string]any)
	if text := wecom["content"].(string); !strings.Contains(text, "提交提醒 · 华南区") || !strings.Contains(text, "请在 2026-01-05 前提交 2025Q4 的复盘") {
		t.Errorf("WeCom: %s", text)
	}
	if got := wecom["mentioned_mobile_list"].([]any); len(got) != 1 || got[0] != "13800000009" {
		t.Errorf("WeCom mentions %v, want the reviewer", got)
	}
	if res := remind(clock.Now().Add(2 * time.Hour)); res.Sent != 0 || res.Quiet != 3 {
		t.Errorf("the same day again: %+v", res)
	}
	after := time.Date(2026, 1, 6, 9, 0, 0, 0, time.UTC)
	if res := remind(after); res.Sent != 3 {
		t.Fatalf("after the deadline: %+v", res)
	}
	ding := string(srv.Accepted("dingtalk")[1].Raw)
	if !strings.Contains(ding, "2025Q4 的复盘已过提交期限（2026-01-05），尚未提交") || strings.Contains(ding, "华东大区") {
		t.Errorf("DingTalk after the deadline: %s", ding)
	}
	if res := remind(after.Add(24 * time.Hour)); res.Sent != 3 {
		t.Errorf("the next day: %+v, want a reminder a day", res)
	}
}
