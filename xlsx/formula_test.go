package xlsx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// rezip copies a package, editing the parts edit names (edit gets the
// part's bytes, nil for a part it adds).
func rezip(t *testing.T, src, dst string, edit map[string]func([]byte) []byte) {
	t.Helper()
	done := map[string]bool{}
	var extra [][2]string
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		done[f.Name] = true
	}
	_ = zr.Close()
	for name, e := range edit {
		if !done[name] {
			extra = append(extra, [2]string{name, string(e(nil))})
		}
	}
	repack(t, src, dst, func(name string, b []byte) (string, []byte) {
		if e, ok := edit[name]; ok {
			return name, e(b)
		}
		return name, b
	}, extra...)
}

// part reads one part of a package.
func part(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			_ = rc.Close()
			return string(b)
		}
	}
	return ""
}

// sharedFormulaWorkbook is the seed with numeric targets and actuals in its
// outcome table and 达成率 as Excel writes a filled-down formula: a shared
// formula whose master is D3 (ref D3:D5), D4 and D5 sharing it, cached values
// of which the master's and D5's are stale, and a calcChain naming all three.
func sharedFormulaWorkbook(t *testing.T, dir string) string {
	t.Helper()
	edited := editedSample(t, "../samples/华东销售部_2025Q3.xlsx", t.TempDir(), func(f *excelize.File) error {
		for cell, v := range map[string]float64{"B3": 100, "C3": 90, "B4": 200, "C4": 168, "B5": 50, "C5": 60} {
			if err := f.SetCellValue("成果", cell, v); err != nil {
				return err
			}
		}
		return nil
	})
	cells := map[string]string{
		"D3": `<c r="D3"><f t="shared" ref="D3:D5" si="0">C3/B3</f><v>0.7</v></c>`,
		"D4": `<c r="D4"><f t="shared" si="0"/><v>0.84</v></c>`,
		"D5": `<c r="D5"><f t="shared" si="0"/><v>0.5</v></c>`,
	}
	out := filepath.Join(dir, "共享公式_2025Q3.xlsx")
	rezip(t, edited, out, map[string]func([]byte) []byte{
		"xl/worksheets/sheet3.xml": func(b []byte) []byte {
			for ref, c := range cells {
				b = regexp.MustCompile(`<c r="`+ref+`"[^>]*>.*?</c>`).ReplaceAll(b, []byte(c))
			}
			return b
		},
		"xl/calcChain.xml": func([]byte) []byte {
			return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
				`<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="D3" i="3"/><c r="D4"/><c r="D5"/></calcChain>`)
		},
		"xl/_rels/workbook.xml.rels": func(b []byte) []byte {
			return bytes.Replace(b, []byte("</Relationships>"), []byte(`<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>`), 1)
		},
		"[Content_Types].xml": func(b []byte) []byte {
			return bytes.Replace(b, []byte("</Types>"), []byte(`<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>`), 1)
		},
	})
	return out
}

// A team's formulas are never replaced: replacing the master of a shared
// formula left D4:D5 pointing at nothing and calcChain naming a formula that
// was gone (LibreOffice showed D5 blank, Excel offered to repair). Kept, the
// one whose value is not fupan's is marked with a note of fupan's figure.
func TestReviewedKeepsSharedFormulas(t *testing.T) {
	src := sharedFormulaWorkbook(t, t.TempDir())
	for writer, write := range reviewedWriters {
		t.Run(writer, func(t *testing.T) {
			dir := t.TempDir()
			out, rv := writeReviewedWith(t, src, dir, write)
			if rv.HasErrors() {
				t.Fatalf("the workbook has errors: %v", rv.Findings)
			}
			// excelize writes <f …></f> where Excel writes <f …/>: the same.
			sheet := part(t, out, "xl/worksheets/sheet3.xml")
			for _, want := range []string{`<f t="shared" ref="D3:D5" si="0">C3/B3</f><v>0.7</v>`, `<f t="shared" si="0"\s*(/>|></f>)<v>0.84</v>`, `<f t="shared" si="0"\s*(/>|></f>)<v>0.5</v>`} {
				if !regexp.MustCompile(want).MatchString(sheet) {
					t.Errorf("the team's formula cell %s is gone", want)
				}
			}
			chain := regexp.MustCompile(`<c r="(D\d)"`)
			if got, want := chain.FindAllString(part(t, out, "xl/calcChain.xml"), -1), chain.FindAllString(part(t, src, "xl/calcChain.xml"), -1); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("calcChain names %v; want %v", got, want)
			}
			f := open(t, out)
			for ref, want := range map[string]string{"D3": "C3/B3", "D4": "C4/B4", "D5": "C5/B5"} {
				if got, _ := f.GetCellFormula("成果", ref); got != want {
					t.Errorf("成果!%s formula %q; want %q", ref, got, want)
				}
			}
			notes := strings.Join(noteTexts(t, f, "成果"), "\n")
			for _, want := range []string{"D3:", "=C3/B3 (70%)", "90%", "D5:", "50%", "120%"} {
				if !strings.Contains(notes, want) {
					t.Errorf("the notes on D3 and D5 do not say %q:\n%s", want, notes)
				}
			}
			compareWorkbooks(t, src, out, computedCells(rv))
		})
	}
}

// LibreOffice reads the kept shared formula in every cell of its range.
func TestReviewedSharedFormulasInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	dir := t.TempDir()
	out, _ := writeReviewed(t, sharedFormulaWorkbook(t, dir), dir)
	conv := filepath.Join(dir, "lo")
	if err := os.MkdirAll(conv, 0o755); err != nil {
		t.Fatal(err)
	}
	f := open(t, testtool.Soffice(t, out, "xlsx", conv))
	for ref, want := range map[string]string{"D3": "C3/B3", "D4": "C4/B4", "D5": "C5/B5"} {
		got, _ := f.GetCellFormula("成果", ref)
		v, _ := f.GetCellValue("成果", ref, excelize.Options{RawCellValue: true})
		if got != want || v == "" {
			t.Errorf("after LibreOffice, 成果!%s: formula %q value %q; want %q and a value", ref, got, v, want)
		}
	}
}

// A column fupan adds after a table never writes over what the team put
// beside it, and leaves an Excel table (ListObject), conditional formats and
// validations as they were, ranges and all.
func TestReviewedAddedColumnBesideTeamWork(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	for i := range r.Outcome.Rows {
		r.Outcome.Rows[i] = append(r.Outcome.Rows[i][:3], r.Outcome.Rows[i][4:]...)
	}
	r.Outcome.Header = append(r.Outcome.Header[:3], r.Outcome.Header[4:]...)
	built := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(built, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	src := editedSample(t, built, t.TempDir(), func(f *excelize.File) error {
		if err := f.AddTable("成果", &excelize.Table{Range: "A2:E5", Name: "成果表", StyleName: "TableStyleLight9"}); err != nil {
			return err
		}
		red, err := f.NewConditionalStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006"}})
		if err != nil {
			return err
		}
		if err := f.SetConditionalFormat("成果", "A3:J20", []excelize.ConditionalFormatOptions{{Type: "cell", Criteria: "<", Format: &red, Value: "0"}}); err != nil {
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "F3:F5"
		if err := dv.SetDropList([]string{"是", "否"}); err != nil {
			return err
		}
		if err := f.AddDataValidation("成果", dv); err != nil {
			return err
		}
		return f.SetCellValue("成果", "F4", "见附件") // the team's note beside the table
	})
	for writer, write := range reviewedWriters {
		t.Run(writer, func(t *testing.T) {
			out, rv := writeReviewedWith(t, src, t.TempDir(), write)
			if rv.HasErrors() {
				t.Fatalf("errors: %v", rv.Findings)
			}
			allowed := map[string]bool{}
			for k := range computedCells(rv) {
				if !strings.HasPrefix(k, "成果!") { // the tracking table's 偏差率
					allowed[k] = true
				}
			}
			for _, c := range []string{"G2", "G3", "G4", "G5"} {
				allowed["成果!"+c] = true
			}
			compareWorkbooks(t, src, out, allowed)
			f := open(t, out)
			for cell, want := range map[string]string{"F4": "见附件", "G2": "达成率", "G4": "84.0%"} {
				if v, _ := f.GetCellValue("成果", cell); v != want {
					t.Errorf("成果!%s = %q; want %q", cell, v, want)
				}
			}
			tables, err := f.GetTables("成果")
			if err != nil || len(tables) != 1 || tables[0].Range != "A2:E5" || tables[0].Name != "成果表" {
				t.Errorf("the Excel table: %+v %v", tables, err)
			}
			cf, err := f.GetConditionalFormats("成果")
			if _, ok := cf["A3:J20"]; err != nil || !ok {
				t.Errorf("conditional formats %v %v", cf, err)
			}
			dvs, err := f.GetDataValidations("成果")
			if err != nil || len(dvs) != 1 || dvs[0].Sqref != "F3:F5" {
				t.Errorf("validations %+v %v", dvs, err)
			}
		})
	}
	if testing.Short() {
		return
	}
	out, _ := writeReviewed(t, src, t.TempDir())
	conv := t.TempDir()
	f := open(t, testtool.Soffice(t, out, "xlsx", conv))
	if tables, _ := f.GetTables("成果"); len(tables) != 1 || tables[0].Range != "A2:E5" {
		t.Errorf("after LibreOffice, the Excel table: %+v", tables)
	}
}

// The conclusion sheet prints whole: a row of a long detail is as high as
// its wrapped lines (LibreOffice printed a 600-character cause on one line),
// within Excel's 409 points.
func TestConclusionRowsFitTheirText(t *testing.T) {
	r := samples.SeedSimplifiedCopy()
	r.Outcome.Rows[1][4] = strings.Repeat("线上推广素材吸引力不足,点击率仅2.5%。", 30) // 600 characters
	src := filepath.Join(t.TempDir(), "华东销售部_2025Q3.xlsx")
	if err := xlsx.Build(src, samples.PerSheet(r)); err != nil {
		t.Fatal(err)
	}
	for writer, write := range reviewedWriters {
		out, _ := writeReviewedWith(t, src, t.TempDir(), write)
		f := open(t, out)
		sheet := f.GetSheetList()[len(f.GetSheetList())-1]
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for i, row := range rows {
			if len(row) > 1 && strings.Contains(row[1], "点击率仅2.5%。线上推广") {
				found = true
				h, err := f.GetRowHeight(sheet, i+1)
				// 600 Han characters, two units each, in a column 61 units wide: 20 lines.
				if err != nil || h < 15*19 || h > 409 {
					t.Errorf("%s: the row of the 600-character cause is %v points high (%v); want its 20 lines", writer, h, err)
				}
			}
		}
		if !found {
			t.Errorf("%s: the cause is not on the conclusion sheet", writer)
		}
	}
}
