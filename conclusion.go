package fupan

import (
	"math"
	"sort"
	"strings"

	"github.com/fupan-review/fupan/catalog"
)

// Point is one line of the review's conclusion, with the cell it comes from.
type Point struct {
	Title  string
	Detail string
	Ref    Ref
	// Warning is a finding on the detail that leadership must see beside it:
	// a cause that blames a person is the team's words, never fupan's
	// conclusion.
	Warning string
}

// Conclusion is the review's conclusion as the seed's step 3.4 asks for it:
// highlights, points to improve, root causes and directions.
type Conclusion struct {
	Highlights []Point // achieved metrics with the experience behind them
	Improve    []Point // missed or close metrics with their lessons
	RootCauses []Point // causes of the misses and of milestones off track
	Directions []Point // the follow-up actions
}

// teamWords marks a root cause whose cell blames a person: its detail is
// quoted as the team wrote it, with the finding as its warning.
func teamWords(l Lang, blames map[Ref]string, p Point, cause Ref) Point {
	if msg, ok := blames[cause]; ok {
		p.Detail = catalog.T(l, "conclusion.team-wrote") + p.Detail + catalog.T(l, "conclusion.quote-end")
		p.Warning = catalog.T(l, "conclusion.note") + msg
	}
	return p
}

// blamesAt are the blames-person findings by cell, looked up once: a
// 100,000-row table has as many causes as findings.
func blamesAt(r *Review) map[Ref]string {
	m := map[Ref]string{}
	for _, f := range r.Findings {
		if f.Code == CodeBlame {
			m[f.Ref] = f.Message()
		}
	}
	return m
}

// Conclude draws the conclusion from a computed review.
func Conclude(r *Review) Conclusion {
	var c Conclusion
	blames := blamesAt(r)
	// Root causes come worst first: the least achieved metrics, then the
	// latest milestones, so that a long list cut short keeps what matters.
	var outcomeCauses []rankedPoint
	c.Highlights, c.Improve, outcomeCauses = concludeOutcomes(r, blames)
	for _, group := range [][]rankedPoint{outcomeCauses, milestoneCauses(r, blames)} {
		sort.SliceStable(group, func(i, j int) bool { return group[i].rank < group[j].rank })
		for _, rc := range group {
			c.RootCauses = append(c.RootCauses, rc.p)
		}
	}
	c.RootCauses = foldCauses(r.Meta.Lang, c.RootCauses)
	c.Directions = directions(r)
	return c
}

// foldCauses writes a cause several metrics or milestones share once, with
// how many and which ("市场需求变化 ×14" over "关键任务03（+20%）、…"), where
// it stood once for each (fourteen times in a row), at the place of its
// first (the worst). A cause that blames a person stays with its warning.
func foldCauses(l Lang, points []Point) []Point {
	key := func(p Point) string { return strings.Join(strings.Fields(Simplify(p.Detail)), " ") }
	count := map[string]int{}
	for _, p := range points {
		if p.Warning == "" && p.Detail != "" {
			count[key(p)]++
		}
	}
	// The first few of a folded cause's metrics or milestones are named, the
	// rest counted: a table of thousands would make a cell of megabytes.
	const named = 10
	var out []Point
	at := map[string]int{} // a folded cause's index in out
	seen := map[string]int{}
	for _, p := range points {
		k := key(p)
		if p.Warning != "" || p.Detail == "" || count[k] < 2 {
			out = append(out, p)
			continue
		}
		seen[k]++
		i, ok := at[k]
		switch {
		case !ok:
			at[k] = len(out)
			out = append(out, Point{Title: catalog.F(l, "conclusion.folded", p.Detail, count[k]), Detail: p.Title, Ref: p.Ref})
		case seen[k] <= named:
			out[i].Detail += catalog.T(l, "sep.list") + p.Title
		case seen[k] == named+1:
			out[i].Detail += catalog.T(l, "sep.list") + catalog.F(l, "conclusion.more", count[k]-named)
		}
	}
	return out
}

// rankedPoint is a root cause with its rank: lower comes first.
type rankedPoint struct {
	p    Point
	rank float64
}

// concludeOutcomes sorts the metrics into highlights and points to improve,
// and gives the causes of those missed, ranked by achievement.
func concludeOutcomes(r *Review, blames map[Ref]string) (highlights, improve []Point, causes []rankedPoint) {
	l := r.Meta.Lang
	for _, o := range r.Outcomes {
		if o.Achievement == nil {
			continue
		}
		title := catalog.F(l, "conclusion.outcome", o.Metric, formatFigure(o.TargetText, o.Target, o.Kind, l), formatFigure(o.ActualText, o.Actual, o.Kind, l), FormatPercent(*o.Achievement, false))
		if o.Status == StatusAchieved {
			highlights = append(highlights, Point{Title: title, Detail: o.Lesson, Ref: o.Ref})
			continue
		}
		improve = append(improve, Point{Title: title, Detail: o.Lesson, Ref: o.Ref})
		if strings.TrimSpace(o.Cause) != "" {
			causes = append(causes, rankedPoint{teamWords(l, blames, Point{Title: o.Metric, Detail: o.Cause, Ref: o.Cells[ColCause]}, o.Cells[ColCause]), *o.Achievement})
		}
	}
	return highlights, improve, causes
}

// milestoneCauses are the problems of the milestones off track, the latest
// first.
func milestoneCauses(r *Review, blames map[Ref]string) []rankedPoint {
	l := r.Meta.Lang
	var out []rankedPoint
	for _, t := range r.Tracking {
		if !t.OffTrack() {
			continue
		}
		detail := t.Problem
		if t.Countermeasure != "" {
			detail = strings.TrimSpace(detail + catalog.T(l, "conclusion.countermeasure") + t.Countermeasure)
		}
		if strings.TrimSpace(detail) == "" { // never a heading with nothing under it
			detail = catalog.T(l, "conclusion.no-cause")
		}
		late := math.Abs(*t.Deviation) // off track is late, or behind
		title := catalog.F(l, "conclusion.milestone", t.Task, FormatPercent(*t.Deviation, true))
		if t.Overdue { // late so far, and later by the day
			title = catalog.F(l, "conclusion.milestone.open", t.Task, FormatPercent(*t.Deviation, true))
		}
		out = append(out, rankedPoint{teamWords(l, blames, Point{Title: title, Detail: detail, Ref: t.Ref}, t.Cells[ColProblem]), -late})
	}
	return out
}

// directions are the follow-up actions, each with its owner, due date and
// acceptance.
func directions(r *Review) []Point {
	l := r.Meta.Lang
	var out []Point
	for _, a := range r.Actions {
		var parts []string
		if a.Owner != "" {
			parts = append(parts, a.Owner)
		}
		if !a.Due.IsZero() {
			parts = append(parts, a.Due.String())
		} else if a.DueText != "" {
			parts = append(parts, a.DueText)
		}
		if a.Acceptance != "" {
			parts = append(parts, catalog.T(l, "conclusion.acceptance")+a.Acceptance)
		}
		detail := a.Measure
		if len(parts) > 0 {
			detail = catalog.F(l, "conclusion.action", a.Measure, strings.Join(parts, catalog.T(l, "sep.list.narrow")))
		}
		title := a.Item
		if a.Dropped() { // no direction any more, but the team's decision to tell
			title = catalog.F(l, "conclusion.action.dropped", a.Item)
		}
		out = append(out, Point{Title: title, Detail: detail, Ref: a.Ref})
	}
	return out
}
