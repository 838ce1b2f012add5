package pdf_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/pdf"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// The quality findings (surface causes, no experience, acceptance nobody can
// check) are in the report's findings table with their codes and hints, in
// the workbook's language; page 1's verdict is the seed's, word for word.
func TestReportShowsQualityFindings(t *testing.T) {
	testtool.Require(t, "pdftotext")
	books := []struct {
		seed                   func() samples.Review
		file                   string
		cause, praise, planAcc string
	}{
		{samples.SeedSimplified, "华东销售部_2025Q3.xlsx", "销售额低", "效果很好，继续保持", "效果明显"},
		{samples.SeedTraditional, "華東銷售部_2025Q3.xlsx", "市場原因", "再接再厲", "順利完成"},
		{samples.SeedEnglish, "East-China-Sales_2025Q3.xlsx", "Sales were low", "Keep it up", "Done"},
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, b := range books {
		r := b.seed()
		t.Run(r.Lang, func(t *testing.T) {
			dir := t.TempDir()
			r.Outcome.Rows[1][4] = b.cause
			r.Outcome.Rows[2][5] = b.praise
			r.Plan.Rows[1][5] = b.planAcc
			src := filepath.Join(dir, b.file)
			if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
				t.Fatal(err)
			}
			rv := review(t, src)
			l := rv.Meta.Lang
			text := squash(testtool.Text(t, writePDF(t, rv, dir, pdf.Options{})))
			for _, code := range []fupan.Code{fupan.CodeCauseSurface, fupan.CodeAchievedNoExperience, fupan.CodeAcceptanceNotMeasurable} {
				if !strings.Contains(text, "["+string(code)+"]") {
					t.Errorf("the report's findings do not show %s:\n%s", code, text)
				}
			}
			// The hint of cause-surface in the workbook's language: its seed example.
			example := map[fupan.Lang]string{fupan.Simplified: "产品卖点未匹配客户核心需求", fupan.Traditional: "產品賣點未匹配客戶核心需求", fupan.English: "customers'coreneeds"}[l]
			if !strings.Contains(text, example) {
				t.Errorf("the report has no hint with %q:\n%s", example, text)
			}

			seedDir := t.TempDir()
			seedSrc := filepath.Join(seedDir, b.file)
			if err := xlsx.Build(seedSrc, samples.PerSheet(b.seed())); err != nil {
				t.Fatal(err)
			}
			seedPage1 := squash(testtool.Text(t, writePDF(t, review(t, seedSrc), seedDir, pdf.Options{}), "-l", "1"))
			page1 := squash(testtool.Text(t, writePDF(t, rv, dir, pdf.Options{}), "-l", "1"))
			h := fupan.Headlines(rv)
			verdict := squash(catalog.F(l, "verdict.metrics", h.Met, h.Metrics))
			if l == fupan.English {
				verdict = strings.ToUpper(verdict[:1]) + verdict[1:]
			}
			if !strings.Contains(seedPage1, verdict) || !strings.Contains(page1, verdict) {
				t.Errorf("page 1's verdict %q differs from the seed's:\n%s\n%s", verdict, page1, seedPage1)
			}
			i, j := strings.Index(page1, verdict), strings.Index(seedPage1, verdict)
			if i < 0 || j < 0 {
				return
			}
			// The sentence runs to the key figures' heading, the same in both.
			end := squash(catalog.T(l, "summary"))
			a, c := page1[i:], seedPage1[j:]
			if k := strings.Index(a, end); k >= 0 {
				a = a[:k]
			}
			if k := strings.Index(c, end); k >= 0 {
				c = c[:k]
			}
			if a != c || !strings.Contains(a, squash(catalog.F(l, "verdict.milestones", h.Milestones, h.OffTrack))) {
				t.Errorf("page 1's verdict changed with the quality findings:\n%s\nthe seed's:\n%s", a, c)
			}
		})
	}
}
