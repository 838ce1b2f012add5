package postgres

import (
	"context"
	"database/sql"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Latest is each team's latest recorded review, with the rows a reminder
// and next need, read in one snapshot. Team keys come with it.
func (h *DB) Latest(ctx context.Context) ([]*fupan.Review, []string, error) {
	tx, err := h.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, nil, h.fail("read", err)
	}
	defer func() { _ = tx.Rollback() }()
	var reviews []*fupan.Review
	var keys []string
	byID := map[int64]*fupan.Review{}
	err = each(ctx, tx, `SELECT r.id, r.team_key, r.team, r.period, r.file, r.lang, r.reviewer FROM reviews r
		WHERE r.period_end = (SELECT max(period_end) FROM reviews WHERE team_key = r.team_key)
		ORDER BY r.team_key, r.period_start DESC`, nil, func(rows *sql.Rows) error {
		var id int64
		var key, lang string
		rv := &fupan.Review{}
		if err := rows.Scan(&id, &key, &rv.Meta.Team, &rv.Meta.Period, &rv.File, &lang, &rv.Meta.Reviewer); err != nil {
			return err
		}
		if len(keys) > 0 && keys[len(keys)-1] == key {
			return nil // two periods ending the same day: the shorter, listed first
		}
		rv.Meta.Lang = fupan.Lang(lang)
		reviews, keys = append(reviews, rv), append(keys, key)
		byID[id] = rv
		return nil
	})
	if err != nil {
		return nil, nil, h.fail("read", err)
	}
	for id, rv := range byID {
		if err := latestRows(ctx, tx, id, rv); err != nil {
			return nil, nil, h.fail("read", err)
		}
	}
	return reviews, keys, nil
}

// latestRows reads a recorded review's plan tasks, tracked tasks, actions
// and follow-ups.
func latestRows(ctx context.Context, tx *sql.Tx, id int64, rv *fupan.Review) error {
	return historysql.LatestRows(ctx, tx, historysql.Postgres, id, rv)
}

// Lessons are the 经验/教训 of every recorded review, newest period first.
func (h *DB) Lessons(ctx context.Context) ([]fupan.Lesson, error) {
	out, err := historysql.Lessons(ctx, h.db)
	if err != nil {
		return nil, h.fail("read", err)
	}
	return out, nil
}

// LastReminded is the day a robot last reminded of an item in a state.
func (h *DB) LastReminded(ctx context.Context, robotID, teamKey, item, state string) (string, error) {
	var day string
	err := h.db.QueryRowContext(ctx, `SELECT sent_on FROM reminders WHERE robot = $1 AND team_key = $2 AND item = $3 AND state = $4`,
		robotID, teamKey, item, state).Scan(&day)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", h.fail("read", err)
	}
	return day, nil
}

// MarkReminded records that a robot sent a reminder of an item on a day.
func (h *DB) MarkReminded(ctx context.Context, robotID, teamKey, item, state, day string) error {
	_, err := h.db.ExecContext(ctx, `INSERT INTO reminders (robot, team_key, item, state, sent_on) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (robot, team_key, item, state) DO UPDATE SET sent_on = excluded.sent_on`, robotID, teamKey, item, state, day)
	if err != nil {
		return h.fail("record", err)
	}
	return nil
}

// ForgetReminded takes back the record of a reminder.
func (h *DB) ForgetReminded(ctx context.Context, robotID, teamKey, item, state string) error {
	_, err := h.db.ExecContext(ctx, `DELETE FROM reminders WHERE robot = $1 AND team_key = $2 AND item = $3 AND state = $4`, robotID, teamKey, item, state)
	if err != nil {
		return h.fail("record", err)
	}
	return nil
}
