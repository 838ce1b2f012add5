package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/xuri/excelize/v2"
)

// A target typed 1200 and formatted 0"万" (Excel shows 1200万), beside an
// actual typed 1080万: the report says 90%, as for the seed, never
// "900000% 达成" and a highlight, and the run's mean is the seed's.
func TestTargetFormattedAsUnitEndToEnd(t *testing.T) {
	root := t.TempDir()
	in, out := filepath.Join(root, "in"), filepath.Join(root, "out")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile("../../samples/华东销售部_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	code := `0"万"`
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range []error{f.SetCellValue("成果", "B3", 1200), f.SetCellStyle("成果", "B3", "B3", style), f.SetCellValue("成果", "C3", "1080万")} {
		if set != nil {
			t.Fatal(set)
		}
	}
	if err := f.SaveAs(filepath.Join(in, "华东销售部_2025Q3.xlsx")); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "run", in, "-o", out, "--as-of", "2025-10-08"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sum struct {
		Entries []struct {
			Figures struct {
				Mean     float64 `json:"mean_achievement"`
				Achieved int     `json:"metrics_achieved"`
				Warnings int     `json:"warnings"`
			}
			Outputs struct{ PDF string }
		}
	}
	if err := json.Unmarshal(b, &sum); err != nil {
		t.Fatal(err)
	}
	if len(sum.Entries) != 1 {
		t.Fatalf("entries: %s", b)
	}
	e := sum.Entries[0]
	if e.Figures.Mean < 0.9799 || e.Figures.Mean > 0.9801 || e.Figures.Achieved != 1 || e.Figures.Warnings != 1 {
		t.Errorf("figures: mean %v, achieved %d, warnings %d; want the seed's 0.98, 1, 1", e.Figures.Mean, e.Figures.Achieved, e.Figures.Warnings)
	}
	text := testtool.Text(t, filepath.Join(out, e.Outputs.PDF))
	if !strings.Contains(text, "华东销售额：1200万 → 1080万（90%）") || strings.Contains(text, "900000%") {
		t.Errorf("the report does not say 1200万 → 1080万（90%%）:\n%s", text)
	}
}
