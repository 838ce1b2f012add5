package sqlite

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// DB gives up all it holds, for fupan history copy.
var _ fupan.HistoryExport = (*DB)(nil)

// EachRecording calls fn with every review, whole, from one read
// transaction (fupan.HistoryExport).
func (h *DB) EachRecording(ctx context.Context, fn func(fupan.Recording) error) error {
	conn, err := h.db.Conn(ctx)
	if err != nil {
		return herr(h.path, "read", classify(err))
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return herr(h.path, "read", classify(err))
	}
	defer func() { _, _ = conn.ExecContext(context.Background(), "ROLLBACK") }()
	if err := historysql.EachRecording(ctx, conn, historysql.SQLite, fn); err != nil {
		return herr(h.path, "read", classify(err))
	}
	return nil
}

// Reminders are every reminder recorded.
func (h *DB) Reminders(ctx context.Context) ([]fupan.Reminder, error) {
	list, err := historysql.Reminders(ctx, h.db)
	if err != nil {
		return nil, herr(h.path, "read", classify(err))
	}
	return list, nil
}
