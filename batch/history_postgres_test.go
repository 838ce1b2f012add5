package batch_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/pgtest"
	"github.com/fupan-review/fupan/postgres"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// The PostgreSQL server goes away in the middle of a run: no review is lost.
// The reviews not recorded are failed or pending (not tried once the server
// is found gone, rather than each waiting for it), every report is written,
// and the next run, the server back, records them all.
func TestPostgresLostMidRun(t *testing.T) {
	ctx := context.Background()
	db := pgtest.Database(t)
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	socket, empty, link := q.Get("host"), t.TempDir(), filepath.Join(t.TempDir(), "pg")
	point := func(at string) {
		_ = os.Remove(link)
		if err := os.Symlink(at, link); err != nil {
			t.Fatal(err)
		}
	}
	point(socket)
	q.Set("host", link)
	u.RawQuery = q.Encode()
	hist, err := postgres.Open(ctx, u.String(), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = hist.Close() }()
	admin, err := sql.Open("pgx", pgtest.Server(t))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = admin.Close() }()

	in, out := t.TempDir(), t.TempDir()
	const n = 8
	for i := range n {
		copyFile(t, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, fmt.Sprintf("团队%d_2025Q3.xlsx", i)))
	}
	gone := false
	sum := run(t, batch.Options{Input: in, Output: out, History: hist, Workers: 1, Progress: func(done, total int) {
		if done == 2 && !gone {
			gone = true
			point(empty)
			if _, err := admin.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, u.Path[1:]); err != nil {
				t.Error(err)
			}
		}
	}})
	if sum.OK != n || sum.History == nil || sum.History.Updated || sum.History.Recorded < 1 || sum.History.Recorded > 2 {
		t.Fatalf("server lost: ok %d, history %+v", sum.OK, sum.History)
	}
	failed, pending := 0, 0
	for _, e := range sum.Entries {
		switch e.History {
		case batch.HistoryFailed:
			failed++
		case batch.HistoryPending:
			pending++
		}
		if e.Outputs.PDF == "" {
			t.Errorf("%s: no report", e.File)
		}
	}
	if failed != 1 || pending != n-sum.History.Recorded-1 {
		t.Fatalf("%d failed, %d pending of %d not recorded: want one tried and failed, the rest not tried", failed, pending, n-sum.History.Recorded)
	}
	point(socket)
	missed := n - sum.History.Recorded
	again := run(t, batch.Options{Input: in, Output: out, History: hist, Workers: 1})
	if !again.History.Updated || again.History.Recorded != missed {
		t.Fatalf("the next run: history %+v, want the %d missed recorded", again.History, missed)
	}
	list, err := hist.Reviews(ctx, "")
	if err != nil || len(list) != n {
		t.Fatalf("the history holds %d (%v)", len(list), err)
	}
}
