package fupan

import "sort"

// CompanyPeriod is the company's figures of one period: every team's
// review of it summed (CompanySummary).
type CompanyPeriod struct {
	Period Period `json:"period"`
	Teams  int    `json:"teams"`
	// Expected is how many teams the period's roster expected; 0 where
	// nobody was known to be expected.
	Expected int     `json:"expected,omitempty"`
	Summary  Summary `json:"summary"`
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
		c.Summary = CompanySummary(sums[label], FollowThrough{})
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return later(out[j].Period, out[i].Period) })
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}

// Absent is who had not handed in a period and what they count in the
// company's follow-through: the period's roster, and each missing team's
// open actions (MissingFollowThrough) by its key.
type Absent struct {
	Roster Roster
	ByTeam map[string]FollowThrough
}

// FollowThrough is every missing team's follow-through summed.
func (a Absent) FollowThrough() FollowThrough {
	var f FollowThrough
	for _, t := range a.ByTeam {
		f = f.Add(t)
	}
	return f
}

// AbsentOf is the one rule for who had not handed in period p and what
// their open actions count, as the overview of p counted it and the
// dashboard and fupan history count it later: p's roster (RosterOf, judged
// from the reviews recorded and the teams named) and each missing team's
// MissingFollowThrough; pastOf reads a team's recorded reviews by its key.
// A team never recorded has no actions to count.
func AbsentOf(p Period, named []string, recorded []Recorded, id Identity, pastOf func(key string) ([]Past, error)) (Absent, error) {
	a := Absent{Roster: RosterOf(p, named, recorded, nil, id), ByTeam: map[string]FollowThrough{}}
	for _, m := range a.Roster.Missing {
		if m.LastPeriod == "" {
			continue
		}
		past, err := pastOf(m.Key)
		if err != nil {
			return a, err
		}
		a.ByTeam[m.Key] = MissingFollowThrough(past, p)
	}
	return a, nil
}

// CompanyTrendOf is CompanyTrend with each period's teams that had not
// handed in: absent gives a period's roster and what its missing teams count
// in the follow-through (AbsentOf, or a run's own for its period), which
// CompanySummary counts and whose expected teams the period keeps
// (Expected), as that period's overview had them.
func CompanyTrendOf(past []Past, kind string, last Period, n int, absent func(Period) (Roster, FollowThrough, error)) ([]CompanyPeriod, error) {
	trend := CompanyTrend(past, kind, last, n)
	for i := range trend {
		c := &trend[i]
		var teams []Summary
		for _, p := range past {
			if p.Period.Label == c.Period.Label {
				teams = append(teams, p.Summary)
			}
		}
		r, f, err := absent(c.Period)
		if err != nil {
			return nil, err
		}
		c.Summary = CompanySummary(teams, f)
		c.Expected = r.Expected
	}
	return trend, nil
}
