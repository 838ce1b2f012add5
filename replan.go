package fupan

// checkReplan finds the tasks of table 1 that end before the period starts:
// carried from an earlier period (next marks them) and not re-planned. An
// info finding at the task's 起止时间, until the team changes its dates.
func checkReplan(r *Review, fs *findings) {
	start := r.Meta.PeriodStart
	if start.IsZero() {
		return
	}
	for _, p := range r.Plan {
		if p.End.IsZero() || !p.End.Before(start) {
			continue
		}
		fs.add(CodePlanBeforePeriod, refOr(p.Cells[ColPeriod], p.Ref), firstNonEmpty(p.Task, p.Goal), p.End.String())
	}
}
