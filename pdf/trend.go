package pdf

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/chart"
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

// trendPanel draws one metric's trend in the box at x, y, laid out by
// package chart, as fupan serve's pages draw it.
func (d *doc) trendPanel(x, y, w, h float64, t fupan.Trend, periods []string) {
	d.shapes(chart.TrendPanel(docFonts{d}, x, y, w, h, t, periods))
	d.text(ink)
}
