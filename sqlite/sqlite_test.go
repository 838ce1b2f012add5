package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/sqlite"
)

func ptr(v float64) *float64 { return &v }

// review is a small review of one team and period with one metric.
func review(team, period, file string, achievement float64) *fupan.Review {
	status := fupan.StatusAchieved
	if achievement < 1 {
		status = fupan.StatusMissed
	}
	return &fupan.Review{
		File: file,
		Meta: fupan.Meta{Team: team, Period: period, Lang: fupan.Simplified},
		Plan: []fupan.PlanRow{{Ref: fupan.Ref{Sheet: "执行计划表", Row: 3, Col: 1}, Goal: "提升销售额", Task: "拓展渠道", Owner: "张三", Budget: ptr(12)}},
		Outcomes: []fupan.OutcomeRow{{Ref: fupan.Ref{Sheet: "结果复盘表", Row: 3, Col: 1}, Metric: "销售额（万元）",
			Target: ptr(100), Actual: ptr(100 * achievement), Achievement: ptr(achievement), Status: status, Cause: "渠道", Lesson: "经验：早备货"}},
		Actions:  []fupan.ActionRow{{Ref: fupan.Ref{Sheet: "后续行动表", Row: 3, Col: 1}, Item: "渠道", Owner: "李四", Due: fupan.Date{Year: 2025, Month: 12, Day: 31}}},
		Summary:  fupan.Summary{Metrics: 1, MetricsAchieved: map[bool]int{true: 1}[achievement >= 1], MeanAchievement: ptr(achievement), Warnings: 1},
		Findings: []fupan.Finding{{Code: "metric-missed", Severity: fupan.SevWarning}},
	}
}

func open(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func record(t *testing.T, db *sqlite.DB, rv *fupan.Review) {
	t.Helper()
	id := fupan.Identity{}
	err := db.Record(context.Background(), sqlite.Recording{Review: rv, TeamKey: id.TeamKey(rv.Meta.Team), SHA256: strings.Repeat("a", 64),
		MetricKey: id.MetricKey, RecordedAt: time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC), Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecordReplacesAndLists(t *testing.T) {
	ctx := context.Background()
	db := open(t, filepath.Join(t.TempDir(), "h.sqlite"))
	record(t, db, review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	record(t, db, review("华东销售部", "2025Q3", "b.xlsx", 0.9))
	record(t, db, review("华东销售部", "2025Q3", "c.xlsx", 1.1)) // a corrected workbook
	record(t, db, review("华北销售部", "2025Q3", "d.xlsx", 1))
	list, err := db.Reviews(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Team+" "+e.Period+" "+e.File+" "+e.Start.String()+".."+e.End.String())
	}
	want := []string{"华东销售部 2025Q2 a.xlsx 2025-04-01..2025-06-30", "华东销售部 2025Q3 c.xlsx 2025-07-01..2025-09-30", "华北销售部 2025Q3 d.xlsx 2025-07-01..2025-09-30"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("reviews:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s, err := list[1].Figures(); err != nil || s.MetricsAchieved != 1 || *s.MeanAchievement != 1.1 {
		t.Errorf("summary of the replacing review: %+v (%v)", s, err)
	}
	// The replaced review's rows went with it.
	var n int
	raw := rawDB(t, db.Path())
	if err := raw.QueryRow("SELECT count(*) FROM outcome_rows").Scan(&n); err != nil || n != 3 {
		t.Errorf("outcome rows: %d (%v), want 3", n, err)
	}
	ok, err := db.Forget(ctx, "华东销售部", "2025Q2")
	if err != nil || !ok {
		t.Fatalf("forget: %v %v", ok, err)
	}
	if ok, _ := db.Forget(ctx, "华东销售部", "2025Q2"); ok {
		t.Error("forgot a review twice")
	}
	if err := raw.QueryRow("SELECT count(*) FROM plan_rows").Scan(&n); err != nil || n != 2 {
		t.Errorf("plan rows after forget: %d (%v), want 2", n, err)
	}
}

// A snapshot does not see what is recorded after it was taken.
func TestSnapshotIsolation(t *testing.T) {
	ctx := context.Background()
	db := open(t, filepath.Join(t.TempDir(), "h.sqlite"))
	record(t, db, review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	snap, err := db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	record(t, db, review("华东销售部", "2025Q3", "b.xlsx", 0.9))
	record(t, db, review("华东销售部", "2025Q2", "a2.xlsx", 0.7))
	past, err := snap.Past(ctx, "华东销售部")
	if err != nil {
		t.Fatal(err)
	}
	if len(past) != 1 || past[0].File != "a.xlsx" || *past[0].Metrics[0].Achievement != 0.8 || past[0].Metrics[0].Key != "销售额(万元)" {
		t.Fatalf("snapshot sees %+v", past)
	}
	if err := snap.Close(); err != nil {
		t.Fatal(err)
	}
	snap, err = db.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = snap.Close() }()
	past, _ = snap.Past(ctx, "华东销售部")
	if len(past) != 2 || past[0].File != "a2.xlsx" || past[1].Period.Label != "2025Q3" {
		t.Fatalf("new snapshot sees %+v", past)
	}
}

func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := open(t, filepath.Join(dir, "h.sqlite"))
	record(t, db, review("华东销售部", "2025Q2", "a.xlsx", 0.8))
	// A second process's worth of writing: another handle, left open, with
	// its last write still in the -wal file.
	other := open(t, filepath.Join(dir, "h.sqlite"))
	record(t, other, review("华东销售部", "2025Q3", "b.xlsx", 0.9))
	if err := db.Backup(ctx, filepath.Join(dir, "copy.sqlite"), sqlite.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	cp := open(t, filepath.Join(dir, "copy.sqlite"))
	list, err := cp.Reviews(ctx, "")
	if err != nil || len(list) != 2 {
		t.Fatalf("backup holds %d reviews (%v), want 2", len(list), err)
	}
	if res, err := cp.Check(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity of the backup: %q %v", res, err)
	}
	// A backup over an old one replaces it.
	record(t, db, review("华北销售部", "2025Q3", "c.xlsx", 1))
	if err := db.Backup(ctx, filepath.Join(dir, "copy.sqlite"), sqlite.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	cp2 := open(t, filepath.Join(dir, "copy.sqlite"))
	if list, _ := cp2.Reviews(ctx, ""); len(list) != 3 {
		t.Fatalf("second backup holds %d reviews, want 3", len(list))
	}
	if names, _ := filepath.Glob(filepath.Join(dir, ".*tmp")); len(names) > 0 {
		t.Errorf("temporary files left: %v", names)
	}
}

// What cannot be used as a history is an *Error naming the file and saying why.
func TestOpenRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.sqlite")
	db := open(t, newer)
	raw := rawDB(t, newer)
	if _, err := raw.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	damaged := filepath.Join(dir, "damaged.sqlite")
	if err := os.WriteFile(damaged, []byte(strings.Repeat("not a database, a workbook maybe\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign.sqlite")
	fr := rawDB(t, foreign)
	if _, err := fr.Exec("CREATE TABLE notes (x)"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want error
	}{
		{newer, sqlite.ErrNewerSchema},
		{damaged, sqlite.ErrDamaged},
		{foreign, sqlite.ErrDamaged},
	} {
		_, err := sqlite.Open(ctx, tc.path, sqlite.Options{})
		var he *sqlite.Error
		if !errors.Is(err, tc.want) || !errors.As(err, &he) || he.Path != tc.path || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("Open(%s) = %v, want %v naming the file", filepath.Base(tc.path), err, tc.want)
		}
	}
	// A folder named as the history says so.
	if _, err := sqlite.Open(ctx, dir, sqlite.Options{}); err == nil || !strings.Contains(err.Error(), "it is a folder") {
		t.Errorf("Open(a folder) = %v", err)
	}
	// Read-only opening of a history that is not there does not create it.
	missing := filepath.Join(dir, "missing.sqlite")
	if _, err := sqlite.Open(ctx, missing, sqlite.Options{ReadOnly: true}); err == nil {
		t.Error("a missing history opened read-only")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("opening read-only created the file")
	}
}

// BenchmarkRecord is recording one seed-sized review (3 rows in each
// table), replacing the one before: a re-run's worst case.
func BenchmarkRecord(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "h.sqlite"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	rv := review("华东销售部", "2025Q3", "a.xlsx", 0.9)
	for i := 0; i < 2; i++ {
		rv.Plan = append(rv.Plan, rv.Plan[0])
		rv.Outcomes = append(rv.Outcomes, rv.Outcomes[0])
		rv.Actions = append(rv.Actions, rv.Actions[0])
	}
	rv.Tracking = make([]fupan.TrackingRow, 3)
	id := fupan.Identity{}
	for b.Loop() {
		if err := db.Record(ctx, sqlite.Recording{Review: rv, TeamKey: "华东销售部", MetricKey: id.MetricKey}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPast is looking up a team's 12 recorded quarters in a snapshot.
func BenchmarkPast(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "h.sqlite"), sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	id := fupan.Identity{}
	for q := 0; q < 12; q++ {
		rv := review("华东销售部", fmt.Sprintf("%dQ%d", 2023+q/4, q%4+1), "a.xlsx", 0.9)
		if err := db.Record(ctx, sqlite.Recording{Review: rv, TeamKey: "华东销售部", MetricKey: id.MetricKey}); err != nil {
			b.Fatal(err)
		}
	}
	snap, err := db.Snapshot(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = snap.Close() }()
	for b.Loop() {
		if past, err := snap.Past(ctx, "华东销售部"); err != nil || len(past) != 12 {
			b.Fatal(len(past), err)
		}
	}
}
