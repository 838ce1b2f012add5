package fupan

// FollowThrough is the follow-through of the teams that have not handed in a
// period (MissingFollowThrough): their open actions stay in the company's
// rate, none done since.
type FollowThrough struct {
	Total, Done, Overdue int
}

// Add is f with g's counts added.
func (f FollowThrough) Add(g FollowThrough) FollowThrough {
	return FollowThrough{f.Total + g.Total, f.Done + g.Done, f.Overdue + g.Overdue}
}

// CompanySummary is the company's summary of a period, the one way fupan
// sums it (overview, mail, robots, dashboard): teams are the summaries of the
// workbooks handed in and filled (a failed or not-filled workbook has none
// to give), absent the follow-through of the teams that have not handed in,
// where the caller knows it. Counts are added; the means are over every
// metric, each team weighing by its metrics rated (never a mean of team
// means, where a two-metric team would weigh as much as a twenty-metric
// one).
func CompanySummary(teams []Summary, absent FollowThrough) Summary {
	var c Summary
	var plain, capped, np, nc float64
	judged := 0
	for _, s := range teams {
		c.Metrics += s.Metrics
		c.MetricsAchieved += s.MetricsAchieved
		c.MetricsClose += s.MetricsClose
		c.MetricsMissed += s.MetricsMissed
		c.MetricsRated += s.MetricsRated
		c.Tasks += s.Tasks
		c.Tracked += s.Tracked
		c.TrackedDone += s.TrackedDone
		c.OnSchedule += s.OnSchedule
		judged += s.Judged()
		c.Actions += s.Actions
		c.ActionsDone += s.ActionsDone
		c.ActionsOpen += s.ActionsOpen
		c.ActionsOpenAll += s.ActionsOpenAll
		c.ActionsDropped += s.ActionsDropped
		c.FollowupTotal += s.FollowupTotal
		c.FollowupDone += s.FollowupDone
		c.FollowupOverdue += s.FollowupOverdue
		w := float64(s.MetricsRated)
		if w == 0 { // a summary written before metrics_rated
			w = float64(max(s.Metrics, 1))
		}
		if s.MeanAchievement != nil {
			plain, np = plain+*s.MeanAchievement*w, np+w
		}
		if s.MeanAchievementCapped != nil {
			capped, nc = capped+*s.MeanAchievementCapped*w, nc+w
		}
	}
	if np > 0 {
		c.MeanAchievement = ptr(plain / np)
	}
	if nc > 0 {
		c.MeanAchievementCapped = ptr(capped / nc)
	}
	c.FollowupTotal += absent.Total
	c.FollowupDone += absent.Done
	c.FollowupOverdue += absent.Overdue
	c.MilestonesJudged = &judged
	return c
}
