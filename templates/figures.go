package templates

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fupan-review/fupan"
)

// Figure is one key figure of a review, labelled in a language.
type Figure struct {
	Key   string // the label's key, for callers that style some figures
	Label string
	Value string
}

// KeyFigures are a review's key figures, as the conclusion sheet and the
// report show them.
func KeyFigures(rv *fupan.Review, l fupan.Lang) []Figure {
	s := rv.Summary
	// A figure nothing gives is missing, not zero: "—".
	const none = "—"
	pct := func(v *float64) string {
		if v == nil {
			return none
		}
		return fupan.FormatPercent(*v, false)
	}
	given := func(n int, v string) string {
		if n == 0 {
			return none
		}
		return v
	}
	count := func(n, rows int) string { return given(rows, strconv.Itoa(n)) }
	fig := func(key, value string) Figure { return Figure{key, L(l, key), value} }
	return []Figure{
		fig("metrics.met", OfAll(s.MetricsAchieved, s.Metrics)),
		fig("mean.achievement", pct(s.MeanAchievementCapped)),
		fig("tasks.on.schedule", OfAll(s.OnSchedule, s.Tracked)),
		fig("completion", pct(s.Completion)),
		fig("budget", given(s.BudgetGiven, FormatAmount(s.Budget, l))),
		fig("people", given(s.PeopleGiven, FormatNumber(s.People))),
		fig("actions", count(s.Actions, s.Actions)),
		fig("actions.open", count(s.ActionsOpen, s.Actions)),
	}
}

// OfAll writes "n / all", or "—" where there is nothing to count: a figure
// nothing gives is missing, not zero.
func OfAll(n, all int) string {
	if all == 0 {
		return "—"
	}
	return fmt.Sprintf("%d / %d", n, all)
}

// FormatResources writes a task's budget and people as a reader reads them:
// "预算 12万 · 3人", "Budget 120,000 · 3 people"; "" where neither is given.
func FormatResources(budget, people *float64, l fupan.Lang) string {
	var parts []string
	if budget != nil {
		parts = append(parts, l.Pick("预算 ", "預算 ", "Budget ")+FormatAmount(*budget, l))
	}
	if people != nil {
		n := FormatNumber(*people)
		switch {
		case l != fupan.English:
			n += "人"
		case *people == 1:
			n += " person"
		default:
			n += " people"
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, " · ")
}

// FormatNumber writes a number without trailing zeros: 8, 2.5.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// FormatAmount writes money as teams read it: 16万 in Chinese, 160,000 in English.
func FormatAmount(v float64, l fupan.Lang) string {
	if l != fupan.English && v >= 10000 {
		return strconv.FormatFloat(float64(int64(v/100+0.5))/100, 'f', -1, 64) + l.Pick("万", "萬", "")
	}
	s := strconv.FormatFloat(v, 'f', 0, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
