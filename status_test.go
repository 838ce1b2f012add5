package fupan_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestReadStatus: status words as teams write them, in the three languages.
// A negation wins over the word it negates; a plan or a part is not done;
// an unknown word is unknown, never done.
func TestReadStatus(t *testing.T) {
	const (
		done       = fupan.ProgressDone
		late       = fupan.ProgressDoneLate
		partly     = fupan.ProgressPartly
		progress   = fupan.ProgressInProgress
		notDone    = fupan.ProgressNotDone
		notStarted = fupan.ProgressNotStarted
		blocked    = fupan.ProgressBlocked
		postponed  = fupan.ProgressPostponed
		dropped    = fupan.ProgressDropped
		planned    = fupan.ProgressPlanned
		unknown    = fupan.ProgressUnknown
	)
	tests := []struct {
		in   string
		want fupan.Progress
	}{
		// zh-Hans: done.
		{"已完成", done}, {"完成", done}, {"已全部完成", done}, {"按计划完成", done}, {"提前完成", done},
		{"超额完成", done}, {"已上线", done}, {"已落地", done}, {"已落实", done}, {"已实施", done},
		{"搞定", done}, {"OK", done}, {"ok", done}, {"关闭", done}, {"已关闭", done}, {"已解决", done},
		{"已结束", done}, {"已交付", done}, {"验收通过", done}, {"已于8月28日完成", done}, {"√", done},
		{"完成（100%）", done}, {"100%", done}, {"如期完成", done}, {"已办结", done},
		// zh-Hans: not done, the phrasings first.
		{"还没完成", notDone}, {"没有完成", notDone}, {"没完成", notDone}, {"未能完成", notDone},
		{"无法完成", notDone}, {"不能完成", notDone}, {"完成不了", notDone}, {"未完成", notDone},
		{"尚未完成", notDone}, {"仍未完成", notDone}, {"暂未完成", notDone}, {"未按时完成", notDone},
		{"未按计划完成", notDone}, {"没能完成", notDone}, {"难以完成", notDone}, {"待完成", notDone},
		{"未上线", notDone}, {"待验收", notDone}, {"未落实", notDone}, {"未解决", notDone}, {"×", notDone},
		{"部分完成", partly}, {"已完成（部分）", partly}, {"基本完成", partly}, {"大部分完成", partly},
		{"完成80%", partly}, {"已完成60%", partly}, {"进度50%", partly}, {"未完成，进度60%", partly},
		{"计划12月完成", planned}, {"预计10月底完成", planned}, {"计划中", planned}, {"拟于Q4完成", planned},
		{"争取年底完成", planned},
		{"进行中", progress}, {"推进中", progress}, {"执行中", progress}, {"已启动", progress}, {"正在推进", progress},
		{"验收中", progress}, {"跟进中", progress},
		{"未开始", notStarted}, {"尚未开始", notStarted}, {"未启动", notStarted}, {"待启动", notStarted}, {"0%", notStarted},
		{"暂停", blocked}, {"搁置", blocked}, {"受阻", blocked}, {"已暂停", blocked}, {"挂起", blocked},
		{"延期", postponed}, {"推迟", postponed}, {"已延期", postponed}, {"延期至12月", postponed}, {"延期至12月完成", postponed},
		{"延期完成", late}, {"逾期完成", late}, {"晚3天完成", late}, {"已完成（延期）", late},
		{"已取消", dropped}, {"取消", dropped}, {"放弃", dropped}, {"作废", dropped}, {"终止", dropped}, {"不再执行", dropped},
		// zh-Hant.
		{"已完成", done}, {"還沒完成", notDone}, {"沒有完成", notDone}, {"沒完成", notDone}, {"無法完成", notDone},
		{"部分完成", partly}, {"計劃12月完成", planned}, {"進行中", progress}, {"未開始", notStarted},
		{"暫停", blocked}, {"擱置", blocked}, {"延期完成", late}, {"已取消", dropped}, {"已關閉", done},
		{"尚未啟動", notStarted}, {"已上線", done}, {"完成不了", notDone}, {"已終止", dropped}, {"驗收中", progress},
		// en.
		{"Done", done}, {"done", done}, {"Completed", done}, {"Complete", done}, {"Finished", done}, {"Closed", done},
		{"Resolved", done}, {"Delivered", done}, {"Launched", done}, {"completed as planned", done}, {"Completed on 28 Aug", done},
		{"not completed", notDone}, {"Not done", notDone}, {"not yet done", notDone}, {"Incomplete", notDone},
		{"Unfinished", notDone}, {"hasn't been completed", notDone}, {"didn't finish", notDone}, {"Not complete", notDone},
		{"yet to be completed", notDone}, {"Undone", notDone}, {"unresolved", notDone}, {"couldn't complete", notDone},
		{"Partially completed", partly}, {"partly done", partly}, {"80% done", partly}, {"mostly done", partly},
		{"In progress", progress}, {"Ongoing", progress}, {"WIP", progress}, {"Underway", progress}, {"started", progress},
		{"Not started", notStarted}, {"To do", notStarted}, {"TODO", notStarted}, {"Pending", notStarted}, {"Open", notStarted},
		{"On hold", blocked}, {"Blocked", blocked}, {"Paused", blocked}, {"Stalled", blocked},
		{"Postponed", postponed}, {"Deferred", postponed}, {"Delayed", postponed},
		{"Completed late", late}, {"done late", late}, {"Finished (delayed)", late},
		{"Cancelled", dropped}, {"Canceled", dropped}, {"Dropped", dropped}, {"Abandoned", dropped},
		{"Planned for December", planned}, {"Scheduled for Q4", planned}, {"will be completed by Dec", planned},
		{"to be completed", planned},
		// A negation of something else: of a delay, or 不仅 (not only).
		{"不仅完成，还超额", done}, {"无延误完成", done}, {"没有延期，按时完成", done}, {"未延期，已完成", done},
		{"完成，无偏差", done}, {"不但完成了", done},
		// 已 with a verb fupan does not list: it happened.
		{"已提交", done}, {"已发布", done}, {"已到岗", done}, {"未提交", notDone}, {"尚未招聘", notDone}, {"Submitted", done}, {"Released", done},
		// Unknown: never done.
		{"好了吧", unknown}, {"见附件", unknown}, {"?", unknown}, {"TBD", unknown}, {"n/a", unknown},
	}
	if len(tests) < 80 {
		t.Fatalf("%d phrasings, want at least 80", len(tests))
	}
	for _, tt := range tests {
		got := fupan.ReadStatus(tt.in)
		if got.State != tt.want {
			t.Errorf("ReadStatus(%q) = %s, want %s", tt.in, got.State, tt.want)
		}
		if got.Words != tt.in {
			t.Errorf("ReadStatus(%q) keeps %q", tt.in, got.Words)
		}
		if got.Done() != (tt.want == done || tt.want == late) {
			t.Errorf("ReadStatus(%q).Done() = %v", tt.in, got.Done())
		}
	}
	if s := fupan.ReadStatus("  "); s.State != "" || s.Known() {
		t.Errorf("a blank status reads %+v", s)
	}
	if s := fupan.ReadStatus("完成80%"); s.Percent == nil || *s.Percent != 0.8 {
		t.Errorf("完成80%% keeps its percentage as %v", s.Percent)
	}
}

// TestStatusInWorkbook: table 4's 状态, table 5's status and table 2's
// actual progress read through the vocabulary; a word fupan does not know is
// a status-unknown finding at its cell and counts as not done.
func TestStatusInWorkbook(t *testing.T) {
	r := samples.SeedSimplified()
	r.Acts.Header = append(r.Acts.Header, "状态")
	statuses := []string{"没有完成", "搞好了吧", "已完成"}
	for i := range r.Acts.Rows {
		r.Acts.Rows[i] = append(r.Acts.Rows[i], statuses[i])
	}
	r.Track.Rows[0][2] = "计划12月完成"
	r.Track.Rows[1][2] = "见周报"
	r.Follow = followTable(
		[]string{"优化投放渠道", "砍掉低效渠道", "李四", "12/31", "ROI≥1.5", "完成80%", "", ""},
		[]string{"补充设计人力", "招聘1名设计", "王五", "12/31", "到岗", "OK", "", ""},
		[]string{"搭建客户分层", "完成分层模型", "赵六", "12/31", "模型上线", "看情况", "", ""},
	)
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	for i, want := range []bool{false, false, true} {
		if rv.Actions[i].Done != want || rv.Actions[i].StatusRead.Words != statuses[i] {
			t.Errorf("action %d (%s): done %v, want %v", i, rv.Actions[i].StatusRead.Words, rv.Actions[i].Done, want)
		}
	}
	if rv.Summary.ActionsDone != 1 {
		t.Errorf("%d actions done, want 1", rv.Summary.ActionsDone)
	}
	if rv.Tracking[0].Done || !rv.Tracking[0].Actual.Date.IsZero() {
		t.Errorf("计划12月完成 read as %+v", rv.Tracking[0].Actual)
	}
	if rv.Tracking[1].Done {
		t.Error("an unknown actual progress counts as done")
	}
	// A day it was done, late, against a day it is put off to.
	late := samples.SeedSimplified()
	late.Track.Rows[0][2] = "8月2日（延期2天）"
	late.Track.Rows[1][2] = "延期至8月15日"
	lv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(late))
	if tr := lv.Tracking[0]; !tr.Done || tr.Actual.Date.String() != "2025-08-02" || tr.StatusRead == nil || tr.StatusRead.State != fupan.ProgressDoneLate {
		t.Errorf("8月2日（延期2天）: done %v on %v, %+v", tr.Done, tr.Actual.Date, tr.StatusRead)
	}
	if tr := lv.Tracking[1]; tr.Done || !tr.Actual.Date.IsZero() {
		t.Errorf("延期至8月15日: done %v on %v", tr.Done, tr.Actual.Date)
	}
	want := []fupan.FollowStatus{fupan.FollowOpen, fupan.FollowDone, fupan.FollowOpen}
	for i, w := range want {
		if rv.Followup[i].Status != w {
			t.Errorf("follow-up %d (%s): %s, want %s", i, rv.Followup[i].StatusRead.Words, rv.Followup[i].Status, w)
		}
	}
	for _, at := range []struct{ sheet, cell string }{{"行动", "G4"}, {"跟踪", "C4"}, {"跟进", "F5"}} {
		if findingAt(rv, fupan.CodeStatusUnknown, at.sheet, at.cell) == nil {
			t.Errorf("no status-unknown at %s!%s: %v", at.sheet, at.cell, rv.Findings)
		}
	}
	n := 0
	for _, f := range rv.Findings {
		if f.Code == fupan.CodeStatusUnknown {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d status-unknown findings, want 3", n)
	}
	if rv.HasErrors() {
		t.Errorf("errors: %v", rv.Findings)
	}
}

// TestNegativeTargetAndPerfectZero: 净利润 target −200万, actual −100万 is
// beaten (150%), 客户投诉数 ≤5 with 0 is achieved; both are in the count, the
// mean and what the chart draws, and neither is among the worst.
func TestNegativeTargetAndPerfectZero(t *testing.T) {
	r := samples.SeedSimplified()
	r.Outcome.Rows = append(r.Outcome.Rows,
		[]string{"净利润", "-200万", "-100万", "", "", ""},
		[]string{"客户投诉数", "≤5件", "0件", "", "", ""},
	)
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	for _, i := range []int{3, 4} {
		o := rv.Outcomes[i]
		if o.Achievement == nil || o.Status != fupan.StatusAchieved {
			t.Fatalf("%s: achievement %v, status %q", o.Metric, o.Achievement, o.Status)
		}
	}
	if a := *rv.Outcomes[3].Achievement; a < 1.5-1e-9 || a > 1.5+1e-9 {
		t.Errorf("净利润: %v, want 1.5", a)
	}
	if d := rv.Outcomes[3].Deviation; d == nil || *d < 0.5-1e-9 || *d > 0.5+1e-9 {
		t.Errorf("净利润's deviation %v, want +0.5 (above a negative target)", d)
	}
	if findingAt(rv, fupan.CodeNegativeTarget, "成果", "B6") == nil {
		t.Errorf("no negative-target hint at 成果!B6: %v", rv.Findings)
	}
	s := rv.Summary
	withStatus, withAchievement := 0, 0
	for _, o := range rv.Outcomes {
		if o.Status != "" {
			withStatus++
		}
		if o.Achievement != nil {
			withAchievement++
		}
	}
	if s.Metrics != 5 || s.MetricsAchieved != 3 || withStatus != 5 || withAchievement != 5 {
		t.Errorf("metrics %d, achieved %d, with a status %d, with an achievement %d; want 5, 3, 5, 5", s.Metrics, s.MetricsAchieved, withStatus, withAchievement)
	}
	if want := (0.9 + 0.84 + 1 + 1 + 1) / 5; s.MeanAchievementCapped == nil || *s.MeanAchievementCapped < want-1e-9 || *s.MeanAchievementCapped > want+1e-9 {
		t.Errorf("capped mean %v, want %v", s.MeanAchievementCapped, want)
	}
	for _, o := range fupan.Headlines(rv).Worst {
		if o.Metric == "净利润" || o.Metric == "客户投诉数" {
			t.Errorf("%s among the worst", o.Metric)
		}
	}
}
