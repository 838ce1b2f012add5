package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/mail"
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

The config file (--config, default fupan.yaml beside the input folder or in the
working directory):

  mail:
    smtp: {host: smtp.example.com, port: 587, security: starttls,
           user: fupan@example.com, password_env: FUPAN_SMTP_PASSWORD,
           max_bytes: 20000000}
    from: 复盘报告 <fupan@example.com>
    to: [leadership@example.com]
    cc: []
    mode: single            # or per-team, with teams: {华东销售部: [a@example.com]}
    subject: "策略复盘报告 {{.Period}}:平均达成率 {{.MeanAchievement}}"

Examples:
  FUPAN_SMTP_PASSWORD=… fupan mail /srv/复盘报告/2025-09
  fupan mail out --dry-run

Exit status: 0 sent (or nothing left to send), 1 a mail could not be sent, 2 bad usage.`,
		Flags:        mailFlags(),
		OnUsageError: usageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return cli.Exit("mail takes one OUT folder", exitBadUsage)
			}
			return sendMail(c, c.Args().First(), "")
		},
	}
}

func mailFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "read the mail settings from `FILE` (default: fupan.yaml beside the input, or in the working directory)"},
		&cli.BoolFlag{Name: "dry-run", Usage: "write .eml files into OUT/mail instead of sending"},
		&cli.BoolFlag{Name: "resend", Usage: "send again mail that was sent"},
	}
}

// configPath finds the config file: --config, else fupan.yaml beside the
// input folder, else in the working directory.
func configPath(c *cli.Context, input string) (string, error) {
	if p := c.String("config"); p != "" {
		return p, nil
	}
	var tries []string
	if input != "" {
		tries = append(tries, filepath.Join(input, "fupan.yaml"), filepath.Join(filepath.Dir(filepath.Clean(input)), "fupan.yaml"))
	}
	tries = append(tries, "fupan.yaml")
	for _, p := range tries {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", cli.Exit(fmt.Sprintf("no mail config: give --config or put fupan.yaml in %v", tries), exitBadUsage)
}

func sendMail(c *cli.Context, out, input string) error {
	path, err := configPath(c, input)
	if err != nil {
		return err
	}
	cfg, err := mail.LoadConfig(path)
	if err != nil {
		return cli.Exit(err.Error(), exitBadUsage)
	}
	log := zerolog.Ctx(c.Context)
	res, err := batch.Mail(c.Context, out, batch.MailOptions{Config: cfg, DryRun: c.Bool("dry-run"), Resend: c.Bool("resend")})
	log.Info().Int("sent", res.Sent).Int("already_sent", res.Skipped).Int("failed", res.Failed).Int("written", res.Written).Msg("mail done")
	if err != nil {
		return cli.Exit(err.Error(), exitFailed)
	}
	return nil
}
