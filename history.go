package fupan

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode"

	"github.com/fupan-review/fupan/value"
)

// Identity says when two reviews are of one team, and two rows of one metric,
// though written differently: 華東銷售部 in one period and 华东销售部 in the
// next are one team.
type Identity struct {
	// Simplify converts Traditional Chinese to Simplified, phrase by phrase
	// (OpenCC's t2s). Nil folds only the template's own vocabulary.
	Simplify func(string) string
	// Aliases maps a team's former or other names to the name it goes by
	// (fupan.yaml's teams_aliases). Both sides are folded before use.
	Aliases map[string]string

	folded map[string]string // Aliases folded, by NewIdentity
}

// NewIdentity is an Identity whose aliases are folded once, not on every
// TeamKey: a run asks for a team's key several times per workbook.
func NewIdentity(simplify func(string) string, aliases map[string]string) Identity {
	id := Identity{Simplify: simplify, Aliases: aliases}
	id.folded = id.foldAliases()
	return id
}

func (id Identity) foldAliases() map[string]string {
	folded := make(map[string]string, len(id.Aliases))
	for from, to := range id.Aliases {
		folded[id.fold(from)] = id.fold(to)
	}
	return folded
}

// fold is the form names are compared in: width folded, Simplified, lower
// case, without spaces and invisible format characters.
func (id Identity) fold(s string) string {
	s = value.FoldText(s)
	if id.Simplify != nil {
		s = id.Simplify(s)
	} else {
		s = Simplify(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || value.IsInvisible(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// TeamKey is the key under which a team's reviews are kept. An alias is
// followed, and the alias of an alias, so renaming a team twice keeps one
// history; a loop of aliases stops where it would come back.
func (id Identity) TeamKey(name string) string {
	key := id.fold(name)
	if len(id.Aliases) == 0 {
		return key
	}
	folded := id.folded
	if folded == nil {
		folded = id.foldAliases()
	}
	seen := map[string]bool{key: true}
	for {
		next, ok := folded[key]
		if !ok || seen[next] {
			return key
		}
		seen[next] = true
		key = next
	}
}

// MetricKey is the key under which a metric is followed across periods.
func (id Identity) MetricKey(name string) string { return id.fold(name) }

// Past is a review as the history holds it: what a later period is compared
// with.
type Past struct {
	Team    string
	Period  Period
	File    string
	Summary Summary
	Metrics []PastMetric
	// Actions are the review's follow-up actions (table 4), which the next
	// period follows up.
	Actions []ActionRow
	// Followups are the review's follow-ups of earlier periods' actions:
	// what the register knows of them as of that period.
	Followups []FollowUp
}

// PastMetric is one metric of a recorded review.
type PastMetric struct {
	Key, Name   string
	Achievement *float64
	Status      OutcomeStatus
}

// Comparison is a review set against the team's earlier ones, as the history
// stood when the run began.
type Comparison struct {
	Previous *Previous // nil for the team's first period
	Trends   []Trend   // metrics with two periods or more; empty without a previous
	// Periods are the periods of the trends, oldest first, this one last.
	Periods []string
	// Carried are the actions the review follows up, where it has a
	// previous (Carried): SetComparison follows them up.
	Carried []CarriedAction
}

// Previous is the previous review of a team, as inspect --json prints it.
type Previous struct {
	Period  string  `json:"period"`
	File    string  `json:"file"`
	Summary Summary `json:"summary"`
}

// Trend is one metric over the team's last periods, oldest first.
type Trend struct {
	Metric string       `json:"metric"`
	Points []TrendPoint `json:"points"`
}

// TrendPoint is a metric in one period; Achievement is nil where it was not
// computable.
type TrendPoint struct {
	Period      string        `json:"period"`
	Achievement *float64      `json:"achievement"`
	Status      OutcomeStatus `json:"status"`
}

// TrendPeriods is how many periods a trend covers, this one included.
const TrendPeriods = 8

// PreviousOf finds the review a period is compared with: the latest of the
// same kind (month, quarter…) that ends before p starts, else the latest of
// any kind that does. It returns -1 where there is none.
func PreviousOf(past []Past, p Period) int {
	best, bestSame := -1, -1
	for i, q := range past {
		if !q.Period.End.Before(p.Start) {
			continue
		}
		if best < 0 || later(q.Period, past[best].Period) {
			best = i
		}
		if q.Period.Kind() == p.Kind() && (bestSame < 0 || later(q.Period, past[bestSame].Period)) {
			bestSame = i
		}
	}
	if bestSame >= 0 {
		return bestSame
	}
	return best
}

// later orders periods by their end, then the shorter (later start) first.
func later(a, b Period) bool {
	if a.End != b.End {
		return b.End.Before(a.End)
	}
	return b.Start.Before(a.Start)
}

// Compare sets a review against the team's recorded reviews (past: every
// review of the team the history held, in any order), leaving the review as
// it is: SetComparison applies what it returns. Its own period in past,
// recorded by an earlier run, is never its previous.
func Compare(rv *Review, past []Past, id Identity) *Comparison {
	c := &Comparison{Trends: []Trend{}}
	period, err := ParsePeriod(rv.Meta.Period)
	if err != nil {
		return c
	}
	// The chain: this period, its previous, that one's previous…
	chain := []int{}
	p := period
	for len(chain) < TrendPeriods-1 {
		i := PreviousOf(past, p)
		if i < 0 {
			break
		}
		chain = append(chain, i)
		p = past[i].Period
	}
	if len(chain) == 0 {
		return c
	}
	prev := past[chain[0]]
	c.Previous = &Previous{Period: prev.Period.Label, File: prev.File, Summary: prev.Summary}
	// The loop closed: last period's actions followed up in this one, and
	// every earlier one still open (the action register).
	c.Carried = Carried(past, chain[0], period)
	for i := len(chain) - 1; i >= 0; i-- {
		c.Periods = append(c.Periods, past[chain[i]].Period.Label)
	}
	c.Periods = append(c.Periods, period.Label)

	seen := map[string]bool{}
	for _, o := range rv.Outcomes {
		key := id.MetricKey(o.Metric)
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		t := Trend{Metric: o.Metric}
		for i := len(chain) - 1; i >= 0; i-- {
			q := past[chain[i]]
			for _, m := range q.Metrics {
				if m.Key == key {
					t.Points = append(t.Points, TrendPoint{Period: q.Period.Label, Achievement: m.Achievement, Status: m.Status})
					break
				}
			}
		}
		t.Points = append(t.Points, TrendPoint{Period: period.Label, Achievement: o.Achievement, Status: o.Status})
		if len(t.Points) >= 2 {
			c.Trends = append(c.Trends, t)
		}
	}
	return c
}

// SetComparison keeps a comparison (Compare's) in the review: where it
// has a previous, the review follows up the actions carried over.
func (r *Review) SetComparison(c *Comparison) {
	r.Compared = c
	if c != nil && c.Previous != nil {
		r.FollowUpCarried(c.Carried)
	}
}

// PastOf is a review as the history will hold it.
func PastOf(rv *Review, id Identity) Past {
	p, _ := ParsePeriod(rv.Meta.Period)
	past := Past{Team: rv.Meta.Team, Period: p, File: rv.File, Summary: rv.Summary}
	for _, o := range rv.Outcomes {
		past.Metrics = append(past.Metrics, PastMetric{Key: id.MetricKey(o.Metric), Name: o.Metric, Achievement: o.Achievement, Status: o.Status})
	}
	past.Actions = rv.Actions
	past.Followups = rv.Followup
	return past
}

// SortPast orders a team's reviews oldest first.
func SortPast(past []Past) {
	sort.SliceStable(past, func(i, j int) bool { return later(past[j].Period, past[i].Period) })
}

// JSON is the review as `fupan inspect --json` prints it: with `previous` and
// `trends` when it was compared with a history.
func (r *Review) JSON() ([]byte, error) {
	if r.Compared == nil {
		return json.MarshalIndent(r, "", "  ")
	}
	type review Review // without this method
	return json.MarshalIndent(struct {
		*review
		Previous *Previous `json:"previous"`
		Trends   []Trend   `json:"trends"`
	}{(*review)(r), r.Compared.Previous, r.Compared.Trends}, "", "  ")
}
