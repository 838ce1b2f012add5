package xlsx_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/internal/testtool"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
)

// The template has its drop-downs, input hints, frozen headers and text
// formats for date columns, and LibreOffice opens it.
func TestTemplate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "復盤範本.xlsx")
	if err := batch.WriteAtomic(path, func(f *os.File) error { return xlsx.WriteTemplate(f, fupan.Traditional) }); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	outcome := catalog.T(fupan.Traditional, wording.Template()[2].Sheet)
	dvs, err := f.GetDataValidations(outcome)
	if err != nil {
		t.Fatal(err)
	}
	lists, hints := 0, 0
	for _, dv := range dvs {
		if dv.Type == "list" && strings.Contains(dv.Formula1, "越低越好") {
			lists++
		}
		if dv.Prompt != nil && *dv.Prompt != "" {
			hints++
		}
	}
	if lists != 1 || hints < 6 {
		t.Errorf("%s: %d direction drop-downs and %d hints", outcome, lists, hints)
	}
	panes, err := f.GetPanes(outcome)
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("header rows not frozen: %+v %v", panes, err)
	}
	plan := catalog.T(fupan.Traditional, wording.Template()[0].Sheet)
	id, _ := f.GetCellStyle(plan, "D3") // 起止時間
	st, _ := f.GetStyle(id)
	if st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "@" {
		t.Errorf("the period column is not formatted as text: Excel would turn 7.31 into a number")
	}
	testtool.Require(t, "soffice")
	text := testtool.Text(t, testtool.Soffice(t, path, "pdf", t.TempDir()))
	for _, want := range []string{"策略執行及成果復盤範本", "表1:策略執行計劃表", "驗收標準", "後續行動計劃表"} {
		if !strings.Contains(text, want) {
			t.Errorf("LibreOffice's PDF of the template lacks %q", want)
		}
	}
}

// The blank template prints as a team would print it: each table's sheet on
// A4 landscape, one page wide, its title and header rows on every page (it
// printed as 13 pages of columns split from their tables).
func TestTemplatePrints(t *testing.T) {
	path := filepath.Join(t.TempDir(), "复盘模板.xlsx")
	if err := batch.WriteAtomic(path, func(f *os.File) error { return xlsx.WriteTemplate(f, fupan.Simplified) }); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	titles := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = strings.HasSuffix(dn.RefersTo, "!$1:$2")
		}
	}
	for _, spec := range wording.Template() {
		sheet := catalog.T(fupan.Simplified, spec.Sheet)
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.Size == nil || *pl.Size != 9 {
			t.Errorf("%s: page layout %+v; want A4 landscape, one page wide", sheet, pl)
		}
		if !titles[sheet] {
			t.Errorf("%s: its header rows are not repeated on every printed page", sheet)
		}
	}
	if testing.Short() {
		return
	}
	dir := t.TempDir()
	pdfPath := testtool.Soffice(t, path, "pdf", dir)
	info := testtool.Run(t, "pdfinfo", pdfPath)
	// The facts, the instructions and the five tables: one page each.
	if !strings.Contains(info, "Pages:           7") {
		t.Errorf("the template prints on more than one page a sheet:\n%s", info)
	}
}

// The instructions sheet prints within the page, one page wide, in the
// template and in next's workbook: LibreOffice printed its lines cut at the
// paper's edge.
func TestInstructionsPrintWithinThePage(t *testing.T) {
	dir := t.TempDir()
	tmpl, next := filepath.Join(dir, "复盘模板.xlsx"), filepath.Join(dir, "华东销售部_2025Q4.xlsx")
	if err := batch.WriteAtomic(tmpl, func(f *os.File) error { return xlsx.WriteTemplate(f, fupan.Simplified) }); err != nil {
		t.Fatal(err)
	}
	if err := batch.WriteAtomic(next, func(f *os.File) error {
		return xlsx.WriteNext(f, fupan.NextReview{Lang: fupan.Simplified, Team: "华东销售部", Period: "2025Q4", From: "2025Q3"})
	}); err != nil {
		t.Fatal(err)
	}
	sheet := catalog.T(fupan.Simplified, wording.InstructionsSheet)
	for _, path := range []string{tmpl, next} {
		f := open(t, path)
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		props, err := f.GetSheetProps(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.FitToWidth == nil || *pl.FitToWidth != 1 || props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: the instructions do not print one page wide: %+v", filepath.Base(path), pl)
		}
	}
	if testing.Short() {
		return
	}
	testtool.Require(t, "pdftotext")
	// The longest instruction, whole, on the printed page.
	longest := ""
	for _, key := range wording.Instructions() {
		if s := catalog.T(fupan.Simplified, key); len(s) > len(longest) {
			longest = s
		}
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, path := range []string{tmpl, next} {
		pdfPath := testtool.Soffice(t, path, "pdf", t.TempDir())
		if page := flat(testtool.Text(t, pdfPath, "-l", "2")); !strings.Contains(page, flat(longest)) {
			t.Errorf("%s: the instruction %q is cut on the printed page:\n%s", filepath.Base(path), longest, page)
		}
	}
}
