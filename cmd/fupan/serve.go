package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/web"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "serve the pages: check a workbook before handing it in, the dashboard, the runs",
		ArgsUsage: "OUT...",
		Description: `Serves, over the output folders and history that run and watch write, the
pages where a team lead checks a workbook (findings by sheet and cell, the
report's key figures; nothing is recorded) and, where serve.accept_uploads
is set, hands it in; where leadership reads the latest period's dashboard,
each team's trend and reports, and the lessons; and where the operator sees
the last runs. Pages need no JavaScript and load nothing from elsewhere.
Ages (an action 逾期 N 天) are as of today, or of --as-of DATE for
reproducible pages.

Without a login, fupan serve listens on loopback only (one person at the
machine sees everything). With fupan's own login (企业微信, 钉钉, 飞书 or
OIDC; docs/login.md), set in fupan.yaml:

  serve:
    listen: 0.0.0.0:8080
    public_url: https://fupan.example.com
    login:
      wecom: {corp_id: ww0123456789abcdef, agent_id: "1000002", secret_env: FUPAN_WECOM_LOGIN_SECRET}
      oidc: {issuer: https://sso.example.com/realms/company, client_id: fupan, secret_env: FUPAN_OIDC_SECRET}
  people:
    王总: {mobile: "13800000000", logins: [wecom:wangzong], role: leadership}
    李东: {logins: [oidc:5f0c1d7e], role: team, teams: [华东销售部]}

Behind the company's login proxy instead:

  serve:
    listen: 0.0.0.0:8080
    auth: proxy
    proxy_header: X-Remote-User
    trusted_proxies: [10.0.0.5/32]
    accept_uploads: /srv/复盘/2025-09
    access:
      - {identity: proxy:wang, role: leadership}
      - {identity: proxy:li, role: team, teams: [华东销售部]}
      - {identity: proxy:ops, role: operator}

Examples:
  fupan serve --listen 127.0.0.1:8080 out
  fupan serve --config /etc/fupan/fupan.yaml /srv/复盘报告/2025-08 /srv/复盘报告/2025-09

Exit status: 0 stopped, 1 the server failed, 2 bad usage (a listen address
others reach without a login included).`,
		Flags: append(append(reviewFlags(),
			&cli.StringFlag{Name: "listen", Usage: "listen on `ADDR` (default: serve.listen, else 127.0.0.1:8080)"},
		), historyFlags()...),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := serveOptionsFrom(c)
			if err != nil {
				return err
			}
			if h, ok := o.Config.History.(io.Closer); ok {
				defer func() { _ = h.Close() }()
			}
			return o.run(c.Context)
		},
	}
}

// serveOptions are what fupan serve serves, read from its flags and fupan.yaml.
type serveOptions struct {
	Listen string
	Config web.Config
}

func serveOptionsFrom(c *cli.Context) (serveOptions, error) {
	if c.NArg() == 0 {
		return serveOptions{}, usageError("serve takes at least one OUT folder (what run or watch write)")
	}
	fc, cfgPath, err := loadConfig(c, nil)
	if err != nil {
		return serveOptions{}, err
	}
	sc := fc.Serve
	o := serveOptions{Listen: c.String("listen")}
	if o.Listen == "" {
		o.Listen = sc.Listen
	}
	if o.Listen == "" {
		o.Listen = "127.0.0.1:8080"
	}
	auth := web.Auth{Header: sc.ProxyHeader}
	switch sc.Auth {
	case "":
	case "proxy":
		auth.Proxy = true
		if auth.Trusted, err = web.ParsePrefixes(sc.TrustedProxies); err != nil {
			return o, usageErrorf("config %s: serve.%v", cfgPath, err)
		}
	default:
		return o, usageErrorf("config %s: serve.auth %q: want proxy, or none (loopback, or serve.login's ways)", cfgPath, sc.Auth)
	}
	if auth.Ways, err = loginWays(sc.Login); err != nil {
		return o, usageErrorf("config %s: %v", cfgPath, err)
	}
	auth.PublicURL, auth.SessionLife = sc.PublicURL, sessionLife(sc.SessionHours)
	if err := web.CheckListen(o.Listen, auth); err != nil {
		return o, usageError(err.Error())
	}
	grants, err := grantsFrom(&fc)
	if err != nil {
		return o, usageErrorf("config %s: %v", cfgPath, err)
	}
	if err := web.CheckGrants(grants); err != nil {
		return o, usageErrorf("config %s: %v", cfgPath, err)
	}
	for _, out := range c.Args().Slice() {
		if fi, err := os.Stat(out); err != nil || !fi.IsDir() {
			return o, usageErrorf("%s: not an output folder", out)
		}
	}
	if sc.AcceptUploads != "" {
		if fi, err := os.Stat(sc.AcceptUploads); err != nil || !fi.IsDir() {
			return o, usageErrorf("config %s: serve.accept_uploads %s: not a folder", cfgPath, sc.AcceptUploads)
		}
	}
	s, err := settingsFrom(c)
	if err != nil {
		return o, err
	}
	id, err := identity(c)
	if err != nil {
		return o, err
	}
	hist, err := serveHistory(c)
	if err != nil {
		return o, err
	}
	log := zerolog.Ctx(c.Context)
	o.Config = web.Config{Outs: c.Args().Slice(), History: hist, Teams: fc.Teams, Identity: id, Settings: s, Auth: auth,
		Access: grants, AcceptUploads: sc.AcceptUploads, MaxAnalyses: sc.MaxAnalyses, Log: accessLog(log), Audit: auditLog(log)}
	if c.IsSet("as-of") {
		// The pages' ages as of the day a run was as of: reproducible
		// pages, as --as-of makes a run's reports.
		asOf := s.Analyze.Now
		o.Config.Now = func() time.Time { return asOf }
	} else {
		loc := s.Analyze.Now.Location() // the config's timezone (analyzeOptions)
		o.Config.Now = func() time.Time { return time.Now().In(loc) }
	}
	return o, nil
}

// serveHistory opens the history read-only: --history or history:, else
// the one run writes beside the first OUT where it is there.
func serveHistory(c *cli.Context) (fupan.History, error) {
	hist, problem, err := openHistory(c, "", historyServe)
	if err != nil {
		return nil, err
	}
	if problem != nil {
		return nil, failedError(problem.Error())
	}
	if hist != nil {
		return hist, nil
	}
	if c.Bool("no-history") {
		return nil, nil
	}
	abs, err := filepath.Abs(c.Args().First())
	if err != nil {
		return nil, usageError(err.Error())
	}
	beside := filepath.Join(filepath.Dir(abs), defaultHistory)
	if _, err := os.Stat(beside); err != nil {
		return nil, nil
	}
	db, err := openStoreFor(c.Context, beside, historyServe, "")
	if err != nil {
		return nil, failedError(err.Error())
	}
	return db, nil
}

// accessLog writes one line per request: who asked for which page, the
// answer and its time; never a query string or a workbook's contents.
func accessLog(log *zerolog.Logger) func(web.AccessRecord) {
	return func(r web.AccessRecord) {
		log.Info().Str("method", r.Method).Str("path", r.Path).Str("who", r.Identity).Str("remote", r.Remote).
			Int("status", r.Status).Int64("bytes", r.Bytes).Dur("duration", r.Duration).Msg("request")
	}
}

func (o serveOptions) run(ctx context.Context) error {
	srv, err := web.New(o.Config)
	if err != nil {
		return failedError(err.Error())
	}
	checkWays(ctx, o.Config.Auth.Ways, o.Config.Auth.PublicURL)
	zerolog.Ctx(ctx).Info().Str("listen", "http://"+o.Listen).Strs("outputs", o.Config.Outs).Msg("serving")
	if err := srv.Serve(ctx, o.Listen); err != nil {
		return failedError(err.Error())
	}
	return nil
}
