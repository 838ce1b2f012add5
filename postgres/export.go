package postgres

import (
	"context"
	"database/sql"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// DB gives up all it holds, for fupan history copy.
var _ fupan.HistoryExport = (*DB)(nil)

// EachRecording calls fn with every review, whole, from one snapshot
// (fupan.HistoryExport).
func (h *DB) EachRecording(ctx context.Context, fn func(fupan.Recording) error) error {
	tx, err := h.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return h.fail("read", err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := historysql.EachRecording(ctx, tx, historysql.Postgres, fn); err != nil {
		return h.fail("read", err)
	}
	return nil
}

// Reminders are every reminder recorded.
func (h *DB) Reminders(ctx context.Context) ([]fupan.Reminder, error) {
	list, err := historysql.Reminders(ctx, h.db)
	if err != nil {
		return nil, h.fail("read", err)
	}
	return list, nil
}
