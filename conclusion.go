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
			m[f.Ref] = f.Message
		}
	}
	return m
}

// Conclude draws the conclusion from a computed review.
func Conclude(r *Review) Conclusion {
	var c Conclusion
	l := r.Meta.Lang
	blames := blamesAt(r)
	// Root causes come worst first: the least achieved metrics, then the
	// latest milestones, so that a long list cut short keeps what matters.
	type ranked struct {
		p    Point
		rank float64
	}
	var outcomeCauses, milestoneCauses []ranked
	for _, o := range r.Outcomes {
		if o.Achievement == nil {
			continue
		}
		figure := o.TargetText + " → " + o.ActualText + " (" + FormatPercent(*o.Achievement, false) + ")"
		switch o.Status {
		case StatusAchieved:
			c.Highlights = append(c.Highlights, Point{Title: o.Metric + ": " + figure, Detail: o.Lesson, Ref: o.Ref})
		default:
			c.Improve = append(c.Improve, Point{Title: o.Metric + ": " + figure, Detail: o.Lesson, Ref: o.Ref})
			if strings.TrimSpace(o.Cause) != "" {
				outcomeCauses = append(outcomeCauses, ranked{teamWords(l, blames, Point{Title: o.Metric, Detail: o.Cause, Ref: o.Cells[ColCause]}, o.Cells[ColCause]), *o.Achievement})
			}
		}
	}
	for _, t := range r.Tracking {
		if !t.OffTrack() {
			continue
		}
		detail := t.Problem
		if t.Countermeasure != "" {
			detail = strings.TrimSpace(detail + catalog.T(l, "conclusion.countermeasure") + t.Countermeasure)
		}
		late := math.Abs(*t.Deviation) // off track is late, or behind
		milestoneCauses = append(milestoneCauses, ranked{teamWords(l, blames, Point{Title: t.Task + " (" + FormatPercent(*t.Deviation, true) + ")", Detail: detail, Ref: t.Ref}, t.Cells[ColProblem]), -late})
	}
	for _, group := range [][]ranked{outcomeCauses, milestoneCauses} {
		sort.SliceStable(group, func(i, j int) bool { return group[i].rank < group[j].rank })
		for _, rc := range group {
			c.RootCauses = append(c.RootCauses, rc.p)
		}
	}
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
			detail += " (" + strings.Join(parts, catalog.T(l, "sep.list.narrow")) + ")"
		}
		c.Directions = append(c.Directions, Point{Title: a.Item, Detail: detail, Ref: a.Ref})
	}
	return c
}
