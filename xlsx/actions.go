package xlsx

import (
	"fmt"
	"io"
	"strconv"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/xuri/excelize/v2"
)

// ActionsHeader is the action register's header, in the language.
func ActionsHeader(l fupan.Lang) []string {
	return []string{catalog.T(l, "team"), catalog.T(l, "followup.action"), catalog.T(l, "owner"), catalog.T(l, "actions.from"),
		catalog.T(l, "due"), catalog.T(l, "status"), catalog.T(l, "actions.age"), catalog.T(l, "actions.last_seen")}
}

// ActionsRow is one action of the register as its row reads.
func ActionsRow(e fupan.RegisterEntry, l fupan.Lang) []string {
	age := ""
	if e.Age > 0 {
		age = strconv.Itoa(e.Age)
	}
	return []string{e.Team, e.Action, e.Owner, e.FromPeriod, wording.DueText(l, e.Due, e.MovedTo), catalog.T(l, e.Status.Key()), age, e.LastSeen}
}

// WriteActions writes the action register as a workbook: one sheet, one row
// per action, a filter on every column and the header frozen, so that an
// office filters it by team, owner or status in Excel. The age is a number.
func WriteActions(w io.Writer, reg []fupan.RegisterEntry, l fupan.Lang) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	st, err := newTemplateStyles(f)
	if err != nil {
		return err
	}
	sheet := catalog.T(l, "actions.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	head := ActionsHeader(l)
	for i, h := range head {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, cell, cell, st.header); err != nil {
			return err
		}
	}
	for r, e := range reg {
		for c, v := range ActionsRow(e, l) {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
			if c == 6 && e.Age > 0 {
				err = f.SetCellInt(sheet, cell, int64(e.Age))
			} else {
				err = f.SetCellStr(sheet, cell, v)
			}
			if err != nil {
				return err
			}
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(head), max(len(reg)+1, 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for c, wd := range []float64{16, 36, 12, 12, 12, 10, 10, 12} {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("writing the action register: %w", err)
	}
	return nil
}
