package main

import (
	"context"

	"github.com/fupan-review/fupan/batch"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func watchCommand() *cli.Command {
	return &cli.Command{
		Name:      "watch",
		Usage:     "keep processing workbooks as they arrive or change",
		ArgsUsage: "DIR",
		Description: `Does what fupan run does, again and again: whenever a workbook in DIR is new
or changed, and has settled (no Excel lock file ~$name beside it, size and time
unchanged for --settle), the run brings OUT up to date. It reacts to file events
and polls every --poll as well, since network shares (SMB, NFS) often send no
events. Stop it with Ctrl-C.

Examples:
  fupan watch /mnt/复盘/2025-09 -o /srv/复盘报告/2025-09
  fupan watch /mnt/share -o out --poll 30s --no-events
  fupan watch /mnt/复盘/2025-09 -o /srv/复盘报告/2025-09 --notify --mail

Exit status: 0 stopped, 1 the folder could not be watched, 2 bad usage.`,
		Flags: append(append(reviewFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "write into `OUT`"},
			&cli.IntFlag{Name: "workers", Value: 0, Usage: "process `N` workbooks at a time (default: the number of cores)"},
			&cli.DurationFlag{Name: "poll", Value: 5e9, Usage: "look at the folder every `DURATION`"},
			&cli.DurationFlag{Name: "settle", Value: 3e9, Usage: "read a file once unchanged for `DURATION`"},
			&cli.BoolFlag{Name: "no-events", Usage: "poll only; do not use file events"},
			&cli.BoolFlag{Name: "recursive", Aliases: []string{"r"}, Usage: "watch subfolders of DIR too (by polling and events on DIR)"},
			fontFlag(),
			&cli.BoolFlag{Name: "mail", Usage: "send the PDFs after each run that changed something (see fupan help mail)"},
			&cli.BoolFlag{Name: "notify", Usage: "post the summary to the group robots after each run that changed something (see fupan help notify)"},
			&cli.BoolFlag{Name: "dry-run", Usage: "with --mail or --notify: write the messages into OUT instead of sending"},
			&cli.BoolFlag{Name: "resend", Usage: "with --mail or --notify: send again what was sent"},
		), historyFlags()...),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("watch takes one DIR")
			}
			o, err := batchOptions(c)
			if err != nil {
				return err
			}
			defer closeHistory(o)
			boundMemory()
			w := watchOptions{Batch: o, Watch: batch.WatchOptions{Poll: c.Duration("poll"), Settle: c.Duration("settle"), Events: !c.Bool("no-events")}}
			if reopen, closeReopened := reopenServerHistory(c, o); reopen != nil {
				w.Watch.Reopen = reopen
				defer closeReopened()
			}
			if c.Bool("mail") || c.Bool("notify") {
				w.Deliver = func() error { return deliver(c, o) }
			}
			return w.run(c.Context)
		},
	}
}

// watchOptions are what fupan watch does: the runs' options, how to watch,
// and what to deliver after a run that changed something (nil: nothing).
type watchOptions struct {
	Batch   batch.Options
	Watch   batch.WatchOptions
	Deliver func() error
}

// run watches until ctx is done, delivering after each batch of changes.
func (w watchOptions) run(ctx context.Context) error {
	log := zerolog.Ctx(ctx)
	log.Info().Str("input", w.Batch.Input).Str("output", w.Batch.Output).Dur("poll", w.Watch.Poll).Msg("watching")
	onRun := w.Watch.OnRun
	w.Watch.OnRun = func(s *batch.Summary) {
		log.Info().Int("processed", s.Processed).Int("failed", s.Failed).Msg("output folder brought up to date")
		// Only a batch of changes is delivered; each message once.
		if s.Processed > 0 && w.Deliver != nil {
			if err := w.Deliver(); err != nil {
				log.Error().Err(err).Msg("delivery failed; the next change tries again")
			}
		}
		if onRun != nil {
			onRun(s)
		}
	}
	if err := batch.Watch(ctx, w.Batch, w.Watch); err != nil {
		return failedError(err.Error())
	}
	return nil
}
