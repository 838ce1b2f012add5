package main

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/sqlite"
)

// openStore opens the history at path: an SQLite file. Read-only opens
// neither create nor migrate it.
func openStore(ctx context.Context, path string, readOnly bool) (fupan.History, error) {
	db, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, err
	}
	return db, nil
}

// backupStore is a history that copies itself to a file (SQLite's); a
// PostgreSQL one is backed up with pg_dump.
type backupStore interface {
	Backup(ctx context.Context, dest string, opts sqlite.BackupOptions) error
}
