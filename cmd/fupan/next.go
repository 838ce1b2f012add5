package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func nextCommand() *cli.Command {
	return &cli.Command{
		Name:      "next",
		Usage:     "write the next period's workbook for a team, pre-filled from this period's",
		ArgsUsage: "FILE|OUT",
		Description: `From a team's (reviewed) workbook, or from every workbook of a finished run in
OUT, writes the next period's workbook into DIR, named <team>_<period>.xlsx, in
the team's language: the template with the team and the period filled (--period,
else the period after this one, written as the team writes it: 2025Q3 → 2025Q4,
2025年第三季度 → 2025年第四季度), table 1's unfinished tasks carried over,
table 3's metrics with the targets left blank, table 5 listing this period's
actions with their due dates and acceptance criteria, for the team to say what
became of them, and a sheet of other teams' lessons on the same metrics from
the history (--history, else fupan-history.sqlite beside OUT where it is).

The name comes from the team's cell, made safe: a path separator, a control,
bidi or invisible character, what Windows refuses becomes _ or goes, and
every file is written inside DIR, never through a link out of it. next never
replaces a file in DIR (the team's filled workbook may already be there under
that name): it keeps it, says so naming it, writes the other teams' and exits
1; --force replaces it. A file next wrote before with the same content is
left as it is. Where OUT holds two workbooks of one team and period, the next
workbook is written once, from the review the history keeps (the one modified
later).

Examples:
  fupan next /srv/复盘报告/2025-09 -o /mnt/复盘/2025-10
  fupan next out/华东销售部_2025Q3.reviewed.xlsx -o 下季度/
  fupan next 华东销售部_2025Q3.xlsx --period 2025Q4 -o . --history fupan-history.sqlite

Exit status: 0 written, 1 a workbook could not be read or written (or its
name is taken in DIR), 2 bad usage.`,
		Flags: append(append(reviewFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Required: true, Usage: "write into `DIR`"},
			&cli.BoolFlag{Name: "force", Usage: "replace a file of the same name in DIR"}),
			historyFlags()...),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := nextOptionsFrom(c)
			if err != nil {
				return err
			}
			return o.run(c.Context, c.App.Writer)
		},
	}
}

// nextOptions are what fupan next writes, read from its flags.
type nextOptions struct {
	Files    []string // the reviewed workbooks to carry over
	Period   string   // the next period as given; "" for the one after each
	Output   string
	Force    bool // replace a file of the same name in Output
	Analyze  fupan.Options
	Reader   xlsx.Options
	Identity fupan.Identity
	Lessons  []fupan.Lesson // the history's, for other teams' lessons
	// Past is each team's recorded reviews, by team key: the action
	// register whose open actions table 5 carries.
	Past map[string][]fupan.Past
	// Failed are the run's teams whose workbook failed this period, and
	// Fallback each one's last good review in the history, by team key:
	// its next workbook is made from that.
	Failed   []batch.Entry
	Fallback map[string]*fupan.Review
}

func nextOptionsFrom(c *cli.Context) (nextOptions, error) {
	if c.NArg() != 1 {
		return nextOptions{}, usageError("next takes one FILE or OUT")
	}
	o := nextOptions{Period: c.String("period"), Output: c.String("output"), Force: c.Bool("force")}
	if o.Period != "" {
		if _, err := fupan.ParsePeriod(o.Period); err != nil {
			return o, usageError("--period: " + err.Error())
		}
	}
	var err error
	if o.Identity, err = identity(c); err != nil {
		return o, err
	}
	files, out, failed, err := nextSources(c.Context, c.Args().First(), o.Identity)
	if err != nil {
		return o, usageError(err.Error())
	}
	o.Files, o.Failed = files, failed
	if o.Analyze, err = analyzeOptions(c); err != nil {
		return o, err
	}
	o.Analyze.Period = "" // --period names the next period here
	if o.Reader, err = readerOptions(c); err != nil {
		return o, err
	}
	o.Lessons, o.Past, o.Fallback, err = historyLessons(c, out, failed, o.Identity)
	return o, err
}

// run writes each team's next workbook and prints its path; a workbook that
// cannot be carried over, or whose name is taken, is logged, the others are
// written.
func (o nextOptions) run(ctx context.Context, w io.Writer) error {
	if err := os.MkdirAll(o.Output, 0o755); err != nil {
		return failedError(err.Error())
	}
	// Every write inside the folder: a name never leads out of it, nor
	// through a link in it.
	root, err := os.OpenRoot(o.Output)
	if err != nil {
		return failedError(err.Error())
	}
	defer func() { _ = root.Close() }()
	written := map[string]string{} // by name folded to lower case, for disks that ignore case: the source
	failed := 0
	for _, file := range o.Files {
		path, err := o.writeNext(ctx, root, file, written)
		if err != nil {
			zerolog.Ctx(ctx).Error().Err(err).Str("file", file).Msg("no next workbook")
			failed++
			continue
		}
		fmt.Fprintln(w, printable(path))
	}
	failed += o.writeFallbacks(ctx, root, written, w)
	if failed > 0 {
		return failedErrorf("%d of %d workbooks could not be carried over", failed, len(o.Files)+len(o.Failed))
	}
	return nil
}

// nextSources are the workbooks next reads: the file, or the reviewed
// workbooks of a finished run (and the run's folder, for its history), one
// per team and period.
func nextSources(ctx context.Context, src string, id fupan.Identity) ([]string, string, []batch.Entry, error) {
	fi, err := os.Stat(src)
	if err != nil {
		return nil, "", nil, err
	}
	if !fi.IsDir() {
		return []string{src}, "", nil, nil
	}
	sum, err := batch.ReadSummary(src)
	if err != nil {
		return nil, "", nil, fmt.Errorf("%s is a folder but no finished run: %w", src, err)
	}
	var files []string
	kept := keptEntries(ctx, sum, id)
	for _, e := range kept {
		files = append(files, filepath.Join(src, e.Outputs.Reviewed))
	}
	failed := failedTeams(sum, kept, id)
	if len(files) == 0 && len(failed) == 0 {
		return nil, "", nil, fmt.Errorf("the run in %s reported no workbook", src)
	}
	return files, src, failed, nil
}

// historyLessons are the history's lessons and each team's recorded
// reviews, where there is a history: named, or beside OUT. None without one.
func historyLessons(c *cli.Context, out string, failed []batch.Entry, id fupan.Identity) ([]fupan.Lesson, map[string][]fupan.Past, map[string]*fupan.Review, error) {
	path, explicit, err := historyPath(c, out, historyRecord)
	if err != nil || path == "" {
		return nil, nil, nil, err
	}
	if _, err := os.Stat(path); err != nil && !explicit {
		return nil, nil, nil, nil
	}
	db, err := openStore(c.Context, path, true, historyPasswordEnv(c))
	if err != nil {
		return nil, nil, nil, failedError(err.Error())
	}
	defer func() { _ = db.Close() }()
	lessons, err := db.Lessons(c.Context)
	if err != nil {
		return nil, nil, nil, failedError(err.Error())
	}
	past, err := everyPast(c.Context, db)
	if err != nil {
		return nil, nil, nil, failedError(err.Error())
	}
	fallback, err := lastGood(c.Context, db, failed, id)
	if err != nil {
		return nil, nil, nil, failedError(err.Error())
	}
	return lessons, past, fallback, nil
}

func (o nextOptions) plan(past []fupan.Past) batch.NextPlan {
	return batch.NextPlan{Period: o.Period, Past: past, Lessons: o.Lessons, Identity: o.Identity}
}

func (o nextOptions) writeNext(ctx context.Context, root *os.Root, file string, written map[string]string) (string, error) {
	rv, err := reviewPipeline(o.Analyze, o.Reader, nil, fupan.Identity{}).Review(ctx, file, file)
	if err != nil {
		return "", err
	}
	if rv.HasErrors() {
		return "", fmt.Errorf("%s has errors: run fupan validate on it", file)
	}
	if rv.Meta.Team == "" {
		return "", errors.New("the workbook names no team")
	}
	name, n, err := batch.NextWorkbook(rv, o.plan(o.Past[o.Identity.TeamKey(rv.Meta.Team)]))
	if errors.Is(err, batch.ErrNoNextPeriod) {
		return "", fmt.Errorf("no period to follow %q: give --period", rv.Meta.Period)
	}
	if err != nil {
		return "", err
	}
	return o.writeNextOf(root, name, n, file, written)
}

// writeNextOf writes a team's next workbook n under name, planned from the
// review read from file (or the history's).
func (o nextOptions) writeNextOf(root *os.Root, name string, n fupan.NextReview, file string, written map[string]string) (string, error) {
	path := filepath.Join(o.Output, name)
	key := strings.ToLower(name)
	if other, ok := written[key]; ok {
		return "", fmt.Errorf("%s was written from %s already (both teams give this file name): kept; carry this one over alone with another -o", path, other)
	}
	err := writeNew(root, name, o.Force, func(w io.Writer) error { return xlsx.WriteNext(w, n) })
	if errors.Is(err, errExists) {
		return "", fmt.Errorf("%s exists and is kept (the team's workbook?): move it away, or give --force to replace it", path)
	}
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	written[key] = file
	return path, nil
}
