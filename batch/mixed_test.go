package batch_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/robottest"
	"github.com/fupan-review/fupan/robot"
)

// A zh-Hans robot quoting a zh-Hant team's review says its own words in
// Simplified (已过完成时间, not 已過完成時間) and the team's as written
// (降低新客戶獲取成本).
func TestRobotWordsFollowItsLanguage(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, "../samples/華東銷售部_2025Q3.xlsx", filepath.Join(in, "華東銷售部_2025Q3.xlsx"))
	run(t, batch.Options{Input: in, Output: out})
	clock := robottest.NewClock(time.Now())
	srv := robottest.Start(clock)
	t.Cleanup(srv.Close)
	var targets []batch.RobotTarget
	for _, o := range srv.Options(clock) {
		if o.Kind != robot.WeCom {
			continue
		}
		r, err := robot.New(o)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, batch.RobotTarget{Name: string(o.Kind), Robot: r, Lang: "zh-Hans"})
	}
	_, _, _, _, ctx := notifyRun(t, 0)
	if _, err := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets}); err != nil {
		t.Fatal(err)
	}
	text := srv.Accepted("wecom")[0].Body["markdown"].(map[string]any)["content"].(string)
	if !strings.Contains(text, "需要决策") || strings.ContainsAny(text, "過時動對應沒") {
		t.Errorf("the zh-Hans message has fupan's words in Traditional:\n%s", text)
	}
	// Three items: the first and "另有 2 项" (it read "等 2 项", which a
	// Chinese reader takes for two in all).
	if !strings.Contains(text, "，另有 2 项") || strings.Contains(text, "等 2 项") {
		t.Errorf("the items beyond the first are not counted as 另有:\n%s", text)
	}
	if !strings.Contains(text, "華東銷售部") {
		t.Errorf("the team's name is not as written:\n%s", text)
	}
}
