package pdf

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/fupan-review/fupan"
)

// canvas is what the report and the overview draw on: A4 pages measured in
// millimetres from the top left, text in one TrueType font, lines,
// rectangles, polygons and circles, an outline and the document's
// information. It records what is drawn, page by page, and has fpdf
// (codeberg.org/go-pdf/fpdf, the maintained continuation of gofpdf) write the
// PDF at the end.
//
// Recording first lets fpdf be handed a font subset of exactly the
// characters drawn: taking the whole 4.6 MB font apart costs fpdf 32–38 ms a
// document, a subset a fraction of that. Text is measured with fupan's own
// reading of the font, the widths fpdf uses too, and lines are broken by
// fupan (wrap.go): fpdf's MultiCell and SplitText drop a CJK character at
// each automatic break, so they are never called.
type canvas struct {
	font     *fontIndex
	fallback *fontIndex // for the characters font lacks; nil: none
	pages    [][]op
	cur      int // index of the page drawn on
	y        float64
	st       drawState

	// The subset's glyphs: gid numbers the characters drawn in the order they
	// first appear (0 is .notdef); glyphs lists the font's glyph for each.
	gid    map[rune]uint16
	glyphs []uint16
	// The same for the characters drawn with the fallback font.
	fallbackGID    map[rune]uint16
	fallbackGlyphs []uint16

	title, subject, keywords string
	created                  time.Time
}

// drawState is what an operation is drawn with.
type drawState struct {
	size, lineWidth           float64
	dash                      []float64
	textRGB, fillRGB, drawRGB colour
}

type opKind uint8

const (
	opText opKind = iota
	opRect
	opLine
	opPolygon
	opCircle
	opBookmark
	opLink
)

// op is one thing drawn, with the state it is drawn in.
type op struct {
	kind       opKind
	st         drawState
	x, y, w, h float64 // a line's second point is w, h; a circle's radius w
	s          string  // the text, the paint style, or the bookmark's title
	level      int
	alt        bool // text in the fallback font
	points     []point
}

// point is a point in millimetres from the top left of the page.
type point struct{ x, y float64 }

// ptPerMM converts millimetres to PDF points.
const ptPerMM = 72 / 25.4

func newCanvas(font *fontIndex, created time.Time) *canvas {
	return &canvas{
		font:   font,
		gid:    map[rune]uint16{},
		glyphs: []uint16{0},

		fallbackGID:    map[rune]uint16{},
		fallbackGlyphs: []uint16{0},
		st:             drawState{size: 9, lineWidth: 0.2},
		created:        created,
	}
}

func (c *canvas) AddPage() {
	c.pages = append(c.pages, nil)
	c.cur = len(c.pages) - 1
	c.y = margin
}

// SetPage makes page n (from 1) the one drawn on, to add to it later.
func (c *canvas) SetPage(n int)  { c.cur = n - 1 }
func (c *canvas) PageCount() int { return len(c.pages) }
func (c *canvas) Y() float64     { return c.y }
func (c *canvas) SetY(y float64) { c.y = y }

func (c *canvas) SetLineWidth(mm float64)     { c.st.lineWidth = mm }
func (c *canvas) SetDashPattern(mm []float64) { c.st.dash = mm }
func (c *canvas) SetFontSize(pt float64)      { c.st.size = pt }
func (c *canvas) SetTextColour(rgb colour)    { c.st.textRGB = rgb }
func (c *canvas) SetFillColour(rgb colour)    { c.st.fillRGB = rgb }
func (c *canvas) SetDrawColour(rgb colour)    { c.st.drawRGB = rgb }

// The document's information and outline hold teams' texts (the team's
// name): a viewer or a terminal printing pdfinfo would act on an ESC
// sequence, a NUL or a bidi override there, so they are stripped.
func (c *canvas) SetTitle(title, subject string) {
	c.title, c.subject = fupan.StripControls(title), fupan.StripControls(subject)
}
func (c *canvas) SetKeywords(k string) { c.keywords = fupan.StripControls(k) }

func (c *canvas) record(o op) {
	o.st = c.st
	c.pages[c.cur] = append(c.pages[c.cur], o)
}

// Bookmark adds an outline entry pointing at y on the current page.
func (c *canvas) Bookmark(title string, level int, y float64) {
	c.record(op{kind: opBookmark, s: fupan.StripControls(title), level: level, y: y})
}

// fontOf is the font a character is drawn with: the document's, else the
// fallback where that has it (alt), else the document's, which shows its
// .notdef box.
func (c *canvas) fontOf(r rune) (fi *fontIndex, alt bool) {
	if c.fallback != nil && !c.font.has(r) && c.fallback.has(r) {
		return c.fallback, true
	}
	return c.font, false
}

// StringWidth measures a text at the current size, in millimetres, with the
// widths the fonts give (those fpdf uses), so that what is measured is drawn.
func (c *canvas) StringWidth(s string) float64 {
	var units int
	for _, r := range s {
		fi, _ := c.fontOf(r)
		units += fi.width1000(fi.cmap.glyph(r))
	}
	return float64(units) * c.st.size / 1000 / ptPerMM
}

// Text draws one line in a box of width w whose top is at x, y, aligned "L",
// "C" or "R" with a cell margin of 1 mm, as gofpdf's cells have. Runs of
// characters the document's font lacks are drawn in the fallback font.
func (c *canvas) Text(x, y, w, h float64, s, align string) {
	// fpdf v0.12 panics on a character beyond the Basic Multilingual Plane:
	// whatever path a text took here, it is safe for fpdf.
	s = safe(s)
	const cellMargin = 1.0
	dx := cellMargin
	switch align {
	case "R":
		dx = w - cellMargin - c.StringWidth(s)
	case "C":
		dx = (w - c.StringWidth(s)) / 2
	}
	baseline := y + h/2 + 0.3*c.st.size/ptPerMM
	x += dx
	// A web address whole on the line is a link.
	for _, m := range urlPattern.FindAllStringIndex(s, -1) {
		ux, uw := x+c.StringWidth(s[:m[0]]), c.StringWidth(s[m[0]:m[1]])
		c.record(op{kind: opLink, x: ux, y: baseline - 0.8*c.st.size/ptPerMM, w: uw, h: c.st.size / ptPerMM, s: s[m[0]:m[1]]})
	}
	start, runAlt := 0, false
	flush := func(end int) {
		if end > start {
			run := s[start:end]
			c.record(op{kind: opText, x: x, y: baseline, s: run, alt: runAlt})
			x += c.StringWidth(run)
		}
		start = end
	}
	for i, r := range s {
		fi, alt := c.fontOf(r)
		if alt != runAlt {
			flush(i)
			runAlt = alt
		}
		gid, glyphs := c.gid, &c.glyphs
		if alt {
			gid, glyphs = c.fallbackGID, &c.fallbackGlyphs
		}
		if _, ok := gid[r]; !ok {
			if fg := fi.cmap.glyph(r); fg != 0 {
				gid[r] = uint16(len(*glyphs))
				*glyphs = append(*glyphs, fg)
			}
		}
	}
	flush(len(s))
}

// Rect draws a rectangle: style "F" fills, "D" strokes, "FD" does both.
func (c *canvas) Rect(x, y, w, h float64, style string) {
	c.record(op{kind: opRect, x: x, y: y, w: w, h: h, s: style})
}

func (c *canvas) Line(x1, y1, x2, y2 float64) {
	c.record(op{kind: opLine, x: x1, y: y1, w: x2, h: y2})
}

// Polygon draws a closed shape through the points.
func (c *canvas) Polygon(points []point, style string) {
	c.record(op{kind: opPolygon, points: append([]point(nil), points...), s: style})
}

// Circle draws a circle of radius r around x, y.
func (c *canvas) Circle(x, y, r float64, style string) {
	c.record(op{kind: opCircle, x: x, y: y, w: r, s: style})
}

// urlPattern is a web address in a text.
var urlPattern = regexp.MustCompile(`https?://[!-~]+[A-Za-z0-9/#=_-]`)

// The names the subsets go by inside fpdf.
const (
	fontFamily     = "fupan"
	fallbackFamily = "fupan-fallback"
)

// WriteTo has fpdf write the document: the subset of the font, the pages as
// recorded, the outline and the document's information.
func (c *canvas) WriteTo(w io.Writer) (int64, error) {
	_, tables := c.font.subset(c.glyphs, c.gid)
	var ttf bytes.Buffer
	ttf.Grow(tables.size())
	tables.writeTo(&ttf)

	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCatalogSort(true) // the same document gives the same bytes
	// Uncompressed: a deflate writer per stream was four fifths of fpdf's
	// allocations (0.6 MB each) and half its time, for reports of a few
	// hundred kilobytes.
	pdf.SetCompression(false)
	pdf.SetCreationDate(c.created)
	pdf.SetModificationDate(c.created)
	pdf.SetCreator("fupan", true)
	pdf.SetAuthor("fupan", true)
	pdf.SetTitle(c.title, true)
	pdf.SetSubject(c.subject, true)
	pdf.SetKeywords(c.keywords, true)
	pdf.AddUTF8FontFromBytes(fontFamily, "", ttf.Bytes())
	if len(c.fallbackGlyphs) > 1 {
		_, fb := c.fallback.subset(c.fallbackGlyphs, c.fallbackGID)
		var fttf bytes.Buffer
		fb.writeTo(&fttf)
		pdf.AddUTF8FontFromBytes(fallbackFamily, "", fttf.Bytes())
	}
	for _, ops := range c.pages {
		pdf.AddPage()
		var last *drawState
		font := fontSet{size: 9}
		pdf.SetFont(fontFamily, "", font.size)
		for i := range ops {
			replay(pdf, &ops[i], last, &font)
			last = &ops[i].st
		}
	}
	if err := pdf.Error(); err != nil {
		return 0, fmt.Errorf("fpdf: %w", err)
	}
	cw := &countingWriter{w: w}
	err := pdf.Output(cw)
	return cw.n, err
}

// replay draws one recorded operation, setting only the state that changed.
func replay(pdf *fpdf.Fpdf, o *op, last *drawState, font *fontSet) {
	st := &o.st
	if o.kind == opText && (font.size != st.size || font.alt != o.alt) {
		family := fontFamily
		if o.alt {
			family = fallbackFamily
		}
		pdf.SetFont(family, "", st.size)
		font.size, font.alt = st.size, o.alt
	}
	if last == nil || last.lineWidth != st.lineWidth {
		pdf.SetLineWidth(st.lineWidth)
	}
	if last == nil || !slices.Equal(last.dash, st.dash) {
		pdf.SetDashPattern(st.dash, 0)
	}
	if last == nil || last.textRGB != st.textRGB {
		pdf.SetTextColor(st.textRGB.r, st.textRGB.g, st.textRGB.b)
	}
	if last == nil || last.fillRGB != st.fillRGB {
		pdf.SetFillColor(st.fillRGB.r, st.fillRGB.g, st.fillRGB.b)
	}
	if last == nil || last.drawRGB != st.drawRGB {
		pdf.SetDrawColor(st.drawRGB.r, st.drawRGB.g, st.drawRGB.b)
	}
	switch o.kind {
	case opText:
		pdf.Text(o.x, o.y, o.s)
	case opRect:
		pdf.Rect(o.x, o.y, o.w, o.h, o.s)
	case opLine:
		pdf.Line(o.x, o.y, o.w, o.h)
	case opPolygon:
		pts := make([]fpdf.PointType, len(o.points))
		for i, p := range o.points {
			pts[i] = fpdf.PointType{X: p.x, Y: p.y}
		}
		pdf.Polygon(pts, o.s)
	case opCircle:
		pdf.Circle(o.x, o.y, o.w, o.s)
	case opBookmark:
		pdf.Bookmark(o.s, o.level, o.y)
	case opLink:
		pdf.LinkString(o.x, o.y, o.w, o.h, o.s)
	}
}

// fontSet is the font fpdf draws text with at the moment.
type fontSet struct {
	size float64
	alt  bool
}

// countingWriter counts what is written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
