package fupan

import (
	"sort"
	"strings"
)

// Headline is what page 1 says first: the metrics achieved of all, the worst
// misses by name, and the milestones off track.
type Headline struct {
	Met, Metrics    int
	Worst           []OutcomeRow // at most three not achieved, least achieved first
	OffTrack, Rated int          // milestones off track, of those with a deviation
}

// Headlines sums a review up for page 1.
func Headlines(r *Review) Headline {
	h := Headline{Met: r.Summary.MetricsAchieved, Metrics: r.Summary.Metrics}
	for _, o := range r.Outcomes {
		if o.Achievement != nil && o.Status != StatusAchieved {
			h.Worst = append(h.Worst, o)
		}
	}
	sort.SliceStable(h.Worst, func(i, j int) bool { return *h.Worst[i].Achievement < *h.Worst[j].Achievement })
	h.Worst = h.Worst[:min(3, len(h.Worst))]
	for _, t := range r.Tracking {
		if t.State != "" {
			h.Rated++
		}
		if t.OffTrack() {
			h.OffTrack++
		}
	}
	return h
}

// Kinds of what needs a decision.
const (
	AttnMissedNoAction    = "missed-no-action"     // a missed metric no follow-up action answers
	AttnOffTrackNoMeasure = "off-track-no-measure" // a milestone off track without a countermeasure
	AttnActionOverdue     = "action-overdue"       // an open action past its due date
	AttnBlamesPerson      = "blames-person"        // a cause that blames a person
	AttnFollowOverdue     = "followup-overdue"     // last period's action, overdue now
	AttnFollowUnknown     = "followup-unknown"     // last period's action, not followed up
)

// Attention is one thing leadership must decide on.
type Attention struct {
	Kind    string
	Subject string // the metric, milestone, action or cause
	Ref     Ref
	Due     Date   // for an overdue action
	From    string // the period an earlier action came from; "" where unknown
}

// NeedsAttention lists what needs a decision as of a day: missed metrics no
// follow-up action answers, milestones off track without a countermeasure,
// open actions past their due date, causes that blame a person.
func NeedsAttention(r *Review, asOf Date) []Attention {
	var out []Attention
	missed := append([]OutcomeRow(nil), r.Outcomes...)
	sort.SliceStable(missed, func(i, j int) bool { // the worst first
		return missed[i].Achievement != nil && missed[j].Achievement != nil && *missed[i].Achievement < *missed[j].Achievement
	})
	for _, o := range missed {
		if o.Status == StatusMissed && !answered(o.Metric, r.Actions) {
			out = append(out, Attention{Kind: AttnMissedNoAction, Subject: o.Metric, Ref: o.Ref})
		}
	}
	for _, t := range r.Tracking {
		if t.OffTrack() && strings.TrimSpace(t.Countermeasure) == "" {
			out = append(out, Attention{Kind: AttnOffTrackNoMeasure, Subject: t.Task, Ref: t.Ref})
		}
	}
	for _, a := range r.Actions {
		if !a.Done && !a.Due.IsZero() && a.Due.Before(asOf) {
			out = append(out, Attention{Kind: AttnActionOverdue, Subject: a.Item, Ref: a.Ref, Due: a.Due})
		}
	}
	// Last period's actions first: the loop the review exists to close.
	var follow []Attention
	for _, f := range r.Followup {
		switch f.Status {
		case FollowOverdue:
			a := Attention{Kind: AttnFollowOverdue, Subject: f.Action, Due: f.Due, From: f.FromPeriod}
			if f.Ref != nil {
				a.Ref = *f.Ref
			}
			follow = append(follow, a)
		case FollowUnknown:
			follow = append(follow, Attention{Kind: AttnFollowUnknown, Subject: f.Action, Due: f.Due, From: f.FromPeriod})
		}
	}
	out = append(follow, out...)
	for _, f := range r.Findings {
		if f.Code == CodeBlame {
			out = append(out, Attention{Kind: AttnBlamesPerson, Subject: f.Message, Ref: f.Ref})
		}
	}
	return out
}

// answered reports whether a follow-up action speaks of the metric: its
// name, or most of its character pairs, in the action's item, measure or
// acceptance criterion.
func answered(metric string, actions []ActionRow) bool {
	key := matchKey(metric)
	if key == "" {
		return true
	}
	grams := bigrams(metric)
	for _, a := range actions {
		text := a.Item + " " + a.Measure + " " + a.Acceptance
		if strings.Contains(matchKey(text), key) || dice(grams, bigrams(a.Item)) >= 0.4 {
			return true
		}
	}
	return false
}
