package xlsx

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
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

// rowHeight is the height in points a conclusion row needs for its wrapped
// text: LibreOffice prints a row without one at a single line, clipping a
// long detail. Han characters are two column units wide, others one; a row
// can be at most 409 points high (Excel's limit), past which the text is in
// the cell but not all printed.
func rowHeight(r cRow) float64 {
	if r.merged {
		return 0 // the title and section rows: one line, the default height
	}
	lines := 1
	for _, c := range r.cells {
		width := conclusionWidths[min(max(c.col, 1), len(conclusionWidths))-1] - 1
		n := 0
		for _, para := range strings.Split(c.text, "\n") {
			units := 0.0
			for _, ch := range para {
				if ch >= 0x2E80 {
					units += 2
				} else {
					units++
				}
			}
			n += max(1, int(math.Ceil(units/width)))
		}
		lines = max(lines, n)
	}
	if lines == 1 {
		return 0
	}
	return min(409, float64(lines)*15+2)
}

// conclusionName is the conclusion sheet's name, unused in the workbook.
func conclusionName(l fupan.Lang, exists func(string) bool) string {
	name := catalog.T(l, "conclusion")
	for i := 2; exists(name); i++ {
		name = fmt.Sprintf("%s %d", catalog.T(l, "conclusion"), i)
	}
	return name
}

// conclusionRows is the 复盘结论 sheet: review facts, key figures, highlights,
// points to improve, root causes, directions and every finding with a link to
// its cell.
func conclusionRows(rv *fupan.Review, l fupan.Lang, now time.Time) []cRow {
	b := &sheetRows{row: 1}
	title := catalog.T(l, "conclusion")
	if rv.Meta.Team != "" {
		title += " · " + rv.Meta.Team
	}
	if rv.Meta.Period != "" {
		title += " · " + rv.Meta.Period
	}
	b.rows = append(b.rows, cRow{row: 1, merged: true, cells: []cCell{{col: 1, text: title, style: cTitle}}})
	b.row++
	for _, kv := range [][2]string{
		{catalog.T(l, "team"), rv.Meta.Team},
		{catalog.T(l, "period"), rv.Meta.Period},
		{catalog.T(l, "reviewer"), rv.Meta.Reviewer},
		{catalog.T(l, "source"), rv.File},
		{catalog.T(l, "date"), now.Format("2006-01-02")},
	} {
		if kv[1] != "" {
			b.line(kv[0], kv[1])
		}
	}
	b.section(catalog.T(l, "summary"))
	for _, fig := range wording.KeyFigures(rv, l) {
		b.line(fig.Label, fig.Value)
	}
	b.conclusion(rv, l)
	b.followup(rv, l)
	b.findings(rv, l)
	return b.rows
}

// sheetRows builds the conclusion sheet's rows, top to bottom.
type sheetRows struct {
	rows []cRow
	row  int
}

func (b *sheetRows) line(label, value string) *cRow {
	b.row++
	b.rows = append(b.rows, cRow{row: b.row, cells: []cCell{{col: 1, text: label, style: cLabel}, {col: 2, text: value, style: cText}}})
	return &b.rows[len(b.rows)-1]
}

func (b *sheetRows) section(title string) {
	b.row += 2
	b.rows = append(b.rows, cRow{row: b.row, merged: true, cells: []cCell{{col: 1, text: title, style: cSection}}})
}

// linkTo adds a link to the cell a row speaks of.
func linkTo(r *cRow, to fupan.Ref) {
	if to.Sheet == "" || to.Row == 0 {
		return
	}
	r.cells = append(r.cells, cCell{col: 3, text: to.String(), style: cLink, link: "'" + to.Sheet + "'!" + to.Cell()})
}

// conclusion is the seed's step 3.4: highlights, points to improve, root
// causes, directions.
func (b *sheetRows) conclusion(rv *fupan.Review, l fupan.Lang) {
	con := fupan.Conclude(rv)
	for _, part := range []struct {
		key    string
		points []fupan.Point
	}{
		{"highlights", con.Highlights}, {"improve", con.Improve},
		{"root.causes", con.RootCauses}, {"directions", con.Directions},
	} {
		b.section(catalog.T(l, part.key))
		if len(part.points) == 0 {
			b.line(catalog.T(l, "none"), "")
		}
		points := part.points
		if len(points) > maxListed {
			points = points[:maxListed]
		}
		for _, p := range points {
			detail := p.Detail
			if p.Warning != "" {
				detail += "\n" + p.Warning
			}
			linkTo(b.line(p.Title, detail), p.Ref)
		}
	}
}

// followup is what became of last period's actions: the loop closed.
func (b *sheetRows) followup(rv *fupan.Review, l fupan.Lang) {
	if len(rv.Followup) == 0 {
		return
	}
	b.section(catalog.T(l, "followup"))
	if rate := rv.Summary.FollowThrough(); rate != nil {
		b.line(catalog.T(l, "followup.short"), catalog.F(l, "followup.rate", fupan.FormatPercent(*rate, false), rv.Summary.FollowupDone, rv.Summary.FollowupTotal))
	}
	list := rv.Followup
	if len(list) > maxListed {
		list = list[:maxListed]
	}
	for _, f := range list {
		detail, _ := wording.FollowState(f, l, rv.AsOf) // as the report's table says it, an overdue one's age in place of 已逾期
		if note := wording.NotCounted(f, l); note != "" {
			detail += catalog.T(l, "paren.open") + note + catalog.T(l, "paren.close")
		}
		for _, part := range []string{f.Owner, wording.DueText(l, f.Due, f.MovedTo), f.DoneOn.String(), f.Effect} {
			if part != "" {
				detail += " · " + part
			}
		}
		r := b.line(f.Action, detail)
		if f.Ref != nil {
			linkTo(r, *f.Ref)
		}
	}
}

// findings lists the findings with links to their cells. A sheet takes at
// most 65,530 links; a workbook with more findings than maxListed lists the
// first and says how many more `fupan validate` shows.
func (b *sheetRows) findings(rv *fupan.Review, l fupan.Lang) {
	b.section(catalog.T(l, "findings"))
	if len(rv.Findings) == 0 {
		b.line(catalog.T(l, "no.findings"), "")
	}
	shown := rv.Findings
	if len(shown) > maxListed {
		shown = shown[:maxListed]
	}
	sevStyle := map[fupan.Severity]cStyle{fupan.SevError: cError, fupan.SevWarning: cWarning, fupan.SevInfo: cInfo}
	for _, fd := range shown {
		fd = fd.In(l)
		msg := fd.Message()
		if h := fd.Hint(); h != "" {
			msg += "\n" + h
		}
		r := b.line(catalog.T(l, "severity."+string(fd.Severity))+" · "+string(fd.Code), msg)
		r.cells[0].style = sevStyle[fd.Severity]
		linkTo(r, fd.Ref)
	}
	if n := len(rv.Findings) - len(shown); n > 0 {
		b.line(catalog.F(l, "conclusion.more", n),
			catalog.T(l, "conclusion.more.hint"))
	}
}
