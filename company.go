package fupan

// Company is a run's figures over every team's metrics: targets met of all
// metrics, and the means over all metrics, each metric weighing one (never
// a mean of team means, where a two-metric team weighs as much as a
// twenty-metric one). Per-team means stay per team.
type Company struct {
	Met, Metrics int
	// MeanAchievement and MeanAchievementCapped are nil where no metric
	// has an achievement.
	MeanAchievement, MeanAchievementCapped *float64
}

// CompanyOf sums the teams' summaries up per metric.
func CompanyOf(teams []Summary) Company {
	var c Company
	var plain, capped, np, nc float64
	for _, s := range teams {
		c.Met, c.Metrics = c.Met+s.MetricsAchieved, c.Metrics+s.Metrics
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
	return c
}
