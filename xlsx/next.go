package xlsx

import (
	"fmt"
	"io"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/xuri/excelize/v2"
)

// WriteNext writes the next period's workbook for a team: the template in
// the team's language with the team and period filled, table 1's unfinished
// tasks, table 3's metrics (targets blank), table 5 listing this period's
// actions to follow up, and a sheet of other teams' lessons on the same
// metrics. The team fills only what is new.
func WriteNext(w io.Writer, n fupan.NextReview) error {
	l := fupan.LangOf(n.Lang)
	f, st, err := newTemplate(l)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	facts := catalog.T(l, wording.FactsSheet)
	// In order, as every cell here: a map's order would change the shared
	// strings, and the same review would not give the same bytes.
	for _, fact := range [][2]string{{"B1", n.Team}, {"B2", n.Period}} {
		if err := f.SetCellStr(facts, fact[0], fact[1]); err != nil {
			return err
		}
	}
	specs := wording.Template()
	fill := func(id fupan.TableID, rows []map[fupan.Col]string) error {
		for _, spec := range specs {
			if spec.ID != id {
				continue
			}
			sheet := catalog.T(l, spec.Sheet)
			for r, row := range rows {
				for c, col := range spec.Columns {
					v := row[col.Col]
					if v == "" {
						continue
					}
					cell, _ := excelize.CoordinatesToCellName(c+1, r+3)
					if err := f.SetCellStr(sheet, cell, v); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	// In a fixed order: cells' text goes into the shared strings in the
	// order it is set, and the same review gives the same bytes.
	tables := nextTables(n, l)
	for _, id := range []fupan.TableID{fupan.PlanTable, fupan.TrackingTable, fupan.OutcomeTable, fupan.FollowupTable} {
		if err := fill(id, tables[id]); err != nil {
			return err
		}
	}
	if err := noteOrigins(f, n, l); err != nil {
		return err
	}
	if err := noteCarried(f, n, l); err != nil {
		return err
	}
	if err := writeLessonsSheet(f, catalog.T(l, "lessons.sheet"), n.Lessons, l, st); err != nil {
		return err
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the next period's workbook: %w", err)
	}
	return nil
}

// nextTables are the rows the next workbook starts with, by table and
// column: the unfinished tasks (dates in full, so the year is never
// guessed), the metrics (targets blank, a "lower is better" kept), and this
// period's actions for table 5.
func nextTables(n fupan.NextReview, l fupan.Lang) map[fupan.TableID][]map[fupan.Col]string {
	var plan []map[fupan.Col]string
	for _, p := range n.Tasks {
		period := ""
		if !p.Start.IsZero() || !p.End.IsZero() {
			period = p.Start.String() + " ~ " + p.End.String()
		}
		res := p.Resources
		if res == "" {
			res = wording.FormatResourcesIn(p.Budget, p.People, p.Currency, l)
		}
		plan = append(plan, map[fupan.Col]string{fupan.ColGoal: p.Goal, fupan.ColTask: p.Task, fupan.ColOwner: p.Owner,
			fupan.ColPeriod: period, fupan.ColResources: res, fupan.ColAcceptance: p.Acceptance})
	}
	var metrics []map[fupan.Col]string
	for _, o := range n.Metrics {
		row := map[fupan.Col]string{fupan.ColMetric: o.Metric}
		if o.Direction == fupan.Lower {
			row[fupan.ColDirection] = catalog.T(l, "template.choice.direction.lower")
		}
		metrics = append(metrics, row)
	}
	var follow []map[fupan.Col]string
	for _, a := range n.Actions {
		due := a.DueText
		if !a.Due.IsZero() {
			due = a.Due.String()
		}
		follow = append(follow, map[fupan.Col]string{fupan.ColItem: a.Item, fupan.ColMeasure: a.Measure, fupan.ColOwner: a.Owner,
			fupan.ColDue: due, fupan.ColAcceptance: a.Acceptance})
	}
	var tracking []map[fupan.Col]string
	for _, t := range n.Progress {
		tracking = append(tracking, map[fupan.Col]string{fupan.ColTask: t.Task, fupan.ColOwner: t.Owner})
	}
	return map[fupan.TableID][]map[fupan.Col]string{fupan.PlanTable: plan, fupan.TrackingTable: tracking, fupan.OutcomeTable: metrics, fupan.FollowupTable: follow}
}

// writeLessonsSheet adds a sheet of lessons: metric, kind, the lesson, its
// cause, and where it came from. Its header is not a review table's.
func writeLessonsSheet(f *excelize.File, sheet string, lessons []fupan.Lesson, l fupan.Lang, st templateStyles) error {
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	head := []string{catalog.T(l, "lessons.metric"), catalog.T(l, "lessons.kind"), catalog.T(l, "lessons.text"),
		catalog.T(l, "cause"), catalog.T(l, "lessons.from"), catalog.T(l, "status")}
	for i, h := range head {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, st.header); err != nil {
			return err
		}
	}
	if len(lessons) == 0 {
		return f.SetCellStr(sheet, "A2", catalog.T(l, "lessons.none"))
	}
	for r, ls := range lessons {
		status := ""
		if ls.Status != "" {
			status = catalog.T(l, ls.Status.Key())
		}
		if ls.Achievement != nil {
			status = fupan.FormatPercent(*ls.Achievement, false) + " " + status
		}
		vals := []string{ls.Metric, catalog.T(l, "kind."+ls.Kind), ls.Text, ls.Cause, ls.Team + " · " + ls.Period, status}
		for c, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(head), len(lessons)+1)
	if err := f.SetCellStyle(sheet, "A2", last, st.wrap); err != nil {
		return err
	}
	for c, w := range []float64{18, 10, 44, 36, 22, 14} {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	return nil
}
