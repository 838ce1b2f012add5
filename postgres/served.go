package postgres

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// The queries of fupan serve's pages, in the shape of sqlite/served.go: one
// dashboard over every site's teams is what a shared history is for.

// LatestTwo is each team's latest two recorded periods, newest first within
// a team, as SQLite's.
func (h *DB) LatestTwo(ctx context.Context) ([]fupan.Filed, error) {
	out, err := historysql.LatestTwo(ctx, h.db)
	if err != nil {
		return nil, h.fail("read", err)
	}
	return out, nil
}

// TeamFiled is every recorded period of one team, oldest first.
func (h *DB) TeamFiled(ctx context.Context, teamKey string) ([]fupan.Filed, error) {
	out, err := historysql.TeamFiled(ctx, h.db, historysql.Postgres, teamKey)
	if err != nil {
		return nil, h.fail("read", err)
	}
	return out, nil
}

// Recorded is every recorded review's team and period, ordered by team and
// period: what a roster is judged from.
func (h *DB) Recorded(ctx context.Context) ([]fupan.Recorded, error) {
	out, err := historysql.Recorded(ctx, h.db)
	if err != nil {
		return nil, h.fail("read", err)
	}
	return out, nil
}

// historyTables are the tables of a history, for its size: the database may
// hold other things besides.
var historyTables = []string{"reviews", "findings", "plan_rows", "tracking_rows", "outcome_rows", "action_rows", "reminders", "followup_rows", "schema_version", "generation"}

// Size is the bytes the history's tables take, their indexes included.
func (h *DB) Size(ctx context.Context) (int64, error) {
	var size int64
	err := h.db.QueryRowContext(ctx, `SELECT coalesce(sum(pg_total_relation_size(to_regclass(t))), 0)::bigint FROM unnest($1::text[]) t`,
		historyTables).Scan(&size)
	if err != nil {
		return 0, h.fail("read", err)
	}
	return size, nil
}

// Generation changes whenever a review is recorded, replaced or forgotten,
// or a team renamed: the count of the history's changes (historysql).
func (h *DB) Generation(ctx context.Context) (string, error) {
	g, err := historysql.Generation(ctx, h.db)
	if err != nil {
		return "", h.fail("read", err)
	}
	return g, nil
}
