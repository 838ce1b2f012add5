package pdf

import (
	"strings"

	"github.com/fupan-review/fupan/catalog"
)

// The one way the report, the overview and the lessons library fit a text
// into its box: every text measured and broken into lines (wrap.go), a text
// longer than its box cut with the note inside the box, and a block of text
// continued over the next page, line by line, rather than drawn past the
// footer.

// mostBlockLines is the most lines a block of text (a conclusion's point, a
// lesson) takes, about a page and a half: the workbook has the rest.
const mostBlockLines = 80

// textLine is one line of a block: its text, size and ink.
type textLine struct {
	text string
	size float64
	ink  colour
}

// cutLines keeps at most most lines of a text broken at width w, the last
// ones the note that says where the rest is, itself broken at w so that it
// stays inside the box whole.
func (d *doc) cutLines(lines []string, most int, w float64) []string {
	if len(lines) <= most {
		return lines
	}
	note := d.wrap(catalog.T(d.lang, "text.too-long"), w)
	keep := max(most-len(note), 0)
	return append(lines[:keep:keep], note...)
}

// blockLines are a text broken at w in size and ink, for a block.
func (d *doc) blockLines(text string, size, w float64, ink colour) []textLine {
	d.setSize(size)
	var out []textLine
	for _, t := range d.wrap(text, w) {
		out = append(out, textLine{t, size, ink})
	}
	return out
}

// cutBlock cuts a block to mostBlockLines, with the note (at the last line's
// size, in grey) inside the block's width w.
func (d *doc) cutBlock(lines []textLine, w float64) []textLine {
	if len(lines) <= mostBlockLines {
		return lines
	}
	size := lines[mostBlockLines-1].size
	d.setSize(size)
	note := d.wrap(catalog.T(d.lang, "text.too-long"), w)
	keep := max(mostBlockLines-len(note), 0)
	lines = lines[:keep:keep]
	for _, t := range note {
		lines = append(lines, textLine{t, size, grey})
	}
	return lines
}

// block draws lines beside a bar of the mark's colour, indented 4 mm. A
// block that fits a page is kept whole (on the next page where the rest of
// this one is too short); a longer one, or one right under its heading,
// starts where it is and goes on over the next pages line by line, so that
// no heading is left alone at a page's foot and nothing runs over the footer.
func (d *doc) block(lines []textLine, mark colour, w float64) {
	h := 0.0
	for _, l := range lines {
		h += lineHeight(l.size)
	}
	underHeading := d.pdf.cur == d.headingPage && d.pdf.Y() == d.headingEnd
	switch {
	case len(lines) == 0:
		return
	case h+2 < bottom-margin && !underHeading:
		d.ensure(h + 2)
	default: // at least a few lines where it starts
		d.ensure(min(h, 3*lineHeight(lines[0].size)))
	}
	for _, l := range lines {
		lh := lineHeight(l.size)
		d.ensure(lh)
		y := d.pdf.Y()
		d.fill(mark)
		d.pdf.Rect(margin, y+0.4, 1.5, lh, "F")
		d.setSize(l.size)
		d.text(l.ink)
		d.write(margin+4, y, w, l.text, "L")
		d.pdf.SetY(y + lh)
	}
	d.text(ink)
	d.pdf.SetY(d.pdf.Y() + 2)
}

// lineHeight is the height of a line of text of the size.
func lineHeight(size float64) float64 { return size * 0.3528 * 1.45 }

// writeIn draws a line inside exactly x…x+w (write's box has a millimetre
// of margin inside it): a table's text lies within its cell's padding, as
// it was broken, and does not touch the border.
func (d *doc) writeIn(x, y, w float64, s, align string) {
	switch align {
	case "R":
		d.write(x, y, w+1, s, align)
	case "C":
		d.write(x, y, w, s, align)
	default:
		d.write(x-1, y, w+1, s, align)
	}
}

// wrapWords breaks a text at its spaces only, each word whole on a line
// where it fits; a word wider than w is broken as wrap breaks it.
func (d *doc) wrapWords(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(safe(text), "\n") {
		line := ""
		for _, word := range wordsOf(para) {
			switch {
			case line == "":
				line = word
			case d.width(line+" "+word) <= w:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
			if d.width(line) > w {
				ls := d.wrap(line, w)
				out = append(out, ls[:len(ls)-1]...)
				line = ls[len(ls)-1]
			}
		}
		out = append(out, line)
	}
	return out
}

// wordsOf are a paragraph's words, a number kept with the unit after it
// ("逾期" "92 天，来自" "2025Q2"): a line never ends with "92".
func wordsOf(para string) []string {
	var out []string
	for _, w := range strings.Fields(para) {
		if n := len(out); n > 0 && unitAfter(out[n-1], w) {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}
