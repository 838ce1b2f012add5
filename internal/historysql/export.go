// Package historysql reads a whole history back out of either store: the
// SQLite and PostgreSQL schemas have the same tables and columns at every
// version (their migrations are in lockstep), so one reader serves both, the
// queries' ? turned into $n for PostgreSQL.
package historysql

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
)

// Querier is a database or a transaction.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Dialect turns a query written with ? into the store's.
type Dialect func(string) string

// SQLite's queries are as written.
func SQLite(q string) string { return q }

// Postgres numbers the parameters.
func Postgres(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

type header struct {
	id  int64
	rec fupan.Recording
}

// EachRecording calls fn with every review of the history, ordered by team
// and period, whole: a Recording that records it again the same.
func EachRecording(ctx context.Context, q Querier, d Dialect, fn func(fupan.Recording) error) error {
	// The reviews first, then their rows: one query open at a time.
	var heads []header
	err := Each(ctx, q, d(`SELECT id, team_key, team, period, file, sha256, lang, reviewer, recorded_at, fupan_version, summary,
		output, input, site, modified FROM reviews ORDER BY team_key, period_start, period_end DESC`), nil, func(rows *sql.Rows) error {
		var h header
		rv := &fupan.Review{}
		var lang, recorded, summary string
		var modified sql.NullString
		if err := rows.Scan(&h.id, &h.rec.TeamKey, &rv.Meta.Team, &rv.Meta.Period, &rv.File, &h.rec.SHA256, &lang, &rv.Meta.Reviewer,
			&recorded, &h.rec.Version, &summary, &h.rec.Output, &h.rec.Input, &h.rec.Site, &modified); err != nil {
			return err
		}
		rv.Meta.Lang = fupan.Lang(lang)
		if err := json.Unmarshal([]byte(summary), &rv.Summary); err != nil {
			return fmt.Errorf("%w: summary of %s %s: %v", fupan.ErrHistoryDamaged, rv.Meta.Team, rv.Meta.Period, err)
		}
		h.rec.RecordedAt, _ = time.Parse(time.RFC3339, recorded)
		if modified.Valid {
			h.rec.Modified, _ = time.Parse(time.RFC3339Nano, modified.String)
		}
		h.rec.Review = rv
		heads = append(heads, h)
		return nil
	})
	if err != nil {
		return err
	}
	for _, h := range heads {
		if err := rows(ctx, q, d, h.id, &h.rec); err != nil {
			return fmt.Errorf("rows of %s %s: %w", h.rec.Review.Meta.Team, h.rec.Review.Meta.Period, err)
		}
		if err := fn(h.rec); err != nil {
			return err
		}
	}
	return nil
}

// rows reads a review's tables.
func rows(ctx context.Context, q Querier, d Dialect, id int64, r *fupan.Recording) error {
	rv := r.Review
	keys := map[string]string{}
	r.MetricKey = func(metric string) string { return keys[metric] }
	for _, t := range []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{`SELECT cell, goal, task, owner, coalesce(start, ''), coalesce(due, ''), resources, budget, people, acceptance FROM plan_rows WHERE review_id = ? ORDER BY seq`,
			func(rows *sql.Rows) error {
				var p fupan.PlanRow
				var cell, start, end string
				err := rows.Scan(&cell, &p.Goal, &p.Task, &p.Owner, &start, &end, &p.Resources, &p.Budget, &p.People, &p.Acceptance)
				p.Ref, _ = fupan.ParseRef(cell)
				p.Start, p.End = ISODate(start), ISODate(end)
				rv.Plan = append(rv.Plan, p)
				return err
			}},
		{`SELECT cell, task, plan_task, planned, actual, deviation, stated_deviation, state, done, problem, countermeasure, owner FROM tracking_rows WHERE review_id = ? ORDER BY seq`,
			func(rows *sql.Rows) error {
				var t fupan.TrackingRow
				var cell string
				err := rows.Scan(&cell, &t.Task, &t.PlanTask, &t.PlannedText, &t.ActualText, &t.Deviation, &t.StatedDeviation, &t.State, &t.Done, &t.Problem, &t.Countermeasure, &t.Owner)
				t.Ref, _ = fupan.ParseRef(cell)
				rv.Tracking = append(rv.Tracking, t)
				return err
			}},
		{`SELECT cell, metric, metric_key, target, target_text, actual, actual_text, unit, direction, achievement, stated_achievement, deviation, status, cause, lesson
			FROM outcome_rows WHERE review_id = ? ORDER BY seq`,
			func(rows *sql.Rows) error {
				var o fupan.OutcomeRow
				var cell, key string
				err := rows.Scan(&cell, &o.Metric, &key, &o.Target, &o.TargetText, &o.Actual, &o.ActualText, &o.Unit, &o.Direction,
					&o.Achievement, &o.StatedAchievement, &o.Deviation, &o.Status, &o.Cause, &o.Lesson)
				o.Ref, _ = fupan.ParseRef(cell)
				keys[o.Metric] = key
				rv.Outcomes = append(rv.Outcomes, o)
				return err
			}},
		{`SELECT cell, item, measure, owner, coalesce(due, ''), due_text, support, acceptance, status, done FROM action_rows WHERE review_id = ? ORDER BY seq`,
			func(rows *sql.Rows) error {
				var a fupan.ActionRow
				var cell, due string
				err := rows.Scan(&cell, &a.Item, &a.Measure, &a.Owner, &due, &a.DueText, &a.Support, &a.Acceptance, &a.Status, &a.Done)
				a.Ref, _ = fupan.ParseRef(cell)
				a.Due = ISODate(due)
				rv.Actions = append(rv.Actions, a)
				return err
			}},
		{`SELECT cell, action, measure, owner, coalesce(due, ''), from_period, status, coalesce(done_on, ''), effect FROM followup_rows WHERE review_id = ? ORDER BY seq`,
			func(rows *sql.Rows) error {
				var f fupan.FollowUp
				var cell, due, doneOn string
				err := rows.Scan(&cell, &f.Action, &f.Measure, &f.Owner, &due, &f.FromPeriod, &f.Status, &doneOn, &f.Effect)
				if ref, ok := fupan.ParseRef(cell); ok && cell != "" {
					f.Ref = &ref
				}
				f.Due, f.DoneOn = ISODate(due), ISODate(doneOn)
				rv.Followup = append(rv.Followup, f)
				return err
			}},
		{`SELECT code, severity, count FROM findings WHERE review_id = ? ORDER BY code`,
			func(rows *sql.Rows) error {
				// Counts are what a history keeps of findings: as many
				// as counted record the same counts again.
				var code, severity string
				var n int
				err := rows.Scan(&code, &severity, &n)
				for range n {
					rv.Findings = append(rv.Findings, fupan.Finding{Code: fupan.Code(code), Severity: fupan.Severity(severity)})
				}
				return err
			}},
	} {
		if err := Each(ctx, q, d(t.query), []any{id}, t.scan); err != nil {
			return err
		}
	}
	return nil
}

// Reminders are every reminder recorded.
func Reminders(ctx context.Context, q Querier) ([]fupan.Reminder, error) {
	var out []fupan.Reminder
	err := Each(ctx, q, `SELECT robot, team_key, item, state, sent_on FROM reminders ORDER BY robot, team_key, item, state`, nil, func(rows *sql.Rows) error {
		var r fupan.Reminder
		err := rows.Scan(&r.Robot, &r.TeamKey, &r.Item, &r.State, &r.SentOn)
		out = append(out, r)
		return err
	})
	return out, err
}

// Each calls scan on each row of a query: the loop every store's reads share.
func Each(ctx context.Context, q Querier, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ISODate reads a stored date; a damaged one reads as none.
func ISODate(s string) fupan.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return fupan.Date{}
	}
	return fupan.DateOf(t)
}
