package pdf

import (
	"math"
	"strconv"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// ganttRow is one row of the Gantt chart: a task's bar and its milestones.
type ganttRow struct {
	label      string
	start, end fupan.Date
	milestones []fupan.TrackingRow
}

// gantt is the chart's geometry: its rows, the months it spans, and where
// the plot is on the page.
type gantt struct {
	rows         []ganttRow
	lo, hi       fupan.Date // the first day of the first month, the day after the last
	days         float64
	plotX, plotW float64
	y0, yEnd     float64
	rowH         float64
}

// A Gantt row is 7 mm high, down to 4.6 mm where that shows every task on
// the page the chart has; ganttExtra is the chart's height beyond its rows
// (months, legend, the note of what is left out).
const (
	ganttRowH    = 7.0
	ganttMinRowH = 4.6
	ganttExtra   = 26.0
)

func (g gantt) xOf(dt fupan.Date) float64 {
	return g.plotX + g.plotW*float64(g.lo.DaysUntil(dt))/g.days
}

// ganttChart draws table 1's tasks as bars over the review's months, with
// table 2's planned (hollow diamond) and actual (filled dot, coloured by
// schedule) milestones on the row of the task they belong to.
func (d *doc) ganttChart(rv *fupan.Review) {
	l := d.lang
	// As many rows as the space has: all the tasks, their rows lower where
	// that fits them on the page (on the next where this one is short);
	// only where a page cannot hold them all are some left out, and said.
	all, _, _ := ganttRows(rv, math.MaxInt)
	most, rowH := d.ganttRoom(len(all))
	rows, hiddenTasks, hiddenMilestones := ganttRows(rv, most)
	if hiddenTasks+hiddenMilestones > 0 {
		defer func() {
			d.setSize(8)
			d.text(grey)
			// What is left out, without a "0 more tasks" beside it.
			note := catalog.F(l, "gantt.hidden", hiddenTasks, hiddenMilestones)
			switch {
			case hiddenMilestones == 0:
				note = catalog.F(l, "gantt.hidden.tasks", hiddenTasks)
			case hiddenTasks == 0:
				note = catalog.F(l, "gantt.hidden.milestones", hiddenMilestones)
			}
			d.write(margin, d.pdf.Y(), contentW, note, "L")
			d.pdf.SetY(d.pdf.Y() + d.lineH() + 2)
			d.text(ink)
		}()
	}
	lo, hi := ganttSpan(rv, rows)
	if len(rows) == 0 || lo.IsZero() {
		return
	}
	g := gantt{rows: rows, lo: lo, hi: hi, days: float64(lo.DaysUntil(hi)), plotX: margin + labelW, plotW: contentW - labelW, rowH: rowH}
	d.ensure(d.headingH(1) + float64(len(rows))*rowH + ganttExtra)
	d.heading(catalog.T(l, "chart.gantt"), 1)
	d.ensure(float64(len(rows))*rowH + ganttExtra)
	g.y0 = d.pdf.Y() + 6
	g.yEnd = g.y0 + float64(len(rows))*rowH
	d.ganttMonths(g)
	d.ganttBars(g)
	d.ganttLegend(g)
}

// ganttRoom is how many rows the chart shows of n, and their height: all
// at 7 mm where the rest of the page holds them, else all lower where they
// fit the rest of the page or a page of their own, else as many as a page
// holds at the lowest height (the rest is counted under the chart).
func (d *doc) ganttRoom(n int) (most int, rowH float64) {
	if n == 0 {
		return 0, ganttRowH
	}
	rest := bottom - d.pdf.Y() - d.headingH(1) - ganttExtra
	page := bottom - margin - d.headingH(1) - ganttExtra
	switch {
	case float64(n)*ganttRowH <= rest, float64(n)*ganttRowH <= page && rest < float64(n)*ganttMinRowH:
		return n, ganttRowH // whole here, or whole at full height on the next page
	case float64(n)*ganttMinRowH <= rest:
		return n, min(ganttRowH, rest/float64(n))
	case float64(n)*ganttMinRowH <= page:
		return n, min(ganttRowH, page/float64(n))
	}
	return int(page / ganttMinRowH), ganttMinRowH
}

// ganttRows are the chart's rows: the tasks with a milestone off track first
// on a long plan, then the others, in the plan's order, each with its
// milestones (those that deviate most first); what is left out is counted,
// tasks and milestones apart.
func ganttRows(rv *fupan.Review, most int) (rows []ganttRow, hiddenTasks, hiddenMilestones int) {
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
			if len(chosen) < most && offTask[p.Task] == (pass == 0) {
				chosen[i] = true
			}
		}
	}
	byTask := map[string]int{}
	hiddenTasks = len(tasks) - len(chosen)
	for i, p := range tasks {
		if chosen[i] {
			byTask[p.Task] = len(rows)
			rows = append(rows, ganttRow{label: p.Task, start: p.Start, end: p.End})
		}
	}
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
		if len(rows) >= most || t.PlanTask != "" {
			hiddenMilestones++ // of a task not shown, or past the chart's rows
			continue
		}
		rows = append(rows, ganttRow{label: t.Task, milestones: []fupan.TrackingRow{t}})
	}
	return rows, hiddenTasks, hiddenMilestones
}

// ganttSpan is the time axis: whole months spanning the period, the tasks
// and the milestones; zero where nothing has a date.
func ganttSpan(rv *fupan.Review, rows []ganttRow) (lo, hi fupan.Date) {
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
			if to, ok := m.LateTo(); ok {
				widen(to)
			}
		}
	}
	if lo.IsZero() {
		return lo, hi
	}
	lo = fupan.Date{Year: lo.Year, Month: lo.Month, Day: 1}
	hi = fupan.DateOf(time.Date(hi.Year, hi.Month+1, 1, 0, 0, 0, 0, time.UTC)) // the end of hi's month
	return lo, hi
}

func nextMonth(m fupan.Date) fupan.Date {
	return fupan.DateOf(time.Date(m.Year, m.Month+1, 1, 0, 0, 0, 0, time.UTC))
}

// ganttMonths draws the month columns, labelled as often as the labels fit:
// every month, every quarter, or every year on a long span; the year is on
// the axis wherever the span crosses one.
func (d *doc) ganttMonths(g gantt) {
	l := d.lang
	d.setSize(7)
	months := 0
	for m := g.lo; m.Before(g.hi); m = nextMonth(m) {
		months++
	}
	monthW := g.plotW / float64(months)
	crosses := g.lo.Year != g.hi.AddDays(-1).Year
	step := 1
	switch {
	case monthW >= d.width(monthLabel(fupan.Date{Year: 2025, Month: 12, Day: 1}, l))+1.5:
	case 3*monthW >= d.width(monthLabel(fupan.Date{Year: 2025, Month: 10, Day: 1}, l))+1.5:
		step = 3
	default:
		step = 12
	}
	for m, i := g.lo, 0; m.Before(g.hi); m, i = nextMonth(m), i+1 {
		x, x2 := g.xOf(m), g.xOf(nextMonth(m))
		if int(m.Month)%2 == 0 {
			d.fill(paleGrey)
			d.pdf.Rect(x, g.y0, x2-x, g.yEnd-g.y0, "F")
		}
		labelled := step == 1 || step == 3 && int(m.Month)%3 == 1 || step == 12 && m.Month == time.January || i == 0
		if !labelled {
			continue
		}
		d.draw(rule)
		d.pdf.SetLineWidth(0.15)
		d.pdf.Line(x, g.y0-5, x, g.yEnd)
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
		d.write(x, g.y0-5, w, label, "L")
	}
}

// ganttBars draws each row: its label, the task's bar, its milestones.
func (d *doc) ganttBars(g gantt) {
	for i, r := range g.rows {
		y := g.y0 + float64(i)*g.rowH
		d.setSize(8.5)
		d.rowLabel(y, g.rowH, r.label)
		if !r.start.IsZero() && !r.end.IsZero() {
			d.fill(colour{142, 169, 219})
			x1, x2 := g.xOf(r.start), g.xOf(r.end.AddDays(1))
			d.pdf.Rect(x1, y+g.rowH/4, math.Max(x2-x1, 0.8), g.rowH/2, "F")
		}
		for _, m := range r.milestones {
			cy := y + g.rowH/2
			if !m.Planned.Date.IsZero() {
				x := g.xOf(m.Planned.Date) + g.plotW/g.days/2
				d.draw(navy)
				d.fill(colour{255, 255, 255})
				d.pdf.SetLineWidth(0.35)
				d.pdf.Polygon([]point{{x, cy - 2.2}, {x + 2.2, cy}, {x, cy + 2.2}, {x - 2.2, cy}}, "FD")
			}
			if !m.Actual.Date.IsZero() {
				d.milestoneMark(g.xOf(m.Actual.Date)+g.plotW/g.days/2, cy, m.State)
			}
			if to, ok := m.LateTo(); ok && !m.Planned.Date.IsZero() {
				// Not done: how late it is by the review's day, a line from
				// the planned day to an open square, never a dot of a day
				// it was done on.
				d.overdueMark(g.xOf(m.Planned.Date)+g.plotW/g.days/2, g.xOf(to)+g.plotW/g.days/2, cy)
			}
		}
	}
}

// ganttLegend draws the keys under the chart, each sized to its text.
func (d *doc) ganttLegend(g gantt) {
	l := d.lang
	y := g.yEnd + 2.5
	d.setSize(7.5)
	d.text(grey)
	x := g.plotX
	key := func(symbolW float64, draw func(x float64), label string) {
		// A key that would run past the margin starts a new row (English
		// labels are longer).
		if x+symbolW+1+d.width(label)+1 > margin+contentW && x > g.plotX {
			x, y = g.plotX, y+d.lineH()+1
		}
		draw(x)
		d.write(x+symbolW+1, y, d.width(label)+1, label, "L")
		x += symbolW + d.width(label) + 6
	}
	key(6, func(x float64) {
		d.fill(colour{142, 169, 219})
		d.pdf.Rect(x, y+0.8, 6, 2.4, "F")
	}, catalog.T(l, "plan.period"))
	key(4, func(x float64) {
		d.draw(navy)
		d.fill(colour{255, 255, 255})
		d.pdf.Polygon([]point{{x + 2, y + 0.2}, {x + 4, y + 2}, {x + 2, y + 3.8}, {x, y + 2}}, "FD")
	}, catalog.T(l, "gantt.planned"))
	for _, st := range []fupan.TrackState{fupan.StateAhead, fupan.StateOnTrack, fupan.StateOffTrack} {
		label := catalog.T(l, "gantt.actual") + catalog.T(l, "paren.open.narrow") + catalog.T(l, st.Key()) + catalog.T(l, "paren.close.narrow")
		key(3, func(x float64) { d.milestoneMark(x+1.5, y+2, st) }, label)
	}
	if ganttHasOverdue(g.rows) {
		key(6, func(x float64) { d.overdueMark(x, x+4.6, y+2) }, catalog.T(l, "gantt.overdue"))
	}
	d.text(ink)
	d.pdf.SetY(y + d.lineH() + 4)
}

// overdueMark draws a milestone not done past its planned day: a red line
// from the planned day (x1) to the review's (x2), ending in an open square.
func (d *doc) overdueMark(x1, x2, y float64) {
	d.draw(statusBar[fupan.StatusMissed])
	d.pdf.SetLineWidth(0.6)
	d.pdf.Line(x1, y, x2, y)
	d.fill(colour{255, 255, 255})
	d.pdf.SetLineWidth(0.5)
	d.pdf.Rect(x2-1.3, y-1.3, 2.6, 2.6, "FD")
	d.pdf.SetLineWidth(0.2)
}

// ganttHasOverdue reports a milestone of the chart not done past its
// planned day: its key is in the legend only then.
func ganttHasOverdue(rows []ganttRow) bool {
	for _, r := range rows {
		for _, m := range r.milestones {
			if _, ok := m.LateTo(); ok {
				return true
			}
		}
	}
	return false
}
