package pdf

import (
	"fmt"
	"math"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// Most trend panels drawn; the others are named as left out.
const maxTrends = 12

// trendChart draws each metric with two periods or more as a small panel of
// its own: achievement per period joined by a line, the 100% line dashed,
// each point's status by its shape (dot achieved, triangle close, square
// missed) as well as its colour, so a black and white print reads the same.
func (d *doc) trendChart(rv *fupan.Review) {
	if rv.Compared == nil || len(rv.Compared.Trends) == 0 {
		return
	}
	l := d.lang
	trends := rv.Compared.Trends
	hidden := 0
	if len(trends) > maxTrends {
		trends, hidden = trends[:maxTrends], len(trends)-maxTrends
	}
	const perRow, gap, panelH = 3, 4.0, 38.0
	panelW := (contentW - gap*(perRow-1)) / perRow
	rows := (len(trends) + perRow - 1) / perRow
	d.ensure(d.headingH(1) + panelH + gap)
	d.heading(catalog.F(l, "chart.trend", len(rv.Compared.Periods)), 1)
	for r := 0; r < rows; r++ {
		d.ensure(panelH + gap)
		y := d.pdf.Y()
		for c := 0; c < perRow; c++ {
			i := r*perRow + c
			if i == len(trends) {
				break
			}
			d.trendPanel(margin+float64(c)*(panelW+gap), y, panelW, panelH, trends[i], rv.Compared.Periods)
		}
		d.pdf.SetY(y + panelH + gap)
	}
	if hidden > 0 {
		d.setSize(8)
		d.text(grey)
		d.write(margin, d.pdf.Y(), contentW, catalog.F(l, "chart.trend.hidden", hidden), "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
	}
	d.text(ink)
	d.pdf.SetY(d.pdf.Y() + 2)
}

// trendPanel draws one metric's trend in the box at x, y.
func (d *doc) trendPanel(x, y, w, h float64, t fupan.Trend, periods []string) {
	d.draw(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Rect(x, y, w, h, "D")
	d.trendTitle(x, y, w, t.Metric)
	// The plot: periods across, achievement up, from 0 to past the best.
	top := 1.2
	for _, p := range t.Points {
		if p.Achievement != nil {
			top = math.Max(top, math.Min(*p.Achievement, 3)+0.1)
		}
	}
	pl := trendPlot{x: x + 9, w: w - 13, y: y + 9, h: h - 16, top: top, slot: (w - 13) / float64(len(periods))}
	d.trendGrid(pl, x, periods)
	d.trendLine(pl, t, periods)
	// The latest value, written out.
	if n := len(t.Points); n > 0 && t.Points[n-1].Achievement != nil {
		p := t.Points[n-1]
		d.setSize(7)
		d.text(statusInk[p.Status])
		d.write(x+2, y+1, w-4, fupan.FormatPercent(*p.Achievement, false), "R")
	}
	d.text(ink)
}

// trendTitle writes the metric's name on up to two lines, a longer one cut in
// its middle: long names often differ only at their end ("…channel number 3").
func (d *doc) trendTitle(x, y, w float64, metric string) {
	d.setSize(7.5)
	d.text(ink)
	title := d.wrap(metric, w-16)
	if len(title) > 2 {
		rest := strings.TrimSpace(strings.TrimPrefix(metric, title[0]))
		title = []string{title[0], fitTail(d, rest, w-16)}
	}
	for i, line := range title {
		d.write(x+2, y+1+float64(i)*d.lineH(), w-16, line, "L")
	}
}

// trendPlot is the plotting area of a trend panel: one slot per period
// across, achievement from 0 to top up.
type trendPlot struct {
	x, w, y, h, top, slot float64
}

func (pl trendPlot) yAt(v float64) float64 {
	return pl.y + pl.h - pl.h*math.Max(0, math.Min(v, pl.top))/pl.top
}

func (pl trendPlot) xAt(i int) float64 { return pl.x + pl.slot*(float64(i)+0.5) }

// trendGrid draws the 0, 50% and 100% lines (100% dashed), their labels left
// of the plot at labelX, and the periods under it.
func (d *doc) trendGrid(pl trendPlot, labelX float64, periods []string) {
	d.setSize(6.5)
	d.text(grey)
	d.draw(rule)
	d.pdf.SetLineWidth(0.1)
	for _, v := range []float64{0, 0.5, 1} {
		d.pdf.Line(pl.x, pl.yAt(v), pl.x+pl.w, pl.yAt(v))
		d.write(labelX+0.5, pl.yAt(v)-d.lineH()/2, 8, fmt.Sprintf("%.0f%%", v*100), "R")
	}
	d.draw(navy)
	d.pdf.SetLineWidth(0.35)
	d.pdf.SetDashPattern([]float64{1.2, 0.8})
	d.pdf.Line(pl.x, pl.yAt(1), pl.x+pl.w, pl.yAt(1))
	d.pdf.SetDashPattern(nil)
	for i, p := range periods {
		d.text(grey)
		d.write(pl.xAt(i)-pl.slot/2, pl.y+pl.h+0.8, pl.slot, shortPeriod(p, len(periods)), "C")
	}
}

// trendLine draws the metric's points, each marked by its status. The line
// joins periods next to each other only: a period without the metric leaves a
// gap.
func (d *doc) trendLine(pl trendPlot, t fupan.Trend, periods []string) {
	index := map[string]int{}
	for i, p := range periods {
		index[p] = i
	}
	d.draw(ink)
	d.pdf.SetLineWidth(0.3)
	last := -1
	var lastY float64
	for _, p := range t.Points {
		i, ok := index[p.Period]
		if !ok || p.Achievement == nil {
			last = -1
			continue
		}
		yy := pl.yAt(*p.Achievement)
		if last >= 0 && i == last+1 {
			d.pdf.Line(pl.xAt(last), lastY, pl.xAt(i), yy)
		}
		last, lastY = i, yy
	}
	for _, p := range t.Points {
		if i, ok := index[p.Period]; ok && p.Achievement != nil {
			d.statusMark(pl.xAt(i), pl.yAt(*p.Achievement), p.Status)
		}
	}
}

// fitTail shortens a line from its start, behind an ellipsis, until it fits.
func fitTail(d *doc, s string, w float64) string {
	rs := []rune(s)
	for len(rs) > 1 && d.width("…"+string(rs)) > w {
		rs = rs[1:]
	}
	return "…" + string(rs)
}

// statusMark draws a metric's status by shape and colour.
func (d *doc) statusMark(x, y float64, status string) {
	d.fill(statusBar[status])
	switch status {
	case fupan.StatusAchieved:
		d.pdf.Circle(x, y, 1.2, "F")
	case fupan.StatusClose:
		d.pdf.Polygon([]point{{x - 1.4, y + 1.1}, {x + 1.4, y + 1.1}, {x, y - 1.4}}, "F")
	default:
		d.pdf.Rect(x-1.1, y-1.1, 2.2, 2.2, "F")
	}
}

// shortPeriod shortens a period's label where many share a panel: 2025Q3
// stays while the labels fit, then the year goes (Q3, 07).
func shortPeriod(p string, n int) string {
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
