package batch_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/rs/zerolog"
	"github.com/xuri/excelize/v2"
)

var recordSamples = []string{"华东销售部_2025Q3.xlsx", "East-China-Sales_2025Q3.xlsx", "华东销售部-单表_2025Q3.xlsx"}

// entriesBy are a summary's entries by file.
func entriesBy(sum *batch.Summary) map[string]batch.Entry {
	m := map[string]batch.Entry{}
	for _, e := range sum.Entries {
		m[e.File] = e
	}
	return m
}

// A workbook is done only when its review is in the history the run uses:
// a history emptied, a review forgotten, the file deleted or an old backup
// restored, and the re-run records the folder's reviews again.
func TestRerunRecordsWhatTheHistoryLacks(t *testing.T) {
	ctx := context.Background()
	in, out := t.TempDir(), t.TempDir()
	for _, s := range recordSamples {
		copyFile(t, filepath.Join("../samples", s), filepath.Join(in, s))
	}
	hist := filepath.Join(t.TempDir(), "history.sqlite")
	open := func() *sqlite.DB {
		db, err := sqlite.Open(ctx, hist, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	old := filepath.Join(t.TempDir(), "old.sqlite")
	if err := db.Backup(ctx, old, sqlite.BackupOptions{}); err != nil {
		t.Fatal(err)
	}
	expect := func(when string, sum *batch.Summary, recorded int) {
		t.Helper()
		if sum.History == nil || !sum.History.Updated || sum.History.Recorded != recorded || sum.Skipped != len(recordSamples)-recorded {
			t.Fatalf("%s: history %+v, skipped %d; want %d recorded", when, sum.History, sum.Skipped, recorded)
		}
		for _, e := range sum.Entries {
			if e.History != batch.HistoryRecorded {
				t.Errorf("%s: %s history %q", when, e.File, e.History)
			}
		}
		list, err := db.Reviews(ctx, "")
		if err != nil || len(list) != len(recordSamples) {
			t.Fatalf("%s: the history holds %d reviews (%v)", when, len(list), err)
		}
		if s := readSummary(t, out); s.History.Recorded != recorded {
			t.Errorf("%s: summary.json says %d recorded", when, s.History.Recorded)
		}
	}
	expect("first run", run(t, batch.Options{Input: in, Output: out, History: db}), 3)
	expect("unchanged", run(t, batch.Options{Input: in, Output: out, History: db}), 0)

	list, _ := db.Reviews(ctx, "")
	for _, e := range list {
		if _, err := db.Forget(ctx, e.TeamKey, e.Period); err != nil {
			t.Fatal(err)
		}
	}
	expect("history emptied", run(t, batch.Options{Input: in, Output: out, History: db}), 3)

	if ok, err := db.Forget(ctx, list[0].TeamKey, list[0].Period); !ok || err != nil {
		t.Fatalf("forget: %v %v", ok, err)
	}
	expect("one review forgotten", run(t, batch.Options{Input: in, Output: out, History: db}), 1)

	_ = db.Close()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(hist + suffix)
	}
	db = open()
	expect("history deleted", run(t, batch.Options{Input: in, Output: out, History: db}), 3)

	_ = db.Close()
	for _, suffix := range []string{"-wal", "-shm"} {
		_ = os.Remove(hist + suffix)
	}
	copyFile(t, old, hist)
	db = open()
	defer func() { _ = db.Close() }()
	expect("old backup restored", run(t, batch.Options{Input: in, Output: out, History: db}), 3)
}

// A draft of the same team and period run into a sibling OUT replaces the
// official review in the shared history: the draft's summary names the
// review it replaced, and the official folder's re-run says its review is no
// longer the one in the history (not "recorded"); --force takes it back.
func TestSiblingOutputReplacesReview(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	official, draft := filepath.Join(root, "in"), filepath.Join(root, "draft")
	outOfficial, outDraft := filepath.Join(root, "out", "2025Q3"), filepath.Join(root, "out", "2025Q3-draft")
	name := "华东销售部_2025Q3.xlsx"
	copyFile(t, filepath.Join("../samples", name), filepath.Join(official, name))
	// The draft: the same team and period, one note more.
	f, err := excelize.OpenFile(filepath.Join("../samples", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(f.GetSheetList()[0], "Z200", "草稿"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(draft, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(draft, name)); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(root, "out", "fupan-history.sqlite"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()

	e := entriesBy(run(t, batch.Options{Input: official, Output: outOfficial, History: db}))[name]
	if e.History != batch.HistoryRecorded || e.Replaced != nil {
		t.Fatalf("official run: history %q, replaced %+v", e.History, e.Replaced)
	}
	sum := run(t, batch.Options{Input: draft, Output: outDraft, History: db})
	e = entriesBy(sum)[name]
	if e.Status != batch.StatusOK || e.History != batch.HistoryRecorded || e.Replaced == nil || e.Replaced.Output != outOfficial || e.Replaced.File != name {
		t.Fatalf("draft run: status %s, history %q, replaced %+v; want the official review named", e.Status, e.History, e.Replaced)
	}
	if e := entriesBy(ptr(readSummary(t, outDraft)))[name]; e.Replaced == nil || e.Replaced.Output != outOfficial {
		t.Errorf("the draft's summary.json does not name the review it replaced: %+v", e.Replaced)
	}

	sum = run(t, batch.Options{Input: official, Output: outOfficial, History: db})
	e = entriesBy(sum)[name]
	if e.History != batch.HistoryReplaced || e.ReplacedBy == nil || e.ReplacedBy.Output != outDraft || e.ReplacedBy.File != name || sum.History.Recorded != 0 {
		t.Fatalf("official re-run: history %q, replaced by %+v, recorded %d; want it to say the draft's is in the history", e.History, e.ReplacedBy, sum.History.Recorded)
	}
	if e := entriesBy(ptr(readSummary(t, outOfficial)))[name]; e.History != batch.HistoryReplaced {
		t.Errorf("the official summary.json says %q", e.History)
	}
	// Said again while it holds, and nothing recorded behind its back.
	if e := entriesBy(run(t, batch.Options{Input: official, Output: outOfficial, History: db}))[name]; e.History != batch.HistoryReplaced {
		t.Errorf("official second re-run: %q", e.History)
	}
	// --force records the official review again, naming the draft's.
	e = entriesBy(run(t, batch.Options{Input: official, Output: outOfficial, History: db, Force: true}))[name]
	if e.History != batch.HistoryRecorded || e.Replaced == nil || e.Replaced.Output != outDraft {
		t.Fatalf("official --force: history %q, replaced %+v", e.History, e.Replaced)
	}
	list, err := db.Reviews(ctx, "")
	if err != nil || len(list) != 1 {
		t.Fatalf("the history holds %d reviews (%v)", len(list), err)
	}
}

func ptr[T any](v T) *T { return &v }

// A history another process holds locked: the run waits out the busy
// timeout once, then stops waiting and marks every later review "pending"
// (the next run records it), its report written; ten workbooks cost one
// wait, not ten.
func TestLockedHistoryWaitsOnce(t *testing.T) {
	ctx := context.Background()
	in, out := t.TempDir(), t.TempDir()
	const n = 10
	for i := 0; i < n; i++ {
		// Samples whose team the file name gives: ten teams.
		copyFile(t, filepath.Join("../samples", recordSamples[i%2]), filepath.Join(in, fmt.Sprintf("团队%02d_2025Q3.xlsx", i)))
	}
	hist := filepath.Join(t.TempDir(), "history.sqlite")
	db, err := sqlite.Open(ctx, hist, sqlite.Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	// The other process: a second connection holding the write lock.
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
	var logs bytes.Buffer
	lctx := zerolog.New(zerolog.SyncWriter(&logs)).WithContext(ctx)
	sum, err := batch.Run(lctx, batch.Options{Input: in, Output: out, History: db, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, e := range sum.Entries {
		states[e.History]++
		if e.Status != batch.StatusOK || e.Outputs.PDF == "" {
			t.Errorf("%s: status %s, pdf %q: the report must be written", e.File, e.Status, e.Outputs.PDF)
		}
	}
	waits := strings.Count(logs.String(), "cannot record the review in the history")
	if states[batch.HistoryFailed] != 1 || states[batch.HistoryPending] != n-1 || waits != 1 {
		t.Fatalf("locked history: states %v, %d busy waits; want 1 failed (one wait) and %d pending", states, waits, n-1)
	}
	if sum.History.Updated || sum.History.Pending != n-1 || !strings.Contains(sum.History.Error, "locked") {
		t.Errorf("summary's history: %+v", sum.History)
	}
	_, _ = conn.ExecContext(ctx, "ROLLBACK")
	_ = conn.Close()
	// Released: the next run records all ten.
	sum = run(t, batch.Options{Input: in, Output: out, History: db})
	if !sum.History.Updated || sum.History.Recorded != n {
		t.Fatalf("the run after: %+v", sum.History)
	}
}

// Another output folder (another site) recorded a workbook of the same team
// and period modified later: this run's older one is not recorded over it,
// and its entry names the one the history keeps; it is no failure.
func TestOlderWorkbookDoesNotReplaceNewer(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	name := "华东销售部_2025Q3.xlsx"
	newerIn, olderIn := filepath.Join(root, "beijing"), filepath.Join(root, "shanghai")
	copyFile(t, filepath.Join("../samples", name), filepath.Join(newerIn, name))
	copyFile(t, filepath.Join("../samples", name), filepath.Join(olderIn, name))
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(olderIn, name), old, old); err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(root, "h.sqlite"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	newerOut, olderOut := filepath.Join(root, "out-beijing"), filepath.Join(root, "out-shanghai")
	if e := entriesBy(run(t, batch.Options{Input: newerIn, Output: newerOut, History: db, Site: "北京"}))[name]; e.History != batch.HistoryRecorded {
		t.Fatalf("the newer: %q", e.History)
	}
	sum := run(t, batch.Options{Input: olderIn, Output: olderOut, History: db, Site: "上海"})
	e := entriesBy(sum)[name]
	if e.History != batch.HistoryReplaced || e.ReplacedBy == nil || e.ReplacedBy.Output != newerOut || e.Replaced != nil || !sum.History.Updated || sum.History.Recorded != 0 {
		t.Fatalf("the older: history %q, replaced_by %+v, replaced %+v; history %+v", e.History, e.ReplacedBy, e.Replaced, sum.History)
	}
	list, err := db.Reviews(ctx, "")
	if err != nil || len(list) != 1 || list[0].Site != "北京" {
		t.Fatalf("the history holds %+v (%v)", list, err)
	}
}
