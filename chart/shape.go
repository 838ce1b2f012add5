// Package chart lays out fupan's charts once, as shapes measured in
// millimetres from the top left: the PDF draws them with fpdf (package pdf),
// fupan serve's pages write them as inline SVG (SVG, here). One geometry,
// one palette: a chart looks the same on paper and on a page.
package chart

// RGB is a colour.
type RGB struct{ R, G, B int }

// The palette of the charts (the PDF's own, for what pdf draws besides).
var (
	Navy = RGB{31, 56, 100}
	Ink  = RGB{33, 37, 41}
	Grey = RGB{108, 117, 125}
	Rule = RGB{206, 212, 218}
)

// Kind is what a shape is.
type Kind uint8

const (
	Line Kind = iota
	Rect
	Circle
	Polygon
	Text
)

// Point is a point in millimetres.
type Point struct{ X, Y float64 }

// Shape is one thing drawn.
//
// A line runs from X, Y to X2, Y2; a rectangle's top left is X, Y, its size
// W, H; a circle's centre is X, Y, its radius R; a polygon joins Points. A
// text is one line in a box whose top left is X, Y, of width W and of the
// line's height H, aligned "L", "C" or "R" with a millimetre of margin
// inside the box, as the PDF's cells have.
type Shape struct {
	Kind               Kind
	X, Y, X2, Y2, W, H float64
	R                  float64
	Points             []Point
	// Paint is "D" (stroked), "F" (filled) or "FD" (both), as fpdf's styles;
	// a line is stroked.
	Paint     string
	Stroke    RGB
	Fill      RGB // a text's colour too
	LineWidth float64
	Dash      []float64 // dash and gap lengths; nil: solid

	Text  string
	Size  float64 // in points
	Align string
	// Title names a mark for a reader who points at it (SVG's title); the
	// PDF draws nothing of it.
	Title string
}

// PtPerMM converts millimetres to points.
const PtPerMM = 72 / 25.4

// cellMargin is the margin inside a text's box, as the PDF's cells have.
const cellMargin = 1.0

// LineHeight is the height of a line of text of size points, in millimetres.
func LineHeight(size float64) float64 { return size * 0.3528 * 1.45 }

// Baseline is a text's baseline: the middle of its box, lowered by 0.3 of
// the font's size (as fpdf places a cell's text).
func (s Shape) Baseline() float64 { return s.Y + s.H/2 + 0.3*s.Size/PtPerMM }

// Anchor is where a text is anchored on its baseline and how: "start",
// "middle" or "end" (SVG's text-anchor), the same place the PDF finds by
// measuring it.
func (s Shape) Anchor() (x float64, anchor string) {
	switch s.Align {
	case "R":
		return s.X + s.W - cellMargin, "end"
	case "C":
		return s.X + s.W/2, "middle"
	}
	return s.X + cellMargin, "start"
}

// Fonts measures and breaks text as the back end draws it: the PDF with its
// font's widths, a page with an estimate of the browser's.
type Fonts interface {
	// Width is s's width in millimetres at size points.
	Width(s string, size float64) float64
	// Wrap breaks s into lines no wider than w at size points.
	Wrap(s string, size, w float64) []string
}
