package value

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time or zone; the zero Date means "none".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the day of t.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// MakeDate returns the date, or false where the day does not exist (2/30).
func MakeDate(y int, m time.Month, d int) (Date, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999 {
		return Date{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Month() != m {
		return Date{}, false
	}
	return Date{y, m, d}, true
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Time is midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String is the ISO form, 2025-07-31.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	// By hand: reports and listings write dates by the ten thousand.
	b := make([]byte, 0, 10)
	b = append(b, byte('0'+d.Year/1000%10), byte('0'+d.Year/100%10), byte('0'+d.Year/10%10), byte('0'+d.Year%10), '-')
	b = append(b, byte('0'+int(d.Month)/10%10), byte('0'+int(d.Month)%10), '-', byte('0'+d.Day/10%10), byte('0'+d.Day%10))
	return string(b)
}

// DaysUntil is the number of days from d to e (negative when e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// MarshalJSON writes the ISO form, or null for no date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// firstOfMonth and lastOfMonth bound the month of the date.
func firstOfMonth(y int, m time.Month) Date { return Date{y, m, 1} }
func lastOfMonth(y int, m time.Month) Date {
	return DateOf(time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1))
}

// Errors of value parsing. They are wrapped with the text; the table reader
// turns them into a value-unreadable finding at the cell.
var (
	ErrNoDate        = errors.New("no date found")
	ErrBadDate       = errors.New("no such day")
	ErrNoYear        = errors.New("date has no year and the review period is unknown")
	ErrNotRange      = errors.New("not a start–end range")
	ErrBackwards     = errors.New("range ends before it starts")
	ErrNoNumber      = errors.New("no number found")
	ErrExtraText     = errors.New("unexpected text around the number")
	ErrUnknownPeriod = errors.New("not a review period")
	// ErrAmbiguousDate is a date readable day first and month first (05/08/2025).
	ErrAmbiguousDate = errors.New("day and month can be read either way")
)

// dateMatch is one date found in a text: where it is and what it says.
type dateMatch struct {
	start, end int
	date       Date
	err        error
}

var (
	reISODate   = regexp.MustCompile(`^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})`)
	reCJKFull   = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号號]?|(底|末))`)
	reCJKDate   = regexp.MustCompile(`^(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号號]?|(底|末))`)
	reMonthDay  = regexp.MustCompile(`^(\d{1,2})\s*[./]\s*(\d{1,2})`)
	reDayMonthY = regexp.MustCompile(`^(\d{1,2})\s*([./-])\s*(\d{1,2})\s*([./-])\s*(\d{4})`)
	reEnMD      = regexp.MustCompile(`^(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?`)
	reEnDM      = regexp.MustCompile(`^(?i)(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:,?\s+(\d{4}))?`)
	reDayOnly   = regexp.MustCompile(`^\s*(\d{1,2})\s*[日号號]?\s*$`)
	reRangeSeps = regexp.MustCompile(`^\s*(?:-|–|—|~|至|到|to|till|until|→)\s*$`)
)

var enMonths = map[string]time.Month{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
	"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// findDates returns the dates written in s, in order. year is used for dates
// written without one (0: unknown).
func findDates(s string, year int) []dateMatch {
	var out []dateMatch
	for i := 0; i < len(s); {
		c := s[i]
		var dm dateMatch
		found := false
		switch {
		case c >= '0' && c <= '9' && !afterDigit(s, i):
			dm, found = digitDate(s[i:], year)
		case (c|0x20) >= 'a' && (c|0x20) <= 'z' && !afterLetter(s, i):
			dm, found = letterDate(s[i:], year)
		}
		if found {
			dm.start, dm.end = dm.start+i, dm.end+i
			out = append(out, dm)
			i = dm.end
			continue
		}
		i++
	}
	return out
}

// afterDigit reports whether s[i] follows a digit or a number's separator: a
// date does not start inside a number.
func afterDigit(s string, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1]
	return c >= '0' && c <= '9' || c == '.' || c == ','
}

// afterLetter reports whether s[i] follows a Latin letter: a month's name
// does not start inside a word.
func afterLetter(s string, i int) bool {
	if i == 0 {
		return false
	}
	c := s[i-1] | 0x20
	return c >= 'a' && c <= 'z'
}

// digitDate reads a date at the start of rest that begins with a digit:
// 2025-07-31, 2025年7月31日, 7月31日, 31 Jul, 7.31.
func digitDate(rest string, year int) (dateMatch, bool) {
	at := func(m []string, d Date, err error) (dateMatch, bool) { return dateMatch{0, len(m[0]), d, err}, true }
	if m := reISODate.FindStringSubmatch(rest); m != nil {
		d, err := dateOf(atoi(m[1]), atoi(m[2]), atoi(m[3]), true, false, year)
		return at(m, d, err)
	}
	if m := reCJKFull.FindStringSubmatch(rest); m != nil {
		d, err := dateOf(atoi(m[1]), atoi(m[2]), atoi(m[3]), true, m[4] != "", year)
		return at(m, d, err)
	}
	if m := reCJKDate.FindStringSubmatch(rest); m != nil {
		d, err := dateOf(0, atoi(m[1]), atoi(m[2]), false, m[3] != "", year)
		return at(m, d, err)
	}
	if m := reEnDM.FindStringSubmatch(rest); m != nil {
		d, err := dateOf(atoi(m[3]), int(enMonths[strings.ToLower(m[2])]), atoi(m[1]), m[3] != "", false, year)
		return at(m, d, err)
	}
	if m := reDayMonthY.FindStringSubmatch(rest); m != nil && m[2] == m[4] {
		d, err := dayMonthYear(atoi(m[1]), atoi(m[3]), atoi(m[5]))
		return at(m, d, err)
	}
	if m := reMonthDay.FindStringSubmatch(rest); m != nil {
		// "7.31" or "7/31", but not a decimal or a fraction inside a longer number.
		after := rest[len(m[0]):]
		if after == "" || !strings.ContainsAny(after[:1], "0123456789.%/") {
			mo, da := atoi(m[1]), atoi(m[2])
			if mo >= 1 && mo <= 12 && da >= 1 && da <= 31 {
				d, err := dateOf(0, mo, da, false, false, year)
				return at(m, d, err)
			}
		}
	}
	return dateMatch{}, false
}

// dayMonthYear reads 31/08/2025 day first and 08/31/2025 month first: the
// one reading that is a date. 05/08/2025, readable both ways, is an error.
func dayMonthYear(a, b, y int) (Date, error) {
	switch {
	case a > 12 && b <= 12:
		return dateOf(y, b, a, true, false, 0)
	case b > 12 && a <= 12:
		return dateOf(y, a, b, true, false, 0)
	case a > 12:
		return Date{}, ErrBadDate
	case a != b:
		return Date{}, ErrAmbiguousDate
	}
	return dateOf(y, a, b, true, false, 0)
}

// letterDate reads a date at the start of rest that begins with a month's
// name: Jul 31, July 31, 2025.
func letterDate(rest string, year int) (dateMatch, bool) {
	m := reEnMD.FindStringSubmatch(rest)
	if m == nil {
		return dateMatch{}, false
	}
	d, err := dateOf(atoi(m[3]), int(enMonths[strings.ToLower(m[1])]), atoi(m[2]), m[3] != "", false, year)
	return dateMatch{0, len(m[0]), d, err}, true
}

// dateOf makes a date from its parts; year stands in where none was
// written, and end (a month without its day, 7月底) means the month's last day.
func dateOf(y, m, d int, hasYear, end bool, year int) (Date, error) {
	if !hasYear {
		if year == 0 {
			return Date{}, ErrNoYear
		}
		y = year
	}
	if end {
		if m < 1 || m > 12 {
			return Date{}, ErrBadDate
		}
		return lastOfMonth(y, time.Month(m)), nil
	}
	dt, ok := MakeDate(y, time.Month(m), d)
	if !ok {
		return Date{}, ErrBadDate
	}
	return dt, nil
}

// ParseDate reads a date as teams write it: "2025-07-31", "2025/7/31",
// "2025年7月31日", "7月31日", "7.31", "7/31", "Jul 31", with words around it
// ignored ("7月31日前完成", "9.10前", "by 7/31"). year is the year of dates written
// without one, 0 if unknown.
func ParseDate(s string, year int) (Date, error) {
	s = FoldText(strings.TrimSpace(s))
	ms := findDates(s, year)
	if len(ms) == 0 {
		return Date{}, fmt.Errorf("%q: %w", s, ErrNoDate)
	}
	if ms[0].err != nil {
		return Date{}, fmt.Errorf("%q: %w", s, ms[0].err)
	}
	return ms[0].date, nil
}

// ParseRange reads a start–end range: "7.1-7.31", "7月1日至7月31日",
// "2025-07-01 ~ 2025-07-31", "7/1–7/31". The end may omit what the start says
// ("7月1日至31日"). A range that runs backwards is an error.
func ParseRange(s string, year int) (Date, Date, error) {
	s = FoldText(strings.TrimSpace(s))
	ms := findDates(s, year)
	for _, m := range ms {
		if m.err != nil {
			return Date{}, Date{}, fmt.Errorf("%q: %w", s, m.err)
		}
	}
	switch {
	case len(ms) == 2 && reRangeSeps.MatchString(s[ms[0].end:ms[1].start]):
		start, end := ms[0].date, ms[1].date
		// "2025-12-15 ~ 1.15" written across a year end: the end takes the next year.
		if end.Before(start) && !hasExplicitYear(s[ms[1].start:ms[1].end]) && end.Year == start.Year && start.Month >= 10 && end.Month <= 3 {
			end.Year++
		}
		if end.Before(start) {
			return start, end, fmt.Errorf("%q: %w", s, ErrBackwards)
		}
		return start, end, nil
	case len(ms) == 1:
		// "7月1日至31日": the end gives only the day.
		rest := s[ms[0].end:]
		for _, sep := range []string{"-", "–", "—", "~", "至", "到"} {
			if after, ok := strings.CutPrefix(strings.TrimSpace(rest), sep); ok {
				if m := reDayOnly.FindStringSubmatch(after); m != nil {
					start := ms[0].date
					end, ok := MakeDate(start.Year, start.Month, atoi(m[1]))
					if !ok {
						return Date{}, Date{}, fmt.Errorf("%q: %w", s, ErrBadDate)
					}
					if end.Before(start) {
						return start, end, fmt.Errorf("%q: %w", s, ErrBackwards)
					}
					return start, end, nil
				}
			}
		}
	}
	if len(ms) == 0 {
		return Date{}, Date{}, fmt.Errorf("%q: %w", s, ErrNoDate)
	}
	return Date{}, Date{}, fmt.Errorf("%q: %w", s, ErrNotRange)
}

func hasExplicitYear(s string) bool {
	return reISODate.MatchString(s) || reCJKFull.MatchString(s) || reFourDigits.MatchString(s)
}

// Period is the review period: a year, half, quarter or month.
type Period struct {
	Label      string // as normalised: 2025Q3, 2025H1, 2025-07, 2025
	Start, End Date
}

// Year is the period's (first) year, for dates written without one.
func (p Period) Year() int { return p.Start.Year }

// IsZero reports whether the period is unknown.
func (p Period) IsZero() bool { return p.Start.IsZero() }

var (
	rePeriodQ      = regexp.MustCompile(`(?i)(\d{4})\s*年?\s*[-_ ]?\s*q([1-4])`)
	rePeriodQEn    = regexp.MustCompile(`(?i)q([1-4])\s*[-_ ,/]?\s*(\d{4})`)
	rePeriodQShort = regexp.MustCompile(`(?i)(^|[^\d]*[^\d])(\d{2})\s*年?\s*[-_ ]?\s*q([1-4])($|[^\d])`)
	rePeriodQCN    = regexp.MustCompile(`(\d{4})\s*年?\s*第?\s*([一二三四1-4])\s*季度?`)
	rePeriodH      = regexp.MustCompile(`(?i)(\d{4})\s*年?\s*[-_ ]?\s*h([12])`)
	rePeriodHCN    = regexp.MustCompile(`(\d{4})\s*年?\s*([上下])半年`)
	rePeriodMonth  = regexp.MustCompile(`(\d{4})\s*(?:年|[-_/.])\s*(\d{1,2})\s*月?`)
	rePeriodYear   = regexp.MustCompile(`(\d{4})\s*(?:年度?|fy)?`)
	cnQuarterDigit = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
)

// ParsePeriod reads a review period: 2025Q3, 2025-07, 2025H1, 2025, 2025年Q3,
// 2025年第三季度, 2025年7月, Q3 2025.
func ParsePeriod(s string) (Period, error) {
	// 7-9月份 is 7-9月: 份 would hide the range's end from its pattern.
	t := strings.ReplaceAll(Simplify(strings.TrimSpace(s)), "月份", "月")
	quarter := func(y, q int) Period {
		m := time.Month(3*(q-1) + 1)
		return Period{fmt.Sprintf("%dQ%d", y, q), firstOfMonth(y, m), lastOfMonth(y, m+2)}
	}
	half := func(y, h int) Period {
		m := time.Month(6*(h-1) + 1)
		return Period{fmt.Sprintf("%dH%d", y, h), firstOfMonth(y, m), lastOfMonth(y, m+5)}
	}
	valid := func(y int) bool { return y >= 1990 && y <= 2999 }
	// A range first: 2025年7-9月 is the quarter, never July.
	if p, ok, err := parsePeriodRange(t); ok {
		return p, err
	}
	if p, ok, err := listedMonths(t); ok {
		return p, err
	}
	// 2025.7-9 before the month, which would read it as July.
	if p, ok, err := shortRange(t); ok {
		return p, err
	}
	if m := rePeriodQ.FindStringSubmatch(t); m != nil && valid(atoi(m[1])) {
		return quarter(atoi(m[1]), atoi(m[2])), nil
	}
	if m := rePeriodQEn.FindStringSubmatch(t); m != nil && valid(atoi(m[2])) {
		return quarter(atoi(m[2]), atoi(m[1])), nil
	}
	if m := rePeriodQCN.FindStringSubmatch(t); m != nil && valid(atoi(m[1])) {
		return quarter(atoi(m[1]), cnQuarterDigit[m[2]]), nil
	}
	// 2025.3Q, 3Q2025: before the month, which would read 2025.3 as March.
	if m := rePeriodQDigitFirst.FindStringSubmatch(t); m != nil && valid(atoi(m[1])) {
		return quarter(atoi(m[1]), atoi(m[2])), nil
	}
	if m := rePeriodQDigitFirstEn.FindStringSubmatch(t); m != nil && valid(atoi(m[2])) {
		return quarter(atoi(m[2]), atoi(m[1])), nil
	}
	// 25Q3, 25年Q3: a year of two digits, this century's; FY25 Q3 is a
	// fiscal year, whose months fupan cannot know.
	if m := rePeriodQShort.FindStringSubmatch(t); m != nil && !strings.HasSuffix(strings.ToLower(strings.TrimSpace(m[1])), "fy") {
		return quarter(2000+atoi(m[2]), atoi(m[3])), nil
	}
	if m := rePeriodH.FindStringSubmatch(t); m != nil && valid(atoi(m[1])) {
		return half(atoi(m[1]), atoi(m[2])), nil
	}
	if m := rePeriodHCN.FindStringSubmatch(t); m != nil && valid(atoi(m[1])) {
		h := 1
		if m[2] == "下" {
			h = 2
		}
		return half(atoi(m[1]), h), nil
	}
	if m := rePeriodMonth.FindStringSubmatch(t); m != nil && valid(atoi(m[1])) {
		y, mo := atoi(m[1]), atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return Period{fmt.Sprintf("%d-%02d", y, mo), firstOfMonth(y, time.Month(mo)), lastOfMonth(y, time.Month(mo))}, nil
		}
	}
	// A year alone, and nothing else: 2025年秋季 is no period, never 2025.
	if m := rePeriodYearOnly.FindStringSubmatch(t); m != nil && valid(atoi(m[1])) {
		y := atoi(m[1])
		return Period{strconv.Itoa(y), firstOfMonth(y, 1), lastOfMonth(y, 12)}, nil
	}
	return Period{}, fmt.Errorf("%q: %w", s, ErrUnknownPeriod)
}

var reFourDigits = regexp.MustCompile(`\d{4}`)

var reNoteMonth = regexp.MustCompile(`^(?:(\d{4})\s*(?:年|[-/.]))?\s*(\d{1,2})\s*月?(?:份)?$`)

// NoteMonth reads the tracking month from a header's note: "7月", "7月份",
// "2025年7月", "2025-07", "July", "Jul". It returns 0 when the note names none.
func NoteMonth(note string) (year int, month time.Month) {
	n := strings.TrimSpace(Simplify(note))
	if m := reNoteMonth.FindStringSubmatch(n); m != nil {
		mo := atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return atoi(m[1]), time.Month(mo)
		}
		return 0, 0
	}
	l := strings.ToLower(n)
	for k, v := range enMonths {
		if strings.HasPrefix(l, k) {
			if y := reFourDigits.FindString(l); y != "" {
				return atoi(y), v
			}
			return 0, v
		}
	}
	return 0, 0
}

// FirstDate is the first date written in s (year for one written without
// it; 0: unknown): found is false where s holds none, err says why one found
// is unreadable.
func FirstDate(s string, year int) (d Date, found bool, err error) {
	ms := findDates(s, year)
	if len(ms) == 0 {
		return Date{}, false, nil
	}
	return ms[0].date, true, ms[0].err
}

// FirstOfMonth is the first day of a month.
func FirstOfMonth(y int, m time.Month) Date { return firstOfMonth(y, m) }
