package fupan

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// check applies the seed's review rules to a computed review.
func check(r *Review, fs *findings) {
	if len(r.Tables) == 0 {
		if !hasErrorCode(fs.list, CodeColumnMissing) {
			fs.add(CodeNoTables, Ref{})
		}
		return
	}
	for _, id := range Tables {
		if _, ok := r.Loc(id); !ok && !tableReported(fs.list, id) {
			fs.add(CodeTableMissing, Ref{}, tableTitle(id))
		}
	}
	checkPlan(r, fs)
	checkTracking(r, fs)
	checkOutcomes(r, fs)
	checkActions(r, fs)
	checkQuality(r, fs)
	checkFilled(r, fs)
	checkPeriodGiven(r, fs)
	checkReplan(r, fs)
}

// checkPeriodGiven tells a review with no period anywhere (its cell, its
// file's name, --period) that it is reported but never recorded: the
// history keeps reviews by team and period. One whose period cell (or file
// name) was unclear has been told so; one not filled in needs no period.
func checkPeriodGiven(r *Review, fs *findings) {
	if r.Meta.Period != "" || hasErrorCode(fs.list, CodeNotFilled) {
		return
	}
	for _, f := range fs.list {
		if f.Code == CodePeriodUnknown && (f.Sheet != "" || f.key == "period.unclear.unrecorded") {
			return
		}
	}
	fs.addText(CodePeriodUnknown, Ref{}, "period.missing", "period.missing.hint")
}

// checkFilled reports a workbook not filled in: no actual in table 3 and no
// progress in table 2 (the blank template, a `next` workbook handed back
// as it came). It is not a review of the period: never ready, never recorded.
func checkFilled(r *Review, fs *findings) {
	for _, o := range r.Outcomes {
		if strings.TrimSpace(o.ActualText) != "" {
			return
		}
	}
	for _, t := range r.Tracking {
		if strings.TrimSpace(t.ActualText) != "" {
			return
		}
	}
	ref := Ref{}
	for _, id := range []TableID{OutcomeTable, TrackingTable} {
		if l, ok := r.Loc(id); ok {
			ref = Ref{l.Sheet, l.HeaderRow, l.FirstCol}
			if c, ok := l.Columns[ColActual]; ok {
				ref.Col = c
			}
			break
		}
	}
	fs.add(CodeNotFilled, ref)
}

func hasErrorCode(list []Finding, code Code) bool {
	for _, f := range list {
		if f.Code == code {
			return true
		}
	}
	return false
}

// tableReported reports whether a missing table already has a column-missing
// error: it was found, only broken. The finding's first argument is the
// table's name (locate.go), compared whole, not searched in the message.
func tableReported(list []Finding, id TableID) bool {
	for _, f := range list {
		if f.Code == CodeColumnMissing && len(f.Args) > 0 && f.Args[0] == Arg(tableTitle(id)) {
			return true
		}
	}
	return false
}

// checkOwners: the seed asks for one owner (唯一负责人) per task and action.
func checkOwners(fs *findings, ref Ref, what, owner string, owners []string) {
	switch {
	case strings.TrimSpace(owner) == "":
		fs.add(CodeOwnerMissing, ref, what)
	case len(owners) > 1:
		fs.add(CodeOwnerNotSingle, ref, what, joined{quotes(owners), "sep.list"})
	}
}

var (
	reHasNumber = regexp.MustCompile(`[0-9]|[一二三四五六七八九十两百千]+(?:成|倍|万|亿|个|家|人|场|%)|翻番|翻倍`)
	// Time words are taken out before looking for the goal's number: Q3 is not
	// a measure.
	reTimeWords = regexp.MustCompile(`(?i)q[1-4]|h[12]|fy\d{2,4}|\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号]?)?|\d{1,2}\s*[./]\s*\d{1,2}|\d+(?:\.\d+)?`)
	reTimeBound = regexp.MustCompile(`(?i)\bq[1-4]\b|q[1-4]|[上下]半年|\bh[12]\b|季度|年底|年末|月底|月末|年内|\d{4}\s*年|\d+\s*月|\d+\s*[./]\s*\d+|前完成|之前|以前|\bby\b|\bbefore\b|\bend of\b|\bwithin\b|fy\d{2,4}|本季|本年|全年|年度|当月|本月|\d{4}`)
)

// withoutTime takes the time words out of a goal, so that what is left shows
// whether it has a measure: "Q3", "2025年", "7月", "7.31" go; a number with a
// unit after it stays, also where it looks like a year or a date ("3000家",
// "2000万", "1.5倍"), and so does any number of three digits or more but a
// year (19xx, 20xx) standing alone ("1200万" was taken for a year).
func withoutTime(g string) string {
	var b strings.Builder
	last := 0
	for _, m := range reTimeWords.FindAllStringIndex(g, -1) {
		word := g[m[0]:m[1]]
		rest := strings.TrimLeft(g[m[1]:], " ")
		next, _ := utf8.DecodeRuneInString(rest)
		unit := rest != "" && strings.ContainsRune("万萬亿億千百十元家人个個场場次倍%件单單台户戶位名项項条條篇", next)
		if isDigits(word) {
			// A plain number: a time word only as a year with nothing after it.
			year := len(word) == 4 && (strings.HasPrefix(word, "19") || strings.HasPrefix(word, "20"))
			if unit || !year && !strings.HasPrefix(rest, "年") {
				continue
			}
		} else if unit {
			continue
		}
		b.WriteString(g[last:m[0]])
		last = m[1]
	}
	b.WriteString(g[last:])
	return b.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func checkPlan(r *Review, fs *findings) {
	seenGoal := map[string]bool{}
	for _, p := range r.Plan {
		what := p.Task
		if what == "" {
			what = p.Goal
		}
		checkOwners(fs, p.Cells[ColOwner], what, p.Owner, p.Owners)
		if p.Goal != "" && !seenGoal[p.Goal] {
			seenGoal[p.Goal] = true
			g := Simplify(p.Goal)
			if !reHasNumber.MatchString(withoutTime(g)) {
				fs.add(CodeGoalNotMeasurable, goalRef(r, p), p.Goal)
			}
			if !reTimeBound.MatchString(g) {
				fs.add(CodeGoalNotTimeBound, goalRef(r, p), p.Goal)
			}
		}
	}
}

// goalRef is the cell where a goal is written: the first row that carries it.
func goalRef(r *Review, p PlanRow) Ref {
	for _, q := range r.Plan {
		if q.Goal == p.Goal {
			return q.Cells[ColGoal]
		}
	}
	return p.Cells[ColGoal]
}

func checkTracking(r *Review, fs *findings) {
	owners := allOwners(r)
	for _, t := range r.Tracking {
		if t.OffTrack() {
			var missing []Arg
			rd := tableReader{loc: mustLoc(r, TrackingTable), fs: fs}
			if strings.TrimSpace(t.Problem) == "" {
				missing = append(missing, rd.colName(ColProblem))
			}
			if strings.TrimSpace(t.Countermeasure) == "" {
				missing = append(missing, rd.colName(ColCountermeasure))
			}
			if len(missing) > 0 {
				ref := t.Cells[ColProblem]
				if ref.Col == 0 {
					ref = t.Cells[ColDeviation]
				}
				if ref.Col == 0 {
					ref = t.Ref
				}
				if t.Overdue {
					// Off track by being late, whatever its deviation so
					// far: the 10% rule is not what it breaks.
					fs.addText(CodeDeviationNoCause, ref, "milestone.overdue_unexplained", "milestone.overdue_unexplained.hint",
						t.Task, t.Planned.Date.String(), joined{missing, "sep.and"})
				} else {
					fs.add(CodeDeviationNoCause, ref, t.Task, FormatPercent(*t.Deviation, true), FormatPercent(OnTrackLimit, false), joined{missing, "sep.and"})
				}
			}
		}
		// An overdue milestone's deviation is as of the review, not a figure
		// the team could have stated.
		if t.Deviation != nil && !t.Overdue && t.StatedDeviation != nil && math.Abs(*t.Deviation-*t.StatedDeviation) > StatedTolerance+eps {
			fs.add(CodeStatedDeviation, t.Cells[ColDeviation], t.Task, FormatPercent(*t.StatedDeviation, true), FormatPercent(*t.Deviation, true))
		}
		if _, has := t.Cells[ColOwner]; has {
			checkOwners(fs, t.Cells[ColOwner], t.Task, t.Owner, t.Owners)
		}
		if len(r.Plan) > 0 && t.PlanTask == "" && t.Task != "" {
			fs.add(CodeTaskUnmatched, t.Cells[ColTask], t.Task)
		}
		checkBlame(fs, t.Cells[ColProblem], t.Problem, owners)
	}
}

func mustLoc(r *Review, id TableID) TableLoc {
	l, _ := r.Loc(id)
	return l
}

func checkOutcomes(r *Review, fs *findings) {
	owners := allOwners(r)
	missed := 0
	for _, o := range r.Outcomes {
		if o.Achievement != nil && o.StatedAchievement != nil && math.Abs(*o.Achievement-*o.StatedAchievement) > StatedTolerance+eps {
			fs.add(CodeStatedAchievement, o.Cells[ColAchievement], o.Metric, FormatPercent(*o.StatedAchievement, false), FormatPercent(*o.Achievement, false))
		}
		if o.Status == StatusMissed {
			missed++
			if strings.TrimSpace(o.Cause) == "" {
				fs.add(CodeMissedNoCause, refOr(o.Cells[ColCause], o.Ref), o.Metric, FormatPercent(*o.Achievement, false))
			}
			if strings.TrimSpace(o.Lesson) == "" {
				fs.add(CodeMissedNoLesson, refOr(o.Cells[ColLesson], o.Ref), o.Metric)
			}
		}
		checkBlame(fs, o.Cells[ColCause], o.Cause, owners)
	}
	if missed > 0 && len(r.Actions) == 0 && !tableReported(fs.list, ActionTable) {
		ref := Ref{}
		if l, ok := r.Loc(ActionTable); ok {
			ref = Ref{l.Sheet, l.HeaderRow, l.FirstCol}
		}
		notMet := 0
		for _, o := range r.Outcomes {
			if o.Status == StatusMissed || o.Status == StatusClose {
				notMet++
			}
		}
		fs.add(CodeMissedNoActions, ref, len(r.Outcomes), notMet, missed)
	}
}

func refOr(ref, alt Ref) Ref {
	if ref.Col == 0 {
		return alt
	}
	return ref
}

func checkActions(r *Review, fs *findings) {
	for _, a := range r.Actions {
		what := a.Item
		if what == "" {
			what = a.Measure
		}
		checkOwners(fs, a.Cells[ColOwner], what, a.Owner, a.Owners)
		if strings.TrimSpace(a.DueText) == "" {
			fs.add(CodeActionNoDue, a.Cells[ColDue], what)
		}
		if strings.TrimSpace(a.Acceptance) == "" {
			fs.add(CodeActionNoAcceptance, a.Cells[ColAcceptance], what)
		}
	}
}

func allOwners(r *Review) []string {
	var out []string
	for _, p := range r.Plan {
		out = append(out, p.Owners...)
	}
	for _, t := range r.Tracking {
		out = append(out, t.Owners...)
	}
	for _, a := range r.Actions {
		out = append(out, a.Owners...)
	}
	return out
}

// Words that judge a person rather than state a fact. The strong ones blame on
// their own; the weak ones (态度) only next to a person's name.
var (
	blameStrong = []string{"不力", "失职", "太差", "不负责", "不尽责", "偷懒", "懒惰", "敷衍", "马虎", "粗心", "能力差", "能力不足", "不作为", "拖后腿", "lazy", "careless", "incompetent", "irresponsible", "poor performance by", "fault of", "negligent"}
	blameWeak   = []string{"态度", "attitude"}
	// A name the blame word follows directly: two to four Han characters before
	// 执行/工作 and the word ("张三执行不力").
	reNamedBlame = regexp.MustCompile(`[\p{Han}]{2,4}(?:的)?(?:执行|工作|做事|办事)?(?:态度)`)
)

// checkBlame flags a cause or problem that blames a person (the seed: not
// "张三执行不力" but "任务1未按时完成,因需求变更导致返工2次").
func checkBlame(fs *findings, ref Ref, text string, owners []string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	s := strings.ToLower(Simplify(text))
	for _, w := range blameStrong {
		if strings.Contains(s, w) {
			fs.add(CodeBlame, ref, text, w)
			return
		}
	}
	for _, w := range blameWeak {
		i := strings.Index(s, w)
		if i < 0 {
			continue
		}
		for _, o := range owners {
			if o != "" && strings.Contains(s, strings.ToLower(Simplify(o))) {
				fs.add(CodeBlame, ref, text, o+" "+w)
				return
			}
		}
		if reNamedBlame.MatchString(s) && (strings.Contains(s, w+"差") || strings.Contains(s, w+"不") || strings.Contains(s, w+"问题")) {
			fs.add(CodeBlame, ref, text, w)
			return
		}
	}
}

// FormatPercent writes a fraction as a percentage with one decimal where needed:
// 0.9 is 90%, -0.0968 is -9.7%, with a sign when signed is set.
func FormatPercent(v float64, signed bool) string {
	p := percentPoints(v)
	s := strconv.FormatFloat(p, 'f', -1, 64) + "%"
	if signed && p > 0 {
		s = "+" + s
	}
	return s
}

// Shown is the fraction a printed percentage shows: v to a tenth of a point,
// never across a status threshold (0.89996 is 0.899). A cell formatted
// "0.0%" holds it, so that a spreadsheet does not round 89.996% to 90.0%.
// v itself where rounding crosses nothing.
func Shown(v float64) float64 {
	if p := percentPoints(v); p != math.Round(v*1000)/10 {
		return p / 100
	}
	return v
}

// percentPoints is v in percentage points to one decimal, as printed.
func percentPoints(v float64) float64 {
	p := math.Round(v*1000) / 10
	// Never across a status threshold: 89.996% is 89.9% (missed), not 90%
	// (close); a deviation of 10.04% is 10.1% (off track), not 10%.
	for _, t := range percentThresholds {
		tp := math.Round(t*1000) / 10
		switch {
		case math.Abs(v-t) <= eps:
			p = tp
		case v < t && p >= tp && t != OnTrackLimit: // t itself is the class above
			p = math.Floor(v*1000) / 10
		case v > t && p <= tp && (t == OnTrackLimit || t == 0): // t itself is the class below
			p = math.Ceil(v*1000) / 10
		}
	}
	return p
}

// percentThresholds are where a figure changes its status: close and achieved
// (CloseLimit, 100%), on track up to OnTrackLimit late or behind, ahead
// either side of 0.
var percentThresholds = []float64{-OnTrackLimit, 0, OnTrackLimit, CloseLimit, 1}
