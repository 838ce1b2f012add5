package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/sqlite"
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

Exit status: 0 written, 1 the history cannot be read or FILE written (its
folder missing), 2 bad usage (no FILE, FILE the history itself or a file that
is not a backup, without --force).`,
		Flags: append(historyFlags(),
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"},
			&cli.BoolFlag{Name: "force", Usage: "replace FILE even when it is not an earlier backup"}),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || c.Args().First() == "" {
				return usageError("history backup takes FILE")
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
		return usageErrorf("history %s is a PostgreSQL database: back it up with pg_dump (pg_dump -Fc -f %s DBNAME), not fupan history backup", o.DB.Path(), o.File)
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
