package fupan_test

import (
	"strings"
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// A 复盘周期 cell written as its year and two months (2025.7-9) is the
// quarter, never July; 2025-7-9 (a day as much as a range) is unclear, and
// the file name's period is used.
func TestAbbreviatedPeriodCell(t *testing.T) {
	book := func(name, period string) *fupan.Review {
		return analyzeBook(t, name, samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面",
			[][]string{{"团队", "华东销售部"}, {"复盘周期", period}}))
	}
	for in, want := range map[string]string{"2025.7-9": "2025Q3", "2025/7-9": "2025Q3", "2025.07-09": "2025Q3",
		"2025-07~09": "2025Q3", "2025.7~9": "2025Q3", "2025-07至09": "2025Q3", "2025-7-9月": "2025Q3"} {
		rv := book("华东销售部.xlsx", in)
		if rv.Meta.Period != want || rv.Meta.PeriodStart.String() != "2025-07-01" || rv.Meta.PeriodEnd.String() != "2025-09-30" ||
			hasCode(rv, fupan.CodePeriodUnknown) {
			t.Errorf("复盘周期 %s: %+v, %v", in, rv.Meta, rv.Findings)
		}
	}
	for in, want := range map[string]string{"2025.1-6": "2025H1", "2025.7-12": "2025H2"} {
		if rv := book("华东销售部.xlsx", in); rv.Meta.Period != want {
			t.Errorf("复盘周期 %s: %q; want %s", in, rv.Meta.Period, want)
		}
	}
	rv := book("华东销售部_2025Q3.xlsx", "2025-7-9")
	if f := findingAt(rv, fupan.CodePeriodUnknown, "封面", "B2"); f == nil || rv.Meta.Period != "2025Q3" || rv.Meta.PeriodFrom != "file name" {
		t.Errorf("复盘周期 2025-7-9 in 华东销售部_2025Q3.xlsx: %+v, %v", rv.Meta, rv.Findings)
	}
}

// Team and period from the names teams give their files: a dash, a period
// first, a version, a copy or a final mark after it.
func TestFactsFromFileName(t *testing.T) {
	for _, tc := range []struct{ file, team, period string }{
		{"华东销售部_2025Q3.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部 2025Q3.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部-单表_2025Q3.xlsx", "华东销售部-单表", "2025Q3"},
		{"East-China-Sales_2025Q3.xlsx", "East-China-Sales", "2025Q3"},
		{"华东销售部_2025Q3.reviewed.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025.7-9.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部-2025Q3.xlsx", "华东销售部", "2025Q3"},
		{"East-China-Sales-2025Q3.xlsx", "East-China-Sales", "2025Q3"},
		{"华东销售部-2025-07.xlsx", "华东销售部", "2025-07"},
		{"华东销售部-2025年7-9月.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3_v2.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3-v3.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 V2.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3(1).xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 (2).xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3（1）.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 - 副本.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 - 副本 (2).xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 - Copy.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 - Copy (2).xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 副本.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3_终版.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3_最终版.xlsx", "华东销售部", "2025Q3"},
		{"華東銷售部_2025Q3_最終版.xlsx", "華東銷售部", "2025Q3"},
		{"华东销售部_2025Q3_final.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3_Final_v2.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3_修订.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3_修订版.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部_2025Q3 - 副本.reviewed.xlsx", "华东销售部", "2025Q3"},
		{"2025Q3_华东销售部.xlsx", "华东销售部", "2025Q3"},
		{"2025Q3-华东销售部.xlsx", "华东销售部", "2025Q3"},
		{"2025Q3 华东销售部.xlsx", "华东销售部", "2025Q3"},
		{"2025-07_华东销售部.xlsx", "华东销售部", "2025-07"},
		{"2025Q3_华东销售部_v2.xlsx", "华东销售部", "2025Q3"},
		{"2025Q3_East-China-Sales.xlsx", "East-China-Sales", "2025Q3"},
		{"华东销售部_25Q3.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部（2025Q3）.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部(2025Q3).xlsx", "华东销售部", "2025Q3"},
		{"华东销售部【2025Q3】.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部2025Q3复盘.xlsx", "华东销售部", "2025Q3"},
		{"华东销售部2025年第三季度复盘.xlsx", "华东销售部", "2025Q3"},
		{"華東銷售部2025Q3復盤.xlsx", "華東銷售部", "2025Q3"},
		// No period: the name is the team, as before.
		{"华东销售部.xlsx", "华东销售部", ""},
		{"华东销售部_v2.xlsx", "华东销售部", ""},
		{"华东二部-3组.xlsx", "华东二部-3组", ""},
		{"华东销售部_2025-7-9.xlsx", "华东销售部", ""}, // a day or a quarter: unclear
		{"华东销售部_2025秋季.xlsx", "华东销售部", ""},
		{"2025-7-9.xlsx", "2025-7-9", ""},
	} {
		rv := analyzeBook(t, tc.file, samples.PerSheet(samples.SeedSimplified()))
		if rv.Meta.Team != tc.team || rv.Meta.Period != tc.period || rv.Meta.TeamFrom != "file name" {
			t.Errorf("%s: team %q (from %s) period %q; want %q %q", tc.file, rv.Meta.Team, rv.Meta.TeamFrom, rv.Meta.Period, tc.team, tc.period)
		}
	}
	// A period in the name that is unclear is said so, once.
	rv := analyzeBook(t, "华东销售部_2025-7-9.xlsx", samples.PerSheet(samples.SeedSimplified()))
	var said []string
	for _, f := range rv.Findings {
		if f.Code == fupan.CodePeriodUnknown && (strings.Contains(f.Message(), "复盘周期“") || strings.HasPrefix(f.Message(), "没有复盘周期")) {
			said = append(said, f.Message())
		}
	}
	if len(said) != 1 || said[0] != "复盘周期“2025-7-9”不是月份、季度、半年、年份或起止月份：报告照常生成，但不记入复盘历史" {
		t.Errorf("华东销售部_2025-7-9.xlsx: %q", said)
	}
}
