package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/xuri/excelize/v2"
)

// templateRows is how many rows of each table get hints, drop-downs and formats.
const templateRows = 200

// WriteTemplate writes the blank template teams fill, in the language.
func WriteTemplate(w io.Writer, lang fupan.Lang) error {
	f, _, err := newTemplate(lang)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the template: %w", err)
	}
	return nil
}

// newTemplate builds the blank template in a language.
func newTemplate(lang fupan.Lang) (*excelize.File, templateStyles, error) {
	f := excelize.NewFile()
	st, err := newTemplateStyles(f)
	if err != nil {
		_ = f.Close()
		return nil, st, err
	}
	if err := fillTemplate(f, lang, st); err != nil {
		_ = f.Close()
		return nil, st, err
	}
	return f, st, nil
}

func fillTemplate(f *excelize.File, lang fupan.Lang, st templateStyles) error {
	// The instructions come first: it is what a team opens the file to.
	if err := writeInstructions(f, lang, st); err != nil {
		return err
	}
	if err := writeFacts(f, lang, st); err != nil {
		return err
	}
	for _, spec := range wording.Template() {
		if err := writeTemplateTable(f, spec, lang, st); err != nil {
			return err
		}
	}
	return nil
}

// writeInstructions turns the workbook's first sheet into the instructions.
func writeInstructions(f *excelize.File, lang fupan.Lang, st templateStyles) error {
	info := catalog.T(lang, wording.InstructionsSheet)
	if err := f.SetSheetName("Sheet1", info); err != nil {
		return err
	}
	for i, line := range wording.Instructions() {
		ref := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(info, ref, wording.Text(lang, line)); err != nil {
			return err
		}
		style := st.wrap
		if i == 0 {
			style = st.title
		}
		if err := f.SetCellStyle(info, ref, ref, style); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(info, "A", "A", 110); err != nil {
		return err
	}
	// One page wide, as the tables: LibreOffice printed the lines cut at
	// the paper's edge.
	return printLandscape(f, info, "")
}

// writeFacts writes the review-facts sheet: team, period and reviewer, each
// with its hint.
func writeFacts(f *excelize.File, lang fupan.Lang, st templateStyles) error {
	facts := catalog.T(lang, wording.FactsSheet)
	if _, err := f.NewSheet(facts); err != nil {
		return err
	}
	for i, fact := range wording.Facts() {
		row := i + 1
		label, value := fmt.Sprintf("A%d", row), fmt.Sprintf("B%d", row)
		if err := f.SetCellStr(facts, label, catalog.T(lang, fact[0])); err != nil {
			return err
		}
		if err := f.SetCellStyle(facts, label, label, st.header); err != nil {
			return err
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = value
		dv.SetInput(clip(catalog.T(lang, fact[0]), 32), clip(catalog.T(lang, fact[1]), 255))
		if err := f.AddDataValidation(facts, dv); err != nil {
			return err
		}
		if err := f.SetCellStyle(facts, value, value, st.text); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(facts, "A", "A", 14); err != nil {
		return err
	}
	return f.SetColWidth(facts, "B", "B", 30)
}

func writeTemplateTable(f *excelize.File, spec wording.TableSpec, lang fupan.Lang, st templateStyles) error {
	sheet := catalog.T(lang, spec.Sheet)
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	def := fupan.TableDefOf(spec.ID)
	last, _ := excelize.ColumnNumberToName(len(spec.Columns))
	if err := f.SetCellStr(sheet, "A1", def.Title(lang)); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}
	for i, c := range spec.Columns {
		if err := writeTemplateColumn(f, sheet, i+1, def, c, lang, st); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sheet, 2, 30); err != nil {
		return err
	}
	if err := printLandscape(f, sheet, "$1:$2"); err != nil {
		return err
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
}

// writeTemplateColumn writes a column of a table's sheet: its header (a
// darker blue where required), its width, the input hint and drop-down of its cells,
// and their format (text where Excel would turn "7.31" into a number).
func writeTemplateColumn(f *excelize.File, sheet string, n int, def fupan.TableDef, c wording.ColumnSpec, lang fupan.Lang, st templateStyles) error {
	col, _ := excelize.ColumnNumberToName(n)
	cd, _ := def.Column(c.Col)
	head := col + "2"
	if err := f.SetCellStr(sheet, head, cd.Names.In(lang)); err != nil {
		return err
	}
	style := st.header
	if cd.Required {
		style = st.required
	}
	if err := f.SetCellStyle(sheet, head, head, style); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, col, col, c.Width); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s3:%s%d", col, col, templateRows+2)
	dv.SetInput(clip(cd.Names.In(lang), 32), clip(wording.Text(lang, c.Hint), 255))
	if len(c.List) > 0 {
		var items []string
		for _, l := range c.List {
			items = append(items, catalog.T(lang, l))
		}
		if err := dv.SetDropList(items); err != nil {
			return err
		}
	}
	if err := f.AddDataValidation(sheet, dv); err != nil {
		return err
	}
	bodyStyle := st.wrap
	switch {
	case c.Text:
		bodyStyle = st.text
	case c.Percent:
		bodyStyle = st.percent
	}
	return f.SetCellStyle(sheet, col+"3", fmt.Sprintf("%s%d", col, templateRows+2), bodyStyle)
}

// printLandscape makes a sheet print on A4 landscape, one page wide, with the
// rows titleRows ("$1:$2") repeated on every page: the template printed as 13
// pages of columns split from their tables.
func printLandscape(f *excelize.File, sheet, titleRows string) error {
	a4, landscape, one, zero, fit := 9, "landscape", 1, 0, true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if titleRows == "" {
		return nil
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!" + titleRows, Scope: sheet})
}

// clip shortens a text to n characters, Excel's limit for validation messages.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

type templateStyles struct {
	title, header, required, wrap, text, percent int
}

func newTemplateStyles(f *excelize.File) (templateStyles, error) {
	var st templateStyles
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	textFmt := "@"
	pctFmt := "0.0%"
	defs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F3864"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border}},
		{&st.required, excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F3864"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}, Border: border}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border}},
		{&st.text, excelize.Style{CustomNumFmt: &textFmt, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border}},
		{&st.percent, excelize.Style{CustomNumFmt: &pctFmt, Alignment: &excelize.Alignment{Vertical: "top"}, Border: border}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return st, fmt.Errorf("template style: %w", err)
		}
		*d.dst = id
	}
	return st, nil
}
