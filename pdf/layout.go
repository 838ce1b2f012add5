package pdf

import (
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
}

// cellStyle colours one table cell.
type cell struct {
	text   string
	bg, fg *colour
}

const cellPad = 1.6

// table draws a table whose rows never split across pages and whose header
// row repeats on every page. Cells wrap; a cell taller than a page is cut with
// a note (the workbook has it whole).
func (d *doc) table(cols []column, rows [][]cell) {
	total := 0.0
	for _, c := range cols {
		total += c.share
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = contentW * c.share / total
	}
	d.setSize(8.5)
	header := func() {
		d.setSize(8.5)
		lines := make([][]string, len(cols))
		h := 0.0
		for i, c := range cols {
			lines[i] = d.wrap(c.title, widths[i]-2*cellPad)
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
			for k, l := range lines[i] {
				d.write(x+cellPad, y+cellPad+float64(k)*d.lineH(), widths[i]-2*cellPad, l, "L")
			}
			x += widths[i]
		}
		d.pdf.SetY(y + h)
		d.text(ink)
	}
	d.ensure(20)
	header()
	maxLines := int((bottom - margin - 20) / d.lineH())
	for ri, row := range rows {
		lines := make([][]string, len(cols))
		h := 0.0
		for i := range cols {
			text := ""
			if i < len(row) {
				text = row[i].text
			}
			ls := d.wrap(text, widths[i]-2*cellPad)
			if len(ls) > maxLines {
				ls = append(ls[:maxLines-1], d.lang.Pick("……（内容过长，完整内容见工作簿）", "……（內容過長，完整內容見活頁簿）", "… (too long: see the workbook)"))
			}
			lines[i] = ls
			h = max(h, float64(len(ls))*d.lineH()+2*cellPad)
		}
		if d.pdf.Y()+h > bottom {
			d.newPage()
			header()
		}
		y := d.pdf.Y()
		x := margin
		for i, c := range cols {
			var cl cell
			if i < len(row) {
				cl = row[i]
			}
			bg := colour{255, 255, 255}
			if ri%2 == 1 {
				bg = paleGrey
			}
			if cl.bg != nil {
				bg = *cl.bg
			}
			d.fill(bg)
			d.draw(rule)
			d.pdf.Rect(x, y, widths[i], h, "FD")
			fg := ink
			if cl.fg != nil {
				fg = *cl.fg
			}
			d.text(fg)
			for k, l := range lines[i] {
				d.write(x+cellPad, y+cellPad+float64(k)*d.lineH(), widths[i]-2*cellPad, l, c.align)
			}
			x += widths[i]
		}
		d.pdf.SetY(y + h)
	}
	d.text(ink)
	d.pdf.SetY(d.pdf.Y() + 3)
}

// statusCell is a computed value coloured by its status, with the status
// written out so that it reads in black and white too.
func statusCell(text, status, label string) cell {
	bg, fg := statusBg[status], statusInk[status]
	if label != "" {
		text += " " + label
	}
	return cell{text: text, bg: &bg, fg: &fg}
}

// statusOf is the colour class of a tracked milestone.
func trackStatus(t fupan.TrackingRow) string {
	if t.OnTrack == nil {
		return ""
	}
	if *t.OnTrack {
		return fupan.StatusAchieved
	}
	return fupan.StatusMissed
}
