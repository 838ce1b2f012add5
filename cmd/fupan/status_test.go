package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// A team that wrote 还没完成 in table 5 (and in table 2) has not done it:
// the follow-through is 0/1, page 1 says so and needs a decision, and
// inspect --json keeps the team's words beside what fupan read.
func TestNotDoneReadAsNotDone(t *testing.T) {
	root := t.TempDir()
	r := samples.SeedSimplified()
	r.Track.Rows[0][2] = "还没完成"
	r.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows:   [][]string{{"优化投放渠道", "砍掉低效渠道", "李四", "8/31", "ROI≥1.5", "还没完成", "", ""}}}
	book := filepath.Join(root, "in", "华东销售部_2025Q3.xlsx")
	writeBook(t, book, samples.PerSheet(r))

	out, stderr, code := runCLI(t, "inspect", "--json", "--as-of", "2025-10-08", book)
	if code != 0 {
		t.Fatalf("inspect: exit %d\n%s", code, stderr)
	}
	var v struct {
		Followup []struct {
			Status     string
			StatusRead struct{ Words, State string } `json:"status_read"`
		}
		Followups []struct {
			StatusRead struct{ Words, State string } `json:"status_read"`
		} `json:"followup_rows"`
		Tracking []struct {
			Done       bool
			StatusRead *struct{ Words, State string } `json:"status_read"`
		}
		Summary map[string]any
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Followup) != 1 || v.Followup[0].Status != "overdue" {
		t.Fatalf("follow-up: %+v", v.Followup)
	}
	if sr := v.Followup[0].StatusRead; sr.Words != "还没完成" || sr.State != "not_done" {
		t.Errorf("status_read of the follow-up: %+v", sr)
	}
	if len(v.Followups) != 1 || v.Followups[0].StatusRead.Words != "还没完成" {
		t.Errorf("table 5's row: %+v", v.Followups)
	}
	if v.Summary["followup_total"] != 1.0 || v.Summary["followup_done"] != 0.0 {
		t.Errorf("follow-through %v/%v, want 0/1", v.Summary["followup_done"], v.Summary["followup_total"])
	}
	if len(v.Tracking) == 0 || v.Tracking[0].Done || v.Tracking[0].StatusRead == nil || v.Tracking[0].StatusRead.State != "not_done" {
		t.Errorf("table 2's 还没完成 read as %+v", v.Tracking)
	}

	if _, stderr, code := runCLI(t, "run", filepath.Join(root, "in"), "-o", filepath.Join(root, "out"), "--as-of", "2025-10-08", "--no-history"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	testtool.Require(t, "pdftotext")
	page1 := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(root, "out", "华东销售部_2025Q3.pdf"), "-f", "1", "-l", "1")), "")
	if !strings.Contains(page1, "行动落实率") || !strings.Contains(page1, "0/1") {
		t.Errorf("page 1 lacks 行动落实率 0/1:\n%s", page1)
	}
	for _, w := range []string{"1/1", "暂无需要决策的事项"} {
		if strings.Contains(page1, w) {
			t.Errorf("page 1 says %q of an action not done:\n%s", w, page1)
		}
	}
}
