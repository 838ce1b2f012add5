package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/fupan-review/fupan"
)

// LastReview is a team's latest recorded review with the rows the next
// period's workbook is made from (its plan, tracked tasks, metrics, actions
// and follow-ups): for a team whose workbook of this period failed. Nil
// where the history holds none of the team.
func (h *DB) LastReview(ctx context.Context, teamKey string) (*fupan.Review, error) {
	rv := &fupan.Review{}
	var id int64
	var lang, start, end string
	err := h.db.QueryRowContext(ctx, `SELECT id, team, period, period_start, period_end, file, lang, reviewer FROM reviews
		WHERE team_key = ? ORDER BY period_end DESC, period_start LIMIT 1`, teamKey).
		Scan(&id, &rv.Meta.Team, &rv.Meta.Period, &start, &end, &rv.File, &lang, &rv.Meta.Reviewer)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	rv.Meta.Lang, rv.Meta.PeriodStart, rv.Meta.PeriodEnd = fupan.Lang(lang), isoDate(start), isoDate(end)
	if err := h.latestRows(ctx, id, rv); err != nil {
		return nil, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	// The plan in full, and the metrics, in place of latestRows' tasks.
	rv.Plan = nil
	for _, q := range []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{`SELECT goal, task, owner, coalesce(start, ''), coalesce(due, ''), resources, budget, people, acceptance
			FROM plan_rows WHERE review_id = ? ORDER BY seq`, func(r *sql.Rows) error {
			var p fupan.PlanRow
			var s, e string
			var budget, people sql.NullFloat64
			err := r.Scan(&p.Goal, &p.Task, &p.Owner, &s, &e, &p.Resources, &budget, &people, &p.Acceptance)
			p.Start, p.End, p.Budget, p.People = isoDate(s), isoDate(e), nullFloat(budget), nullFloat(people)
			rv.Plan = append(rv.Plan, p)
			return err
		}},
		{`SELECT metric, unit, direction FROM outcome_rows WHERE review_id = ? ORDER BY seq`, func(r *sql.Rows) error {
			var o fupan.OutcomeRow
			err := r.Scan(&o.Metric, &o.Unit, &o.Direction)
			rv.Outcomes = append(rv.Outcomes, o)
			return err
		}},
		{`SELECT task, actual FROM tracking_rows WHERE review_id = ? ORDER BY seq`, func(r *sql.Rows) error {
			var task, actual string
			if err := r.Scan(&task, &actual); err != nil {
				return err
			}
			for i := range rv.Tracking {
				if rv.Tracking[i].Task == task && rv.Tracking[i].ActualText == "" {
					rv.Tracking[i].ActualText = actual
					break
				}
			}
			return nil
		}},
	} {
		if err := h.eachRow(ctx, q.query, id, q.scan); err != nil {
			return nil, &Error{Path: h.path, Op: "read", Err: fmt.Errorf("rows of %s %s: %w", rv.Meta.Team, rv.Meta.Period, classify(err))}
		}
	}
	return rv, nil
}

func nullFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	f := v.Float64
	return &f
}
