// Package pdf draws the strategy review report (《策略復盤報告》) and the
// leadership overview with gofpdf. It is the only package that knows gofpdf.
//
// Two gofpdf defects shape it: gofpdf drops a character at each automatic line
// break in CJK text (MultiCell and SplitText alike), so this package breaks
// lines itself and only ever draws single lines; and gofpdf writes into the
// font bytes it is given, so every document parses its own copy.
package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/templates"
	"github.com/jung-kurt/gofpdf"
)

//go:embed fonts/wqy-microhei.ttf
var defaultFont []byte

// Font is a TrueType font for the PDF. The zero Font is the embedded
// WenQuanYi Micro Hei, which covers Latin, Simplified and Traditional Chinese.
type Font struct {
	name string
	data []byte
}

// LoadFont reads an organisation's own TrueType font. gofpdf reads single
// TrueType fonts only: a collection (.ttc) or a CFF-flavoured OpenType font
// (.otf) is refused with a message that says so.
func LoadFont(path string) (Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Font{}, fmt.Errorf("font %s: %w", path, err)
	}
	if len(data) < 12 {
		return Font{}, fmt.Errorf("font %s: too short to be a TrueType font", path)
	}
	switch string(data[:4]) {
	case "\x00\x01\x00\x00", "true":
		return Font{name: path, data: data}, nil
	case "ttcf":
		return Font{}, fmt.Errorf("font %s is a TrueType collection (.ttc), which gofpdf cannot read: extract one face as a .ttf (for example with fontTools)", path)
	case "OTTO":
		return Font{}, fmt.Errorf("font %s is an OpenType font with CFF outlines (.otf), which gofpdf cannot read: use a TrueType (.ttf) font", path)
	}
	return Font{}, fmt.Errorf("font %s is not a TrueType font", path)
}

// Name is the font file's path, or "" for the embedded font.
func (f Font) Name() string { return f.name }

func (f Font) bytes() []byte {
	if f.data == nil {
		return defaultFont
	}
	return f.data
}

// Options steer the report and the overview.
type Options struct {
	Font Font
	Lang fupan.Lang // zero: the review's own
	Now  time.Time  // the report date; zero: now
}

// Page geometry, in millimetres: A4 with 15 mm margins.
const (
	pageW, pageH = 210.0, 297.0
	margin       = 15.0
	contentW     = pageW - 2*margin
	bottom       = pageH - 18.0 // the footer lives below
	family       = "cjk"
)

// colour is an RGB colour.
type colour struct{ r, g, b int }

var (
	navy      = colour{31, 56, 100}
	blue      = colour{47, 85, 151}
	ink       = colour{33, 37, 41}
	grey      = colour{108, 117, 125}
	rule      = colour{206, 212, 218}
	paleBlue  = colour{232, 238, 248}
	paleGrey  = colour{246, 247, 249}
	statusInk = map[string]colour{fupan.StatusAchieved: {0, 97, 0}, fupan.StatusClose: {156, 87, 0}, fupan.StatusMissed: {156, 0, 6}}
	statusBg  = map[string]colour{fupan.StatusAchieved: {198, 239, 206}, fupan.StatusClose: {255, 235, 156}, fupan.StatusMissed: {255, 199, 206}}
	statusBar = map[string]colour{fupan.StatusAchieved: {84, 163, 90}, fupan.StatusClose: {232, 170, 40}, fupan.StatusMissed: {204, 62, 62}}
)

// doc wraps one gofpdf document with the project's own text layout.
type doc struct {
	pdf  *gofpdf.Fpdf
	lang fupan.Lang
	size float64 // current font size in points
}

func newDoc(opts Options, lang fupan.Lang) (*doc, error) {
	p := gofpdf.New("P", "mm", "A4", "")
	// gofpdf writes into the font bytes it parses: each document its own copy.
	p.AddUTF8FontFromBytes(family, "", bytes.Clone(opts.Font.bytes()))
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("loading the font: %w", err)
	}
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(false, 0)
	p.SetCreator("fupan", true)
	p.SetAuthor("fupan", true)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	p.SetCreationDate(now)
	p.SetModificationDate(now)
	d := &doc{pdf: p, lang: lang}
	d.font(9)
	return d, nil
}

func (d *doc) font(size float64) {
	d.size = size
	d.pdf.SetFont(family, "", size)
}

func (d *doc) text(c colour) { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *doc) fill(c colour) { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c colour) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// lineH is the height of a line of text at the current size.
func (d *doc) lineH() float64 { return d.size * 0.3528 * 1.45 }

// width measures a text at the current size.
func (d *doc) width(s string) float64 { return d.pdf.GetStringWidth(s) }

// write draws one line of text at x, y (top of the line) in a box of width w,
// aligned "L", "C" or "R". The text must already fit: it is never wrapped here.
func (d *doc) write(x, y, w float64, s, align string) {
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, d.lineH(), s, "", 0, align, false, 0, "")
}

// safe replaces what the font cannot draw (outside the Basic Multilingual
// Plane, or control characters) so that no rune reaches gofpdf unmeasured.
func safe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\n':
			return r
		case r < 0x20 || r == 0x7F:
			return -1
		case r > 0xFFFF:
			return '?'
		}
		return r
	}, s)
}

// finish writes the footers (page numbers need the total, so they are drawn
// once all pages exist) and the document.
func (d *doc) finish(w io.Writer, title string) error {
	total := d.pdf.PageCount()
	for n := 1; n <= total; n++ {
		d.pdf.SetPage(n)
		d.font(7.5)
		d.text(grey)
		d.draw(rule)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Line(margin, pageH-14, pageW-margin, pageH-14)
		d.write(margin, pageH-13, contentW/2, title, "L")
		d.write(margin+contentW/2, pageH-13, contentW/2, fmt.Sprintf(templates.L(d.lang, "page"), n, total), "R")
	}
	if err := d.pdf.Error(); err != nil {
		return fmt.Errorf("drawing the PDF: %w", err)
	}
	if err := d.pdf.Output(w); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return nil
}
