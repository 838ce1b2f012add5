package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/urfave/cli/v2"
)

func actionsCommand() *cli.Command {
	return &cli.Command{
		Name:  "actions",
		Usage: "the action register: every action of table 4 of any period, open until done or dropped",
		Description: `Lists every action a team set in table 4 of any recorded review, one row per
action: team, action, owner, the period it came from, due date, status (open,
overdue, unknown: not followed up in the latest review, done, done_late,
dropped), age (days past its due date while it is open) and the last period
whose review names it. An action stays open until a later review's table 5
(or a tracked task of table 2) says it is done or dropped; ` + "`fupan next`" + ` carries
every open one into the next workbook's table 5.

--team matches a folded part of the name (华东 finds 华东大区), --owner one of
the owners, --open leaves the closed out. -o FILE.xlsx writes the register as
a workbook with a filter on every column and the header frozen; --json prints
a list of objects.

Examples:
  fupan actions --history /srv/复盘报告/fupan-history.sqlite --open
  fupan actions --history h.sqlite --team 华东 --owner 李四 --json
  fupan actions --history h.sqlite -o 行动台账.xlsx

Exit status: 0 listed (or written), 1 the history cannot be read or FILE
written, 2 bad usage (no history).`,
		Flags: append(historyFlags(),
			&cli.StringFlag{Name: "team", Usage: "only teams whose name holds `T` (folded)"},
			&cli.StringFlag{Name: "owner", Usage: "only actions `NAME` owns"},
			&cli.BoolFlag{Name: "open", Usage: "only actions neither done nor dropped"},
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the register to `FILE`.xlsx"},
			&cli.StringFlag{Name: "lang", Usage: "language of the list: zh-Hans, zh-Hant or en (default zh-Hans)"},
			&cli.StringFlag{Name: "as-of", Usage: "count ages as of `DATE` (2025-10-08; default: today)"},
			&cli.StringFlag{Name: "config", Usage: "read settings from `FILE`"},
		),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := actionsOptionsFrom(c)
			if err != nil {
				return err
			}
			db, _, err := openHistory(c, "", historyNeeded)
			if err != nil {
				return err
			}
			defer func() { _ = db.Close() }()
			return o.run(c.Context, db, c.App.Writer)
		},
	}
}

// actionsOptions are what fupan actions lists, read from its flags.
type actionsOptions struct {
	Team, Owner string
	Open, JSON  bool
	Output      string // .xlsx; "" prints
	Lang        fupan.Lang
	AsOf        fupan.Date
	Identity    fupan.Identity
}

func actionsOptionsFrom(c *cli.Context) (actionsOptions, error) {
	if c.NArg() != 0 {
		return actionsOptions{}, usageError("actions takes no arguments (give --team T)")
	}
	o := actionsOptions{Team: c.String("team"), Owner: strings.TrimSpace(c.String("owner")), Open: c.Bool("open"), JSON: c.Bool("json"),
		Output: c.String("output"), Lang: fupan.Simplified}
	loc, err := location(c)
	if err != nil {
		return o, err
	}
	o.AsOf = fupan.DateOf(time.Now().In(loc))
	if o.Identity, err = identity(c); err != nil {
		return o, err
	}
	if s := c.String("as-of"); s != "" {
		day, err := time.Parse("2006-01-02", s)
		if err != nil {
			return o, usageError("--as-of " + s + ": want a date such as 2025-10-08")
		}
		o.AsOf = fupan.DateOf(day)
	}
	if s := c.String("lang"); s != "" {
		l, ok := fupan.ParseLang(s)
		if !ok {
			return o, usageError("--lang " + s + ": want zh-Hans, zh-Hant or en")
		}
		o.Lang = l
	}
	if o.Output != "" && strings.ToLower(filepath.Ext(o.Output)) != ".xlsx" {
		return o, usageError("-o " + o.Output + ": want a .xlsx file")
	}
	return o, nil
}

// register is every team's register as of the day, filtered, by team.
func (o actionsOptions) register(ctx context.Context, db fupan.History) ([]fupan.RegisterEntry, error) {
	all, err := everyPast(ctx, db)
	if err != nil {
		return nil, err
	}
	team := o.Identity.TeamKey(o.Team)
	owner := o.Identity.MetricKey(o.Owner)
	list := []fupan.RegisterEntry{}
	for key, past := range all {
		if team != "" && !strings.Contains(key, team) {
			continue
		}
		fupan.SortPast(past)
		name := past[len(past)-1].Team // the name it goes by now
		for _, e := range fupan.Register(past, o.AsOf) {
			e.Team = name
			if o.Open && !e.Open() || owner != "" && !ownedBy(e.Owner, owner, o.Identity) {
				continue
			}
			list = append(list, e)
		}
	}
	fupan.SortRegister(list)
	return list, nil
}

// ownedBy reports one of an owner cell's names, folded, being the one asked.
func ownedBy(cell, want string, id fupan.Identity) bool {
	for _, n := range fupan.ParseOwners(cell) {
		if id.MetricKey(n) == want {
			return true
		}
	}
	return false
}

// run lists the register: written to a workbook, as JSON, or as a table.
func (o actionsOptions) run(ctx context.Context, db fupan.History, stdout io.Writer) error {
	list, err := o.register(ctx, db)
	if err != nil {
		return failedError(err.Error())
	}
	l := o.Lang
	switch {
	case o.Output != "":
		if err := os.MkdirAll(filepath.Dir(o.Output), 0o755); err != nil {
			return failedError(err.Error())
		}
		if err := batch.WriteAtomic(o.Output, func(f *os.File) error { return xlsx.WriteActions(f, list, l) }); err != nil {
			return failedError(err.Error())
		}
		fmt.Fprintln(stdout, printable(o.Output))
	case o.JSON:
		b, err := json.MarshalIndent(list, "", "  ")
		if err != nil {
			return failedError(err.Error())
		}
		fmt.Fprintln(stdout, string(b))
	default:
		rows := [][]string{xlsx.ActionsHeader(l)}
		for _, e := range list {
			rows = append(rows, printableRow(xlsx.ActionsRow(e, l)))
		}
		printColumns(stdout, rows)
		open := 0
		for _, e := range list {
			if e.Open() {
				open++
			}
		}
		fmt.Fprintln(stdout, catalog.F(l, "actions.count", len(list), open))
	}
	return nil
}

func printableRow(r []string) []string {
	for i := range r {
		r[i] = printable(r[i])
	}
	return r
}
