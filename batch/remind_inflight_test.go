package batch_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
	"github.com/fupan-review/fupan/sqlite"
)

// A robot that takes a reminder but answers after the client's timeout may
// have posted it: the reminder is recorded before it goes, so a second run
// the same day posts nothing. A reminder the platform refused is taken back
// and goes on the next run.
func TestRemindRecordsBeforePosting(t *testing.T) {
	ctx := context.Background()
	db := tempHistory(t)
	id := fupan.Identity{}
	rv := &fupan.Review{File: "华东销售部_2025Q3.xlsx", Meta: fupan.Meta{Team: "华东销售部", Period: "2025Q3", Lang: fupan.Simplified},
		Actions: []fupan.ActionRow{{Item: "降低新客户获取成本", Owner: "王五", Due: fupan.Date{Year: 2025, Month: 10, Day: 1}}}}
	if err := db.Record(ctx, sqlite.Recording{Review: rv, TeamKey: id.TeamKey(rv.Meta.Team), MetricKey: id.MetricKey}); err != nil {
		t.Fatal(err)
	}
	clock := robottest.NewClock(time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC))
	srv := robottest.Start(clock)
	defer srv.Close()
	var targets []batch.RobotTarget
	for _, o := range srv.Options(clock) {
		o.Client = &http.Client{Timeout: 300 * time.Millisecond}
		r, err := robot.New(o)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, batch.RobotTarget{Name: string(o.Kind), Robot: r})
	}
	remind := func() (batch.RemindResult, error) {
		return batch.Remind(ctx, batch.RemindOptions{History: db, Robots: targets, Identity: id, Now: clock.Now(), Within: 3})
	}
	release := srv.Hang("wecom")
	srv.Force("dingtalk", 40035)
	res, err := remind()
	release()
	if err == nil || res.Sent != 1 || res.Failed != 2 {
		t.Fatalf("first run: %+v, %v; want Feishu sent, WeCom unanswered, DingTalk refused", res, err)
	}
	// The fake took WeCom's request once released: it is in the group.
	deadline := time.Now().Add(10 * time.Second)
	for len(srv.Accepted("wecom")) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	res, err = remind()
	if err != nil || res.Sent != 1 {
		t.Fatalf("second run the same day: %+v, %v; want DingTalk's refused reminder sent, nothing else", res, err)
	}
	for kind, want := range map[string]int{"wecom": 1, "dingtalk": 1, "feishu": 1} {
		if n := len(srv.Accepted(kind)); n != want {
			t.Errorf("%s took %d reminders, want %d", kind, n, want)
		}
	}
}
