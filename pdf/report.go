package pdf

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
)

// WriteReport draws the review's report, 《策略復盤報告》, on A4: the title
// block, the key figures, the achievement chart, the Gantt chart, the
// conclusion, the four tables with the computed columns highlighted, the
// data-quality findings, page numbers and an outline.
func WriteReport(w io.Writer, rv *fupan.Review, opts Options) error {
	l := fupan.LangOf(opts.Lang, rv.Meta.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	return render(w, opts, l, func(d *doc) string { return d.report(rv, now) })
}

// report draws every page of the report and returns the footer's text.
func (d *doc) report(rv *fupan.Review, now time.Time) string {
	title := catalog.T(d.lang, "report.title")
	subject := strings.Trim(rv.Meta.Team+" · "+rv.Meta.Period, " ·")
	d.pdf.SetTitle(title+" · "+subject, subject)
	d.pdf.SetKeywords("复盘 strategy review " + rv.Meta.Period)
	d.newPage()
	d.titleBlock(rv, now)
	d.verdict(rv)
	d.keyFigures(rv)
	// What needs a decision is page 1's, before the charts, which a large
	// review pushes to the next page.
	d.attention(rv, fupan.DateOf(now))
	d.achievementChart(rv)
	d.trendChart(rv)
	d.ganttChart(rv)
	d.conclusion(rv)
	d.followup(rv, fupan.DateOf(now))
	d.tables(rv)
	d.findings(rv.Findings)
	if subject != "" {
		return title + " · " + subject
	}
	return title
}

func (d *doc) titleBlock(rv *fupan.Review, now time.Time) {
	l := d.lang
	title := catalog.T(l, "report.title")
	if l != fupan.English {
		title = "《" + title + "》"
	}
	d.pdf.Bookmark(catalog.T(l, "report.title"), 0, margin)
	d.setSize(22)
	d.text(navy)
	d.write(margin, margin, contentW, title, "L")
	y := margin + d.lineH()
	if s := strings.Trim(rv.Meta.Team+" · "+rv.Meta.Period, " ·"); s != "" {
		d.setSize(13)
		d.text(blue)
		d.write(margin, y, contentW, s, "L")
		y += d.lineH()
	}
	y += 2
	facts := [][2]string{
		{catalog.T(l, "team"), rv.Meta.Team},
		{catalog.T(l, "period"), periodText(rv.Meta)},
		{catalog.T(l, "reviewer"), rv.Meta.Reviewer},
		{catalog.T(l, "date"), now.Format("2006-01-02")},
		{catalog.T(l, "source"), rv.File},
	}
	d.setSize(8.5)
	boxTop := y
	d.fill(paleBlue)
	rowH := d.lineH() + 1
	var shown [][2]string
	for _, f := range facts {
		if f[1] != "" {
			shown = append(shown, f)
		}
	}
	rows := (len(shown) + 1) / 2
	d.pdf.Rect(margin, boxTop, contentW, float64(rows)*rowH+3, "F")
	for i, f := range shown {
		x := margin + 3 + float64(i%2)*contentW/2
		yy := boxTop + 1.5 + float64(i/2)*rowH
		d.text(grey)
		d.write(x, yy, 24, f[0], "L")
		d.text(ink)
		lines := d.wrap(f[1], contentW/2-30)
		d.write(x+24, yy, contentW/2-30, lines[0], "L")
	}
	d.pdf.SetY(boxTop + float64(rows)*rowH + 6)
}

func periodText(m fupan.Meta) string {
	if m.Period == "" {
		return ""
	}
	if m.PeriodStart.IsZero() {
		return m.Period
	}
	return fmt.Sprintf("%s (%s – %s)", m.Period, m.PeriodStart, m.PeriodEnd)
}

// point draws one point of the conclusion: its title, its detail in grey and
// its warning in red, beside a bar of the section's colour. A point taller
// than the rest of the page goes on over the next one, line by line: a
// 5,000-character cause ran through the footer.
func (d *doc) point(p fupan.Point, mark colour) {
	lines := d.blockLines(p.Title, 9, contentW-6, ink)
	if p.Detail != "" {
		lines = append(lines, d.blockLines(p.Detail, 9, contentW-6, grey)...)
	}
	if p.Warning != "" {
		lines = append(lines, d.blockLines(p.Warning, 9, contentW-6, statusInk[fupan.StatusMissed])...)
	}
	d.block(d.cutBlock(lines, contentW-6), mark, contentW-6)
}

// verdict says in a sentence how the team did: the targets met of all, the
// worst misses by name (or that none missed), the milestones off track of
// all tracked (the key figures' 里程碑按期 count the same).
func (d *doc) verdict(rv *fupan.Review) {
	l := d.lang
	sentence := wording.Verdict(fupan.Headlines(rv), l)
	d.setSize(11)
	d.text(ink)
	for _, line := range d.wrap(sentence, contentW) {
		d.ensure(d.lineH())
		d.write(margin, d.pdf.Y(), contentW, line, "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
	}
	d.pdf.SetY(d.pdf.Y() + 2)
}

// attention draws what needs a decision as of the report's date, in a box,
// where page 1 has room (else at the top of the next).
func (d *doc) attention(rv *fupan.Review, asOf fupan.Date) {
	l := d.lang
	items := wording.AttentionTexts(rv, l, asOf)
	const most = 8
	d.heading(catalog.T(l, "attention"), 1)
	d.setSize(9)
	var lines [][]string
	for i, text := range items {
		if i == most {
			lines = append(lines, d.wrap(catalog.F(l, "attention.more", len(items)-most), contentW-8))
			break
		}
		lines = append(lines, d.wrap(text, contentW-8))
	}
	if len(items) == 0 {
		lines = append(lines, d.wrap(catalog.T(l, "attention.none"), contentW-8))
	}
	for i, item := range lines {
		h := float64(len(item))*d.lineH() + 1.5
		d.ensure(h)
		y := d.pdf.Y()
		colour := statusBar[fupan.StatusMissed]
		if len(items) == 0 || i == most {
			colour = statusBar[fupan.StatusAchieved]
			if i == most {
				colour = grey
			}
		}
		d.fill(colour)
		d.pdf.Rect(margin, y+0.8, 1.5, h-2, "F")
		d.text(ink)
		for k, line := range item {
			d.write(margin+4, y+float64(k)*d.lineH(), contentW-8, line, "L")
		}
		d.pdf.SetY(y + h)
	}
	d.pdf.SetY(d.pdf.Y() + 2)
}

// keyFigures draws the summary figures as tiles.
func (d *doc) keyFigures(rv *fupan.Review) {
	l := d.lang
	changes := wording.Changes(rv, l)
	if changes != nil {
		d.heading(catalog.F(l, "summary.vs", rv.Compared.Previous.Period), 0)
	} else {
		d.heading(catalog.T(l, "summary"), 0)
	}
	figs := wording.KeyFigures(rv, l)
	const perRow = 4
	gap := 3.0
	tileW := (contentW - gap*(perRow-1)) / perRow
	tileH := 17.0
	// A label longer than its tile (English's "Mean achievement (each
	// capped at 100%)") goes on two lines, every tile taller to match.
	d.setSize(8)
	labels := make([][]string, len(figs))
	extra := 0.0
	for i, f := range figs {
		labels[i] = d.wrap(f.Label, tileW-4)
		if len(labels[i]) > 2 {
			labels[i] = []string{labels[i][0], d.cutEnd(strings.Join(labels[i][1:], " "), tileW-4)}
		}
		extra = max(extra, float64(len(labels[i])-1)*d.lineH())
	}
	tileH += extra
	y := d.pdf.Y()
	for i, f := range figs {
		x := margin + float64(i%perRow)*(tileW+gap)
		yy := y + float64(i/perRow)*(tileH+gap)
		d.fill(paleGrey)
		d.draw(rule)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Rect(x, yy, tileW, tileH, "FD")
		d.fill(blue)
		d.pdf.Rect(x, yy, 1.2, tileH, "F")
		d.setSize(8)
		d.text(grey)
		for k, line := range labels[i] {
			d.write(x+3, yy+1.5+float64(k)*d.lineH(), tileW-4, line, "L")
		}
		d.setSize(15)
		d.text(navy)
		if f.Key == "mean.achievement" && rv.Summary.MeanAchievementCapped != nil {
			d.text(statusInk[fupan.MetricStatus(*rv.Summary.MeanAchievementCapped)])
		}
		d.write(x+3, yy+5.5+extra, tileW-4, f.Value, "L")
		if c, ok := changes[f.Key]; ok {
			d.change(x+3, yy+12.6+extra, tileW-4, c)
		}
	}
	rows := (len(figs) + perRow - 1) / perRow
	d.pdf.SetY(y + float64(rows)*(tileH+gap) + 1)
	// The findings in a sentence, so a reader knows how far to trust the figures.
	d.setSize(8.5)
	d.text(grey)
	s := rv.Summary
	line := catalog.T(l, "findings") + catalog.T(l, "sep.colon.narrow") + wording.Count(l, "count.errors", s.Errors) + catalog.T(l, "sep.list.narrow") +
		wording.Count(l, "count.warnings", s.Warnings)
	d.write(margin, d.pdf.Y(), contentW, line, "L")
	d.pdf.SetY(d.pdf.Y() + d.lineH() + 2)
	d.text(ink)
}

// change draws a key figure's previous value after a mark: a triangle up
// where it improved, down where it worsened, a bar where it held; shapes,
// so that black and white prints tell them apart too.
func (d *doc) change(x, y, w float64, c wording.Change) {
	d.setSize(7.5)
	mid := y + d.lineH()/2
	switch c.Better {
	case 1:
		d.fill(statusBar[fupan.StatusAchieved])
		d.pdf.Polygon([]point{{x, mid + 1}, {x + 2.4, mid + 1}, {x + 1.2, mid - 1.1}}, "F")
	case -1:
		d.fill(statusBar[fupan.StatusMissed])
		d.pdf.Polygon([]point{{x, mid - 1}, {x + 2.4, mid - 1}, {x + 1.2, mid + 1.1}}, "F")
	default:
		d.fill(grey)
		d.pdf.Rect(x, mid-0.35, 2.4, 0.7, "F")
	}
	d.text(grey)
	d.write(x+3.4, y, w-3.4, c.Before, "L")
}

// conclusion draws the seed's step 3.4: highlights, points to improve, root
// causes, directions.
func (d *doc) conclusion(rv *fupan.Review) {
	l := d.lang
	// It starts on the page before where a third of it is left: a small
	// report's conclusion on page 1.
	d.ensure((bottom - margin) / 3)
	d.heading(catalog.T(l, "conclusion"), 0)
	c := fupan.Conclude(rv)
	for _, part := range []struct {
		key    string
		points []fupan.Point
		mark   colour
	}{
		{"highlights", c.Highlights, statusBar[fupan.StatusAchieved]},
		{"improve", c.Improve, statusBar[fupan.StatusMissed]},
		{"root.causes", c.RootCauses, statusBar[fupan.StatusClose]},
		{"directions", c.Directions, blue},
	} {
		d.heading(catalog.T(l, part.key), 1)
		if len(part.points) == 0 {
			d.text(grey)
			d.write(margin, d.pdf.Y(), contentW, catalog.T(l, "none"), "L")
			d.pdf.SetY(d.pdf.Y() + d.lineH() + 2)
			d.text(ink)
			continue
		}
		points, hidden := firstRows(part.points, maxPoints)
		for _, p := range points {
			d.point(p, part.mark)
		}
		d.leftOut(hidden)
	}
}
