package batch_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
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
	if !strings.Contains(text, "行动“Lowercustomeracquisitioncost”已过完成时间（2025-09-10），逾期28天，尚未完成") {
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

// TestOverviewFailureInItsLanguage: the Chinese overview says why an English
// workbook failed in Chinese, the cell and the team's value as written;
// summary.json keeps the workbook's English.
func TestOverviewFailureInItsLanguage(t *testing.T) {
	testtool.Require(t, "pdftotext")
	in, out := t.TempDir(), t.TempDir()
	for _, s := range []string{"华东销售部_2025Q3.xlsx", "华东销售部-单表_2025Q3.xlsx"} {
		copyFile(t, filepath.Join("../samples", s), filepath.Join(in, s))
	}
	r := samples.SeedEnglish()
	r.Outcome.Rows = append([][]string(nil), r.Outcome.Rows...)
	row := append([]string(nil), r.Outcome.Rows[0]...)
	row[2] = "lots"
	r.Outcome.Rows[0] = row
	if err := xlsx.Build(filepath.Join(in, "West-Sales_2025Q3.xlsx"), samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	run(t, batch.Options{Input: in, Output: out, Settings: batch.Settings{Analyze: fupan.Options{Now: time.Date(2025, 10, 8, 9, 0, 0, 0, time.UTC)}}})
	var reason string
	for _, e := range readSummary(t, out).Entries {
		if e.File == "West-Sales_2025Q3.xlsx" {
			reason = e.Reason
		}
	}
	if reason == "" || !strings.Contains(reason, "lots") || strings.ContainsAny(reason, "无法值") {
		t.Fatalf("summary.json's reason %q: want the workbook's English", reason)
	}
	text := strings.Join(strings.Fields(testtool.Text(t, filepath.Join(out, "overview.pdf"))), "")
	if strings.Contains(text, strings.Join(strings.Fields(reason), "")) {
		t.Errorf("the Chinese overview gives the English reason %q:\n%s", reason, text)
	}
	if !strings.Contains(text, "Outcomes!C3:“Actual”列的值“lots”无法识别为数值") {
		t.Errorf("the overview does not give the reason in Chinese, the team's value quoted:\n%s", text)
	}
}
