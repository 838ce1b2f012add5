package pdf

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf16"
)

// canvas writes a PDF: A4 pages measured in millimetres from the top left,
// text in one TrueType font embedded as a subset of the glyphs drawn, lines,
// rectangles, polygons and circles, an outline and the document's
// information. It is what the report and the overview need and no more.
//
// It replaced gofpdf, which spent four fifths of a report's time on work fixed
// per document whatever it held: serialising a 65,536-entry width table to
// JSON to name the font, cutting the font again, and compressing it.
type canvas struct {
	font  *fontIndex
	pages []*page
	cur   *page
	y     float64

	size                      float64 // font size in points
	lineWidth                 float64 // millimetres
	dash                      []float64
	textRGB, fillRGB, drawRGB colour

	// The subset's glyphs: gid numbers the characters drawn in the order they
	// first appear (0 is .notdef); glyphs lists the font's glyph for each.
	gid    map[rune]uint16
	glyphs []uint16

	marks                     []mark
	title, subject, keywords  string
	created                   time.Time
	pageWidthPt, pageHeightPt float64
}

// page is one page's content stream and the graphics state it last set, so
// that a state is written only when it changes.
type page struct {
	content bytes.Buffer
	state   gstate
}

type gstate struct {
	fill, stroke colour // text is drawn in the fill colour
	lineWidth    float64
	dash         string
	set          uint8 // which of the above have been written
}

const (
	setFill = 1 << iota
	setStroke
	setLineWidth
	setDash
)

// mark is an outline entry.
type mark struct {
	title string
	level int
	page  int
	y     float64 // millimetres from the top
}

// point is a point in millimetres from the top left of the page.
type point struct{ x, y float64 }

// ptPerMM converts millimetres to PDF points.
const ptPerMM = 72 / 25.4

func newCanvas(font *fontIndex, created time.Time) *canvas {
	return &canvas{
		font:        font,
		gid:         map[rune]uint16{},
		glyphs:      []uint16{0},
		size:        9,
		lineWidth:   0.2,
		created:     created,
		pageWidthPt: 595.28, pageHeightPt: 841.89,
	}
}

func (c *canvas) AddPage() {
	c.cur = &page{}
	c.pages = append(c.pages, c.cur)
	c.y = margin
}

// SetPage makes page n (from 1) the one drawn on, to add to it later.
func (c *canvas) SetPage(n int)  { c.cur = c.pages[n-1] }
func (c *canvas) PageCount() int { return len(c.pages) }
func (c *canvas) Y() float64     { return c.y }
func (c *canvas) SetY(y float64) { c.y = y }

func (c *canvas) SetLineWidth(mm float64)        { c.lineWidth = mm }
func (c *canvas) SetDashPattern(mm []float64)    { c.dash = mm }
func (c *canvas) SetFontSize(pt float64)         { c.size = pt }
func (c *canvas) SetTextColour(rgb colour)       { c.textRGB = rgb }
func (c *canvas) SetFillColour(rgb colour)       { c.fillRGB = rgb }
func (c *canvas) SetDrawColour(rgb colour)       { c.drawRGB = rgb }
func (c *canvas) SetTitle(title, subject string) { c.title, c.subject = title, subject }
func (c *canvas) SetKeywords(k string)           { c.keywords = k }

// Bookmark adds an outline entry pointing at y on the current page.
func (c *canvas) Bookmark(title string, level int, y float64) {
	c.marks = append(c.marks, mark{title: title, level: level, page: len(c.pages), y: y})
}

// StringWidth measures a text at the current size, in millimetres, with the
// same rounded widths the PDF declares, so that what is measured is drawn.
func (c *canvas) StringWidth(s string) float64 {
	var units int
	for _, r := range s {
		units += c.font.width1000(c.font.cmap.glyph(r))
	}
	return float64(units) * c.size / 1000 / ptPerMM
}

// Text draws one line in a box of width w whose top is at x, y, aligned "L",
// "C" or "R" with gofpdf's cell margin of 1 mm, so the layout looks as it did.
func (c *canvas) Text(x, y, w, h float64, s, align string) {
	const cellMargin = 1.0
	dx := cellMargin
	switch align {
	case "R":
		dx = w - cellMargin - c.StringWidth(s)
	case "C":
		dx = (w - c.StringWidth(s)) / 2
	}
	baseline := y + h/2 + 0.3*c.size/ptPerMM
	p := c.cur
	c.fillState(p, c.textRGB)
	b := &p.content
	b.WriteString("BT /F1 ")
	writeNum(b, c.size)
	b.WriteString(" Tf ")
	writeNum(b, (x+dx)*ptPerMM)
	b.WriteByte(' ')
	writeNum(b, c.pageHeightPt-baseline*ptPerMM)
	b.WriteString(" Td <")
	for _, r := range s {
		g, ok := c.gid[r]
		if !ok {
			if fg := c.font.cmap.glyph(r); fg != 0 {
				g = uint16(len(c.glyphs))
				c.gid[r] = g
				c.glyphs = append(c.glyphs, fg)
			}
			// A character the font lacks is drawn as .notdef, a box.
		}
		b.WriteByte(hexDigits[g>>12])
		b.WriteByte(hexDigits[g>>8&15])
		b.WriteByte(hexDigits[g>>4&15])
		b.WriteByte(hexDigits[g&15])
	}
	b.WriteString("> Tj ET\n")
}

const hexDigits = "0123456789ABCDEF"

// Rect draws a rectangle: style "F" fills, "D" strokes, "FD" does both.
func (c *canvas) Rect(x, y, w, h float64, style string) {
	p := c.paint(style)
	b := &p.content
	writeNums(b, x*ptPerMM, c.pageHeightPt-y*ptPerMM, w*ptPerMM, -h*ptPerMM)
	b.WriteString(" re ")
	b.WriteString(paintOp(style))
	b.WriteByte('\n')
}

func (c *canvas) Line(x1, y1, x2, y2 float64) {
	p := c.paint("D")
	b := &p.content
	writeNums(b, x1*ptPerMM, c.pageHeightPt-y1*ptPerMM)
	b.WriteString(" m ")
	writeNums(b, x2*ptPerMM, c.pageHeightPt-y2*ptPerMM)
	b.WriteString(" l S\n")
}

// Polygon draws a closed shape through the points.
func (c *canvas) Polygon(points []point, style string) {
	p := c.paint(style)
	b := &p.content
	for i, pt := range points {
		writeNums(b, pt.x*ptPerMM, c.pageHeightPt-pt.y*ptPerMM)
		if i == 0 {
			b.WriteString(" m ")
		} else {
			b.WriteString(" l ")
		}
	}
	b.WriteString("h ")
	b.WriteString(paintOp(style))
	b.WriteByte('\n')
}

// Circle draws a circle of radius r around x, y with four Bézier curves.
func (c *canvas) Circle(x, y, r float64, style string) {
	p := c.paint(style)
	b := &p.content
	k := 4 * (math.Sqrt2 - 1) / 3 * r // the control points' distance
	X := func(v float64) float64 { return v * ptPerMM }
	Y := func(v float64) float64 { return c.pageHeightPt - v*ptPerMM }
	writeNums(b, X(x+r), Y(y))
	b.WriteString(" m ")
	curves := [][6]float64{
		{x + r, y - k, x + k, y - r, x, y - r},
		{x - k, y - r, x - r, y - k, x - r, y},
		{x - r, y + k, x - k, y + r, x, y + r},
		{x + k, y + r, x + r, y + k, x + r, y},
	}
	for _, cv := range curves {
		writeNums(b, X(cv[0]), Y(cv[1]), X(cv[2]), Y(cv[3]), X(cv[4]), Y(cv[5]))
		b.WriteString(" c ")
	}
	b.WriteString(paintOp(style))
	b.WriteByte('\n')
}

func paintOp(style string) string {
	switch style {
	case "F":
		return "f"
	case "FD", "DF":
		return "B"
	}
	return "S"
}

// paint writes the graphics state a shape of the given style needs.
func (c *canvas) paint(style string) *page {
	p := c.cur
	switch paintOp(style) {
	case "f":
		c.fillState(p, c.fillRGB)
	case "B":
		c.fillState(p, c.fillRGB)
		c.strokeState(p)
	default:
		c.strokeState(p)
	}
	return p
}

// fillState sets PDF's non-stroking colour, which fills and text share.
func (c *canvas) fillState(p *page, want colour) {
	if p.state.set&setFill == 0 || p.state.fill != want {
		writeColour(&p.content, want, "rg")
		p.state.fill = want
		p.state.set |= setFill
	}
}

func (c *canvas) strokeState(p *page) {
	s := &p.state
	if s.set&setStroke == 0 || s.stroke != c.drawRGB {
		writeColour(&p.content, c.drawRGB, "RG")
		s.stroke = c.drawRGB
		s.set |= setStroke
	}
	if s.set&setLineWidth == 0 || s.lineWidth != c.lineWidth {
		writeNum(&p.content, c.lineWidth*ptPerMM)
		p.content.WriteString(" w\n")
		s.lineWidth = c.lineWidth
		s.set |= setLineWidth
	}
	var dash bytes.Buffer
	dash.WriteByte('[')
	for i, v := range c.dash {
		if i > 0 {
			dash.WriteByte(' ')
		}
		writeNum(&dash, v*ptPerMM)
	}
	dash.WriteString("] 0 d")
	if s.set&setDash == 0 || s.dash != dash.String() {
		p.content.WriteString(dash.String())
		p.content.WriteByte('\n')
		s.dash = dash.String()
		s.set |= setDash
	}
}

func writeColour(b *bytes.Buffer, c colour, op string) {
	writeNums(b, float64(c.r)/255, float64(c.g)/255, float64(c.b)/255)
	b.WriteByte(' ')
	b.WriteString(op)
	b.WriteByte('\n')
}

// writeNum writes a number with at most three decimals and no trailing
// zeros. It is written by hand: shortest-form float formatting was a tenth of
// a report's time.
func writeNum(b *bytes.Buffer, v float64) {
	n := int64(math.Round(v * 1000))
	if n < 0 {
		b.WriteByte('-')
		n = -n
	}
	var buf [24]byte
	b.Write(strconv.AppendInt(buf[:0], n/1000, 10))
	if frac := n % 1000; frac != 0 {
		digits := [4]byte{'.', byte('0' + frac/100), byte('0' + frac/10%10), byte('0' + frac%10)}
		end := 4
		for digits[end-1] == '0' {
			end--
		}
		b.Write(digits[:end])
	}
}

func writeNums(b *bytes.Buffer, vs ...float64) {
	for i, v := range vs {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeNum(b, v)
	}
}

// pdfText encodes a text string for the document information and the
// outline: UTF-16 with a byte-order mark, in hexadecimal.
func pdfText(s string) string {
	b := make([]byte, 0, 6+4*len(s))
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, hexDigits[u>>12], hexDigits[u>>8&15], hexDigits[u>>4&15], hexDigits[u&15])
	}
	return string(append(b, '>'))
}

// WriteTo writes the document: the pages, the font subset, the outline and
// the document information, then the cross-reference table.
func (c *canvas) WriteTo(w io.Writer) (int64, error) {
	glyphs, font := c.font.subset(c.glyphs, c.gid)
	out := pdfFile{buf: output{w: bufio.NewWriterSize(w, 32<<10)}}
	out.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

	// Object numbers are fixed in advance where others refer to them.
	catalog, pagesID, fontID := out.reserve(), out.reserve(), out.reserve()
	pageIDs := make([]int, len(c.pages))
	for i := range c.pages {
		pageIDs[i] = out.reserve()
	}

	for i, p := range c.pages {
		content := out.stream(nil, p.content.Bytes())
		out.begin(pageIDs[i])
		fmt.Fprintf(&out.buf, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>\n",
			pagesID, c.pageWidthPt, c.pageHeightPt, fontID, content)
		out.end()
	}
	out.begin(pagesID)
	out.buf.WriteString("<< /Type /Pages /Kids [")
	for _, id := range pageIDs {
		fmt.Fprintf(&out.buf, "%d 0 R ", id)
	}
	fmt.Fprintf(&out.buf, "] /Count %d >>\n", len(pageIDs))
	out.end()

	c.writeFont(&out, fontID, glyphs, font)
	outlines := c.writeOutline(&out, pageIDs)

	out.begin(catalog)
	out.buf.WriteString("<< /Type /Catalog /Pages ")
	fmt.Fprintf(&out.buf, "%d 0 R", pagesID)
	if outlines != 0 {
		fmt.Fprintf(&out.buf, " /Outlines %d 0 R /PageMode /UseOutlines", outlines)
	}
	out.buf.WriteString(" >>\n")
	out.end()

	info := out.reserve()
	out.begin(info)
	date := pdfDate(c.created)
	fmt.Fprintf(&out.buf, "<< /Producer %s /Creator %s /Author %s /CreationDate %s /ModDate %s",
		pdfText("fupan"), pdfText("fupan"), pdfText("fupan"), date, date)
	for _, kv := range [][2]string{{"Title", c.title}, {"Subject", c.subject}, {"Keywords", c.keywords}} {
		if kv[1] != "" {
			fmt.Fprintf(&out.buf, " /%s %s", kv[0], pdfText(kv[1]))
		}
	}
	out.buf.WriteString(" >>\n")
	out.end()

	out.trailer(catalog, info, c.fingerprint())
	if err := out.buf.w.Flush(); err != nil && out.buf.err == nil {
		out.buf.err = err
	}
	return int64(out.buf.n), out.buf.err
}

func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("(D:%s%c%02d'%02d')", t.Format("20060102150405"), sign, off/3600, off/60%60)
}

// fingerprint identifies the document in the trailer's /ID, as PDF/A and
// some readers expect.
func (c *canvas) fingerprint() [16]byte {
	h := sha256.New()
	fmt.Fprint(h, c.title, c.created.UnixNano(), len(c.pages))
	for _, p := range c.pages {
		h.Write(p.content.Bytes())
	}
	var id [16]byte
	copy(id[:], h.Sum(nil))
	return id
}
