package wording

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
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
	fig := func(key, value string) Figure { return Figure{key, catalog.T(l, key), value} }
	figs := []Figure{
		fig("metrics.met", OfAll(s.MetricsAchieved, s.Metrics)),
		fig("mean.achievement", pct(s.MeanAchievementCapped)),
		fig("tasks.on.schedule", OfAll(s.OnSchedule, s.Judged())),
		fig("completion", pct(s.Completion)),
		fig("budget", given(s.BudgetGiven, FormatMoney(s.Budget, s.BudgetCurrency, l))),
		fig("people", given(s.PeopleGiven, FormatNumber(s.People))),
		fig("actions", count(s.Actions, s.Actions)),
		fig("actions.open", count(s.ActionsOpenAll, s.Actions+s.FollowupTotal)),
	}
	if s.FollowupTotal > 0 {
		figs = append(figs, fig("followup.short", OfAll(s.FollowupDone, s.FollowupTotal)))
	}
	return figs
}

// Verdict is page 1's first sentence: the targets met of all, the worst
// misses by name (or that none missed, with how many are close), the
// milestones off track of all tracked (the key figures' 里程碑按期 count the
// same), ended and, in English, capitalised.
func Verdict(h fupan.Headline, l fupan.Lang) string {
	var parts []string
	if h.Metrics == 0 {
		parts = append(parts, catalog.T(l, "verdict.none"))
	} else {
		parts = append(parts, catalog.F(l, "verdict.metrics", h.Met, h.Metrics))
	}
	if len(h.Worst) > 0 {
		var names []string
		for _, o := range h.Worst {
			names = append(names, o.Metric+" "+fupan.FormatPercent(*o.Achievement, false))
		}
		parts = append(parts, catalog.F(l, "verdict.worst", strings.Join(names, catalog.T(l, "sep.list"))))
	} else if h.Close > 0 { // never a close metric named as the worst miss
		parts = append(parts, catalog.F(l, "verdict.no-miss", h.Close))
	}
	if h.Milestones > 0 {
		parts = append(parts, catalog.F(l, "verdict.milestones", h.Milestones, h.OffTrack))
	}
	sentence := strings.Join(parts, catalog.T(l, "sep.clause")) + catalog.T(l, "sep.stop")
	if l == fupan.English {
		sentence = strings.ToUpper(sentence[:1]) + sentence[1:]
	}
	return sentence
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
	return FormatResourcesIn(budget, people, "", l)
}

// FormatResourcesIn is FormatResources with the budget's currency, where the
// team wrote one: "Budget EUR 50,000 · 1 person".
func FormatResourcesIn(budget, people *float64, currency string, l fupan.Lang) string {
	var parts []string
	if budget != nil {
		parts = append(parts, catalog.F(l, "resources.budget", FormatMoney(*budget, currency, l)))
	}
	if people != nil {
		key := "resources.people"
		if *people == 1 {
			key = "resources.person"
		}
		parts = append(parts, catalog.F(l, key, FormatNumber(*people)))
	}
	return strings.Join(parts, " · ")
}

// FormatNumber writes a number without trailing zeros: 8, 2.5.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// FormatMoney writes money in the currency the team wrote: EUR 160,000 (the
// code, and the digits grouped by thousands, in every language); with none
// written, as FormatAmount. 元 reads as FormatAmount in Chinese (16万: a
// Chinese reader takes 元 as read), and as ¥160,000 in English, as the
// team's own amounts (¥12,000,000) are shown beside it.
func FormatMoney(v float64, currency string, l fupan.Lang) string {
	switch {
	case currency == "":
		return fupan.FormatAmount(v, l)
	case currency == "CNY" && l != fupan.English:
		return fupan.FormatAmount(v, l)
	case currency == "CNY":
		return "¥" + fupan.FormatAmount(v, l)
	}
	return currency + " " + fupan.FormatAmount(v, fupan.English)
}

// Change is a key figure set against the team's previous period.
type Change struct {
	Before string // the previous period's value: "上期 7 / 24"
	// Better is +1 where the figure improved, -1 where it worsened, 0 where
	// it is the same or cannot be compared.
	Better int
}

// Changes are the key figures that compare with the previous period, by the
// key of KeyFigures: targets met, the capped mean, milestones on schedule
// and key-task completion, as shares, so that a period with more metrics
// compares fairly. Nil where the review has no previous period.
func Changes(rv *fupan.Review, l fupan.Lang) map[string]Change {
	if rv.Compared == nil || rv.Compared.Previous == nil {
		return nil
	}
	now, was := rv.Summary, rv.Compared.Previous.Summary
	share := func(n, all int) *float64 {
		if all == 0 {
			return nil
		}
		v := float64(n) / float64(all)
		return &v
	}
	pct := func(v *float64) string {
		if v == nil {
			return "—"
		}
		return fupan.FormatPercent(*v, false)
	}
	out := map[string]Change{}
	add := func(key, before string, a, b *float64) {
		out[key] = Change{Before: catalog.F(l, "previous.value", before), Better: better(a, b)}
	}
	add("metrics.met", OfAll(was.MetricsAchieved, was.Metrics), share(now.MetricsAchieved, now.Metrics), share(was.MetricsAchieved, was.Metrics))
	add("mean.achievement", pct(was.MeanAchievementCapped), now.MeanAchievementCapped, was.MeanAchievementCapped)
	add("tasks.on.schedule", OfAll(was.OnSchedule, was.Judged()), share(now.OnSchedule, now.Judged()), share(was.OnSchedule, was.Judged()))
	add("completion", pct(was.Completion), now.Completion, was.Completion)
	if now.FollowupTotal > 0 && was.FollowupTotal > 0 {
		add("followup.short", OfAll(was.FollowupDone, was.FollowupTotal), share(now.FollowupDone, now.FollowupTotal), share(was.FollowupDone, was.FollowupTotal))
	}
	return out
}

// ChangeOf is a run's change for the overview: marked by the capped mean's
// move (by targets met where there is no mean), with last period's targets
// met and mean: "上期 1 / 3 · 91.7%".
func ChangeOf(now, was fupan.Summary, l fupan.Lang) Change {
	before := OfAll(was.MetricsAchieved, was.Metrics)
	if was.MeanAchievementCapped != nil {
		before += " · " + fupan.FormatPercent(*was.MeanAchievementCapped, false)
	}
	c := Change{Before: catalog.F(l, "previous.value", before)}
	a, b := now.MeanAchievementCapped, was.MeanAchievementCapped
	if a == nil || b == nil {
		if now.Metrics == 0 || was.Metrics == 0 {
			return c
		}
		x, y := float64(now.MetricsAchieved)/float64(now.Metrics), float64(was.MetricsAchieved)/float64(was.Metrics)
		a, b = &x, &y
	}
	c.Better = better(a, b)
	return c
}

// better is +1 where a is above b, -1 where below, 0 where the same or
// either is unknown.
func better(a, b *float64) int {
	if a == nil || b == nil {
		return 0
	}
	switch d := *a - *b; {
	case d > 1e-9:
		return 1
	case d < -1e-9:
		return -1
	}
	return 0
}

// ChangeLine is the key figures against the previous period in a line, for
// a terminal: "与上期 2025Q2 相比：指标达成 2 / 3 ▲ 上期 1 / 3，…"; "" where
// the review has no previous period.
func ChangeLine(rv *fupan.Review, l fupan.Lang) string {
	changes := Changes(rv, l)
	if changes == nil {
		return ""
	}
	marks := map[int]string{1: " ▲ ", -1: " ▼ ", 0: " ＝ "}
	var parts []string
	for _, f := range KeyFigures(rv, l) {
		if c, ok := changes[f.Key]; ok {
			parts = append(parts, f.Label+" "+f.Value+marks[c.Better]+c.Before)
		}
	}
	return catalog.F(l, "vs.previous", rv.Compared.Previous.Period) + strings.Join(parts, catalog.T(l, "sep.parts"))
}

// Count writes a count with its noun, in the language: "1 warning" and "2
// warnings" in English; Chinese has no plural. key is "count.errors",
// "count.warnings" or "count.infos"; the catalogue has each with ".one".
func Count(lang fupan.Lang, key string, n int) string {
	if n == 1 {
		key += ".one"
	}
	return catalog.F(lang, key, n)
}
