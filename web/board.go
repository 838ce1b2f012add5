package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"sync"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
)

// teamRow is one team on the dashboard: its latest period's figures, their
// change from the period before, and what needs a decision.
type teamRow struct {
	Key, Team, Period string
	Met, Mean, Done   string
	MeanBar           float64 // 0…1, the bar drawn for the capped mean
	Change            string
	Better            int
	Attention         []string
	Errors            int
	missed            int
	mean              float64
	hasMean           bool
}

type dashboardData struct {
	Period     string
	Teams      []teamRow
	Missing    []teamRow // teams whose latest period is an earlier one
	HandedIn   int
	AllTeams   int
	Met        string
	Mean       string
	FollowUp   string
	NoHistory  bool
	ChartWidth int
	// Overviews are the runs of the latest period with an overview PDF (by
	// their place in the server's list), for leadership: it has every team.
	Overviews []int
}

// dashboard is the latest period for the teams the person may see, ranked
// by what needs a decision.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request) {
	p, ok := s.reader(w, r)
	if !ok {
		return
	}
	d := dashboardData{ChartWidth: 120}
	if s.cfg.History == nil {
		d.NoHistory = true
		s.render(w, r, http.StatusOK, "dashboard", "dashboard.title", d)
		return
	}
	l := s.lang(w, r)
	ctx := r.Context()
	recs, err := s.latestTwo(ctx)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	period := latestPeriod(recs)
	d.Period = period
	entries := s.entriesBySHA()
	// The company's figures are summed as the overview and the robots
	// sum them (fupan.CompanySummary): per metric, never a mean of means,
	// the open actions of the teams that have not handed in counted.
	var sums []fupan.Summary
	var absent fupan.FollowThrough
	for i := 0; i < len(recs); i++ {
		rec := recs[i]
		var prev *fupan.Filed
		if i+1 < len(recs) && recs[i+1].TeamKey == rec.TeamKey {
			prev = &recs[i+1]
			i++
		}
		if !p.Sees(rec.TeamKey) {
			continue
		}
		d.AllTeams++
		row := newTeamRow(rec, prev, l)
		if rec.Period != period {
			d.Missing = append(d.Missing, row)
			a, err := s.absentFollowThrough(ctx, rec.TeamKey, period)
			if err != nil {
				s.fail(w, r, http.StatusInternalServerError, "error.internal")
				return
			}
			absent = absent.Add(a)
			continue
		}
		if e := entries[rec.SHA256]; e != nil {
			row.Attention = e.Attention
		}
		d.HandedIn++
		if now, err := rec.Figures(); err == nil {
			sums = append(sums, now)
		}
		d.Teams = append(d.Teams, row)
	}
	rankTeams(d.Teams)
	if p.Everything || p.Leadership {
		d.Overviews = s.overviewsOf(period)
	}
	c := fupan.CompanySummary(sums, absent)
	d.Met = wording.OfAll(c.MetricsAchieved, c.Metrics)
	d.Mean, d.FollowUp = "—", "—"
	if c.MeanAchievementCapped != nil {
		d.Mean = fupan.FormatPercent(*c.MeanAchievementCapped, false)
	}
	if f := c.FollowThrough(); f != nil {
		d.FollowUp = wording.OfAll(c.FollowupDone, c.FollowupTotal) + " · " + fupan.FormatPercent(*f, false)
	}
	s.render(w, r, http.StatusOK, "dashboard", "dashboard.title", d)
}

// absentFollowThrough is what a team that has not handed in period counts
// in the company's follow-through, as the overview counts it.
func (s *Server) absentFollowThrough(ctx context.Context, teamKey, period string) (fupan.FollowThrough, error) {
	p, err := fupan.ParsePeriod(period)
	if err != nil {
		return fupan.FollowThrough{}, nil // no period to follow up: nothing to count
	}
	past, err := s.cfg.History.Past(ctx, teamKey)
	if err != nil {
		return fupan.FollowThrough{}, fmt.Errorf("the history of %s: %w", teamKey, err)
	}
	total, done, overdue := fupan.MissingFollowThrough(past, p)
	return fupan.FollowThrough{Total: total, Done: done, Overdue: overdue}, nil
}

// rankTeams puts first the teams with the most that needs a decision, then
// errors, targets missed, and the lowest mean.
func rankTeams(rows []teamRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		switch {
		case len(a.Attention) != len(b.Attention):
			return len(a.Attention) > len(b.Attention)
		case a.Errors != b.Errors:
			return a.Errors > b.Errors
		case a.missed != b.missed:
			return a.missed > b.missed
		case a.hasMean != b.hasMean:
			return a.hasMean
		case a.mean != b.mean:
			return a.mean < b.mean
		}
		return a.Team < b.Team
	})
}

func newTeamRow(rec fupan.Filed, prev *fupan.Filed, l catalog.Lang) teamRow {
	row := teamRow{Key: rec.TeamKey, Team: rec.Team, Period: rec.Period, Errors: rec.Errors, Met: "—", Mean: "—", Done: "—"}
	now, err := rec.Figures()
	if err != nil {
		return row
	}
	row.Met = wording.OfAll(now.MetricsAchieved, now.Metrics)
	row.missed = now.MetricsMissed
	if v := now.MeanAchievementCapped; v != nil {
		row.Mean, row.mean, row.hasMean = fupan.FormatPercent(*v, false), *v, true
		row.MeanBar = min(max(*v, 0), 1)
	}
	if v := now.Completion; v != nil {
		row.Done = fupan.FormatPercent(*v, false)
	}
	if prev != nil {
		if was, err := prev.Figures(); err == nil {
			c := wording.ChangeOf(now, was, l)
			row.Change, row.Better = c.Before, c.Better
		}
	}
	return row
}

// entriesBySHA are the entries of every served run, by their workbook's
// SHA-256: a dashboard finds each team's in one look.
func (s *Server) entriesBySHA() map[string]*batch.Entry {
	m := map[string]*batch.Entry{}
	for _, o := range s.outs {
		sum, err := s.summary(o)
		if err != nil {
			continue
		}
		for i := range sum.Entries {
			if e := &sum.Entries[i]; e.SHA256 != "" && e.Status == batch.StatusOK {
				m[e.SHA256] = e
			}
		}
	}
	return m
}

// periodRow is one recorded period on a team's page.
type periodRow struct {
	teamRow
	PDF, Reviewed bool
}

type teamData struct {
	Key, Team string
	Periods   []periodRow  // newest first
	Trends    []trendPanel // mean achievement, completion
	Actions   []actionRow
	Period    string // of the actions
}

// actionRow is an open action with its age: the days since the period it
// was set in ended, and how late it is.
type actionRow struct {
	Item, Owner, Due string
	Age, Late        int
}

// team is a team's page: its trend across periods and each period's
// figures and files. Another team's, or one nobody recorded, is not found.
func (s *Server) team(w http.ResponseWriter, r *http.Request) {
	_, key, ok := s.knownTeam(w, r)
	if !ok {
		return
	}
	list, err := s.cfg.History.TeamFiled(r.Context(), key)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	if len(list) == 0 {
		s.notFound(w, r)
		return
	}
	l := s.lang(w, r)
	d := teamData{Key: key, Team: list[len(list)-1].Team}
	for i := len(list) - 1; i >= 0; i-- {
		var prev *fupan.Filed
		if i > 0 {
			prev = &list[i-1]
		}
		row := periodRow{teamRow: newTeamRow(list[i], prev, l)}
		if _, e := s.entryOf(list[i]); e != nil {
			row.PDF, row.Reviewed = e.Outputs.PDF != "", e.Outputs.Reviewed != ""
		}
		d.Periods = append(d.Periods, row)
	}
	d.Trends = teamTrends(list, l)
	acts, err := s.cfg.History.OpenActions(r.Context(), key)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	today := fupan.DateOf(s.cfg.Now())
	for _, a := range acts {
		row := actionRow{Item: a.Item, Owner: a.Owner, Due: a.DueText, Age: max(0, a.PeriodEnd.DaysUntil(today))}
		if !a.Due.IsZero() {
			row.Due = a.Due.String()
			row.Late = max(0, a.Due.DaysUntil(today))
		}
		d.Actions, d.Period = append(d.Actions, row), a.Period
	}
	s.render(w, r, http.StatusOK, "team", "team.title", d)
}

// latestTwo is the history's LatestTwo, kept while the history's generation
// stays: the whole history is read once per run, not once per page.
func (s *Server) latestTwo(ctx context.Context) ([]fupan.Filed, error) {
	gen, err := s.cfg.History.Generation(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.board
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen && c.recs != nil {
		return c.recs, nil
	}
	recs, err := s.cfg.History.LatestTwo(ctx)
	if err != nil {
		return nil, err
	}
	c.gen, c.recs = gen, recs
	return recs, nil
}

// boardCache is the last LatestTwo read and the generation it was read at.
type boardCache struct {
	mu   sync.Mutex
	gen  string
	recs []fupan.Filed
}

// latestPeriod is the period of the latest review (by its end, then the
// shorter period): what the dashboard shows.
func latestPeriod(recs []fupan.Filed) string {
	var best *fupan.Filed
	for i := range recs {
		r := &recs[i]
		if best == nil || best.End.Before(r.End) || (r.End == best.End && best.Start.Before(r.Start)) {
			best = r
		}
	}
	if best == nil {
		return ""
	}
	return best.Period
}

// overviewsOf are the served runs that reviewed the period and wrote an
// overview.
func (s *Server) overviewsOf(period string) []int {
	var out []int
	for i, o := range s.outs {
		sum, err := s.summary(o)
		if err != nil || sum.Overview == "" {
			continue
		}
		for _, e := range sum.Entries {
			if e.Period == period && e.Status == batch.StatusOK {
				out = append(out, i)
				break
			}
		}
	}
	return out
}
