package xlsx

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/xuri/excelize/v2"
)

// noteOrigins puts a note on the 改进项 of each table 5 row carried from an
// older period than this one ("来自 2025Q2"): the register keeps it open
// until it is done or dropped, and the team sees how old it is. A note, not
// a column: the row's name stays the action's, which the follow-up matches.
func noteOrigins(f *excelize.File, n fupan.NextReview, l fupan.Lang) error {
	sheet, col := tableColumn(fupan.FollowupTable, fupan.ColItem, l)
	if col == 0 {
		return nil
	}
	for r, a := range n.Actions {
		if a.FromPeriod == "" || a.FromPeriod == n.From {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(col, r+3)
		if err := f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "fupan", Text: catalog.F(l, "follow.age.from", a.FromPeriod)}); err != nil {
			return err
		}
	}
	return nil
}

// tableColumn is the template's sheet of a table and the 1-based column of
// one of its columns; 0 where the template has no such column.
func tableColumn(id fupan.TableID, c fupan.Col, l fupan.Lang) (string, int) {
	for _, spec := range wording.Template() {
		if spec.ID != id {
			continue
		}
		for i, col := range spec.Columns {
			if col.Col == c {
				return catalog.T(l, spec.Sheet), i + 1
			}
		}
	}
	return "", 0
}

// noteCarried puts notes on what table 1 and table 2 carry: a task dated
// before the next period starts is to be re-planned (its 起止时间), and a
// tracked milestone shows its last progress (its 实际进度), which the team
// replaces with this period's.
func noteCarried(f *excelize.File, n fupan.NextReview, l fupan.Lang) error {
	p, err := fupan.ParsePeriod(n.Period)
	if err != nil {
		return nil // a period next cannot read: no date to compare with
	}
	if sheet, col := tableColumn(fupan.PlanTable, fupan.ColPeriod, l); col > 0 {
		for r, t := range n.Tasks {
			if t.End.IsZero() || !t.End.Before(p.Start) {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(col, r+3)
			if err := f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "fupan", Text: catalog.F(l, "next.replan", t.End.String(), n.Period)}); err != nil {
				return err
			}
		}
	}
	if sheet, col := tableColumn(fupan.TrackingTable, fupan.ColActual, l); col > 0 {
		for r, t := range n.Progress {
			if t.ActualText == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(col, r+3)
			if err := f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "fupan", Text: catalog.F(l, "next.progress", n.From, t.ActualText)}); err != nil {
				return err
			}
		}
	}
	return nil
}
