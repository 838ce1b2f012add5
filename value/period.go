package value

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Kinds of review period, from the shortest.
const (
	PeriodMonth   = "month"
	PeriodQuarter = "quarter"
	PeriodHalf    = "half"
	PeriodYear    = "year"
)

// Kind is the period's kind, from its normalised label.
func (p Period) Kind() string {
	switch {
	case strings.Contains(p.Label, "~"):
		return PeriodCustom
	case strings.Contains(p.Label, "Q"):
		return PeriodQuarter
	case strings.Contains(p.Label, "H"):
		return PeriodHalf
	case strings.Contains(p.Label, "-"):
		return PeriodMonth
	case p.Label != "":
		return PeriodYear
	}
	return ""
}

// NextPeriod is the period after p, of the same kind.
func NextPeriod(p Period) (Period, error) {
	var label string
	y := p.Start.Year
	switch p.Kind() {
	case PeriodQuarter:
		q := (int(p.Start.Month)-1)/3 + 1
		if q == 4 {
			y, q = y+1, 0
		}
		label = fmt.Sprintf("%dQ%d", y, q+1)
	case PeriodHalf:
		if p.Start.Month > 6 {
			label = fmt.Sprintf("%dH1", y+1)
		} else {
			label = fmt.Sprintf("%dH2", y)
		}
	case PeriodMonth:
		m := int(p.Start.Month) + 1
		if m == 13 {
			y, m = y+1, 1
		}
		label = fmt.Sprintf("%d-%02d", y, m)
	case PeriodYear:
		label = strconv.Itoa(y + 1)
	default:
		return Period{}, fmt.Errorf("%q: %w", p.Label, ErrUnknownPeriod)
	}
	return ParsePeriod(label)
}

// NextPeriodText is the period after the one written, written the same way:
// 2025Q3 → 2025Q4, 2025-09 → 2025-10, 2025H1 → 2025H2, 2025 → 2026,
// 2025年第三季度 → 2025年第四季度, Q4 2025 → Q1 2026. A way of writing it
// does not know comes back as the normalised label (2025Q4).
func NextPeriodText(written string) (string, error) {
	p, err := ParsePeriod(written)
	if err != nil {
		return "", err
	}
	next, err := NextPeriod(p)
	if err != nil {
		return "", err
	}
	if text, ok := rewritePeriod(strings.TrimSpace(written), p.Kind(), next); ok {
		return text, nil
	}
	return next.Label, nil
}

// rewritePeriod writes next in place of the period written in s, in its
// way; the patterns are ParsePeriod's, tried in its order, on the text as
// written (so a full-width digit falls back to the label).
func rewritePeriod(s string, kind string, next Period) (string, bool) {
	ny := strconv.Itoa(next.Start.Year)
	nq := (int(next.Start.Month)-1)/3 + 1
	if kind == PeriodQuarter || kind == PeriodHalf {
		if text, ok := rewriteMonths(s, next); ok {
			return text, true
		}
		if text, ok := rewriteShortRange(s, next); ok {
			return text, true
		}
	}
	switch kind {
	case PeriodQuarter:
		if idx := rePeriodQ.FindStringSubmatchIndex(s); idx != nil {
			return replaceGroups(s, idx, map[int]string{1: ny, 2: strconv.Itoa(nq)}), true
		}
		if idx := rePeriodQEn.FindStringSubmatchIndex(s); idx != nil {
			return replaceGroups(s, idx, map[int]string{1: strconv.Itoa(nq), 2: ny}), true
		}
		if idx := rePeriodQCN.FindStringSubmatchIndex(s); idx != nil {
			q := strconv.Itoa(nq)
			if _, err := strconv.Atoi(s[idx[4]:idx[5]]); err != nil {
				q = []string{"一", "二", "三", "四"}[nq-1]
			}
			return replaceGroups(s, idx, map[int]string{1: ny, 2: q}), true
		}
	case PeriodHalf:
		h := 1
		if next.Start.Month > 6 {
			h = 2
		}
		if idx := rePeriodH.FindStringSubmatchIndex(s); idx != nil {
			return replaceGroups(s, idx, map[int]string{1: ny, 2: strconv.Itoa(h)}), true
		}
		if idx := rePeriodHCN.FindStringSubmatchIndex(s); idx != nil {
			return replaceGroups(s, idx, map[int]string{1: ny, 2: []string{"上", "下"}[h-1]}), true
		}
	case PeriodMonth:
		if idx := rePeriodMonth.FindStringSubmatchIndex(s); idx != nil {
			m := strconv.Itoa(int(next.Start.Month))
			// Two digits where the team wrote them so: 09月, or a numeric
			// form (2025-12 → 2026-01); 2025年12月 → 2026年1月.
			written := s[idx[4]:idx[5]]
			if len(m) == 1 && (strings.HasPrefix(written, "0") || idx[5]-idx[4] == 2 && !strings.HasPrefix(s[idx[5]:], "月")) {
				m = "0" + m
			}
			return replaceGroups(s, idx, map[int]string{1: ny, 2: m}), true
		}
	case PeriodYear:
		if idx := rePeriodYear.FindStringSubmatchIndex(s); idx != nil {
			return replaceGroups(s, idx, map[int]string{1: ny}), true
		}
	}
	return "", false
}

// replaceGroups rewrites the submatches of idx (a FindStringSubmatchIndex of
// s) numbered in groups with their new text, keeping the rest of s.
func replaceGroups(s string, idx []int, groups map[int]string) string {
	var b strings.Builder
	last := 0
	for g := 1; 2*g+1 < len(idx); g++ {
		v, ok := groups[g]
		if !ok || idx[2*g] < 0 {
			continue
		}
		b.WriteString(s[last:idx[2*g]])
		b.WriteString(v)
		last = idx[2*g+1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// strictPeriods are ParsePeriod's patterns by kind, each holding the whole text.
var strictPeriods = map[string][]*regexp.Regexp{
	PeriodQuarter: whole(rePeriodQ, rePeriodQEn, rePeriodQCN),
	PeriodHalf:    whole(rePeriodH, rePeriodHCN),
	PeriodMonth:   whole(rePeriodMonth),
	PeriodYear:    whole(rePeriodYear),
}

func whole(res ...*regexp.Regexp) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, re := range res {
		out = append(out, regexp.MustCompile(`^(?:`+re.String()+`)$`))
	}
	return out
}

// ParsePeriodStrict reads a period a person typed for a command (history
// forget, --period, --since): the whole text must be one period. The lenient
// ParsePeriod, for a workbook's cells and file names, finds a period inside
// other words, so it reads 2025Q5 or 2025-13 as the year 2025; a command that
// did so would act on another review than the one meant.
func ParsePeriodStrict(s string) (Period, error) {
	t := Simplify(strings.TrimSpace(s))
	if p, err := ParsePeriod(t); err == nil {
		for _, re := range strictPeriods[p.Kind()] {
			if re.MatchString(t) {
				return p, nil
			}
		}
	}
	return Period{}, fmt.Errorf("%q: %w (write it as 2025Q3, 2025-07, 2025H1 or 2025)", s, ErrUnknownPeriod)
}

// ParsePeriodWhole reads a period that is the whole text, written in any of
// the ways ParsePeriod reads whole: ParsePeriodStrict's, or a range
// (2025年7-9月, 2025.7-9, 2025.07-2025.09). It is for the parts of a file's
// name: China-Sales-2025Q3 holds a period, and is none.
func ParsePeriodWhole(s string) (Period, error) {
	if p, err := ParsePeriodStrict(s); err == nil {
		return p, nil
	}
	t := strings.ReplaceAll(Simplify(strings.TrimSpace(s)), "月份", "月")
	if p, ok, err := parsePeriodRange(t); ok && err == nil {
		return p, nil
	}
	if p, ok, err := shortRange(t); ok && err == nil {
		return p, nil
	}
	for _, re := range []*regexp.Regexp{rePeriodMonths, rePeriodMonthList} {
		if loc := re.FindStringIndex(t); loc != nil && loc[0] == 0 && loc[1] == len(t) {
			if p, err := ParsePeriod(t); err == nil {
				return p, nil
			}
		}
	}
	return Period{}, fmt.Errorf("%q: %w", s, ErrUnknownPeriod)
}
