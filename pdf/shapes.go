package pdf

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/chart"
)

// shapes draws what package chart laid out, in its order, each with its own
// colours, width and dash.
func (d *doc) shapes(shapes []chart.Shape) {
	for _, s := range shapes {
		d.draw(colourOf(s.Stroke))
		d.fill(colourOf(s.Fill))
		d.pdf.SetLineWidth(s.LineWidth)
		d.pdf.SetDashPattern(s.Dash)
		switch s.Kind {
		case chart.Line:
			d.pdf.Line(s.X, s.Y, s.X2, s.Y2)
		case chart.Rect:
			d.pdf.Rect(s.X, s.Y, s.W, s.H, s.Paint)
		case chart.Circle:
			d.pdf.Circle(s.X, s.Y, s.R, s.Paint)
		case chart.Polygon:
			pts := make([]point, len(s.Points))
			for i, p := range s.Points {
				pts[i] = point{p.X, p.Y}
			}
			d.pdf.Polygon(pts, s.Paint)
		case chart.Text:
			d.setSize(s.Size)
			d.text(colourOf(s.Fill))
			d.write(s.X, s.Y, s.W, s.Text, s.Align)
		}
	}
}

func colourOf(c chart.RGB) colour { return colour{c.R, c.G, c.B} }

// docFonts measures and breaks text for package chart with the document's
// font, as the document draws it.
type docFonts struct{ d *doc }

func (f docFonts) Width(s string, size float64) float64 {
	was := f.d.size
	defer f.d.setSize(was)
	f.d.setSize(size)
	return f.d.width(s)
}

func (f docFonts) Wrap(s string, size, w float64) []string {
	was := f.d.size
	defer f.d.setSize(was)
	f.d.setSize(size)
	return f.d.wrap(s, w)
}

// byStatus is a colour for each status.
func byStatus(of func(status fupan.OutcomeStatus) chart.RGB) map[fupan.OutcomeStatus]colour {
	m := map[fupan.OutcomeStatus]colour{}
	for _, s := range []fupan.OutcomeStatus{fupan.StatusAchieved, fupan.StatusClose, fupan.StatusMissed} {
		m[s] = colourOf(of(s))
	}
	return m
}
