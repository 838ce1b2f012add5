package fupan_test

import (
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

func quarter(t *testing.T, label string) fupan.Period {
	t.Helper()
	p, err := fupan.ParsePeriod(label)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// The register over three recorded quarters: an action open for two
// periods stays open with its first period and its age; one done late
// and one dropped in a later follow-up are closed; one a later table 4
// sets again stays one action, due as first promised.
func TestRegister(t *testing.T) {
	d := func(y int, m time.Month, day int) fupan.Date { return fupan.Date{Year: y, Month: m, Day: day} }
	mentioned := &fupan.Ref{Sheet: "跟进", Row: 3, Col: 1}
	past := []fupan.Past{
		{Team: "华东大区", Period: quarter(t, "2025Q3"),
			Followups: []fupan.FollowUp{
				{Action: "提升线上推广转化率", FromPeriod: "2025Q2", Status: fupan.FollowOverdue, Ref: mentioned},
				{Action: "梳理报价流程", FromPeriod: "2025Q2", Status: fupan.FollowDoneLate, DoneOn: d(2025, 8, 1), Ref: mentioned},
				{Action: " 试点 直播带货", FromPeriod: "2025Q2", Status: fupan.FollowDropped, Ref: mentioned},
			},
			Actions: []fupan.ActionRow{{Item: "建立周报制度", Owner: "吴十", Due: d(2025, 10, 31)}, {Item: "提升线上推广转化率", Owner: "李四", Due: d(2025, 9, 30)}}},
		{Team: "华东大区", Period: quarter(t, "2025Q2"),
			Actions: []fupan.ActionRow{
				{Item: "提升线上推广转化率", Owner: "李四", Due: d(2025, 6, 30)},
				{Item: "梳理报价流程", Owner: "钱七", Due: d(2025, 6, 15)},
				{Item: "试点直播带货", Owner: "孙八", Due: d(2025, 6, 30)},
			}},
	}
	reg := fupan.Register(past, d(2025, 11, 16))
	if len(reg) != 4 {
		t.Fatalf("%d actions, want 4: %+v", len(reg), reg)
	}
	byName := map[string]fupan.RegisterEntry{}
	for _, e := range reg {
		byName[e.Action] = e
	}
	if e := byName["提升线上推广转化率"]; e.FromPeriod != "2025Q2" || e.Status != fupan.FollowOverdue || e.Age != 139 || e.LastSeen != "2025Q3" ||
		e.Due != d(2025, 6, 30) || e.MovedTo != d(2025, 9, 30) {
		// Its age counts from the due date first promised (2025-06-30), the
		// one 2025Q3's table 4 set kept beside it.
		t.Errorf("the action open since 2025Q2: %+v", e)
	}
	if e := byName["梳理报价流程"]; e.Status != fupan.FollowDoneLate || e.Open() || e.Age != 0 {
		t.Errorf("done late: %+v", e)
	}
	if e := byName["试点直播带货"]; e.Status != fupan.FollowDropped {
		t.Errorf("dropped, named with spaces: %+v", e)
	}
	if e := byName["建立周报制度"]; e.FromPeriod != "2025Q3" || e.Status != fupan.FollowOverdue || e.Age != 16 {
		t.Errorf("2025Q3's own: %+v", e)
	}
	// 2025Q4 follows up the open ones of both periods, oldest first; the
	// closed ones come after, closed in 2025Q3, for table 5 to re-list.
	carried := fupan.Carried(past, 0, quarter(t, "2025Q4"))
	var names []string
	for _, c := range carried {
		names = append(names, c.FromPeriod+" "+c.Item+" "+c.ClosedIn)
	}
	if len(carried) != 4 || carried[0].Item != "提升线上推广转化率" || carried[0].FromPeriod != "2025Q2" || carried[1].Item != "建立周报制度" ||
		carried[0].ClosedIn != "" || carried[1].ClosedIn != "" ||
		carried[2].Item != "梳理报价流程" || carried[2].ClosedIn != "2025Q3" || carried[2].Status != fupan.FollowDoneLate ||
		carried[3].ClosedIn != "2025Q3" || carried[3].Status != fupan.FollowDropped {
		t.Errorf("carried into 2025Q4: %v", names)
	}
}

// A row of table 5 about an older action is matched to it; a row that
// names no action of the register is listed and a followup-unknown-action
// finding at its cell, never left out.
func TestFollowupUnknownAction(t *testing.T) {
	r := samples.SeedSimplified()
	r.Follow = followTable(
		[]string{"提升线上推广转化率", "增加素材", "李四", "6/30", "", "已完成", "8/28", "转化率 5%"},
		[]string{"无中生有的行动", "", "王五", "9/30", "", "进行中", "", ""},
	)
	rv := analyzeBook(t, "华东大区_2025Q4.xlsx", samples.PerSheet(r))
	d := func(m time.Month, day int) fupan.Date { return fupan.Date{Year: 2025, Month: m, Day: day} }
	rv.FollowUpCarried([]fupan.CarriedAction{
		{ActionRow: fupan.ActionRow{Item: "提升线上推广转化率", Owner: "李四", Due: d(6, 30)}, FromPeriod: "2025Q2"},
		{ActionRow: fupan.ActionRow{Item: "建立周报制度", Owner: "吴十", Due: d(9, 30)}, FromPeriod: "2025Q3"},
	})
	if len(rv.Followup) != 3 {
		t.Fatalf("follow-up: %+v", rv.Followup)
	}
	if f := rv.Followup[0]; f.FromPeriod != "2025Q2" || f.Status != fupan.FollowDoneLate {
		t.Errorf("the 2025Q2 action: %+v", f)
	}
	if f := rv.Followup[2]; !f.Unmatched || f.Action != "无中生有的行动" {
		t.Errorf("the stray row: %+v", f)
	}
	found := false
	for _, f := range rv.Findings {
		if f.Code == fupan.CodeFollowupUnknownAction {
			found = true
			if f.Ref.Row != 4 {
				t.Errorf("followup-unknown-action at %v, want the row's cell", f.Ref)
			}
		}
	}
	if !found {
		t.Errorf("no followup-unknown-action: %+v", rv.Findings)
	}
	if s := rv.Summary; s.FollowupTotal != 2 || s.FollowupDone != 1 {
		t.Errorf("counted %d of %d; the stray row counts in neither", s.FollowupDone, s.FollowupTotal)
	}
}

// The period due for hand-in: 2025Q4 once it has ended, due on 5 January;
// 华南区, of 2025Q3's teams, has not handed it in.
func TestSubmissionDue(t *testing.T) {
	id := fupan.Identity{}
	rec := func(team, period string) fupan.Recorded {
		return fupan.Recorded{TeamKey: id.TeamKey(team), Team: team, Period: quarter(t, period)}
	}
	recorded := []fupan.Recorded{rec("华东大区", "2025Q3"), rec("华南区", "2025Q3"), rec("华东大区", "2025Q4")}
	r, deadline, ok := fupan.SubmissionDue(recorded, nil, fupan.Date{Year: 2026, Month: 1, Day: 8}, 5, id)
	if !ok || r.Period != "2025Q4" || deadline != (fupan.Date{Year: 2026, Month: 1, Day: 5}) {
		t.Fatalf("due: %+v %v %v", r, deadline, ok)
	}
	if len(r.Missing) != 1 || r.Missing[0].Team != "华南区" || r.Missing[0].LastPeriod != "2025Q3" {
		t.Errorf("missing: %+v", r.Missing)
	}
	// In the middle of 2026Q1 nothing newer is due: still 2025Q4.
	if r, _, _ := fupan.SubmissionDue(recorded, nil, fupan.Date{Year: 2026, Month: 2, Day: 20}, 5, id); r.Period != "2025Q4" {
		t.Errorf("in February: %s due", r.Period)
	}
	// After 2026Q1 has ended, it is due, and every team is missing: 华南区,
	// which missed 2025Q4, still.
	if r, _, _ := fupan.SubmissionDue(recorded, nil, fupan.Date{Year: 2026, Month: 4, Day: 2}, 5, id); r.Period != "2026Q1" || len(r.Missing) != 2 || r.Missing[0].Team != "华东大区" || r.Missing[1].Team != "华南区" {
		t.Errorf("in April: %+v", r)
	}
}

// A task of table 1 that ends before the period starts (carried by next,
// not re-planned) is an info finding at its 起止时间; one that ends in the
// period is not.
func TestPlanBeforePeriod(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Plan.Rows[0][3] = "2025.5.1-2025.6.30"
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	f := findingAt(rv, fupan.CodePlanBeforePeriod, "计划", "D3")
	if f == nil || f.Severity != fupan.SevInfo || f.Message() == "" || f.Hint() == "" {
		t.Fatalf("plan-before-period: %+v; findings %v", f, rv.Findings)
	}
	r.Plan.Rows[0][3] = "2025.6.1-2025.7.15"
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	if hasCode(rv, fupan.CodePlanBeforePeriod) {
		t.Errorf("a task ending in the period: %v", rv.Findings)
	}
}

// The company's figures: counts summed, the capped mean weighted by
// metrics; its trend per quarter, oldest first.
func TestCompanyTrend(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	past := []fupan.Past{
		{Team: "甲", Period: quarter(t, "2025Q3"), Summary: fupan.Summary{Metrics: 1, MetricsAchieved: 1, MeanAchievementCapped: f(1), FollowupDone: 1, FollowupTotal: 2}},
		{Team: "乙", Period: quarter(t, "2025Q3"), Summary: fupan.Summary{Metrics: 3, MetricsAchieved: 0, MeanAchievementCapped: f(0.6), FollowupDone: 0, FollowupTotal: 2}},
		{Team: "甲", Period: quarter(t, "2025Q2"), Summary: fupan.Summary{Metrics: 2, MetricsAchieved: 2, MeanAchievementCapped: f(1)}},
		{Team: "甲", Period: quarter(t, "2025Q4"), Summary: fupan.Summary{Metrics: 2}},
	}
	trend := fupan.CompanyTrend(past, quarter(t, "2025Q3").Kind(), quarter(t, "2025Q3"), 8)
	if len(trend) != 2 || trend[0].Period.Label != "2025Q2" || trend[1].Period.Label != "2025Q3" {
		t.Fatalf("trend: %+v", trend)
	}
	c := trend[1]
	if c.Teams != 2 || c.Summary.Metrics != 4 || c.Summary.MetricsAchieved != 1 || c.Summary.FollowupDone != 1 || c.Summary.FollowupTotal != 4 {
		t.Errorf("2025Q3: %+v", c)
	}
	if m := c.Summary.MeanAchievementCapped; m == nil || *m < 0.699 || *m > 0.701 {
		t.Errorf("capped mean %v, want (1×1 + 0.6×3) ÷ 4 = 70%%", m)
	}
}

// A team that missed a period stays expected until it hands in: West-Sales
// handed in 2025Q2, missed 2025Q3, and is still named missing in 2025Q4
// (and due for hand-in then), as long as one of the last RosterPeriods
// periods of the kind holds its review.
func TestRosterKeepsMissingTeam(t *testing.T) {
	id := fupan.Identity{}
	rec := func(team, period string) fupan.Recorded {
		return fupan.Recorded{TeamKey: id.TeamKey(team), Team: team, Period: quarter(t, period)}
	}
	recorded := []fupan.Recorded{rec("East-Sales", "2025Q2"), rec("West-Sales", "2025Q2"), rec("East-Sales", "2025Q3"), rec("East-Sales", "2025Q4")}
	r := fupan.RosterOf(quarter(t, "2025Q4"), nil, recorded, nil, id)
	if r.Expected != 2 || len(r.Missing) != 1 || r.Missing[0].Team != "West-Sales" || r.Missing[0].LastPeriod != "2025Q2" {
		t.Errorf("2025Q4: %+v", r)
	}
	due, _, ok := fupan.SubmissionDue(recorded, nil, fupan.Date{Year: 2026, Month: 1, Day: 8}, 5, id)
	if !ok || due.Period != "2025Q4" || len(due.Missing) != 1 || due.Missing[0].Team != "West-Sales" {
		t.Errorf("due 2025Q4: %+v", due)
	}
	// Seen in one of the four latest recorded quarters: still expected.
	recorded = append(recorded, rec("East-Sales", "2026Q1"))
	if r := fupan.RosterOf(quarter(t, "2026Q2"), nil, recorded, nil, id); r.Expected != 2 || len(r.Missing) != 2 {
		t.Errorf("2026Q2, West-Sales last seen four recorded quarters before: %+v", r)
	}
	// Four recorded quarters without it: no longer expected.
	recorded = append(recorded, rec("East-Sales", "2026Q2"))
	if r := fupan.RosterOf(quarter(t, "2026Q3"), nil, recorded, nil, id); r.Expected != 1 || len(r.Missing) != 1 || r.Missing[0].Team != "East-Sales" {
		t.Errorf("2026Q3, West-Sales last seen five recorded quarters before: %+v", r)
	}
}

// A team that hands in for the first time counts among the teams handed in
// and expected: two reports made, "2 / 2", never "1 / 1" beside them.
func TestRosterCountsANewTeam(t *testing.T) {
	id := fupan.Identity{}
	rec := func(team, period string) fupan.Recorded {
		return fupan.Recorded{TeamKey: id.TeamKey(team), Team: team, Period: quarter(t, period)}
	}
	recorded := []fupan.Recorded{rec("East-Sales", "2025Q2"), rec("West-Sales", "2025Q2")}
	in := map[string]bool{id.TeamKey("East-Sales"): true, id.TeamKey("North-Sales"): true}
	r := fupan.RosterOf(quarter(t, "2025Q3"), nil, recorded, in, id)
	if r.Expected != 3 || r.HandedIn != 2 || len(r.Missing) != 1 || r.Missing[0].Team != "West-Sales" {
		t.Errorf("a new team's first period: %+v; want 2 of 3 handed in, West-Sales missing", r)
	}
	named := fupan.RosterOf(quarter(t, "2025Q3"), []string{"East-Sales", "West-Sales"}, recorded, in, id)
	if named.Expected != 3 || named.HandedIn != 2 {
		t.Errorf("teams: named, and one more handed in: %+v; want 2 of 3", named)
	}
}
