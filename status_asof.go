package fupan

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/fupan-review/fupan/value"
)

// A day to come, in the words alone: 10月底前完成, 下周完成, 国庆后完成, Q4完成,
// 月底完成. A day that is a date (10月15日完成) is judged against the as-of day
// (ReadStatusAsOf), for 9月20日完成 is how a team writes a day that is past.
var (
	reBefore   = regexp.MustCompile(`(底|末|\d日|\d号|\d月|\d|节|庆|春节|q[1-4]|季度)(之|以)?前`)
	reNext     = regexp.MustCompile(`下(周|月|个月|季度|季|旬|半月|阶段|半年|一步|次)|明(天|日|年|早)|后天|近期|稍后|择期|待定|年内|月内|周内|本周|本月|本季|年底|年末|下半年|上半年`)
	reAfter    = regexp.MustCompile(`(国庆|春节|十一|五一|节|假期|假|\d日|\d号|\d月|个月|季度|开学)(之|以)?后`)
	reMonthEnd = regexp.MustCompile(`(^|[^\d一二三四五六七八九十])(月底|月末|月中|月初|季末|季度末|周末|年终|期末)`)
	reQuarter  = regexp.MustCompile(`q[1-4]|[一二三四1-4]季度|第[一二三四]季度`)
)

// toCome reports the words of a day to come in a status key; late says the
// key tells of a delay (延期3个月后完成 is done, late).
func toCome(key string, late bool) bool {
	return reBefore.MatchString(key) || reNext.MatchString(key) || reMonthEnd.MatchString(key) || reQuarter.MatchString(key) ||
		!late && reAfter.MatchString(key)
}

// planClauses reads a plan clause by clause: one that names a day to come
// (计划12月完成, 下周上线) is a plan unless its 已 says it happened (已于9月20日前
// 完成); 已定, 已安排, 已计划 schedule, and say nothing happened. doneToCome
// is a plan beside a clause that says done (已完成开发，下周上线).
func planClauses(key string, late bool) (plan, doneToCome bool) {
	already := false
	for _, c := range strings.FieldsFunc(key, func(r rune) bool { return unicode.IsPunct(r) && r != '%' && r != '.' && r != '/' }) {
		sure := strings.Contains(reScheduled.ReplaceAllString(c, ""), "已")
		if !sure && (containsAny(c, zhPlan) || reUntil.MatchString(reMetricTo.ReplaceAllString(c, "")) || toCome(c, late)) {
			plan = true
		} else if sure && containsAny(c, zhDone) {
			already = true
		}
	}
	return plan, plan && already
}

// reMetricTo is a figure's rise or fall to a value (提升至12.5), no day.
var reMetricTo = regexp.MustCompile(`(提升|提高|增长|增加|上升|升|降低|下降|降|减少|减|达|涨|跌|缩短|压缩|控制)[至到]`)

// reScheduled is 已 that schedules: 已定于, 已安排, 已计划, 已排期.
var reScheduled = regexp.MustCompile(`已(经)?(定|安排|计划|排期|排|确认|预约|约定|列入|报|申请)`)

var enWhen = wordSet("end eod eow eom eoq eoy next mid early tomorrow monday tuesday wednesday thursday friday week month quarter year q1 q2 q3 q4 jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december")

// enToCome reports toks[i] as the word of a day to come: by 10/31, by end
// of October, next week, tomorrow ("done by Li Si" is no day).
func enToCome(toks []string, i int) bool {
	t := toks[i]
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1]
	}
	switch t {
	case "by", "before":
		if next == "the" && i+2 < len(toks) { // by the end of October, not by the team
			next = toks[i+2]
		}
		return next != "" && (unicode.IsDigit([]rune(next)[0]) || enWhen[next])
	case "next":
		return next == "week" || next == "month" || next == "quarter" || next == "year" || next == "phase" || next == "sprint"
	case "tomorrow", "soon", "later", "eta", "upcoming":
		return true
	}
	return false
}

// ReadStatusAsOf reads a status as of a day, the review's as-of (year is
// the year of dates written without one). The words decide as ReadStatus
// does; then the day they name: a status read as done that names a day
// after asOf is a plan (10月15日完成), or a contradiction where it says 已
// (已于10月20日完成: status-unknown); one on or before asOf is the day it
// was done (DoneOn). A date alone is the day it was done, as 实际进度 7月28日
// is in table 2, or a plan where it is to come.
func ReadStatusAsOf(words string, year int, asOf Date) StatusRead {
	st := ReadStatus(words)
	text := statusDayText(words)
	day, found, err := value.FirstDate(text, year)
	return st.asOf(text, day, found && err == nil, year, asOf)
}

// statusDayText is where a status names its day: without the original
// plan (原定9月28日), its commas spaces (a date does not start after a comma,
// which may be a number's).
func statusDayText(words string) string {
	return hideLooseDates(strings.NewReplacer(",", " ", ";", " ").Replace(value.FoldText(withoutOriginalPlan(words))))
}

// reLoose is a day written 9.20 or 9/20, without its year: a figure as
// often (ROI 1.8, 2/3), so a day only where it stands alone, in brackets,
// or beside a done word or 前/后 (10.15完成, Completed 9/20).
var reLoose = regexp.MustCompile(`(^|[^\d./])(\d{1,2}\s*[./]\s*\d{1,2})($|[^\d./%])`)

var (
	looseAfter  = []string{"完", "前", "后", "後", "日", "号", "上线", "交", "结", "落", "实现", "done", "complete", "finish", ")", "）"}
	looseBefore = []string{"完成", "完工", "上线", "结束", "于", "於", "在", "done", "completed", "complete", "finished", "on", "at", "(", "（"}
)

func hideLooseDates(text string) string {
	if strings.TrimSpace(text) != "" && reLoose.FindStringIndex(text) != nil && dateAlone(text) {
		return text
	}
	ms := reLoose.FindAllStringSubmatchIndex(text, -1)
	if ms == nil {
		return text
	}
	b := []byte(text)
	for _, m := range ms {
		at, end := m[4], m[5]
		before := strings.ToLower(strings.TrimSpace(text[:at]))
		after := strings.ToLower(strings.TrimSpace(text[end:]))
		ok := false
		for _, w := range looseAfter {
			ok = ok || strings.HasPrefix(after, w)
		}
		for _, w := range looseBefore {
			ok = ok || strings.HasSuffix(before, w)
		}
		if !ok {
			for k := at; k < end; k++ {
				b[k] = '#' // a figure: no day
			}
		}
	}
	return string(b)
}

// asOf judges a status read by its words by the day they name (exact: a
// date, else a month alone, read as its last day).
func (s StatusRead) asOf(text string, day Date, exact bool, year int, asOf Date) StatusRead {
	if asOf.IsZero() {
		return s
	}
	if !exact {
		day = Date{}
		if d, ok := monthAlone(text, year); ok {
			day = d
		}
	}
	switch {
	case s.State == ProgressUnknown && exact && dateAlone(text):
		if asOf.Before(day) {
			s.State = ProgressPlanned
		} else {
			s.State, s.DoneOn = ProgressDone, day
		}
	case !s.Done() || day.IsZero():
	case asOf.Before(day):
		if strings.Contains(reScheduled.ReplaceAllString(statusKey(text), ""), "已") {
			s.State = ProgressUnknown // 已于10月20日完成 as of 10月8日
		} else {
			s.State = ProgressPlanned // 10月15日完成, 10月完成
		}
	case exact:
		s.DoneOn = day
	}
	return s
}

// dateAlone reports a status that is a date and nothing else: 9月5日,
// 2025-09-05, 9.5.
func dateAlone(text string) bool {
	for _, r := range reEnMonth.ReplaceAllString(text, "") {
		if !unicode.IsDigit(r) && !unicode.IsSpace(r) && !unicode.IsPunct(r) && !strings.ContainsRune("年月日号號", r) {
			return false
		}
	}
	return true
}

var (
	reCnMonth = regexp.MustCompile(`(^|[^\d一二三四五六七八九十])(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月(份)?([^\d一二三四五六七八九十]|$)`)
	reEnMonth = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b`)
)

// monthAlone is the last day of a month named without its day (10月完成,
// done in Oct): the latest day it may mean.
func monthAlone(text string, year int) (Date, bool) {
	if year == 0 {
		return Date{}, false
	}
	m := 0
	if g := reCnMonth.FindStringSubmatch(text); g != nil {
		m = atoiMonth(g[2])
	} else if g := reEnMonth.FindStringSubmatch(text); g != nil {
		m = enMonthNumbers[strings.ToLower(g[1])]
	}
	if m < 1 || m > 12 {
		return Date{}, false
	}
	return DateOf(time.Date(year, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC)), true
}

var enMonthNumbers = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

func atoiMonth(s string) int {
	if v, ok := cnNumber(s); ok {
		return int(v)
	}
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}
