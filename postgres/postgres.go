// Package postgres keeps the review history in a PostgreSQL database
// (jackc/pgx through database/sql), for several sites sharing one history;
// the SQLite file (package sqlite) stays the default for one site. Both are a
// fupan.History, held to the same behaviour by internal/historytest.
//
// Recording a team's period is one transaction whose conditional upsert
// keeps the later-modified workbook, decided in SQL, so two sites recording
// at once cannot interleave; a run reads previous periods from a REPEATABLE
// READ, read-only snapshot. The password comes from the environment only
// (PGPASSWORD, or the variable password_env: names), never from the URL, and
// appears in no log or error.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// ConnectTimeout is how long opening waits for the server by default: a run
// whose history is down goes on without it rather than hang.
const ConnectTimeout = 10 * time.Second

// Errors of opening a history.
var (
	ErrPasswordInURL = errors.New("the URL holds a password: remove it, and give it in the environment (PGPASSWORD, or the variable password_env: in fupan.yaml names)")
	ErrNewerSchema   = errors.New("the history was written by a newer fupan: update fupan, or use another --history")
	ErrNotURL        = errors.New("not a postgres:// URL")
	// ErrOlderSchema is, for a read-only open, a history an older fupan
	// wrote: the next run or report brings it up to date.
	ErrOlderSchema = errors.New("the history was written by an older fupan")
	// ErrNoHistory is, for a read-only open, a database that holds no
	// history yet: the first run or report makes it.
	ErrNoHistory = errors.New("the database holds no history yet: the first fupan run or report makes it")
)

// Options steer Open.
type Options struct {
	// ReadOnly opens an existing history without migrating it.
	ReadOnly bool
	// PasswordEnv names the environment variable holding the password;
	// empty is PGPASSWORD.
	PasswordEnv string
	// ConnectTimeout; zero is ConnectTimeout.
	ConnectTimeout time.Duration
	// Getenv reads the environment; nil is os.Getenv. Tests give theirs.
	Getenv func(string) string
}

// DB is an open history.
type DB struct {
	db       *sql.DB
	name     string // the URL without its password, for people
	password string // scrubbed from every error
}

// DB is a fupan.History.
var _ fupan.History = (*DB)(nil)

// IsURL reports whether a --history names a PostgreSQL database.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Redact is a URL as it may be shown: any password taken out, whatever else
// is wrong with it.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		// Unparsable: show the scheme alone rather than risk a secret.
		if i := strings.Index(raw, "://"); i > 0 {
			return raw[:i+3] + "…"
		}
		return "…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Open connects to the history at rawURL (postgres://user@host/db?...),
// creating and migrating its schema unless opts.ReadOnly. A URL with a
// password is refused: the password is the environment's. A server that
// cannot be reached is fupan.ErrHistoryUnreachable.
func Open(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	h, err := connect(ctx, rawURL, opts)
	if err != nil {
		return nil, err
	}
	if err := h.prepare(ctx, opts.ReadOnly); err != nil {
		_ = h.db.Close()
		return nil, &fupan.HistoryError{Path: h.name, Op: "open", Err: h.classify(err)}
	}
	return h, nil
}

// connect connects to the server, the schema as it is.
func connect(ctx context.Context, rawURL string, opts Options) (*DB, error) {
	name := Redact(rawURL)
	fail := func(err error) (*DB, error) { return nil, &fupan.HistoryError{Path: name, Op: "open", Err: err} }
	if !IsURL(rawURL) {
		return fail(ErrNotURL)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return fail(errors.New("the URL cannot be read: write it as postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full"))
	}
	if _, has := u.User.Password(); has || u.Query().Has("password") {
		return fail(ErrPasswordInURL)
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return fail(errors.New("the URL cannot be read: write it as postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full"))
	}
	env := opts.PasswordEnv
	if env == "" {
		env = "PGPASSWORD"
	}
	cfg.Password = getenv(env)
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = ConnectTimeout
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > opts.ConnectTimeout {
		cfg.ConnectTimeout = opts.ConnectTimeout
	}
	cfg.RuntimeParams["application_name"] = "fupan"
	h := &DB{db: stdlib.OpenDB(*cfg), name: name, password: cfg.Password}
	// A run's workers record at once; more connections than that only
	// load the server.
	h.db.SetMaxOpenConns(16)
	h.db.SetMaxIdleConns(16)
	h.db.SetConnMaxIdleTime(5 * time.Minute)
	if err := h.db.PingContext(ctx); err != nil {
		_ = h.db.Close()
		return fail(h.classify(err))
	}
	return h, nil
}

// Path is the history's URL without its password.
func (h *DB) Path() string { return h.name }

// Close closes the connections.
func (h *DB) Close() error { return h.db.Close() }

// fail is a failure of op, its text without the password.
func (h *DB) fail(op string, err error) error {
	return &fupan.HistoryError{Path: h.name, Op: op, Err: h.classify(err)}
}

// classify names a server that cannot be reached and a lock not granted in
// the domain's words, and takes the password out of the text, which a
// driver may quote.
func (h *DB) classify(err error) error {
	if err == nil {
		return nil
	}
	var extra []error
	var pe *pgconn.PgError
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &pe):
		switch pe.Code {
		case "55P03", "40P01", "40001": // lock not available, deadlock, serialization
			extra = append(extra, fupan.ErrHistoryBusy)
		case "57P01", "57P02", "57P03": // the server shutting down or starting
			extra = append(extra, fupan.ErrHistoryUnreachable)
		}
	case errors.As(err, &ce), errors.As(err, &ne), errors.Is(err, sql.ErrConnDone):
		extra = append(extra, fupan.ErrHistoryUnreachable)
	}
	text := err.Error()
	if h.password != "" && strings.Contains(text, h.password) {
		text = strings.ReplaceAll(text, h.password, "xxxxx")
	} else if len(extra) == 0 {
		return err
	}
	for _, e := range extra {
		if e == fupan.ErrHistoryUnreachable {
			text = e.Error() + ": " + text
		}
	}
	return &scrubbed{text: text, errs: append([]error{err}, extra...)}
}

// scrubbed is an error told in its own text (the password taken out, or
// the same words), which still is what it wraps.
type scrubbed struct {
	text string
	errs []error
}

func (e *scrubbed) Error() string   { return e.text }
func (e *scrubbed) Unwrap() []error { return e.errs }
