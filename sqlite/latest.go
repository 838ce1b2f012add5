package sqlite

import (
	"context"
	"database/sql"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Latest is each team's latest recorded review, with the rows a reminder
// needs: the plan's tasks, the tracked milestones (which say what is done)
// and the follow-up actions. Team keys come with it.
func (h *DB) Latest(ctx context.Context) ([]*fupan.Review, []string, error) {
	fail := func(err error) ([]*fupan.Review, []string, error) {
		return nil, nil, herr(h.path, "read", classify(err))
	}
	rows, err := h.db.QueryContext(ctx, `SELECT r.id, r.team_key, r.team, r.period, r.file, r.lang, r.reviewer FROM reviews r
		WHERE r.period_end = (SELECT max(period_end) FROM reviews WHERE team_key = r.team_key)
		ORDER BY r.team_key, r.period_start DESC`)
	if err != nil {
		return fail(err)
	}
	var reviews []*fupan.Review
	var keys []string
	byID := map[int64]*fupan.Review{}
	for rows.Next() {
		var id int64
		var key, lang string
		rv := &fupan.Review{}
		if err := rows.Scan(&id, &key, &rv.Meta.Team, &rv.Meta.Period, &rv.File, &lang, &rv.Meta.Reviewer); err != nil {
			_ = rows.Close()
			return fail(err)
		}
		if len(keys) > 0 && keys[len(keys)-1] == key {
			continue // two periods ending the same day: the shorter, listed first
		}
		rv.Meta.Lang = fupan.Lang(lang)
		reviews, keys = append(reviews, rv), append(keys, key)
		byID[id] = rv
	}
	if err := rows.Close(); err != nil {
		return fail(err)
	}
	for id, rv := range byID {
		if err := h.latestRows(ctx, id, rv); err != nil {
			return fail(err)
		}
	}
	return reviews, keys, nil
}

// latestRows reads a recorded review's rows that remind and next need: its
// plan's tasks, tracked tasks, actions and follow-ups.
func (h *DB) latestRows(ctx context.Context, id int64, rv *fupan.Review) error {
	return historysql.LatestRows(ctx, h.db, historysql.SQLite, id, rv)
}

// eachRow calls scan on each row of a query about one review.
func (h *DB) eachRow(ctx context.Context, query string, id int64, scan func(*sql.Rows) error) error {
	return historysql.Each(ctx, h.db, query, []any{id}, scan)
}

// LastReminded is the day (ISO, local) a robot last sent a reminder of an
// item in a state ("due", "overdue"); "" where it never did.
func (h *DB) LastReminded(ctx context.Context, robotID, teamKey, item, state string) (string, error) {
	var day string
	err := h.db.QueryRowContext(ctx, `SELECT sent_on FROM reminders WHERE robot = ? AND team_key = ? AND item = ? AND state = ?`,
		robotID, teamKey, item, state).Scan(&day)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", herr(h.path, "read", classify(err))
	}
	return day, nil
}

// MarkReminded records that a robot sent a reminder of an item on a day.
func (h *DB) MarkReminded(ctx context.Context, robotID, teamKey, item, state, day string) error {
	h.write.Lock()
	defer h.write.Unlock()
	_, err := h.db.ExecContext(ctx, `INSERT INTO reminders (robot, team_key, item, state, sent_on) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (robot, team_key, item, state) DO UPDATE SET sent_on = excluded.sent_on`, robotID, teamKey, item, state, day)
	if err != nil {
		return herr(h.path, "record", classify(err))
	}
	return nil
}

// ForgetReminded takes back the record of a reminder (one recorded before
// it went, then refused): the next run sends it.
func (h *DB) ForgetReminded(ctx context.Context, robotID, teamKey, item, state string) error {
	h.write.Lock()
	defer h.write.Unlock()
	_, err := h.db.ExecContext(ctx, `DELETE FROM reminders WHERE robot = ? AND team_key = ? AND item = ? AND state = ?`, robotID, teamKey, item, state)
	if err != nil {
		return herr(h.path, "record", classify(err))
	}
	return nil
}
