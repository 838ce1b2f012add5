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
// latest period. Each period's follow-through counts the open actions of
// the teams that had not handed it in, by the one rule (fupan.AbsentOf):
// the run's own period by the run's roster (absent, by period), so that
// last period's figure in the change column is the one its overview showed.
// Nil without a history.
func (o Options) companyTrend(ctx context.Context, sum *Summary, absent map[string]fupan.FollowThrough) []fupan.CompanyPeriod {
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
	log := zerolog.Ctx(ctx)
	var past []fupan.Past
	err := o.History.EachReview(ctx, "", func(e sqlite.Entry) error {
		s, err := e.Figures()
		if err != nil {
			return err
		}
		past = append(past, fupan.Past{Team: e.Team, Period: fupan.Period{Label: e.Period, Start: e.Start, End: e.End}, Summary: s})
		return nil
	})
	var recorded []fupan.Recorded
	if err == nil {
		recorded, err = recordedOf(ctx, o.History)
	}
	if err != nil {
		log.Error().Err(err).Msg("cannot read the history: the overview has no company trend")
		return nil
	}
	trend, err := fupan.CompanyTrendOf(past, last.Kind(), *last, fupan.TrendPeriods, func(p fupan.Period) (fupan.Roster, fupan.FollowThrough, error) {
		if p.Label == last.Label {
			for _, r := range sum.Roster {
				if r.Period == p.Label {
					return r, absent[p.Label], nil
				}
			}
			return fupan.Roster{}, absent[p.Label], nil
		}
		a, err := fupan.AbsentOf(p, o.Teams, recorded, o.Identity, func(key string) ([]fupan.Past, error) { return o.History.Past(ctx, key) })
		return a.Roster, a.FollowThrough(), err
	})
	if err != nil {
		log.Error().Err(err).Msg("cannot read the history: the overview has no company trend")
		return nil
	}
	if n := len(trend); n == 0 || trend[n-1].Period.Label != last.Label {
		return nil // the run's own period not recorded: no change to show against
	}
	return trend
}

// missingTeams is what the overview counts of the teams the run's roster
// names missing, each team's history read once: their follow-through by
// period (not handing in does not take a team's open actions out of the
// company's rate) and their open actions past due as of the run (nor out
// of leadership's sight). Nothing without a history.
func (o Options) missingTeams(ctx context.Context, sum *Summary) (absent map[string]fupan.FollowThrough, decisions []teamItems) {
	if o.History == nil {
		return nil, nil
	}
	absent = map[string]fupan.FollowThrough{}
	asOf := fupan.DateOf(o.Settings.Analyze.Now)
	for i, r := range sum.Roster {
		p, perr := fupan.ParsePeriod(r.Period)
		for j, m := range r.Missing {
			past, err := o.History.Past(ctx, o.Identity.TeamKey(m.Team))
			if err != nil {
				zerolog.Ctx(ctx).Error().Err(err).Str("team", m.Team).Msg("cannot read the history: the overview lacks the missing team's open actions")
				continue
			}
			if perr == nil {
				f := fupan.MissingFollowThrough(past, p)
				absent[r.Period] = absent[r.Period].Add(f)
				sum.Roster[i].Missing[j].FollowThrough = &f // for the robots, which read summary.json
			}
			if d, ok := overdueOf(past, asOf, m.Team, m.LastPeriod); ok {
				decisions = append(decisions, d)
			}
		}
	}
	return absent, decisions
}

// overdueOf is a missing team's open actions of the register past their due
// date as of asOf, most urgent first, labelled by last, the last period it
// handed in (where they come from); false where it has none.
func overdueOf(past []fupan.Past, asOf fupan.Date, team, last string) (teamItems, bool) {
	items := wording.MissingOverdue(past, asOf)
	if len(items) == 0 {
		return teamItems{}, false
	}
	return teamItems{Team: team, Period: last, Missing: true, Items: items}, true
}

// teamItems are one team's items that need a decision, its team's words
// apart, worded in the reader's language only when shown.
type teamItems struct {
	Team, Period string
	Missing      bool // not handed in: Period is the last period it did
	Items        []wording.Attention
	words        []string // an old summary's, without items
}

// decisions are the run's teams' items that need a decision, and the open
// actions past due of the teams that have not handed in (missing), most
// urgent first (wording.MoreUrgent: the team with the longest overdue
// item first; each team's items as its page 1 has them), worded in the
// overview's language l: fupan's words in it, the team's (an action, a
// metric) as written.
func decisions(entries []Entry, missing []teamItems, l fupan.Lang) []pdf.TeamDecisions {
	var all []teamItems
	for _, e := range entries {
		if e.Status != StatusOK || len(e.Attention) == 0 && len(e.AttentionItems) == 0 {
			continue
		}
		t := teamItems{Team: e.Team, Period: e.Period, Items: e.AttentionItems}
		if len(t.Items) == 0 {
			t.words = e.Attention
		}
		all = append(all, t)
	}
	all = append(all, missing...)
	size := func(t teamItems) []wording.Attention {
		if len(t.Items) == 0 {
			return make([]wording.Attention, len(t.words))
		}
		return t.Items
	}
	sort.SliceStable(all, func(i, j int) bool { return wording.MoreUrgent(size(all[i]), size(all[j])) })
	out := make([]pdf.TeamDecisions, 0, len(all))
	for _, t := range all {
		words := t.words
		if len(t.Items) > 0 {
			words = wording.AttentionWords(t.Items, l)
		}
		out = append(out, pdf.TeamDecisions{Team: t.Team, Period: t.Period, Missing: t.Missing, Items: words})
	}
	return out
}
