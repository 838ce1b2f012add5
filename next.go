package fupan

// NextReview is what `fupan next` fills in the next period's workbook: the
// team and period, table 1's unfinished tasks, table 3's metrics with their
// targets left blank, table 5 listing this period's actions and every older
// one still open (the action register) with the period it came from, and
// other teams' lessons on the same metrics.
type NextReview struct {
	Lang   Lang
	Team   string
	Period string // as the source writes its period
	From   string // this period
	Tasks  []PlanRow
	// Progress are the carried tasks' tracked milestones not done, with
	// their last progress, for table 2.
	Progress []TrackingRow
	Metrics  []OutcomeRow
	Actions  []CarriedAction
	Lessons  []Lesson
}

// PlanNext is the next period's review for the team of rv: period is the
// next period as written (NextPeriodText of rv's, unless one is given).
func PlanNext(rv *Review, period string) NextReview {
	n := NextReview{Lang: rv.Meta.Lang, Team: rv.Meta.Team, Period: period, From: rv.Meta.Period, Actions: carryActions(rv)}
	end := rv.Meta.PeriodEnd
	open := map[string]bool{} // plan tasks with a tracked milestone not done
	for _, t := range rv.Tracking {
		if !t.Done && t.PlanTask != "" {
			open[matchKey(t.PlanTask)] = true
		}
	}
	carried := map[string]bool{}
	for _, p := range rv.Plan {
		if open[matchKey(p.Task)] || !end.IsZero() && end.Before(p.End) {
			n.Tasks = append(n.Tasks, p)
			carried[matchKey(p.Task)] = true
		}
	}
	for _, t := range rv.Tracking {
		if !t.Done && (carried[matchKey(t.PlanTask)] || carried[matchKey(t.Task)]) {
			n.Progress = append(n.Progress, t)
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

// carryActions are table 5's rows of the next period: the open actions of
// earlier periods this review followed up (oldest first), then this
// period's table 4, each once; one table 4 sets again comes from the period
// that first set it, as the register keeps it. A row of table 5 that names
// no action of the register (Unmatched) is not carried.
func carryActions(rv *Review) []CarriedAction {
	var out []CarriedAction
	seen := map[string]bool{}
	for _, a := range rv.Actions {
		seen[matchKey(firstNonEmpty(a.Item, a.Measure))] = true
	}
	origin := map[string]string{} // an open action table 4 sets again: its first period, as the register keeps it
	for _, f := range rv.Followup {
		if f.Unmatched {
			continue // no action of the register: it would match none next period either
		}
		switch f.Status {
		case FollowOpen, FollowOverdue, FollowUnknown:
		default:
			continue
		}
		k := matchKey(firstNonEmpty(f.Action, f.Measure))
		if k == "" {
			continue
		}
		if seen[k] {
			if _, ok := origin[k]; !ok && f.FromPeriod != "" {
				origin[k] = f.FromPeriod
			}
			continue
		}
		seen[k] = true
		out = append(out, CarriedAction{ActionRow: ActionRow{Item: f.Action, Measure: f.Measure, Owner: f.Owner, Owners: ParseOwners(f.Owner),
			Due: f.Due, Acceptance: f.Acceptance}, FromPeriod: f.FromPeriod})
	}
	for _, a := range rv.Actions {
		if a.Done || a.Dropped() {
			continue // table 4 closed it itself: the register keeps it closed
		}
		from := rv.Meta.Period
		if o, ok := origin[matchKey(firstNonEmpty(a.Item, a.Measure))]; ok {
			from = o
		}
		out = append(out, CarriedAction{ActionRow: a, FromPeriod: from})
	}
	return out
}
