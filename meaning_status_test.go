package fupan_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
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

// TestStatusNeverDoneInDoubt: status cells a careful reader reads as not
// done, though they hold a done word: a share done (完成八成, 完成2/3), a
// negated 100%, a day to come, done but for a remainder, the 末/未 typo, the
// template's alternatives left in, a contradiction or a question. None is
// done; a share keeps its percentage.
func TestStatusNeverDoneInDoubt(t *testing.T) {
	const (
		partly  = fupan.ProgressPartly
		notDone = fupan.ProgressNotDone
		planned = fupan.ProgressPlanned
		unknown = fupan.ProgressUnknown
	)
	tests := []struct {
		in      string
		want    fupan.Progress
		percent float64 // 0: none wanted
	}{
		// 1. A share done.
		{"完成八成", partly, 0.8}, {"已完成九成", partly, 0.9}, {"完成了7成", partly, 0.7}, {"八成已完成", partly, 0.8},
		{"完成百分之八十", partly, 0.8}, {"完成三分之二", partly, 2.0 / 3}, {"完成2/3", partly, 2.0 / 3},
		{"已完成3项中的2项", partly, 2.0 / 3}, {"完成3/5场", partly, 0.6}, {"已完成3场（共5场）", partly, 0.6},
		{"完成1家（共2家）", partly, 0.5}, {"Completed - 3 of 5 sessions", partly, 0.6},
		{"完成八成", partly, 0.8}, {"已完成九成", partly, 0.9}, {"已完成3項中的2項", partly, 2.0 / 3}, {"已完成3場（共5場）", partly, 0.6},
		{"完成兩成", partly, 0.2}, {"完成百分之五十", partly, 0.5}, {"完成百分之九十五", partly, 0.95}, {"已完成五分之三", partly, 0.6},
		{"5场中完成3场", partly, 0.6}, {"2 of 3 done", partly, 2.0 / 3}, {"Completed 2 out of 3", partly, 2.0 / 3},
		{"80 percent done", partly, 0.8}, {"Completed 80 pct", partly, 0.8}, {"3/5 sessions done", partly, 0.6}, {"3个门店完成了2个", partly, 2.0 / 3},
		{"完成率八成", partly, 0.8}, {"已完成約九成", partly, 0.9}, {"two-thirds done", partly, 0}, {"Done: 3 of 5", partly, 0.6},
		// 2. A negated 100%.
		{"未100%完成", notDone, 0}, {"尚未100%完成", notDone, 0}, {"没有100%完成", notDone, 0}, {"還未100%完成", notDone, 0},
		{"沒有100%完成", notDone, 0}, {"未能100%完成", notDone, 0}, {"Not 100% done", notDone, 0}, {"not 100% complete", notDone, 0},
		{"not 100%", notDone, 0}, {"不到100%完成", notDone, 0}, {"未100%", notDone, 0}, {"未全部完成", notDone, 0},
		// 3. A day to come, by its wording alone.
		{"10月底前完成", planned, 0}, {"下周完成", planned, 0}, {"国庆后完成", planned, 0}, {"Q4完成", planned, 0},
		{"月底完成", planned, 0}, {"complete by 10/31", planned, 0}, {"Done by Oct 31", planned, 0},
		{"Completed by end of October", planned, 0}, {"下週完成", planned, 0}, {"國慶後完成", planned, 0},
		{"月底前完成", planned, 0}, {"年底前完成", planned, 0}, {"下月完成", planned, 0}, {"四季度完成", planned, 0},
		{"done next week", planned, 0}, {"Complete by EOM", planned, 0}, {"月末完成", planned, 0}, {"节后上线", planned, 0},
		{"十月底前完成", planned, 0}, {"下週上線", planned, 0}, {"國慶後上線", planned, 0}, {"年底前上線", planned, 0}, {"期末完成", planned, 0},
		{"预计10月完成", planned, 0}, {"will complete 10/31", planned, 0}, {"計畫10月完成", planned, 0}, {"預計下週上線", planned, 0}, {"已定于下周上线", planned, 0}, {"已排期，下周上线", planned, 0}, {"已计划10月完成", planned, 0},
		{"已安排10月底前完成", planned, 0}, {"已经安排，月底完成", planned, 0}, {"十一后完成", planned, 0},
		{"已启动，预计10月底完成", planned, 0}, {"已完成，下周上线", partly, 0}, {"已完成开发，下周上线", partly, 0}, {"To be done by Oct 31", planned, 0}, {"ETA Oct 31", planned, 0}, {"by EOM", planned, 0}, {"will finish next week", planned, 0},
		// 4. Done but for a remainder.
		{"已完成（培训未做）", partly, 0}, {"已完成，培训除外", partly, 0}, {"已完成，培训待做", partly, 0},
		{"已完成（不含培训）", partly, 0}, {"已完成（剩培训）", partly, 0}, {"已完成方案设计，尚未实施", partly, 0},
		{"方案已完成，待实施", partly, 0}, {"已完成初稿", partly, 0}, {"已完成第一阶段", partly, 0}, {"完成了，但没上线", partly, 0},
		{"done except training", partly, 0}, {"Done, except training", partly, 0}, {"done，培训未做", partly, 0},
		{"complete except testing", partly, 0}, {"Draft done", partly, 0}, {"已完成（培訓未做）", partly, 0},
		{"Done, but not yet verified", partly, 0}, {"已完成，培訓除外", partly, 0}, {"完成了，但沒上線", partly, 0},
		{"completed except for training", partly, 0}, {"done but not yet live", partly, 0}, {"Phase 1 done", partly, 0},
		{"已完成，还剩培训", partly, 0}, {"已完成（不包括培训）", partly, 0}, {"已完成，培训未开展", partly, 0},
		{"已完成（培訓除外）", partly, 0}, {"已完成，僅剩培訓", partly, 0}, {"已完成方案，未實施", partly, 0}, {"已完成一期", partly, 0},
		{"完成了，但還沒上線", partly, 0}, {"Done except for training", partly, 0}, {"Completed, but not launched", partly, 0},
		{"Completed (training remaining)", partly, 0}, {"First draft done", partly, 0}, {"Phase one complete", partly, 0},
		{"Done apart from training", partly, 0}, {"已完成（除培训外）", partly, 0}, {"已完成，只差培训", partly, 0},
		{"done, training TBD", partly, 0}, {"Done without training", partly, 0}, {"Done - 2 stores left", partly, 0},
		{"Done; training to follow", partly, 0}, {"Done (TBC)", partly, 0}, {"Done, training pending", partly, 0}, {"Done - training outstanding", partly, 0},
		// 5. 末 written for 未.
		{"末完成", notDone, 0}, {"尚末完成", notDone, 0}, {"還末完成", notDone, 0}, {"仍末完成", notDone, 0},
		{"末开始", fupan.ProgressNotStarted, 0}, {"末上线", notDone, 0},
		// 6. The template's alternatives, a contradiction, a question.
		{"已完成/未完成", unknown, 0}, {"完成/未完成", unknown, 0}, {"Done/Not done", unknown, 0}, {"已完成 / 未完成", unknown, 0},
		{"完成／未完成", unknown, 0}, {"是/否", unknown, 0}, {"√/×", unknown, 0}, {"Y/N", unknown, 0}, {"Yes/No", unknown, 0},
		{"未完成 done", unknown, 0}, {"已完成 not done", unknown, 0}, {"Done? Not yet", unknown, 0},
		{"已完成？", unknown, 0}, {"done?", unknown, 0}, {"Completed?", unknown, 0}, {"已完成?", unknown, 0}, {"完成了吗", unknown, 0},
		{"已完成？", unknown, 0}, {"已上线？", unknown, 0}, {"完成？", unknown, 0}, {"Done (?)", unknown, 0},
		{"完成 or 未完成", unknown, 0}, {"Done or not done", unknown, 0}, {"已完成？未完成？", unknown, 0},
		// A hedge: a team that is done says so.
		{"好像完成了", unknown, 0}, {"应该完成了", unknown, 0}, {"應該完成了", unknown, 0}, {"大概完成了", unknown, 0}, {"似乎完成", unknown, 0},
		{"也許完成了", unknown, 0}, {"估計完成了", unknown, 0}, {"Probably done", unknown, 0}, {"Done in principle", unknown, 0}, {"原则上完成", unknown, 0}, {"I think it's done", unknown, 0}, {"Should be done", unknown, 0}, {"might be done", unknown, 0},
	}
	for _, tc := range tests {
		got := fupan.ReadStatus(tc.in)
		if got.State != tc.want || got.Done() {
			t.Errorf("ReadStatus(%q) = %s, want %s", tc.in, got.State, tc.want)
		}
		switch {
		case tc.percent == 0 && got.Percent != nil && tc.want != partly:
			t.Errorf("ReadStatus(%q) keeps %v%%", tc.in, *got.Percent*100)
		case tc.percent != 0 && (got.Percent == nil || *got.Percent < tc.percent-1e-9 || *got.Percent > tc.percent+1e-9):
			t.Errorf("ReadStatus(%q) keeps percentage %v, want %v", tc.in, got.Percent, tc.percent)
		}
	}
	// What stays done.
	for _, in := range []string{"已完成", "完成", "完成（100%）", "已完成3场", "未延期，已完成", "已完成，没有问题", "提前完成", "按计划完成",
		"已于8月28日完成", "Completed on 28 Aug", "Done by Li Si", "已完成，未超预算", "完成了，无遗留",
		"Done by the team", "已完成，节约3成本", "已完成，ROI 1.8", "已完成，未发现异常", "Done, no delays", "done without issues",
		"已完成（含培训）", "已完成，培训已做", "Done in May", "已完成，风险已排除", "已删除旧数据，已完成", "已完成，未發現風險", "已完成，沒有投訴", "已完成客户接待工作", "已完成，为未来打基础", "已完成，未产生额外费用", "已完成，效果良好", "3天前完成", "已于9月20日前完成", "Done, no issues"} {
		if got := fupan.ReadStatus(in); !got.Done() {
			t.Errorf("ReadStatus(%q) = %s, want done", in, got.State)
		}
	}
}

// TestStatusAsOf: a status read as of the review's as-of day. A day on or
// before it is the day it was done (done late where the words say so); a
// day after it, written without 已, is a plan; 已 with a day to come
// contradicts itself. A date alone is the day it was done.
func TestStatusAsOf(t *testing.T) {
	asOf := fupan.Date{Year: 2025, Month: 10, Day: 8}
	day := func(m, d int) fupan.Date { return fupan.Date{Year: 2025, Month: time.Month(m), Day: d} }
	tests := []struct {
		in     string
		want   fupan.Progress
		doneOn fupan.Date
	}{
		// 3. A day to come.
		{"10月15日完成", fupan.ProgressPlanned, fupan.Date{}}, {"10.15完成", fupan.ProgressPlanned, fupan.Date{}},
		{"10月底完成", fupan.ProgressPlanned, fupan.Date{}}, {"10月完成", fupan.ProgressPlanned, fupan.Date{}},
		{"Done in Oct", fupan.ProgressPlanned, fupan.Date{}}, {"10月底前完成", fupan.ProgressPlanned, fupan.Date{}},
		{"complete by 10/31", fupan.ProgressPlanned, fupan.Date{}}, {"10月20日上线", fupan.ProgressPlanned, fupan.Date{}},
		{"Completed Oct 20", fupan.ProgressPlanned, fupan.Date{}}, {"10月份完成", fupan.ProgressPlanned, fupan.Date{}},
		{"11月完成", fupan.ProgressPlanned, fupan.Date{}}, {"October", fupan.ProgressUnknown, fupan.Date{}},
		// 7. Done, on a day past.
		{"已于9月20日完成", fupan.ProgressDone, day(9, 20)}, {"已完成（9月25日）", fupan.ProgressDone, day(9, 25)},
		{"没能按时完成，9月25日完成", fupan.ProgressDoneLate, day(9, 25)}, {"9月底完成", fupan.ProgressDone, day(9, 30)},
		{"已完成，实际10月8日", fupan.ProgressDone, day(10, 8)}, {"Completed 9/20", fupan.ProgressDone, day(9, 20)},
		{"已於9月20日完成", fupan.ProgressDone, day(9, 20)}, {"沒能按時完成，9月25日完成", fupan.ProgressDoneLate, day(9, 25)},
		{"Completed on Sep 20", fupan.ProgressDone, day(9, 20)}, {"9月20日完成", fupan.ProgressDone, day(9, 20)},
		{"9月完成", fupan.ProgressDone, fupan.Date{}}, {"延期完成（9月25日）", fupan.ProgressDoneLate, day(9, 25)},
		{"已完成", fupan.ProgressDone, fupan.Date{}}, {"9月末完成", fupan.ProgressDone, day(9, 30)},
		{"Done on 9/20", fupan.ProgressDone, day(9, 20)}, {"9/20完成", fupan.ProgressDone, day(9, 20)}, {"2025.9.20完成", fupan.ProgressDone, day(9, 20)},
		{"9月20號完成", fupan.ProgressDone, day(9, 20)}, {"Finished Sep 20", fupan.ProgressDone, day(9, 20)}, {"十月完成", fupan.ProgressPlanned, fupan.Date{}},
		{"10/20 done", fupan.ProgressPlanned, fupan.Date{}}, {"Done in Sep", fupan.ProgressDone, fupan.Date{}},
		// A figure is no day: ROI 1.8 is not 1 August, ROI 12.5 not 5 December.
		{"已完成，ROI 1.8", fupan.ProgressDone, fupan.Date{}}, {"已完成，ROI 12.5", fupan.ProgressDone, fupan.Date{}},
		{"已完成，客单价提升至12.5", fupan.ProgressDone, fupan.Date{}},
		// 已 with a day to come contradicts itself.
		{"已于10月20日完成", fupan.ProgressUnknown, fupan.Date{}}, {"已确认10月15日上线", fupan.ProgressPlanned, fupan.Date{}},
		// 8. A date alone.
		{"9月5日", fupan.ProgressDone, day(9, 5)}, {"2025-09-05", fupan.ProgressDone, day(9, 5)},
		{"9.5", fupan.ProgressDone, day(9, 5)}, {"9/5", fupan.ProgressDone, day(9, 5)}, {"2025/9/5", fupan.ProgressDone, day(9, 5)},
		{"10月20日", fupan.ProgressPlanned, fupan.Date{}}, {"Sep 5", fupan.ProgressDone, day(9, 5)}, {"5 Sep", fupan.ProgressDone, day(9, 5)},
		{"2025年9月5日", fupan.ProgressDone, day(9, 5)},
		// What is not done stays so, whatever its day.
		{"还没完成，9月20日", fupan.ProgressNotDone, fupan.Date{}}, {"完成八成（9月20日）", fupan.ProgressPartly, fupan.Date{}},
	}
	for _, tc := range tests {
		got := fupan.ReadStatusAsOf(tc.in, 2025, asOf)
		if got.State != tc.want || got.DoneOn != tc.doneOn || got.Words != tc.in {
			t.Errorf("ReadStatusAsOf(%q) = %s on %v, want %s on %v", tc.in, got.State, got.DoneOn, tc.want, tc.doneOn)
		}
	}
	// Without an as-of day the words alone decide.
	if got := fupan.ReadStatus("9月5日"); got.State != fupan.ProgressUnknown {
		t.Errorf("ReadStatus(9月5日) = %s, want unknown", got.State)
	}
}

// TestStatusAsOfInWorkbook: table 5 and table 4 read as of 2025-10-08 with
// the actions due 9.10: what is not done is open or overdue, what was done
// late is done late with the day it was done, and the doubtful is warned of
// at its cell.
func TestStatusAsOfInWorkbook(t *testing.T) {
	cells := []struct {
		status string
		want   fupan.FollowStatus
		doneOn string
	}{
		{"完成八成", fupan.FollowOverdue, ""},
		{"未100%完成", fupan.FollowOverdue, ""},
		{"10月15日完成", fupan.FollowOverdue, ""},
		{"已完成（培训未做）", fupan.FollowOverdue, ""},
		{"尚末完成", fupan.FollowOverdue, ""},
		{"已完成/未完成", fupan.FollowOverdue, ""},
		{"已于9月20日完成", fupan.FollowDoneLate, "2025-09-20"},
		{"9月底完成", fupan.FollowDoneLate, "2025-09-30"},
		{"9月5日", fupan.FollowDone, "2025-09-05"},
		{"Done? Not yet", fupan.FollowOverdue, ""},
	}
	r := samples.SeedSimplified()
	var rows [][]string
	for i, c := range cells {
		rows = append(rows, []string{"改进项" + string(rune('A'+i)), "措施", "李四", "9.10", "验收", c.status, "", ""})
	}
	r.Follow = followTable(rows...)
	r.Acts.Header = append(r.Acts.Header, "状态")
	acts := []string{"10月底前完成", "完成2/3", "9月20日完成"}
	for i := range r.Acts.Rows {
		r.Acts.Rows[i] = append(r.Acts.Rows[i], acts[i])
	}
	rv := fupan.Analyze(grid(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r)), fupan.Options{Now: time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)})
	if len(rv.Followup) != len(cells) {
		t.Fatalf("%d follow-ups, want %d", len(rv.Followup), len(cells))
	}
	for i, c := range cells {
		f := rv.Followup[i]
		on := ""
		if !f.DoneOn.IsZero() {
			on = f.DoneOn.String()
		}
		if f.Status != c.want || on != c.doneOn {
			t.Errorf("%s: %s on %q, want %s on %q", c.status, f.Status, on, c.want, c.doneOn)
		}
	}
	if s := rv.Summary; s.FollowupDone != 3 || s.FollowupTotal != len(cells) {
		t.Errorf("follow-up %d/%d, want 3/%d", s.FollowupDone, s.FollowupTotal, len(cells))
	}
	for _, cell := range []string{"F8", "F12"} {
		if findingAt(rv, fupan.CodeStatusUnknown, "跟进", cell) == nil {
			t.Errorf("no status-unknown at 跟进!%s: %v", cell, rv.Findings)
		}
	}
	for i, want := range []bool{false, false, true} {
		if rv.Actions[i].Done != want {
			t.Errorf("action %s: done %v, want %v", acts[i], rv.Actions[i].Done, want)
		}
	}
}

// TestStatusExcelDateCell: an Excel date in table 5's status column, written
// and read back, is the day the action was done where it is past (as of
// 2025-10-08), a plan where it is to come.
func TestStatusExcelDateCell(t *testing.T) {
	r := samples.SeedSimplified()
	r.Follow = followTable(
		[]string{"优化投放渠道", "砍掉低效渠道", "李四", "9.10", "ROI≥1.5", "DATE1", "", ""},
		[]string{"补充设计人力", "招聘1名设计", "王五", "9.10", "到岗", "DATE2", "", ""},
	)
	b := samples.PerSheet(r)
	days := map[string]time.Time{"DATE1": time.Date(2025, 9, 5, 0, 0, 0, 0, time.UTC), "DATE2": time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC)}
	for _, s := range b.Sheets {
		for _, row := range s.Rows {
			for c, v := range row {
				if d, ok := days[fmt.Sprint(v)]; ok {
					row[c] = d
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(path, b); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	rv := fupan.Analyze(wb, fupan.Options{Now: time.Date(2025, 10, 8, 12, 0, 0, 0, time.UTC)})
	if f := rv.Followup[0]; f.Status != fupan.FollowDone || f.DoneOn.String() != "2025-09-05" {
		t.Errorf("status 2025-09-05: %s on %v, want done on 2025-09-05", f.Status, f.DoneOn)
	}
	if f := rv.Followup[1]; f.Done() || f.StatusRead.State != fupan.ProgressPlanned {
		t.Errorf("status 2025-10-20: %s (%s), want planned, not done", f.Status, f.StatusRead.State)
	}
	if hasCode(rv, fupan.CodeStatusUnknown) {
		t.Errorf("a date in the status column warned of as unknown: %v", rv.Findings)
	}
}

// FuzzStatus feeds the status reader what a status cell may hold: it never
// panics, never reads done from no words, and a day it reads done on is
// never after the as-of day.
func FuzzStatus(f *testing.F) {
	for _, s := range []string{"完成八成", "完成百分之八十", "完成三分之二", "已完成3项中的2项", "已完成3场（共5场）", "Completed - 3 of 5 sessions",
		"未100%完成", "10月15日完成", "10.15完成", "已完成（培训未做）", "尚末完成", "已完成/未完成", "Done? Not yet", "已于9月20日完成",
		"9月底完成", "9/5", "2025-09-05", "十月完成", "已完成，ROI 1.8", "百分之", "分之", "完成/", "末", "3个门店完成了2个", ""} {
		f.Add(s)
	}
	asOf := fupan.Date{Year: 2025, Month: 10, Day: 8}
	f.Fuzz(func(t *testing.T, s string) {
		st := fupan.ReadStatusAsOf(s, 2025, asOf)
		if st.Done() && st.Words == "" {
			t.Errorf("ReadStatusAsOf(%q) is done with no words", s)
		}
		if !st.DoneOn.IsZero() && (!st.Done() || asOf.Before(st.DoneOn)) {
			t.Errorf("ReadStatusAsOf(%q) = %s on %v", s, st.State, st.DoneOn)
		}
		if p := fupan.ReadStatus(s).Percent; p != nil && (*p < 0 || *p >= 1) {
			t.Errorf("ReadStatus(%q) keeps %v", s, *p)
		}
	})
}
