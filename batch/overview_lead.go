package batch

import (
	"context"
	"sort"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/fupan-review/fupan/wording"
	"github.com/rs/zerolog"
)

// companyTrend is the company's figures per period of the run's kind from
// the history (this run's reviews recorded), oldest first, up to the run's
// latest period; nil without a history.
func (o Options) companyTrend(ctx context.Context, sum *Summary) []fupan.CompanyPeriod {
	if o.History == nil {
		return nil
	}
	var last *fupan.Period
	for _, e := range sum.Entries {
		if e.Status != StatusOK {
			continue
		}
		if p, err := fupan.ParsePeriod(e.Period); err == nil && (last == nil || last.End.Before(p.End)) {
			last = &p
		}
	}
	if last == nil {
		return nil
	}
	var past []fupan.Past
	err := o.History.EachReview(ctx, "", func(e sqlite.Entry) error {
		s, err := e.Figures()
		if err != nil {
			return err
		}
		past = append(past, fupan.Past{Team: e.Team, Period: fupan.Period{Label: e.Period, Start: e.Start, End: e.End}, Summary: s})
		return nil
	})
	if err != nil {
		zerolog.Ctx(ctx).Error().Err(err).Msg("cannot read the history: the overview has no company trend")
		return nil
	}
	trend := fupan.CompanyTrend(past, last.Kind(), *last, fupan.TrendPeriods)
	n := len(trend)
	if n == 0 || trend[n-1].Period.Label != last.Label {
		return nil // the run's own period not recorded: no change to show against
	}
	absent := o.absentFollowup(ctx, sum, last.Label)
	trend[n-1].Summary.FollowupTotal += absent.FollowupTotal
	trend[n-1].Summary.FollowupDone += absent.FollowupDone
	trend[n-1].Summary.FollowupOverdue += absent.FollowupOverdue
	return trend
}

// absentFollowup is the follow-through of the teams that have not handed in
// the run's periods (of period, where one is named): not handing in does
// not take a team's open actions out of the company's rate.
func (o Options) absentFollowup(ctx context.Context, sum *Summary, period string) fupan.Summary {
	var c fupan.Summary
	if o.History == nil {
		return c
	}
	for _, r := range sum.Roster {
		if period != "" && r.Period != period {
			continue
		}
		p, err := fupan.ParsePeriod(r.Period)
		if err != nil {
			continue
		}
		for _, m := range r.Missing {
			past, err := o.History.Past(ctx, o.Identity.TeamKey(m.Team))
			if err != nil {
				zerolog.Ctx(ctx).Error().Err(err).Str("team", m.Team).Msg("cannot read the history: the company's follow-through lacks the missing team's actions")
				continue
			}
			total, done, overdue := fupan.MissingFollowThrough(past, p)
			c.FollowupTotal += total
			c.FollowupDone += done
			c.FollowupOverdue += overdue
		}
	}
	return c
}

// decisions are the run's teams' items that need a decision, and the open
// actions past due of the teams that have not handed in (missing), the
// team with the most first, each team's most urgent first (as its page 1
// has them).
func decisions(entries []Entry, missing []pdf.TeamDecisions) []pdf.TeamDecisions {
	var out []pdf.TeamDecisions
	for _, e := range entries {
		if e.Status == StatusOK && len(e.Attention) > 0 {
			out = append(out, pdf.TeamDecisions{Team: e.Team, Period: e.Period, Items: e.Attention})
		}
	}
	out = append(out, missing...)
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Items) > len(out[j].Items) })
	return out
}

// missingDecisions are, for each team the run's roster names missing, its
// open actions of the register past their due date as of the run: a team
// that does not hand in does not take its overdue actions out of
// leadership's sight. None without a history.
func (o Options) missingDecisions(ctx context.Context, sum *Summary, l fupan.Lang) []pdf.TeamDecisions {
	if o.History == nil {
		return nil
	}
	asOf := fupan.DateOf(o.Settings.Analyze.Now)
	var out []pdf.TeamDecisions
	for _, r := range sum.Roster {
		for _, m := range r.Missing {
			past, err := o.History.Past(ctx, o.Identity.TeamKey(m.Team))
			if err != nil {
				zerolog.Ctx(ctx).Error().Err(err).Str("team", m.Team).Msg("cannot read the history: the overview lacks the missing team's open actions")
				continue
			}
			var items []wording.Attention
			for _, e := range fupan.Register(past, asOf) {
				if e.Open() && e.Age > 0 {
					items = append(items, wording.Attention{Kind: fupan.AttnFollowOverdue, Subject: e.Action, Due: e.Due.String(), From: e.FromPeriod, OverdueDays: e.Age})
				}
			}
			sort.SliceStable(items, func(i, j int) bool { return items[i].OverdueDays > items[j].OverdueDays })
			if len(items) > 0 {
				out = append(out, pdf.TeamDecisions{Team: m.Team, Period: r.Period, Items: wording.AttentionWords(items, l)})
			}
		}
	}
	return out
}
