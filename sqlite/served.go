package sqlite

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Filed is a recorded review as fupan serve's pages read it.
type Filed = fupan.Filed

// LatestTwo is each team's latest two recorded periods, newest first within
// a team: what a dashboard compares.
func (h *DB) LatestTwo(ctx context.Context) ([]Filed, error) {
	out, err := historysql.LatestTwo(ctx, h.db)
	if err != nil {
		return nil, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	return out, nil
}

// TeamFiled is every recorded period of one team, oldest first.
func (h *DB) TeamFiled(ctx context.Context, teamKey string) ([]Filed, error) {
	out, err := historysql.TeamFiled(ctx, h.db, historysql.SQLite, teamKey)
	if err != nil {
		return nil, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	return out, nil
}

// Recorded is every recorded review's team and period, ordered by team and
// period: what a roster is judged from.
func (h *DB) Recorded(ctx context.Context) ([]fupan.Recorded, error) {
	out, err := historysql.Recorded(ctx, h.db)
	if err != nil {
		return nil, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	return out, nil
}

// Size is the history file's size in bytes (its main file; the WAL aside).
func (h *DB) Size(ctx context.Context) (int64, error) {
	var pages, size int64
	if err := h.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		return 0, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	if err := h.db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&size); err != nil {
		return 0, &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	return pages * size, nil
}

// Generation changes whenever a review is recorded, replaced or forgotten,
// or a team renamed: the count of the history's changes (historysql), read
// with the newest id and the count from indexes. A page that reads the whole
// history keeps its answer while the generation stays.
func (h *DB) Generation(ctx context.Context) (string, error) {
	g, err := historysql.Generation(ctx, h.db)
	if err != nil {
		return "", &Error{Path: h.path, Op: "read", Err: classify(err)}
	}
	return g, nil
}
