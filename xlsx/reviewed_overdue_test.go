package xlsx_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// TestReviewedOverdueMilestone: a milestone not done past its planned day
// (还没完成 against 7月31日前完成, as of 10-08) keeps the deviation the team
// stated, of the day it wrote it, with no note that it differs (the check
// compares none: fupan's grows by the day); one left blank gets fupan's,
// late so far (8 of 92 days), coloured off track.
func TestReviewedOverdueMilestone(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Track.Rows = append(r.Track.Rows,
		[]string{"重点客户分层方案", "7月31日前完成", "还没完成", "+50%", "", "", "赵六"},
		[]string{"渠道评估", "9月30日前完成", "进行中", "", "", "", "李四"},
	)
	now := time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)
	data, rv := analyzedAsOf(t, samples.PerSheet(r), now)
	f := reviewedOf(t, data, rv, now)
	if v, _ := f.GetCellValue("跟踪", "D5"); v != "+50%" {
		t.Errorf("跟踪!D5 = %q, want the team's +50%%", v)
	}
	for _, n := range noteTexts(t, f, "跟踪") {
		if strings.HasPrefix(n, "D5:") {
			t.Errorf("a note on the overdue milestone's stated deviation: %s", n)
		}
	}
	if v, _ := f.GetCellValue("跟踪", "D6", excelize.Options{RawCellValue: true}); v == "" || !strings.HasPrefix(v, "0.0869") {
		t.Errorf("跟踪!D6 = %q, want 8/92 (0.0869…)", v)
	}
}

// analyzedAsOf writes the workbook with excelize as 华东销售部_2025Q3.xlsx,
// reads it back and analyses it as of a day: the file's bytes and its review.
func analyzedAsOf(t *testing.T, b xlsx.Book, now time.Time) ([]byte, *fupan.Review) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, b); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.ReadFile(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	return data, fupan.Analyze(wb, fupan.Options{Now: now})
}

// reviewedOf writes the reviewed copy of data as of now and opens it with
// excelize, as a team would.
func reviewedOf(t *testing.T, data []byte, rv *fupan.Review, now time.Time) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.WriteReviewed(context.Background(), &buf, data, rv, xlsx.ReviewedOptions{Now: now}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.xlsx")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return open(t, out)
}
