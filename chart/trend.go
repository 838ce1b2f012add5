package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/fupan-review/fupan"
)

// StatusMark is the colour a status is marked in: a bar, a trend's point.
func StatusMark(status fupan.OutcomeStatus) RGB {
	switch status {
	case fupan.StatusAchieved:
		return RGB{84, 163, 90}
	case fupan.StatusClose:
		return RGB{232, 170, 40}
	}
	return RGB{204, 62, 62}
}

// StatusInk is the colour a status's text is written in.
func StatusInk(status fupan.OutcomeStatus) RGB {
	switch status {
	case fupan.StatusAchieved:
		return RGB{0, 97, 0}
	case fupan.StatusClose:
		return RGB{156, 87, 0}
	}
	return RGB{156, 0, 6}
}

// TrendPanel lays out one series across periods in the box at x, y, w, h:
// its title, its latest value, the 0, 50% and 100% lines (100% dashed),
// the periods under the plot, the values joined by a line between periods
// next to each other (a period without one leaves a gap), and each point's
// status by its shape (dot achieved, triangle close, square missed) as well
// as its colour, so a black and white print reads the same.
func TrendPanel(f Fonts, x, y, w, h float64, t fupan.Trend, periods []string) []Shape {
	p := panel{f: f}
	p.add(Shape{Kind: Rect, X: x, Y: y, W: w, H: h, Paint: "D", Stroke: Rule, LineWidth: 0.2})
	p.title(x, y, w, t.Metric)
	// The plot: periods across, achievement up, from 0 to past the best.
	top := 1.2
	for _, pt := range t.Points {
		if pt.Achievement != nil {
			top = math.Max(top, math.Min(*pt.Achievement, 3)+0.1)
		}
	}
	pl := plot{x: x + 9, w: w - 13, y: y + 9, h: h - 16, top: top, slot: (w - 13) / float64(len(periods))}
	p.grid(pl, x, periods)
	p.line(pl, t, periods)
	// The latest value, written out.
	if n := len(t.Points); n > 0 && t.Points[n-1].Achievement != nil {
		last := t.Points[n-1]
		p.text(x+2, y+1, w-4, 7, StatusInk(last.Status), fupan.FormatPercent(*last.Achievement, false), "R")
	}
	return p.shapes
}

// panel collects a panel's shapes.
type panel struct {
	f      Fonts
	shapes []Shape
}

func (p *panel) add(s Shape) { p.shapes = append(p.shapes, s) }

// text writes one line in a box of width w; a line too wide is cut at its
// end behind an ellipsis, never drawn past its box.
func (p *panel) text(x, y, w, size float64, c RGB, s, align string) {
	if p.f.Width(s, size) > w+0.01 {
		s = cutEnd(p.f, s, size, w)
	}
	p.add(Shape{Kind: Text, X: x, Y: y, W: w, H: LineHeight(size), Fill: c, Text: s, Size: size, Align: align})
}

// title writes the series' name on up to two lines, a longer one cut in its
// middle: long names often differ only at their end ("…channel number 3").
func (p *panel) title(x, y, w float64, name string) {
	const size = 7.5
	lines := p.f.Wrap(name, size, w-16)
	if len(lines) > 2 {
		rest := strings.TrimSpace(strings.TrimPrefix(name, lines[0]))
		lines = []string{lines[0], fitTail(p.f, rest, size, w-16)}
	}
	for i, line := range lines {
		p.text(x+2, y+1+float64(i)*LineHeight(size), w-16, size, Ink, line, "L")
	}
}

// labelGap is the least room between two periods' labels, in millimetres.
const labelGap = 1.0

// plot is the plotting area of a trend panel: one slot per period across,
// achievement from 0 to top up.
type plot struct {
	x, w, y, h, top, slot float64
}

func (pl plot) yAt(v float64) float64 {
	return pl.y + pl.h - pl.h*math.Max(0, math.Min(v, pl.top))/pl.top
}

func (pl plot) xAt(i int) float64 { return pl.x + pl.slot*(float64(i)+0.5) }

// grid draws the 0, 50% and 100% lines (100% dashed), their labels left of
// the plot at labelX, and the periods under it.
func (p *panel) grid(pl plot, labelX float64, periods []string) {
	const size = 6.5
	for _, v := range []float64{0, 0.5, 1} {
		p.add(Shape{Kind: Line, X: pl.x, Y: pl.yAt(v), X2: pl.x + pl.w, Y2: pl.yAt(v), Stroke: Rule, LineWidth: 0.1})
		p.text(labelX+0.5, pl.yAt(v)-LineHeight(size)/2, 8, size, Grey, fmt.Sprintf("%.0f%%", v*100), "R")
	}
	p.add(Shape{Kind: Line, X: pl.x, Y: pl.yAt(1), X2: pl.x + pl.w, Y2: pl.yAt(1), Stroke: Navy, LineWidth: 0.35, Dash: []float64{1.2, 0.8}})
	// Every period is labelled where the labels fit their slots with a gap
	// between them; where they do not (a year of months, a page's three
	// years), every step-th is, counting back from the latest, in a box of
	// step slots: a label is never cut to "2…" nor run into the next.
	n, step := len(periods), 1
	for _, period := range periods {
		for step < n && p.f.Width(ShortPeriod(period, n), size)+labelGap > float64(step)*pl.slot+0.01 {
			step++
		}
	}
	for i, period := range periods {
		if (n-1-i)%step == 0 {
			w := float64(step) * pl.slot
			p.text(pl.xAt(i)-w/2, pl.y+pl.h+0.8, w, size, Grey, ShortPeriod(period, n), "C")
		}
	}
}

// line joins the series' points between periods next to each other, then
// marks each point by its status.
func (p *panel) line(pl plot, t fupan.Trend, periods []string) {
	index := map[string]int{}
	for i, period := range periods {
		index[period] = i
	}
	last := -1
	var lastY float64
	for _, pt := range t.Points {
		i, ok := index[pt.Period]
		if !ok || pt.Achievement == nil {
			last = -1
			continue
		}
		yy := pl.yAt(*pt.Achievement)
		if last >= 0 && i == last+1 {
			p.add(Shape{Kind: Line, X: pl.xAt(last), Y: lastY, X2: pl.xAt(i), Y2: yy, Stroke: Ink, LineWidth: 0.3})
		}
		last, lastY = i, yy
	}
	for _, pt := range t.Points {
		if i, ok := index[pt.Period]; ok && pt.Achievement != nil {
			s := statusMark(pl.xAt(i), pl.yAt(*pt.Achievement), pt.Status)
			s.Title = pt.Period + " " + fupan.FormatPercent(*pt.Achievement, false)
			p.add(s)
		}
	}
}

// statusMark is a status's mark at x, y: its shape and its colour.
func statusMark(x, y float64, status fupan.OutcomeStatus) Shape {
	s := Shape{Paint: "F", Fill: StatusMark(status), Stroke: Ink, LineWidth: 0.3}
	switch status {
	case fupan.StatusAchieved:
		s.Kind, s.X, s.Y, s.R = Circle, x, y, 1.2
	case fupan.StatusClose:
		s.Kind, s.Points = Polygon, []Point{{x - 1.4, y + 1.1}, {x + 1.4, y + 1.1}, {x, y - 1.4}}
	default:
		s.Kind, s.X, s.Y, s.W, s.H = Rect, x-1.1, y-1.1, 2.2, 2.2
	}
	return s
}

// ShortPeriod shortens a period's label where many share a panel: 2025Q3
// stays while the labels fit, then the year goes (Q3, 07).
func ShortPeriod(p string, n int) string {
	if n <= 4 || len(p) < 6 {
		return p
	}
	switch {
	case p[4] == 'Q' || p[4] == 'H':
		return p[2:]
	case p[4] == '-':
		return p[2:4] + "/" + p[5:]
	}
	return p
}

// cutEnd shortens a line at its end, behind an ellipsis, until it fits w.
func cutEnd(f Fonts, s string, size, w float64) string {
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		if t := strings.TrimRight(string(rs[:n]), " ") + "…"; f.Width(t, size) <= w {
			return t
		}
	}
	return ""
}

// fitTail shortens a line from its start, behind an ellipsis, until it fits.
func fitTail(f Fonts, s string, size, w float64) string {
	rs := []rune(s)
	for len(rs) > 1 && f.Width("…"+string(rs), size) > w {
		rs = rs[1:]
	}
	return "…" + string(rs)
}
