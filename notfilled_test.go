package fupan_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// TestReviewNotFilled: the blank template and a workbook with no actual in
// table 3 and no progress in table 2 are review-not-filled, an error; one
// actual or one progress is enough to be a review.
func TestReviewNotFilled(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, fupan.Simplified); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "复盘模板.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	rv := fupan.Analyze(wb, fupan.Options{})
	if !hasCode(rv, fupan.CodeNotFilled) || !rv.HasErrors() {
		t.Errorf("the blank template: %v", rv.Findings)
	}

	blank := samples.SeedSimplified()
	for _, row := range blank.Outcome.Rows {
		row[2], row[3] = "", "" // 实际值, 达成率
	}
	for _, row := range blank.Track.Rows {
		row[2], row[3] = "", "" // 实际进度, 偏差率
	}
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(blank))
	f := findingAt(rv, fupan.CodeNotFilled, "成果", "C2")
	if f == nil || f.Severity != fupan.SevError || f.Message() != "复盘尚未填写：表3没有实际值，表2没有实际进度" {
		t.Errorf("no actuals, no progress: %v", rv.Findings)
	}

	progress := samples.SeedSimplified()
	for _, row := range progress.Outcome.Rows {
		row[2], row[3] = "", ""
	}
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(progress))
	if hasCode(rv, fupan.CodeNotFilled) {
		t.Errorf("a workbook with table 2's progress is a review: %v", rv.Findings)
	}
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(samples.SeedSimplified()))
	if hasCode(rv, fupan.CodeNotFilled) {
		t.Errorf("the seed: %v", rv.Findings)
	}
}
