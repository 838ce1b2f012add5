package pdf

import (
	"io"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// WriteLessons draws the lessons library: grouped by kind (lessons to avoid
// first) and by metric, each lesson with its cause and where it came from.
func WriteLessons(w io.Writer, lessons []fupan.Lesson, opts Options) error {
	l := fupan.LangOf(opts.Lang)
	return render(w, opts, l, func(d *doc) string { return d.lessons(lessons) })
}

func (d *doc) lessons(lessons []fupan.Lesson) string {
	l := d.lang
	title := catalog.T(l, "lessons.title")
	d.titlePage(title)
	d.pdf.SetY(d.pdf.Y() + 4)
	d.text(ink)
	for _, kind := range []string{fupan.LessonAvoid, fupan.LessonExperience} {
		of := fupan.OfKind(lessons, kind)
		if len(of) == 0 {
			continue
		}
		d.heading(catalog.F(l, "lessons.of."+kind, len(of)), 0)
		// One metric across scripts (华东销售额, 華東銷售額) is one group,
		// named as its first lesson writes it.
		for _, group := range fupan.ByMetric(of) {
			d.heading(group[0].Metric, 1)
			for _, ls := range group {
				d.lessonPoint(ls)
			}
		}
	}
	return title
}

// lessonPoint draws one lesson: its text, then its cause and where it came
// from in grey, with a bar by kind (green experience, red lesson), as a
// block: a long cause goes on over the next page, a very long one is cut.
func (d *doc) lessonPoint(ls fupan.Lesson) { d.lessonFrom(ls, lessonSource(ls)) }

// lessonSource is where a lesson came from: "华东销售部 · 2025Q3 · 90%".
func lessonSource(ls fupan.Lesson) string {
	from := ls.Team + " · " + ls.Period
	if ls.Achievement != nil {
		from += " · " + fupan.FormatPercent(*ls.Achievement, false)
	}
	return from
}

// lessonFrom draws a lesson with where it came from, as given.
func (d *doc) lessonFrom(ls fupan.Lesson, from string) {
	l := d.lang
	mark := statusBar[fupan.StatusMissed]
	if ls.Kind == fupan.LessonExperience {
		mark = statusBar[fupan.StatusAchieved]
	}
	lines := d.blockLines(ls.Text, 9.5, contentW-6, ink)
	if ls.Cause != "" {
		lines = append(lines, d.blockLines(catalog.T(l, "cause")+catalog.T(l, "sep.colon")+ls.Cause, 8.5, contentW-6, grey)...)
	}
	lines = d.cutBlock(lines, contentW-6)
	lines = append(lines, d.blockLines(from, 8.5, contentW-6, grey)...) // where it came from is never cut
	d.block(lines, mark, contentW-6)
}
