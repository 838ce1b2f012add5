package batch_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/opencc"
	"github.com/fupan-review/fupan/sqlite"
)

// A history another process holds locked longer than the busy timeout: the
// run writes every report, says the history was not updated, and counts no
// review as done, so the next run records them all.
func TestLockedHistoryIsRecordedNextRun(t *testing.T) {
	ctx := context.Background()
	in, out := t.TempDir(), t.TempDir()
	hist := filepath.Join(t.TempDir(), "history.sqlite")
	for i, src := range []string{"华东销售部_2025Q3.xlsx", "East-China-Sales_2025Q3.xlsx", "华东销售部-单表_2025Q3.xlsx"} {
		copyFile(t, filepath.Join("../samples", src), filepath.Join(in, fmt.Sprintf("团队%d_2025Q3.xlsx", i)))
	}
	db, err := sqlite.Open(ctx, hist, sqlite.Options{BusyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()

	// The other process: a write transaction left open.
	other, err := sql.Open("sqlite", hist)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = other.Close() }()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	sum := run(t, batch.Options{Input: in, Output: out, History: db})
	if sum.OK != 3 || sum.History == nil || sum.History.Updated || sum.History.Recorded != 0 || sum.History.Error == "" || sum.History.Path != hist {
		t.Fatalf("locked history: ok %d, history %+v", sum.OK, sum.History)
	}
	failed := 0
	for _, e := range sum.Entries {
		if e.History == batch.HistoryFailed {
			failed++
		}
		// One waits out the lock; the others are not tried.
		if e.History != batch.HistoryFailed && e.History != batch.HistoryPending || e.Outputs.PDF == "" {
			t.Errorf("%s: history %q, pdf %q", e.File, e.History, e.Outputs.PDF)
		}
	}
	if failed != 1 {
		t.Errorf("%d reviews waited for the lock, want 1", failed)
	}
	if s := readSummary(t, out); s.History == nil || s.History.Updated {
		t.Errorf("summary.json does not say the history was not updated: %+v", s.History)
	}
	_, _ = conn.ExecContext(ctx, "ROLLBACK")
	_ = conn.Close()

	// Unchanged workbooks, but not done: recorded now.
	sum = run(t, batch.Options{Input: in, Output: out, History: db})
	if !sum.History.Updated || sum.History.Recorded != 3 || sum.Skipped != 0 {
		t.Fatalf("the run after: history %+v, skipped %d", sum.History, sum.Skipped)
	}
	// And now done: skipped.
	sum = run(t, batch.Options{Input: in, Output: out, History: db})
	if sum.Skipped != 3 || sum.History.Recorded != 0 {
		t.Fatalf("the third run: skipped %d, history %+v", sum.Skipped, sum.History)
	}
	list, err := db.Reviews(ctx, "")
	if err != nil || len(list) != 3 {
		t.Fatalf("history holds %d reviews (%v), want 3", len(list), err)
	}
}

// Two processes' runs recording into one history at once wait for each
// other: both complete, and the history holds every review once.
func TestTwoRunsRecordAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds fupan and runs it twice at once")
	}
	bin := buildFupan(t)
	hist := filepath.Join(t.TempDir(), "history.sqlite")
	var ins, outs []string
	for k := 0; k < 2; k++ {
		in := t.TempDir()
		for i := 0; i < 40; i++ {
			src := []string{"华东销售部_2025Q3.xlsx", "East-China-Sales_2025Q3.xlsx"}[i%2]
			copyFile(t, filepath.Join("../samples", src), filepath.Join(in, fmt.Sprintf("组%d团队%02d_2025Q3.xlsx", k, i)))
		}
		ins, outs = append(ins, in), append(outs, t.TempDir())
	}
	errs := make(chan error, 2)
	for k := range ins {
		go func() {
			b, err := execFupan(bin, "run", ins[k], "-o", outs[k], "--history", hist, "--workers", "2")
			if err != nil {
				err = fmt.Errorf("run %d: %v\n%s", k, err, b)
			}
			errs <- err
		}()
	}
	for range ins {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	db, err := sqlite.Open(context.Background(), hist, sqlite.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	list, err := db.Reviews(context.Background(), "")
	if err != nil || len(list) != 80 {
		t.Fatalf("the history holds %d reviews (%v), want 80", len(list), err)
	}
	if res, err := db.Check(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity: %q %v", res, err)
	}
}

// Previous periods are looked up in the history as it stood when the run
// began: a run holding a team's 2025Q2 and 2025Q3 compares 2025Q3 with
// nothing, whichever worker finishes first; the next run compares it with
// 2025Q2. One worker takes 2025Q2 first, so a lookup in the history as it
// is would find it.
func TestPreviousAsTheRunBegan(t *testing.T) {
	ctx := context.Background()
	for round, workers := range []int{1, 2, 2} {
		in, out := t.TempDir(), t.TempDir()
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q2.xlsx"))
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "h.sqlite"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sum := run(t, batch.Options{Input: in, Output: out, History: db, Workers: workers})
		for _, e := range sum.Entries {
			if e.Previous != nil {
				t.Fatalf("round %d: %s compared with %+v, which the history did not hold when the run began", round, e.File, e.Previous)
			}
		}
		sum = run(t, batch.Options{Input: in, Output: out, History: db, Force: true})
		for _, e := range sum.Entries {
			if e.Period == "2025Q3" && (e.Previous == nil || e.Previous.Period != "2025Q2") {
				t.Fatalf("round %d: the re-run compares 2025Q3 with %+v", round, e.Previous)
			}
		}
		_ = db.Close()
	}
}

// Two workbooks of one run that fold to the same team and period (the
// Simplified and the Traditional name, through OpenCC): both are reported,
// the history keeps the one modified last, whichever finished first, and
// both entries say so.
func TestTeamPeriodDuplicate(t *testing.T) {
	ctx := context.Background()
	t2s, err := opencc.T2S()
	if err != nil {
		t.Fatal(err)
	}
	id := fupan.Identity{Simplify: t2s}
	in, out := t.TempDir(), t.TempDir()
	simp, trad := filepath.Join(in, "华东销售部_2025Q3.xlsx"), filepath.Join(in, "華東銷售部_2025Q3.xlsx")
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", simp)
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", trad)
	db := tempHistory(t)
	day := time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ newer, older string }{{simp, trad}, {trad, simp}} {
		if err := os.Chtimes(tc.older, day, day); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(tc.newer, day.Add(time.Hour), day.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		sum := run(t, batch.Options{Input: in, Output: out, History: db, Identity: id, Force: true})
		kept := filepath.Base(tc.newer)
		for _, e := range sum.Entries {
			want := batch.HistorySuperseded
			if e.File == kept {
				want = batch.HistoryRecorded
			}
			if e.Status != batch.StatusOK || e.History != want || len(e.Duplicates) != 1 || len(e.Warnings) != 1 ||
				e.Warnings[0].Code != fupan.CodeTeamPeriodDuplicate || !strings.Contains(e.Warnings[0].Message(), kept) {
				t.Errorf("kept %s: entry %s: status %s, history %s, duplicates %v, warnings %+v", kept, e.File, e.Status, e.History, e.Duplicates, e.Warnings)
			}
		}
		list, err := db.Reviews(ctx, "")
		if err != nil || len(list) != 1 || list[0].File != kept {
			t.Fatalf("the history holds %+v (%v), want only %s", list, err, kept)
		}
	}
}
