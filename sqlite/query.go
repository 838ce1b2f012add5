package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Reviews lists the recorded reviews ordered by team and period; teamKey ""
// lists every team's.
func (h *DB) Reviews(ctx context.Context, teamKey string) ([]Entry, error) {
	var list []Entry
	err := h.EachReview(ctx, teamKey, func(e Entry) error {
		list = append(list, e)
		return nil
	})
	return list, err
}

// EachReview calls fn with each recorded review in the order of Reviews,
// holding none of them: a history of any size is listed in little memory.
func (h *DB) EachReview(ctx context.Context, teamKey string, fn func(Entry) error) error {
	q := `SELECT team_key, team, period, period_start, period_end, file, sha256, site, summary, recorded_at FROM reviews`
	var args []any
	if teamKey != "" {
		q += ` WHERE team_key = ?`
		args = append(args, teamKey)
	}
	rows, err := h.db.QueryContext(ctx, q+` ORDER BY team_key, period_start, period_end DESC`, args...)
	if err != nil {
		return herr(h.path, "read", classify(err))
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var e Entry
		var start, end, recorded string
		var summary []byte
		if err := rows.Scan(&e.TeamKey, &e.Team, &e.Period, &start, &end, &e.File, &e.SHA256, &e.Site, &summary, &recorded); err != nil {
			return herr(h.path, "read", err)
		}
		e.Summary = summary
		if !json.Valid(e.Summary) {
			return herr(h.path, "read", fmt.Errorf("%w: summary of %s %s", ErrDamaged, e.Team, e.Period))
		}
		e.Start, e.End = isoDate(start), isoDate(end)
		e.RecordedAt, _ = time.Parse(time.RFC3339, recorded)
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return herr(h.path, "read", classify(err))
	}
	return nil
}

// Forget removes one team's review of one period; false when there was none.
func (h *DB) Forget(ctx context.Context, teamKey, period string) (bool, error) {
	h.write.Lock()
	defer h.write.Unlock()
	fail := func(err error) (bool, error) { return false, herr(h.path, "forget", classify(err)) }
	tx, err := h.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer func() { _ = tx.Rollback() }()
	res, err := tx.ExecContext(ctx, "DELETE FROM reviews WHERE team_key = ? AND period = ?", teamKey, period)
	if err != nil {
		return fail(err)
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, historysql.Changed); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return true, nil
}

// Snapshot is the history as it stood when it was taken: a run looks up
// previous periods in it, so the order in which its workers finish (and
// record) changes nothing.
type Snapshot struct {
	h       *DB
	mu      sync.Mutex
	conn    *sql.Conn
	reviews *sql.Stmt // a team's reviews
	metrics *sql.Stmt // their metrics
	actions *sql.Stmt // their follow-up actions
	follows *sql.Stmt // their follow-ups of earlier actions
	holder  *sql.Stmt // whose review a team's period is
}

const (
	pastReviews = `SELECT id, team, period, period_start, period_end, file, summary
		FROM reviews WHERE team_key = ? ORDER BY period_end, period_start DESC`
	pastMetrics = `SELECT o.review_id, o.metric_key, o.metric, o.achievement, o.status
		FROM outcome_rows o JOIN reviews r ON r.id = o.review_id WHERE r.team_key = ? ORDER BY o.review_id, o.seq`
	pastActions = `SELECT a.review_id, a.item, a.measure, a.owner, coalesce(a.due, ''), a.due_text, a.acceptance, a.status, a.done
		FROM action_rows a JOIN reviews r ON r.id = a.review_id WHERE r.team_key = ? ORDER BY a.review_id, a.seq`
	pastFollows = `SELECT f.review_id, f.cell, f.action, f.measure, f.owner, coalesce(f.due, ''), f.from_period, f.status, coalesce(f.done_on, ''), f.effect
		FROM followup_rows f JOIN reviews r ON r.id = f.review_id WHERE r.team_key = ? ORDER BY f.review_id, f.seq`
)

// Snapshot begins a read transaction that lasts until Close.
func (h *DB) Snapshot(ctx context.Context) (fupan.HistorySnapshot, error) {
	fail := func(err error) (fupan.HistorySnapshot, error) { return nil, herr(h.path, "read", classify(err)) }
	conn, err := h.db.Conn(ctx)
	if err != nil {
		return fail(err)
	}
	// BEGIN alone takes no snapshot: the first read does.
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		_ = conn.Close()
		return fail(err)
	}
	var n int
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM reviews").Scan(&n); err != nil {
		_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
		_ = conn.Close()
		return fail(err)
	}
	s := &Snapshot{h: h, conn: conn}
	if s.reviews, err = conn.PrepareContext(ctx, pastReviews); err == nil {
		if s.metrics, err = conn.PrepareContext(ctx, pastMetrics); err == nil {
			if s.actions, err = conn.PrepareContext(ctx, pastActions); err == nil {
				if s.follows, err = conn.PrepareContext(ctx, pastFollows); err == nil {
					s.holder, err = conn.PrepareContext(ctx, holderQuery)
				}
			}
		}
	}
	if err != nil {
		_ = s.Close()
		return fail(err)
	}
	return s, nil
}

// Close ends the snapshot.
func (s *Snapshot) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range []*sql.Stmt{s.reviews, s.metrics, s.actions, s.follows, s.holder} {
		if st != nil {
			_ = st.Close()
		}
	}
	_, err := s.conn.ExecContext(context.Background(), "ROLLBACK")
	if cerr := s.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

// Holder is whose review the history held of a team's period when the
// snapshot was taken; found is false where it held none.
func (s *Snapshot) Holder(ctx context.Context, teamKey, period string) (holder Holder, found bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var modified string
	err = s.holder.QueryRowContext(ctx, teamKey, period).Scan(&holder.File, &holder.SHA256, &holder.Output, &holder.Input, &holder.Site, &modified)
	switch {
	case err == nil:
		return holder, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return Holder{}, false, nil
	}
	return Holder{}, false, herr(s.h.path, "read", classify(err))
}

// Past is every recorded review of a team, oldest first, with its metrics.
func (s *Snapshot) Past(ctx context.Context, teamKey string) ([]fupan.Past, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	past, err := s.past(ctx, teamKey)
	if err != nil {
		return nil, herr(s.h.path, "read", classify(err))
	}
	return past, nil
}

func (s *Snapshot) past(ctx context.Context, teamKey string) ([]fupan.Past, error) {
	rows, err := s.reviews.QueryContext(ctx, teamKey)
	if err != nil {
		return nil, err
	}
	var past []fupan.Past
	index := map[int64]int{}
	for rows.Next() {
		var id int64
		var p fupan.Past
		var start, end, summary string
		if err := rows.Scan(&id, &p.Team, &p.Period.Label, &start, &end, &p.File, &summary); err != nil {
			_ = rows.Close()
			return nil, err
		}
		p.Period.Start, p.Period.End = isoDate(start), isoDate(end)
		if err := json.Unmarshal([]byte(summary), &p.Summary); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("%w: summary of %s %s: %v", ErrDamaged, p.Team, p.Period.Label, err)
		}
		index[id] = len(past)
		past = append(past, p)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(past) == 0 {
		return nil, nil
	}
	rows, err = s.metrics.QueryContext(ctx, teamKey)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var id int64
		var m fupan.PastMetric
		var ach sql.NullFloat64
		if err := rows.Scan(&id, &m.Key, &m.Name, &ach, &m.Status); err != nil {
			return nil, err
		}
		if ach.Valid {
			v := ach.Float64
			m.Achievement = &v
		}
		if i, ok := index[id]; ok {
			past[i].Metrics = append(past[i].Metrics, m)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.pastActions(ctx, teamKey, past, index); err != nil {
		return nil, err
	}
	return past, s.pastFollows(ctx, teamKey, past, index)
}

// pastFollows adds each review's follow-ups of earlier actions: the action
// register is kept from them (fupan.Register).
func (s *Snapshot) pastFollows(ctx context.Context, teamKey string, past []fupan.Past, index map[int64]int) error {
	rows, err := s.follows.QueryContext(ctx, teamKey)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var id int64
		var f fupan.FollowUp
		var cell, due, doneOn string
		if err := rows.Scan(&id, &cell, &f.Action, &f.Measure, &f.Owner, &due, &f.FromPeriod, &f.Status, &doneOn, &f.Effect); err != nil {
			return err
		}
		f.Due, f.DoneOn = isoDate(due), isoDate(doneOn)
		if cell != "" {
			// Where the row was is not needed, only that it was mentioned.
			f.Ref = &fupan.Ref{}
		}
		if i, ok := index[id]; ok {
			past[i].Followups = append(past[i].Followups, f)
		}
	}
	return rows.Err()
}

// pastActions adds each review's follow-up actions.
func (s *Snapshot) pastActions(ctx context.Context, teamKey string, past []fupan.Past, index map[int64]int) error {
	rows, err := s.actions.QueryContext(ctx, teamKey)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var id int64
		var a fupan.ActionRow
		var due string
		if err := rows.Scan(&id, &a.Item, &a.Measure, &a.Owner, &due, &a.DueText, &a.Acceptance, &a.Status, &a.Done); err != nil {
			return err
		}
		a.Due = isoDate(due)
		if i, ok := index[id]; ok {
			past[i].Actions = append(past[i].Actions, a)
		}
	}
	return rows.Err()
}

// isoDate reads a stored date; a damaged one reads as none.
func isoDate(s string) fupan.Date { return historysql.ISODate(s) }

// Past is every recorded review of a team as the history holds it now.
func (h *DB) Past(ctx context.Context, teamKey string) ([]fupan.Past, error) {
	s, err := h.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = s.Close() }()
	return s.Past(ctx, teamKey)
}
