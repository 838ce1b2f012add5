package fupan

import "sort"

// CompanyPeriod is the company's figures of one period: every team's
// review of it summed (CompanyOf).
type CompanyPeriod struct {
	Period  Period  `json:"period"`
	Teams   int     `json:"teams"`
	Summary Summary `json:"summary"`
}

// CompanySummary sums teams' figures into the company's: counts added, the
// means over all metrics as CompanyOf weighs them, so that a team of one
// metric does not weigh as much as a team of ten.
func CompanySummary(sums []Summary) Summary {
	var c Summary
	for _, s := range sums {
		c.Metrics += s.Metrics
		c.MetricsAchieved += s.MetricsAchieved
		c.MetricsClose += s.MetricsClose
		c.MetricsMissed += s.MetricsMissed
		c.MetricsRated += s.MetricsRated
		c.Tasks += s.Tasks
		c.Tracked += s.Tracked
		c.TrackedDone += s.TrackedDone
		c.OnSchedule += s.OnSchedule
		c.Actions += s.Actions
		c.ActionsDone += s.ActionsDone
		c.ActionsOpen += s.ActionsOpen
		c.FollowupTotal += s.FollowupTotal
		c.FollowupDone += s.FollowupDone
		c.FollowupOverdue += s.FollowupOverdue
	}
	co := CompanyOf(sums)
	c.MeanAchievement, c.MeanAchievementCapped = co.MeanAchievement, co.MeanAchievementCapped
	return c
}

// CompanyTrend is the company's figures per period of a kind (quarter,
// month…), from every team's recorded reviews, oldest first, the last n
// periods ending at or before last's end.
func CompanyTrend(past []Past, kind string, last Period, n int) []CompanyPeriod {
	by := map[string]*CompanyPeriod{}
	sums := map[string][]Summary{}
	for _, p := range past {
		if p.Period.Kind() != kind || last.End.Before(p.Period.End) {
			continue
		}
		if by[p.Period.Label] == nil {
			by[p.Period.Label] = &CompanyPeriod{Period: p.Period}
		}
		by[p.Period.Label].Teams++
		sums[p.Period.Label] = append(sums[p.Period.Label], p.Summary)
	}
	out := make([]CompanyPeriod, 0, len(by))
	for label, c := range by {
		c.Summary = CompanySummary(sums[label])
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return later(out[j].Period, out[i].Period) })
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}
