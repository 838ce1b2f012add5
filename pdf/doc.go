// Package pdf draws the strategy review report (《策略復盤報告》) and the
// leadership overview with gofpdf. It is the only package that knows gofpdf.
//
// Two gofpdf defects shape it: gofpdf drops a character at each automatic line
// break in CJK text (MultiCell and SplitText alike), so this package breaks
// lines itself and only ever draws single lines; and gofpdf writes into the
// font bytes it is given, so every document parses its own copy.
package pdf

import (
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
// WenQuanYi Micro Hei, which covers Latin, Simplified and Traditional Chinese;
// DefaultFont returns it ready for many documents.
type Font struct {
	name  string
	data  []byte
	index *fontIndex // the font taken apart once; nil: done per document
}

// DefaultFont is the embedded font, taken apart once so that every document
// drawn with it embeds a small subset quickly.
func DefaultFont() (Font, error) {
	fi, err := indexFont(defaultFont)
	if err != nil {
		return Font{}, fmt.Errorf("the embedded font: %w", err)
	}
	return Font{index: fi}, nil
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
		fi, err := indexFont(data)
		if err != nil {
			return Font{}, fmt.Errorf("font %s: %w", path, err)
		}
		return Font{name: path, data: data, index: fi}, nil
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

// Ready returns the font taken apart, so that the documents drawn with it
// share that work: call it once before drawing many.
func (f Font) Ready() (Font, error) {
	if f.index != nil {
		return f, nil
	}
	fi, err := indexFont(f.bytes())
	if err != nil {
		return f, fmt.Errorf("font: %w", err)
	}
	f.index = fi
	return f, nil
}

// indexed returns the font taken apart, doing it now where it was not.
func (f Font) indexed() (*fontIndex, error) {
	if f.index != nil {
		return f.index, nil
	}
	return indexFont(f.bytes())
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

	font    *fontIndex
	chars   map[rune]bool // the characters the document's font subset has
	missing map[rune]bool // characters drawn or measured that the subset lacks
}

// newDoc starts a document whose font holds the given characters. gofpdf is
// given a fresh subset: it writes into the font bytes it parses, so no two
// documents share them.
func newDoc(opts Options, lang fupan.Lang, chars []rune) (*doc, error) {
	fi, err := opts.Font.indexed()
	if err != nil {
		return nil, err
	}
	p := gofpdf.New("P", "mm", "A4", "")
	set := make(map[rune]bool, len(chars))
	for _, c := range chars {
		set[c] = true
	}
	p.AddUTF8FontFromBytes(family, "", fi.subset(chars))
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("loading the font: %w", err)
	}
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(false, 0)
	// Streams stay uncompressed: with a per-document font subset the seed's
	// report is 96 KB instead of 72 KB, and drawing it takes a quarter less
	// time (gofpdf sets up a new zlib writer for every stream).
	p.SetCompression(false)
	p.SetCreator("fupan", true)
	p.SetAuthor("fupan", true)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	p.SetCreationDate(now)
	p.SetModificationDate(now)
	d := &doc{pdf: p, lang: lang, font: fi, chars: set, missing: map[rune]bool{}}
	d.setSize(9)
	return d, nil
}

func (d *doc) setSize(size float64) {
	d.size = size
	d.pdf.SetFont(family, "", size)
}

func (d *doc) text(c colour) { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *doc) fill(c colour) { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c colour) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// lineH is the height of a line of text at the current size.
func (d *doc) lineH() float64 { return d.size * 0.3528 * 1.45 }

// width measures a text at the current size.
func (d *doc) width(s string) float64 {
	d.note(s)
	return d.pdf.GetStringWidth(s)
}

// note records characters the font has but the document's subset lacks: the
// document is then drawn again with them (see render).
func (d *doc) note(s string) {
	for _, r := range s {
		if !d.chars[r] && r >= ' ' && d.font.has(r) {
			d.missing[r] = true
		}
	}
}

// write draws one line of text at x, y (top of the line) in a box of width w,
// aligned "L", "C" or "R". The text must already fit: it is never wrapped here.
func (d *doc) write(x, y, w float64, s, align string) {
	d.note(s)
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
		d.setSize(7.5)
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

// render draws a document, and draws it again with a larger font subset when
// the first pass used characters the subset lacked (a label or a value the
// character list did not foresee). Nothing is ever drawn with a missing glyph.
func render(w io.Writer, opts Options, lang fupan.Lang, chars []rune, draw func(d *doc) (footer string, err error)) error {
	for attempt := 0; ; attempt++ {
		d, err := newDoc(opts, lang, chars)
		if err != nil {
			return err
		}
		footer, err := draw(d)
		if err != nil {
			return err
		}
		d.note(footer)
		if len(d.missing) == 0 || attempt == 2 {
			return d.finish(w, footer)
		}
		for r := range d.missing {
			chars = append(chars, r)
		}
	}
}

// baseChars are the characters every document may draw: printable ASCII and
// the punctuation the layout itself writes.
func baseChars() []rune {
	var out []rune
	for r := rune(0x20); r < 0x7F; r++ {
		out = append(out, r)
	}
	return append(out, []rune("…·–—→《》「」、。,:;!?()%万萬月第页頁共")...)
}

// textChars adds the characters of texts to a list.
func textChars(out []rune, texts ...string) []rune {
	seen := map[rune]bool{}
	for _, r := range out {
		seen[r] = true
	}
	for _, t := range texts {
		for _, r := range t {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}
