package fupan_test

import (
	"testing"

	"github.com/fupan-review/fupan"
	samples "github.com/fupan-review/fupan/samples/gen"
)

// TestPeriodCell: 复盘周期 written as a range is the period it covers, never
// its first month; a season is period-unknown at its cell, never the year.
func TestPeriodCell(t *testing.T) {
	book := func(period string) *fupan.Review {
		return analyzeBook(t, "华东销售部.xlsx", samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面",
			[][]string{{"团队", "华东销售部"}, {"复盘周期", period}}))
	}
	for in, want := range map[string]string{"2025年7-9月": "2025Q3", "2025.07-2025.09": "2025Q3", "2025.7.1-2025.9.30": "2025Q3",
		"2025/07-2025/09": "2025Q3", "2025年7-8月": "2025-07-01~2025-08-31"} {
		rv := book(in)
		if rv.Meta.Period != want || rv.Meta.PeriodStart.String() != "2025-07-01" || hasCode(rv, fupan.CodePeriodUnknown) {
			t.Errorf("复盘周期 %s: %+v, %v", in, rv.Meta, rv.Findings)
		}
	}
	rv := book("2025年秋季")
	f := findingAt(rv, fupan.CodePeriodUnknown, "封面", "B2")
	if f == nil || rv.Meta.Period != "" {
		t.Fatalf("2025年秋季: %+v, %v", rv.Meta, rv.Findings)
	}
	if f.Severity != fupan.SevWarning || f.Message() != "复盘周期“2025年秋季”不是月份、季度、半年、年份或起止月份：报告照常生成，但不记入复盘历史" {
		t.Errorf("2025年秋季: %s %q", f.Severity, f.Message())
	}
	// The file's name gives the period: the cell's season is ignored, and said so.
	rv = analyzeBook(t, "华东销售部_2025Q3.xlsx", samples.Covered(samples.PerSheet(samples.SeedSimplified()), "封面",
		[][]string{{"团队", "华东销售部"}, {"复盘周期", "2025年秋季"}}))
	f = findingAt(rv, fupan.CodePeriodUnknown, "封面", "B2")
	if f == nil || rv.Meta.Period != "2025Q3" || f.Message() != "复盘周期“2025年秋季”不是月份、季度、半年、年份或起止月份，已忽略" {
		t.Errorf("2025年秋季 in 华东销售部_2025Q3.xlsx: %+v, %v", rv.Meta, rv.Findings)
	}
	// No period anywhere: said once, not recorded.
	rv = analyzeBook(t, "华东销售部.xlsx", samples.PerSheet(samples.SeedSimplified()))
	n := 0
	for _, f := range rv.Findings {
		if f.Code == fupan.CodePeriodUnknown && f.Message() == "没有复盘周期：报告照常生成，但不记入复盘历史" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("no period: %v", rv.Findings)
	}
}
