package value

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// PeriodCustom is a period written as a range that is no month, quarter,
// half or year: its label is its start and end, 2025-07-15~2025-09-14.
const PeriodCustom = "custom"

// The ranges teams write a review period as, Simplified and width folded.
var (
	// 2025年7-9月, 2025年7月至9月, 2025年7月1日至9月30日, 2025年7月-2025年9月
	rePeriodRangeCN = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月?\s*(?:(\d{1,2})\s*[日号])?\s*[-~至到–—]\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?$`)
	// 2025.07-2025.09, 2025/7-2025/9, 2025.7.1-2025.9.30, 2025-07-01 ~ 2025-09-30
	rePeriodRangeNum = regexp.MustCompile(`^(\d{4})([./-])(\d{1,2})(?:[./-](\d{1,2}))?\s*(?:[-~至到–—]|\s-\s)\s*(\d{4})[./-](\d{1,2})(?:[./-](\d{1,2}))?$`)
	// 2025Q3-Q4, 2025年Q1-2025年Q2
	rePeriodRangeQ = regexp.MustCompile(`(?i)^(\d{4})\s*年?\s*q([1-4])\s*[-~至到–—]\s*(?:(\d{4})\s*年?\s*)?q([1-4])$`)
	// Jul–Sep 2025, July - September 2025
	rePeriodRangeEn = regexp.MustCompile(`(?i)^([a-z]{3,9})\.?\s*[-~–—]\s*([a-z]{3,9})\.?\s*,?\s*(\d{4})$`)
	// A year alone: 2025, 2025年, 2025年度, FY2025, 2025全年.
	rePeriodYearOnly = regexp.MustCompile(`(?i)^(?:fy\s*)?(\d{4})\s*(?:年度|年|fy)?\s*(?:全年)?$`)
)

// parsePeriodRange reads a period written as a range of months or days. ok
// is false where t is no range; err is set where it is one that cannot be a
// period (backwards, a month 13).
func parsePeriodRange(t string) (p Period, ok bool, err error) {
	var y1, m1, d1, y2, m2, d2 int
	switch m := (struct{ cn, num, q, en []string }{
		rePeriodRangeCN.FindStringSubmatch(t), rePeriodRangeNum.FindStringSubmatch(t),
		rePeriodRangeQ.FindStringSubmatch(t), rePeriodRangeEn.FindStringSubmatch(t)}); {
	case m.cn != nil:
		y1, m1, d1, y2, m2, d2 = atoi(m.cn[1]), atoi(m.cn[2]), atoi(m.cn[3]), atoi(m.cn[4]), atoi(m.cn[5]), atoi(m.cn[6])
		if y2 == 0 {
			y2 = y1
		}
	case m.num != nil:
		y1, m1, d1, y2, m2, d2 = atoi(m.num[1]), atoi(m.num[3]), atoi(m.num[4]), atoi(m.num[5]), atoi(m.num[6]), atoi(m.num[7])
	case m.q != nil:
		y1, m1 = atoi(m.q[1]), 3*atoi(m.q[2])-2
		y2, m2 = atoi(m.q[3]), 3*atoi(m.q[4])
		if y2 == 0 {
			y2 = y1
		}
	case m.en != nil:
		a, aok := monthOf(m.en[1])
		b, bok := monthOf(m.en[2])
		if !aok || !bok {
			return Period{}, false, nil
		}
		y1, m1, y2, m2 = atoi(m.en[3]), int(a), atoi(m.en[3]), int(b)
	default:
		return Period{}, false, nil
	}
	if y1 < 1990 || y1 > 2999 || y2 < 1990 || y2 > 2999 || m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12 {
		return Period{}, true, fmt.Errorf("%q: %w", t, ErrUnknownPeriod)
	}
	start, end := firstOfMonth(y1, time.Month(m1)), lastOfMonth(y2, time.Month(m2))
	if d1 != 0 {
		if start, ok = MakeDate(y1, time.Month(m1), d1); !ok {
			return Period{}, true, fmt.Errorf("%q: %w", t, ErrUnknownPeriod)
		}
	}
	if d2 != 0 {
		if end, ok = MakeDate(y2, time.Month(m2), d2); !ok {
			return Period{}, true, fmt.Errorf("%q: %w", t, ErrUnknownPeriod)
		}
	}
	if end.Before(start) {
		return Period{}, true, fmt.Errorf("%q: %w", t, ErrBackwards)
	}
	return periodOf(start, end), true, nil
}

// periodOf is the month, quarter, half or year from start to end, else a
// custom period.
func periodOf(start, end Date) Period {
	y, m := start.Year, start.Month
	aligned := start.Day == 1 && end.Year == y && end == lastOfMonth(y, end.Month)
	span := int(end.Month) - int(m) + 1
	switch {
	case aligned && span == 1:
		return Period{fmt.Sprintf("%d-%02d", y, m), start, end}
	case aligned && span == 3 && (m-1)%3 == 0:
		return Period{fmt.Sprintf("%dQ%d", y, (m-1)/3+1), start, end}
	case aligned && span == 6 && (m-1)%6 == 0:
		return Period{fmt.Sprintf("%dH%d", y, (m-1)/6+1), start, end}
	case aligned && span == 12:
		return Period{fmt.Sprint(y), start, end}
	}
	return Period{start.String() + "~" + end.String(), start, end}
}

func monthOf(s string) (time.Month, bool) {
	l := strings.ToLower(s)
	for k, v := range enMonths {
		if strings.HasPrefix(l, k) {
			return v, true
		}
	}
	return 0, false
}
