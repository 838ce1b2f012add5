package historysql

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/fupan-review/fupan"
)

// ReviewRows hands add the rows a recorded review keeps beside it, table by
// table in the order of the schema (the four tables, the follow-ups, the
// findings' counts by code): both stores write the same columns, each in
// its own statements.
func ReviewRows(id int64, r fupan.Recording, add func(table string, values ...any)) {
	rv := r.Review
	for i, p := range rv.Plan {
		add("plan_rows", id, i, p.Ref.String(), p.Goal, p.Task, p.Owner, Date(p.Start), Date(p.End), p.Resources, p.Budget, p.People, p.Acceptance)
	}
	for i, t := range rv.Tracking {
		add("tracking_rows", id, i, t.Ref.String(), t.Task, t.PlanTask, t.PlannedText, t.ActualText, t.Deviation, t.StatedDeviation,
			string(t.State), t.Done, t.Problem, t.Countermeasure, t.Owner)
	}
	for i, o := range rv.Outcomes {
		add("outcome_rows", id, i, o.Ref.String(), o.Metric, r.MetricKey(o.Metric), o.Target, o.TargetText, o.Actual, o.ActualText,
			o.Unit, string(o.Direction), o.Achievement, o.StatedAchievement, o.Deviation, string(o.Status), o.Cause, o.Lesson)
	}
	for i, a := range rv.Actions {
		add("action_rows", id, i, a.Ref.String(), a.Item, a.Measure, a.Owner, Date(a.Due), a.DueText, a.Support, a.Acceptance, a.Status, a.Done)
	}
	for i, f := range rv.Followup {
		cell := ""
		if f.Ref != nil {
			cell = f.Ref.String()
		}
		add("followup_rows", id, i, cell, f.Action, f.Measure, f.Owner, Date(f.Due), f.FromPeriod, string(f.Status), Date(f.DoneOn), f.Effect)
	}
	type count struct {
		severity string
		n        int
	}
	counts := map[string]*count{}
	for _, f := range rv.Findings {
		c := counts[string(f.Code)]
		if c == nil {
			c = &count{severity: string(f.Severity)}
			counts[string(f.Code)] = c
		}
		c.n++
	}
	codes := make([]string, 0, len(counts))
	for code := range counts {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		add("findings", id, code, counts[code].severity, counts[code].n)
	}
}

// Date is an ISO date to store, or NULL for none.
func Date(d fupan.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// LatestRows reads a recorded review's rows that remind and next need: its
// plan's tasks, tracked tasks, actions and follow-ups.
func LatestRows(ctx context.Context, q Querier, d Dialect, id int64, rv *fupan.Review) error {
	for _, part := range []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{`SELECT task, owner, coalesce(due, '') FROM plan_rows WHERE review_id = ? ORDER BY seq`, func(r *sql.Rows) error {
			var p fupan.PlanRow
			var end string
			err := r.Scan(&p.Task, &p.Owner, &end)
			p.End = ISODate(end)
			rv.Plan = append(rv.Plan, p)
			return err
		}},
		{`SELECT task, plan_task, done, owner FROM tracking_rows WHERE review_id = ? ORDER BY seq`, func(r *sql.Rows) error {
			var t fupan.TrackingRow
			err := r.Scan(&t.Task, &t.PlanTask, &t.Done, &t.Owner)
			rv.Tracking = append(rv.Tracking, t)
			return err
		}},
		{`SELECT item, measure, owner, coalesce(due, ''), due_text, status, done FROM action_rows WHERE review_id = ? ORDER BY seq`, func(r *sql.Rows) error {
			var a fupan.ActionRow
			var due string
			err := r.Scan(&a.Item, &a.Measure, &a.Owner, &due, &a.DueText, &a.Status, &a.Done)
			a.Due = ISODate(due)
			rv.Actions = append(rv.Actions, a)
			return err
		}},
		{`SELECT action, measure, owner, coalesce(due, ''), from_period, status, coalesce(done_on, ''), effect
			FROM followup_rows WHERE review_id = ? ORDER BY seq`, func(r *sql.Rows) error {
			var f fupan.FollowUp
			var due, doneOn string
			err := r.Scan(&f.Action, &f.Measure, &f.Owner, &due, &f.FromPeriod, &f.Status, &doneOn, &f.Effect)
			f.Due, f.DoneOn = ISODate(due), ISODate(doneOn)
			rv.Followup = append(rv.Followup, f)
			return err
		}},
	} {
		if err := Each(ctx, q, d(part.query), []any{id}, part.scan); err != nil {
			return fmt.Errorf("rows of %s %s: %w", rv.Meta.Team, rv.Meta.Period, err)
		}
	}
	return nil
}

// Lessons are the 经验/教训 of every recorded review, newest period first,
// each with its kind (experience or lesson).
func Lessons(ctx context.Context, q Querier) ([]fupan.Lesson, error) {
	var out []fupan.Lesson
	err := Each(ctx, q, `SELECT r.team, r.team_key, r.period, r.period_end, r.file, o.metric, o.metric_key,
		o.lesson, o.cause, o.achievement, o.status
		FROM outcome_rows o JOIN reviews r ON r.id = o.review_id
		WHERE trim(o.lesson) <> ''
		ORDER BY r.period_end DESC, r.team_key, o.seq`, nil, func(rows *sql.Rows) error {
		var l fupan.Lesson
		var end string
		var ach sql.NullFloat64
		if err := rows.Scan(&l.Team, &l.TeamKey, &l.Period, &end, &l.File, &l.Metric, &l.MetricKey, &l.Text, &l.Cause, &ach, &l.Status); err != nil {
			return err
		}
		l.End = ISODate(end)
		if ach.Valid {
			v := ach.Float64
			l.Achievement = &v
		}
		l.Kind = fupan.LessonKind(l.Text, l.Status)
		out = append(out, l)
		return nil
	})
	return out, err
}
