package main

import (
	"os"
	"path/filepath"
	"testing"
)

// A team lead runs `fupan report x.xlsx -o out` in the workbook's own
// folder: no history is named or configured, so the report uses none —
// not the batch's default beside OUT, which is the teams' folder and would
// be refused (exit 2). A history named is still recorded.
func TestReportInWorkbookFolder(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "华东销售部_2025Q3.xlsx")
	if err := os.WriteFile(book, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "report", book, "-o", filepath.Join(dir, "out")); code != 0 {
		t.Fatalf("report in the workbook's folder: exit %d, want 0:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "华东销售部_2025Q3.pdf")); err != nil {
		t.Errorf("no PDF: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, defaultHistory)); !os.IsNotExist(err) {
		t.Errorf("a history was made in the teams' folder (stat: %v)", err)
	}
	// Named, it is recorded.
	hist := filepath.Join(t.TempDir(), "h.sqlite")
	if _, stderr, code := runCLI(t, "report", book, "-o", filepath.Join(dir, "out2"), "--history", hist); code != 0 {
		t.Fatalf("report --history: exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(hist); err != nil {
		t.Errorf("the named history was not made: %v", err)
	}
}
