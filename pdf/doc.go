// Package pdf draws the strategy review report (《策略復盤報告》) and the
// leadership overview. It writes the PDF itself (canvas.go, objects.go):
// text is laid out and broken into lines here (wrap.go), and each document
// embeds a subset of the font with the characters it draws (subset.go).
package pdf

import (
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/chart"
)

//go:embed fonts/wqy-microhei.ttf
var defaultFont []byte

// Font is a TrueType font for the PDF. The zero Font is the embedded
// WenQuanYi Micro Hei, which covers Latin, Simplified and Traditional Chinese;
// DefaultFont returns it ready for many documents.
type Font struct {
	name          string
	data          []byte
	index         *fontIndex // the font taken apart once; nil: done per document
	fallbackIndex *fontIndex // the embedded font, likewise, behind another
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

// LoadFont reads an organisation's own TrueType font: a .ttf, or one face of
// a TrueType collection (.ttc): "fonts.ttc" is face 0, "fonts.ttc:2" face 2.
// A CFF-flavoured OpenType font (.otf) is refused with a message that says
// so. Characters the font lacks are drawn with the embedded font.
func LoadFont(path string) (Font, error) {
	file, face := splitFace(path)
	data, err := os.ReadFile(file)
	if err != nil {
		return Font{}, fmt.Errorf("font %s: %w", path, err)
	}
	if len(data) < 12 {
		return Font{}, fmt.Errorf("font %s: too short to be a TrueType font", path)
	}
	switch string(data[:4]) {
	case "ttcf":
		if data, err = ttcFace(data, face); err != nil {
			return Font{}, fmt.Errorf("font %s: %w", path, err)
		}
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return Font{}, fmt.Errorf("font %s is an OpenType font with CFF outlines (.otf), which fupan cannot embed: use a TrueType (.ttf or .ttc) font", path)
	default:
		return Font{}, fmt.Errorf("font %s is not a TrueType font", path)
	}
	fi, err := indexFont(data)
	if err != nil {
		return Font{}, fmt.Errorf("font %s: %w", path, err)
	}
	return Font{name: path, data: data, index: fi}, nil
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
	var err error
	if f.index == nil {
		if f.index, err = indexFont(f.bytes()); err != nil {
			return f, fmt.Errorf("font: %w", err)
		}
	}
	if f.data != nil && f.fallbackIndex == nil {
		if f.fallbackIndex, err = indexFont(defaultFont); err != nil {
			return f, fmt.Errorf("the embedded font: %w", err)
		}
	}
	return f, nil
}

// indexed returns the font taken apart, doing it now where it was not.
func (f Font) indexed() (*fontIndex, error) {
	if f.index != nil {
		return f.index, nil
	}
	return indexFont(f.bytes())
}

// fallback is the embedded font, for the characters an organisation's font
// lacks; nil where f is the embedded font.
func (f Font) fallback() (*fontIndex, error) {
	if f.data == nil {
		return nil, nil
	}
	if f.fallbackIndex != nil {
		return f.fallbackIndex, nil
	}
	return indexFont(defaultFont)
}

// Options steer the report and the overview.
type Options struct {
	Font Font
	Lang fupan.Lang // zero: the review's own
	Now  time.Time  // the report date; zero: now
	// Roster is the overview's who has not handed in, by period; Company
	// the company's figures per period, oldest first, this run's last;
	// Decisions every team's items that need a decision.
	Roster    []fupan.Roster
	Company   []fupan.CompanyPeriod
	Decisions []TeamDecisions
	// Absent is the follow-through of the teams that have not handed in
	// (their open actions, none done since): counted in the company's.
	Absent fupan.FollowThrough
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
	// The charts' palette is package chart's, which fupan serve's pages
	// draw with too.
	navy      = colourOf(chart.Navy)
	blue      = colour{47, 85, 151}
	ink       = colourOf(chart.Ink)
	grey      = colourOf(chart.Grey)
	rule      = colourOf(chart.Rule)
	paleBlue  = colour{232, 238, 248}
	paleGrey  = colour{246, 247, 249}
	statusInk = byStatus(chart.StatusInk)
	statusBg  = map[fupan.OutcomeStatus]colour{fupan.StatusAchieved: {198, 239, 206}, fupan.StatusClose: {255, 235, 156}, fupan.StatusMissed: {255, 199, 206}}
	statusBar = byStatus(chart.StatusMark)
)

// doc is one document being drawn: the canvas and the project's own text
// layout on it.
type doc struct {
	pdf  *canvas
	lang fupan.Lang
	size float64 // current font size in points
	// Where the last heading ended (page index, y): a block drawn right
	// under it starts there, never leaving it alone at a page's foot.
	headingPage int
	headingEnd  float64
}

// newDoc starts a document.
func newDoc(opts Options, lang fupan.Lang) (*doc, error) {
	fi, err := opts.Font.indexed()
	if err != nil {
		return nil, err
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	fb, err := opts.Font.fallback()
	if err != nil {
		return nil, err
	}
	d := &doc{pdf: newCanvas(fi, now), lang: lang}
	d.pdf.fallback = fb
	d.setSize(9)
	return d, nil
}

func (d *doc) setSize(size float64) {
	d.size = size
	d.pdf.SetFontSize(size)
}

func (d *doc) text(c colour) { d.pdf.SetTextColour(c) }
func (d *doc) fill(c colour) { d.pdf.SetFillColour(c) }
func (d *doc) draw(c colour) { d.pdf.SetDrawColour(c) }

// lineH is the height of a line of text at the current size.
func (d *doc) lineH() float64 { return lineHeight(d.size) }

// width measures a text at the current size.
func (d *doc) width(s string) float64 { return d.pdf.StringWidth(s) }

// write draws one line of text at x, y (top of the line) in a box of width w,
// aligned "L", "C" or "R". The text should already fit (broken by wrap, or
// sized for its box); one that does not is measured and cut at its end with
// an ellipsis, never drawn past its box.
func (d *doc) write(x, y, w float64, s, align string) {
	if d.width(s) > w+0.01 {
		s = d.cutEnd(s, w)
	}
	d.pdf.Text(x, y, w, d.lineH(), s, align)
}

// cutEnd shortens a line at its end, behind an ellipsis, until it fits w.
func (d *doc) cutEnd(s string, w float64) string {
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		if t := strings.TrimRight(string(rs[:n]), " ") + "…"; d.width(t) <= w {
			return t
		}
	}
	return ""
}

// safe replaces what no font fupan embeds can draw: a character beyond the
// Basic Multilingual Plane becomes a visible "?" (the review names it in a
// char-unsupported finding), control characters go.
func safe(s string) string {
	clean := true
	for _, r := range s {
		if r < 0x20 || r == 0x7F || r > 0xFFFF {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
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
		d.write(margin+contentW/2, pageH-13, contentW/2, catalog.F(d.lang, "page", n, total), "R")
	}
	if _, err := d.pdf.WriteTo(w); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return nil
}

// render draws a document and writes it. The font subset holds exactly the
// characters drawn, collected as they are drawn.
func render(w io.Writer, opts Options, lang fupan.Lang, draw func(d *doc) (footer string)) error {
	d, err := newDoc(opts, lang)
	if err != nil {
		return err
	}
	return d.finish(w, draw(d))
}
