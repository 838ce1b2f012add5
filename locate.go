package fupan

import (
	"regexp"
	"strings"

	"github.com/fupan-review/fupan/value"
)

// headerMatch is how well one row reads as the header of one table.
type headerMatch struct {
	table    TableID
	columns  map[Col]int
	headers  map[Col]string
	notes    map[Col]string
	required int // required columns found
	missing  []Col
}

func (h headerMatch) complete() bool { return len(h.missing) == 0 }

func (h headerMatch) has(c Col) bool { _, ok := h.columns[c]; return ok }

// rowKeys prepares a row's cells for header matching, once for all tables.
// It returns nil for a row that cannot be a header (fewer than two short texts).
func rowKeys(row []Cell) []*headerKey {
	var keys []*headerKey
	n := 0
	for i, c := range row {
		if c.Kind != CellText || c.Merged && i > 0 && row[i-1].Text == c.Text {
			continue
		}
		k, ok := headerKeyOf(c.Text)
		if !ok {
			continue
		}
		if keys == nil {
			keys = make([]*headerKey, len(row))
		}
		keys[i] = &k
		n++
	}
	if n < 2 {
		return nil
	}
	return keys
}

// mayHead reports whether a row names enough of a table's columns to be its
// header or a near miss, before matchRow builds the match: most rows are data,
// and building a match for each of them and each table was a third of finding
// the tables.
func mayHead(def TableDef, keys []*headerKey) bool {
	need, named := headerNeed[def.ID], 0
	for _, k := range keys {
		if k == nil {
			continue
		}
		if _, ok := hdrIndex.match(def.ID, *k); ok {
			if named++; named >= need {
				return true
			}
		}
	}
	return named >= need
}

// matchRow reads a row as the header of a table.
func matchRow(def TableDef, row []Cell, keys []*headerKey) headerMatch {
	h := headerMatch{table: def.ID, columns: map[Col]int{}, headers: map[Col]string{}, notes: map[Col]string{}}
	for i, k := range keys {
		if k == nil {
			continue
		}
		col, ok := hdrIndex.match(def.ID, *k)
		if !ok {
			continue
		}
		if _, dup := h.columns[col]; dup {
			continue
		}
		h.columns[col], h.headers[col], h.notes[col] = i+1, strings.TrimSpace(row[i].Text), k.note
	}
	for _, cd := range def.Columns {
		if !cd.Required {
			continue
		}
		if _, ok := h.columns[cd.Col]; ok {
			h.required++
			continue
		}
		// Table 1's period may come as a start and an end column.
		if cd.Col == ColPeriod {
			_, s := h.columns[ColStart]
			_, e := h.columns[ColEnd]
			if s && e {
				h.required++
				continue
			}
		}
		h.missing = append(h.missing, cd.Col)
	}
	return h
}

// nearMiss reports whether a row that is not a header looks like one that lost
// a required column: all but one required column, and at least three columns
// of the table named. Such a row must never make a table silently disappear.
func (h headerMatch) nearMiss() bool {
	return len(h.missing) == 1 && h.required >= 2 && len(h.columns) >= 3
}

var reTitlePrefix = regexp.MustCompile(`^(?i)(?:表\s*[1-5一二三四五]|table\s*[1-5])\s*[:.、-]?\s*`)

// buildTitleIndex maps the match keys of the tables' names to the tables.
func buildTitleIndex(defs []TableDef) map[string]TableID {
	m := map[string]TableID{}
	for _, t := range defs {
		for _, n := range append([]string{t.Names.Hans, t.Names.Hant, t.Names.En}, t.Aliases...) {
			m[matchKey(n)] = t.ID
		}
	}
	return m
}

// titleOf reports which table a title row names ("表1:策略执行计划表").
func titleOf(row []Cell) (TableID, bool) {
	text := ""
	for _, c := range row {
		if c.IsBlank() {
			continue
		}
		if text != "" && c.Text != text {
			return 0, false // a title row has one text (a merged title repeats it)
		}
		text = c.Text
	}
	if text == "" || len(text) > maxHeaderLen {
		return 0, false
	}
	id, ok := titleIndex[matchKey(reTitlePrefix.ReplaceAllString(strings.TrimSpace(value.FoldText(text)), ""))]
	return id, ok
}

// rowIsBlank reports whether a row shows nothing in the columns from first to
// last, not counting values only carried down by a merged range.
func rowIsBlank(row []Cell, first, last int) bool {
	for i := first - 1; i < last && i < len(row); i++ {
		if !row[i].IsBlank() && !row[i].Merged {
			return false
		}
	}
	return true
}

// locateProblem is a header row that lacks a required column, or a table found
// a second time. They become findings once the workbook's language is known.
type locateProblem struct {
	code    Code
	table   TableID
	ref     Ref
	missing Col
	first   Ref // for a duplicate: where the table was found first
}

// nearMissAt is a header row that lacks one required column, where it is.
type nearMissAt struct {
	ref Ref
	h   headerMatch
}

// locate finds the tables of a workbook, and the header rows that miss a
// column and the tables found twice.
func locate(wb *Workbook) ([]TableLoc, []locateProblem) {
	var found []TableLoc
	var misses []nearMissAt
	for _, sh := range wb.Sheets {
		f, m := locateInSheet(sh)
		found, misses = append(found, f...), append(misses, m...)
	}
	return firstOfEach(found, misses)
}

// locateInSheet reads a sheet top to bottom: a header row opens a table (its
// title the title row just above, blank rows between allowed), data rows
// join the open table, a title or the next header closes it.
func locateInSheet(sh *Sheet) ([]TableLoc, []nearMissAt) {
	var found []TableLoc
	var misses []nearMissAt
	var open *TableLoc
	closeOpen := func(lastRow int) {
		if open != nil {
			open.LastRow = lastRow
			found = append(found, *open)
			open = nil
		}
	}
	var pendingTitle int
	var pendingTitleID TableID
	for r, row := range sh.Rows {
		rowNum := r + 1
		keys := rowKeys(row)
		best, miss := headerOf(row, keys, pendingTitleID)
		switch {
		case best != nil:
			closeOpen(rowNum - 1)
			title := 0
			if pendingTitle == rowNum-1 || pendingTitle > 0 && pendingTitle < rowNum && rowsBlank(sh.Rows, pendingTitle, rowNum-1) {
				title = pendingTitle
			}
			open = newTableLoc(sh.Name, row, rowNum, title, best)
			pendingTitle, pendingTitleID = 0, 0
		case miss != nil:
			closeOpen(rowNum - 1)
			misses = append(misses, nearMissAt{Ref{sh.Name, rowNum, miss.columns[firstCol(miss.columns)]}, *miss})
		default:
			if id, ok := titleOf(row); ok && id > 0 {
				closeOpen(rowNum - 1)
				pendingTitle, pendingTitleID = rowNum, id
				continue
			}
			if open != nil && !rowIsBlank(row, open.FirstCol, open.LastCol) && !isNoteRow(row) && !isFactRow(row) {
				open.Rows = append(open.Rows, rowNum)
			}
		}
	}
	closeOpen(len(sh.Rows))
	return found, misses
}

// headerOf reads a row as a header: the table it heads best (the most
// columns), else a near miss that lost one required column, else neither.
// Table 5 has table 4's columns: 实际完成时间 or 效果, or a title naming it
// above (titled), tell it apart, so that it is never a second table 4.
func headerOf(row []Cell, keys []*headerKey, titled TableID) (best, miss *headerMatch) {
	if keys == nil {
		return nil, nil
	}
	var followup, action *headerMatch
	for _, def := range schema {
		if !mayHead(def, keys) {
			continue
		}
		h := matchRow(def, row, keys)
		switch {
		case h.complete():
			switch def.ID {
			case FollowupTable:
				followup = &h
			case ActionTable:
				action = &h
			}
			if best == nil || len(h.columns) > len(best.columns) {
				best = &h
			}
		case h.nearMiss():
			if miss == nil {
				miss = &h
			}
		}
	}
	switch {
	case followup != nil && (followup.has(ColDoneOn) || followup.has(ColEffect) || titled == FollowupTable):
		best = followup
	case best != nil && best.table == FollowupTable:
		best = action // table 4, or nothing where table 4's columns are not all there
	}
	return best, miss
}

// newTableLoc opens a table at its header row: its columns, and the team's
// extra columns and the computed ones kept inside it.
func newTableLoc(sheet string, row []Cell, rowNum, title int, h *headerMatch) *TableLoc {
	first, last := 0, 0
	for _, c := range h.columns {
		if first == 0 || c < first {
			first = c
		}
		if c > last {
			last = c
		}
	}
	for last < len(row) && !row[last].IsBlank() {
		last++
	}
	return &TableLoc{ID: h.table, Sheet: sheet, TitleRow: title, HeaderRow: rowNum,
		FirstCol: first, LastCol: last, Columns: h.columns, Headers: h.headers, Notes: h.notes,
		Extra: extraColumns(row, first, last, h.columns)}
}

// firstOfEach keeps the first place each table was found, reporting a table
// found twice and a near-miss header of a table found nowhere.
func firstOfEach(found []TableLoc, misses []nearMissAt) ([]TableLoc, []locateProblem) {
	var problems []locateProblem
	var out []TableLoc
	seen := map[TableID]TableLoc{}
	for _, t := range found {
		if first, dup := seen[t.ID]; dup {
			problems = append(problems, locateProblem{code: CodeTableDuplicate, table: t.ID,
				ref: Ref{t.Sheet, t.HeaderRow, t.FirstCol}, first: Ref{first.Sheet, first.HeaderRow, first.FirstCol}})
			continue
		}
		seen[t.ID] = t
		out = append(out, t)
	}
	for _, m := range misses {
		if _, ok := seen[m.h.table]; ok {
			continue // the table was found elsewhere; the row is something else
		}
		problems = append(problems, locateProblem{code: CodeColumnMissing, table: m.h.table, ref: m.ref, missing: m.h.missing[0]})
		seen[m.h.table] = TableLoc{}
	}
	return out, problems
}

// report turns the problems of locate into findings in the workbook's language.
func (p locateProblem) report(fs *findings) {
	switch p.code {
	case CodeTableDuplicate:
		fs.add(CodeTableDuplicate, p.ref, tableTitle(p.table), p.first.String(), p.ref.String())
	case CodeColumnMissing:
		cd, _ := TableDefOf(p.table).Column(p.missing)
		fs.add(CodeColumnMissing, p.ref, tableTitle(p.table), p.ref.Row, cd.Names)
	}
}

func firstCol(cols map[Col]int) Col {
	var best Col
	for c, i := range cols {
		if best == "" || i < cols[best] {
			best = c
		}
	}
	return best
}

func rowsBlank(rows [][]Cell, from, to int) bool {
	for r := from + 1; r <= to; r++ {
		if !rowIsBlank(rows[r-1], 1, len(rows[r-1])) {
			return false
		}
	}
	return true
}

// isNoteRow reports whether a row is a remark under a table ("注:…", "说明:…")
// rather than data.
func isNoteRow(row []Cell) bool {
	text := ""
	n := 0
	for _, c := range row {
		if !c.IsBlank() && !c.Merged {
			n++
			text = c.Text
		}
	}
	if n != 1 {
		return false
	}
	k := matchKey(text)
	for _, p := range []string{"注:", "注:", "备注:", "说明:", "note:", "notes:", "*注"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// extraColumns are the team's own columns of a header row, beyond the
// template's: their headers by column.
func extraColumns(row []Cell, first, last int, known map[Col]int) map[int]string {
	isKnown := map[int]bool{}
	for _, c := range known {
		isKnown[c] = true
	}
	var extra map[int]string
	for c := first; c <= last && c <= len(row); c++ {
		if isKnown[c] {
			continue
		}
		if h := strings.TrimSpace(row[c-1].Display()); h != "" {
			if extra == nil {
				extra = map[int]string{}
			}
			extra[c] = h
		}
	}
	return extra
}

// tableName is a table's name in the language, with its number: 表4:后续行动计划表.
// tableTitle is a table's title quoted by a finding, in the reader's language.
type tableTitle TableID

func (t tableTitle) In(l Lang) string { return TableDefOf(TableID(t)).Title(l) }
