package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/postgres"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func historyCopyCommand() *cli.Command {
	return &cli.Command{
		Name:      "copy",
		Usage:     "copy a history into another: an SQLite file into PostgreSQL, or back",
		ArgsUsage: "FROM TO",
		Description: `Copies every review (with its rows, lessons and actions) and every reminder
sent from the history FROM into the history TO; each is a file or a
postgres:// URL, its password in PGPASSWORD (or the variable history:
password_env: names in fupan.yaml). TO is made where it is missing (a file) or
empty (a database), and migrated to this fupan's schema; FROM is only read.

It can be run again: a review TO holds already, the same, is left and counted
as unchanged. Where TO holds a review of the same team and period recorded
later than FROM's, nothing is copied and the reviews are named; --force
copies FROM's over them.

Examples:
  export PGPASSWORD=…
  fupan history copy /srv/复盘报告/fupan-history.sqlite 'postgres://fupan@db.example.com/fupan?sslmode=verify-full'
  fupan history copy 'postgres://fupan@db.example.com/fupan?sslmode=verify-full' /backup/fupan-history.sqlite

Exit status: 0 copied, 1 a history cannot be read or written, or TO holds
newer reviews (without --force), 2 bad usage.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"},
			&cli.BoolFlag{Name: "force", Usage: "copy over newer reviews of the same team and period in TO"},
			&cli.BoolFlag{Name: "json", Usage: "print the counts as JSON"},
		},
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 2 || c.Args().Get(0) == "" || c.Args().Get(1) == "" {
				return usageError("history copy takes FROM TO")
			}
			o := historyCopyOptions{From: c.Args().Get(0), To: c.Args().Get(1), Force: c.Bool("force"), JSON: c.Bool("json"),
				PasswordEnv: historyPasswordEnv(c)}
			return o.run(c.Context, c.App.Writer)
		},
	}
}

// historyCopyOptions are the two histories and how to copy.
type historyCopyOptions struct {
	From, To    string
	Force, JSON bool
	PasswordEnv string
}

func (o historyCopyOptions) run(ctx context.Context, stdout io.Writer) error {
	for _, loc := range []string{o.From, o.To} {
		if err := checkHistoryLocation(loc); err != nil {
			return usageError("history copy: " + err.Error())
		}
	}
	if !postgres.IsURL(o.From) {
		if err := historyExists(o.From); err != nil {
			return err
		}
	}
	if sameFile(o.From, o.To) || o.From == o.To {
		return usageError("history copy: FROM and TO are the same history")
	}
	from, err := openStore(ctx, o.From, true, o.PasswordEnv)
	if err != nil {
		return failedError(err.Error())
	}
	defer func() { _ = from.Close() }()
	ex, ok := from.(fupan.HistoryExport)
	if !ok {
		return failedErrorf("history copy: %s cannot be copied", from.Path())
	}
	to, err := openStore(ctx, o.To, false, o.PasswordEnv)
	if err != nil {
		return failedError(err.Error())
	}
	defer func() { _ = to.Close() }()
	counts, err := batch.CopyHistory(ctx, ex, to, o.Force)
	if err != nil {
		if errors.Is(err, batch.ErrCopyNewer) {
			return failedErrorf("history copy into %s: %v", to.Path(), err)
		}
		return failedError(err.Error())
	}
	zerolog.Ctx(ctx).Info().Str("from", from.Path()).Str("to", to.Path()).Int("reviews", counts.Reviews).Int("unchanged", counts.Unchanged).
		Int("replaced", counts.Replaced).Int("reminders", counts.Reminders).Msg("history copied")
	if o.JSON {
		b, _ := json.Marshal(counts)
		_, err = fmt.Fprintln(stdout, string(b))
		return err
	}
	_, err = fmt.Fprintln(stdout, catalog.F(fupan.Simplified, "history.copied", counts.Reviews, counts.Unchanged, counts.Replaced, counts.Reminders))
	return err
}

// sameFile reports whether two paths are one file.
func sameFile(a, b string) bool {
	if postgres.IsURL(a) || postgres.IsURL(b) {
		return false
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(fa, fb)
	}
	aa, _ := filepath.Abs(a)
	ab, _ := filepath.Abs(b)
	return aa == ab
}
