package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/fupan-review/fupan"
	"github.com/xuri/excelize/v2"
)

// excelizeBook assembles the reviewed workbook with excelize: for packages
// the direct writer (package.go) does not handle.
type excelizeBook struct {
	f      *excelize.File
	styles map[string]int
	parts  map[string]string // sheet name → package part
}

func openExcelizeBook(s *Source) (*excelizeBook, error) {
	parts := s.wbx.sheetParts()
	plain, err := s.pkg.inUTF8(s.plain)
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(plain), excelize.Options{
		UnzipSizeLimit: s.opts.MaxUnzipSize, UnzipXMLSizeLimit: s.opts.MaxXMLSize,
	})
	if err != nil {
		return nil, err
	}
	return &excelizeBook{f: f, styles: map[string]int{}, parts: parts}, nil
}

// sheetXML is a sheet's XML as the package holds it: the reader refused any
// part larger than excelize keeps in memory, so every sheet is there.
func (b *excelizeBook) sheetXML(sheet string) ([]byte, error) {
	raw, _ := b.f.Pkg.Load(b.parts[sheet])
	x, ok := raw.([]byte)
	if !ok {
		return nil, fmt.Errorf("sheet %s: its part %q is not in the package", sheet, b.parts[sheet])
	}
	return x, nil
}

// setSheetXML stores a patched sheet: a sheet excelize has not loaded is
// saved as the bytes its package holds.
func (b *excelizeBook) setSheetXML(sheet string, x []byte) { b.f.Pkg.Store(b.parts[sheet], x) }

// maxExcelizeMerges is the most merged ranges a sheet excelize rewrites may
// have: it checks each range against every other as it saves (40,000 took
// 5.5 s, 200,000 took 249 s).
const maxExcelizeMerges = 10_000

func (b *excelizeBook) addNotes(sheet string, notes []note) error {
	// Adding a note makes excelize rewrite the sheet; the other sheets are
	// copied as their bytes are.
	if x, err := b.sheetXML(sheet); err == nil {
		if n := bytes.Count(x, []byte("mergeCell ")); n > maxExcelizeMerges {
			return fmt.Errorf("sheet %s has the team's own notes and %d merged ranges: fupan writes the notes of such a sheet only with at most %d merged ranges", sheet, n, maxExcelizeMerges)
		}
	}
	for _, n := range notes {
		if err := b.f.AddComment(sheet, excelize.Comment{Cell: n.ref, Author: "fupan", Text: n.text}); err != nil {
			return fmt.Errorf("note on %s!%s: %w", sheet, n.ref, err)
		}
	}
	return nil
}

func (b *excelizeBook) writeTo(w io.Writer) error {
	_, err := b.f.WriteTo(w)
	return err
}

// statusStyle is the cell's own style with a percent format and the status's
// fill and font colour.
func (b *excelizeBook) statusStyle(base int, status string, signed bool) (int, error) {
	key := strconv.Itoa(base) + "/" + status + "/" + strconv.FormatBool(signed)
	if id, ok := b.styles[key]; ok {
		return id, nil
	}
	st, err := b.f.GetStyle(base)
	if err != nil || st == nil {
		st = &excelize.Style{}
	}
	pct := "0.0%"
	if signed {
		pct = "+0.0%;-0.0%;0.0%"
	}
	st.NumFmt, st.CustomNumFmt = 0, &pct
	if c, ok := statusColours[status]; ok {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}}
		if st.Font == nil {
			st.Font = &excelize.Font{}
		}
		st.Font.Color = c[1]
	}
	id, err := b.f.NewStyle(st)
	if err != nil {
		return 0, fmt.Errorf("status style: %w", err)
	}
	b.styles[key] = id
	return id, nil
}

// addConclusion adds the 复盘结论 sheet. It prints on A4, one page wide, with
// its title row frozen.
func (b *excelizeBook) addConclusion(rows []cRow, lang fupan.Lang) error {
	f := b.f
	name := conclusionName(lang, func(n string) bool { return sheetExists(f, n) })
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	st, err := newConclusionStyles(f)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.merged {
			if err := f.MergeCell(name, fmt.Sprintf("A%d", r.row), fmt.Sprintf("C%d", r.row)); err != nil {
				return err
			}
		}
		if h := rowHeight(r); h > 0 {
			if err := f.SetRowHeight(name, r.row, h); err != nil {
				return err
			}
		}
		for _, c := range r.cells {
			ref, _ := excelize.CoordinatesToCellName(c.col, r.row)
			if err := f.SetCellStr(name, ref, c.text); err != nil {
				return err
			}
			if c.link != "" {
				if err := f.SetCellHyperLink(name, ref, c.link, "Location"); err != nil {
					return err
				}
			}
			if err := f.SetCellStyle(name, ref, ref, st[c.style]); err != nil {
				return err
			}
		}
	}
	for i, w := range conclusionWidths {
		col := string(rune('A' + i))
		if err := f.SetColWidth(name, col, col, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	a4, portrait, one, zero, fit := 9, "portrait", 1, 0, true
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait, FitToWidth: &one, FitToHeight: &zero})
}

func sheetExists(f *excelize.File, name string) bool {
	idx, err := f.GetSheetIndex(name)
	return err == nil && idx >= 0
}

// conclusionStyleDefs are the conclusion sheet's styles, by cStyle.
func conclusionStyleDefs() [cStyles]excelize.Style {
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	solid := func(rgb string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}
	}
	return [cStyles]excelize.Style{
		cTitle:   {Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}},
		cSection: {Font: &excelize.Font{Bold: true, Size: 12, Color: "FFFFFF"}, Fill: solid("2F5597")},
		cLabel:   {Font: &excelize.Font{Bold: true}, Alignment: wrapTop},
		cText:    {Alignment: wrapTop},
		cLink:    {Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: wrapTop},
		cError:   {Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: solid("FFC7CE"), Alignment: wrapTop},
		cWarning: {Font: &excelize.Font{Bold: true, Color: "9C5700"}, Fill: solid("FFEB9C"), Alignment: wrapTop},
		cInfo:    {Font: &excelize.Font{Color: "404040"}, Alignment: wrapTop},
	}
}

func newConclusionStyles(f *excelize.File) ([cStyles]int, error) {
	var ids [cStyles]int
	defs := conclusionStyleDefs()
	for i := range defs {
		id, err := f.NewStyle(&defs[i])
		if err != nil {
			return ids, err
		}
		ids[i] = id
	}
	return ids, nil
}
