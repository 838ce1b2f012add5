package batch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/batch"
)

// A run expecting a team (Options.Teams) that handed nothing in: summary.json
// and the robots' summary name it.
func TestRosterInRobotSummary(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	sum := run(t, batch.Options{Input: in, Output: out, Teams: []string{"华东销售部", "华南销售部"}})
	if len(sum.Roster) != 1 || sum.Roster[0].Expected != 2 || len(sum.Roster[0].Missing) != 1 || sum.Roster[0].Missing[0].Team != "华南销售部" {
		t.Fatalf("roster: %+v", sum.Roster)
	}
	_, _, targets, _, ctx := notifyRun(t, 0)
	if _, err := batch.Notify(ctx, out, batch.NotifyOptions{Robots: targets, DryRun: true}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "notify", "01-wecom.md"))
	if err != nil || !strings.Contains(string(b), "未提交：华南销售部（从未提交）") {
		t.Errorf("the robot summary does not name the missing team: %v\n%s", err, b)
	}
}
