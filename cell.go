package fupan

import (
	"encoding/json"
	"strconv"
	"strings"
)

// CellKind says what a workbook cell holds, as the xlsx reader saw it.
type CellKind uint8

// The kinds of cell.
const (
	CellBlank   CellKind = iota
	CellText             // a string
	CellNumber           // a number with a general or numeric format
	CellPercent          // a number shown as a percentage (0.15 shown as 15%)
	CellDate             // a number shown as a date; Date holds the day
	CellBool             // TRUE or FALSE
	CellError            // an error value such as #DIV/0! or #REF!
	CellNoValue          // a formula with no cached value: the workbook was never calculated
)

// Cell is one cell of a sheet as the xlsx reader found it.
type Cell struct {
	Kind CellKind
	Text string  // the text, or for numbers the number as written in the file
	Num  float64 // CellNumber, CellPercent: the number
	Date Date    // CellDate: the day
	// Merged is set on the cells a merged range covers other than its first:
	// they carry the first cell's value.
	Merged  bool
	Formula bool // the cell holds a formula (its cached value is what is read)
}

// IsBlank reports whether the cell shows nothing.
func (c Cell) IsBlank() bool {
	return c.Kind == CellBlank || (c.Kind == CellText && strings.TrimSpace(c.Text) == "")
}

// Display is the cell's value as a person reads it.
func (c Cell) Display() string {
	switch c.Kind {
	case CellPercent:
		return strconv.FormatFloat(c.Num*100, 'f', -1, 64) + "%"
	case CellDate:
		return c.Date.String()
	case CellNumber:
		return strconv.FormatFloat(c.Num, 'f', -1, 64)
	}
	return strings.TrimSpace(c.Text)
}

// Sheet is one worksheet's cells, row by row from row 1 and column A.
type Sheet struct {
	Name   string
	Hidden bool
	Rows   [][]Cell
}

// Cell returns the cell at a 1-based row and column, blank outside the data.
func (s *Sheet) Cell(row, col int) Cell {
	if row < 1 || row > len(s.Rows) || col < 1 || col > len(s.Rows[row-1]) {
		return Cell{}
	}
	return s.Rows[row-1][col-1]
}

// Workbook is what the xlsx reader hands the domain: a file's sheets and cells.
type Workbook struct {
	File   string // the file's name, for messages and the review facts
	Sheets []*Sheet
	// Damaged are the sheets left out because their part is damaged: the
	// rest is read, and the review notes each.
	Damaged []DamagedSheet
}

// DamagedSheet is a sheet whose part (its zip entry) cannot be read.
type DamagedSheet struct{ Sheet, Part string }

// Ref is the position of a cell: its sheet and its 1-based row and column.
type Ref struct {
	Sheet string
	Row   int
	Col   int
}

// Cell is the A1-style name of the cell.
func (r Ref) Cell() string {
	if r.Row == 0 || r.Col == 0 {
		return ""
	}
	return ColumnName(r.Col) + strconv.Itoa(r.Row)
}

// String is the reference as Excel writes it: 'Sheet 1'!B4.
func (r Ref) String() string {
	if r.Cell() == "" {
		return r.Sheet
	}
	if strings.ContainsAny(r.Sheet, " !'-") {
		return "'" + strings.ReplaceAll(r.Sheet, "'", "''") + "'!" + r.Cell()
	}
	return r.Sheet + "!" + r.Cell()
}

// IsZero reports whether the reference names no cell.
func (r Ref) IsZero() bool { return r.Sheet == "" && r.Row == 0 }

// MarshalJSON writes {"sheet": …, "cell": "B4"}.
func (r Ref) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Sheet string `json:"sheet"`
		Cell  string `json:"cell"`
	}{r.Sheet, r.Cell()})
}

// ColumnName turns a 1-based column number into letters: 1 is A, 28 is AB.
func ColumnName(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}
