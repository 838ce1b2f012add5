package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/opencc"
	"github.com/fupan-review/fupan/postgres"
	"github.com/fupan-review/fupan/wording"
	"github.com/rivo/uniseg"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

// defaultHistory is the history's name in the parent folder of OUT: the
// monthly layout -o <root>/<period> shares one history across months.
const defaultHistory = "fupan-history.sqlite"

func historyFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "history", Usage: "the review history: a `FILE` or a postgres:// URL, its password in PGPASSWORD (default for run and watch: " + defaultHistory + " in the parent folder of OUT; report uses one only where named)"},
		&cli.BoolFlag{Name: "no-history", Usage: "neither read nor record the review history"},
	}
}

// historyUse is what a command does with the history.
type historyUse int

const (
	historyRecord historyUse = iota // run, watch: a default location
	historyRead                     // inspect, validate: only where named
	historyOne                      // report: records, but only where named
	historyNeeded                   // history: none is bad usage
	historyUpdate                   // remind: none is bad usage, and it writes
	// serve: only where named, read-only, but an older schema is migrated
	// first: after an upgrade the page must not wait for the next run.
	historyServe
)

// readOnly reports whether the command opens the history read-only.
func (u historyUse) readOnly() bool {
	return u == historyRead || u == historyNeeded || u == historyServe
}

// historyPath is where the history is: --history, else the config's
// history:, else (for run and watch) beside OUT. A single report has no
// default: its OUT is often in the workbook's own folder, the teams', where
// a history is refused. explicit tells whether it was asked for.
func historyPath(c *cli.Context, out string, use historyUse) (path string, explicit bool, err error) {
	if c.Bool("no-history") {
		if use == historyNeeded || use == historyUpdate {
			return "", false, usageError("--no-history: this command is about the history")
		}
		return "", false, nil
	}
	if p := c.String("history"); p != "" {
		if err := checkHistoryLocation(p); err != nil {
			return "", false, usageError("--history: " + err.Error())
		}
		return p, true, nil
	}
	fc, cfg, err := loadConfig(c, untrustedFolders(c))
	if err != nil {
		return "", false, err
	}
	if fc.History.Location != "" {
		p := fc.History.Location
		if err := checkHistoryLocation(p); err != nil {
			return "", false, usageErrorf("config %s: history: %v", cfg, err)
		}
		if !filepath.IsAbs(p) && !postgres.IsURL(p) {
			p = filepath.Join(filepath.Dir(cfg), p)
		}
		return p, true, nil
	}
	switch {
	case use == historyRecord && out != "":
		abs, err := filepath.Abs(out)
		if err != nil {
			return "", false, usageError(err.Error())
		}
		return filepath.Join(filepath.Dir(abs), defaultHistory), false, nil
	case use == historyNeeded || use == historyUpdate:
		return "", false, usageError("no history: give --history FILE, or history: in fupan.yaml")
	}
	return "", false, nil
}

// openHistory opens the command's history: nil where it has none. A history
// asked for that cannot be opened is problem: the command goes on without it
// and fails at the end (exit 1), its reports written. The default location
// that cannot be created is only a warning.
func openHistory(c *cli.Context, out string, use historyUse) (db fupan.History, problem error, err error) {
	path, explicit, err := historyPath(c, out, use)
	if err != nil || path == "" {
		return nil, nil, err
	}
	log := zerolog.Ctx(c.Context)
	if postgres.IsURL(path) {
		return openServerHistory(c, path, use)
	}
	// The shared folder is the teams': a history there could be anything.
	if err := outsideTeamFolders(path, untrustedFolders(c)); err != nil {
		return nil, nil, usageErrorf("--history %s refused: %v", path, err)
	}
	_, statErr := os.Stat(path)
	if use != historyRecord && use != historyOne {
		// Only the commands that record make a history; a name that is
		// not there is a typo, which would otherwise read as an empty one.
		if err := historyExists(path); err != nil {
			return nil, nil, err
		}
	}
	if use == historyRecord || use == historyOne {
		// OUT's parent, like OUT, is made where it is missing.
		_ = os.MkdirAll(filepath.Dir(path), 0o755)
	}
	db, err = openStoreFor(c.Context, path, use, "")
	if err != nil {
		if !explicit && errors.Is(statErr, os.ErrNotExist) {
			log.Warn().Err(err).Msg("the review history cannot be created: going on without it (give --history FILE)")
			return nil, nil, nil
		}
		if use == historyNeeded || use == historyUpdate {
			return nil, nil, failedError(err.Error())
		}
		log.Error().Err(err).Msg("the review history cannot be opened")
		return nil, err, nil
	}
	log.Info().Str("history", db.Path()).Msg("review history")
	return db, nil, nil
}

// argsAreTeamFiles reports whether a command's arguments are the teams'
// files or folders: history backup's FILE is the copy, and forget's are a
// team and a period, so the history's own folder is not a team folder.
func argsAreTeamFiles(c *cli.Context) bool {
	if c.Command == nil {
		return true
	}
	switch c.Command.Name {
	case "backup", "forget", "rename":
		return false
	}
	return true
}

// historyExists refuses a history that is not there (exit 2): a command that
// does not record must not make an empty file under a mistyped name.
func historyExists(path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return usageErrorf("no history at %s: the file does not exist; check --history or history: in fupan.yaml (run, watch and report create one)", path)
	}
	return nil
}

// outsideTeamFolders refuses a history inside a folder the teams write to.
func outsideTeamFolders(path string, untrusted []string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(real, filepath.Base(abs))
	}
	if d, ok := insideAny(abs, untrusted); ok {
		return fmt.Errorf("it is inside %s, which the teams write to", d)
	}
	return nil
}

// identity is how the history knows a team across periods: OpenCC's t2s and
// the config's teams_aliases.
func identity(c *cli.Context) (fupan.Identity, error) {
	fc, _, err := loadConfig(c, untrustedFolders(c))
	if err != nil {
		return fupan.Identity{}, err
	}
	t2s, err := opencc.T2S()
	if err != nil {
		return fupan.Identity{}, failedError(err.Error())
	}
	return fupan.NewIdentity(t2s, fc.TeamsAliases), nil
}

func historyCommand() *cli.Command {
	return &cli.Command{
		Name:  "history",
		Usage: "list, forget or back up the reviews recorded in the history",
		Description: `Every review that run, watch and report complete is recorded in the history
(an SQLite file, fupan-history.sqlite beside OUT unless --history or the
config's history: names another), so that each report compares with the
team's previous period. fupan history lists the recorded reviews, ordered by
team and period, with their key figures. --json prints a list of objects with
team, period, start, end, file, sha256 and summary.

Examples:
  fupan history --history /srv/复盘报告/fupan-history.sqlite
  fupan history --team 华东销售部 --json | jq '.[].summary.metrics_achieved'
  fupan history forget 华东销售部 2025Q3
  fupan history backup /backup/fupan-history-2025-10.sqlite

Exit status: 0 done, 1 the history cannot be read or written, 2 bad usage
(no history named).`,
		Flags: append(historyFlags(),
			&cli.StringFlag{Name: "team", Usage: "only the reviews of team `T` (any script or width)"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"},
		),
		OnUsageError: onUsageError,
		Subcommands:  []*cli.Command{historyForgetCommand(), historyBackupCommand(), historyRenameCommand(), historyCopyCommand()},
		Action: func(c *cli.Context) error {
			o, err := historyListOptionsFrom(c)
			if err != nil {
				return err
			}
			defer func() { _ = o.DB.Close() }()
			return o.run(c.Context, c.App.Writer)
		},
	}
}

// historyListOptions are what fupan history lists: the reviews of the
// history, of one team where TeamKey is set.
type historyListOptions struct {
	DB      fupan.History
	TeamKey string
	JSON    bool
	// Identity and Teams (fupan.yaml's teams:) judge who had not handed in
	// a period, whose open actions the company's figure counts.
	Identity fupan.Identity
	Teams    []string
}

func historyListOptionsFrom(c *cli.Context) (historyListOptions, error) {
	if c.NArg() != 0 {
		return historyListOptions{}, usageErrorf("history: unknown command %q (forget, backup, rename, copy)", c.Args().First())
	}
	o := historyListOptions{JSON: c.Bool("json")}
	db, _, err := openHistory(c, "", historyNeeded)
	o.DB = db
	if err != nil {
		return o, err
	}
	if o.JSON && c.String("team") == "" {
		return o, nil
	}
	fc, _, err := loadConfig(c, untrustedFolders(c))
	if err != nil {
		return o, err
	}
	o.Teams = fc.Teams
	if o.Identity, err = identity(c); err != nil {
		return o, err
	}
	if t := c.String("team"); t != "" {
		o.TeamKey, err = resolveTeam(c.Context, db, o.Identity, t)
		return o, err
	}
	return o, nil
}

func (o historyListOptions) run(ctx context.Context, stdout io.Writer) error {
	if o.JSON {
		if err := writeHistoryJSON(ctx, stdout, o.DB, o.TeamKey); err != nil {
			return failedError(err.Error())
		}
		return nil
	}
	list, err := o.DB.Reviews(ctx, o.TeamKey)
	if err != nil {
		return failedError(err.Error())
	}
	var absent func(fupan.Period) (fupan.FollowThrough, error)
	if o.TeamKey == "" {
		// The company's figure counts the open actions of the teams that
		// had not handed in, as the period's overview and the dashboard
		// do (fupan.AbsentOf); one team's listing is no company.
		recorded, err := o.DB.Recorded(ctx)
		if err != nil {
			return failedError(err.Error())
		}
		pasts := map[string][]fupan.Past{}
		pastOf := func(key string) ([]fupan.Past, error) {
			if p, ok := pasts[key]; ok {
				return p, nil
			}
			p, err := o.DB.Past(ctx, key)
			pasts[key] = p
			return p, err
		}
		absent = func(p fupan.Period) (fupan.FollowThrough, error) {
			a, err := fupan.AbsentOf(p, o.Teams, recorded, o.Identity, pastOf)
			return a.FollowThrough(), err
		}
	}
	return printHistory(stdout, list, absent)
}

// writeHistoryJSON streams the reviews as a JSON list, one object a line:
// 36,000 reviews are 20 MB, which indenting would make half again longer
// and slower to write.
func writeHistoryJSON(ctx context.Context, out io.Writer, db fupan.History, key string) error {
	w := bufio.NewWriterSize(out, 1<<16)
	sep := "[\n"
	var b []byte
	err := db.EachReview(ctx, key, func(e fupan.HistoryEntry) error {
		b = e.AppendJSON(append(b[:0], sep...))
		sep = ",\n"
		_, err := w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	if sep == "[\n" {
		_, _ = w.WriteString("[")
	}
	_, _ = w.WriteString("\n]\n")
	return w.Flush()
}

// printHistory writes the reviews as a table for a person: with each
// review's follow-through of earlier actions, and the company's per period
// after the table, summed as the overview sums it (fupan.CompanySummary),
// with absent's open actions of the teams that had not handed in. absent
// nil is one team's listing: no company line (one team is no company).
func printHistory(w io.Writer, list []fupan.HistoryEntry, absent func(fupan.Period) (fupan.FollowThrough, error)) error {
	l := fupan.Simplified
	rows := [][]string{{catalog.T(l, "team"), catalog.T(l, "period"), catalog.T(l, "metrics.met"),
		catalog.T(l, "mean.achievement"), catalog.T(l, "tasks.on.schedule"), catalog.T(l, "actions.done"), catalog.T(l, "followup.short"), catalog.T(l, "file")}}
	// The site, where the reviews come from more than one (a shared history).
	sites := map[string]bool{}
	for _, e := range list {
		sites[e.Site] = true
	}
	bySite := len(sites) > 1
	if bySite {
		rows[0] = append(rows[0], catalog.T(l, "history.site"))
	}
	company := map[string][]fupan.Summary{}
	periodOf := map[string]fupan.Period{}
	var periods []string
	for _, e := range list {
		s, err := e.Figures()
		if err != nil {
			return failedError(err.Error())
		}
		row := []string{printable(e.Team), e.Period, wording.OfAll(s.MetricsAchieved, s.Metrics),
			pct(s.MeanAchievementCapped, false), wording.OfAll(s.OnSchedule, s.Judged()), actionsDone(s), followThrough(s), printable(e.File)}
		if bySite {
			row = append(row, printable(e.Site))
		}
		rows = append(rows, row)
		if _, ok := periodOf[e.Period]; !ok {
			periodOf[e.Period] = fupan.Period{Label: e.Period, Start: e.Start, End: e.End}
			periods = append(periods, e.Period)
		}
		company[e.Period] = append(company[e.Period], s)
	}
	printColumns(w, rows)
	if len(list) == 0 {
		fmt.Fprintln(w, catalog.T(l, "history.none"))
	}
	sort.Strings(periods)
	for _, p := range periods {
		if absent == nil {
			break
		}
		gone, err := absent(periodOf[p])
		if err != nil {
			return failedError(err.Error())
		}
		if c := fupan.CompanySummary(company[p], gone); c.FollowupTotal > 0 {
			fmt.Fprintln(w, catalog.F(l, "history.company.followup", p, followThrough(c)))
		}
	}
	return nil
}

// actionsDone is table 4's actions done of all, where the team says which
// are done (a 状态 column, or a done one); else only how many there are:
// "0/3" would say none is done where the team said nothing.
// A cancelled action is of neither count, as the follow-through leaves
// dropped ones out.
func actionsDone(s fupan.Summary) string {
	all := s.Actions - s.ActionsDropped
	if s.ActionsDone == 0 && all > 0 {
		// None marked done: the team may not use the 状态 column, so "0/3"
		// would say more than it wrote; "—/3" says how many there are.
		return "—/" + fmt.Sprint(all)
	}
	return wording.OfAll(s.ActionsDone, all)
}

// followThrough is earlier actions done of those followed up, with the
// rate: "3/6 50%"; "—" where none was followed up.
func followThrough(s fupan.Summary) string {
	rate := s.FollowThrough()
	if rate == nil {
		return "—"
	}
	return wording.OfAll(s.FollowupDone, s.FollowupTotal) + " " + pct(rate, false)
}

// printColumns writes rows in aligned columns by their width on a terminal,
// where a Chinese character takes two cells (tabwriter counts it as one).
func printColumns(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], uniseg.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-uniseg.StringWidth(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}
