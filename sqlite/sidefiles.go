package sqlite

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrReadOnly is a history, or one of SQLite's files beside it, that this
// user may not write.
var ErrReadOnly = errors.New("read-only")

// writableFiles checks, before a history is opened for writing, that the
// history and SQLite's -wal and -shm files beside it can be written. A
// history once made read-only leaves them so: a reader then creates them with
// the history's mode (444), and they stay 444 after the history's own mode is
// restored, when SQLite refuses every write naming only the history. Their
// mode follows the history's, so they are given its mode back where this user
// owns them; otherwise the one refusing is named.
func writableFiles(path string, mode fs.FileMode) error {
	if !writable(path) {
		return fmt.Errorf("%w: the history %s (mode %v) cannot be written by this user: give it write permission, or use another --history", ErrReadOnly, path, mode.Perm())
	}
	for _, side := range []string{path + "-wal", path + "-shm"} {
		if writable(side) {
			continue
		}
		if err := os.Chmod(side, mode.Perm()); err != nil || !writable(side) {
			return fmt.Errorf("%w: %s, SQLite's file beside the history, cannot be written while the history can (left read-only when the history was): give it the history's mode (chmod %o %s)",
				ErrReadOnly, side, mode.Perm(), side)
		}
	}
	return nil
}

// writable reports whether the file can be opened for writing; a file that
// is not there can be made.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return !errors.Is(err, fs.ErrPermission)
	}
	_ = f.Close()
	return true
}
