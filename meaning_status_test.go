package fupan_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestNotDoneStatusWithDoneDate: table 5's 状态 还没完成 with its 实际完成时间
// filled in is not done: the team's word wins over the date, and a
// status-date-conflict warning names the status cell. The same words in
// table 4's 状态 and table 2's 实际进度, with a date, are not done either.
func TestNotDoneStatusWithDoneDate(t *testing.T) {
	r := samples.SeedSimplified()
	r.Follow = followTable(
		[]string{"优化投放渠道", "砍掉低效渠道", "李四", "2025-09-30", "ROI≥1.5", "还没完成", "2025-09-20", ""},
		[]string{"补充设计人力", "招聘1名设计", "王五", "2025-09-30", "到岗", "未完成", "2025-09-21", ""},
		[]string{"搭建客户分层", "完成分层模型", "赵六", "2025-09-30", "模型上线", "已完成", "2025-09-22", ""},
	)
	r.Acts.Header = append(r.Acts.Header, "状态")
	statuses := []string{"未完成（2025-09-20）", "还没完成 9月20日", "已完成"}
	for i := range r.Acts.Rows {
		r.Acts.Rows[i] = append(r.Acts.Rows[i], statuses[i])
	}
	r.Track.Rows[0][2] = "还没完成，9月20日"
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	for i, want := range []bool{false, false, true} {
		if got := rv.Followup[i].Done(); got != want {
			t.Errorf("follow-up %d (%s): done %v (%s), want %v", i, rv.Followup[i].StatusRead.Words, got, rv.Followup[i].Status, want)
		}
	}
	if s := rv.Summary; s.FollowupDone != 1 || s.FollowupTotal != 3 {
		t.Errorf("follow-up %d/%d, want 1/3", s.FollowupDone, s.FollowupTotal)
	}
	for _, cell := range []string{"F3", "F4"} {
		if findingAt(rv, fupan.CodeStatusDateConflict, "跟进", cell) == nil {
			t.Errorf("no status-date-conflict at 跟进!%s: %v", cell, rv.Findings)
		}
	}
	if findingAt(rv, fupan.CodeStatusDateConflict, "跟进", "F5") != nil {
		t.Error("已完成 with its date warned of a conflict")
	}
	for i, want := range []bool{false, false, true} {
		if rv.Actions[i].Done != want {
			t.Errorf("action %d (%s): done %v, want %v", i, statuses[i], rv.Actions[i].Done, want)
		}
	}
	if tr := rv.Tracking[0]; tr.Done {
		t.Errorf("还没完成，9月20日 in table 2 is done: %+v", tr.Actual)
	}
}
