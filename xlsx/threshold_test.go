package xlsx_test

import (
	"path/filepath"
	"testing"

	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// The reviewed workbook's achievement never reads across a status
// threshold: 89.996% (missed) shows 89.9%, not Excel's rounded 90.0%.
func TestReviewedNeverRoundsAcrossAThreshold(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows[0][1], r.Outcome.Rows[0][2], r.Outcome.Rows[0][3] = "100000", "89996", ""
	r.Outcome.Rows[1][1], r.Outcome.Rows[1][2], r.Outcome.Rows[1][3] = "100000", "99960", ""
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	out, _ := writeReviewed(t, src, t.TempDir())
	f := open(t, out)
	for cell, want := range map[string]string{"D3": "89.9%", "D4": "99.9%", "D5": "120.0%"} {
		if v, _ := f.GetCellValue("成果", cell); v != want {
			t.Errorf("成果!%s shows %q, want %q", cell, v, want)
		}
	}
}
