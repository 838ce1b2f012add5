package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/postgres"
	"github.com/fupan-review/fupan/sqlite"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func historyBackupCommand() *cli.Command {
	return &cli.Command{
		Name:      "backup",
		Usage:     "copy the history safely, even while runs record",
		ArgsUsage: "FILE",
		Description: `Writes a consistent copy of the history to FILE (SQLite's VACUUM INTO), which
is safe while runs go on. A plain copy of the .sqlite file can miss reviews
still in its -wal file, or catch one half written. FILE appears whole or not
at all. An earlier backup at FILE is replaced (a daily cron may write the same
name each day, beside the history too); any other existing file is left as it
is unless --force says to replace it. To move the history, back it up to the
new place and name it with --history or history: in fupan.yaml.

Examples:
  fupan history backup /backup/fupan-history-2025-10.sqlite
  fupan history backup /srv/复盘报告/fupan-history.backup.sqlite   # daily, from cron

A PostgreSQL history is backed up with pg_dump (pg_dump -Fc -f FILE.dump URL);
history backup refuses it, or with --skip-postgres (the nightly timer) does
nothing and says so.

Exit status: 0 written, 1 the history cannot be read or FILE written (its
folder missing), 2 bad usage (no FILE, FILE the history itself or a file that
is not a backup, without --force).`,
		Flags: append(historyFlags(),
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"},
			&cli.BoolFlag{Name: "force", Usage: "replace FILE even when it is not an earlier backup"},
			&cli.BoolFlag{Name: "skip-postgres", Usage: "where the history is PostgreSQL's, do nothing and say so (exit 0): for a nightly timer shared by SQLite and PostgreSQL sites"}),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || c.Args().First() == "" {
				return usageError("history backup takes FILE")
			}
			// A PostgreSQL history is pg_dump's to back up: no need to
			// connect to say so.
			path, _, err := historyPath(c, "", historyNeeded)
			if err != nil {
				return err
			}
			if postgres.IsURL(path) {
				if c.Bool("skip-postgres") {
					zerolog.Ctx(c.Context).Info().Str("history", postgres.Redact(path)).Msg("the history is a PostgreSQL database, backed up with pg_dump (docs/install.md): nothing to do")
					return nil
				}
				return usageError(pgDumpAdvice(postgres.Redact(path), c.Args().First()))
			}
			db, _, err := openHistory(c, "", historyNeeded)
			if err != nil {
				return err
			}
			defer func() { _ = db.Close() }()
			return historyBackupOptions{DB: db, File: c.Args().First(), Force: c.Bool("force")}.run(c.Context, c.App.Writer)
		},
	}
}

// historyBackupOptions are the history to copy and the file to copy it to.
type historyBackupOptions struct {
	DB    fupan.History
	File  string
	Force bool // replace a file that is not an earlier backup
}

// run writes the copy whole or not at all, and prints its name.
func (o historyBackupOptions) run(ctx context.Context, stdout io.Writer) error {
	b, ok := o.DB.(backupStore)
	if !ok {
		return usageError(pgDumpAdvice(o.DB.Path(), o.File))
	}
	if err := b.Backup(ctx, o.File, sqlite.BackupOptions{Force: o.Force}); err != nil {
		code := exitFailed
		if errors.Is(err, sqlite.ErrBackupNotHistory) || errors.Is(err, sqlite.ErrBackupIsHistory) || errors.Is(err, sqlite.ErrBackupNoName) {
			code = exitBadUsage
		}
		return withCode(code, err)
	}
	fmt.Fprintln(stdout, printable(o.File))
	return nil
}

// pgDumpAdvice says how to back a PostgreSQL history up: pg_dump's custom
// format, to a .dump (a .sqlite name would pass for an SQLite history).
func pgDumpAdvice(url, file string) string {
	dump := strings.TrimSuffix(file, filepath.Ext(file)) + ".dump"
	return fmt.Sprintf("history %s is a PostgreSQL database: back it up with pg_dump, not fupan history backup: pg_dump -Fc -f %s '%s' (restore with pg_restore; see docs/install.md)", url, dump, url)
}
