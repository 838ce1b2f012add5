package value

import "testing"

// TestPeriodsAsWritten: a quarter written as its months (with 月份, or a list
// 7、8、9月) or as 3Q is the quarter, never its first month.
func TestPeriodsAsWritten(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2025年7-9月份", "2025Q3"}, {"2025年7月-9月份", "2025Q3"}, {"2025年1-6月份", "2025H1"},
		{"2025年7、8、9月", "2025Q3"}, {"2025年7,8,9月", "2025Q3"}, {"2025年7月、8月、9月", "2025Q3"},
		{"2025年7月份", "2025-07"}, {"2025.3Q", "2025Q3"}, {"2025 3Q", "2025Q3"}, {"2025年3Q", "2025Q3"},
		{"3Q2025", "2025Q3"}, {"3Q 2025", "2025Q3"},
	} {
		p, err := ParsePeriod(tc.in)
		if err != nil || p.Label != tc.want {
			t.Errorf("ParsePeriod(%q) = %q, %v; want %s", tc.in, p.Label, err, tc.want)
		}
	}
	// Months that are no quarter, half or year are no silent first month.
	for _, in := range []string{"2025年7、9月", "2025年7、8月"} {
		if p, err := ParsePeriod(in); err == nil && p.Kind() == PeriodMonth {
			t.Errorf("ParsePeriod(%q) = %s, a month", in, p.Label)
		}
	}
}
