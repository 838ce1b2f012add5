package fupan_test

import (
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// followTable is table 5 in Simplified with the rows given.
func followTable(rows ...[]string) samples.Table {
	return samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"}, Rows: rows}
}

// lastQuarter are the actions of the previous review (2025Q2), as the
// history holds them.
func lastQuarter() []fupan.ActionRow {
	date := func(m time.Month, day int) fupan.Date { return fupan.Date{Year: 2025, Month: m, Day: day} }
	return []fupan.ActionRow{
		{Item: "优化投放渠道", Measure: "砍掉低效渠道", Owner: "李四", Due: date(8, 31)},  // done by table 5, on time
		{Item: "补充设计人力", Measure: "招聘1名设计", Owner: "王五", Due: date(7, 31)},  // done late
		{Item: "搭建客户分层", Measure: "完成分层模型", Owner: "赵六", Due: date(12, 31)}, // open
		{Item: "梳理报价流程", Measure: "发布新报价流程", Owner: "钱七", Due: date(9, 15)}, // overdue
		{Item: "试点直播带货", Measure: "做3场直播", Owner: "孙八", Due: date(9, 30)},   // dropped, with a reason
		{Item: "更换CRM", Measure: "上线新CRM", Owner: "周九", Due: date(9, 30)},   // dropped, no reason
		{Item: "线上推广方案上线", Measure: "方案上线", Owner: "李四", Due: date(7, 31)},  // done by a tracked task of table 2
		{Item: "建立周报制度", Measure: "每周一发周报", Owner: "吴十", Due: date(9, 30)},  // not mentioned: unknown
	}
}

// TestFollowUpStatuses: each status from a workbook that causes it, the
// findings at their cells, and without a history table 5 alone.
func TestFollowUpStatuses(t *testing.T) {
	r := samples.SeedSimplified()
	r.Follow = followTable(
		[]string{"优化投放渠道", "砍掉低效渠道", "李四", "8/31", "ROI≥1.5", "已完成", "8/28", "ROI 1.8"},
		[]string{"补充设计人力", "招聘1名设计", "王五", "7/31", "到岗", "已完成", "8/15", "8月中到岗"},
		[]string{"搭建客户分层", "完成分层模型", "赵六", "12/31", "模型上线", "进行中", "", ""},
		[]string{"梳理报价流程", "发布新报价流程", "钱七", "9/15", "流程发布", "未开始", "", ""},
		[]string{"试点直播带货", "做3场直播", "孙八", "9/30", "3场", "已取消", "", "平台政策变化，改为线下沙龙"},
		[]string{"更换CRM", "上线新CRM", "周九", "9/30", "上线", "已取消", "", ""},
	)
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	if rv.HasErrors() {
		t.Fatalf("errors: %+v", rv.Findings)
	}
	// Without a history: table 5's six rows, as they say.
	want := []fupan.FollowStatus{fupan.FollowDone, fupan.FollowDoneLate, fupan.FollowOpen, fupan.FollowOverdue, fupan.FollowDropped, fupan.FollowDropped}
	if len(rv.Followup) != len(want) {
		t.Fatalf("%d follow-ups without a history, want %d", len(rv.Followup), len(want))
	}
	for i, w := range want {
		if rv.Followup[i].Status != w {
			t.Errorf("row %d (%s): %s, want %s", i, rv.Followup[i].Action, rv.Followup[i].Status, w)
		}
	}
	// With the history: the previous review's eight actions.
	rv.FollowUpActions(lastQuarter(), "2025Q2")
	want = []fupan.FollowStatus{fupan.FollowDone, fupan.FollowDoneLate, fupan.FollowOpen, fupan.FollowOverdue, fupan.FollowDropped, fupan.FollowDropped, fupan.FollowDone, fupan.FollowUnknown}
	for i, w := range want {
		f := rv.Followup[i]
		if f.Status != w || f.FromPeriod != "2025Q2" {
			t.Errorf("%s: %s from %s, want %s", f.Action, f.Status, f.FromPeriod, w)
		}
	}
	if f := rv.Followup[6]; f.Ref == nil || f.Ref.Sheet != "跟踪" {
		t.Errorf("the action done as a tracked task refers to %+v", f.Ref)
	}
	if rv.Followup[7].Ref != nil {
		t.Error("the unknown action has a ref")
	}
	s := rv.Summary
	if s.FollowupTotal != 6 || s.FollowupDone != 3 || s.FollowupOverdue != 1 {
		t.Errorf("summary: total %d done %d overdue %d, want 6, 3, 1 (dropped left out)", s.FollowupTotal, s.FollowupDone, s.FollowupOverdue)
	}
	for _, f := range []struct {
		code        fupan.Code
		sheet, cell string
	}{
		{fupan.CodeActionNotFollowed, "跟进", "A2"},  // at table 5's header
		{fupan.CodeActionOverdue, "跟进", "A6"},      // at its row
		{fupan.CodeActionDroppedNoWhy, "跟进", "H8"}, // at its 效果 cell
	} {
		if findingAt(rv, f.code, f.sheet, f.cell) == nil {
			t.Errorf("no %s at %s!%s", f.code, f.sheet, f.cell)
		}
	}
	if findingAt(rv, fupan.CodeActionDroppedNoWhy, "跟进", "H7") != nil {
		t.Error("a dropped action with its reason is reported")
	}
	// A second call replaces the findings, never adds to them.
	n := len(rv.Findings)
	rv.FollowUpActions(lastQuarter(), "2025Q2")
	if len(rv.Findings) != n {
		t.Errorf("findings %d after a second call, %d before", len(rv.Findings), n)
	}
}

// A team with no table 5: every previous action not tracked is unknown, and
// the finding stands at table 4's header.
func TestFollowUpWithoutTable5(t *testing.T) {
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(samples.SeedSimplified()))
	if len(rv.Followup) != 0 || rv.Summary.FollowupTotal != 0 {
		t.Fatalf("follow-ups from nothing: %+v", rv.Followup)
	}
	rv.FollowUpActions(lastQuarter(), "2025Q2")
	unknown := 0
	for _, f := range rv.Followup {
		if f.Status == fupan.FollowUnknown {
			unknown++
		}
	}
	if unknown != 7 || findingAt(rv, fupan.CodeActionNotFollowed, "行动", "A2") == nil {
		t.Errorf("%d unknown, findings %+v", unknown, rv.Findings)
	}
}

// Table 5 in a stacked sheet under table 4: its title is never read as an
// action of table 4, and the two tables are told apart.
func TestTable5TitleNotAnAction(t *testing.T) {
	r := samples.SeedSimplified()
	r.Follow = followTable([]string{"优化投放渠道", "砍掉低效渠道", "李四", "8/31", "ROI≥1.5", "已完成", "8/28", "ROI 1.8"})
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.Stacked(r, "复盘", nil))
	if len(rv.Actions) != 3 || len(rv.FollowupRows) != 1 {
		t.Fatalf("%d actions and %d follow-up rows, want 3 and 1", len(rv.Actions), len(rv.FollowupRows))
	}
	for _, a := range rv.Actions {
		if a.Item == "表5:上期行动跟进" {
			t.Error("table 5's title read as an action")
		}
	}
	if hasCode(rv, fupan.CodeTableDuplicate) {
		t.Error("table 5 taken for a second table 4")
	}
}

// An action due after the period's end but before the review's day, not
// done, is overdue as of the review (as its age counts), not 进行中.
func TestFollowupDueAfterPeriodEnd(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Follow = samples.Table{Title: "表5:上期行动跟进",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "验收标准", "状态", "实际完成时间", "效果"},
		Rows:   [][]string{{"清理应收账款", "逐笔对账", "王五", "10/5", "", "进行中", "", ""}}}
	for _, tc := range []struct {
		asOf time.Time
		want fupan.FollowStatus
	}{
		{time.Date(2025, 10, 8, 0, 0, 0, 0, time.UTC), fupan.FollowOverdue},
		{time.Date(2025, 10, 5, 0, 0, 0, 0, time.UTC), fupan.FollowOpen}, // its due day: not yet overdue
		{time.Date(2025, 9, 15, 0, 0, 0, 0, time.UTC), fupan.FollowOpen},
	} {
		rv := fupan.Analyze(grid(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r)), fupan.Options{Now: tc.asOf})
		rv.FollowUpActions([]fupan.ActionRow{{Item: "清理应收账款", Measure: "逐笔对账", Owner: "王五", Due: fupan.Date{Year: 2025, Month: 10, Day: 5}}}, "2025Q2")
		if len(rv.Followup) != 1 || rv.Followup[0].Status != tc.want {
			t.Errorf("as of %s: %+v; want %s", tc.asOf.Format("2006-01-02"), rv.Followup, tc.want)
		}
	}
}
