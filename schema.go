package fupan

import "github.com/fupan-review/fupan/catalog"

// Lang is the language a workbook is written in; labels and messages follow
// it. The texts themselves are in package catalog, one catalogue per language.
type Lang = catalog.Lang

// The languages fupan speaks.
const (
	Simplified  = catalog.Simplified
	Traditional = catalog.Traditional
	English     = catalog.English
)

// ParseLang reads a --lang value, in any width; the empty string means "not
// given".
func ParseLang(s string) (Lang, bool) { return catalog.ParseLang(matchKey(s)) }

// TableID names one of the template's four tables.
type TableID int

// The four tables, in the template's order.
const (
	PlanTable     TableID = 1 // 策略执行计划表
	TrackingTable TableID = 2 // 执行进度跟踪表
	OutcomeTable  TableID = 3 // 成果复盘分析表, the review sheet
	ActionTable   TableID = 4 // 后续行动计划表
	// FollowupTable, 上期行动跟进, is optional: last period's actions and
	// what became of them (seed 4.2).
	FollowupTable TableID = 5
)

// Tables lists the four tables every review has, in order; table 5 is
// optional.
var Tables = []TableID{PlanTable, TrackingTable, OutcomeTable, ActionTable}

// Col names one column of one table.
type Col string

// The columns. A column belongs to one table; the same header text (owner,
// actual) can name columns of several tables.
const (
	ColGoal       Col = "goal"
	ColTask       Col = "task"
	ColOwner      Col = "owner"
	ColPeriod     Col = "period"
	ColStart      Col = "start"
	ColEnd        Col = "end"
	ColResources  Col = "resources"
	ColBudget     Col = "budget"
	ColPeople     Col = "people"
	ColAcceptance Col = "acceptance"

	ColPlanned        Col = "planned"
	ColActual         Col = "actual"
	ColDeviation      Col = "deviation"
	ColProblem        Col = "problem"
	ColCountermeasure Col = "countermeasure"

	ColMetric      Col = "metric"
	ColTarget      Col = "target"
	ColAchievement Col = "achievement"
	ColCause       Col = "cause"
	ColLesson      Col = "lesson"
	ColDirection   Col = "direction"

	ColItem    Col = "item"
	ColMeasure Col = "measure"
	ColDue     Col = "due"
	ColSupport Col = "support"
	ColStatus  Col = "status"

	ColDoneOn Col = "done_on" // 实际完成时间, table 5
	ColEffect Col = "effect"  // 效果, table 5
)

// Names holds a name in the three languages.
type Names struct{ Hans, Hant, En string }

// In returns the name in the language.
func (n Names) In(l Lang) string {
	switch l {
	case Traditional:
		return n.Hant
	case English:
		return n.En
	}
	return n.Hans
}

// ColumnDef describes one column: its names and the other spellings teams use.
type ColumnDef struct {
	Col      Col
	Names    Names
	Aliases  []string // further spellings, any script
	Required bool
	// Computed columns (达成率, 偏差率) are filled by fupan; a team's own value is
	// read and compared.
	Computed bool
}

// TableDef describes one table of the template.
type TableDef struct {
	ID      TableID
	Names   Names
	Aliases []string
	Columns []ColumnDef
}

// Column returns the definition of a column of the table.
func (t TableDef) Column(c Col) (ColumnDef, bool) {
	for _, d := range t.Columns {
		if d.Col == c {
			return d, true
		}
	}
	return ColumnDef{}, false
}

// Title is the table's title as the template writes it ("表1:策略执行计划表").
func (t TableDef) Title(l Lang) string {
	return catalog.F(l, "table.title", int(t.ID), t.Names.In(l))
}

// ownerAliases: teams mix 负责人 and 责任人, so either names the owner of any table.
var ownerAliases = []string{"负责人", "责任人", "owner", "owners", "responsible", "person in charge"}

// Schema returns the template's table definitions. It returns a new value on
// each call so that callers cannot change what others see.
func Schema() []TableDef { return buildSchema() }

// schema is the definitions the domain reads, built once and never changed;
// hdrIndex, headerNeed and titleIndex are its lookup tables for locating tables.
var (
	schema     = buildSchema()
	hdrIndex   = buildHeaderIndex(schema)
	headerNeed = buildHeaderNeed(schema)
	titleIndex = buildTitleIndex(schema)
)

func buildSchema() []TableDef {
	return []TableDef{
		{
			ID:      PlanTable,
			Names:   Names{"策略执行计划表", "策略執行計劃表", "Strategy execution plan"},
			Aliases: []string{"执行计划表", "策略执行计划", "execution plan"},
			Columns: []ColumnDef{
				{Col: ColGoal, Names: Names{"策略目标", "策略目標", "Strategy goal"}, Aliases: []string{"目标", "goal", "strategic goal"}, Required: true},
				{Col: ColTask, Names: Names{"关键任务", "關鍵任務", "Key task"}, Aliases: []string{"任务", "task", "key tasks"}, Required: true},
				{Col: ColOwner, Names: Names{"负责人", "負責人", "Owner"}, Aliases: ownerAliases, Required: true},
				{Col: ColPeriod, Names: Names{"起止时间", "起止時間", "Start–end"}, Aliases: []string{"起止日期", "时间", "start-end", "start - end", "period", "timeline", "dates"}, Required: true},
				{Col: ColStart, Names: Names{"开始时间", "開始時間", "Start"}, Aliases: []string{"开始日期", "start date"}},
				{Col: ColEnd, Names: Names{"结束时间", "結束時間", "End"}, Aliases: []string{"结束日期", "end date"}},
				{Col: ColResources, Names: Names{"资源需求", "資源需求", "Resources"}, Aliases: []string{"资源", "所需资源", "resources needed"}},
				{Col: ColBudget, Names: Names{"预算", "預算", "Budget"}},
				{Col: ColPeople, Names: Names{"人力", "人力", "People"}, Aliases: []string{"人数", "headcount", "staff"}},
				{Col: ColAcceptance, Names: Names{"验收标准", "驗收標準", "Acceptance criteria"}, Aliases: []string{"acceptance", "acceptance criterion"}, Required: true},
			},
		},
		{
			ID:      TrackingTable,
			Names:   Names{"执行进度跟踪表", "執行進度跟蹤表", "Execution progress tracking"},
			Aliases: []string{"执行进度跟踪", "进度跟踪表", "progress tracking"},
			Columns: []ColumnDef{
				{Col: ColTask, Names: Names{"关键任务", "關鍵任務", "Key task"}, Aliases: []string{"任务", "task", "milestone", "里程碑"}, Required: true},
				{Col: ColPlanned, Names: Names{"计划进度", "計劃進度", "Planned"}, Aliases: []string{"计划", "planned progress", "plan"}, Required: true},
				{Col: ColActual, Names: Names{"实际进度", "實際進度", "Actual"}, Aliases: []string{"实际", "actual progress"}, Required: true},
				{Col: ColDeviation, Names: Names{"偏差率", "偏差率", "Deviation"}, Aliases: []string{"偏差", "deviation rate"}, Computed: true},
				{Col: ColProblem, Names: Names{"主要问题", "主要問題", "Main problem"}, Aliases: []string{"问题", "problem", "issues", "main problems"}},
				{Col: ColCountermeasure, Names: Names{"应对措施", "應對措施", "Countermeasure"}, Aliases: []string{"措施", "countermeasures", "response"}},
				{Col: ColOwner, Names: Names{"责任人", "責任人", "Owner"}, Aliases: ownerAliases},
			},
		},
		{
			ID:      OutcomeTable,
			Names:   Names{"成果复盘分析表", "成果復盤分析表", "Outcome review"},
			Aliases: []string{"成果复盘表", "成果复盘分析", "outcome review analysis"},
			Columns: []ColumnDef{
				{Col: ColMetric, Names: Names{"目标指标", "目標指標", "Metric"}, Aliases: []string{"指标", "target metric", "kpi"}, Required: true},
				{Col: ColTarget, Names: Names{"计划值", "計劃值", "Target"}, Aliases: []string{"目标值", "planned value", "target value"}, Required: true},
				{Col: ColActual, Names: Names{"实际值", "實際值", "Actual"}, Aliases: []string{"actual value"}, Required: true},
				{Col: ColAchievement, Names: Names{"达成率", "達成率", "Achievement"}, Aliases: []string{"完成率", "achievement rate"}, Computed: true},
				{Col: ColCause, Names: Names{"偏差原因", "偏差原因", "Cause of deviation"}, Aliases: []string{"原因", "cause", "causes", "reason"}},
				{Col: ColLesson, Names: Names{"经验/教训", "經驗/教訓", "Lessons"}, Aliases: []string{"经验教训", "经验与教训", "lesson", "lessons learned", "experience/lessons"}},
				{Col: ColDirection, Names: Names{"指标方向", "指標方向", "Direction"}, Aliases: []string{"方向"}},
			},
		},
		{
			ID:      ActionTable,
			Names:   Names{"后续行动计划表", "後續行動計劃表", "Follow-up actions"},
			Aliases: []string{"行动计划表", "后续行动计划", "follow-up action plan", "action plan"},
			Columns: []ColumnDef{
				{Col: ColItem, Names: Names{"改进项", "改進項", "Improvement"}, Aliases: []string{"改进点", "improvement item", "improvements"}, Required: true},
				{Col: ColMeasure, Names: Names{"具体措施", "具體措施", "Measures"}, Aliases: []string{"措施", "measure", "actions"}, Required: true},
				{Col: ColOwner, Names: Names{"责任人", "責任人", "Owner"}, Aliases: ownerAliases, Required: true},
				{Col: ColDue, Names: Names{"完成时间", "完成時間", "Due"}, Aliases: []string{"截止时间", "完成日期", "due date", "deadline"}, Required: true},
				{Col: ColSupport, Names: Names{"所需支持", "所需支持", "Support needed"}, Aliases: []string{"支持", "support"}},
				{Col: ColAcceptance, Names: Names{"验收标准", "驗收標準", "Acceptance criteria"}, Aliases: []string{"acceptance", "acceptance criterion"}, Required: true},
				{Col: ColStatus, Names: Names{"状态", "狀態", "Status"}, Aliases: []string{"进展", "完成情况", "progress"}},
			},
		},
		{
			// Told from table 4 by 实际完成时间 or 效果, or by its title
			// (locate): its other columns are table 4's.
			ID:      FollowupTable,
			Names:   Names{"上期行动跟进", "上期行動跟進", "Follow-up of last period's actions"},
			Aliases: []string{"上期行动跟进表", "行动跟进表", "上期行动落实情况", "行动落实情况", "follow-up of actions", "last period's actions", "action follow-up"},
			Columns: []ColumnDef{
				{Col: ColItem, Names: Names{"改进项", "改進項", "Improvement"}, Aliases: []string{"改进点", "improvement item", "improvements", "action"}, Required: true},
				{Col: ColMeasure, Names: Names{"具体措施", "具體措施", "Measures"}, Aliases: []string{"措施", "measure", "actions"}},
				{Col: ColOwner, Names: Names{"责任人", "責任人", "Owner"}, Aliases: ownerAliases},
				{Col: ColDue, Names: Names{"完成时间", "完成時間", "Due"}, Aliases: []string{"截止时间", "计划完成时间", "due date", "deadline"}},
				{Col: ColAcceptance, Names: Names{"验收标准", "驗收標準", "Acceptance criteria"}, Aliases: []string{"acceptance", "acceptance criterion"}},
				{Col: ColStatus, Names: Names{"状态", "狀態", "Status"}, Aliases: []string{"进展", "完成情况", "progress"}},
				{Col: ColDoneOn, Names: Names{"实际完成时间", "實際完成時間", "Done on"}, Aliases: []string{"实际完成日期", "实际完成", "completed on", "actual completion", "actual completion date"}},
				{Col: ColEffect, Names: Names{"效果", "效果", "Result"}, Aliases: []string{"实施效果", "成效", "result", "effect", "outcome", "效果说明"}},
			},
		},
	}
}

// TableDefOf returns the definition of one table.
func TableDefOf(id TableID) TableDef {
	for _, t := range schema {
		if t.ID == id {
			return t
		}
	}
	panic("fupan: unknown table") // unreachable: TableID values are the four constants
}

// headerIndex maps the match key of every spelling of a column to its column,
// per table.
type headerIndex map[TableID]map[string]Col

func buildHeaderIndex(schema []TableDef) headerIndex {
	idx := make(headerIndex, len(schema))
	for _, t := range schema {
		m := make(map[string]Col)
		for _, c := range t.Columns {
			for _, n := range append([]string{c.Names.Hans, c.Names.Hant, c.Names.En}, c.Aliases...) {
				name, _ := splitNote(n)
				k := matchKey(name)
				if _, taken := m[k]; !taken {
					m[k] = c.Col
				}
			}
		}
		idx[t.ID] = m
	}
	return idx
}

// buildHeaderNeed gives each table the fewest columns a row must name to be
// read as its header or as a near miss: a header names every required column
// (the period as one, or as a start and an end), a near miss at least three.
func buildHeaderNeed(schema []TableDef) map[TableID]int {
	need := make(map[TableID]int, len(schema))
	for _, t := range schema {
		required := 0
		for _, c := range t.Columns {
			if c.Required {
				required++
			}
		}
		need[t.ID] = min(3, required)
	}
	return need
}

// MatchHeader reports which column of the table a header cell names, and the
// note in brackets after it ("计划进度(7月)" gives ColPlanned and "7月").
func MatchHeader(table TableID, header string) (Col, string, bool) {
	k, ok := headerKeyOf(header)
	if !ok {
		return "", "", false
	}
	c, ok := hdrIndex.match(table, k)
	return c, k.note, ok
}

// headerKey is a cell's text prepared for matching against every table.
type headerKey struct {
	name, full, note string
}

// maxHeaderLen is longer than any header: longer text is data, not a header.
const maxHeaderLen = 80

func headerKeyOf(text string) (headerKey, bool) {
	if text == "" || len(text) > maxHeaderLen {
		return headerKey{}, false
	}
	name, note := splitNote(text)
	k := headerKey{name: matchKey(name), note: note}
	if note != "" {
		k.full = matchKey(text)
	}
	return k, true
}

func (idx headerIndex) match(table TableID, k headerKey) (Col, bool) {
	if c, ok := idx[table][k.name]; ok {
		return c, true
	}
	// A note that is part of a known spelling ("资源需求(预算/人力)").
	if k.full != "" {
		if c, ok := idx[table][k.full]; ok {
			return c, true
		}
	}
	return "", false
}

// LangOf is the language to write in: the first of langs given — an option
// (--lang, a robot's lang:), then the workbook's — else Simplified Chinese.
// The one place that fallback is written.
func LangOf(langs ...Lang) Lang {
	for _, l := range langs {
		if l != "" {
			return l
		}
	}
	return Simplified
}

// MostWritten is the language most of counts' workbooks are written in
// (Simplified first on a tie, then Traditional), Simplified for none: an
// overview's or a group robot's language, where teams differ.
func MostWritten(counts map[Lang]int) Lang {
	best, lang := 0, Simplified
	for _, l := range []Lang{Simplified, Traditional, English} {
		if counts[l] > best {
			best, lang = counts[l], l
		}
	}
	return lang
}
