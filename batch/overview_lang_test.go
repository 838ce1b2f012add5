package batch_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/testtool"
)

// TestOverviewDecisionsInItsLanguage: the Chinese overview words the English
// team's items that need a decision in Chinese, the team's own words (its
// action) quoted as written; they were in English inside the Chinese page.
func TestOverviewDecisionsInItsLanguage(t *testing.T) {
	testtool.Require(t, "pdftotext")
	in, out := t.TempDir(), t.TempDir()
	for _, s := range []string{"华东销售部_2025Q3.xlsx", "华东销售部-单表_2025Q3.xlsx", "East-China-Sales_2025Q3.xlsx"} {
		copyFile(t, filepath.Join("../samples", s), filepath.Join(in, s))
	}
	asOf := time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)
	run(t, batch.Options{Input: in, Output: out, Settings: batch.Settings{Analyze: fupan.Options{Now: asOf}}})
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(out, "overview.pdf"), "-l", "1")), "")
	if !strings.Contains(text, "行动“Lowercustomeracquisitioncost”已过完成时间（2025-09-10），尚未完成") {
		t.Errorf("the English team's overdue action is not worded in Chinese:\n%s", text)
	}
	if strings.Contains(text, "isnotdone") || strings.Contains(text, "pastitsduedate") {
		t.Errorf("English words of fupan's in the Chinese overview:\n%s", text)
	}
	// summary.json keeps each workbook's own language.
	s := readSummary(t, out)
	for _, e := range s.Entries {
		if e.Lang == fupan.English && (len(e.Attention) == 0 || !strings.Contains(e.Attention[0], "past its due date")) {
			t.Errorf("%s: attention %q, want the workbook's English", e.File, e.Attention)
		}
	}
}
