package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/urfave/cli/v2"
)

func lessonsCommand() *cli.Command {
	return &cli.Command{
		Name:  "lessons",
		Usage: "search the lessons library: every 经验/教训 of every recorded review",
		Description: `Lists the lessons (经验/教训) of the reviews in the history, newest first: the
team, period, metric, kind (experience: what worked; lesson: what to avoid),
the text, the cause, and the metric's achievement. --search finds text in any
script (线索 finds 線索). -o FILE.pdf writes the team's knowledge base
(经验教训库), grouped by kind and by metric, with where each lesson came from;
-o FILE.xlsx the same as one sheet to filter and sort: a row per lesson
(team, period, metric, kind, achievement as a percentage, status, text, cause,
source file) under one frozen header row with an autofilter. --json prints a
list of objects with team, period, metric, kind, text, cause, achievement and
status.

Examples:
  fupan lessons --history /srv/复盘报告/fupan-history.sqlite --search 线索
  fupan lessons --history h.sqlite --kind lesson --since 2025Q1 --json
  fupan lessons --history h.sqlite --team 华东销售部 -o 经验教训库.pdf

Exit status: 0 listed (or written), 1 the history cannot be read or FILE written,
2 bad usage (no history).`,
		Flags: append(historyFlags(),
			&cli.StringFlag{Name: "search", Usage: "only lessons holding `TEXT` (any script)"},
			&cli.StringFlag{Name: "team", Usage: "only team `T`'s"},
			&cli.StringFlag{Name: "kind", Usage: "only `experience` (经验) or lesson (教训)"},
			&cli.StringFlag{Name: "since", Usage: "only periods ending in or after `PERIOD` (2025Q1)"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the library to `FILE` (.xlsx or .pdf)"},
			&cli.StringFlag{Name: "lang", Usage: "language of the export: zh-Hans, zh-Hant or en (default zh-Hans)"},
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"},
			fontFlag(),
		),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := lessonsOptionsFrom(c)
			if err != nil {
				return err
			}
			db, _, err := openHistory(c, "", historyNeeded)
			if err != nil {
				return err
			}
			defer func() { _ = db.Close() }()
			if t := c.String("team"); t != "" {
				if o.Filter.Team, err = resolveTeam(c.Context, db, o.Identity, t); err != nil {
					return err
				}
			}
			all, err := db.Lessons(c.Context)
			if err != nil {
				return failedError(err.Error())
			}
			return o.run(all, c.App.Writer)
		},
	}
}

// lessonsOptions are what fupan lessons shows, read from its flags.
type lessonsOptions struct {
	Filter   fupan.LessonFilter
	Identity fupan.Identity
	Lang     fupan.Lang
	JSON     bool
	Output   string   // .xlsx or .pdf; "" prints
	Font     pdf.Font // for a .pdf; the zero Font is the embedded one
}

func lessonsOptionsFrom(c *cli.Context) (lessonsOptions, error) {
	if c.NArg() != 0 {
		return lessonsOptions{}, usageError("lessons takes no arguments (give --search TEXT)")
	}
	o := lessonsOptions{Lang: fupan.Simplified, JSON: c.Bool("json"), Output: c.String("output"),
		Filter: fupan.LessonFilter{Search: c.String("search"), Kind: c.String("kind")}}
	var err error
	if o.Identity, err = identity(c); err != nil {
		return o, err
	}
	if k := o.Filter.Kind; k != "" {
		kind, ok := lessonKind(k)
		if !ok {
			return o, usageError("--kind " + k + ": want experience or lesson (经验 or 教训)")
		}
		o.Filter.Kind = kind
	}
	if t := c.String("team"); t != "" {
		o.Filter.Team = o.Identity.TeamKey(t)
	}
	if s := c.String("since"); s != "" {
		p, err := fupan.ParsePeriodStrict(s)
		if err != nil {
			return o, usageError("--since: " + err.Error())
		}
		o.Filter.Since = p.End
	}
	if s := c.String("lang"); s != "" {
		l, ok := fupan.ParseLang(s)
		if !ok {
			return o, usageError("--lang " + s + ": want zh-Hans, zh-Hant or en")
		}
		o.Lang = l
	}
	if ext := strings.ToLower(filepath.Ext(o.Output)); o.Output != "" && ext != ".xlsx" && ext != ".pdf" {
		return o, usageError("-o " + o.Output + ": want a .xlsx or .pdf file")
	}
	o.Font, err = fontOption(c)
	return o, err
}

// run shows the lessons that pass the filter: written to a file, as JSON,
// or as a table.
func (o lessonsOptions) run(all []fupan.Lesson, stdout io.Writer) error {
	var list []fupan.Lesson
	for _, l := range all {
		if o.Filter.Match(l, o.Identity) {
			list = append(list, l)
		}
	}
	switch {
	case o.Output != "":
		return o.write(list, stdout)
	case o.JSON:
		if list == nil {
			list = []fupan.Lesson{}
		}
		b, err := json.MarshalIndent(list, "", "  ")
		if err != nil {
			return failedError(err.Error())
		}
		fmt.Fprintln(stdout, string(b))
	default:
		l := o.Lang
		rows := [][]string{{catalog.T(l, "period"), catalog.T(l, "team"), catalog.T(l, "lessons.metric"),
			catalog.T(l, "lessons.kind"), catalog.T(l, "lessons.text")}}
		for _, ls := range list {
			rows = append(rows, []string{ls.Period, printable(ls.Team), printable(ls.Metric), catalog.T(l, "kind."+ls.Kind), printable(ls.Text)})
		}
		printColumns(stdout, rows)
	}
	return nil
}

// write exports the lessons to Output, whole or not at all, and prints its
// name.
func (o lessonsOptions) write(list []fupan.Lesson, stdout io.Writer) error {
	if err := os.MkdirAll(filepath.Dir(o.Output), 0o755); err != nil {
		return failedError(err.Error())
	}
	write := func(f *os.File) error { return xlsx.WriteLessons(f, list, o.Lang) }
	if strings.ToLower(filepath.Ext(o.Output)) == ".pdf" {
		write = func(f *os.File) error { return pdf.WriteLessons(f, list, pdf.Options{Font: o.Font, Lang: o.Lang}) }
	}
	if err := batch.WriteAtomic(o.Output, write); err != nil {
		return failedError(err.Error())
	}
	fmt.Fprintln(stdout, printable(o.Output))
	return nil
}
