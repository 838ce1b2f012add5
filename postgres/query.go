package postgres

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

// Reviews lists the recorded reviews ordered by team and period.
func (h *DB) Reviews(ctx context.Context, teamKey string) ([]fupan.HistoryEntry, error) {
	var list []fupan.HistoryEntry
	err := h.EachReview(ctx, teamKey, func(e fupan.HistoryEntry) error {
		list = append(list, e)
		return nil
	})
	return list, err
}

// EachReview calls fn with each recorded review in the order of Reviews.
func (h *DB) EachReview(ctx context.Context, teamKey string, fn func(fupan.HistoryEntry) error) error {
	q := `SELECT team_key, team, period, period_start, period_end, file, sha256, site, summary, recorded_at FROM reviews`
	var args []any
	if teamKey != "" {
		q += ` WHERE team_key = $1`
		args = append(args, teamKey)
	}
	rows, err := h.db.QueryContext(ctx, q+` ORDER BY team_key, period_start, period_end DESC`, args...)
	if err != nil {
		return h.fail("read", err)
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var e fupan.HistoryEntry
		var start, end, recorded string
		var summary []byte
		if err := rows.Scan(&e.TeamKey, &e.Team, &e.Period, &start, &end, &e.File, &e.SHA256, &e.Site, &summary, &recorded); err != nil {
			return h.fail("read", err)
		}
		e.Summary = summary
		if !json.Valid(e.Summary) {
			return h.fail("read", fmt.Errorf("%w: summary of %s %s", fupan.ErrHistoryDamaged, e.Team, e.Period))
		}
		e.Start, e.End = isoDate(start), isoDate(end)
		e.RecordedAt, _ = time.Parse(time.RFC3339, recorded)
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return h.fail("read", err)
	}
	return nil
}

// Snapshot is a REPEATABLE READ, read-only transaction: every read of a run
// sees the history as it stood at the first, whatever other sites record.
type Snapshot struct {
	h  *DB
	mu sync.Mutex
	tx *sql.Tx
}

const (
	pastReviews = `SELECT id, team, period, period_start, period_end, file, summary
		FROM reviews WHERE team_key = $1 ORDER BY period_end, period_start DESC`
	pastMetrics = `SELECT o.review_id, o.metric_key, o.metric, o.achievement, o.status
		FROM outcome_rows o JOIN reviews r ON r.id = o.review_id WHERE r.team_key = $1 ORDER BY o.review_id, o.seq`
	pastActions = `SELECT a.review_id, a.item, a.measure, a.owner, coalesce(a.due, ''), a.due_text, a.acceptance, a.status, a.done
		FROM action_rows a JOIN reviews r ON r.id = a.review_id WHERE r.team_key = $1 ORDER BY a.review_id, a.seq`
)

// Snapshot begins the snapshot; it lasts until Close.
func (h *DB) Snapshot(ctx context.Context) (fupan.HistorySnapshot, error) {
	tx, err := h.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, h.fail("read", err)
	}
	// The snapshot is taken at the first statement, not at BEGIN.
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_version`).Scan(&n); err != nil {
		_ = tx.Rollback()
		return nil, h.fail("read", err)
	}
	return &Snapshot{h: h, tx: tx}, nil
}

// Close ends the snapshot.
func (s *Snapshot) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}

// Holder is whose review the history held of a team's period.
func (s *Snapshot) Holder(ctx context.Context, teamKey, period string) (holder fupan.Holder, found bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	err = s.tx.QueryRowContext(ctx, holderQuery, teamKey, period).Scan(&holder.File, &holder.SHA256, &holder.Output, &holder.Input, &holder.Site)
	switch {
	case err == nil:
		return holder, true, nil
	case errors.Is(err, sql.ErrNoRows):
		return fupan.Holder{}, false, nil
	}
	return fupan.Holder{}, false, s.h.fail("read", err)
}

// Past is every recorded review of a team, oldest first, with its metrics
// and actions.
func (s *Snapshot) Past(ctx context.Context, teamKey string) ([]fupan.Past, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	past, err := pastOf(ctx, s.tx, teamKey)
	if err != nil {
		return nil, s.h.fail("read", err)
	}
	return past, nil
}

// Past is every recorded review of a team as the history holds it now.
func (h *DB) Past(ctx context.Context, teamKey string) ([]fupan.Past, error) {
	s, err := h.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = s.Close() }()
	return s.Past(ctx, teamKey)
}

// querier is a transaction or the database.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func pastOf(ctx context.Context, q querier, teamKey string) ([]fupan.Past, error) {
	var past []fupan.Past
	index := map[int64]int{}
	err := each(ctx, q, pastReviews, []any{teamKey}, func(rows *sql.Rows) error {
		var id int64
		var p fupan.Past
		var start, end, summary string
		if err := rows.Scan(&id, &p.Team, &p.Period.Label, &start, &end, &p.File, &summary); err != nil {
			return err
		}
		p.Period.Start, p.Period.End = isoDate(start), isoDate(end)
		if err := json.Unmarshal([]byte(summary), &p.Summary); err != nil {
			return fmt.Errorf("%w: summary of %s %s: %v", fupan.ErrHistoryDamaged, p.Team, p.Period.Label, err)
		}
		index[id] = len(past)
		past = append(past, p)
		return nil
	})
	if err != nil || len(past) == 0 {
		return nil, err
	}
	err = each(ctx, q, pastMetrics, []any{teamKey}, func(rows *sql.Rows) error {
		var id int64
		var m fupan.PastMetric
		var ach sql.NullFloat64
		if err := rows.Scan(&id, &m.Key, &m.Name, &ach, &m.Status); err != nil {
			return err
		}
		if ach.Valid {
			v := ach.Float64
			m.Achievement = &v
		}
		if i, ok := index[id]; ok {
			past[i].Metrics = append(past[i].Metrics, m)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = each(ctx, q, pastActions, []any{teamKey}, func(rows *sql.Rows) error {
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
		return nil
	})
	return past, err
}

// each and isoDate are the reads every store shares.
func each(ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) error) error {
	return historysql.Each(ctx, q, query, args, scan)
}

func isoDate(s string) fupan.Date { return historysql.ISODate(s) }
