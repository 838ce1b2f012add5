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
	"github.com/xuri/excelize/v2"
)

// rezip copies a package, editing parts (edit gets the part's bytes, nil for
// a part it adds) and adding the parts of add.
func rezip(t *testing.T, src, dst string, edit map[string]func([]byte) []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := map[string]bool{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e, ok := edit[f.Name]; ok {
			b, done[f.Name] = e(b), true
		}
		w, _ := zw.Create(f.Name)
		_, _ = w.Write(b)
	}
	for name, e := range edit {
		if !done[name] {
			w, _ := zw.Create(name)
			_, _ = w.Write(e(nil))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
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
