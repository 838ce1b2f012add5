package pdf

import (
	"fmt"
	"math"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

const labelW = 52.0 // the label column of both charts

// achievementChart draws one horizontal bar per metric, coloured by status, with
// the value and status written beside it and a dashed line at 100%.
func (d *doc) achievementChart(rv *fupan.Review) {
	l := d.lang
	var rows []fupan.OutcomeRow
	for _, o := range rv.Outcomes {
		if o.Achievement != nil {
			rows = append(rows, o)
		}
	}
	if len(rows) == 0 {
		return
	}
	rows, hidden := outcomesShown(rows, maxChartRows)
	defer d.leftOut(hidden)
	// The heading goes with its chart: never alone at the foot of a page.
	d.ensure(d.headingH(1) + float64(len(rows))*(6.0+2.5) + 10)
	d.heading(catalog.T(l, "chart.achievement"), 1)
	top := 0.0
	for _, o := range rows {
		top = max(top, *o.Achievement)
	}
	// The scale reaches past 100% and past the best metric, at most 300%.
	scale := math.Min(math.Max(1.25, math.Ceil(top*10+1)/10), 3)
	barH, gap := 6.0, 2.5
	valueW := 32.0
	plotX := margin + labelW
	plotW := contentW - labelW - valueW
	h := float64(len(rows))*(barH+gap) + 10
	d.ensure(h)
	y0 := d.pdf.Y() + 5
	// Grid lines every 25%.
	d.setSize(7)
	d.text(grey)
	d.draw(rule)
	d.pdf.SetLineWidth(0.15)
	for p := 0.0; p <= scale+1e-9; p += 0.25 {
		x := plotX + plotW*p/scale
		d.pdf.Line(x, y0-1, x, y0+float64(len(rows))*(barH+gap))
		d.write(x-8, y0-5, 16, fmt.Sprintf("%.0f%%", p*100), "C")
	}
	for i, o := range rows {
		d.achievementBar(o, y0+float64(i)*(barH+gap), barH, plotX, plotW, valueW, scale)
	}
	// The 100% line.
	x100 := plotX + plotW/scale
	d.draw(navy)
	d.pdf.SetLineWidth(0.4)
	d.pdf.SetDashPattern([]float64{1.2, 0.8})
	yEnd := y0 + float64(len(rows))*(barH+gap)
	d.pdf.Line(x100, y0-1.5, x100, yEnd)
	d.pdf.SetDashPattern(nil)
	d.setSize(7)
	d.text(navy)
	d.write(x100-15, yEnd, 30, catalog.T(l, "target.line"), "C")
	d.text(ink)
	d.pdf.SetY(yEnd + d.lineH() + 3)
}

// achievementBar draws one metric's row of the chart at y: its label, its bar
// in the colour of its status, and its value and status in a column of their
// own, clear of the 100% line.
func (d *doc) achievementBar(o fupan.OutcomeRow, y, barH, plotX, plotW, valueW, scale float64) {
	d.setSize(8.5)
	label := o.Metric
	if o.Direction == fupan.Lower && !saysLower(label) { // said once, where the name says it already
		label += catalog.T(d.lang, "chart.lower-is-better")
	}
	d.rowLabel(y, barH, label)
	a := *o.Achievement
	d.fill(statusBar[o.Status])
	w := plotW * math.Min(a, scale) / scale
	d.pdf.Rect(plotX, y, math.Max(w, 0.3), barH, "F")
	d.text(statusInk[o.Status])
	d.write(plotX+plotW+2, y+(barH-d.lineH())/2, valueW-2, fupan.FormatPercent(a, false)+" "+catalog.T(d.lang, o.Status.Key()), "L")
}

// rowLabel writes a chart row's label in the label column, on one line,
// shortened with an ellipsis where it is longer.
func (d *doc) rowLabel(y, h float64, label string) {
	d.text(ink)
	d.write(margin, y+(h-d.lineH())/2, labelW-3, fitMiddle(d, label, labelW-3), "L")
}

// fitMiddle shortens a line by its middle, behind an ellipsis, until it
// fits: long names often differ only at their end ("…channel number 3"),
// and cut at the end thirty metrics read the same.
func fitMiddle(d *doc, s string, w float64) string {
	if d.width(s) <= w {
		return s
	}
	rs := []rune(s)
	head, tail := (len(rs)+1)/2, len(rs)/2
	for head+tail > 0 {
		if head > tail {
			head--
		} else {
			tail--
		}
		if d.width(string(rs[:head])+"…"+string(rs[len(rs)-tail:])) <= w {
			return wordsAround(string(rs[:head]), string(rs[len(rs)-tail:]))
		}
	}
	return "…"
}

// wordsAround joins the start and end kept of a name with an ellipsis, cut
// back to whole words where the name has spaces ("Optimise online…channels",
// not "Optimise online…omotion channels"); shorter, it still fits.
func wordsAround(head, tail string) string {
	if i := strings.LastIndex(head, " "); i > 0 {
		head = head[:i]
	}
	if i := strings.Index(tail, " "); i >= 0 && i < len(tail)-1 {
		tail = tail[i+1:]
	}
	return strings.TrimRight(head, " ") + "…" + strings.TrimLeft(tail, " ")
}

// milestoneMark draws an actual milestone: a dot on track, a triangle
// pointing back ahead of plan, a square off track, so that the states differ
// by shape in black and white as well as by colour.
func (d *doc) milestoneMark(x, y float64, state fupan.TrackState) {
	switch state {
	case fupan.StateAhead:
		d.fill(statusBar[fupan.StatusAchieved])
		d.pdf.Polygon([]point{{x - 1.7, y}, {x + 1.3, y - 1.7}, {x + 1.3, y + 1.7}}, "F")
	case fupan.StateOffTrack:
		d.fill(statusBar[fupan.StatusMissed])
		d.pdf.Rect(x-1.4, y-1.4, 2.8, 2.8, "F")
	case fupan.StateOnTrack:
		d.fill(statusBar[fupan.StatusAchieved])
		d.pdf.Circle(x, y, 1.4, "F")
	default: // not judged (a milestone with no deviation)
		d.fill(grey)
		d.pdf.Circle(x, y, 1.4, "F")
	}
}

// yearMonthLabel is a month with its year: 2025年1月, Jan 2025.
func yearMonthLabel(m fupan.Date, l fupan.Lang) string {
	if l == fupan.English {
		return m.Time().Format("Jan 2006")
	}
	return fmt.Sprintf("%d年%d月", m.Year, int(m.Month))
}

func monthLabel(m fupan.Date, l fupan.Lang) string {
	if l == fupan.English {
		return m.Time().Format("Jan")
	}
	return fmt.Sprintf("%d月", int(m.Month))
}
