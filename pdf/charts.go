package pdf

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/templates"
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
	d.heading(templates.L(l, "chart.achievement"), 1)
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
		y := y0 + float64(i)*(barH+gap)
		d.setSize(8.5)
		label := o.Metric
		if o.Direction == fupan.Lower {
			label += d.lang.Pick("（越低越好）", "（越低越好）", " (lower is better)")
		}
		d.rowLabel(y, barH, label)
		a := *o.Achievement
		c := statusBar[o.Status]
		d.fill(c)
		w := plotW * math.Min(a, scale) / scale
		d.pdf.Rect(plotX, y, math.Max(w, 0.3), barH, "F")
		// The value and status in a column of their own, clear of the 100% line.
		d.text(statusInk[o.Status])
		d.write(plotX+plotW+2, y+(barH-d.lineH())/2, valueW-2, fupan.FormatPercent(a, false)+" "+templates.L(l, "status."+o.Status), "L")
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
	d.write(x100-15, yEnd, 30, templates.L(l, "target.line"), "C")
	d.text(ink)
	d.pdf.SetY(yEnd + d.lineH() + 3)
}

// rowLabel writes a chart row's label in the label column, on one line,
// shortened with an ellipsis where it is longer.
func (d *doc) rowLabel(y, h float64, label string) {
	d.text(ink)
	lines := d.wrap(label, labelW-3)
	if len(lines) > 1 {
		lines[0] = fitLine(d, lines[0]+"…", labelW-3)
	}
	d.write(margin, y+(h-d.lineH())/2, labelW-3, lines[0], "L")
}

// fitLine shortens a line with an ellipsis until it fits.
func fitLine(d *doc, s string, w float64) string {
	rs := []rune(s)
	for len(rs) > 1 && d.width(string(rs)) > w {
		rs = append(rs[:len(rs)-2], '…')
	}
	return string(rs)
}

// ganttRow is one row of the Gantt chart: a task's bar and its milestones.
type ganttRow struct {
	label      string
	start, end fupan.Date
	milestones []fupan.TrackingRow
}

// ganttChart draws table 1's tasks as bars over the review's months, with
// table 2's planned (hollow diamond) and actual (filled dot, coloured by
// schedule) milestones on the row of the task they belong to.
func (d *doc) ganttChart(rv *fupan.Review) {
	l := d.lang
	// A long plan shows the tasks with a milestone off track first, then the
	// others, in the plan's order; what is left out is counted, tasks and
	// milestones apart.
	offTask := map[string]bool{}
	for _, t := range rv.Tracking {
		if t.OffTrack() && t.PlanTask != "" {
			offTask[t.PlanTask] = true
		}
	}
	var tasks []fupan.PlanRow
	for _, p := range rv.Plan {
		if p.Task != "" || !p.Start.IsZero() {
			tasks = append(tasks, p)
		}
	}
	chosen := map[int]bool{}
	for pass := 0; pass < 2; pass++ {
		for i, p := range tasks {
			if len(chosen) < maxChartRows && offTask[p.Task] == (pass == 0) {
				chosen[i] = true
			}
		}
	}
	var rows []ganttRow
	byTask := map[string]int{}
	hiddenTasks, hiddenMilestones := len(tasks)-len(chosen), 0
	for i, p := range tasks {
		if chosen[i] {
			byTask[p.Task] = len(rows)
			rows = append(rows, ganttRow{label: p.Task, start: p.Start, end: p.End})
		}
	}
	// The milestones that deviate most are drawn first, so that a long table
	// shows what matters within the chart's limits.
	tracking, _, _ := trackingShown(rv.Tracking)
	for _, t := range tracking {
		if t.Planned.Date.IsZero() && t.Actual.Date.IsZero() {
			continue
		}
		if i, ok := byTask[t.PlanTask]; ok && t.PlanTask != "" {
			if len(rows[i].milestones) < maxMilestones {
				rows[i].milestones = append(rows[i].milestones, t)
			} else {
				hiddenMilestones++
			}
			continue
		}
		if len(rows) == maxChartRows || t.PlanTask != "" {
			hiddenMilestones++ // of a task not shown, or past the chart's rows
			continue
		}
		rows = append(rows, ganttRow{label: t.Task, milestones: []fupan.TrackingRow{t}})
	}
	if hiddenTasks+hiddenMilestones > 0 {
		defer func() {
			d.setSize(8)
			d.text(grey)
			d.write(margin, d.pdf.Y(), contentW, fmt.Sprintf(templates.L(l, "gantt.hidden"), hiddenTasks, hiddenMilestones), "L")
			d.pdf.SetY(d.pdf.Y() + d.lineH() + 2)
			d.text(ink)
		}()
	}
	// The time axis spans the period, the tasks and the milestones.
	var lo, hi fupan.Date
	widen := func(dt fupan.Date) {
		if dt.IsZero() {
			return
		}
		if lo.IsZero() || dt.Before(lo) {
			lo = dt
		}
		if hi.IsZero() || hi.Before(dt) {
			hi = dt
		}
	}
	widen(rv.Meta.PeriodStart)
	widen(rv.Meta.PeriodEnd)
	for _, r := range rows {
		widen(r.start)
		widen(r.end)
		for _, m := range r.milestones {
			widen(m.Planned.Date)
			widen(m.Actual.Date)
		}
	}
	if len(rows) == 0 || lo.IsZero() {
		return
	}
	lo = fupan.Date{Year: lo.Year, Month: lo.Month, Day: 1}
	hi = fupan.DateOf(time.Date(hi.Year, hi.Month+1, 1, 0, 0, 0, 0, time.UTC)) // the end of hi's month
	days := float64(lo.DaysUntil(hi))
	rowH := 7.0
	d.ensure(d.headingH(1) + float64(len(rows))*rowH + 22)
	d.heading(templates.L(l, "chart.gantt"), 1)
	plotX := margin + labelW
	plotW := contentW - labelW
	xOf := func(dt fupan.Date) float64 { return plotX + plotW*float64(lo.DaysUntil(dt))/days }
	d.ensure(float64(len(rows))*rowH + 22)
	y0 := d.pdf.Y() + 6
	yEnd := y0 + float64(len(rows))*rowH
	// Month columns, labelled as often as the labels fit: every month, every
	// quarter, or every year on a long span; the year is on the axis wherever
	// the span crosses one.
	d.setSize(7)
	nextMonth := func(m fupan.Date) fupan.Date {
		return fupan.DateOf(time.Date(m.Year, m.Month+1, 1, 0, 0, 0, 0, time.UTC))
	}
	months := 0
	for m := lo; m.Before(hi); m = nextMonth(m) {
		months++
	}
	monthW := plotW / float64(months)
	crosses := lo.Year != hi.AddDays(-1).Year
	step := 1
	switch {
	case monthW >= d.width(monthLabel(fupan.Date{Year: 2025, Month: 12, Day: 1}, l))+1.5:
	case 3*monthW >= d.width(monthLabel(fupan.Date{Year: 2025, Month: 10, Day: 1}, l))+1.5:
		step = 3
	default:
		step = 12
	}
	for m, i := lo, 0; m.Before(hi); m, i = nextMonth(m), i+1 {
		next := nextMonth(m)
		x, x2 := xOf(m), xOf(next)
		if int(m.Month)%2 == 0 {
			d.fill(paleGrey)
			d.pdf.Rect(x, y0, x2-x, yEnd-y0, "F")
		}
		labelled := step == 1 || step == 3 && int(m.Month)%3 == 1 || step == 12 && m.Month == time.January || i == 0
		if !labelled {
			continue
		}
		d.draw(rule)
		d.pdf.SetLineWidth(0.15)
		d.pdf.Line(x, y0-5, x, yEnd)
		d.text(grey)
		label := monthLabel(m, l)
		if step == 12 {
			label = strconv.Itoa(m.Year)
		} else if crosses && (m.Month == time.January || i == 0) {
			label = yearMonthLabel(m, l)
		}
		w := monthW * float64(step)
		if d.width(label) > w-1 { // a year's label where a month's would not fit
			label = strconv.Itoa(m.Year)
			if d.width(label) > w-1 {
				continue
			}
		}
		d.write(x, y0-5, w, label, "L")
	}
	for i, r := range rows {
		y := y0 + float64(i)*rowH
		d.setSize(8.5)
		d.rowLabel(y, rowH, r.label)
		if !r.start.IsZero() && !r.end.IsZero() {
			d.fill(colour{142, 169, 219})
			x1, x2 := xOf(r.start), xOf(r.end.AddDays(1))
			d.pdf.Rect(x1, y+1.8, math.Max(x2-x1, 0.8), rowH-3.6, "F")
		}
		for _, m := range r.milestones {
			cy := y + rowH/2
			if !m.Planned.Date.IsZero() {
				x := xOf(m.Planned.Date) + plotW/days/2
				d.draw(navy)
				d.fill(colour{255, 255, 255})
				d.pdf.SetLineWidth(0.35)
				d.pdf.Polygon([]point{{x, cy - 2.2}, {x + 2.2, cy}, {x, cy + 2.2}, {x - 2.2, cy}}, "FD")
			}
			if !m.Actual.Date.IsZero() {
				x := xOf(m.Actual.Date) + plotW/days/2
				d.milestoneMark(x, cy, m.State)
			}
		}
	}
	// Legend: each key sized to its text.
	y := yEnd + 2.5
	d.setSize(7.5)
	d.text(grey)
	x := plotX
	key := func(symbolW float64, draw func(x float64), label string) {
		draw(x)
		d.write(x+symbolW+1, y, d.width(label)+1, label, "L")
		x += symbolW + d.width(label) + 6
	}
	key(6, func(x float64) {
		d.fill(colour{142, 169, 219})
		d.pdf.Rect(x, y+0.8, 6, 2.4, "F")
	}, templates.L(l, "plan.period"))
	key(4, func(x float64) {
		d.draw(navy)
		d.fill(colour{255, 255, 255})
		d.pdf.Polygon([]point{{x + 2, y + 0.2}, {x + 4, y + 2}, {x + 2, y + 3.8}, {x, y + 2}}, "FD")
	}, templates.L(l, "gantt.planned"))
	for _, st := range []string{fupan.StateAhead, fupan.StateOnTrack, fupan.StateOffTrack} {
		label := templates.L(l, "gantt.actual") + l.Pick("(", "(", " (") + templates.L(l, stateLabel[st]) + l.Pick(")", ")", ")")
		key(3, func(x float64) { d.milestoneMark(x+1.5, y+2, st) }, label)
	}
	d.text(ink)
	d.pdf.SetY(y + d.lineH() + 4)
}

// stateLabel is the label key of a milestone's state.
var stateLabel = map[string]string{fupan.StateAhead: "ahead", fupan.StateOnTrack: "on.track", fupan.StateOffTrack: "off.track"}

// milestoneMark draws an actual milestone: a dot on track, a triangle
// pointing back ahead of plan, a square off track, so that the states differ
// by shape in black and white as well as by colour.
func (d *doc) milestoneMark(x, y float64, state string) {
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
