package postgres_test

import (
	"context"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historytest"
	"github.com/fupan-review/fupan/internal/pgtest"
	"github.com/fupan-review/fupan/postgres"
)

func open(t *testing.T, url string, opts postgres.Options) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), url, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// PostgreSQL is a fupan.History as the suite says one is, the SQLite file's
// equal.
func TestConformance(t *testing.T) {
	historytest.Run(t, func(t *testing.T) fupan.History {
		return open(t, pgtest.Database(t), postgres.Options{})
	})
}
