package fupan_test

import (
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// The register as the history gives it back (it keeps no Unmatched): a row
// of table 5 of no period is an action of origin unknown only in the team's
// first recorded review; in a later one it is no action of the register,
// and one naming a closed action leaves it closed, once.
func TestRegisterLeavesOutUnknownRows(t *testing.T) {
	d := func(m time.Month, day int) fupan.Date { return fupan.Date{Year: 2025, Month: m, Day: day} }
	at := &fupan.Ref{}
	past := []fupan.Past{
		{Team: "华东", Period: quarter(t, "2025Q1"),
			Followups: []fupan.FollowUp{{Action: "上期遗留行动", Due: d(3, 31), Status: fupan.FollowOverdue, Ref: at}},
			Actions:   []fupan.ActionRow{{Item: "降低获客成本", Owner: "王五", Due: d(4, 30)}}},
		{Team: "华东", Period: quarter(t, "2025Q2"),
			Followups: []fupan.FollowUp{
				{Action: "降低获客成本", FromPeriod: "2025Q1", Due: d(4, 30), Status: fupan.FollowDone, DoneOn: d(4, 25), Ref: at},
				{Action: "上期遗留行动", Due: d(3, 31), Status: fupan.FollowOverdue, Ref: at},
			}},
		{Team: "华东", Period: quarter(t, "2025Q3"),
			Followups: []fupan.FollowUp{
				{Action: "降低获客成本", Due: d(4, 30), Status: fupan.FollowOverdue, Ref: at},                 // re-listed, closed
				{Action: "建立客户投诉机制", Due: d(9, 1), Status: fupan.FollowDone, DoneOn: d(8, 30), Ref: at}, // no table 4 set it
			}},
	}
	reg := fupan.Register(past, d(10, 8))
	byName := map[string][]fupan.RegisterEntry{}
	for _, e := range reg {
		byName[e.Action] = append(byName[e.Action], e)
	}
	if len(reg) != 2 {
		t.Errorf("%d actions, want 2: %+v", len(reg), reg)
	}
	if es := byName["上期遗留行动"]; len(es) != 1 || es[0].FromPeriod != "" || !es[0].Open() {
		t.Errorf("the first review's action of a period not held: %+v", es)
	}
	if es := byName["降低获客成本"]; len(es) != 1 || es[0].Status != fupan.FollowDone || es[0].LastSeen != "2025Q3" {
		t.Errorf("the closed action re-listed: %+v, want one, done, last seen 2025Q3", es)
	}
	if es := byName["建立客户投诉机制"]; len(es) != 0 {
		t.Errorf("a later row of no table 4 is in the register: %+v", es)
	}
}

// A re-listed closed action (a CarriedAction with ClosedIn) is matched by
// name, stays as the register closed it, counts in no rate and raises no
// followup-unknown-action; written not done, a followup-closed-reopened
// warning at its status cell. Not re-listed, it is not listed at all.
func TestRelistedClosedAction(t *testing.T) {
	d := func(m time.Month, day int) fupan.Date { return fupan.Date{Year: 2025, Month: m, Day: day} }
	carried := []fupan.CarriedAction{
		{ActionRow: fupan.ActionRow{Item: "优化定价策略", Owner: "王五", Due: d(8, 15)}, FromPeriod: "2025Q2"},
		{ActionRow: fupan.ActionRow{Item: "降低获客成本", Owner: "王五", Due: d(4, 30)}, FromPeriod: "2025Q1",
			ClosedIn: "2025Q2", Status: fupan.FollowDone, DoneOn: d(4, 25), Effect: "获客成本降到75%"},
		{ActionRow: fupan.ActionRow{Item: "建立周报机制", Owner: "李四", Due: d(4, 15)}, FromPeriod: "2025Q1",
			ClosedIn: "2025Q2", Status: fupan.FollowDropped, Effect: "改为月会"},
	}
	for _, tc := range []struct {
		status string
		warn   bool
	}{{"已完成", false}, {"进行中", true}} {
		r := samples.SeedSimplified()
		r.Follow = followTable(
			[]string{"优化定价策略", "调研竞品价格", "王五", "8.15", "", "已完成", "9.28", ""},
			[]string{"降低获客成本", "优化投放人群", "王五", "4.30", "", tc.status, "", ""},
		)
		rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
		rv.FollowUpCarried(carried)
		if len(rv.Followup) != 2 {
			t.Fatalf("%s: follow-up %+v, want the two rows of table 5", tc.status, rv.Followup)
		}
		f := rv.Followup[1]
		if f.ClosedBefore != "2025Q2" || f.Status != fupan.FollowDone || f.DoneOn != d(4, 25) || f.FromPeriod != "2025Q1" || f.Unmatched || f.Counts() {
			t.Errorf("%s: the re-listed closed action: %+v", tc.status, f)
		}
		if s := rv.Summary; s.FollowupTotal != 1 || s.FollowupDone != 1 {
			t.Errorf("%s: follow-through %d/%d, want 1/1", tc.status, s.FollowupDone, s.FollowupTotal)
		}
		if hasCode(rv, fupan.CodeFollowupUnknownAction) {
			t.Errorf("%s: followup-unknown-action for a closed action: %v", tc.status, findingList(rv))
		}
		w := findingAt(rv, fupan.CodeFollowupClosedReopened, "跟进", "F4")
		if (w != nil) != tc.warn {
			t.Errorf("%s: followup-closed-reopened at 跟进!F4 %v, want %v: %v", tc.status, w != nil, tc.warn, findingList(rv))
		}
		if w != nil && w.Message() != "行动“降低获客成本”已在 2025Q2 的复盘中记为已完成，本期表5写“进行中”；仍按此前的结果计，不计入落实率" {
			t.Errorf("followup-closed-reopened says %q", w.Message())
		}
	}
}
