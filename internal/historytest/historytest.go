// Package historytest holds every store of the review history to the same
// behaviour: the SQLite file and PostgreSQL run the one suite, so a job
// cannot tell which keeps its history.
package historytest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
)

// Open gives a new, empty history for one test; the suite closes it.
type Open func(t *testing.T) fupan.History

// Run runs the suite against the store open makes.
func Run(t *testing.T, open Open) {
	for _, c := range []struct {
		name string
		fn   func(*testing.T, fupan.History)
	}{
		{"RecordAndList", testRecordAndList},
		{"Replace", testReplace},
		{"LaterModifiedWins", testLaterModifiedWins},
		{"Forget", testForget},
		{"PreviousAndTrends", testPrevious},
		{"Latest", testLatest},
		{"Lessons", testLessons},
		{"Reminders", testReminders},
		{"TwoWritersOnePeriod", testTwoWriters},
		{"SnapshotIsolated", testSnapshot},
		{"TeamKeysAsBytes", testTeamKeysAsBytes},
		{"Served", testServed},
		{"GenerationNeverRepeats", testGenerationNeverRepeats},
		{"Rename", testRename},
		{"LastReview", testLastReview},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := open(t)
			defer func() { _ = h.Close() }()
			c.fn(t, h)
		})
	}
	t.Run("ExportRoundTrip", func(t *testing.T) {
		a, b := open(t), open(t)
		defer func() { _ = a.Close(); _ = b.Close() }()
		testExport(t, a, b)
	})
}

// Everything a history gives up records into another the same: reviews,
// their rows, lessons, reminders.
func testExport(t *testing.T, a, b fupan.History) {
	ctx := context.Background()
	ex, ok := a.(fupan.HistoryExport)
	if !ok {
		t.Fatalf("%T gives up nothing for history copy", a)
	}
	rv := Review("华东销售部", "2025Q2", "a.xlsx", 0.8)
	rv.Followup[0].Ref = &fupan.Ref{Sheet: "后续 行动", Row: 4, Col: 2}
	rv.Followup[0].DoneOn = fupan.Date{Year: 2025, Month: 6, Day: 1}
	if err := a.Record(ctx, Recording(rv, "shanghai", time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	record(t, a, Review("华北销售部", "2025Q3", "x.xlsx", 1.2))
	if err := a.MarkReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due", "2025-10-08"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := ex.EachRecording(ctx, func(r fupan.Recording) error {
		n++
		return b.Record(ctx, r)
	}); err != nil || n != 2 {
		t.Fatalf("exported %d (%v)", n, err)
	}
	reminders, err := ex.Reminders(ctx)
	if err != nil || len(reminders) != 1 {
		t.Fatalf("reminders %+v (%v)", reminders, err)
	}
	for _, m := range reminders {
		if err := b.MarkReminded(ctx, m.Robot, m.TeamKey, m.Item, m.State, m.SentOn); err != nil {
			t.Fatal(err)
		}
	}
	la, lb := listed(t, a, ""), listed(t, b, "")
	same(t, "copied reviews", lb, la)
	ea, _ := a.Reviews(ctx, "")
	eb, _ := b.Reviews(ctx, "")
	for i := range ea {
		if ea[i].SHA256 != eb[i].SHA256 || !ea[i].RecordedAt.Equal(eb[i].RecordedAt) || string(ea[i].Summary) != string(eb[i].Summary) {
			t.Errorf("entry %d: %+v, copied %+v", i, ea[i], eb[i])
		}
	}
	for _, key := range []string{"华东销售部", "华北销售部"} {
		pa, _ := a.Past(ctx, key)
		pb, _ := b.Past(ctx, key)
		if js(t, pa) != js(t, pb) {
			t.Errorf("past of %s:\n%+v\ncopied\n%+v", key, pa, pb)
		}
	}
	ra, ka, _ := a.Latest(ctx)
	rb, kb, _ := b.Latest(ctx)
	if js(t, ra)+fmt.Sprint(ka) != js(t, rb)+fmt.Sprint(kb) {
		t.Errorf("latest:\n%+v\ncopied\n%+v", ra, rb)
	}
	var full [2][]fupan.Recording
	for i, h := range []fupan.History{a, b} {
		if err := h.(fupan.HistoryExport).EachRecording(ctx, func(r fupan.Recording) error {
			full[i] = append(full[i], r)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range full[0] {
		ra, rb := full[0][i], full[1][i]
		if js(t, ra.Review) != js(t, rb.Review) || ra.TeamKey != rb.TeamKey || ra.SHA256 != rb.SHA256 || !ra.RecordedAt.Equal(rb.RecordedAt) ||
			ra.Version != rb.Version || ra.Output != rb.Output || ra.Input != rb.Input || ra.Site != rb.Site || !ra.Modified.Equal(rb.Modified) {
			t.Errorf("review %d:\n%+v\ncopied\n%+v", i, *ra.Review, *rb.Review)
		}
	}
	if got := full[0][0].Review; got.Followup[0].Ref == nil || *got.Followup[0].Ref != *rv.Followup[0].Ref || got.Plan[0].Ref != rv.Plan[0].Ref ||
		*got.Plan[0].Budget != *rv.Plan[0].Budget || len(got.Findings) != 2 || !full[0][0].Modified.Equal(time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("exported as %+v", full[0][0])
	}
	if day, err := b.LastReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due"); err != nil || day != "2025-10-08" {
		t.Errorf("copied reminder %q (%v)", day, err)
	}
}

func ptr(v float64) *float64 { return &v }

// Review is a review of a team's period with one metric at achievement,
// one plan row, one action and one lesson.
func Review(team, period, file string, achievement float64) *fupan.Review {
	status := fupan.StatusAchieved
	if achievement < 1 {
		status = fupan.StatusMissed
	}
	return &fupan.Review{
		File: file,
		Meta: fupan.Meta{Team: team, Period: period, Lang: fupan.Simplified},
		Plan: []fupan.PlanRow{{Ref: fupan.Ref{Sheet: "执行计划表", Row: 3, Col: 1}, Goal: "提升销售额", Task: "拓展渠道", Owner: "张三",
			Budget: ptr(123456.789012345), End: fupan.Date{Year: 2025, Month: 9, Day: 30}}},
		Tracking: []fupan.TrackingRow{{Ref: fupan.Ref{Sheet: "过程跟踪表", Row: 3, Col: 1}, Task: "拓展渠道", PlanTask: "拓展渠道", Owner: "张三", Done: true}},
		Outcomes: []fupan.OutcomeRow{{Ref: fupan.Ref{Sheet: "结果复盘表", Row: 3, Col: 1}, Metric: "销售额（万元）",
			Target: ptr(100), Actual: ptr(100 * achievement), Achievement: ptr(achievement), Status: status, Cause: "渠道", Lesson: "经验：早备货"}},
		Actions: []fupan.ActionRow{{Ref: fupan.Ref{Sheet: "后续行动表", Row: 3, Col: 1}, Item: "渠道", Measure: "每周拜访", Owner: "李四",
			Due: fupan.Date{Year: 2025, Month: 12, Day: 31}, Status: "进行中"}},
		Followup: []fupan.FollowUp{{Action: "备货", Owner: "王五", Due: fupan.Date{Year: 2025, Month: 6, Day: 30}, FromPeriod: "2025Q1", Status: fupan.FollowOpen}},
		Summary:  fupan.Summary{Metrics: 1, MetricsAchieved: map[bool]int{true: 1}[achievement >= 1], MeanAchievement: ptr(achievement), Warnings: 1},
		Findings: []fupan.Finding{{Code: "metric-missed", Severity: fupan.SevWarning}, {Code: "metric-missed", Severity: fupan.SevWarning}},
	}
}

var id = fupan.Identity{}

// Recording is the recording of rv as a run at site makes it.
func Recording(rv *fupan.Review, site string, modified time.Time) fupan.Recording {
	return fupan.Recording{Review: rv, TeamKey: id.TeamKey(rv.Meta.Team), SHA256: strings.Repeat("a", 64), MetricKey: id.MetricKey,
		RecordedAt: time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC), Version: "test", Output: "/out/" + site, Input: "/in/" + site + "/" + rv.File,
		Site: site, Modified: modified}
}

func record(t *testing.T, h fupan.History, rv *fupan.Review) {
	t.Helper()
	if err := h.Record(context.Background(), Recording(rv, "hq", time.Time{})); err != nil {
		t.Fatal(err)
	}
}

func listed(t *testing.T, h fupan.History, teamKey string) []string {
	t.Helper()
	list, err := h.Reviews(context.Background(), teamKey)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		s, err := e.Figures()
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %s %s %s..%s %s %.12g", e.Team, e.Period, e.File, e.Start, e.End, e.Site, *s.MeanAchievement))
	}
	return got
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func testRecordAndList(t *testing.T, h fupan.History) {
	record(t, h, Review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	record(t, h, Review("华东销售部", "2025Q3", "b.xlsx", 0.912345678901234))
	record(t, h, Review("华北销售部", "2025-09", "d.xlsx", 1))
	same(t, "reviews", listed(t, h, ""), []string{
		"华东销售部 2025Q2 a.xlsx 2025-04-01..2025-06-30 hq 0.8",
		"华东销售部 2025Q3 b.xlsx 2025-07-01..2025-09-30 hq 0.912345678901",
		"华北销售部 2025-09 d.xlsx 2025-09-01..2025-09-30 hq 1",
	})
	same(t, "one team's", listed(t, h, "华北销售部"), []string{"华北销售部 2025-09 d.xlsx 2025-09-01..2025-09-30 hq 1"})
	var n int
	if err := h.EachReview(context.Background(), "", func(e fupan.HistoryEntry) error {
		n++
		if e.RecordedAt.IsZero() || e.SHA256 == "" || e.TeamKey == "" {
			return fmt.Errorf("entry without its record: %+v", e)
		}
		return nil
	}); err != nil || n != 3 {
		t.Fatalf("EachReview: %d entries (%v)", n, err)
	}
	if h.Path() == "" {
		t.Error("a history without a name")
	}
}

func testReplace(t *testing.T, h fupan.History) {
	ctx := context.Background()
	old := Recording(Review("华东销售部", "2025Q3", "b.xlsx", 0.9), "shanghai", time.Time{})
	if _, found, err := h.RecordOver(ctx, old); err != nil || found {
		t.Fatalf("first recording: found %v (%v)", found, err)
	}
	replaced, found, err := h.RecordOver(ctx, Recording(Review("华东销售部", "2025Q3", "c.xlsx", 1.1), "beijing", time.Time{}))
	if err != nil || !found || replaced.File != "b.xlsx" || replaced.Site != "shanghai" || replaced.Output != "/out/shanghai" || replaced.Input != "/in/shanghai/b.xlsx" {
		t.Fatalf("replaced %+v, found %v (%v)", replaced, found, err)
	}
	same(t, "after replacing", listed(t, h, ""), []string{"华东销售部 2025Q3 c.xlsx 2025-07-01..2025-09-30 beijing 1.1"})
	past, err := h.Past(ctx, "华东销售部")
	if err != nil || len(past) != 1 || len(past[0].Metrics) != 1 || len(past[0].Actions) != 1 {
		t.Fatalf("the replaced review's rows stay: %+v (%v)", past, err)
	}
}

func testLaterModifiedWins(t *testing.T, h fupan.History) {
	ctx := context.Background()
	t0 := time.Date(2025, 10, 1, 8, 0, 0, 123456789, time.UTC)
	newer := Recording(Review("华东销售部", "2025Q3", "new.xlsx", 1.1), "beijing", t0.Add(time.Hour))
	older := Recording(Review("华东销售部", "2025Q3", "old.xlsx", 0.7), "shanghai", t0)
	if err := h.Record(ctx, newer); err != nil {
		t.Fatal(err)
	}
	held, found, err := h.RecordOver(ctx, older)
	if !errors.Is(err, fupan.ErrHistoryHeldNewer) || !found || held.File != "new.xlsx" || held.Site != "beijing" {
		t.Fatalf("an older workbook recorded after a newer one: held %+v found %v, err %v; want ErrHistoryHeldNewer", held, found, err)
	}
	same(t, "kept", listed(t, h, ""), []string{"华东销售部 2025Q3 new.xlsx 2025-07-01..2025-09-30 beijing 1.1"})
	// --force and a recording without a time replace it.
	older.Force = true
	if err := h.Record(ctx, older); err != nil {
		t.Fatal(err)
	}
	same(t, "forced", listed(t, h, ""), []string{"华东销售部 2025Q3 old.xlsx 2025-07-01..2025-09-30 shanghai 0.7"})
	// The same time: the later recording wins (a re-run).
	again := Recording(Review("华东销售部", "2025Q3", "again.xlsx", 0.75), "shanghai", t0)
	if err := h.Record(ctx, again); err != nil {
		t.Fatal(err)
	}
	same(t, "same time", listed(t, h, ""), []string{"华东销售部 2025Q3 again.xlsx 2025-07-01..2025-09-30 shanghai 0.75"})
}

func testForget(t *testing.T, h fupan.History) {
	ctx := context.Background()
	record(t, h, Review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	record(t, h, Review("华东销售部", "2025Q3", "b.xlsx", 0.9))
	if ok, err := h.Forget(ctx, "华东销售部", "2025Q2"); err != nil || !ok {
		t.Fatalf("forget: %v %v", ok, err)
	}
	if ok, err := h.Forget(ctx, "华东销售部", "2025Q2"); err != nil || ok {
		t.Fatalf("forget again: %v %v, want false", ok, err)
	}
	same(t, "after forgetting", listed(t, h, ""), []string{"华东销售部 2025Q3 b.xlsx 2025-07-01..2025-09-30 hq 0.9"})
	if lessons, err := h.Lessons(ctx); err != nil || len(lessons) != 1 {
		t.Fatalf("the forgotten review's lessons stay: %d (%v)", len(lessons), err)
	}
}

func testPrevious(t *testing.T, h fupan.History) {
	ctx := context.Background()
	record(t, h, Review("华东销售部", "2025Q3", "c.xlsx", 1.05))
	record(t, h, Review("华东销售部", "2025Q1", "a.xlsx", 0.5))
	record(t, h, Review("华东销售部", "2025Q2", "b.xlsx", 0.75))
	record(t, h, Review("华北销售部", "2025Q2", "x.xlsx", 0.1))
	past, err := h.Past(ctx, "华东销售部")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range past {
		got = append(got, fmt.Sprintf("%s %s..%s %s %g %s %d", p.Period.Label, p.Period.Start, p.Period.End, p.Metrics[0].Key, *p.Metrics[0].Achievement, p.Metrics[0].Status, len(p.Actions)))
	}
	same(t, "past, oldest first", got, []string{
		"2025Q1 2025-01-01..2025-03-31 销售额(万元) 0.5 missed 1",
		"2025Q2 2025-04-01..2025-06-30 销售额(万元) 0.75 missed 1",
		"2025Q3 2025-07-01..2025-09-30 销售额(万元) 1.05 achieved 1",
	})
	// Trends: Compare finds the previous period and the metric's run.
	rv := Review("华东销售部", "2025Q4", "d.xlsx", 1.2)
	c := fupan.Compare(rv, past, id)
	if c == nil || c.Previous == nil || c.Previous.Period != "2025Q3" {
		t.Fatalf("compared: %+v", c)
	}
	if a := past[len(past)-1].Actions[0]; a.Item != "渠道" || a.Owner != "李四" || a.Due.String() != "2025-12-31" || a.Status != "进行中" {
		t.Errorf("action as read: %+v", a)
	}
	if none, err := h.Past(ctx, "nobody"); err != nil || len(none) != 0 {
		t.Errorf("a team never recorded: %v (%v)", none, err)
	}
}

func testLatest(t *testing.T, h fupan.History) {
	record(t, h, Review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	// remind and next name the reviewer: both stores read it back.
	q3 := Review("华东销售部", "2025Q3", "b.xlsx", 0.9)
	q3.Meta.Reviewer = "周八"
	record(t, h, q3)
	record(t, h, Review("华北销售部", "2025Q2", "x.xlsx", 1))
	latest, keys, err := h.Latest(context.Background())
	if err != nil || len(latest) != 2 || strings.Join(keys, ",") != "华东销售部,华北销售部" {
		t.Fatalf("latest: %v %v (%v)", latest, keys, err)
	}
	rv := latest[0]
	if rv.Meta.Period != "2025Q3" || rv.File != "b.xlsx" || rv.Meta.Reviewer != "周八" || rv.Meta.Lang != fupan.Simplified || len(rv.Plan) != 1 || rv.Plan[0].End.String() != "2025-09-30" || len(rv.Tracking) != 1 || !rv.Tracking[0].Done ||
		len(rv.Actions) != 1 || rv.Actions[0].Due.String() != "2025-12-31" || len(rv.Followup) != 1 || rv.Followup[0].Status != fupan.FollowOpen {
		t.Fatalf("latest review's rows: %+v", rv)
	}
}

func testLessons(t *testing.T, h fupan.History) {
	record(t, h, Review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	record(t, h, Review("华北销售部", "2025Q3", "x.xlsx", 1))
	noLesson := Review("华南销售部", "2025Q3", "y.xlsx", 1)
	noLesson.Outcomes[0].Lesson = "  "
	record(t, h, noLesson)
	lessons, err := h.Lessons(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lessons {
		got = append(got, fmt.Sprintf("%s %s %s %s %s %g", l.Team, l.Period, l.End, l.Metric, l.Text, *l.Achievement))
	}
	same(t, "lessons, newest first", got, []string{
		"华北销售部 2025Q3 2025-09-30 销售额（万元） 经验：早备货 1",
		"华东销售部 2025Q2 2025-06-30 销售额（万元） 经验：早备货 0.8",
	})
}

func testReminders(t *testing.T, h fupan.History) {
	ctx := context.Background()
	if day, err := h.LastReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due"); err != nil || day != "" {
		t.Fatalf("never reminded: %q (%v)", day, err)
	}
	for _, day := range []string{"2025-10-07", "2025-10-08"} {
		if err := h.MarkReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due", day); err != nil {
			t.Fatal(err)
		}
	}
	if day, err := h.LastReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due"); err != nil || day != "2025-10-08" {
		t.Fatalf("reminded on %q (%v)", day, err)
	}
	if day, _ := h.LastReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "overdue"); day != "" {
		t.Fatalf("another state reads %q", day)
	}
	if err := h.ForgetReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due"); err != nil {
		t.Fatal(err)
	}
	if day, err := h.LastReminded(ctx, "wecom-1", "华东销售部", "action:渠道", "due"); err != nil || day != "" {
		t.Fatalf("after forgetting: %q (%v)", day, err)
	}
}

// Two sites record the same team's period at once, many times over: each
// recording is whole, and the later-modified workbook is the one kept,
// whichever commits last.
func testTwoWriters(t *testing.T, h fupan.History) {
	ctx := context.Background()
	t0 := time.Date(2025, 10, 1, 8, 0, 0, 0, time.UTC)
	for round := range 10 {
		period := fmt.Sprintf("2025-%02d", round+1)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for w, site := range []string{"beijing", "shanghai"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rv := Review("华东销售部", period, site+".xlsx", 0.5+float64(w))
				// Beijing's workbook is newer in even rounds.
				mod := t0.Add(time.Duration((w+round)%2) * time.Minute)
				_, _, errs[w] = h.RecordOver(ctx, Recording(rv, site, mod))
			}()
		}
		wg.Wait()
		want := []string{"beijing", "shanghai"}[(round+1)%2]
		for w, err := range errs {
			if err != nil && !errors.Is(err, fupan.ErrHistoryHeldNewer) {
				t.Fatalf("round %d writer %d: %v", round, w, err)
			}
		}
		list, err := h.Reviews(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != round+1 {
			t.Fatalf("round %d: %d reviews", round, len(list))
		}
		e := list[round]
		if e.Period != period || e.Site != want || e.File != want+".xlsx" {
			t.Fatalf("round %d: the history keeps %s of %s (%s), want %s's, modified later", round, e.File, e.Period, e.Site, want)
		}
		past, err := h.Past(ctx, "华东销售部")
		if err != nil || len(past[round].Metrics) != 1 || len(past[round].Actions) != 1 {
			t.Fatalf("round %d: rows of the kept review %+v (%v)", round, past, err)
		}
	}
}

// A snapshot sees the history as it stood when it was taken.
func testSnapshot(t *testing.T, h fupan.History) {
	ctx := context.Background()
	record(t, h, Review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	snap, err := h.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = snap.Close() }()
	if _, found, err := snap.Holder(ctx, "华东销售部", "2025Q2"); err != nil || !found {
		t.Fatalf("holder before: %v (%v)", found, err)
	}
	record(t, h, Review("华东销售部", "2025Q3", "b.xlsx", 0.9))
	if _, err := h.Forget(ctx, "华东销售部", "2025Q2"); err != nil {
		t.Fatal(err)
	}
	past, err := snap.Past(ctx, "华东销售部")
	if err != nil || len(past) != 1 || past[0].Period.Label != "2025Q2" {
		t.Fatalf("the snapshot sees a later write: %+v (%v)", past, err)
	}
	holder, found, err := snap.Holder(ctx, "华东销售部", "2025Q2")
	if err != nil || !found || holder.File != "a.xlsx" || holder.Site != "hq" {
		t.Fatalf("holder in the snapshot: %+v %v (%v)", holder, found, err)
	}
	if _, found, _ := snap.Holder(ctx, "华东销售部", "2025Q3"); found {
		t.Fatal("the snapshot sees a review recorded after it")
	}
	if now, err := h.Past(ctx, "华东销售部"); err != nil || len(now) != 1 || now[0].Period.Label != "2025Q3" {
		t.Fatalf("the history now: %+v (%v)", now, err)
	}
}

// Team keys are compared as bytes: two spellings that a collation would
// fold stay two teams, and the listing's order is the bytes'.
func testTeamKeysAsBytes(t *testing.T, h fupan.History) {
	ctx := context.Background()
	// Keys as an Identity with its own folding might leave them.
	for _, key := range []string{"b-team", "B-team", "a-team", "é-team", "e\u0301-team"} {
		r := Recording(Review(key, "2025Q3", key+".xlsx", 1), "hq", time.Time{})
		r.TeamKey = key
		if err := h.Record(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	if err := h.EachReview(ctx, "", func(e fupan.HistoryEntry) error {
		got = append(got, e.TeamKey)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	same(t, "teams in byte order", got, []string{"B-team", "a-team", "b-team", "e\u0301-team", "é-team"})
	if past, err := h.Past(ctx, "é-team"); err != nil || len(past) != 1 || past[0].File != "é-team.xlsx" {
		t.Fatalf("é-team: %+v (%v)", past, err)
	}
}

// js is v as JSON, pointers followed.
func js(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
