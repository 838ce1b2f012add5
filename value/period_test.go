package value

import (
	"errors"
	"testing"
)

func TestNextPeriodText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2025Q3", "2025Q4"},
		{"2025Q4", "2026Q1"},
		{"2025-09", "2025-10"},
		{"2025-12", "2026-01"},
		{"2025H1", "2025H2"},
		{"2025H2", "2026H1"},
		{"2025", "2026"},
		{"2025年第三季度", "2025年第四季度"},
		{"2025年第四季度", "2026年第一季度"},
		{"2025年第3季度", "2025年第4季度"},
		{"2025年9月", "2025年10月"},
		{"2025年12月", "2026年1月"}, // no zero the team did not write
		{"2025年09月", "2025年10月"},
		{"2025年11月", "2025年12月"},
		{"2025-12", "2026-01"},
		{"2025年上半年", "2025年下半年"},
		{"Q4 2025", "Q1 2026"},
		{"2025年Q3", "2025年Q4"},
		{"２０２５Q3", "2025Q4"}, // full-width digits: the label
	} {
		got, err := NextPeriodText(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NextPeriodText(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := NextPeriodText("下个月"); err == nil {
		t.Error("a period that is not one has a next")
	}
}

// A command's period is read strictly: the whole text is one period. The
// lenient reader finds the year in 2025Q5, which would make `history forget
// 华东大区 2025Q5` remove the team's annual review.
func TestParsePeriodStrict(t *testing.T) {
	for _, tc := range []struct{ in, label string }{
		{"2025Q3", "2025Q3"},
		{" 2025q4 ", "2025Q4"},
		{"2025-07", "2025-07"},
		{"2025H1", "2025H1"},
		{"2025", "2025"},
		{"2025年", "2025"},
		{"2025年Q3", "2025Q3"},
		{"2025年第三季度", "2025Q3"},
		{"2025年7月", "2025-07"},
		{"Q3 2025", "2025Q3"},
		{"2025年下半年", "2025H2"},
		{"２０２５Q3", "2025Q3"},
	} {
		p, err := ParsePeriodStrict(tc.in)
		if err != nil || p.Label != tc.label {
			t.Errorf("ParsePeriodStrict(%q) = %q, %v; want %s", tc.in, p.Label, err, tc.label)
		}
	}
	for _, in := range []string{"2025Q5", "2025Q0", "2025-13", "2025H3", "2025Q3复盘", "复盘2025", "2025/07/01", "Q5 2025", "20253", "", "上个月"} {
		if p, err := ParsePeriodStrict(in); !errors.Is(err, ErrUnknownPeriod) {
			t.Errorf("ParsePeriodStrict(%q) = %q, %v; want ErrUnknownPeriod", in, p.Label, err)
		}
	}
}
