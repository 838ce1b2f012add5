package pdf

import (
	"fmt"
	"io"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// WriteLessons draws the lessons library: grouped by kind (lessons to avoid
// first) and by metric, each lesson with its cause and where it came from.
func WriteLessons(w io.Writer, lessons []fupan.Lesson, opts Options) error {
	l := opts.Lang
	if l == "" {
		l = fupan.Simplified
	}
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
		d.heading(fmt.Sprintf("%s (%d)", catalog.T(l, "kind."+kind), len(of)), 0)
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
// from in grey, with a bar by kind (green experience, red lesson).
func (d *doc) lessonPoint(ls fupan.Lesson) {
	l := d.lang
	mark := statusBar[fupan.StatusMissed]
	if ls.Kind == fupan.LessonExperience {
		mark = statusBar[fupan.StatusAchieved]
	}
	from := ls.Team + " · " + ls.Period
	if ls.Achievement != nil {
		from += " · " + fupan.FormatPercent(*ls.Achievement, false)
	}
	d.setSize(9.5)
	main := d.wrap(ls.Text, contentW-6)
	d.setSize(8.5)
	var detail []string
	if ls.Cause != "" {
		detail = d.wrap(catalog.T(l, "cause")+catalog.T(l, "sep.colon")+ls.Cause, contentW-6)
	}
	detail = append(detail, d.wrap(from, contentW-6)...)
	h := float64(len(main))*9.5*0.3528*1.45 + float64(len(detail))*8.5*0.3528*1.45 + 2
	d.ensure(h)
	y := d.pdf.Y()
	d.fill(mark)
	d.pdf.Rect(margin, y+0.8, 1.5, h-2.5, "F")
	d.setSize(9.5)
	d.text(ink)
	for _, line := range main {
		d.write(margin+4, d.pdf.Y(), contentW-6, line, "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
	}
	d.setSize(8.5)
	d.text(grey)
	for _, line := range detail {
		d.write(margin+4, d.pdf.Y(), contentW-6, line, "L")
		d.pdf.SetY(d.pdf.Y() + d.lineH())
	}
	d.text(ink)
	d.pdf.SetY(y + h)
}
