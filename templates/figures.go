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
	pct := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return fupan.FormatPercent(*v, false)
	}
	fig := func(key, value string) Figure { return Figure{key, L(l, key), value} }
	return []Figure{
		fig("metrics.met", fmt.Sprintf("%d / %d", s.MetricsAchieved, s.Metrics)),
		fig("mean.achievement", pct(s.MeanAchievement)),
		fig("tasks.on.schedule", fmt.Sprintf("%d / %d", s.OnSchedule, s.Tracked)),
		fig("completion", pct(s.Completion)),
		fig("budget", FormatAmount(s.Budget, l)),
		fig("people", FormatNumber(s.People)),
		fig("actions", strconv.Itoa(s.Actions)),
		fig("actions.open", strconv.Itoa(s.ActionsOpen)),
	}
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
