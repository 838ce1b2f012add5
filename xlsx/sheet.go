package xlsx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/fupan-review/fupan"
	"github.com/xuri/excelize/v2"
)

// Reading one sheet: its cells, their meaning (text, number, date, percent,
// error) and its merged ranges.

// rawCell is a cell as the sheet XML has it.
type rawCell struct {
	ref, typ, value, inline string
	style                   int
	formula, hasValue       bool
}

// readSheet reads one sheet's cells and merged ranges in one pass.
func (p *pkg) readSheet(part string, sh *fupan.Sheet, shared []string, kinds []numFmt, date1904 bool, spent *budget) error {
	x, _, err := p.readPart(part)
	if err != nil {
		return err
	}
	r := &sheetReader{p: p, sh: sh, shared: shared, kinds: kinds, date1904: date1904, spent: spent}
	sc := newScanner(x)
	for {
		if err := sc.next(); err != nil {
			return fmt.Errorf("%s: %w", part, err)
		}
		switch sc.kind {
		case tokEOF:
			return r.finish()
		case tokStart:
			if err := r.start(sc); err != nil {
				return err
			}
			if sc.selfClosing {
				if err := r.end(sc.name); err != nil {
					return err
				}
			}
		case tokEnd:
			if err := r.end(sc.name); err != nil {
				return err
			}
		case tokText:
			if r.inV || r.inT {
				if r.text, err = sc.appendText(r.text); err != nil {
					return fmt.Errorf("%s: %w", part, err)
				}
				if len(r.text) > 4*p.opts.MaxCellText {
					return r.overLong(len(r.text))
				}
			}
		}
	}
}

// sheetReader is where reading one sheet's cells stands.
type sheetReader struct {
	p        *pkg
	sh       *fupan.Sheet
	shared   []string
	kinds    []numFmt
	date1904 bool
	spent    *budget // of the whole workbook, against the limits

	row, col               int
	c                      rawCell
	inCell, inV, inIs, inT bool
	inPh                   bool // inside a phonetic guide
	text                   []byte
	merges                 []string
}

func (r *sheetReader) start(sc *scanner) error {
	switch string(sc.name) {
	case "row":
		if n, ok := sc.attrInt("r"); ok && n > 0 {
			r.row = n
		} else {
			r.row++
		}
		r.col = 0
	case "c":
		r.c = rawCell{ref: sc.attr("r"), typ: sc.attr("t")}
		if st, ok := sc.attrInt("s"); ok {
			r.c.style = st
		}
		r.inCell = true
	case "v":
		r.inV = r.inCell
		r.text = r.text[:0]
	case "f":
		r.c.formula = r.inCell
	case "is":
		r.inIs = r.inCell
		r.text = r.text[:0]
	case "t":
		r.inT = r.inIs && !r.inPh
	case "rPh": // a phonetic guide (東京 read トウキョウ) is not the cell's text
		r.inPh = r.inIs
	case "mergeCell":
		// A range is held until the sheet's end, and a writer that checks
		// ranges against each other (excelize) pays for each again: ranges
		// count like cells.
		if err := r.spent.charge(1, 0, r.p.opts.MaxCells, func() string { return r.sh.Name + "!" + sc.attr("ref") }); err != nil {
			return err
		}
		r.merges = append(r.merges, sc.attr("ref"))
	}
	return nil
}

func (r *sheetReader) end(name []byte) error {
	switch string(name) {
	case "v":
		if r.inV {
			r.c.value, r.c.hasValue = string(r.text), true
		}
		r.inV = false
	case "t":
		r.inT = false
	case "rPh":
		r.inPh = false
	case "is":
		if r.inIs {
			r.c.inline, r.c.hasValue = string(r.text), true
		}
		r.inIs = false
	case "c":
		r.inCell = false
		return r.cell()
	}
	return nil
}

// cell places the cell just read.
func (r *sheetReader) cell() error {
	if r.c.ref != "" {
		if cc, rr, err := excelize.CellNameToCoordinates(r.c.ref); err == nil {
			r.col, r.row = cc, rr
		} else {
			r.col++
		}
	} else {
		r.col++
	}
	cell := convertCell(r.c, r.shared, r.kinds, r.date1904)
	if cell.Kind == fupan.CellBlank {
		return nil
	}
	if cell.Kind == fupan.CellText {
		if cell.Text == overLong || len(cell.Text) > r.p.opts.MaxCellText && utf8.RuneCountInString(cell.Text) > r.p.opts.MaxCellText {
			return r.overLong(len(cell.Text))
		}
		if r.spent.text += int64(len(cell.Text)); r.spent.text > r.p.opts.MaxText {
			return r.tooMuchText()
		}
	}
	row, col, sh := r.row, r.col, r.sh
	if row < 1 || col < 1 || col > 16384 || row > 1048576 {
		return r.spent.charge(1, 0, r.p.opts.MaxCells, r.where) // read, never placed
	}
	// What is held is charged, not what is stored: a row is as wide as its
	// last cell (one number in column XFD is 16,384 cells), and empty rows
	// up to a far cell cost a slice header each, a quarter of a cell or less
	// (a lone cell at XFD1048576 is 280,000 cells' worth; four such sheets
	// are refused).
	gap := max(row-len(sh.Rows), 0)
	wider := max(col-rowLen(sh, row), 0)
	if err := r.spent.charge(wider, gap, r.p.opts.MaxCells, r.where); err != nil {
		return err
	}
	if gap > 0 {
		sh.Rows = append(sh.Rows, make([][]fupan.Cell, gap)...)
	}
	cells := sh.Rows[row-1]
	if wider > 0 {
		cells = append(cells, make([]fupan.Cell, wider)...)
	}
	cells[col-1] = cell
	sh.Rows[row-1] = cells
	return nil
}

// rowLen is how many cells row (1-based) of the sheet holds so far.
func rowLen(sh *fupan.Sheet, row int) int {
	if row > len(sh.Rows) {
		return 0
	}
	return len(sh.Rows[row-1])
}

// where names the cell being read, as "Sheet1!B7".
func (r *sheetReader) where() string {
	ref, err := excelize.CoordinatesToCellName(max(r.col, 1), max(r.row, 1))
	if err != nil {
		ref = "?"
	}
	return r.sh.Name + "!" + ref
}

// overLong refuses the workbook for a cell's text over the limit.
func (r *sheetReader) overLong(n int) error {
	lim, at := r.p.opts.MaxCellText, r.where()
	return &FileError{Code: fupan.CodeFileTooLarge, Err: fmt.Errorf("%s: the text of the cell is over %d characters", at, lim),
		Why: Reason{Key: "file.why.cell-too-long", Args: []any{at, lim}}}
}

// tooMuchText refuses the workbook whose cells hold more text than the limit.
func (r *sheetReader) tooMuchText() error {
	mb, at := float64(r.p.opts.MaxText)/(1<<20), r.where()
	return &FileError{Code: fupan.CodeFileTooLarge, Err: fmt.Errorf("more than %d bytes of text in the cells (reached at %s)", r.p.opts.MaxText, at),
		Why: Reason{Key: "file.why.too-much-text", Args: []any{mb, at}}}
}

// finish applies the merged ranges.
func (r *sheetReader) finish() error {
	sh := r.sh
	width := 0
	for _, row := range sh.Rows {
		width = max(width, len(row))
	}
	for _, m := range r.merges {
		if err := applyMerge(sh, m, width, r.spent, r.p.opts.MaxCells); err != nil {
			return err
		}
	}
	return nil
}

// formulaErrors are the error values a formula can give.
var formulaErrors = map[string]bool{"#DIV/0!": true, "#REF!": true, "#VALUE!": true, "#N/A": true, "#NAME?": true, "#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true}

// convertCell gives a sheet XML cell its meaning: text, number, date,
// percent, error, or a formula never calculated.
func convertCell(c rawCell, shared []string, kinds []numFmt, date1904 bool) fupan.Cell {
	if !c.hasValue || c.value == "" && c.inline == "" {
		if c.formula {
			return fupan.Cell{Kind: fupan.CellNoValue, Formula: true}
		}
		if c.typ != "inlineStr" {
			return fupan.Cell{}
		}
	}
	cell := fupan.Cell{Kind: fupan.CellText, Formula: c.formula}
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(c.value))
		if err != nil || i < 0 || i >= len(shared) {
			return fupan.Cell{} // no such string: blank, as Excel shows it
		}
		cell.Text = shared[i]
		return cell
	case "inlineStr":
		cell.Text = unescapeExcel(c.inline)
		if c.inline == "" {
			// A formula's result typed inline with its text cached in <v>
			// (POI writes it so), as excelize and POI read it.
			cell.Text = c.value
		}
		return cell
	case "b":
		cell.Kind, cell.Text = fupan.CellBool, c.value
		return cell
	case "e":
		cell.Kind, cell.Text = fupan.CellError, c.value
		return cell
	case "d":
		cell.Text = c.value
		if d, err := fupan.ParseDate(c.value, 0); err == nil {
			cell.Kind, cell.Date = fupan.CellDate, d
		}
		return cell
	case "str":
		cell.Text = c.value
		if formulaErrors[c.value] {
			cell.Kind = fupan.CellError
			return cell
		}
		// Some writers mark every formula result as text, numbers too.
		if _, err := strconv.ParseFloat(c.value, 64); err != nil {
			return cell
		}
	}
	cell.Text = c.value
	return numberCell(cell, c.style, kinds, date1904)
}

// numberCell reads a cell's value as a number, as its number format shows it:
// a date (a serial from 1900 or 1904), a percentage, a plain number, or a
// number shown with its unit: the text the team sees (1200 formatted 0"万" is
// 1200万, read as text is, never 1200 beside an actual of 1080万).
func numberCell(cell fupan.Cell, style int, kinds []numFmt, date1904 bool) fupan.Cell {
	n, err := strconv.ParseFloat(cell.Text, 64)
	if err != nil {
		return cell
	}
	cell.Kind, cell.Num = fupan.CellNumber, n
	var f numFmt
	if style >= 0 && style < len(kinds) {
		f = kinds[style]
	}
	switch f.kind {
	case fmtDate:
		if t, err := excelize.ExcelDateToTime(n, date1904); err == nil && n >= 1 {
			cell.Kind, cell.Date = fupan.CellDate, fupan.DateOf(t)
		}
	case fmtPercent:
		cell.Kind = fupan.CellPercent
	case fmtNumber:
		// Only a unit fupan reads (1200万, not 5次/月) is taken as shown: the
		// number alone was read before, and stays read.
		if f.unit != nil && !math.IsInf(n, 0) && !math.IsNaN(n) {
			if shown := f.unit.show(n); fupan.ReadsAsQuantity(shown) {
				cell.Kind, cell.Num, cell.Text = fupan.CellText, 0, shown
			}
		}
	}
	return cell
}

// applyMerge gives every cell of a merged range its first cell's value. It
// fills only the sheet's used area (rows with data, columns up to the widest
// row) and counts what it fills against the cell limit, so that a range such
// as A1:XFD1048576 cannot make a small sheet huge.
func applyMerge(sh *fupan.Sheet, ref string, width int, spent *budget, limit int) error {
	a, z, ok := strings.Cut(ref, ":")
	if !ok {
		return nil
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(z)
	if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 {
		return nil
	}
	first := sh.Cell(r1, c1)
	if first.IsBlank() {
		return nil
	}
	r2, c2 = min(r2, len(sh.Rows)), min(c2, width)
	for r := r1; r <= r2; r++ {
		row := sh.Rows[r-1]
		if len(row) == 0 {
			continue // a blank row stays blank: a merged value alone is no data
		}
		for c := c1; c <= c2; c++ {
			if r == r1 && c == c1 {
				continue
			}
			for len(row) < c {
				row = append(row, fupan.Cell{})
			}
			cell := first
			cell.Merged = true
			row[c-1] = cell
			if err := spent.charge(1, 0, limit, func() string { return sh.Name + "!" + ref }); err != nil {
				return err
			}
		}
		sh.Rows[r-1] = row
	}
	return nil
}
