package value

import "testing"

// A quarter or a half written as its months is that period, and the next is
// written the same way; any other span of months is a custom period with
// its start and end (never its first month).
func TestMonthsPeriod(t *testing.T) {
	for _, c := range []struct{ in, label, next string }{
		{"2025年7-9月", "2025Q3", "2025年10-12月"},
		{"2025年10月-12月", "2025Q4", "2026年1月-3月"},
		{"2025年7月至9月", "2025Q3", "2025年10月至12月"},
		{"2025年1～6月", "2025H1", "2025年7～12月"},
		{"2025年7-8月", "2025-07-01~2025-08-31", ""},
	} {
		p, err := ParsePeriod(c.in)
		if err != nil || p.Label != c.label {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %s", c.in, p, err, c.label)
			continue
		}
		if c.next == "" {
			continue // a span that is no quarter: its next is not this test's
		}
		if n, err := NextPeriodText(c.in); err != nil || n != c.next {
			t.Errorf("NextPeriodText(%q) = %q, %v; want %s", c.in, n, err, c.next)
		}
	}
}
