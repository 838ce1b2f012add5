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

// A team named with 10,000 characters is reminded on every platform: the
// title counts in the platform's bytes (Feishu's card header is in its
// 20 KB body) and is shortened, the message still names the team's start.
func TestRemindLongTeamName(t *testing.T) {
	ctx := context.Background()
	db := tempHistory(t)
	team := "华南" + strings.Repeat("销售", 4999)
	id := fupan.Identity{}
	rv := &fupan.Review{File: "long.xlsx", Meta: fupan.Meta{Team: team, Period: "2025Q3", Lang: fupan.Simplified},
		Actions: []fupan.ActionRow{{Item: "降低新客户获取成本", Owner: "王五", Due: fupan.Date{Year: 2025, Month: 10, Day: 1}}}}
	if err := db.Record(ctx, sqlite.Recording{Review: rv, TeamKey: id.TeamKey(team), MetricKey: id.MetricKey}); err != nil {
		t.Fatal(err)
	}
	clock := robottest.NewClock(time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC))
	srv := robottest.Start(clock)
	defer srv.Close()
	var targets []batch.RobotTarget
	for _, o := range srv.Options(clock) {
		r, _ := robot.New(o)
		targets = append(targets, batch.RobotTarget{Name: string(o.Kind), Robot: r})
	}
	res, err := batch.Remind(ctx, batch.RemindOptions{History: db, Robots: targets, Identity: id, Now: clock.Now(), Within: 3})
	if err != nil || res.Sent != 3 {
		t.Fatalf("%+v, %v; want a reminder on each platform", res, err)
	}
	for _, p := range srv.Posts() {
		if p.Answer != 0 {
			t.Errorf("%s refused the reminder: %d", p.Kind, p.Answer)
		}
		if len(p.Raw) > 20000 {
			t.Errorf("%s: a %d-byte request", p.Kind, len(p.Raw))
		}
		if !strings.Contains(string(p.Raw), "华南销售") || !strings.Contains(string(p.Raw), "降低新客户获取成本") {
			t.Errorf("%s: the reminder lost the team or the item:\n%.300s", p.Kind, p.Raw)
		}
	}
	ding := srv.Accepted("dingtalk")[0].Body["markdown"].(map[string]any)
	if title := ding["title"].(string); len(title) > 300 {
		t.Errorf("DingTalk's title is %d bytes", len(title))
	}
}
