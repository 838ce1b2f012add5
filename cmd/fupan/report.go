package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/fupan-review/fupan"
	"github.com/fupan-review/fupan/batch"
	"github.com/fupan-review/fupan/pdf"
	"github.com/fupan-review/fupan/xlsx"
	"github.com/rs/zerolog"
	"github.com/urfave/cli/v2"
)

func reportCommand() *cli.Command {
	return &cli.Command{
		Name:      "report",
		Usage:     "write the reviewed workbook and the PDF report of one workbook",
		ArgsUsage: "FILE",
		Description: `Reads one workbook and writes into DIR:
  <name>.reviewed.xlsx  the workbook with 达成率 and 偏差率 filled and coloured,
                        notes where the team's own value differs, and a
                        复盘结论 (review conclusion) sheet
  <name>.pdf            the report 《策略复盘报告》 for leadership
The input file is never changed. A workbook with errors gets no report: its
findings are printed instead (see fupan validate).

Examples:
  fupan report 华东销售部_2025Q3.xlsx -o 报告/
  fupan report 华东销售部_2025Q3.xlsx -o out --lang en

Exit status: 0 written, 1 the workbook has errors or could not be written, 2 bad usage.`,
		Flags: append(append(reviewFlags(),
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: ".", Usage: "write into `DIR`"},
			fontFlag(),
		), historyFlags()...),
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			o, err := reportOptionsFrom(c)
			if err != nil {
				return err
			}
			if o.History != nil {
				defer func() { _ = o.History.Close() }()
			}
			return o.run(c.Context, c.App.Writer, c.App.ErrWriter)
		},
	}
}

// reportOptions are what fupan report does, read from its flags: tests
// make them directly and call run.
type reportOptions struct {
	File, Output string
	Settings     batch.Settings
	Identity     fupan.Identity
	// History records the review and compares it with the team's previous
	// period; nil for none. HistoryProblem is why one asked for is not there.
	History        fupan.History
	HistoryProblem error
	Site           string // recorded with the review
}

func reportOptionsFrom(c *cli.Context) (reportOptions, error) {
	if c.NArg() != 1 {
		return reportOptions{}, usageError("report takes one FILE")
	}
	o := reportOptions{File: c.Args().First(), Output: c.String("output")}
	var err error
	if o.Settings, err = settingsFrom(c); err != nil {
		return o, err
	}
	if o.Identity, err = identity(c); err != nil {
		return o, err
	}
	o.History, o.HistoryProblem, err = openHistory(c, o.Output, historyOne)
	o.Site = site(c)
	return o, err
}

// run reads, checks and reports the workbook; a workbook with errors gets
// its findings printed and no report.
func (o reportOptions) run(ctx context.Context, stdout, stderr io.Writer) error {
	p := batch.Pipeline{Settings: o.Settings, Identity: o.Identity, Outputs: true}
	if o.History != nil {
		p.Compare, p.Record = o.History, o.History
	}
	wb := p.Read(nil, o.File, o.File, "")
	if wb.Unreadable != nil {
		var fe *xlsx.FileError
		if !errors.As(wb.Unreadable, &fe) {
			return failedError(wb.Unreadable.Error())
		}
		printFindings(stderr, wb.Review.Meta.Lang, wb.Review.Findings)
		return failedErrorf("%s cannot be read: no report written", o.File)
	}
	if err := p.Analyse(ctx, wb); err != nil {
		return failedError(err.Error())
	}
	rv := wb.Review
	if rv.HasErrors() {
		printFindings(stderr, rv.Meta.Lang, rv.Findings)
		return failedErrorf("%s has errors: no report written", o.File)
	}
	problem := o.HistoryProblem
	if err := p.CompareStep(ctx, wb, false); err != nil {
		problem = err
	}
	base := filepath.Join(o.Output, batch.OutputBase(filepath.Base(o.File)))
	outs, err := p.Write(ctx, wb, base, filepath.Ext(o.File), true)
	if err != nil {
		return failedError(err.Error())
	}
	zerolog.Ctx(ctx).Info().Str("reviewed", outs.Reviewed).Str("pdf", outs.PDF).Msg("report written")
	fmt.Fprintln(stdout, printable(outs.Reviewed))
	fmt.Fprintln(stdout, printable(outs.PDF))
	if o.History != nil && problem == nil {
		// Whose review it is (OUT and the input, absolute): a run's re-run
		// tells its own from this one.
		problem = p.RecordStep(ctx, wb, fupan.Recording{RecordedAt: time.Now(), Version: version, Output: o.Output, Input: o.File, Site: o.Site})
	}
	if problem != nil {
		return failedErrorf("the report is written, but the review history was not updated: %v", problem)
	}
	return nil
}

func fontFlag() cli.Flag {
	return &cli.StringFlag{Name: "font", Usage: "draw PDFs with the TrueType font `FILE` (.ttf, or .ttc with :N for face N; default: the embedded WenQuanYi Micro Hei)"}
}

// fontOption loads --font, or the embedded font when it is not given.
func fontOption(c *cli.Context) (pdf.Font, error) {
	path := c.String("font")
	if path == "" {
		return pdf.Font{}, nil
	}
	f, err := pdf.LoadFont(path)
	if err != nil {
		return f, usageError(err.Error())
	}
	return f, nil
}
