package fupan

import (
	"errors"
	"github.com/fupan-review/fupan/value"
	"strings"
)

func readPlan(t tableReader) []PlanRow {
	out := []PlanRow{}
	goal := ""
	for _, row := range t.loc.Rows {
		p := PlanRow{Ref: t.rowRef(row), Cells: t.cellsOf(row)}
		// A blank goal continues the goal above (a merged cell already carries it).
		if g := t.text(row, ColGoal); g != "" {
			goal = g
		}
		p.Goal = goal
		p.Task = t.text(row, ColTask)
		t.required(row, ColTask)
		p.Owner = t.text(row, ColOwner)
		p.Owners = ParseOwners(p.Owner)
		t.planDates(row, &p)
		t.planResources(row, &p)
		p.Acceptance = t.text(row, ColAcceptance)
		out = append(out, p)
	}
	return out
}

// planDates reads a task's start and end: one range column (起止时间), or
// a start and an end column.
func (t tableReader) planDates(row int, p *PlanRow) {
	if _, has := t.loc.Columns[ColPeriod]; !has {
		var st, et string
		p.Start, st = t.date(row, ColStart)
		p.End, et = t.date(row, ColEnd)
		p.Period = strings.Trim(st+" - "+et, " -")
		if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
			t.fs.add(CodeRangeBackwards, t.ref(row, ColEnd), p.Period)
		}
		return
	}
	cell, ok := t.cell(row, ColPeriod)
	if !ok {
		return
	}
	p.Period = cell.Display()
	var start, end Date
	err := t.years.parse(func(year int) (err error) {
		start, end, err = value.ParseRange(p.Period, year)
		return err
	})
	switch {
	case err == nil:
		p.Start, p.End = start, end
	case errors.Is(err, value.ErrBackwards):
		p.Start, p.End = start, end
		t.fs.add(CodeRangeBackwards, t.ref(row, ColPeriod), p.Period)
	default:
		t.unreadable(row, ColPeriod, p.Period, dateKind(err, "range"))
	}
}

// planResources reads a task's budget and people: from one resources column
// ("预算5万元,设计1人"), and from separate budget and people columns, which
// give the figures; the report writes them as a reader reads them ("预算
// 12万 · 3人"), not as their cells' texts run together ("120000 3").
func (t tableReader) planResources(row int, p *PlanRow) {
	if _, has := t.loc.Columns[ColResources]; has {
		p.Resources = t.text(row, ColResources)
		if p.Resources != "" {
			res, err := value.ParseResources(p.Resources)
			if err != nil {
				t.unreadable(row, ColResources, p.Resources, "resources")
			}
			p.Budget, p.People, p.Currency = res.Budget, res.People, res.Currency
		}
	}
	if q, _, ok := t.quantity(row, ColBudget); ok {
		v := q.Value
		p.Budget, p.Currency = &v, q.Currency
	}
	if q, _, ok := t.quantity(row, ColPeople); ok {
		v := q.Value
		p.People = &v
	}
}

func readTracking(t tableReader, meta Meta) []TrackingRow {
	out := []TrackingRow{}
	month := t.loc.Notes[ColPlanned]
	if month == "" {
		month = t.loc.Notes[ColActual]
	}
	for _, row := range t.loc.Rows {
		tr := TrackingRow{Ref: t.rowRef(row), Cells: t.cellsOf(row), Month: month}
		tr.Task = t.text(row, ColTask)
		t.required(row, ColTask, ColPlanned)
		tr.Planned, _ = t.milestone(row, ColPlanned)
		tr.Actual, _ = t.milestone(row, ColActual)
		tr.PlannedText, tr.ActualText = tr.Planned.Text, tr.Actual.Text
		if tr.Actual.Read.State != "" {
			read := tr.Actual.Read
			tr.StatusRead = &read
		}
		tr.StatedDeviation = t.rate(row, ColDeviation)
		tr.Problem = t.text(row, ColProblem)
		tr.Countermeasure = t.text(row, ColCountermeasure)
		tr.Owner = t.text(row, ColOwner)
		tr.Owners = ParseOwners(tr.Owner)
		out = append(out, tr)
	}
	return out
}

func readOutcomes(t tableReader) []OutcomeRow {
	out := []OutcomeRow{}
	for _, row := range t.loc.Rows {
		o := OutcomeRow{Ref: t.rowRef(row), Cells: t.cellsOf(row)}
		o.Metric = t.text(row, ColMetric)
		t.required(row, ColMetric, ColTarget, ColActual)
		target, tt, tok := t.quantity(row, ColTarget)
		actual, at, aok := t.quantity(row, ColActual)
		o.TargetText, o.ActualText = tt, at
		o.StatedAchievement = t.rate(row, ColAchievement)
		o.Cause = t.text(row, ColCause)
		o.Lesson = t.text(row, ColLesson)
		o.Direction = Higher
		o.directionKnown = target.Cmp == value.CmpAtLeast || target.Cmp == value.CmpAtMost
		o.targetStrict = target.Strict
		if target.Cmp == value.CmpAtMost {
			o.Direction = Lower
		}
		if d := t.text(row, ColDirection); d != "" {
			switch dir, ok := parseDirection(d); {
			case ok:
				o.Direction, o.directionKnown = dir, true
			default:
				t.unreadable(row, ColDirection, d, "direction")
			}
		}
		if tok && aok {
			if !target.Compatible(actual) {
				t.fs.unitMismatch(t.ref(row, ColActual), o.Metric, tt, at, target, actual)
			} else {
				tv, av := target.Value, actual.Value
				o.Target, o.Actual = &tv, &av
				o.Kind, o.Unit, o.Currency = target.Kind, target.Unit, firstNonEmpty(target.Currency, actual.Currency)
				if o.Kind == value.KindNumber {
					o.Kind, o.Unit = actual.Kind, actual.Unit
				}
			}
		} else {
			if tok {
				tv := target.Value
				o.Target, o.Kind, o.Unit, o.Currency = &tv, target.Kind, target.Unit, target.Currency
			}
			if aok {
				av := actual.Value
				o.Actual = &av
			}
		}
		out = append(out, o)
	}
	return out
}

func parseDirection(s string) (Direction, bool) {
	k := matchKey(s)
	if k == "max" || k == "min" { // maximise, minimise
		return map[string]Direction{"max": Higher, "min": Lower}[k], true
	}
	// The longest phrase found decides: 不低于 (at least) is not 低, and "no
	// less than" is not "less".
	best, dir := 0, Direction("")
	for _, p := range directionPhrases {
		if len(p.key) > best && strings.Contains(k, p.key) {
			best, dir = len(p.key), p.dir
		}
	}
	return dir, dir != ""
}

// directionPhrase is a folded way of writing a direction.
type directionPhrase struct {
	key string
	dir Direction
}

// directionPhrases are the ways teams write a metric's direction, in the three
// languages, as matchKey folds them (Simplified, lower case, no spaces).
var directionPhrases = func() []directionPhrase {
	var out []directionPhrase
	for dir, phrases := range map[Direction][]string{
		Higher: {"越高越好", "越多越好", "越大越好", "高", "多", "提升", "提高", "增加", "正向", "望大", "不低于", "不少于", "不小于", "至少", "不得低于",
			"higher", "more", "bigger", "greater", "increase", "maximise", "maximize", "atleast", "nolessthan", "notlessthan", "nofewerthan", "notfewerthan", "↑"},
		Lower: {"越低越好", "越少越好", "越小越好", "低", "少", "降低", "减少", "压缩", "反向", "望小", "不高于", "不超过", "不多于", "不大于", "至多", "最多", "不得超过",
			"lower", "less", "fewer", "smaller", "decrease", "reduce", "minimise", "minimize", "atmost", "nomorethan", "notmorethan", "nohigherthan", "notabove", "↓"},
	} {
		for _, p := range phrases {
			out = append(out, directionPhrase{matchKey(p), dir})
		}
	}
	return out
}()

func readActions(t tableReader) []ActionRow {
	out := []ActionRow{}
	for _, row := range t.loc.Rows {
		a := ActionRow{Ref: t.rowRef(row), Cells: t.cellsOf(row)}
		a.Item = t.text(row, ColItem)
		a.Measure = t.text(row, ColMeasure)
		t.required(row, ColItem, ColMeasure)
		a.Owner = t.text(row, ColOwner)
		a.Owners = ParseOwners(a.Owner)
		a.Due, a.DueText = t.date(row, ColDue)
		a.Support = t.text(row, ColSupport)
		a.Acceptance = t.text(row, ColAcceptance)
		a.Status = t.text(row, ColStatus)
		a.StatusRead = t.status(row, ColStatus)
		a.Done = a.StatusRead.Done()
		out = append(out, a)
	}
	return out
}
