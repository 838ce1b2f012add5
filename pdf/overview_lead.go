package pdf

import (
	"fmt"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
)

// TeamDecisions are one team's "needs a decision" items, most urgent first,
// as its report's page 1 words them.
type TeamDecisions struct {
	Team, Period string
	// Missing is a team that has not handed in: Period is the last it
	// did, where its items come from, and the label says so.
	Missing bool
	Items   []string
}

// overviewLead is the overview's first page, what leadership acts on: the
// company's figures against last period, its trend, every team's items
// that need a decision, and the teams that have not handed in.
func (d *doc) overviewLead(rows []OverviewRow, opts Options) {
	d.companyFigures(rows, opts)
	d.companyTrend(opts.Company)
	d.decisions(opts.Decisions)
	d.overviewMissing(opts.Roster)
}

// companyFigures draws the company's key figures in tiles: targets met, the
// capped mean, the follow-through and the teams handed in, each against the
// period before where the history has it.
func (d *doc) companyFigures(rows []OverviewRow, opts Options) {
	l := d.lang
	sums := companyTeams(rows)
	if len(sums) == 0 {
		return
	}
	now := fupan.CompanySummary(sums, opts.Absent)
	var changes map[string]wording.Change
	heading := catalog.T(l, "overview.company")
	if n := len(opts.Company); n >= 2 {
		was := opts.Company[n-2]
		rv := &fupan.Review{Summary: now, Compared: &fupan.Comparison{Previous: &fupan.Previous{Period: was.Period.Label, Summary: was.Summary}}}
		changes = wording.Changes(rv, l)
		// n / all, as the tile says it, where last period's roster is known.
		before := fmt.Sprint(was.Teams)
		if was.Expected > 0 {
			before = wording.OfAll(was.Teams, was.Expected)
		}
		changes["roster.submitted"] = wording.Change{Before: catalog.F(l, "previous.value", before)}
		heading = catalog.F(l, "overview.company.vs", was.Period.Label)
	}
	handed := fmt.Sprint(len(sums))
	if len(opts.Roster) == 1 && opts.Roster[0].Expected > 0 {
		handed = wording.OfAll(opts.Roster[0].HandedIn, opts.Roster[0].Expected)
	}
	follow := "—"
	if now.FollowupTotal > 0 {
		follow = wording.OfAll(now.FollowupDone, now.FollowupTotal) + " · " + fupan.FormatPercent(*now.FollowThrough(), false)
	}
	mean := "—"
	if now.MeanAchievementCapped != nil {
		mean = fupan.FormatPercent(*now.MeanAchievementCapped, false)
	}
	tiles := []struct{ key, value string }{
		{"metrics.met", wording.OfAll(now.MetricsAchieved, now.Metrics)},
		{"mean.achievement", mean},
		{"followup.short", follow},
		{"roster.submitted", handed},
	}
	d.heading(heading, 0)
	const perRow, gap = 4, 3.0
	tileW := (contentW - gap*(perRow-1)) / perRow
	// A label too long for its tile ("Mean achievement (each capped at
	// 100%)") goes on two lines, every tile taller by one, rather than
	// cut: the cap is what the figure means.
	d.setSize(8)
	labels, extra := make([][]string, len(tiles)), 0.0
	for i, t := range tiles {
		labels[i] = d.wrapWords(catalog.T(l, t.key), tileW-4)
		extra = max(extra, float64(len(labels[i])-1)*d.lineH())
	}
	if extra > 0 {
		extra += 1 // the label's second line clear of the value
	}
	tileH := 17.0 + extra
	y := d.pdf.Y()
	for i, t := range tiles {
		x := margin + float64(i)*(tileW+gap)
		d.fill(paleGrey)
		d.draw(rule)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Rect(x, y, tileW, tileH, "FD")
		d.fill(blue)
		d.pdf.Rect(x, y, 1.2, tileH, "F")
		d.setSize(8)
		d.text(grey)
		for j, line := range labels[i] {
			d.write(x+3, y+1.5+float64(j)*d.lineH(), tileW-4, line, "L")
		}
		d.setSize(13)
		d.text(navy)
		d.write(x+3, y+5.5+extra, tileW-4, t.value, "L")
		if c, ok := changes[t.key]; ok {
			d.change(x+3, y+12.6+extra, tileW-4, c)
		}
	}
	d.pdf.SetY(y + tileH + gap + 1)
	d.text(ink)
}

// companyTrend draws the company's targets met and follow-through across
// the history's periods, as the team trend panels are drawn; nothing with
// fewer than two periods.
func (d *doc) companyTrend(trend []fupan.CompanyPeriod) {
	if len(trend) < 2 {
		return
	}
	l := d.lang
	var periods []string
	met := fupan.Trend{Metric: catalog.T(l, "overview.trend.met")}
	follow := fupan.Trend{Metric: catalog.T(l, "followup.short")}
	for _, c := range trend {
		periods = append(periods, c.Period.Label)
		s := c.Summary
		if s.Metrics > 0 {
			v := float64(s.MetricsAchieved) / float64(s.Metrics)
			met.Points = append(met.Points, fupan.TrendPoint{Period: c.Period.Label, Achievement: &v, Status: fupan.MetricStatus(v)})
		}
		if r := s.FollowThrough(); r != nil {
			follow.Points = append(follow.Points, fupan.TrendPoint{Period: c.Period.Label, Achievement: r, Status: fupan.MetricStatus(*r)})
		}
	}
	const gap, panelH = 4.0, 36.0
	panelW := (contentW - gap) / 2
	d.ensure(d.headingH(1) + panelH + gap)
	d.heading(catalog.F(l, "overview.trend", len(periods)), 1)
	y := d.pdf.Y()
	d.trendPanel(margin, y, panelW, panelH, met, periods)
	d.trendPanel(margin+panelW+gap, y, panelW, panelH, follow, periods)
	d.pdf.SetY(y + panelH + gap)
}

// decisions lists every team's items that need a decision, grouped by team,
// the team with the most first; nothing where no team has any.
func (d *doc) decisions(teams []TeamDecisions) {
	if len(teams) == 0 {
		return
	}
	l := d.lang
	d.ensure(d.headingH(0) + 12)
	d.heading(catalog.T(l, "attention"), 0)
	for _, t := range teams {
		d.ensure(2 * d.lineH())
		d.setSize(9.5)
		d.text(navy)
		period := t.Period
		if t.Missing {
			period = catalog.F(l, "roster.last.of", t.Period)
		}
		d.write(margin, d.pdf.Y(), contentW, t.Team+" · "+period+catalog.T(l, "paren.open")+fmt.Sprint(len(t.Items))+catalog.T(l, "paren.close"), "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
		d.setSize(9)
		d.text(ink)
		for _, item := range t.Items {
			for i, line := range d.wrap(item, contentW-6) {
				d.ensure(d.lineH())
				if i == 0 {
					d.write(margin+1, d.pdf.Y(), 4, "·", "L")
				}
				d.write(margin+5, d.pdf.Y(), contentW-6, line, "L")
				d.pdf.SetY(d.pdf.Y() + d.lineH())
			}
		}
		d.pdf.SetY(d.pdf.Y() + 1.5)
	}
	d.pdf.SetY(d.pdf.Y() + 2)
}

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
