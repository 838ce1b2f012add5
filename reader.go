package fupan

import (
	"errors"
	"fmt"

	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/value"
)

// tableReader reads the typed values of one table's rows and reports what it
// cannot read, at the cell.
type tableReader struct {
	sheet *Sheet
	loc   TableLoc
	fs    *findings
	years *yearSource
	asOf  Date // the day the review is judged as of: a status's day to come is no done day
}

// yearSource gives the year of dates written without one: the period's, else
// the fallback, noting that it had to guess.
type yearSource struct {
	year, fallback int
	guessed        bool
}

// parse runs a date parser with the period's year, and again with the fallback
// year where the text needs a year and the period gave none.
func (y *yearSource) parse(f func(year int) error) error {
	err := f(y.year)
	if errors.Is(err, value.ErrNoYear) {
		y.guessed = true
		err = f(y.fallback)
	}
	return err
}

func (t tableReader) ref(row int, c Col) Ref {
	return Ref{t.loc.Sheet, row, t.loc.Columns[c]}
}

func (t tableReader) colName(c Col) Arg {
	if h, ok := t.loc.Headers[c]; ok {
		name, _ := splitNote(h)
		return Quote(name)
	}
	cd, _ := TableDefOf(t.loc.ID).Column(c)
	return cd.Names
}

// cell returns a column's cell in a row; ok is false where the table has no
// such column, the cell is blank, or it holds an error or an uncalculated
// formula (those are reported).
func (t tableReader) cell(row int, c Col) (Cell, bool) {
	col, has := t.loc.Columns[c]
	if !has {
		return Cell{}, false
	}
	cell := t.sheet.Cell(row, col)
	switch cell.Kind {
	case CellError:
		t.fs.add(CodeFormulaError, t.ref(row, c), t.colName(c), cell.Text)
		return cell, false
	case CellNoValue:
		t.fs.add(CodeFormulaNoValue, t.ref(row, c), t.colName(c))
		return cell, false
	}
	return cell, !cell.IsBlank()
}

func (t tableReader) text(row int, c Col) string {
	cell, ok := t.cell(row, c)
	if !ok {
		return ""
	}
	return cell.Display()
}

func (t tableReader) unreadable(row int, c Col, text, kind string) {
	t.fs.add(CodeValueUnread, t.ref(row, c), t.colName(c), text, expected(kind))
}

func (t tableReader) date(row int, c Col) (Date, string) {
	cell, ok := t.cell(row, c)
	if !ok {
		return Date{}, ""
	}
	if cell.Kind == CellDate {
		return cell.Date, cell.Display()
	}
	var d Date
	err := t.years.parse(func(year int) (err error) {
		d, err = ParseDate(cell.Display(), year)
		return err
	})
	if err != nil {
		t.unreadable(row, c, cell.Display(), dateKind(err, "date"))
		return Date{}, cell.Display()
	}
	return d, cell.Display()
}

// quantity reads a target or actual.
func (t tableReader) quantity(row int, c Col) (value.Quantity, string, bool) {
	cell, ok := t.cell(row, c)
	if !ok {
		return value.Quantity{}, "", false
	}
	switch cell.Kind {
	case CellNumber:
		return value.Quantity{Value: cell.Num, Kind: value.KindNumber}, cell.Display(), true
	case CellPercent:
		return value.Quantity{Value: cell.Num, Kind: value.KindPercent}, cell.Display(), true
	}
	q, err := value.ParseQuantity(cell.Display())
	if err != nil {
		t.unreadable(row, c, cell.Display(), "quantity")
		return value.Quantity{}, cell.Display(), false
	}
	return q, cell.Display(), true
}

// rate reads a value the team typed in a computed column.
func (t tableReader) rate(row int, c Col) *float64 {
	cell, ok := t.cell(row, c)
	if !ok {
		return nil
	}
	var v float64
	switch cell.Kind {
	case CellPercent:
		v = cell.Num
	case CellNumber:
		v, _ = value.ParseRate(cell.Text)
		if cell.Text == "" {
			v = cell.Num
		}
	default:
		var err error
		if v, err = value.ParseRate(cell.Display()); err != nil {
			t.unreadable(row, c, cell.Display(), "rate")
			return nil
		}
	}
	return &v
}

// milestone reads table 2's planned or actual progress.
func (t tableReader) milestone(row int, c Col) (Milestone, bool) {
	cell, ok := t.cell(row, c)
	if !ok {
		return Milestone{}, false
	}
	m := Milestone{Text: cell.Display()}
	switch cell.Kind {
	case CellDate:
		m.Date = cell.Date
		if c == ColActual && !t.asOf.IsZero() && t.asOf.Before(m.Date) {
			// An actual day after the review's: not done yet, a plan.
			t.actualToCome(row, c, m.Date)
			m.Date, m.Read = Date{}, StatusRead{State: ProgressPlanned, Words: m.Text}
		}
		return m, true
	case CellPercent:
		m.Kind, m.Value = value.KindPercent, cell.Num
		return m, true
	case CellNumber:
		m.Kind, m.Value = value.KindNumber, cell.Num
		return m, true
	}
	text := value.FoldText(m.Text)
	// The actual progress is read as a status first: 计划12月完成 and 还没完成
	// name a month or a part, and are not done.
	var st StatusRead
	lateOn := false
	if c == ColActual {
		st = ReadStatus(m.Text)
		m.Read = st
		// "8月15日（延期3天）" is the day it was done, late; "延期至8月15日" a day to come.
		lateOn = st.State == ProgressPostponed && !datesToCome(m.Text)
		if st.Known() && !st.Done() && !lateOn {
			if st.Percent != nil {
				m.Kind, m.Value = value.KindPercent, *st.Percent
			}
			return m, true
		}
	}
	var date Date
	var found bool
	var dateErr error
	// The date of 原定9月28日 is the plan's, not the day it was done.
	when := text
	if c == ColActual {
		when = value.FoldText(withoutOriginalPlan(m.Text))
	}
	var year int
	_ = t.years.parse(func(y int) error {
		year = y
		date, found, dateErr = value.FirstDate(when, year)
		return dateErr
	})
	if found {
		if dateErr != nil {
			t.unreadable(row, c, m.Text, dateKind(dateErr, "date"))
			return m, false
		}
		if c == ColActual && !t.asOf.IsZero() && t.asOf.Before(date) {
			// 10月15日完成 as of 10月8日 is a plan, as in a status cell;
			// 已于10月20日完成 a contradiction, reported.
			switch r := ReadStatus(m.Text).asOf(statusDayText(m.Text), date, true, year, t.asOf); r.State {
			case ProgressPlanned:
				t.actualToCome(row, c, date)
				m.Read = r
				return m, true
			case ProgressUnknown:
				t.statusUnknown(row, c, r)
				return m, false
			}
		}
		m.Date = date
		if lateOn {
			m.Read.State = ProgressDoneLate
		}
		return m, true
	}
	if q, err := value.ParseQuantity(text); err == nil {
		m.Kind, m.Value = q.Kind, q.Value
		return m, true
	}
	if c != ColActual {
		st = ReadStatus(m.Text)
	}
	if st.Known() {
		m.Done = st.Done()
		return m, true
	}
	if c == ColActual {
		t.statusUnknown(row, c, st)
		return m, false
	}
	t.unreadable(row, c, m.Text, "progress")
	return m, false
}

// status reads a status cell (表4 状态, 表5 落实情况) as of the review's as-of
// day (ReadStatusAsOf); a word fupan does not know, or a status in doubt, is
// reported at its cell and counts as not done.
func (t tableReader) status(row int, c Col) StatusRead {
	words := t.text(row, c)
	st := ReadStatus(words)
	if st.Words != "" {
		text := statusDayText(words)
		var day Date
		var found bool
		var err error
		_ = t.years.parse(func(year int) error {
			day, found, err = value.FirstDate(text, year)
			return err
		})
		year := t.years.year
		if year == 0 {
			year = t.years.fallback
		}
		st = st.asOf(text, day, found && err == nil, year, t.asOf)
	}
	if st.State == ProgressUnknown {
		t.statusUnknown(row, c, st)
	}
	return st
}

func (t tableReader) statusUnknown(row int, c Col, st StatusRead) {
	t.fs.add(CodeStatusUnknown, t.ref(row, c), t.colName(c), st.Words)
}

// dateKind is what a date column wants, for the message: a date, or one
// that cannot be read two ways (05/08/2025).
func dateKind(err error, kind string) string {
	if errors.Is(err, value.ErrAmbiguousDate) {
		return "date.ambiguous"
	}
	return kind
}

// expected names the kind of value a column wants, for messages.
type expected string

func (e expected) In(l Lang) string {
	if key, ok := expectKeys[string(e)]; ok {
		return catalog.T(l, key)
	}
	return string(e)
}

// expectKeys are the catalogue keys of the kinds of value columns want.
var expectKeys = map[string]string{
	"date": "expect.date", "date.ambiguous": "expect.date.ambiguous", "range": "expect.range", "quantity": "expect.number", "rate": "expect.percent",
	"progress": "expect.progress", "period": "expect.period", "resources": "expect.resources", "direction": "expect.direction",
}

// checkCharacters names the table cells holding characters beyond the Basic
// Multilingual Plane (𠮷, emoji): no PDF writer fupan uses draws them, so the
// report shows a mark instead, and says so here.
func checkCharacters(rd tableReader, fs *findings) {
	for _, row := range rd.loc.Rows {
		for id, col := range rd.loc.Columns {
			text := rd.sheet.Cell(row, col).Text
			var odd []string
			for _, r := range text {
				if r > 0xFFFF {
					odd = append(odd, fmt.Sprintf("%c (U+%X)", r, r))
				}
			}
			if len(odd) > 0 {
				fs.add(CodeCharUnsupported, rd.ref(row, id), excerpt(text, 20), joined{quotes(odd), "sep.list"})
			}
		}
	}
}

// excerpt is the start of a long text, for a message.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// cellsOf records where each column of a row is, for findings and the writers.
func (t tableReader) cellsOf(row int) map[Col]Ref {
	m := make(map[Col]Ref, len(t.loc.Columns))
	for c := range t.loc.Columns {
		m[c] = t.ref(row, c)
	}
	return m
}

func (t tableReader) rowRef(row int) Ref { return Ref{t.loc.Sheet, row, t.loc.FirstCol} }

// required reports a blank cell of a required column, unless another rule
// speaks of it (owners, due dates and criteria have rules of their own).
func (t tableReader) required(row int, cols ...Col) {
	for _, c := range cols {
		if _, has := t.loc.Columns[c]; !has {
			continue
		}
		if t.sheet.Cell(row, t.loc.Columns[c]).IsBlank() {
			t.fs.add(CodeValueMissing, t.ref(row, c), t.colName(c))
		}
	}
}

// unitMismatch reports target and actual of different kinds, with a hint
// that names what the team wrote: the same measure word (家, not 个), the
// same currency (EUR, not USD), else the same kind of unit.
func (fs *findings) unitMismatch(ref Ref, what, targetText, actualText string, target, actual value.Quantity) {
	fs.add(CodeUnitMismatch, ref, what, targetText, actualText, quantityKind(target), quantityKind(actual))
	switch {
	case target.Kind == value.KindCount && actual.Kind == value.KindCount:
		fs.hintWith("unit.mismatch.word", target.UnitText, actual.UnitText)
	case target.Kind == value.KindAmount && actual.Kind == value.KindAmount:
		fs.hintWith("unit.mismatch.currency", target.Currency, actual.Currency)
	}
}

// quantityKind names a quantity's kind for a message: 金额, 数量(家), 百分比.
type quantityKind value.Quantity

func (q quantityKind) In(l Lang) string {
	switch q.Kind {
	case value.KindAmount:
		if q.Currency != "" {
			return catalog.T(l, "unit.amount") + "(" + q.Currency + ")"
		}
		return catalog.T(l, "unit.amount")
	case value.KindCount:
		if q.UnitText != "" { // as the team wrote it: 個, not 个
			return catalog.T(l, "unit.count") + "(" + q.UnitText + ")"
		}
		return catalog.T(l, "unit.count")
	case value.KindPercent:
		return catalog.T(l, "unit.percent")
	}
	return catalog.T(l, "unit.number")
}

// actualToCome reports an actual progress naming a day after the review's
// (10月20日 as of 10月8日): read as a plan, not done, and said so at the cell,
// as table 5's done day to come is.
func (t tableReader) actualToCome(row int, c Col, day Date) {
	t.fs.addText(CodeStatusDateConflict, t.ref(row, c), "status.done_on_to_come", "status.actual_to_come.hint",
		t.colName(c), day.String(), t.asOf.String())
}
