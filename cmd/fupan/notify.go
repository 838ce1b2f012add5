package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/internal/secret"
	"github.com/fupan-review/fupan/robot"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func notifyCommand() *cli.Command {
	return &cli.Command{
		Name:      "notify",
		Usage:     "post a finished run's summary to the 企业微信, 钉钉 and 飞书 group robots",
		ArgsUsage: "OUT",
		Description: `Posts one summary of the run in OUT to each robot of the config's notify:
section, in the language most of its teams write: the period, reports done
and failed, one line per team with targets met and what needs a decision,
links to each PDF where report_url is set; WeCom also gets overview.pdf as a
file. Each message is recorded in OUT and not posted again (--resend posts it
anyway). --dry-run writes the messages into OUT/notify instead.

The webhook URLs and secrets come only from the environment variables the
config names; they never appear in a log, an output or an error message.
  notify:
    - kind: wecom                     # 企业微信 group robot
      webhook_env: FUPAN_WECOM_WEBHOOK
      teams: [华东销售部, 华南销售部]   # default: every team
      report_url: https://intranet.example.com/复盘报告/2025-09
    - kind: dingtalk                  # 钉钉 custom robot, signed ("加签")
      webhook_env: FUPAN_DINGTALK_WEBHOOK
      secret_env: FUPAN_DINGTALK_SECRET
    - kind: feishu                    # 飞书 custom bot, signed
      webhook_env: FUPAN_FEISHU_WEBHOOK
      secret_env: FUPAN_FEISHU_SECRET
      lang: zh-Hant
  people:                             # for fupan remind's @-mentions
    王五: {mobile: "13800000000", feishu_id: ou_0123456789abcdef}
  timezone: Asia/Shanghai

Examples:
  FUPAN_WECOM_WEBHOOK=… fupan notify /srv/复盘报告/2025-09
  fupan notify out --dry-run

Exit status: 0 posted (or nothing left to post), 1 a message could not be posted, 2 bad usage.`,
		Flags: append(notifyFlags(),
			&cli.StringFlag{Name: "config", Usage: "read the robots from `FILE` (default: /etc/fupan/fupan.yaml, else fupan.yaml in the working directory)"}),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usageError("notify takes one OUT folder")
			}
			out := c.Args().First()
			untrusted, err := recordedInput(out)
			if err != nil {
				return err
			}
			o, err := notifyOptionsFrom(c, out, untrusted)
			if err != nil {
				return err
			}
			return o.run(c.Context)
		},
	}
}

func notifyFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "dry-run", Usage: "write the messages into OUT/notify instead of posting them"},
		&cli.BoolFlag{Name: "resend", Usage: "post again what was posted"},
	}
}

// robotTargets makes the config's robots, with their webhooks and secrets
// from the environment. A dry run (--dry-run) posts nothing, so it needs
// no secret: a robot whose variables are not set gets a webhook that goes
// nowhere (and its own record of what was reminded).
func robotTargets(c *cli.Context, untrusted []string) ([]batch.RobotTarget, fileConfig, error) {
	dry := c.Bool("dry-run")
	fc, path, err := loadConfig(c, untrusted)
	if err != nil {
		return nil, fc, err
	}
	if len(fc.Notify) == 0 {
		where := path
		if where == "" {
			where = "no config file (give --config FILE)"
		}
		return nil, fc, usageError("no robots: add a notify: section to the config (" + where + "); see fupan help notify")
	}
	var out []batch.RobotTarget
	counts := map[string]int{}
	for i, n := range fc.Notify {
		kind, err := robot.ParseKind(n.Kind)
		if err != nil {
			return nil, fc, usageErrorf("config %s: notify %d: %v", path, i+1, err)
		}
		name := n.Name
		if name == "" {
			counts[n.Kind]++
			name = fmt.Sprintf("%s-%d", n.Kind, counts[n.Kind])
		}
		webhook, err := secret.FromEnv(os.LookupEnv, n.WebhookEnv, "webhook_env")
		if err != nil && dry {
			zerolog.Ctx(c.Context).Warn().Str("robot", name).Msgf("%v: a dry run posts nothing, so it goes on without it", err)
			webhook, err = "https://dry-run.invalid/"+url.PathEscape(name), nil
		}
		if err != nil {
			return nil, fc, usageErrorf("config %s: robot %s: %v", path, name, err)
		}
		var sec string
		if n.SecretEnv != "" {
			if sec, err = secret.FromEnv(os.LookupEnv, n.SecretEnv, "secret_env"); err != nil && dry {
				zerolog.Ctx(c.Context).Warn().Str("robot", name).Msgf("%v: a dry run posts nothing, so it goes on without it", err)
				sec, err = "", nil
			}
			if err != nil {
				return nil, fc, usageErrorf("config %s: robot %s: %v", path, name, err)
			}
		}
		r, err := robot.New(robot.Options{Kind: kind, Webhook: webhook, Secret: sec})
		if err != nil {
			return nil, fc, usageErrorf("config %s: robot %s: $%s: %v", path, name, n.WebhookEnv, err)
		}
		t := batch.RobotTarget{Name: name, Robot: r, Teams: n.Teams, ReportURL: n.ReportURL}
		if n.ReportURL != "" {
			if u, err := url.Parse(n.ReportURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") {
				return nil, fc, usageErrorf("config %s: robot %s: report_url %q is not an http(s) URL", path, name, n.ReportURL)
			}
		}
		if n.Lang != "" {
			l, ok := fupan.ParseLang(n.Lang)
			if !ok {
				return nil, fc, usageErrorf("config %s: robot %s: lang %q: want zh-Hans, zh-Hant or en", path, name, n.Lang)
			}
			t.Lang = l
		}
		out = append(out, t)
	}
	return out, fc, nil
}

// notifyOptions is what the notify command and run --notify post: a
// finished run's summary in Out, to the config's robots.
type notifyOptions struct {
	Out    string
	Notify batch.NotifyOptions
}

// notifyOptionsFrom reads the flags, the config's robots and their secrets
// from the environment, refusing a config inside the untrusted folders.
func notifyOptionsFrom(c *cli.Context, out string, untrusted []string) (notifyOptions, error) {
	targets, _, err := robotTargets(c, untrusted)
	if err != nil {
		return notifyOptions{}, err
	}
	id, err := identity(c)
	if err != nil {
		return notifyOptions{}, err
	}
	return notifyOptions{Out: out, Notify: batch.NotifyOptions{Robots: targets, Identity: id, DryRun: c.Bool("dry-run"), Resend: c.Bool("resend")}}, nil
}

func (o notifyOptions) run(ctx context.Context) error {
	res, err := batch.Notify(ctx, o.Out, o.Notify)
	zerolog.Ctx(ctx).Info().Int("posted", res.Sent).Int("already_posted", res.Skipped).Int("failed", res.Failed).
		Int("written", res.Written).Int("unknown", res.Unknown).Msg("robots done")
	if err != nil {
		return failedError(strings.TrimSpace(err.Error()))
	}
	return nil
}
