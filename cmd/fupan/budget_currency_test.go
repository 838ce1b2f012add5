package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
)

// The English report's total budget carries the currency its rows are
// written in, as table 3's ¥12,000,000 does: ¥160,000, not a bare 160,000.
// The Chinese reports keep 16万 (元 is what a Chinese reader assumes).
func TestReportBudgetCarriesCurrency(t *testing.T) {
	testtool.Require(t, "pdftotext")
	out := filepath.Join(t.TempDir(), "out")
	if _, stderr, code := runCLI(t, "run", "../../samples", "-o", out, "--no-history", "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	page1 := func(name string) string {
		return strings.Join(strings.Fields(testtool.Text(t, filepath.Join(out, name), "-l", "1")), " ")
	}
	if text := page1("East-China-Sales_2025Q3.pdf"); !strings.Contains(text, "¥160,000") {
		t.Errorf("the English key figures lack ¥160,000:\n%s", text)
	}
	for _, name := range []string{"华东销售部_2025Q3.pdf", "華東銷售部_2025Q3.pdf"} {
		if text := page1(name); !strings.Contains(text, "16万") && !strings.Contains(text, "16萬") || strings.Contains(text, "¥16") {
			t.Errorf("%s: the total budget is no longer 16万:\n%s", name, text)
		}
	}
	// inspect's totals say it as the report does.
	stdout, stderr, code := runCLI(t, "inspect", "../../samples/East-China-Sales_2025Q3.xlsx")
	if code != 0 || !strings.Contains(stdout, "¥160,000") {
		t.Errorf("inspect's totals lack ¥160,000: exit %d\n%s%s", code, stdout, stderr)
	}
}
