package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Rename puts every review of team key from under key to, and its team name
// to name, in one transaction, as sqlite's Rename does. The tables are
// locked against other sites' recordings for its length: a review recorded
// under either key meanwhile would otherwise meet the moved ones.
func (h *DB) Rename(ctx context.Context, from, to, name string) (fupan.Renamed, error) {
	var res fupan.Renamed
	if from == to {
		return res, nil
	}
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return res, h.fail("rename", err)
	}
	fail := func(err error) (fupan.Renamed, error) {
		_ = tx.Rollback()
		return fupan.Renamed{}, h.fail("rename", err)
	}
	if _, err := tx.ExecContext(ctx, `LOCK TABLE reviews, reminders IN SHARE ROW EXCLUSIVE MODE`); err != nil {
		return fail(err)
	}
	// Periods of both: the one recorded earlier goes (on a tie, the old
	// name's). Times are RFC 3339 UTC, compared as bytes.
	var gone []int64
	err = each(ctx, tx, `SELECT a.id, a.team, a.period, a.file, b.id, b.team, b.file, a.recorded_at COLLATE "C" <= b.recorded_at COLLATE "C"
		FROM reviews a JOIN reviews b ON a.period = b.period WHERE a.team_key = $1 AND b.team_key = $2 ORDER BY a.period`,
		[]any{from, to}, func(rows *sql.Rows) error {
			var aID, bID int64
			var aTeam, period, aFile, bTeam, bFile string
			var aOlder bool
			if err := rows.Scan(&aID, &aTeam, &period, &aFile, &bID, &bTeam, &bFile, &aOlder); err != nil {
				return err
			}
			if aOlder {
				gone = append(gone, aID)
				res.Dropped = append(res.Dropped, fupan.Dropped{Team: aTeam, Period: period, File: aFile})
			} else {
				gone = append(gone, bID)
				res.Dropped = append(res.Dropped, fupan.Dropped{Team: bTeam, Period: period, File: bFile})
			}
			return nil
		})
	if err != nil {
		return fail(err)
	}
	for _, id := range gone {
		if _, err := tx.ExecContext(ctx, `DELETE FROM reviews WHERE id = $1`, id); err != nil {
			return fail(err)
		}
	}
	r, err := tx.ExecContext(ctx, `UPDATE reviews SET team_key = $1 WHERE team_key = $2`, to, from)
	if err != nil {
		return fail(err)
	}
	n, _ := r.RowsAffected()
	res.Moved = int(n)
	named := int64(0)
	if name != "" {
		r, err := tx.ExecContext(ctx, `UPDATE reviews SET team = $1 WHERE team_key = $2`, name, to)
		if err != nil {
			return fail(err)
		}
		named, _ = r.RowsAffected()
	}
	// A reminder recorded under both keys: the later day stays.
	if _, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE team_key = $1 AND EXISTS (SELECT 1 FROM reminders o
		WHERE o.team_key = $2 AND o.robot = reminders.robot AND o.item = reminders.item AND o.state = reminders.state AND o.sent_on >= reminders.sent_on)`, from, to); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE team_key = $1 AND EXISTS (SELECT 1 FROM reminders o
		WHERE o.team_key = $2 AND o.robot = reminders.robot AND o.item = reminders.item AND o.state = reminders.state)`, to, from); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE reminders SET team_key = $1 WHERE team_key = $2`, to, from); err != nil {
		return fail(err)
	}
	// The pages read anew where a review moved, went, or was named anew.
	if res.Moved > 0 || len(res.Dropped) > 0 || named > 0 {
		if _, err := tx.ExecContext(ctx, historysql.Changed); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fupan.Renamed{}, h.fail("rename", err)
	}
	if res.Dropped == nil {
		res.Dropped = []fupan.Dropped{}
	}
	return res, nil
}

// TeamKeys are the keys the history holds reviews under, with the name of
// each key's latest review.
func (h *DB) TeamKeys(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := each(ctx, h.db, `SELECT team_key, team FROM reviews ORDER BY team_key, period_end`, nil, func(rows *sql.Rows) error {
		var k, t string
		if err := rows.Scan(&k, &t); err != nil {
			return err
		}
		out[k] = t
		return nil
	})
	if err != nil {
		return nil, h.fail("read", fmt.Errorf("listing teams: %w", err))
	}
	return out, nil
}

// LastReview is a team's latest recorded review with the rows the next
// period's workbook is made from, read in one snapshot; nil where the
// history holds none of the team.
func (h *DB) LastReview(ctx context.Context, teamKey string) (*fupan.Review, error) {
	tx, err := h.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, h.fail("read", err)
	}
	defer func() { _ = tx.Rollback() }()
	rv := &fupan.Review{}
	var id int64
	var lang, start, end string
	err = tx.QueryRowContext(ctx, `SELECT id, team, period, period_start, period_end, file, lang, reviewer FROM reviews
		WHERE team_key = $1 ORDER BY period_end DESC, period_start LIMIT 1`, teamKey).
		Scan(&id, &rv.Meta.Team, &rv.Meta.Period, &start, &end, &rv.File, &lang, &rv.Meta.Reviewer)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, h.fail("read", err)
	}
	rv.Meta.Lang, rv.Meta.PeriodStart, rv.Meta.PeriodEnd = fupan.Lang(lang), isoDate(start), isoDate(end)
	if err := latestRows(ctx, tx, id, rv); err != nil {
		return nil, h.fail("read", err)
	}
	// The plan in full, and the metrics, in place of latestRows' tasks.
	rv.Plan = nil
	for _, q := range []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{`SELECT goal, task, owner, coalesce(start, ''), coalesce(due, ''), resources, budget, people, acceptance
			FROM plan_rows WHERE review_id = $1 ORDER BY seq`, func(r *sql.Rows) error {
			var p fupan.PlanRow
			var s, e string
			var budget, people sql.NullFloat64
			err := r.Scan(&p.Goal, &p.Task, &p.Owner, &s, &e, &p.Resources, &budget, &people, &p.Acceptance)
			p.Start, p.End, p.Budget, p.People = isoDate(s), isoDate(e), nullFloat(budget), nullFloat(people)
			rv.Plan = append(rv.Plan, p)
			return err
		}},
		{`SELECT metric, unit, direction FROM outcome_rows WHERE review_id = $1 ORDER BY seq`, func(r *sql.Rows) error {
			var o fupan.OutcomeRow
			err := r.Scan(&o.Metric, &o.Unit, &o.Direction)
			rv.Outcomes = append(rv.Outcomes, o)
			return err
		}},
		{`SELECT task, actual FROM tracking_rows WHERE review_id = $1 ORDER BY seq`, func(r *sql.Rows) error {
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
		if err := each(ctx, tx, q.query, []any{id}, q.scan); err != nil {
			return nil, h.fail("read", fmt.Errorf("rows of %s %s: %w", rv.Meta.Team, rv.Meta.Period, err))
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
