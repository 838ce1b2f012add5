package fupan_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/xuri/excelize/v2"
)

// grid is a Book as the domain's cells, made in memory: the rule tests judge
// the rules, not the xlsx reader (whose own tests read files), so a reader
// bug fails the reader's tests and not these. Values as the reader gives
// them: text, numbers (their text as Excel writes it), percentages, dates,
// booleans, formulas by their cached value, merged ranges carrying the first
// cell's value.
func grid(t *testing.T, name string, b xlsx.Book) *fupan.Workbook {
	t.Helper()
	wb := &fupan.Workbook{File: name}
	for _, s := range b.Sheets {
		sh := &fupan.Sheet{Name: s.Name, Hidden: s.Hidden}
		for _, row := range s.Rows {
			cells := make([]fupan.Cell, len(row))
			for i, v := range row {
				cells[i] = gridCell(t, v)
			}
			sh.Rows = append(sh.Rows, cells)
		}
		for _, m := range s.Merges {
			mergeCells(t, sh, m)
		}
		wb.Sheets = append(wb.Sheets, sh)
	}
	return wb
}

func gridCell(t *testing.T, v any) fupan.Cell {
	t.Helper()
	num := func(f float64) fupan.Cell {
		return fupan.Cell{Kind: fupan.CellNumber, Num: f, Text: strconv.FormatFloat(f, 'f', -1, 64)}
	}
	switch x := v.(type) {
	case nil:
		return fupan.Cell{}
	case string:
		if x == "" {
			return fupan.Cell{}
		}
		return fupan.Cell{Kind: fupan.CellText, Text: x}
	case int:
		return num(float64(x))
	case int64:
		return num(float64(x))
	case float64:
		return num(x)
	case bool:
		text := "FALSE"
		if x {
			text = "TRUE"
		}
		return fupan.Cell{Kind: fupan.CellBool, Text: text}
	case xlsx.Percent:
		return fupan.Cell{Kind: fupan.CellPercent, Num: float64(x), Text: strconv.FormatFloat(float64(x), 'f', -1, 64)}
	case time.Time:
		return fupan.Cell{Kind: fupan.CellDate, Date: fupan.DateOf(x), Text: x.Format("2006-01-02")}
	case xlsx.Formula:
		c := fupan.Cell{Kind: fupan.CellNoValue}
		if x.Cached != nil && x.Cached != "" {
			c = gridCell(t, x.Cached)
		}
		c.Formula = true
		return c
	}
	t.Fatalf("grid: a cell value of type %T", v)
	return fupan.Cell{}
}

// mergeCells marks the cells of a range other than its first as merged,
// carrying the first's value, as the reader does.
func mergeCells(t *testing.T, sh *fupan.Sheet, ref string) {
	t.Helper()
	a, b, _ := strings.Cut(ref, ":")
	c1, r1, err := excelize.CellNameToCoordinates(a)
	if err != nil {
		t.Fatalf("merge %s: %v", ref, err)
	}
	c2, r2, err := excelize.CellNameToCoordinates(b)
	if err != nil {
		t.Fatalf("merge %s: %v", ref, err)
	}
	first := sh.Cell(r1, c1)
	for r := r1; r <= r2; r++ {
		for len(sh.Rows) < r {
			sh.Rows = append(sh.Rows, nil)
		}
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			for len(sh.Rows[r-1]) < c {
				sh.Rows[r-1] = append(sh.Rows[r-1], fupan.Cell{})
			}
			cell := first
			cell.Merged = true
			sh.Rows[r-1][c-1] = cell
		}
	}
}
