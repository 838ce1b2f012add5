package main

import (
	"context"
	"path/filepath"

	"github.com/fupan-review/fupan/batch"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func mailCommand() *cli.Command {
	return &cli.Command{
		Name:      "mail",
		Usage:     "send a finished run's PDFs by e-mail",
		ArgsUsage: "OUT",
		Description: `Sends the PDFs of the run in OUT as the mail section of the config file
says: one mail with the overview and every report, or one per team. The SMTP
password comes only from the environment variable the config names
(smtp.password_env). A mail that was sent is recorded in OUT and not sent again
(--resend sends it anyway); a temporary failure is retried with back-off.
--dry-run writes the .eml files into OUT/mail instead.

The config file (--config, else /etc/fupan/fupan.yaml, else fupan.yaml in the
working directory; never one in the input folder, and never one that anyone but
its owner may write):

  mail:
    smtp: {host: smtp.example.com, port: 587, security: starttls,
           user: fupan@example.com, password_env: FUPAN_SMTP_PASSWORD,
           max_bytes: 20000000}
    from: 复盘报告 <fupan@example.com>
    to: [leadership@example.com]
    cc: []
    mode: single            # or per-team, with teams: {华东销售部: [a@example.com]}
    lang: zh-Hans           # the default mail's language: zh-Hans, zh-Hant or en
    subject: "策略复盘报告 {{.Period}}：平均达成率 {{.MeanAchievement}}"

Examples:
  FUPAN_SMTP_PASSWORD=… fupan mail /srv/复盘报告/2025-09
  fupan mail out --dry-run

Exit status: 0 sent (or nothing left to send), 1 a mail could not be sent, 2 bad usage.`,
		Flags: append(mailFlags(),
			&cli.StringFlag{Name: "config", Usage: "read the mail settings from `FILE` (default: /etc/fupan/fupan.yaml, else fupan.yaml in the working directory)"}),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("mail takes one OUT folder")
			}
			out := c.Args().First()
			untrusted, err := recordedInput(out)
			if err != nil {
				return err
			}
			o, err := mailOptionsFrom(c, out, untrusted)
			if err != nil {
				return err
			}
			return o.run(c.Context)
		},
	}
}

func mailFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "dry-run", Usage: "write .eml files into OUT/mail instead of sending"},
		&cli.BoolFlag{Name: "resend", Usage: "send again mail that was sent"},
	}
}

// recordedInput is the input folder a finished run in OUT read (absolute,
// links resolved, as summary.json records it): a config file there is
// refused as it would be by the run. A summary whose input folder cannot be
// resolved (one of an earlier version, as typed; a folder gone) is refused:
// the config could not be checked against it. No summary: nothing to check,
// and mail or notify says there is no finished run.
func recordedInput(out string) ([]string, error) {
	sum, err := batch.ReadSummary(out)
	if err != nil {
		return nil, nil
	}
	refuse := func(why string) error {
		return usageErrorf("the run in %s: its input folder %q %s, so a config file the teams could have put there cannot be told apart and is refused; run the workbooks again with this fupan", out, sum.Input, why)
	}
	if !filepath.IsAbs(sum.Input) {
		return nil, refuse("is not an absolute path (summary.json of an earlier fupan)")
	}
	real, err := filepath.EvalSymlinks(sum.Input)
	if err != nil {
		return nil, refuse("cannot be resolved (" + err.Error() + ")")
	}
	return []string{sum.Input, real}, nil
}

// mailOptions is what the mail command and run --mail send: a finished run
// in Out, as the config file's mail section says.
type mailOptions struct {
	Out  string
	Mail batch.MailOptions
}

// mailOptionsFrom reads the flags and the config, refusing one inside the
// untrusted folders (the run's input).
func mailOptionsFrom(c *cli.Context, out string, untrusted []string) (mailOptions, error) {
	cfg, err := mailConfig(c, untrusted)
	if err != nil {
		return mailOptions{}, err
	}
	return mailOptions{Out: out, Mail: batch.MailOptions{Config: cfg, DryRun: c.Bool("dry-run"), Resend: c.Bool("resend")}}, nil
}

func (o mailOptions) run(ctx context.Context) error {
	res, err := batch.Mail(ctx, o.Out, o.Mail)
	zerolog.Ctx(ctx).Info().Int("sent", res.Sent).Int("already_sent", res.Skipped).Int("failed", res.Failed).Int("written", res.Written).Msg("mail done")
	if err != nil {
		return failedError(err.Error())
	}
	return nil
}
