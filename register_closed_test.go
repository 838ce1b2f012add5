package fupan_test

import (
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// An action table 4 itself marks done or cancelled is closed from its own
// period on: the next period carries it only for table 5 to re-list
// (ClosedIn), counts and ages it in no rate, and warns where table 5 says it
// is not done; `fupan next` does not put it into the next table 5.
func TestActionClosedInOwnTable4(t *testing.T) {
	d := func(m time.Month, day int) fupan.Date { return fupan.Date{Year: 2025, Month: m, Day: day} }
	past := []fupan.Past{{Team: "华东", Period: quarter(t, "2025Q2"), Actions: []fupan.ActionRow{
		{Item: "复盘会机制", Owner: "李四", Due: d(5, 31), Status: "已完成", Done: true},
		{Item: "客户满意度调查", Owner: "王五", Due: d(6, 15), Status: "已取消"},
		{Item: "优化定价策略", Owner: "王五", Due: d(8, 15), Status: "进行中"},
	}}}
	carried := fupan.Carried(past, 0, quarter(t, "2025Q3"))
	var got []string
	for _, c := range carried {
		got = append(got, c.Item+"/"+c.ClosedIn)
	}
	if len(carried) != 3 || carried[0].Item != "优化定价策略" || carried[0].ClosedIn != "" ||
		carried[1].Item != "复盘会机制" || carried[1].ClosedIn != "2025Q2" || carried[1].Status != fupan.FollowDone ||
		carried[2].Item != "客户满意度调查" || carried[2].ClosedIn != "2025Q2" || carried[2].Status != fupan.FollowDropped {
		t.Fatalf("carried into 2025Q3: %v, want 优化定价策略 open, the other two closed in 2025Q2", got)
	}

	// 2025Q3's table 5 lists all three; the cancelled one written 进行中.
	r := samples.SeedSimplified()
	r.Follow = followTable(
		[]string{"优化定价策略", "调研竞品价格", "王五", "8.15", "", "已完成", "8.10", ""},
		[]string{"复盘会机制", "每月一次", "李四", "5.31", "", "已完成", "5.30", ""},
		[]string{"客户满意度调查", "发问卷", "王五", "6.15", "", "进行中", "", ""},
	)
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	rv.FollowUpCarried(carried)
	if s := rv.Summary; s.FollowupTotal != 1 || s.FollowupDone != 1 || s.FollowupOverdue != 0 {
		t.Errorf("follow-through %d/%d, %d overdue; want 1/1, none overdue", s.FollowupDone, s.FollowupTotal, s.FollowupOverdue)
	}
	reopened := 0
	for _, f := range rv.Findings {
		switch f.Code {
		case fupan.CodeFollowupClosedReopened:
			reopened++
		case fupan.CodeActionOverdue, fupan.CodeFollowupUnknownAction:
			t.Errorf("finding %s at %v", f.Code, f.Ref)
		}
	}
	if reopened != 1 {
		t.Errorf("%d followup-closed-reopened, want 1 (客户满意度调查 written 进行中)", reopened)
	}

	// A review itself: its next workbook carries the open one only.
	r = samples.SeedSimplified()
	r.Acts = samples.Table{Title: "表4:后续行动计划表",
		Header: []string{"改进项", "具体措施", "责任人", "完成时间", "所需支持", "验收标准", "状态"},
		Rows: [][]string{
			{"复盘会机制", "每月一次", "李四", "7.31", "", "会议纪要", "已完成"},
			{"客户满意度调查", "发问卷", "王五", "8.15", "", "回收100份", "已取消"},
			{"优化定价策略", "调研竞品价格", "王五", "10.15", "", "新价目表", "进行中"},
		}}
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	got = nil
	for _, c := range fupan.PlanNext(rv, "2025Q4").Actions {
		got = append(got, c.Item)
	}
	if len(got) != 1 || got[0] != "优化定价策略" {
		t.Errorf("next workbook's table 5: %v, want [优化定价策略]", got)
	}
}
