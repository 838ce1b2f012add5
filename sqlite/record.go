package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/fupan-review/fupan"
)

// Recording is one review to keep.
type Recording struct {
	Review  *fupan.Review
	TeamKey string // Identity.TeamKey of the review's team
	SHA256  string // of the workbook as read
	// MetricKey folds a metric's name (Identity.MetricKey).
	MetricKey  func(string) string
	RecordedAt time.Time
	Version    string // fupan's
}

// Record keeps a review, replacing the team's entry for the same period, in
// one transaction: a process killed at any moment leaves the history as it
// was, or with the whole review.
func (h *DB) Record(ctx context.Context, r Recording) error {
	if err := h.record(ctx, r); err != nil {
		return &Error{h.path, "record", classify(err)}
	}
	return nil
}

func (h *DB) record(ctx context.Context, r Recording) (err error) {
	rv := r.Review
	period, err := fupan.ParsePeriod(rv.Meta.Period)
	if err != nil {
		return fmt.Errorf("%s: %w", rv.File, err)
	}
	summary, err := json.Marshal(rv.Summary)
	if err != nil {
		return err
	}
	h.write.Lock()
	defer h.write.Unlock()
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	// Rows of the replaced review go with it (ON DELETE CASCADE).
	if _, err = tx.ExecContext(ctx, "DELETE FROM reviews WHERE team_key = ? AND period = ?", r.TeamKey, period.Label); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO reviews (team_key, team, period, period_kind, period_start, period_end,
		file, sha256, lang, reviewer, recorded_at, fupan_version, summary, errors, warnings, infos)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.TeamKey, rv.Meta.Team, period.Label, period.Kind(), period.Start.String(), period.End.String(),
		rv.File, r.SHA256, string(rv.Meta.Lang), rv.Meta.Reviewer, r.RecordedAt.UTC().Format(time.RFC3339), r.Version,
		string(summary), rv.Summary.Errors, rv.Summary.Warnings, rv.Summary.Infos)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if err = insertRows(ctx, tx, id, r); err != nil {
		return err
	}
	return tx.Commit()
}

// insertRows writes the four tables and the findings counts of review id.
func insertRows(ctx context.Context, tx *sql.Tx, id int64, r Recording) error {
	rv := r.Review
	ins := func(query string, args ...any) error {
		_, err := tx.ExecContext(ctx, query, args...)
		return err
	}
	for i, p := range rv.Plan {
		if err := ins(`INSERT INTO plan_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, id, i, p.Ref.String(), p.Goal, p.Task, p.Owner,
			date(p.Start), date(p.End), p.Resources, p.Budget, p.People, p.Acceptance); err != nil {
			return err
		}
	}
	for i, t := range rv.Tracking {
		if err := ins(`INSERT INTO tracking_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, id, i, t.Ref.String(), t.Task, t.PlanTask,
			t.PlannedText, t.ActualText, t.Deviation, t.StatedDeviation, t.State, t.Done, t.Problem, t.Countermeasure, t.Owner); err != nil {
			return err
		}
	}
	for i, o := range rv.Outcomes {
		if err := ins(`INSERT INTO outcome_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, id, i, o.Ref.String(), o.Metric, r.MetricKey(o.Metric),
			o.Target, o.TargetText, o.Actual, o.ActualText, o.Unit, o.Direction, o.Achievement, o.StatedAchievement, o.Deviation,
			o.Status, o.Cause, o.Lesson); err != nil {
			return err
		}
	}
	for i, a := range rv.Actions {
		if err := ins(`INSERT INTO action_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, id, i, a.Ref.String(), a.Item, a.Measure, a.Owner,
			date(a.Due), a.DueText, a.Support, a.Acceptance, a.Status, a.Done); err != nil {
			return err
		}
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
		if err := ins(`INSERT INTO findings VALUES (?,?,?,?)`, id, code, counts[code].severity, counts[code].n); err != nil {
			return err
		}
	}
	return nil
}

// date is an ISO date, or NULL for none.
func date(d fupan.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}
