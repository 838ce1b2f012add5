package xlsx_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// writeReviewed writes the reviewed workbook of src into dir and returns its
// path and the review.
func writeReviewed(t *testing.T, src, dir string) (string, *fupan.Review) {
	t.Helper()
	return writeReviewedWith(t, src, dir, xlsx.WriteReviewed)
}

type reviewedWriter func(ctx context.Context, w io.Writer, data []byte, rv *fupan.Review, opts xlsx.ReviewedOptions) error

// Both writers of the reviewed workbook: the direct one, and excelize for the
// packages the direct one leaves to it; and the direct one from the package
// the reader kept, as a run writes it.
var reviewedWriters = map[string]reviewedWriter{
	"direct": xlsx.WriteReviewed,
	"excelize": func(ctx context.Context, w io.Writer, data []byte, rv *fupan.Review, opts xlsx.ReviewedOptions) error {
		return xlsx.WriteReviewedExcelize(ctx, w, data, rv, opts.Now)
	},
	"source": writeFromSource,
}

func writeFromSource(ctx context.Context, w io.Writer, data []byte, rv *fupan.Review, opts xlsx.ReviewedOptions) error {
	_, src, err := xlsx.NewReader(opts.Reader).ReadSource(ctx, rv.File, data)
	if err != nil {
		return err
	}
	return src.WriteReviewed(ctx, w, rv, opts)
}

// Writing from the package the reader kept gives the same bytes as opening
// the workbook again, however often it is written.
func TestReviewedFromSourceSameBytes(t *testing.T) {
	now := time.Date(2025, 10, 8, 9, 0, 0, 0, time.Local)
	for _, src := range []string{"../samples/華東銷售部_2025Q3.xlsx", "../samples/East-China-Sales_2025Q3.xlsx", "testdata/libreoffice/華東銷售部_2025Q3.xlsx"} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		rv := readReview(t, src)
		var again, kept bytes.Buffer
		if err := xlsx.WriteReviewed(context.Background(), &again, data, rv, xlsx.ReviewedOptions{Now: now}); err != nil {
			t.Fatal(err)
		}
		if err := writeFromSource(context.Background(), &kept, data, rv, xlsx.ReviewedOptions{Now: now}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), kept.Bytes()) {
			t.Errorf("%s: %d bytes from the kept package, %d from opening it again", src, kept.Len(), again.Len())
		}
		// Writing changes nothing the Source keeps: a second copy is the same.
		_, source, err := xlsx.NewReader(xlsx.Options{}).ReadSource(context.Background(), src, data)
		if err != nil {
			t.Fatal(err)
		}
		var first, second bytes.Buffer
		for _, b := range []*bytes.Buffer{&first, &second} {
			if err := source.WriteReviewed(context.Background(), b, rv, xlsx.ReviewedOptions{Now: now}); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) || !bytes.Equal(second.Bytes(), again.Bytes()) {
			t.Errorf("%s: writing twice from one Source gave %d and %d bytes; want the same %d", src, first.Len(), second.Len(), again.Len())
		}
	}
}

func writeReviewedWith(t *testing.T, src, dir string, write reviewedWriter) (string, *fupan.Review) {
	t.Helper()
	rv := readReview(t, src)
	out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), ".xlsx")+".reviewed.xlsx")
	var buf bytes.Buffer
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(context.Background(), &buf, data, rv, xlsx.ReviewedOptions{Now: time.Date(2025, 10, 8, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, rv
}

// computedCells are the cells fupan may change: the computed columns' cells of
// the rows it computed, and the header of a column it added.
func computedCells(rv *fupan.Review) map[string]bool {
	m := map[string]bool{}
	mark := func(id fupan.TableID, c fupan.Col, rows []int) {
		loc, ok := rv.Loc(id)
		if !ok {
			return
		}
		col, has := loc.Columns[c]
		if !has {
			col = loc.LastCol + 1
			m[fupan.Ref{Sheet: loc.Sheet, Row: loc.HeaderRow, Col: col}.String()] = true
		}
		for _, r := range rows {
			m[fupan.Ref{Sheet: loc.Sheet, Row: r, Col: col}.String()] = true
		}
	}
	var rows []int
	for _, o := range rv.Outcomes {
		if o.Achievement != nil {
			rows = append(rows, o.Ref.Row)
		}
	}
	mark(fupan.OutcomeTable, fupan.ColAchievement, rows)
	rows = nil
	for _, tr := range rv.Tracking {
		if tr.Deviation != nil {
			rows = append(rows, tr.Ref.Row)
		}
	}
	mark(fupan.TrackingTable, fupan.ColDeviation, rows)
	return m
}

func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// compareWorkbooks checks that every cell of every sheet of in is in out with
// the same value, formula and style, but for the allowed cells; and that merged
// cells, validations, widths and defined names are kept.
func compareWorkbooks(t *testing.T, inPath, outPath string, allowed map[string]bool) (changed []string) {
	t.Helper()
	in, out := open(t, inPath), open(t, outPath)
	for _, sheet := range in.GetSheetList() {
		rowsIn, err := in.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			if _, oerr := out.GetRows(sheet, excelize.Options{RawCellValue: true}); oerr == nil {
				t.Errorf("sheet %s: excelize could not read it (%v) and now can", sheet, err)
			}
			continue // a chart sheet: no cells
		}
		rowsOut, err := out.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("sheet %s missing from the output: %v", sheet, err)
		}
		maxRow, maxCol := max(len(rowsIn), len(rowsOut)), 0
		for _, r := range append(rowsIn, rowsOut...) {
			maxCol = max(maxCol, len(r))
		}
		for r := 1; r <= maxRow; r++ {
			for c := 1; c <= maxCol; c++ {
				ref, _ := excelize.CoordinatesToCellName(c, r)
				key := fupan.Ref{Sheet: sheet, Row: r, Col: c}.String()
				vi, _ := in.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				vo, _ := out.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
				fi, _ := in.GetCellFormula(sheet, ref)
				fo, _ := out.GetCellFormula(sheet, ref)
				si, _ := in.GetCellStyle(sheet, ref)
				so, _ := out.GetCellStyle(sheet, ref)
				if vi == vo && fi == fo && si == so {
					continue
				}
				if allowed[key] {
					changed = append(changed, key)
					continue
				}
				t.Errorf("%s changed: value %q→%q formula %q→%q style %d→%d", key, vi, vo, fi, fo, si, so)
			}
		}
		mi, _ := in.GetMergeCells(sheet)
		mo, _ := out.GetMergeCells(sheet)
		if fmt.Sprint(mi) != fmt.Sprint(mo) {
			t.Errorf("%s: merged cells %v became %v", sheet, mi, mo)
		}
		di, _ := in.GetDataValidations(sheet)
		do, _ := out.GetDataValidations(sheet)
		if len(di) != len(do) {
			t.Errorf("%s: %d data validations became %d", sheet, len(di), len(do))
		}
		for c := 1; c <= maxCol; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			wi, _ := in.GetColWidth(sheet, name)
			wo, _ := out.GetColWidth(sheet, name)
			if wi != wo && !allowedColumn(allowed, sheet, name) {
				t.Errorf("%s: width of column %s %v became %v", sheet, name, wi, wo)
			}
		}
	}
	if fmt.Sprint(in.GetDefinedName()) != fmt.Sprint(out.GetDefinedName()) {
		t.Errorf("defined names %v became %v", in.GetDefinedName(), out.GetDefinedName())
	}
	return changed
}

func allowedColumn(allowed map[string]bool, sheet, col string) bool {
	for k := range allowed {
		if strings.HasPrefix(k, sheet+"!"+col) || strings.HasPrefix(k, "'"+sheet+"'!"+col) {
			return true
		}
	}
	return false
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// filledTemplate is the template as a team fills it in Excel: the seed typed
// under the headers, a defined name added.
func filledTemplate(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "华东销售部_2025Q3.xlsx")
	if err := batch.WriteAtomic(path, func(f *os.File) error { return xlsx.WriteTemplate(f, fupan.Simplified) }); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	seed := samples.SeedSimplified()
	for i, spec := range wording.Template() {
		if i >= len(seed.Tables()) {
			break // the seed has no table 5: the team leaves it blank
		}
		sheet := catalog.T(fupan.Simplified, spec.Sheet)
		tbl := seed.Tables()[i]
		for r, row := range tbl.Rows {
			for c, col := range spec.Columns {
				// The seed's columns are the template's, in order, bar the new optional ones.
				idx := -1
				for k, h := range tbl.Header {
					if got, _, ok := fupan.MatchHeader(spec.ID, h); ok && got == col.Col {
						idx = k
					}
				}
				if idx < 0 || row[idx] == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+3)
				if err := f.SetCellStr(sheet, ref, row[idx]); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SetCellStr("复盘信息", "B1", "华东销售部"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "目标区域", RefersTo: "'表1 执行计划'!$A$3:$A$5"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReviewedWorkbook(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{
		"../samples/華東銷售部_2025Q3.xlsx",
		"../samples/华东销售部_2025Q3.xlsx",
		"../samples/East-China-Sales_2025Q3.xlsx",
		"../samples/华东销售部-单表_2025Q3.xlsx",
		"../samples/华东销售部-日期格式_2025Q3.xlsx",
		"testdata/libreoffice/華東銷售部_2025Q3.xlsx",
		filledTemplate(t, dir),
	}
	for _, src := range inputs {
		for writer, write := range reviewedWriters {
			t.Run(writer+"/"+filepath.Base(src), func(t *testing.T) {
				checkReviewed(t, src, write)
			})
		}
	}
}

func checkReviewed(t *testing.T, src string, write reviewedWriter) {
	t.Helper()
	before := sum(t, src)
	out, rv := writeReviewedWith(t, src, t.TempDir(), write)
	if sum(t, src) != before {
		t.Fatal("the input file was changed")
	}
	changed := compareWorkbooks(t, src, out, computedCells(rv))
	if len(changed) == 0 {
		t.Error("no computed cell was filled")
	}
	// The output reads back to the same figures, now with the computed
	// deviation stated in the workbook.
	back := readReview(t, out)
	lang := rv.Meta.Lang
	checkSeedOutcomes(t, back)
	if back.Meta.Lang != lang {
		t.Errorf("language %s read back as %s", lang, back.Meta.Lang)
	}
	for _, f := range back.Findings {
		if f.Code == fupan.CodeStatedDeviation || f.Code == fupan.CodeStatedAchievement {
			t.Errorf("the reviewed workbook still differs from its own figures: %v", f)
		}
	}
	// The note keeps the team's -6.5%.
	f := open(t, out)
	loc, _ := rv.Loc(fupan.TrackingTable)
	notes := noteTexts(t, f, loc.Sheet)
	found := false
	for _, text := range notes {
		found = found || strings.Contains(text, "-6.5%") && strings.Contains(text, "-9.7%")
	}
	if !found {
		t.Errorf("no note with the team's -6.5%% and the computed -9.7%% on %s: %q", loc.Sheet, notes)
	}
	if idx, _ := f.GetSheetIndex(catalog.T(lang, "conclusion")); idx < 0 {
		t.Errorf("no conclusion sheet %q: %v", catalog.T(lang, "conclusion"), f.GetSheetList())
	}
}

// noteTexts are a sheet's notes as "cell: text", runs joined.
func noteTexts(t *testing.T, f *excelize.File, sheet string) []string {
	t.Helper()
	comments, err := f.GetComments(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, c := range comments {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		texts = append(texts, c.Cell+": "+text)
	}
	return texts
}

func checkSeedOutcomes(t *testing.T, rv *fupan.Review) {
	t.Helper()
	for i, o := range rv.Outcomes {
		if o.Achievement == nil || !near(*o.Achievement, seed.achievements[i]) || o.StatedAchievement == nil || !near(*o.StatedAchievement, seed.achievements[i]) {
			t.Errorf("outcomes[%d]: achievement %v stated %v; want %v", i, deref(o.Achievement), deref(o.StatedAchievement), seed.achievements[i])
		}
	}
	for i, tr := range rv.Tracking {
		if tr.StatedDeviation == nil || !near(*tr.StatedDeviation, seed.deviations[i]) {
			t.Errorf("tracking[%d]: stated deviation %v; want the computed %v filled in", i, deref(tr.StatedDeviation), seed.deviations[i])
		}
	}
}

// A table without the computed column gets one, after its last column.
func TestReviewedAddsColumn(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	for i := range r.Outcome.Rows {
		r.Outcome.Rows[i] = append(r.Outcome.Rows[i][:3], r.Outcome.Rows[i][4:]...)
	}
	r.Outcome.Header = append(r.Outcome.Header[:3], r.Outcome.Header[4:]...)
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	out, rv := writeReviewed(t, src, t.TempDir())
	compareWorkbooks(t, src, out, computedCells(rv))
	f := open(t, out)
	if v, _ := f.GetCellValue("成果", "F2"); v != "达成率" {
		t.Errorf("成果!F2 = %q; want the added 达成率 header", v)
	}
	if v, _ := f.GetCellValue("成果", "F4"); v != "84.0%" {
		t.Errorf("成果!F4 = %q; want 84.0%%", v)
	}
}

// LibreOffice opens the reviewed workbook without repair and shows the filled
// values and the conclusion.
func TestReviewedOpensInLibreOffice(t *testing.T) {
	testtool.Require(t, "soffice")
	dir := t.TempDir()
	for _, src := range []string{"../samples/華東銷售部_2025Q3.xlsx", "testdata/libreoffice/華東銷售部_2025Q3.xlsx"} {
		out, _ := writeReviewed(t, src, dir)
		pdf := testtool.Soffice(t, out, "pdf", t.TempDir())
		// Where LibreOffice breaks a line depends on the fonts it finds, and
		// pdftotext drops the hyphen a line ends with: the text is compared
		// without its line breaks and spaces, a code also without hyphens.
		text := strings.Join(strings.Fields(testtool.Text(t, pdf)), "")
		unhyphen := strings.NewReplacer("-", "", "\u00ad", "")
		for _, want := range []string{"90.0%", "84.0%", "120.0%", "-9.7%", "+20.0%", "復盤結論", "關鍵數據", "亮點", "根本原因", "stated-deviation-differs"} {
			found := strings.Contains(text, want)
			if strings.Count(want, "-") > 1 { // a finding's code, broken at a hyphen
				found = found || strings.Contains(unhyphen.Replace(text), unhyphen.Replace(want))
			}
			if !found {
				t.Errorf("%s as PDF by LibreOffice lacks %q", filepath.Base(out), want)
			}
		}
	}
}

// A team's formula that gives the right value stays, restyled.
func TestReviewedKeepsRightFormulas(t *testing.T) {
	out, _ := writeReviewed(t, "../samples/华东销售部-日期格式_2025Q3.xlsx", t.TempDir())
	f := open(t, out)
	if formula, _ := f.GetCellFormula("成果复盘", "D2"); formula != "C2/B2" {
		t.Errorf("成果复盘!D2 formula %q; want the team's C2/B2 kept", formula)
	}
	if v, _ := f.GetCellValue("成果复盘", "D2"); v != "90.0%" {
		t.Errorf("成果复盘!D2 shows %q", v)
	}
}

// A 20,000-row table's column is patched into the sheet (see patch.go) and
// reads back whole, every other cell unchanged.
func TestReviewedBigTable(t *testing.T) {
	if testing.Short() {
		t.Skip("a 20,000-row table")
	}
	r := samples.SeedSimplifiedCopy()
	row := r.Track.Rows[1]
	for i := 0; i < 20000; i++ {
		nr := append([]string{}, row...)
		nr[0], nr[3] = fmt.Sprintf("里程碑%05d", i), ""
		r.Track.Rows = append(r.Track.Rows, nr)
	}
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	out, rv := writeReviewed(t, src, t.TempDir())
	compareWorkbooks(t, src, out, computedCells(rv))
	back := readReview(t, out)
	for i, tr := range back.Tracking {
		if tr.Deviation == nil || tr.StatedDeviation == nil || !near(*tr.Deviation, *tr.StatedDeviation) {
			t.Fatalf("row %d: deviation %v stated %v", i, deref(tr.Deviation), deref(tr.StatedDeviation))
		}
	}
}
