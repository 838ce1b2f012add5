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

// TestAlmostDoneIsNotDone: almost done is partly done, far from done and
// 基本没完成 are not done, in the three languages; none is done.
func TestAlmostDoneIsNotDone(t *testing.T) {
	tests := []struct {
		in   string
		want fupan.Progress
	}{
		{"差一点完成", fupan.ProgressPartly}, {"差一點完成", fupan.ProgressPartly}, {"几乎完成", fupan.ProgressPartly},
		{"幾乎完成", fupan.ProgressPartly}, {"接近完成", fupan.ProgressPartly}, {"近乎完成", fupan.ProgressPartly},
		{"大致完成", fupan.ProgressPartly}, {"almost done", fupan.ProgressPartly}, {"nearly done", fupan.ProgressPartly},
		{"Nearly complete", fupan.ProgressPartly}, {"基本完成", fupan.ProgressPartly}, {"基本上完成了", fupan.ProgressPartly},
		{"far from done", fupan.ProgressNotDone}, {"完成度低", fupan.ProgressNotDone}, {"完成情况不理想", fupan.ProgressNotDone},
		{"基本没完成", fupan.ProgressNotDone}, {"基本沒完成", fupan.ProgressNotDone}, {"完成度低，约30%", fupan.ProgressPartly},
		{"快完成了", fupan.ProgressPartly}, {"即将完成", fupan.ProgressPartly}, {"not quite done", fupan.ProgressNotDone},
	}
	for _, tc := range tests {
		if got := fupan.ReadStatus(tc.in); got.State != tc.want {
			t.Errorf("ReadStatus(%q) = %s, want %s", tc.in, got.State, tc.want)
		}
	}
}

// TestAlmostDoneInWorkbook: 几乎完成 in table 2, 4 and 5 is not done.
func TestAlmostDoneInWorkbook(t *testing.T) {
	r := samples.SeedSimplified()
	r.Follow = followTable([]string{"优化投放渠道", "砍掉低效渠道", "李四", "2025-12-31", "ROI≥1.5", "差一點完成", "", ""})
	r.Acts.Header = append(r.Acts.Header, "状态")
	for i := range r.Acts.Rows {
		r.Acts.Rows[i] = append(r.Acts.Rows[i], "nearly done")
	}
	r.Track.Rows[0][2] = "几乎完成"
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	if rv.Followup[0].Done() || rv.Actions[0].Done || rv.Tracking[0].Done {
		t.Errorf("almost done read as done: follow-up %s, action %v, task %v", rv.Followup[0].Status, rv.Actions[0].Done, rv.Tracking[0].Done)
	}
}

// TestOriginalDateIsNoDoneDate: in table 2's 实际进度 a date that was the
// original plan (原定, 原计划, 原本, originally) beside 延期 is no done date:
// the task is postponed, not done late on that day.
func TestOriginalDateIsNoDoneDate(t *testing.T) {
	cells := []string{"原定9月28日，延期", "原计划9月28日完成，已延期", "原本9月28日上线，推迟", "originally 28 Sep, postponed"}
	for _, c := range cells {
		r := samples.SeedSimplified()
		r.Track.Rows[0][2] = c
		rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
		tr := rv.Tracking[0]
		if tr.Done || !tr.Actual.Date.IsZero() || tr.StatusRead == nil || tr.StatusRead.State != fupan.ProgressPostponed {
			t.Errorf("%s: done %v on %v, %+v", c, tr.Done, tr.Actual.Date, tr.StatusRead)
		}
	}
	// The day it was done, beside the original plan, is the done day.
	r := samples.SeedSimplified()
	r.Track.Rows[0][2] = "原定7月20日，实际7月28日完成"
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	if tr := rv.Tracking[0]; !tr.Done || tr.Actual.Date.String() != "2025-07-28" {
		t.Errorf("%s: done %v on %v", r.Track.Rows[0][2], tr.Done, tr.Actual.Date)
	}
}

// TestAwaitingAcceptanceIsNotDone: done but awaiting acceptance is partly
// done, not done; a cell that is only yes or no reads one way everywhere.
func TestAwaitingAcceptanceIsNotDone(t *testing.T) {
	tests := []struct {
		in   string
		want fupan.Progress
	}{
		{"完成（待验收）", fupan.ProgressPartly}, {"已完成待验收", fupan.ProgressPartly}, {"已完成？待确认", fupan.ProgressPartly},
		{"已完成，待審核", fupan.ProgressPartly}, {"done - awaiting approval", fupan.ProgressPartly},
		{"completed, pending sign-off", fupan.ProgressPartly}, {"Completed, pending acceptance", fupan.ProgressPartly},
		{"待验收", fupan.ProgressNotDone}, {"验收通过", fupan.ProgressDone},
		{"是", fupan.ProgressDone}, {"是的", fupan.ProgressDone}, {"yes", fupan.ProgressDone}, {"Y", fupan.ProgressDone}, {"y", fupan.ProgressDone},
		{"否", fupan.ProgressNotDone}, {"不是", fupan.ProgressNotDone}, {"no", fupan.ProgressNotDone}, {"No", fupan.ProgressNotDone},
		{"N", fupan.ProgressNotDone}, {"✓", fupan.ProgressDone}, {"√", fupan.ProgressDone}, {"✗", fupan.ProgressNotDone}, {"×", fupan.ProgressNotDone},
	}
	for _, tc := range tests {
		if got := fupan.ReadStatus(tc.in); got.State != tc.want {
			t.Errorf("ReadStatus(%q) = %s, want %s", tc.in, got.State, tc.want)
		}
	}
}

// TestUnknownStatusWithDoneDate: a status fupan does not know is not done,
// as its status-unknown warning says, whatever date stands beside it.
func TestUnknownStatusWithDoneDate(t *testing.T) {
	r := samples.SeedSimplified()
	r.Follow = followTable([]string{"优化投放渠道", "砍掉低效渠道", "李四", "2025-12-31", "ROI≥1.5", "看情况", "2025-09-20", ""})
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	if rv.Followup[0].Done() || findingAt(rv, fupan.CodeStatusUnknown, "跟进", "F3") == nil {
		t.Errorf("看情况 with a done date: %s, findings %v", rv.Followup[0].Status, rv.Findings)
	}
}
