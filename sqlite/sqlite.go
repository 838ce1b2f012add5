// Package sqlite keeps the review history in an embedded SQLite database
// (modernc.org/sqlite, pure Go): every review a run completes, so that the
// next period's report compares with this one.
//
// Writes are transactions: a process killed at any moment leaves a review
// whole or absent. Two processes writing at once wait for each other (WAL,
// a busy timeout). The schema is versioned and migrated forward.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fupan-review/fupan"
	_ "modernc.org/sqlite" // the driver, registered as "sqlite"
)

// BusyTimeout is how long a write waits for another process's write.
const BusyTimeout = 15 * time.Second

// Errors of opening a history; an *Error wraps them with the file.
var (
	ErrNewerSchema = errors.New("the history was written by a newer fupan: update fupan, or use another --history")
	ErrNetworkFS   = errors.New("the history is on a network file system (SMB, NFS…), where SQLite's locking is not safe: put it on a local disk with --history FILE")
	ErrDamaged     = fupan.ErrHistoryDamaged
	// ErrOlderSchema: a read-only open of a history that the next recording
	// run migrates.
	ErrOlderSchema = errors.New("the next fupan run or report migrates it")
)

// Error is a failure of the history file, naming it.
type Error = fupan.HistoryError

// The history's own types are the domain's.
type (
	Entry     = fupan.HistoryEntry
	Holder    = fupan.Holder
	Recording = fupan.Recording
)

// DB is a fupan.History.
var _ fupan.History = (*DB)(nil)

// DB is an open history.
type DB struct {
	db   *sql.DB
	path string
	// write serialises this process's writers: SQLite takes one writer at
	// a time anyway, and waiting here costs less than its busy handler's
	// sleeps.
	write sync.Mutex
	// stmts are the statements prepared once, by their text: parsing SQL
	// was a third of recording a review.
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt
}

// stmt is the statement of query, prepared on first use.
func (h *DB) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	h.stmtMu.Lock()
	defer h.stmtMu.Unlock()
	if s, ok := h.stmts[query]; ok {
		return s, nil
	}
	s, err := h.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if h.stmts == nil {
		h.stmts = map[string]*sql.Stmt{}
	}
	h.stmts[query] = s
	return s, nil
}

// Options steer Open.
type Options struct {
	// ReadOnly opens an existing history without creating or migrating it
	// (fupan history, inspect).
	ReadOnly bool
	// BusyTimeout is how long a write waits for another process's; zero
	// is the default BusyTimeout.
	BusyTimeout time.Duration

	// fsProbe tells a folder's file system, for tests: no test machine
	// mounts an SMB share. Nil is networkFS.
	fsProbe func(dir string) (bool, string)
}

// Open opens the history at path, creating it (and migrating it to the
// current schema) unless opts.ReadOnly. A history on a network file system,
// damaged, or of a newer schema is an *Error.
func Open(ctx context.Context, path string, opts Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, herr(path, "open", err)
	}
	fail := func(err error) (*DB, error) { return nil, herr(abs, "open", err) }
	dir := filepath.Dir(abs)
	probe := opts.fsProbe
	if probe == nil {
		probe = networkFS
	}
	if remote, fs := probe(dir); remote {
		return fail(fmt.Errorf("%w (%s)", ErrNetworkFS, fs))
	}
	fi, err := os.Stat(abs)
	switch {
	case err == nil && fi.IsDir():
		return fail(errors.New("it is a folder: --history names the history's file (fupan-history.sqlite)"))
	case err != nil && opts.ReadOnly:
		return fail(err)
	case err == nil && !opts.ReadOnly:
		if err := writableFiles(abs, fi.Mode()); err != nil {
			return fail(err)
		}
	}
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = BusyTimeout
	}
	db, err := sql.Open("sqlite", dsn(abs, opts))
	if err != nil {
		return fail(err)
	}
	h := &DB{db: db, path: abs}
	if err := h.prepare(ctx, opts.ReadOnly); err != nil {
		_ = db.Close()
		return fail(err)
	}
	return h, nil
}

// dsn names the file with the settings every connection needs: foreign keys
// (rows go with their review), WAL, the busy timeout, and transactions that
// take the write lock when they begin, so two writers never deadlock.
func dsn(path string, opts Options) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", opts.BusyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(normal)")
	q.Set("_txlock", "immediate")
	if opts.ReadOnly {
		q.Set("mode", "ro")
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// prepare checks the file is a history of a schema this fupan knows, and
// migrates it forward.
func (h *DB) prepare(ctx context.Context, readOnly bool) error {
	var version int
	if err := h.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return classify(err)
	}
	if version > SchemaVersion {
		return fmt.Errorf("%w (schema %d, this fupan knows up to %d)", ErrNewerSchema, version, SchemaVersion)
	}
	if version > 0 {
		// A SQLite file of some other program has tables but not ours.
		var n int
		if err := h.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='reviews'").Scan(&n); err != nil {
			return classify(err)
		}
		if n == 0 {
			return ErrDamaged
		}
	} else if !readOnly {
		var n int
		if err := h.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			return classify(err)
		}
		if n > 0 {
			// Another fupan may have made its first schema between the two
			// reads (two runs starting on a new history): its tables come
			// with their version, so a version read now tells them apart.
			if err := h.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
				return classify(err)
			}
			if version == 0 {
				return fmt.Errorf("%w (a SQLite database of another program)", ErrDamaged)
			}
		}
	}
	if readOnly {
		if version < SchemaVersion {
			return fmt.Errorf("the history has schema %d: run fupan run or report once with it to bring it to %d (%w)", version, SchemaVersion, ErrOlderSchema)
		}
		return nil
	}
	if _, err := h.db.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return classify(err)
	}
	return classify(h.migrate(ctx, version))
}

// classify turns SQLite's words for a file that is not a database into
// ErrDamaged, keeping the others.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if IsBusy(err) {
		return busyError{err}
	}
	msg := err.Error()
	if strings.Contains(msg, "file is not a database") || strings.Contains(msg, "malformed") || strings.Contains(msg, "(11)") || strings.Contains(msg, "(26)") {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return err
}

// busyError is a busy SQLite, as fupan.ErrHistoryBusy, in SQLite's words.
type busyError struct{ err error }

func (e busyError) Error() string   { return e.err.Error() }
func (e busyError) Unwrap() []error { return []error{e.err, fupan.ErrHistoryBusy} }

// IsBusy reports whether err is another process holding the history's
// write lock past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED and their
// extended codes).
func IsBusy(err error) bool {
	var se interface{ Code() int }
	if !errors.As(err, &se) {
		return false
	}
	const busy, locked = 5, 6
	c := se.Code() & 0xff
	return c == busy || c == locked
}

// Path is the history's file.
func (h *DB) Path() string { return h.path }

// Close closes the history.
func (h *DB) Close() error {
	h.stmtMu.Lock()
	for _, s := range h.stmts {
		_ = s.Close()
	}
	h.stmts = nil
	h.stmtMu.Unlock()
	return h.db.Close()
}

// Check runs SQLite's integrity check: "ok", or what is wrong.
func (h *DB) Check(ctx context.Context) (string, error) {
	var res string
	if err := h.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return "", herr(h.path, "check", err)
	}
	return res, nil
}

// herr is a failure of the history at path in op.
func herr(path, op string, err error) *Error { return &Error{Path: path, Op: op, Err: err} }
