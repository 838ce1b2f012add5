package xlsx

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Book describes a workbook to write, cell by cell: the samples, the tests'
// workbooks and the benchmark's generator are written from it.
type Book struct {
	Sheets   []BookSheet
	Date1904 bool
}

// BookSheet is one sheet of a Book. Rows start at row 1, column A; a nil value
// leaves a cell empty.
type BookSheet struct {
	Name   string
	Rows   [][]any
	Merges []string // ranges such as "A3:A5"
	Hidden bool
	Widths map[string]float64 // column letter to width
}

// Percent is a number shown as a percentage: Percent(0.15) is 15%.
type Percent float64

// Formula is a formula cell with its cached value ("" for none, as a workbook
// written by a program that never calculated it).
type Formula struct {
	Expr   string
	Cached any
}

// Build writes the Book to path.
func Build(path string, b Book) error {
	f := excelize.NewFile()
	defer func() { _ = f.Close() }()
	if b.Date1904 {
		t := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &t}); err != nil {
			return fmt.Errorf("setting the 1904 date system: %w", err)
		}
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	pctStyle, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		return err
	}
	for i, s := range b.Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			return err
		}
		for r, row := range s.Rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := setBookCell(f, s.Name, ref, v, b.Date1904, dateStyle, pctStyle); err != nil {
					return fmt.Errorf("%s!%s: %w", s.Name, ref, err)
				}
			}
		}
		for _, m := range s.Merges {
			a, z, _ := strings.Cut(m, ":")
			if err := f.MergeCell(s.Name, a, z); err != nil {
				return fmt.Errorf("merging %s: %w", m, err)
			}
		}
		for col, w := range s.Widths {
			if err := f.SetColWidth(s.Name, col, col, w); err != nil {
				return err
			}
		}
		if s.Hidden {
			if err := f.SetSheetVisible(s.Name, false); err != nil {
				return err
			}
		}
	}
	return f.SaveAs(path)
}

func setBookCell(f *excelize.File, sheet, ref string, v any, date1904 bool, dateStyle, pctStyle int) error {
	switch x := v.(type) {
	case time.Time:
		// Written as the serial of the workbook's date system, as Excel does.
		serial := excelSerial(x, date1904)
		if err := f.SetCellValue(sheet, ref, serial); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, dateStyle)
	case Percent:
		if err := f.SetCellValue(sheet, ref, float64(x)); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, ref, ref, pctStyle)
	case Formula:
		// The cached value first: setting a value removes a cell's formula, and
		// SetCellFormula keeps the value, as Excel stores a calculated result.
		switch c := x.Cached.(type) {
		case nil:
		case string:
			if c != "" {
				if err := f.SetCellValue(sheet, ref, c); err != nil {
					return err
				}
			}
		case Percent:
			if err := setBookCell(f, sheet, ref, c, date1904, dateStyle, pctStyle); err != nil {
				return err
			}
		default:
			if err := f.SetCellValue(sheet, ref, c); err != nil {
				return err
			}
		}
		return f.SetCellFormula(sheet, ref, x.Expr)
	}
	return f.SetCellValue(sheet, ref, v)
}

func excelSerial(t time.Time, date1904 bool) float64 {
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if date1904 {
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.Sub(base).Hours() / 24
}
