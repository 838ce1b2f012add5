package sqlite

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historysql"
)

// Lessons are the 经验/教训 of every recorded review, newest period first,
// each with its kind (experience or lesson).
func (h *DB) Lessons(ctx context.Context) ([]fupan.Lesson, error) {
	out, err := historysql.Lessons(ctx, h.db)
	if err != nil {
		return nil, herr(h.path, "read", classify(err))
	}
	return out, nil
}
