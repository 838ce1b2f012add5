package pdf

import (
	"strings"

	"github.com/fupan-review/fupan"
)

// ensure starts a new page when fewer than h millimetres are left.
func (d *doc) ensure(h float64) {
	if d.pdf.Y()+h > bottom {
		d.newPage()
	}
}

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.pdf.SetY(margin)
}

// headingH is the height a heading of the level takes.
func (d *doc) headingH(level int) float64 {
	size := 14.0
	if level > 0 {
		size = 11.5
	}
	return size*0.3528*1.45 + 8
}

// heading draws a section title, with an entry in the PDF outline.
func (d *doc) heading(title string, level int) {
	size := 14.0
	if level > 0 {
		size = 11.5
	}
	d.setSize(size)
	d.ensure(d.lineH() + 20) // never a heading alone at the foot of a page
	y := d.pdf.Y()
	if y > margin+1 {
		y += 3
	}
	d.pdf.Bookmark(title, level, y)
	d.text(navy)
	d.write(margin, y, contentW, title, "L")
	y += d.lineH()
	if level == 0 {
		d.draw(blue)
		d.pdf.SetLineWidth(0.5)
		d.pdf.Line(margin, y+0.5, margin+contentW, y+0.5)
		y += 2
	}
	d.pdf.SetY(y + 1.5)
	d.headingPage, d.headingEnd = d.pdf.cur, y+1.5
	d.setSize(9)
	d.text(ink)
}

// column of a table: its title, share of the width, alignment, and whether
// fupan computed it (such columns are highlighted).
type column struct {
	title    string
	share    float64
	align    string
	computed bool
	// names: the column holds people's names, never hyphenated: it is at
	// least as wide as the longest part of a name (between spaces and after
	// the name's own hyphens).
	names bool
}

// cellStyle colours one table cell.
type cell struct {
	text   string
	bg, fg *colour
	// spans starts a cell that the cells marked cont below continue (a goal
	// over its tasks, as the merged cell in the workbook): drawn as one.
	spans, cont bool
	// words: the cell breaks only at its spaces (a value and its status,
	// "84.8% 未达成", never "未达" and "成"), unless a word is wider than
	// the column.
	words bool
}

const cellPad = 1.6

// table draws a table whose rows never split across pages and whose header
// row repeats on every page. Cells wrap; a cell taller than a page is cut with
// a note (the workbook has it whole).
func (d *doc) table(cols []column, rows [][]cell) {
	widths := d.columnWidths(cols, rows)
	header := func() { d.tableHeader(cols, widths) }
	// The header goes with the first row (or as much of it as a page's foot
	// holds): never alone at the foot of a page.
	d.ensure(d.startHeight(cols, widths, rows))
	header()
	for ri, row := range rows {
		lines, h := d.rowLines(cols, widths, row)
		// A row that fits the page's rest is drawn whole; a taller one is
		// split over pages where the rest is worth filling, rather than
		// leaving half a page empty, else it starts the next page.
		rest := bottom - d.pdf.Y()
		if h > rest && rest < 40 {
			d.newPage()
			header()
		} else if left := len(rows) - ri; ri > 0 && (left == 2 || left == 3) && h <= rest {
			// The last rows never one or two alone on a page of their own:
			// where they would not all fit after this one, the last three
			// (or two) go over together.
			if d.shortRows(cols, widths, rows[ri:], rest) {
				d.newPage()
				header()
			}
		}
		total := 0
		for i := range cols {
			total = max(total, len(lines[i]))
		}
		for from := 0; ; {
			fit := int((bottom - d.pdf.Y() - 2*cellPad) / d.lineH())
			if fit < 1 {
				d.newPage()
				header()
				continue
			}
			n := min(total-from, fit)
			d.drawRow(cols, widths, row, lines, from, n, ri)
			if from += n; from >= total {
				break
			}
			d.newPage()
			header()
		}
	}
	d.text(ink)
	d.pdf.SetY(d.pdf.Y() + 3)
}

// columnWidths are a table's column widths as table lays them out.
func (d *doc) columnWidths(cols []column, rows [][]cell) []float64 {
	total := 0.0
	for _, c := range cols {
		total += c.share
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = contentW * c.share / total
	}
	d.setSize(8.5)
	d.widenForNames(cols, rows, widths)
	d.widenForTitles(cols, rows, widths)
	return widths
}

// startHeight is the room a table needs where it starts: its header row and
// its first row (or 40 mm of it).
func (d *doc) startHeight(cols []column, widths []float64, rows [][]cell) float64 {
	if len(rows) == 0 {
		return 20
	}
	d.setSize(8.5)
	// Measured as the row is drawn (a status cell breaks at its spaces
	// only), so that the header never stays alone at the foot of a page.
	_, first := d.rowLines(cols, widths, rows[0])
	return d.headerHeight(cols, widths) + min(first, 40)
}

// keepWithTable starts a new page where a heading of the level and the
// start of the table under it do not both fit: never a heading at a page's
// foot with its table on the next.
func (d *doc) keepWithTable(level int, cols []column, rows [][]cell) {
	d.ensure(d.headingH(level) + 3 + d.startHeight(cols, d.columnWidths(cols, rows), rows))
}

// shortRows reports whether a table's last rows do not fit the page's rest
// but do fit a new page under the header, none of them taller than 40 mm:
// those that go over together rather than a row or two alone.
func (d *doc) shortRows(cols []column, widths []float64, rows [][]cell, rest float64) bool {
	sum := 0.0
	for _, r := range rows {
		_, h := d.rowLines(cols, widths, r)
		if h > 40 {
			return false
		}
		sum += h
	}
	return sum > rest && sum <= bottom-margin-d.headerHeight(cols, widths)
}

// tableHeader draws a table's header row: computed columns in a colour of
// their own.
func (d *doc) tableHeader(cols []column, widths []float64) {
	lines, size := d.titleLines(cols, widths)
	h := 0.0
	for i := range cols {
		h = max(h, float64(len(lines[i]))*d.lineH()+2*cellPad)
	}
	y := d.pdf.Y()
	x := margin
	for i, c := range cols {
		bg := blue
		if c.computed {
			bg = colour{191, 120, 0}
		}
		d.fill(bg)
		d.draw(rule)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Rect(x, y, widths[i], h, "FD")
		d.text(colour{255, 255, 255})
		d.setSize(size)
		for k, l := range lines[i] {
			d.writeIn(x+cellPad, y+cellPad+float64(k)*d.lineH(), widths[i]-2*cellPad, l, "L")
		}
		x += widths[i]
	}
	d.pdf.SetY(y + h)
	d.setSize(8.5)
	d.text(ink)
}

// rowLines are a row's cells broken into lines, a cell taller than a page
// cut with a note, and the row's height.
func (d *doc) rowLines(cols []column, widths []float64, row []cell) ([][]string, float64) {
	maxLines := int((bottom - margin - 20) / d.lineH())
	lines := make([][]string, len(cols))
	h := 0.0
	for i := range cols {
		text := ""
		if i < len(row) && !row[i].cont { // a continued cell's text is in the row above
			text = row[i].text
		}
		wrapped := d.wrap(text, widths[i]-2*cellPad)
		if i < len(row) && row[i].words {
			wrapped = d.wrapWords(text, widths[i]-2*cellPad)
		}
		ls := d.cutLines(wrapped, maxLines, widths[i]-2*cellPad)
		lines[i] = ls
		h = max(h, float64(len(ls))*d.lineH()+2*cellPad)
	}
	return lines, h
}

// headerHeight is the height of a table's header row.
func (d *doc) headerHeight(cols []column, widths []float64) float64 {
	lines, _ := d.titleLines(cols, widths)
	h := 0.0
	for i := range cols {
		h = max(h, float64(len(lines[i]))*d.lineH()+2*cellPad)
	}
	d.setSize(8.5)
	return h
}

// drawRow draws lines from..from+n of each cell of a table row, as one band
// of the row's height. A cell marked cont continues the cell above it (a
// goal spanning its tasks): no border between them, and its text only where
// the band starts a page.
func (d *doc) drawRow(cols []column, widths []float64, row []cell, lines [][]string, from, n, ri int) {
	y := d.pdf.Y()
	h := float64(n)*d.lineH() + 2*cellPad
	x := margin
	pageTop := y <= margin+25 // the band starts a page (under the repeated header)
	for i, c := range cols {
		var cl cell
		if i < len(row) {
			cl = row[i]
		}
		bg := colour{255, 255, 255}
		if ri%2 == 1 && !cl.cont && !cl.spans {
			bg = paleGrey
		}
		if cl.bg != nil {
			bg = *cl.bg
		}
		d.fill(bg)
		d.draw(rule)
		if cl.cont && !pageTop {
			// Over the line the row above drew, then the three other sides.
			d.pdf.Rect(x, y-0.3, widths[i], h+0.3, "F")
			d.pdf.Line(x, y-0.3, x, y+h)
			d.pdf.Line(x+widths[i], y-0.3, x+widths[i], y+h)
			d.pdf.Line(x, y+h, x+widths[i], y+h)
		} else {
			d.pdf.Rect(x, y, widths[i], h, "FD")
		}
		fg := ink
		if cl.fg != nil {
			fg = *cl.fg
		}
		d.text(fg)
		cellLines, start := lines[i], from
		switch {
		case cl.cont && pageTop && from == 0:
			cellLines = d.wrap(cl.text, widths[i]-2*cellPad) // the spanning text again on a new page
		case cl.cont:
			cellLines = nil
		}
		for k := start; k < min(start+n, len(cellLines)); k++ {
			d.writeIn(x+cellPad, y+cellPad+float64(k-start)*d.lineH(), widths[i]-2*cellPad, cellLines[k], c.align)
		}
		x += widths[i]
	}
	d.pdf.SetY(y + h)
}

// statusCell is a computed value coloured by its status, with the status
// written out so that it reads in black and white too.
func statusCell(text string, status fupan.OutcomeStatus, label string) cell {
	bg, fg := statusBg[status], statusInk[status]
	if label != "" {
		text += " " + label
	}
	return cell{text: text, bg: &bg, fg: &fg, words: true}
}

// statusOf is the colour class of a tracked milestone.
func trackStatus(t fupan.TrackingRow) fupan.OutcomeStatus {
	if t.OnTrack == nil {
		return ""
	}
	if *t.OnTrack {
		return fupan.StatusAchieved
	}
	return fupan.StatusMissed
}

// widenForNames widens each column of names to its longest name part, so
// that no name is hyphenated ("Maximili-an", "Lindqvi-st"): the width comes
// from the other columns, in proportion to theirs. A part wider than a
// quarter of the page is broken still.
func (d *doc) widenForNames(cols []column, rows [][]cell, widths []float64) {
	for i, c := range cols {
		if !c.names {
			continue
		}
		need := 0.0
		for _, row := range rows {
			if i >= len(row) {
				continue
			}
			for _, part := range strings.FieldsFunc(row[i].text, func(r rune) bool { return r == ' ' || r == '\n' }) {
				for _, piece := range strings.SplitAfter(part, "-") {
					need = max(need, d.width(piece))
				}
			}
		}
		need = min(need+2*cellPad+0.2, contentW/4)
		if need <= widths[i] {
			continue
		}
		others := contentW - widths[i]
		for k := range widths {
			if k != i {
				widths[k] *= (contentW - need) / others
			}
		}
		widths[i] = need
	}
}
