package fupan

// NextReview is what `fupan next` fills in the next period's workbook: the
// team and period, table 1's unfinished tasks, table 3's metrics with their
// targets left blank, table 5 listing this period's actions, and other teams'
// lessons on the same metrics.
type NextReview struct {
	Lang    Lang
	Team    string
	Period  string // as the source writes its period
	From    string // this period
	Tasks   []PlanRow
	Metrics []OutcomeRow
	Actions []ActionRow
	Lessons []Lesson
}

// PlanNext is the next period's review for the team of rv: period is the
// next period as written (NextPeriodText of rv's, unless one is given).
func PlanNext(rv *Review, period string) NextReview {
	n := NextReview{Lang: rv.Meta.Lang, Team: rv.Meta.Team, Period: period, From: rv.Meta.Period, Actions: rv.Actions}
	end := rv.Meta.PeriodEnd
	open := map[string]bool{} // plan tasks with a tracked milestone not done
	for _, t := range rv.Tracking {
		if !t.Done && t.PlanTask != "" {
			open[matchKey(t.PlanTask)] = true
		}
	}
	for _, p := range rv.Plan {
		if open[matchKey(p.Task)] || !end.IsZero() && end.Before(p.End) {
			n.Tasks = append(n.Tasks, p)
		}
	}
	seen := map[string]bool{}
	for _, o := range rv.Outcomes {
		k := matchKey(o.Metric)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		n.Metrics = append(n.Metrics, OutcomeRow{Metric: o.Metric, Unit: o.Unit, Kind: o.Kind, Direction: o.Direction})
	}
	return n
}
