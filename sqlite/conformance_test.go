package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/internal/historytest"
	"github.com/fupan-review/fupan/sqlite"
)

// The SQLite file is a fupan.History as the suite says one is.
func TestConformance(t *testing.T) {
	historytest.Run(t, func(t *testing.T) fupan.History {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "h.sqlite"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}
