package xlsx

import (
	"fmt"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/templates"
	"github.com/xuri/excelize/v2"
)

// maxListed is how many findings, and how many points of each part, the
// conclusion sheet lists with links.
const maxListed = 5000

// Conclusion sheet cell styles.
type cStyle int

const (
	cTitle cStyle = iota
	cSection
	cLabel
	cText
	cLink
	cError
	cWarning
	cInfo
	cStyles // how many
)

// cCell is one cell of the conclusion sheet.
type cCell struct {
	col   int
	text  string
	style cStyle
	link  string // a location in the workbook ('Sheet'!B3) the cell jumps to
}

// cRow is one row of the conclusion sheet; merged rows span columns A to C.
type cRow struct {
	row    int
	cells  []cCell
	merged bool
}

// conclusionWidths are the widths of columns A to C.
var conclusionWidths = [3]float64{26, 62, 16}

// conclusionName is the conclusion sheet's name, unused in the workbook.
func conclusionName(l fupan.Lang, exists func(string) bool) string {
	name := templates.L(l, "conclusion")
	for i := 2; exists(name); i++ {
		name = fmt.Sprintf("%s %d", templates.L(l, "conclusion"), i)
	}
	return name
}

// conclusionRows is the 复盘结论 sheet: review facts, key figures, highlights,
// points to improve, root causes, directions and every finding with a link to
// its cell.
func conclusionRows(rv *fupan.Review, l fupan.Lang, now time.Time) []cRow {
	var rows []cRow
	row := 0
	line := func(label, value string) *cRow {
		row++
		rows = append(rows, cRow{row: row, cells: []cCell{{col: 1, text: label, style: cLabel}, {col: 2, text: value, style: cText}}})
		return &rows[len(rows)-1]
	}
	section := func(title string) {
		row += 2
		rows = append(rows, cRow{row: row, merged: true, cells: []cCell{{col: 1, text: title, style: cSection}}})
	}
	linkTo := func(r *cRow, to fupan.Ref) {
		if to.Sheet == "" || to.Row == 0 {
			return
		}
		r.cells = append(r.cells, cCell{col: 3, text: to.String(), style: cLink, link: "'" + to.Sheet + "'!" + to.Cell()})
	}

	title := templates.L(l, "conclusion")
	if rv.Meta.Team != "" {
		title += " · " + rv.Meta.Team
	}
	if rv.Meta.Period != "" {
		title += " · " + rv.Meta.Period
	}
	row = 1
	rows = append(rows, cRow{row: 1, merged: true, cells: []cCell{{col: 1, text: title, style: cTitle}}})
	row++
	for _, kv := range [][2]string{
		{templates.L(l, "team"), rv.Meta.Team},
		{templates.L(l, "period"), rv.Meta.Period},
		{templates.L(l, "reviewer"), rv.Meta.Reviewer},
		{templates.L(l, "source"), rv.File},
		{templates.L(l, "date"), now.Format("2006-01-02")},
	} {
		if kv[1] != "" {
			line(kv[0], kv[1])
		}
	}

	section(templates.L(l, "summary"))
	for _, fig := range templates.KeyFigures(rv, l) {
		line(fig.Label, fig.Value)
	}

	con := fupan.Conclude(rv)
	for _, part := range []struct {
		key    string
		points []fupan.Point
	}{
		{"highlights", con.Highlights}, {"improve", con.Improve},
		{"root.causes", con.RootCauses}, {"directions", con.Directions},
	} {
		section(templates.L(l, part.key))
		if len(part.points) == 0 {
			line(templates.L(l, "none"), "")
		}
		points := part.points
		if len(points) > maxListed {
			points = points[:maxListed]
		}
		for _, p := range points {
			linkTo(line(p.Title, p.Detail), p.Ref)
		}
	}

	section(templates.L(l, "findings"))
	if len(rv.Findings) == 0 {
		line(templates.L(l, "no.findings"), "")
	}
	// A sheet takes at most 65,530 links; a workbook with more findings than
	// maxListed lists the first and says how many more `fupan validate` shows.
	shown := rv.Findings
	if len(shown) > maxListed {
		shown = shown[:maxListed]
	}
	sevStyle := map[fupan.Severity]cStyle{fupan.SevError: cError, fupan.SevWarning: cWarning, fupan.SevInfo: cInfo}
	for _, fd := range shown {
		msg := fd.Message
		if fd.Hint != "" {
			msg += "\n" + fd.Hint
		}
		r := line(templates.L(l, "severity."+string(fd.Severity))+" · "+string(fd.Code), msg)
		r.cells[0].style = sevStyle[fd.Severity]
		linkTo(r, fd.Ref)
	}
	if n := len(rv.Findings) - len(shown); n > 0 {
		line(fmt.Sprintf(l.Pick("另有 %d 条未列出", "另有 %d 條未列出", "%d more not listed"), n),
			l.Pick("运行 fupan validate 查看全部", "執行 fupan validate 查看全部", "run fupan validate to see them all"))
	}
	return rows
}

// conclusionSheet adds the 复盘结论 sheet through excelize. It prints on A4,
// one page wide, with its title row frozen.
func (rw *reviewWriter) conclusionSheet(rv *fupan.Review, now time.Time) error {
	f := rw.f
	name := conclusionName(rw.lang, func(n string) bool { return sheetExists(f, n) })
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	st, err := newConclusionStyles(f)
	if err != nil {
		return err
	}
	for _, r := range conclusionRows(rv, rw.lang, now) {
		if r.merged {
			if err := f.MergeCell(name, fmt.Sprintf("A%d", r.row), fmt.Sprintf("C%d", r.row)); err != nil {
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
	solid := func(rgb string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}} }
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
