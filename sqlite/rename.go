package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Dropped is a review a rename left out.
type Dropped = fupan.Dropped

// Renamed is what a rename did.
type Renamed = fupan.Renamed

// Rename puts every review of team key from under key to, and its team name
// to name, in one transaction: a process killed at any moment leaves the
// history as it was, or renamed whole. Where both keys hold a period, the
// review recorded later is kept and the other listed in Dropped. The record
// of reminders follows.
func (h *DB) Rename(ctx context.Context, from, to, name string) (Renamed, error) {
	var res Renamed
	if from == to {
		return res, nil
	}
	h.write.Lock()
	defer h.write.Unlock()
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return res, &Error{Path: h.path, Op: "rename", Err: classify(err)}
	}
	fail := func(err error) (Renamed, error) {
		_ = tx.Rollback()
		return Renamed{}, &Error{Path: h.path, Op: "rename", Err: classify(err)}
	}
	// Periods of both: the one recorded earlier goes (on a tie, the old
	// name's: the new one was recorded under the rename it asked for).
	rows, err := tx.QueryContext(ctx, `SELECT a.id, a.team, a.period, a.file, b.id, b.team, b.file, a.recorded_at <= b.recorded_at
		FROM reviews a JOIN reviews b ON a.period = b.period WHERE a.team_key = ? AND b.team_key = ? ORDER BY a.period`, from, to)
	if err != nil {
		return fail(err)
	}
	var gone []int64
	for rows.Next() {
		var aID, bID int64
		var aTeam, period, aFile, bTeam, bFile string
		var aOlder bool
		if err := rows.Scan(&aID, &aTeam, &period, &aFile, &bID, &bTeam, &bFile, &aOlder); err != nil {
			_ = rows.Close()
			return fail(err)
		}
		if aOlder {
			gone = append(gone, aID)
			res.Dropped = append(res.Dropped, Dropped{Team: aTeam, Period: period, File: aFile})
		} else {
			gone = append(gone, bID)
			res.Dropped = append(res.Dropped, Dropped{Team: bTeam, Period: period, File: bFile})
		}
	}
	if err := rows.Close(); err != nil {
		return fail(err)
	}
	for _, id := range gone {
		if _, err := tx.ExecContext(ctx, "DELETE FROM reviews WHERE id = ?", id); err != nil {
			return fail(err)
		}
	}
	var r sql.Result
	if r, err = tx.ExecContext(ctx, "UPDATE reviews SET team_key = ? WHERE team_key = ?", to, from); err != nil {
		return fail(err)
	}
	n, _ := r.RowsAffected()
	res.Moved = int(n)
	named := int64(0)
	if name != "" {
		r, err := tx.ExecContext(ctx, "UPDATE reviews SET team = ? WHERE team_key = ?", name, to)
		if err != nil {
			return fail(err)
		}
		named, _ = r.RowsAffected()
	}
	// A reminder recorded under both keys: the later day stays.
	if _, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE team_key = ? AND EXISTS (SELECT 1 FROM reminders o
		WHERE o.team_key = ? AND o.robot = reminders.robot AND o.item = reminders.item AND o.state = reminders.state AND o.sent_on >= reminders.sent_on)`, from, to); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE team_key = ? AND EXISTS (SELECT 1 FROM reminders o
		WHERE o.team_key = ? AND o.robot = reminders.robot AND o.item = reminders.item AND o.state = reminders.state)`, to, from); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE reminders SET team_key = ? WHERE team_key = ?", to, from); err != nil {
		return fail(err)
	}
	// The pages read anew where a review moved, went, or was named anew.
	if res.Moved > 0 || len(res.Dropped) > 0 || named > 0 {
		if _, err := tx.ExecContext(ctx, historysql.Changed); err != nil {
			return fail(err)
		}
	}
	if err := tx.Commit(); err != nil {
		return Renamed{}, &Error{Path: h.path, Op: "rename", Err: classify(err)}
	}
	if res.Dropped == nil {
		res.Dropped = []Dropped{}
	}
	return res, nil
}

// TeamKeys are the keys the history holds reviews under, with the name of
// each key's latest review.
func (h *DB) TeamKeys(ctx context.Context) (map[string]string, error) {
	rows, err := h.db.QueryContext(ctx, `SELECT team_key, team FROM reviews ORDER BY team_key, period_end`)
	if err != nil {
		return nil, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	defer func() { _ = rows.Close() }()
	out := map[string]string{}
	for rows.Next() {
		var k, t string
		if err := rows.Scan(&k, &t); err != nil {
			return nil, &Error{Path: h.path, Op: "read", Err: err}
		}
		out[k] = t
	}
	if err := rows.Err(); err != nil {
		return nil, &Error{Path: h.path, Op: "read", Err: fmt.Errorf("listing teams: %w", classify(err))}
	}
	return out, nil
}
