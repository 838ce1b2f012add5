package main

import (
	"context"
	"fmt"
	"io"

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
at all. To move the history, back it up to the new place and name it with
--history or history: in fupan.yaml.

Examples:
  fupan history backup /backup/fupan-history-2025-10.sqlite

Exit status: 0 written, 1 the history cannot be read or FILE written, 2 bad usage.`,
		Flags:        append(historyFlags(), &cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"}),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit("history backup takes FILE", exitBadUsage)
			}
			db, _, err := openHistory(c, "", historyNeeded)
			if err != nil {
				return err
			}
			defer func() { _ = db.Close() }()
			return historyBackupOptions{DB: db, File: c.Args().First()}.run(c.Context, c.App.Writer)
		},
	}
}

// historyBackupOptions are the history to copy and the file to copy it to.
type historyBackupOptions struct {
	DB   *sqlite.DB
	File string
}

// run writes the copy whole or not at all, and prints its name.
func (o historyBackupOptions) run(ctx context.Context, stdout io.Writer) error {
	if err := o.DB.Backup(ctx, o.File); err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	fmt.Fprintln(stdout, printable(o.File))
	return nil
}
