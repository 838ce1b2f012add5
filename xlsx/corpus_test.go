package xlsx_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/testtool"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
)

// corpusFiles are the workbooks of testdata/corpus: written by Excel and
// other programs, gathered from public test suites (see its README).
func corpusFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/corpus/*/*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("the corpus holds %d workbooks; want at least 100", len(files))
	}
	sort.Strings(files)
	return files
}

// excelizeCells reads every non-empty cell as excelize does, raw values, by
// sheet name and A1 reference.
func excelizeCells(path string) (map[string]string, error) {
	return excelizeRead(path, true)
}

// excelizeShown is every cell's text as excelize shows it, its number
// format applied.
func excelizeShown(path string) (map[string]string, error) {
	return excelizeRead(path, false)
}

func excelizeRead(path string, raw bool) (map[string]string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	cells := map[string]string{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: raw})
		if err != nil {
			continue // a chart sheet has no cells
		}
		for r, row := range rows {
			for c, v := range row {
				if v != "" {
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					cells[sheet+"!"+ref] = v
				}
			}
		}
	}
	return cells, nil
}

// excelizeWrong are the corpus files excelize misreads, and what fupan reads
// instead (the cells fupan must find).
var excelizeWrong = map[string]struct {
	why   string
	cells int
}{
	// Excel reads s="" as no style; excelize fails on the sheet and gives
	// no cells.
	"calamine/empty_s_attribute.xlsx": {`a style attribute s=""`, 10},
}

// corpusRefusals are the corpus workbooks fupan refuses, each with its
// finding's code and a part of its reason in English. The list is the whole
// of it: a workbook refused and not here, or here and read, fails the test.
var corpusRefusals = map[string]struct {
	code fupan.Code
	why  string
}{
	// Its relationships entry's local header is damaged (excelize fails too).
	"calamine/issue252.xlsx": {fupan.CodeFileUnreadable, "its part xl/_rels/workbook.xml.rels cannot be read"},
	// Protected with a password, none given.
	"calamine/pass_protected.xlsx": {fupan.CodeFileEncrypted, "no password"},
	// A Word document's parts after 219 stray bytes: damaged, not unsafe.
	"poi/clusterfuzz-testcase-minimized-POIFuzzer-5040805309710336.xlsx": {fupan.CodeFileUnreadable, "the file is damaged: its part _rels/.rels cannot be read"},
	// Excel 2007 beta: read whole or not at all (its strings are <sstItem>).
	"poi/sample-beta.xlsx": {fupan.CodeFileUnreadable, "beta of Excel 2007"},
}

// corpusCells are cells of corpus workbooks that fupan must read so, where
// excelize cannot read the file or is the reason it is in the corpus.
var corpusCells = map[string]map[string]string{
	// A formula's inline string cached in <v>, not in <is>.
	"poi/52575_main.xlsx": {"Tabelle1!A1": "10", "Tabelle1!A2": "POI rocks!", "Tabelle1!A3": "1"},
	// workbook.xml in UTF-16BE without a byte order mark (excelize fails).
	"phpspreadsheet/utf16be.xlsx": {"Sheet1!A1": "1"},
	// One cell at XFD1048576: a million empty rows above it are no million cells.
	"tidyxl/xfd1048576.xlsx": {"Sheet1!XFD1048576": "0"},
}

// corpusDamaged are the corpus workbooks of which a sheet is damaged and
// skipped, with a note, while the others are read.
var corpusDamaged = map[string][]fupan.DamagedSheet{
	// A bad CRC in one sheet of eleven.
	"poi/clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx": {{Sheet: "Exp8", Part: "xl/worksheets/sheet8.xml"}},
}

// corpusFar are the corpus workbooks with a cell so far out that their
// reviewed copy is checked at that cell, not cell by cell.
var corpusFar = map[string]string{"tidyxl/xfd1048576.xlsx": "Sheet1!XFD1048576"}

// fupan's reader and excelize read the same text in every cell of every
// workbook of the corpus, or fupan refuses the file as corpusRefusals says.
func TestCorpusReadsAsExcelize(t *testing.T) {
	refused := map[string]bool{}
	files := corpusFiles(t)
	for i, path := range files {
		name := strings.TrimPrefix(path, "testdata/corpus/")
		_, listed := corpusRefusals[name]
		if testing.Short() && i%10 != 0 && !listed && corpusCells[name] == nil && corpusDamaged[name] == nil {
			continue // -short (the race run): a tenth, and the listed ones
		}
		t.Run(name, func(t *testing.T) {
			want, xerr := excelizeCells(path)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wb, err := xlsx.NewReader(xlsx.Options{}).ReadBytes(context.Background(), path, data)
			var fe *xlsx.FileError
			switch {
			case errors.As(err, &fe):
				refused[name] = true
				w, ok := corpusRefusals[name]
				if !ok {
					t.Errorf("fupan refuses a file not in corpusRefusals: %v", err)
					return
				}
				if why := fe.Why.In(fupan.English); fe.Code != w.code || !strings.Contains(why, w.why) {
					t.Errorf("refused as %s: %q; want %s saying %q", fe.Code, why, w.code, w.why)
				}
				return
			case err != nil:
				t.Fatalf("not a finding: %v", err)
			}
			got := map[string]string{}
			for _, sh := range wb.Sheets {
				for r, row := range sh.Rows {
					for c, cell := range row {
						if cell.Text != "" && !cell.Merged {
							ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
							got[sh.Name+"!"+ref] = cell.Text
						}
					}
				}
			}
			if fmt.Sprint(wb.Damaged) != fmt.Sprint(corpusDamaged[name]) {
				t.Errorf("damaged sheets skipped %v; want %v", wb.Damaged, corpusDamaged[name])
			}
			for _, d := range wb.Damaged { // excelize reads what it can of them
				for ref := range want {
					if strings.HasPrefix(ref, d.Sheet+"!") {
						delete(want, ref)
					}
				}
			}
			for ref, w := range corpusCells[name] {
				if got[ref] != w {
					t.Errorf("%s = %q; want %q", ref, got[ref], w)
				}
			}
			if xerr != nil {
				t.Logf("excelize cannot read it (%v); fupan can", xerr)
				return
			}
			if w, ok := excelizeWrong[strings.TrimPrefix(path, "testdata/corpus/")]; ok {
				if len(got) != w.cells {
					t.Errorf("excelize misreads %s; fupan read %d cells, want %d", w.why, len(got), w.cells)
				}
				return
			}
			var diffs []string
			var shown map[string]string // excelize's text with formats applied, read when first needed
			for k, w := range want {
				if got[k] != w && shown == nil {
					shown, _ = excelizeShown(path)
				}
				if got[k] != w && !shownWithUnit(got[k], w, shown[k]) {
					diffs = append(diffs, fmt.Sprintf("%s: fupan %q, excelize %q", k, got[k], w))
				}
			}
			for k, g := range got {
				if _, ok := want[k]; !ok {
					diffs = append(diffs, fmt.Sprintf("%s: fupan %q, excelize nothing", k, g))
				}
			}
			sort.Strings(diffs)
			if len(diffs) > 0 {
				t.Errorf("%d cells differ:\n%s", len(diffs), strings.Join(diffs[:min(len(diffs), 8)], "\n"))
			}
		})
	}
	for name := range corpusRefusals {
		if !refused[name] {
			t.Errorf("%s is in corpusRefusals and was read (or is not in the corpus): take it off the list", name)
		}
	}
}

// graft adds a sheet holding the seed's four tables to a workbook, as a zip
// edit that leaves every part the workbook had as it was: the workbook then
// has something for fupan to review, and the reviewed copy must keep the rest.
func graft(t *testing.T, src, dst string) {
	t.Helper()
	r := samples.SeedSimplified()
	var rows []string
	n := 0
	cell := func(col int, text string) string {
		ref, _ := excelize.CoordinatesToCellName(col, n)
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(text))
		return `<c r="` + ref + `" t="inlineStr"><is><t>` + b.String() + `</t></is></c>`
	}
	for _, tb := range []samples.Table{r.Plan, r.Track, r.Outcome, r.Acts} {
		for _, line := range append([][]string{{tb.Title}, tb.Header}, append(tb.Rows, nil)...) {
			n++
			var cs []string
			for i, v := range line {
				if v != "" {
					cs = append(cs, cell(i+1, v))
				}
			}
			rows = append(rows, fmt.Sprintf(`<row r="%d">%s</row>`, n, strings.Join(cs, "")))
		}
	}
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + strings.Join(rows, "") + `</sheetData></worksheet>`
	sheetsEnd := regexp.MustCompile(`</([A-Za-z0-9]+:)?sheets>`)
	edited := 0
	defer func() {
		if edited != 3 {
			t.Skipf("%s: its parts are not where Excel puts them; the graft needs them there", src)
		}
	}()
	repack(t, src, dst, func(name string, b []byte) (string, []byte) {
		switch name {
		case "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml":
			edited++
		}
		switch name {
		case "xl/workbook.xml":
			if bytes.HasPrefix(b, []byte{0, '<'}) { // UTF-16BE without a byte order mark: edited as UTF-8
				u, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder().Bytes(b)
				if err != nil {
					t.Fatal(err)
				}
				b = bytes.Replace(u, []byte(`encoding="UTF-16BE"`), []byte(`encoding="UTF-8"`), 1)
			}
			m := sheetsEnd.FindSubmatchIndex(b)
			if m == nil {
				t.Fatalf("%s: no </sheets>", src)
			}
			prefix := ""
			if m[2] >= 0 {
				prefix = string(b[m[2]:m[3]])
			}
			el := `<` + prefix + `sheet name="复盘" sheetId="4242" xmlns:fr="http://schemas.openxmlformats.org/officeDocument/2006/relationships" fr:id="rIdFupanGraft"/>`
			return name, append(append(append([]byte{}, b[:m[0]]...), el...), b[m[0]:]...)
		case "xl/_rels/workbook.xml.rels":
			return name, bytes.Replace(b, []byte("</Relationships>"), []byte(`<Relationship Id="rIdFupanGraft" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/fupan_graft.xml"/></Relationships>`), 1)
		case "[Content_Types].xml":
			return name, bytes.Replace(b, []byte("</Types>"), []byte(`<Override PartName="/xl/worksheets/fupan_graft.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`), 1)
		}
		return name, b
	}, [2]string{"xl/worksheets/fupan_graft.xml", sheet})
}

// writerRefuses are the corpus workbooks of which no reviewed copy is
// written, and what the error says: a clear refusal, never a damaged copy.
var writerRefuses = map[string]string{
	// Every element of every part carries a prefix (x:c, x:font): the direct
	// writer adds unprefixed formats, and excelize fails on such styles.
	"calamine/nonstandard-xml-ns-prefix.xlsx": "does not handle",
	// Strict Open XML: excelize wrote r:id with no namespace bound to r.
	"calamine/strict_iso_paths.xlsx": "Strict Open XML",
}

// The reviewed copy of every corpus workbook, with the seed's tables grafted
// in, keeps every original cell's value, formula and style, merged ranges,
// validations, column widths and defined names, opens in excelize, and has
// the computed cells where they belong; a sample goes through LibreOffice.
func TestCorpusReviewedCopies(t *testing.T) {
	files := corpusFiles(t)
	// Every tenth reviewed copy goes through LibreOffice, all in one process
	// at the end (its start is most of a conversion's time; one process for
	// all 500 took minutes and dropped some, which one by one convert).
	loDir := t.TempDir()
	var forLO []string
	for i, path := range files {
		name := strings.TrimPrefix(path, "testdata/corpus/")
		if excelizeWrong[name].why != "" || testing.Short() && i%10 != 0 {
			continue // -short (the race run): a tenth
		}
		t.Run(name, func(t *testing.T) {
			if _, err := xlsx.ReadFile(context.Background(), path); err != nil {
				t.Skipf("fupan refuses it: %v", err)
			}
			if corpusDamaged[name] != nil {
				t.Skip("the graft cannot unpack its damaged entry")
			}
			dir := t.TempDir()
			src := filepath.Join(dir, "corpus_2025Q3.xlsx")
			graft(t, path, src)
			rv := readReview(t, src)
			if rv.HasErrors() {
				t.Fatalf("the grafted seed has errors: %v", rv.Findings)
			}
			if why, ok := writerRefuses[name]; ok {
				data, _ := os.ReadFile(src)
				for writer, write := range reviewedWriters {
					var buf bytes.Buffer
					err := write(context.Background(), &buf, data, rv, xlsx.ReviewedOptions{})
					if err == nil || !strings.Contains(err.Error(), why) {
						t.Errorf("%s: %v; want a refusal saying %q", writer, err, why)
					}
				}
				return
			}
			for writer, write := range reviewedWriters {
				// Every file through the writer a run uses (from the kept
				// Source); a fifth through the same writer opening the file
				// again, a tenth through excelize's fallback: the corpus is
				// large and the comparison cell by cell.
				if writer == "direct" && i%5 != 0 || writer == "excelize" && i%10 != 0 {
					continue
				}
				out, _ := writeReviewedWith(t, src, t.TempDir(), write)
				f := open(t, out)
				if sheet, ref, ok := strings.Cut(corpusFar[name], "!"); ok {
					// Cell by cell would be 17 billion comparisons: the one cell.
					if v, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true}); v != corpusCells[name][corpusFar[name]] {
						t.Errorf("%s: %s = %q in the copy", writer, corpusFar[name], v)
					}
				} else {
					compareWorkbooks(t, src, out, computedCells(rv))
				}
				if v, _ := f.GetCellValue("复盘", "D15"); v != "84.0%" { // 新客户获取量: 420/500
					t.Errorf("%s: 复盘!D15 = %q; want 84.0%%", writer, v)
				}
				if writer == "source" && i%10 == 0 && !testing.Short() {
					named := filepath.Join(loDir, fmt.Sprintf("%03d.xlsx", i))
					if err := os.Rename(out, named); err != nil {
						t.Fatal(err)
					}
					forLO = append(forLO, named)
				}
			}
		})
	}
	if len(forLO) == 0 {
		return
	}
	conv := filepath.Join(loDir, "lo")
	for in, out := range testtool.SofficeAll(t, forLO, "xlsx", conv) {
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Errorf("%s: LibreOffice did not convert the reviewed copy: %v", filepath.Base(in), err)
			continue
		}
		if v, _ := f.GetCellValue("复盘", "D15", excelize.Options{RawCellValue: true}); v != "0.84" {
			t.Errorf("%s: after LibreOffice, 复盘!D15 = %q; want 0.84", filepath.Base(in), v)
		}
		_ = f.Close()
	}
	t.Logf("%d reviewed copies converted by LibreOffice", len(forLO))
}

var reShownNumber = regexp.MustCompile(`-?\d+(?:\.\d+)?`)

// shownWithUnit reports whether fupan's text is excelize's raw number as its
// format shows it with a unit ($1000 for 1000 formatted $#,##0, ¥1.00): the
// one way fupan reads a cell other than as its raw value, on purpose. The
// unit is the one excelize shows (shown, its format applied); the number is
// the raw one, not rounded to the format's decimals.
func shownWithUnit(got, raw, shown string) bool {
	n, err := strconv.ParseFloat(raw, 64)
	if err != nil || got == "" {
		return false
	}
	m := reShownNumber.FindString(got)
	v, err := strconv.ParseFloat(m, 64)
	unit := strings.Replace(got, m, "", 1)
	if err != nil || !strings.ContainsFunc(unit, func(r rune) bool { return r != ' ' }) {
		return false
	}
	plain := strings.ReplaceAll(shown, ",", "")
	if strings.TrimSpace(strings.Replace(plain, reShownNumber.FindString(plain), "", 1)) != strings.TrimSpace(unit) {
		return false // a unit excelize does not show
	}
	for _, scale := range []float64{1, 1e3, 1e6, 1e9} {
		if math.Abs(v-n/scale) <= 1e-9*math.Max(1, math.Abs(v)) {
			return true
		}
	}
	return false
}
