package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
)

// Errors of Backup's destination: a mistake in the command, not a failure.
var (
	ErrBackupNotHistory = errors.New("the file exists and is not a fupan history backup: it is left as it is (give --force to replace it, or another name)")
	ErrBackupIsHistory  = errors.New("that is the history itself: back it up to another file")
	ErrBackupNoName     = errors.New("no file named for the backup")
)

// BackupOptions steer Backup.
type BackupOptions struct {
	// Force replaces an existing file that is not a fupan history.
	Force bool
}

// Backup writes a consistent copy of the history to dest while other
// processes go on writing (VACUUM INTO reads one snapshot, the -wal file
// included, which a plain copy of the file can miss). dest appears whole or
// not at all, and an existing dest is replaced only then: a history (the
// last backup, as a daily cron leaves it) always, any other file only with
// opts.Force.
func (h *DB) Backup(ctx context.Context, dest string, opts BackupOptions) error {
	fail := func(err error) error { return herr(h.path, "backup", err) }
	if dest == "" {
		return fail(ErrBackupNoName)
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fail(err)
	}
	if err := h.backupTarget(abs, opts); err != nil {
		return fail(err)
	}
	tmp := filepath.Join(filepath.Dir(abs), fmt.Sprintf(".%s.%d.tmp", filepath.Base(abs), os.Getpid()))
	_ = os.Remove(tmp)
	if _, err := h.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		_ = os.Remove(tmp)
		return fail(classify(err))
	}
	f, err := os.Open(tmp)
	if err == nil {
		err = f.Sync()
		_ = f.Close()
	}
	if err == nil {
		err = os.Rename(tmp, abs)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fail(err)
	}
	return nil
}

// backupTarget checks what dest is before anything is written: its folder
// there, not the history itself, and not a file of something else.
func (h *DB) backupTarget(dest string, opts BackupOptions) error {
	dir := filepath.Dir(dest)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("the folder %s does not exist: make it first, or name another", dir)
	}
	fi, err := os.Stat(dest)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("%s is a folder: name the backup's file in it", dest)
	}
	if own, err := os.Stat(h.path); err == nil && os.SameFile(own, fi) {
		return fmt.Errorf("%s: %w", dest, ErrBackupIsHistory)
	}
	if opts.Force || IsHistoryFile(dest) {
		return nil
	}
	return fmt.Errorf("%s: %w", dest, ErrBackupNotHistory)
}

// IsHistoryFile reports whether path holds a fupan history: an SQLite file
// with a schema version and the reviews table. It is read without locks
// or side files (immutable), never written: it may be anything (a backup
// doctor looks at, a file a backup would replace).
func IsHistoryFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	header := make([]byte, 100)
	_, err = io.ReadFull(f, header)
	_ = f.Close()
	if err != nil || !bytes.HasPrefix(header, []byte("SQLite format 3\x00")) || binary.BigEndian.Uint32(header[60:64]) == 0 {
		return false
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: "mode=ro&immutable=1"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return false
	}
	defer func() { _ = db.Close() }()
	var n int
	err = db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='reviews'").Scan(&n)
	return err == nil && n == 1
}
