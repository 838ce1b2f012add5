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
	items             []wording.Attention // Attention's, where known: their urgency
	missed            int
	mean              float64
	hasMean           bool
}

// missingRow is a team expected in the latest period that has not handed
// in: its latest recorded period, "" where it never handed in, and its
// open actions past due (as the overview's decisions list them).
type missingRow struct {
	Key, Team, Period string
	Attention         []string
}

type dashboardData struct {
	Period     string
	Teams      []teamRow
	Missing    []missingRow // the roster's teams that have not handed in
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
	// The items' ages are as of today, as the team page's: a page read
	// weeks after the run says how late an action is now.
	today := fupan.DateOf(s.cfg.Now())
	b, err := s.latestBoard(r.Context())
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	period := b.period
	d.Period = period
	entries := s.entriesBySHA()
	// The company's figures are summed as the overview and the robots
	// sum them (fupan.CompanySummary): per metric, never a mean of means,
	// the open actions of the teams that have not handed in counted.
	var sums []fupan.Summary
	var absent fupan.FollowThrough
	recs := b.recs
	for i := 0; i < len(recs); i++ {
		rec, now := recs[i], b.figs[i]
		var was *fupan.Summary
		if i+1 < len(recs) && recs[i+1].TeamKey == rec.TeamKey {
			was = b.figs[i+1]
			i++
		}
		// A team whose latest period is an earlier one is missing where
		// the roster expects it, and listed below, or not at all.
		if rec.Period != period || !p.Sees(rec.TeamKey) {
			continue
		}
		d.AllTeams++
		row := newTeamRow(rec, now, was, l)
		if e := entries[rec.SHA256]; e != nil {
			row.attention(e, today, l)
		}
		d.HandedIn++
		if now != nil {
			sums = append(sums, *now)
		}
		d.Teams = append(d.Teams, row)
	}
	// Who has not handed in is the run's roster (fupan.RosterOf), so the
	// dashboard and the overview name the same teams.
	for _, m := range b.roster.Missing {
		if !p.Sees(m.Key) {
			continue
		}
		d.AllTeams++
		d.Missing = append(d.Missing, missingRow{Key: m.Key, Team: m.Team, Period: m.LastPeriod,
			Attention: wording.AttentionWords(wording.MissingOverdue(b.pasts[m.Key], today), l)})
		absent = absent.Add(b.absent[m.Key])
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

// attention sets the row's items that need a decision from its run's
// entry: aged as of today and worded in the page's language, the most
// urgent first; an old summary's words (without items) as they were.
func (row *teamRow) attention(e *batch.Entry, today fupan.Date, l catalog.Lang) {
	if len(e.AttentionItems) == 0 {
		row.Attention = e.Attention
		return
	}
	row.items = wording.AgedAsOf(e.AttentionItems, today)
	wording.SortUrgent(row.items)
	row.Attention = wording.AttentionWords(row.items, l)
}

// urgency is the row's items for wording.MoreUrgent: an old summary's
// words count by their number.
func (row teamRow) urgency() []wording.Attention {
	if len(row.items) == 0 {
		return make([]wording.Attention, len(row.Attention))
	}
	return row.items
}

// rankTeams puts first the teams whose items are the most urgent, as the
// overview orders its decisions (wording.MoreUrgent), then errors, targets
// missed, and the lowest mean.
func rankTeams(rows []teamRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		switch {
		case wording.MoreUrgent(a.urgency(), b.urgency()) || wording.MoreUrgent(b.urgency(), a.urgency()):
			return wording.MoreUrgent(a.urgency(), b.urgency())
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

// newTeamRow is a recorded period's row: its figures (now, nil where they
// cannot be read) and their change from was, the period before's.
func newTeamRow(rec fupan.Filed, now, was *fupan.Summary, l catalog.Lang) teamRow {
	row := teamRow{Key: rec.TeamKey, Team: rec.Team, Period: rec.Period, Errors: rec.Errors, Met: "—", Mean: "—", Done: "—"}
	if now == nil {
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
	if was != nil {
		c := wording.ChangeOf(*now, *was, l)
		row.Change, row.Better = c.Before, c.Better
	}
	return row
}

// figuresOf are the recorded periods' figures, decoded once, index for
// index; nil where they cannot be read.
func figuresOf(list []fupan.Filed) []*fupan.Summary {
	out := make([]*fupan.Summary, len(list))
	for i, rec := range list {
		if f, err := rec.Figures(); err == nil {
			out[i] = &f
		}
	}
	return out
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

// actionRow is an open action of the team's register with its age: the
// days since the period that set it ended, and how late it is.
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
	figs := figuresOf(list)
	for i := len(list) - 1; i >= 0; i-- {
		var was *fupan.Summary
		if i > 0 {
			was = figs[i-1]
		}
		row := periodRow{teamRow: newTeamRow(list[i], figs[i], was, l)}
		if _, e := s.entryOf(list[i]); e != nil {
			row.PDF, row.Reviewed = e.Outputs.PDF != "", e.Outputs.Reviewed != ""
		}
		d.Periods = append(d.Periods, row)
	}
	d.Trends = teamTrends(list, figs, l)
	// The open actions are the register's, as fupan actions --open lists
	// them: any earlier period's not yet closed, a cancelled one closed, the
	// lateness from the due date first promised.
	past, err := s.cfg.History.Past(r.Context(), key)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, "error.internal")
		return
	}
	today := fupan.DateOf(s.cfg.Now())
	d.Period = list[len(list)-1].Period
	for _, e := range fupan.Register(past, today) {
		if !e.Open() {
			continue
		}
		row := actionRow{Item: e.Action, Owner: e.Owner, Due: e.DueText, Late: e.Age}
		if !e.Due.IsZero() {
			row.Due = wording.DueText(l, e.Due, e.MovedTo)
		}
		if p, err := fupan.ParsePeriodStrict(e.FromPeriod); err == nil {
			row.Age = max(0, p.End.DaysUntil(today))
		}
		d.Actions = append(d.Actions, row)
	}
	// Most urgent first, as the dashboard's and the overview's items
	// (wording.SortUrgent): the most days late first, the rest as the register
	// has them.
	sort.SliceStable(d.Actions, func(i, j int) bool { return d.Actions[i].Late > d.Actions[j].Late })
	s.render(w, r, http.StatusOK, "team", "team.title", d)
}

// board is what the dashboard reads of the history, kept while the
// history's generation stays: the whole history is read once per run, not
// once per page, and every review's figures decoded once.
type board struct {
	recs   []fupan.Filed    // each team's latest two periods (LatestTwo)
	figs   []*fupan.Summary // their figures, index for index
	period string           // the latest
	roster fupan.Roster     // of the latest period, as a run's overview has it
	// absent is what each team of the roster's missing counts in the
	// company's follow-through, by team key; pasts are their recorded
	// reviews, whose open actions past due the dashboard lists.
	absent map[string]fupan.FollowThrough
	pasts  map[string][]fupan.Past
}

// boardCache is the last board read and the generation it was read at.
type boardCache struct {
	mu  sync.Mutex
	gen string
	b   *board
}

// latestBoard is the dashboard's reading of the history, read anew when its
// generation has changed. The generation is read first: a change while the
// board is read makes the next page read it again.
func (s *Server) latestBoard(ctx context.Context) (*board, error) {
	gen, err := s.cfg.History.Generation(ctx)
	if err != nil {
		return nil, err
	}
	c := &s.board
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen && c.b != nil {
		return c.b, nil
	}
	b, err := s.readBoard(ctx)
	if err != nil {
		return nil, err
	}
	c.gen, c.b = gen, b
	return b, nil
}

func (s *Server) readBoard(ctx context.Context) (*board, error) {
	h := s.cfg.History
	recs, err := h.LatestTwo(ctx)
	if err != nil {
		return nil, err
	}
	b := &board{recs: recs, figs: figuresOf(recs), period: latestPeriod(recs), absent: map[string]fupan.FollowThrough{}, pasts: map[string][]fupan.Past{}}
	p, err := fupan.ParsePeriod(b.period)
	if err != nil {
		return b, nil // nothing recorded: nobody to expect
	}
	recorded, err := h.Recorded(ctx)
	if err != nil {
		return nil, err
	}
	// The one rule of the overview and fupan history (fupan.AbsentOf).
	a, err := fupan.AbsentOf(p, s.cfg.Teams, recorded, s.cfg.Identity, func(key string) ([]fupan.Past, error) {
		past, err := h.Past(ctx, key)
		if err != nil {
			return nil, fmt.Errorf("the history of %s: %w", key, err)
		}
		b.pasts[key] = past
		return past, nil
	})
	if err != nil {
		return nil, err
	}
	b.roster, b.absent = a.Roster, a.ByTeam
	return b, nil
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
