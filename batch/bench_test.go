package batch_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/sqlite"
)

func benchFolder(b *testing.B, n int) string {
	in := b.TempDir()
	for i := 0; i < n; i++ {
		// The seed in Simplified: its team is the file's name, so each
		// workbook is a team of its own in the history.
		copyFile(b, "../samples/华东销售部_2025Q3.xlsx", filepath.Join(in, fmt.Sprintf("团队%03d_2025Q3.xlsx", i)))
	}
	return in
}

// BenchmarkRunFirst is a first run over 20 seed-sized workbooks.
func BenchmarkRunFirst(b *testing.B) {
	in := benchFolder(b, 20)
	for b.Loop() {
		run(b, batch.Options{Input: in, Output: b.TempDir()})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(20*b.N), "ns/workbook")
}

// BenchmarkRunUnchanged is a re-run over the same 20 workbooks: everything
// skipped by content hash.
func BenchmarkRunUnchanged(b *testing.B) {
	in, out := benchFolder(b, 20), b.TempDir()
	run(b, batch.Options{Input: in, Output: out})
	for b.Loop() {
		if s := run(b, batch.Options{Input: in, Output: out}); s.Processed != 0 {
			b.Fatalf("processed %d", s.Processed)
		}
	}
}

// BenchmarkRunFirstHistory is BenchmarkRunFirst recording each review into
// a history (holding 200 reviews of other teams, so nothing to compare and
// the PDFs the same): against BenchmarkRunFirst, ns/workbook is what
// recording adds to a run.
func BenchmarkRunFirstHistory(b *testing.B) {
	benchHistory(b, "其他团队%03d")
}

// BenchmarkRunComparedHistory is the same run where the history holds ten
// earlier quarters of each of its 20 teams: each review is also looked up
// against them, and its PDF gets the changes on page 1 and a trend chart.
func BenchmarkRunComparedHistory(b *testing.B) {
	benchHistory(b, "团队%03d")
}

// benchHistory runs 20 workbooks into a new history per iteration, filled
// beforehand (not timed) with ten quarters of 20 teams named by teams.
func benchHistory(b *testing.B, teams string) {
	ctx := context.Background()
	in := benchFolder(b, 20)
	data, err := os.ReadFile("../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		b.Fatal(err)
	}
	rv, err := batch.Load(ctx, batch.Settings{}, "seed.xlsx", data)
	if err != nil {
		b.Fatal(err)
	}
	id := fupan.Identity{}
	filled := filepath.Join(b.TempDir(), "filled.sqlite")
	db, err := sqlite.Open(ctx, filled, sqlite.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for team := 0; team < 20; team++ {
		for q := 0; q < 10; q++ {
			rv.Meta.Team, rv.Meta.Period = fmt.Sprintf(teams, team), fmt.Sprintf("%dQ%d", 2023+q/4, q%4+1)
			if err := db.Record(ctx, sqlite.Recording{Review: rv, TeamKey: id.TeamKey(rv.Meta.Team), MetricKey: id.MetricKey}); err != nil {
				b.Fatal(err)
			}
		}
	}
	_ = db.Close()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "history.sqlite")
		copyFile(b, filled, path)
		db, err := sqlite.Open(ctx, path, sqlite.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s := run(b, batch.Options{Input: in, Output: b.TempDir(), History: db, Identity: id})
		if s.History == nil || !s.History.Updated || s.History.Recorded != 20 {
			b.Fatalf("history %+v", s.History)
		}
		b.StopTimer()
		_ = db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(20*b.N), "ns/workbook")
}
