package batch_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/sqlite"
)

// --as-of judges the review (overdue actions, the report's date); the audit
// keeps the real clock: summary.json's started_at and processed_at and the
// history's recorded_at took the --as-of date while finished_at was real.
func TestAsOfKeepsAuditTimesReal(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "h.sqlite"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	asOf := time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)
	before := time.Now().Add(-2 * time.Second) // the history records to the second
	o := batch.Options{Input: in, Output: out, History: db}
	o.Settings.Analyze.Now = asOf
	run(t, o)
	after := time.Now().Add(time.Second)
	real := func(what string, at time.Time) {
		if at.Before(before) || at.After(after) {
			t.Errorf("%s is %s, not the real time of the run (%s)", what, at.Format(time.RFC3339), before.Format(time.RFC3339))
		}
	}
	sum := readSummary(t, out)
	real("started_at", sum.StartedAt)
	real("finished_at", sum.Finished)
	for _, e := range sum.Entries {
		real(e.File+"'s processed_at", e.ProcessedAt)
	}
	list, err := db.Reviews(context.Background(), "")
	if err != nil || len(list) != 1 {
		t.Fatalf("%d reviews recorded, %v", len(list), err)
	}
	real("recorded_at", list[0].RecordedAt)
	// The review itself is judged as of the date: its actions due in
	// September 2025 are overdue then, as the attention says.
	if len(sum.Entries[0].Attention) == 0 {
		t.Error("the review was not judged as of --as-of")
	}
}
