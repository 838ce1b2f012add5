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

// conclusionStyles are the styles of the conclusion sheet.
type conclusionStyles struct {
	title, section, label, text, link int
	sev                               map[string]int
}

// conclusionSheet adds the 复盘结论 sheet: review facts, key figures,
// highlights, points to improve, root causes, directions and every finding
// with a link to its cell. It prints on A4, one page wide.
func (rw *reviewWriter) conclusionSheet(rv *fupan.Review, now time.Time) error {
	f, l := rw.f, rw.lang
	name := templates.L(l, "conclusion")
	for i := 2; sheetExists(f, name); i++ {
		name = fmt.Sprintf("%s %d", templates.L(l, "conclusion"), i)
	}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	st, err := newConclusionStyles(f)
	if err != nil {
		return err
	}
	row := 0
	put := func(col int, text string, style int) error {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if err := f.SetCellStr(name, ref, text); err != nil {
			return err
		}
		return f.SetCellStyle(name, ref, ref, style)
	}
	line := func(label, value string) error {
		row++
		if err := put(1, label, st.label); err != nil {
			return err
		}
		return put(2, value, st.text)
	}
	section := func(title string) error {
		row += 2
		ref, _ := excelize.CoordinatesToCellName(1, row)
		end, _ := excelize.CoordinatesToCellName(3, row)
		if err := f.MergeCell(name, ref, end); err != nil {
			return err
		}
		return put(1, title, st.section)
	}

	row = 1
	title := templates.L(l, "conclusion")
	if rv.Meta.Team != "" {
		title += " · " + rv.Meta.Team
	}
	if rv.Meta.Period != "" {
		title += " · " + rv.Meta.Period
	}
	if err := f.MergeCell(name, "A1", "C1"); err != nil {
		return err
	}
	if err := put(1, title, st.title); err != nil {
		return err
	}
	row++
	for _, kv := range [][2]string{
		{templates.L(l, "team"), rv.Meta.Team},
		{templates.L(l, "period"), rv.Meta.Period},
		{templates.L(l, "reviewer"), rv.Meta.Reviewer},
		{templates.L(l, "source"), rv.File},
		{templates.L(l, "date"), now.Format("2006-01-02")},
	} {
		if kv[1] == "" {
			continue
		}
		if err := line(kv[0], kv[1]); err != nil {
			return err
		}
	}

	if err := section(templates.L(l, "summary")); err != nil {
		return err
	}
	for _, fig := range templates.KeyFigures(rv, l) {
		if err := line(fig.Label, fig.Value); err != nil {
			return err
		}
	}

	con := fupan.Conclude(rv)
	for _, part := range []struct {
		key    string
		points []fupan.Point
	}{
		{"highlights", con.Highlights}, {"improve", con.Improve},
		{"root.causes", con.RootCauses}, {"directions", con.Directions},
	} {
		if err := section(templates.L(l, part.key)); err != nil {
			return err
		}
		if len(part.points) == 0 {
			if err := line(templates.L(l, "none"), ""); err != nil {
				return err
			}
		}
		points := part.points
		if len(points) > maxListed {
			points = points[:maxListed]
		}
		for _, p := range points {
			if err := line(p.Title, p.Detail); err != nil {
				return err
			}
			if err := rw.link(name, 3, row, p.Ref, st.link); err != nil {
				return err
			}
		}
	}

	if err := section(templates.L(l, "findings")); err != nil {
		return err
	}
	if len(rv.Findings) == 0 {
		if err := line(templates.L(l, "no.findings"), ""); err != nil {
			return err
		}
	}
	// A sheet takes at most 65,530 links; a workbook with more findings than
	// maxListed lists the first and says how many more `fupan validate` shows.
	shown := rv.Findings
	if len(shown) > maxListed {
		shown = shown[:maxListed]
	}
	for _, fd := range shown {
		row++
		if err := put(1, templates.L(l, "severity."+string(fd.Severity))+" · "+string(fd.Code), st.sev[string(fd.Severity)]); err != nil {
			return err
		}
		msg := fd.Message
		if fd.Hint != "" {
			msg += "\n" + fd.Hint
		}
		if err := put(2, msg, st.text); err != nil {
			return err
		}
		if err := rw.link(name, 3, row, fd.Ref, st.link); err != nil {
			return err
		}
	}

	if n := len(rv.Findings) - len(shown); n > 0 {
		if err := line(fmt.Sprintf(l.Pick("另有 %d 条未列出", "另有 %d 條未列出", "%d more not listed"), n),
			l.Pick("运行 fupan validate 查看全部", "執行 fupan validate 查看全部", "run fupan validate to see them all")); err != nil {
			return err
		}
	}
	for col, w := range map[string]float64{"A": 26, "B": 62, "C": 16} {
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

// link writes a cell reference that jumps to the cell it names.
func (rw *reviewWriter) link(sheet string, col, row int, to fupan.Ref, style int) error {
	if to.Sheet == "" || to.Row == 0 {
		return nil
	}
	ref, _ := excelize.CoordinatesToCellName(col, row)
	target := to.String()
	if err := rw.f.SetCellStr(sheet, ref, target); err != nil {
		return err
	}
	if err := rw.f.SetCellHyperLink(sheet, ref, "'"+to.Sheet+"'!"+to.Cell(), "Location"); err != nil {
		return err
	}
	return rw.f.SetCellStyle(sheet, ref, ref, style)
}

func sheetExists(f *excelize.File, name string) bool {
	idx, err := f.GetSheetIndex(name)
	return err == nil && idx >= 0
}

func newConclusionStyles(f *excelize.File) (conclusionStyles, error) {
	st := conclusionStyles{sev: map[string]int{}}
	wrapTop := &excelize.Alignment{Vertical: "top", WrapText: true}
	var errStyle, warnStyle, infoStyle int
	defs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "1F3864"}}},
		{&st.section, excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}}}},
		{&st.label, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: wrapTop}},
		{&st.text, excelize.Style{Alignment: wrapTop}},
		{&st.link, excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: wrapTop}},
		{&errStyle, excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C0006"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}, Alignment: wrapTop}},
		{&warnStyle, excelize.Style{Font: &excelize.Font{Bold: true, Color: "9C5700"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}, Alignment: wrapTop}},
		{&infoStyle, excelize.Style{Font: &excelize.Font{Color: "404040"}, Alignment: wrapTop}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return st, err
		}
		*d.dst = id
	}
	st.sev[string(fupan.SevError)], st.sev[string(fupan.SevWarning)], st.sev[string(fupan.SevInfo)] = errStyle, warnStyle, infoStyle
	return st, nil
}
