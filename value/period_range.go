package value

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// rePeriodMonths is a quarter or a half written as its months: 2025年7-9月,
// 2025年7月-9月, 2025年7月至9月, 2025年1～6月.
var rePeriodMonths = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月?\s*[-~～—–至到]\s*(\d{1,2})\s*月`)

// A quarter written as the quarter's number before the Q: 2025.3Q, 2025年3Q,
// 3Q2025.
var (
	rePeriodQDigitFirst   = regexp.MustCompile(`(?i)(\d{4})\s*(?:年|[._/-])?\s*([1-4])\s*q(?:[^a-z]|$)`)
	rePeriodQDigitFirstEn = regexp.MustCompile(`(?i)(?:^|[^\d])([1-4])\s*q\s*[-_ ,/]?\s*(\d{4})`)
)

// rePeriodMonthList is a period written as its months listed: 2025年7、8、9月,
// 2025年7月、8月、9月.
var rePeriodMonthList = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2}(?:\s*月?\s*[、,，和及&/]\s*\d{1,2})+)\s*月`)

var reDigits = regexp.MustCompile(`\d{1,2}`)

// listedMonths reads a period written as its months listed: consecutive
// months are the quarter, half or year they make (2025年7、8、9月 is
// 2025Q3); others are no period, never the first month alone.
func listedMonths(t string) (Period, bool, error) {
	m := rePeriodMonthList.FindStringSubmatch(t)
	if m == nil {
		return Period{}, false, nil
	}
	y := atoi(m[1])
	months := reDigits.FindAllString(m[2], -1)
	first, last := atoi(months[0]), atoi(months[len(months)-1])
	for i, s := range months {
		if atoi(s) != first+i {
			return Period{}, true, fmt.Errorf("%q: %w", t, ErrUnknownPeriod)
		}
	}
	if y < 1990 || y > 2999 || first < 1 || last > 12 {
		return Period{}, true, fmt.Errorf("%q: %w", t, ErrUnknownPeriod)
	}
	return periodOf(firstOfMonth(y, time.Month(first)), lastOfMonth(y, time.Month(last))), true, nil
}

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

// rePeriodShortRange is a period written as its year and two months, the
// second without its year: 2025.7-9, 2025/7-9, 2025.07-09, 2025-07~09,
// 2025-07至09, 2025-7-9月.
var rePeriodShortRange = regexp.MustCompile(`^(\d{4})\s*([./-])\s*(\d{1,2})\s*(月?)\s*([-~至到–—])\s*(\d{1,2})\s*(月?)$`)

// shortRange reads a period written as its year and two months: the months
// it covers (2025.7-9 is 2025Q3, 2025.1-6 2025H1, 2025.7-8 a custom period),
// never the first month alone. ok is false where t is no such range.
// 2025-7-9 and 2025-07-09, with no 月, are as much the day 9 July: an unclear
// period (the team is asked to write 2025Q3), where a date column reads the
// day. 2025-07-15 and 2025-07-01 can only be days, and are read as before.
func shortRange(t string) (p Period, ok bool, err error) {
	m := rePeriodShortRange.FindStringSubmatch(t)
	if m == nil {
		return Period{}, false, nil
	}
	y, from, to := atoi(m[1]), atoi(m[3]), atoi(m[6])
	if m[2] == "-" && m[5] == "-" && m[4] == "" && m[7] == "" {
		if from < 1 || to <= from || to > 12 {
			return Period{}, false, nil // a day: 2025-07-15, 2025-07-01
		}
		return Period{}, true, fmt.Errorf("%q: %w (a day or the months %d to %d)", t, ErrUnknownPeriod, from, to)
	}
	if y < 1990 || y > 2999 || from < 1 || from > 12 || to < 1 || to > 12 {
		return Period{}, true, fmt.Errorf("%q: %w", t, ErrUnknownPeriod)
	}
	if to < from {
		return Period{}, true, fmt.Errorf("%q: %w", t, ErrBackwards)
	}
	return periodOf(firstOfMonth(y, time.Month(from)), lastOfMonth(y, time.Month(to))), true, nil
}

// rewriteShortRange writes next in place of a period written as its year and
// two months, in that way: 2025.7-9 → 2025.10-12, 2025.01-06 → 2025.07-12.
func rewriteShortRange(s string, next Period) (string, bool) {
	idx := rePeriodShortRange.FindStringSubmatchIndex(s)
	if idx == nil {
		return "", false
	}
	if _, ok, err := shortRange(s); !ok || err != nil {
		return "", false
	}
	month := func(m time.Month, written string) string {
		if strings.HasPrefix(written, "0") {
			return fmt.Sprintf("%02d", m)
		}
		return strconv.Itoa(int(m))
	}
	return replaceGroups(s, idx, map[int]string{1: strconv.Itoa(next.Start.Year),
		3: month(next.Start.Month, s[idx[6]:idx[7]]), 6: month(next.End.Month, s[idx[12]:idx[13]])}), true
}
