package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"os"
)

// Stats is what `fupan doctor` says of a history: its schema, size and the
// review recorded last.
type Stats struct {
	Schema       int    `json:"schema"`
	Bytes        int64  `json:"bytes"`
	Reviews      int    `json:"reviews"`
	LastTeam     string `json:"last_team,omitempty"`
	LastPeriod   string `json:"last_period,omitempty"`
	LastRecorded string `json:"last_recorded,omitempty"`
	Integrity    string `json:"integrity"`
}

// Stats reads the history's figures and runs SQLite's quick check.
func (h *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	fail := func(err error) (Stats, error) { return s, &Error{Path: h.path, Op: "read", Err: classify(err)} }
	if fi, err := os.Stat(h.path); err == nil {
		s.Bytes = fi.Size()
	}
	if err := h.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&s.Schema); err != nil {
		return fail(err)
	}
	if err := h.db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&s.Integrity); err != nil {
		return fail(err)
	}
	if err := h.db.QueryRowContext(ctx, "SELECT count(*) FROM reviews").Scan(&s.Reviews); err != nil {
		return fail(err)
	}
	err := h.db.QueryRowContext(ctx, "SELECT team, period, recorded_at FROM reviews ORDER BY recorded_at DESC, id DESC LIMIT 1").
		Scan(&s.LastTeam, &s.LastPeriod, &s.LastRecorded)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fail(err)
	}
	return s, nil
}
