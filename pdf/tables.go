package pdf

import (
	"sort"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
)

// colTitle is a column's name in the report's language.
func colTitle(l fupan.Lang, id fupan.TableID, c fupan.Col) string {
	cd, _ := fupan.TableDefOf(id).Column(c)
	return cd.Names.In(l)
}

// tables draws the four tables with the computed columns highlighted.
func (d *doc) tables(rv *fupan.Review) {
	d.newPage()
	d.heading(catalog.T(d.lang, "tables"), 0)
	for _, t := range []struct {
		id   fupan.TableID
		draw func(*fupan.Review)
	}{
		{fupan.PlanTable, d.planTable}, {fupan.TrackingTable, d.trackingTable},
		{fupan.OutcomeTable, d.outcomeTable}, {fupan.ActionTable, d.actionTable},
	} {
		if _, ok := rv.Loc(t.id); ok {
			d.heading(fupan.TableDefOf(t.id).Title(d.lang), 1)
			t.draw(rv)
		}
	}
}

// tableCol is a column of a table drawn in the report, titled in the
// report's language with the team's note ("计划进度(7月)" names the month).
func (d *doc) tableCol(rv *fupan.Review, id fupan.TableID, c fupan.Col, share float64) column {
	l := d.lang
	title := colTitle(l, id, c)
	if loc, ok := rv.Loc(id); ok && loc.Notes[c] != "" {
		title += catalog.T(l, "paren.open.narrow") + loc.Notes[c] + catalog.T(l, "paren.close.narrow")
	}
	return column{title: title, share: share, align: "L", names: c == fupan.ColOwner}
}

func (d *doc) planTable(rv *fupan.Review) {
	l := d.lang
	col := func(id fupan.TableID, c fupan.Col, share float64) column { return d.tableCol(rv, id, c, share) }
	id := fupan.PlanTable
	cols := []column{col(id, fupan.ColGoal, 2), col(id, fupan.ColTask, 2), col(id, fupan.ColOwner, 1), col(id, fupan.ColPeriod, 1.4), col(id, fupan.ColResources, 2), col(id, fupan.ColAcceptance, 2.6)}
	var rows [][]cell
	prevGoal := ""
	plan, hidden := firstRows(rv.Plan, maxTableRows)
	for i, p := range plan {
		// A goal spans its tasks, as the merged cell in the workbook does.
		goal := cell{text: p.Goal, cont: i > 0 && p.Goal == prevGoal && p.Goal != ""}
		goal.spans = !goal.cont && i+1 < len(plan) && plan[i+1].Goal == p.Goal
		prevGoal = p.Goal
		resources := p.Resources
		if resources == "" {
			resources = wording.FormatResourcesIn(p.Budget, p.People, p.Currency, l)
		}
		rows = append(rows, []cell{goal, {text: p.Task}, {text: p.Owner}, {text: p.Period}, {text: resources}, {text: p.Acceptance}})
	}
	d.table(cols, rows)
	d.leftOut(hidden)
	d.extraColumns(rv, fupan.PlanTable)
}

func (d *doc) trackingTable(rv *fupan.Review) {
	l := d.lang
	col := func(id fupan.TableID, c fupan.Col, share float64) column { return d.tableCol(rv, id, c, share) }
	id := fupan.TrackingTable
	dev := col(id, fupan.ColDeviation, 1.3)
	dev.computed = true
	// Wide enough for a date with its year (2025年12月20日) on one line.
	cols := []column{col(id, fupan.ColTask, 1.8), col(id, fupan.ColPlanned, 1.7), col(id, fupan.ColActual, 1.7), dev, col(id, fupan.ColProblem, 1.8), col(id, fupan.ColCountermeasure, 1.8), col(id, fupan.ColOwner, 0.9)}
	var rows [][]cell
	tracking, hidden, hiddenOff := trackingShown(rv.Tracking)
	for _, t := range tracking {
		devCell := cell{text: "-"}
		if t.Deviation != nil {
			label := catalog.T(l, t.State.Key())
			devCell = statusCell(fupan.FormatPercent(*t.Deviation, true)+"\n"+label, trackStatus(t), "")
			if t.StatedDeviation != nil && !close(*t.StatedDeviation, *t.Deviation) {
				devCell.text += "\n" + catalog.T(l, "stated") + " " + fupan.FormatPercent(*t.StatedDeviation, true)
			}
		}
		rows = append(rows, []cell{{text: t.Task}, {text: t.PlannedText}, {text: t.ActualText}, devCell, {text: t.Problem}, {text: t.Countermeasure}, {text: t.Owner}})
	}
	d.table(cols, rows)
	d.leftOutOff(hidden, hiddenOff)
	d.extraColumns(rv, fupan.TrackingTable)
}

func (d *doc) outcomeTable(rv *fupan.Review) {
	l := d.lang
	col := func(id fupan.TableID, c fupan.Col, share float64) column { return d.tableCol(rv, id, c, share) }
	id := fupan.OutcomeTable
	ach := col(id, fupan.ColAchievement, 1.3)
	ach.computed = true
	cols := []column{col(id, fupan.ColMetric, 1.6), col(id, fupan.ColTarget, 1.1), col(id, fupan.ColActual, 1.1), ach, col(id, fupan.ColCause, 2.4), col(id, fupan.ColLesson, 2.4)}
	var rows [][]cell
	outcomes, hidden := outcomesShown(rv.Outcomes, maxTableRows)
	for _, o := range outcomes {
		achCell := cell{text: "-"}
		if o.Achievement != nil {
			achCell = statusCell(fupan.FormatPercent(*o.Achievement, false)+"\n"+catalog.T(l, o.Status.Key()), o.Status, "")
			if o.StatedAchievement != nil && !close(*o.StatedAchievement, *o.Achievement) {
				achCell.text += "\n" + catalog.T(l, "stated") + " " + fupan.FormatPercent(*o.StatedAchievement, false)
			}
		}
		metric := o.Metric
		if o.Direction == fupan.Lower && !saysLower(metric) { // so that 120% is read the right way round
			metric += "\n" + catalog.T(l, "direction.lower")
		}
		rows = append(rows, []cell{{text: metric}, {text: o.TargetText}, {text: o.ActualText}, achCell, {text: o.Cause}, {text: o.Lesson}})
	}
	d.table(cols, rows)
	d.leftOut(hidden)
	d.extraColumns(rv, fupan.OutcomeTable)
}

func (d *doc) actionTable(rv *fupan.Review) {
	col := func(id fupan.TableID, c fupan.Col, share float64) column { return d.tableCol(rv, id, c, share) }
	id := fupan.ActionTable
	cols := []column{col(id, fupan.ColItem, 1.6), col(id, fupan.ColMeasure, 2.4), col(id, fupan.ColOwner, 0.9), col(id, fupan.ColDue, 1), col(id, fupan.ColSupport, 1.8), col(id, fupan.ColAcceptance, 2)}
	loc, _ := rv.Loc(id)
	_, hasStatus := loc.Columns[fupan.ColStatus]
	if hasStatus {
		cols = append(cols, col(id, fupan.ColStatus, 0.9))
	}
	var rows [][]cell
	actions, hidden := firstRows(rv.Actions, maxTableRows)
	for _, a := range actions {
		r := []cell{{text: a.Item}, {text: a.Measure}, {text: a.Owner}, {text: a.DueText}, {text: a.Support}, {text: a.Acceptance}}
		if hasStatus {
			r = append(r, cell{text: a.Status})
		}
		rows = append(rows, r)
	}
	d.table(cols, rows)
	d.leftOut(hidden)
	d.extraColumns(rv, fupan.ActionTable)
}

// extraColumns names the team's own columns of a table (备注), which the
// report does not print: the reader knows they are in the workbook.
func (d *doc) extraColumns(rv *fupan.Review, id fupan.TableID) {
	loc, ok := rv.Loc(id)
	if !ok || len(loc.Extra) == 0 {
		return
	}
	cols := make([]int, 0, len(loc.Extra))
	for c := range loc.Extra {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	var names []string
	for _, c := range cols {
		names = append(names, loc.Extra[c])
	}
	l := d.lang
	d.setSize(8)
	d.text(grey)
	for _, line := range d.wrap(catalog.F(l, "extra.columns", strings.Join(names, catalog.T(l, "sep.list"))), contentW) {
		d.ensure(d.lineH())
		d.write(margin, d.pdf.Y(), contentW, line, "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
	}
	d.pdf.SetY(d.pdf.Y() + 2)
	d.text(ink)
}

func close(a, b float64) bool {
	return a-b <= fupan.StatedTolerance+1e-9 && b-a <= fupan.StatedTolerance+1e-9
}

// findings draws the data-quality findings with their cells.
func (d *doc) findings(fs []fupan.Finding) {
	l := d.lang
	d.ensure(40)
	d.heading(catalog.T(l, "findings"), 0)
	if len(fs) == 0 {
		d.write(margin, d.pdf.Y(), contentW, catalog.T(l, "no.findings"), "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
		return
	}
	cols := []column{
		{title: catalog.T(l, "severity"), share: 1, align: "L"},
		{title: catalog.T(l, "cell"), share: 1.2, align: "L"},
		{title: catalog.T(l, "message"), share: 3.4, align: "L"},
		{title: catalog.T(l, "hint"), share: 3, align: "L"},
	}
	sevStatus := map[fupan.Severity]fupan.OutcomeStatus{fupan.SevError: fupan.StatusMissed, fupan.SevWarning: fupan.StatusClose, fupan.SevInfo: ""}
	var rows [][]cell
	shown, hidden := firstRows(fs, maxFindings)
	for _, f := range shown {
		sev := cell{text: catalog.T(l, "severity."+string(f.Severity))}
		if st := sevStatus[f.Severity]; st != "" {
			sev = statusCell(sev.text, st, "")
		}
		where := f.Ref.String()
		if where == "" {
			where = "-"
		}
		f = f.In(l)
		rows = append(rows, []cell{sev, {text: where}, {text: f.Message() + "\n[" + string(f.Code) + "]"}, {text: f.Hint()}})
	}
	d.table(cols, rows)
	d.leftOut(hidden)
}

// saysLower reports whether a metric's name already says that lower is
// better, in any language ("Churn rate (lower is better)", "流失率（越低越好）"):
// the table does not say it a second time.
func saysLower(metric string) bool {
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune(" ()（）", r) {
				return -1
			}
			return r
		}, strings.ToLower(fupan.Simplify(s)))
	}
	m := key(metric)
	for _, l := range catalog.Langs() {
		if strings.Contains(m, key(catalog.T(l, "direction.lower"))) {
			return true
		}
	}
	return false
}
