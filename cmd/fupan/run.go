package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/fupan-review/fupan/batch"
	"github.com/rs/zerolog"
	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v2"
)

func runCommand() *cli.Command {
	return &cli.Command{
		Name:      "run",
		Usage:     "process every workbook of a folder: the monthly job",
		ArgsUsage: "DIR",
		Description: `Reads every .xlsx and .xlsm workbook in DIR in parallel and writes into OUT,
for each: <name>.reviewed.xlsx and <name>.pdf; and for the run: summary.json
(one entry per input: status, figures, findings, outputs, reason when it
failed) and overview.pdf (every team side by side, for leadership).

Excel's lock files (~$*.xlsx), hidden and temporary files are skipped; .xls,
.csv and other files are reported. One bad workbook never stops the others.
Outputs appear whole or not at all. A workbook that has not changed since the
last run is skipped (--force redoes it); a run that was killed finishes the
job when run again. Only one run may use OUT at a time. Ctrl-C (or SIGTERM)
finishes the workbooks in progress, writes the record and stops: exit 1
"interrupted", each input left unjudged marked in summary.json, nothing
delivered.

Examples:
  fupan run /mnt/复盘/2025-09 -o /srv/复盘报告/2025-09
  fupan run samples -o out --workers 4 --force
  fupan run 复盘/ -o out --json | jq '.entries[] | select(.status=="failed")'
  FUPAN_SMTP_PASSWORD=… fupan run /mnt/复盘/2025-09 -o out --mail
  FUPAN_WECOM_WEBHOOK=… fupan run /mnt/复盘/2025-09 -o out --notify

Exit status: 0 every workbook reported, 1 some workbooks failed (or the run
could not finish), 2 bad usage.`,
		Flags: append(append(reviewFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "write into `OUT`"},
			&cli.IntFlag{Name: "workers", Value: runtime.NumCPU(), Usage: "process `N` workbooks at a time"},
			&cli.BoolFlag{Name: "force", Usage: "redo workbooks that did not change since the last run"},
			&cli.BoolFlag{Name: "recursive", Aliases: []string{"r"}, Usage: "read subfolders of DIR too"},
			&cli.BoolFlag{Name: "json", Usage: "print summary.json to standard output"},
			&cli.BoolFlag{Name: "mail", Usage: "send the PDFs after the run, as the config file says (see fupan help mail)"},
			&cli.BoolFlag{Name: "notify", Usage: "post the run's summary to the group robots after the run (see fupan help notify)"},
			fontFlag(),
		), append(historyFlags(), mailFlags()...)...),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := runOptionsFrom(c)
			if err != nil {
				return err
			}
			defer closeHistory(o.Batch)
			return o.run(c.Context, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// runOptions are what fupan run does: the batch, whether to print its
// summary as JSON, and what to deliver after it (nil: nothing).
type runOptions struct {
	Batch   batch.Options
	JSON    bool
	Deliver func() error
}

func runOptionsFrom(c *cli.Context) (runOptions, error) {
	if c.NArg() != 1 {
		return runOptions{}, usageError("run takes one DIR")
	}
	if c.Int("workers") < 1 {
		return runOptions{}, usageError("--workers must be at least 1")
	}
	b, err := batchOptions(c)
	if err != nil {
		return runOptions{}, err
	}
	o := runOptions{Batch: b, JSON: c.Bool("json")}
	if c.Bool("mail") || c.Bool("notify") {
		// The config is read after the run: a mistake in it keeps the
		// reports, which are written whatever it says.
		o.Deliver = func() error { return deliver(c, b) }
	}
	return o, nil
}

// run runs the batch, with a progress bar where stderr is a terminal, and
// delivers what it reported: a run with failed workbooks still delivers the
// reports it has.
func (o runOptions) run(ctx context.Context, stdout, stderr io.Writer) error {
	runErr := runOnce(ctx, o.Batch, o.JSON, stdout, stderr)
	if ctx.Err() != nil {
		// Stopped (SIGTERM, Ctrl-C): a delivery begun now would be cut
		// off half way; mail and notify deliver the run later.
		if runErr == nil || errors.Is(runErr, errSilent) {
			return failedError("interrupted: every workbook is reported, nothing was delivered (fupan mail OUT, fupan notify OUT deliver it)")
		}
		return runErr
	}
	if o.Deliver != nil && (runErr == nil || errors.Is(runErr, errSilent)) {
		if err := o.Deliver(); err != nil {
			return err
		}
	}
	return runErr
}

// deliver mails and posts a finished run where the flags ask: mail first,
// then the robots; a failure of one does not keep the other.
func deliver(c *cli.Context, o batch.Options) error {
	var errs []string
	code := exitOK
	keep := func(err error) {
		if err == nil {
			return
		}
		errs = append(errs, err.Error())
		c := exitFailed
		var ec cli.ExitCoder
		if errors.As(err, &ec) {
			c = ec.ExitCode()
		}
		code = max(code, c) // bad usage (2) over a failure (1)
	}
	untrusted := []string{o.Input}
	if c.Bool("mail") {
		m, err := mailOptionsFrom(c, o.Output, untrusted)
		if err == nil {
			err = m.run(c.Context)
		}
		keep(err)
	}
	if c.Bool("notify") {
		n, err := notifyOptionsFrom(c, o.Output, untrusted)
		if err == nil {
			err = n.run(c.Context)
		}
		keep(err)
	}
	if len(errs) > 0 {
		return withCode(code, errors.New(strings.Join(errs, "; ")))
	}
	return nil
}

func batchOptions(c *cli.Context) (batch.Options, error) {
	settings, err := settingsFrom(c)
	if err != nil {
		return batch.Options{}, err
	}
	dir := c.Args().First()
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return batch.Options{}, usageErrorf("%s is not a folder", dir)
	}
	if err := batch.CheckFolders(dir, c.String("output")); err != nil {
		return batch.Options{}, usageError(err.Error())
	}
	o := batch.Options{
		Input: dir, Output: c.String("output"), Workers: c.Int("workers"), Force: c.Bool("force"),
		Recursive: c.Bool("recursive"), Settings: settings, Version: version,
	}
	if o.Identity, err = identity(c); err != nil {
		return o, err
	}
	if o.Teams, err = expectedTeams(c); err != nil {
		return o, err
	}
	o.History, o.HistoryProblem, err = openHistory(c, o.Output, historyRecord)
	o.Site = site(c)
	return o, err
}

// closeHistory closes the run's history, if it has one.
func closeHistory(o batch.Options) {
	if o.History != nil {
		_ = o.History.Close()
	}
}

// runOnce runs the batch with a progress bar where stderr is a terminal, and
// reports.
func runOnce(ctx context.Context, o batch.Options, asJSON bool, stdout, stderr io.Writer) error {
	log := zerolog.Ctx(ctx)
	boundMemory()
	var bar *progressbar.ProgressBar
	if isTerminal(stderr) {
		o.Progress = func(done, total int) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(stderr),
					progressbar.OptionSetDescription("fupan"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
			}
			_ = bar.Set(done)
		}
	}
	sum, err := batch.Run(ctx, o)
	if bar != nil {
		_ = bar.Finish()
	}
	if sum != nil {
		log.Info().Int("processed", sum.Processed).Int("skipped", sum.Skipped).Int("ok", sum.OK).
			Int("failed", sum.Failed).Int("ignored", sum.Ignored).Str("output", o.Output).Msg("run finished")
		logMissing(ctx, sum.Roster)
		if asJSON {
			b, _ := json.MarshalIndent(sum, "", "  ")
			fmt.Fprintln(stdout, string(b))
		}
	}
	switch {
	case errors.Is(err, batch.ErrLocked):
		return failedErrorf("%v: %s", err, o.Output)
	case err != nil:
		return failedError(err.Error())
	case sum.Failed > 0:
		return errSilent
	case sum.History != nil && !sum.History.Updated:
		return failedError("the review history was not updated: " + sum.History.Error + "; the reports are written, and the next run records what is missing")
	}
	return nil
}

// readOnlyMemory is the soft limit of validate and inspect, which only read: it
// costs them little time. report has none: its live heap on a 100,000-row
// table is above it (collecting harder made it 4.4 → 7.7 s for 498 → 352 MiB).
const readOnlyMemory = 200 << 20

// softMemoryLimit asks the garbage collector to keep the heap near limit,
// where GOMEMLIMIT does not say otherwise. It is soft: a workbook that needs
// more gets it, with more collection (a 100,000-row validate peaks at 215
// MiB with 200, 287 without).
func softMemoryLimit(limit int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(limit)
	}
}

// boundMemory asks the garbage collector to keep the heap near 100 MiB (where
// GOMEMLIMIT does not say otherwise): a run over thousands of workbooks holds
// little that lives long, and a shared server has other work to do.
func boundMemory() {
	softMemoryLimit(100 << 20)
	// Under the limit, collect half as often: a workbook's garbage is small
	// and short-lived, and the limit keeps the heap bounded anyway (measured:
	// about 4% less CPU for 500 workbooks).
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}
