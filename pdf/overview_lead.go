package pdf

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// overviewMissing is 未提交: every team expected in a period that has not
// handed in, with the last period the history holds of it. Nothing where
// every expected team handed in, or nobody is known to be expected.
func (d *doc) overviewMissing(rosters []fupan.Roster) {
	var rows [][]cell
	l := d.lang
	red, redInk := statusBg[fupan.StatusMissed], statusInk[fupan.StatusMissed]
	for _, r := range rosters {
		for _, m := range r.Missing {
			last := m.LastPeriod
			if last == "" {
				last = catalog.T(l, "roster.never")
			}
			rows = append(rows, []cell{{text: m.Team, bg: &red, fg: &redInk}, {text: m.Period}, {text: last}})
		}
	}
	if len(rows) == 0 {
		return
	}
	title := catalog.T(l, "roster.missing")
	if len(rosters) == 1 {
		r := rosters[0]
		title += catalog.T(l, "paren.open") + catalog.F(l, "roster.handed_in", r.HandedIn, r.Expected) + catalog.T(l, "paren.close")
	}
	d.heading(title, 0)
	d.table([]column{{title: catalog.T(l, "team"), share: 2, align: "L"}, {title: catalog.T(l, "period"), share: 1, align: "L"},
		{title: catalog.T(l, "roster.last"), share: 1, align: "L"}}, rows)
}
