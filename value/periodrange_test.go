package value

import (
	"errors"
	"testing"
)

// TestPeriodForms: every way of writing a review period, as a table. A range
// covering a quarter, a half or a year is that period; any other range a
// custom one; a season or anything unclear no period at all.
func TestPeriodForms(t *testing.T) {
	tests := []struct {
		in, label, kind string
		start, end      Date
	}{
		{"2025年7-9月", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025年7月-9月", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025年7月至9月", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025年7月-2025年9月", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025年7月1日至9月30日", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025.07-2025.09", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025.7.1-2025.9.30", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025/07-2025/09", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025/7-2025/9", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025-07-01 ~ 2025-09-30", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"２０２５年７－９月", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"Jul–Sep 2025", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"July - September 2025", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025Q3-Q4", "2025H2", PeriodHalf, d(2025, 7, 1), d(2025, 12, 31)},
		{"2025年1-6月", "2025H1", PeriodHalf, d(2025, 1, 1), d(2025, 6, 30)},
		{"2025.01-2025.12", "2025", PeriodYear, d(2025, 1, 1), d(2025, 12, 31)},
		{"2025年8-8月", "2025-08", PeriodMonth, d(2025, 8, 1), d(2025, 8, 31)},
		{"2025年7-8月", "2025-07-01~2025-08-31", PeriodCustom, d(2025, 7, 1), d(2025, 8, 31)},
		{"2025.7.15-2025.9.14", "2025-07-15~2025-09-14", PeriodCustom, d(2025, 7, 15), d(2025, 9, 14)},
		{"2025.11-2026.01", "2025-11-01~2026-01-31", PeriodCustom, d(2025, 11, 1), d(2026, 1, 31)},
		{"2025-07-15~2025-09-14", "2025-07-15~2025-09-14", PeriodCustom, d(2025, 7, 15), d(2025, 9, 14)}, // its own label
		// The forms that were read before, unchanged.
		{"2025Q3", "2025Q3", PeriodQuarter, d(2025, 7, 1), d(2025, 9, 30)},
		{"2025-07", "2025-07", PeriodMonth, d(2025, 7, 1), d(2025, 7, 31)},
		{"2025年7月", "2025-07", PeriodMonth, d(2025, 7, 1), d(2025, 7, 31)},
		{"2025年", "2025", PeriodYear, d(2025, 1, 1), d(2025, 12, 31)},
		{"2025年度", "2025", PeriodYear, d(2025, 1, 1), d(2025, 12, 31)},
		{"FY2025", "2025", PeriodYear, d(2025, 1, 1), d(2025, 12, 31)},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.in)
		if err != nil || p.Label != tt.label || p.Kind() != tt.kind || p.Start != tt.start || p.End != tt.end {
			t.Errorf("ParsePeriod(%q) = %+v (%s), %v; want %s (%s) %v..%v", tt.in, p, p.Kind(), err, tt.label, tt.kind, tt.start, tt.end)
		}
	}
	for _, in := range []string{"2025年秋季", "2025年夏天", "Autumn 2025", "2025年9-7月", "2025年7-13月", "2025.09-2025.07", "2025年旺季", "下个季度"} {
		if p, err := ParsePeriod(in); !errors.Is(err, ErrUnknownPeriod) && !errors.Is(err, ErrBackwards) {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want no period", in, p, err)
		}
	}
	if _, err := NextPeriod(Period{Label: "2025-07-15~2025-09-14"}); err == nil {
		t.Error("a custom period has a next of its own kind")
	}
}
