package fupan

import "sort"

// CompanyPeriod is the company's figures of one period: every team's
// review of it summed (CompanySummary).
type CompanyPeriod struct {
	Period  Period  `json:"period"`
	Teams   int     `json:"teams"`
	Summary Summary `json:"summary"`
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
