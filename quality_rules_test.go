package fupan_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// qualityBook is the seed in one language with what a hurried team writes:
// surface causes for the two metrics not achieved, praise for the one
// achieved, acceptance criteria nobody can check in tables 1 and 4.
type qualityBook struct {
	seed                      func() samples.Review
	file                      string
	plan, outcome, actions    string // the sheets
	closeCause, missedCause   string
	praise, planAcc, actAcc   string
	symptom, experience, lang string // words of the hints in the language
}

var qualityBooks = []qualityBook{
	{samples.SeedSimplified, "华东销售部_2025Q3.xlsx", "计划", "成果", "行动",
		"销售额低", "新客户数量不足", "效果很好，继续保持", "效果明显", "领导满意",
		"“销售额低”", "转化率提升15%", "zh-Hans"},
	{samples.SeedTraditional, "華東銷售部_2025Q3.xlsx", "計劃", "成果", "行動",
		"市場原因", "沒有達到目標", "團隊表現優秀", "順利完成", "領導滿意",
		"「銷售額低」", "轉化率提升15%", "zh-Hant"},
	{samples.SeedEnglish, "East-China-Sales_2025Q3.xlsx", "Plan", "Outcomes", "Actions",
		"Sales were low", "Objective reasons", "Good job, keep it up", "Done", "The manager is satisfied",
		"“sales were low”", "conversion rose 15%", "en"},
}

func (q qualityBook) review() samples.Review {
	r := q.seed()
	r.Outcome.Rows[0][4] = q.closeCause  // 90%: close
	r.Outcome.Rows[1][4] = q.missedCause // 84%: missed
	r.Outcome.Rows[2][5] = q.praise      // 120%: achieved
	r.Plan.Rows[1][5] = q.planAcc
	r.Acts.Rows[0][5] = q.actAcc
	return r
}

// Each rule at its cell, with its severity, the team's words in the message
// and the hint in the workbook's language; page 1's verdict (the headline
// figures) is the seed's; the seed itself has none of them.
func TestQualityRulesAtTheirCells(t *testing.T) {
	for _, q := range qualityBooks {
		t.Run(q.lang, func(t *testing.T) {
			rv := analyzeBook(t, q.file, samples.PerSheet(q.review()))
			lang := catalog.Lang(q.lang)
			want := []struct {
				code        fupan.Code
				sev         fupan.Severity
				sheet, cell string
				words       string // of the team, in the message
			}{
				{fupan.CodeCauseSurface, fupan.SevWarning, q.outcome, "E3", q.closeCause},
				{fupan.CodeCauseSurface, fupan.SevWarning, q.outcome, "E4", q.missedCause},
				{fupan.CodeAchievedNoExperience, fupan.SevInfo, q.outcome, "F5", q.seed().Outcome.Rows[2][0]},
				{fupan.CodeAcceptanceNotMeasurable, fupan.SevWarning, q.plan, "F4", q.planAcc},
				{fupan.CodeAcceptanceNotMeasurable, fupan.SevWarning, q.actions, "F3", q.actAcc},
			}
			for _, w := range want {
				f := findingAt(rv, w.code, w.sheet, w.cell)
				if f == nil {
					t.Errorf("no %s at %s!%s; findings: %v", w.code, w.sheet, w.cell, rv.Findings)
					continue
				}
				if f.Severity != w.sev || !strings.Contains(f.Message(), w.words) || f.Hint() != catalog.T(lang, "finding."+string(w.code)+".hint") {
					t.Errorf("%s at %s!%s: %+v; want a %s naming %q with the %s hint", w.code, w.sheet, w.cell, f, w.sev, w.words, q.lang)
				}
			}
			n := 0
			for _, f := range rv.Findings {
				switch f.Code {
				case fupan.CodeCauseSurface, fupan.CodeAchievedNoExperience, fupan.CodeAcceptanceNotMeasurable:
					n++
				}
			}
			if n != len(want) || rv.HasErrors() {
				t.Errorf("%d quality findings, want %d, and no errors: %v", n, len(want), rv.Findings)
			}
			// The hints quote the seed: the symptom and the experience.
			if h := findingAt(rv, fupan.CodeCauseSurface, q.outcome, "E3"); h != nil && (!strings.Contains(h.Hint(), q.symptom) || !strings.Contains(strings.ToLower(h.Hint()), "?") && !strings.Contains(h.Hint(), "？")) {
				t.Errorf("cause-surface hint %q does not ask why with the seed's %s", h.Hint(), q.symptom)
			}
			if h := findingAt(rv, fupan.CodeAchievedNoExperience, q.outcome, "F5"); h != nil && !strings.Contains(h.Hint(), q.experience) {
				t.Errorf("achieved-no-experience hint %q does not quote the seed's %s", h.Hint(), q.experience)
			}
			seed := analyzeBook(t, q.file, samples.PerSheet(q.seed()))
			if got, was := verdictOf(rv), verdictOf(seed); !reflect.DeepEqual(got, was) {
				t.Errorf("page 1's headline changed with the quality findings: %+v, the seed's %+v", got, was)
			}
			if rv.Summary.Metrics != seed.Summary.Metrics || rv.Summary.MetricsAchieved != seed.Summary.MetricsAchieved {
				t.Errorf("summary changed: %+v, the seed's %+v", rv.Summary, seed.Summary)
			}
			for _, f := range seed.Findings {
				switch f.Code {
				case fupan.CodeCauseSurface, fupan.CodeAchievedNoExperience, fupan.CodeAcceptanceNotMeasurable:
					t.Errorf("the %s seed has %v", q.lang, f)
				}
			}
		})
	}
}

// verdictOf is what page 1's verdict says: the targets met of all, the worst
// misses by name and achievement, the milestones off track.
func verdictOf(rv *fupan.Review) []any {
	h := fupan.Headlines(rv)
	out := []any{h.Met, h.Metrics, h.OffTrack, h.Milestones}
	for _, o := range h.Worst {
		out = append(out, o.Metric, fupan.FormatPercent(*o.Achievement, false))
	}
	return out
}

// Each code, broken and kept at one cell, as TestRules does for the others:
// an empty lesson of an achieved metric has no experience either; an empty
// acceptance is action-no-acceptance's, not this rule's; a missed metric's
// empty cause is missed-no-cause's.
func TestQualityRulesBreakAndKeep(t *testing.T) {
	tests := []struct {
		code          fupan.Code
		sheet, cell   string
		breakIt, keep func(r *samples.Review)
	}{
		{fupan.CodeCauseSurface, "成果", "E4",
			func(r *samples.Review) { r.Outcome.Rows[1][4] = "客户少" },
			func(r *samples.Review) {
				r.Outcome.Rows[1][4] = "客户少，因为地推活动目标客群定位偏差"
			}},
		{fupan.CodeCauseSurface, "成果", "E4",
			func(r *samples.Review) { r.Outcome.Rows[1][4] = "执行不到位" },
			func(r *samples.Review) { r.Outcome.Rows[1][4] = "" }}, // missed-no-cause instead
		{fupan.CodeAchievedNoExperience, "成果", "F5",
			func(r *samples.Review) { r.Outcome.Rows[2][5] = "" },
			func(r *samples.Review) {
				r.Outcome.Rows[2][5] = "经验：客户经理推出“老带新”激励政策"
			}},
		{fupan.CodeAchievedNoExperience, "成果", "F5",
			func(r *samples.Review) { r.Outcome.Rows[2][5] = "再接再厉" },
			func(r *samples.Review) { r.Outcome.Rows[1][5] = "再接再厉" }}, // a missed metric's lesson is not this rule's
		{fupan.CodeAcceptanceNotMeasurable, "计划", "F3",
			func(r *samples.Review) { r.Plan.Rows[0][5] = "完成" },
			func(r *samples.Review) { r.Plan.Rows[0][5] = "7月31日前完成" }},
		{fupan.CodeAcceptanceNotMeasurable, "行动", "F5",
			func(r *samples.Review) { r.Acts.Rows[2][5] = "全体客户经理掌握" },
			func(r *samples.Review) { r.Acts.Rows[2][5] = "" }}, // action-no-acceptance instead
	}
	for _, tt := range tests {
		t.Run(string(tt.code)+"@"+tt.sheet+"!"+tt.cell, func(t *testing.T) {
			broken := samples.SeedSimplifiedCopy()
			tt.breakIt(&broken)
			rv := analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(broken))
			if f := findingAt(rv, tt.code, tt.sheet, tt.cell); f == nil || f.Message() == "" || f.Hint() == "" {
				t.Fatalf("no %s at %s!%s with message and hint; findings: %v", tt.code, tt.sheet, tt.cell, rv.Findings)
			}
			kept := samples.SeedSimplifiedCopy()
			tt.keep(&kept)
			rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.PerSheet(kept))
			if hasCode(rv, tt.code) {
				t.Errorf("a workbook that keeps the rule gave %v", rv.Findings)
			}
		})
	}
}
