package fupan_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestCellAndFileNameDisagree: a 复盘周期 cell of 2025Q2 in a file named
// for 2025Q3 is read as the cell says, with a period-name-differs warning at
// the cell naming both, so the history's Q2 is never replaced in silence;
// a team cell that is clearly another team than the file name's warns too,
// and one that only adds words to it does not.
func TestCellAndFileNameDisagree(t *testing.T) {
	book := samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面", [][]string{{"团队", "西南市场部"}, {"复盘周期", "2025Q2"}})
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", book)
	if rv.Meta.Period != "2025Q2" || rv.Meta.Team != "西南市场部" {
		t.Errorf("read %s %s, want the cells' 西南市场部 2025Q2", rv.Meta.Team, rv.Meta.Period)
	}
	f := findingAt(rv, fupan.CodePeriodNameDiffers, "封面", "B2")
	if f == nil {
		t.Fatalf("no period-name-differs at 封面!B2: %v", rv.Findings)
	}
	for _, w := range []string{"2025Q2", "2025Q3"} {
		if !contains(f.Message(), w) {
			t.Errorf("the warning does not name %s: %s", w, f.Message())
		}
	}
	if g := findingAt(rv, fupan.CodeTeamNameDiffers, "封面", "B1"); g == nil || !contains(g.Message(), "西南市场部") || !contains(g.Message(), "华东销售部") {
		t.Errorf("no team-name-differs at 封面!B1 naming both: %v", rv.Findings)
	}
	// The same team with more words, the same period written otherwise: no warning.
	same := samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面", [][]string{{"团队", "华东销售部（一组）"}, {"复盘周期", "2025年第三季度"}})
	sv := analyzeBook(t, "华东销售部-一组_2025Q3.xlsx", same)
	if hasCode(sv, fupan.CodePeriodNameDiffers) || hasCode(sv, fupan.CodeTeamNameDiffers) {
		t.Errorf("warned where cells and file name agree: %v", sv.Findings)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
