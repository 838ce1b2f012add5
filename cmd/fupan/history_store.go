package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/postgres"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
	"gopkg.in/yaml.v3"
)

// historyConfig is fupan.yaml's history: a file or a URL,
//
//	history: /srv/复盘报告/fupan-history.sqlite
//
// or, for a PostgreSQL history, the URL and the environment variable that
// holds its password (the file never holds it):
//
//	history:
//	  url: postgres://fupan@db.example.com/fupan?sslmode=verify-full
//	  password_env: FUPAN_DB_PASSWORD
type historyConfig struct {
	Location    string
	PasswordEnv string
}

func (h *historyConfig) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		return n.Decode(&h.Location)
	}
	var m struct {
		URL         string `yaml:"url"`
		File        string `yaml:"file"`
		PasswordEnv string `yaml:"password_env"`
	}
	if err := n.Decode(&m); err != nil {
		return err
	}
	switch {
	case m.URL != "" && m.File != "":
		return errors.New("history: give url: or file:, not both")
	case m.URL != "" && !postgres.IsURL(m.URL):
		return fmt.Errorf("history: url: %s is not a postgres:// URL", postgres.Redact(m.URL))
	}
	h.Location, h.PasswordEnv = m.URL+m.File, m.PasswordEnv
	return nil
}

// connectionString matches libpq's key=value form ("host=/tmp/pg user=fupan
// password=…"), which fupan does not take: as a file name it would make
// folders named after it and carry its password into logs and summary.json.
var connectionString = regexp.MustCompile(`(?i)(^|[\s;])(host|hostaddr|port|user|dbname|password|sslmode|sslrootcert)\s*=`)

// errConnectionString refuses a key=value connection string, never
// repeating it: it may hold a password.
var errConnectionString = errors.New("a key=value connection string is not taken (not shown: it may hold a password): give a postgres:// URL, e.g. postgres://fupan@db.example.com/fupan?sslmode=verify-full, with the password in PGPASSWORD or the variable history: password_env: names")

// checkHistoryLocation refuses a history location that is a key=value
// connection string rather than a file or a postgres:// URL.
func checkHistoryLocation(loc string) error {
	if !postgres.IsURL(loc) && (connectionString.MatchString(loc) || strings.Contains(strings.ToLower(loc), "password=")) {
		return errConnectionString
	}
	return nil
}

// historyPasswordEnv is the variable fupan.yaml names for a PostgreSQL
// history's password; "" is PGPASSWORD.
func historyPasswordEnv(c *cli.Context) string {
	fc, _, err := loadConfig(c, untrustedFolders(c))
	if err != nil {
		return ""
	}
	return fc.History.PasswordEnv
}

// site is where this fupan runs, recorded with each review: fupan.yaml's
// site:, else the host name.
func site(c *cli.Context) string {
	if fc, _, err := loadConfig(c, untrustedFolders(c)); err == nil && fc.Site != "" {
		return fc.Site
	}
	host, _ := os.Hostname()
	return host
}

// openStore opens the history at path: a postgres:// URL, or an SQLite
// file. Read-only opens neither create nor migrate it.
func openStore(ctx context.Context, path string, readOnly bool, passwordEnv string) (fupan.History, error) {
	// Every caller checks first; this is what a new one forgetting would leak.
	if err := checkHistoryLocation(path); err != nil {
		return nil, err
	}
	if postgres.IsURL(path) {
		db, err := postgres.Open(ctx, path, postgres.Options{ReadOnly: readOnly, PasswordEnv: passwordEnv})
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	db, err := sqlite.Open(ctx, path, sqlite.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, err
	}
	return db, nil
}

// openStoreFor opens the history as the command uses it. serve migrates a
// history of an older schema before it opens it read-only: an upgrade
// restarts the page, which would otherwise refuse the history until the next
// run. A migration that fails (a PostgreSQL role without the right to change
// the schema) is said with the read-only open's reason.
func openStoreFor(ctx context.Context, path string, use historyUse, passwordEnv string) (fupan.History, error) {
	db, err := openStore(ctx, path, use.readOnly(), passwordEnv)
	if use != historyServe || !(errors.Is(err, sqlite.ErrOlderSchema) || errors.Is(err, postgres.ErrOlderSchema)) {
		return db, err
	}
	rw, merr := openStore(ctx, path, false, passwordEnv)
	if merr != nil {
		return nil, fmt.Errorf("%w; migrating it failed: %w", err, merr)
	}
	if cerr := rw.Close(); cerr != nil {
		return nil, fmt.Errorf("history %s: migrated, closing: %w", rw.Path(), cerr)
	}
	zerolog.Ctx(ctx).Info().Str("history", rw.Path()).Msg("the history's schema migrated for this fupan")
	return openStore(ctx, path, true, passwordEnv)
}

// openServerHistory opens a PostgreSQL history for a command. A server that
// is down is, for the commands that record, a problem: the run goes on
// without recording, says so in summary.json and fails at the end; the next
// run records what this one could not.
func openServerHistory(c *cli.Context, url string, use historyUse) (fupan.History, error, error) {
	db, err := openStoreFor(c.Context, url, use, historyPasswordEnv(c))
	if err != nil {
		if use == historyNeeded || use == historyUpdate {
			return nil, nil, failedError(err.Error())
		}
		zerolog.Ctx(c.Context).Error().Err(err).Msg("the review history cannot be opened")
		return nil, err, nil
	}
	zerolog.Ctx(c.Context).Info().Str("history", db.Path()).Msg("review history")
	return db, nil, nil
}

// backupStore is a history that copies itself to a file (SQLite's); a
// PostgreSQL one is backed up with pg_dump.
type backupStore interface {
	Backup(ctx context.Context, dest string, opts sqlite.BackupOptions) error
}

// reopenServerHistory is, for a watch whose PostgreSQL history could not be
// opened when it began, what opens it again before a later run; nil where
// the history is a file or was opened. The second function closes what it
// opened.
func reopenServerHistory(c *cli.Context, o batch.Options) (func(context.Context) (fupan.History, error), func()) {
	if o.History != nil || o.HistoryProblem == nil {
		return nil, nil
	}
	path, _, err := historyPath(c, o.Output, historyRecord)
	if err != nil || !postgres.IsURL(path) {
		return nil, nil
	}
	env := historyPasswordEnv(c)
	var opened fupan.History
	return func(ctx context.Context) (fupan.History, error) {
			h, err := openStore(ctx, path, false, env)
			if err == nil {
				opened = h
			}
			return h, err
		}, func() {
			if opened != nil {
				_ = opened.Close()
			}
		}
}
