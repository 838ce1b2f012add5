package main

import (
	"context"
	"time"
	_ "time/tzdata" // timezone: works where the machine has no zoneinfo

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/robot"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func remindCommand() *cli.Command {
	return &cli.Command{
		Name:  "remind",
		Usage: "remind each team's group of actions and tasks due soon or overdue",
		Description: `For each team's latest review in the history, posts to the team's robots
(those of the config's notify: whose teams include it) the follow-up actions
(table 4) and plan tasks (table 1) not done whose date is past or within
--within-days: one message per team and robot, the owners @-mentioned where
the config's people: knows them. An item due soon is reminded at most once a
day, an overdue one at most once a week, counted in the config's timezone:.
An action a later table 4 sets again is reminded once, by its later date.
--dry-run prints the reminders and posts nothing: it needs no webhook or
secret in the environment. Meant for a daily cron line:

  0 9 * * 1-5 fupan --log-format json remind --history /srv/复盘报告/fupan-history.sqlite --config /etc/fupan/fupan.yaml

Examples:
  fupan remind --history /srv/复盘报告/fupan-history.sqlite
  fupan remind --history h.sqlite --within-days 7 --dry-run

Exit status: 0 sent (or nothing due), 1 a reminder could not be sent, 2 bad usage
(no history, no robots).`,
		Flags: append(historyFlags(),
			&cli.IntFlag{Name: "within-days", Value: 3, Usage: "remind of what is due within `N` days (0 to 3650)"},
			&cli.BoolFlag{Name: "dry-run", Usage: "print the reminders instead of posting them"},
			&cli.StringFlag{Name: "config", Usage: "read the robots and people from `FILE`"},
		),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := remindOptionsFrom(c)
			if err != nil {
				return err
			}
			defer func() { _ = o.History.Close() }()
			return runRemind(c.Context, o)
		},
	}
}

// runRemind posts (or with DryRun writes) the reminders due today.
func runRemind(ctx context.Context, o batch.RemindOptions) error {
	res, err := batch.Remind(ctx, o)
	if pw, ok := o.DryRun.(*printableWriter); ok {
		if ferr := pw.Flush(); err == nil {
			err = ferr
		}
	}
	zerolog.Ctx(ctx).Info().Int("messages", res.Sent).Int("items", res.Items).Int("quiet", res.Quiet).Int("failed", res.Failed).Int("unknown", res.Unknown).Msg("reminders done")
	if err != nil {
		return failedError(err.Error())
	}
	return nil
}

// maxWithinDays is the widest window remind takes: ten years.
const maxWithinDays = 3650

// remindOptionsFrom reads remind's flags and the config into the job's
// options: the robots, the people, the time zone's today, the history.
func remindOptionsFrom(c *cli.Context) (batch.RemindOptions, error) {
	var o batch.RemindOptions
	if c.NArg() != 0 {
		return o, usageError("remind takes no arguments")
	}
	// Ten years is beyond any plan; far more would overflow the date.
	if d := c.Int("within-days"); d < 0 || d > maxWithinDays {
		return o, usageErrorf("--within-days %d: want 0 to %d days", d, maxWithinDays)
	}
	targets, fc, err := robotTargets(c, nil)
	if err != nil {
		return o, err
	}
	loc, err := location(c)
	if err != nil {
		return o, err
	}
	id, err := identity(c)
	if err != nil {
		return o, err
	}
	people := map[string]robot.Person{}
	for name, p := range fc.People {
		people[name] = robot.Person{Name: name, Mobile: p.Mobile, FeishuID: p.FeishuID}
	}
	o = batch.RemindOptions{Robots: targets, People: people, Identity: id, Now: time.Now().In(loc), Within: c.Int("within-days"),
		SubmissionDay: fc.Submission.DueDay, Teams: fc.Teams}
	if d := fc.Submission.DueDay; d < 0 || d > 28 {
		return o, usageErrorf("config: submission: due_day %d: want 1 to 28 (days into the month after the period)", d)
	}
	if c.Bool("dry-run") {
		// The messages hold teams' texts: escaped as history escapes them.
		o.DryRun = &printableWriter{w: c.App.Writer}
	}
	o.History, _, err = openHistory(c, "", historyUpdate)
	return o, err
}
