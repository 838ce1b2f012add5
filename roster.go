package fupan

import (
	"slices"
	"sort"

	"github.com/fupan-review/fupan/value"
)

// Recorded is one review the history holds, as the roster needs it.
type Recorded struct {
	TeamKey, Team string
	Period        Period
}

// Missing is a team expected in a period that has not handed in its review.
type Missing struct {
	Team   string `json:"team"`
	Period string `json:"period"`
	// LastPeriod is the latest period the history holds of the team; ""
	// where it holds none (a team of fupan.yaml's teams: never recorded).
	LastPeriod string `json:"last_period,omitempty"`
	// Key is the team's key (Identity.TeamKey), as the history keeps it.
	Key string `json:"-"`
	// FollowThrough is what the team counts in the company's follow-through
	// of Period (MissingFollowThrough), where a history was read: the
	// overview counts it, and a robot reading summary.json later the same.
	FollowThrough *FollowThrough `json:"follow_through,omitempty"`
}

// Roster is who was expected to hand in a period's review, and who has not.
type Roster struct {
	Period   string    `json:"period"`
	Expected int       `json:"expected"`
	HandedIn int       `json:"handed_in"`
	Missing  []Missing `json:"missing"`
}

// RosterPeriods is how many of the latest recorded periods of a kind a team
// stays expected in without handing in: a team that misses a period is
// named missing every period after it until it hands in, or until it has
// been missing for this many recorded periods (or `history forget`/rename
// removes it).
const RosterPeriods = 4

// RosterOf is the roster of period p: the teams expected are named (fupan.yaml's
// teams:), else every team with a review in one of the RosterPeriods latest
// periods of p's kind the history holds before p; a team has handed in where
// the history holds its review of p or handedIn (team keys: this run's
// inputs, failed ones too) has it. Missing teams in the order named, else by
// name.
func RosterOf(p Period, named []string, recorded []Recorded, handedIn map[string]bool, id Identity) Roster {
	r := Roster{Period: p.Label, Missing: []Missing{}}
	last := map[string]Recorded{} // each team's latest review
	in := map[string]bool{}
	for k := range handedIn {
		in[k] = true
	}
	var before []Period // the recorded periods of p's kind before it, each once
	for _, rc := range recorded {
		if rc.Period.Label == p.Label {
			in[rc.TeamKey] = true
		}
		if l, ok := last[rc.TeamKey]; !ok || later(rc.Period, l.Period) {
			last[rc.TeamKey] = rc
		}
		if rc.Period.Kind() == p.Kind() && rc.Period.End.Before(p.Start) && !slices.ContainsFunc(before, func(q Period) bool { return q.Label == rc.Period.Label }) {
			before = append(before, rc.Period)
		}
	}
	sort.Slice(before, func(i, j int) bool { return later(before[i], before[j]) })
	comparable := map[string]bool{}
	for _, q := range before[:min(len(before), RosterPeriods)] {
		comparable[q.Label] = true
	}
	type team struct{ key, name string }
	var expected []team
	seen := map[string]bool{}
	if len(named) > 0 {
		for _, n := range named {
			if k := id.TeamKey(n); k != "" && !seen[k] {
				seen[k] = true
				expected = append(expected, team{k, n})
			}
		}
	} else {
		for _, rc := range recorded {
			if comparable[rc.Period.Label] && !seen[rc.TeamKey] {
				seen[rc.TeamKey] = true
				expected = append(expected, team{rc.TeamKey, last[rc.TeamKey].Team})
			}
		}
		sort.SliceStable(expected, func(i, j int) bool { return expected[i].name < expected[j].name })
	}
	r.Expected = len(expected)
	// A team that handed in without being expected (its first period, or
	// one teams: does not name) counts on both sides: n of N never reads
	// fewer teams than there are reports.
	for k := range in {
		if len(expected) > 0 && k != "" && !seen[k] { // with nobody expected, there is no roster
			r.Expected++
			r.HandedIn++
		}
	}
	for _, t := range expected {
		if in[t.key] {
			r.HandedIn++
			continue
		}
		m := Missing{Team: t.name, Period: p.Label, Key: t.key}
		if l, ok := last[t.key]; ok {
			m.LastPeriod = l.Period.Label
			if len(named) == 0 {
				m.Team = l.Team
			}
		}
		r.Missing = append(r.Missing, m)
	}
	return r
}

// SubmissionDue is the period teams are to hand in as of today and its
// roster: the latest period of the history's kind (that of its latest
// review) that has ended, due dueDay days into the month after it. ok is
// false where the history holds nothing to tell the period by.
func SubmissionDue(recorded []Recorded, named []string, today Date, dueDay int, id Identity) (r Roster, deadline Date, ok bool) {
	var latest *Period
	for _, rc := range recorded {
		if latest == nil || later(rc.Period, *latest) {
			q := rc.Period
			latest = &q
		}
	}
	if latest == nil {
		return Roster{}, Date{}, false
	}
	due := *latest
	for {
		next, err := value.NextPeriod(due)
		if err != nil || !next.End.Before(today) {
			break
		}
		due = next
	}
	if !due.End.Before(today) {
		// The latest period has not ended: the one before it is due.
		prev := PreviousOf(pastOf(recorded), due)
		if prev < 0 {
			return Roster{}, Date{}, false
		}
		due = recorded[prev].Period
	}
	deadline = due.End.AddDays(max(dueDay, 1))
	return RosterOf(due, named, recorded, nil, id), deadline, true
}

// pastOf are the recorded reviews as Past, index for index, for PreviousOf.
func pastOf(recorded []Recorded) []Past {
	out := make([]Past, len(recorded))
	for i, rc := range recorded {
		out[i] = Past{Team: rc.Team, Period: rc.Period}
	}
	return out
}
