package fupan_test

import (
	"context"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
)

// reviewDay is the tester's as-of: the day after a Q3 review is due in.
var reviewDay = time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)

// analyzeOn writes the workbook with excelize, reads it back with fupan's
// reader and analyses it as of a day, as a run with --as-of does.
func analyzeOn(t *testing.T, name string, b xlsx.Book, now time.Time) *fupan.Review {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := xlsx.Build(path, b); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return fupan.Analyze(wb, fupan.Options{Now: now})
}

// TestCancelledActionIsNotOverdue: an action of table 4 whose 状态 is 取消 is
// neither overdue in what needs a decision nor counted among the open
// actions (the tester saw 行动06 reported overdue and 4 open instead of 3);
// the conclusion's directions say it was cancelled.
func TestCancelledActionIsNotOverdue(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Acts.Header = append(r.Acts.Header, "状态")
	r.Acts.Rows[0] = append(r.Acts.Rows[0], "取消")
	r.Acts.Rows[1] = append(r.Acts.Rows[1], "进行中")
	r.Acts.Rows[2] = append(r.Acts.Rows[2], "")
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), reviewDay)
	if rv.HasErrors() {
		t.Fatalf("errors: %v", rv.Findings)
	}
	items := wording.AttentionTexts(rv, fupan.Simplified, fupan.DateOf(reviewDay))
	all := strings.Join(items, "\n")
	if strings.Contains(all, "降低新客户获取成本") {
		t.Errorf("the cancelled action needs a decision:\n%s", all)
	}
	for _, want := range []string{"行动“提升线上推广转化率”已过完成时间（2025-08-20），逾期 49 天，尚未完成", "行动“复制重点客户运营经验”已过完成时间（2025-09-30），逾期 8 天，尚未完成"} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in:\n%s", want, all)
		}
	}
	if s := rv.Summary; s.Actions != 3 || s.ActionsOpen != 2 || s.ActionsDone != 0 {
		t.Errorf("actions %d, open %d, done %d; want 3, 2 (the cancelled one is not open), 0", s.Actions, s.ActionsOpen, s.ActionsDone)
	}
	for _, f := range wording.KeyFigures(rv, fupan.Simplified) {
		if f.Key == "actions.open" && f.Value != "2" {
			t.Errorf("key figure %s = %s, want 2", f.Label, f.Value)
		}
	}
	if c := fupan.CompanySummary([]fupan.Summary{rv.Summary, rv.Summary}, fupan.FollowThrough{}); c.ActionsOpen != 4 {
		t.Errorf("the company's open actions %d, want 4", c.ActionsOpen)
	}
	dirs := fupan.Conclude(rv).Directions
	if len(dirs) != 3 || !strings.Contains(dirs[0].Title, "已取消") || strings.Contains(dirs[1].Title, "已取消") {
		t.Errorf("directions do not tell the cancelled action: %+v", dirs)
	}
}

// TestMilestonePastPlannedDayIsOffTrack: a milestone whose planned day has
// passed as of the review and whose progress says it is not done (还没完成,
// 进行中, 未开始) is off track, late by at least the days since, in every
// figure; without a countermeasure it needs a decision. One not yet due,
// one cancelled and one left blank are not judged.
func TestMilestonePastPlannedDayIsOffTrack(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Track.Rows = append(r.Track.Rows,
		[]string{"重点客户分层方案", "7月31日前完成", "还没完成", "+50%", "", "", "赵六"}, // stated as of when written
		[]string{"客户经理培训", "8月31日前完成", "进行中", "", "培训师未到位", "改为线上培训", "赵六"},
		[]string{"渠道评估", "9月30日前完成", "未开始", "", "", "", "李四"},
		[]string{"季度客户回访", "10月31日前完成", "进行中", "", "", "", "赵六"},
		[]string{"旧渠道投放", "7月31日前完成", "已取消", "", "", "", "李四"},
	)
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), reviewDay)
	if rv.HasErrors() {
		t.Fatalf("errors: %v", rv.Findings)
	}
	// The header's (7月) is the baseline: 7/1. 7/31 not done on 10/8 is 69
	// days late of 31; 8/31 is 38 of 62; 9/30 is 8 of 92, under 10% but
	// still not done: off track.
	want := map[string]float64{"重点客户分层方案": 69.0 / 31, "客户经理培训": 38.0 / 62, "渠道评估": 8.0 / 92}
	for _, tr := range rv.Tracking {
		d, judged := want[tr.Task]
		switch {
		case judged && (tr.State != fupan.StateOffTrack || tr.Deviation == nil || math.Abs(*tr.Deviation-d) > 1e-9 || tr.OnTrack == nil || *tr.OnTrack):
			t.Errorf("%s: state %q, deviation %v, on track %v; want off_track, %.4f", tr.Task, tr.State, tr.Deviation, tr.OnTrack, d)
		case !judged && tr.Task != "线上推广方案上线" && tr.Task != "首场地推活动" && (tr.State != "" || tr.Deviation != nil):
			t.Errorf("%s: state %q, deviation %v; want none (not due, or cancelled)", tr.Task, tr.State, tr.Deviation)
		}
	}
	// Tracked: all but the cancelled one (6); judged, on track or off: all
	// but 季度客户回访, not yet due (5).
	s := rv.Summary
	if s.Tracked != 6 || s.OnSchedule != 1 || s.Judged() != 5 {
		t.Errorf("tracked %d, on schedule %d, judged %d; want 6, 1, 5", s.Tracked, s.OnSchedule, s.Judged())
	}
	h := fupan.Headlines(rv)
	if h.OffTrack != 4 {
		t.Errorf("headline: %d off track, want 4 (首场地推活动 and the three past their day)", h.OffTrack)
	}
	// Page 1 says "N 个里程碑中 M 个偏差过大" beside "里程碑按期 n / N": one N,
	// the milestones judged, so that on schedule and off track add up.
	verdict := strings.Join(strings.Fields(wording.Verdict(h, fupan.Simplified)), "")
	if !strings.Contains(verdict, "5个里程碑中4个偏差过大") {
		t.Errorf("the headline's milestones %q do not count the key figure's 5", verdict)
	}
	items := strings.Join(wording.AttentionTexts(rv, fupan.Simplified, fupan.DateOf(reviewDay)), "\n")
	for _, w := range []string{"重点客户分层方案", "渠道评估"} {
		if !strings.Contains(items, "“"+w+"”") {
			t.Errorf("the milestone %s, past its day without a countermeasure, does not need a decision:\n%s", w, items)
		}
	}
	if !strings.Contains(items, "2025-07-31") {
		t.Errorf("the overdue milestone's planned day is not said:\n%s", items)
	}
	for _, w := range []string{"客户经理培训", "季度客户回访", "旧渠道投放"} {
		if strings.Contains(items, w) {
			t.Errorf("%s needs no decision (a countermeasure, not yet due, cancelled):\n%s", w, items)
		}
	}
	if findingAt(rv, fupan.CodeDeviationNoCause, "跟踪", "E5") == nil {
		t.Errorf("no deviation-no-cause at 跟踪!E5 for the overdue milestone: %v", rv.Findings)
	}
	if findingAt(rv, fupan.CodeStatedDeviation, "跟踪", "D5") != nil {
		t.Errorf("a stated-deviation finding on a milestone not done, whose deviation grows by the day: %v", rv.Findings)
	}
	var causes []string
	for _, p := range fupan.Conclude(rv).RootCauses {
		causes = append(causes, p.Title+" "+p.Detail)
	}
	if c := strings.Join(causes, "\n"); !strings.Contains(c, "重点客户分层方案（+222.5%，尚未完成）") && !strings.Contains(c, "重点客户分层方案（+222.6%，尚未完成）") {
		t.Errorf("the conclusion's root causes miss the overdue milestone:\n%s", c)
	}
	// As of its planned day, the milestone is not late yet.
	early := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), time.Date(2025, 7, 31, 9, 0, 0, 0, time.UTC))
	for _, tr := range early.Tracking[2:] {
		if tr.State != "" {
			t.Errorf("as of 7/31, %s is %q", tr.Task, tr.State)
		}
	}
}

// TestWorstNamesOnlyMisses: the headline's worst misses are missed metrics
// (below 90%): a close one (99.9%, 90%) is never named the worst; where none
// missed the headline says so.
func TestWorstNamesOnlyMisses(t *testing.T) {
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(samples.SeedSimplifiedCopy()), reviewDay)
	h := fupan.Headlines(rv)
	if len(h.Worst) != 1 || h.Worst[0].Metric != "新客户获取量" {
		t.Errorf("worst %+v, want 新客户获取量 alone (华东销售额's 90%% is close)", h.Worst)
	}
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows[1][2] = "499.5家" // 99.9%
	r.Outcome.Rows[0][2] = "1190万"  // 99.2%
	close := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), reviewDay)
	h = fupan.Headlines(close)
	if len(h.Worst) != 0 {
		t.Errorf("close metrics named as the worst: %+v", h.Worst)
	}
	v := strings.Join(strings.Fields(wording.Verdict(h, fupan.Simplified)), "")
	if strings.Contains(v, "最差") || !strings.Contains(v, "没有未达成的指标，2个接近目标") {
		t.Errorf("verdict %q", v)
	}
}

// Progress written as a share against a dated milestone (完成80% against
// 7月31日前完成) is how teams write "not done yet": read as progress, not
// a unit mismatch that stops the report; past its planned day it is off
// track like 还没完成, not yet due it is only in progress.
func TestMilestoneShareAgainstADate(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Track.Rows = append(r.Track.Rows,
		[]string{"重点客户分层方案", "7月31日前完成", "完成80%", "", "", "", "赵六"},
		[]string{"季度客户回访", "10月31日前完成", "60%", "", "", "", "赵六"},
		[]string{"渠道评估", "9月30日前完成", "100%", "", "", "", "李四"},
	)
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), reviewDay)
	for _, f := range rv.Findings {
		if f.Code == fupan.CodeUnitMismatch {
			t.Errorf("a share against a dated milestone is a unit mismatch: %s", f)
		}
	}
	for _, tr := range rv.Tracking {
		switch tr.Task {
		case "重点客户分层方案":
			if tr.Done || tr.State != fupan.StateOffTrack || !tr.Overdue || tr.Deviation == nil || math.Abs(*tr.Deviation-69.0/31) > 1e-9 {
				t.Errorf("%s (80%%, due 7/31, as of 10/8): done %v, state %q, overdue %v, deviation %v; want not done, off track, 69/31 late", tr.Task, tr.Done, tr.State, tr.Overdue, tr.Deviation)
			}
		case "季度客户回访":
			if tr.Done || tr.State != "" || tr.Overdue {
				t.Errorf("%s (60%%, due 10/31): done %v, state %q, overdue %v; want in progress, not judged", tr.Task, tr.Done, tr.State, tr.Overdue)
			}
		case "渠道评估":
			if !tr.Done || tr.Overdue {
				t.Errorf("%s (100%%): done %v, overdue %v; want done", tr.Task, tr.Done, tr.Overdue)
			}
		}
	}
	items := strings.Join(wording.AttentionTexts(rv, fupan.Simplified, fupan.DateOf(reviewDay)), "\n")
	if !strings.Contains(items, "“重点客户分层方案”") {
		t.Errorf("the milestone at 80%% past its day without a countermeasure needs no decision:\n%s", items)
	}
}

// An actual progress naming a day after the review's (10月15日完成 as of
// 10月8日) is a plan, not done: the milestone due 9/30 is late so far; one
// saying 已 of a day to come contradicts itself and is reported.
func TestMilestoneActualDayToCome(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Track.Rows = append(r.Track.Rows,
		[]string{"渠道评估", "9月30日前完成", "10月15日完成", "", "", "", "李四"},
		[]string{"客户经理培训", "9月30日前完成", "10月20日", "", "", "", "赵六"},
		[]string{"季度客户回访", "9月30日前完成", "已于10月20日完成", "", "", "", "赵六"},
		[]string{"旧渠道复盘", "9月30日前完成", "9月28日完成", "", "", "", "李四"},
	)
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), reviewDay)
	for _, tr := range rv.Tracking {
		switch tr.Task {
		case "渠道评估", "客户经理培训":
			if tr.Done || !tr.Overdue || tr.State != fupan.StateOffTrack {
				t.Errorf("%s (%s as of 10/8): done %v, overdue %v, state %q; want not done, off track so far", tr.Task, tr.Actual.Text, tr.Done, tr.Overdue, tr.State)
			}
		case "季度客户回访":
			if tr.Done {
				t.Errorf("%s: 已于10月20日完成 as of 10/8 read as done", tr.Task)
			}
		case "旧渠道复盘":
			if !tr.Done || tr.Actual.Date != (fupan.Date{Year: 2025, Month: 9, Day: 28}) {
				t.Errorf("%s: 9月28日完成 as of 10/8: done %v on %v; want done on 2025-09-28", tr.Task, tr.Done, tr.Actual.Date)
			}
		}
	}
	for _, cell := range []string{"C5", "C6"} { // 10月15日完成, 10月20日: said at the cell
		if f := findingAt(rv, fupan.CodeStatusDateConflict, "跟踪", cell); f == nil || !strings.Contains(f.Message(), "2025-10-08") {
			t.Errorf("no status-date-conflict at 跟踪!%s naming the review's day: %v", cell, f)
		}
	}
	if f := findingAt(rv, fupan.CodeStatusUnknown, "跟踪", "C7"); f == nil {
		t.Errorf("no status-unknown at 跟踪!C7 for 已于10月20日完成 as of 10/8: %v", rv.Findings)
	}
}

// The same for an actual written as an Excel date after the review's day.
func TestMilestoneActualDateCellToCome(t *testing.T) {
	b := samples.PerSheet(samples.SeedSimplifiedCopy())
	var found bool
	for _, sh := range b.Sheets {
		for _, row := range sh.Rows {
			if len(row) > 2 && row[0] == "线上推广方案上线" {
				row[2], found = time.Date(2025, 10, 20, 0, 0, 0, 0, time.UTC), true
			}
		}
	}
	if !found {
		t.Fatal("no tracked task 线上推广方案上线 in the seed")
	}
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", b, reviewDay)
	for _, tr := range rv.Tracking {
		if tr.Task == "线上推广方案上线" && (tr.Done || !tr.Overdue) {
			t.Errorf("actual 2025-10-20 (a date cell) as of 10/8: done %v, overdue %v; want not done, late so far", tr.Done, tr.Overdue)
		}
	}
}

// Milestones done without a day (已完成, 100%, done) are done but not judged
// on or off schedule, a cancelled one is not tracked: page 1's 里程碑按期 and
// "N 个里程碑中 M 个偏差过大" count the same judged milestones and add up
// (the tester saw 1 / 20 beside 20 个中 10 个).
func TestMilestoneCountsAddUp(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Track.Rows = append(r.Track.Rows,
		[]string{"客户分层", "8月31日前完成", "已完成", "", "", "", "赵六"},
		[]string{"渠道评估", "8月31日前完成", "100%", "", "", "", "李四"},
		[]string{"季度回访", "9月15日前完成", "done", "", "", "", "赵六"},
		[]string{"旧渠道投放", "7月31日前完成", "已取消", "", "", "", "李四"},
		[]string{"直播试点", "8月15日前完成", "还没完成", "", "", "", "李四"},
	)
	rv := analyzeOn(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r), reviewDay)
	s, h := rv.Summary, fupan.Headlines(rv)
	// Seed: 线上推广方案上线 on track, 首场地推活动 off; 直播试点 off (late so far).
	if s.Tracked != 6 || s.TrackedDone != 5 || s.Judged() != 3 || s.OnSchedule != 1 || h.OffTrack != 2 || h.Milestones != 3 {
		t.Errorf("tracked %d, done %d, judged %d, on schedule %d, off %d of %d; want 6, 5, 3, 1, 2 of 3",
			s.Tracked, s.TrackedDone, s.Judged(), s.OnSchedule, h.OffTrack, h.Milestones)
	}
	if s.OnSchedule+h.OffTrack != s.Judged() {
		t.Errorf("on schedule %d and off track %d do not add up to the %d judged", s.OnSchedule, h.OffTrack, s.Judged())
	}
	var onSchedule string
	for _, f := range wording.KeyFigures(rv, fupan.Simplified) {
		if f.Key == "tasks.on.schedule" {
			onSchedule = f.Value
		}
	}
	verdict := strings.Join(strings.Fields(wording.Verdict(h, fupan.Simplified)), "")
	if onSchedule != "1 / 3" || !strings.Contains(verdict, "3个里程碑中2个偏差过大") {
		t.Errorf("里程碑按期 %q beside %q; want 1 / 3 beside 3 个里程碑中 2 个偏差过大", onSchedule, verdict)
	}
}
