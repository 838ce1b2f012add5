package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/catalog"
	"github.com/fupan-review/fupan/wording"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/urfave/cli/v2"
)

func inspectCommand() *cli.Command {
	return &cli.Command{
		Name:      "inspect",
		Usage:     "show the parsed and computed review of one workbook",
		ArgsUsage: "FILE",
		Description: `Reads one workbook and prints what fupan understood: the review facts, the
four tables with their parsed values, the computed achievement and deviation,
the key figures and the findings. --json prints it as one JSON object for
scripts (keys: file, meta, plan, tracking, outcomes, actions, summary, findings;
with --history, also previous and trends: the team's previous period and each
metric's achievement over its last 8 periods).

Examples:
  fupan inspect 华东销售部_2025Q3.xlsx
  fupan inspect 华东销售部_2025Q3.xlsx --json | jq '.outcomes[].achievement'
  fupan inspect 华东销售部_2025Q3.xlsx --json --history fupan-history.sqlite | jq .trends

Exit status: 0 read (even with findings), 1 the file cannot be read, 2 bad usage.`,
		Flags:        append(append(reviewFlags(), &cli.BoolFlag{Name: "json", Usage: "print JSON"}), historyFlags()...),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			softMemoryLimit(readOnlyMemory)
			if c.NArg() != 1 {
				return usageError("inspect takes one FILE")
			}
			o := inspectOptions{File: c.Args().First(), JSON: c.Bool("json")}
			var err error
			if o.Analyze, err = analyzeOptions(c); err != nil {
				return err
			}
			if o.Reader, err = readerOptions(c); err != nil {
				return err
			}
			db, problem, err := openHistory(c, "", historyRead)
			if err != nil {
				return err
			}
			if problem != nil {
				return failedError(problem.Error())
			}
			if db != nil {
				defer func() { _ = db.Close() }()
				o.History = db
				if o.Identity, err = identity(c); err != nil {
					return err
				}
			}
			return o.run(c.Context, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// inspectOptions are what fupan inspect shows, read from its flags.
type inspectOptions struct {
	File     string
	Analyze  fupan.Options
	Reader   xlsx.Options
	JSON     bool
	History  fupan.History // nil: no previous period, no trends
	Identity fupan.Identity
}

// run prints the review: as JSON, or for a person. A file that cannot be
// read at all gets its finding on stderr and exit 1 (JSON still printed).
func (o inspectOptions) run(ctx context.Context, stdout, stderr io.Writer) error {
	rv, err := reviewPipeline(o.Analyze, o.Reader, o.History, o.Identity).Review(ctx, o.File, o.File)
	if err != nil {
		return failedError(err.Error())
	}
	unreadable := len(rv.Tables) == 0 && len(rv.Findings) == 1 && strings.HasPrefix(string(rv.Findings[0].Code), "file-")
	if unreadable {
		defer printFindings(stderr, rv.Meta.Lang, rv.Findings)
	}
	if o.JSON {
		b, err := rv.JSON()
		if err == nil {
			_, err = fmt.Fprintln(stdout, string(b))
		}
		if err != nil {
			return failedError(err.Error())
		}
	} else if !unreadable {
		printReview(stdout, rv, fupan.DateOf(o.Analyze.Now))
	}
	if unreadable {
		return errSilent
	}
	return nil
}

func pct(v *float64, signed bool) string {
	if v == nil {
		return "-"
	}
	return fupan.FormatPercent(*v, signed)
}

// printReview writes the review for a person: facts, tables, figures, findings.
func printReview(w io.Writer, rv *fupan.Review, asOf fupan.Date) {
	l := rv.Meta.Lang
	fmt.Fprintf(w, "%s  %s: %s  %s: %s\n", rv.File, catalog.T(l, "team"), rv.Meta.Team, catalog.T(l, "period"), rv.Meta.Period)
	for _, id := range append(fupan.Tables, fupan.FollowupTable) {
		def := fupan.TableDefOf(id)
		loc, ok := rv.Loc(id)
		if !ok {
			continue
		}
		fmt.Fprintf(w, "\n%s  (%s!%s%d)\n", def.Title(l), loc.Sheet, fupan.ColumnName(loc.FirstCol), loc.HeaderRow)
		switch id {
		case fupan.PlanTable:
			for _, p := range rv.Plan {
				fmt.Fprintf(w, "  %-6s %s | %s | %s | %s..%s | %s | %s\n", p.Ref.Cell(), p.Goal, p.Task, p.Owner,
					p.Start, p.End, wording.FormatResourcesIn(p.Budget, p.People, p.Currency, l), p.Acceptance)
			}
		case fupan.TrackingTable:
			for _, t := range rv.Tracking {
				fmt.Fprintf(w, "  %-6s %s | %s → %s | %s (%s) | %s\n", t.Ref.Cell(), t.Task, t.PlannedText, t.ActualText,
					pct(t.Deviation, true), pct(t.StatedDeviation, true), t.Owner)
			}
		case fupan.OutcomeTable:
			for _, o := range rv.Outcomes {
				fmt.Fprintf(w, "  %-6s %s | %s → %s | %s (%s) %s\n", o.Ref.Cell(), o.Metric, o.TargetText, o.ActualText,
					pct(o.Achievement, false), pct(o.StatedAchievement, false), statusLabel(l, o.Status))
			}
		case fupan.ActionTable:
			for _, a := range rv.Actions {
				fmt.Fprintf(w, "  %-6s %s | %s | %s | %s\n", a.Ref.Cell(), a.Item, a.Owner, a.Due, a.Acceptance)
			}
		case fupan.FollowupTable:
			for _, f := range rv.FollowupRows {
				fmt.Fprintf(w, "  %-6s %s | %s | %s | %s | %s | %s\n", f.Ref.Cell(), f.Item, f.Owner, f.Due, f.Status, f.DoneOn, f.Effect)
			}
		}
	}
	s := rv.Summary
	fmt.Fprintf(w, "\n%s: %d/%d  %s: %s  %s: %s  %s: %s\n",
		catalog.T(l, "metrics.met"), s.MetricsAchieved, s.Metrics,
		catalog.T(l, "mean.achievement"), pct(s.MeanAchievement, false),
		catalog.T(l, "completion"), pct(s.Completion, false),
		catalog.T(l, "budget"), wording.FormatMoney(s.Budget, s.BudgetCurrency, l))
	if len(rv.Followup) > 0 {
		fmt.Fprintf(w, "\n%s\n", catalog.T(l, "followup"))
		for _, f := range rv.Followup {
			status, age := wording.FollowState(f, l, asOf) // as the report's table says it
			if age != "" {
				status += catalog.T(l, "paren.open") + age + catalog.T(l, "paren.close")
			}
			fmt.Fprintf(w, "  %s | %s | %s | %s\n", f.Action, f.Owner, wording.DueText(l, f.Due, f.MovedTo), status)
		}
	}
	if line := wording.ChangeLine(rv, l); line != "" {
		fmt.Fprintln(w, line)
	}
	if len(rv.Findings) > 0 {
		fmt.Fprintln(w)
		printFindings(w, l, rv.Findings)
	}
}

func statusLabel(l fupan.Lang, status fupan.OutcomeStatus) string {
	if status == "" {
		return ""
	}
	return catalog.T(l, status.Key())
}

// printFindings writes findings grouped by sheet.
func printFindings(w io.Writer, l fupan.Lang, fs []fupan.Finding) {
	sheet := "\x00"
	for _, f := range fs {
		f = f.In(l)
		if f.Sheet != sheet {
			sheet = f.Sheet
			if sheet != "" {
				fmt.Fprintf(w, "  [%s]\n", printable(sheet))
			}
		}
		cell := f.Cell
		if cell == "" {
			cell = "-"
		}
		fmt.Fprintf(w, "    %-5s %-7s %s [%s]\n", cell, catalog.T(l, "severity."+string(f.Severity)), printable(f.Message()), f.Code)
		if h := f.Hint(); h != "" {
			fmt.Fprintf(w, "          %s%s\n", strings.Repeat(" ", 8), printable(h))
		}
	}
}
