package batch_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/sqlite"
)

// A watcher whose history could not be opened when it started (a PostgreSQL
// server down) tries again before each run: once it opens, the run records,
// the earlier workbooks too.
func TestWatchReopensHistory(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	hist := filepath.Join(t.TempDir(), "h.sqlite")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var tries atomic.Int32
	var opened atomic.Pointer[sqlite.DB]
	reopen := func(ctx context.Context) (fupan.History, error) {
		if tries.Add(1) == 1 {
			return nil, errors.New("still down")
		}
		db, err := sqlite.Open(ctx, hist, sqlite.Options{})
		if err != nil {
			return nil, err
		}
		opened.Store(db)
		return db, nil
	}
	runs := make(chan *batch.Summary, 10)
	errc := make(chan error, 1)
	go func() {
		errc <- batch.Watch(ctx, batch.Options{Input: in, Output: out, Workers: 1, HistoryProblem: errors.New("the server is down")},
			batch.WatchOptions{Poll: 50 * time.Millisecond, Settle: 100 * time.Millisecond, Reopen: reopen,
				OnRun: func(s *batch.Summary) { runs <- s }})
	}()
	next := func(what string) *batch.Summary {
		t.Helper()
		select {
		case s := <-runs:
			return s
		case <-time.After(30 * time.Second):
			t.Fatalf("no run after %s", what)
		}
		return nil
	}
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, "华东销售部_2025Q3.xlsx"))
	if s := next("the first workbook"); s.History == nil || s.History.Updated {
		t.Fatalf("first run, the history down: %+v", s.History)
	}
	copyFile(t, "../samples/East-China-Sales_2025Q3.xlsx", filepath.Join(in, "East-China-Sales_2025Q3.xlsx"))
	if s := next("the second workbook"); s.History == nil || !s.History.Updated || s.History.Recorded != 2 {
		t.Fatalf("second run, the history back: %+v", s.History)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	db := opened.Load()
	defer func() { _ = db.Close() }()
	if list, err := db.Reviews(context.Background(), ""); err != nil || len(list) != 2 {
		t.Fatalf("the history holds %d (%v)", len(list), err)
	}
}
