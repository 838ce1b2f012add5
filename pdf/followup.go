package pdf

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
)

// followStatus is the colour class of a follow-up's status: done green,
// done late and open amber, overdue and unknown red, dropped grey (no class).
var followStatus = map[fupan.FollowStatus]fupan.OutcomeStatus{
	fupan.FollowDone:     fupan.StatusAchieved,
	fupan.FollowDoneLate: fupan.StatusClose,
	fupan.FollowOpen:     fupan.StatusClose,
	fupan.FollowOverdue:  fupan.StatusMissed,
	fupan.FollowUnknown:  fupan.StatusMissed,
}

// followup draws 上期行动落实情况: last period's actions with what became of
// them, the status written out (it reads in black and white), and the
// follow-through rate. An open action's age counts to the report's day
// (asOf), as page 1's does. Nothing where there is nothing to follow up.
func (d *doc) followup(rv *fupan.Review, asOf fupan.Date) {
	if len(rv.Followup) == 0 {
		return
	}
	l := d.lang
	cols, rows, hidden := d.followupTable(rv, asOf)
	s := rv.Summary
	rate := s.FollowThrough()
	// The heading, the rate and the table's start go together: never a
	// heading at a page's foot with its table on the next.
	need := d.headingH(0) + 3 + d.startHeight(cols, d.columnWidths(cols, rows), rows)
	if rate != nil {
		d.setSize(10)
		need += d.lineH() + 1
	}
	d.ensure(need)
	title := catalog.T(l, "followup")
	if from := rv.Followup[0].FromPeriod; from != "" && oneOrigin(rv.Followup) {
		title += catalog.T(l, "paren.open") + from + catalog.T(l, "paren.close")
	}
	d.heading(title, 0)
	if rate != nil {
		d.setSize(10)
		d.text(statusInk[fupan.MetricStatus(*rate)])
		d.write(margin, d.pdf.Y(), contentW, catalog.F(l, "followup.rate", fupan.FormatPercent(*rate, false), s.FollowupDone, s.FollowupTotal), "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH() + 1)
		d.text(ink)
	}
	d.table(cols, rows)
	d.leftOut(hidden)
}

// followupTable is the follow-up's table: its columns, its rows (at most
// maxTableRows) and how many are left out.
func (d *doc) followupTable(rv *fupan.Review, asOf fupan.Date) ([]column, [][]cell, int) {
	l := d.lang
	cols := []column{
		{title: catalog.T(l, "followup.action"), share: 2.4, align: "L"},
		{title: colTitle(l, fupan.ActionTable, fupan.ColOwner), share: 0.9, align: "L", names: true},
		{title: colTitle(l, fupan.ActionTable, fupan.ColDue), share: 1.1, align: "L"},
		{title: catalog.T(l, "status"), share: 1.1, align: "L", computed: true},
		{title: catalog.T(l, "followup.done_on"), share: 1.1, align: "L"},
		{title: catalog.T(l, "followup.effect"), share: 2.4, align: "L"},
	}
	var rows [][]cell
	list, hidden := firstRows(rv.Followup, maxTableRows)
	for _, f := range list {
		action := f.Action
		if f.Measure != "" && f.Measure != f.Action {
			action += "\n" + f.Measure
		}
		state, age := wording.FollowState(f, l, asOf)
		status := cell{text: state}
		if age != "" {
			status.text += "\n" + age
		}
		if note := wording.NotCounted(f, l); note != "" {
			// Not in the rate: said, and grey as a dropped one, so that the
			// coloured rows are the rate's.
			status.text += "\n" + note
		} else if st, ok := followStatus[f.Status]; ok {
			status = statusCell(status.text, st, "")
		}
		rows = append(rows, []cell{{text: action}, {text: f.Owner}, {text: wording.DueText(l, f.Due, f.MovedTo)}, status, {text: f.DoneOn.String()}, {text: f.Effect}})
	}
	return cols, rows, hidden
}
