package main

import (
	"context"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/postgres"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func historyForgetCommand() *cli.Command {
	return &cli.Command{
		Name:      "forget",
		Usage:     "remove one team's review of one period from the history",
		ArgsUsage: "TEAM PERIOD",
		Description: `Removes the review, with its rows, from the history; the team's other periods
stay. The next run records the workbook again if it is still in the folder.
PERIOD is read whole (2025Q3, 2025-07, 2025H1, 2025, 2025年第三季度): 2025Q5 is
refused, never read as the year 2025.

Examples:
  fupan history forget 华东销售部 2025Q3 --history /srv/复盘报告/fupan-history.sqlite

Exit status: 0 removed, 1 no such review or the history cannot be written, 2 bad
usage (a period that is not one, a history that does not exist).`,
		Flags:        append(historyFlags(), &cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"}),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := historyForgetOptionsFrom(c)
			if err != nil {
				return err
			}
			return o.run(c.Context)
		},
	}
}

// historyForgetOptions name the review to remove: a team (as written, and
// its key) and a period.
type historyForgetOptions struct {
	Path          string
	Team, TeamKey string
	// PlainKey is the team's key without its alias followed: a review
	// recorded before the alias was written is under it.
	PlainKey    string
	Period      string
	PasswordEnv string // a PostgreSQL history's password_env:
}

func historyForgetOptionsFrom(c *cli.Context) (historyForgetOptions, error) {
	if c.NArg() != 2 {
		return historyForgetOptions{}, usageError("history forget takes TEAM PERIOD")
	}
	period, err := fupan.ParsePeriodStrict(c.Args().Get(1))
	if err != nil {
		return historyForgetOptions{}, usageError(err.Error())
	}
	id, err := identity(c)
	if err != nil {
		return historyForgetOptions{}, err
	}
	path, _, err := historyPath(c, "", historyNeeded)
	if err == nil && !postgres.IsURL(path) {
		err = historyExists(path)
	}
	if err != nil {
		return historyForgetOptions{}, err
	}
	team := c.Args().First()
	return historyForgetOptions{Path: path, Team: team, TeamKey: id.TeamKey(team), PlainKey: fupan.NewIdentity(id.Simplify, nil).TeamKey(team), Period: period.Label, PasswordEnv: historyPasswordEnv(c)}, nil
}

func (o historyForgetOptions) run(ctx context.Context) error {
	db, err := openStore(ctx, o.Path, false, o.PasswordEnv)
	if err != nil {
		return failedError(err.Error())
	}
	defer func() { _ = db.Close() }()
	ok, err := db.Forget(ctx, o.TeamKey, o.Period)
	if err == nil && !ok && o.PlainKey != o.TeamKey {
		// Recorded under the name itself, before its alias was written.
		ok, err = db.Forget(ctx, o.PlainKey, o.Period)
	}
	if err != nil {
		return failedError(err.Error())
	}
	if !ok {
		return failedErrorf("no review of %s for %s in %s", o.Team, o.Period, db.Path())
	}
	zerolog.Ctx(ctx).Info().Str("team", o.Team).Str("period", o.Period).Msg("review forgotten")
	return nil
}
