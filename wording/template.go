package wording

import (
	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
)

// ColumnSpec is how the blank template presents one column.
type ColumnSpec struct {
	Col   fupan.Col
	Width float64
	Hint  string   // catalogue key of the input message shown when a cell is selected
	List  []string // catalogue keys of a drop-down, where the column has a fixed set of values
	// Text formats the column as text so Excel keeps "7.31" as typed instead of
	// turning it into the number 7.31; Percent shows numbers as percentages.
	Text, Percent bool
}

// TableSpec is one table of the blank template, on a sheet of its own.
type TableSpec struct {
	ID      fupan.TableID
	Sheet   string // catalogue key of the sheet's name
	Columns []ColumnSpec
}

// Template returns the blank template's tables in order.
func Template() []TableSpec {
	return []TableSpec{
		{ID: fupan.PlanTable, Sheet: "template.sheet.plan", Columns: []ColumnSpec{
			{Col: fupan.ColGoal, Width: 26, Hint: "template.hint.plan.goal"},
			{Col: fupan.ColTask, Width: 24, Hint: "template.hint.plan.task"},
			{Col: fupan.ColOwner, Width: 12, Hint: "template.hint.plan.owner"},
			{Col: fupan.ColPeriod, Width: 16, Text: true, Hint: "template.hint.plan.period"},
			{Col: fupan.ColResources, Width: 24, Hint: "template.hint.plan.resources"},
			{Col: fupan.ColAcceptance, Width: 30, Hint: "template.hint.plan.acceptance"},
		}},
		{ID: fupan.TrackingTable, Sheet: "template.sheet.tracking", Columns: []ColumnSpec{
			{Col: fupan.ColTask, Width: 24, Hint: "template.hint.tracking.task"},
			{Col: fupan.ColPlanned, Width: 16, Text: true, Hint: "template.hint.tracking.planned"},
			{Col: fupan.ColActual, Width: 14, Text: true, Hint: "template.hint.tracking.actual"},
			{Col: fupan.ColDeviation, Width: 10, Percent: true, Hint: "template.hint.tracking.deviation"},
			{Col: fupan.ColProblem, Width: 28, Hint: "template.hint.tracking.problem"},
			{Col: fupan.ColCountermeasure, Width: 28, Hint: "template.hint.tracking.countermeasure"},
			{Col: fupan.ColOwner, Width: 12, Hint: "template.hint.tracking.owner"},
		}},
		{ID: fupan.OutcomeTable, Sheet: "template.sheet.outcome", Columns: []ColumnSpec{
			{Col: fupan.ColMetric, Width: 20, Hint: "template.hint.outcome.metric"},
			{Col: fupan.ColTarget, Width: 14, Hint: "template.hint.outcome.target"},
			{Col: fupan.ColActual, Width: 14, Hint: "template.hint.outcome.actual"},
			{Col: fupan.ColAchievement, Width: 10, Percent: true, Hint: "template.hint.outcome.achievement"},
			{Col: fupan.ColCause, Width: 30, Hint: "template.hint.outcome.cause"},
			{Col: fupan.ColLesson, Width: 30, Hint: "template.hint.outcome.lesson"},
			{Col: fupan.ColDirection, Width: 10, Hint: "template.hint.outcome.direction",
				List: []string{"template.choice.direction.higher", "template.choice.direction.lower"}},
		}},
		{ID: fupan.ActionTable, Sheet: "template.sheet.actions", Columns: []ColumnSpec{
			{Col: fupan.ColItem, Width: 22, Hint: "template.hint.actions.item"},
			{Col: fupan.ColMeasure, Width: 30, Hint: "template.hint.actions.measure"},
			{Col: fupan.ColOwner, Width: 12, Hint: "template.hint.actions.owner"},
			{Col: fupan.ColDue, Width: 12, Text: true, Hint: "template.hint.actions.due"},
			{Col: fupan.ColSupport, Width: 22, Hint: "template.hint.actions.support"},
			{Col: fupan.ColAcceptance, Width: 26, Hint: "template.hint.actions.acceptance"},
			{Col: fupan.ColStatus, Width: 10, Hint: "template.hint.actions.status",
				List: []string{"template.choice.status.not-started", "template.choice.status.in-progress", "template.choice.status.done"}},
		}},
		{ID: fupan.FollowupTable, Sheet: "template.sheet.followup", Columns: []ColumnSpec{
			{Col: fupan.ColItem, Width: 22, Hint: "template.hint.followup.item"},
			{Col: fupan.ColMeasure, Width: 28, Hint: "template.hint.followup.measure"},
			{Col: fupan.ColOwner, Width: 12, Hint: "template.hint.followup.owner"},
			{Col: fupan.ColDue, Width: 12, Text: true, Hint: "template.hint.followup.due"},
			{Col: fupan.ColAcceptance, Width: 24, Hint: "template.hint.followup.acceptance"},
			{Col: fupan.ColStatus, Width: 10, Hint: "template.hint.followup.status",
				List: []string{"template.choice.status.done", "template.choice.status.in-progress", "template.choice.status.not-started", "template.choice.status.cancelled"}},
			{Col: fupan.ColDoneOn, Width: 12, Text: true, Hint: "template.hint.followup.done-on"},
			{Col: fupan.ColEffect, Width: 30, Hint: "template.hint.followup.effect"},
		}},
	}
}

// FactsSheet is the catalogue key of the template's review-facts sheet.
const FactsSheet = "template.facts.sheet"

// Facts are the catalogue keys of the review facts the template asks for,
// each with its hint.
func Facts() [][2]string {
	return [][2]string{
		{"template.fact.team", "template.fact.team.hint"},
		{"template.fact.period", "template.fact.period.hint"},
		{"template.fact.reviewer", "template.fact.reviewer.hint"},
	}
}

// Text is a text of the template (a column's hint, a line of the
// instructions): the tracking limit passed in where the text names it,
// never written in it.
func Text(l fupan.Lang, key string) string {
	switch key {
	case "template.hint.tracking.problem", "template.instruction.03":
		return catalog.F(l, key, fupan.FormatPercent(fupan.OnTrackLimit, false))
	}
	return catalog.T(l, key)
}

// InstructionsSheet is the catalogue key of the sheet that explains the
// template.
const InstructionsSheet = "template.instructions.sheet"

// Instructions are the catalogue keys of the instructions sheet's lines.
func Instructions() []string {
	return []string{
		"template.instruction.00",
		"template.instruction.01",
		"template.instruction.02",
		"template.instruction.03",
		"template.instruction.04",
		"template.instruction.05",
		"template.instruction.06",
		"template.instruction.07",
		"template.instruction.08",
		"template.instruction.09",
		"template.instruction.10",
	}
}
