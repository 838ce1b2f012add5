package xlsx

import (
	"fmt"
	"io"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/xuri/excelize/v2"
)

// WriteLessons writes the lessons library as a workbook to filter and sort:
// one flat sheet, one row per lesson (team, period, metric, kind,
// achievement as a number in a percent format, status, the lesson, its
// cause, the source file), lessons to avoid first and by metric, under one
// header row that is frozen and carries an autofilter.
func WriteLessons(w io.Writer, lessons []fupan.Lesson, l fupan.Lang) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	st, err := newTemplateStyles(f)
	if err != nil {
		return err
	}
	sheet := catalog.T(l, "lessons.title")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head := []string{catalog.T(l, "team"), catalog.T(l, "period"), catalog.T(l, "lessons.metric"), catalog.T(l, "lessons.kind"),
		catalog.T(l, "lessons.achievement"), catalog.T(l, "status"), catalog.T(l, "lessons.text"), catalog.T(l, "cause"), catalog.T(l, "source")}
	widths := []float64{16, 10, 18, 8, 10, 10, 44, 36, 26}
	for i, h := range head {
		if err := setLessonCell(f, sheet, i+1, 1, h, st.header); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, widths[i]); err != nil {
			return err
		}
	}
	row := 2
	for _, kind := range []string{fupan.LessonAvoid, fupan.LessonExperience} {
		for _, group := range fupan.ByMetric(fupan.OfKind(lessons, kind)) {
			for _, ls := range group {
				status := ""
				if ls.Status != "" {
					status = catalog.T(l, ls.Status.Key())
				}
				vals := []string{ls.Team, ls.Period, ls.Metric, catalog.T(l, "kind."+ls.Kind), "", status, ls.Text, ls.Cause, ls.File}
				for c, v := range vals {
					if err := setLessonCell(f, sheet, c+1, row, v, st.wrap); err != nil {
						return err
					}
				}
				if ls.Achievement != nil {
					cell, _ := excelize.CoordinatesToCellName(5, row)
					if err := f.SetCellFloat(sheet, cell, *ls.Achievement, -1, 64); err != nil {
						return err
					}
					if err := f.SetCellStyle(sheet, cell, cell, st.percent); err != nil {
						return err
					}
				}
				row++
			}
		}
	}
	if row == 2 {
		if err := f.SetCellStr(sheet, "A2", catalog.T(l, "lessons.none")); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(head), max(row-1, 1))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("the lessons' filter: %w", err)
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("the lessons' header: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the lessons: %w", err)
	}
	return nil
}

// setLessonCell writes a text as text (a lesson that starts with = is not
// a formula) in a style.
func setLessonCell(f *excelize.File, sheet string, col, row int, v string, style int) error {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	if err := f.SetCellStr(sheet, cell, v); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}
