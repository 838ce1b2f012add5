package batch_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
)

// A copy of a workbook beside it (华东销售部_2025Q3 - 副本.xlsx, as Windows
// names it) is the same team and period: team-period-duplicate on both, each
// with its own outputs, one review in the history (was: the copy's whole
// name its team, period-unknown, never compared).
func TestCopyOfAWorkbookIsADuplicate(t *testing.T) {
	ctx := context.Background()
	in, out := t.TempDir(), t.TempDir()
	orig, dup := filepath.Join(in, "华东销售部_2025Q3.xlsx"), filepath.Join(in, "华东销售部_2025Q3 - 副本.xlsx")
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", orig)
	copyFile(t, "../samples/华东销售部_2025Q3.xlsx", dup)
	day := time.Date(2025, 10, 1, 9, 0, 0, 0, time.UTC)
	if err := os.Chtimes(orig, day, day); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(dup, day.Add(time.Hour), day.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	db := tempHistory(t)
	sum := run(t, batch.Options{Input: in, Output: out, History: db})
	if len(sum.Entries) != 2 {
		t.Fatalf("entries: %+v", sum.Entries)
	}
	pdfs := map[string]bool{}
	for _, e := range sum.Entries {
		if e.Status != batch.StatusOK || e.Team != "华东销售部" || e.Period != "2025Q3" || len(e.Duplicates) != 1 ||
			len(e.Warnings) != 1 || e.Warnings[0].Code != fupan.CodeTeamPeriodDuplicate {
			t.Errorf("entry %s: status %s, team %q, period %q, duplicates %v, warnings %+v", e.File, e.Status, e.Team, e.Period, e.Duplicates, e.Warnings)
		}
		for _, o := range []string{e.Outputs.PDF, e.Outputs.Reviewed} {
			if o == "" {
				t.Errorf("entry %s: no output %+v", e.File, e.Outputs)
				continue
			}
			if _, err := os.Stat(filepath.Join(out, o)); err != nil {
				t.Errorf("entry %s: %v", e.File, err)
			}
		}
		pdfs[e.Outputs.PDF] = true
	}
	if len(pdfs) != 2 {
		t.Errorf("the two workbooks' reports are one file: %v", pdfs)
	}
	list, err := db.Reviews(ctx, "")
	var files []string
	for _, r := range list {
		files = append(files, r.File)
	}
	if err != nil || len(files) != 1 || files[0] != filepath.Base(dup) {
		t.Errorf("the history holds %v (%v), want only the copy modified later", files, err)
	}
}
