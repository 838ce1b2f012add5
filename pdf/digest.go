package pdf

import (
	"math"
	"sort"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// A report stays readable whatever the workbook's size: a table of more rows
// than these shows the rows that need attention and says how many it left
// out (the reviewed workbook and the JSON have them all).
const (
	maxTableRows  = 60
	maxChartRows  = 25
	maxPoints     = 15
	maxFindings   = 120
	maxMilestones = 20 // per Gantt row
)

// trackingShown picks the tracking rows a report prints: all of a short table;
// of a long one, the milestones off track, the largest deviation first.
func trackingShown(rows []fupan.TrackingRow) (shown []fupan.TrackingRow, hidden, hiddenOff int) {
	if len(rows) <= maxTableRows {
		return rows, 0, 0
	}
	// Indices are sorted, not the rows: moving 100,000 large structs cost a second.
	var off []int
	for i, t := range rows {
		if t.OffTrack() {
			off = append(off, i)
		}
	}
	sort.SliceStable(off, func(i, j int) bool {
		return math.Abs(*rows[off[i]].Deviation) > math.Abs(*rows[off[j]].Deviation)
	})
	if len(off) > maxTableRows {
		hiddenOff = len(off) - maxTableRows
		off = off[:maxTableRows]
	}
	for _, i := range off {
		shown = append(shown, rows[i])
	}
	return shown, len(rows) - len(shown), hiddenOff
}

// outcomesShown picks the metrics a report prints: the least achieved first
// when there are too many.
func outcomesShown(rows []fupan.OutcomeRow, limit int) ([]fupan.OutcomeRow, int) {
	if len(rows) <= limit {
		return rows, 0
	}
	sorted := append([]fupan.OutcomeRow{}, rows...)
	ach := func(o fupan.OutcomeRow) float64 {
		if o.Achievement == nil {
			return -1
		}
		return *o.Achievement
	}
	sort.SliceStable(sorted, func(i, j int) bool { return ach(sorted[i]) < ach(sorted[j]) })
	return sorted[:limit], len(rows) - limit
}

// firstRows keeps the first rows of a long table.
func firstRows[T any](rows []T, limit int) ([]T, int) {
	if len(rows) <= limit {
		return rows, 0
	}
	return rows[:limit], len(rows) - limit
}

// leftOut writes the line that says how many rows a table did not print.
func (d *doc) leftOut(n int) { d.leftOutOff(n, 0) }

// leftOutOff says how many rows were not printed, and how many of those are
// off track by more than 10%.
func (d *doc) leftOutOff(n, off int) {
	if n <= 0 {
		return
	}
	d.setSize(8.5)
	d.text(grey)
	text := catalog.F(d.lang, "digest.more", n)
	if off > 0 {
		text = catalog.F(d.lang, "digest.more-off", n, off, fupan.FormatPercent(fupan.OnTrackLimit, false))
	}
	for _, l := range d.wrap(text, contentW) {
		d.ensure(d.lineH())
		d.write(margin, d.pdf.Y(), contentW, l, "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
	}
	d.pdf.SetY(d.pdf.Y() + 2)
	d.text(ink)
}
