package value

import (
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// rePeriodMonths is a quarter or a half written as its months: 2025年7-9月,
// 2025年7月-9月, 2025年7月至9月, 2025年1～6月.
var rePeriodMonths = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月?\s*[-~～—–至到]\s*(\d{1,2})\s*月`)

// monthsPeriod reads a quarter or a half written as its months (2025年7-9月
// is 2025Q3, 2025年1-6月 is 2025H1); ok is false for any other span, which
// is then read as before.
func monthsPeriod(t string) (Period, bool) {
	m := rePeriodMonths.FindStringSubmatch(t)
	if m == nil {
		return Period{}, false
	}
	y, from, to := atoi(m[1]), atoi(m[2]), atoi(m[3])
	if y < 1990 || y > 2999 {
		return Period{}, false
	}
	start, end := firstOfMonth(y, time.Month(from)), lastOfMonth(y, time.Month(to))
	switch {
	case to-from == 2 && from%3 == 1:
		return Period{fmt.Sprintf("%dQ%d", y, (from-1)/3+1), start, end}, true
	case to-from == 5 && from%6 == 1:
		return Period{fmt.Sprintf("%dH%d", y, (from-1)/6+1), start, end}, true
	}
	return Period{}, false
}

// rewriteMonths writes next in place of a period written as its months, in
// that way: 2025年7-9月 → 2025年10-12月.
func rewriteMonths(s string, next Period) (string, bool) {
	idx := rePeriodMonths.FindStringSubmatchIndex(s)
	if idx == nil {
		return "", false
	}
	if _, ok := monthsPeriod(s[idx[0]:idx[1]]); !ok {
		return "", false
	}
	return replaceGroups(s, idx, map[int]string{1: strconv.Itoa(next.Start.Year), 2: strconv.Itoa(int(next.Start.Month)),
		3: strconv.Itoa(int(next.End.Month))}), true
}
