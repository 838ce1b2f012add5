package fupan_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
	"github.com/fupan-review/fupan/xlsx"
)

// analyzeBook analyses a workbook given as its cells, made in memory (grid):
// the rules, without the xlsx reader. TestRulesOnFiles holds the two ways
// to one answer on the seed's rules.
func analyzeBook(t *testing.T, name string, b xlsx.Book) *fupan.Review {
	t.Helper()
	return fupan.Analyze(grid(t, name, b), fupan.Options{Now: reviewDay}) // the tests judge as of one day, not the clock
}

// analyzeFile writes the workbook with excelize, reads it back with fupan's
// reader and analyses it: the whole way a team's file goes.
func analyzeFile(t *testing.T, name string, b xlsx.Book) *fupan.Review {
	t.Helper()
	return analyzeOn(t, name, b, reviewDay)
}

// findingList is the findings, one a line, for comparing two analyses.
func findingList(rv *fupan.Review) string {
	var b strings.Builder
	for _, f := range rv.Findings {
		fmt.Fprintf(&b, "%s %s!%s %s\n", f.Code, f.Sheet, f.Cell, f.Message())
	}
	return b.String()
}

func findingAt(rv *fupan.Review, code fupan.Code, sheet, cell string) *fupan.Finding {
	for i, f := range rv.Findings {
		if f.Code == code && f.Sheet == sheet && f.Cell == cell {
			return &rv.Findings[i]
		}
	}
	return nil
}

func hasCode(rv *fupan.Review, code fupan.Code) bool {
	for _, f := range rv.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// TestRules gives each review rule (the README's finding codes) a workbook that
// breaks it and one that keeps it. The workbooks are the Simplified seed (one
// sheet per table: 计划, 跟踪, 成果, 行动; data from row 3) with one change.
func TestRules(t *testing.T) {
	tests := []struct {
		code        fupan.Code
		sheet, cell string
		breakIt     func(r *samples.Review)
		keepIt      func(r *samples.Review) // nil: the seed as it is keeps the rule
	}{
		{fupan.CodeDeviationNoCause, "跟踪", "E4",
			func(r *samples.Review) { r.Track.Rows[1][4] = "" },
			nil},
		{fupan.CodeDeviationNoCause, "跟踪", "E4",
			func(r *samples.Review) { r.Track.Rows[1][5] = "" },
			nil},
		{fupan.CodeMissedNoCause, "成果", "E4",
			func(r *samples.Review) { r.Outcome.Rows[1][4] = "" },
			func(r *samples.Review) { r.Outcome.Rows[0][4] = "" }}, // 90% is close, not missed
		{fupan.CodeMissedNoLesson, "成果", "F4",
			func(r *samples.Review) { r.Outcome.Rows[1][5] = "" },
			func(r *samples.Review) { r.Outcome.Rows[2][5] = "" }}, // 120% needs no lesson
		{fupan.CodeMissedNoActions, "行动", "A2",
			func(r *samples.Review) { r.Acts.Rows = nil },
			func(r *samples.Review) { r.Acts.Rows = r.Acts.Rows[:1] }},
		{fupan.CodeOwnerMissing, "计划", "C3",
			func(r *samples.Review) { r.Plan.Rows[0][2] = "" },
			nil},
		{fupan.CodeOwnerNotSingle, "计划", "C3",
			func(r *samples.Review) { r.Plan.Rows[0][2] = "李四、王五" },
			nil},
		{fupan.CodeOwnerNotSingle, "行动", "C4",
			func(r *samples.Review) { r.Acts.Rows[1][2] = "李四/王五" },
			nil},
		{fupan.CodeActionNoDue, "行动", "D3",
			func(r *samples.Review) { r.Acts.Rows[0][3] = "" },
			nil},
		{fupan.CodeActionNoAcceptance, "行动", "F3",
			func(r *samples.Review) { r.Acts.Rows[0][5] = "" },
			nil},
		{fupan.CodeGoalNotMeasurable, "计划", "A3",
			func(r *samples.Review) { r.Plan.Rows[0][0] = "Q3提升华东销售额" },
			nil},
		{fupan.CodeGoalNotTimeBound, "计划", "A3",
			func(r *samples.Review) { r.Plan.Rows[0][0] = "华东销售额提升20%" },
			func(r *samples.Review) { r.Plan.Rows[0][0] = "9月30日前华东销售额提升20%" }},
		{fupan.CodeStatedAchievement, "成果", "D3",
			func(r *samples.Review) { r.Outcome.Rows[0][3] = "95%" },
			func(r *samples.Review) { r.Outcome.Rows[0][3] = "90.4%" }}, // within half a point
		{fupan.CodeStatedDeviation, "跟踪", "D3",
			nil, // the seed itself: -6.5% written, -9.7% computed
			func(r *samples.Review) { r.Track.Rows[0][3] = "-9.7%" }},
		{fupan.CodeBlame, "成果", "E3",
			func(r *samples.Review) { r.Outcome.Rows[0][4] = "张三执行不力" },
			func(r *samples.Review) {
				r.Outcome.Rows[0][4] = "任务1未按时完成,因需求变更导致返工2次"
			}},
		{fupan.CodeBlame, "跟踪", "E3",
			func(r *samples.Review) { r.Track.Rows[0][4] = "李四工作态度差,延误2天" },
			func(r *samples.Review) { r.Track.Rows[0][4] = "客户态度转变,需求延后2天确认" }},
		{fupan.CodeValueMissing, "成果", "C4",
			func(r *samples.Review) { r.Outcome.Rows[1][2] = "" },
			nil},
		{fupan.CodeValueMissing, "计划", "B4",
			func(r *samples.Review) { r.Plan.Rows[1][1] = "" },
			nil},
		{fupan.CodeTaskUnmatched, "跟踪", "A3",
			func(r *samples.Review) { r.Track.Rows[0][0] = "年终团建" },
			nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.code)+"@"+tt.sheet+"!"+tt.cell, func(t *testing.T) {
			broken := samples.SeedSimplifiedCopy()
			if tt.breakIt != nil {
				tt.breakIt(&broken)
			}
			rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(broken))
			// The grid made in memory stands for the file: the whole way
			// (excelize writes, fupan's reader reads) finds the same.
			if got, want := findingList(rv), findingList(analyzeFile(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(broken))); got != want {
				t.Errorf("in memory:\n%s\nthrough a file:\n%s", got, want)
			}
			f := findingAt(rv, tt.code, tt.sheet, tt.cell)
			if f == nil {
				t.Fatalf("no %s at %s!%s; findings: %v", tt.code, tt.sheet, tt.cell, rv.Findings)
			}
			if f.Message() == "" || f.Hint() == "" || f.Severity != fupan.SevWarning {
				t.Errorf("finding %+v: want a warning with message and hint", f)
			}
			kept := samples.SeedSimplifiedCopy()
			if tt.keepIt != nil {
				tt.keepIt(&kept)
			}
			rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(kept))
			if f := findingAt(rv, tt.code, tt.sheet, tt.cell); f != nil {
				t.Errorf("a workbook that keeps the rule gave %v", f)
			}
		})
	}
}

func TestMissingTable(t *testing.T) {
	b := samples.PerSheet(samples.SeedSimplified())
	b.Sheets = b.Sheets[:3]
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", b)
	if !hasCode(rv, fupan.CodeTableMissing) {
		t.Errorf("no table-missing finding without table 4: %v", rv.Findings)
	}
	if hasCode(analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(samples.SeedSimplified())), fupan.CodeTableMissing) {
		t.Error("table-missing for the complete seed")
	}
}

// The seed's own example of blame, in its own script, and its own example of a
// fact.
func TestBlameTraditional(t *testing.T) {
	r := samples.SeedTraditional()
	r.Outcome.Rows[0][4] = "張三執行不力"
	r.Outcome.Rows[1][4] = "任務1未按時完成,因需求變更導致返工2次"
	rv := analyzeBook(t, "華東銷售部_2025Q3.xlsx", samples.PerSheet(r))
	if f := findingAt(rv, fupan.CodeBlame, "成果", "E3"); f == nil {
		t.Errorf("張三執行不力 not flagged: %v", rv.Findings)
	} else if f.Message() != "「張三執行不力」歸因於個人（不力），而不是事實" {
		t.Errorf("message %q is not in Traditional characters as expected", f.Message())
	}
	if f := findingAt(rv, fupan.CodeBlame, "成果", "E4"); f != nil {
		t.Errorf("a fact was flagged as blame: %v", f)
	}
}

// The weak word 态度 blames only beside a name: a sentence that names no one
// is a fact about the market, never a person blamed.
func TestBlameWeakWordNamesNoOne(t *testing.T) {
	r := samples.SeedSimplified()
	r.Outcome.Rows[0][4] = "态度不积极的经销商较多"
	r.Outcome.Rows[1][4] = "渠道反馈：态度问题不是主因，价格才是"
	r.Outcome.Rows[2][4] = "张三工作态度差"
	rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(r))
	for _, cell := range []string{"E3", "E4"} {
		if f := findingAt(rv, fupan.CodeBlame, "成果", cell); f != nil {
			t.Errorf("a sentence naming no one flagged: %v", f)
		}
	}
	if findingAt(rv, fupan.CodeBlame, "成果", "E5") == nil {
		t.Errorf("张三工作态度差 not flagged: %v", rv.Findings)
	}
}

// The seed gives no errors and exactly one warning: the stated -6.5%.
func TestSeedFindings(t *testing.T) {
	for _, r := range []samples.Review{samples.SeedTraditional(), samples.SeedSimplified(), samples.SeedEnglish()} {
		rv := analyzeBook(t, "seed_2025Q3.xlsx", samples.PerSheet(r))
		if rv.Summary.Errors != 0 || rv.Summary.Warnings != 1 || rv.Findings[0].Code != fupan.CodeStatedDeviation {
			t.Errorf("%s seed findings: %v; want only the stated-deviation warning", r.Lang, rv.Findings)
		}
	}
}

func TestNoTablesAndPeriodUnknown(t *testing.T) {
	rv := analyzeBook(t, "随手记_2025Q3.xlsx", xlsx.Book{Sheets: []xlsx.BookSheet{{Name: "Sheet1", Rows: [][]any{{"本月随便记点什么", 123}, {"没有表头"}}}}})
	if !hasCode(rv, fupan.CodeNoTables) || !rv.HasErrors() {
		t.Errorf("a workbook without tables: %v", rv.Findings)
	}
	// No period in the workbook or its name: dates without a year take this
	// year's, and the team is told.
	rv = analyzeBook(t, "华东销售部.xlsx", samples.PerSheet(samples.SeedSimplified()))
	if !hasCode(rv, fupan.CodePeriodUnknown) || rv.Meta.Period != "" {
		t.Errorf("no period: %v (period %q)", rv.Findings, rv.Meta.Period)
	}
	path := filepath.Join(t.TempDir(), "华东销售部.xlsx")
	if err := xlsx.Build(path, samples.PerSheet(samples.SeedSimplified())); err != nil {
		t.Fatal(err)
	}
	wb, err := xlsx.ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	rv = fupan.Analyze(wb, fupan.Options{Period: "2025Q3"})
	if hasCode(rv, fupan.CodePeriodUnknown) || rv.Meta.Period != "2025Q3" || rv.Meta.PeriodFrom != "option" || rv.Plan[0].Start.String() != "2025-07-01" {
		t.Errorf("--period 2025Q3: %+v %v", rv.Meta, rv.Findings)
	}
}
