package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/rs/zerolog"
)

// failedTeams are the run's entries that failed for a team and period no
// kept workbook covers, and the teams its roster names missing (an entry
// with no file): those teams get their next workbook from their last good
// review. A failed input that names no team cannot.
func failedTeams(sum *batch.Summary, kept []batch.Entry, id fupan.Identity) []batch.Entry {
	done := map[string]bool{}
	for _, e := range kept {
		done[id.TeamKey(e.Team)] = true
	}
	var out []batch.Entry
	for _, e := range sum.Entries {
		if e.Status != batch.StatusFailed || e.Team == "" || done[id.TeamKey(e.Team)] {
			continue
		}
		done[id.TeamKey(e.Team)] = true
		out = append(out, e)
	}
	// A team the run's roster names missing gets its next workbook too:
	// one missed period does not take it out of the loop.
	for _, r := range sum.Roster {
		for _, m := range r.Missing {
			if k := id.TeamKey(m.Team); k != "" && !done[k] {
				done[k] = true
				out = append(out, batch.Entry{Team: m.Team, Period: m.Period})
			}
		}
	}
	return out
}

// lastGood is each failed team's latest review in the history, by team key;
// a team the history holds none of is left out.
func lastGood(ctx context.Context, h fupan.History, failed []batch.Entry, id fupan.Identity) (map[string]*fupan.Review, error) {
	out := map[string]*fupan.Review{}
	for _, e := range failed {
		key := id.TeamKey(e.Team)
		rv, err := h.LastReview(ctx, key)
		if err != nil {
			return nil, err
		}
		if rv != nil {
			out[key] = rv
		}
	}
	return out, nil
}

// writeFallbacks writes the next workbook of each team whose workbook
// failed, from its last good review and its open actions, saying so per
// team; it returns how many it could not write.
func (o nextOptions) writeFallbacks(ctx context.Context, root *os.Root, written map[string]string, w io.Writer) int {
	log := zerolog.Ctx(ctx)
	failed := 0
	for _, e := range o.Failed {
		key := o.Identity.TeamKey(e.Team)
		rv := o.Fallback[key]
		if rv == nil && e.File == "" {
			// A team of fupan.yaml's teams: never recorded: nothing to carry.
			log.Warn().Str("team", e.Team).Msg("no next workbook: the team has not handed in and the history holds no review of it")
			continue
		}
		if rv == nil {
			log.Error().Str("team", e.Team).Str("file", e.File).
				Msg("no next workbook: this period's workbook failed and the history holds no earlier review of the team")
			failed++
			continue
		}
		period := o.Period
		if period == "" {
			p, err := fupan.NextPeriodText(firstText(e.Period, rv.Meta.Period))
			if err != nil {
				log.Error().Err(err).Str("team", e.Team).Msg("no next workbook: no period to follow; give --period")
				failed++
				continue
			}
			period = p
		}
		n := fupan.PlanNext(rv, period)
		n.Actions = openActions(o.Past[key])
		batch.AddNextLessons(&n, rv, o.plan(nil))
		path, err := o.writeNextOf(root, batch.NextFileName(rv.Meta.Team, period), n, firstText(e.File, e.Team), written)
		if err != nil {
			log.Error().Err(err).Str("team", e.Team).Msg("no next workbook")
			failed++
			continue
		}
		if e.File == "" {
			log.Warn().Str("team", e.Team).Str("period", e.Period).Str("from_period", rv.Meta.Period).Str("next", path).
				Msg("the team has not handed in this period: the next workbook is made from its last good review")
		} else {
			log.Warn().Str("team", e.Team).Str("failed", e.File).Str("from_period", rv.Meta.Period).Str("next", path).
				Msg("this period's workbook failed: the next workbook is made from the team's last good review")
		}
		fmt.Fprintln(w, printable(path))
	}
	return failed
}

// openActions are the register's open actions of a team, oldest first, for
// table 5.
func openActions(past []fupan.Past) []fupan.CarriedAction {
	var out []fupan.CarriedAction
	for _, e := range fupan.Register(past, fupan.Date{}) {
		if e.Open() {
			out = append(out, fupan.CarriedAction{ActionRow: fupan.ActionRow{Item: e.Action, Measure: e.Measure, Owner: e.Owner,
				Owners: fupan.ParseOwners(e.Owner), Due: e.Due, Acceptance: e.Acceptance}, FromPeriod: e.FromPeriod})
		}
	}
	return out
}

// firstText is the first of its texts that is not empty.
func firstText(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
