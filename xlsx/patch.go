package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The computed column of a big table is written by patching the sheet's XML
// in the package excelize opened, never loading the sheet into excelize's
// structures: on a 100,000-row table that load and the save after it were
// 7 of 9 seconds and most of a gigabyte. A sheet excelize has not loaded is
// saved as the bytes it holds, so the patch is what lands in the file.

// cellSpan is where a cell element stands in the sheet XML.
type cellSpan struct {
	start, end  int64 // the whole element
	tagEnd      int64 // the end of its start tag (== end when self-closing)
	style       int
	selfClosing bool
	hasFormula  bool
	typ         string
}

// rowSpan is where a row's cells stand, for inserting a missing one.
type rowSpan struct {
	prefix  string        // the row element's namespace prefix with its colon, as new cells need
	closeAt int64         // where </row> starts
	cells   map[int]int64 // column → start of its cell element
	cols    []int
}

// scanSheet finds the elements of the cells in the given rows and columns.
func scanSheet(x []byte, rows map[int]bool) (map[[2]int]cellSpan, map[int]*rowSpan, error) {
	ss := sheetScan{sc: newScanner(x), want: rows, cells: map[[2]int]cellSpan{}, rowsAt: map[int]*rowSpan{}}
	for {
		if err := ss.sc.next(); err != nil {
			return nil, nil, err
		}
		switch ss.sc.kind {
		case tokEOF:
			return ss.cells, ss.rowsAt, nil
		case tokStart:
			if err := ss.start(); err != nil {
				return nil, nil, err
			}
		case tokEnd:
			ss.end()
		}
	}
}

// sheetScan is scanSheet's walk through a sheet's elements.
type sheetScan struct {
	sc       *scanner
	want     map[int]bool
	cells    map[[2]int]cellSpan
	rowsAt   map[int]*rowSpan
	row, col int
	cur      *cellSpan // the wanted cell being read
	curRow   *rowSpan  // the wanted row being read
	depth    int       // inside a <c>
}

func (ss *sheetScan) start() error {
	sc := ss.sc
	switch {
	case ss.depth == 0 && sc.is("row"):
		return ss.startRow()
	case ss.depth == 0 && sc.is("c"):
		ss.startCell()
	case ss.depth > 0:
		if !sc.selfClosing {
			ss.depth++
		}
		if sc.is("f") && ss.cur != nil {
			ss.cur.hasFormula = true
		}
	}
	return nil
}

func (ss *sheetScan) startRow() error {
	sc := ss.sc
	if n, ok := sc.attrInt("r"); ok && n > 0 {
		ss.row = n
	} else {
		ss.row++
	}
	ss.col = 0
	ss.curRow = nil
	if ss.want[ss.row] {
		ss.curRow = &rowSpan{cells: map[int]int64{}, prefix: string(sc.prefix)}
		ss.rowsAt[ss.row] = ss.curRow
		if sc.selfClosing {
			return fmt.Errorf("row %d holds no cells", ss.row)
		}
	}
	return nil
}

func (ss *sheetScan) startCell() {
	sc := ss.sc
	ss.col++
	if ref := sc.attr("r"); ref != "" {
		if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
			ss.col, ss.row = c, r
		}
	}
	if ss.curRow != nil {
		st, _ := sc.attrInt("s")
		ss.cur = &cellSpan{start: int64(sc.start), tagEnd: int64(sc.end), style: st, typ: sc.attr("t")}
		ss.curRow.cells[ss.col] = int64(sc.start)
		ss.curRow.cols = append(ss.curRow.cols, ss.col)
	}
	if !sc.selfClosing {
		ss.depth = 1
		return
	}
	if ss.cur != nil {
		ss.cur.end, ss.cur.selfClosing = int64(sc.end), true
		ss.cells[[2]int{ss.row, ss.col}] = *ss.cur
		ss.cur = nil
	}
}

func (ss *sheetScan) end() {
	sc := ss.sc
	switch {
	case ss.depth == 1 && sc.is("c"):
		ss.depth = 0
		if ss.cur != nil {
			ss.cur.end = int64(sc.end)
			ss.cells[[2]int{ss.row, ss.col}] = *ss.cur
			ss.cur = nil
		}
	case ss.depth > 1:
		ss.depth--
	case ss.depth == 0 && sc.is("row") && ss.curRow != nil:
		ss.curRow.closeAt = int64(sc.start)
		ss.curRow = nil
	}
}

// cellPatch is a new cell for the computed column.
type cellPatch struct {
	row, col int
	style    int
	value    string // a number, written as <v>
	inline   string // or an inline string (a header)
	keepBody bool   // keep what the element holds (a team's formula), change the style only
	// numericValue: the kept formula's cached value is a number, so a t="str"
	// on it may go.
	numericValue bool
}

// patchCells rewrites the sheet XML with the cells replaced or inserted.
func patchCells(x []byte, cells map[[2]int]cellSpan, rows map[int]*rowSpan, patches []cellPatch) ([]byte, error) {
	var splices []splice
	for _, p := range patches {
		ref, _ := excelize.CoordinatesToCellName(p.col, p.row)
		// New elements take the row's namespace prefix: some writers prefix
		// every SpreadsheetML element (x:c), and an unprefixed c would be in
		// no namespace there.
		x := ""
		if rs, ok := rows[p.row]; ok {
			x = rs.prefix
		}
		var el string
		switch {
		case p.inline != "":
			var b strings.Builder
			_ = xml.EscapeText(&b, []byte(p.inline))
			el = fmt.Sprintf(`<%[4]sc r="%[1]s" s="%[2]d" t="inlineStr"><%[4]sis><%[4]st>%[3]s</%[4]st></%[4]sis></%[4]sc>`, ref, p.style, b.String(), x)
		default:
			el = fmt.Sprintf(`<%[4]sc r="%[1]s" s="%[2]d"><%[4]sv>%[3]s</%[4]sv></%[4]sc>`, ref, p.style, p.value, x)
		}
		if span, ok := cells[[2]int{p.row, p.col}]; ok {
			if p.keepBody && !span.selfClosing {
				// Only the start tag changes: the formula and its cached value
				// stay as they are, with their type.
				tag := fmt.Sprintf(`<%sc r="%s" s="%d"`, x, ref, p.style)
				if span.typ != "" && !(span.typ == "str" && p.numericValue) {
					tag += fmt.Sprintf(` t="%s"`, span.typ)
				}
				splices = append(splices, splice{span.start, span.tagEnd, tag + ">"})
				continue
			}
			splices = append(splices, splice{span.start, span.end, el})
			continue
		}
		rs, ok := rows[p.row]
		if !ok || rs.closeAt == 0 {
			return nil, fmt.Errorf("row %d not found", p.row)
		}
		// Insert before the first cell to its right, or before </row>.
		at := rs.closeAt
		for _, c := range rs.cols {
			if c > p.col && rs.cells[c] < at {
				at = rs.cells[c]
			}
		}
		splices = append(splices, splice{at, at, el})
	}
	return spliceBytes(x, splices)
}

// splice replaces the bytes from..to of a part with text.
type splice struct {
	from, to int64
	text     string
}

// spliceBytes applies splices that do not overlap.
func spliceBytes(x []byte, splices []splice) ([]byte, error) {
	sort.SliceStable(splices, func(i, j int) bool { return splices[i].from < splices[j].from })
	var out bytes.Buffer
	n := len(x)
	for _, s := range splices {
		n += len(s.text)
	}
	out.Grow(n)
	pos := int64(0)
	for _, s := range splices {
		if s.from < pos {
			return nil, errors.New("overlapping edits")
		}
		out.Write(x[pos:s.from])
		out.WriteString(s.text)
		pos = s.to
	}
	out.Write(x[pos:])
	return out.Bytes(), nil
}
