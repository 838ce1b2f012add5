package fupan

import (
	"strings"
)

// Point is one line of the review's conclusion, with the cell it comes from.
type Point struct {
	Title  string
	Detail string
	Ref    Ref
}

// Conclusion is the review's conclusion as the seed's step 3.4 asks for it:
// highlights, points to improve, root causes and directions.
type Conclusion struct {
	Highlights []Point // achieved metrics with the experience behind them
	Improve    []Point // missed or close metrics with their lessons
	RootCauses []Point // causes of the misses and of milestones off track
	Directions []Point // the follow-up actions
}

// Conclude draws the conclusion from a computed review.
func Conclude(r *Review) Conclusion {
	var c Conclusion
	l := r.Meta.Lang
	for _, o := range r.Outcomes {
		if o.Achievement == nil {
			continue
		}
		figure := o.TargetText + " → " + o.ActualText + " (" + FormatPercent(*o.Achievement, false) + ")"
		switch o.Status {
		case StatusAchieved:
			c.Highlights = append(c.Highlights, Point{o.Metric + ": " + figure, o.Lesson, o.Ref})
		default:
			c.Improve = append(c.Improve, Point{o.Metric + ": " + figure, o.Lesson, o.Ref})
			if strings.TrimSpace(o.Cause) != "" {
				c.RootCauses = append(c.RootCauses, Point{o.Metric, o.Cause, o.Cells[ColCause]})
			}
		}
	}
	for _, t := range r.Tracking {
		if !t.OffTrack() {
			continue
		}
		detail := t.Problem
		if t.Countermeasure != "" {
			detail = strings.TrimSpace(detail + l.Pick(";应对:", ";應對:", "; countermeasure: ") + t.Countermeasure)
		}
		c.RootCauses = append(c.RootCauses, Point{t.Task + " (" + FormatPercent(*t.Deviation, true) + ")", detail, t.Ref})
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
			parts = append(parts, l.Pick("验收:", "驗收:", "acceptance: ")+a.Acceptance)
		}
		detail := a.Measure
		if len(parts) > 0 {
			detail += " (" + strings.Join(parts, l.Pick(",", ",", ", ")) + ")"
		}
		c.Directions = append(c.Directions, Point{a.Item, detail, a.Ref})
	}
	return c
}
