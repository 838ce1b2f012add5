package fupan_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// A formula saved without its result (written by a program, never opened in
// Excel) is an error at its cell, formula-no-value, and the value is not
// read as blank or zero: the bundled sample, and a seed whose actual is made
// such a formula with excelize.
func TestFormulaNoValue(t *testing.T) {
	wb, err := xlsx.ReadFile(context.Background(), "samples/invalid/公式无计算结果_2025Q3.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	rv := fupan.Analyze(wb, fupan.Options{})
	if f := findingAt(rv, fupan.CodeFormulaNoValue, "成果", "C4"); f == nil || f.Severity != fupan.SevError {
		t.Errorf("the sample: formula-no-value at 成果!C4 = %+v; findings %v", f, rv.Findings)
	}

	path := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(path, samples.PerSheet(samples.SeedSimplified())); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Emptied first: excelize keeps a cell's old value as the formula's
	// cached result.
	if err := f.SetCellValue("成果", "C3", nil); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("成果", "C3", "B3*0.9"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if wb, err = xlsx.ReadFile(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	rv = fupan.Analyze(wb, fupan.Options{})
	if f := findingAt(rv, fupan.CodeFormulaNoValue, "成果", "C3"); f == nil || f.Severity != fupan.SevError || f.Message() == "" {
		t.Errorf("built: formula-no-value at 成果!C3 = %+v; findings %v", f, rv.Findings)
	}
	if rv.Outcomes[0].Actual != nil {
		t.Errorf("the uncalculated actual was read as %v", *rv.Outcomes[0].Actual)
	}
}
