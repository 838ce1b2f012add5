package pdf

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
)

// OverviewRow is one workbook of a run, for the overview.
type OverviewRow struct {
	File, Team, Period string
	Failed             bool
	NotFilled          bool // handed in blank: not handed in yet
	Reason             string
	Figures            *fupan.Summary
	Previous           *fupan.Previous // nil: no history, or the team's first period
	Lessons            []fupan.Lesson
	Errors, Warnings   int
}

// WriteOverview draws the one-look overview of a run for leadership: every
// team's figures side by side, a chart of mean achievement across teams, and
// the workbooks that failed and why.
func WriteOverview(w io.Writer, rows []OverviewRow, opts Options) error {
	l := fupan.LangOf(opts.Lang)
	return render(w, opts, l, func(d *doc) string { return d.overview(rows, opts) })
}

func (d *doc) overview(rows []OverviewRow, opts Options) string {
	title := d.overviewHead(rows, opts)
	d.overviewLead(rows, opts)
	d.overviewChart(rows)
	d.overviewTeams(rows)
	d.overviewFailed(rows)
	d.overviewNotFilled(rows)
	d.overviewLessons(rows)
	return title
}

// overviewHead draws the title (with the run's periods) and the counts.
func (d *doc) overviewHead(rows []OverviewRow, opts Options) string {
	l := d.lang
	title := catalog.T(l, "overview.title")
	if p := periods(rows); p != "" {
		title += " · " + p // which month or quarter, at a glance
	}
	d.titlePage(title)
	d.setSize(9)
	d.text(grey)
	ok, failed, blank := 0, 0, 0
	for _, r := range rows {
		switch {
		case r.Failed:
			failed++
		case r.NotFilled:
			blank++
		default:
			ok++
		}
	}
	now := opts.Now
	counts := fmt.Sprintf("%s  ·  %s %d  ·  %s %d", now.Format("2006-01-02"),
		catalog.T(l, "file.ok.count"), ok, catalog.T(l, "file.failed.count"), failed)
	if blank > 0 {
		counts += fmt.Sprintf("  ·  %s %d", catalog.T(l, "file.not.filled.count"), blank)
	}
	d.write(margin, d.pdf.Y(), contentW, counts, "L")
	// The company's figures over every team's metrics, never a mean of
	// team means.
	if c := fupan.CompanySummary(companyTeams(rows), opts.Absent); c.Metrics > 0 {
		mean := "—"
		if c.MeanAchievementCapped != nil {
			mean = fupan.FormatPercent(*c.MeanAchievementCapped, false)
		}
		d.pdf.SetY(d.pdf.Y() + d.lineH())
		d.write(margin, d.pdf.Y(), contentW, catalog.F(l, "overview.company-line", wording.OfAll(c.MetricsAchieved, c.Metrics), mean), "L")
	}
	d.pdf.SetY(d.pdf.Y() + d.lineH() + 4)
	d.text(ink)
	return title
}

// overviewTeams is every team's figures side by side, ranked by what needs
// attention, with the change against last period and the follow-through
// where the run has them.
func (d *doc) overviewTeams(rows []OverviewRow) {
	l := d.lang
	cols := []column{
		{title: catalog.T(l, "team"), share: 2, align: "L"},
		{title: catalog.T(l, "period"), share: 1, align: "L"},
		{title: catalog.T(l, "metrics.met"), share: 1, align: "C"},
		{title: catalog.T(l, "mean.achievement"), share: 1.2, align: "C", computed: true},
		{title: catalog.T(l, "tasks.on.schedule"), share: 1.1, align: "C"},
		{title: catalog.T(l, "actions.open"), share: 1, align: "C"},
		{title: catalog.T(l, "overview.data"), share: 1.3, align: "L"},
	}
	withHistory, withFollowup := false, false
	for _, r := range rows {
		withHistory = withHistory || r.Previous != nil
		withFollowup = withFollowup || r.Figures != nil && r.Figures.FollowupTotal > 0
	}
	// The change goes after the mean it explains; the follow-through before
	// the status.
	if withHistory {
		cols = append(cols[:4:4], append([]column{{title: catalog.T(l, "overview.change"), share: 2.1, align: "L"}}, cols[4:]...)...)
	}
	if withFollowup {
		cols = append(cols[:len(cols)-1:len(cols)-1], column{title: catalog.T(l, "followup.short"), share: 1.1, align: "C"}, cols[len(cols)-1])
	}
	shared := sharedTeamNames(rows)
	var table [][]cell
	for _, r := range rows {
		if r.Failed || r.Figures == nil {
			continue
		}
		row := d.teamRow(r, teamName(r, shared, l))
		if withHistory {
			row = append(row[:4:4], append([]cell{changeCell(*r.Figures, r.Previous, l)}, row[4:]...)...)
		}
		if withFollowup {
			rate := cell{text: "—"}
			if v := r.Figures.FollowThrough(); v != nil {
				st := fupan.MetricStatus(*v)
				rate = statusCell(wording.OfAll(r.Figures.FollowupDone, r.Figures.FollowupTotal), st, "")
			}
			row = append(row[:len(row)-1:len(row)-1], rate, row[len(row)-1])
		}
		table = append(table, row)
	}
	d.keepWithTable(0, cols, table)
	d.heading(catalog.T(l, "overview.teams"), 0)
	if len(table) > 0 {
		d.table(cols, table)
	}
}

// teamRow is a team's row of the overview's table, before the change and the
// follow-through: its figures, its mean in the colour of its status, and
// whether its workbook is ready or has warnings.
func (d *doc) teamRow(r OverviewRow, name string) []cell {
	l, s := d.lang, r.Figures
	mean := cell{text: "—"}
	if s.MeanAchievementCapped != nil {
		st := fupan.MetricStatus(*s.MeanAchievementCapped)
		mean = statusCell(fupan.FormatPercent(*s.MeanAchievementCapped, false), st, catalog.T(l, st.Key()))
	}
	// Leadership's words: how far to trust the figures, not whether a
	// report could be made (every row here has one).
	status := cell{text: catalog.T(l, "overview.data.ok")}
	if r.Warnings > 0 {
		status.text = wording.Count(l, "count.warnings", r.Warnings)
	}
	return []cell{{text: name}, {text: r.Period},
		{text: wording.OfAll(s.MetricsAchieved, s.Metrics)}, mean,
		{text: wording.OfAll(s.OnSchedule, s.Judged())}, {text: fmt.Sprint(s.ActionsOpenAll)}, status}
}

// overviewFailed lists the workbooks that failed and why.
func (d *doc) overviewFailed(rows []OverviewRow) {
	l := d.lang
	failed := 0
	for _, r := range rows {
		if r.Failed {
			failed++
		}
	}
	if failed > 0 {
		var frows [][]cell
		red, redInk := statusBg[fupan.StatusMissed], statusInk[fupan.StatusMissed]
		for _, r := range rows {
			if r.Failed {
				frows = append(frows, []cell{{text: r.File, bg: &red, fg: &redInk}, {text: r.Reason}})
			}
		}
		cols := []column{{title: catalog.T(l, "file"), share: 1, align: "L"}, {title: catalog.T(l, "reason"), share: 2.4, align: "L"}}
		d.keepWithTable(0, cols, frows)
		d.heading(catalog.T(l, "overview.failed"), 0)
		d.table(cols, frows)
	}
}

// overviewNotFilled lists the workbooks handed in blank: not handed in yet.
func (d *doc) overviewNotFilled(rows []OverviewRow) {
	l := d.lang
	var list [][]cell
	for _, r := range rows {
		if r.NotFilled {
			list = append(list, []cell{{text: r.Team}, {text: r.File}})
		}
	}
	if len(list) > 0 {
		cols := []column{{title: catalog.T(l, "team"), share: 1, align: "L"}, {title: catalog.T(l, "file"), share: 2, align: "L"}}
		d.keepWithTable(0, cols, list)
		d.heading(catalog.T(l, "overview.not.filled"), 0)
		d.table(cols, list)
	}
}

// maxOverviewThemes keeps the overview's lessons to a page or two.
const maxOverviewThemes = 20

// overviewLessons is a page of this period's lessons across teams: themes
// that recur in several teams first (fupan.Themes says when two lessons are
// one theme), each with the teams that wrote it.
func (d *doc) overviewLessons(rows []OverviewRow) {
	var all []fupan.Lesson
	for _, r := range rows {
		if !r.Failed {
			all = append(all, r.Lessons...)
		}
	}
	if len(all) == 0 {
		return
	}
	l := d.lang
	d.newPage()
	d.heading(catalog.T(l, "lessons.recurring"), 0)
	themes := fupan.Themes(all)
	if len(themes) > maxOverviewThemes {
		themes = themes[:maxOverviewThemes]
	}
	for _, th := range themes {
		head := th.Metric + " · " + catalog.T(l, "kind."+th.Kind)
		if th.Teams > 1 {
			head += " · " + catalog.F(l, "lessons.teams", th.Teams)
		}
		d.heading(head, 1)
		for _, g := range sameWords(th.Lessons) {
			d.lessonFrom(g[0], sourcesOf(g, l))
		}
	}
}

// sameWords gathers the lessons several teams wrote word for word, with
// the same cause, to be written once; each keeps its own team, period and
// achievement (sourcesOf): one team's figure is never shown for the others.
func sameWords(lessons []fupan.Lesson) [][]fupan.Lesson {
	fold := func(s string) string { return strings.Join(strings.Fields(fupan.Simplify(s)), " ") }
	// A cause is the same whatever its punctuation: "老带新" and “老带新”.
	words := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, fupan.Simplify(s))
	}
	index := map[string]int{}
	var out [][]fupan.Lesson
	for _, ls := range lessons {
		k := fold(ls.Text) + "\x00" + words(ls.Cause)
		if i, ok := index[k]; ok {
			out[i] = append(out[i], ls)
			continue
		}
		index[k] = len(out)
		out = append(out, []fupan.Lesson{ls})
	}
	return out
}

// sourcesOf says where the lessons of one text came from: the teams, the
// period and the achievement once where they share them ("A、B · 2025Q3 ·
// 90%"), else each team with its own ("N2 95%、P1b 90% · 2025Q3").
func sourcesOf(group []fupan.Lesson, l fupan.Lang) string {
	first := group[0]
	if len(group) == 1 {
		return lessonSource(first)
	}
	pct := func(ls fupan.Lesson) string {
		if ls.Achievement == nil {
			return ""
		}
		return fupan.FormatPercent(*ls.Achievement, false)
	}
	samePeriod, sameFigure := true, true
	for _, ls := range group[1:] {
		samePeriod = samePeriod && ls.Period == first.Period
		sameFigure = sameFigure && pct(ls) == pct(first)
	}
	var names []string
	for _, ls := range group {
		name := ls.Team
		if !samePeriod {
			name += " " + ls.Period
		}
		if !sameFigure && pct(ls) != "" {
			name += " " + pct(ls)
		}
		names = append(names, name)
	}
	from := strings.Join(names, catalog.T(l, "sep.list"))
	if samePeriod {
		from += " · " + first.Period
	}
	if sameFigure && pct(first) != "" {
		from += " · " + pct(first)
	}
	return from
}

// changeCell is a team's change against its previous period: the mark of
// the capped mean's move, and last period's targets met and mean.
func changeCell(now fupan.Summary, prev *fupan.Previous, l fupan.Lang) cell {
	if prev == nil {
		return cell{text: catalog.T(l, "overview.first")}
	}
	c := wording.ChangeOf(now, prev.Summary, l)
	mark, st := "＝ ", fupan.OutcomeStatus("")
	switch c.Better {
	case 1:
		mark, st = "▲ ", fupan.StatusAchieved
	case -1:
		mark, st = "▼ ", fupan.StatusMissed
	}
	text := mark + c.Before
	if st == "" {
		return cell{text: text}
	}
	fg := statusInk[st]
	return cell{text: text, fg: &fg}
}

// teamName is how a row is named: its team, with its file where another row
// has the same team.
// periods are the review periods of a run's workbooks, in order: "2025Q3",
// or "2025-08、2025-09" where teams reviewed different ones.
func periods(rows []OverviewRow) string {
	seen := map[string]bool{}
	var ps []string
	for _, r := range rows {
		if r.Period != "" && !seen[r.Period] {
			seen[r.Period] = true
			ps = append(ps, r.Period)
		}
	}
	sort.Strings(ps)
	return strings.Join(ps, "、")
}

func teamName(r OverviewRow, shared map[string]bool, l fupan.Lang) string {
	switch {
	case r.Team == "":
		return r.File
	case shared[r.Team]:
		return r.Team + catalog.T(l, "paren.open") + r.File + catalog.T(l, "paren.close")
	}
	return r.Team
}

// sharedTeamNames are the team names more than one row has.
func sharedTeamNames(rows []OverviewRow) map[string]bool {
	n := map[string]int{}
	for _, r := range rows {
		if !r.Failed {
			n[r.Team]++
		}
	}
	shared := map[string]bool{}
	for t, k := range n {
		shared[t] = k > 1
	}
	return shared
}

// titlePage starts a document of its own title (the overview, the lessons
// library): its metadata, a bookmark and the title large at the top; the
// next line is under it.
func (d *doc) titlePage(title string) {
	d.pdf.SetTitle(title, title)
	d.newPage()
	d.pdf.Bookmark(title, 0, margin)
	d.setSize(20)
	d.text(navy)
	d.write(margin, margin, contentW, title, "L")
	d.pdf.SetY(margin + d.lineH())
}

// overviewChart draws each team's mean achievement as a bar, with the 100% line.
func (d *doc) overviewChart(rows []OverviewRow) {
	l := d.lang
	var bars []teamBar
	top := 1.0
	shared := sharedTeamNames(rows)
	for _, r := range rows {
		if r.Failed || r.Figures == nil || r.Figures.MeanAchievementCapped == nil {
			continue
		}
		v := *r.Figures.MeanAchievementCapped
		bars = append(bars, teamBar{teamName(r, shared, d.lang), v})
		top = math.Max(top, v)
	}
	if len(bars) == 0 {
		return
	}
	d.heading(catalog.T(l, "overview.chart"), 0)
	scale := math.Min(math.Max(1.25, math.Ceil(top*10+1)/10), 3)
	barH := 5.5
	if len(bars) > 30 {
		barH = 3.5
	}
	const gap, valueW = 1.6, 30.0
	pl := barPlot{x: margin + labelW, w: contentW - labelW - valueW, valueW: valueW, scale: scale, barH: barH, gap: gap}
	for i, b := range bars {
		d.ensure(barH + gap + 8)
		y := d.pdf.Y()
		if i == 0 {
			d.setSize(7)
			d.text(grey)
			for p := 0.0; p <= scale+1e-9; p += 0.25 {
				x := pl.x + pl.w*p/scale
				d.write(x-8, y, 16, fmt.Sprintf("%.0f%%", p*100), "C")
			}
			y += 4
		}
		d.teamBar(pl, y, b)
		d.pdf.SetY(y + barH + gap)
	}
	d.setSize(7)
	d.text(navy)
	d.write(pl.x+pl.w/scale-15, d.pdf.Y(), 30, catalog.T(l, "target.line"), "C")
	d.pdf.SetY(d.pdf.Y() + d.lineH() + 4)
	d.text(ink)
}

// teamBar is a team's mean achievement (each metric capped) in the overview's
// chart.
type teamBar struct {
	label string
	value float64
}

// barPlot is where the overview's bars go: from x, w wide at scale (1 =
// 100%), the value in a column valueW wide after it.
type barPlot struct {
	x, w, valueW, scale, barH, gap float64
}

// teamBar draws one team's row at y: its name, its bar in the colour of its
// status, the dashed 100% line through it, and its value and status.
func (d *doc) teamBar(pl barPlot, y float64, b teamBar) {
	st := fupan.MetricStatus(b.value)
	d.setSize(8)
	d.rowLabel(y, pl.barH, b.label)
	w := pl.w * math.Min(b.value, pl.scale) / pl.scale
	d.fill(statusBar[st])
	d.pdf.Rect(pl.x, y, math.Max(w, 0.3), pl.barH, "F")
	d.draw(navy)
	d.pdf.SetLineWidth(0.35)
	d.pdf.SetDashPattern([]float64{1, 0.7})
	x100 := pl.x + pl.w/pl.scale
	d.pdf.Line(x100, y-pl.gap/2, x100, y+pl.barH+pl.gap/2)
	d.pdf.SetDashPattern(nil)
	d.text(statusInk[st])
	d.write(pl.x+pl.w+2, y+(pl.barH-d.lineH())/2, pl.valueW-2, fupan.FormatPercent(b.value, false)+" "+catalog.T(d.lang, st.Key()), "L")
}

// companyTeams are the summaries the company's figures sum: the workbooks
// handed in and filled, never a failed or blank one.
func companyTeams(rows []OverviewRow) []fupan.Summary {
	var teams []fupan.Summary
	for _, r := range rows {
		if !r.Failed && !r.NotFilled && r.Figures != nil {
			teams = append(teams, *r.Figures)
		}
	}
	return teams
}
