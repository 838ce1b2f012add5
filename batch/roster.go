package batch

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/rs/zerolog"
)

// rosters are the run's submission rosters, one per period it holds a
// workbook of: the teams expected (Options.Teams, else the history's latest
// comparable periods) and those that have not handed in. None without a
// history or a list of teams to know who is expected.
func (r *run) rosters(ctx context.Context, entries []Entry) []fupan.Roster {
	o := r.o
	if o.History == nil && len(o.Teams) == 0 {
		return nil
	}
	var recorded []fupan.Recorded
	if o.History != nil {
		var err error
		if recorded, err = recordedOf(ctx, o.History); err != nil {
			zerolog.Ctx(ctx).Error().Err(err).Msg("cannot read the history: the run does not say who has not handed in")
			return nil
		}
	}
	var periods []fupan.Period
	in := map[string]map[string]bool{} // by period: team keys handed in
	for _, e := range entries {
		if e.Period == "" || e.Team == "" {
			continue
		}
		p, err := fupan.ParsePeriod(e.Period)
		if err != nil {
			continue
		}
		if in[p.Label] == nil {
			in[p.Label] = map[string]bool{}
			periods = append(periods, p)
		}
		in[p.Label][o.Identity.TeamKey(e.Team)] = true
	}
	var out []fupan.Roster
	for _, p := range periods {
		ro := fupan.RosterOf(p, o.Teams, recorded, in[p.Label], o.Identity)
		if ro.Expected > 0 {
			out = append(out, ro)
		}
	}
	return out
}

// missingLines are a robot summary's lines of the teams not handed in:
// "- 未提交：华南区（最近一期 2025Q2）".
func missingLines(rosters []fupan.Roster, l fupan.Lang) []string {
	var lines []string
	for _, r := range rosters {
		for _, m := range r.Missing {
			last := catalog.T(l, "roster.never")
			if m.LastPeriod != "" {
				last = catalog.F(l, "roster.last.of", m.LastPeriod)
			}
			lines = append(lines, "- "+catalog.T(l, "roster.missing")+catalog.T(l, "sep.colon")+mdEscape(m.Team)+
				catalog.T(l, "paren.open")+last+catalog.T(l, "paren.close"))
		}
	}
	return lines
}

// recordedOf is every review the history holds, by team and period: what a
// roster is judged from (the dashboard's too), read without the summaries.
func recordedOf(ctx context.Context, h fupan.History) ([]fupan.Recorded, error) {
	return h.Recorded(ctx)
}
