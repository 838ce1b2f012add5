package historytest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
)

// What fupan serve's pages, history rename and next's fallback read: both
// stores answer them the same, so a shared history serves all sites.

func filedLines(list []fupan.Filed) []string {
	var got []string
	for _, f := range list {
		got = append(got, fmt.Sprintf("%s %s %s %s %s %s %d/%d", f.TeamKey, f.Period, f.File, f.Site, f.Output, f.Input, f.Errors, f.Warnings))
	}
	return got
}

func testServed(t *testing.T, h fupan.History) {
	ctx := context.Background()
	gen := func() string {
		t.Helper()
		g, err := h.Generation(ctx)
		if err != nil || g == "" {
			t.Fatalf("generation %q (%v)", g, err)
		}
		return g
	}
	empty := gen()
	for _, r := range []struct{ team, period, file, site string }{
		{"华东销售部", "2025Q1", "q1.xlsx", "shanghai"},
		{"华东销售部", "2025Q3", "q3.xlsx", "shanghai"},
		{"华东销售部", "2025Q2", "q2.xlsx", "shanghai"},
		{"华北销售部", "2025Q2", "bj.xlsx", "beijing"},
	} {
		rv := Review(r.team, r.period, r.file, 0.9)
		if r.period == "2025Q3" {
			rv.Actions = append(rv.Actions, fupan.ActionRow{Item: "已办", Owner: "赵六", Status: "已完成", Done: true},
				fupan.ActionRow{Item: "招人", Owner: "钱七", DueText: "年底前", Status: "未开始"})
		}
		if err := h.Record(ctx, Recording(rv, r.site, time.Time{})); err != nil {
			t.Fatal(err)
		}
	}
	four := gen()
	if four == empty {
		t.Fatal("the generation stayed over four recordings")
	}
	if gen() != four {
		t.Fatal("the generation changed with nothing recorded")
	}
	two, err := h.LatestTwo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	same(t, "latest two of each team, teams as bytes", filedLines(two), []string{
		"华东销售部 2025Q3 q3.xlsx shanghai /out/shanghai /in/shanghai/q3.xlsx 0/1",
		"华东销售部 2025Q2 q2.xlsx shanghai /out/shanghai /in/shanghai/q2.xlsx 0/1",
		"华北销售部 2025Q2 bj.xlsx beijing /out/beijing /in/beijing/bj.xlsx 0/1",
	})
	if s, err := two[0].Figures(); err != nil || *s.MeanAchievement != 0.9 || two[0].End.String() != "2025-09-30" || two[0].RecordedAt.IsZero() {
		t.Fatalf("a filed review's figures: %+v %+v (%v)", two[0], s, err)
	}
	all, err := h.TeamFiled(ctx, "华东销售部")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "a team's periods, oldest first", filedLines(all), []string{
		"华东销售部 2025Q1 q1.xlsx shanghai /out/shanghai /in/shanghai/q1.xlsx 0/1",
		"华东销售部 2025Q2 q2.xlsx shanghai /out/shanghai /in/shanghai/q2.xlsx 0/1",
		"华东销售部 2025Q3 q3.xlsx shanghai /out/shanghai /in/shanghai/q3.xlsx 0/1",
	})
	if none, err := h.TeamFiled(ctx, "无此部门"); err != nil || len(none) != 0 {
		t.Fatalf("a team never recorded: %v (%v)", none, err)
	}
	// What a roster is judged from: every review's team and period, in the
	// order of Reviews.
	recorded, err := h.Recorded(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rolls, entries []string
	for _, r := range recorded {
		rolls = append(rolls, fmt.Sprintf("%s %s %s %s..%s", r.TeamKey, r.Team, r.Period.Label, r.Period.Start, r.Period.End))
	}
	list, err := h.Reviews(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		entries = append(entries, fmt.Sprintf("%s %s %s %s..%s", e.TeamKey, e.Team, e.Period, e.Start, e.End))
	}
	same(t, "recorded, as listed", rolls, entries)
	same(t, "recorded", rolls, []string{
		"华东销售部 华东销售部 2025Q1 2025-01-01..2025-03-31",
		"华东销售部 华东销售部 2025Q2 2025-04-01..2025-06-30",
		"华东销售部 华东销售部 2025Q3 2025-07-01..2025-09-30",
		"华北销售部 华北销售部 2025Q2 2025-04-01..2025-06-30",
	})
	// The team page lists the register's open actions: its due dates as
	// table 4 wrote them come from Past.
	past, err := h.Past(ctx, "华东销售部")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range fupan.Register(past, fupan.Date{Year: 2025, Month: 10, Day: 8}) {
		if e.Open() {
			got = append(got, fmt.Sprintf("%s %s %s %s %s %s", e.Action, e.Owner, e.Due, e.DueText, e.Status, e.FromPeriod))
		}
	}
	same(t, "the register's open actions", got, []string{
		"渠道 李四 2025-12-31  open 2025Q1",
		"招人 钱七  年底前 open 2025Q3",
	})
	if size, err := h.Size(ctx); err != nil || size <= 0 {
		t.Fatalf("size %d (%v)", size, err)
	}
	// A review replaced, and one forgotten: the pages read anew.
	if err := h.Record(ctx, Recording(Review("华北销售部", "2025Q2", "bj2.xlsx", 1), "beijing", time.Time{})); err != nil {
		t.Fatal(err)
	}
	replaced := gen()
	if replaced == four {
		t.Fatal("the generation stayed over a review replaced")
	}
	if ok, err := h.Forget(ctx, "华东销售部", "2025Q1"); err != nil || !ok {
		t.Fatalf("forget: %v (%v)", ok, err)
	}
	if gen() == replaced {
		t.Fatal("the generation stayed over a review forgotten")
	}
}

func testRename(t *testing.T, h fupan.History) {
	ctx := context.Background()
	at := func(team, period, file string, hour int) fupan.Recording {
		r := Recording(Review(team, period, file, 0.9), "hq", time.Time{})
		r.RecordedAt = time.Date(2025, 10, 8, hour, 0, 0, 0, time.UTC)
		return r
	}
	for _, r := range []fupan.Recording{
		at("华东销售部", "2025Q2", "old-q2.xlsx", 9),
		at("华东销售部", "2025Q3", "old-q3.xlsx", 9),
		at("华东销售部", "2025Q4", "old-q4.xlsx", 12),
		at("华东事业部", "2025Q3", "new-q3.xlsx", 10),
		at("华东事业部", "2025Q4", "new-q4.xlsx", 11),
		at("华北销售部", "2025Q3", "bj.xlsx", 9),
	} {
		if err := h.Record(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.MarkReminded(ctx, "wecom", "华东销售部", "渠道", "due", "2025-10-01"); err != nil {
		t.Fatal(err)
	}
	keys, err := h.TeamKeys(ctx)
	if err != nil || len(keys) != 3 || keys["华东事业部"] != "华东事业部" {
		t.Fatalf("team keys %v (%v)", keys, err)
	}
	res, err := h.Rename(ctx, "华东销售部", "华东事业部", "华东事业部")
	if err != nil {
		t.Fatal(err)
	}
	var dropped []string
	for _, d := range res.Dropped {
		dropped = append(dropped, d.Team+" "+d.Period+" "+d.File)
	}
	// Q3: the new name's, recorded later, stays; Q4: the old name's does.
	if res.Moved != 2 || strings.Join(dropped, ",") != "华东销售部 2025Q3 old-q3.xlsx,华东事业部 2025Q4 new-q4.xlsx" {
		t.Fatalf("renamed: moved %d, dropped %v; want 2 moved, old Q3 and new Q4 dropped", res.Moved, dropped)
	}
	same(t, "merged", listed(t, h, "华东事业部"), []string{
		"华东事业部 2025Q2 old-q2.xlsx 2025-04-01..2025-06-30 hq 0.9",
		"华东事业部 2025Q3 new-q3.xlsx 2025-07-01..2025-09-30 hq 0.9",
		"华东事业部 2025Q4 old-q4.xlsx 2025-10-01..2025-12-31 hq 0.9",
	})
	if old := listed(t, h, "华东销售部"); len(old) != 0 {
		t.Fatalf("reviews left under the old name: %v", old)
	}
	if day, err := h.LastReminded(ctx, "wecom", "华东事业部", "渠道", "due"); err != nil || day != "2025-10-01" {
		t.Fatalf("the reminder did not follow: %q (%v)", day, err)
	}
	keys, err = h.TeamKeys(ctx)
	if err != nil || len(keys) != 2 || keys["华北销售部"] != "华北销售部" {
		t.Fatalf("team keys after: %v (%v)", keys, err)
	}
	if res, err := h.Rename(ctx, "华北销售部", "华北销售部", ""); err != nil || res.Moved != 0 {
		t.Fatalf("a rename onto itself: %+v (%v)", res, err)
	}
}

func testLastReview(t *testing.T, h fupan.History) {
	ctx := context.Background()
	if rv, err := h.LastReview(ctx, "华东销售部"); err != nil || rv != nil {
		t.Fatalf("a team never recorded: %+v (%v)", rv, err)
	}
	record(t, h, Review("华东销售部", "2025Q2", "q2.xlsx", 0.8))
	rv := Review("华东销售部", "2025Q3", "q3.xlsx", 0.9)
	rv.Meta.Reviewer = "周八"
	rv.Plan[0].Start, rv.Plan[0].Resources, rv.Plan[0].People, rv.Plan[0].Acceptance = fupan.Date{Year: 2025, Month: 7, Day: 1}, "两台车", ptr(2.5), "签约10家"
	rv.Tracking[0].ActualText = "完成8家"
	rv.Outcomes[0].Unit, rv.Outcomes[0].Direction = "万元", "up"
	record(t, h, rv)
	got, err := h.LastReview(ctx, "华东销售部")
	if err != nil || got == nil {
		t.Fatalf("last review: %v (%v)", got, err)
	}
	p := got.Plan
	if got.Meta.Period != "2025Q3" || got.File != "q3.xlsx" || got.Meta.Reviewer != "周八" || got.Meta.Lang != fupan.Simplified ||
		got.Meta.PeriodStart.String() != "2025-07-01" || got.Meta.PeriodEnd.String() != "2025-09-30" {
		t.Fatalf("last review's meta: %+v %q", got.Meta, got.File)
	}
	if len(p) != 1 || p[0].Goal != "提升销售额" || p[0].Task != "拓展渠道" || p[0].Start.String() != "2025-07-01" || p[0].End.String() != "2025-09-30" ||
		p[0].Resources != "两台车" || p[0].Budget == nil || *p[0].Budget != 123456.789012345 || p[0].People == nil || *p[0].People != 2.5 || p[0].Acceptance != "签约10家" {
		t.Fatalf("the plan in full, its amounts exact: %+v", p)
	}
	if len(got.Tracking) != 1 || got.Tracking[0].ActualText != "完成8家" || !got.Tracking[0].Done {
		t.Fatalf("tracking: %+v", got.Tracking)
	}
	if len(got.Outcomes) != 1 || got.Outcomes[0].Metric != "销售额（万元）" || got.Outcomes[0].Unit != "万元" || got.Outcomes[0].Direction != "up" {
		t.Fatalf("metrics: %+v", got.Outcomes)
	}
	if len(got.Actions) != 1 || got.Actions[0].Item != "渠道" || len(got.Followup) != 1 {
		t.Fatalf("actions and follow-ups: %+v %+v", got.Actions, got.Followup)
	}
}

// A page keeps what it read while the generation stays: no change of the
// history may bring back a generation it had before, or the page shows
// figures of a history that is gone. Forgetting the newest review and
// recording another, a replacement, a rename: each is a new generation.
func testGenerationNeverRepeats(t *testing.T, h fupan.History) {
	ctx := context.Background()
	seen := map[string]string{}
	step := func(what string) {
		t.Helper()
		g, err := h.Generation(ctx)
		if err != nil || g == "" {
			t.Fatalf("generation %q (%v)", g, err)
		}
		if before, ok := seen[g]; ok {
			t.Fatalf("after %s the generation is %q again, as after %s: a page keeps its stale answer", what, g, before)
		}
		seen[g] = what
	}
	step("nothing recorded")
	record(t, h, Review("华东销售部", "2025Q2", "q2.xlsx", 0.8))
	record(t, h, Review("华北销售部", "2025Q2", "bj.xlsx", 0.9))
	step("two recorded")
	if ok, err := h.Forget(ctx, "华北销售部", "2025Q2"); err != nil || !ok {
		t.Fatalf("forget: %v (%v)", ok, err)
	}
	step("the newest forgotten")
	record(t, h, Review("华南销售部", "2025Q2", "gz.xlsx", 1.1))
	step("another recorded in its place")
	record(t, h, Review("华南销售部", "2025Q2", "gz2.xlsx", 1.2))
	step("it replaced")
	if _, err := h.Rename(ctx, "华南销售部", "华南事业部", "华南事业部"); err != nil {
		t.Fatal(err)
	}
	step("a team renamed")
	if ok, err := h.Forget(ctx, "华南事业部", "2025Q2"); err != nil || !ok {
		t.Fatalf("forget: %v (%v)", ok, err)
	}
	step("the renamed forgotten")
	record(t, h, Review("华南事业部", "2025Q2", "gz2.xlsx", 1.2))
	step("recorded again as it was")
	// What changes nothing keeps the generation: the pages read nothing anew.
	g, _ := h.Generation(ctx)
	if ok, err := h.Forget(ctx, "无此部门", "2025Q2"); err != nil || ok {
		t.Fatalf("forgetting what is not there: %v (%v)", ok, err)
	}
	if _, err := h.Rename(ctx, "无此部门", "另一部门", ""); err != nil {
		t.Fatal(err)
	}
	if now, _ := h.Generation(ctx); now != g {
		t.Errorf("the generation moved from %q to %q with nothing changed", g, now)
	}
}
